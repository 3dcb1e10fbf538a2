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
from typing import Any

from reportcli import text as words_
from reportcli.caveats import source_of
from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.language import ZH, is_chinese
from reportcli.model import SUMMARY, Result
from reportcli.scope import check_language, check_years, parse_years, resolve_section
from reportcli.search import glossary, hints
from reportcli.search.match import prefetch, regex_budget, with_compounds
from reportcli.search.parse import Query, Term, check_length, make_query, named, once, parse_terms, quoted
from reportcli.search.rank import SearchResult, count_by_section, search

__all__ = [
    "Query",
    "SearchResult",
    "Term",
    "find",
    "find_each",
    "make_query",
    "parse_terms",
    "query_words",
    "regex_budget",
    "search",
]


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
    sort: str = "rank",
    kwic: bool = False,
    hint: bool = True,
    first: int | None = None,
) -> Result:
    """The ``search`` command: hits best first (or, with ``count``, hits per theme and year, and per
    report); ``year`` a year or a range (``2015..2020``), ``language`` zh or en; ``exact``: the words
    as typed, not their other forms or compounds; ``sort``: by ``rank`` or by ``year``; ``kwic``: a
    line per match with its context either side (``concordance``), which may also be sorted by the
    words to the ``left`` or the ``right`` of the match; ``hint``: whether to work out the theme a
    query names (``see also``), which only a table prints; ``first``: build only so many hit records
    now, the others when the output asks for them (fact ``more``: a screenful is shown before the rest
    is worked out)."""
    _check_order(sort, kwic, count)
    query = make_query(words, regex=regex, any_term=any_term, case_sensitive=case_sensitive, key=corpus.index.key)
    if exact and query.pattern is None:
        query = query._replace(exact=True)
    elif query.pattern is None:
        query = query._replace(terms=tuple(with_compounds(corpus.index, t) for t in query.terms))
    reach: dict[str, Any] = {}
    if query.pattern is None and not exact and has_chinese_reports(corpus):
        key = corpus.index.key
        query = query._replace(terms=tuple(glossary.expanded(t, key) for t in query.terms))
        reach = reached(query.terms)
        if (language or "").strip().casefold() == "en":
            reach.pop("english_only", None)  # English only was asked for
    section = resolve_section(corpus, theme)
    years = parse_years(year)
    check_years(corpus, years)
    languages = check_language(corpus, language)
    by_year = sort == "year"
    # kwic lines are sorted, then cut; a table on a terminal builds its first screenful of hits first
    most = None if kwic else limit if limit is not None or count else first
    found = search(
        corpus, query, section=section, year=years, languages=languages, limit=most, hits=not count, by_year=by_year
    )
    empty = None
    if not found.ranked:
        also = hints.glossary_words(corpus)
        unknown = {} if query.pattern is not None else hints.unknown_words(corpus.index, query.terms, also)
        empty = hints.no_match_message(words, unknown, corpus)
        if not unknown:
            empty = hints.apart(corpus, query) or empty
        filters = {"--theme": section, "--year": years.text() if years else None, "--lang": language}
        if any(filters.values()):
            empty = hints.hidden_by_filters(corpus, query, words, filters) or empty
    if empty is not None:
        reach.pop("english_only", None)  # what the failure says is enough
    if count:
        counts = count_by_section(corpus, found.ranked)
        return Result("counts", counts, counts, facts={"sum": len(found.ranked), **reach}, empty=empty)
    if kwic:
        return _in_context(found.hits, sort, limit, empty, reach)  # every hit: nothing was cut
    facts: dict[str, Any] = {"total": len(found.ranked), "noun": "hits", "screenful": limit is None, **reach}
    facts["sources"] = len({source_of(meta) for meta in corpus.reports})  # a table says whose words, if several
    if limit is None and found.rest is not None:
        # the hits after the first are built later: what the first need to be laid out as all of them
        tags = corpus.figure_count > 0 or any(meta.kind == SUMMARY for meta in corpus.reports)
        facts |= {"more": found.rest, "ref_width": corpus.widest_ref, "tags": tags}
    if hint and query.pattern is None and section is None:
        facts["hint"] = hints.see_also(corpus, query)
    return Result("hits", found.hits, found.hits, facts=facts, empty=empty)


def _check_order(sort: str, kwic: bool, count: bool) -> None:
    if sort == "rank" and not kwic:  # the default: nothing to check, nothing more to import
        return
    from reportcli.search.concordance import SORTS

    if sort not in SORTS:
        raise QueryError(f"--sort takes {', '.join(SORTS)}, not {sort!r}")
    if count and (kwic or sort != "rank"):
        raise QueryError("--count counts the hits; --kwic and --sort show them: choose one")
    if sort in ("left", "right") and not kwic:
        raise QueryError(f"--sort {sort} orders the lines of --kwic by the words {sort} of the match: add --kwic")


def _in_context(
    hits: list[dict[str, Any]], sort: str, limit: int | None, empty: str | None, reach: dict[str, Any]
) -> Result:
    """The hits as keyword-in-context lines, sorted, then cut to ``limit``."""
    from reportcli.search import concordance

    found = concordance.ordered(concordance.lines(hits), sort)
    shown = found[:limit] if limit else found
    if hits and not found:
        if all(hit.get("matched_in") == ["text"] for hit in hits):  # their own text, but an empty match only
            empty = (
                f"the {len(hits)} hits match only an empty string (a lookahead, an anchor): no text to show in context"
            )
        else:
            empty = (
                f"the {len(hits)} hits match in notes or official words only, not in their own text: no line to show"
            )
    facts = {"total": len(found), "noun": "lines", "screenful": limit is None, "sort": sort, **reach}
    return Result("kwic", shown, shown, facts=facts, empty=empty)


