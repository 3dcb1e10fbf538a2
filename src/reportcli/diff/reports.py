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

import functools
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from reportcli import text as words_
from reportcli.caveats import caveats
from reportcli.db.corpus import Corpus
from reportcli.diff import (
    RELATED_BELOW,
    TOP_TERMS_SHOWN,
    Weights,
    _Content,
    _content,
    align,
    compare_terms,
    distinct,
    statement_rows,
    term_row,
    word_changes,
)
from reportcli.errors import QueryError
from reportcli.language import EN, IDEOGRAPHS, ZH
from reportcli.model import FULL, Meta, Result, Statement

_IDEOGRAPHS = re.compile(f"[{IDEOGRAPHS}]+")
SHORTEST, LONGEST = 2, 16  # characters of a Chinese term
RECURS = 2  # a new or dropped Chinese term occurs at least this often in the year that has it


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


@functools.lru_cache(maxsize=1 << 16)
def _pairs(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """A Chinese sentence's keys (pairs of characters that stand together, as simplified characters)
    and its runs of characters."""
    runs = tuple("".join(words_.stem(c) for c in run) for run in _IDEOGRAPHS.findall(words_.fold(text)))
    keys = {run[i : i + 2] for run in runs for i in range(max(len(run) - 1, 1))}
    return frozenset(keys), runs


def _chinese(statement: Statement) -> _Content:
    keys, _ = _pairs(statement.text)
    return _Content(statement, keys, (), ())


def chinese_terms(
    weights: Weights, earlier: Sequence[Statement], later: Sequence[Statement], around: Sequence[Statement] = ()
) -> dict[str, list[dict[str, Any]]]:
    """New, dropped and shared Chinese terms: runs of characters that recur in the two reports and
    those ``around`` them, most salient first. A run inside a longer one with the same counts is left
    out; it is enough to look one character longer on either side (counts only fall as a run grows,
    so the runs between the two have those counts too, and they recur, so they were counted)."""
    from_runs = [run for s in earlier for run in _pairs(s.text)[1]]
    to_runs = [run for s in later for run in _pairs(s.text)[1]]
    around_runs = [run for s in around for run in _pairs(s.text)[1]]
    from_counts, to_counts, around_counts = _grams((from_runs, to_runs, around_runs))
    from_total = sum(map(len, from_runs)) or 1
    to_total = sum(map(len, to_runs)) or 1
    groups: dict[str, list[tuple[float, str]]] = {"new": [], "dropped": [], "shared": []}
    for gram in from_counts.keys() | to_counts.keys():
        f, t = from_counts[gram], to_counts[gram]
        if f + t + around_counts[gram] < RECURS:
            continue
        if f and t:
            group, rate = "shared", min(1000 * f / from_total, 1000 * t / to_total)
        elif t:
            group, rate = "new", 1000 * t / to_total
        else:
            group, rate = "dropped", 1000 * f / from_total
        groups[group].append((round(rate * sum(weights.idf(c) for c in gram), 2), gram))
    found: dict[str, list[dict[str, Any]]] = {}
    for group, scored in groups.items():
        counts = {gram: (from_counts[gram], to_counts[gram], around_counts[gram]) for _, gram in scored}
        inside = {(part, n) for gram, n in counts.items() if len(gram) > SHORTEST for part in (gram[:-1], gram[1:])}
        kept = sorted(((s, g) for s, g in scored if (g, counts[g]) not in inside), key=lambda x: (-x[0], x[1]))
        found[group] = [
            term_row(gram, gram, len(gram), (from_counts[gram], to_counts[gram]), (from_total, to_total), salience)
            for salience, gram in kept
        ]
    return found


def _grams(years: tuple[list[str], ...]) -> tuple[Counter[str], ...]:
    """Counts, in each list of runs, of every run of SHORTEST to LONGEST characters: a run is counted
    only when the runs one character shorter at its start and at its end recur over all the lists (a
    priori), so that the one-off stretches of a sentence are never all enumerated."""
    counts: tuple[Counter[str], ...] = tuple(Counter() for _ in years)
    recurring: set[str] | None = None
    for size in range(SHORTEST, LONGEST + 1):
        level: tuple[Counter[str], ...] = tuple(Counter() for _ in years)
        for year, runs in enumerate(years):
            for run in runs:
                for i in range(len(run) - size + 1):
                    gram = run[i : i + size]
                    if recurring is None or (gram[:-1] in recurring and gram[1:] in recurring):
                        level[year][gram] += 1
        for total, found in zip(counts, level, strict=True):
            total.update(found)
        seen: Counter[str] = Counter()
        for found in level:
            seen.update(found)
        recurring = {g for g, n in seen.items() if n >= RECURS}
        if not recurring:
            break
    return counts


def compare_reports(corpus: Corpus, earlier_meta: Meta, later_meta: Meta, *, terms_only: bool = False) -> Result:
    """Two full reports compared: continued, new and dropped sentences, the parts aligned, the terms."""
    chinese = earlier_meta.language == ZH
    earlier_statements = _statements(corpus, earlier_meta.id)
    later_statements = _statements(corpus, later_meta.id)
    analyse = _chinese if chinese else _content
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
            {
                "from_ref": earlier[i].statement.ref,
                "to_ref": later[j].statement.ref,
                "similarity": round(score, 3),
                "related": score < RELATED_BELOW,
                "from_text": earlier[i].statement.text,
                "to_text": later[j].statement.text,
                "changes": word_changes(earlier[i].statement.text, later[j].statement.text, chinese=chinese),
                "from_statement": carried(earlier[i].statement),
                "to_statement": carried(later[j].statement),
            }
            for i, j, score in pairs
        ],
        "new": [_side(c.statement) | carried(c.statement) for j, c in enumerate(later) if j not in paired_later],
        "dropped": [
            _side(c.statement) | carried(c.statement) for i, c in enumerate(earlier) if i not in paired_earlier
        ],
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


def _side(statement: Statement) -> dict[str, Any]:
    return {"ref": statement.ref, "year": statement.year, "text": statement.text}


def _parts(corpus: Corpus, earlier_id: str, later_id: str, weights: Weights | None) -> list[dict[str, Any]]:
    """The parts of the two reports paired by their headings (as sentences are), in the later order."""
    earlier = [s for s in corpus.sections if s.report == earlier_id]
    later = [s for s in corpus.sections if s.report == later_id]

    def heading(section: Any) -> _Content:
        statement = Statement(section.id, section.id, None, 0, section.title)
        return _chinese(statement) if weights is not None else _content(statement)

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
