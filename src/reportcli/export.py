"""``reportcli export FILE``: everything loaded, as an SQLite database for sqlite-utils and Datasette.

Plain tables, one row per record, one value per cell: ``reports``, ``sections``, ``statements``,
``notes``, ``repairs``, ``official`` (the official words a statement renders), ``figures``; and
full-text indexes made as sqlite-utils' ``enable-fts`` makes them, so that ``sqlite-utils search`` and
Datasette's search box work at once, one per language:

- ``statements_fts`` over ``statements``: English words in any form (Porter stemming: ``pension``
  finds "pensions"). Its tokenizer takes a run of Chinese characters between two punctuation marks
  for one word, so it finds no Chinese word inside a sentence;
- ``statements_zh_fts`` over ``statements_zh``, the statements of the Chinese reports (each with its
  id in ``statements``, and its text in simplified characters where it is written in traditional
  ones): any three or more characters, wherever they stand (trigrams: ``碳达峰``; ``国民经济`` finds
  1954's 國民經濟 too). Two characters are too few for a trigram index: ``WHERE text LIKE '%养老%'``;
- ``official_fts`` over ``official``: the official Chinese words the summary's statements render,
  by trigrams too.

The file is written whole to a temporary file beside it, then moved into place; an existing file is
replaced only when asked.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
from pathlib import Path

from reportcli import atomic
from reportcli.caveats import WHOSE_WORDS, where
from reportcli.db.corpus import Corpus
from reportcli.errors import DataError
from reportcli.language import IDEOGRAPHS, ZH
from reportcli.model import Result

SCHEMA = """
CREATE TABLE reports (
    id TEXT PRIMARY KEY, year INTEGER, language TEXT, kind TEXT, title TEXT, date TEXT, event TEXT,
    speaker TEXT, role TEXT, completeness TEXT, source_file TEXT, source_sha256 TEXT, source_url TEXT,
    licence TEXT, speaker_pinyin TEXT, speaker_zh TEXT, role_en TEXT, role_zh TEXT, session TEXT,
    session_zh TEXT, date_until TEXT, report_kind TEXT, five_year_plan TEXT, approved TEXT, publisher TEXT,
    translation TEXT, copies TEXT
);
CREATE TABLE caveats (
    id INTEGER PRIMARY KEY, report TEXT REFERENCES reports(id), kind TEXT, text TEXT, source TEXT,
    whose_words INTEGER
);
CREATE TABLE metadata_sources (
    id INTEGER PRIMARY KEY, report TEXT REFERENCES reports(id), field TEXT, source TEXT
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
    restored INTEGER, kind TEXT, basis TEXT, period_from INTEGER, period_to INTEGER
);
CREATE VIRTUAL TABLE statements_fts USING FTS5 (text, content=[statements], tokenize='porter');
"""

# The Chinese text, and the indexes of its trigrams (SQLite 3.34 and later have the tokenizer).
CHINESE = """
CREATE TABLE statements_zh (
    id INTEGER PRIMARY KEY REFERENCES statements(id), ref TEXT UNIQUE REFERENCES statements(ref),
    report TEXT REFERENCES reports(id), year INTEGER, text TEXT, simplified TEXT
);
"""
TRIGRAMS = """
CREATE VIRTUAL TABLE statements_zh_fts USING FTS5 (
    text, simplified, content=[statements_zh], content_rowid=[id], tokenize='trigram'
);
CREATE VIRTUAL TABLE official_fts USING FTS5 (text, content=[official], tokenize='trigram');
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
            counts, trigrams = _write(corpus, temporary)
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
    summary = f"wrote {target}"
    if not trigrams:
        summary += (
            f"; without its Chinese full-text indexes: this SQLite ({sqlite3.sqlite_version}) has no trigram "
            "tokenizer (3.34 and later have)"
        )
    return Result("exported", {"file": str(target), "tables": rows}, rows, facts={"summary": summary})


def _write(corpus: Corpus, path: str) -> tuple[dict[str, int], bool]:
    """The database written; its tables' row counts, and whether it has the trigram indexes."""
    con = sqlite3.connect(path)
    try:
        con.execute(f"PRAGMA application_id = {atomic.APPLICATION_ID}")  # so a sweep knows it for ours
        con.executescript(SCHEMA)
        con.executescript(CHINESE)
        trigrams = _trigrams(con)
        counts = {
            name: 0
            for name in (
                "reports",
                "caveats",
                "metadata_sources",
                "sections",
                "statements",
                "notes",
                "repairs",
                "official",
                "figures",
            )
        }
        counts["statements_zh"] = 0
        chinese = {meta.id for meta in corpus.reports if meta.language == ZH}
        _reports(con, corpus, counts)
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
            if report_of[statement.section] in chinese:
                simple = _simplified(statement.text)
                con.execute(
                    "INSERT INTO statements_zh VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        unit + 1,
                        statement.ref,
                        report_of[statement.section],
                        statement.year,
                        statement.text,
                        simple if simple != statement.text else None,
                    ),
                )
                counts["statements_zh"] += 1
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
                "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    figure.kind,  # a target, an outcome, a period's average or total: never one for another
                    figure.basis,
                    *(figure.period or (None, None)),
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
        if trigrams:
            con.execute(
                "INSERT INTO statements_zh_fts (rowid, text, simplified) SELECT id, text, simplified FROM statements_zh"
            )
            con.execute("INSERT INTO official_fts (rowid, text) SELECT id, text FROM official")
        con.commit()
        return counts, trigrams
    finally:
        con.close()


def _reports(con: sqlite3.Connection, corpus: Corpus, counts: dict[str, int]) -> None:
    """Each report with its metadata, its caveats (``whose_words``: those that change whose words a row
    is, as ``report_caveats`` marks them) and where each fact of its metadata comes from."""
    for meta in corpus.reports:
        source = meta.source
        con.execute(
            f"INSERT INTO reports VALUES ({', '.join('?' * 27)})",
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
                meta.speaker_pinyin,
                meta.speaker_zh,
                meta.role_en,
                meta.role_zh,
                meta.session_en,
                meta.session_zh,
                meta.date_until,
                meta.report_kind,
                meta.five_year_plan,
                meta.approved,
                meta.publisher,
                meta.translation,
                meta.copies,
            ),
        )
        counts["reports"] += 1
        for note in meta.caveats:
            con.execute(
                "INSERT INTO caveats (report, kind, text, source, whose_words) VALUES (?, ?, ?, ?, ?)",
                (meta.id, note.kind, note.text, note.source, note.kind in WHOSE_WORDS),
            )
            counts["caveats"] += 1
        for field, where_from in meta.sources:
            con.execute(
                "INSERT INTO metadata_sources (report, field, source) VALUES (?, ?, ?)",
                (meta.id, field, where_from),
            )
            counts["metadata_sources"] += 1


def _trigrams(con: sqlite3.Connection) -> bool:
    """The trigram indexes made, if this SQLite has the tokenizer (3.34 and later); else none."""
    try:
        con.executescript(TRIGRAMS)
    except sqlite3.OperationalError as exc:
        if "tokenizer" not in str(exc):
            raise
        return False
    return True


_IDEOGRAPH = re.compile(f"[{IDEOGRAPHS}]")


def _simplified(text: str) -> str:
    """The text with each traditional character in its simplified form (as search compares them)."""
    from reportcli.text import simplified

    return _IDEOGRAPH.sub(lambda found: simplified(found.group()), text)
