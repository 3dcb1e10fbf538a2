"""Queries over the loaded data: the themes, the figures, and finding a theme by the name a user types.

Each command's entry point (``themes``, ``figures``) takes the option values as the user gave them and
returns a ``Result``: plain data, ready for the output layer to render in any format. (``show`` is in
``reading``; ``about`` and ``cite`` in ``citing``.)
"""

from __future__ import annotations

from typing import Any

from reportcli.caveats import caveats, quote_dict
from reportcli.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.model import CREDITS, GLOSSARY, LEAD, REVIEW, THEME, Figure, Result, Section, Statement

SECTIONS = (LEAD, REVIEW, GLOSSARY, CREDITS)  # sections that are not themes, by the ids users type

FIGURE_ORDERS = ("document", "value", "year", "theme")  # the orders ``figures`` can list in


# --- finding things by the names users type ---------------------------------------------------------


def resolve_theme(corpus: Corpus, query: str, *, sections: bool = False) -> Section:
    """A theme by id, by title in any case, or by a unique substring of either; with ``sections``, any
    section of the report (the lead, the review, the glossary, the credits too)."""
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
    if wanted in SECTIONS and not sections and any(s.id == wanted for s in corpus.sections):
        raise QueryError(f"{wanted!r} is a section, not a theme: see it with 'reportcli show {wanted}'")
    matches = [c for c in candidates if wanted in c.id or wanted in c.title.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise QueryError(f"{noun} {query!r} is ambiguous; it matches: {', '.join(c.id for c in matches)}")
    import difflib  # only to suggest a name

    names = {c.id: c.id for c in candidates} | {c.title.casefold(): c.id for c in candidates}
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)
    ids = list(dict.fromkeys(names[name] for name in close))
    if ids:
        raise QueryError(f"no {noun} {query!r}; did you mean {' or '.join(repr(i) for i in ids)}?")
    raise QueryError(f"no {noun} {query!r}; {noun}s are: {', '.join(c.id for c in candidates)}")


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
        raise QueryError(f"no text for {year}; years available: {', '.join(map(str, years))}")


# --- records as the output shows them ---------------------------------------------------------------


def statement_dict(
    corpus: Corpus, statement: Statement, *, inferred: bool = False, figures: list[Figure] | None = None
) -> dict[str, Any]:
    """A statement as every command prints it: where it is, its words, and what travels with them."""
    return {
        "ref": statement.ref,
        "section": statement.section,
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
            "group": theme.group,
            "years": theme.year_list,
            "inferred_years": sorted(theme.inferred_years),
            "statements": sum(y.statements for y in theme.years),
            "per_year": [y._asdict() for y in theme.years],
        }
        for theme in corpus.themes
    ]
    plan = f"the {corpus.year} plan" if corpus.year else "the plan"
    return Result("themes", rows, rows, facts={"inferred_means": plan})


# --- figures ----------------------------------------------------------------------------------------


def figure_dict(corpus: Corpus, figure: Figure) -> dict[str, Any]:
    """A figure, the statement it comes from, and whose words state it: the summary's, or (``source:
    official``) only the official report's, quoted in ``official``."""
    statement = _statement_of(corpus, figure)
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
    }


def _statement_of(corpus: Corpus, figure: Figure) -> Statement:
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
    found = [f for f in corpus.figures if section in (None, f.theme) and year in (None, f.year)]
    if order == "value":
        found.sort(key=lambda f: f.value)
    elif order == "year":
        found.sort(key=lambda f: f.year)
    elif order == "theme":
        positions = {theme: corpus.position(theme) for theme in {f.theme for f in found}}
        found.sort(key=lambda f: positions[f.theme])
    return [figure_dict(corpus, f) for f in found]


def figures(corpus: Corpus, theme: str | None = None, year: int | None = None, order: str = "document") -> Result:
    section = resolve_section(corpus, theme)
    check_year(corpus, year)
    rows = list_figures(corpus, section=section, year=year, order=order)
    wanted = " and ".join(x for x in (f"theme {section}" if section else "", f"year {year}" if year else "") if x)
    return Result("figures", rows, rows, empty=None if rows else f"no figures for {wanted or 'this report'}")
