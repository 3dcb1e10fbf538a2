"""The loaded report as an SQLite database: what every query reads, and what the cache keeps.

``build`` writes a checked ``Report`` and its search index into a fresh in-memory database, every
row ending with its checksum (``checked``); ``serialize`` turns it into the bytes of a cache entry.
``open_file`` opens such an entry read-only, as an immutable file: SQLite then reads only the pages
a query needs, and was made to read damaged files without harm. Whatever the file holds, it is used
only if its schema is exactly the one ``build`` makes; each row is verified when it is read.
"""

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import quote

from reportcli.atomic import APPLICATION_ID
from reportcli.db import index
from reportcli.db.checked import Damaged, rows, with_checksum
from reportcli.model import THEME, Figure, Meta, Part, Report, Section, Statement, YearCount

NAMES = "names"  # the info row of what must be unique across files (read apart: ``kept_names``)
FORMAT = 17  # of the schema below; a database of another format is not read

SCHEMA = (
    """
CREATE TABLE info (name TEXT PRIMARY KEY, value TEXT NOT NULL, checksum INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE reports (position INTEGER PRIMARY KEY, id TEXT NOT NULL, meta TEXT NOT NULL, checksum INTEGER NOT NULL);
CREATE TABLE sections (
    position INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,
    grp TEXT NOT NULL, heading TEXT NOT NULL, statements INTEGER NOT NULL, years TEXT NOT NULL,
    report TEXT NOT NULL, aliases TEXT NOT NULL, checksum INTEGER NOT NULL
);
CREATE INDEX sections_id ON sections (id);
CREATE TABLE statements (
    unit INTEGER PRIMARY KEY, ref TEXT NOT NULL, section TEXT NOT NULL, year INTEGER,
    paragraph INTEGER NOT NULL, text TEXT NOT NULL, original TEXT, label TEXT, extra TEXT,
    checksum INTEGER NOT NULL
);
CREATE INDEX statements_ref ON statements (ref);
CREATE INDEX statements_section ON statements (section, year);
CREATE TABLE figures (
    position INTEGER PRIMARY KEY, ref TEXT NOT NULL, record TEXT NOT NULL, checksum INTEGER NOT NULL
);
CREATE INDEX figures_ref ON figures (ref);
CREATE TABLE arrays (name TEXT PRIMARY KEY, data BLOB NOT NULL, checksum INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE derived (name TEXT PRIMARY KEY, value TEXT NOT NULL, checksum INTEGER NOT NULL) WITHOUT ROWID;
"""
    + index.SCHEMA
)

# A run may take at most this many SQLite virtual-machine steps (in thousands): a damaged file could
# make a B-tree walk in circles, and no run of reportcli's comes near it on the largest corpus.
STEP_LIMIT = 200_000

__all__ = ["FORMAT", "Damaged", "build", "info", "open_file", "save_derived", "serialize"]


