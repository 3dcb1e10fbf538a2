"""One theme's two years compared (``diff THEME``), and the summary of every theme (``diff``).

Statements: each statement is the set of its stemmed content words (stop words removed), each
word weighted by its inverse document frequency over every statement of the report,
idf = ln((N + 1) / (df + 0.5)), so that the verbs every sentence of a work report uses ("promote",
"strengthen", "improve") count for little and the words that carry the topic count for much. Two
statements are compared by the cosine of those weighted vectors. A pair is *continued* when its
similarity is at least THRESHOLD, one to one, the most similar pairs first (``diff.align``). A later
statement in no pair is *new*; an earlier one is *dropped*. Salutations and list numbers alone are
set aside, never paired.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportcli.caveats import caveats
from reportcli.db.checked import Damaged
from reportcli.db.corpus import Corpus
from reportcli.diff.align import Weights, align
from reportcli.diff.content import aside, english_content
from reportcli.diff.rows import continued, counted, set_aside, side
from reportcli.diff.terms import compare_terms
from reportcli.errors import QueryError, ReportError
from reportcli.model import Section, Statement
from reportcli.scope import check_year

TOP_TERMS_SUMMARY = 5  # per theme, in the summary of every theme


def years_to_compare(theme: Section, from_year: int | None, to_year: int | None) -> tuple[int, int]:
    years = theme.year_list
    listed = ", ".join(map(str, years))
    for year in (from_year, to_year):
        if year is not None and year not in years:
            raise QueryError(f"theme {theme.id!r} has no {year}; years available: {listed}")
    if from_year is None and to_year is None and len(years) < 2:
        raise QueryError(f"theme {theme.id!r} has text for {listed} only; there is nothing to compare")
    start = from_year if from_year is not None else (years[0] if to_year != years[0] else years[-1])
    end = to_year if to_year is not None else (years[-1] if start != years[-1] else years[0])
    if start == end:
        raise QueryError(f"--from and --to are both {start}; choose two different years ({listed})")
    return start, end


def diff_theme(
    corpus: Corpus,
    theme: Section,
    from_year: int | None = None,
    to_year: int | None = None,
    weights: Weights | None = None,
    top: int | None = None,
    least: int = 1,
) -> dict[str, Any]:
    """One theme's two years compared; with ``top`` (a summary's), without the word changes and
    caveats of each pair and with only the ``top`` distinct terms of each group. A theme's year has a
    few dozen statements at most: a term said once there is news (``least``: 1)."""
    start, end = years_to_compare(theme, from_year, to_year)
    earlier_statements = corpus.statements(theme.id, start)
    later_statements = corpus.statements(theme.id, end)
    earlier = [english_content(s) for s in earlier_statements if aside(s.text) is None]
    later = [english_content(s) for s in later_statements if aside(s.text) is None]
    weights = weights or Weights(corpus.index)
    corpus.index.prefetch_df(key for content in (*earlier, *later) for key in content.keys)
    pairs = align(weights, earlier, later)
    paired_earlier = {i for i, _, _ in pairs}
    paired_later = {j for _, j, _ in pairs}
    if top is not None:
        return {
            "theme": theme.id,
            "title": theme.title,
            "from": start,
            "to": end,
            "continued": pairs,
            "new": [j for j in range(len(later)) if j not in paired_later],
            "dropped": [i for i in range(len(earlier)) if i not in paired_earlier],
            "terms": compare_terms(weights, earlier, later, top),
        }
    figures = corpus.figures_for(c.statement.ref for c in (*earlier, *later))

    def carried(statement: Statement) -> dict[str, Any]:
        return caveats(corpus, statement, figures.get(statement.ref, []))

    result = {
        "theme": theme.id,
        "title": theme.title,
        "from": start,
        "to": end,
        "continued": [continued(earlier[i].statement, later[j].statement, score, carried) for i, j, score in pairs],
        "new": [side(c.statement) | carried(c.statement) for j, c in enumerate(later) if j not in paired_later],
        "dropped": [side(c.statement) | carried(c.statement) for i, c in enumerate(earlier) if i not in paired_earlier],
        "set_aside": set_aside(earlier_statements, later_statements),
        "terms": compare_terms(weights, earlier, later, least=least),
    }
    result["counts"] = counted(result)
    return result


SUMMARY = "diff-summary"  # the name of the summary of every theme, first year against last, kept with the data


def diff_all(corpus: Corpus, from_year: int | None = None, to_year: int | None = None) -> list[dict[str, Any]]:
    """One summary per theme that has both years (by default, its first and last). The default one is
    worked out when the data is built and kept with it (``summaries``): a cached corpus reads it back,
    checked, rather than comparing thousands of themes again."""
    for year in (from_year, to_year):
        check_year(corpus, year)
    if from_year is None and to_year is None and (kept := corpus.derived(SUMMARY)) is not None:
        return _checked_summaries(kept, corpus)
    return summaries(corpus, from_year, to_year)


_SUMMARY_FIELDS = {
    "theme": str,
    "title": str,
    "from": int,
    "to": int,
    "continued": int,
    "new": int,
    "dropped": int,
    "new_terms": list,
    "dropped_terms": list,
}


def _checked_summaries(kept: Any, corpus: Corpus) -> list[dict[str, Any]]:
    """The kept summary, if it has exactly the shape ``summaries`` makes and the themes the corpus has;
    anything else is Damaged (and the data is built again)."""
    themes = [(t.id, t.title) for t in corpus.themes if len(t.year_list) >= 2]
    if (
        not isinstance(kept, list)
        or [(row.get("theme"), row.get("title")) if isinstance(row, dict) else None for row in kept] != themes
    ):
        raise Damaged(SUMMARY)
    for row in kept:
        if set(row) != set(_SUMMARY_FIELDS) or not all(
            isinstance(row[k], kind) and not isinstance(row[k], bool) for k, kind in _SUMMARY_FIELDS.items()
        ):
            raise Damaged(SUMMARY)
        if min(row["continued"], row["new"], row["dropped"]) < 0 or not all(
            isinstance(t, str) for t in row["new_terms"] + row["dropped_terms"]
        ):
            raise Damaged(SUMMARY)
    return kept


def kept_summaries(corpus: Corpus, progress: Callable[[float], None] | None = None) -> dict[str, Any]:
    """What a cache entry keeps of this module (``Dataset(derive=...)``): the summary of every theme,
    first year against last (thousands of themes take seconds), when any theme has two years."""
    if not any(len(theme.year_list) >= 2 for theme in corpus.themes):
        return {}
    try:
        return {SUMMARY: summaries(corpus, progress=progress)}
    except ReportError:  # a theme too large to compare: `diff` says so when it is asked, not `themes`
        return {}


def summaries(
    corpus: Corpus,
    from_year: int | None = None,
    to_year: int | None = None,
    progress: Callable[[float], None] | None = None,
) -> list[dict[str, Any]]:
    """The summary of every theme that has both years, worked out."""
    found = []
    weights = Weights(corpus.index)  # one cache of idf values for every theme
    themes = corpus.themes
    for n, theme in enumerate(themes):
        if progress is not None and n % 100 == 0:
            progress(n / len(themes))
        years = theme.year_list
        if len(years) < 2 or any(y is not None and y not in years for y in (from_year, to_year)):
            continue
        result = diff_theme(corpus, theme, from_year, to_year, weights, top=TOP_TERMS_SUMMARY)
        found.append(
            {
                "theme": theme.id,
                "title": theme.title,
                "from": result["from"],
                "to": result["to"],
                "continued": len(result["continued"]),
                "new": len(result["new"]),
                "dropped": len(result["dropped"]),
                "new_terms": [t["term"] for t in result["terms"]["new"]],
                "dropped_terms": [t["term"] for t in result["terms"]["dropped"]],
            }
        )
    return found
