"""The layering the code promises (docs/ARCHITECTURE.md), checked on the source itself."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "reportcli"
MAP = ROOT / "docs" / "ARCHITECTURE.md"


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


def layer(name: str) -> str:
    if name == "__main__.py":  # `python -m reportcli` is an entry point, as the console script is
        return "cli"
    return name.split("/", maxsplit=1)[0] if name.startswith(("render/", "cli/")) else "core"


def test_the_core_imports_neither_the_output_layer_nor_the_commands() -> None:
    offending = {
        name: sorted(m for m in imported(path) if m.startswith(("reportcli.render", "reportcli.cli")))
        for name, path in modules().items()
        if layer(name) == "core"
    }
    assert {name: found for name, found in offending.items() if found} == {}


def test_the_output_layer_imports_only_the_models_plain_types() -> None:
    allowed = re.compile(r"reportcli(\.render(\..*)?|\.model(\.\w+)?)$")
    offending = {
        name: sorted(m for m in imported(path) if not allowed.match(m))
        for name, path in modules().items()
        if layer(name) == "render"
    }
    assert {name: found for name, found in offending.items() if found} == {}


def test_the_architecture_map_names_every_module_and_only_those() -> None:
    text = MAP.read_text(encoding="utf-8")
    block = text.split("## Modules", 1)[1].split("```", 2)[1]
    mapped = {match.group(1) for match in re.finditer(r"^([\w/]+\.py)\s", block, re.M)}
    assert mapped == set(modules()), "update the module map in docs/ARCHITECTURE.md"


def test_a_check_that_would_catch_a_forbidden_import(tmp_path: Path) -> None:
    """The import scan sees imports inside functions too, so the rules above can fail."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from reportcli.render import tables\n    import reportcli.cli.options\n")
    assert {"reportcli.render", "reportcli.render.tables", "reportcli.cli.options"} <= imported(sample)
