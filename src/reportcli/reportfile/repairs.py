"""Repairs: each change from the source's words to the printed text, checked to explain the whole change.

Repairs are listed in reading order and do not overlap: each one's original fragment is looked for
after the end of the one before. The check is then one pass over the text, however many repairs a
statement has (replacing in place, repair after repair, took time in their number times the length).
"""

from __future__ import annotations

from typing import Any

from reportcli.model import Repair
from reportcli.reportfile.checks import Checker


def repairs(check: Checker, raw: Any, path: str) -> tuple[Repair, ...]:
    found = []
    for i, item in enumerate(check.list(raw, path, nonempty=True)):
        p = f"{path}[{i}]"
        m = check.mapping(item, p, ("kind", "original", "repaired", "reason"))
        found.append(
            Repair(
                kind=check.slug(m["kind"], f"{p}.kind"),
                original=check.text(m["original"], f"{p}.original"),
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
    pieces: list[str] = []
    position = 0
    for i, repair in enumerate(found):
        at = original.find(repair.original, position)
        if at < 0:
            after = " after the previous repair (repairs go in reading order)" if i else ""
            raise check.fail(
                f"{path}.repairs[{i}].original", f"{_shown(repair.original)} does not occur in the original text{after}"
            )
        pieces += (original[position:at], repair.repaired)
        position = at + len(repair.original)
    pieces.append(original[position:])
    if "".join(pieces) != text:
        raise check.fail(f"{path}.text", "differs from the original with its repairs applied")


def _shown(fragment: str) -> str:
    return repr(fragment if len(fragment) <= 60 else fragment[:59] + "…")
