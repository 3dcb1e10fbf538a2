"""The structure the code promises (docs/ARCHITECTURE.md), checked on the source itself: the areas and the
directions they may import (read from the table in the document), no import cycles, no private names
across modules, and a module map that names every module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "src" / "reportcli"
MAP = ROOT / "docs" / "ARCHITECTURE.md"
TOP_LEVEL_AREAS = {
    "__init__.py": "base",
    "errors.py": "base",
    "model.py": "base",
    "language.py": "base",
    "refs.py": "base",
    "text.py": "base",
    "atomic.py": "base",
    "scope.py": "scope",
    "caveats.py": "caveats",
    "export.py": "export",
    "__main__.py": "cli",  # `python -m reportcli` is an entry point, as the console script is
}


def modules() -> dict[str, Path]:
    """Every module of the package, by its path relative to the package (``render/flat.py``)."""
    return {path.relative_to(PACKAGE).as_posix(): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path) -> set[str]:
    """Every reportcli module a file imports, at any depth of the code (function-level imports too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("reportcli"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reportcli"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def module_of(dotted: str, known: dict[str, Path]) -> str | None:
    """The module file a dotted name is (``reportcli.search.hints`` -> ``search/hints.py``), or None for a
    name that is no module (a function imported from one)."""
    parts = dotted.split(".")[1:]
    for candidate in ("/".join(parts) + ".py", "/".join([*parts, "__init__.py"])):
        if candidate in known:
            return candidate
    return None


def area(name: str) -> str:
    if name in TOP_LEVEL_AREAS:
        return TOP_LEVEL_AREAS[name]
    return name.split("/", maxsplit=1)[0]


def allowed_directions() -> dict[str, set[str]]:
    """The table of docs/ARCHITECTURE.md: area -> the areas it may import (besides itself)."""
    section = MAP.read_text(encoding="utf-8").split("## Areas", 1)[1].split("## Modules", 1)[0]
    table: dict[str, set[str]] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("area", "") or set(cells[0]) <= {"-"}:
            continue
        targets = cells[2]
        table[cells[0]] = set() if targets == "—" else {t.strip() for t in targets.split(",")}
    every = set(table)
    return {name: (every if targets == {"every area"} else targets) for name, targets in table.items()}


def edges() -> dict[str, set[str]]:
    """Module -> the modules it imports (by file): ``from reportcli.render import prose`` is an edge to
    ``render/prose.py``, and to ``render/__init__.py`` only when a name that is no module is imported
    from the package."""
    known = modules()
    found: dict[str, set[str]] = {}
    for name, path in known.items():
        names = imported(path)
        targets = set()
        for dotted in names:
            target = module_of(dotted, known)
            submodules = [n for n in names if n.startswith(dotted + ".") and module_of(n, known)]
            named = [n for n in names if n.startswith(dotted + ".") and n.count(".") == dotted.count(".") + 1]
            if target and target.endswith("__init__.py") and named and len(submodules) == len(named):
                continue  # only submodules are imported from the package
            if target and target != name:
                targets.add(target)
        found[name] = targets
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected set of more than one node (Tarjan), each as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


NAMED_TUPLE_API = {"_fields", "_asdict", "_replace", "_make", "_field_defaults"}  # public, despite the _


def private_names(path: Path) -> list[str]:
    """``from reportcli.x import _y`` and ``x._y`` where x is an imported reportcli module, in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases: set[str] = set()
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reportcli"):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{node.module}.{alias.name}")
                aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            aliases.update(a.asname or a.name for a in node.names if a.name.startswith("reportcli"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and node.attr not in NAMED_TUPLE_API
        ):
            found.append(f"{node.value.id}.{node.attr}")
    return found


# --- the rules ------------------------------------------------------------------------------------------


def test_every_module_imports_only_the_areas_its_area_may() -> None:
    rules = allowed_directions()
    offending = {
        name: sorted(f"{t} ({area(t)})" for t in targets if area(t) != area(name) and area(t) not in rules[area(name)])
        for name, targets in edges().items()
    }
    assert {name: found for name, found in offending.items() if found} == {}


def test_every_area_of_the_code_is_in_the_table_and_the_table_has_no_circles() -> None:
    rules = allowed_directions()
    assert {area(name) for name in modules()} == set(rules), "an area without a row (or a row without code)"
    graph = {name: targets - {name} for name, targets in rules.items() if name != "cli"}
    assert cycles(graph) == []


def test_the_output_layer_imports_only_the_models_plain_records() -> None:
    allowed = re.compile(r"reportcli(\.render(\..*)?|\.model(\.\w+)?)$")
    offending = {
        name: sorted(m for m in imported(path) if not allowed.match(m))
        for name, path in modules().items()
        if area(name) == "render"
    }
    assert {name: found for name, found in offending.items() if found} == {}


def test_the_core_imports_neither_the_output_layer_nor_the_commands() -> None:
    offending = {
        name: sorted(m for m in imported(path) if m.startswith(("reportcli.render", "reportcli.cli")))
        for name, path in modules().items()
        if area(name) not in ("render", "cli")
    }
    assert {name: found for name, found in offending.items() if found} == {}


def test_no_module_imports_itself_back_through_others() -> None:
    assert cycles(edges()) == []


def test_no_private_name_is_imported_across_modules() -> None:
    offending = {name: found for name, path in modules().items() if (found := private_names(path))}
    assert offending == {}


def test_the_architecture_map_names_every_module_and_only_those() -> None:
    text = MAP.read_text(encoding="utf-8")
    block = text.split("## Modules", 1)[1].split("```", 2)[1]
    mapped = {match.group(1) for match in re.finditer(r"^([\w/]+\.py)\s", block, re.M)}
    assert mapped == set(modules()), "update the module map in docs/ARCHITECTURE.md"


# --- the checks can fail --------------------------------------------------------------------------------


def test_the_import_scan_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from reportcli.render import tables\n    import reportcli.cli.options\n")
    assert {"reportcli.render", "reportcli.render.tables", "reportcli.cli.options"} <= imported(sample)


def test_a_cycle_and_a_private_import_are_found(tmp_path: Path) -> None:
    assert cycles({"a.py": {"b.py"}, "b.py": {"c.py"}, "c.py": {"a.py"}, "d.py": {"a.py"}}) == [
        ["a.py", "b.py", "c.py"]
    ]
    assert cycles({"a.py": {"b.py"}, "b.py": set()}) == []
    sample = tmp_path / "sample.py"
    sample.write_text("from reportcli.search import _term\nfrom reportcli import text\nx = text._stemmer()\n")
    assert private_names(sample) == ["reportcli.search._term", "text._stemmer"]


@pytest.mark.parametrize(
    ("module", "target", "allowed"),
    [
        ("db/store.py", "diff/themes.py", False),  # the database never depends on a query
        ("reportfile/full.py", "extract/targets.py", False),  # the file format depends on no rule
        ("render/flat.py", "scope.py", False),
        ("search/rank.py", "scope.py", True),
        ("cli/search.py", "search/__init__.py", True),
    ],
)
def test_the_table_allows_what_it_says(module: str, target: str, allowed: bool) -> None:
    rules = allowed_directions()
    assert (area(target) in rules[area(module)] or area(target) == area(module)) is allowed
