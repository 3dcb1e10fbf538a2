"""The report as plain, immutable data. Built by ``loader`` (or read back from ``cache``); read by every query.

The records are NamedTuples: as cheap to build as tuples, which matters when a cached report of
100,000 statements is turned back into objects on every run.

(No ``from __future__ import annotations`` here: with it, each field of a NamedTuple is a string that
typing compiles into a ForwardRef when the class is made, which doubles what defining the records
costs every run.)
"""

from collections.abc import Iterator
from typing import Any, NamedTuple

REVIEW = "review"  # section id of the "Review of work in 2023" headline items
GLOSSARY = "glossary"  # section id of the "Public welfare hot words"
LEAD = "lead"  # section id of the lead paragraph
THEME = "theme"  # the kind of a section that is one of the report's themes


class Note(NamedTuple):
    """A remark on a statement or figure, e.g. a discrepancy with the official report."""

    kind: str
    text: str
    source: str


class Repair(NamedTuple):
    """One repair of a source defect: ``original`` in the source became ``repaired``."""

    kind: str
    original: str
    repaired: str
    reason: str


class Statement(NamedTuple):
    """One sentence of the source, as printed (``text``) and as received (``original``)."""

    ref: str
    section: str  # a theme id, REVIEW, GLOSSARY or "lead"
    year: int | None  # None for the glossary and the lead
    paragraph: int
    text: str
    original: str | None = None  # set only when repairs changed the text
    repairs: tuple[Repair, ...] = ()
    notes: tuple[Note, ...] = ()
    label: str | None = None  # headline label (review) or term (glossary)

    @property
    def source_text(self) -> str:
        """The statement exactly as the source has it."""
        return self.original if self.original is not None else self.text


class Theme(NamedTuple):
    id: str
    title: str
    group: str
    heading: str  # the heading as the source prints it
    years: dict[int, tuple[tuple[Statement, ...], ...]]  # year -> paragraphs -> statements
    inferred_years: frozenset[int] = frozenset()

    def statements(self, year: int | None = None) -> Iterator[Statement]:
        for y, paragraphs in self.years.items():
            if year is None or y == year:
                for paragraph in paragraphs:
                    yield from paragraph


class Figure(NamedTuple):
    id: str
    value: int | float
    unit: str
    display: str
    year: int
    theme: str
    ref: str
    qualifier: str | None = None
    restored: bool = False
    notes: tuple[Note, ...] = ()


class Credits(NamedTuple):
    photos: tuple[str, ...]
    editor: str
    duty_editor: str


class Meta(NamedTuple):
    title: str
    event: str | None = None
    date: str | None = None  # ISO 8601, e.g. 2024-03-05
    source_title: str | None = None
    source_kind: str | None = None
    lead: Statement | None = None
    credits: Credits | None = None


class YearCount(NamedTuple):
    """How much text a section has for one year."""

    year: int
    inferred: bool  # the source prints no year for this part: it is taken to be the plan
    paragraphs: int
    statements: int
    characters: int


class Section(NamedTuple):
    """A part of a report, without its text: a theme, the review, the glossary or the lead."""

    id: str
    kind: str  # THEME, REVIEW, GLOSSARY or LEAD
    title: str
    group: str
    heading: str
    years: tuple[YearCount, ...]

    @property
    def year_list(self) -> list[int]:
        return [y.year for y in self.years]

    @property
    def inferred_years(self) -> list[int]:
        return [y.year for y in self.years if y.inferred]


class Result(NamedTuple):
    """What a query answers, as plain data, for the output layer to render in any format.

    ``kind`` names the shape (themes, statements, figures, hits, ...); ``document`` is what --json
    prints; ``items`` are the records of the flat formats (csv, tsv, markdown, plain lines, jsonl);
    ``facts`` are what a table shows beyond the records (labels, top terms, totals), worked out by the
    query, never by the renderer; ``empty`` is set when nothing was found: the message for stderr.
    """

    kind: str
    document: Any
    items: list[dict[str, Any]]
    facts: dict[str, Any] | None = None
    empty: str | None = None

    def fact(self, name: str, default: Any = None) -> Any:
        return (self.facts or {}).get(name, default)


class Report:
    """The whole report: metadata, the review's headline items, themes, glossary, figures."""

    __slots__ = ("_by_ref", "figures", "glossary", "glossary_title", "meta", "review", "review_title", "themes")

    def __init__(
        self,
        meta: Meta,
        review_title: str,
        review: tuple[Statement, ...],
        themes: tuple[Theme, ...],
        glossary_title: str,
        glossary: tuple[Statement, ...],
        figures: tuple[Figure, ...],
    ) -> None:
        self.meta = meta
        self.review_title = review_title
        self.review = review  # headline items, each with its label
        self.themes = themes
        self.glossary_title = glossary_title
        self.glossary = glossary  # terms: label is the term, text its definition
        self.figures = figures
        self._by_ref: dict[str, Statement] = {}

    def statements(self) -> Iterator[Statement]:
        """Every statement in document order: review, themes, glossary."""
        yield from self.review
        for theme in self.themes:
            yield from theme.statements()
        yield from self.glossary

    @property
    def year(self) -> int | None:
        """The year the report was delivered, from its date."""
        return int(self.meta.date[:4]) if self.meta.date else None

    def statement(self, ref: str) -> Statement:
        if not self._by_ref:
            self._by_ref.update((s.ref, s) for s in self.statements())
        return self._by_ref[ref]

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)
