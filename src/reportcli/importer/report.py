"""One record of an input file turned into a report file: cleaned (every change recorded), cut into
paragraphs and sentences, its parts found, its metadata read off its text."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

from reportcli import __version__
from reportcli.errors import DataError
from reportcli.importer import annotate, clean, copies, facts, metadata, stated, structure
from reportcli.importer.sources import JSONL, PARALLEL, TEXT, TSV, InputFile, Record
from reportcli.language import ZH
from reportcli.refs import report_id
from reportcli.reportfile import SCHEMA_VERSION


class Imported(NamedTuple):
    """A report made from one record: its file's content (``document``) and what to say of it."""

    id: str
    record: Record
    document: dict[str, Any]
    kept: int  # characters of text kept
    removed: dict[str, int]  # characters removed, by kind of cleaning

    def row(self) -> dict[str, Any]:
        report = self.document["report"]
        paragraphs = self.document["paragraphs"]
        return {
            "id": self.id,
            "year": report["year"],
            "language": report["language"],
            "title": report["title"],
            "source": f"{self.record.file}:{self.record.line}",
            "paragraphs": len(paragraphs),
            "sentences": sum(len(p) for p in paragraphs),
            "parts": sum(1 for p in self.document.get("parts", []) if p[1] == 0),
            "characters": self.kept,
            "removed": sum(self.removed.values()),
            "completeness": report["completeness"],
            "caveats": [c["kind"] for c in report.get("caveats", [])],
        }


class Copy(NamedTuple):
    """The other published copy of a report (the record of the same year in the other file)."""

    record: Record
    file: InputFile
    footers: frozenset[str]


COPY_NAMES = {JSONL: "Wikisource", TSV: "TSV"}  # as the table of facts names the copies
HEADER = "# {id}: a report imported by reportcli "  # how every file import writes begins (then the version)


def cleaned_text(record: Record, footers: frozenset[str]) -> clean.Cleaned:
    return clean.clean(
        record.content,
        one_line_marks=record.format == TSV,
        source_line=record.format == TEXT,
        lines_are_paragraphs=record.format in (TEXT, PARALLEL),
        footers=footers,
        chinese=record.language == ZH,
    )


def _some_text(record: Record, footers: frozenset[str]) -> clean.Cleaned:
    """The record cleaned, refused if nothing is left: the loader reads no report without a paragraph."""
    cleaned = cleaned_text(record, footers)
    if not cleaned.paragraphs:
        kinds = sorted({change.kind for change in cleaned.changes})
        raise DataError("holds no text" + (f" once cleaned (all of it is {', '.join(kinds)})" if kinds else ""))
    return cleaned


def what_texts_state(
    record: Record,
    paragraphs: list[str],
    copy: Copy | None,
    resolutions: Sequence[stated.Resolution],
    row: facts.Row | None,
    other_paragraphs: list[str] | None = None,
) -> list[stated.Stated]:
    """What the texts say of a Chinese report, most trusted first: its own header or title block, the
    other copy's header (or a photo caption above it), the opening sentence of each, and the NPC
    resolution that approved it (the one that names its year, else the one of its session)."""
    assert record.year is not None
    where = f"{record.file}, line {record.line}"
    found = stated.from_header(record.content, where, record.year, COPY_NAMES.get(record.format, record.format))
    if copy is not None:
        other = f"{copy.record.file}, line {copy.record.line}"
        name = COPY_NAMES.get(copy.record.format, copy.record.format)
        found += stated.from_header(copy.record.content, other, record.year, name)
        if other_paragraphs is None:
            other_paragraphs = cleaned_text(copy.record, copy.footers).paragraphs
    found += stated.from_opening(paragraphs, where, COPY_NAMES.get(record.format, record.format))
    if copy is not None and other_paragraphs is not None:
        found += stated.from_opening(other_paragraphs, other, COPY_NAMES.get(copy.record.format, ""))
    sessions = {s.value for s in found if s.field == "session_zh"} or ({row.values["session_zh"]} if row else set())
    approving = [r for r in resolutions if r.year == record.year] or [
        r for r in resolutions if r.year is None and r.session_zh in sessions
    ]
    for resolution in approving[:1]:
        found += resolution.stated()
    return found


