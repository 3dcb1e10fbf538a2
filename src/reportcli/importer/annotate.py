"""Notes on single sentences of an imported report, written into its file beside the text (``notes``):
text brought in from the other published copy (the sentence then also says so in ``from_copy``),
the other copy's wording of a passage it words differently, and an editor's note on a character the
source's font lacked.

The text brought in is a recorded change like any other (kind ``from-other-copy``, nothing removed):
``clean.restore`` takes it out again, and the input comes back byte for byte.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import NamedTuple

from reportcli.importer import clean, copies

FROM_COPY, VARIANT, EDITOR = "from-other-copy", "variant", "editor-note"


class Note(NamedTuple):
    at: str  # paragraph.sentence, as refs number them
    kind: str
    text: str
    source: str

    def plain(self) -> dict[str, str]:
        return self._asdict()


class Brought(NamedTuple):
    """The text with what the other copy adds, and where those additions stand in it."""

    cleaned: clean.Cleaned
    spans: list[tuple[int, int, bool]]  # (start, end, whole sentences) in the paragraphs joined by line breaks
    variants: list[tuple[int, int, str]]  # (start, end, the other copy's wording), in the same offsets


def bring_in(cleaned: clean.Cleaned, comparison: copies.Comparison) -> Brought:
    """Put the other copy's missing text into the imported one, as recorded changes."""
    kept = "\n".join(cleaned.paragraphs)
    edits: list[clean.Edit] = []
    added: list[tuple[int, int]] = []  # (offset before the insertion, characters inserted)
    for insertion in comparison.insertions:
        text = ("\n" if insertion.paragraph else "") + insertion.text
        edits.append(clean.Edit(insertion.at, insertion.at, text, FROM_COPY))
        added.append((insertion.at, len(text)))
    if edits:
        kept, changes = clean.amend(kept, cleaned.changes, edits)
        cleaned = cleaned._replace(paragraphs=kept.split("\n"), changes=changes)
    spans = []
    before = 0  # characters the insertions before this one add
    for (at, size), insertion in zip(added, comparison.insertions, strict=True):
        start = at + before + (1 if insertion.paragraph else 0)
        spans.append((start, start + len(insertion.text), insertion.whole))
        before += size
    variants = [(_shifted(v.start, added), _shifted(v.end, added), v.other) for v in comparison.variants]
    return Brought(cleaned, spans, variants)


def _shifted(offset: int, added: list[tuple[int, int]]) -> int:
    """Where an offset of the text before the insertions stands after them (an insertion at the same
    offset comes before it)."""
    return offset + sum(size for at, size in added if at <= offset)


class Sentences:
    """Each sentence's place in the paragraphs joined by line breaks, to find the one at an offset."""

    def __init__(self, paragraphs: Sequence[Sequence[str]]) -> None:
        self.starts: list[int] = []
        self.refs: list[str] = []
        self.texts: list[str] = []
        offset = 0
        for p, sentences in enumerate(paragraphs, 1):
            at = offset
            for s, sentence in enumerate(sentences, 1):
                self.starts.append(at)
                self.refs.append(f"{p}.{s}")
                self.texts.append(sentence)
                at += len(sentence)
            offset = at + 1

    def at(self, offset: int) -> int:
        """The index of the sentence that holds ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def covering(self, start: int, end: int) -> range:
        return range(self.at(start), self.at(max(start, end - 1)) + 1)


def notes(
    paragraphs: Sequence[Sequence[str]],
    brought: Brought | None,
    chosen: str,
    other: str | None,
    glyphs: Sequence[tuple[str, str]] = (),
    glyph_source: str = "",
) -> list[Note]:
    """The notes on sentences: ``chosen`` and ``other`` name the copies (file and line)."""
    found: list[Note] = []
    index = Sentences(paragraphs)
    kept = "\n".join("".join(s) for s in paragraphs)
    if brought is not None and other is not None:
        for start, end, whole in brought.spans:
            for i in index.covering(start, end):
                if whole:
                    said = f"Not in {chosen}, the copy imported: taken from {other}, which holds it here."
                else:
                    said = (
                        f"The words «{kept[start:end]}» are not in {chosen}, the copy imported, which has this "
                        f"sentence only in part: taken from {other}, which holds them here."
                    )
                found.append(Note(index.refs[i], FROM_COPY, said, other))
        for start, end, wording in brought.variants:
            covered = index.covering(start, end)
            more = len(covered) - 1
            which = "this passage" if not more else f"this and the next {more} sentence{'s' if more > 1 else ''}"
            said = f"{other} words {which} differently: «{wording}»" if wording else f"{other} lacks {which}."
            found.append(Note(index.refs[covered[0]], VARIANT, said, other))
    for mark, note in glyphs:
        for i, sentence in enumerate(index.texts):
            if mark in sentence:
                said = (
                    f"{mark} stands for a character the source's font lacked; its editors' note says: {note} "
                    f"(the note, after the text, is taken out of it)."
                )
                found.append(Note(index.refs[i], EDITOR, said, glyph_source))
    order = {ref: n for n, ref in enumerate(index.refs)}
    return sorted(found, key=lambda n: (order[n.at], n.kind))
