from __future__ import annotations

from typing import Annotated

import typer

from reportcli.cli.options import FormatOption, JsonOption, NoColorOption, YearsOption, command_app, output, settings
from reportcli.reading import targets as core

app = command_app()


@app.command("targets", short_help="List the annual targets each report sets.")
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
            help="Only this one: gdp-growth, cpi, new-urban-jobs, unemployment-registered, "
            "unemployment-surveyed, deficit-ratio, deficit, grain-output.",
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List the annual targets each full report sets, read off its own text, with the words and ref.

    GDP growth, consumer prices, new urban jobs, urban unemployment (registered and surveyed), the
    deficit ratio and the deficit, grain output: each with its qualifier (around, at least, at most,
    below, a range), its unit as stated and normalized, and the sentence it comes from. A year whose
    report says it sets no target shows "not set". A table has a row per year and a column per
    indicator; the other formats are long form, a row per year and indicator.

    \b
    Examples:
      reportcli --corpus targets
      reportcli --corpus targets --year 2015..2025 --indicator gdp-growth
      reportcli --corpus targets --format csv > targets.csv
    """
    output(ctx, settings(ctx).answer(core.targets, year, indicator), fmt, as_json, no_color)