def imported(
    record: Record,
    file: InputFile,
    footers: frozenset[str] = frozenset(),
    copy: Copy | None = None,
    resolutions: Sequence[stated.Resolution] = (),
) -> Imported:
    """One record as a report; ``footers``: the closing stretches its file's pages share; ``copy``: the
    other published copy of the report, if an input holds one; ``resolutions``: what the NPC
    resolutions among the inputs state."""
    assert record.year is not None
    cleaned = _some_text(record, footers)
    language = record.language
    other = copy.record.content if copy is not None and language == ZH else None
    cuts = structure.heading_cuts(cleaned.paragraphs, language, other)
    if cuts:  # a heading run into its paragraph is cut off: a recorded change of the space (or none) between
        kept = "\n".join(cleaned.paragraphs)
        edits = [clean.Edit(at, at + (kept[at] == " "), "\n", "heading-cut") for at in cuts]
        kept, changes = clean.amend(kept, cleaned.changes, edits)
        cleaned = cleaned._replace(paragraphs=kept.split("\n"), changes=changes)
    brought = comparison = uncompared = None
    other_paragraphs = cleaned_text(copy.record, copy.footers).paragraphs if other is not None and copy else None
    if other_paragraphs is not None:  # what the other copy holds that this one lacks, brought in
        try:
            comparison = copies.compare(cleaned.paragraphs, other_paragraphs)
        except copies.TooLong as exc:
            uncompared = str(exc)
        else:
            brought = annotate.bring_in(cleaned, comparison)
            cleaned = brought.cleaned
    sentences = [structure.sentences(p, language) for p in cleaned.paragraphs]
    starts = structure.parts(cleaned.paragraphs, language)
    identifier = report_id(record.year, language)
    here = f"{record.file}, line {record.line}"
    there = f"{copy.record.file}, line {copy.record.line}" if copy is not None else None
    notes = annotate.notes(sentences, brought, here, there, cleaned.glyph_notes, f"{here}: the editors' notes")
    row = facts.row(identifier)
    texts = (
        what_texts_state(record, cleaned.paragraphs, copy, resolutions, row, other_paragraphs) if language == ZH else []
    )
    credit = next((c.removed for c in cleaned.changes if c.kind == "source-credit"), "")
    credited = found.group(1).strip() if (found := re.search(r"\(Source: ([^()]*)\)", credit)) else None
    report = {
        "id": identifier,
        **metadata.metadata(record, file, cleaned.title_block, cleaned.paragraphs, texts, row, credited),
    }
    if there is not None:
        _copy_caveats(report, comparison, uncompared, here, there)
    report["source"] = _source(record, file)
    document: dict[str, Any] = {"schema": SCHEMA_VERSION, "report": report}
    if starts:
        document["parts"] = [[p.number, p.subpart, p.paragraph] for p in starts]
    document["cleaning"] = cleaned.changes  # Change records: mappings only as they are written (``pieces``)
    document["paragraphs"] = sentences
    if notes:
        document["notes"] = [note.plain() for note in notes]
    removed: Counter[str] = Counter()
    for change in cleaned.changes:
        removed[change.kind] += len(change.removed)
    return Imported(identifier, record, document, sum(len(p) for p in cleaned.paragraphs), dict(removed))


def _source(record: Record, file: InputFile) -> dict[str, Any]:
    """Where the report comes from: the file, its format, the record's line, the file's checksum."""
    source: dict[str, Any] = {
        "file": record.file,
        "format": record.format,
        "record": record.line,
        "sha256": file.sha256,
    }
    if record.url:
        source["url"] = record.url
    if file.pinned is not None:
        source["origin"] = file.pinned.origin
    return source


def _copy_caveats(
    report: dict[str, Any], comparison: copies.Comparison | None, uncompared: str | None, here: str, there: str
) -> None:
    """What the report's metadata says of the other copy: how they compare, or why they were not."""
    if uncompared is not None:
        caveat = f"Not compared with {there}, the other published copy: {uncompared}."
        report.setdefault("caveats", []).append({"kind": "other-copy", "text": caveat, "source": there})
    if comparison is not None:
        report["copies"] = comparison.summary(there)
        if comparison.insertions or comparison.variants:
            report.setdefault("caveats", []).append(_copy_caveat(comparison, here, there))


def _copy_caveat(comparison: copies.Comparison, here: str, there: str) -> dict[str, str]:
    """What a reader must know of a text that another copy completes or words differently."""
    said = []
    if comparison.insertions:
        said.append(
            f"{len(comparison.insertions)} stretches of text that {here} lacks are taken from {there} "
            "(each sentence says so)"
        )
    if comparison.variants:
        said.append(f"{len(comparison.variants)} passages that {there} words differently are noted where they stand")
    return {"kind": "other-copy", "text": "; ".join(said) + ".", "source": there}


def dump(item: Imported) -> str:
    """The report file's text (see ``pieces``)."""
    return "".join(pieces(item))


