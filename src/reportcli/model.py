"""The report as plain, immutable data. Built by ``loader`` (or read back from ``cache``); read by every query.

The records are NamedTuples: as cheap to build as tuples, which matters when a cached report of
100,000 statements is turned back into objects on every run.

(No ``from __future__ import annotations`` here: with it, each field of a NamedTuple is a string that
typing compiles into a ForwardRef when the class is made, which doubles what defining the records
costs every run.)
"""

from collections.abc import Iterator
from typing import Any, NamedTuple

from reportcli.language import EN

REVIEW = "review"  # section id of the "Review of work in 2023" headline items
GLOSSARY = "glossary"  # section id of the "Public welfare hot words"
LEAD = "lead"  # section id of the lead paragraph
CREDITS = "credits"  # section id of the credits (photos, editors)
THEME = "theme"  # the kind of a section that is one of the report's themes
PART = "part"  # the kind of a section of a full report: a part (一、) or a sub-part (（一）), or the opening
SUMMARY, FULL = "summary", "full"  # the kinds of report
# An aligned pair whose aligner stretched this far (its alignment cost) or more links sentences uncertainly: the
# worst tenth of the pairs, among which the wrong ones sit (importer.links; docs/GLOSSARY.md has the reading)
LOW_CONFIDENCE = 0.5
PLAN, REVIEW_OF_YEAR = "plan", "review of the year"  # how a report speaks of a year (Meta.year_label)


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


class Quote(NamedTuple):
    """Words of the official report, verbatim, and where they are: ``at`` is the ref of the sentence
    (``2024-zh/68.6``: paragraph 68, sentence 6 of the report as ``reportcli import`` numbers it)."""

    text: str
    at: str


class Statement(NamedTuple):
    """One sentence of the source, as printed (``text``) and as received (``original``)."""

    ref: str
    section: str  # a theme id, REVIEW, GLOSSARY, LEAD or CREDITS
    year: int | None  # None for the glossary, the lead and the credits
    paragraph: int
    text: str
    original: str | None = None  # set only when repairs changed the text
    repairs: tuple[Repair, ...] = ()
    notes: tuple[Note, ...] = ()
    label: str | None = None  # headline label (review), term (glossary) or role (credits)
    official: tuple[Quote, ...] = ()  # the official report's words this statement renders
    renders_nothing: str | None = None  # why no words of the official report stand behind it
    from_copy: str | None = None  # of a full report: the other published copy it (or part of it) is taken from
    # of a report with a translation: the refs of the sentences of the other language that render it (the
    # aligned pairs; importer.links), and how far the pair's aligner stretched (uncertain from LOW_CONFIDENCE)
    counterparts: tuple[str, ...] = ()
    alignment_cost: float | None = None
    link_check: str | None = None  # why the link is doubtful beyond its cost (its glossary terms differ), or None

    @property
    def source_text(self) -> str:
        """The statement exactly as the source has it."""
        return self.original if self.original is not None else self.text


class Part(NamedTuple):
    """A section with its text: a theme (by year), the review, the glossary, the lead, the credits; or
    a part or sub-part of a full report (its id ``2024-zh/part3.9``)."""

    id: str
    kind: str  # THEME, REVIEW, GLOSSARY, LEAD, CREDITS or PART
    title: str
    group: str
    heading: str  # the heading as the source prints it
    years: dict[int | None, tuple[tuple[Statement, ...], ...]]  # year (None: none) -> paragraphs
    inferred_years: frozenset[int] = frozenset()
    report: str = ""  # the id of the report it belongs to
    aliases: tuple[str, ...] = ()  # names people type for it (jobs, for employment)

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
    source: str = "summary"  # "summary": the summary states it; "official": only the official report
    # does; "report": a full report's own text (an annual target, read off it by ``targets``)
    official: Quote | None = None  # for an official figure, the words that state it
    indicator: str | None = None  # of a target: gdp-growth, cpi, ... (targets.INDICATORS)
    high: int | float | None = None  # of a target stated as a range: its top
    status: str = "set"  # of a target: set, or "not set" (the report says it sets none; value is 0)
    stated_unit: str | None = None  # of a target: the unit as the text writes it (%, 万人, 万亿元, 万亿斤)
    measure: str | None = None  # of a target: what the text names (国内生产总值, 商品零售价格, ...)
    kind: str = "figure"  # FIGURE (a summary's), TARGET, or what a review states: OUTCOME (the year before's),
    # a period's average or total (extract.outcomes)
    basis: str | None = None  # of an outcome: annual, or year-end
    period: tuple[int, int] | None = None  # of a period's average or total: its first and last years


SUMMARY_FIGURE, OFFICIAL_FIGURE, REPORT_FIGURE = "summary", "official", "report"  # whose words state a figure
FIGURE, TARGET = "figure", "target"  # the kinds of figure besides what a review states (extract.outcomes)


class Heading(NamedTuple):
    """A heading as printed, and as the source has it when that was wrong, with why."""

    text: str
    original: str | None = None
    note: Note | None = None


class OfficialSource(NamedTuple):
    """The official report a summary renders: where it is, and how its parts are numbered."""

    id: str  # the corpus id its refs use, e.g. 2024-zh
    title: str
    source: str
    url: str
    parts: tuple[tuple[int, int, int], ...]  # (part, sub-part or 0, first paragraph)


