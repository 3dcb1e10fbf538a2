from typing import Annotated

import typer

from reportcli.cli.options import (
    FormatOption,
    JsonOption,
    NoColorOption,
    OfficialOption,
    YearOption,
    command_app,
    complete_section,
    output,
    settings,
)

TargetArgument = Annotated[
    str | None,
    typer.Argument(
        help="A theme (id, title, or a unique part of either), a section (review, glossary, lead, credits), "
        "a ref (ecology/2024/2.6, ecology/2024, 2024-zh/68.6), or nothing: the whole report.",
        metavar="[TARGET]",
        show_default=False,
        autocompletion=complete_section,
    ),
]


app = command_app()


@app.command("show", short_help="Print a theme, a section, a ref or a whole report.")
def show(
    ctx: typer.Context,
    target: TargetArgument = None,
    year: YearOption = None,
    official: OfficialOption = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Print a theme, a section, a statement with its neighbours, or the whole report in reading order.

    Every statement comes with its ref, repairs (†), notes (◆) and, in JSON (and in a table with
    --official), the official Chinese words it renders and where they stand.

    \b
    Examples:
      reportcli show ecology
      reportcli show "social security" --year 2024
      reportcli show ecology/2024/2.6
      reportcli show review --official
      reportcli show                      # the whole report, lead to credits
      reportcli show urban --json | jq -r '.statements[] | "\\(.ref) \\(.text)"'
    """
    from reportcli.reading.show import show as read

    output(ctx, settings(ctx).answer(read, target, year), fmt, as_json, no_color, official)
