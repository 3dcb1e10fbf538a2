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
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from reportcli import atomic
from reportcli.errors import DataError
from reportcli.importer import links, sources, stated
from reportcli.importer.clean import common_footers, footer_candidates
from reportcli.importer.report import HEADER, Copy, Imported, imported, pieces
from reportcli.importer.sources import printable
from reportcli.language import EN, ZH
from reportcli.model import LOW_CONFIDENCE, Result
from reportcli.refs import report_id, sentence_ref
from reportcli.reportfile import report_from_bytes
from reportcli.reportfile.files import guarded_open, read_file

PREFERENCE = {sources.JSONL: 0, sources.TSV: 1, sources.TEXT: 0, sources.PARALLEL: 1}
WHY_PREFERRED = {
    sources.JSONL: "its paragraphs are as published",
    sources.TEXT: "the same text, one paragraph per line",
}
Progress = Callable[[float], None]
Warn = Callable[[str], None]
WRITING = 0.75  # of the progress: the reports written; the rest, each read back
NOT_IMPORTED = "not imported: "  # how the reason of a record left out by --skip-bad begins


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


def choose(files: Sequence[sources.InputFile], skip_bad: bool = False, warn: Warn | None = None) -> Choice:
    """See ``Choice``. The records are read one at a time and kept without their text (``sources.reread``
    reads it again), so that no more than a record is held. A record that cannot be imported is an
    error naming its line, or with ``skip_bad`` a skipped record and a warning."""
    chosen: dict[tuple[int, str], Chosen] = {}
    others: dict[tuple[int, str], Chosen] = {}
    skipped: list[Skipped] = []
    footers: dict[Path, frozenset[str]] = {}
    resolutions: list[stated.Resolution] = []
    for file in files:
        candidates: list[frozenset[str]] = []
        for entry in sources.entries(file):
            if isinstance(entry, sources.Bad):
                skipped.append(_left_out(entry.file, entry.line, None, "", entry.where, entry.reason, skip_bad, warn))
                continue
            candidates.append(footer_candidates(entry.content))
            where = f"{entry.file}:{entry.line}"
            if entry.year is None:
                resolution = entry.title is not None and "决议" in entry.title
                reason = "an NPC resolution approving the report (决议), not a report" if resolution else "no year"
                skipped.append(Skipped(where, None, entry.language, reason))
                if resolution and (read := stated.resolution(entry.content, f"{entry.file}, line {entry.line}")):
                    resolutions.append(read)  # what it says of the report it approves goes into its metadata
                continue
            record = entry._replace(content="")  # read again when its report is made
            key = (entry.year, record.language)
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
                    entry.year,
                    record.language,
                    f"{report_id(*key)} is taken from {kept.file}:{kept.line} ({why})",
                )
            )
        footers[file.path] = common_footers(candidates)
    return Choice([chosen[key] for key in sorted(chosen)], skipped, footers, others, resolutions)


def _left_out(
    name: str, line: int, year: int | None, language: str, where: str, reason: str, skip_bad: bool, warn: Warn | None
) -> Skipped:
    """A record that cannot be imported: with ``skip_bad`` a skipped record and a warning, else the
    error that stops the import."""
    if not skip_bad:
        raise DataError(f"{where}: {reason}; nothing was imported (--skip-bad leaves out what cannot be imported)")
    if warn is not None:
        warn(f"skipped {where} (--skip-bad): {reason}")
    return Skipped(f"{name}:{line}", year, language, NOT_IMPORTED + reason)


def _better(new: sources.Record, held: sources.Record) -> bool:
    return new.file != held.file and PREFERENCE[new.format] < PREFERENCE[held.format]


def import_files(
    paths: Sequence[Path],
    out: Path,
    progress: Progress | None = None,
    *,
    skip_bad: bool = False,
    warn: Warn | None = None,
) -> Result:
    """Import ``paths`` into ``out`` (created if need be): one YAML file per report, all or none (see
    the module's docstring); ``skip_bad``: leave out, with a warning, what cannot be imported."""
    files = [sources.read_input(path) for path in paths]
    names = Counter(f.path.name for f in files)
    if repeated := [name for name, n in names.items() if n > 1]:
        raise DataError(f"{printable(repeated[0])} is given twice")
    choice = choose(files, skip_bad, warn)
    if not choice.chosen:
        raise DataError(_nothing(choice.skipped))
    with _destination(out) as directory, atomic.staging(directory, "import") as staging:
        writing = _Writing(staging, choice.skipped, skip_bad, warn)
        _write_all(choice, _pairs_by_year(files), writing, progress)
        writing.check(progress)  # once every report is written and let go: the loader's memory is all there is
        if not writing.written:
            raise DataError(_nothing(writing.skipped))
        _commit(staging, directory, sorted(writing.written))
    rows = sorted(writing.rows, key=lambda row: (row["year"], row["language"]))  # whatever waited for its translation
    document = {
        "directory": str(out),
        "reports": rows,
        "skipped": [s.row() for s in writing.skipped],
        "kept": writing.kept,
        "removed": dict(sorted(writing.removed.items())),
    }
    return Result("imported", document, rows, facts={"summary": summary(document)})


