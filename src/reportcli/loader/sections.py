"""The summary's sections: the review's headline items, the themes by year, the glossary of hot words."""

from __future__ import annotations

from typing import Any

from reportcli.loader.checks import type_name
from reportcli.loader.statements import Statements
from reportcli.model import GLOSSARY, LEAD, REVIEW, Statement, Theme

RESERVED_IDS = {REVIEW, GLOSSARY, LEAD}


def review(statements: Statements, raw: Any) -> tuple[str, tuple[Statement, ...]]:
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
    return c.text(m["title"], "review.title"), items


def glossary(statements: Statements, raw: Any) -> tuple[str, tuple[Statement, ...]]:
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
    return c.text(m["title"], "glossary.title"), tuple(terms)


class Themes:
    """Builds themes and remembers their ids, so that a repeated id is refused."""

    def __init__(self, statements: Statements) -> None:
        self.statements = statements
        self.ids: set[str] = set()

    def build(self, raw: Any, path: str) -> Theme:
        c = self.statements.check
        m = c.mapping(raw, path, ("id", "title", "years"), ("group", "heading", "inferred_years"))
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
        return Theme(
            id=theme_id,
            title=title,
            group=c.text(m.get("group", ""), f"{path}.group", allow_empty=True),
            heading=c.text(m.get("heading", title), f"{path}.heading"),
            years=dict(sorted(years.items())),
            inferred_years=inferred,
        )

    def _years(self, theme_id: str, raw: Any, path: str) -> dict[int, tuple[tuple[Statement, ...], ...]]:
        c = self.statements.check
        if not isinstance(raw, dict):
            raise c.fail(path, f"expected a mapping of years, got {type_name(raw)}")
        years: dict[int, tuple[tuple[Statement, ...], ...]] = {}
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
