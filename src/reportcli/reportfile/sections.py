"""The summary's parts, in reading order: the lead, the review's headline items, the themes by year,
the glossary of hot words, the credits."""

from __future__ import annotations

from typing import Any

from reportcli.model import CREDITS, GLOSSARY, LEAD, REVIEW, THEME, Heading, Part, Statement
from reportcli.reportfile.checks import type_name
from reportcli.reportfile.statements import Statements

RESERVED_IDS = {REVIEW, GLOSSARY, LEAD, CREDITS}


def lead(statements: Statements, raw: Any) -> Part:
    item = statements.build(raw, "report.lead", section=LEAD, year=None, paragraph=1, ref_prefix=f"{LEAD}/")
    return Part(LEAD, LEAD, "Lead", "", "Lead", {None: ((item,),)})


def review(statements: Statements, raw: Any) -> Part:
    c = statements.check
    m = c.mapping(raw, "review", ("title", "year", "items"))
    year = c.year(m["year"], "review.year")
    items = tuple(
        statements.build(
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
    title = c.text(m["title"], "review.title")
    return Part(REVIEW, REVIEW, title, "", title, {year: tuple((item,) for item in items)} if items else {})


def glossary(statements: Statements, raw: Any) -> Part:
    c = statements.check
    m = c.mapping(raw, "glossary", ("title", "terms"))
    terms = []
    for i, item in enumerate(c.list(m["terms"], "glossary.terms")):
        p = f"glossary.terms[{i}]"
        entry = statements.build(
            item, p, section=GLOSSARY, year=None, paragraph=i + 1, ref_prefix=f"{GLOSSARY}/", label_key="term"
        )
        if entry.label is None:
            raise c.fail(p, "missing key 'term'")
        terms.append(entry)
    title = c.text(m["title"], "glossary.title")
    return Part(GLOSSARY, GLOSSARY, title, "", title, {None: tuple((t,) for t in terms)} if terms else {})


def credits(statements: Statements, raw: Any) -> Part:
    """The credits: a list of lines as printed (``{ref, label, text}``), or the older mapping of photos,
    editor and duty editor, which is shown as three such lines."""
    c = statements.check
    path = "report.credits"
    if isinstance(raw, dict):
        m = c.mapping(raw, path, ("photos", "editor", "duty_editor"))
        photos = [c.text(p, f"{path}.photos[{i}]") for i, p in enumerate(c.list(m["photos"], f"{path}.photos"))]
        lines = [
            {"ref": "credits/1", "label": "photos", "text": ", ".join(photos)},
            {"ref": "credits/2", "label": "editor", "text": f"*Editor: {c.text(m['editor'], f'{path}.editor')}."},
            {"ref": "credits/3", "label": "duty_editor", "text": f"Duty Editor: {c.text(m['duty_editor'], path)}."},
        ]
    else:
        lines = c.list(raw, path)
    items = tuple(
        statements.build(
            line,
            f"{path}[{i}]",
            section=CREDITS,
            year=None,
            paragraph=i + 1,
            ref_prefix=f"{CREDITS}/",
            label_key="label",
        )
        for i, line in enumerate(lines)
    )
    return Part(CREDITS, CREDITS, "Credits", "", "Credits", {None: tuple((item,) for item in items)} if items else {})


class Themes:
    """Builds themes and remembers their ids, so that a repeated id is refused."""

    def __init__(self, statements: Statements, heading: Heading | None) -> None:
        self.statements = statements
        self.heading = heading  # the heading the themes stand under, unless a theme names its own group
        self.ids: set[str] = set()
        self.aliases: dict[str, str] = {}  # alias (casefolded) -> the theme it names

    def build(self, raw: Any, path: str) -> Part:
        c = self.statements.check
        m = c.mapping(raw, path, ("id", "title", "years"), ("group", "heading", "inferred_years", "aliases"))
        theme_id = c.slug(m["id"], f"{path}.id")
        if theme_id in RESERVED_IDS:
            raise c.fail(f"{path}.id", f"{theme_id!r} is reserved for another section")
        if theme_id in self.ids:
            raise c.fail(f"{path}.id", f"duplicate theme id {theme_id!r}")
        self.ids.add(theme_id)
        title = c.text(m["title"], f"{path}.title")
        years = self._years(theme_id, m["years"], f"{path}.years")
        inferred = frozenset(
            c.year(y, f"{path}.inferred_years[{i}]")
            for i, y in enumerate(c.list(m.get("inferred_years", []), f"{path}.inferred_years"))
        )
        if not inferred <= years.keys():
            missing = ", ".join(str(y) for y in sorted(inferred - years.keys()))
            raise c.fail(f"{path}.inferred_years", f"lists {missing}, which the theme has no text for")
        group = m.get("group", self.heading.text if self.heading else "")
        aliases = tuple(
            c.text(a, f"{path}.aliases[{i}]") for i, a in enumerate(c.list(m.get("aliases", []), f"{path}.aliases"))
        )
        for alias in aliases:
            if alias.casefold() in self.aliases and self.aliases[alias.casefold()] != theme_id:
                raise c.fail(f"{path}.aliases", f"{alias!r} is also an alias of {self.aliases[alias.casefold()]!r}")
            self.aliases[alias.casefold()] = theme_id
        return Part(
            id=theme_id,
            kind=THEME,
            title=title,
            group=c.text(group, f"{path}.group", allow_empty=True),
            heading=c.text(m.get("heading", title), f"{path}.heading"),
            years=dict(sorted(years.items())),
            inferred_years=inferred,
            aliases=aliases,
        )

    def _years(self, theme_id: str, raw: Any, path: str) -> dict[int | None, tuple[tuple[Statement, ...], ...]]:
        c = self.statements.check
        if not isinstance(raw, dict):
            raise c.fail(path, f"expected a mapping of years, got {type_name(raw)}")
        years: dict[int | None, tuple[tuple[Statement, ...], ...]] = {}
        for year_raw, paragraphs_raw in raw.items():
            year = c.year(year_raw, f"{path}.{year_raw}")
            ypath = f"{path}.{year}"
            years[year] = tuple(
                tuple(
                    self.statements.build(
                        s_raw,
                        f"{ypath}[{p_index - 1}][{s_index}]",
                        section=theme_id,
                        year=year,
                        paragraph=p_index,
                        ref_prefix=f"{theme_id}/{year}/{p_index}.",
                    )
                    for s_index, s_raw in enumerate(c.list(paragraph_raw, f"{ypath}[{p_index - 1}]", nonempty=True))
                )
                for p_index, paragraph_raw in enumerate(c.list(paragraphs_raw, ypath), start=1)
            )
        return years
