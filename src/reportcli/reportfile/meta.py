"""Report metadata: what the report is (id, kind, language, title, event, date), where it came from,
what it covers and leaves out, its licence, and the official report it renders (for a summary)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from reportcli.language import EN, LANGUAGES
from reportcli.model import Heading, Meta, OfficialSource, SourceFile
from reportcli.reportfile.checks import Checker
from reportcli.reportfile.notes import notes

# What a full report's metadata adds (importer.metadata fills it): the texts a citation needs, and its
# dates, kind and sources.
FULL_KEYS = (
    "date_until",
    "speaker_zh",
    "speaker_pinyin",
    "role_zh",
    "role_en",
    "session_zh",
    "session_en",
    "report_kind",
    "five_year_plan",
    "approved",
    "translation",
    "copies",
    "sources",
)
CITATION_TEXTS = tuple(k for k in FULL_KEYS if k not in ("date_until", "report_kind", "approved", "sources"))
META_KEYS = (
    "id",
    "kind",
    "language",
    "event",
    "date",
    "source",
    "lead",
    "credits",
    "themes_heading",
    "coverage",
    "omits",
    "licence",
    "publisher",
    "official",
    "year",
    "speaker",
    "role",
    "completeness",
    "caveats",
    *FULL_KEYS,
)
KINDS = ("summary", "full")
REPORT_KINDS = ("government-work-report", "plan-report", "budget-report", "five-year-plan-report", "abstract")
COMPLETENESS = ("complete", "partial", "abstract", "incomplete")
SOURCE_FILE_KEYS = ("file", "format", "record", "sha256")
REPORT_ID = re.compile(r"[0-9a-z]+(?:-[0-9a-z]+)*")


def meta(c: Checker, m: dict[str, Any]) -> Meta:
    """The metadata of the mapping under ``report`` (its lead and credits are parts: see ``sections``)."""
    kind = c.text(m.get("kind", "summary"), "report.kind")
    if kind not in KINDS:
        raise c.fail("report.kind", f"{kind!r} is not a kind of report (one of: {', '.join(KINDS)})")
    language = c.text(m.get("language", EN), "report.language")
    if language not in LANGUAGES:
        raise c.fail("report.language", f"{language!r} is not a language reportcli reads ({', '.join(LANGUAGES)})")
    report_id = c.text(m.get("id", "report"), "report.id")
    if not REPORT_ID.fullmatch(report_id):
        raise c.fail("report.id", f"{report_id!r} is not a valid id (lowercase letters, digits and hyphens)")
    completeness = c.text(m.get("completeness", "complete"), "report.completeness")
    if completeness not in COMPLETENESS:
        raise c.fail("report.completeness", f"{completeness!r} is not one of: {', '.join(COMPLETENESS)}")
    full = kind == "full"
    if full and "year" not in m:
        raise c.fail("report", "missing key 'year' (a full report says its year)")
    return Meta(
        title=c.text(m["title"], "report.title"),
        event=c.optional_text(m.get("event"), "report.event"),
        date=_date(c, m.get("date")),
        **({"source_title": None, "source_kind": None} if full else _source(c, m)),
        id=report_id,
        kind=kind,
        language=language,
        themes_heading=_heading(c, m["themes_heading"], "report.themes_heading") if "themes_heading" in m else None,
        coverage=c.optional_text(m.get("coverage"), "report.coverage"),
        omits=c.optional_text(m.get("omits"), "report.omits"),
        licence=c.optional_text(m.get("licence"), "report.licence"),
        publisher=c.optional_text(m.get("publisher"), "report.publisher"),
        official=_official(c, m["official"]) if "official" in m else None,
        year=c.year(m["year"], "report.year") if "year" in m else None,
        speaker=c.optional_text(m.get("speaker"), "report.speaker"),
        role=c.optional_text(m.get("role"), "report.role"),
        source=_source_file(c, m.get("source")) if full else None,
        completeness=completeness,
        caveats=notes(c, m["caveats"], "report.caveats") if "caveats" in m else (),
        **_citation(c, m),
    )


def _citation(c: Checker, m: dict[str, Any]) -> dict[str, Any]:
    """What a full report's metadata says for a citation (``reportcli import`` writes it), checked."""
    found: dict[str, Any] = {key: c.optional_text(m.get(key), f"report.{key}") for key in CITATION_TEXTS}
    found["date_until"] = _date(c, m.get("date_until"), "report.date_until")
    found["approved"] = _date(c, m.get("approved"), "report.approved")
    kind = c.optional_text(m.get("report_kind"), "report.report_kind")
    if kind is not None and kind not in REPORT_KINDS:
        raise c.fail("report.report_kind", f"{kind!r} is not one of: {', '.join(REPORT_KINDS)}")
    found["report_kind"] = kind
    sources = m.get("sources", {})
    if not isinstance(sources, dict) or not all(isinstance(k, str) for k in sources):
        raise c.fail("report.sources", "expected a mapping of a field to where its value comes from")
    found["sources"] = tuple((key, c.text(value, f"report.sources.{key}")) for key, value in sources.items())
    return found


