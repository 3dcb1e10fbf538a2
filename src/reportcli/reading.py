"""Reading the report: a theme or a section, a statement with its neighbours, the sentence of the official
report a statement quotes, or the whole report in reading order (``show``).

Every statement comes with what travels with it (``caveats``): its source wording and repairs, its
notes, the official words it renders.
"""

from __future__ import annotations

import re
from typing import Any

from reportcli.caveats import figures_by_ref, where
from reportcli.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.model import GLOSSARY, REVIEW, THEME, Result, Section, Statement
from reportcli.query import check_year, resolve_theme, statement_dict

NEIGHBOURS = 1  # statements shown before and after a cited one
_OFFICIAL_AT = re.compile(r"(?P<paragraph>\d+)(?:\.(?P<sentence>\d+))?")


def year_label(corpus: Corpus, section: Section, year: int) -> str:
    """How the report speaks of a year: what it plans, or what it reviews."""
    if corpus.year is None or section.kind not in (THEME, REVIEW):
        return ""
    return "plan" if year >= corpus.year else "review of the year"


def show(corpus: Corpus, target: str | None = None, year: int | None = None) -> Result:
    """What ``show`` prints for TARGET: a theme or section by name, any ref, or (none) the whole report."""
    name = (target or "").strip()
    if not name:
        return reading(corpus, year)
    if "/" in name:
        return _ref(corpus, name, year)
    return section_text(corpus, resolve_theme(corpus, name, sections=True), year)


def section_text(corpus: Corpus, section: Section, year: int | None = None) -> Result:
    """A section's text, statement by statement, with what travels with each."""
    if year is not None and year not in section.year_list:
        have = ", ".join(map(str, section.year_list)) or "none"
        noun = "theme" if section.kind == THEME else "section"
        raise QueryError(f"{noun} {section.id!r} has no text for {year}; its years: {have}")
    inferred = set(section.inferred_years)
    years = [y for y in section.year_list if year is None or y == year]
    statements = corpus.statements(section.id, year)
    figures = figures_by_ref(corpus, statements)
    document: dict[str, Any] = {
        "id": section.id,
        "kind": section.kind,
        "title": section.title,
        "group": section.group,
        "years": years,
        "inferred_years": sorted(inferred),
        "statements": [
            statement_dict(corpus, s, inferred=s.year in inferred, figures=figures.get(s.ref, [])) for s in statements
        ],
    }
    labels = {y: year_label(corpus, section, y) for y in years}
    return Result("statements", document, document["statements"], facts={"year_labels": labels})


def reading(corpus: Corpus, year: int | None = None) -> Result:
    """The whole report in reading order: the lead, the review, every theme by year, the glossary, the
    credits (with ``year``, only what speaks of that year)."""
    check_year(corpus, year)
    statements = corpus.statements() if year is None else [s for s in corpus.statements() if s.year == year]
    figures = figures_by_ref(corpus, statements)
    sections = []
    items: list[dict[str, Any]] = []
    for section in corpus.sections:
        inferred = set(section.inferred_years)
        own = [
            statement_dict(corpus, s, inferred=s.year in inferred, figures=figures.get(s.ref, []))
            for s in statements
            if s.section == section.id
        ]
        if not own:
            continue
        sections.append({"id": section.id, "kind": section.kind, "title": section.title, "statements": own})
        items.extend(own)
    meta = corpus.meta
    document = {"title": meta.title, "date": meta.date, "event": meta.event, "sections": sections}
    labels = {y: "plan" if corpus.year and y >= corpus.year else "review of the year" for y in corpus.years()}
    return Result("report", document, items, facts={"year_labels": labels})


def _ref(corpus: Corpus, ref: str, year: int | None) -> Result:
    """A statement with its neighbours; a section and year (``ecology/2024``); a sentence or paragraph
    of the official report that the data quotes (``2024-zh/68.6``)."""
    try:
        before, statement, after = corpus.around(ref, NEIGHBOURS)
    except KeyError:
        pass
    else:
        return _statement_in_context(corpus, before, statement, after)
    head, _, tail = ref.partition("/")
    official = corpus.meta.official
    if official is not None and head == official.id:
        return _quoted(corpus, ref, tail)
    if tail.isdigit() and year is None:
        try:
            section = resolve_theme(corpus, head, sections=True)
        except QueryError:
            pass
        else:
            if section.year_list:  # ecology/2024; but glossary/9 is a ref
                return section_text(corpus, section, int(tail))
    raise unknown_ref(corpus, ref)


def example_refs(corpus: Corpus) -> list[str]:
    """A few refs of this report, to show what one looks like: the first of the review, of a theme and
    of the glossary."""
    examples: dict[str, str] = {}
    for section in corpus.sections:
        if section.kind in (THEME, REVIEW, GLOSSARY) and section.kind not in examples:
            first = corpus.statements(section.id, section.year_list[0] if section.year_list else None)
            if first:
                examples[section.kind] = first[0].ref
    return list(examples.values())