class SourceFile(NamedTuple):
    """Where a full report's text came from: the file, the record in it, and the file's checksum."""

    file: str  # the file's name
    format: str  # jsonl, tsv, text or parallel-csv (see importer.sources)
    record: int  # the line (or, in a CSV, the first row) the report is on
    sha256: str  # of the whole file
    url: str | None = None  # the page the text was taken from, as the file says
    origin: str | None = None  # the published file it is (repository, commit, path), when pinned


class Meta(NamedTuple):
    title: str
    event: str | None = None
    date: str | None = None  # ISO 8601, e.g. 2024-03-05
    source_title: str | None = None
    source_kind: str | None = None
    id: str = "report"
    kind: str = "summary"  # SUMMARY or FULL
    language: str = EN
    themes_heading: Heading | None = None
    coverage: str | None = None  # what the text covers
    omits: str | None = None  # what it leaves out
    licence: str | None = None
    publisher: str | None = None
    official: OfficialSource | None = None
    year: int | None = None  # the year of the report (a summary: from its date)
    speaker: str | None = None  # who delivered it, as the text states
    role: str | None = None  # the speaker's office, as the text states (国务院总理)
    source: SourceFile | None = None  # a full report's source file
    completeness: str = "complete"  # complete, partial, abstract or incomplete
    caveats: tuple[Note, ...] = ()  # what a reader must know of the text as a whole
    removed: tuple[tuple[str, int, int], ...] = ()  # cleaning: (kind, times, characters)
    # of a full report, what a citation needs (importer.metadata: the texts first, then data/report-facts.csv)
    date_until: str | None = None  # the last day, when it was delivered over two days (1964-12-22)
    speaker_zh: str | None = None  # 李强
    speaker_pinyin: str | None = None  # Li Qiang
    role_zh: str | None = None  # 国务院总理
    role_en: str | None = None  # Premier of the State Council
    session_zh: str | None = None  # 第十四届全国人民代表大会第二次会议
    session_en: str | None = None  # Second Session of the 14th National People's Congress
    report_kind: str | None = None  # government-work-report, plan-, budget-, five-year-plan-report, abstract
    five_year_plan: str | None = None  # the five-year plan a report presents, when it presents one
    approved: str | None = None  # the day the NPC adopted its resolution approving the report, as the resolution says
    translation: str | None = None  # of a translation: "official" (the official English translation)
    copies: str | None = None  # how the text compares with the other published copy of the report
    sources: tuple[tuple[str, str], ...] = ()  # (field, where its value comes from)

    @property
    def report_year(self) -> int | None:
        """The year the report was given: as its metadata says, else from its date (a summary's)."""
        if self.year is not None:
            return self.year
        return int(self.date[:4]) if self.date else None

    def year_label(self, year: int) -> str:
        """How the report speaks of a year: what it plans (its own year and after, PLAN) or what it
        looks back on (the years before, REVIEW_OF_YEAR); nothing when its own year is unknown."""
        delivered = self.report_year
        if delivered is None:
            return ""
        return PLAN if year >= delivered else REVIEW_OF_YEAR


class YearCount(NamedTuple):
    """How much text a section has for one year."""

    year: int
    inferred: bool  # the source prints no year for this part: it is taken to be the plan
    paragraphs: int
    statements: int
    characters: int


class Section(NamedTuple):
    """A part of a report, without its text: a theme, the review, the glossary, the lead, the credits, or
    a part of a full report."""

    id: str
    kind: str  # THEME, REVIEW, GLOSSARY, LEAD, CREDITS or PART
    title: str
    group: str
    heading: str
    years: tuple[YearCount, ...]
    report: str = ""  # the id of the report it belongs to
    aliases: tuple[str, ...] = ()  # names people type for it (jobs, for employment)

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
    """The whole report: metadata, its parts in reading order (lead, review, themes, glossary, credits), figures."""

    __slots__ = ("_by_ref", "figures", "meta", "parts")

    def __init__(self, meta: Meta, parts: tuple[Part, ...], figures: tuple[Figure, ...]) -> None:
        self.meta = meta
        self.parts = parts
        self.figures = figures
        self._by_ref: dict[str, Statement] = {}

    def statements(self) -> Iterator[Statement]:
        """Every statement in reading order."""
        for part in self.parts:
            yield from part.statements()

    def of_kind(self, kind: str) -> list[Part]:
        return [part for part in self.parts if part.kind == kind]

    @property
    def themes(self) -> list[Part]:
        return self.of_kind(THEME)

    @property
    def review(self) -> tuple[Statement, ...]:
        return tuple(s for part in self.of_kind(REVIEW) for s in part.statements())

    @property
    def glossary(self) -> tuple[Statement, ...]:
        return tuple(s for part in self.of_kind(GLOSSARY) for s in part.statements())

    @property
    def lead(self) -> Statement | None:
        return next((s for part in self.of_kind(LEAD) for s in part.statements()), None)

    @property
    def credits(self) -> tuple[Statement, ...]:
        return tuple(s for part in self.of_kind(CREDITS) for s in part.statements())

    def statement(self, ref: str) -> Statement:
        if not self._by_ref:
            self._by_ref.update((s.ref, s) for s in self.statements())
        return self._by_ref[ref]

    def theme(self, theme_id: str) -> Part:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)