def _source_file(c: Checker, raw: Any) -> SourceFile:
    """The file a full report was imported from (as ``reportcli import`` records it)."""
    path = "report.source"
    if raw is None:
        raise c.fail("report", "missing key 'source' (the file the report was imported from)")
    m = c.mapping(raw, path, SOURCE_FILE_KEYS, ("url", "origin"))
    record = m["record"]
    if isinstance(record, bool) or not isinstance(record, int) or record < 1:
        raise c.fail(f"{path}.record", "expected a line number (1 or more)")
    sha256 = c.text(m["sha256"], f"{path}.sha256")
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise c.fail(f"{path}.sha256", "expected 64 hexadecimal digits")
    return SourceFile(
        file=c.text(m["file"], f"{path}.file"),
        format=c.slug(m["format"], f"{path}.format"),
        record=record,
        sha256=sha256,
        url=c.optional_text(m.get("url"), f"{path}.url"),
        origin=c.optional_text(m.get("origin"), f"{path}.origin"),
    )


def _date(c: Checker, raw: Any, path: str = "report.date") -> str | None:
    if raw is None:
        return None
    date = raw.isoformat() if isinstance(raw, dt.date) else c.text(raw, path)
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise c.fail(path, f"{date!r} is not a date (YYYY-MM-DD)") from None
    return date


def _source(c: Checker, m: dict[str, Any]) -> dict[str, str | None]:
    if "source" not in m:
        return {"source_title": None, "source_kind": None}
    s = c.mapping(m["source"], "report.source", ("title",), ("kind", "file"))
    return {
        "source_title": c.text(s["title"], "report.source.title"),
        "source_kind": c.optional_text(s.get("kind"), "report.source.kind"),
    }


def _heading(c: Checker, raw: Any, path: str) -> Heading:
    m = c.mapping(raw, path, ("text",), ("original", "note"))
    note = notes(c, [m["note"]], f"{path}.note")[0] if "note" in m else None
    original = c.optional_text(m.get("original"), f"{path}.original")
    if (original is None) != (note is None):
        raise c.fail(path, "a heading given in place of the source's needs both 'original' and 'note'")
    return Heading(c.text(m["text"], f"{path}.text"), original, note)


def _official(c: Checker, raw: Any) -> OfficialSource:
    path = "report.official"
    m = c.mapping(raw, path, ("id", "title", "source", "url", "parts"))
    report_id = c.text(m["id"], f"{path}.id")
    if not REPORT_ID.fullmatch(report_id):
        raise c.fail(f"{path}.id", f"{report_id!r} is not a valid report id")
    parts = []
    for i, item in enumerate(c.list(m["parts"], f"{path}.parts")):
        numbers = c.list(item, f"{path}.parts[{i}]")
        if len(numbers) != 3 or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in numbers):
            raise c.fail(f"{path}.parts[{i}]", "expected [part, sub-part or 0, first paragraph]")
        parts.append((numbers[0], numbers[1], numbers[2]))
    return OfficialSource(
        id=report_id,
        title=c.text(m["title"], f"{path}.title"),
        source=c.text(m["source"], f"{path}.source"),
        url=c.text(m["url"], f"{path}.url"),
        parts=tuple(parts),
    )
