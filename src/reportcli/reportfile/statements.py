"""Statements: one sentence each, with a ref that is unique in the report, and (in a summary) the
words of the official report it renders."""

from __future__ import annotations

from typing import Any

from reportcli import refs
from reportcli.model import Quote, Statement
from reportcli.reportfile.checks import Checker
from reportcli.reportfile.notes import notes
from reportcli.reportfile.repairs import check_repairs, repairs

OPTIONAL_KEYS = ("original", "repairs", "notes", "official", "renders_nothing")


class Statements:
    """Builds statements and remembers every ref seen, so that a repeated ref is refused."""

    def __init__(self, check: Checker, official_id: str | None = None) -> None:
        self.check = check
        self.official_id = official_id  # the official report quotes must point into (None: no quotes)
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
        if "official" in m and "renders_nothing" in m:
            raise c.fail(path, "has both 'official' and 'renders_nothing'; a statement renders words or none")
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
            official=self.quotes(m["official"], f"{path}.official") if "official" in m else (),
            renders_nothing=c.optional_text(m.get("renders_nothing"), f"{path}.renders_nothing"),
        )

    def quotes(self, raw: Any, path: str) -> tuple[Quote, ...]:
        return tuple(
            self.quote(item, f"{path}[{i}]") for i, item in enumerate(self.check.list(raw, path, nonempty=True))
        )

    def quote(self, raw: Any, path: str) -> Quote:
        """Words of the official report, and the ref of the sentence that holds them."""
        c = self.check
        m = c.mapping(raw, path, ("text", "at"))
        at = c.text(m["at"], f"{path}.at")
        found = refs.parse(at)
        if self.official_id is None:
            raise c.fail(path, "quotes the official report, but the report names none (report.official)")
        canonical = found is not None and found.is_sentence and found.year is None and str(found) == at
        if not (canonical and found and found.head == self.official_id and found.number and found.sentence):
            raise c.fail(f"{path}.at", f"{at!r} is not a sentence of {self.official_id} (e.g. {self.official_id}/68.6)")
        return Quote(c.text(m["text"], f"{path}.text"), at)
