"""``reportcli export FILE``: everything loaded, as an SQLite database for sqlite-utils and Datasette.

Plain tables, one row per record, one value per cell: ``reports``, ``sections``, ``statements``,
``notes``, ``repairs``, ``official`` (the official words a statement renders), ``figures``; and
``statements_fts``, an FTS5 index of the statements' text (Porter stemming), made as sqlite-utils'
``enable-fts`` makes one, so that ``sqlite-utils search FILE statements pension`` and Datasette's
search box work at once. The file is written whole to a temporary file beside it, then moved into
place; an existing file is replaced only when asked.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from reportcli import atomic
from reportcli.caveats import where
from reportcli.db.corpus import Corpus
from reportcli.errors import DataError
from reportcli.model import Result

SCHEMA = """
CREATE TABLE reports (
    id TEXT PRIMARY KEY, year INTEGER, language TEXT, kind TEXT, title TEXT, date TEXT, event TEXT,
    speaker TEXT, role TEXT, completeness TEXT, source_file TEXT, source_sha256 TEXT, source_url TEXT,
    licence TEXT
);
CREATE TABLE sections (
    id TEXT PRIMARY KEY, report TEXT REFERENCES reports(id), kind TEXT, title TEXT, position INTEGER
);
CREATE TABLE statements (
    id INTEGER PRIMARY KEY, ref TEXT UNIQUE, report TEXT REFERENCES reports(id),
    section TEXT REFERENCES sections(id), year INTEGER, paragraph INTEGER, label TEXT, text TEXT,
    original TEXT, renders_nothing TEXT
);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY, ref TEXT REFERENCES statements(ref), figure TEXT, kind TEXT, text TEXT, source TEXT
);
CREATE TABLE repairs (
    id INTEGER PRIMARY KEY, ref TEXT REFERENCES statements(ref), kind TEXT, original TEXT, repaired TEXT,
    reason TEXT
);
CREATE TABLE official (
    id INTEGER PRIMARY KEY, ref TEXT REFERENCES statements(ref), text TEXT, at TEXT, part INTEGER,
    subpart INTEGER, paragraph INTEGER, sentence INTEGER
);
CREATE TABLE figures (
    id TEXT PRIMARY KEY, ref TEXT REFERENCES statements(ref), value REAL, high REAL, unit TEXT, display TEXT,
    qualifier TEXT, year INTEGER, theme TEXT, source TEXT, indicator TEXT, status TEXT, stated_unit TEXT,
    restored INTEGER
);
CREATE VIRTUAL TABLE statements_fts USING FTS5 (text, content=[statements], tokenize='porter');
"""


def export(corpus: Corpus, target: Path, *, replace: bool = False) -> Result:
    """Write the database; say how many rows each table got."""
    if str(target) == "-":
        raise DataError("export writes an SQLite file, not standard output; give a file name")
    if problem := atomic.regular_or_absent(target):  # a directory, a device, a FIFO, a link: never replaced
        raise DataError(f"{target}: {problem}; give the name of a file to write")
    if target.exists() and not replace:
        raise DataError(f"{target}: exists; --replace writes it again")
    directory = target.parent if str(target.parent) else Path(".")
    atomic.sweep(directory, "export", atomic.is_sqlite_of_ours)  # what a killed export left here
    try:
        fd, temporary = tempfile.mkstemp(prefix=atomic.temporary_name("export"), suffix=".db", dir=directory)
    except OSError as exc:
        raise DataError(f"{target}: cannot write there ({exc.strerror or exc})") from None
    os.close(fd)
    try:
        with atomic.removed_on_signal(temporary):
            counts = _write(corpus, temporary)
            if problem := atomic.regular_or_absent(target):  # something put there while we wrote
                raise DataError(f"{target}: {problem}; give the name of a file to write")
            os.replace(temporary, target)
    except sqlite3.Error as exc:
        raise DataError(f"{target}: cannot write the database ({exc})") from None
    except OSError as exc:
        raise DataError(f"{target}: cannot write the database ({exc.strerror or exc})") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    rows = [{"table": table, "rows": n} for table, n in counts.items()]
    return Result("exported", {"file": str(target), "tables": rows}, rows, facts={"summary": f"wrote {target}"})


def _write(corpus: Corpus, path: str) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        con.execute(f"PRAGMA application_id = {atomic.APPLICATION_ID}")  # so a sweep knows it for ours
        con.executescript(SCHEMA)
        counts = {name: 0 for name in ("reports", "sections", "statements", "notes", "repairs", "official", "figures")}
        for meta in corpus.reports:
            source = meta.source
            con.execute(
                "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    meta.id,
                    meta.report_year,
                    meta.language,
                    meta.kind,
                    meta.title,
                    meta.date,
                    meta.event,
                    meta.speaker,
                    meta.role,
                    meta.completeness,
                    source.file if source else None,
                    source.sha256 if source else None,
                    source.url if source else None,
                    meta.licence,
                ),
            )
            counts["reports"] += 1
        for position, section in enumerate(corpus.sections):
            con.execute(
                "INSERT INTO sections VALUES (?, ?, ?, ?, ?)",
                (section.id, section.report, section.kind, section.title, position),
            )
            counts["sections"] += 1
        report_of = {section.id: section.report for section in corpus.sections}
        for unit, statement in enumerate(corpus.statements()):
            con.execute(
                "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    unit + 1,
                    statement.ref,
                    report_of[statement.section],
                    statement.section,
                    statement.year,
                    statement.paragraph,
                    statement.label,
                    statement.text,
                    statement.original,
                    statement.renders_nothing,
                ),
            )
            counts["statements"] += 1
            for note in statement.notes:
                con.execute(
                    "INSERT INTO notes (ref, figure, kind, text, source) VALUES (?, NULL, ?, ?, ?)",
                    (statement.ref, note.kind, note.text, note.source),
                )
                counts["notes"] += 1
            for repair in statement.repairs:
                con.execute(
                    "INSERT INTO repairs (ref, kind, original, repaired, reason) VALUES (?, ?, ?, ?, ?)",
                    (statement.ref, *repair),
                )
                counts["repairs"] += 1
            for quote in statement.official:
                place = where(corpus, quote.at)
                numbers = (place["part"], place["subpart"], place["paragraph"], place["sentence"])
                con.execute(
                    "INSERT INTO official (ref, text, at, part, subpart, paragraph, sentence) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (statement.ref, quote.text, quote.at, *numbers),
                )
                counts["official"] += 1
        for figure in corpus.figures:
            con.execute(
                "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    figure.id,
                    figure.ref,
                    figure.value if figure.status == "set" else None,
                    figure.high,
                    figure.unit,
                    figure.display,
                    figure.qualifier,
                    figure.year,
                    figure.theme,
                    figure.source,
                    figure.indicator,
                    figure.status,
                    figure.stated_unit,
                    int(figure.restored),
                ),
            )
            counts["figures"] += 1
            for note in figure.notes:
                con.execute(
                    "INSERT INTO notes (ref, figure, kind, text, source) VALUES (?, ?, ?, ?, ?)",
                    (figure.ref, figure.id, note.kind, note.text, note.source),
                )
                counts["notes"] += 1
        con.execute("INSERT INTO statements_fts (rowid, text) SELECT id, text FROM statements")
        con.commit()
        return counts
    finally:
        con.close()
