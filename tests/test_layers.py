"""The code's shape, read from the source (ast): imports flow down the layers of DESIGN.md,
there is no import circle, imports inside functions say why, no function is too long, and no
two modules share six identical lines.

Floors, lowest first (a module imports only from its own floor's package or below):
portal < forum_anak.models < core < notifications < membership < safeguarding < proposals
< moderation, privacy (siblings: neither imports the other) < public < musrenbang
< the app's urls, hooks, management commands and demo < content.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("portal", "forum_anak", "content")
FEATURES = (
    "core",
    "notifications",
    "membership",
    "safeguarding",
    "proposals",
    ("moderation", "privacy"),
    "public",
    "musrenbang",
)
# The marker an import inside a function carries on its own line or the line above.
REASON = "# inner import:"
MAX_FUNCTION_LINES = 60


def _floors() -> dict[str, int]:
    floors = {"forum_anak.models": 1}
    for number, names in enumerate(FEATURES, start=2):
        for name in names if isinstance(names, tuple) else (names,):
            floors[f"forum_anak.{name}"] = number
    return floors


FLOORS = _floors()
APP_TOP = len(FEATURES) + 2  # urls, wagtail_hooks, management commands, demo
CONTENT = APP_TOP + 1


def floor_of(module: str) -> tuple[int, str]:
    """The floor of a dotted module name and the unit (package) it belongs to."""
    if module == "portal" or module.startswith("portal."):
        return 0, "portal"
    if module == "content" or module.startswith("content."):
        return CONTENT, "content"
    for prefix, number in FLOORS.items():
        if module == prefix or module.startswith(prefix + "."):
            return number, prefix
    return APP_TOP, "forum_anak"


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


MODULES = modules()


def _resolve(module: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    """First-party modules an import statement names (`from a import b` counts as a.b
    when a.b is a module, else as a)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            parent = module.split(".")[: -node.level]
            base = ".".join([*parent, base] if base else parent)
        names = [
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
            for alias in node.names
        ]
    return [name for name in names if name.split(".")[0] in PACKAGES]


def _comment_above(lines: list[str], lineno: int) -> str:
    """The import's own line and the comments and imports right above it (one reason
    comment covers a block of imports)."""
    start = lineno - 1
    while start > 0 and lines[start - 1].strip().startswith(("#", "from ", "import ")):
        start -= 1
    return "\n".join(lines[start:lineno])


def _imports(module: str, path: Path) -> list[tuple[str, int, bool, str]]:
    """(imported module, line, inside a function, the comment block above it)."""
    source = path.read_text()
    lines = source.splitlines()
    found = []
    functions = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    inner_lines = {
        child.lineno
        for function in functions
        for child in ast.walk(function)
        if isinstance(child, ast.Import | ast.ImportFrom)
    }
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        context = _comment_above(lines, node.lineno)
        inner = node.lineno in inner_lines
        targets = _resolve(module, node) or ([""] if inner else [])
        found += [(target, node.lineno, inner, context) for target in targets]
    return found


IMPORTS = {module: _imports(module, path) for module, path in MODULES.items()}


def _where(module: str, line: int) -> str:
    return f"{MODULES[module].relative_to(ROOT)}:{line}"


def upward_imports() -> list[str]:
    problems = []
    for module, imports in IMPORTS.items():
        floor, unit = floor_of(module)
        for target, line, _inner, _context in imports:
            if not target:
                continue
            target_floor, target_unit = floor_of(target)
            if target_floor > floor or (target_floor == floor and target_unit != unit):
                problems.append(f"{_where(module, line)} {module} imports {target}")
    return problems


def import_cycles() -> list[list[str]]:
    """Strongly connected groups of modules (Tarjan), largest first."""
    graph = defaultdict(set)
    for module, imports in IMPORTS.items():
        graph[module] |= {t for t, *_ in imports if t in MODULES and t != module}
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(MODULES):
        if module not in index:
            visit(module)
    return sorted(groups, key=len, reverse=True)


def inner_imports() -> list[tuple[str, bool]]:
    """Every import inside a function, and whether it carries its reason."""
    return [
        (f"{_where(module, line)} {target or '(third-party)'}", REASON in context)
        for module, imports in IMPORTS.items()
        for target, line, inner, context in imports
        if inner
    ]


def long_functions() -> list[str]:
    found = []
    for module, path in MODULES.items():
        if not module.startswith(("forum_anak", "portal")):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{_where(module, node.lineno)} {node.name}: {length} lines")
    return found


def shared_runs(size: int = 6) -> list[str]:
    """Runs of `size` identical lines (stripped; blank lines, comments and import statements
    left out) that stand in two different modules: a rule written twice."""
    runs = defaultdict(set)
    for module, path in MODULES.items():
        source = path.read_text()
        imports = {
            line
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Import | ast.ImportFrom)
            for line in range(node.lineno, node.end_lineno + 1)
        }
        lines = [
            (number, text.strip())
            for number, text in enumerate(source.splitlines(), start=1)
            if text.strip() and not text.strip().startswith("#") and number not in imports
        ]
        for start in range(len(lines) - size + 1):
            run = tuple(text for _number, text in lines[start : start + size])
            runs[run].add((module, lines[start][0]))
    return sorted(
        " ~ ".join(_where(module, line) for module, line in sorted(places)[:2])
        for places in runs.values()
        if len({module for module, _line in places}) > 1
    )


def test_imports_flow_down_the_layers():
    problems = upward_imports()
    assert not problems, "Imports against the layer order:\n" + "\n".join(problems)


def test_no_import_circle():
    cycles = import_cycles()
    assert not cycles, "Import circles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_imports_inside_functions_give_a_reason(capsys):
    found = inner_imports()
    with capsys.disabled():
        print(f"\nimports inside functions: {len(found)}")
        for where, _ok in found:
            print(f"  {where}")
    missing = [where for where, ok in found if not ok]
    assert not missing, (
        f"Imports inside functions without a '{REASON} <why>' comment (not a cycle: move "
        "the import to the top, or the code to the right floor):\n" + "\n".join(missing)
    )


def test_no_two_modules_share_six_identical_lines():
    found = shared_runs()
    assert not found, "The same six lines in two modules (give the rule one home):\n" + (
        "\n".join(found)
    )


def test_no_function_is_longer_than_60_lines():
    found = long_functions()
    assert not found, "Functions over 60 lines (split the steps):\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("importer", "imported", "allowed"),
    [
        ("forum_anak.musrenbang.services", "forum_anak.proposals.services", True),
        ("forum_anak.proposals.services", "forum_anak.musrenbang.services", False),
        ("forum_anak.moderation.views", "forum_anak.privacy.services", False),
        ("forum_anak.core.access", "portal.roles", True),
        ("portal.views", "forum_anak.models", False),
        ("content.models", "forum_anak.public.selectors", True),
        ("forum_anak.public.views", "content.models", False),
        ("forum_anak.wagtail_hooks", "forum_anak.musrenbang.hooks", True),
    ],
)
def test_the_floor_rule_itself(importer, imported, allowed):
    """The rule the layer test applies, on known cases (so a broken floor map can't pass
    everything)."""
    floor, unit = floor_of(importer)
    target_floor, target_unit = floor_of(imported)
    ok = target_floor < floor or (target_floor == floor and target_unit == unit)
    assert ok is allowed