def pieces(item: Imported) -> Iterator[str]:
    """The report file's text, a piece at a time: a header comment, then YAML (by libyaml's emitter where
    there is one), the part starts one per line, text with line breaks or odd spaces double-quoted so it
    can be seen. The long lists (the cleaning record, the paragraphs) are emitted a few hundred items
    at a time, each piece what the emitter writes for those items of the whole list: the emitter builds
    a node for every item it is given, some 2 KB each, and a report can hold a change per two bytes."""
    document = item.document
    record = item.record
    yield (
        HEADER.format(id=item.id) + f"{__version__} from {record.file} "
        f"({'line' if record.format in (JSONL, TSV) else 'from line'} {record.line}).\n"
        "# Its words are the source's; 'cleaning' records every character taken out. Re-import rather than edit.\n"
    )
    yield _yaml({key: document[key] for key in ("schema", "report")})
    if document.get("parts"):
        yield "parts:\n" + "".join(f"- [{', '.join(map(str, p))}]\n" for p in document["parts"])
    if "cleaning" in document:
        yield from _block("cleaning", document["cleaning"], _change)
    yield from _paragraphs(document["paragraphs"])
    if "notes" in document:
        yield from _block("notes", document["notes"])
    yield _translation(document)


CHUNK = 500  # items of a long list given to the emitter at once


def _block(key: str, items: list[Any], plain: Callable[[Any], Any] | None = None) -> Iterator[str]:
    """``key: [items]`` as the emitter writes it (an indentless block sequence), CHUNK items at a time,
    each first made ``plain`` data if need be."""
    if not items:
        yield _yaml({key: items})
        return
    yield f"{key}:\n"
    for start in range(0, len(items), CHUNK):
        chunk = items[start : start + CHUNK]
        yield _yaml([plain(item) for item in chunk] if plain is not None else chunk)


def _change(change: clean.Change) -> dict[str, Any]:
    return {"at": change.at, "kind": change.kind, "removed": change.removed, "inserted": change.inserted}


def _paragraphs(paragraphs: list[list[str]]) -> Iterator[str]:
    """``paragraphs:``, a block sequence of paragraphs, each a sequence of sentences, about CHUNK sentences
    at a time: a paragraph of more is written in parts, the rest of it as sentences indented under it."""
    yield "paragraphs:\n"
    batch: list[list[str]] = []
    size = 0
    for paragraph in paragraphs:
        if len(paragraph) > CHUNK:
            if batch:
                yield _yaml(batch)
                batch, size = [], 0
            yield _yaml([paragraph[:CHUNK]])
            for start in range(CHUNK, len(paragraph), CHUNK):
                yield "".join(f"  {line}\n" for line in _yaml(paragraph[start : start + CHUNK]).splitlines())
            continue
        batch.append(paragraph)
        size += len(paragraph)
        if size >= CHUNK:
            yield _yaml(batch)
            batch, size = [], 0
    if batch:
        yield _yaml(batch)


def _translation(document: dict[str, Any]) -> str:
    """The links to the other language's sentences, one per line: [paragraph, sentence, [refs], cost, pair,
    check] (check: why the link is doubtful beyond its cost, a double-quoted string, or null)."""
    if "translation" not in document:
        return ""
    block = document["translation"]
    rows = "".join(
        f"  - [{p}, {s}, [{', '.join(refs)}], {cost}, {pair}, {_flow(check)}]\n"
        for p, s, refs, cost, pair, check in block["links"]
    )
    return f"translation:\n  report: {block['report']}\n  low_confidence: {block['low_confidence']}\n" + (
        f"  links:\n{rows}" if rows else "  links: []\n"
    )


def _flow(text: str | None) -> str:
    """A string as a YAML flow scalar (JSON's double-quoted form is one), or null."""
    return "null" if text is None else json.dumps(text, ensure_ascii=False)


def _yaml(value: Any) -> str:
    import yaml

    return yaml.dump(value, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=2**16)


_DUMPERS: list[Any] = []


def _dumper() -> Any:
    """libyaml's emitter (PyYAML's own where libyaml is missing), quoting what a reader could not see."""
    if not _DUMPERS:
        import unicodedata

        import yaml

        base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

        class Dumper(base):  # type: ignore[misc, valid-type]
            pass

        def text(dumper: Any, value: str) -> Any:
            hidden = value != value.strip(" ") or any(
                char != " " and unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cc", "Cf") for char in value
            )
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if hidden else None)

        Dumper.add_representer(str, text)
        _DUMPERS.append(Dumper)
    return _DUMPERS[0]
