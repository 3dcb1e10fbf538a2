from typing import Annotated

import typer

from reportcli.cli.options import FormatOption, JsonOption, NoColorOption, command_app, output, settings

app = command_app()


@app.command("about", short_help="Say what the data is and where it came from.")
def about(
    ctx: typer.Context,
    report: Annotated[
        str | None,
        typer.Argument(metavar="[REPORT]", show_default=False, help="A report's id (see 'reportcli reports')."),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Say what the data is: the event and date, the source, what it covers and leaves out, credits, licence.

    Also the official report it renders, how much reportcli adds (refs, repairs, notes, figures), and
    how to cite a statement. With --corpus and no REPORT: what the corpus holds, where each text came
    from, and the caveats of each.

    \b
    Examples:
      reportcli about
      reportcli about --json | jq .licence
      reportcli about --format markdown > ABOUT.md
      reportcli --corpus about 1991-zh
    """
    from reportcli.reading.about import about as describe

    output(ctx, settings(ctx).answer(describe, report), fmt, as_json, no_color)
