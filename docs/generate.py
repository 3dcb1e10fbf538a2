"""Regenerate what the docs show of the tool: the --help blocks and terminal layouts of the reference
(docs/REFERENCE.md), the README's SVG screenshots, the man page (docs/reportcli.1) and the list of
environment variables (docs/ENVIRONMENT.md).

    .venv/bin/python docs/generate.py           # rewrite them
    .venv/bin/python docs/generate.py --check   # exit 1, naming what is stale (run by the tests)

Screenshots are the real commands, run with FORCE_COLOR=1 on a 100-column "terminal", their
ANSI output recorded by Rich and exported as SVG. Help blocks sit in docs/REFERENCE.md between
`<!-- help:COMMAND -->` and `<!-- /help:COMMAND -->` markers. The man page is written from the same
Click commands the --help comes from, and its ENVIRONMENT section and docs/ENVIRONMENT.md from the one
list of variables (reportcli.cli.environment); the wheel installs the page as share/man/man1/reportcli.1.
"""

from __future__ import annotations

import argparse
import inspect
import io
import re
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from reportcli.cli import COMMANDS, app

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "docs" / "REFERENCE.md"
IMAGES = ROOT / "docs" / "img"
MANPAGE = ROOT / "docs" / "reportcli.1"
ENVIRONMENT_DOC = ROOT / "docs" / "ENVIRONMENT.md"
WIDTH = 100
SCREENSHOTS = {
    "themes.svg": ["themes"],
    "search.svg": ["search", "carbon", "peak"],
    "diff.svg": ["diff"],
}
ENVIRONMENT = {
    "COLUMNS": str(WIDTH),
    "LINES": "50",
    "TERM": "xterm-256color",
    "COLORTERM": "truecolor",
    "NO_COLOR": "",
    "REPORTCLI_DATA": "",
    "REPORTCLI_NO_CACHE": "1",
}


def invoke(args: list[str], **env: str) -> str:
    result = CliRunner().invoke(app, args, env={**ENVIRONMENT, **env}, catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(f"reportcli {' '.join(args)} exited {result.exit_code}: {result.stderr}")
    return result.stdout


def commands() -> list[str]:
    return list(COMMANDS)


def help_text(command: str | None) -> str:
    return invoke([command, "--help"] if command else ["--help"]).rstrip() + "\n"


def with_help(reference: str) -> str:
    for command in [None, *commands()]:
        name = command or "reportcli"
        block = f"<!-- help:{name} -->\n```text\n{help_text(command)}```\n<!-- /help:{name} -->"
        pattern = re.compile(rf"<!-- help:{name} -->.*?<!-- /help:{name} -->", re.S)
        if not pattern.search(reference):
            raise SystemExit(f"docs/REFERENCE.md has no <!-- help:{name} --> block")
        reference = pattern.sub(block.replace("\\", "\\\\"), reference)
    return reference


def screenshot(args: list[str]) -> str:
    from rich.console import Console
    from rich.text import Text

    ansi = invoke(args, FORCE_COLOR="1")
    console = Console(record=True, width=WIDTH, force_terminal=True, color_system="truecolor", file=io.StringIO())
    console.print(Text.from_ansi(ansi), end="", soft_wrap=True)  # the lines are laid out already
    return console.export_svg(title=f"reportcli {' '.join(args)}")


LAYOUTS = {"figures": ["figures"], "search": ["search", "pension"], "diff": ["diff", "ecology"]}
WIDTHS = (60, 80, 120)


def layout(args: list[str], width: int) -> str:
    """What a terminal of ``width`` columns shows (no colour, no pager)."""
    text = invoke([*args, "--no-pager"], FORCE_COLOR="1", NO_COLOR="1", COLUMNS=str(width))
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n") + "\n"


def with_layouts(reference: str) -> str:
    """Fill the reference's ``<!-- layout:NAME-WIDTH -->`` blocks with what the terminal shows."""
    for name, args in LAYOUTS.items():
        for width in WIDTHS:
            marker = f"layout:{name}-{width}"
            block = f"<!-- {marker} -->\n```text\n{layout(args, width)}```\n<!-- /{marker} -->"
            pattern = re.compile(rf"<!-- {marker} -->.*?<!-- /{marker} -->", re.S)
            if not pattern.search(reference):
                raise SystemExit(f"docs/REFERENCE.md has no <!-- {marker} --> block")
            reference = pattern.sub(block.replace("\\", "\\\\"), reference)
    return reference


# --- the man page and the list of environment variables ------------------------------------------


def _roff(text: str) -> str:
    """Text as roff reads it literally: backslashes and hyphens escaped, no line starting a request."""
    escaped = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + line) if line.startswith((".", "'")) else line for line in escaped.split("\n"))


def _help_paragraphs(text: str) -> list[str]:
    """A command's help as roff: paragraphs refilled, each \\b block (the examples) kept line by line."""
    out: list[str] = []
    for block in inspect.cleandoc(text).split("\n\n"):
        if block.startswith("\b"):
            lines = block.split("\n")[1:]
            title = [line for line in lines if not line.startswith(" ")]
            body = [line.strip() for line in lines if line.startswith(" ")]
            out += [".PP", *(f".B {_roff(t.strip())}" for t in title), ".nf", ".RS 4", *map(_roff, body), ".RE", ".fi"]
        else:
            out += [".PP", _roff(" ".join(block.split()))]
    return out


