"""Which fields of each kind of result the flat formats (csv, tsv, markdown, plain lines) show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Getter = Callable[[dict[str, Any]], Any]


def _notes(item: dict[str, Any]) -> str:
    return "; ".join(f"{n['kind']}: {n['text']}" for n in item.get("notes") or [])


def _years(item: dict[str, Any]) -> str:
    return " ".join(str(y) for y in item["years"])


def _per_year(key: str) -> Getter:
    return lambda item: " ".join(f"{y['year']}:{y[key]}" for y in item["per_year"])


# How git's plain word diff marks a change: [-removed-] {+added+}.
WORD_DIFF_MARKS = {"equal": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}


def marked(op: str, text: str) -> str:
    """One word change, marked as git's plain word diff writes it."""
    return WORD_DIFF_MARKS[op].format(text)


def word_diff(changes: list[dict[str, str]]) -> str:
    """Word changes as git's plain word diff writes them: [-removed-] {+added+}."""
    return " ".join(marked(c["op"], c["text"]) for c in changes)


def _spans(item: dict[str, Any]) -> str:
    return " ".join(f"{a}-{b}" for a, b in item["spans"])


# kind -> [(header, getter)]; a string getter is the item's key.
COLUMNS: dict[str, list[tuple[str, str | Getter]]] = {
    "themes": [
        ("id", "id"),
        ("title", "title"),
        ("years", _years),
        ("statements", _per_year("statements")),
        ("characters", _per_year("characters")),
    ],
    "statements": [
        ("ref", "ref"),
        ("year", "year"),
        ("text", "text"),
        ("original", "original"),
        ("notes", _notes),
    ],
    "figures": [
        ("id", "id"),
        ("value", "value"),
        ("unit", "unit"),
        ("display", "display"),
        ("qualifier", "qualifier"),
        ("year", "year"),
        ("theme", "theme"),
        ("ref", "ref"),
        ("restored", "restored"),
        ("notes", _notes),
    ],
    "hits": [
        ("ref", "ref"),
        ("theme", "theme"),
        ("year", "year"),
        ("kind", "kind"),
        ("label", "label"),
        ("score", "score"),
        ("spans", _spans),
        ("text", "text"),
    ],
    "diff": [
        ("status", "status"),
        ("from_ref", "from_ref"),
        ("to_ref", "to_ref"),
        ("similarity", "similarity"),
        ("text", lambda item: item["to_text"] if item["to_text"] is not None else item["from_text"]),
        ("from_text", "from_text"),
        ("to_text", "to_text"),
        ("word_diff", lambda item: word_diff(item["changes"])),
    ],
    "diff-terms": [
        ("group", "group"),
        ("term", "term"),
        ("from_count", "from_count"),
        ("to_count", "to_count"),
        ("from_rate", "from_rate"),
        ("to_rate", "to_rate"),
        ("salience", "salience"),
    ],
    "diff-summary": [
        ("theme", "theme"),
        ("from", "from"),
        ("to", "to"),
        ("continued", "continued"),
        ("new", "new"),
        ("dropped", "dropped"),
        ("new_terms", lambda item: "; ".join(item["new_terms"])),
        ("dropped_terms", lambda item: "; ".join(item["dropped_terms"])),
    ],
    "counts": [("theme", "theme"), ("year", "year"), ("hits", "hits")],
    "validate": [
        ("path", "path"),
        ("status", "status"),
        ("themes", "themes"),
        ("statements", "statements"),
        ("figures", "figures"),
        ("repairs", "repairs"),
        ("notes", "notes"),
    ],
}

# The plain lines printed off a terminal: fewer fields, the ones a shell pipeline wants.
PLAIN: dict[str, list[str]] = {
    "themes": ["id", "title", "years", "statements"],
    "statements": ["ref", "text"],
    "figures": ["id", "display", "unit", "year", "theme", "ref"],
    "hits": ["ref", "text"],
    "diff": ["status", "from_ref", "to_ref", "similarity", "text"],
    "diff-terms": ["group", "term", "from_count", "to_count"],
}


def columns_for(kind: str, plain: bool = False) -> list[tuple[str, Getter]]:
    spec = COLUMNS[kind]
    if plain and kind in PLAIN:
        spec = [c for c in spec if c[0] in PLAIN[kind]]
    return [(header, _getter(get)) for header, get in spec]


def _getter(get: str | Getter) -> Getter:
    if isinstance(get, str):
        return lambda item: item.get(get)
    return get