def has_chinese_reports(corpus: Corpus) -> bool:
    """Whether the data holds a report in Chinese: only then does an English query reach beyond English
    through the glossary (the summary alone is English, its official quotes found by its own words)."""
    return any(meta.language == ZH for meta in corpus.reports)


def reached(terms: Sequence[Term]) -> dict[str, Any]:
    """What the English terms of a query searched, as the answer says it: ``searched``, for a table on
    stderr, the Chinese forms of each term's glossary entry (glossary terms, not the official
    translation); ``english_only``, said whatever the format, the English terms the glossary does not
    know, which reach the English texts alone."""
    searched = []
    unknown = []
    for term in terms:
        if term.glossary is not None:
            entry = glossary.entry(term.glossary)
            forms = "、".join(entry.zh)
            searched.append(
                f"searched {quoted(term.text)} in English and, through reportcli's glossary entry "
                f"{quoted(entry.id)} (not the official translation), as {forms}"
            )
        elif not term.symbols and not is_chinese(term.text) and not all(map(words_.is_stop_word, term.words)):
            unknown.append(term.text)
    facts: dict[str, Any] = {}
    if searched:
        facts["searched"] = searched
    plain = [term for term in terms if not term.symbols and len(term.words) == 1 and not is_chinese(term.text)]
    if len(plain) > 1 and (phrase := glossary.lookup(" ".join(t.text for t in plain))) is not None:
        typed = " ".join(t.text for t in plain)
        unknown = []  # the words apart are not what the reader meant: the phrase is
        facts["phrase"] = (
            f"reportcli's glossary knows {quoted(typed)} as one term ({phrase.id}: {'、'.join(phrase.zh)}); "
            f'quoted as a phrase ("{typed}"), a query searches that too'
        )
    if unknown:
        names = " and ".join(quoted(word) for word in unknown)
        verb = "is" if len(unknown) == 1 else "are"
        facts["english_only"] = (
            f"{names} {verb} not in reportcli's glossary: searched in the English texts only "
            f"({glossary.ENGLISH_COVERAGE}); a Chinese term searches the Chinese reports"
        )
    return facts


def query_words(line: str, regex: bool = False) -> list[str]:
    """A query written on one line (``search --file``), as the words the command line would give: split
    at spaces, unless it holds a phrase in double quotes (then one argument, as the shell passes it);
    with ``regex``, the whole line is the pattern (as ``grep -f`` takes it), spaces and quotes too."""
    if regex:
        return [line]
    return [line] if '"' in line else line.split()


def find_each(
    corpus: Corpus,
    queries: Sequence[str],
    *,
    count: bool = False,
    lines: Sequence[int] | None = None,
    **options: Any,
) -> Result:
    """``search --file``: each query (a line: ``query_words``) asked in turn of one loaded corpus, its
    hits (or counts) each with the query they answer, in one result; a query written again as it was
    is asked once. A query that finds nothing adds no rows; one that cannot be asked (no words, a bad
    pattern) stops the run, naming it by its line in the file (``lines``: each query's), else by its
    place among the queries."""
    if not queries:
        raise QueryError("no queries to search for: the file has no line with words")
    if options.get("kwic"):
        raise QueryError("--kwic shows one query's matches in context, --file asks many: give one query with --kwic")
    regex = options.get("regex", False)
    first_line = dict(zip(reversed(queries), reversed(lines), strict=True)) if lines is not None else {}

    def where(number: int, line: str) -> str:
        return f"line {first_line[line]}" if line in first_line else f"query {number}"

    queries, repeated = once(queries, "queries")
    for number, line in enumerate(queries, 1):  # before the index is read for them all
        check_length(line, f"{where(number, line)} ({quoted(line)})")
    prepare(corpus, queries, regex)
    items: list[dict[str, Any]] = []
    missed = []
    for number, line in enumerate(queries, 1):
        try:
            found = find(corpus, query_words(line, regex), count=count, hint=False, **options)
        except QueryError as exc:
            raise QueryError(f"{where(number, line)} ({quoted(line)}): {exc}") from None
        if found.empty:
            missed.append(line)
        items += [{"query": line, **item} for item in found.items]
    kind = "batch-counts" if count else "batch-hits"
    facts: dict[str, Any] = {"sources": len({source_of(meta) for meta in corpus.reports})}
    if missed and len(missed) < len(queries):
        facts["summary"] = f"{len(missed):,} of {len(queries):,} queries found nothing: {named(missed)}"
    if repeated:
        facts["repeated"] = repeated
    empty = f"none of the {len(queries)} queries found anything: {named(missed)}" if not items else None
    return Result(kind, items, items, facts=facts, empty=empty)


def prepare(corpus: Corpus, queries: Sequence[str], regex: bool) -> None:
    """Read at once what many queries will need of the index (``match.prefetch``): one pass over each
    report's database, not one per query."""
    if regex:
        return
    terms: list[Term] = []
    for line in queries:
        try:
            terms += parse_terms(query_words(line), corpus.index.key)
        except QueryError:
            continue  # said when that query is asked
    prefetch(corpus, terms)
