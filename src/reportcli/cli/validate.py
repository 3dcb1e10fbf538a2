from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reportcli.cli.options import FormatOption, JsonOption, NoColorOption, command_app, render, settings
from reportcli.render import Output

app = command_app()


@app.command("validate")
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
    from reportcli.files import default_data_path
    from reportcli.loader import load_report  # validate always parses: it is the check itself

    target = path or settings(ctx).data or default_data_path()
    report = load_report(target)
    statements = list(report.statements())
    if report.meta.lead:
        statements.append(report.meta.lead)
    summary = {
        "path": str(target),
        "status": "ok",
        "themes": len(report.themes),
        "statements": len(statements),
        "figures": len(report.figures),
        "repairs": sum(len(s.repairs) for s in statements),
        "notes": sum(len(s.notes) for s in statements) + sum(len(f.notes) for f in report.figures),
    }
    render(Output("validate", summary, [summary]), fmt, as_json, no_color)
