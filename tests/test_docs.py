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


def test_the_man_page_and_the_environment_list_match_the_code() -> None:
    """docs/reportcli.1 and docs/ENVIRONMENT.md are written from the commands and the one list of
    variables: regenerated, they are what is committed."""
    stale = [path for path, text in _generator().manual_files().items() if path.read_text(encoding="utf-8") != text]
    assert [str(path.relative_to(ROOT)) for path in stale] == [], "run: python docs/generate.py"


def test_the_man_page_documents_every_command_option_and_variable() -> None:
    from reportcli.cli.environment import VARIABLES

    page = (ROOT / "docs" / "reportcli.1").read_text(encoding="utf-8")
    generator = _generator()
    for name in generator.commands():
        assert f".SS reportcli {name}\n" in page, name
    for option in ("\\-\\-kwic", "\\-\\-sort", "\\-\\-only", "\\-\\-min\\-count", "\\-\\-corpus", "\\-\\-json"):
        assert f"\\fB{option}" in page or f", {option}" in page, option
    for variable in VARIABLES:
        assert f".TP\n\\fB{variable.name}\\fR\n" in page, variable.name
    assert ".SH EXIT STATUS" in page and "\\fB130\\fR" in page


def test_every_environment_variable_the_code_reads_is_in_the_one_list() -> None:
    """Each name the code reads (a quoted upper-case name beside environ, or a *_ENV constant), and the
    names Rich and shutil read for it, are listed; each REPORTCLI_ name listed is read somewhere."""
    import re

    from reportcli.cli.environment import VARIABLES

    listed = {variable.name for variable in VARIABLES}
    source = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "src" / "reportcli").rglob("*.py"))
    read = set(re.findall(r"environ(?:\.get)?[\[(]\s*\"([A-Z][A-Z0-9_]+)\"", source))
    read |= set(re.findall(r"^\w*ENV\w* = \"([A-Z][A-Z0-9_]+)\"", source, re.M))
    for names in re.findall(r"for name in \((\"[A-Z_]+\"(?:, \"[A-Z_]+\")*)\)", source):  # the pager's two
        read |= set(re.findall(r"[A-Z_]+", names))
    assert read and read <= listed, sorted(read - listed)
    assert {"COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "PAGER", "REPORTCLI_PAGER"} <= listed
    for name in listed:
        if name.startswith("REPORTCLI_"):
            assert f'"{name}"' in source, f"{name} is listed but the code never reads it"
