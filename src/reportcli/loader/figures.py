"""Figures: typed values, each checked against the statement it is taken from."""

from __future__ import annotations

from typing import Any

from reportcli.loader.checks import Checker
from reportcli.loader.notes import notes
from reportcli.model import Figure, Statement


def figures(check: Checker, raw: Any, statements: dict[str, Statement]) -> tuple[Figure, ...]:
    found: list[Figure] = []
    ids: set[str] = set()
    for i, item in enumerate(check.list(raw, "figures")):
        figure = _figure(check, item, f"figures[{i}]", statements)
        if figure.id in ids:
            raise check.fail(f"figures[{i}].id", f"duplicate figure id {figure.id!r}")
        ids.add(figure.id)
        found.append(figure)
    return tuple(found)


def _figure(c: Checker, raw: Any, path: str, statements: dict[str, Statement]) -> Figure:
    m = c.mapping(
        raw, path, ("id", "value", "unit", "display", "year", "theme", "ref"), ("qualifier", "restored", "notes")
    )
    ref = c.text(m["ref"], f"{path}.ref")
    statement = statements.get(ref)
    if statement is None:
        raise c.fail(f"{path}.ref", f"no statement has the ref {ref!r}")
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
    )
    if figure.theme != statement.section:
        raise c.fail(f"{path}.theme", f"is {figure.theme!r} but {ref} belongs to {statement.section!r}")
    if figure.year != statement.year:
        raise c.fail(f"{path}.year", f"is {figure.year} but {ref} is of {statement.year}")
    if figure.display.casefold() not in statement.text.casefold():
        raise c.fail(f"{path}.display", f"{figure.display!r} does not occur in the text of {ref}")
    return figure
