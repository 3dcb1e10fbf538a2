"""The loaded data as every query sees it: sections, statements, figures and the search index.

Queries never walk the loader's nested records: they ask the corpus for the sections (without their
text), for the statements of a section and year, for a statement by its ref or its unit number, and
for the index. The corpus reads them from the databases ``store.build`` made (fresh, or from the
cache): one database (a shard), or several read as one, in order, their units, sections and reports
numbered on across them (in the cache, each report file is a shard of its own, so that a change to
one file rebuilds that shard alone). It checks what it reads: each row against its checksum and its
shape, and each answer against the counts the databases record (a section's statements, the units).
Anything amiss is ``Damaged``, never a wrong answer.
"""

import bisect
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import Any

from reportcli import refs
from reportcli.db.checked import Damaged, rows
from reportcli.db.index import Index, Shard
from reportcli.model import (
    FULL,
    REPORT_FIGURE,
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
from reportcli.reportfile.meta import FULL_KEYS

STATEMENT_COLUMNS = "unit, ref, section, year, paragraph, text, original, label, extra, checksum"
SECTION_COLUMNS = "position, id, kind, title, grp, heading, statements, years, report, aliases, checksum"


class Corpus:
    """The data of one run: one database, or several (``shards``) read as one. ``derived``: where the
    results worked out from the whole data are kept (``store.save_derived``); by default, the one
    database's, and none of several."""

    def __init__(
        self,
        con: sqlite3.Connection | Sequence[sqlite3.Connection],
        derived: sqlite3.Connection | None = None,
        infos: Sequence[dict[str, str] | None] = (),
    ) -> None:
        self._cons = [con] if isinstance(con, sqlite3.Connection) else list(con)
        if not self._cons:
            raise ValueError("a corpus needs a database")
        self._derived = derived if derived is not None or len(self._cons) > 1 else self._cons[0]
        self._known_infos = list(infos)  # what the caller has read of each database's info, checked
        self._reports_of: dict[str, Meta] = {}  # the report of each section read so far (``report_of``)
        self._sections_read: dict[int, Section] = {}  # by position: many terms (``search --file``) share them
        self._by_ref: dict[str, tuple[int, Statement] | None] = {}  # (unit, statement) by ref, None: none

    # --- what is small is read whole, once ------------------------------------------------------

    @cached_property
    def _infos(self) -> list[dict[str, str]]:
        from reportcli.db.store import info

        known = self._known_infos + [None] * (len(self._cons) - len(self._known_infos))
        return [found if found is not None else info(con) for con, found in zip(self._cons, known, strict=True)]

    @cached_property
    def _kinds(self) -> list[list[tuple[str, str]]]:
        """(report id, kind) of each database's reports, as its info records them."""
        found = []
        for info in self._infos:
            try:
                pairs = json.loads(info["kinds"])
            except (KeyError, ValueError):
                raise Damaged("info") from None
            if not isinstance(pairs, list) or not all(
                isinstance(p, list) and len(p) == 2 and all(isinstance(v, str) for v in p) for p in pairs
            ):
                raise Damaged("info")
            found.append([(p[0], p[1]) for p in pairs])
        return found

    def sizes(self) -> dict[tuple[int, int | None], tuple[int, int]]:
        """(report position, year) -> (characters, words) of the statements' own text, as each database
        recorded them when it was built (None: the statements of no year)."""
        found: dict[tuple[int, int | None], tuple[int, int]] = {}
        for info, first in zip(self._infos, self._firsts["reports"], strict=True):
            try:
                entries = json.loads(info["sizes"])
            except (KeyError, ValueError):
                raise Damaged("info") from None
            for entry in _list(entries):
                if not (isinstance(entry, list) and len(entry) == 4 and all(_is(v, int) for v in entry[::2])):
                    raise Damaged("info")
                report, year, characters, words = entry
                if not (_is(year, int, optional=True) and _is(words, int)):
                    raise Damaged("info")
                before = found.get((first + report, year), (0, 0))
                found[(first + report, year)] = (before[0] + characters, before[1] + words)
        return found

    @cached_property
    def _routes(self) -> tuple[dict[str, int], list[int]]:
        """Each full report's database by its id, and the databases that hold any other report."""
        full: dict[str, int] = {}
        others = []
        for number, kinds in enumerate(self._kinds):
            for report_id, kind in kinds:
                if kind == FULL:
                    full[report_id] = number
            if any(kind != FULL for _, kind in kinds):
                others.append(number)
        return full, others

    def _route(self, name: str) -> list[int]:
        """The databases a ref or section id can be in: the full report its head names (a full report's
        refs all begin with its id), and every database that holds a report that is not a full one."""
        full, others = self._routes
        named = full.get(name.split("/", 1)[0])
        return others if named is None or named in others else sorted([named, *others])

    def _counted(self, name: str) -> list[int]:
        """What each database says it holds (its ``info``): units, reports, sections, figures."""
        try:
            found = [int(info[name]) for info in self._infos]
        except (KeyError, ValueError):
            raise Damaged("info") from None
        if any(n < 0 for n in found):
            raise Damaged("info")
        return found

    @cached_property
    def _firsts(self) -> dict[str, list[int]]:
        """For each kind of numbered row, the number the first row of each database has in the corpus."""
        found = {}
        for name in ("units", "reports", "sections", "figures"):
            counts = self._counted(name)
            found[name] = [sum(counts[:n]) for n in range(len(counts))]
        return found

    @cached_property
    def unit_count(self) -> int:
        return sum(self._counted("units"))

    @cached_property
    def widest_ref(self) -> int:
        """The length of the longest ref in the corpus (as the databases record it)."""
        return max(self._counted("ref_width"), default=0)

    @property
    def figure_count(self) -> int:
        return sum(self._counted("figures"))

    def _shard_of(self, unit: int) -> int:
        return bisect.bisect_right(self._firsts["units"], unit) - 1

    @cached_property
    def reports(self) -> tuple[Meta, ...]:
        """The metadata of every report, in the order the corpus holds them."""
        found = []
        for con, expected in zip(self._cons, self._counted("reports"), strict=True):
            read = list(rows(con, "SELECT position, id, meta, checksum FROM reports ORDER BY position"))
            for position, (at, report_id, meta) in enumerate(read):
                record = _meta(_json(meta))
                if at != position or record.id != report_id:
                    raise Damaged("reports")
                found.append(record)
            if len(read) != expected:
                raise Damaged("reports")
        if not found:
            raise Damaged("reports")
        return tuple(found)

    @cached_property
    def _report_by_id(self) -> dict[str, Meta]:
        return {meta.id: meta for meta in self.reports}

    def report(self, report_id: str) -> Meta:
        """A report's metadata by its id (KeyError if the corpus has none)."""
        return self._report_by_id[report_id]

    def report_of(self, section_id: str) -> Meta:
        """The metadata of the report a section belongs to (read once a run for each section: every
        hit and row asks it of its own)."""
        if (known := self._reports_of.get(section_id)) is not None:
            return known
        try:
            meta = self._report_by_id[self.section(section_id).report]
        except KeyError:
            raise Damaged("sections") from None
        self._reports_of[section_id] = meta
        return meta

    def reports_of(self, section_ids: Iterable[str]) -> None:
        """Read at once the reports of many sections (``sections_named``: a query per database, not one
        per section), so that ``report_of`` then answers each from memory; a section the data lacks is
        left for ``report_of`` to refuse."""
        wanted = {s for s in section_ids if s not in self._reports_of}
        if not wanted:
            return
        for section_id, section in self.sections_named(wanted).items():
            try:
                self._reports_of[section_id] = self._report_by_id[section.report]
            except KeyError:
                raise Damaged("sections") from None

    @property
    def meta(self) -> Meta:
        """The report, when there is one; of many, the first summary (else the first report)."""
        return next((m for m in self.reports if m.kind == SUMMARY), self.reports[0])

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        """Every figure, in the report's order."""
        figures: list[Figure] = []
        for con, expected in zip(self._cons, self._counted("figures"), strict=True):
            found = rows(con, "SELECT position, ref, record, checksum FROM figures ORDER BY position")
            these = [_figure(ref, _json(record)) for _, ref, record in found]
            if len(these) != expected:
                raise Damaged("figures")
            figures += these
        return tuple(figures)

    def figures_of(self, ref: str) -> list[Figure]:
        """The figures taken from the statement ``ref`` (read by ref: a large corpus has many figures)."""
        return self.figures_for([ref]).get(ref, [])

    def figures_for(self, refs: Iterable[str]) -> dict[str, list[Figure]]:
        """The figures taken from each of these statements, by ref (only those that have any)."""
        wanted = sorted(set(refs))
        found: dict[str, list[Figure]] = {}
        by_database: dict[int, list[str]] = {}
        for ref in wanted:
            for number in self._route(ref):
                by_database.setdefault(number, []).append(ref)
        for number in sorted(by_database):
            con, these = self._cons[number], by_database[number]
            for start in range(0, len(these), 500):
                part = these[start : start + 500]
                sql = f"SELECT position, ref, record, checksum FROM figures WHERE ref IN ({','.join('?' * len(part))})"
                for _, ref, record in sorted(rows(con, sql, part)):
                    found.setdefault(ref, []).append(_figure(ref, _json(record)))
        return found

    def attached(self, statement: Statement) -> list[tuple[str, str]]:
        """What the index searched with a statement besides its own words, in its order (notes, official
        words, and those of the figures its report file gives), each with where it belongs."""
        from reportcli.db.store import attached_of

        given = [f for f in self.figures_of(statement.ref) if f.source != REPORT_FIGURE]
        return attached_of(statement, given)

    def derived(self, name: str) -> Any:
        """A result worked out from the whole data when the database was built (``store.save_derived``),
        as plain JSON data; None when it was not (the caller works it out, and checks the shape of
        what it gets here)."""
        if self._derived is None:
            return None
        found = list(rows(self._derived, "SELECT name, value, checksum FROM derived WHERE name = ?", (name,)))
        return _json(found[0][1]) if found else None

    # --- sections: one by its id or position, or all (for listings and name matching) -----------------

    @cached_property
    def _sections(self) -> list[tuple[Section, int]]:
        found = []
        sql = f"SELECT {SECTION_COLUMNS} FROM sections ORDER BY position"
        for con, expected in zip(self._cons, self._counted("sections"), strict=True):
            these = []
            for position, row in enumerate(rows(con, sql)):
                if row[0] != position:
                    raise Damaged("sections")
                these.append(_section(row))
            if len(these) != expected:
                raise Damaged("sections")
            found += these
        if sum(count for _, count in found) != self.unit_count:
            raise Damaged("sections")
        return found

    @property
    def sections(self) -> tuple[Section, ...]:
        """Every section in document order: the review, the themes, the glossary."""
        return tuple(section for section, _ in self._sections)

    @property
    def themes(self) -> list[Section]:
        if "_sections" in self.__dict__:  # every section read already
            return [s for s in self.sections if s.kind == THEME]
        return list(self._themes)

    @cached_property
    def _themes(self) -> tuple[Section, ...]:
        """The themes alone, in document order: a corpus of full reports, which has none, is not read
        section by section to learn it (each database finds its few theme rows itself)."""
        sql = f"SELECT {SECTION_COLUMNS} FROM sections WHERE kind = ? ORDER BY position"
        found: list[Section] = []
        for con, expected in zip(self._cons, self._counted("themes"), strict=True):
            these = [_section(row)[0] for row in rows(con, sql, (THEME,))]
            if len(these) != expected or any(section.kind != THEME for section in these):
                raise Damaged("sections")  # a theme row missing, or one too many: not the themes it holds
            found += these
        return tuple(found)

    def themes_named(self, name: str) -> list[Section]:
        """The themes a name may stand for, without reading every section: those whose id is ``name`` or
        whose title is it (casefolded), and every theme that has aliases (for the caller to match)."""
        sql = (
            f"SELECT {SECTION_COLUMNS} FROM sections WHERE kind = ? "
            "AND (id = ? OR aliases != '[]' OR casefold(title) = ?) ORDER BY position"
        )
        found = []
        for con in self._cons:
            con.create_function("casefold", 1, _casefold, deterministic=True)
            found += [_section(row)[0] for row in rows(con, sql, (THEME, name, name))]
        return found

    def _one(self, where: str, value: str | int) -> tuple[int, Section, int]:
        """A section by a column's value: its position in the corpus, the section and its statements."""
        found = []
        numbers = self._route(value) if isinstance(value, str) else range(len(self._cons))
        for number in numbers:
            sql = f"SELECT {SECTION_COLUMNS} FROM sections WHERE {where} = ?"
            found += [(number, row) for row in rows(self._cons[number], sql, (value,))]
        if not found:
            raise KeyError(value)
        if len(found) > 1:
            raise Damaged("sections")
        number, row = found[0]
        section, count = _section(row)
        return self._firsts["sections"][number] + row[0], section, count

    def section(self, section_id: str) -> Section:
        """A section by its id (KeyError if the report has none)."""
        _, section, _ = self._one("id", section_id)
        if section.id != section_id:
            raise Damaged("sections")
        return section

    def position(self, section_id: str) -> int:
        """Where a section stands in the corpus: for sorting anything by where it occurs."""
        return self._one("id", section_id)[0]

    def sections_named(self, ids: Iterable[str]) -> dict[str, Section]:
        """The sections of these ids (those that exist), each read from the database it can be in."""
        by_database: dict[int, list[str]] = {}
        for section_id in sorted(set(ids)):
            for number in self._route(section_id):
                by_database.setdefault(number, []).append(section_id)
        found: dict[str, Section] = {}
        for number, these in sorted(by_database.items()):
            for start in range(0, len(these), 500):
                part = these[start : start + 500]
                sql = f"SELECT {SECTION_COLUMNS} FROM sections WHERE id IN ({','.join('?' * len(part))})"
                for row in rows(self._cons[number], sql, part):
                    section = _section(row)[0]
                    if section.id in found or section.id not in part:
                        raise Damaged("sections")
                    found[section.id] = section
        return found

    def sections_at(self, positions: Iterable[int]) -> dict[int, Section]:
        """The sections at these positions in the corpus, read from their databases alone."""
        wanted = sorted(set(positions))
        known = self._sections_read
        missing = [position for position in wanted if position not in known]
        firsts = self._firsts["sections"]
        by_database: dict[int, list[int]] = {}
        for position in missing:
            by_database.setdefault(bisect.bisect_right(firsts, position) - 1, []).append(position)
        found: dict[int, Section] = {}
        for number, these in by_database.items():
            first = firsts[number]
            for start in range(0, len(these), 500):
                part = [position - first for position in these[start : start + 500]]
                sql = f"SELECT {SECTION_COLUMNS} FROM sections WHERE position IN ({','.join('?' * len(part))})"
                for row in rows(self._cons[number], sql, part):
                    found[first + row[0]] = _section(row)[0]
        if sorted(found) != missing:
            raise Damaged("sections")
        known.update(found)
        return {position: known[position] for position in wanted}

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
            return sorted({int(y) for info in self._infos for y in info["years"].split()})
        except (KeyError, ValueError):
            raise Damaged("info") from None

    @cached_property
    def index(self) -> Index:
        firsts = self._firsts
        reports, sections = self._counted("reports"), self._counted("sections")
        last_year = max(self.years(), default=0)
        return Index(
            [
                Shard(
                    con,
                    units,
                    firsts["units"][n],
                    firsts["sections"][n],
                    firsts["reports"][n],
                    bounds={"unit_report": reports[n] - 1, "unit_section": sections[n] - 1, "unit_year": last_year},
                )
                for n, (con, units) in enumerate(zip(self._cons, self._counted("units"), strict=True))
            ]
        )

    # --- statements are read as they are asked for -----------------------------------------------

    def _statements(
        self, where: str, params: Sequence[Any], only: Iterable[int] | None = None
    ) -> Iterator[tuple[int, Statement]]:
        """(unit in the corpus, statement) of the rows ``where`` selects in every database (or in the
        databases numbered ``only``), in order."""
        numbers = range(len(self._cons)) if only is None else sorted(set(only))
        for number in numbers:
            first, con = self._firsts["units"][number], self._cons[number]
            for row in rows(con, f"SELECT {STATEMENT_COLUMNS} FROM statements {where}", params):
                yield first + row[0], _statement(row)

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
        only = self._route(section) if section is not None else None
        found = [statement for _, statement in self._statements(f"{clause} ORDER BY unit", params, only)]
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
        """(unit, text) of every searchable statement, in document order: each row checked against its
        checksum, its text alone read back (no record is built)."""
        count = 0
        for first, con in zip(self._firsts["units"], self._cons, strict=True):
            for row in rows(con, f"SELECT {STATEMENT_COLUMNS} FROM statements ORDER BY unit"):
                if first + row[0] != count or not isinstance(row[5], str):
                    raise Damaged("statements")
                yield count, row[5]
                count += 1
        if count != self.unit_count:
            raise Damaged("statements")

    def by_unit(self, units: Iterable[int]) -> dict[int, Statement]:
        """The statements of these unit numbers."""
        wanted = sorted(set(units))
        by_shard: dict[int, list[int]] = {}
        for unit in wanted:
            by_shard.setdefault(self._shard_of(unit), []).append(unit)
        found: dict[int, Statement] = {}
        for number, these in by_shard.items():
            con, first = self._cons[number], self._firsts["units"][number]
            for start in range(0, len(these), 500):
                part = [unit - first for unit in these[start : start + 500]]
                marks = ",".join("?" * len(part))
                for row in rows(con, f"SELECT {STATEMENT_COLUMNS} FROM statements WHERE unit IN ({marks})", part):
                    found[first + row[0]] = _statement(row)
        if len(found) != len(wanted) or set(found) != set(wanted):
            raise Damaged("statements")
        return found

    def _unit_of(self, ref: str) -> int:
        """The unit of the statement ``ref`` (KeyError if there is none)."""
        found = list(self._statements("WHERE ref = ?", (ref,), self._route(ref)))
        if not found:
            raise KeyError(ref)
        return found[0][0]

    def around(self, ref: str, span: int = 1) -> tuple[list[Statement], Statement, list[Statement]]:
        """A statement with up to ``span`` statements before and after it in its section."""
        unit = self._unit_of(ref)
        near = self.by_unit(u for u in range(unit - span, unit + span + 1) if 0 <= u < self.unit_count)
        statement = near[unit]
        if statement.ref != ref:
            raise Damaged("statements")
        same = [u for u in sorted(near) if near[u].section == statement.section]
        return [near[u] for u in same if u < unit], statement, [near[u] for u in same if u > unit]

    def paragraph(self, report_id: str, number: int) -> list[Statement]:
        """The sentences of paragraph ``number`` of a full report (refs ``<report>/<number>.<n>``)."""
        try:
            first = self._unit_of(refs.sentence_ref(report_id, number, 1))
        except KeyError:
            return []
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
        found = [s for _, s in self._statements("WHERE instr(extra, ?) ORDER BY unit", (f'"{at}"',), self._route(at))]
        return [s for s in found if any(q.at == at for q in s.official)]

    def statements_by_ref(self, refs: Iterable[str]) -> dict[str, Statement]:
        """The statements of these refs (those that exist), in document order, read 500 at a time; what
        was read once is kept for the run (a search's hits each ask for the sentences they render)."""
        asked = set(refs)
        known = self._by_ref
        wanted = sorted(ref for ref in asked if ref not in known)
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            only = {n for ref in part for n in self._route(ref)}
            found: dict[str, tuple[int, Statement]] = {}
            for unit, statement in self._statements(f"WHERE ref IN ({','.join('?' * len(part))})", part, only):
                if statement.ref in found or statement.ref not in part:
                    raise Damaged("statements")
                found[statement.ref] = (unit, statement)
            known.update({ref: found.get(ref) for ref in part})
        present = sorted(hit for ref in asked if (hit := known[ref]) is not None)
        return {statement.ref: statement for _, statement in present}

    def statement(self, ref: str) -> Statement:
        found = [statement for _, statement in self._statements("WHERE ref = ?", (ref,), self._route(ref))]
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


EXTRA_FIELDS = {
    "repairs",
    "notes",
    "official",
    "renders_nothing",
    "from_copy",
    "counterparts",
    "alignment_cost",
    "link_check",
}


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
    if not _is(plain["alignment_cost"], (int, float), optional=True) or not _is(
        plain["link_check"], str, optional=True
    ):
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
        link_check=plain["link_check"],
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
        *(key for key in FULL_KEYS if key != "sources"),  # the sources are pairs, checked below
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
