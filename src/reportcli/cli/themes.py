import typer

from reportcli.cli.options import (
    FormatOption,
    JsonOption,
    LanguageOption,
    NoColorOption,
    YearsOption,
    command_app,
    output,
    settings,
)
from reportcli.reading import themes as core

app = command_app()


@app.command("themes", short_help="List the themes (or parts) and how much text each year has.")
def themes(
    ctx: typer.Context,
    year: YearsOption = None,
    language: LanguageOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List what the reports are made of: a summary's themes, a full report's parts and sub-parts, with
    their years and how much text each has. Every id opens with 'reportcli show ID'.

    \b
    Examples:
      reportcli themes
      reportcli themes --json | jq -r '.[].id'
      reportcli --corpus themes --year 2024 --lang zh
      reportcli themes --format csv > themes.csv
    """
    output(ctx, settings(ctx).answer(core.themes, year, language), fmt, as_json, no_color)
