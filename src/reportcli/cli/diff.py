from __future__ import annotations

from typing import Annotated, Any

import typer

from reportcli import query
from reportcli.cli.options import (
    FormatOption,
    JsonOption,
    NoColorOption,
    command_app,
    complete_theme,
    complete_year,
    nothing_found,
    render,
    settings,
)
from reportcli.render import Output

app = command_app()


@app.command("diff")
def diff(
    ctx: typer.Context,
    theme: Annotated[
        str | None,
        typer.Argument(
            metavar="[THEME]",
            show_default=False,
            autocompletion=complete_theme,
            help="Theme to compare. Default: a summary of every theme.",
        ),
    ] = None,
    from_year: Annotated[
        int | None,
        typer.Option(
            "--from", show_default=False, autocompletion=complete_year, help="Earlier year. Default: the theme's first."
        ),
    ] = None,
    to_year: Annotated[
        int | None,
        typer.Option(
            "--to", show_default=False, autocompletion=complete_year, help="Later year. Default: the theme's last."
        ),
    ] = None,
    terms: Annotated[bool, typer.Option("--terms", help="Only the term lists: new, dropped and shared.")] = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Compare a theme's years: statements continued, new and dropped; terms that rose or vanished.

    Continued statements are shown side by side with the words removed and added. Without THEME,
    one line per theme that has two years.

    \b
    Examples:
      reportcli diff ecology
      reportcli diff ecology --terms --json | jq -r '.[] | select(.group == "new") | .term'
      reportcli diff --format csv
    """
    from reportcli import diff as differ

    report = settings(ctx).report()
    if theme is None:
        for year in (from_year, to_year):
            query.check_year(report, year)
        summaries = differ.diff_all(report, from_year, to_year, weights=differ.Weights(settings(ctx).index()))
        render(Output("diff-summary", summaries, summaries), fmt, as_json, no_color)
        if not summaries:
            nothing_found("no theme has text for two years to compare")
        return
    result = differ.diff_theme(
        report, query.resolve_theme(report, theme), from_year, to_year, weights=differ.Weights(settings(ctx).index())
    )
    if terms:
        rows = [{"group": group, **term} for group, items in result["terms"].items() for term in items]
        render(
            Output("diff-terms", rows, rows, context={"from": result["from"], "to": result["to"]}),
            fmt,
            as_json,
            no_color,
        )
        return
    render(Output("diff", result, statement_rows(result)), fmt, as_json, no_color)


def statement_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat record per continued pair, new statement and dropped statement."""
    rows: list[dict[str, Any]] = [
        {
            "status": "continued",
            "from_ref": pair["from_ref"],
            "to_ref": pair["to_ref"],
            "similarity": pair["similarity"],
            "from_text": pair["from_text"],
            "to_text": pair["to_text"],
            "changes": pair["changes"],
        }
        for pair in result["continued"]
    ]
    rows += [
        {
            "status": "new",
            "from_ref": None,
            "to_ref": s["ref"],
            "similarity": None,
            "from_text": None,
            "to_text": s["text"],
            "changes": [],
        }
        for s in result["new"]
    ]
    rows += [
        {
            "status": "dropped",
            "from_ref": s["ref"],
            "to_ref": None,
            "similarity": None,
            "from_text": s["text"],
            "to_text": None,
            "changes": [],
        }
        for s in result["dropped"]
    ]
    return rows
