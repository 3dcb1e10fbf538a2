"""Queries over a loaded report. Each returns plain data (dicts and lists) ready to render."""

from __future__ import annotations

from typing import Any

from reportcli.errors import QueryError
from reportcli.model import GLOSSARY, REVIEW, Figure, Note, Report, Statement, Theme

FIGURE_SORT_KEYS = ("document", "value", "year", "theme")


def resolve_theme(report: Report, query: str) -> Theme:
    """A theme by id, by title in any case, or by a unique substring of either."""
    wanted = query.strip().casefold()
    if not wanted:
        raise QueryError("theme is empty; choose one of: " + ", ".join(t.id for t in report.themes))
    for theme in report.themes:
        if wanted in (theme.id, theme.title.casefold()):
            return theme
    if wanted in (REVIEW, GLOSSARY):
        raise QueryError(
            f"{wanted!r} is a section, not a theme: see it with 'reportcli search --theme {wanted}'"
            + (" or 'reportcli figures --theme review'" if wanted == REVIEW else "")
        )
    matches = [t for t in report.themes if wanted in t.id or wanted in t.title.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise QueryError(f"theme {query!r} is ambiguous; it matches: {', '.join(t.id for t in matches)}")
    import difflib  # only to suggest a theme

    names = [t.id for t in report.themes] + [t.title.casefold() for t in report.themes]
    close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.6)
    ids = list(dict.fromkeys(_id_for(report, name) for name in close))
    if ids:
        return_hint = " or ".join(repr(i) for i in ids)
        raise QueryError(f"no theme {query!r}; did you mean {return_hint}?")
    raise QueryError(f"no theme {query!r}; themes are: {', '.join(t.id for t in report.themes)}")


def _id_for(report: Report, name: str) -> str:
    for theme in report.themes:
        if name in (theme.id, theme.title.casefold()):
            return theme.id
    return name


def resolve_section(report: Report, query: str) -> str:
    """A theme id, or one of the sections that are not themes: 'review' and 'glossary'."""
    if query.strip().casefold() in (REVIEW, GLOSSARY):
        return query.strip().casefold()
    return resolve_theme(report, query).id


def check_year(report: Report, year: int | None) -> None:
    """Refuse a year no part of the report has, listing the years it does have."""
    if year is None:
        return
    years = all_years(report)
    if year not in years:
        raise QueryError(f"no text for {year}; years available: {', '.join(map(str, years))}")


def all_years(report: Report) -> list[int]:
    years = {y for t in report.themes for y in t.years}
    years.update(s.year for s in report.review if s.year is not None)
    years.update(f.year for f in report.figures)
    return sorted(years)


def notes_of(report: Report, statement: Statement) -> list[Note]:
    """The statement's own notes and those of the figures taken from it."""
    notes = list(statement.notes)
    for figure in report.figures:
        if figure.ref == statement.ref:
            notes.extend(figure.notes)
    return notes


def note_dict(note: Note) -> dict[str, str]:
    return {"kind": note.kind, "text": note.text, "source": note.source}


def statement_dict(report: Report, statement: Statement, *, inferred: bool = False) -> dict[str, Any]:
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
        "notes": [note_dict(n) for n in notes_of(report, statement)],
    }


def themes_summary(report: Report) -> list[dict[str, Any]]:
    """One record per theme: years, and statements and characters per year."""
    rows = []
    for theme in report.themes:
        per_year = [
            {
                "year": year,
                "inferred": year in theme.inferred_years,
                "paragraphs": len(paragraphs),
                "statements": sum(len(p) for p in paragraphs),
                "characters": sum(len(s.text) for p in paragraphs for s in p),
            }
            for year, paragraphs in theme.years.items()
        ]
        rows.append(
            {
                "id": theme.id,
                "title": theme.title,
                "group": theme.group,
                "years": list(theme.years),
                "inferred_years": sorted(theme.inferred_years),
                "statements": sum(y["statements"] for y in per_year),
                "per_year": per_year,
            }
        )
    return rows


def show_theme(report: Report, theme: Theme, year: int | None = None) -> dict[str, Any]:
    """A theme's text, statement by statement, with repairs and notes."""
    if year is not None and year not in theme.years:
        have = ", ".join(map(str, theme.years)) or "none"
        raise QueryError(f"theme {theme.id!r} has no text for {year}; its years: {have}")
    return {
        "id": theme.id,
        "title": theme.title,
        "group": theme.group,
        "years": [y for y in theme.years if year is None or y == year],
        "inferred_years": sorted(theme.inferred_years),
        "statements": [
            statement_dict(report, s, inferred=s.year in theme.inferred_years) for s in theme.statements(year)
        ],
    }


def figure_dict(report: Report, figure: Figure) -> dict[str, Any]:
    statement = report.statement(figure.ref)
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
        "notes": [note_dict(n) for n in figure.notes],
    }


def list_figures(
    report: Report, *, section: str | None = None, year: int | None = None, sort: str = "document"
) -> list[dict[str, Any]]:
    """Figures, filtered by section (theme id, 'review') and year, in the chosen order."""
    if sort not in FIGURE_SORT_KEYS:
        raise QueryError(f"cannot sort by {sort!r}; choose one of: {', '.join(FIGURE_SORT_KEYS)}")
    figures = [
        f for f in report.figures if (section is None or f.theme == section) and (year is None or f.year == year)
    ]
    order = {"review": -1} | {t.id: i for i, t in enumerate(report.themes)}
    if sort == "value":
        figures.sort(key=lambda f: f.value)
    elif sort == "year":
        figures.sort(key=lambda f: f.year)
    elif sort == "theme":
        figures.sort(key=lambda f: order.get(f.theme, len(order)))
    return [figure_dict(report, f) for f in figures]
