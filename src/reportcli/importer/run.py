"""``reportcli import``: input files in, one report file per report out, and a full account of what was
written, what was skipped and why, and what cleaning removed.

Which text stands for a year: one report per year and language. A record without a year is an NPC
resolution approving the report (its title says 决议) or is skipped for want of a year. Where two
inputs hold the same year, the Wikisource pages (``jsonl``) win over the one-line texts (``tsv``),
whose paragraphs are marks in a single line, and an English text file over the CSV it was rebuilt
from; the one left out is reported with the one that was kept. Files are written into a new
directory beside the target and moved into place only when all of them are written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from reportcli.errors import DataError
from reportcli.importer import links, sources, stated
from reportcli.importer.clean import shared_footers
from reportcli.importer.report import Copy, Imported, dump, imported
from reportcli.language import EN, ZH
from reportcli.model import LOW_CONFIDENCE, Result
from reportcli.refs import report_id, sentence_ref

PREFERENCE = {sources.JSONL: 0, sources.TSV: 1, sources.TEXT: 0, sources.PARALLEL: 1}
WHY_PREFERRED = {
    sources.JSONL: "its paragraphs are as published",
    sources.TEXT: "the same text, one paragraph per line",
}
Progress = Callable[[float], None]


class Skipped(NamedTuple):
    source: str  # file:line
    year: int | None
    language: str
    reason: str

    def row(self) -> dict[str, Any]:
        return self._asdict()


Chosen = tuple[sources.Record, sources.InputFile]


class Choice(NamedTuple):
    """What an import is made of: the record that stands for each year and language, every other
    record with the reason, the footers each file's pages share (read off all its records, chosen or
    not), the other copy of a year where two files hold it, and what the NPC resolutions state."""

    chosen: list[Chosen]
    skipped: list[Skipped]
    footers: dict[Path, frozenset[str]]
    others: dict[tuple[int, str], Chosen]
    resolutions: list[stated.Resolution]


def choose(files: Sequence[sources.InputFile]) -> Choice:
    """See ``Choice``."""
    chosen: dict[tuple[int, str], Chosen] = {}
    others: dict[tuple[int, str], Chosen] = {}
    skipped: list[Skipped] = []
    footers: dict[Path, frozenset[str]] = {}
    resolutions: list[stated.Resolution] = []
    for file in files:
        contents: list[str] = []
        for record in sources.records(file):
            contents.append(record.content)
            where = f"{record.file}:{record.line}"
            if record.year is None:
                resolution = record.title is not None and "决议" in record.title
                reason = "an NPC resolution approving the report (决议), not a report" if resolution else "no year"
                skipped.append(Skipped(where, None, record.language, reason))
                if resolution and (read := stated.resolution(record.content, f"{record.file}, line {record.line}")):
                    resolutions.append(read)  # what it says of the report it approves goes into its metadata
                continue
            key = (record.year, record.language)
            held = chosen.get(key)
            if held is None:
                chosen[key] = (record, file)
                continue
            kept, dropped = (record, held[0]) if _better(record, held[0]) else (held[0], record)
            chosen[key] = (kept, file) if kept is record else held
            if dropped.file != kept.file:
                others.setdefault(key, (dropped, held[1] if dropped is held[0] else file))
            why = WHY_PREFERRED.get(kept.format, "it came first")
            if kept.file == dropped.file:
                why = "the first text of that year in the file"
            skipped.append(
                Skipped(
                    f"{dropped.file}:{dropped.line}",
                    record.year,
                    record.language,
                    f"{report_id(*key)} is taken from {kept.file}:{kept.line} ({why})",
                )
            )
        footers[file.path] = shared_footers(contents)
    return Choice([chosen[key] for key in sorted(chosen)], skipped, footers, others, resolutions)


def _better(new: sources.Record, held: sources.Record) -> bool:
    return new.file != held.file and PREFERENCE[new.format] < PREFERENCE[held.format]


def import_files(paths: Sequence[Path], out: Path, progress: Progress | None = None) -> Result:
    """Import ``paths`` into ``out`` (created if need be): one YAML file per report."""
    files = [sources.read_input(path) for path in paths]
    names = Counter(f.path.name for f in files)
    if repeated := [name for name, n in names.items() if n > 1]:
        raise DataError(f"{repeated[0]} is given twice")
    choice = choose(files)
    chosen, skipped, footers = choice.chosen, choice.skipped, choice.footers
    if not chosen:
        raise DataError("no report to import: " + (skipped[0].reason if skipped else "the files hold no text"))
    rows: list[dict[str, Any]] = []
    removed: Counter[str] = Counter()
    kept = 0
    aligned = _pairs_by_year(files)
    held: dict[tuple[int, str], Imported] = {}  # of a year with aligned pairs: kept until both sides are read
    with staged(out) as staging:
        for n, (record, file) in enumerate(chosen):
            assert record.year is not None  # choose() keeps only records with a year
            other = choice.others.get((record.year, record.language))
            copy = Copy(other[0], other[1], footers[other[1].path]) if other else None
            item = imported(record, file, footers[file.path], copy, choice.resolutions)
            ready = [item]
            both = {r.language for r, _ in chosen if r.year == record.year} == {ZH, EN}
            if record.year in aligned and both:
                held[(record.year, record.language)] = item
                sides = (held.get((record.year, ZH)), held.get((record.year, EN)))
                ready = list(translated(sides[0], sides[1], aligned[record.year])) if None not in sides else []
            for done in ready:  # written at once and let go: never held whole
                (staging / f"{done.id}.yaml").write_text(dump(done), encoding="utf-8")
                rows.append(done.row())
                removed.update(done.removed)
                kept += done.kept
            if progress is not None:
                progress((n + 1) / len(chosen))
    rows.sort(key=lambda row: (row["year"], row["language"]))  # as chosen, whatever waited for its translation
    document = {
        "directory": str(out),
        "reports": rows,
        "skipped": [s.row() for s in skipped],
        "kept": kept,
        "removed": dict(sorted(removed.items())),
    }
    return Result("imported", document, rows, facts={"summary": summary(document)})


def _pairs_by_year(files: Sequence[sources.InputFile]) -> dict[int, list[sources.Pair]]:
    """The aligned pairs among the inputs (the parallel CSVs), by the year of their report."""
    found: dict[int, list[sources.Pair]] = {}
    for file in files:
        if file.format == sources.PARALLEL:
            year = next((r.year for r in sources.records(file) if r.year is not None), None)
            if year is not None:
                found.setdefault(year, []).extend(sources.pairs(file))
    return found


def translated(chinese: Imported | None, english: Imported | None, pairs: list[sources.Pair]) -> tuple[Imported, ...]:
    """The Chinese report and its official English, each with the links to the other's sentences that
    the aligned pairs make (``links``), in the file's ``translation`` block."""
    if chinese is None or english is None:
        return tuple(x for x in (chinese, english) if x is not None)
    found = links.link(chinese.document["paragraphs"], english.document["paragraphs"], pairs)
    return (
        _with_links(chinese, english.id, [(link.chinese, link.english, link) for link in found]),
        _with_links(english, chinese.id, [(link.english, link.chinese, link) for link in found]),
    )


