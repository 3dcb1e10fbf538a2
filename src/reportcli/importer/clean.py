"""Cleaning a published text into paragraphs, recording every character it takes out or changes.

What is removed, where and why is a list of ``Change`` records: applying them backwards to the kept
text (``restore``) gives the input back, byte for byte. Nothing else is changed. The kinds:

- ``licence-footer``: the publisher's template at the end of a page (Wikisource's licence notice),
  not the report's own words. It is known by its place, not by its words: the closing stretch after a
  run of blank lines that the pages of one input file share (``shared_footers``). A file of one or
  two pages has nothing to compare with and keeps it;
- ``title-block``: what stands before the salutation (title, date and occasion, speaker, a news
  agency's dateline), whose facts go into the report's metadata;
- ``zero-width``: zero-width spaces, joiners, word joiners and byte-order marks inside the text;
- ``whitespace``: spaces and indentation around a line, and blank lines at the start or end;
- ``line-break``: a line break inside a paragraph (links and bold type of the page split lines);
- ``blank-lines``: the blank lines between two paragraphs, beyond the one line break kept;
- ``paragraph-mark``: a paragraph mark of a one-line text (full-width spaces or a tab), replaced by
  a line break;
- ``repeated-copy``: a second copy of the whole report after the first (the TSV's 1959 line);
- ``source-line``, ``source-credit``: an English file's first line (``# source: ...``, which goes
  into the metadata) and a closing "(Source: Xinhua)".
"""

from __future__ import annotations

