"""How often terms occur, report by report (``trend``): counts read off the search index, so that a term
is counted exactly as search matches it (the same words, stems and characters, the same phrases).

For each term and each report: ``count``, the statements that hold the term (what ``search --count``
says), ``occurrences``, how many times the statements' own words hold it, and ``rate``, occurrences per
10,000 characters of Chinese text or per 10,000 words of English.

Which reports a term is counted in: a Chinese term in the Chinese reports; an English term in the
official English, and, when reportcli's glossary knows it, in the Chinese reports as its entry's Chinese
forms (``searched`` and ``via`` say so on every row), so that an English term has the whole series since
1954. ``--lang`` restricts either way. The news summary is a separate source, never a year of the
series: it is counted only when asked (``with_summary``) or when the data holds nothing else, and then
as one row for the report it summarizes (its review of the year before belongs to that report).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple

from reportcli.caveats import source_of, whose_words
from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.language import EN, ZH, is_chinese
from reportcli.model import SUMMARY, Meta, Result
from reportcli.scope import check_language, check_years, parse_years
from reportcli.search import glossary
from reportcli.search.hints import glossary_words, no_match_message, unknown_words
from reportcli.search.match import prefetch, term_counts
from reportcli.search.parse import Term, check_length, named, once, quoted, term_of

PER = 10_000
MAX_TERMS = 12  # side by side in a table; the other formats take any number


class Series(NamedTuple):
    """How a term is counted in the reports of one ``language``: its words (``term``); ``searched``,
    those words as a row names them; ``via``, the glossary entry they come from."""

    language: str
    term: Term
    searched: str
    via: str | None


def _terms(corpus: Corpus, words: Sequence[str], most: int | None) -> list[Term]:
    if not words:
        raise QueryError("give a term to count, such as 碳达峰 or 'carbon peak'")
    if most is not None and len(words) > most:
        raise QueryError(
            f"{len(words)} terms; a table compares up to {most} side by side (--format csv or --json takes any number)"
        )
    terms = []
    for word in words:
        check_length(word, f"term {quoted(word)}")
        found = term_of(word.replace('"', " "), corpus.index.key)
        if found is None:
            raise QueryError(f"term {quoted(word)} has no words to count")
        terms.append(found)
    return terms


def _series(corpus: Corpus, term: Term, asked: str | None) -> list[Series]:
    """The ways a term is counted, one per language: a Chinese term in the Chinese reports, an English
    one in the English reports and, through its glossary entry, in the Chinese; a term in the other
    language's reports only when ``--lang`` (``asked``) names that language."""
    if is_chinese(term.text):
        return [Series(ZH, term, term.text, None), *([Series(EN, term, term.text, None)] if asked == EN else [])]
    key = corpus.index.key
    forms = glossary.chinese(term, key) if any(m.language == ZH for m in corpus.reports) else None
    if forms is None:
        return [Series(EN, term, term.text, None), *([Series(ZH, term, term.text, None)] if asked == ZH else [])]
    entry = glossary.entry(forms.glossary or "")
    english = glossary.expanded(term, key, chinese_too=False)  # every English wording of the entry
    written = [term.text, *(form for form in entry.english if form.casefold() != term.text.casefold())]
    other = bool(english.reached)  # wordings the entry adds to the one typed
    return [
        Series(EN, english, ", ".join(dict.fromkeys(written)) if other else term.text, entry.id if other else None),
        Series(ZH, forms, "、".join(entry.zh), entry.id),
    ]


def trend(
    corpus: Corpus,
    words: Sequence[str],
    year: str | int | None = None,
    language: str | None = None,
    most: int | None = None,
    with_summary: bool = False,
) -> Result:
    """Counts and rates of each term, report by report, in long form (term, year, count, rate); at
    most ``most`` terms (a table's), else any number, counted in one pass over the index. The news
    summary is counted only ``with_summary``, or when the data holds no published report."""
    words, repeated = once(words, "terms", "counted")
    terms = _terms(corpus, words, most)
    years = parse_years(year)
    check_years(corpus, years)
    languages = check_language(corpus, language)
    reports = corpus.reports
    summary = with_summary or all(meta.kind == SUMMARY for meta in reports)
    asked = (language or "").strip().casefold() or None
    series = [_series(corpus, term, asked) for term in terms]
    prefetch(corpus, [s.term for found in series for s in found])
    sizes = _sizes(corpus)
    described = {position: _described(meta) for position, meta in enumerate(reports)}
    rows: list[dict[str, Any]] = []
    summaries = []
    for word, found in zip(words, series, strict=True):
        term_rows = []
        for way in found:
            chosen = [
                position
                for position, meta in enumerate(reports)
                if meta.language == way.language
                and (summary or meta.kind != SUMMARY)
                and (languages is None or position in languages)
            ]
            term_rows += _rows(corpus, word, way, chosen, sizes, years, described)
        term_rows.sort(key=lambda row: (row["year"], row["language"] != ZH, row["report"]))
        rows += term_rows
        summaries.append(_summary(word, found, term_rows, years.text() if years is not None else None))
    facts: dict[str, Any] = {"terms": summaries}
    if repeated:
        facts["repeated"] = repeated
    counted = {row["term"] for row in rows if row["count"]}  # in a statement's words, notes or official words
    nowhere = [word for word in words if word not in counted]
    if nowhere and len(nowhere) < len(words):  # all found nowhere: the failure says so
        within = " of those chosen" if years is not None or languages is not None else ""
        facts["summary"] = f"{len(nowhere):,} of {len(words):,} terms found in no report{within}: {named(nowhere)}"
    unknown = [t.text for t, found in zip(terms, series, strict=True) if not any(way.via for way in found)]
    unknown = [word for word in unknown if not is_chinese(word)]
    if unknown and any(meta.language == ZH for meta in reports) and asked != EN:
        names = " and ".join(quoted(word) for word in unknown)
        facts["english_only"] = (
            f"{names} {'is' if len(unknown) == 1 else 'are'} not in reportcli's glossary: counted in the English "
            f"texts only ({glossary.ENGLISH_COVERAGE}); a Chinese term counts in the Chinese reports"
        )
    empty = None
    if not any(row["count"] for row in rows):
        rows = []  # found nowhere: nothing to chart, and what the failure says is enough
        facts.pop("english_only", None)
        missing = unknown_words(corpus.index, terms, glossary_words(corpus))
        found_in_none = f"{', '.join(map(quoted, words))}: found in no report"
        empty = no_match_message(words, missing, corpus) if missing else found_in_none
        if years is not None or languages is not None:
            empty += " of those chosen"
    return Result("trend", rows, rows, facts=facts, empty=empty)