def _section_named(corpus: Corpus, name: str) -> Section | None:
    """The section a ref's first part names, or the one it is a slip of the keyboard for."""
    if not name:
        return None
    try:
        return resolve_theme(corpus, name, sections=True)
    except QueryError:
        import difflib  # only to suggest a ref

        close = difflib.get_close_matches(name.casefold(), [s.id for s in corpus.sections], n=1, cutoff=0.75)
        return corpus.section(close[0]) if close else None


def unknown_ref(corpus: Corpus, ref: str) -> QueryError:
    """Why ``ref`` opens nothing, and what would: the ref meant, the refs of its section and year, or
    what refs look like."""
    head, _, rest = ref.partition("/")
    section = _section_named(corpus, head)
    if section is not None:
        year_text, _, position = rest.rpartition("/")
        dated = year_text.isdigit() and int(year_text) in section.year_list
        scope = f"{section.id}/{year_text}" if dated else section.id
        meant = f"{scope}/{position}" if dated else f"{section.id}/{rest}"
        if dated or not section.year_list:
            statements = corpus.statements(section.id, int(year_text) if dated else None)
            if meant != ref and any(s.ref == meant for s in statements):
                return QueryError(f"no ref {ref!r}; did you mean {meant!r}?")
            if len(statements) == 1:
                return QueryError(f"no ref {ref!r}; {scope} has one: {statements[0].ref}")
            if statements:
                return QueryError(
                    f"no ref {ref!r}; {scope} runs from {statements[0].ref} to {statements[-1].ref} "
                    f"('reportcli show {scope}' lists them)"
                )
        years = ", ".join(str(y) for y in section.year_list)
        return QueryError(
            f"no ref {ref!r}; {section.id} has text for {years} ('reportcli show {section.id}' lists its refs)"
        )
    *others, last = example_refs(corpus) or ["SECTION/YEAR/PARAGRAPH.SENTENCE"]
    examples = f"{', '.join(others)} or {last}" if others else last
    return QueryError(f"no ref {ref!r}; refs look like {examples} ('reportcli show' prints every one)")


def _statement_in_context(
    corpus: Corpus, before: list[Statement], statement: Statement, after: list[Statement]
) -> Result:
    section = corpus.section(statement.section)
    inferred = set(section.inferred_years)
    figures = figures_by_ref(corpus, [*before, statement, *after])

    def shown(s: Statement, role: str) -> dict[str, Any]:
        return {"role": role, **statement_dict(corpus, s, inferred=s.year in inferred, figures=figures.get(s.ref, []))}

    items = [shown(s, "before") for s in before] + [shown(statement, "cited")] + [shown(s, "after") for s in after]
    cited = items[len(before)]
    document = {
        "ref": statement.ref,
        "section": {"id": section.id, "kind": section.kind, "title": section.title},
        "statement": cited,
        "before": items[: len(before)],
        "after": items[len(before) + 1 :],
    }
    return Result("statement", document, items, facts={"title": section.title})


def _quoted(corpus: Corpus, ref: str, tail: str) -> Result:
    """The statements that quote a sentence (or any sentence of a paragraph) of the official report, and
    the figures stated only there."""
    match = _OFFICIAL_AT.fullmatch(tail)
    official = corpus.meta.official
    assert official is not None
    if match is None:
        raise QueryError(f"no ref {ref!r}; a sentence of the official report is {official.id}/PARAGRAPH.SENTENCE")

    def here(at: str) -> bool:
        return at == ref if match.group("sentence") else at.startswith(f"{ref}.")

    if match.group("sentence"):
        quoting = corpus.quoting(ref)
    else:
        quoting = [s for s in corpus.statements() if any(here(q.at) for q in s.official)]
    stated = [f for f in corpus.figures if f.official is not None and here(f.official.at)]
    for figure in stated:  # a figure the summary dropped: the statement it belongs with
        statement = corpus.statement(figure.ref)
        if statement not in quoting:
            quoting.append(statement)
    if not quoting:
        raise QueryError(
            f"{ref} is in the official report ({official.title}), which is not loaded, and no statement of "
            "this report quotes it; 'reportcli about' says where the official text is"
        )
    figures = figures_by_ref(corpus, quoting)
    items = [statement_dict(corpus, s, figures=figures.get(s.ref, [])) for s in quoting]
    quotes = [q for s in quoting for q in s.official if here(q.at)]
    quotes += [f.official for f in stated if f.official is not None and f.official not in quotes]
    document = {
        "ref": ref,
        "official": {
            "id": official.id,
            "title": official.title,
            "url": official.url,
            **where(corpus, ref if match.group("sentence") else f"{ref}.0"),
        },
        "quotes": [{"text": q.text, "at": q.at} for q in sorted(quotes, key=lambda q: _position(q.at))],
        "figures": [{"id": f.id, "display": f.display, "ref": f.ref} for f in stated],
        "quoted_by": items,
    }
    return Result("quoted", document, items, facts={"title": official.title})


def _position(at: str) -> tuple[int, int]:
    paragraph, _, sentence = at.rpartition("/")[2].partition(".")
    return int(paragraph), int(sentence or 0)
