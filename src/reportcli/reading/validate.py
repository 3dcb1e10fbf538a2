"""The ``validate`` command: a report file parsed and checked, never through the cache (this is the check
itself), and what it holds counted."""

from __future__ import annotations

from pathlib import Path

from reportcli.extract.figures import report_figures
from reportcli.model import Result
from reportcli.reportfile import load_report
from reportcli.reportfile.files import shown


def validate(path: Path) -> Result:
    """Parse and check a report file and count its parts (a full report's figures: its targets)."""
    report = load_report(path)
    statements = list(report.statements())
    figures = (*report.figures, *report_figures(report))
    summary = {
        "path": shown(path),
        "status": "ok",
        "themes": len(report.themes),
        "statements": len(statements),
        "figures": len(figures),
        "repairs": sum(len(s.repairs) for s in statements),
        "notes": sum(len(s.notes) for s in statements) + sum(len(f.notes) for f in figures),
    }
    return Result("validate", summary, [summary])
