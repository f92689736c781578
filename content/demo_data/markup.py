"""Reads the demo page files in pages/: Markdown with a TOML front matter.

The format is described in README.md beside this module. Kept deliberately small: the few
Markdown forms a demo article needs, turned into exactly the StreamField blocks an editor
would make in the admin, so a writer edits text files and never Python. Nothing here touches
the database: the caller passes a function that turns a link's path into a page id.
"""

import html
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parent / "pages"
HOME_FILE = "index.md"

_FRONT_MATTER = re.compile(r"\A\+\+\+\n(.*?)^\+\+\+\n", re.S | re.M)
_DIRECTIVE = re.compile(r"^::: *(\w+)\n(.*?)^:::$", re.S | re.M)
_ITEM = re.compile(r"^(?:- |\d+\. )", re.M)
_INLINE = [
    (re.compile(r"\*\*(.+?)\*\*"), r"<b>\1</b>"),
    (re.compile(r"\*(.+?)\*"), r"<i>\1</i>"),
]
_LINK = re.compile(r"\[([^\]]+)\]\((/[^)]*)\)")

Link = Callable[[str], int]


@dataclass(frozen=True)
class PageFile:
    """One page file: where it sits in the tree, its front matter and its Markdown body."""

    file: Path
    parent: str | None  # the parent's path below the home page ("/", "/berita/"); None: home
    slug: str
    fields: dict
    body: str

    @property
    def path(self) -> str:
        """The page's path below the home page, as links write it: "/berita/"."""
        return "/" if self.parent is None else f"{self.parent}{self.slug}/"

    @property
    def sort_key(self) -> tuple:
        # Siblings in the order the writer gave, else by date (articles), then by slug.
        return (self.fields.get("order", 0), self.fields.get("date", date.min), self.slug)


def read_page(file: Path, root: Path = PAGES_DIR) -> PageFile:
    """Split a page file into its front matter (TOML between two `+++` lines) and body.

    Why TOML: Python reads it without a third-party package, it has real dates and lists,
    and a writer can leave comments."""
    text = file.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ValueError(f"{file}: the file must start with a +++ front matter block")
    try:
        fields = tomllib.loads(match[1])
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{file}: front matter: {error}") from error
    relative = file.relative_to(root)
    if relative.name == HOME_FILE and relative.parent == Path():
        parent = None
    else:
        parent = "/" + "".join(f"{part}/" for part in relative.parent.parts)
    return PageFile(file, parent, relative.stem, fields, text[match.end() :].strip())


def read_pages(root: Path = PAGES_DIR) -> list[PageFile]:
    """Every page file, in the order to create them: the home page, then each level of the
    tree in turn (so a link can point at any page of a higher level or an earlier sibling),
    siblings in their sort order."""
    pages = [read_page(file, root) for file in root.rglob("*.md")]
    return sorted(
        pages,
        key=lambda page: (
            (page.parent is not None, page.path.count("/"), page.parent or "") + page.sort_key
        ),
    )


def inline(text: str, link: Link) -> str:
    """Rich text of one paragraph or list item: **bold**, *italic* and [text](/page/path/)
    links to pages of this site, stored the way Wagtail's editor stores them."""
    result = html.escape(text, quote=False)
    for pattern, replacement in _INLINE:
        result = pattern.sub(replacement, result)
    return _LINK.sub(lambda m: f'<a linktype="page" id="{link(m[2])}">{m[1]}</a>', result)


def _prose_block(chunk: str, link: Link) -> tuple[str, object]:
    """A heading, a list or a paragraph: one block per chunk between blank lines."""
    if chunk.startswith(("## ", "### ")):
        marks, text = chunk.split(" ", 1)
        return "heading", {"text": " ".join(text.split()), "level": f"h{len(marks)}"}
    if _ITEM.match(chunk):
        tag = "ul" if chunk.startswith("- ") else "ol"
        items = [" ".join(item.split()) for item in _ITEM.split(chunk) if item.strip()]
        body = "".join(f"<li>{inline(item, link)}</li>" for item in items)
        return "paragraph", f"<{tag}>{body}</{tag}>"
    return "paragraph", f"<p>{inline(' '.join(chunk.split()), link)}</p>"


def _directive_block(kind: str, text: str, link: Link) -> tuple[str, object]:
    """A `::: kind` block: its fields are TOML. FAQ answers are rich text like a paragraph."""
    try:
        value = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"::: {kind} block: {error}") from error
    if kind == "faq":
        value["items"] = [
            {"question": item["question"], "answer": f"<p>{inline(item['answer'], link)}</p>"}
            for item in value.get("items", [])
        ]
    return kind, value


def blocks(body: str, link: Link) -> list[tuple[str, object]]:
    """The StreamField blocks of a page body, in order, as (block type, value) pairs."""
    result = []
    parts = _DIRECTIVE.split(body)
    # re.split with two groups: prose, kind, directive text, prose, kind, ...
    for index in range(0, len(parts), 3):
        for chunk in re.split(r"\n\s*\n", parts[index].strip()):
            if chunk:
                result.append(_prose_block(chunk, link))
        if index + 2 < len(parts):
            result.append(_directive_block(parts[index + 1], parts[index + 2], link))
    return result
