"""What changed: ``diff THEME`` compares one theme's two years, ``diff`` summarises every theme,
``diff --from Y1 --to Y2`` compares two full reports. The modules: ``content`` (what a statement is
compared by), ``align`` (which statements continue), ``words`` (word changes), ``terms`` (terms that
came and went), ``rows`` (the records printed), ``themes`` and ``reports`` (the two comparisons).
"""

from __future__ import annotations

from reportcli.db.corpus import Corpus
from reportcli.diff.align import RELATED_BELOW
from reportcli.diff.rows import statement_rows
from reportcli.diff.terms import TOP_TERMS_SHOWN, distinct
from reportcli.diff.themes import diff_all, diff_theme
from reportcli.model import Result
from reportcli.scope import resolve_theme


def compare(
    corpus: Corpus,
    theme_name: str | None = None,
    from_year: int | None = None,
    to_year: int | None = None,
    *,
    terms_only: bool = False,
    language: str | None = None,
) -> Result:
    """The ``diff`` command: one theme's years compared; two full reports compared, when both years
    have one (``--from 2023 --to 2024``); or a summary of every theme with two years."""
    if theme_name is None and from_year is not None and to_year is not None:
        from reportcli.diff import reports as reportdiff

        pair = reportdiff.reports_for(corpus, from_year, to_year, language)
        if pair is not None:
            return reportdiff.compare_reports(corpus, *pair, terms_only=terms_only)
    if theme_name is None:
        summaries = diff_all(corpus, from_year, to_year)
        empty = None if summaries else "no theme has text for two years to compare"
        return Result("diff-summary", summaries, summaries, empty=empty)
    result = diff_theme(corpus, resolve_theme(corpus, theme_name), from_year, to_year)
    if terms_only:
        rows = [{"group": group, **term} for group, items in result["terms"].items() for term in items]
        return Result("diff-terms", rows, rows, facts={"from": result["from"], "to": result["to"]})
    top = {group: distinct(items, TOP_TERMS_SHOWN) for group, items in result["terms"].items()}
    return Result("diff", result, statement_rows(result), facts={"top_terms": top, "related_below": RELATED_BELOW})
