"""Which fields of each kind of result the flat formats (csv, tsv, markdown, plain lines) show.

Every kind that prints a statement shows what travels with it: its source wording (``original``),
its repairs, its notes and the official words it renders, as columns; the plain lines a pipe gets end,
for a statement that has any, with its marks (``†`` repaired or restored, ``◆`` note).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import methodcaller
from typing import Any

Getter = Callable[[dict[str, Any]], Any]

REPAIRED = "†"  # repaired wording (a statement) or a restored number (a figure)
NOTED = "◆"  # a note: a discrepancy, a mistranslation, a check against the official report
FROM_CAVEATED = "‡"  # from a report with caveats: not the Premier's, a plan report, an abstract, partial
LEGEND = f"{REPAIRED} repaired (the source's words differ)   {NOTED} note (a caveat: read it before quoting)"
REPORT_LEGEND = (
    f"{FROM_CAVEATED} from a report with caveats (not the Premier's, a plan report, an abstract, partial): "
    "'reportcli about REPORT'"
)


def notes_text(notes: list[dict[str, Any]] | None) -> str:
    return "; ".join(f"{n['kind']}: {n['text']}" for n in notes or [])


def repairs_text(repairs: list[dict[str, Any]] | None) -> str:
    return "; ".join(f"{r['original']!r} -> {r['repaired']!r}" for r in repairs or [])


def official_text(official: list[dict[str, Any]] | None) -> str:
    return " / ".join(f"{q['text']} ({q['at']})" for q in official or [])


def _via(item: dict[str, Any]) -> str:
    """How a hit was reached through the glossary, in a cell: ``pension (glossary pension): 养老金``."""
    found = item.get("via") or []
    return "; ".join(f"{v['term']} (glossary {v['glossary']}): {'、'.join(v['matched'])}" for v in found)


def marks(item: dict[str, Any] | None) -> str:
    """The marks of a statement (or a figure): † when repaired or restored, ◆ when it has a note."""
    if not item:
        return ""
    found = []
    if item.get("repairs") or item.get("restored"):
        found.append(REPAIRED)
    if item.get("notes") or (item.get("statement") or {}).get("notes"):
        found.append(NOTED)
    if (item.get("statement") or {}).get("repairs") and REPAIRED not in found:
        found.insert(0, REPAIRED)
    if item.get("report_caveats") or (item.get("outcome") or {}).get("report_caveats"):
        found.append(FROM_CAVEATED)
    return " ".join(found)


def _notes(item: dict[str, Any]) -> str:
    return notes_text(item.get("notes"))


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


def _side(side: str, field: str) -> Getter:
    """A field of the statement on one side of a diff row (empty where that side has none)."""
    render = {"notes": notes_text, "repairs": repairs_text, "official": official_text}.get(field)

    def get(item: dict[str, Any]) -> Any:
        statement = item.get(f"{side}_statement") or {}
        value = statement.get(field)
        return render(value) if render else value

    return get


def _outcome(field: str) -> Getter:
    """A field of a target row's outcome (empty where the next report states none)."""
    return lambda item: (item.get("outcome") or {}).get(field)


def _diff_marks(item: dict[str, Any]) -> str:
    return " ".join(x for x in (marks(item.get("from_statement")), marks(item.get("to_statement"))) if x)


# The columns every printed statement ends with: what travels with it.
CARRIED: list[tuple[str, str | Getter]] = [
    ("original", "original"),
    ("repairs", lambda item: repairs_text(item.get("repairs"))),
    ("notes", _notes),
    ("official", lambda item: official_text(item.get("official"))),
    ("official_none", "official_none"),
]

