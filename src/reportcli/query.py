"""Queries over the loaded data: the themes, the figures, and finding a theme by the name a user types.

Each command's entry point (``themes``, ``figures``) takes the option values as the user gave them and
returns a ``Result``: plain data, ready for the output layer to render in any format. (``show`` is in
``reading``; ``about`` and ``cite`` in ``citing``.)
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from reportcli.caveats import caveats, quote_dict
from reportcli.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.model import CREDITS, FULL, GLOSSARY, LEAD, PART, REVIEW, THEME, Figure, Meta, Result, Section, Statement

SECTIONS = (LEAD, REVIEW, GLOSSARY, CREDITS)  # sections that are not themes, by the ids users type

FIGURE_ORDERS = ("document", "value", "year", "theme")  # the orders ``figures`` can list in


# --- finding things by the names users type ---------------------------------------------------------


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
        raise QueryError(f"{noun} is empty; choose one of: " + ", ".join(c.id for c in candidates))
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
        raise QueryError(f"{noun} {query!r} is ambiguous; it matches: {', '.join(c.id for c in matches)}")
    ids = nearest_names(wanted, candidates)
    if ids:
        raise QueryError(f"no {noun} {query!r}; did you mean {' or '.join(repr(i) for i in ids)}?")
    raise QueryError(f"no {noun} {query!r}; {noun}s are: {', '.join(c.id for c in candidates)}")


def _words_key(name: str) -> tuple[str, ...]:
    from reportcli import text  # stems only when a name is not an id or a title

    return tuple(text.stem(w) for w in text.words(name))


def by_alias(candidates: list[Section], wanted: str) -> Section | None:
    """The one candidate with this alias, as typed or in another word form (pension, pensions)."""
    exact = [c for c in candidates if wanted in (a.casefold() for a in c.aliases)]
    if exact:
        return exact[0]
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


def shown_years(years: list[int]) -> str:
    """The years, or for many, their span: ``2023, 2024`` or ``1954-2026 (60 years)``."""
    if len(years) > 12:
        return f"{years[0]}-{years[-1]} ({len(years)} years)"
    return ", ".join(map(str, years))


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


# --- records as the output shows them ---------------------------------------------------------------


def statement_dict(
    corpus: Corpus, statement: Statement, *, inferred: bool = False, figures: list[Figure] | None = None
) -> dict[str, Any]:
    """A statement as every command prints it: where it is, its words, and what travels with them."""
    return {
        "ref": statement.ref,
        "section": statement.section,
        "theme": statement.section,  # as the other commands name it
        "year": statement.year,
        "year_inferred": inferred,
        "paragraph": statement.paragraph,
        "label": statement.label,
        "text": statement.text,
        **caveats(corpus, statement, figures),
    }


# --- themes -----------------------------------------------------------------------------------------


def themes(corpus: Corpus) -> Result:
    """One record per theme: years, and statements and characters per year."""
    rows = [
        {
            "id": theme.id,
            "title": theme.title,
            "aliases": list(theme.aliases),
            "group": theme.group,
            "years": theme.year_list,
            "inferred_years": sorted(theme.inferred_years),
            "statements": sum(y.statements for y in theme.years),
            "per_year": [y._asdict() for y in theme.years],
        }
        for theme in corpus.themes
    ]
    long = [{"id": t.id, "title": t.title, **year._asdict()} for t in corpus.themes for year in t.years]
    plan = f"the {corpus.year} plan" if corpus.year else "the plan"
    empty = None
    if not rows:
        full = any(meta.kind == FULL for meta in corpus.reports)
        empty = (
            "no themes: the reports loaded are full reports ('reportcli reports' lists them)"
            if full
            else ("this report has no themes")
        )
    return Result("themes", rows, rows, facts={"inferred_means": plan, "long": long}, empty=empty)


# --- reports ----------------------------------------------------------------------------------------


def report_row(corpus: Corpus, meta: Meta) -> dict[str, Any]:
    """A report as ``reports`` lists it: what it is, who gave it, how much text, where it came from."""
    sections = [s for s in corpus.sections if s.report == meta.id]
    counts = [y for s in sections for y in s.years]
    source = meta.source
    return {
        "id": meta.id,
        "year": meta.year if meta.year is not None else int(meta.date[:4]) if meta.date else None,
        "language": meta.language,
        "kind": meta.kind,
        "title": meta.title,
        "date": meta.date,
        "speaker": meta.speaker,
        "role": meta.role,
        "parts": sum(
            1
            for s in sections
            if s.kind == PART and "." not in s.id.rpartition("/part")[2] and not s.id.endswith("/part0")
        ),
        "paragraphs": sum(y.paragraphs for y in counts)
        + sum(len({s.paragraph for s in corpus.statements(section.id)}) for section in sections if not section.years),
        "statements": sum(corpus.size(section.id) for section in sections),
        "characters": sum(y.characters for y in counts),
        "completeness": meta.completeness,
        "caveats": [{"kind": n.kind, "text": n.text, "source": n.source} for n in meta.caveats],
        "source": None if source is None else f"{source.file}:{source.record}",
        "sha256": None if source is None else source.sha256,
        "removed": {kind: characters for kind, _, characters in meta.removed},
    }


def reports(corpus: Corpus, year: str | int | None = None, language: str | None = None) -> Result:
    """The reports loaded, in the corpus's order; ``year`` a year or a range, ``language`` zh or en."""
    years = parse_years(year)
    languages = check_language(corpus, language)
    rows = [
        report_row(corpus, meta)
        for i, meta in enumerate(corpus.reports)
        if (languages is None or i in languages) and (years is None or _report_year(meta) in years)
    ]
    return Result("reports", rows, rows, empty=None if rows else f"no report for {years.text() if years else ''}")


