"""The loaded data as every query sees it: sections, statements, figures and the search index.

Queries never walk the loader's nested records: they ask the corpus for the sections (without their
text), for the statements of a section and year, for a statement by its ref or its unit number, and
for the index. The corpus reads them from the database ``store.build`` made (fresh, or from the
cache) and checks what it reads: each row against its checksum and its shape, and each answer against
the counts the database records (a section's statements, the units). Anything amiss is ``Damaged``,
never a wrong answer.
"""

import json
import sqlite3
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import Any

from reportcli import refs
from reportcli.db.checked import Damaged, rows
from reportcli.db.index import Index
from reportcli.model import (
    SUMMARY,
    THEME,
    Figure,
    Heading,
    Meta,
    Note,
    OfficialSource,
    Quote,
    Repair,
    Section,
    SourceFile,
    Statement,
    YearCount,
)

STATEMENT_COLUMNS = "unit, ref, section, year, paragraph, text, original, label, extra, checksum"
SECTION_COLUMNS = "position, id, kind, title, grp, heading, statements, years, report, aliases, checksum"


class Corpus:
    def __init__(self, con: sqlite3.Connection) -> None:
        self._con = con

    # --- what is small is read whole, once ------------------------------------------------------

    @cached_property
    def _info(self) -> dict[str, str]:
        from reportcli.db.store import info

        return info(self._con)

    @cached_property
    def unit_count(self) -> int:
        try:
            return int(self._info["units"])
        except (KeyError, ValueError):
            raise Damaged("info") from None

    @cached_property
    def reports(self) -> tuple[Meta, ...]:
        """The metadata of every report, in the order the corpus holds them."""
        found = []
        for position, (at, report_id, meta) in enumerate(
            rows(self._con, "SELECT position, id, meta, checksum FROM reports ORDER BY position")
        ):
            record = _meta(_json(meta))
            if at != position or record.id != report_id:
                raise Damaged("reports")
            found.append(record)
        if not found or str(len(found)) != self._info.get("reports"):
            raise Damaged("reports")
        return tuple(found)

    @cached_property
    def _report_by_id(self) -> dict[str, Meta]:
        return {meta.id: meta for meta in self.reports}

    def report(self, report_id: str) -> Meta:
        """A report's metadata by its id (KeyError if the corpus has none)."""
        return self._report_by_id[report_id]

    def report_of(self, section_id: str) -> Meta:
        """The metadata of the report a section belongs to."""
        try:
            return self._report_by_id[self.section(section_id).report]
        except KeyError:
            raise Damaged("sections") from None

    @property
    def meta(self) -> Meta:
        """The report, when there is one; of many, the first summary (else the first report)."""
        return next((m for m in self.reports if m.kind == SUMMARY), self.reports[0])

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        """Every figure, in the report's order."""
        found = rows(self._con, "SELECT position, ref, record, checksum FROM figures ORDER BY position")
        figures = tuple(_figure(ref, _json(record)) for _, ref, record in found)
        if str(len(figures)) != self._info.get("figures"):
            raise Damaged("figures")
        return figures

    def figures_of(self, ref: str) -> list[Figure]:
        """The figures taken from the statement ``ref`` (read by ref: a large corpus has many figures)."""
        return self.figures_for([ref]).get(ref, [])

    def figures_for(self, refs: Iterable[str]) -> dict[str, list[Figure]]:
        """The figures taken from each of these statements, by ref (only those that have any)."""
        wanted = sorted(set(refs))
        found: dict[str, list[Figure]] = {}
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            sql = f"SELECT position, ref, record, checksum FROM figures WHERE ref IN ({','.join('?' * len(part))})"
            for _, ref, record in sorted(rows(self._con, sql, part)):
                found.setdefault(ref, []).append(_figure(ref, _json(record)))
        return found

    def derived(self, name: str) -> Any:
        """A result worked out from the whole data when the database was built (``store.save_derived``),
        as plain JSON data; None when it was not (the caller works it out, and checks the shape of
        what it gets here)."""
        found = list(rows(self._con, "SELECT name, value, checksum FROM derived WHERE name = ?", (name,)))
        return _json(found[0][1]) if found else None

    # --- sections: one by its id or position, or all (for listings and name matching) -----------------

    @cached_property
    def _sections(self) -> list[tuple[Section, int]]:
        sql = f"SELECT {SECTION_COLUMNS} FROM sections ORDER BY position"
        found = []
        for position, row in enumerate(rows(self._con, sql)):
            if row[0] != position:
                raise Damaged("sections")
            found.append(_section(row))
        if sum(count for _, count in found) != self.unit_count:
            raise Damaged("sections")
        return found

    @property
    def sections(self) -> tuple[Section, ...]:
        """Every section in document order: the review, the themes, the glossary."""
        return tuple(section for section, _ in self._sections)

    @property
    def themes(self) -> list[Section]:
        return [s for s in self.sections if s.kind == THEME]

    def themes_named(self, name: str) -> list[Section]:
        """The themes a name may stand for, without reading every section: those whose id is ``name`` or
        whose title is it (casefolded), and every theme that has aliases (for the caller to match)."""
        self._con.create_function("casefold", 1, _casefold, deterministic=True)
        sql = (
            f"SELECT {SECTION_COLUMNS} FROM sections WHERE kind = ? "
            "AND (id = ? OR aliases != '[]' OR casefold(title) = ?) ORDER BY position"
        )
        return [_section(row)[0] for row in rows(self._con, sql, (THEME, name, name))]

    def _one(self, where: str, value: str | int) -> tuple[int, Section, int]:
        found = list(rows(self._con, f"SELECT {SECTION_COLUMNS} FROM sections WHERE {where} = ?", (value,)))
        if not found:
            raise KeyError(value)
        if len(found) > 1:
            raise Damaged("sections")
        section, count = _section(found[0])
        return found[0][0], section, count

    def section(self, section_id: str) -> Section:
        """A section by its id (KeyError if the report has none)."""
        _, section, _ = self._one("id", section_id)
        if section.id != section_id:
            raise Damaged("sections")
        return section

    def position(self, section_id: str) -> int:
        """Where a section stands in the report: for sorting anything by where it occurs."""
        return self._one("id", section_id)[0]

    @cached_property
    def _sizes(self) -> dict[str, int]:
        return {section.id: count for section, count in self._sections}

    def size(self, section_id: str) -> int:
        """How many statements a section has."""
        return self._sizes.get(section_id, 0)

    def _count(self, section_id: str, year: int | None) -> int:
        """How many statements the database says a section has (in a year)."""
        try:
            _, section, total = self._one("id", section_id)
        except KeyError:
            return 0
        return total if year is None else sum(y.statements for y in section.years if y.year == year)

    def years(self) -> list[int]:
        """Every year that some part of the report speaks of."""
        try:
            return [int(y) for y in self._info["years"].split()]
        except (KeyError, ValueError):
            raise Damaged("info") from None

    @cached_property
    def index(self) -> Index:
        return Index(self._con, self.unit_count)

    # --- statements are read as they are asked for -----------------------------------------------

    def statements(self, section: str | None = None, year: int | None = None) -> list[Statement]:
        """The searchable statements, in document order, of one section and year (or of all)."""
        where: list[str] = []
        params: list[Any] = []
        if section is not None:
            where.append("section = ?")
            params.append(section)
        if year is not None:
            where.append("year = ?")
            params.append(year)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        found = [
            _statement(row)
            for row in rows(self._con, f"SELECT {STATEMENT_COLUMNS} FROM statements {clause} ORDER BY unit", params)
        ]
        expected = self.unit_count if section is None and year is None else None
        if section is not None:
            expected = self._count(section, year)
        if (expected is not None and len(found) != expected) or any(
            (section is not None and s.section != section) or (year is not None and s.year != year) for s in found
        ):
            raise Damaged("statements")
        return found

    def units(self) -> list[Statement]:
        """Every searchable statement in document order: unit ``n`` of the index is ``units()[n]``."""
        return self.statements()

    def texts(self) -> Iterator[tuple[int, str]]:
        """(unit, text) of every searchable statement, in document order."""
        count = 0
        for statement_row in rows(self._con, f"SELECT {STATEMENT_COLUMNS} FROM statements ORDER BY unit"):
            if statement_row[0] != count:
                raise Damaged("statements")
            yield count, _statement(statement_row).text
            count += 1
        if count != self.unit_count:
            raise Damaged("statements")

    def by_unit(self, units: Iterable[int]) -> dict[int, Statement]:
        """The statements of these unit numbers."""
        wanted = sorted(set(units))
        found: dict[int, Statement] = {}
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ",".join("?" * len(part))
            for row in rows(self._con, f"SELECT {STATEMENT_COLUMNS} FROM statements WHERE unit IN ({marks})", part):
                found[row[0]] = _statement(row)
        if len(found) != len(wanted):
            raise Damaged("statements")
        return found

    def around(self, ref: str, span: int = 1) -> tuple[list[Statement], Statement, list[Statement]]:
        """A statement with up to ``span`` statements before and after it in its section."""
        found = list(rows(self._con, f"SELECT {STATEMENT_COLUMNS} FROM statements WHERE ref = ?", (ref,)))
        if not found:
            raise KeyError(ref)
        unit = found[0][0]
        near = self.by_unit(u for u in range(unit - span, unit + span + 1) if 0 <= u < self.unit_count)
        statement = near[unit]
        if statement.ref != ref:
            raise Damaged("statements")
        same = [u for u in sorted(near) if near[u].section == statement.section]
        return [near[u] for u in same if u < unit], statement, [near[u] for u in same if u > unit]

    def paragraph(self, report_id: str, number: int) -> list[Statement]:
        """The sentences of paragraph ``number`` of a full report (refs ``<report>/<number>.<n>``)."""
        found = list(
            rows(
                self._con,
                f"SELECT {STATEMENT_COLUMNS} FROM statements WHERE ref = ?",
                (refs.sentence_ref(report_id, number, 1),),
            )
        )
        if not found:
            return []
        first = found[0][0]
        sentences: list[Statement] = []
        unit = first
        while unit < self.unit_count:
            chunk = self.by_unit(range(unit, min(unit + 50, self.unit_count)))
            for n in sorted(chunk):
                statement = chunk[n]
                if statement.ref != refs.sentence_ref(report_id, number, len(sentences) + 1):
                    return sentences
                sentences.append(statement)
            unit += 50
        return sentences

    def quoting(self, at: str) -> list[Statement]:
        """The statements that quote the official sentence ``at`` (say, 2024-zh/68.6)."""
        sql = f"SELECT {STATEMENT_COLUMNS} FROM statements WHERE instr(extra, ?) ORDER BY unit"
        found = [_statement(row) for row in rows(self._con, sql, (f'"{at}"',))]
        return [s for s in found if any(q.at == at for q in s.official)]

    def statements_by_ref(self, refs: Iterable[str]) -> dict[str, Statement]:
        """The statements of these refs (those that exist), read 500 at a time."""
        wanted = sorted(set(refs))
        found: dict[str, Statement] = {}
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            sql = f"SELECT {STATEMENT_COLUMNS} FROM statements WHERE ref IN ({','.join('?' * len(part))})"
            for row in rows(self._con, sql, part):
                statement = _statement(row)
                if statement.ref in found:
                    raise Damaged("statements")
                found[statement.ref] = statement
        return found

    def statement(self, ref: str) -> Statement:
        found = [
            _statement(row)
            for row in rows(self._con, f"SELECT {STATEMENT_COLUMNS} FROM statements WHERE ref = ?", (ref,))
        ]
        if not found:
            raise KeyError(ref)
        if len(found) > 1 or found[0].ref != ref:
            raise Damaged("statements")
        return found[0]


