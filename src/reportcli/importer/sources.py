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

import csv
import hashlib
import io
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from reportcli.errors import DataError
from reportcli.language import EN, ZH

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

    file: str  # the input file's name
    format: str
    line: int  # where the record is (line; for a CSV, the first row of the year)
    year: int | None
    language: str
    title: str | None
    url: str | None
    content: str  # the text as published: what the cleaning record is relative to
    note: str | None = None  # the source's own description (the English files' source line)


class InputFile(NamedTuple):
    path: Path
    raw: bytes
    sha256: str
    format: str

    @property
    def pinned(self) -> Pinned | None:
        return BY_SHA256.get(self.sha256)

    def facts(self, year: int | None, language: str) -> tuple[Fact, ...]:
        pinned = self.pinned
        return (pinned.facts or {}).get((year, language), ()) if pinned and year is not None else ()


def read_input(path: Path) -> InputFile:
    """Read an input file whole (checked for size and encoding) and tell its format."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory; give the files to import") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise DataError(f"{path}: larger than {MAX_INPUT_BYTES // 2**20} MiB; not a file reportcli imports")
    return InputFile(path, raw, hashlib.sha256(raw).hexdigest(), detect(path, raw))


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
        f"{path}: not a format reportcli imports (JSON lines of Wikisource pages, YEAR<TAB>TEXT lines, an "
        "English text after a '# source:' line, or a parallel Chinese-English CSV)"
    )


def _text(file: InputFile) -> str:
    try:
        return file.raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = file.raw[: exc.start].count(b"\n") + 1
        raise DataError(f"{file.path}:{line}: not UTF-8 (invalid byte at offset {exc.start})") from None


def records(file: InputFile) -> Iterator[Record]:
    """The texts of an input file, in its order; a malformed line is an error naming it."""
    reader = {JSONL: _jsonl, TSV: _tsv, TEXT: _english_text, PARALLEL: _parallel_csv}[file.format]
    yield from reader(file, _text(file))


def _jsonl(file: InputFile, text: str) -> Iterator[Record]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{file.path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{where}: not a JSON object ({exc.msg} at column {exc.colno})") from None
        if not isinstance(item, dict):
            raise DataError(f"{where}: expected a JSON object, got {type(item).__name__}")
        content, title, year = item.get("content"), item.get("title"), item.get("year")
        if not isinstance(content, str) or not isinstance(title, str):
            raise DataError(f"{where}: expected 'title' and 'content' as text")
        if year is not None and not (isinstance(year, str | int) and re.fullmatch(r"\d{4}", str(year))):
            raise DataError(f"{where}: 'year' is {year!r}, not a year")
        url = item.get("url") if isinstance(item.get("url"), str) else None
        _check_characters(content, where)
        yield Record(file.path.name, JSONL, number, int(year) if year is not None else None, ZH, title, url, content)


def _tsv(file: InputFile, text: str) -> Iterator[Record]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        year, tab, content = line.partition("\t")
        if not tab or not re.fullmatch(r"\d{4}", year):
            raise DataError(f"{file.path}:{number}: expected YEAR<TAB>TEXT, got {line[:30]!r}")
        content = content.removesuffix("\r")
        _check_characters(content, f"{file.path}:{number}")
        yield Record(file.path.name, TSV, number, int(year), ZH, None, None, content)


def _english_text(file: InputFile, text: str) -> Iterator[Record]:
    first, _, _ = text.partition("\n")
    year = _year_in(first) or _year_in(file.path.stem)
    if year is None:
        raise DataError(f"{file.path}:1: cannot tell the report's year (name the file YEAR.txt)")
    _check_characters(text, str(file.path))
    note = first.removeprefix("# source:").strip()
    yield Record(file.path.name, TEXT, 1, year, EN, None, None, text, note)


def _parallel_csv(file: InputFile, text: str) -> Iterator[Record]:
    rows = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    needed = {"报告年份", "年度文件内行号", "原始英文"}
    if rows.fieldnames is None or not needed <= set(rows.fieldnames):
        raise DataError(f"{file.path}:1: expected the columns {', '.join(sorted(needed))}")
    lines: list[list[str]] = []
    previous: tuple[str, str] | None = None
    year: int | None = None
    for number, row in enumerate(rows, 2):
        if not re.fullmatch(r"\d{4}", row["报告年份"] or "") or not (row["年度文件内行号"] or "").isdigit():
            raise DataError(f"{file.path}:{number}: expected a year and a line number")
        if year is not None and int(row["报告年份"]) != year:
            raise DataError(f"{file.path}:{number}: a second year ({row['报告年份']}) in one file")
        year = int(row["报告年份"])
        key = (row["报告年份"], row["年度文件内行号"])
        if key != previous:
            lines.append([])
            previous = key
        lines[-1].append(row["原始英文"] or "")
    if year is None:
        raise DataError(f"{file.path}: no rows")
    content = "\n".join(" ".join(line) for line in lines)
    _check_characters(content, str(file.path))
    yield Record(file.path.name, PARALLEL, 2, year, EN, None, None, content, f"{file.path.name}, column 原始英文")


class Pair(NamedTuple):
    """One aligned pair of a parallel CSV: a Chinese sentence (or two) and its official English."""

    id: int  # 全局对齐序号, the pair's number in the file
    line: int  # the row of the CSV it is on
    chinese: str  # 原始中文
    english: str  # 原始英文
    cost: float  # 对齐成本: how far the compiler's aligner had to stretch (the wrong pairs cost most)


def pairs(file: InputFile) -> list[Pair]:
    """The aligned pairs of a parallel CSV (a file of another format has none)."""
    if file.format != PARALLEL:
        return []
    rows = csv.DictReader(io.StringIO(_text(file).removeprefix("\ufeff")))
    found = []
    for number, row in enumerate(rows, 2):
        try:
            cost = float(row.get("对齐成本") or "nan")
            pair_id = int(row.get("全局对齐序号") or number)
        except ValueError:
            raise DataError(f"{file.path}:{number}: the pair's number or alignment cost is not a number") from None
        if math.isfinite(cost) and (row.get("原始中文") or "").strip() and (row.get("原始英文") or "").strip():
            found.append(Pair(pair_id, number, row["原始中文"], row["原始英文"], cost))
    return found


def _year_in(text: str) -> int | None:
    found = re.search(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", text)
    return int(found.group(1)) if found else None


def _check_characters(text: str, where: str) -> None:
    """A lone surrogate (from a JSON escape) cannot be written as UTF-8: refuse it here, by name."""
    bad = re.search("[\ud800-\udfff]", text)
    if bad:
        raise DataError(f"{where}: holds an invalid character (a lone surrogate, U+{ord(bad.group()):04X})")
