"""Load a report file into ``model.Report``, checking every node on the way.

Every problem is a ``DataError`` whose message names the file and the path of the bad node,
e.g. ``report.yaml: themes[3].years.2024: expected a list, got a string``.
Unknown keys are rejected (a typo in a key would otherwise silently drop data).

One module per part of the schema: ``meta`` (report metadata), ``sections`` (lead, review, themes,
glossary, credits), ``statements`` (with their official quotes), ``repairs``, ``notes`` and
``figures``; ``full`` builds the other kind of report, a full text as ``reportcli import`` writes it;
``checks`` holds the type checks they share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from reportcli.errors import DataError
from reportcli.model import FULL, Part, Report
from reportcli.reportfile import full, sections
from reportcli.reportfile.checks import Checker
from reportcli.reportfile.figures import figures
from reportcli.reportfile.files import decode, gc_paused, read_bytes, shown
from reportcli.reportfile.meta import META_KEYS, meta
from reportcli.reportfile.statements import Statements

SCHEMA_VERSION = 1


Progress = Callable[[float], None]  # the fraction of the file parsed (yamlsafe.Progress)


def load_report(path: Path, progress: Progress | None = None) -> Report:
    """Read, parse and check a report file (no cache: see ``dataset``)."""
    return report_from_bytes(read_bytes(path), path, progress)


def report_from_bytes(raw: bytes, path: Path, progress: Progress | None = None) -> Report:
    from reportcli.reportfile import yamlsafe  # YAML only to read a file: a run from the cache never pays for it

    with gc_paused():
        document = yamlsafe.parse(decode(raw, path), shown(path), progress)
        return build_report(document, shown(path))


def build_report(document: Any, name: str) -> Report:
    """Check a parsed document and build the report from it: a summary, or a full report."""
    c = Checker(name)
    if (
        isinstance(document, dict)
        and isinstance(document.get("report"), dict)
        and document["report"].get("kind") == FULL
    ):
        return _full_report(c, document)
    top = c.mapping(document, "", ("schema", "report", "themes"), ("review", "glossary", "figures"))
    _check_schema(c, top["schema"])
    m = c.mapping(top["report"], "report", ("title",), META_KEYS)
    report_meta = meta(c, m)
    statements = Statements(c, report_meta.official.id if report_meta.official else None)
    parts: list[Part] = []
    if "lead" in m:
        parts.append(sections.lead(statements, m["lead"]))
    if "review" in top:
        parts.append(sections.review(statements, top["review"]))
    themes = sections.Themes(statements, report_meta.themes_heading)
    parts += [themes.build(raw, f"themes[{i}]") for i, raw in enumerate(c.list(top["themes"], "themes"))]
    if "glossary" in top:
        parts.append(sections.glossary(statements, top["glossary"]))
    if "credits" in m:
        parts.append(sections.credits(statements, m["credits"]))
    parts = [part._replace(report=report_meta.id) for part in parts]
    by_ref = {s.ref: s for part in parts for s in part.statements()}
    return Report(report_meta, tuple(parts), figures(statements, top.get("figures", []), by_ref))


def distinct_names(report: Report) -> list[tuple[str, str]]:
    """What must be unique among reports read together, as (what, name) pairs: the report's id, its
    section ids, the refs of a report that is not a full one (a full report's refs all begin with its
    own id), the ids of the figures its file gives."""
    keys = [("report id", report.meta.id)]
    keys += [("section id", part.id) for part in report.parts]
    if report.meta.kind != FULL:
        keys += [("ref", s.ref) for s in report.statements()]
    keys += [("figure id", f.id) for f in report.figures]
    return keys


class Distinct:
    """Reports read together, checked one by one as they come: refused, naming both files, if two share
    an id, a section id, a ref or a figure id (a ref must name one statement in all that is loaded)."""

    def __init__(self) -> None:
        self.owners: dict[tuple[str, str], str] = {}

    def check(self, report: Report, name: str) -> Report:
        self.check_names(distinct_names(report), name)
        return report

    def check_names(self, keys: Iterable[tuple[str, str]], name: str) -> None:
        """The same check, of what a file's report holds as ``distinct_names`` lists it (kept in its
        database, say): (what, name) pairs."""
        for key in keys:
            if (other := self.owners.setdefault(key, name)) != name:
                raise DataError(f"{name}: {key[0]} {key[1]!r} is also in {other}; a corpus needs them unique")


def _check_schema(c: Checker, schema: Any) -> None:
    if schema != SCHEMA_VERSION or isinstance(schema, bool):
        raise c.fail("schema", f"unsupported schema version {schema!r} (reportcli reads version {SCHEMA_VERSION})")


def _full_report(c: Checker, document: dict[str, Any]) -> Report:
    top = c.mapping(document, "", ("schema", "report", "paragraphs"), ("parts", "cleaning", "notes", "translation"))
    _check_schema(c, top["schema"])
    m = c.mapping(top["report"], "report", ("title",), META_KEYS)
    report_meta = meta(c, m)._replace(removed=full.removed(c, top.get("cleaning", [])))
    text = full.paragraphs(c, top["paragraphs"])
    starts = full.part_starts(c, top.get("parts", []), len(text))
    assert report_meta.year is not None  # meta() requires it of a full report
    noted = full.sentence_notes(c, top.get("notes", []), text)
    linked = full.translation(c, top["translation"], text) if "translation" in top else {}
    parts = full.parts(report_meta.id, report_meta.year, report_meta.language, text, starts, noted, linked)
    return Report(report_meta, tuple(parts), ())  # its targets are read off it when it is built (db.store)
