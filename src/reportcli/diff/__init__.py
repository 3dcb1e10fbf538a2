"""What changed: ``diff THEME`` compares one theme's two years, ``diff`` summarises every theme,
``diff --from Y1 --to Y2`` compares two full reports. The modules: ``content`` (what a statement is
compared by), ``align`` (which statements continue), ``words`` (word changes), ``terms`` (terms that
came and went), ``rows`` (the records printed), ``themes`` and ``reports`` (the two comparisons).
"""

from __future__ import annotations

from reportcli.db.corpus import Corpus
from reportcli.diff.align import RELATED_BELOW
from reportcli.diff.rows import ONLY, narrowed, statement_rows, term_rows
from reportcli.diff.terms import TOP_TERMS_SHOWN, distinct
from reportcli.diff.themes import diff_all, diff_theme
from reportcli.errors import QueryError
from reportcli.model import FULL, Result
from reportcli.scope import resolve_theme


def compare(
    corpus: Corpus,
    theme_name: str | None = None,
    from_year: int | None = None,
    to_year: int | None = None,
    *,
    other: str | None = None,
    terms_only: bool = False,
    language: str | None = None,
    only: str | None = None,
    least: int | None = None,
) -> Result:
    """The ``diff`` command: one theme's years compared; two full reports compared, when both years
    have one (``--from 2023 --to 2024``); two reports or parts named (``theme_name`` and ``other``:
    ``2023-zh/part2 2024-zh/part3``); or a summary of every theme with two years. ``only``: new,
    dropped or changed statements alone; ``least``: the times a new or dropped term must be said."""
    if only is not None and only not in ONLY:
        raise QueryError(f"--only takes {', '.join(ONLY)}, not {only!r}")
    if terms_only and only == "changed":
        raise QueryError("--only changed keeps reworded statements, which have no terms of their own: drop --terms")
    if least is not None and least < 1:
        raise QueryError(f"--min-count must be 1 or more, not {least}")
    if other is not None:
        from reportcli.diff import reports as reportdiff

        if theme_name is None or from_year is not None or to_year is not None:
            raise QueryError("diff REF REF compares the two texts named; --from and --to are for years")
        sides = reportdiff.named(corpus, theme_name), reportdiff.named(corpus, other)
        return reportdiff.compare_reports(corpus, *sides, terms_only=terms_only, only=only, least=least)
    if theme_name is None and from_year is not None and to_year is not None:
        from reportcli.diff import reports as reportdiff

        pair = reportdiff.reports_for(corpus, from_year, to_year, language)
        if pair is not None:
            sides = reportdiff.whole(corpus, pair[0]), reportdiff.whole(corpus, pair[1])
            return reportdiff.compare_reports(corpus, *sides, terms_only=terms_only, only=only, least=least)
    if theme_name is None:
        if only is not None:
            raise QueryError("--only needs a theme, or two reports to compare: the summary of every theme counts them")
        summaries = diff_all(corpus, from_year, to_year)
        empty = None if summaries else "no theme has text for two years to compare"
        return Result("diff-summary", summaries, summaries, empty=empty)
    if "/" in theme_name or any(theme_name == m.id for m in corpus.reports if m.kind == FULL):
        raise QueryError(f"{theme_name!r} names a report or a part: diff REF REF compares two of them")
    result = diff_theme(corpus, resolve_theme(corpus, theme_name), from_year, to_year, least=least or 1)
    labels = (str(result["from"]), str(result["to"]))
    if terms_only:
        rows = term_rows(result["terms"], only)
        return Result("diff-terms", rows, rows, facts={"from": result["from"], "to": result["to"]})
    result = narrowed(result, only)
    top = {group: distinct(items, TOP_TERMS_SHOWN) for group, items in result["terms"].items()}
    facts = {"top_terms": top, "related_below": RELATED_BELOW, "labels": labels, "only": only}
    return Result("diff", result, statement_rows(result), facts=facts)