import bisect
import io
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from reportcli.importer.structure import SALUTATION
from reportcli.language import IDEOGRAPHS

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
SPACE = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"  # spaces a line may begin or end with
FOOTER_GAP = 6  # blank lines at least between a page's text and its footer
FOOTER_SPAN = 4000  # characters: a footer stands in the last stretch of a page
FOOTER_PAGES = 3  # a closing stretch that this many pages of one file share is the publisher's
_GAP = re.compile(f"\n(?:[{SPACE}]*\n){{{FOOTER_GAP},}}")
_WHITESPACE = re.compile(r"\s+")
TITLE_SEARCH = 500  # characters: a salutation further in does not end a title block
TITLE_LINES = 8  # at most this many paragraphs before the salutation make a title block
TITLE_LINE_LENGTH = 120
TITLE_HINT = re.compile(r"报\s*告|总理|会议|新华社|\d\s*年.{0,8}月")
SOURCE_CREDIT = re.compile(r"\(Source: [^()]*\)")
COPY_PROBE = 40  # characters after the salutation that, found again, may begin a second copy
COPY_SAMPLES = 20  # stretches of the first copy looked for in the second


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
    glyph_notes: tuple[tuple[str, str], ...] = ()  # (mark, the editors' note on it), from a removed block


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
    """A verdict per input character, one byte each: 0 kept, else the code of the kind it was removed
    as, with the high bit set where the removed stretch that begins there is replaced by a line break.
    (A list of verdicts cost some 50 times the input in memory; a byte each, and work in C, is linear.)"""

    NEWLINE = 0x80

    def __init__(self, text: str) -> None:
        self.text = text
        self.kind = bytearray(len(text))
        self.kinds: list[str] = [""]  # code -> the kind's name (code 0: kept)

    def code(self, kind: str) -> int:
        if kind not in self.kinds:
            self.kinds.append(kind)
            assert len(self.kinds) < self.NEWLINE, "more kinds of cleaning than a byte holds"
        return self.kinds.index(kind)

    def kept_at(self, at: int) -> bool:
        return not self.kind[at]

    def all_kept(self, start: int, end: int) -> bool:
        return self.kind.count(0, start, end) == end - start

    def any_kept(self, start: int, end: int) -> bool:
        return self.kind.find(0, start, end) >= 0

    def remove(self, start: int, end: int, kind: str, *, over: bool = False) -> None:
        """Mark characters removed as ``kind``; those already removed keep their kind unless ``over``
        (which also drops the line breaks that stood for removed stretches in the range)."""
        if end <= start:
            return
        code = self.code(kind)
        if over:
            self.kind[start:end] = bytes((code,)) * (end - start)
        else:
            self.kind[start:end] = self.kind[start:end].replace(b"\0", bytes((code,)))

    def break_line(self, at: int) -> None:
        """The removed stretch that begins at ``at`` is replaced by a line break."""
        self.kind[at] |= self.NEWLINE

    def kept(self, limit: int | None = None) -> tuple[str, _Where]:
        """The text as it stands (up to ``limit`` characters), and where each character is in the input."""
        text, pieces = self.text, io.StringIO()
        starts, origins = array("q"), array("q")
        size = 0
        for piece in _PIECES.finditer(self.kind.translate(_STATES)):
            if limit is not None and size >= limit:
                break
            starts.append(size)
            origins.append(piece.start())
            if piece.group() == b"\x02":
                pieces.write("\n")
                size += 1
            else:
                pieces.write(text[piece.start() : piece.end()])
                size += piece.end() - piece.start()
        found = pieces.getvalue()
        return (found if limit is None else found[:limit]), _Where(starts, origins)

    def single_breaks(self) -> None:
        """Take out the line breaks a later step left without a paragraph on one side (it removed all of
        a paragraph's text: a line of nothing but ''): those before the first paragraph and after the
        last as whitespace, the second and later between two paragraphs as blank lines; so that the
        paragraphs are the kept text cut at its line breaks, and the record says how it was made."""
        text = self.text
        pending: list[int] = []  # where the line breaks since the last text stand in the input
        seen = False  # text came before them
        for piece in _PIECES.finditer(self.kind.translate(_STATES)):
            start, end = piece.span()
            if piece.group() == b"\x02":
                pending.append(start)
                continue
            at = start
            while at < end:
                newline = text.find("\n", at, end)
                stop = end if newline < 0 else newline
                if stop > at:  # text: the breaks before it are settled
                    self._drop(pending[1:] if seen else pending, "blank-lines" if seen else "whitespace")
                    pending, seen = [], True
                if newline < 0:
                    break
                pending.append(newline)
                at = newline + 1
        self._drop(pending, "whitespace")

    def _drop(self, breaks: list[int], kind: str) -> None:
        for at in breaks:
            if self.kind[at]:
                self.kind[at] &= ~self.NEWLINE  # a removed stretch no longer replaced by a line break
            else:
                self.remove(at, at + 1, kind)

    def changes_and_kept(self) -> tuple[list[Change], str]:
        """The changes, each a stretch of one kind (a stretch replaced by a line break begins a change of
        its own), and the text kept."""
        changes: list[Change] = []
        kept = io.StringIO()
        text, kinds = self.text, self.kinds
        current: list[int] | None = None  # [start, end, byte] of the change being gathered

        def close() -> None:
            start, end, byte = current  # type: ignore[misc]
            inserted = "\n" if byte & self.NEWLINE else ""
            changes.append(Change(start, text[start:end], inserted, kinds[byte & ~self.NEWLINE]))
            kept.write(inserted)

        # stretches of one verdict: a repeat of one byte per verdict there can be (a pattern with a back
        # reference, (.)\1*, kept a frame per character on the regex engine's stack: 90 bytes each)
        verdicts = [*range(len(kinds)), *(code | self.NEWLINE for code in range(1, len(kinds)))]
        runs = re.compile(b"|".join(re.escape(bytes((byte,))) + b"+" for byte in verdicts))
        for run in runs.finditer(self.kind):
            start, end = run.span()
            byte = self.kind[start]
            if current is not None and not (byte == current[2] & ~self.NEWLINE and current[1] == start and byte):
                close()
                current = None
            if not byte:
                kept.write(text[start:end])
            elif byte & self.NEWLINE:  # each begins a change of its own; the last gathers what follows
                for at in range(start, end - 1):
                    current = [at, at + 1, byte]
                    close()
                current = [end - 1, end, byte]
            elif current is not None:
                current[1] = end
            else:
                current = [start, end, byte]
        if current is not None:
            close()
        return changes, kept.getvalue()


_STATES = bytes(0 if b == 0 else 2 if b & _Marks.NEWLINE else 1 for b in range(256))  # kept, removed, a break
_PIECES = re.compile(rb"\x00+|\x02")  # what the kept text is made of: kept stretches and line breaks


class _Where:
    """Where each character of a kept text is in the input: the kept text is pieces (each a stretch of
    the input, or a line break that stands for a removed stretch), found by bisection."""

    def __init__(self, starts: array[int], origins: array[int]) -> None:
        self.starts, self.origins = starts, origins

    def __getitem__(self, at: int) -> int:
        if at < 0:
            raise IndexError(at)
        piece = bisect.bisect_right(self.starts, at) - 1
        return self.origins[piece] + at - self.starts[piece]


