from typing import Annotated

import typer

from reportcli.cli.options import (
    FormatOption,
    JsonOption,
    LanguageOption,
    NoColorOption,
    YearsOption,
    command_app,
    lines_of,
    output,
    prints_table,
    settings,
)

app = command_app()


@app.command("trend", short_help="Count terms report by report, year by year.")
def trend(
    ctx: typer.Context,
    terms: Annotated[
        list[str] | None,
        typer.Argument(metavar="TERM...", show_default=False, help="Terms to count; words with spaces: one phrase."),
    ] = None,
    listed: Annotated[
        str | None,
        typer.Option(
            "--file",
            metavar="FILE",
            show_default=False,
            help="More terms from FILE, one a line (- for standard input; lines that begin with # are skipped), "
            "counted in the same run.",
        ),
    ] = None,
    year: YearsOption = None,
    language: LanguageOption = None,
    with_summary: Annotated[
        bool,
        typer.Option(
            "--with-summary",
            help="Count the news summary too, as a row of its own: a summary is not a published report, "
            "so it is left out of the series unless the data holds nothing else.",
        ),
    ] = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Count terms report by report: when each entered the reports, how often it recurs, its peak.

    Each TERM is counted as search matches it: 'count' is the statements that hold it (as search
    --count says), 'occurrences' how often, 'rate' occurrences per 10,000 characters (Chinese) or
    words (English). A Chinese term counts in the Chinese reports; an English term in the official
    English and, when reportcli's glossary knows it, in every Chinese report as the entry's Chinese
    forms (each row says what it counted). The news summary is left out unless --with-summary.
    A table shows a bar per year, several terms side by side; the other formats are long form, a row
    per term and report, and take any number of terms (a table: up to 12).

    \b
    Examples:
      reportcli --corpus trend 碳达峰 新质生产力
      reportcli --corpus trend 雾霾 --year 2010..2025
      reportcli --corpus trend 养老 --format csv > pensions.csv
      reportcli --corpus trend "common prosperity"
      reportcli --corpus trend "carbon peak" --lang en
      reportcli --corpus trend --file terms.txt --format csv > trends.csv
    """
    from reportcli.search.trend import MAX_TERMS
    from reportcli.search.trend import trend as count

    listed_terms = [line for _, line in lines_of(listed, settings(ctx).data)] if listed is not None else []
    words = [*(terms or []), *listed_terms]
    most = MAX_TERMS if prints_table(ctx, fmt, as_json) else None
    result = settings(ctx).answer(count, words, year, language, most, with_summary=with_summary)
    output(ctx, result, fmt, as_json, no_color)
