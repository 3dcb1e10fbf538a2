"""The README's promises that a test can hold it to."""

from __future__ import annotations

from typing import Any

from conftest import ROOT


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in quick_start.splitlines() if line.strip()]
    assert len(commands) == 2
    assert "reportcli themes" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == commands[1]


def _generator() -> Any:  # docs/generate.py is a script, not part of the package
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate", ROOT / "docs" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_reference_help_blocks_layouts_and_screenshots_match_the_code() -> None:
    stale = _generator().stale()
    assert [str(path.relative_to(ROOT)) for path in stale] == [], "run: python docs/generate.py"


def test_every_command_has_help_text_with_examples() -> None:
    generator = _generator()
    names = generator.commands()
    assert set(names) >= {"themes", "show", "figures", "search", "diff", "validate"}
    for name in [None, *names]:
        text = generator.help_text(name)
        summary = text.split("\n\n")[1].strip()
        assert len(summary) > 20, f"{name or 'reportcli'} has no help text"
        assert "Examples:" in text and text.count("\n    reportcli ") >= 2, f"{name or 'reportcli'} lacks examples"


def test_the_version_is_defined_once() -> None:
    from reportcli import __version__

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and "\nversion =" not in pyproject
    assert f"## {__version__}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
