from __future__ import annotations

from typing import Annotated

import typer

from reportcli.cli.options import FormatOption, JsonOption, NoColorOption, command_app, output, settings

app = command_app()


@app.command("cite", short_help="Print a citation to paste, caveats included.")
def cite(
    ctx: typer.Context,
    refs: Annotated[list[str], typer.Argument(metavar="REF...", show_default=False, help="Refs of statements.")],
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Print a citation to paste: the quote, its source and ref, the official words, and every caveat.

    The citation names the source and its date, the statement's ref, the official Chinese words it
    renders and where they stand (part, paragraph, sentence), the source's own words when they were
    repaired, and each note, with its source.

    \b
    Examples:
      reportcli cite review/2023/3.1
      reportcli cite ecology/2024/2.6 --format markdown
      reportcli cite social-security/2024/1.3 --json | jq -r '.[0].official[0].text'
    """
    from reportcli.reading.cite import cite as quote

    output(ctx, settings(ctx).answer(quote, refs), fmt, as_json, no_color)
