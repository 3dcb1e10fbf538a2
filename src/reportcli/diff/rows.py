"""The records a diff prints: a continued pair (both sides, the similarity, the word changes, what
travels with each statement), a new or dropped statement, and the flat rows of the CSV-like formats.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from reportcli.diff.align import RELATED_BELOW
from reportcli.diff.content import aside
from reportcli.diff.words import word_changes
from reportcli.model import Statement

Carried = Callable[[Statement], dict[str, Any]]  # what travels with a statement (caveats), by statement


def continued(
    earlier: Statement, later: Statement, score: float, carried: Carried, chinese: bool = False
) -> dict[str, Any]:
    """A continued pair as every diff prints it: both refs and texts, the similarity (``related`` below
    RELATED_BELOW), the word changes (Chinese: character by character), what travels with each side."""
    return {
        "from_ref": earlier.ref,
        "to_ref": later.ref,
        "similarity": round(score, 3),
        "related": score < RELATED_BELOW,
        "from_text": earlier.text,
        "to_text": later.text,
        "changes": word_changes(earlier.text, later.text, chinese=chinese),
        "from_statement": carried(earlier),
        "to_statement": carried(later),
    }


def set_aside(earlier: Iterable[Statement], later: Iterable[Statement]) -> list[dict[str, Any]]:
    """The statements never compared (salutations, list numbers alone), each with the reason."""
    return [
        {"ref": s.ref, "text": s.text, "reason": reason}
        for s in (*earlier, *later)
        if (reason := aside(s.text)) is not None
    ]


def changed(pair: dict[str, Any]) -> bool:
    """Whether a continued pair's wording changed (not only its place)."""
    return any(change["op"] != "equal" for change in pair["changes"])


def counted(result: dict[str, Any]) -> dict[str, int]:
    """How many statements a diff found of each kind (before ``--only`` leaves some out)."""
    return {
        "continued": len(result["continued"]),
        "changed": sum(map(changed, result["continued"])),
        "new": len(result["new"]),
        "dropped": len(result["dropped"]),
        "set_aside": len(result.get("set_aside", [])),
    }


ONLY = ("new", "dropped", "changed")  # what --only may ask for


def narrowed(result: dict[str, Any], only: str | None) -> dict[str, Any]:
    """The diff with only the statements ``only`` asks for (``new``, ``dropped``, or ``changed``: the
    continued pairs whose wording changed), and only that group of terms (none for ``changed``); the
    counts stay those of the whole diff."""
    if only is None:
        return result
    return result | {
        "continued": [p for p in result["continued"] if changed(p)] if only == "changed" else [],
        "new": result["new"] if only == "new" else [],
        "dropped": result["dropped"] if only == "dropped" else [],
        "terms": {group: items if group == only else [] for group, items in result["terms"].items()},
    }


def term_rows(terms: dict[str, list[dict[str, Any]]], only: str | None = None) -> list[dict[str, Any]]:
    """The terms as the rows of ``--terms``, each with its group (only that group, with ``only``)."""
    return [{"group": group, **term} for group, items in terms.items() if only in (None, group) for term in items]


def side(statement: Statement) -> dict[str, Any]:
    return {"ref": statement.ref, "year": statement.year, "text": statement.text}


def statement_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat record per continued pair, new statement and dropped statement (each side with what
    travels with it)."""
    continued = [
        _row("continued", p["from_ref"], p["to_ref"], p["similarity"], p["from_text"], p["to_text"], p["changes"])
        | {"related": p["related"], "from_statement": p["from_statement"], "to_statement": p["to_statement"]}
        for p in result["continued"]
    ]
    new = [
        _row("new", None, s["ref"], None, None, s["text"], [])
        | {"related": None, "from_statement": None, "to_statement": _carried(s)}
        for s in result["new"]
    ]
    dropped = [
        _row("dropped", s["ref"], None, None, s["text"], None, [])
        | {"related": None, "from_statement": _carried(s), "to_statement": None}
        for s in result["dropped"]
    ]
    return continued + new + dropped


def _carried(statement: dict[str, Any]) -> dict[str, Any]:
    keys = ("original", "repairs", "notes", "official", "official_none")
    return {key: statement[key] for key in keys}


def _row(
    status: str,
    from_ref: str | None,
    to_ref: str | None,
    similarity: float | None,
    from_text: str | None,
    to_text: str | None,
    changes: list[dict[str, str]],
) -> dict[str, Any]:
    return {
        "status": status,
        "from_ref": from_ref,
        "to_ref": to_ref,
        "similarity": similarity,
        "from_text": from_text,
        "to_text": to_text,
        "changes": changes,
    }
