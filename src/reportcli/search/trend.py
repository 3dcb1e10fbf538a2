"""How often terms occur, report by report (``trend``): counts read off the search index, so that a term
is counted exactly as search matches it (the same words, stems and characters, the same phrases).

For each term and each report (and, in a summary, each year it speaks of): ``count``, the statements
that hold the term (what ``search --count`` says), ``occurrences``, how many times the statements'
own words hold it, and ``rate``, occurrences per 10,000 characters of Chinese text or per 10,000
words of English. A term with Chinese characters is counted in the Chinese reports, any other in the
rest, unless ``--lang`` says which.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.language import ZH, is_chinese
from reportcli.model import Result
from reportcli.scope import check_language, check_years, parse_years
from reportcli.search.hints import no_match_message, unknown_words
from reportcli.search.match import prefetch, term_counts
from reportcli.search.parse import Term, quoted, term_of

PER = 10_000
MAX_TERMS = 12  # side by side in a table; the other formats take any number


def _terms(corpus: Corpus, words: Sequence[str], most: int | None) -> list[Term]:
    if not words:
        raise QueryError("give a term to count, such as 碳达峰 or 'carbon peak'")
    if most is not None and len(words) > most:
        raise QueryError(
            f"{len(words)} terms; a table compares up to {most} side by side (--format csv or --json takes any number)"
        )
    terms = []
    for word in words:
        found = term_of(word.replace('"', " "), corpus.index.key)
        if found is None:
            raise QueryError(f"term {quoted(word)} has no words to count")
        terms.append(found)
    return terms


def _sizes(corpus: Corpus) -> dict[tuple[int, int | None], tuple[int, int]]:
    """(report position, year) -> (characters, words) of the statements' own text."""
    return corpus.sizes()


def trend(
    corpus: Corpus,
    words: Sequence[str],
    year: str | int | None = None,
    language: str | None = None,
    most: int | None = None,
) -> Result:
    """Counts and rates of each term, report by report, in long form (term, year, count, rate); at
    most ``most`` terms (a table's), else any number, counted in one pass over the index."""
    terms = _terms(corpus, words, most)
    prefetch(corpus, terms)
    years = parse_years(year)
    check_years(corpus, years)
    languages = check_language(corpus, language)
    index = corpus.index
    sizes = _sizes(corpus)
    reports = corpus.reports
    rows: list[dict[str, Any]] = []
    summaries = []
    for word, term in zip(words, terms, strict=True):
        chinese = is_chinese(term.text)
        scope = sorted(
            (position, y)
            for position, y in sizes
            if (
                (languages is None and (reports[position].language == ZH) == chinese)
                or (languages and position in languages)
            )
            and (years is None or y in years)
            and y is not None
        )
        counts: dict[tuple[int, int | None], list[int]] = defaultdict(lambda: [0, 0])
        for unit, (_, own) in term_counts(corpus, term).items():
            key = (index.report_of(unit), index.year_of(unit))
            counts[key][0] += 1
            counts[key][1] += own
        found = []
        for position, y in scope:
            count, occurrences = counts.get((position, y), (0, 0))
            characters, tokens = sizes[(position, y)]
            meta = reports[position]
            length = characters if meta.language == ZH else tokens
            row = {
                "term": word,
                "year": y,
                "report": meta.id,
                "language": meta.language,
                "count": count,
                "occurrences": occurrences,
                "rate": round(PER * occurrences / length, 3) if length else 0.0,
                "per": "10,000 characters" if meta.language == ZH else "10,000 words",
            }
            found.append(row)
        rows += found
        summaries.append(_summary(word, found))
    if not any(row["count"] for row in rows):
        rows = []  # found nowhere: nothing to chart
        unknown = unknown_words(index, terms)
        empty = no_match_message(words, unknown) if unknown else f"{', '.join(map(repr, words))}: found in no report"
        if years is not None or languages is not None:
            empty += " of those chosen"
    else:
        empty = None
    return Result("trend", rows, rows, facts={"terms": summaries}, empty=empty)


def _summary(term: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A term's first and last year, and the year of its highest rate."""
    seen = [row for row in rows if row["count"]]
    if not seen:
        return {"term": term, "first": None, "last": None, "peak": None, "peak_rate": None, "total": 0}
    peak = max(seen, key=lambda row: (row["rate"], -row["year"]))
    return {
        "term": term,
        "first": seen[0]["year"],
        "last": seen[-1]["year"],
        "peak": peak["year"],
        "peak_rate": peak["rate"],
        "total": sum(row["occurrences"] for row in seen),
    }
