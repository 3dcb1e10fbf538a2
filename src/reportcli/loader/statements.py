"""Statements: one sentence each, with a ref that is unique in the report."""

from __future__ import annotations

from typing import Any

from reportcli.loader.checks import Checker
from reportcli.loader.notes import notes
from reportcli.loader.repairs import check_repairs, repairs
from reportcli.model import Statement

OPTIONAL_KEYS = ("original", "repairs", "notes")


class Statements:
    """Builds statements and remembers every ref seen, so that a repeated ref is refused."""

    def __init__(self, check: Checker) -> None:
        self.check = check
        self.refs: set[str] = set()

    def build(
        self,
        raw: Any,
        path: str,
        *,
        section: str,
        year: int | None,
        paragraph: int,
        ref_prefix: str,
        label_key: str | None = None,
    ) -> Statement:
        c = self.check
        m = c.mapping(raw, path, ("ref", "text"), OPTIONAL_KEYS + ((label_key,) if label_key else ()))
        ref = c.text(m["ref"], f"{path}.ref")
        if not ref.startswith(ref_prefix) or len(ref) == len(ref_prefix) or any(ch.isspace() for ch in ref):
            raise c.fail(f"{path}.ref", f"{ref!r} must start with {ref_prefix!r} followed by a number")
        if ref in self.refs:
            raise c.fail(f"{path}.ref", f"duplicate ref {ref!r}")
        self.refs.add(ref)
        text = c.text(m["text"], f"{path}.text")
        original = c.optional_text(m.get("original"), f"{path}.original")
        found_repairs = repairs(c, m["repairs"], f"{path}.repairs") if "repairs" in m else ()
        check_repairs(c, path, text, original, found_repairs)
        return Statement(
            ref=ref,
            section=section,
            year=year,
            paragraph=paragraph,
            text=text,
            original=original,
            repairs=found_repairs,
            notes=notes(c, m["notes"], f"{path}.notes") if "notes" in m else (),
            label=c.optional_text(m.get(label_key), f"{path}.{label_key}") if label_key else None,
        )
