"""Cleaning a published text into paragraphs, recording every character it takes out or changes.

What is removed, where and why is a list of ``Change`` records: applying them backwards to the kept
text (``restore``) gives the input back, byte for byte. Nothing else is changed. The kinds:

- ``licence-footer``: Wikisource's licence template at the end of a page (not part of the report);
- ``title-block``: the lines before the salutation (title, date and occasion, speaker), whose facts
  go into the report's metadata;
- ``zero-width``: zero-width spaces, joiners, word joiners and byte-order marks inside the text;
- ``whitespace``: spaces and indentation around a line, and blank lines at the start or end;
- ``line-break``: a line break inside a paragraph (links and bold type of the page split lines);
- ``blank-lines``: the blank lines between two paragraphs, beyond the one line break kept;
- ``paragraph-mark``: a paragraph mark of a one-line text (full-width spaces or a tab), replaced by
  a line break.
"""

import re
from collections.abc import Sequence
from typing import NamedTuple

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
SPACE = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"  # spaces a line may begin or end with
LICENCE_FOOTER = re.compile(r"\n*本作品(?:是中华人民共和国|来自|在)")
SALUTATION = re.compile(r"各位代表[：:，,！!]")
TITLE_LINES = 6  # at most this many short paragraphs before the salutation make a title block
TITLE_LENGTH = 60


class Change(NamedTuple):
    """At offset ``at`` of the input, ``removed`` was taken out and ``inserted`` put in its place."""

    at: int
    removed: str
    inserted: str
    kind: str


class Cleaned(NamedTuple):
    paragraphs: list[str]
    changes: list[Change]
    title_block: list[str]  # the title block's paragraphs, as found (also recorded as a change)


def restore(kept: str, changes: Sequence[Change]) -> str:
    """The input again: the kept text with every change undone."""
    pieces: list[str] = []
    source = 0  # position in the input
    position = 0  # position in the kept text
    for change in sorted(changes, key=lambda c: c.at):
        take = change.at - source
        pieces.append(kept[position : position + take])
        position += take + len(change.inserted)
        pieces.append(change.removed)
        source = change.at + len(change.removed)
    pieces.append(kept[position:])
    return "".join(pieces)


class _Marks:
    """A verdict per input character: kept, or removed as a kind (or replaced by a line break)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.kind: list[str | None] = [None] * len(text)
        self.newline_for: set[int] = set()  # positions whose removed stretch is replaced by "\n"

    def remove(self, start: int, end: int, kind: str, *, over: bool = False) -> None:
        """Mark characters removed as ``kind``; those already removed keep their kind unless ``over``."""
        for i in range(start, end):
            if over or self.kind[i] is None:
                self.kind[i] = kind

    def changes_and_kept(self) -> tuple[list[Change], str]:
        changes: list[Change] = []
        kept: list[str] = []
        i, size = 0, len(self.text)
        while i < size:
            kind = self.kind[i]
            if kind is None:
                kept.append(self.text[i])
                i += 1
                continue
            j = i + 1
            while j < size and self.kind[j] == kind and j not in self.newline_for:
                j += 1
            inserted = "\n" if i in self.newline_for else ""
            changes.append(Change(i, self.text[i:j], inserted, kind))
            kept.append(inserted)
            i = j
        return changes, "".join(kept)


def clean(text: str, *, one_line_marks: bool = False) -> Cleaned:
    """Paragraphs of a report as published: Wikisource pages (paragraphs between blank lines) or, with
    ``one_line_marks``, a text on one line whose paragraphs are marked by full-width double spaces or
    tabs. Every change is recorded (``Cleaned.changes``)."""
    marks = _Marks(text)
    end = len(text)
    footer = LICENCE_FOOTER.search(text)
    if footer:
        end = footer.start()
        marks.remove(end, len(text), "licence-footer")
    for match in re.finditer(f"[{ZERO_WIDTH}]", text[:end]):
        marks.remove(match.start(), match.end(), "zero-width")
    lines = _lines(text, end)
    paragraphs = _paragraphs(marks, lines)
    if one_line_marks:
        _paragraph_marks(marks, end)
    title_block = _title_block(marks, paragraphs)
    changes, kept = marks.changes_and_kept()
    found = [p for p in kept.split("\n") if p] if kept else []
    return Cleaned(found, changes, title_block)


def _paragraph_marks(marks: _Marks, end: int) -> None:
    """Full-width double spaces or tabs between sentences mark paragraphs on a one-line text: each mark
    inside the text (the ends of lines are stripped already) becomes one line break."""
    for match in re.finditer(r"[ \t\u00a0\u3000]*(?:\t|\u3000\u3000)[ \t\u00a0\u3000]*", marks.text[:end]):
        if all(marks.kind[i] is None for i in range(match.start(), match.end())):
            marks.remove(match.start(), match.end(), "paragraph-mark")
            marks.newline_for.add(match.start())


def _lines(text: str, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line of the text before ``end``, without its line break."""
    found, start = [], 0
    for match in re.finditer("\n", text[:end]):
        found.append((start, match.start()))
        start = match.end()
    found.append((start, end))
    return found


