"""Load a report file into ``model.Report``, checking every node on the way.

Every problem is a ``DataError`` whose message names the file and the path of the bad node,
e.g. ``report.yaml: themes[3].years.2024: expected a list, got a string``.
Unknown keys are rejected (a typo in a key would otherwise silently drop data).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from itertools import chain
from pathlib import Path
from typing import Any

from reportcli import yamlsafe
from reportcli.errors import DataError
from reportcli.files import decode, gc_paused, read_bytes
from reportcli.model import GLOSSARY, REVIEW, Credits, Figure, Meta, Note, Repair, Report, Statement, Theme

SCHEMA_VERSION = 1
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
RESERVED_IDS = {REVIEW, GLOSSARY, "lead"}


def load_report(path: Path, progress: yamlsafe.Progress | None = None) -> Report:
    """Read, parse and check a report file (no cache: see ``cache.load_report``)."""
    return report_from_bytes(read_bytes(path), path, progress)


def report_from_bytes(raw: bytes, path: Path, progress: yamlsafe.Progress | None = None) -> Report:
    with gc_paused():
        document = yamlsafe.parse(decode(raw, path), str(path), progress)
        if progress is not None:
            progress(1.0)
        return build_report(document, str(path))


def _type_name(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"a string ({shown!r})"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    names = {type(None): "nothing (null)", dict: "a mapping", list: "a list"}
    return names.get(type(value), type(value).__name__)


class _Checker:
    """Type checks that raise a DataError naming the file and the node's path."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, path: str, problem: str) -> DataError:
        return DataError(f"{self.name}: {path}: {problem}" if path else f"{self.name}: {problem}")

    def mapping(
        self, value: Any, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[Any, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a mapping, got {_type_name(value)}")
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                raise self.fail(_join(path, key), f"unknown key (expected one of: {', '.join(required + optional)})")
        for key in required:
            if key not in value:
                raise self.fail(path, f"missing key {key!r}")
        return value

    def list(self, value: Any, path: str, *, nonempty: bool = False) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list, got {_type_name(value)}")
        if nonempty and not value:
            raise self.fail(path, "expected a non-empty list")
        return value

    def text(self, value: Any, path: str, *, allow_empty: bool = False) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"expected text, got {_type_name(value)}")
        if not allow_empty and not value.strip():
            raise self.fail(path, "expected text, got an empty string")
        return value

    def optional_text(self, value: Any, path: str) -> str | None:
        return None if value is None else self.text(value, path)

    def number(self, value: Any, path: str) -> int | float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(path, f"expected a number, got {_type_name(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(path, f"expected a finite number, got {value}")
        return value

    def year(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, f"expected a year (a whole number such as 2024), got {_type_name(value)}")
        if not 1900 <= value <= 2200:
            raise self.fail(path, f"year {value} is out of range (1900-2200)")
        return value

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, f"expected true or false, got {_type_name(value)}")
        return value

    def slug(self, value: Any, path: str) -> str:
        text = self.text(value, path)
        if not SLUG.fullmatch(text):
            raise self.fail(path, f"{text!r} is not a valid id (lowercase letters, digits and single hyphens)")
        return text


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


STATEMENT_KEYS = ("original", "repairs", "notes")


class _Builder:
    def __init__(self, name: str) -> None:
        self.check = _Checker(name)
        self.refs: set[str] = set()
        self.theme_ids: set[str] = set()

    def notes(self, raw: Any, path: str) -> tuple[Note, ...]:
        out = []
        for i, item in enumerate(self.check.list(raw, path)):
            p = f"{path}[{i}]"
            m = self.check.mapping(item, p, ("kind", "text"), ("source",))
            out.append(
                Note(
                    kind=self.check.slug(m["kind"], f"{p}.kind"),
                    text=self.check.text(m["text"], f"{p}.text"),
                    source=self.check.text(m.get("source", ""), f"{p}.source", allow_empty=True),
                )
            )
        return tuple(out)

    def repairs(self, raw: Any, path: str) -> tuple[Repair, ...]:
        out = []
        for i, item in enumerate(self.check.list(raw, path, nonempty=True)):
            p = f"{path}[{i}]"
            m = self.check.mapping(item, p, ("kind", "original", "repaired", "reason"))
            out.append(
                Repair(
                    kind=self.check.slug(m["kind"], f"{p}.kind"),
                    original=self.check.text(m["original"], f"{p}.original", allow_empty=True),
                    repaired=self.check.text(m["repaired"], f"{p}.repaired", allow_empty=True),
                    reason=self.check.text(m["reason"], f"{p}.reason"),
                )
            )
        return tuple(out)

    def statement(
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
        optional = STATEMENT_KEYS + ((label_key,) if label_key else ())
        m = self.check.mapping(raw, path, ("ref", "text"), optional)
        ref = self.check.text(m["ref"], f"{path}.ref")
        if not ref.startswith(ref_prefix) or len(ref) == len(ref_prefix) or any(c.isspace() for c in ref):
            raise self.check.fail(f"{path}.ref", f"{ref!r} must start with {ref_prefix!r} followed by a number")
        if ref in self.refs:
            raise self.check.fail(f"{path}.ref", f"duplicate ref {ref!r}")
        self.refs.add(ref)
        text = self.check.text(m["text"], f"{path}.text")
        original = self.check.optional_text(m.get("original"), f"{path}.original")
        repairs = self.repairs(m["repairs"], f"{path}.repairs") if "repairs" in m else ()
        self._check_repairs(path, text, original, repairs)
        label = None
        if label_key:
            label = self.check.optional_text(m.get(label_key), f"{path}.{label_key}")
        return Statement(
            ref=ref,
            section=section,
            year=year,
            paragraph=paragraph,
            text=text,
            original=original,
            repairs=repairs,
            notes=self.notes(m["notes"], f"{path}.notes") if "notes" in m else (),
            label=label,
        )

    def _check_repairs(self, path: str, text: str, original: str | None, repairs: tuple[Repair, ...]) -> None:
        """The text may differ from the source only by the recorded repairs."""
        if original is None:
            if repairs:
                raise self.check.fail(path, "repairs are recorded but the original text is missing")
            return
        if not repairs:
            raise self.check.fail(path, "an original text is given but no repairs are recorded")
        current = original
        for i, repair in enumerate(repairs):
            if repair.original not in current:
                raise self.check.fail(
                    f"{path}.repairs[{i}].original", f"{repair.original!r} does not occur in the original text"
                )
            current = current.replace(repair.original, repair.repaired, 1)
        if current != text:
            raise self.check.fail(f"{path}.text", "differs from the original with its repairs applied")

    def meta(self, raw: Any) -> Meta:
        c = self.check
        m = c.mapping(raw, "report", ("title",), ("event", "date", "source", "lead", "credits"))
        date = m.get("date")
        if isinstance(date, dt.date):
            date = date.isoformat()
        if date is not None:
            date = c.text(date, "report.date")
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                raise c.fail("report.date", f"{date!r} is not a date (YYYY-MM-DD)") from None
        source_title = source_kind = None
        if "source" in m:
            s = c.mapping(m["source"], "report.source", ("title",), ("kind", "file"))
            source_title = c.text(s["title"], "report.source.title")
            source_kind = c.optional_text(s.get("kind"), "report.source.kind")
        lead = None
        if "lead" in m:
            lead = self.statement(m["lead"], "report.lead", section="lead", year=None, paragraph=1, ref_prefix="lead/")
        credits = None
        if "credits" in m:
            cr = c.mapping(m["credits"], "report.credits", ("photos", "editor", "duty_editor"))
            photos = tuple(
                c.text(p, f"report.credits.photos[{i}]")
                for i, p in enumerate(c.list(cr["photos"], "report.credits.photos"))
            )
            credits = Credits(
                photos,
                c.text(cr["editor"], "report.credits.editor"),
                c.text(cr["duty_editor"], "report.credits.duty_editor"),
            )
        return Meta(
            title=c.text(m["title"], "report.title"),
            event=c.optional_text(m.get("event"), "report.event"),
            date=date,
            source_title=source_title,
            source_kind=source_kind,
            lead=lead,
            credits=credits,
        )

    def review(self, raw: Any) -> tuple[str, tuple[Statement, ...]]:
        c = self.check
        m = c.mapping(raw, "review", ("title", "year", "items"))
        year = c.year(m["year"], "review.year")
        items = tuple(
            self.statement(
                item,
                f"review.items[{i}]",
                section=REVIEW,
                year=year,
                paragraph=i + 1,
                ref_prefix=f"{REVIEW}/{year}/",
                label_key="label",
            )
            for i, item in enumerate(c.list(m["items"], "review.items"))
        )
        return c.text(m["title"], "review.title"), items

    def glossary(self, raw: Any) -> tuple[str, tuple[Statement, ...]]:
        c = self.check
        m = c.mapping(raw, "glossary", ("title", "terms"))
        terms = []
        for i, item in enumerate(c.list(m["terms"], "glossary.terms")):
            p = f"glossary.terms[{i}]"
            entry = self.statement(
                item, p, section=GLOSSARY, year=None, paragraph=i + 1, ref_prefix=f"{GLOSSARY}/", label_key="term"
            )
            if entry.label is None:
                raise c.fail(p, "missing key 'term'")
            terms.append(entry)
        return c.text(m["title"], "glossary.title"), tuple(terms)

    def theme(self, raw: Any, path: str) -> Theme:
        c = self.check
        m = c.mapping(raw, path, ("id", "title", "years"), ("group", "heading", "inferred_years"))
        theme_id = c.slug(m["id"], f"{path}.id")
        if theme_id in RESERVED_IDS:
            raise c.fail(f"{path}.id", f"{theme_id!r} is reserved for another section")
        if theme_id in self.theme_ids:
            raise c.fail(f"{path}.id", f"duplicate theme id {theme_id!r}")
        self.theme_ids.add(theme_id)
        title = c.text(m["title"], f"{path}.title")
        years_raw = m["years"]
        if not isinstance(years_raw, dict):
            raise c.fail(f"{path}.years", f"expected a mapping of years, got {_type_name(years_raw)}")
        years: dict[int, tuple[tuple[Statement, ...], ...]] = {}
        for year_raw, paragraphs_raw in years_raw.items():
            year = c.year(year_raw, f"{path}.years.{year_raw}")
            ypath = f"{path}.years.{year}"
            paragraphs = []
            for p_index, paragraph_raw in enumerate(c.list(paragraphs_raw, ypath), start=1):
                ppath = f"{ypath}[{p_index - 1}]"
                paragraphs.append(
                    tuple(
                        self.statement(
                            s_raw,
                            f"{ppath}[{s_index}]",
                            section=theme_id,
                            year=year,
                            paragraph=p_index,
                            ref_prefix=f"{theme_id}/{year}/{p_index}.",
                        )
                        for s_index, s_raw in enumerate(c.list(paragraph_raw, ppath, nonempty=True))
                    )
                )
            years[year] = tuple(paragraphs)
        inferred = frozenset(
            c.year(y, f"{path}.inferred_years[{i}]")
            for i, y in enumerate(c.list(m.get("inferred_years", []), f"{path}.inferred_years"))
        )
        if not inferred <= years.keys():
            missing = ", ".join(str(y) for y in sorted(inferred - years.keys()))
            raise c.fail(f"{path}.inferred_years", f"lists {missing}, which the theme has no text for")
        return Theme(
            id=theme_id,
            title=title,
            group=c.text(m.get("group", ""), f"{path}.group", allow_empty=True),
            heading=c.text(m.get("heading", title), f"{path}.heading"),
            years=dict(sorted(years.items())),
            inferred_years=inferred,
        )

    def figure(self, raw: Any, path: str, statements: dict[str, Statement]) -> Figure:
        c = self.check
        m = c.mapping(
            raw, path, ("id", "value", "unit", "display", "year", "theme", "ref"), ("qualifier", "restored", "notes")
        )
        ref = c.text(m["ref"], f"{path}.ref")
        statement = statements.get(ref)
        if statement is None:
            raise c.fail(f"{path}.ref", f"no statement has the ref {ref!r}")
        figure = Figure(
            id=c.slug(m["id"], f"{path}.id"),
            value=c.number(m["value"], f"{path}.value"),
            unit=c.text(m["unit"], f"{path}.unit"),
            display=c.text(m["display"], f"{path}.display"),
            year=c.year(m["year"], f"{path}.year"),
            theme=c.text(m["theme"], f"{path}.theme"),
            ref=ref,
            qualifier=c.optional_text(m.get("qualifier"), f"{path}.qualifier"),
            restored=c.boolean(m.get("restored", False), f"{path}.restored"),
            notes=self.notes(m["notes"], f"{path}.notes") if "notes" in m else (),
        )
        if figure.theme != statement.section:
            raise c.fail(f"{path}.theme", f"is {figure.theme!r} but {ref} belongs to {statement.section!r}")
        if figure.year != statement.year:
            raise c.fail(f"{path}.year", f"is {figure.year} but {ref} is of {statement.year}")
        if figure.display.casefold() not in statement.text.casefold():
            raise c.fail(f"{path}.display", f"{figure.display!r} does not occur in the text of {ref}")
        return figure


def build_report(document: Any, name: str) -> Report:
    """Check a parsed document and build the report from it."""
    b = _Builder(name)
    c = b.check
    top = c.mapping(document, "", ("schema", "report", "themes"), ("review", "glossary", "figures"))
    schema = top["schema"]
    if schema != SCHEMA_VERSION or isinstance(schema, bool):
        raise c.fail("schema", f"unsupported schema version {schema!r} (reportcli reads version {SCHEMA_VERSION})")
    meta = b.meta(top["report"])
    review_title, review = b.review(top["review"]) if "review" in top else ("Review", ())
    themes = [b.theme(raw, f"themes[{i}]") for i, raw in enumerate(c.list(top["themes"], "themes"))]
    glossary_title, glossary = b.glossary(top["glossary"]) if "glossary" in top else ("Glossary", ())
    statements = {s.ref: s for s in chain(review, *(t.statements() for t in themes), glossary)}
    figures = []
    figure_ids: set[str] = set()
    for i, raw in enumerate(c.list(top.get("figures", []), "figures")):
        figure = b.figure(raw, f"figures[{i}]", statements)
        if figure.id in figure_ids:
            raise c.fail(f"figures[{i}].id", f"duplicate figure id {figure.id!r}")
        figure_ids.add(figure.id)
        figures.append(figure)
    return Report(
        meta=meta,
        review_title=review_title,
        review=review,
        themes=tuple(themes),
        glossary_title=glossary_title,
        glossary=glossary,
        figures=tuple(figures),
    )
