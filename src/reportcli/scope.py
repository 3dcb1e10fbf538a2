"""What a user names on the command line, resolved against the loaded data: a theme or section by the
name typed (an id, a title, an alias, a unique part of one, or a slip of the keyboard), a year or a
range of years, a language. Each refusal names what there is instead."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.model import CREDITS, GLOSSARY, LEAD, REVIEW, THEME, Section

SECTIONS = (LEAD, REVIEW, GLOSSARY, CREDITS)  # sections that are not themes, by the ids users type


def resolve_theme(corpus: Corpus, query: str, *, sections: bool = False) -> Section:
    """A theme by id, by title in any case, by an alias (the names people type: jobs for employment, in
    any word form), or by a unique substring of id or title; with ``sections``, any section of the
    report (the lead, the review, the glossary, the credits too). A name that is none of these gets
    the nearest names, by edit distance, as suggestions."""
    wanted = query.strip().casefold()
    try:  # the usual case, an id, is looked up directly: a corpus may have thousands of themes
        found = corpus.section(wanted)
        if found.kind == THEME or sections:
            return found
    except KeyError:
        pass
    noun = "section" if sections else "theme"
    candidates = list(corpus.sections) if sections else corpus.themes
    if not wanted:
        raise QueryError(f"{noun} is empty; choose one of: {_listed(candidates)}")
    for candidate in candidates:
        if wanted in (candidate.id, candidate.title.casefold()):
            return candidate
    if named := by_alias(candidates, wanted):
        return named
    if wanted in SECTIONS and not sections and any(s.id == wanted for s in corpus.sections):
        raise QueryError(f"{wanted!r} is a section, not a theme: see it with 'reportcli show {wanted}'")
    matches = [c for c in candidates if wanted in c.id or wanted in c.title.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise QueryError(f"{noun} {query!r} is ambiguous; it matches: {_listed(matches)}")
    ids = nearest_names(wanted, candidates)
    if ids:
        raise QueryError(f"no {noun} {query!r}; did you mean {' or '.join(repr(i) for i in ids)}?")
    raise QueryError(f"no {noun} {query!r}; {noun}s are: {_listed(candidates)}")


LISTED = 24  # names a message lists; a corpus has thousands of parts


def _listed(sections: Sequence[Section]) -> str:
    """Section ids for a message: all of them when few, else the first ones and how many more, with the
    command that lists them (a corpus's parts would fill screens)."""
    ids = [s.id for s in sections]
    if len(ids) <= LISTED:
        return ", ".join(ids)
    return f"{', '.join(ids[:LISTED])} and {len(ids) - LISTED:,} more ('reportcli themes' lists them)"


def _words_key(name: str) -> tuple[str, ...]:
    from reportcli import text  # stems only when a name is not an id or a title

    return tuple(text.stem(w) for w in text.words(name))


def by_alias(candidates: list[Section], wanted: str) -> Section | None:
    """The one candidate with this alias, as typed or in another word form (pension, pensions)."""
    exact = [c for c in candidates if wanted in (a.casefold() for a in c.aliases)]
    if exact:
        return exact[0]
    if not any(c.aliases for c in candidates):  # nothing to compare: no stemmer (or character table) loaded
        return None
    key = _words_key(wanted)
    forms = [c for c in candidates if any(_words_key(a) == key for a in c.aliases)]
    return forms[0] if len(forms) == 1 else None


def nearest_names(wanted: str, candidates: list[Section], most: int = 2) -> list[str]:
    """The ids whose id, title or alias is nearest ``wanted`` in edits (at most a third of its length),
    nearest first."""
    scored: dict[str, int] = {}
    for candidate in candidates:
        for name in (candidate.id, candidate.title.casefold(), *(a.casefold() for a in candidate.aliases)):
            distance = _edits(wanted, name, max(1, len(wanted) // 3))
            if distance is not None and distance < scored.get(candidate.id, distance + 1):
                scored[candidate.id] = distance
    return [i for i, _ in sorted(scored.items(), key=lambda kv: (kv[1], kv[0]))][:most]


def _edits(a: str, b: str, limit: int) -> int | None:
    """The Damerau-Levenshtein distance of two names, if it is at most ``limit`` (else None)."""
    if abs(len(a) - len(b)) > limit:
        return None
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return None
        previous2, previous = previous, current
    return previous[-1] if previous[-1] <= limit else None


def resolve_section(corpus: Corpus, query: str | None) -> str | None:
    """A theme id, or one of the sections that are not themes (review, glossary, lead, credits); None for
    no section (every one)."""
    if query is None:
        return None
    return resolve_theme(corpus, query, sections=True).id


def check_year(corpus: Corpus, year: int | None) -> None:
    """Refuse a year no part of the report has, listing the years it does have."""
    if year is None:
        return
    years = corpus.years()
    if year not in years:
        raise QueryError(f"no text for {year}; years available: {shown_years(years)}")


class Years(NamedTuple):
    """A year, or a range of years (either end may be open)."""

    first: int | None
    last: int | None

    def __contains__(self, year: object) -> bool:
        return (
            isinstance(year, int)
            and (self.first is None or year >= self.first)
            and (self.last is None or year <= self.last)
        )

    def text(self) -> str:
        if self.first == self.last:
            return str(self.first)
        return f"{self.first or ''}..{self.last or ''}"


_YEARS = re.compile(r"(?P<first>\d{4})?\s*(?:\.\.|-|–|:)\s*(?P<last>\d{4})?")


def parse_years(value: str | int | Years | None) -> Years | None:
    """``2024``, ``2015..2020`` (or ``2015-2020``), ``..2000``, ``2010..``; None for no filter."""
    if value is None or isinstance(value, Years):
        return value
    if isinstance(value, int):
        return Years(value, value)
    text = value.strip()
    if re.fullmatch(r"\d{4}", text):
        return Years(int(text), int(text))
    match = _YEARS.fullmatch(text)
    if match is None or not (match.group("first") or match.group("last")):
        raise QueryError(f"--year {value!r} is not a year or a range (2024, 2015..2020, ..2000, 2010..)")
    first, last = (int(n) if n else None for n in (match.group("first"), match.group("last")))
    if first is not None and last is not None and first > last:
        raise QueryError(f"--year {value!r} runs backwards; write {last}..{first}")
    return Years(first, last)


def check_years(corpus: Corpus, years: Years | None) -> None:
    """Refuse a year or range in which no part of the corpus has text, listing the years it has."""
    if years is None:
        return
    have = corpus.years()
    if not any(year in years for year in have):
        raise QueryError(f"no text for {years.text()}; years available: {shown_years(have)}")


SHOWN_RUNS = 12  # runs of consecutive years named one by one; more, and only the span is named


def shown_years(years: list[int]) -> str:
    """The years, or for many, their runs (so that a year asked for is seen to fall in a gap):
    ``2023, 2024``, ``1954-1960, 1964, 1975, 1978-2026 (58 years)``, ``1954-2026 (73 years)``."""
    if len(years) <= 12:
        return ", ".join(map(str, years))
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    if len(runs) > SHOWN_RUNS:
        return f"{years[0]}-{years[-1]} ({len(years)} years, {len(runs) - 1} gaps)"
    named = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)
    return f"{named} ({len(years)} years)"


def check_language(corpus: Corpus, language: str | None) -> set[int] | None:
    """The positions of the reports in ``language`` (None: every report); a language no report is in
    is refused, naming those there are."""
    if language is None:
        return None
    wanted = language.strip().casefold()
    found = {i for i, meta in enumerate(corpus.reports) if meta.language == wanted}
    if not found:
        have = ", ".join(sorted({meta.language for meta in corpus.reports}))
        raise QueryError(f"no report in {language!r}; languages: {have}")
    return found