# --- rows back into records, checked ----------------------------------------------------------------


def _is(value: Any, kind: type | tuple[type, ...], optional: bool = False) -> bool:
    return (optional and value is None) or (isinstance(value, kind) and not isinstance(value, bool))


def _casefold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else None


def _json(value: Any) -> Any:
    if not isinstance(value, str):
        raise Damaged("json")
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        raise Damaged("json") from None


def _strings(value: Any, size: int) -> list[str]:
    if not isinstance(value, list) or len(value) != size or not all(isinstance(v, str) for v in value):
        raise Damaged("record")
    return value


EXTRA_FIELDS = {"repairs", "notes", "official", "renders_nothing", "from_copy", "counterparts", "alignment_cost"}


def _statement(row: tuple[Any, ...]) -> Statement:
    _, ref, section, year, paragraph, text, original, label, extra = row
    if not (
        _is(ref, str)
        and _is(section, str)
        and _is(year, int, optional=True)
        and _is(paragraph, int)
        and _is(text, str)
        and _is(original, str, optional=True)
        and _is(label, str, optional=True)
    ):
        raise Damaged("statements")
    if extra is None:
        return Statement(ref, section, year, paragraph, text, original, label=label)
    plain = _json(extra)
    if not isinstance(plain, dict) or set(plain) != EXTRA_FIELDS:
        raise Damaged("statements")
    if not _is(plain["renders_nothing"], str, optional=True) or not _is(plain["from_copy"], str, optional=True):
        raise Damaged("statements")
    if not _is(plain["alignment_cost"], (int, float), optional=True):
        raise Damaged("statements")
    return Statement(
        ref,
        section,
        year,
        paragraph,
        text,
        original,
        repairs=tuple(Repair(*_strings(r, 4)) for r in _list(plain["repairs"])),
        notes=tuple(Note(*_strings(n, 3)) for n in _list(plain["notes"])),
        label=label,
        official=tuple(Quote(*_strings(q, 2)) for q in _list(plain["official"])),
        renders_nothing=plain["renders_nothing"],
        from_copy=plain["from_copy"],
        counterparts=tuple(_strings(plain["counterparts"], len(_list(plain["counterparts"])))),
        alignment_cost=plain["alignment_cost"],
    )


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise Damaged("record")
    return value