def _sizes(corpus: Corpus) -> dict[tuple[int, int], tuple[int, int]]:
    """(report position, year) -> (characters, words) of the statements' own text; a summary's
    statements all under the year of the report it summarizes."""
    reports = corpus.reports
    sizes: dict[tuple[int, int], tuple[int, int]] = {}
    for (position, y), (characters, tokens) in corpus.sizes().items():
        placed = _year(reports[position], y)
        if placed is None:
            continue
        before = sizes.get((position, placed), (0, 0))
        sizes[(position, placed)] = (before[0] + characters, before[1] + tokens)
    return sizes


def _year(meta: Meta, year: int | None) -> int | None:
    """The year a statement is counted under: its report's, for a summary (whose review of the year
    before belongs to that report), else its own."""
    return meta.report_year if meta.kind == SUMMARY else year


class Described(NamedTuple):
    """What every row of a report says alike."""

    report: str
    language: str
    per: str  # what its rate is per
    source: str  # whose words
    caveats: list[str]


def _described(meta: Meta) -> Described:
    per = "10,000 characters" if meta.language == ZH else "10,000 words"
    return Described(meta.id, meta.language, per, source_of(meta), whose_words(meta))


def _rows(
    corpus: Corpus,
    word: str,
    way: Series,
    chosen: list[int],
    sizes: dict[tuple[int, int], tuple[int, int]],
    years: Any,
    described: dict[int, Described],
) -> list[dict[str, Any]]:
    """A row per report (and year) of ``chosen`` that the term is counted in this ``way``;
    ``described``: ``_described`` of each report, by position."""
    index, reports = corpus.index, corpus.reports
    wanted = set(chosen)
    counts: dict[tuple[int, int | None], list[int]] = defaultdict(lambda: [0, 0])
    for unit, (_, own) in term_counts(corpus, way.term).items():
        position = index.report_of(unit)
        if position in wanted:
            key = (position, _year(reports[position], index.year_of(unit)))
            counts[key][0] += 1
            counts[key][1] += own
    via = None if way.via is None else {"glossary": way.via, "source": glossary.GLOSSARY}
    rows = []
    for position, y in sorted(key for key in sizes if key[0] in wanted and (years is None or key[1] in years)):
        count, occurrences = counts.get((position, y), (0, 0))
        characters, tokens = sizes[(position, y)]
        about = described[position]
        length = characters if about.language == ZH else tokens
        rows.append(
            {
                "term": word,
                "year": y,
                "report": about.report,
                "language": about.language,
                "count": count,
                "occurrences": occurrences,
                "rate": round(PER * occurrences / length, 3) if length else 0.0,
                "per": about.per,
                "source": about.source,
                "searched": way.searched,
                "via": None if via is None else dict(via),
                "report_caveats": list(about.caveats),
            }
        )
    return rows


def _summary(word: str, series: list[Series], rows: list[dict[str, Any]], asked: str | None) -> dict[str, Any]:
    """A term's first and last year over every row that holds it, and the year of its highest rate in
    its main series: the Chinese one when it has one (rates per character and per word do not compare);
    ``asked``: the years asked for, when they cut the series (its first year may be earlier); the
    occurrences in each language apart (a translation says a term again)."""
    seen = [row for row in rows if row["count"]]
    main = ZH if any(way.via is not None or is_chinese(way.searched) for way in series) else EN
    within = [row for row in seen if row["language"] == main] or seen
    counted = [{"language": way.language, "searched": way.searched, "glossary": way.via} for way in series]
    if not seen:
        none = dict.fromkeys(("first", "last", "peak", "peak_rate", "per"))
        return {"term": word, **none, "total": 0, "totals": {}, "within": asked, "counted": counted}
    peak = max(within, key=lambda row: (row["rate"], -row["year"]))
    return {
        "term": word,
        "first": seen[0]["year"],
        "last": seen[-1]["year"],
        "peak": peak["year"],
        "peak_rate": peak["rate"],
        "per": peak["per"],
        "total": sum(row["occurrences"] for row in seen),
        "totals": {lang: sum(r["occurrences"] for r in seen if r["language"] == lang) for lang in (ZH, EN)},
        "within": asked,
        "counted": counted,
    }
