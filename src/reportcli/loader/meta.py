"""Report metadata: title, event, date, source, the lead paragraph and the credits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportcli.loader.statements import Statements
from reportcli.model import LEAD, Credits, Meta


def meta(statements: Statements, raw: Any) -> Meta:
    c = statements.check
    m = c.mapping(raw, "report", ("title",), ("event", "date", "source", "lead", "credits"))
    return Meta(
        title=c.text(m["title"], "report.title"),
        event=c.optional_text(m.get("event"), "report.event"),
        date=_date(statements, m.get("date")),
        **_source(statements, m),
        lead=(
            statements.build(m["lead"], "report.lead", section=LEAD, year=None, paragraph=1, ref_prefix=f"{LEAD}/")
            if "lead" in m
            else None
        ),
        credits=_credits(statements, m["credits"]) if "credits" in m else None,
    )


def _date(statements: Statements, raw: Any) -> str | None:
    c = statements.check
    if raw is None:
        return None
    date = raw.isoformat() if isinstance(raw, dt.date) else c.text(raw, "report.date")
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise c.fail("report.date", f"{date!r} is not a date (YYYY-MM-DD)") from None
    return date


def _source(statements: Statements, m: dict[str, Any]) -> dict[str, str | None]:
    c = statements.check
    if "source" not in m:
        return {"source_title": None, "source_kind": None}
    s = c.mapping(m["source"], "report.source", ("title",), ("kind", "file"))
    return {
        "source_title": c.text(s["title"], "report.source.title"),
        "source_kind": c.optional_text(s.get("kind"), "report.source.kind"),
    }


def _credits(statements: Statements, raw: Any) -> Credits:
    c = statements.check
    cr = c.mapping(raw, "report.credits", ("photos", "editor", "duty_editor"))
    photos = tuple(
        c.text(p, f"report.credits.photos[{i}]") for i, p in enumerate(c.list(cr["photos"], "report.credits.photos"))
    )
    return Credits(
        photos, c.text(cr["editor"], "report.credits.editor"), c.text(cr["duty_editor"], "report.credits.duty_editor")
    )
