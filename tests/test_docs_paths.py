"""Every repository path that README.md and docs/*.md write in backticks exists.

A heuristic, so that moving a file cannot leave the documentation pointing at it unnoticed.
A backticked token counts as a path when it contains a "/", ends in a known file extension,
or is a known top-level file. Not paths, and not checked: site URLs (a leading "/", or a file
served at the site root such as robots.txt), anything with a scheme, a space (commands), a
placeholder or glob (<name>, *, {...}, ...), quotes or "=" (settings and their values), time
zones and media types ("Asia/Makassar", "text/html"), dotted Python paths (no "/", no file
extension), paths leaving the repository (../shared/...), and what is made at run time
rather than kept in the repository (what .gitignore lists: media/ and Wagtail's folders in
it, staticfiles/, db.sqlite3, .venv, ...).

A path with a "/" is looked up from the repository root and, for a page in docs/, from
docs/ too. A bare file name ("dev.py", "base.html") is found when a file of that name exists
anywhere in the repository. Fenced code blocks are not read: only inline code.
"""

import mimetypes
import os
import re
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC_PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

EXTENSIONS = (
    ".py", ".md", ".html", ".css", ".js", ".json", ".csv", ".toml", ".txt", ".sh",
    ".lock", ".cfg", ".ini", ".yml", ".yaml", ".xml", ".svg", ".png", ".po", ".mo",
)  # fmt: skip
TOP_LEVEL_FILES = {"Makefile", ".python-version", ".gitignore", "requirements.lock"}
# Served at the site root by a view: URLs, even when written without their leading "/".
SITE_ROOT_FILES = {"robots.txt", "sitemap.xml", "sw.js", "manifest.webmanifest", "favicon.ico"}
# Wagtail's folders inside MEDIA_ROOT, made at run time.
MEDIA_FOLDERS = {"images", "original_images", "documents"}
# Names with a "/" that are not paths: time zones ("Asia/Makassar") and media types.
NOT_PATHS = zoneinfo.available_timezones() | set(mimetypes.types_map.values())

INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
FENCE = re.compile(r"^\s*(```|~~~)")
# Whitespace (a command), a placeholder or glob, quotes, "=" (a setting), ":" (a scheme or a
# header), and the like: not a plain path.
NOT_A_PATH = re.compile(r"""[\s<>*{}()\[\]"'=?:,;@$%&|\\]|\.\.\.""")


def runtime_names() -> set[str]:
    """Top-level names .gitignore lists without a glob: made at run time, not kept here."""
    names = set(MEDIA_FOLDERS)
    for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and not NOT_A_PATH.search(line):
            names.add(line.strip("/"))
    return names


def repository_file_names() -> set[str]:
    names = set()
    for _folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
        names.update(dirs)
        names.update(files)
    return names


def looks_like_a_path(token: str) -> bool:
    if NOT_A_PATH.search(token) or token.startswith("/"):
        return False
    if token in SITE_ROOT_FILES or token in NOT_PATHS:
        return False
    return "/" in token or token.endswith(EXTENSIONS) or token in TOP_LEVEL_FILES


def inline_paths(page: Path):
    """(line number, token) for each backticked path on the page, outside code fences."""
    in_fence = False
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            for token in INLINE_CODE.findall(line):
                token = token.strip()
                if looks_like_a_path(token):
                    yield number, token


def missing_paths() -> list[str]:
    runtime = runtime_names()
    file_names = repository_file_names()
    missing = []
    for page in DOC_PAGES:
        bases = [ROOT] + ([page.parent] if page.parent != ROOT else [])
        for number, token in inline_paths(page):
            relative = token.removeprefix("./")
            if relative.split("/", 1)[0] in runtime:
                continue
            from_root = Path(os.path.normpath(ROOT / relative))
            if not from_root.is_relative_to(ROOT):
                continue  # outside the repository, e.g. ../shared/DOMAIN.md
            candidates = [Path(os.path.normpath(base / relative)) for base in bases]
            if any(c.is_relative_to(ROOT) and c.exists() for c in candidates):
                continue
            if "/" not in relative.rstrip("/") and relative.rstrip("/") in file_names:
                continue
            missing.append(f"{page.relative_to(ROOT)}:{number}: `{token}`")
    return missing


def test_the_docs_name_only_paths_that_exist():
    missing = missing_paths()
    assert not missing, (
        f"{len(missing)} path(s) written in backticks in README.md or docs/ do not exist:\n"
        + "\n".join(missing)
    )


def test_the_path_heuristic():
    """What the check above counts as a path, and what it leaves alone."""
    paths = ["portal/settings/dev.py", "docs/roles.md", ".ci/run", "Makefile", "base.html"]
    not_paths = [
        "/usulan/",
        "/usulan/<code>/",
        "https://example.org/",
        "postgres://user:pass@host:5432/portal",
        "make test",
        "manage.py purge_expired",
        "portal.settings.production",
        "forum_anak.Proposal",
        "MEDIA_ROOT",
        "DATABASE_URL",
        "CACHE_BACKEND=database",
        "templates/pages/<name>.html",
        "SECURE_HSTS_*",
        "{title, text}",
        "/edukasi/...",
        "robots.txt",
        "type=content.NewsArticlePage",
        "Asia/Makassar",
        "text/html",
    ]
    assert [p for p in paths if not looks_like_a_path(p)] == []
    assert [p for p in not_paths if looks_like_a_path(p)] == []
