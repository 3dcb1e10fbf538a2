from enum import Enum
from typing import Annotated

import typer

from reportcli.cli.options import (
    FormatOption,
    JsonOption,
    NoColorOption,
    SectionOption,
    YearOption,
    command_app,
    output,
    settings,
)
from reportcli.reading import figures as core

# The choices of --sort, from the one list the query keeps.
FigureOrder = Enum("FigureOrder", {name: name for name in core.FIGURE_ORDERS}, type=str)  # type: ignore[misc]

app = command_app()


@app.command("figures", short_help="List the figures, typed, with their statements.")
def figures(
    ctx: typer.Context,
    theme: SectionOption = None,
    year: YearOption = None,
    sort: Annotated[
        FigureOrder, typer.Option("--sort", "-s", case_sensitive=False, help="Order of the figures.")
    ] = FigureOrder.document,  # type: ignore[attr-defined]
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List the report's figures as typed values, with the statement each comes from.

    \b
    Examples:
      reportcli figures
      reportcli figures --theme ecology --sort value
      reportcli figures --json | jq '.[] | select(.unit == "yuan")'
    """
    output(ctx, settings(ctx).answer(core.figures, theme, year, sort.value), fmt, as_json, no_color)
