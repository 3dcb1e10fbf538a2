from __future__ import annotations

import typer

from reportcli.cli.options import FormatOption, JsonOption, NoColorOption, command_app, output, settings
from reportcli.reading import themes as core

app = command_app()


@app.command("themes", short_help="List the themes and how much text each year has.")
def themes(
    ctx: typer.Context, fmt: FormatOption = None, as_json: JsonOption = False, no_color: NoColorOption = False
) -> None:
    """List the report's themes: years, statements per year, and how much text each year has.

    \b
    Examples:
      reportcli themes
      reportcli themes --json | jq -r '.[].id'
      reportcli themes --format csv > themes.csv
    """
    output(ctx, settings(ctx).answer(core.themes), fmt, as_json, no_color)