def _nothing(skipped: list[Skipped]) -> str:
    """Why there is no report to import: what the first record left out was."""
    if not skipped:
        return "no report to import: the files hold no text"
    if all(s.reason.startswith(NOT_IMPORTED) for s in skipped):
        first = skipped[0].reason.removeprefix(NOT_IMPORTED)
        return f"no report to import: every record was left out (--skip-bad), the first for this: {first}"
    return "no report to import: " + next(s.reason for s in skipped if not s.reason.startswith(NOT_IMPORTED))


def _write_all(
    choice: Choice, aligned: dict[int, list[sources.Pair]], writing: _Writing, progress: Progress | None
) -> None:
    """Each chosen record made a report and written, one at a time: read again from its file, cleaned,
    cut, written and let go (a year with aligned pairs waits for its other language, to link them)."""
    chosen, footers = choice.chosen, choice.footers
    held: dict[tuple[int, str], Imported] = {}
    for n, (stub, file) in enumerate(chosen):
        assert stub.year is not None  # choose() keeps only records with a year
        other = choice.others.get((stub.year, stub.language))
        copy = Copy(sources.reread(other[1], other[0]), other[1], footers[other[1].path]) if other else None
        record = sources.reread(file, stub)
        try:
            item = imported(record, file, footers[file.path], copy, choice.resolutions)
        except DataError as exc:
            writing.left_out(record, file, str(exc))
            continue
        ready = [item]
        both = {r.language for r, _ in chosen if r.year == stub.year} == {ZH, EN}
        if stub.year in aligned and both:
            held[(stub.year, stub.language)] = item
            sides = (held.get((stub.year, ZH)), held.get((stub.year, EN)))
            ready = list(translated(sides[0], sides[1], aligned[stub.year])) if None not in sides else []
            if ready:
                del held[(stub.year, ZH)], held[(stub.year, EN)]
        for done in ready:  # written at once and let go: never held whole
            writing.write(done, file)
        if progress is not None:
            progress(WRITING * (n + 1) / len(chosen))
    for (year, language), alone in held.items():  # its other side could not be imported: without links
        writing.write(alone, next(f for r, f in chosen if (r.year, r.language) == (year, language)))


class _Written(NamedTuple):
    name: str
    record: sources.Record  # without its text
    file: sources.InputFile
    row: dict[str, Any]
    removed: dict[str, int]
    kept: int


class _Writing:
    """The report files of an import, written into the staging directory one at a time (each let go once
    written), then read back with the loader; what could not be written is left out (``skip_bad``) or
    stops the import."""

    def __init__(self, staging: Path, skipped: list[Skipped], skip_bad: bool, warn: Warn | None) -> None:
        self.staging = staging
        self.skipped = skipped
        self.skip_bad = skip_bad
        self.warn = warn
        self.pending: list[_Written] = []
        self.written: list[str] = []
        self.rows: list[dict[str, Any]] = []
        self.removed: Counter[str] = Counter()
        self.kept = 0

    def write(self, done: Imported, file: sources.InputFile) -> None:
        path = self.staging / f"{done.id}.yaml"
        with path.open("w", encoding="utf-8") as handle:  # an OSError: the disk, which _destination names
            handle.writelines(pieces(done))
        stub = done.record._replace(content="")
        self.pending.append(_Written(path.name, stub, file, done.row(), done.removed, done.kept))

    def check(self, progress: Progress | None = None) -> None:
        """Read every file back as --data reads it: a file the loader refuses is never put in place."""
        for n, written in enumerate(self.pending):
            if progress is not None:
                progress(WRITING + (1 - WRITING) * n / len(self.pending))
            path = self.staging / written.name
            try:
                report_from_bytes(read_file(path).raw, Path(written.name))
            except DataError as exc:
                path.unlink()
                self.left_out(written.record, written.file, f"its report file would not load ({exc})")
                continue
            self.written.append(written.name)
            self.rows.append(written.row)
            self.removed.update(written.removed)
            self.kept += written.kept
        self.pending.clear()

    def left_out(self, record: sources.Record, file: sources.InputFile, reason: str) -> None:
        where = f"{file.shown}:{record.line}"
        found = _left_out(
            record.file, record.line, record.year, record.language, where, reason, self.skip_bad, self.warn
        )
        self.skipped.append(found)


def _pairs_by_year(files: Sequence[sources.InputFile]) -> dict[int, list[sources.Pair]]:
    """The aligned pairs among the inputs (the parallel CSVs), by the year of their report."""
    found: dict[int, list[sources.Pair]] = {}
    for file in files:
        if file.format == sources.PARALLEL:
            year = next((r.year for r in sources.entries(file) if isinstance(r, sources.Record) and r.year), None)
            if year is not None:
                found.setdefault(year, []).extend(sources.pairs(file))
    return found


