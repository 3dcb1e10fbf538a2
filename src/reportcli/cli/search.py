from __future__ import annotations

import shutil
from typing import Annotated

import typer

from reportcli import query as queries
from reportcli.cli.options import (
    FormatOption,
    JsonOption,
    NoColorOption,
    SectionOption,
    YearOption,
    command_app,
    nothing_found,
    render,
    settings,
)
from reportcli.errors import QueryError
from reportcli.render import Format, Output, output_is_table_on_terminal

app = command_app()


@app.command("search")
def search(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY...", show_default=False, help='Words to find; "a phrase" in quotes; with --regex, a pattern.'
        ),
    ],
    theme: SectionOption = None,
    year: YearOption = None,
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
        bool, typer.Option("--regex", "-e", help="QUERY is a Python regular expression over the raw text.")
    ] = False,
    case_sensitive: Annotated[bool, typer.Option("--case-sensitive", "-s", help="Match letter case.")] = False,
    any_term: Annotated[bool, typer.Option("--any", help="Hits need any one of the words, not all.")] = False,
    count: Annotated[bool, typer.Option("--count", "-c", help="Print the number of hits per theme and year.")] = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Find statements by keyword, best first (BM25), with the matches highlighted.

    Words match in any form ("pension" finds "pensions"), in any order, all of them unless --any.
    A quoted phrase must appear as consecutive words; a hyphenated word matches whole and by parts.
    The 2023 headline items and the glossary of hot words are searched too.

    \b
    Examples:
      reportcli search pension
      reportcli search '"carbon peak"' --year 2024
      reportcli search elderly care --any --count
      reportcli search --regex '\\d+(\\.\\d+)?%' --json | jq -r '.[].ref'
    """
    from reportcli import search as engine

    report = settings(ctx).report()
    if regex and len(words) > 1:
        raise QueryError("--regex takes a single pattern; quote it, e.g. 'carbon|climate'")
    if regex and any_term:
        raise QueryError("--any has no meaning with --regex; use | in the pattern")
    if regex and not words[0].strip():
        raise QueryError("search pattern is empty")
    query = engine.Query(
        terms=() if regex else engine.parse_terms(words),
        pattern=words[0] if regex else None,
        any_term=any_term,
        case_sensitive=case_sensitive,
    )
    section = queries.resolve_section(report, theme) if theme is not None else None
    queries.check_year(report, year)
    result = engine.search(report, query, index=settings(ctx).index(), section=section, year=year)
    hits = result.hits
    if count:
        counts = engine.count_by_section(report, hits)
        render(Output("counts", counts, counts), fmt, as_json, no_color)
    else:
        chosen = Format.json if as_json else fmt
        if limit is None and output_is_table_on_terminal(chosen):
            limit = max(3, (shutil.get_terminal_size().lines - 6) // 2)  # a hit takes about two lines
        shown = hits[:limit] if limit else hits
        render(Output("hits", shown, shown, context={"query": query}), fmt, as_json, no_color)
        if len(shown) < len(hits):
            typer.echo(f"reportcli: showing {len(shown)} of {len(hits)} hits; --limit {len(hits)} shows all", err=True)
    if not hits:
        nothing_found(_no_match_message(words, result.unknown))


def _no_match_message(words: list[str], unknown: dict[str, list[str]]) -> str:
    for word, nearest in unknown.items():
        if nearest:
            return f"no match for {shorten(word)!r}; did you mean {' or '.join(repr(n) for n in nearest[:2])}?"
        return f"no match for {shorten(word)!r}: it does not occur in the report"
    return f"no statement matches {shorten(' '.join(words))!r}"


def shorten(text: str, width: int = 45) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
