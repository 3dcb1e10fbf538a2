"""Keyword search over statements: word forms, phrases, BM25 ranking, exact match spans.

A query is a list of terms. A term is one word or a phrase (consecutive words); every term must
occur in a statement (or any of them, with ``any_term``). Words are compared by their Snowball
stems, so ``pension`` finds "pensions". Statements are ranked by BM25 (k1=1.2, b=0.75) over all
searchable statements (the 2023 headline items, every theme, the glossary); ties keep document order.
"""

import difflib
import math
import re
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple

from reportcli import text as words_
from reportcli.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.index import Index
from reportcli.model import GLOSSARY, REVIEW, Result, Statement
from reportcli.query import check_year, resolve_section

K1 = 1.2
B = 0.75
REGEX_TIME_LIMIT = 1.0  # seconds for a whole --regex search


class Term(NamedTuple):
    """One word, or a phrase of consecutive words, of a query."""

    words: tuple[str, ...]
    keys: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)


class Query(NamedTuple):
    terms: tuple[Term, ...] = ()
    pattern: str | None = None  # a regular expression, instead of terms
    any_term: bool = False
    case_sensitive: bool = False


def _term(text: str) -> Term | None:
    found = words_.words(text)
    if not found:
        return None
    return Term(tuple(found), tuple(words_.stem(w) for w in found))


def parse_terms(parts: Sequence[str]) -> tuple[Term, ...]:
    """Terms from the command line's words.

    ``"..."`` inside an argument is a phrase; an argument with spaces and no quotes is a phrase too
    (the shell's quotes were the phrase marks); a hyphenated word is a phrase of its parts.
    """
    if not "".join(parts).strip():
        raise QueryError("search query is empty")
    terms: list[Term | None] = []
    for part in parts:
        if '"' in part:
            pieces = re.split(r'"([^"]*)"', part)
            for i, piece in enumerate(pieces):
                if i % 2:
                    terms.append(_term(piece))
                else:
                    terms.extend(_term(w) for w in piece.replace('"', " ").split())
        elif len(part.split()) > 1:
            terms.append(_term(part))
        else:
            terms.append(_term(part))
    found = tuple(dict.fromkeys(t for t in terms if t is not None))
    if not found:
        raise QueryError(f"query {' '.join(parts)!r} has no words to search for (use --regex to match punctuation)")
    return found


def make_query(words: Sequence[str], *, regex: bool, any_term: bool, case_sensitive: bool) -> Query:
    """The query the command line asks for: terms, or with ``regex`` one pattern."""
    if not regex:
        return Query(terms=parse_terms(words), any_term=any_term, case_sensitive=case_sensitive)
    if len(words) > 1:
        raise QueryError("--regex takes a single pattern; quote it, e.g. 'carbon|climate'")
    if any_term:
        raise QueryError("--any has no meaning with --regex; use | in the pattern")
    if not words[0].strip():
        raise QueryError("search pattern is empty")
    return Query(pattern=words[0], case_sensitive=case_sensitive)


def figures_by_ref(corpus: Corpus) -> dict[str, list[dict[str, str]]]:
    figures: dict[str, list[dict[str, str]]] = defaultdict(list)
    for figure in corpus.figures:
        figures[figure.ref].append({"id": figure.id, "display": figure.display})
    return figures


def _same_case(surface: str, word: str) -> bool:
    """Under --case-sensitive: the letters the two words share must agree in case."""
    shared = 0
    for a, b in zip(surface, word, strict=False):  # up to the shorter word
        if a.casefold() != b.casefold():
            break
        shared += 1
    return surface[:shared] == word[:shared]


def _term_matches(
    index: Index, units: list[Statement], term: Term, case_sensitive: bool
) -> dict[int, list[tuple[int, int]]]:
    """unit number -> character spans where the term occurs."""
    matches: dict[int, list[tuple[int, int]]] = defaultdict(list)
    key_ids = [index.key_ids.get(key) for key in term.keys]
    if None in key_ids:
        return matches
    tok_key, tok_start, tok_end, unit_start = index.tok_key, index.tok_start, index.tok_end, index.unit_start
    size = len(key_ids)
    for first in index.postings(term.keys[0]):
        unit = index.unit_of(first)
        last = first + size - 1
        if last >= unit_start[unit + 1]:
            continue
        if size > 1 and any(tok_key[first + i] != k for i, k in enumerate(key_ids)):
            continue
        if case_sensitive:
            text = units[unit].text
            if not all(
                _same_case(text[tok_start[first + i] : tok_end[first + i]], w) for i, w in enumerate(term.words)
            ):
                continue
        matches[unit].append((tok_start[first], tok_end[last]))
    return matches


