"""Figures: typed values, each checked against the words that state it: the summary's statement, or
(for a figure only the official report states) the quoted official words."""

from __future__ import annotations

from typing import Any

from reportcli.model import OFFICIAL_FIGURE, SUMMARY_FIGURE, Figure, Statement
from reportcli.reportfile.checks import Checker
from reportcli.reportfile.notes import notes
from reportcli.reportfile.statements import Statements


def figures(statements: Statements, raw: Any, by_ref: dict[str, Statement]) -> tuple[Figure, ...]:
    check = statements.check
    found: list[Figure] = []
    ids: set[str] = set()
    for i, item in enumerate(check.list(raw, "figures")):
        figure = _figure(statements, item, f"figures[{i}]", by_ref)
        if figure.id in ids:
            raise check.fail(f"figures[{i}].id", f"duplicate figure id {figure.id!r}")
        ids.add(figure.id)
        found.append(figure)
    return tuple(found)


def _figure(statements: Statements, raw: Any, path: str, by_ref: dict[str, Statement]) -> Figure:
    c: Checker = statements.check
    m = c.mapping(
        raw,
        path,
        ("id", "value", "unit", "display", "year", "theme", "ref"),
        ("qualifier", "restored", "notes", "source", "official"),
    )
    ref = c.text(m["ref"], f"{path}.ref")
    statement = by_ref.get(ref)
    if statement is None:
        raise c.fail(f"{path}.ref", f"no statement has the ref {ref!r}")
    source = c.text(m.get("source", SUMMARY_FIGURE), f"{path}.source")
    if source not in (SUMMARY_FIGURE, OFFICIAL_FIGURE):
        raise c.fail(f"{path}.source", f"{source!r} is neither {SUMMARY_FIGURE!r} nor {OFFICIAL_FIGURE!r}")
    if (source == OFFICIAL_FIGURE) != ("official" in m):
        raise c.fail(path, "a figure from the official report (source: official) needs its words (official)")
    figure = Figure(
        id=c.slug(m["id"], f"{path}.id"),
        value=c.number(m["value"], f"{path}.value"),
        unit=c.text(m["unit"], f"{path}.unit"),
        display=c.text(m["display"], f"{path}.display"),
        year=c.year(m["year"], f"{path}.year"),
        theme=c.text(m["theme"], f"{path}.theme"),
        ref=ref,
        qualifier=c.optional_text(m.get("qualifier"), f"{path}.qualifier"),
        restored=c.boolean(m.get("restored", False), f"{path}.restored"),
        notes=notes(c, m["notes"], f"{path}.notes") if "notes" in m else (),
        source=source,
        official=statements.quote(m["official"], f"{path}.official") if "official" in m else None,
    )
    if figure.theme != statement.section:
        raise c.fail(f"{path}.theme", f"is {figure.theme!r} but {ref} belongs to {statement.section!r}")
    if figure.year != statement.year:
        raise c.fail(f"{path}.year", f"is {figure.year} but {ref} is of {statement.year}")
    words = figure.official.text if figure.official else statement.text
    where = "the official words" if figure.official else f"the text of {ref}"
    if figure.display.casefold() not in words.casefold():
        raise c.fail(f"{path}.display", f"{figure.display!r} does not occur in {where}")
    return figure
