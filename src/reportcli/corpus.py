"""The loaded data as every query sees it: sections, statements, figures and the search index.

Queries never walk the loader's nested records themselves: they ask the corpus for the sections
(without their text), for the statements of a section and year, for one statement by its ref, and
for the index. That keeps the queries the same whatever holds the data underneath.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from reportcli.model import GLOSSARY, REVIEW, THEME, Figure, Meta, Report, Section, Statement, Theme, YearCount

if TYPE_CHECKING:
    from reportcli.index import Index  # the index module is loaded only when a query asks for the index


class Corpus:
    def __init__(self, report: Report, index: Callable[[], Index]) -> None:
        self._report = report
        self._index = index

    @property
    def meta(self) -> Meta:
        return self._report.meta

    @property
    def year(self) -> int | None:
        return self._report.year

    @property
    def figures(self) -> tuple[Figure, ...]:
        return self._report.figures

    @cached_property
    def index(self) -> Index:
        """The search index of every searchable statement (built or read from the cache on first use)."""
        return self._index()

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """Every section in document order: the review, the themes, the glossary."""
        report = self._report
        found = []
        if report.review:
            found.append(_plain_section(REVIEW, REVIEW, report.review_title, report.review))
        found.extend(_theme_section(theme) for theme in report.themes)
        if report.glossary:
            found.append(_plain_section(GLOSSARY, GLOSSARY, report.glossary_title, report.glossary))
        return tuple(found)

    @property
    def themes(self) -> list[Section]:
        return [s for s in self.sections if s.kind == THEME]

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    @cached_property
    def order(self) -> dict[str, int]:
        """Section id -> its position in the report, for sorting anything by where it occurs."""
        return {section.id: i for i, section in enumerate(self.sections)}

    def statements(self, section: str | None = None, year: int | None = None) -> list[Statement]:
        """The searchable statements, in document order, of one section and year (or of all)."""
        return [
            s for s in self.units() if (section is None or s.section == section) and (year is None or s.year == year)
        ]

    def units(self) -> list[Statement]:
        """Every searchable statement in document order: unit ``n`` of the index is ``units()[n]``."""
        return self._units

    @cached_property
    def _units(self) -> list[Statement]:
        return list(self._report.statements())

    def statement(self, ref: str) -> Statement:
        return self._report.statement(ref)

    def years(self) -> list[int]:
        """Every year that some part of the report speaks of."""
        years = {y.year for s in self.sections for y in s.years}
        years.update(f.year for f in self.figures)
        return sorted(years)

    def figures_of(self, ref: str) -> Iterator[Figure]:
        """The figures taken from the statement ``ref``."""
        return (f for f in self.figures if f.ref == ref)


def _theme_section(theme: Theme) -> Section:
    return Section(
        id=theme.id,
        kind=THEME,
        title=theme.title,
        group=theme.group,
        heading=theme.heading,
        years=tuple(
            YearCount(
                year=year,
                inferred=year in theme.inferred_years,
                paragraphs=len(paragraphs),
                statements=sum(len(p) for p in paragraphs),
                characters=sum(len(s.text) for p in paragraphs for s in p),
            )
            for year, paragraphs in theme.years.items()
        ),
    )


def _plain_section(section_id: str, kind: str, title: str, statements: tuple[Statement, ...]) -> Section:
    years: dict[int, list[Statement]] = {}
    for statement in statements:
        if statement.year is not None:
            years.setdefault(statement.year, []).append(statement)
    return Section(
        id=section_id,
        kind=kind,
        title=title,
        group="",
        heading=title,
        years=tuple(
            YearCount(year, False, len({s.paragraph for s in items}), len(items), sum(len(s.text) for s in items))
            for year, items in years.items()
        ),
    )
