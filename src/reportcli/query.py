"""Queries over the loaded data: themes, a theme's text, figures, and finding a theme by name.

Each command's entry point (``themes``, ``show``, ``figures``) takes the option values as the user gave
them and returns a ``Result``: plain data, ready for the output layer to render in any format.
"""

from __future__ import annotations

from typing import Any

from reportcli.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.model import GLOSSARY, REVIEW, THEME, Figure, Note, Result, Section, Statement

FIGURE_ORDERS = ("document", "value", "year", "theme")  # the orders ``figures`` can list in


# --- finding things by the names users type ---------------------------------------------------------


def resolve_theme(corpus: Corpus, query: str) -> Section:
    """A theme by id, by title in any case, or by a unique substring of either."""
    wanted = query.strip().casefold()
    try:  # the usual case, an id, is looked up directly: a corpus may have thousands of themes
        found = corpus.section(wanted)
        if found.kind == THEME:
            return found
    except KeyError:
        pass
    themes = corpus.themes
    if not wanted:
        raise QueryError("theme is empty; choose one of: " + ", ".join(t.id for t in themes))
    for theme in themes:
        if wanted in (theme.id, theme.title.casefold()):
            return theme
    if wanted in (REVIEW, GLOSSARY):
        raise QueryError(
            f"{wanted!r} is a section, not a theme: see it with 'reportcli search --theme {wanted}'"
            + (" or 'reportcli figures --theme review'" if wanted == REVIEW else "")
        )
    matches = [t for t in themes if wanted in t.id or wanted in t.title.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise QueryError(f"theme {query!r} is ambiguous; it matches: {', '.join(t.id for t in matches)}")
    import difflib  # only to suggest a theme

    names = {t.id: t.id for t in themes} | {t.title.casefold(): t.id for t in themes}
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)
    ids = list(dict.fromkeys(names[name] for name in close))
    if ids:
        raise QueryError(f"no theme {query!r}; did you mean {' or '.join(repr(i) for i in ids)}?")
    raise QueryError(f"no theme {query!r}; themes are: {', '.join(t.id for t in themes)}")


def resolve_section(corpus: Corpus, query: str | None) -> str | None:
    """A theme id, or one of the sections that are not themes: 'review' and 'glossary' (None: every section)."""
    if query is None:
        return None
    if query.strip().casefold() in (REVIEW, GLOSSARY):
        return query.strip().casefold()
    return resolve_theme(corpus, query).id


def check_year(corpus: Corpus, year: int | None) -> None:
    """Refuse a year no part of the report has, listing the years it does have."""
    if year is None:
        return
    years = corpus.years()
    if year not in years:
        raise QueryError(f"no text for {year}; years available: {', '.join(map(str, years))}")


# --- records as the output shows them ---------------------------------------------------------------


def notes_of(corpus: Corpus, statement: Statement) -> list[Note]:
    """The statement's own notes and those of the figures taken from it."""
    notes = list(statement.notes)
    for figure in corpus.figures_of(statement.ref):
        notes.extend(figure.notes)
    return notes


def note_dict(note: Note) -> dict[str, str]:
    return {"kind": note.kind, "text": note.text, "source": note.source}


def statement_dict(corpus: Corpus, statement: Statement, *, inferred: bool = False) -> dict[str, Any]:
    return {
        "ref": statement.ref,
        "section": statement.section,
        "year": statement.year,
        "year_inferred": inferred,
        "paragraph": statement.paragraph,
        "label": statement.label,
        "text": statement.text,
        "original": statement.original,
        "repairs": [
            {"kind": r.kind, "original": r.original, "repaired": r.repaired, "reason": r.reason}
            for r in statement.repairs
        ],
        "notes": [note_dict(n) for n in notes_of(corpus, statement)],
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


# --- show -------------------------------------------------------------------------------------------


def year_label(corpus: Corpus, year: int) -> str:
    """How the report speaks of a year: what it plans, or what it reviews."""
    if corpus.year is None:
        return ""
    return "plan" if year >= corpus.year else "review of the year"


def show(corpus: Corpus, theme_name: str, year: int | None = None) -> Result:
    """A theme's text, statement by statement, with repairs and notes."""
    theme = resolve_theme(corpus, theme_name)
    if year is not None and year not in theme.year_list:
        have = ", ".join(map(str, theme.year_list)) or "none"
        raise QueryError(f"theme {theme.id!r} has no text for {year}; its years: {have}")
    inferred = set(theme.inferred_years)
    years = [y for y in theme.year_list if year is None or y == year]
    document: dict[str, Any] = {
        "id": theme.id,
        "title": theme.title,
        "group": theme.group,
        "years": years,
        "inferred_years": sorted(inferred),
        "statements": [
            statement_dict(corpus, s, inferred=s.year in inferred) for s in corpus.statements(theme.id, year)
        ],
    }
    labels = {y: year_label(corpus, y) for y in years}
    return Result("statements", document, document["statements"], facts={"year_labels": labels})


# --- figures ----------------------------------------------------------------------------------------


def figure_dict(corpus: Corpus, figure: Figure) -> dict[str, Any]:
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
        "text": _statement_of(corpus, figure).text,
        "notes": [note_dict(n) for n in figure.notes],
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
    """Figures, filtered by section (theme id, 'review') and year, in one of the FIGURE_ORDERS."""
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
