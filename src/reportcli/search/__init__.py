"""Keyword search over statements: word forms, phrases, BM25 ranking, exact match spans.

A query is a list of terms. A term is one word or a phrase (consecutive words); every term must
occur in a statement (or any of them, with ``any_term``). Words are compared by their Snowball
stems, so ``pension`` finds "pensions". Statements are ranked by BM25 (k1=1.2, b=0.75) over all
searchable statements (the 2023 headline items, every theme, the glossary); ties keep document order.

A statement's notes and the official words it renders are searched with it: a term they hold counts
half an occurrence where the statement's own words lack it, and nothing where they have it (notes make
a statement found, never rank it higher). A statement whose own words hold more of the query's terms
ranks above one that holds them only in its notes, whatever the scores.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportcli.db.corpus import Corpus
from reportcli.model import Result
from reportcli.scope import check_language, check_years, parse_years, resolve_section
from reportcli.search import hints
from reportcli.search.match import regex_budget, with_compounds
from reportcli.search.parse import Query, Term, make_query, parse_terms
from reportcli.search.rank import SearchResult, count_by_section, search

__all__ = ["Query", "SearchResult", "Term", "find", "make_query", "parse_terms", "regex_budget", "search"]


def find(
    corpus: Corpus,
    words: Sequence[str],
    *,
    regex: bool = False,
    any_term: bool = False,
    case_sensitive: bool = False,
    theme: str | None = None,
    year: int | str | None = None,
    language: str | None = None,
    limit: int | None = None,
    count: bool = False,
    exact: bool = False,
) -> Result:
    """The ``search`` command: hits best first (or, with ``count``, hits per theme and year, and per
    report); ``year`` a year or a range (``2015..2020``), ``language`` zh or en; ``exact``: the words
    as typed, not their other forms or compounds."""
    query = make_query(words, regex=regex, any_term=any_term, case_sensitive=case_sensitive, key=corpus.index.key)
    if exact and query.pattern is None:
        query = query._replace(exact=True)
    elif query.pattern is None:
        query = query._replace(terms=tuple(with_compounds(corpus.index, t) for t in query.terms))
    section = resolve_section(corpus, theme)
    years = parse_years(year)
    check_years(corpus, years)
    languages = check_language(corpus, language)
    found = search(corpus, query, section=section, year=years, languages=languages, limit=limit, hits=not count)
    empty = None
    if not found.ranked:
        unknown = {} if query.pattern is not None else hints.unknown_words(corpus.index, query.terms)
        empty = hints.no_match_message(words, unknown)
        if not unknown:
            empty = hints.apart(corpus, query) or empty
        filters = {"--theme": section, "--year": years.text() if years else None, "--lang": language}
        if any(filters.values()):
            empty = hints.hidden_by_filters(corpus, query, words, filters) or empty
    if count:
        counts = count_by_section(corpus, found.ranked)
        return Result("counts", counts, counts, facts={"sum": len(found.ranked)}, empty=empty)
    facts = {"total": len(found.ranked), "noun": "hits", "screenful": limit is None}
    if query.pattern is None and section is None:
        facts["hint"] = hints.see_also(corpus, query)
    return Result("hits", found.hits, found.hits, facts=facts, empty=empty)
