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
            metavar="[THEME | REF]",
            show_default=False,
            autocompletion=complete_theme,
            help="Theme to compare; or a report or a part (2023-zh, 2023-zh/part2) to compare with the next "
            "REF. Default: a summary of every theme.",
        ),
    ] = None,
    other: Annotated[
        str | None,
        typer.Argument(
            metavar="[REF]", show_default=False, help="The report or part to compare the first with (2024-zh/part3)."
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
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            metavar="new|dropped|changed",
            show_default=False,
            autocompletion=lambda: ["new", "dropped", "changed"],
            help="Only the new statements, the dropped ones, or the continued ones whose wording changed "
            "(and only that group of terms).",
        ),
    ] = None,
    least: Annotated[
        int | None,
        typer.Option(
            "--min-count",
            metavar="N",
            show_default=False,
            help="A new or dropped term must be said N times in the report that has it. Default: 2 for "
            "two reports (a phrase said once is not news), 1 for a theme.",
        ),
    ] = None,
    language: LanguageOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Compare a theme's years, or two reports: statements continued, new and dropped; new terms.

    Each statement is paired with one statement at most, the most similar pairs first; salutations
    (各位代表！) and list numbers alone are set aside. The news leads: the terms that came and went,
    the parts of two reports paired, the new statements, the dropped ones, then the continued ones
    with the words removed and added (in Chinese, the characters). Without THEME, one line per
    theme that has two years; with --from and --to naming two years of full reports (--corpus), the
    two reports compared; with two refs, those two reports or parts.

    \b
    Examples:
      reportcli diff ecology
      reportcli diff ecology --terms --json | jq -r '.[] | select(.group == "new") | .term'
      reportcli diff --format csv
      reportcli --corpus diff --from 2023 --to 2024 --terms
      reportcli --corpus diff --from 2024 --to 2025 --only new
      reportcli --corpus diff 2023-zh/part2 2024-zh/part3
    """
    from reportcli.diff import compare

    result = settings(ctx).answer(
        compare, theme, from_year, to_year, other=other, terms_only=terms, language=language, only=only, least=least
    )
    output(ctx, result, fmt, as_json, no_color)
