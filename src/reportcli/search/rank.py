"""Ranking: BM25 (k1=1.2, b=0.75) over every searchable statement, ties in document order, and the hit
records a search returns.

A statement's notes and the official words it renders are searched with it: a term they hold counts
half an occurrence where the statement's own words lack it, and nothing where they have it (notes make
a statement found, never rank it higher). A statement whose own words hold more of the query's terms
ranks above one that holds them only in its notes, whatever the scores. A light-verb idiom ("do a good
job") counts half, as a note does."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

from reportcli import text as words_
from reportcli.caveats import caveats, read_renderings, report_caveats, source_of
from reportcli.db.corpus import Corpus
from reportcli.model import GLOSSARY, PART, REVIEW, SUMMARY, Figure, Statement
from reportcli.scope import Years, parse_years
from reportcli.search import glossary as glossary_
from reportcli.search.match import (
    Counts,
    case_ok,
    exact_ok,
    filtered,
    occurrences,
    regex_matches,
    symbol_matches,
    term_counts,
    unit_spans,
)
from reportcli.search.parse import Key, Query, Term

K1 = 1.2


B = 0.75


ATTACHED_WEIGHT = 0.5  # an occurrence in a statement's notes or official words, against one in its text


# Uses of a word that are not the word: a light-verb idiom ("do a good job" is to carry something out
# well, not a job). Such a use counts half, and a statement whose only uses are idioms ranks below
# one that uses the word itself.
IDIOMS = {"job": re.compile(r"\b(?:do|does|did|doing|done)\s+(?:an?\s+)?(?:[a-z]+\s+)?job\b", re.IGNORECASE)}


Spans = Callable[[str], list[tuple[int, int]]]  # a --regex pattern's spans in a text (match.RegexMatches)


class LaterHits:
    """The hit records after the first ones, built when asked: all at once (called), or part by part
    (``parts``), so that a pager the reader quits early stops the work where it is."""

    def __init__(self, corpus: Corpus, query: Query, ranked: list[tuple[int, float]], spans: Spans | None) -> None:
        self._corpus, self._query, self._ranked, self._spans = corpus, query, ranked, spans

    def __call__(self) -> list[dict[str, Any]]:
        return _hits(self._corpus, self._query, self._ranked, self._spans)

    def parts(self, size: int) -> Iterator[list[dict[str, Any]]]:
        for start in range(0, len(self._ranked), size):
            yield _hits(self._corpus, self._query, self._ranked[start : start + size], self._spans)


class SearchResult(NamedTuple):
    hits: list[dict[str, Any]]  # ranked, best first
    ranked: list[tuple[int, float]]  # (unit, score), best first: every hit, even when ``hits`` holds fewer
    rest: LaterHits | None = None  # the hit records after ``hits``, built when asked


def _idiomatic(corpus: Corpus, query: Query, per_term: list[Counts]) -> dict[tuple[int, int], int]:
    """(term, unit) -> how many of the term's uses in the unit are an idiom (``IDIOMS``), not the word."""
    found: dict[tuple[int, int], int] = {}
    if query.pattern is not None:
        return found
    for i, term in enumerate(query.terms):
        patterns = [IDIOMS[w] for w in IDIOMS if len(term.keys) == 1 and words_.stem(w) == term.keys[0]]
        if not patterns or not per_term[i]:
            continue
        for unit, statement in corpus.by_unit(per_term[i]).items():
            if n := sum(len(p.findall(statement.text)) for p in patterns):
                found[(i, unit)] = min(n, per_term[i][unit][1])
    return found


def _bm25(tf: float, length: int, idf: float, average: float) -> float:
    norm = 1 - B + B * (length / average if average else 1)
    return idf * tf * (K1 + 1) / (tf + K1 * norm)


