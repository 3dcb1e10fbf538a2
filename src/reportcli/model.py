"""The report as plain, immutable data. Built by ``loader``; read by every query."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

REVIEW = "review"  # section id of the "Review of work in 2023" headline items
GLOSSARY = "glossary"  # section id of the "Public welfare hot words"


@dataclass(frozen=True, slots=True)
class Note:
    """A remark on a statement or figure, e.g. a discrepancy with the official report."""

    kind: str
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class Repair:
    """One repair of a source defect: ``original`` in the source became ``repaired``."""

    kind: str
    original: str
    repaired: str
    reason: str


@dataclass(frozen=True, slots=True)
class Statement:
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


@dataclass(frozen=True, slots=True)
class Theme:
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


@dataclass(frozen=True, slots=True)
class Figure:
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


@dataclass(frozen=True, slots=True)
class Credits:
    photos: tuple[str, ...]
    editor: str
    duty_editor: str


@dataclass(frozen=True, slots=True)
class Meta:
    title: str
    event: str | None = None
    date: str | None = None  # ISO 8601, e.g. 2024-03-05
    source_title: str | None = None
    source_kind: str | None = None
    lead: Statement | None = None
    credits: Credits | None = None


@dataclass(frozen=True, slots=True)
class Report:
    meta: Meta
    review_title: str
    review: tuple[Statement, ...]  # headline items, each with its label
    themes: tuple[Theme, ...]
    glossary_title: str
    glossary: tuple[Statement, ...]  # terms: label is the term, text its definition
    figures: tuple[Figure, ...]
    _by_ref: dict[str, Statement] = field(default_factory=dict, compare=False, repr=False)

    def statements(self) -> Iterator[Statement]:
        """Every statement in document order: review, themes, glossary."""
        yield from self.review
        for theme in self.themes:
            yield from theme.statements()
        yield from self.glossary

    def statement(self, ref: str) -> Statement:
        if not self._by_ref:
            self._by_ref.update((s.ref, s) for s in self.statements())
        return self._by_ref[ref]

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)
