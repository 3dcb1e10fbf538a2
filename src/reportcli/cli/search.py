from typing import Annotated

import typer
from typer._click import exceptions as click_exceptions

from reportcli.cli.options import (
    FormatOption,
    JsonOption,
    LanguageOption,
    NoColorOption,
    OfficialOption,
    SectionOption,
    YearsOption,
    command_app,
    lines_of,
    output,
    prints_table,
    settings,
)
from reportcli.errors import QueryError

app = command_app()


@app.command("search", short_help="Find statements by keyword, best first.")
def search(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="QUERY...", show_default=False, help='Words to find; "a phrase" in quotes; with --regex, a pattern.'
        ),
    ] = None,
    theme: SectionOption = None,
    year: YearsOption = None,
    language: LanguageOption = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            min=1,
            show_default=False,
            help="At most this many hits. Default: all when piped, a screenful on a terminal.",
        ),
    ] = None,
    regex: Annotated[
        bool,
        typer.Option("--regex", "-e", help="QUERY is a regular expression (Python's regex module) over the raw text."),
    ] = False,
    case_sensitive: Annotated[bool, typer.Option("--case-sensitive", "-s", help="Match letter case.")] = False,
    exact: Annotated[
        bool,
        typer.Option(
            "--exact",
            "-w",
            help="The words as typed (any case), not their other forms: 'environment' without 'environmental'.",
        ),
    ] = False,
    any_term: Annotated[bool, typer.Option("--any", help="Hits need any one of the words, not all.")] = False,
    count: Annotated[
        bool, typer.Option("--count", "-c", help="Print the number of hits per theme and year, and per report.")
    ] = False,
    queries: Annotated[
        str | None,
        typer.Option(
            "--file",
            metavar="FILE",
            show_default=False,
            help="Queries from FILE, one a line (- for standard input; lines that begin with # are skipped), "
            "in one run: each row says its query; with --regex, each line is one pattern.",
        ),
    ] = None,
    official: OfficialOption = False,
    full: Annotated[
        bool, typer.Option("--full", help="In a table, whole statements rather than the stretch around a match.")
    ] = False,
    kwic: Annotated[
        bool,
        typer.Option(
            "--kwic",
            "-k",
            help="Keyword in context: a line per match, the words before it, the match, the words after it, "
            "aligned on the match (as a concordancer shows them).",
        ),
    ] = False,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            metavar="rank|year|left|right",
            autocompletion=lambda: ["rank", "year", "left", "right"],
            help="Order: by rank (best first), by year (earliest first); with --kwic also by the words to the "
            "left of the match (nearest first) or to its right.",
        ),
    ] = "rank",
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Find statements by keyword, best first (BM25), with the matches highlighted.

    Words match in any form ("pension" finds "pensions", "environment" finds "environmental"; -w for
    the word as typed), compounds in both forms ("healthcare", "health care"), in any order, all of
    them unless --any. A quoted phrase must appear as consecutive words; a hyphenated word matches
    whole and by parts.
    Every part of the report is searched (the lead, the headline items, the themes, the hot words,
    the credits), and with each statement its notes and the official words it renders; with
    --corpus, every report. Chinese is found as written, inside words, and in traditional
    characters too. Marks: † repaired, ◆ note. --kwic shows each match in its context, a line
    each, sortable by year or by the words either side (--sort). With other reports, --year and
    --sort year file the news summary's statements under its report's year (2024), reviews included.

    \b
    Examples:
      reportcli search pension
      reportcli search -w environment
      reportcli search '"carbon peak"' --year 2024
      reportcli search elderly care --any --count
      reportcli --corpus search 碳达峰 --year 2020..2025 --count
      reportcli --corpus search 新质生产力 --kwic --sort year
      reportcli search --regex '\\d+(\\.\\d+)?%' --json | jq -r '.[].ref'
      reportcli --corpus search --file terms.txt --count --format csv
    """
    from reportcli.search import find, find_each

    options = {
        "regex": regex,
        "any_term": any_term,
        "case_sensitive": case_sensitive,
        "exact": exact,
        "theme": theme,
        "year": year,
        "language": language,
        "limit": limit,
        "count": count,
        "sort": sort,
        "kwic": kwic,
    }
    if queries is not None:
        if words:
            raise QueryError("give the queries as arguments or in --file, not both")
        listed = lines_of(queries, settings(ctx).data, whole=regex)
        lines = [number for number, _ in listed]
        result = settings(ctx).answer(find_each, [query for _, query in listed], lines=lines, **options)
    elif not words:
        raise click_exceptions.UsageError("Missing argument 'QUERY...'.", ctx)
    else:
        table = prints_table(ctx, fmt, as_json)  # only a table prints the hint: no other output pays for it
        # On a terminal, a screenful of hits (each a line at least) is shown before the rest is worked out.
        first = settings(ctx).terminal.height if table else None
        result = settings(ctx).answer(find, words, hint=table, first=first, **options)
    output(ctx, result, fmt, as_json, no_color, official, full)
