"""Load a report file into ``model.Report``, checking every node on the way.

Every problem is a ``DataError`` whose message names the file and the path of the bad node,
e.g. ``report.yaml: themes[3].years.2024: expected a list, got a string``.
Unknown keys are rejected (a typo in a key would otherwise silently drop data).

One module per part of the schema: ``meta`` (report metadata), ``sections`` (lead, review, themes,
glossary, credits), ``statements`` (with their official quotes), ``repairs``, ``notes`` and
``figures``; ``checks`` holds the type checks they share.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportcli import yamlsafe
from reportcli.files import decode, gc_paused, read_bytes, shown
from reportcli.loader import sections
from reportcli.loader.checks import Checker
from reportcli.loader.figures import figures
from reportcli.loader.meta import META_KEYS, meta
from reportcli.loader.statements import Statements
from reportcli.model import Part, Report, Result

SCHEMA_VERSION = 1


def load_report(path: Path, progress: yamlsafe.Progress | None = None) -> Report:
    """Read, parse and check a report file (no cache: see ``dataset``)."""
    return report_from_bytes(read_bytes(path), path, progress)


def report_from_bytes(raw: bytes, path: Path, progress: yamlsafe.Progress | None = None) -> Report:
    with gc_paused():
        document = yamlsafe.parse(decode(raw, path), shown(path), progress)
        return build_report(document, shown(path))


def build_report(document: Any, name: str) -> Report:
    """Check a parsed document and build the report from it."""
    c = Checker(name)
    top = c.mapping(document, "", ("schema", "report", "themes"), ("review", "glossary", "figures"))
    schema = top["schema"]
    if schema != SCHEMA_VERSION or isinstance(schema, bool):
        raise c.fail("schema", f"unsupported schema version {schema!r} (reportcli reads version {SCHEMA_VERSION})")
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
    by_ref = {s.ref: s for part in parts for s in part.statements()}
    return Report(report_meta, tuple(parts), figures(statements, top.get("figures", []), by_ref))


def validate(path: Path) -> Result:
    """Parse and check a report file (never through the cache: this is the check itself) and count its parts."""
    report = load_report(path)
    statements = list(report.statements())
    summary = {
        "path": shown(path),
        "status": "ok",
        "themes": len(report.themes),
        "statements": len(statements),
        "figures": len(report.figures),
        "repairs": sum(len(s.repairs) for s in statements),
        "notes": sum(len(s.notes) for s in statements) + sum(len(f.notes) for f in report.figures),
    }
    return Result("validate", summary, [summary])