def _connect(target: str = ":memory:", uri: bool = False) -> sqlite3.Connection:
    con = sqlite3.connect(target, uri=uri, isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA trusted_schema = OFF")
    con.execute("PRAGMA cell_size_check = ON")
    steps = [0]

    def guard() -> int:
        steps[0] += 1
        return 1 if steps[0] > STEP_LIMIT else 0  # non-zero interrupts the query

    con.set_progress_handler(guard, 1000)
    return con


def build(
    reports: Report | Iterable[Report],
    progress: Callable[[float], None] | None = None,
    stamp: dict[str, str] | Callable[[], dict[str, str]] | None = None,
    target: str = ":memory:",
    count: int | None = None,
) -> sqlite3.Connection:
    """A new database holding the reports and their search index (and ``stamp``, for the cache), in
    memory or in the (new, empty) file ``target``: written straight to its cache entry, the database is
    never held twice in memory. ``reports`` may be a generator: each report is written and indexed,
    then let go, so that a corpus is never held whole (``count``, if known, is for ``progress``);
    ``stamp`` may be a function, asked once every report has been read."""
    one = isinstance(reports, Report)
    stream: Iterable[Report] = [reports] if isinstance(reports, Report) else reports
    count = 1 if one else count
    con = _connect(target)
    # the header says whose the file is (the cache sweeps and evicts only files that say so): written
    # with the schema, before any report, so that even a file left by a killed build says it
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    if target != ":memory:":
        con.execute("PRAGMA journal_mode = OFF")  # a temporary file, renamed into place only when whole
        con.execute("PRAGMA synchronous = OFF")
    con.executescript(SCHEMA)
    con.execute("BEGIN")
    from reportcli.extract.figures import report_figures  # the rules only when a report is built
    from reportcli.reportfile import distinct_names

    builder = index.Builder()
    units = figures = sections = ref_width = 0
    years: set[int] = set()
    position = -1
    kinds: list[list[str]] = []  # [id, kind] of each report: where a ref can be (Corpus routes by it)
    sizes: list[list[int | None]] = []  # [report, year, characters, words] of the statements' own text
    names: list[tuple[str, str]] = []  # what must be unique among files read together (``kept_names``)
    themes = 0  # how many of the sections are themes (``Corpus.themes`` reads them alone, and counts them)
    for position, report in enumerate(stream):
        kinds.append([report.meta.id, report.meta.kind])
        names += distinct_names(report)
        if progress is not None and count and count > 1:
            progress(position / count)
        con.execute(
            "INSERT INTO reports VALUES (?, ?, ?, ?)",
            with_checksum((position, report.meta.id, json.dumps(_meta_plain(report.meta)))),
        )
        rows = _sections(report, sections)
        themes += sum(1 for row in rows if row[2] == THEME)
        con.executemany(
            "INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (with_checksum(r) for r in rows)
        )
        statements = list(report.statements())
        figures_of = (*report.figures, *report_figures(report))
        con.executemany(
            "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (with_checksum((units + n, *statement_row(s))) for n, s in enumerate(statements)),
        )
        con.executemany(
            "INSERT INTO figures VALUES (?, ?, ?, ?)",
            (with_checksum((figures + i, f.ref, json.dumps(_figure_plain(f)))) for i, f in enumerate(figures_of)),
        )
        placed = {row[1]: (row[0], position) for row in rows}
        builder.add(con, statements, placed, attached_texts(report), progress if count == 1 else None)
        years.update(y for row in rows for y, *_ in json.loads(row[7]))
        years.update(f.year for f in figures_of)
        sizes += _sizes_of(position, rows, statements, builder.lengths[units : units + len(statements)])
        units += len(statements)
        ref_width = max([ref_width, *(len(s.ref) for s in statements)])
        figures += len(figures_of)
        sections += len(rows)
    builder.finish(con)
    named = {
        "format": str(FORMAT),
        "reports": str(position + 1),
        "units": str(units),
        "figures": str(figures),
        "sections": str(sections),
        "ref_width": str(ref_width),
        "kinds": json.dumps(kinds),
        NAMES: json.dumps(names, ensure_ascii=False),
        "themes": str(themes),
        "sizes": json.dumps(sizes),
        "years": " ".join(map(str, sorted(years))),
    }
    stamped = stamp() if callable(stamp) else stamp
    con.executemany(
        "INSERT INTO info VALUES (?, ?, ?)", (with_checksum(kv) for kv in {**named, **(stamped or {})}.items())
    )
    con.execute("COMMIT")
    return con


def _sizes_of(
    position: int, rows: list[tuple[Any, ...]], statements: list[Statement], lengths: Sequence[int]
) -> list[list[int | None]]:
    """[report, year, characters, words] of a report's statements' own text, by year (None: no year):
    the characters as its sections count them, the words (tokens) as the index does."""
    words: dict[int | None, int] = {}
    for statement, length in zip(statements, lengths, strict=True):
        words[statement.year] = words.get(statement.year, 0) + length
    characters: dict[int | None, int] = {}
    for row in rows:
        for year, _, _, _, count in json.loads(row[7]):
            characters[year] = characters.get(year, 0) + count
    return [[position, year, characters.get(year, 0), n] for year, n in words.items()]


def save_derived(con: sqlite3.Connection, name: str, value: Any) -> None:
    """Keep a result worked out from the whole data (as JSON) beside it, so that a cached database
    answers it without working it out again (``Corpus.derived`` reads it back)."""
    con.execute("INSERT OR REPLACE INTO derived VALUES (?, ?, ?)", with_checksum((name, json.dumps(value))))


def serialize(con: sqlite3.Connection) -> bytes:
    return con.serialize()


def restamped(con: sqlite3.Connection, stamp: dict[str, str]) -> bytes:
    """The bytes of a copy of the database with new stamp rows (the rest as it is)."""
    copy = _connect()
    con.backup(copy)
    copy.executemany("INSERT OR REPLACE INTO info VALUES (?, ?, ?)", (with_checksum(kv) for kv in stamp.items()))
    return copy.serialize()


def open_file(path: str) -> sqlite3.Connection | None:
    """The database in this file, read-only, if its schema is exactly the one ``build`` makes; else None.

    ``path`` is opened as immutable: no locks, no journal, because entries are replaced whole by a
    rename and never written in place."""
    try:
        con = _connect(f"file:{quote(path)}?mode=ro&immutable=1", uri=True)
        con.execute("PRAGMA query_only = ON")
        if con.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY 1, 2").fetchall() != _expected():
            con.close()
            return None
        return con
    except (sqlite3.Error, ValueError, OverflowError, MemoryError):
        return None


def info(con: sqlite3.Connection) -> dict[str, str]:
    """The database's info rows (format, stamp of the data file...), verified; all but ``names``, which
    only a directory's check needs (``kept_names``: of a large summary, megabytes)."""
    found = dict(rows(con, f"SELECT name, value, checksum FROM info WHERE name != '{NAMES}'"))
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in found.items()):
        raise Damaged("info")
    return found