def closing_stretches(text: str) -> list[tuple[int, str]]:
    """Where each stretch from a run of blank lines to the end of ``text`` begins (in its last
    FOOTER_SPAN characters), earliest first, with its words (the stretch without whitespace)."""
    return [
        (gap.start(), _WHITESPACE.sub("", text[gap.start() :]))
        for gap in _GAP.finditer(text, max(0, len(text) - FOOTER_SPAN))
    ]


def footer_candidates(text: str) -> frozenset[str]:
    """The words of the closing stretches of one page: what ``common_footers`` counts across pages."""
    return frozenset(words for _, words in closing_stretches(text) if words)


def common_footers(candidates: Iterable[frozenset[str]]) -> frozenset[str]:
    """The closing stretches (their words) that at least FOOTER_PAGES of the pages end with, given each
    page's ``footer_candidates``: a template the publisher puts under every page, which ``clean`` removes."""
    pages = Counter(words for found in candidates for words in found)
    return frozenset(words for words, count in pages.items() if count >= FOOTER_PAGES)


def shared_footers(texts: Iterable[str]) -> frozenset[str]:
    """``common_footers`` of these pages."""
    return common_footers(footer_candidates(text) for text in texts)


def clean(
    text: str,
    *,
    one_line_marks: bool = False,
    source_line: bool = False,
    lines_are_paragraphs: bool = False,
    footers: frozenset[str] = frozenset(),
    chinese: bool = False,
) -> Cleaned:
    """Paragraphs of a report as published: Wikisource pages (paragraphs between blank lines), with
    ``one_line_marks`` a text on one line whose paragraphs are marked by a tab or two full-width
    spaces, with ``source_line`` an English text whose first line says where it comes from; with
    ``lines_are_paragraphs`` each line is a paragraph (else lines between blank lines are joined).
    ``footers``: the closing stretches that are the publisher's (``shared_footers`` of the file's
    pages); the longest one the text ends with is removed. ``chinese``: a Chinese text, whose spaced
    digits, Wikisource markup and editors' notes on missing glyphs are taken out too. Every change is
    recorded (``Cleaned.changes``)."""
    marks = _Marks(text)
    end = len(text)
    if source_line:
        marks.remove(0, text.find("\n") + 1 if "\n" in text else end, "source-line")
    footer = next((at for at, words in closing_stretches(text) if words in footers), None) if footers else None
    if footer is not None:
        end = footer
        marks.remove(end, len(text), "licence-footer")
    for match in re.finditer(f"[{ZERO_WIDTH}]", text[:end]):
        marks.remove(match.start(), match.end(), "zero-width")
    last = _paragraphs(marks, end, lines_are_paragraphs)
    if one_line_marks:
        _paragraph_marks(marks, end)
    if last is not None:
        _source_credit(marks, last)
    title_block = _title_block(marks)
    _repeated_copy(marks)
    glyphs: tuple[tuple[str, str], ...] = ()
    if chinese:
        _spaced_digits(marks)
        _wiki_markup(marks)
        glyphs = _glyph_notes(marks)
    changes, kept = marks.changes_and_kept()
    if kept.startswith("\n") or kept.endswith("\n") or "\n\n" in kept:  # a step emptied a paragraph
        marks.single_breaks()
        changes, kept = marks.changes_and_kept()
    found = kept.split("\n") if kept else []
    return Cleaned(found, changes, title_block, glyphs)


def _paragraph_marks(marks: _Marks, end: int) -> None:
    """A tab, or two full-width spaces, between sentences marks paragraphs on a one-line text: each mark
    inside the text (the ends of lines are stripped already), with the spaces around it, becomes one line
    break. (A run of spaces is found once and then looked into: a pattern that looked for the mark from
    every space of a long run took time in the square of its length.)"""
    for run in _SPACE_RUN.finditer(marks.text, 0, end):
        stretch = run.group()
        if ("\t" in stretch or "\u3000\u3000" in stretch) and marks.all_kept(run.start(), run.end()):
            marks.remove(run.start(), run.end(), "paragraph-mark")
            marks.break_line(run.start())


_SPACE_RUN = re.compile(r"[ \t\u00a0\u3000]+")
_STRIP = " \t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000" + ZERO_WIDTH


class _Line(NamedTuple):
    start: int
    end: int  # without its line break, which stands at ``end`` (but for the last line)
    left: int  # its text, without the spaces around it
    right: int
    paragraph: int | None  # the number of the paragraph it belongs to; None for a blank line


