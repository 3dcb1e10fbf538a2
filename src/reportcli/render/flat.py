"""Text formats with no dependency on Rich: json, jsonl, csv, tsv, markdown and plain lines."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reportcli.render.columns import columns_for

if TYPE_CHECKING:
    from reportcli.render import Output

# C0 and C1 control characters, DEL, and the bidirectional overrides and isolates: shown as escapes,
# so that text from the data or the user can never move the cursor, recolour or reorder the terminal.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with every control character replaced by a visible escape such as ``\\x1b``."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def cell(value: Any) -> str:
    """A value as one safe line of text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e16 else repr(value)
    return visible(str(value))


def to_json(document: Any, *, compact: bool = False) -> str:
    if compact:
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(document, ensure_ascii=False, indent=2)


def render(output: Output, fmt: str) -> str:
    if fmt == "json":
        return to_json(output.document) + "\n"
    if fmt == "jsonl":
        return "".join(to_json(item, compact=True) + "\n" for item in output.items)
    if fmt == "plain" and output.kind == "validate":
        return validate_sentence(output.document) + "\n"
    columns = columns_for(output.kind, plain=fmt == "plain")
    headers = [h for h, _ in columns]
    rows = [[cell(get(item)) for _, get in columns] for item in output.items]
    return TABULAR[fmt](headers, rows)


def _csv(headers: list[str], rows: list[list[str]]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue()


def _tsv(headers: list[str], rows: list[list[str]]) -> str:
    return _plain(headers, [headers, *rows])


def _plain(_: list[str], rows: list[list[str]]) -> str:
    return "".join("\t".join(r) + "\n" for r in rows)


def _markdown(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(_md(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md(c) for c in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


TABULAR: dict[str, Callable[[list[str], list[list[str]]], str]] = {
    "csv": _csv,
    "tsv": _tsv,
    "plain": _plain,
    "markdown": _markdown,
}


_MD_SPECIAL = re.compile(r"\\(?=[!-/:-@\[-`{-~])|[|`*_\[<]")


def _md(text: str) -> str:
    """A Markdown table cell that shows ``text`` as it is: no emphasis, link, HTML or column break."""
    return _MD_SPECIAL.sub(lambda m: "&lt;" if m.group() == "<" else "\\" + m.group(), text)


def validate_sentence(summary: dict[str, Any]) -> str:
    return (
        f"ok {cell(summary['path'])}: {summary['themes']} themes, {summary['statements']} statements, "
        f"{summary['figures']} figures, {summary['repairs']} repairs, {summary['notes']} notes"
    )
