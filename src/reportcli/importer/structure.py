"""The structure of a report's text: sentences in paragraphs, and the parts and sub-parts they form.

Everything here is read off the text itself:
- sentences end at 。！？ (or . ! ? followed by a space, in English), with any closing quotes or
  brackets after them; joining a paragraph's sentences gives the paragraph back exactly;
- a part begins at a paragraph that is a numbered heading (一、… 二、… in Chinese, I. II. in English),
  when the numbers run 1, 2, 3 in order; a sub-part at a paragraph that begins （一）（二）… in order
  within its part (the heading is its first sentence, or the whole paragraph).
"""

import re
from collections.abc import Sequence
from typing import NamedTuple

NUMERALS = "一二三四五六七八九十"
_ZH_END = re.compile(r"[。！？!?][”’」』）)\"']*")
_EN_END = re.compile(r"[.!?][\"'”’)]*(?= (?=[A-Z\"“(\d—]))")
_PART_ZH = re.compile(f"([{NUMERALS}]+)、")
_PART_EN = re.compile(r"([IVX]+)\. ")
_SUBPART_ZH = re.compile(f"[（(]([{NUMERALS}]+)[）)]")
PART_HEADING_LENGTH = 40  # characters: a longer paragraph beginning 一、 is a list item, not a heading


class Part(NamedTuple):
    number: int  # 1, 2, 3...
    subpart: int  # 0 for the part itself, else 1, 2, 3 for its sub-parts
    paragraph: int  # the paragraph (from 1) that holds the heading
    heading: str


def sentences(paragraph: str, language: str) -> list[str]:
    """The paragraph cut into sentences; ``"".join`` (or ``" ".join`` in English) gives it back."""
    if language == "en":
        cuts = [m.end() for m in _EN_END.finditer(paragraph)]
        pieces, start = [], 0
        for cut in cuts:
            pieces.append(paragraph[start:cut])
            start = cut + 1  # the one space between two sentences
        pieces.append(paragraph[start:])
        return [p for p in pieces if p]
    cuts = [m.end() for m in _ZH_END.finditer(paragraph)]
    pieces, start = [], 0
    for cut in cuts:
        if cut > start:
            pieces.append(paragraph[start:cut])
            start = cut
    if start < len(paragraph):
        pieces.append(paragraph[start:])
    return pieces


def chinese_number(text: str) -> int | None:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十 -> 20 (the numbers parts and sub-parts use)."""
    values = {c: i for i, c in enumerate(NUMERALS, 1)}
    if not text or any(c not in values for c in text):
        return None
    if text == "十":
        return 10
    if "十" in text:
        tens, _, units = text.partition("十")
        return values.get(tens, 1) * 10 + (values[units] if units else 0)
    return values[text] if len(text) == 1 else None


def roman_number(text: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10}
    total, previous = 0, 0
    for char in reversed(text):
        value = values[char]
        total += -value if value < previous else value
        previous = max(previous, value)
    return total or None


def parts(paragraphs: Sequence[str], language: str) -> list[Part]:
    """The parts and sub-parts of a report, where their numbers run in order."""
    found: list[Part] = []
    part = 0
    subpart = 0
    for number, paragraph in enumerate(paragraphs, 1):
        heading = _part_heading(paragraph, language)
        if heading is not None and heading == part + 1:
            part, subpart = heading, 0
            found.append(Part(part, 0, number, paragraph))
            continue
        if language == "zh":
            match = _SUBPART_ZH.match(paragraph)
            if match and chinese_number(match.group(1)) == subpart + 1:
                subpart += 1
                found.append(Part(part, subpart, number, sentences(paragraph, language)[0]))
    return found


def _part_heading(paragraph: str, language: str) -> int | None:
    """The number of a part heading (a short paragraph that opens with 一、 or I.), else None."""
    if len(paragraph) > PART_HEADING_LENGTH:
        return None
    if language == "zh":
        match = _PART_ZH.match(paragraph)
        return chinese_number(match.group(1)) if match and not _ZH_END.search(paragraph[:-1]) else None
    match = _PART_EN.match(paragraph)
    return roman_number(match.group(1)) if match else None
