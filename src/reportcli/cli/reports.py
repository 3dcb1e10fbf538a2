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
from reportcli.reading import reports as core

app = command_app()


@app.command("reports", short_help="List the reports loaded.")
def reports(
    ctx: typer.Context,
    year: YearsOption = None,
    language: LanguageOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List the reports loaded: year, language, kind, title, date, speaker, size, parts, and caveats.

    Caveats say what a reader must know of a text as a whole: a partial or abridged text, a
    report on the plan filed as the year's report, a speaker who is not the Premier.

    \b
    Examples:
      reportcli --corpus reports
      reportcli --corpus reports --year 1990..1999 --lang zh
      reportcli --corpus reports --json | jq -r '.[] | select(.caveats != []) | .id'
    """
    output(ctx, settings(ctx).answer(core.reports, year, language), fmt, as_json, no_color)
