"""Text formats with no dependency on Rich: json, jsonl, csv, tsv, markdown and plain lines."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import cache
from itertools import repeat
from typing import Any

from reportcli.model import Result
from reportcli.render.escape import cell


def to_json(document: Any, *, compact: bool = False) -> str:
    """The document as ``json.dumps`` writes it with ``ensure_ascii=False`` (compact, or indented by two
    spaces), byte for byte; the indented form by ``_indented``, not by the standard library's encoder."""
    import json

    if compact:
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return _indented(document)


def _indented(document: Any) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2)``, the same text at about twice its speed.

    The standard library encodes in C only when it does not indent; indented, it walks the document
    through a chain of Python generators, a step per value (half the run of a search with thousands of
    hits). Here one recursive function appends the pieces to a list, each string encoded in C by the
    standard library's own function, numbers written as the encoder writes them (``int.__repr__``,
    ``float.__repr__``, NaN and Infinity as it allows them), keys turned to strings as it turns them;
    anything else fails as it fails (TypeError). A property test holds it to ``json.dumps``."""
    from json.encoder import encode_basestring  # the C function the standard encoder uses

    out: list[str] = []
    append = out.append

    def value(item: Any, newline: str, before: str) -> None:
        """Append ``item``, after ``before`` (what precedes it on its line): a string or a scalar is
        one piece with it, as the standard encoder yields them (fewer pieces held until the join)."""
        if isinstance(item, str):
            append(before + encode_basestring(item))
        elif isinstance(item, (list, tuple)):
            if not item:
                append(before + "[]")
                return
            inner = newline + "  "
            between = "," + inner  # one string per list, put between every two members
            append(before + "[")
            for n, member in enumerate(item):
                value(member, inner, between if n else inner)
            append(newline + "]")
        elif isinstance(item, dict):
            if not item:
                append(before + "{}")
                return
            inner = newline + "  "
            between = "," + inner
            append(before + "{")
            for n, (key, member) in enumerate(item.items()):
                value(member, inner, (between if n else inner) + encode_basestring(_key(key)) + ": ")
            append(newline + "}")
        else:
            append(before + _scalar(item))

    value(document, "\n", "")
    return "".join(out)


def _scalar(item: Any) -> str:
    """null, a boolean or a number, as the standard encoder writes it (in its order: a bool is an int)."""
    if item is None:
        return "null"
    if item is True:
        return "true"
    if item is False:
        return "false"
    if isinstance(item, int):
        return int.__repr__(item)
    if isinstance(item, float):
        return _float(item)
    raise TypeError(f"Object of type {type(item).__name__} is not JSON serializable")


def _float(number: float) -> str:
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    return float.__repr__(number)


def _key(key: Any) -> str:
    """A key as ``json.dumps`` makes it a string (or refuses it)."""
    if isinstance(key, str):
        return key
    try:
        return _scalar(key)  # null, a boolean or a number: written as the value would be
    except TypeError:
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}") from None


def render(result: Result, way: str, *, formulas: bool = False, fields: tuple[str, ...] | None = None) -> str:
    """The result as text: json, jsonl, csv, tsv, markdown, or plain tab-separated lines.

    In CSV and TSV, a cell that a spreadsheet would run as a formula (one that begins with =, +, - or
    @ and is not a number) gets a leading ' so that it is shown as text, as OWASP recommends for CSV
    injection; ``formulas`` keeps such cells exactly as the data has them. ``fields``: only those fields
    of each record (in JSON, the records rather than the whole document), as gh's --json does."""
    if fields:
        return _selected(result, way, fields, formulas)
    if way == "json":
        return to_json(result.document) + "\n"
    if way == "jsonl":
        return "".join(to_json(item, compact=True) + "\n" for item in result.items)
    if way == "plain" and result.kind == "validate":
        return validate_sentence(result.document) + "\n"
    if way in ("plain", "markdown") and result.kind in ("citation", "about"):
        from reportcli.render import prose

        markdown = way == "markdown"
        return (
            prose.citations(result.items, markdown, result.fact("style", "plain"))
            if result.kind == "citation"
            else prose.about(result.document, markdown)
        )
    from reportcli.render.columns import columns_for  # only the tabular formats need the columns

    kind, items = records(result, way)
    columns = columns_for(kind, plain=way == "plain")
    headers = [h for h, _ in columns]
    getters = [get for _, get in columns]
    rows = [[cell(get(item)) for get in getters] for item in items]
    if way == "plain" and headers[-1] == "marks":  # the marks field only where there are marks
        rows = [row[:-1] if not row[-1] else row for row in rows]
    if way in ("csv", "tsv") and not formulas:
        rows = _inert_rows(rows)
    return TABULAR[way](headers, rows)


TIDY = ("csv", "tsv", "markdown")  # the formats of one value per cell: long form where records pack several


def records(result: Result, way: str) -> tuple[str, list[dict[str, Any]]]:
    """The kind and the records a format prints: in CSV, TSV and Markdown the long form, where the
    result has one (a row per theme and year rather than a theme with its years in one cell)."""
    long = result.fact("long")
    return (f"{result.kind}-long", long) if long is not None and way in TIDY else (result.kind, result.items)


def _selected(result: Result, way: str, fields: tuple[str, ...], formulas: bool) -> str:
    """The records with just these fields: a column's text where the field is a column, else the value."""
    from reportcli.render.columns import columns_for

    kind, items = records(result, way)
    columns = dict(columns_for(kind))
    if way in ("json", "jsonl"):
        picked = [{f: item.get(f, columns[f](item) if f in columns else None) for f in fields} for item in items]
        if way == "json":
            return to_json(picked) + "\n"
        return "".join(to_json(r, compact=True) + "\n" for r in picked)
    rows = [[cell(_flat(columns[f](item) if f in columns else item.get(f))) for f in fields] for item in items]
    if way in ("csv", "tsv") and not formulas:
        rows = _inert_rows(rows)
    return TABULAR[way if way in TABULAR else "plain"](list(fields), rows)


def _flat(value: Any) -> Any:
    """A field that holds a list or a mapping (translation, notes), in a cell: as compact JSON, never
    Python's repr of it."""
    return to_json(value, compact=True) if isinstance(value, list | dict) else value


_FORMULA_START = ("=", "+", "-", "@")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _inert_rows(rows: list[list[str]]) -> list[list[str]]:
    """``_inert`` of every cell; a row with no cell that begins as a formula would is kept as it is."""
    starts = repeat(_FORMULA_START)
    return [[_inert(v) for v in row] if any(map(str.startswith, row, starts)) else row for row in rows]


def _inert(value: str) -> str:
    """A cell a spreadsheet will not run: ' before a leading =, +, - or @ (numbers such as -3 stay)."""
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


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


@cache
def _md_special() -> re.Pattern[str]:  # compiled only when Markdown is asked for
    return re.compile(r"\\(?=[!-/:-@\[-`{-~])|[|`*_\[<]")


def _md(text: str) -> str:
    """A Markdown table cell that shows ``text`` as it is: no emphasis, link, HTML or column break."""
    return _md_special().sub(lambda m: "&lt;" if m.group() == "<" else "\\" + m.group(), text)


def validate_sentence(summary: dict[str, Any]) -> str:
    return (
        f"ok {cell(summary['path'])}: {summary['themes']} themes, {summary['statements']} statements, "
        f"{summary['figures']} figures, {summary['repairs']} repairs, {summary['notes']} notes"
    )
