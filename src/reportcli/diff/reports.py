"""Two full reports compared (``diff --from 2023 --to 2024``), or any two of their parts (``diff
2023-zh/part2 2024-zh/part3``): their sentences and parts aligned one to one as a theme's years are
(``diff.align``: idf-weighted cosine, most similar pair first, near linear through a prefix filter),
with word changes, and the terms that came and went.

Chinese has no spaces to find words by: a sentence is compared by the pairs of characters that stand
together in it (idf over the sentences of the two texts), its changes are shown character by
character, and its terms are maximal phrases that recur (``diff.terms``): a new one said at least twice
in the later report unless asked for those said once. English reports are compared as a summary's
themes are, by stemmed content words. Salutations and sentences that are only a list number are set
aside, never paired (``diff.content``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

from reportcli import refs
from reportcli.caveats import caveats, whose_words
from reportcli.db.corpus import Corpus
from reportcli.diff.align import RELATED_BELOW, Weights, align
from reportcli.diff.content import Content, aside, chinese_content, english_content
from reportcli.diff.rows import continued, counted, narrowed, set_aside, side, statement_rows, term_rows
from reportcli.diff.terms import RECURS, TOP_TERMS_SHOWN, chinese_terms, compare_terms, distinct, distinct_runs
from reportcli.errors import QueryError
from reportcli.language import EN, ZH
from reportcli.model import FULL, Meta, Result, Section, Statement


class Side(NamedTuple):
    """One side of a comparison: a whole report or some of its parts."""

    ref: str  # what the user named: 2024-zh, 2024-zh/part3
    meta: Meta  # the report it is of
    sections: tuple[Section, ...]  # its parts, in reading order
    statements: tuple[Statement, ...]


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


def whole(corpus: Corpus, meta: Meta) -> Side:
    sections = tuple(s for s in corpus.sections if s.report == meta.id)
    return Side(meta.id, meta, sections, tuple(_statements(corpus, sections)))


def named(corpus: Corpus, name: str) -> Side:
    """What ``diff REF REF`` names on one side: a full report (``2024-zh``) or a part of one
    (``2024-zh/part3``, with its sub-parts; ``2024-zh/part3.9``)."""
    metas = {m.id: m for m in corpus.reports if m.kind == FULL}
    if name in metas:
        return whole(corpus, metas[name])
    ref = refs.parse(name)
    if ref is None or ref.head not in metas or not ref.is_part:
        listed = ", ".join(sorted(metas)[:6]) + (", ..." if len(metas) > 6 else "")
        raise QueryError(
            f"diff compares two reports or two parts: {name!r} is neither (a report is named like "
            f"{listed or '2024-zh'}, a part like 2024-zh/part3; 'reportcli show REPORT' lists its parts)"
        )
    part = str(ref)
    sections = tuple(
        s
        for s in corpus.sections
        if s.report == ref.head and (s.id == part or (ref.subpart is None and s.id.startswith(f"{part}.")))
    )
    if not sections:
        have = ", ".join(s.id for s in corpus.sections if s.report == ref.head)
        raise QueryError(f"{ref.head} has no {part}; its parts: {have}")
    return Side(part, metas[ref.head], sections, tuple(_statements(corpus, sections)))


def compare_reports(
    corpus: Corpus,
    earlier_text: Side,
    later_text: Side,
    *,
    terms_only: bool = False,
    only: str | None = None,
    least: int | None = None,
) -> Result:
    """Two reports, or two parts, compared: continued, new and dropped sentences, the parts aligned, the
    terms (a new one said at least ``least`` times, by default RECURS)."""
    earlier_meta, later_meta = earlier_text.meta, later_text.meta
    if earlier_meta.language != later_meta.language:
        raise QueryError(
            f"{earlier_text.ref} is in {earlier_meta.language} and {later_text.ref} in {later_meta.language}: "
            "diff compares texts in one language"
        )
    chinese = earlier_meta.language == ZH
    least = RECURS if least is None else least
    kept_earlier = [s for s in earlier_text.statements if aside(s.text) is None]
    kept_later = [s for s in later_text.statements if aside(s.text) is None]
    analyse = chinese_content if chinese else english_content
    earlier = [analyse(s) for s in kept_earlier]
    later = [analyse(s) for s in kept_later]
    if chinese:
        df = Counter(key for content in (*earlier, *later) for key in content.keys)
        weights = Weights(None, (df, len(earlier) + len(later)))
        char_weights = Weights(corpus.index)
        around = [s for meta in _around(corpus, earlier_meta, later_meta) for s in _statements(corpus, None, meta.id)]
        terms = chinese_terms(char_weights, kept_earlier, kept_later, around, least=least)
    else:
        weights = Weights(corpus.index)
        corpus.index.prefetch_df(key for content in (*earlier, *later) for key in content.keys)
        terms = compare_terms(weights, earlier, later, least=least)
    labels = (earlier_text.ref, later_text.ref)
    caveated = _caveated(earlier_meta, later_meta)
    if terms_only:
        rows = term_rows(terms, only)
        return Result("diff-terms", rows, rows, facts={"from": labels[0], "to": labels[1], "caveated": caveated})
    pairs = align(weights, earlier, later)
    paired_earlier = {i for i, _, _ in pairs}
    paired_later = {j for _, j, _ in pairs}
    figures = corpus.figures_for(s.ref for s in (*earlier_text.statements, *later_text.statements))

    def carried(statement: Statement) -> dict[str, Any]:
        return caveats(corpus, statement, figures.get(statement.ref, []))

    result: dict[str, Any] = {
        "theme": f"{earlier_text.ref}..{later_text.ref}",
        "title": f"{_title(earlier_text)} → {_title(later_text)}",
        "from": earlier_meta.year,
        "to": later_meta.year,
        "reports": {"from": earlier_meta.id, "to": later_meta.id},
        "report_caveats": {"from": whose_words(earlier_meta), "to": whose_words(later_meta)},
        "compared": {"from": earlier_text.ref, "to": later_text.ref},
        "parts": _parts(corpus, earlier_text.sections, later_text.sections, weights if chinese else None),
        "continued": [
            continued(earlier[i].statement, later[j].statement, score, carried, chinese=chinese)
            for i, j, score in pairs
        ],
        "new": [side(c.statement) | carried(c.statement) for j, c in enumerate(later) if j not in paired_later],
        "dropped": [side(c.statement) | carried(c.statement) for i, c in enumerate(earlier) if i not in paired_earlier],
        "set_aside": set_aside(earlier_text.statements, later_text.statements),
        "terms": terms,
    }
    result["counts"] = counted(result)
    result = narrowed(result, only)
    top_of = distinct_runs if chinese else distinct
    top = {group: top_of(items, TOP_TERMS_SHOWN) for group, items in result["terms"].items()}
    facts = {"top_terms": top, "related_below": RELATED_BELOW, "labels": labels, "only": only, "caveated": caveated}
    return Result("diff", result, statement_rows(result), facts=facts)


def _caveated(*metas: Meta) -> str | None:
    """What a reader of the comparison must know of the reports compared (a partial translation, a plan
    report...), said on stderr: of a partial text, a statement "new" or "dropped" may be one it lacks."""
    said = [f"{meta.id} ({', '.join(kinds)})" for meta in dict.fromkeys(metas) if (kinds := whose_words(meta))]
    if not said:
        return None
    line = f"compared reports with caveats: {' and '.join(said)} ('reportcli about REPORT')"
    if any("partial" in whose_words(meta) for meta in metas):
        line += "; a partial text lacks passages: a statement new or dropped may be one it lacks, not news"
    return line


def _title(text: Side) -> str:
    """A report's title; a part's, after the report's id."""
    if text.ref == text.meta.id:
        return text.meta.title
    return f"{text.meta.id} {text.sections[0].title}"