def _section(row: tuple[Any, ...]) -> tuple[Section, int]:
    _, section_id, kind, title, group, heading, count, years, report, aliases = row
    if not all(_is(v, str) for v in (section_id, kind, title, group, heading, report)) or not _is(count, int):
        raise Damaged("sections")
    counts = []
    for item in _list(_json(years)):
        if not (isinstance(item, list) and len(item) == 5 and isinstance(item[1], bool)):
            raise Damaged("sections")
        if not all(_is(item[i], int) for i in (0, 2, 3, 4)):
            raise Damaged("sections")
        counts.append(YearCount(*item))
    names = _list(_json(aliases))
    if not all(isinstance(name, str) for name in names):
        raise Damaged("sections")
    return Section(section_id, kind, title, group, heading, tuple(counts), report, tuple(names)), count


def _meta(plain: Any) -> Meta:
    if not isinstance(plain, dict) or set(plain) != set(Meta._fields):
        raise Damaged("meta")
    texts = ("title", "id", "kind", "language", "completeness")
    optional = (
        "event",
        "date",
        "source_title",
        "source_kind",
        "coverage",
        "omits",
        "licence",
        "publisher",
        "speaker",
        "role",
        "date_until",
        "speaker_zh",
        "speaker_pinyin",
        "role_zh",
        "role_en",
        "session_zh",
        "session_en",
        "report_kind",
        "five_year_plan",
        "approved",
        "translation",
        "copies",
    )
    if not all(_is(plain[f], str) for f in texts) or not all(_is(plain[f], str, optional=True) for f in optional):
        raise Damaged("meta")
    if not _is(plain["year"], int, optional=True):
        raise Damaged("meta")
    removed = []
    for item in _list(plain["removed"]):
        if not (
            isinstance(item, list) and len(item) == 3 and _is(item[0], str) and _is(item[1], int) and _is(item[2], int)
        ):
            raise Damaged("meta")
        removed.append((item[0], item[1], item[2]))
    return Meta(
        **{f: plain[f] for f in (*texts, *optional)},
        year=plain["year"],
        themes_heading=_heading(plain["themes_heading"]),
        official=_official(plain["official"]),
        source=_source_file(plain["source"]),
        caveats=tuple(Note(*_strings(n, 3)) for n in _list(plain["caveats"])),
        removed=tuple(removed),
        sources=tuple((pair[0], pair[1]) for pair in (_strings(p, 2) for p in _list(plain["sources"]))),
    )