# kind -> [(header, getter)]; a string getter is the item's key.
COLUMNS: dict[str, list[tuple[str, str | Getter]]] = {
    "themes": [
        ("id", "id"),
        ("title", "title"),
        ("years", _years),
        ("statements", _per_year("statements")),
        ("characters", _per_year("characters")),
        ("report", "report"),
    ],
    # (columns added later go at the end, after marks, so that a script's column numbers keep working)
    "statements": [("ref", "ref"), ("year", "year"), ("text", "text"), *CARRIED, ("marks", marks), ("theme", "theme")],
    "themes-long": [
        ("id", "id"),
        ("title", "title"),
        ("year", "year"),
        ("inferred", "inferred"),
        ("paragraphs", "paragraphs"),
        ("statements", "statements"),
        ("characters", "characters"),
        ("report", "report"),
    ],
    "report": [("section", "section"), ("ref", "ref"), ("year", "year"), ("text", "text"), *CARRIED, ("marks", marks)],
    "statement": [("role", "role"), ("ref", "ref"), ("year", "year"), ("text", "text"), *CARRIED, ("marks", marks)],
    "quoted": [("ref", "ref"), ("text", "text"), *CARRIED, ("marks", marks)],
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
        ("source", "source"),
        ("official", lambda item: official_text([item["official"]] if item.get("official") else [])),
        ("statement_original", lambda item: item["statement"]["original"]),
        ("statement_notes", lambda item: notes_text(item["statement"]["notes"])),
        ("marks", marks),
        ("text", "text"),
        ("indicator", "indicator"),
        ("kind", "kind"),
        ("basis", "basis"),
        ("period", lambda item: "-".join(map(str, item["period"])) if item.get("period") else None),
        ("report_caveats", lambda item: "; ".join(item.get("report_caveats") or [])),
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
        *CARRIED,
        ("matched_in", lambda item: " ".join(item.get("matched_in") or [])),
        ("report", "report"),
        ("language", "language"),
        ("source", "source"),
        ("report_caveats", lambda item: "; ".join(item.get("report_caveats") or [])),
        ("via", _via),
        ("marks", marks),
    ],
    "kwic": [
        ("ref", "ref"),
        ("year", "year"),
        ("left", "left"),
        ("match", "match"),
        ("right", "right"),
        ("report", "report"),
        ("language", "language"),
        ("theme", "theme"),
        ("start", "start"),
        ("end", "end"),
        *CARRIED,
        ("marks", marks),
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
        ("from_notes", _side("from", "notes")),
        ("to_notes", _side("to", "notes")),
        ("from_original", _side("from", "original")),
        ("to_original", _side("to", "original")),
        ("marks", _diff_marks),
        ("related", "related"),
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
    "counts": [("theme", "theme"), ("year", "year"), ("hits", "hits"), ("report", "report"), ("language", "language")],
    "reports": [
        ("id", "id"),
        ("year", "year"),
        ("language", "language"),
        ("kind", "kind"),
        ("title", "title"),
        ("date", "date"),
        ("speaker", "speaker"),
        ("parts", "parts"),
        ("paragraphs", "paragraphs"),
        ("statements", "statements"),
        ("characters", "characters"),
        ("completeness", "completeness"),
        ("caveats", lambda item: "; ".join(f"{c['kind']}: {c['text']}" for c in item["caveats"])),
        ("source", "source"),
        ("sha256", "sha256"),
        # (added with the metadata, after the first columns, so that a script's column numbers hold)
        ("speaker_pinyin", "speaker_pinyin"),
        ("speaker_zh", "speaker_zh"),
        ("role", "role"),
        ("session", "session"),
        ("report_kind", "report_kind"),
        ("publisher", "publisher"),
        ("translation", "translation"),
    ],
    "targets": [
        ("year", "year"),
        ("report", "report"),
        ("indicator", "indicator"),
        ("status", "status"),
        ("value", "value"),
        ("high", "high"),
        ("unit", "unit"),
        ("qualifier", "qualifier"),
        ("stated", "stated"),
        ("stated_unit", "stated_unit"),
        ("measure", "measure"),
        ("ref", "ref"),
        # (added with the outcomes, after the target's columns, so that a script's column numbers hold)
        ("english", "english"),
        ("result", "result"),
        ("outcome", _outcome("english")),
        ("outcome_stated", _outcome("stated")),
        ("outcome_value", _outcome("value")),
        ("outcome_qualifier", _outcome("qualifier")),
        ("outcome_basis", _outcome("basis")),
        ("outcome_ref", _outcome("ref")),
        ("outcome_report", _outcome("report")),
        ("rule", "rule"),
        ("report_caveats", lambda item: "; ".join(item.get("report_caveats") or [])),
        ("outcome_report_caveats", lambda item: "; ".join((item.get("outcome") or {}).get("report_caveats") or [])),
        ("marks", marks),
        ("notes", _notes),
    ],
    "trend": [
        ("term", "term"),
        ("year", "year"),
        ("report", "report"),
        ("language", "language"),
        ("count", "count"),
        ("occurrences", "occurrences"),
        ("rate", "rate"),
        ("per", "per"),
        ("source", "source"),
        ("searched", "searched"),
        ("via", lambda item: (item.get("via") or {}).get("glossary") or ""),
        ("report_caveats", lambda item: "; ".join(item.get("report_caveats") or [])),
    ],
    "exported": [("table", "table"), ("rows", "rows")],
    "fetched": [("name", "name"), ("status", "status"), ("bytes", "bytes"), ("sha256", "sha256"), ("url", "url")],
    "imported": [
        ("id", "id"),
        ("year", "year"),
        ("language", "language"),
        ("title", "title"),
        ("source", "source"),
        ("paragraphs", "paragraphs"),
        ("sentences", "sentences"),
        ("parts", "parts"),
        ("characters", "characters"),
        ("removed", "removed"),
        ("completeness", "completeness"),
        ("caveats", lambda item: " ".join(item["caveats"])),
    ],
    "validate": [
        ("path", "path"),
        ("status", "status"),
        ("themes", "themes"),
        ("statements", "statements"),
        ("figures", "figures"),
        ("repairs", "repairs"),
        ("notes", "notes"),
    ],
    "citation": [
        ("ref", "ref"),
        ("text", "text"),
        ("source", lambda item: item["source"]["title"]),
        ("date", lambda item: item["source"]["date"]),
        *CARRIED,
        ("marks", marks),
    ],
    "about": [("field", "field"), ("value", "value")],
}

