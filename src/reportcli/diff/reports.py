"""Two full reports compared (``diff --from 2023 --to 2024``): their sentences and parts aligned as a
theme's years are (``diff.align``: idf-weighted cosine, best match from either side, near linear
through a prefix filter), with word changes, and the terms that came and went.

Chinese has no spaces to find words by: a sentence is compared by the pairs of characters that stand
together in it (idf over the sentences of the two reports), its changes are shown character by
character, and its terms are the runs of two to sixteen characters that recur: at least twice in the
two reports and the reports just before and after them (so that 新质生产力, once in 2024 and twice in
2025, is a term, and the one-off stretch around it is not), the longest of those with the same
counts kept (新质生产力 rather than 质生产力).
English reports are compared as a summary's themes are, by stemmed content words.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from reportcli.caveats import caveats
from reportcli.db.corpus import Corpus
from reportcli.diff.align import RELATED_BELOW, Weights, align
from reportcli.diff.content import Content, chinese_content, english_content
from reportcli.diff.rows import continued, side, statement_rows
from reportcli.diff.terms import TOP_TERMS_SHOWN, chinese_terms, compare_terms, distinct
from reportcli.errors import QueryError
from reportcli.language import EN, ZH
from reportcli.model import FULL, Meta, Result, Statement


def reports_for(corpus: Corpus, from_year: int, to_year: int, language: str | None) -> tuple[Meta, Meta] | None:
    """The full reports of the two years (in ``language``, else Chinese where both have it), or None
    when the corpus has no full report of either year (a summary's themes are compared instead)."""
    full = [m for m in corpus.reports if m.kind == FULL]
    if not any(m.year in (from_year, to_year) for m in full):
        return None
    languages = [language] if language else [ZH, EN]
    for wanted in languages:
        earlier = next((m for m in full if m.year == from_year and m.language == wanted), None)
        later = next((m for m in full if m.year == to_year and m.language == wanted), None)
        if earlier and later:
            return earlier, later
    have = ", ".join(sorted(f"{m.id}" for m in full if m.year in (from_year, to_year)))
    raise QueryError(
        f"no two full reports of {from_year} and {to_year} in the same language to compare (there are: {have})"
    )


def compare_reports(corpus: Corpus, earlier_meta: Meta, later_meta: Meta, *, terms_only: bool = False) -> Result:
    """Two full reports compared: continued, new and dropped sentences, the parts aligned, the terms."""
    chinese = earlier_meta.language == ZH
    earlier_statements = _statements(corpus, earlier_meta.id)
    later_statements = _statements(corpus, later_meta.id)
    analyse = chinese_content if chinese else english_content
    earlier = [analyse(s) for s in earlier_statements]
    later = [analyse(s) for s in later_statements]
    if chinese:
        df = Counter(key for content in (*earlier, *later) for key in content.keys)
        weights = Weights(None, (df, len(earlier) + len(later)))
        char_weights = Weights(corpus.index)
        around = [s for meta in _around(corpus, earlier_meta, later_meta) for s in _statements(corpus, meta.id)]
        terms = chinese_terms(char_weights, earlier_statements, later_statements, around)
    else:
        weights = Weights(corpus.index)
        corpus.index.prefetch_df(key for content in (*earlier, *later) for key in content.keys)
        terms = compare_terms(weights, earlier, later)
    if terms_only:
        rows = [{"group": group, **term} for group, items in terms.items() for term in items]
        return Result("diff-terms", rows, rows, facts={"from": earlier_meta.year, "to": later_meta.year})
    pairs = align(weights, earlier, later)
    paired_earlier = {i for i, _, _ in pairs}
    paired_later = {j for _, j, _ in pairs}
    figures = corpus.figures_for(s.ref for s in (*earlier_statements, *later_statements))

    def carried(statement: Statement) -> dict[str, Any]:
        return caveats(corpus, statement, figures.get(statement.ref, []))

    result = {
        "theme": f"{earlier_meta.id}..{later_meta.id}",
        "title": f"{earlier_meta.title} → {later_meta.title}",
        "from": earlier_meta.year,
        "to": later_meta.year,
        "reports": {"from": earlier_meta.id, "to": later_meta.id},
        "parts": _parts(corpus, earlier_meta.id, later_meta.id, weights if chinese else None),
        "continued": [
            continued(earlier[i].statement, later[j].statement, score, carried, chinese=chinese)
            for i, j, score in pairs
        ],
        "new": [side(c.statement) | carried(c.statement) for j, c in enumerate(later) if j not in paired_later],
        "dropped": [side(c.statement) | carried(c.statement) for i, c in enumerate(earlier) if i not in paired_earlier],
        "terms": terms,
    }
    top = {group: distinct(items, TOP_TERMS_SHOWN) for group, items in terms.items()}
    return Result("diff", result, statement_rows(result), facts={"top_terms": top, "related_below": RELATED_BELOW})


def _around(corpus: Corpus, earlier: Meta, later: Meta) -> list[Meta]:
    """The full reports in the same language just before the earlier and just after the later one."""
    same = sorted(
        (m for m in corpus.reports if m.kind == FULL and m.language == earlier.language and m.year is not None),
        key=lambda m: m.year or 0,
    )
    low, high = sorted((earlier.year or 0, later.year or 0))
    before = [m for m in same if (m.year or 0) < low][-1:]
    after = [m for m in same if (m.year or 0) > high][:1]
    return before + after


def _statements(corpus: Corpus, report_id: str) -> list[Statement]:
    return [s for section in corpus.sections if section.report == report_id for s in corpus.statements(section.id)]


def _parts(corpus: Corpus, earlier_id: str, later_id: str, weights: Weights | None) -> list[dict[str, Any]]:
    """The parts of the two reports paired by their headings (as sentences are), in the later order."""
    earlier = [s for s in corpus.sections if s.report == earlier_id]
    later = [s for s in corpus.sections if s.report == later_id]

    def heading(section: Any) -> Content:
        statement = Statement(section.id, section.id, None, 0, section.title)
        return chinese_content(statement) if weights is not None else english_content(statement)

    first, second = [heading(s) for s in earlier], [heading(s) for s in later]
    found = align(weights or Weights(corpus.index), first, second)
    return [
        {
            "from": earlier[i].id,
            "to": later[j].id,
            "from_title": earlier[i].title,
            "to_title": later[j].title,
            "similarity": round(score, 3),
        }
        for i, j, score in found
    ]