def _source_file(plain: Any) -> SourceFile | None:
    if plain is None:
        return None
    if len(_list(plain)) != 6:
        raise Damaged("meta")
    file, fmt, record, sha256, url, origin = plain
    ok = all(_is(v, str) for v in (file, fmt, sha256)) and _is(record, int)
    if not ok or not all(_is(v, str, optional=True) for v in (url, origin)):
        raise Damaged("meta")
    return SourceFile(file, fmt, record, sha256, url, origin)


def _heading(plain: Any) -> Heading | None:
    if plain is None:
        return None
    if len(_list(plain)) != 3:
        raise Damaged("meta")
    text, original, note = plain
    if not isinstance(text, str) or not _is(original, str, optional=True):
        raise Damaged("meta")
    return Heading(text, original, Note(*_strings(note, 3)) if note is not None else None)


def _official(plain: Any) -> OfficialSource | None:
    if plain is None:
        return None
    if len(_list(plain)) != 5:
        raise Damaged("meta")
    report_id, title, source, url, parts = plain
    if not all(_is(v, str) for v in (report_id, title, source, url)):
        raise Damaged("meta")
    numbers = []
    for part in _list(parts):
        if not (isinstance(part, list) and len(part) == 3 and all(_is(n, int) for n in part)):
            raise Damaged("meta")
        numbers.append((part[0], part[1], part[2]))
    return OfficialSource(report_id, title, source, url, tuple(numbers))