def kept_names(con: sqlite3.Connection) -> list[tuple[str, str]]:
    """What the database's reports hold that must be unique among files read together, as ``build``
    kept it (``reportfile.distinct_names``), verified."""
    found = [value for _, value in rows(con, f"SELECT name, value, checksum FROM info WHERE name = '{NAMES}'")]
    if len(found) != 1 or not isinstance(found[0], str):
        raise Damaged("info")
    try:
        pairs = json.loads(found[0])
    except (ValueError, RecursionError):
        raise Damaged("info") from None
    if not isinstance(pairs, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(v, str) for v in pair) for pair in pairs
    ):
        raise Damaged("info")
    return [(what, name) for what, name in pairs]


_EXPECTED: list[list[tuple[Any, ...]]] = []


def _expected() -> list[tuple[Any, ...]]:
    if not _EXPECTED:
        con = sqlite3.connect(":memory:")
        con.executescript(SCHEMA)
        _EXPECTED.append(con.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY 1, 2").fetchall())
        con.close()
    return _EXPECTED[0]


def attached_texts(report: Report) -> dict[str, list[tuple[str, str]]]:
    """By ref, what is searched with a statement besides its words, and where it belongs: its notes and
    its figures' notes (``notes``), the official words it and its figures render (``official``), so
    that ``search 十年禁渔`` finds the summary's sentence."""
    figures: dict[str, list[Figure]] = {}
    for figure in report.figures:
        figures.setdefault(figure.ref, []).append(figure)
    attached: dict[str, list[tuple[str, str]]] = {}
    for statement in report.statements():
        if texts := attached_of(statement, figures.get(statement.ref, [])):
            attached[statement.ref] = texts
    return attached


def attached_of(statement: Statement, figures: Iterable[Figure]) -> list[tuple[str, str]]:
    """What is searched with one statement besides its words, in the order the index holds it: its
    notes, its official words, then each of its figures' (the figures its report file gives)."""
    texts = [("notes", n.text) for n in statement.notes] + [("official", q.text) for q in statement.official]
    for figure in figures:
        texts += [("notes", n.text) for n in figure.notes]
        texts += [("official", figure.official.text)] if figure.official else []
    return texts


# --- sections as the report's parts define them ----------------------------------------------------


def sections_of(report: Report) -> list[tuple[Section, int]]:
    """Every section of a report in reading order, each with the number of its statements."""
    return [(_section_of(part), sum(1 for _ in part.statements())) for part in report.parts]


def _section_of(part: Part) -> Section:
    return Section(
        id=part.id,
        kind=part.kind,
        title=part.title,
        group=part.group,
        heading=part.heading,
        report=part.report,
        aliases=part.aliases,
        years=tuple(
            YearCount(
                year=year,
                inferred=year in part.inferred_years,
                paragraphs=len(paragraphs),
                statements=sum(len(p) for p in paragraphs),
                characters=sum(len(s.text) for p in paragraphs for s in p),
            )
            for year, paragraphs in part.years.items()
            if year is not None
        ),
    )


# --- the plain forms of the records -----------------------------------------------------------------


def statement_row(s: Statement) -> tuple[Any, ...]:
    """A statement as the columns after ``unit``: ref, section, year, paragraph, text, original, label, extra."""
    extra = None
    if s.repairs or s.notes or s.official or s.renders_nothing or s.from_copy or s.counterparts:
        extra = json.dumps(
            {
                "repairs": [list(r) for r in s.repairs],
                "notes": [list(n) for n in s.notes],
                "official": [list(q) for q in s.official],
                "renders_nothing": s.renders_nothing,
                "from_copy": s.from_copy,
                "counterparts": list(s.counterparts),
                "alignment_cost": s.alignment_cost,
                "link_check": s.link_check,
            }
        )
    return (s.ref, s.section, s.year, s.paragraph, s.text, s.original, s.label, extra)


def _sections(report: Report, first: int) -> list[tuple[Any, ...]]:
    """The rows of a report's sections, numbered from ``first``."""
    return [
        (
            first + i,
            s.id,
            s.kind,
            s.title,
            s.group,
            s.heading,
            count,
            json.dumps([list(y) for y in s.years]),
            s.report,
            json.dumps(list(s.aliases)),
        )
        for i, (s, count) in enumerate(sections_of(report))
    ]


def _meta_plain(meta: Meta) -> dict[str, Any]:
    plain = meta._asdict()
    heading = meta.themes_heading
    plain["themes_heading"] = (
        None if heading is None else [heading.text, heading.original, list(heading.note) if heading.note else None]
    )
    plain["official"] = None if meta.official is None else [*meta.official[:4], [list(p) for p in meta.official.parts]]
    plain["source"] = None if meta.source is None else list(meta.source)
    plain["caveats"] = [list(n) for n in meta.caveats]
    plain["removed"] = [list(r) for r in meta.removed]
    plain["sources"] = [list(pair) for pair in meta.sources]
    return plain


def _figure_plain(figure: Figure) -> dict[str, Any]:
    plain = figure._asdict()
    plain["notes"] = [list(n) for n in figure.notes]
    plain["official"] = list(figure.official) if figure.official else None
    plain["period"] = list(figure.period) if figure.period else None
    return plain