def _classified(marks: _Marks, end: int, lines_are_paragraphs: bool) -> Iterator[_Line]:
    """Each line of the text before ``end``: where its text is, and the paragraph it belongs to (lines
    between blank lines; with ``lines_are_paragraphs`` each line). One pass, no list of lines."""
    text = marks.text
    count = -1  # the number of the paragraph being read
    previous_blank = True
    start = 0
    for stop in _line_ends(text, end):
        line = text[start:stop]
        left = stop - len(line.lstrip(_STRIP))
        right = max(left, start + len(line.rstrip(_STRIP)))
        if not previous_blank and _only_invisible(text, start, stop):
            # a line of nothing but a zero-width space inside a paragraph (a link's trace on the page):
            # the lines around it are one paragraph
            yield _Line(start, stop, left, right, count)
        elif right > left and marks.any_kept(left, right):
            if previous_blank or lines_are_paragraphs:
                count += 1
            previous_blank = False
            yield _Line(start, stop, left, right, count)
        else:
            previous_blank = True
            yield _Line(start, stop, left, right, None)
        start = stop + 1


def _line_ends(text: str, end: int) -> Iterator[int]:
    """Where each line of ``text[:end]`` ends: each line break, then ``end``."""
    for match in _NEWLINE.finditer(text, 0, end):
        yield match.start()
    yield end


_NEWLINE = re.compile("\n")


def _paragraphs(marks: _Marks, end: int, lines_are_paragraphs: bool = False) -> tuple[int, int] | None:
    """Group the lines into paragraphs (blank lines between), strip each line, and record the line
    breaks that go: inside a paragraph all of them (its lines are joined), between two paragraphs all
    but the first, before the first paragraph and after the last all of them. Returns where the last
    paragraph's text begins and ends. Two passes over the lines, each linear: the first finds the last
    line of a paragraph, the second marks."""
    last_line = -1
    for n, line in enumerate(_classified(marks, end, lines_are_paragraphs)):
        if line.paragraph is not None:
            last_line = n
    before: int | None = None  # the paragraph of the latest line that has one
    separated: int | None = None  # the latest paragraph whose separating line break is kept
    span: list[int] | None = None  # where the latest paragraph's text begins and ends
    previous: _Line | None = None
    for n, line in enumerate(_classified(marks, end, lines_are_paragraphs)):
        if line.paragraph is None and before is not None and n < last_line:
            # a blank line between two paragraphs, spaces and all, is part of the blank lines: one
            # change for the whole run (a record of each space apart cost a change per line)
            marks.remove(line.start, line.end, "blank-lines")
        marks.remove(line.start, line.left, "whitespace")
        marks.remove(line.right, line.end, "whitespace")
        if line.paragraph is not None and line.right > line.left and marks.any_kept(line.left, line.right):
            if span is None or line.paragraph != before:
                span = [line.left, line.right]
            else:
                span[1] = line.right
        if previous is not None:  # the line break after the previous line (line n - 1)
            kind = _line_break(previous.paragraph, line.paragraph, n - 1 >= last_line or before is None)
            if kind is None and before == separated:
                kind = "blank-lines"
            elif kind is None:
                separated = before  # kept: the one line break between two paragraphs
            if kind is not None:
                marks.remove(previous.end, previous.end + 1, kind)
        if line.paragraph is not None:
            before = line.paragraph
        previous = line
    return (span[0], span[1]) if span is not None else None


def _line_break(here: int | None, after: int | None, outside: bool) -> str | None:
    """What a line break between a line of paragraph ``here`` and one of ``after`` is removed as: a
    break inside a paragraph, one before the first paragraph or after the last (``outside``); None for
    a break between two paragraphs (the first such is kept, the rest are blank lines)."""
    if here is not None and here == after:
        return "line-break"
    return "whitespace" if outside else None


def _only_invisible(text: str, start: int, end: int) -> bool:
    """A line that holds zero-width characters and nothing else but spaces."""
    line = text[start:end]
    return any(c in ZERO_WIDTH for c in line) and not line.strip(f"{SPACE}{ZERO_WIDTH}")


