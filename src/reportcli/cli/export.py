from pathlib import Path
from typing import Annotated

import typer

from reportcli.cli.options import (
    FormatOption,
    JsonOption,
    NoColorOption,
    command_app,
    fields_before_acting,
    output,
    settings,
)

app = command_app()


@app.command("export", short_help="Write everything to an SQLite database.")
def export(
    ctx: typer.Context,
    target: Annotated[Path, typer.Argument(metavar="FILE", show_default=False, help="The database to write.")],
    replace: Annotated[bool, typer.Option("--replace", help="Write over FILE if it exists.")] = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Write the reports, statements, notes, repairs, official words and figures to an SQLite database.

    One row per record, one value per cell, with a full-text index of the statements
    (statements_fts, Porter stemming) as sqlite-utils makes one: sqlite-utils and Datasette open the
    file as it is. Prints how many rows each table got.

    \b
    Examples:
      reportcli export reports.db
      reportcli --corpus export corpus.db --replace
      sqlite-utils search reports.db statements pension
      datasette reports.db
    """
    fields_before_acting(ctx, "exported")
    from reportcli.export import export as write

    output(ctx, settings(ctx).answer(write, target, replace=replace), fmt, as_json, no_color)