def _with_links(item: Imported, other: str, sides: list[tuple[Any, Any, links.Link]]) -> Imported:
    rows = sorted(
        [p, s, [sentence_ref(other, *at) for at in there], link.cost, link.pair]
        for here, there, link in sides
        for p, s in here
    )
    block = {"report": other, "low_confidence": LOW_CONFIDENCE, "links": rows}
    return item._replace(document={**item.document, "translation": block})


def summary(document: dict[str, Any]) -> str:
    """One line for stderr: what was written, skipped, kept and removed."""
    rows = document["reports"]
    by_file = Counter(row["source"].rsplit(":", 1)[0] for row in rows)
    reasons = Counter(
        "NPC resolutions"
        if "resolution" in s["reason"]
        else "held by a preferred source"
        if "taken from" in s["reason"]
        else s["reason"]
        for s in document["skipped"]
    )
    removed = ", ".join(f"{kind} {n:,}" for kind, n in sorted(document["removed"].items(), key=lambda kv: -kv[1]))
    return (
        f"wrote {len(rows)} reports to {document['directory']} ("
        + ", ".join(f"{n} from {name}" for name, n in by_file.items())
        + ")"
        + (f"; skipped {', '.join(f'{n} {why}' for why, n in reasons.items())}" if reasons else "")
        + f"; kept {document['kept']:,} characters, removed {sum(document['removed'].values()):,} ({removed})"
    )


@contextlib.contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A new directory beside the files of ``out`` to write them into; when the block ends without
    error, each is moved into place (a run that fails leaves ``out`` as it was)."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=out))
    try:
        yield staging
        for path in sorted(staging.iterdir()):
            os.replace(path, out / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
