from pathlib import Path
from typing import Annotated

import typer

from reportcli.cli.options import FormatOption, JsonOption, NoColorOption, command_app, output, settings

app = command_app()


@app.command("validate", short_help="Check a report file.")
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None, typer.Argument(help="Report file to check. Default: the --data file.", show_default=False)
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Check a report file: YAML syntax, shape, types, ids, refs and recorded repairs.

    Prints what it found and exits 0, or prints the first problem (file, line and column or
    the path of the bad node) and exits 2.

    \b
    Examples:
      reportcli validate
      reportcli validate my-report.yaml
      reportcli validate my-report.yaml --json
    """
    from reportcli.reading.validate import validate as check

    output(ctx, check(path or settings(ctx).dataset().path), fmt, as_json, no_color)
