"""The records a diff prints: a continued pair (both sides, the similarity, the word changes, what
travels with each statement), a new or dropped statement, and the flat rows of the CSV-like formats.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportcli.diff.align import RELATED_BELOW
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
