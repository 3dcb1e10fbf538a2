from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from reportcli import query
from reportcli.cli.options import (
    FormatOption,
    JsonOption,
    NoColorOption,
    SectionOption,
    YearOption,
    command_app,
    nothing_found,
    render,
    settings,
)
from reportcli.render import Output


class SortKey(str, Enum):
    document = "document"
    value = "value"
    year = "year"
    theme = "theme"


app = command_app()


@app.command("figures")
def figures(
    ctx: typer.Context,
    theme: SectionOption = None,
    year: YearOption = None,
    sort: Annotated[
        SortKey, typer.Option("--sort", "-s", case_sensitive=False, help="Order of the figures.")
    ] = SortKey.document,
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
    report = settings(ctx).report()
    section = query.resolve_section(report, theme) if theme is not None else None
    query.check_year(report, year)
    rows = query.list_figures(report, section=section, year=year, sort=sort.value)
    render(Output("figures", rows, rows), fmt, as_json, no_color)
    if not rows:
        wanted = " and ".join(x for x in (f"theme {section}" if section else "", f"year {year}" if year else "") if x)
        nothing_found(f"no figures for {wanted or 'this report'}")