def _around(corpus: Corpus, earlier: Meta, later: Meta) -> list[Meta]:
    """The full reports in the same language just before the earlier and just after the later one."""
    same = sorted(
        (m for m in corpus.reports if m.kind == FULL and m.language == earlier.language and m.year is not None),
        key=lambda m: m.year or 0,
    )
    low, high = sorted((earlier.year or 0, later.year or 0))
    before = [m for m in same if (m.year or 0) < low][-1:]
    after = [m for m in same if (m.year or 0) > high][:1]
    return [m for m in before + after if m.id not in (earlier.id, later.id)]


def _statements(corpus: Corpus, sections: Sequence[Section] | None, report_id: str | None = None) -> list[Statement]:
    chosen = sections if sections is not None else [s for s in corpus.sections if s.report == report_id]
    return [s for section in chosen for s in corpus.statements(section.id)]


def _parts(
    corpus: Corpus, earlier: Sequence[Section], later: Sequence[Section], weights: Weights | None
) -> list[dict[str, Any]]:
    """The parts of the two texts paired one to one by their headings (as sentences are, list numbers
    left out), in the later order; then the parts of the later text in no pair (new), then those of
    the earlier (dropped)."""

    def heading(section: Section) -> Content:
        statement = Statement(section.id, section.id, None, 0, section.title)
        return chinese_content(statement) if weights is not None else english_content(statement)

    first, second = [heading(s) for s in earlier], [heading(s) for s in later]
    found = align(weights or Weights(corpus.index), first, second)
    paired_first = {i for i, _, _ in found}
    paired_second = {j for _, j, _ in found}

    def row(status: str, a: Section | None, b: Section | None, score: float | None) -> dict[str, Any]:
        return {
            "status": status,
            "from": a.id if a else None,
            "to": b.id if b else None,
            "from_title": a.title if a else None,
            "to_title": b.title if b else None,
            "similarity": round(score, 3) if score is not None else None,
        }

    rows = [row("continued", earlier[i], later[j], score) for i, j, score in found]
    rows += [row("new", None, s, None) for j, s in enumerate(later) if j not in paired_second]
    rows += [row("dropped", s, None, None) for i, s in enumerate(earlier) if i not in paired_first]
    return rows
