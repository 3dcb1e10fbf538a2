"""Cleaning a published text into paragraphs, recording every character it takes out or changes.

What is removed, where and why is a list of ``Change`` records: applying them backwards to the kept
text (``restore``) gives the input back, byte for byte. Nothing else is changed. The kinds:

- ``licence-footer``: the publisher's template at the end of a page (Wikisource's licence notice),
  not part of the report. It is known by its place, not by its words: the closing stretch after a
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

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from reportcli.language import IDEOGRAPHS

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
SPACE = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"  # spaces a line may begin or end with
FOOTER_GAP = 6  # blank lines at least between a page's text and its footer
FOOTER_SPAN = 4000  # characters: a footer stands in the last stretch of a page
FOOTER_PAGES = 3  # a closing stretch that this many pages of one file share is the publisher's
_GAP = re.compile(f"\n(?:[{SPACE}]*\n){{{FOOTER_GAP},}}")
_WHITESPACE = re.compile(r"\s+")
SALUTATION = re.compile(r"各位代表[：:，,！!]")
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
    """A verdict per input character: kept, or removed as a kind (or replaced by a line break)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.kind: list[str | None] = [None] * len(text)
        self.newline_for: set[int] = set()  # positions whose removed stretch is replaced by "\n"

    def remove(self, start: int, end: int, kind: str, *, over: bool = False) -> None:
        """Mark characters removed as ``kind``; those already removed keep their kind unless ``over``
        (which also drops the line breaks that stood for removed stretches in the range)."""
        for i in range(start, end):
            if over or self.kind[i] is None:
                self.kind[i] = kind
        if over:
            self.newline_for.difference_update(range(start, end))

    def kept(self, limit: int | None = None) -> tuple[str, list[int]]:
        """The text as it stands (up to ``limit`` characters), and where each character is in the input."""
        chars: list[str] = []
        where: list[int] = []
        for i, char in enumerate(self.text):
            if limit is not None and len(chars) >= limit:
                break
            if self.kind[i] is None:
                chars.append(char)
                where.append(i)
            elif i in self.newline_for:
                chars.append("\n")
                where.append(i)
        return "".join(chars), where

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
    ``one_line_marks`` a text on one line whose paragraphs are marked by full-width double spaces or
    tabs, with ``source_line`` an English text whose first line says where it comes from; with
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
    lines = _lines(text, end)
    paragraphs = _paragraphs(marks, lines, lines_are_paragraphs)
    if one_line_marks:
        _paragraph_marks(marks, end)
    if paragraphs:
        _source_credit(marks, paragraphs[-1])
    title_block = _title_block(marks)
    _repeated_copy(marks)
    glyphs: tuple[tuple[str, str], ...] = ()
    if chinese:
        _spaced_digits(marks)
        _wiki_markup(marks)
        glyphs = _glyph_notes(marks)
    changes, kept = marks.changes_and_kept()
    found = [p for p in kept.split("\n") if p] if kept else []
    return Cleaned(found, changes, title_block, glyphs)


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


def _paragraphs(
    marks: _Marks, lines: list[tuple[int, int]], lines_are_paragraphs: bool = False
) -> list[list[tuple[int, int]]]:
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
        if not previous_blank and _only_invisible(text, start, end):
            # a line of nothing but a zero-width space inside a paragraph (a link's trace on the page):
            # the lines around it are one paragraph
            paragraph_of.append(len(paragraphs) - 1)
            continue
        if right > left and any(marks.kind[i] is None for i in range(left, right)):
            if previous_blank or lines_are_paragraphs:
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


def _only_invisible(text: str, start: int, end: int) -> bool:
    """A line that holds zero-width characters and nothing else but spaces."""
    line = text[start:end]
    return any(c in ZERO_WIDTH for c in line) and not line.strip(f"{SPACE}{ZERO_WIDTH}")


def _next_paragraph(paragraph_of: list[int | None], line: int) -> int | None:
    return next((p for p in paragraph_of[line:] if p is not None), None)