def _regex_matches(units: list[Statement], pattern: str, case_sensitive: bool) -> dict[int, list[tuple[int, int]]]:
    import regex  # only --regex pays for it; unlike re, it can stop a runaway match

    try:
        compiled = regex.compile(pattern, 0 if case_sensitive else regex.IGNORECASE)
    except regex.error as exc:
        raise QueryError(f"invalid regular expression {pattern!r}: {exc}") from None
    deadline = time.monotonic() + REGEX_TIME_LIMIT
    matches: dict[int, list[tuple[int, int]]] = {}
    try:
        for unit_no, statement in enumerate(units):
            remaining = max(deadline - time.monotonic(), 0.001)
            spans = [m.span() for m in compiled.finditer(statement.text, timeout=remaining) if m.end() > m.start()]
            if spans:
                matches[unit_no] = spans
    except TimeoutError:
        raise QueryError(
            f"regular expression {pattern!r} took longer than {REGEX_TIME_LIMIT:g} s and was stopped; simplify it"
        ) from None
    return matches


class SearchResult(NamedTuple):
    hits: list[dict[str, Any]]  # ranked, best first
    unknown: dict[str, list[str]]  # query word not in the data -> nearest words that are


def _bm25(tf: int, length: int, idf: float, average: float) -> float:
    norm = 1 - B + B * (length / average if average else 1)
    return idf * tf * (K1 + 1) / (tf + K1 * norm)


def search(corpus: Corpus, query: Query, *, section: str | None = None, year: int | None = None) -> SearchResult:
    index = corpus.index
    units = corpus.units()
    if query.pattern is not None:
        per_term = [_regex_matches(units, query.pattern, query.case_sensitive)]
    else:
        per_term = [_term_matches(index, units, term, query.case_sensitive) for term in query.terms]
    idfs = [math.log((index.units - len(m) + 0.5) / (len(m) + 0.5) + 1) for m in per_term]
    figures = figures_by_ref(corpus)
    hits: list[tuple[float, int, dict[str, Any]]] = []
    for unit in set().union(*per_term):
        present = [m for m in per_term if unit in m]
        if not query.any_term and len(present) < len(per_term):
            continue
        statement = units[unit]
        if (section is not None and statement.section != section) or (year is not None and statement.year != year):
            continue
        length = index.length(unit)
        score = sum(
            _bm25(len(m[unit]), length, idf, index.average_length)
            for m, idf in zip(per_term, idfs, strict=True)
            if unit in m
        )
        spans = sorted({span for m in present for span in m[unit]})
        hits.append((score, unit, _hit(statement, score, spans, figures)))
    hits.sort(key=lambda h: (-h[0], h[1]))
    unknown = {} if query.pattern is not None else _unknown_words(index, query.terms)
    return SearchResult([h for _, _, h in hits], unknown)


def _hit(
    statement: Statement, score: float, spans: list[tuple[int, int]], figures: dict[str, list[dict[str, str]]]
) -> dict[str, Any]:
    kind = {REVIEW: "headline", GLOSSARY: "glossary"}.get(statement.section, "statement")
    return {
        "ref": statement.ref,
        "theme": statement.section,
        "year": statement.year,
        "kind": kind,
        "label": statement.label,
        "figures": figures.get(statement.ref, []),
        "score": round(score, 4),
        "spans": [list(span) for span in spans],
        "text": statement.text,
    }


def _unknown_words(index: Index, terms: Sequence[Term]) -> dict[str, list[str]]:
    unknown: dict[str, list[str]] = {}
    for term in terms:
        for word, key in zip(term.words, term.keys, strict=True):
            if key not in index.key_ids:
                unknown[word] = difflib.get_close_matches(words_.fold(word), index.vocabulary, n=3, cutoff=0.75)
    return unknown


def count_by_section(corpus: Corpus, hits: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Hits per theme and year, in document order."""
    counts = Counter((h["theme"], h["year"]) for h in hits)
    order = corpus.order
    return [
        {"theme": theme, "year": year, "hits": n}
        for (theme, year), n in sorted(counts.items(), key=lambda kv: (order.get(kv[0][0], 0), kv[0][1] or 0))
    ]


def find(
    corpus: Corpus,
    words: Sequence[str],
    *,
    regex: bool = False,
    any_term: bool = False,
    case_sensitive: bool = False,
    theme: str | None = None,
    year: int | None = None,
    limit: int | None = None,
    count: bool = False,
) -> Result:
    """The ``search`` command: hits best first (or, with ``count``, hits per theme and year)."""
    query = make_query(words, regex=regex, any_term=any_term, case_sensitive=case_sensitive)
    section = resolve_section(corpus, theme)
    check_year(corpus, year)
    found = search(corpus, query, section=section, year=year)
    empty = None if found.hits else no_match_message(words, found.unknown)
    if count:
        counts = count_by_section(corpus, found.hits)
        return Result("counts", counts, counts, facts={"sum": len(found.hits)}, empty=empty)
    shown = found.hits[:limit] if limit else found.hits
    facts = {"total": len(found.hits), "noun": "hits", "lines_per_item": None if limit else 2}
    return Result("hits", shown, shown, facts=facts, empty=empty)


def no_match_message(words: Sequence[str], unknown: dict[str, list[str]]) -> str:
    for word, nearest in unknown.items():
        if nearest:
            return f"no match for {shorten(word)!r}; did you mean {' or '.join(repr(n) for n in nearest[:2])}?"
        return f"no match for {shorten(word)!r}: it does not occur in the report"
    return f"no statement matches {shorten(' '.join(words))!r}"


def shorten(text: str, width: int = 45) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