# The plain lines printed off a terminal: fewer fields, the ones a shell pipeline wants. A trailing
# "marks" field is printed only when it has marks (so that most lines keep two fields).
PLAIN: dict[str, list[str]] = {
    "themes": ["id", "title", "years", "statements"],
    "statements": ["ref", "text", "marks"],
    "report": ["ref", "text", "marks"],
    "statement": ["role", "ref", "text", "marks"],
    "quoted": ["ref", "text", "marks"],
    "figures": ["id", "qualifier", "display", "unit", "year", "theme", "ref", "marks"],
    "hits": ["ref", "text", "marks", "source"],  # whose words, at the end: cut -f1,2 stays as it was
    "kwic": ["ref", "left", "match", "right", "marks"],
    "diff": ["status", "from_ref", "to_ref", "similarity", "text", "marks"],
    "diff-terms": ["group", "term", "from_count", "to_count"],
    "reports": ["id", "year", "language", "title", "statements", "completeness"],
    "imported": ["id", "source", "characters", "removed"],
    "fetched": ["name", "status", "bytes"],
    "trend": ["term", "year", "report", "count", "occurrences", "rate"],  # occurrences: the table's number
    # the outcome, after the target's columns, beside the result it decides
    "targets": [
        *("year", "indicator", "status", "value", "high", "qualifier", "ref"),
        *("outcome_value", "outcome_ref", "result", "marks"),
    ],
}


# search --file: each row with the query it answers
COLUMNS["batch-hits"] = [("query", "query"), *COLUMNS["hits"]]
COLUMNS["batch-counts"] = [("query", "query"), *COLUMNS["counts"]]
PLAIN["batch-hits"] = ["query", *PLAIN["hits"]]


def columns_for(kind: str, plain: bool = False) -> list[tuple[str, Getter]]:
    spec = COLUMNS[kind]
    if plain and kind in PLAIN:
        named = dict(spec)
        spec = [(name, named[name]) for name in PLAIN[kind]]  # in the order plain lines give them
    return [(header, _getter(get)) for header, get in spec]


def _getter(get: str | Getter) -> Getter:
    if isinstance(get, str):
        return methodcaller("get", get)  # item.get(get), called in C: a long CSV calls it per cell
    return get