def search(
    corpus: Corpus,
    query: Query,
    *,
    section: str | None = None,
    year: int | Years | None = None,
    languages: set[int] | None = None,
    limit: int | None = None,
    hits: bool = True,
    by_year: bool = False,
) -> SearchResult:
    """Statements that match, best first (``by_year``: earliest year first, in document order within a
    year, statements without a year last); ``limit`` caps (and ``hits=False`` skips) the hit records
    built. ``languages``: the positions of the reports to search (None: all)."""
    index = corpus.index
    wanted_section = None if section is None else corpus.position(section)
    years = parse_years(year)
    year_of = counted_year(corpus)

    def keep(unit: int) -> bool:
        return (
            (wanted_section is None or index.section_of(unit) == wanted_section)
            and (years is None or year_of(unit) in years)
            and (languages is None or index.report_of(unit) in languages)
        )

    regex_spans: Spans | None = None
    if query.pattern is not None:
        matched = regex_matches(corpus, query.pattern, query.case_sensitive, keep)
        per_term = [{unit: (n, n) for unit, n in matched.counts.items()}]
        regex_spans = matched.spans
    else:
        per_term = [term_counts(corpus, term) for term in query.terms]
        if query.case_sensitive:
            per_term = filtered(corpus, query.terms, per_term, case_ok)
        if query.exact:
            per_term = filtered(corpus, query.terms, per_term, exact_ok)
    idiomatic = _idiomatic(corpus, query, per_term)
    idfs = [math.log((index.units - len(m) + 0.5) / (len(m) + 0.5) + 1) for m in per_term]
    scored: list[tuple[int, float, int]] = []
    for unit in set().union(*per_term):
        present = [i for i, m in enumerate(per_term) if unit in m]
        if (not query.any_term and len(present) < len(per_term)) or not keep(unit):
            continue
        length = index.length(unit)
        score = 0.0
        in_text = 0  # terms the statement's own words hold
        for i in present:
            total, own = per_term[i][unit]
            idioms = idiomatic.get((i, unit), 0)
            real = own - idioms
            tf = real + ATTACHED_WEIGHT * idioms or ATTACHED_WEIGHT * total  # notes, idioms: found, not ranked up
            score += _bm25(tf, length, idfs[i], index.average_length)
            in_text += real > 0
        scored.append((in_text, score, unit))
    scored.sort(key=lambda h: (-h[0], -h[1], h[2]))
    ranked = [(unit, score) for _, score, unit in scored]
    if by_year:
        ranked.sort(key=lambda hit: (year_of(hit[0]) is None, year_of(hit[0]) or 0, hit[0]))
    built = _hits(corpus, query, ranked[:limit] if limit else ranked, regex_spans) if hits else []
    rest = None
    if hits and limit and len(ranked) > limit:
        rest = LaterHits(corpus, query, ranked[limit:], regex_spans)
    return SearchResult(built, ranked, rest)


def _hits(
    corpus: Corpus, query: Query, ranked: list[tuple[int, float]], regex_spans: Spans | None
) -> list[dict[str, Any]]:
    index = corpus.index
    statements = corpus.by_unit(unit for unit, _ in ranked)
    corpus.reports_of(s.section for s in statements.values())  # each hit's report caveats: read at once
    figures = corpus.figures_for(s.ref for s in statements.values())
    read_renderings(corpus, statements.values())
    keys = index.keys_of(unit for unit, _ in ranked) if query.pattern is None else {}
    places = _places(corpus, query, keys, statements)
    built = []
    for unit, score in ranked:
        statement = statements[unit]
        found: dict[int, list[tuple[int, int]]] = {}
        if regex_spans is not None:
            spans = regex_spans(statement.text)
        else:
            found = unit_spans(index, unit, keys[unit], statement.text, query.terms)
            spans = [
                span
                for i, term in enumerate(query.terms)
                for span in found[i]
                if not query.case_sensitive or case_ok(statement.text, span, term)
            ]
        hit = _hit(statement, score, sorted(set(spans)), figures.get(statement.ref, []))
        report = corpus.reports[index.report_of(unit)]
        hit |= {"report": report.id, "language": report.language, "source": source_of(report)}
        hit |= caveats(corpus, statement, figures.get(statement.ref, []))
        hit["report_caveats"] = report_caveats(corpus, statement.section)
        hit["matched_in"] = places.get(unit, ["text"])
        hit["via"] = [] if query.pattern is not None else _via(statement.text, query.terms, found, index.key)
        built.append(hit)
    return built


