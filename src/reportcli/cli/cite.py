from enum import Enum
from typing import Annotated

import typer

from reportcli.cli.options import FormatOption, JsonOption, NoColorOption, command_app, output, settings

app = command_app()


class Style(str, Enum):
    plain = "plain"
    chicago = "chicago"
    gbt7714 = "gbt7714"


@app.command("cite", short_help="Print a citation to paste, caveats included.")
def cite(
    ctx: typer.Context,
    refs: Annotated[list[str], typer.Argument(metavar="REF...", show_default=False, help="Refs of statements.")],
    style: Annotated[
        Style,
        typer.Option(
            "--style",
            case_sensitive=False,
            help="plain (reportcli's: everything a citation needs, spelled out), chicago (Chicago, a speech) "
            "or gbt7714 (GB/T 7714-2015, the Chinese standard). JSON has every style.",
        ),
    ] = Style.plain,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Print a citation to paste: the quote, its source and ref, the official words, and every caveat.

    The citation names who gave the report and in which office, the session and the date, the report's
    title, the publisher (and whose translation), a readable address of the text, the statement's ref
    (paragraph and sentence), the official Chinese words a summary's statement renders and where they
    stand, the source's own words when they were repaired, and each caveat, with its source.

    \b
    Examples:
      reportcli cite review/2023/3.1
      reportcli cite ecology/2024/2.6 --format markdown
      reportcli --corpus cite 2025-zh/21.1 --style chicago
      reportcli --corpus cite 2024-en/70.3 --style gbt7714
      reportcli cite social-security/2024/1.3 --json | jq -r '.[0].official[0].text'
    """
    from reportcli.reading.cite import cite as quote

    output(ctx, settings(ctx).answer(quote, refs, style.value), fmt, as_json, no_color)
