from typing import Annotated

import typer

from reportcli.cli.options import FormatOption, JsonOption, NoColorOption, YearsOption, command_app, output, settings
from reportcli.extract.targets import INDICATORS
from reportcli.reading import targets as core

app = command_app()


@app.command("targets", short_help="List each year's targets against the outcomes.")
def targets(
    ctx: typer.Context,
    year: YearsOption = None,
    indicator: Annotated[
        str | None,
        typer.Option(
            "--indicator",
            "-i",
            metavar="NAME",
            show_default=False,
            help=f"Only this one: {', '.join(INDICATORS)}.",
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List each year's targets against the outcomes the next report states: met, missed, not set.

    Each full report's targets for its year (GDP growth, prices, jobs, unemployment, the deficit,
    grain, M2, energy use per unit of GDP, trade, investment...) are read off its own text, and set
    against the outcome the next report's review states: each figure with its qualifier (around, at
    least, at most, below, a range), as stated and in English, both refs, and met, missed, unclear,
    not set (a year whose report sets none, or says so) or no outcome stated. A table has a row per
    year and indicator, stacked on a narrow terminal; the other formats are long form, with the values
    in base units. docs/TARGETS.md: what each indicator covers and what met means.

    \b
    Examples:
      reportcli --corpus targets --year 2015..2025
      reportcli --corpus targets --indicator gdp-growth --year 1992.. --format csv > growth.csv
      reportcli --corpus targets --json | jq '.[] | select(.result == "missed")'
    """
    output(ctx, settings(ctx).answer(core.targets, year, indicator), fmt, as_json, no_color)
