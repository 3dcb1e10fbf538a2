from __future__ import annotations

import typer

from reportcli.cli.options import FormatOption, JsonOption, NoColorOption, command_app, output, settings

app = command_app()


@app.command("about")
def about(
    ctx: typer.Context, fmt: FormatOption = None, as_json: JsonOption = False, no_color: NoColorOption = False
) -> None:
    """Say what the data is: the event and date, the source, what it covers and leaves out, credits, licence.

    Also the official report it renders, how much reportcli adds (refs, repairs, notes, figures), and
    how to cite a statement.

    \b
    Examples:
      reportcli about
      reportcli about --json | jq .licence
      reportcli about --format markdown > ABOUT.md
    """
    from reportcli.citing import about as describe

    output(ctx, settings(ctx).answer(describe), fmt, as_json, no_color)
