"""Regenerate what the docs show of the tool: --help blocks and terminal layouts (docs/REFERENCE.md) and
the README's SVG screenshots.

    .venv/bin/python docs/generate.py           # rewrite docs/REFERENCE.md and docs/img/*.svg
    .venv/bin/python docs/generate.py --check   # exit 1, naming what is stale (run by the tests)

Screenshots are the real commands, run with FORCE_COLOR=1 on a 100-column "terminal", their
ANSI output recorded by Rich and exported as SVG. Help blocks sit in docs/REFERENCE.md between
`<!-- help:COMMAND -->` and `<!-- /help:COMMAND -->` markers.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path

from typer.testing import CliRunner

from reportcli.cli import COMMANDS, app

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "docs" / "REFERENCE.md"
IMAGES = ROOT / "docs" / "img"
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
    """Fill the README's ``<!-- layout:NAME-WIDTH -->`` blocks with what the terminal shows."""
    for name, args in LAYOUTS.items():
        for width in WIDTHS:
            marker = f"layout:{name}-{width}"
            block = f"<!-- {marker} -->\n```text\n{layout(args, width)}```\n<!-- /{marker} -->"
            pattern = re.compile(rf"<!-- {marker} -->.*?<!-- /{marker} -->", re.S)
            if not pattern.search(reference):
                raise SystemExit(f"docs/REFERENCE.md has no <!-- {marker} --> block")
            reference = pattern.sub(block.replace("\\", "\\\\"), reference)
    return reference


def stale() -> dict[Path, str]:
    """Files whose content differs from what the code produces now, with that content."""
    wanted = {REFERENCE: with_layouts(with_help(REFERENCE.read_text(encoding="utf-8")))}
    wanted |= {IMAGES / name: screenshot(args) for name, args in SCREENSHOTS.items()}
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
