"""Notes: remarks on a statement or a figure, each with the source it rests on."""

from __future__ import annotations

from typing import Any

from reportcli.model import Note
from reportcli.reportfile.checks import Checker


def notes(check: Checker, raw: Any, path: str) -> tuple[Note, ...]:
    found = []
    for i, item in enumerate(check.list(raw, path)):
        p = f"{path}[{i}]"
        m = check.mapping(item, p, ("kind", "text"), ("source",))
        found.append(
            Note(
                kind=check.slug(m["kind"], f"{p}.kind"),
                text=check.text(m["text"], f"{p}.text"),
                source=check.text(m.get("source", ""), f"{p}.source", allow_empty=True),
            )
        )
    return tuple(found)