def translated(chinese: Imported | None, english: Imported | None, pairs: list[sources.Pair]) -> tuple[Imported, ...]:
    """The Chinese report and its official English, each with the links to the other's sentences that
    the aligned pairs make (``links``), in the file's ``translation`` block."""
    if chinese is None or english is None:
        return tuple(x for x in (chinese, english) if x is not None)
    from reportcli.search.glossary import disagreement  # the reviewed glossary checks the third party's pairs

    found = links.link(chinese.document["paragraphs"], english.document["paragraphs"], pairs, disagreement)
    return (
        _with_links(chinese, english.id, [(link.chinese, link.english, link) for link in found]),
        _with_links(english, chinese.id, [(link.english, link.chinese, link) for link in found]),
    )


def _with_links(item: Imported, other: str, sides: list[tuple[Any, Any, links.Link]]) -> Imported:
    rows = sorted(
        [p, s, [sentence_ref(other, *at) for at in there], link.cost, link.pair, link.check]
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
        else "that could not be imported (--skip-bad)"
        if s["reason"].startswith(NOT_IMPORTED)
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
def _destination(out: Path) -> Iterator[Path]:
    """The directory ``--out`` names, created if need be (and removed again, with the parents made for
    it, if the import fails): refused, with the reason, when it is a file, a link to nothing, a device,
    or a place where nothing may be written."""
    shown = printable(str(out))
    try:
        kind = atomic.kind_of(out)
    except OSError as exc:
        raise DataError(f"--out {shown}: cannot reach it ({exc.strerror or exc})") from None
    if kind == "symbolic link":
        if not out.exists():
            raise DataError(f"--out {shown}: is a symbolic link to {printable(os.readlink(out))}, which does not exist")
        kind = atomic.kind_of(Path(os.path.realpath(out)))
    if kind not in (None, "directory"):
        raise DataError(f"--out {shown}: is {'an' if kind[0] in 'aeiou' else 'a'} {kind}, not a directory")
    made: list[Path] = []
    if kind is None:
        missing = [out, *[parent for parent in out.parents if not parent.exists()]]
        for directory in reversed(missing):
            try:
                directory.mkdir()
            except FileExistsError:
                if not directory.is_dir():
                    _undo(made)
                    raise DataError(f"--out {shown}: {printable(str(directory))} is a file, not a directory") from None
                continue
            except OSError as exc:
                _undo(made)
                raise DataError(f"--out {shown}: cannot create the directory ({exc.strerror or exc})") from None
            made.append(directory)
    try:
        yield out
    except OSError as exc:  # the staging directory, its marker: the disk, the permissions, not the input
        _undo(made)
        raise DataError(f"--out {shown}: cannot write in it ({exc.strerror or exc}); nothing was imported") from None
    except BaseException:
        _undo(made)
        raise


def _undo(made: list[Path]) -> None:
    for directory in reversed(made):
        with contextlib.suppress(OSError):
            directory.rmdir()


def _commit(staging: Path, out: Path, names: list[str]) -> None:
    """Move the files written in ``staging`` into ``out``, all or none: refused first if a target is not
    a file an earlier import wrote; then each move, with what it replaced kept until all are made, and
    undone if one fails."""
    for name in names:
        target = out / name
        why = atomic.regular_or_absent(target)
        if why is None and target.exists() and not _written_by_import(target):
            why = "is not a report file that reportcli import wrote; move it away, or choose another --out"
        if why is not None:
            raise DataError(f"{printable(str(target))}: {why}; nothing was imported")
    done: list[tuple[Path, Path | None]] = []
    with atomic.signals_held():
        try:
            for name in names:
                target, old = out / name, staging / f"{atomic.PREFIX}old-{name}"
                try:
                    os.link(target, old)  # what it replaces, kept until all are moved
                except FileNotFoundError:
                    done.append((target, None))
                except OSError:  # a file system without hard links: moved aside instead
                    os.rename(target, old)
                    done.append((target, old))
                else:
                    done.append((target, old))
                os.replace(staging / name, target)
        except OSError as exc:
            for moved, aside in reversed(done):
                with contextlib.suppress(OSError):
                    if aside is None:
                        moved.unlink()
                    else:
                        os.replace(aside, moved)
            raise DataError(
                f"--out {printable(str(out))}: cannot move the reports into it ({exc.strerror or exc}); "
                "nothing was imported"
            ) from None


def _written_by_import(path: Path) -> bool:
    """A report file that ``import`` wrote: its first line is the header it writes."""
    try:
        fd, _ = guarded_open(path)
    except DataError:
        return False
    try:
        first = os.read(fd, 256).split(b"\n", 1)[0].decode("utf-8", "replace")
    except OSError:
        return False
    finally:
        os.close(fd)
    return first.startswith(HEADER.format(id=path.name.removesuffix(".yaml")))