def _title_lines_before(kept: str, body: int, start: int) -> int:
    """Where a second copy begins: its title lines (title, dateline, speaker) before its salutation
    belong to it (1991)."""
    for _ in range(TITLE_LINES):
        before = kept.rfind("\n", body, start - 1) + 1
        line = kept[before : start - 1]
        if before <= body or not line or len(line) > TITLE_LINE_LENGTH or not TITLE_HINT.search(line):
            break
        if re.search("[。；！？]$", line):
            break
        start = before
    return start


def _title_block(marks: _Marks) -> list[str]:
    """What stands before the salutation (``SALUTATION``), when it looks like a title block: a few
    paragraphs that name the report, its date and occasion, or its speaker."""
    kept, where = marks.kept(TITLE_SEARCH)
    salutation = SALUTATION.search(kept)
    if salutation is None or salutation.start() == 0:
        return []
    block = kept[: salutation.start()]
    lines = [line.strip(SPACE) for line in block.split("\n") if line.strip(SPACE)]
    if not lines or len(lines) > TITLE_LINES or not TITLE_HINT.search(block):
        return []
    if any(len(line) > TITLE_LINE_LENGTH for line in lines):  # text, not a title: a table of contents, say
        return []
    marks.remove(where[0], where[salutation.start()], "title-block", over=True)
    return lines


def _source_credit(marks: _Marks, paragraph: tuple[int, int]) -> None:
    """An English file's closing "(Source: Xinhua)" line: the publisher's credit, not the report."""
    start, end = paragraph
    if SOURCE_CREDIT.fullmatch(marks.text, start, end):
        before = marks.text.rfind("\n", 0, start)
        marks.remove(before if before >= 0 else start, end, "source-credit", over=True)


SPACED = re.compile(rf"(?<=[0-9０-９．.])[ ](?=[0-9０-９．.％%‰]|[{IDEOGRAPHS}])")
WIKI_QUOTES = re.compile(r"^'{1,3}|'{1,3}$")  # what is left of ''bold'' markup at a line's ends
WIKI_PLACEHOLDERS = ("粗体文字", "斜体文字")  # the words MediaWiki's edit toolbar inserts for bold, italic
GLYPH_NOTES = re.compile(rf"[{IDEOGRAPHS}]{{2,10}}注释[：:]?")  # the editors' heading of their glyph notes
GLYPH_NOTE = re.compile(r"(＠[①-⑳])(.+)")


def _spaced_digits(marks: _Marks) -> None:
    """A space between two digits of a number, or between a number and the character after it (a year
    written "1 2 3 4 年", an amount "12.3 元"): a Chinese text writes none, and a search for 1234年 must
    find it."""
    for found in SPACED.finditer(marks.text):
        at = found.start()
        if marks.all_kept(at - 1, at + 2):
            marks.remove(at, at + 1, "spaced-digits")


def _wiki_markup(marks: _Marks) -> None:
    """What Wikisource's markup left in a page (2007): apostrophes of ''bold'' at the ends of a line of
    the page (a Chinese text writes none), and the placeholder words the edit toolbar inserts
    (``WIKI_PLACEHOLDERS``) on a line of their own."""
    text = marks.text
    for line in re.finditer(r"[^\n]+", text):
        stripped = line.group().strip(SPACE)
        offset = line.start() + line.group().index(stripped[0]) if stripped else line.start()
        if stripped in WIKI_PLACEHOLDERS:
            spans = [(offset, offset + len(stripped))]
        else:
            spans = [(offset + m.start(), offset + m.end()) for m in WIKI_QUOTES.finditer(stripped)]
        for start, end in spans:
            if marks.all_kept(start, end):
                marks.remove(start, end, "wiki-markup")


def _glyph_notes(marks: _Marks) -> tuple[tuple[str, str], ...]:
    """A closing block of the editors' notes on characters their font lacked (1956: the heading
    GLYPH_NOTES matches, then one note a line, each opening with ＠ and a circled number), which mark the
    places in the text as ＠①. The block goes; the notes
    are returned, to be put beside the sentences that hold their marks."""
    if not GLYPH_NOTES.search(marks.text):
        return ()
    kept, where = marks.kept()
    headings = list(GLYPH_NOTES.finditer(kept))
    heading = headings[-1] if headings else None
    if heading is None or kept.rfind("\n", 0, heading.start()) + 1 != heading.start():
        return ()
    notes = []
    end = heading.end()
    for line in kept[heading.end() :].split("\n"):
        if not line:
            continue
        found = GLYPH_NOTE.fullmatch(line)
        if found is None:
            return ()  # the block is not at the end, or holds something else: leave it
        notes.append((found.group(1), found.group(2)))
        end = kept.index(line, end) + len(line)
    if not notes:
        return ()
    start = heading.start() - 1 if heading.start() else 0  # with the line break before the block
    marks.remove(where[start], where[end - 1] + 1, "editor-note", over=True)
    return tuple(notes)


