from __future__ import annotations

from typing import Annotated

import typer

from reportcli import query
from reportcli.cli.options import (
    FormatOption,
    JsonOption,
    NoColorOption,
    YearOption,
    command_app,
    complete_theme,
    output,
    settings,
)

ThemeArgument = Annotated[
    str,
    typer.Argument(
        help="Theme id, title, or a unique part of either.",
        metavar="THEME",
        show_default=False,
        autocompletion=complete_theme,
    ),
]


app = command_app()


@app.command("show")
def show(
    ctx: typer.Context,
    theme: ThemeArgument,
    year: YearOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Print a theme's text by year, with refs, repairs (†) and notes (◆).

    \b
    Examples:
      reportcli show ecology
      reportcli show "social security" --year 2024
      reportcli show urban --json | jq -r '.statements[] | "\\(.ref) \\(.text)"'
    """
    output(ctx, settings(ctx).answer(query.show, theme, year), fmt, as_json, no_color)
