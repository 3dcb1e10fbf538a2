"""Every command through Typer's CliRunner, in every format; golden files for tables."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import golden, minimal_document, run, write_yaml

from reportcli.render import Format

COMMANDS = {
    "themes": ["themes"],
    "show": ["show", "ecology"],
    "show-year": ["show", "community", "--year", "2023"],
    "figures": ["figures"],
    "figures-theme": ["figures", "--theme", "ecology", "--sort", "value"],
    "validate": ["validate"],
    "search": ["search", "carbon"],
    "search-count": ["search", "carbon", "--count"],
    "diff": ["diff", "ecology"],
    "diff-terms": ["diff", "ecology", "--terms"],
    "diff-summary": ["diff"],
}


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("fmt", [f.value for f in Format])
def test_every_command_in_every_format(name: str, fmt: str) -> None:
    result = run(*COMMANDS[name], "--format", fmt)
    assert result.exit_code == 0, result
    assert result.stderr == ""
    assert result.stdout.endswith("\n")
    assert "\x1b" not in result.stdout
    if fmt == "json":
        json.loads(result.stdout)
    elif fmt == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in result.stdout.splitlines())
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert len({len(r) for r in rows}) == 1 and len(rows) >= 2
    elif fmt == "tsv":
        rows = [line.split("\t") for line in result.stdout.splitlines()]
        assert len({len(r) for r in rows}) == 1 and len(rows) >= 2
    elif fmt == "markdown":
        lines = result.stdout.splitlines()
        assert lines[1].startswith("|---") and all(line.startswith("| ") for line in lines[2:])


def test_json_shorthand_equals_format_json() -> None:
    assert run("figures", "--json").stdout == run("figures", "--format", "json").stdout


def test_json_contract_of_themes_show_and_figures() -> None:
    themes = json.loads(run("themes", "--json").stdout)
    assert {"id", "title", "years"} <= themes[0].keys()
    assert themes[0]["years"] == [2023, 2024]
    shown = json.loads(run("show", "ecology", "--json").stdout)
    assert {"id", "title", "statements"} <= shown.keys()
    assert {"ref", "year", "text"} <= shown["statements"][0].keys()
    assert all(isinstance(s["year"], int) for s in shown["statements"])
    figures = json.loads(run("figures", "--json").stdout)
    for figure in figures:
        assert {"id", "value", "unit", "display", "year", "theme", "text", "notes"} <= figure.keys()
        assert isinstance(figure["value"], int | float) and not isinstance(figure["value"], bool)
    assert [f["value"] for f in figures if f["unit"] == "yuan" and f["source"] == "summary"] == [1_000_000_000_000, 20]
    official = {f["id"]: f for f in figures if f["source"] == "official"}
    assert official["employment-graduates-2024"]["official"]["text"] == "预计今年高校毕业生超过1170万人"
    assert official["healthcare-insurance-subsidy-increase"]["value"] == 30


def test_json_is_utf8_and_not_escaped() -> None:
    result = run("figures", "--json")
    assert "城乡居民基础养老金" in result.stdout


@pytest.mark.parametrize(
    ("args", "stdout_name"),
    [
        (["themes"], "themes.plain"),
        (["show", "social-security"], "show-social-security.plain"),
        (["figures"], "figures.plain"),
        (["figures", "--format", "csv"], "figures.csv"),
        (["show", "healthcare", "--format", "markdown"], "show-healthcare.md"),
    ],
)
def test_flat_output_matches_golden_file(args: list[str], stdout_name: str) -> None:
    result = run(*args)
    assert result.exit_code == 0
    golden(stdout_name, result.stdout)


def table_on_terminal(
    args: list[str], monkeypatch: pytest.MonkeyPatch, colour: bool = False, columns: int = 100
) -> str:
    """What a person sees: the real command, its output taken for a terminal's (FORCE_COLOR) at this width."""
    result = run(
        *args, env={"FORCE_COLOR": "1", "NO_COLOR": "" if colour else "1", "COLUMNS": str(columns), "LINES": "50"}
    )
    assert result.exit_code == 0, result
    return result.stdout


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["themes"], "themes.table"),
        (["show", "ecology", "--year", "2024"], "show-ecology-2024.table"),
        (["figures"], "figures.table"),
        (["search", "carbon", "peak"], "search-carbon-peak.table"),
    ],
)
def test_table_on_a_terminal_matches_golden_file(args: list[str], name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    golden(name, table_on_terminal(args, monkeypatch))


@pytest.mark.parametrize(("args", "name"), [(["diff", "ecology"], "diff-ecology.table"), (["diff"], "diff.table")])
def test_diff_table_is_readable_at_80_columns(args: list[str], name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = table_on_terminal(args, monkeypatch, columns=80)
    assert max(len(line) for line in screen.splitlines()) <= 80
    golden(name, screen)


def test_colour_on_a_terminal_and_none_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" in table_on_terminal(["themes"], monkeypatch, colour=True)
    assert "\x1b[" not in table_on_terminal(["themes"], monkeypatch, colour=False)


def test_figures_filter_that_matches_nothing_exits_1() -> None:
    result = run("figures", "--theme", "community")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "reportcli: no figures for theme community\n"
    as_json = run("figures", "--theme", "community", "--json")
    assert (as_json.exit_code, json.loads(as_json.stdout)) == (1, [])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "ecolgy"], "reportcli: no section 'ecolgy'; did you mean 'ecology'?\n"),
        (["show", "tion"], "reportcli: section 'tion' is ambiguous; it matches: "),
        (["diff", "ecolgy"], "reportcli: no theme 'ecolgy'; did you mean 'ecology'?\n"),
        (
            ["show", "education", "--year", "2023"],
            "reportcli: theme 'education' has no text for 2023; its years: 2024\n",
        ),
        (["figures", "--year", "1999"], "reportcli: no text for 1999; years available: 2023, 2024\n"),
        (["figures", "--sort", "size"], "reportcli figures: Invalid value for '--sort' / '-s': 'size' is not one of"),
        (["figures", "--json", "--format", "csv"], "reportcli: --json and --format csv conflict; choose one\n"),
        (
            ["themes", "--colour"],
            "reportcli themes: No such option: --colour (Possible options: --no-color) "
            "(see 'reportcli themes --help')\n",
        ),
        (["thems"], "reportcli: No such command 'thems'. Did you mean 'themes'? (see 'reportcli --help')\n"),
        (
            ["show", "ecology/2031/1.1"],
            "reportcli: no ref 'ecology/2031/1.1'; ecology has text for 2023, 2024 ('reportcli show ecology' lists",
        ),
        (["show", "ecolgy/2024/2.6"], "reportcli: no ref 'ecolgy/2024/2.6'; did you mean 'ecology/2024/2.6'?\n"),
        (["show", "nowhere/1"], "reportcli: no ref 'nowhere/1'; refs look like review/2023/1.1, ecology/2023/1.1 or"),
        (
            ["figures", "--year", "twenty"],
            "reportcli figures: Invalid value for '--year' / '-y': 'twenty' is not a valid int.",
        ),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1