def _repeated_copy(marks: _Marks) -> None:
    """A second copy of the report after the first: the opening after the salutation found again,
    and what follows it the same text. It goes, from the paragraph that opens the copy to the end."""
    kept, where = marks.kept()
    salutation = SALUTATION.search(kept[:TITLE_SEARCH])
    body = salutation.start() if salutation else 0
    probe = kept[body : body + COPY_PROBE]
    if len(probe) < COPY_PROBE:
        return
    again = kept.find(probe, body + COPY_PROBE)
    if again < 0:
        return
    start = kept.rfind("\n", body, again) + 1 or again  # the paragraph that holds the second opening
    start = _title_lines_before(kept, body, start)
    first, second = kept[body:start], kept[again:]
    step = max(len(first) // COPY_SAMPLES, 1)
    samples = [first[i : i + 20] for i in range(0, len(first) - 20, step)][:COPY_SAMPLES]
    if len(samples) < COPY_SAMPLES or sum(sample in second for sample in samples) < COPY_SAMPLES * 9 // 10:
        return
    marks.remove(where[start - 1] if start else where[start], len(marks.text), "repeated-copy", over=True)


class Edit(NamedTuple):
    """A change to the kept text (``start`` to ``end`` replaced by ``inserted``), in its coordinates."""

    start: int
    end: int
    inserted: str
    kind: str


def amend(kept: str, changes: Sequence[Change], edits: Iterable[Edit]) -> tuple[str, list[Change]]:
    """The kept text with ``edits`` made to it, and the cleaning record with each edit in it, so that
    ``restore`` still gives the input back. An edit may replace characters kept as they stand in the
    input (a space, a line break), or insert text at a place between two characters; it may not touch
    what an earlier change inserted."""
    ordered = sorted(changes, key=lambda c: c.at)
    placed = [(c.at, where, 1, c) for c, where in zip(ordered, _kept_offsets(ordered), strict=True)]
    pieces: list[str] = []
    position = 0
    positions = _Positions(ordered)  # asked in order: edits do not overlap
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < position or edit.end < edit.start:
            raise ValueError(f"overlapping or inverted edit at {edit.start}")
        at, inside = positions.at(edit.start)
        if inside or (edit.end > edit.start and positions.at(edit.end)[0] - at != edit.end - edit.start):
            raise ValueError(f"an edit at {edit.start} touches text that an earlier change made")
        # at one place in the input, changes go in the order of the kept text; an edit before the
        # change that starts where it does
        placed.append((at, edit.start, 0, Change(at, kept[edit.start : edit.end], edit.inserted, edit.kind)))
        pieces.append(kept[position : edit.start])
        pieces.append(edit.inserted)
        position = edit.end
    pieces.append(kept[position:])
    return "".join(pieces), [c for *_, c in sorted(placed, key=lambda p: p[:3])]


def _kept_offsets(changes: Sequence[Change]) -> list[int]:
    """Where in the kept text each change's inserted text begins (changes in order)."""
    offsets: list[int] = []
    source = kept = 0
    for change in changes:
        kept += change.at - source
        offsets.append(kept)
        kept += len(change.inserted)
        source = change.at + len(change.removed)
    return offsets


class _Positions:
    """Where offsets of the kept text are in the input, and whether each falls inside the text a change
    inserted (the offset at the start of such a text is before it, not inside): a cursor over the
    changes (in order), for offsets asked in order, so that n edits over m changes cost n + m, not n m."""

    def __init__(self, changes: Sequence[Change]) -> None:
        self.changes = changes
        self.next = 0  # the first change not yet passed
        self.source = self.kept = 0  # where the text after the passed changes begins, in each

    def at(self, offset: int) -> tuple[int, bool]:
        while self.next < len(self.changes):
            change = self.changes[self.next]
            unchanged = change.at - self.source
            if offset <= self.kept + unchanged:
                return self.source + offset - self.kept, False
            if offset < self.kept + unchanged + len(change.inserted):
                return change.at, True
            self.kept += unchanged + len(change.inserted)
            self.source = change.at + len(change.removed)
            self.next += 1
        return self.source + offset - self.kept, False