def _options(command: Any, ctx: Any) -> list[str]:
    out: list[str] = []
    for param in command.params:
        if getattr(param, "hidden", False):
            continue
        record = param.get_help_record(ctx)
        if record is None:
            continue
        names, meaning = record
        out += [".TP", f"\\fB{_roff(names)}\\fR", _roff(meaning)]
    return out


def _command_section(command: Any, parent: Any, name: str) -> list[str]:
    from typer._click import Context  # the Click that Typer's commands are built on

    ctx = Context(command, parent=parent, info_name=name)
    usage = " ".join(command.collect_usage_pieces(ctx))
    out = [f".SS {_roff(ctx.command_path)}", f"\\fB{_roff(ctx.command_path)}\\fR {_roff(usage)}"]
    out += _help_paragraphs(command.help or "")
    out += _options(command, ctx)
    for sub in getattr(command, "commands", {}).values():
        out += _command_section(sub, ctx, sub.name)
    return out


EXIT_STATUS = [
    ("0", "results found"),
    ("1", "the query ran and found nothing (a line on standard error says so)"),
    ("2", "bad usage or bad data: an unknown option, field, theme or ref, a file that is no report"),
    ("3", "an internal error (rerun with --debug)"),
    ("130", "interrupted"),
]


def manpage() -> str:
    """reportcli(1), from the Click commands and the list of environment variables."""
    from typer._click import Context
    from typer.main import get_command

    from reportcli import __version__
    from reportcli.cli.environment import VARIABLES

    root: Any = get_command(app)
    ctx = Context(root, info_name="reportcli")
    out = [
        f'.TH REPORTCLI 1 "" "reportcli {__version__}" "User Commands"',
        ".SH NAME",
        "reportcli \\- look things up in China\\(aqs Government Work Reports",
        ".SH SYNOPSIS",
        ".B reportcli",
        "[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGUMENTS\\fR] [\\fIOPTIONS\\fR]",
        ".SH DESCRIPTION",
        *_help_paragraphs(root.help or ""),
        ".SH GLOBAL OPTIONS",
        "They may also be typed after the command.",
        *_options(root, ctx),
        ".SH COMMANDS",
    ]
    for name in COMMANDS:
        out += _command_section(root.get_command(ctx, name), ctx, name)
    out.append(".SH ENVIRONMENT")
    for variable in VARIABLES:
        said = f" The option {variable.option} says the same, and wins." if variable.option else ""
        out += [".TP", f"\\fB{variable.name}\\fR", _roff(variable.meaning + said)]
    out.append(".SH EXIT STATUS")
    for code, meaning in EXIT_STATUS:
        out += [".TP", f"\\fB{code}\\fR", _roff(meaning)]
    out += [
        ".SH FILES",
        ".TP",
        "\\fI~/.local/share/reportcli/reports/\\fR",
        _roff("The imported corpus, one YAML file per report (REPORTCLI_CORPUS_DIR moves it)."),
        ".TP",
        "\\fI~/.cache/reportcli/\\fR",
        _roff("Parsed reports, kept to start quickly (REPORTCLI_CACHE_DIR moves it)."),
        ".SH SEE ALSO",
        _roff("less(1), sqlite3(1); the README and docs/ of the reportcli sources."),
    ]
    return "\n".join(out) + "\n"


def environment_doc() -> str:
    """docs/ENVIRONMENT.md: the one list of the environment variables reportcli reads."""
    from reportcli.cli.environment import VARIABLES

    lines = [
        "# Environment variables",
        "",
        "Every variable reportcli reads. This page and the man page's ENVIRONMENT section are written from",
        "one list in the code (`src/reportcli/cli/environment.py`) by `docs/generate.py`, and a test holds that",
        "list to the code: each name the code reads is in it. An option given on the command line wins over",
        "the variable that says the same.",
        "",
        "| Variable | What it does | Option |",
        "|---|---|---|",
    ]
    for variable in VARIABLES:
        meaning = variable.meaning.replace("|", "\\|")
        lines.append(f"| `{variable.name}` | {meaning} | {f'`{variable.option}`' if variable.option else ''} |")
    return "\n".join(lines) + "\n"


def manual_files() -> dict[Path, str]:
    return {MANPAGE: manpage(), ENVIRONMENT_DOC: environment_doc()}


def stale() -> dict[Path, str]:
    """Files whose content differs from what the code produces now, with that content."""
    wanted = {REFERENCE: with_layouts(with_help(REFERENCE.read_text(encoding="utf-8")))}
    wanted |= {IMAGES / name: screenshot(args) for name, args in SCREENSHOTS.items()}
    wanted |= manual_files()
    return {
        path: text for path, text in wanted.items() if not path.exists() or path.read_text(encoding="utf-8") != text
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report what is stale")
    args = parser.parse_args()
    differences = stale()
    if args.check:
        for path in differences:
            print(f"stale: {path.relative_to(ROOT)} (run: python docs/generate.py)", file=sys.stderr)
        raise SystemExit(1 if differences else 0)
    IMAGES.mkdir(parents=True, exist_ok=True)
    for path, text in differences.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