def test_no_arguments_prints_the_help_on_stderr_and_exits_2() -> None:
    result = run()
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("Usage: reportcli [OPTIONS] COMMAND [ARGS]...\n")
    assert "Commands:\n  themes" in result.stderr


def test_version() -> None:
    from reportcli import __version__

    assert run("--version").stdout == f"reportcli {__version__}\n"


@pytest.mark.parametrize("command", ["themes", "show", "figures", "search", "diff", "validate"])
def test_every_command_has_help_with_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"reportcli {command}" in result.stdout


def test_markup_and_escapes_in_data_are_printed_literally(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = "[bold red]Loud[/] \x1b[31mred\x1b[0m \u202eevil"
    path = write_yaml(tmp_path / "r.yaml", minimal_document(odd={2024: [[hostile]]}))
    plain = run("--data", str(path), "show", "odd")
    assert plain.stdout == "odd/2024/1.1\t[bold red]Loud[/] \\x1b[31mred\\x1b[0m \\u202eevil\n"
    assert json.loads(run("--data", str(path), "show", "odd", "--json").stdout)["statements"][0]["text"] == hostile
    screen = table_on_terminal(["--data", str(path), "show", "odd"], monkeypatch, colour=True)
    assert "[bold red]Loud[/]" in screen and "\\x1b[31mred" in screen and "\x1b[31mred" not in screen