def _via(text: str, terms: Sequence[Term], found: dict[int, list[tuple[int, int]]], key: Key) -> list[dict[str, Any]]:
    """How a hit was reached through the glossary: for each term whose entry gave the words a match
    has (its Chinese forms, or another English wording of it), the term, the entry and the words
    found (glossary terms: reportcli's, not the official translation's)."""
    via = []
    for i, term in enumerate(terms):
        if term.glossary is None:
            continue
        matched = sorted({text[a:b] for a, b in found.get(i, []) if glossary_.forms_of(term, text[a:b], key)})
        if matched:
            via.append({"term": term.text, "glossary": term.glossary, "matched": matched, "source": glossary_.GLOSSARY})
    return via


def _places(
    corpus: Corpus, query: Query, unit_keys: dict[int, bytes], statements: dict[int, Statement]
) -> dict[int, list[str]]:
    """Where the query's terms occur in each unit: its own words (``text``), its notes, the official
    words it renders; read off the index, so that it agrees with what the search matched. A regex and
    a case-sensitive search look at the text alone."""
    if query.pattern is not None or query.case_sensitive:
        return {}
    index = corpus.index
    forms = [form for term in query.terms if not term.symbols for form in term.forms]
    typed = [term for term in query.terms if term.symbols]
    found: dict[int, list[str]] = {}
    for unit, keys in unit_keys.items():
        needles = [needle for form in forms if (needle := index.needle(form, unit)) is not None]
        places = {place for place, part in index.places(keys) for needle in needles if occurrences(part, needle)}
        for term in typed:
            places.update(symbol_matches(corpus, unit, keys, statements[unit], term))
        found[unit] = [place for place in ("text", "notes", "official") if place in places]
    return found


def _hit(statement: Statement, score: float, spans: list[tuple[int, int]], figures: Sequence[Figure]) -> dict[str, Any]:
    kind = {REVIEW: "headline", GLOSSARY: "glossary"}.get(statement.section, "statement")
    return {
        "ref": statement.ref,
        "theme": statement.section,
        "year": statement.year,
        "kind": kind,
        "label": statement.label,
        "figures": [{"id": f.id, "display": f.display} for f in figures],
        "score": round(score, 4),
        "spans": [list(span) for span in spans],
        "text": statement.text,
    }


def counted_year(corpus: Corpus) -> Callable[[int], int | None]:
    """The year a unit is filed under by --year and --sort year: its own, except that among other
    reports a news summary's statements are filed under the year of the report it summarizes (its
    review of 2023 is the 2024 report's words, as the full reports' reviews are theirs). Read alone,
    a summary's themes keep their years (``show ecology/2023``)."""
    index = corpus.index
    reports = corpus.reports
    summarized = {n: meta.report_year for n, meta in enumerate(reports) if meta.kind == SUMMARY}
    if not summarized or len(summarized) == len(reports):
        return index.year_of

    def year_of(unit: int) -> int | None:
        report = index.report_of(unit)
        return summarized[report] if report in summarized else index.year_of(unit)

    return year_of


def count_by_section(corpus: Corpus, ranked: Sequence[tuple[int, float]]) -> list[dict[str, Any]]:
    """Hits per theme and year of a summary (``counted_year``), and per report of a full report (whose
    parts are not themes), in document order: from the index alone, no statement is read."""
    index = corpus.index
    year_of = counted_year(corpus)
    counts = Counter((index.section_of(unit), year_of(unit)) for unit, _ in ranked)
    sections = corpus.sections_at({position for position, _ in counts})  # those with hits, not every one
    rows: dict[tuple[str, int | None, str | None], dict[str, Any]] = {}
    for (position, year), n in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        section = sections[position]
        meta = corpus.report(section.report)
        theme = None if section.kind == PART else section.id
        row = rows.setdefault(
            (meta.id, year, theme),
            {"theme": theme, "year": year, "hits": 0, "report": meta.id, "language": meta.language},
        )
        row["hits"] += n
    return list(rows.values())