def _paragraphs(marks: _Marks, lines: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group the lines into paragraphs (blank lines between), strip each line, and record the line
    breaks that go: inside a paragraph all of them (its lines are joined), between two paragraphs all
    but the first, before the first paragraph and after the last all of them."""
    text = marks.text
    strip = f"{SPACE}{ZERO_WIDTH}"
    leading, trailing = re.compile(f"[{strip}]*"), re.compile(f"[{strip}]*$")
    paragraph_of: list[int | None] = []  # per line: the paragraph it belongs to, or None if blank
    paragraphs: list[list[tuple[int, int]]] = []
    previous_blank = True
    for start, end in lines:
        left = leading.match(text, start, end).end()  # type: ignore[union-attr]
        right = max(left, trailing.search(text, left, end).start())  # type: ignore[union-attr]
        marks.remove(start, left, "whitespace")
        marks.remove(right, end, "whitespace")
        if right > left and any(marks.kind[i] is None for i in range(left, right)):
            if previous_blank:
                paragraphs.append([])
            paragraphs[-1].append((left, right))
            paragraph_of.append(len(paragraphs) - 1)
            previous_blank = False
        else:
            paragraph_of.append(None)
            previous_blank = True
    separated: set[int] = set()  # paragraphs whose separating line break is already kept
    for i, (_, end) in enumerate(lines[:-1]):  # the line break at ``end`` follows line i
        here, after = paragraph_of[i], _next_paragraph(paragraph_of, i + 1)
        if here is not None and here == paragraph_of[i + 1]:
            marks.remove(end, end + 1, "line-break")
        elif after is None or _last_paragraph_before(paragraph_of, i) is None:
            marks.remove(end, end + 1, "whitespace")
        elif (before := _last_paragraph_before(paragraph_of, i)) is not None and before not in separated:
            separated.add(before)  # kept: the one line break between two paragraphs
        else:
            marks.remove(end, end + 1, "blank-lines")
    return paragraphs


def _next_paragraph(paragraph_of: list[int | None], line: int) -> int | None:
    return next((p for p in paragraph_of[line:] if p is not None), None)


def _last_paragraph_before(paragraph_of: list[int | None], line: int) -> int | None:
    """The paragraph of line ``line`` or the nearest line before it that has one."""
    return next((p for p in reversed(paragraph_of[: line + 1]) if p is not None), None)


def _title_block(marks: _Marks, paragraphs: list[list[tuple[int, int]]]) -> list[str]:
    """The short paragraphs before the salutation ("各位代表："), if there are a few: a title block."""
    text = marks.text
    for n, paragraph in enumerate(paragraphs[: TITLE_LINES + 1]):
        start = paragraph[0][0]
        if SALUTATION.match(text, start):
            if n == 0:
                return []
            block = paragraphs[:n]
            if any(sum(e - s for s, e in p) > TITLE_LENGTH for p in block):
                return []
            end = start  # up to the salutation, line breaks and all
            found = ["".join(text[s:e] for s, e in p) for p in block]
            marks.remove(block[0][0][0], end, "title-block", over=True)
            return found
    return []