def _report_year(meta: Meta) -> int | None:
    return meta.year if meta.year is not None else int(meta.date[:4]) if meta.date else None


# --- targets ----------------------------------------------------------------------------------------


def targets(corpus: Corpus, year: str | int | None = None, indicator: str | None = None) -> Result:
    """The annual targets of the full reports: a row per year and indicator (long form), each with the
    words that state it and their ref; a target a report says it does not set is ``status: not set``."""
    from reportcli import targets as rules

    years = parse_years(year)
    check_years(corpus, years)
    if indicator is not None and indicator not in rules.INDICATORS:
        raise QueryError(f"no indicator {indicator!r}; indicators: {', '.join(rules.INDICATORS)}")
    found = [
        f
        for f in corpus.figures
        if f.indicator is not None and (years is None or f.year in years) and indicator in (None, f.indicator)
    ]
    reports = {meta.id for meta in corpus.reports if meta.kind == FULL and meta.language == "zh"}
    report_of = {section.id: section.report for section in corpus.sections}
    rows = [
        {
            "year": f.year,
            "report": report_of.get(f.theme),
            "indicator": f.indicator,
            "label": rules.LABELS[f.indicator or ""],
            "status": f.status,
            "value": f.value if f.status == "set" else None,
            "high": f.high,
            "unit": f.unit or None,
            "stated": f.display,
            "stated_unit": f.stated_unit,
            "qualifier": f.qualifier,
            "measure": f.measure,
            "ref": f.ref,
        }
        for f in found
    ]
    rows.sort(key=lambda r: (r["year"], rules.INDICATORS.index(r["indicator"])))
    shown_years = sorted({meta.year for meta in corpus.reports if meta.id in reports and meta.year is not None})
    if years is not None:
        shown_years = [y for y in shown_years if y in years]
    empty = None if rows else "no targets: they are read off the full Chinese reports ('reportcli corpus fetch')"
    shown = {r["indicator"] for r in rows}  # a column for each indicator some shown report sets
    facts = {"years": shown_years, "indicators": [i for i in rules.INDICATORS if i in shown]}
    return Result("targets", rows, rows, facts=facts, empty=empty)


# --- figures ----------------------------------------------------------------------------------------


def figure_dict(corpus: Corpus, figure: Figure, known: dict[str, Statement] | None = None) -> dict[str, Any]:
    """A figure, the statement it comes from, and whose words state it: the summary's, or (``source:
    official``) only the official report's, quoted in ``official``, or (``source: report``) a full
    report's own, a target read off its text (``indicator``). ``known``: statements already read."""
    statement = _statement_of(corpus, figure, known)
    return {
        "id": figure.id,
        "value": figure.value,
        "unit": figure.unit,
        "display": figure.display,
        "qualifier": figure.qualifier,
        "year": figure.year,
        "theme": figure.theme,
        "ref": figure.ref,
        "restored": figure.restored,
        "text": statement.text,
        "notes": [{"kind": n.kind, "text": n.text, "source": n.source} for n in figure.notes],
        "source": figure.source,
        "official": quote_dict(corpus, figure.official) if figure.official else None,
        "statement": caveats(corpus, statement, []),
        "indicator": figure.indicator,
        "high": figure.high,
        "stated_unit": figure.stated_unit,
        "measure": figure.measure,
    }


def _statement_of(corpus: Corpus, figure: Figure, known: dict[str, Statement] | None = None) -> Statement:
    if known is not None and figure.ref in known:
        return known[figure.ref]
    try:
        return corpus.statement(figure.ref)
    except KeyError:  # the loader refuses a figure whose statement is missing: the database lost it
        from reportcli.checked import Damaged

        raise Damaged("figures") from None


def list_figures(
    corpus: Corpus, *, section: str | None = None, year: int | None = None, order: str = "document"
) -> list[dict[str, Any]]:
    """Figures, filtered by section (a theme id, 'review') and year, in one of the FIGURE_ORDERS."""
    if order not in FIGURE_ORDERS:
        raise QueryError(f"cannot sort by {order!r}; choose one of: {', '.join(FIGURE_ORDERS)}")
    found = [f for f in corpus.figures if f.status == "set" and section in (None, f.theme) and year in (None, f.year)]
    if order == "value":
        found.sort(key=lambda f: f.value)
    elif order == "year":
        found.sort(key=lambda f: f.year)
    elif order == "theme":
        positions = {theme: corpus.position(theme) for theme in {f.theme for f in found}}
        found.sort(key=lambda f: positions[f.theme])
    known = corpus.statements_by_ref(f.ref for f in found)
    return [figure_dict(corpus, f, known) for f in found]


def figures(corpus: Corpus, theme: str | None = None, year: int | None = None, order: str = "document") -> Result:
    section = resolve_section(corpus, theme)
    check_year(corpus, year)
    rows = list_figures(corpus, section=section, year=year, order=order)
    wanted = " and ".join(x for x in (f"theme {section}" if section else "", f"year {year}" if year else "") if x)
    return Result("figures", rows, rows, empty=None if rows else f"no figures for {wanted or 'this report'}")
