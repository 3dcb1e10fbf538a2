"""The published files reportcli imports, and how to read each format into records (one text each).

Four formats, recognised by their content:

- ``jsonl``: one JSON object per line (``title``, ``url``, ``content``, ``year``), as the Chinese
  Wikisource pages are published in aldohemsn/chinese-political-corpora;
- ``tsv``: ``year<TAB>text`` lines, one report per line, paragraphs marked by full-width double spaces
  or tabs (chengjun/mybook);
- ``text``: an English text, one paragraph per line after a first ``# source:`` line;
- ``parallel-csv``: sentence-aligned Chinese and English (YaaaFei/gov-work-report-corpus-demo): the
  English is read from ``原始英文``, its rows joined by a space into the lines of the year's file
  (``年度文件内行号``), which is the text the ``text`` format holds.

``PINNED`` lists the files ``corpus fetch`` downloads, each at a fixed commit with its SHA-256, and
what their publishers or this project found wrong with particular records (``facts``): the import
applies those on purpose, and reports them.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import math
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from reportcli.errors import DataError
from reportcli.language import EN, ZH
from reportcli.reportfile import files
from reportcli.reportfile.checks import Checker

JSONL, TSV, TEXT, PARALLEL = "jsonl", "tsv", "text", "parallel-csv"
MAX_INPUT_BYTES = 256 * 2**20


class Fact(NamedTuple):
    """What is known of one record of a pinned file, and what the import does about it."""

    kind: str  # completeness (partial, abstract, incomplete), or a caveat's kind
    text: str


class Pinned(NamedTuple):
    name: str  # the file's name
    path: str  # where it sits in a mirror laid out as ../shared/corpus (zh/..., en/parallel/...)
    url: str  # the file as published, at a fixed commit
    sha256: str
    size: int
    origin: str  # repository, commit and path
    facts: dict[tuple[int, str], tuple[Fact, ...]] | None = None  # (year, language) -> facts


_WIKISOURCE = "aldohemsn/chinese-political-corpora"
_HPRC = "chengjun/mybook"
_XINHUA = "YaaaFei/gov-work-report-corpus-demo"
_SEE = "its publisher's notes and ../shared/corpus/README.md"


def _raw(repository: str, commit: str, path: str) -> str:
    return f"https://raw.githubusercontent.com/{repository}/{commit}/{path}"


def _parallel(year: int, sha256: str, size: int) -> Pinned:
    commit = "6e7760ed45fa5612c395fc184107a10c4dc587e2"
    name = f"04_{year}_auto_usable_parallel.csv"
    partial = Fact(
        "partial",
        "Only the sentence pairs the compiler marked usable: about 92-94% of the report; the paragraph of "
        "the main targets and some other sentences are missing.",
    )
    return Pinned(
        name,
        f"en/parallel/{name}",
        _raw(_XINHUA, commit, f"data/{name}"),
        sha256,
        size,
        f"{_XINHUA}@{commit[:8]}:data/{name}",
        {(year, EN): (partial,)},
    )


PINNED = (
    Pinned(
        "government_work_reports.jsonl",
        "zh/government_work_reports.jsonl",
        _raw(_WIKISOURCE, "2e56948f20e8056d9e443377f738cbea0a4a5bf3", "government_work_reports.jsonl"),
        "1d4eb8102366f5645e2b423b9659ff83f95aaa01377c62be6177860e71f18023",
        3_344_288,
        f"{_WIKISOURCE}@2e56948f:government_work_reports.jsonl",
        {(1964, ZH): (Fact("abstract", "The published abstract (摘要) of the report, not its full text."),)},
    ),
    Pinned(
        "hprc_gov_reports1954-2022.tsv",
        "zh/hprc_gov_reports1954-2022.tsv",
        _raw(_HPRC, "c963d495baf638c410d7be13eb56f6b56ba189d2", "data/gov_reports1954-2022.txt"),
        "717377aaae4e253adf8d36134c8c329f8fa48040181faa2fb9d98dea13b8480e",
        3_431_543,
        f"{_HPRC}@c963d495:data/gov_reports1954-2022.txt",
        {
            (1991, ZH): (
                Fact(
                    "not-the-premiers-report",
                    "Not the Premier's Government Work Report of 1991: Zou Jiahua's report on the plan, filed "
                    "under 1991 by the source; neither source holds the Premier's report of that year.",
                ),
            ),
            (2007, ZH): (Fact("incomplete", "The source holds about two thirds of the report."),),
            (1954, ZH): (Fact("wrong-date", "The source's header gives a wrong date for this report."),),
            (2010, ZH): (Fact("appended", "The source appends a glossary after the report's end."),),
            (1964, ZH): (Fact("abstract", "The published abstract (摘要) of the report, not its full text."),),
        },
    ),
    _parallel(2024, "8c7397996f90be5f60c34ae6ae778fe0068cf47847a166a1139218140507cb2e", 334_277),
    _parallel(2025, "d295c6d9b5d4a6c053ba48b30b32e2970962d49d7e444392f82ac87588f9d869", 347_047),
    _parallel(2026, "bad45284b06fbc82143bbdad293ef27e0f4e4ecf7d5e8ee683c9522b44e6eaff", 349_074),
)
BY_SHA256 = {p.sha256: p for p in PINNED}


class Record(NamedTuple):
    """One text of an input file: what the importer turns into one report (or skips, saying why)."""

    file: str  # the input file's name, printable (``printable``): it goes into YAML and onto terminals
    format: str
    line: int  # where the record is (line; for a CSV, the first row of the year)
    year: int | None
    language: str
    title: str | None
    url: str | None
    content: str  # the text as published: what the cleaning record is relative to
    note: str | None = None  # the source's own description (the English files' source line)
    offset: int = 0  # the byte where its line begins (a JSONL or TSV record is read again from there)


class Bad(NamedTuple):
    """A record of an input file that cannot be imported, and why: refused with its line, or skipped
    with ``--skip-bad``."""

    file: str  # as Record.file
    line: int
    where: str  # the file as given, and the line: what a message names
    reason: str


class BadRecord(DataError):
    """A record that cannot be imported (the file may hold others that can)."""

    def __init__(self, bad: Bad) -> None:
        super().__init__(f"{bad.where}: {bad.reason}")
        self.bad = bad


class InputFile(NamedTuple):
    """An input file, read once to tell its format and checksum; its records are read from it again,
    one at a time, so that no more than a record is held at once. A pipe, which cannot be read again,
    is held whole (``spooled``)."""

    path: Path
    sha256: str
    format: str
    size: int
    identity: tuple[int, int, int, int] | None  # device, inode, size, mtime of a regular file
    spooled: bytes | None = None

    @property
    def name(self) -> str:
        return printable(self.path.name)

    @property
    def shown(self) -> str:
        return printable(str(self.path))

    @property
    def pinned(self) -> Pinned | None:
        return BY_SHA256.get(self.sha256)

    def facts(self, year: int | None, language: str) -> tuple[Fact, ...]:
        pinned = self.pinned
        return (pinned.facts or {}).get((year, language), ()) if pinned and year is not None else ()

    @contextlib.contextmanager
    def opened(self) -> Iterator[BinaryIO]:
        """The file to read again, from its start: refused if it is no longer the file first read."""
        if self.spooled is not None:
            yield io.BytesIO(self.spooled)
            return
        fd, info = files.guarded_open(self.path, INPUT)
        with open(fd, "rb") as handle:
            if (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns) != self.identity:
                raise DataError(f"{self.shown}: changed while it was imported; nothing was imported, run it again")
            yield handle


INPUT = files.Noun("a file to import", "files to import")
MAX_DIGITS = 30  # an integer of JSON with more digits is no year, no count: refused before it is converted
# control characters (C0, DEL, C1), and the invisible ones: soft hyphen, bidi marks and overrides,
# zero-width characters, line and paragraph separators, the byte-order mark, interlinear annotation
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)


def printable(name: str) -> str:
    """A name taken from the file system as text that can go into YAML, a comment line and a terminal:
    bytes that are not UTF-8 as \\xNN (``files.shown``), control and invisible characters (a line break,
    an escape, a bidi override) as \\xNN or \\uNNNN, so that a name can neither break a line it stands in
    nor hide what it is."""
    return _UNPRINTABLE.sub(_escape, files.shown(name))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def read_input(path: Path) -> InputFile:
    """Read an input file once (through the guarded opener, bounded): its checksum and format."""
    fd, info = files.guarded_open(path, INPUT)
    try:
        regular = stat.S_ISREG(info.st_mode)
        if regular and info.st_size > MAX_INPUT_BYTES:
            raise DataError(
                f"{printable(str(path))}: file is {info.st_size / 2**20:.1f} MiB; reportcli imports files up to "
                f"{MAX_INPUT_BYTES // 2**20} MiB"
            )
        digest = hashlib.sha256()
        head = b""
        held: list[bytes] | None = None if regular else []
        size = 0
        for chunk in files.chunks(fd, printable(str(path)), MAX_INPUT_BYTES, INPUT):
            digest.update(chunk)
            size += len(chunk)
            if len(head) < 4096:
                head += chunk[: 4096 - len(head)]
            if held is not None:
                held.append(chunk)
        after = os.fstat(fd)
    except OSError as exc:
        raise DataError(f"{printable(str(path))}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if not size and stat.S_ISFIFO(info.st_mode):  # a pipe no one writes to
        raise DataError(f"{printable(str(path))}: is a FIFO that nothing was written to, not {INPUT.one}")
    identity = (after.st_dev, after.st_ino, after.st_size, after.st_mtime_ns)
    if regular and (size != after.st_size or after.st_mtime_ns != info.st_mtime_ns):
        raise DataError(f"{printable(str(path))}: changed while it was read; nothing was imported, run it again")
    spooled = b"".join(held) if held is not None else None
    return InputFile(path, digest.hexdigest(), detect(path, head), size, identity if regular else None, spooled)


def detect(path: Path, raw: bytes) -> str:
    head = raw[:4096].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"{"):
        return JSONL
    if head.startswith(b"# source:"):
        return TEXT
    if b"\xe5\x8e\x9f\xe5\xa7\x8b\xe8\x8b\xb1\xe6\x96\x87" in head.split(b"\n", 1)[0]:  # 原始英文 in the header
        return PARALLEL
    if re.match(rb"\d{4}\t", head):
        return TSV
    raise DataError(
        f"{printable(str(path))}: not a format reportcli imports (JSON lines of Wikisource pages, YEAR<TAB>TEXT "
        "lines, an English text after a '# source:' line, or a parallel Chinese-English CSV)"
    )


class _Line(NamedTuple):
    number: int
    offset: int  # of its first byte in the file
    raw: bytes  # with its line break


def _lines(handle: BinaryIO, number: int = 1, offset: int = 0) -> Iterator[_Line]:
    """The lines of a file as bytes (each with its line break), numbered from ``number``, with offsets."""
    for raw in handle:
        yield _Line(number, offset, raw)
        number += 1
        offset += len(raw)


def _decoded(file: InputFile, line: _Line) -> str:
    """A line as text (strict UTF-8; a byte-order mark at the file's start dropped); refused as a Bad
    record, naming the line and the byte, if it is not UTF-8."""
    try:
        text = line.raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(file, line.number, f"not UTF-8 (invalid byte at offset {line.offset + exc.start})") from None
    return text.removeprefix("\ufeff") if line.offset == 0 else text


def _bad(file: InputFile, line: int, reason: str) -> BadRecord:
    return BadRecord(Bad(file.name, line, f"{file.shown}:{line}", reason))


def entries(file: InputFile) -> Iterator[Record | Bad]:
    """The texts of an input file, in its order, each a Record, or a Bad record with the reason (a
    line of a JSONL or TSV file; the one record of an English text or a parallel CSV)."""
    with file.opened() as handle:
        if file.format in (JSONL, TSV):
            parse = _jsonl_record if file.format == JSONL else _tsv_record
            for line in _lines(handle):
                try:
                    record = parse(file, line)
                except BadRecord as exc:
                    yield exc.bad
                    continue
                if record is not None:
                    yield record
            return
        try:
            yield (_english_text if file.format == TEXT else _parallel_csv)(file, handle)
        except BadRecord as exc:
            yield exc.bad


def records(file: InputFile) -> Iterator[Record]:
    """The texts of an input file, in its order; a malformed record is an error naming its line."""
    for entry in entries(file):
        if isinstance(entry, Bad):
            raise DataError(f"{entry.where}: {entry.reason}")
        yield entry


def reread(file: InputFile, record: Record) -> Record:
    """A record with its text, read again from its file (``choose`` keeps records without it)."""
    if file.format in (JSONL, TSV):
        with file.opened() as handle:
            handle.seek(record.offset)
            line = next(_lines(handle, record.line, record.offset), None)
            found = (_jsonl_record if file.format == JSONL else _tsv_record)(file, line) if line else None
    else:
        found = next((e for e in entries(file) if isinstance(e, Record)), None)
    if found is None or found._replace(content="") != record._replace(content=""):
        raise DataError(f"{file.shown}: changed while it was imported; nothing was imported, run it again")
    return found


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _TooLong(len(digits.lstrip("-")))
    return int(digits)


class _TooLong(Exception):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _jsonl_record(file: InputFile, line: _Line) -> Record | None:
    text = _decoded(file, line)
    if not text.strip():
        return None
    try:
        item = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise _bad(file, line.number, f"not a JSON object ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise _bad(file, line.number, "JSON nested too deeply to be a page (title, content, year)") from None
    except _TooLong as exc:
        raise _bad(
            file, line.number, f"an integer of {exc.digits:,} digits; reportcli reads integers of up to {MAX_DIGITS}"
        ) from None
    if not isinstance(item, dict):
        raise _bad(file, line.number, f"expected a JSON object, got {type(item).__name__}")
    content, title, year = item.get("content"), item.get("title"), item.get("year")
    if not isinstance(content, str) or not isinstance(title, str):
        raise _bad(file, line.number, "expected 'title' and 'content' as text")
    if year is not None and not (isinstance(year, str | int) and re.fullmatch(r"\d{4}", str(year))):
        raise _bad(file, line.number, f"'year' is {_quoted(year)}, not a year")
    url = item.get("url") if isinstance(item.get("url"), str) else None
    _check_characters(file, line.number, content, title, url)
    found = None if year is None else _year(file, line.number, int(year))
    return Record(file.name, JSONL, line.number, found, ZH, title, url, content, offset=line.offset)


def _quoted(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else f"{shown[:30]}… ({len(shown):,} characters)"


def _year(file: InputFile, line: int, year: int) -> int:
    """A year the loader reads (``Checker.year``): 0000 or 3000 would write a file it refuses."""
    try:
        return Checker("'year'").year(year, "")
    except DataError as exc:
        raise _bad(file, line, str(exc)) from None


def _tsv_record(file: InputFile, line: _Line) -> Record | None:
    text = _decoded(file, line).removesuffix("\n")
    if not text.strip():
        return None
    year, tab, content = text.partition("\t")
    if not tab or not re.fullmatch(r"\d{4}", year):
        raise _bad(file, line.number, f"expected YEAR<TAB>TEXT, got {text[:30]!r}")
    content = content.removesuffix("\r")
    found = _year(file, line.number, int(year))
    return Record(file.name, TSV, line.number, found, ZH, None, None, content, offset=line.offset)


def _english_text(file: InputFile, handle: BinaryIO) -> Record:
    text = "".join(_decoded(file, line) for line in _lines(handle))
    first, _, _ = text.partition("\n")
    year = _year_in(first) or _year_in(file.path.stem)
    if year is None:
        raise _bad(file, 1, "cannot tell the report's year (name the file YEAR.txt)")
    note = first.removeprefix("# source:").strip()
    return Record(file.name, TEXT, 1, year, EN, None, None, text, note)


class _CsvRows:
    """The rows of a parallel CSV as dictionaries, numbered as the file's lines (header: 1), each
    failure of the CSV reader (a cell over its limit, a NUL byte) a Bad record naming the row."""

    LIMIT = csv.field_size_limit()  # 131,072 characters: no sentence of a report is near it

    def __init__(self, file: InputFile, handle: BinaryIO) -> None:
        self.file = file
        self.lines = (_decoded(file, line) for line in _lines(handle))
        self.reader = csv.reader(self.lines)
        self.header = self._next(1)

    def _next(self, number: int) -> list[str] | None:
        try:
            return next(self.reader, None)
        except csv.Error as exc:
            problem = str(exc)
            if "field larger than field limit" in problem:
                problem = f"a cell of more than {self.LIMIT:,} characters; reportcli reads cells up to that size"
            raise _bad(self.file, number, f"not a CSV row that reportcli reads ({problem})") from None

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        names = self.header or []
        number = 2
        while (row := self._next(number)) is not None:
            if row:  # a blank line is no row (as csv.DictReader reads them)
                yield number, dict(zip(names, row, strict=False))
                number += 1


def _parallel_csv(file: InputFile, handle: BinaryIO) -> Record:
    rows = _CsvRows(file, handle)
    needed = {"报告年份", "年度文件内行号", "原始英文"}
    if rows.header is None or not needed <= set(rows.header):
        raise _bad(file, 1, f"expected the columns {', '.join(sorted(needed))}")
    lines: list[list[str]] = []
    previous: tuple[str, str] | None = None
    year: int | None = None
    for number, row in rows:
        if not re.fullmatch(r"\d{4}", row.get("报告年份") or "") or not (row.get("年度文件内行号") or "").isdigit():
            raise _bad(file, number, "expected a year and a line number")
        if year is not None and int(row["报告年份"]) != year:
            raise _bad(file, number, f"a second year ({row['报告年份']}) in one file")
        year = _year(file, number, int(row["报告年份"]))
        key = (row["报告年份"], row["年度文件内行号"])
        if key != previous:
            lines.append([])
            previous = key
        lines[-1].append(row.get("原始英文") or "")
        _pair(file, number, row)
    if year is None:
        raise _bad(file, 1, "no rows")
    content = "\n".join(" ".join(line) for line in lines)
    return Record(file.name, PARALLEL, 2, year, EN, None, None, content, f"{file.name}, column 原始英文")


class Pair(NamedTuple):
    """One aligned pair of a parallel CSV: a Chinese sentence (or two) and its official English."""

    id: int  # 全局对齐序号, the pair's number in the file
    line: int  # the row of the CSV it is on
    chinese: str  # 原始中文
    english: str  # 原始英文
    cost: float  # 对齐成本: how far the compiler's aligner had to stretch (the wrong pairs cost most)


def _pair(file: InputFile, number: int, row: dict[str, str]) -> Pair | None:
    """The row's aligned pair, if it has both sides and a cost; a pair number or a cost that is not a
    number is a Bad record."""
    cost_text, id_text = row.get("对齐成本") or "nan", row.get("全局对齐序号") or str(number)
    if len(cost_text) > MAX_DIGITS or len(id_text) > MAX_DIGITS:
        raise _bad(file, number, "the pair's number or alignment cost is not a number")
    try:
        cost = float(cost_text)
        pair_id = int(id_text)
    except ValueError:
        raise _bad(file, number, "the pair's number or alignment cost is not a number") from None
    if math.isfinite(cost) and (row.get("原始中文") or "").strip() and (row.get("原始英文") or "").strip():
        return Pair(pair_id, number, row["原始中文"], row["原始英文"], cost)
    return None


def pairs(file: InputFile) -> list[Pair]:
    """The aligned pairs of a parallel CSV (a file of another format has none)."""
    if file.format != PARALLEL:
        return []
    try:
        with file.opened() as handle:
            return [pair for number, row in _CsvRows(file, handle) if (pair := _pair(file, number, row))]
    except BadRecord as exc:
        raise DataError(str(exc)) from None


def _year_in(text: str) -> int | None:
    found = re.search(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", text)
    return int(found.group(1)) if found else None


def _check_characters(file: InputFile, line: int, *texts: str | None) -> None:
    """A lone surrogate (from a JSON escape) cannot be written as UTF-8: refuse it here, by name."""
    for text in texts:
        bad = re.search("[\ud800-\udfff]", text or "")
        if bad:
            raise _bad(file, line, f"holds an invalid character (a lone surrogate, U+{ord(bad.group()):04X})")