def _figure(ref: Any, plain: Any) -> Figure:
    if not isinstance(plain, dict) or set(plain) != set(Figure._fields) or plain["ref"] != ref:
        raise Damaged("figures")
    ok = (
        _is(plain["id"], str)
        and _is(plain["value"], (int, float))
        and all(_is(plain[f], str) for f in ("unit", "display", "theme", "ref"))
        and _is(plain["year"], int)
        and _is(plain["qualifier"], str, optional=True)
        and isinstance(plain["restored"], bool)
    )
    if not ok:
        raise Damaged("figures")
    if plain["source"] not in ("summary", "official", "report") or plain["status"] not in ("set", "not set"):
        raise Damaged("figures")
    if not all(_is(plain[f], str, optional=True) for f in ("indicator", "stated_unit", "measure")):
        raise Damaged("figures")
    if not _is(plain["high"], (int, float), optional=True):
        raise Damaged("figures")
    if not _is(plain["kind"], str) or not _is(plain["basis"], str, optional=True):
        raise Damaged("figures")
    period = plain["period"]
    if period is not None and not (isinstance(period, list) and len(period) == 2 and all(_is(y, int) for y in period)):
        raise Damaged("figures")
    notes = tuple(Note(*_strings(n, 3)) for n in _list(plain["notes"]))
    official = Quote(*_strings(plain["official"], 2)) if plain["official"] is not None else None
    years = (period[0], period[1]) if period is not None else None
    return Figure(**{**plain, "notes": notes, "official": official, "period": years})