def _last_paragraph_before(paragraph_of: list[int | None], line: int) -> int | None:
    """The paragraph of line ``line`` or the nearest line before it that has one."""
    return next((p for p in reversed(paragraph_of[: line + 1]) if p is not None), None)


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
    """What stands before the salutation ("各位代表："), when it looks like a title block: a few
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


def _source_credit(marks: _Marks, paragraph: list[tuple[int, int]]) -> None:
    """An English file's closing "(Source: Xinhua)" line: the publisher's credit, not the report."""
    start, end = paragraph[0][0], paragraph[-1][1]
    if SOURCE_CREDIT.fullmatch(marks.text, start, end):
        before = marks.text.rfind("\n", 0, start)
        marks.remove(before if before >= 0 else start, end, "source-credit", over=True)


SPACED = re.compile(rf"(?<=[0-9０-９．.])[ ](?=[0-9０-９．.％%‰]|[{IDEOGRAPHS}])")
WIKI_QUOTES = re.compile(r"^'{1,3}|'{1,3}$")  # what is left of ''bold'' markup at a line's ends
WIKI_PLACEHOLDERS = ("粗体文字", "斜体文字")  # the words MediaWiki's edit toolbar inserts for bold, italic
GLYPH_NOTES = re.compile(r"字库未存字注释[：:]?")
GLYPH_NOTE = re.compile(r"(＠[①-⑳])(.+)")


def _spaced_digits(marks: _Marks) -> None:
    """A space between two digits of a number, or between a number and the character after it ("1 9 9 7
    年" in 1998, "39.8 万亿元"): a Chinese text writes none, and a search for 1997年 must find it."""
    text, kind = marks.text, marks.kind
    for found in SPACED.finditer(text):
        at = found.start()
        if kind[at] is None and kind[at - 1] is None and kind[at + 1] is None:
            marks.remove(at, at + 1, "spaced-digits")


def _wiki_markup(marks: _Marks) -> None:
    """What Wikisource's markup left in a page (2007): apostrophes of ''bold'' at the ends of a line of
    the page (a Chinese text writes none), and the placeholder words the edit toolbar inserts (粗体文字)
    on a line of their own."""
    text = marks.text
    for line in re.finditer(r"[^\n]+", text):
        stripped = line.group().strip(SPACE)
        offset = line.start() + line.group().index(stripped[0]) if stripped else line.start()
        if stripped in WIKI_PLACEHOLDERS:
            spans = [(offset, offset + len(stripped))]
        else:
            spans = [(offset + m.start(), offset + m.end()) for m in WIKI_QUOTES.finditer(stripped)]
        for start, end in spans:
            if all(marks.kind[i] is None for i in range(start, end)):
                marks.remove(start, end, "wiki-markup")


def _glyph_notes(marks: _Marks) -> tuple[tuple[str, str], ...]:
    """A closing block of the editors' notes on characters their font lacked (1956: 字库未存字注释：
    then ＠①原字石右加安, one a line), which mark the places in the text as ＠①. The block goes; the notes
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
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < position or edit.end < edit.start:
            raise ValueError(f"overlapping or inverted edit at {edit.start}")
        at, inside = _input_position(ordered, edit.start)
        if inside or (edit.end > edit.start and _input_position(ordered, edit.end)[0] - at != edit.end - edit.start):
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


def _input_position(changes: Sequence[Change], offset: int) -> tuple[int, bool]:
    """Where the kept text's ``offset`` is in the input, and whether it falls inside the text a change
    inserted (the offset at the start of such a text is before it, not inside)."""
    source = kept = 0
    for change in changes:
        unchanged = change.at - source
        if offset <= kept + unchanged:
            return source + offset - kept, False
        kept += unchanged
        source = change.at
        if offset < kept + len(change.inserted):
            return source, True
        kept += len(change.inserted)
        source += len(change.removed)
    return source + offset - kept, False
