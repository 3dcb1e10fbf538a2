from __future__ import annotations

from typing import Annotated

import typer

from reportcli.cli.options import (
    FormatOption,
    JsonOption,
    LanguageOption,
    NoColorOption,
    command_app,
    complete_theme,
    complete_year,
    output,
    settings,
)

app = command_app()


@app.command("diff", short_help="Compare a theme's years, or two reports.")
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
    language: LanguageOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Compare a theme's years, or two reports: statements continued, new and dropped; new terms.

    Continued statements are shown side by side with the words removed and added (in Chinese, the
    characters). Without THEME, one line per theme that has two years; without THEME and with
    --from and --to naming two years of full reports (--corpus), the two reports compared.

    \b
    Examples:
      reportcli diff ecology
      reportcli diff ecology --terms --json | jq -r '.[] | select(.group == "new") | .term'
      reportcli diff --format csv
      reportcli --corpus diff --from 2023 --to 2024 --terms
    """
    from reportcli.diff import compare

    result = settings(ctx).answer(compare, theme, from_year, to_year, terms_only=terms, language=language)
    output(ctx, result, fmt, as_json, no_color)
