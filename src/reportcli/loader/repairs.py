"""Repairs: each change from the source's words to the printed text, checked to explain the whole change."""

from __future__ import annotations

from typing import Any

from reportcli.loader.checks import Checker
from reportcli.model import Repair


def repairs(check: Checker, raw: Any, path: str) -> tuple[Repair, ...]:
    found = []
    for i, item in enumerate(check.list(raw, path, nonempty=True)):
        p = f"{path}[{i}]"
        m = check.mapping(item, p, ("kind", "original", "repaired", "reason"))
        found.append(
            Repair(
                kind=check.slug(m["kind"], f"{p}.kind"),
                original=check.text(m["original"], f"{p}.original", allow_empty=True),
                repaired=check.text(m["repaired"], f"{p}.repaired", allow_empty=True),
                reason=check.text(m["reason"], f"{p}.reason"),
            )
        )
    return tuple(found)


def check_repairs(check: Checker, path: str, text: str, original: str | None, found: tuple[Repair, ...]) -> None:
    """The text may differ from the source only by the recorded repairs, applied in order."""
    if original is None:
        if found:
            raise check.fail(path, "repairs are recorded but the original text is missing")
        return
    if not found:
        raise check.fail(path, "an original text is given but no repairs are recorded")
    current = original
    for i, repair in enumerate(found):
        if repair.original not in current:
            raise check.fail(
                f"{path}.repairs[{i}].original", f"{repair.original!r} does not occur in the original text"
            )
        current = current.replace(repair.original, repair.repaired, 1)
    if current != text:
        raise check.fail(f"{path}.text", "differs from the original with its repairs applied")
