"""The structure of a report's text: sentences in paragraphs, and the parts and sub-parts they form.

Everything here is read off the text itself:
- sentences end at 。！？ (or . ! ? followed by a space, in English), with any closing quotes or
  brackets after them; joining a paragraph's sentences gives the paragraph back exactly. A list
  number that opens a paragraph ("2." in "2. We deepened reform") is never a sentence of its own;
- headings are paragraphs of a known form (``heading``): numbered 一、 （一） 第一， or a numeral
  alone, unnumbered (a short paragraph without sentence punctuation, such as a review's title), the closing
  结束语; in English I. II. for parts and 1. 2. for the tasks under them;
- the outline is read the way a reader reads it (``parts``): the first style of heading is the top
  level (an unnumbered one only where at least two unnumbered headings open the report's sections,
  or where the text says which of them opens its 第二部分), a numbered heading continues the level
  whose numbers it continues (一、二、三、 in order) and a 1 opens a level below; a numbered heading
  that continues nothing is a list item, not a heading (四、 after three items of a list);
- parts are the top level and sub-parts the second; where a part has numbered sub-headings, its
  unnumbered ones are not sub-parts. A numbered part or sub-part keeps its own number (part 3 is
  三、), so a gap in a partial text stays a gap; an unnumbered one is numbered in order.
"""

import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from reportcli.language import DEPUTIES, EN, ZH

NUMERALS = "一二三四五六七八九十"
_ZH_END = re.compile(r"[。！？!?][”’」』）)\"']*")
_EN_END = re.compile(r"[.!?][\"'”’)]*(?= (?=[A-Z\"“(\d—]))")
_LIST_NUMBER = re.compile(r"\s*(?:\d{1,2}|[IVX]{1,4})\.")  # "2." or "IV." opening a paragraph
_PART_ZH = re.compile(f"([{NUMERALS}]+)、")
_PART_EN = re.compile(r"([IVX]+)\. ")
_TASK_EN = re.compile(r"(\d{1,2})\. (?=\S)")
_SUBPART_ZH = re.compile(f"[（(]([{NUMERALS}]+)[）)]")
_ORDINAL_ZH = re.compile(f"第([{NUMERALS}]+)[，、,]")
_PUNCTUATED = re.compile(r"[。！？；：!?;:]")
HEADING_LENGTH = 60  # characters: a heading paragraph (一、…) is no longer
LEAD_LENGTH = 50  # characters: a heading that is a paragraph's first sentence ((一)…。 body) is no longer
PLAIN_LENGTH = 40  # characters: an unnumbered heading is no longer
CLOSING = "结束语"
ANNOUNCED = re.compile(f"第([{NUMERALS}]+)部分")  # a sentence that says what the report's 第二部分 is about
SALUTATION = re.compile(f"{DEPUTIES}[：:，,！!]")  # the salutation, as the speech opens with it


class Part(NamedTuple):
    number: int  # 1, 2, 3...
    subpart: int  # 0 for the part itself, else 1, 2, 3 for its sub-parts
    paragraph: int  # the paragraph (from 1) that holds the heading
    heading: str


class Heading(NamedTuple):
    """A paragraph that is a heading: its style, its number (None if unnumbered) and its words."""

    style: str  # dun 一、, paren （一）, ordinal 第一，, numeral 一, plain (unnumbered), clause (one
    # with a comma: 五年来，……), closing (结束语), roman I., task 1.
    number: int | None
    text: str
    item: bool = False  # a paragraph of one numbered sentence (（一）……。): a heading, or an item of a list


def sentences(paragraph: str, language: str) -> list[str]:
    """The paragraph cut into sentences; ``"".join`` (or ``" ".join`` in English) gives it back."""
    if language == EN:
        cuts = [m.end() for m in _EN_END.finditer(paragraph) if not _LIST_NUMBER.fullmatch(paragraph, 0, m.end())]
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


def heading(paragraph: str, language: str, after_salutation: bool = False) -> Heading | None:
    """The heading a paragraph is, if it has the form of one (``after_salutation``: the paragraph
    right after the salutation, the opening sentence, which is never a heading)."""
    if language == EN:
        return _english_heading(paragraph)
    return _numbered_heading(paragraph) or _plain_heading(paragraph, after_salutation)


def _english_heading(paragraph: str) -> Heading | None:
    if (roman := _PART_EN.match(paragraph)) is not None:
        return Heading("roman", roman_number(roman.group(1)), paragraph)
    if (task := _TASK_EN.match(paragraph)) is not None:
        return Heading("task", int(task.group(1)), sentences(paragraph, EN)[0])
    return None


def _numbered_heading(paragraph: str) -> Heading | None:
    """一、 alone on a short paragraph without sentence punctuation; （一） and 第一， so too, or as the
    short first sentence of a paragraph; a numeral alone."""
    whole = len(paragraph) <= HEADING_LENGTH and not _PUNCTUATED.search(paragraph)
    if (dun := _PART_ZH.match(paragraph)) is not None:
        return Heading("dun", chinese_number(dun.group(1)), paragraph) if whole else None
    for style, pattern in (("paren", _SUBPART_ZH), ("ordinal", _ORDINAL_ZH)):
        if (found := pattern.match(paragraph)) is None:
            continue
        first = sentences(paragraph, ZH)[0]
        lead = len(first) <= LEAD_LENGTH and not _PUNCTUATED.search(first[:-1])  # （一）a short sentence。body
        if not (whole or lead):
            return None
        return Heading(style, chinese_number(found.group(1)), paragraph if whole else first, first == paragraph)
    number = chinese_number(paragraph)
    return Heading("numeral", number, paragraph) if number is not None else None  # 一 alone (1960)


def _plain_heading(paragraph: str, after_salutation: bool) -> Heading | None:
    """结束语; a short paragraph without punctuation (a review's title), not the opening sentence, not a
    line of a list (——…), not a clause that runs on (a few words and a comma)."""
    if paragraph == CLOSING:
        return Heading("closing", None, paragraph)
    if len(paragraph) > PLAIN_LENGTH or _PUNCTUATED.search(paragraph) or after_salutation:
        return None
    if paragraph.startswith(("—", "-")) or paragraph.endswith(("，", ",", "、")):
        return None
    return Heading("clause" if "，" in paragraph else "plain", None, paragraph)


def parts(paragraphs: Sequence[str], language: str) -> list[Part]:
    """The parts and sub-parts of a report, read off its headings (see the module's notes)."""
    found = [
        (n, h)
        for n, p in enumerate(paragraphs, 1)
        if (h := heading(p, language, n > 1 and bool(SALUTATION.fullmatch(paragraphs[n - 2])))) is not None
    ]
    if language == EN:
        return _english(found)
    found = _without_lists(found)
    levels = _levels(found, paragraphs)
    return _numbered(levels)


def _english(found: list[tuple[int, Heading]]) -> list[Part]:
    """I. II. III. in order are the parts; 1. 2. under a part its sub-parts, numbered as printed (a
    partial text may lack one: 2025's review of the year opens at 2.)."""
    parts: list[Part] = []
    part = subpart = 0
    for paragraph, h in found:
        assert h.number is not None
        if h.style == "roman" and h.number == part + 1:
            part, subpart = h.number, 0
            parts.append(Part(part, 0, paragraph, h.text))
        elif h.style == "task" and part and h.number > subpart:
            subpart = h.number
            parts.append(Part(part, subpart, paragraph, h.text))
    return parts


UNNUMBERED = ("plain", "clause")
# Levels of headings open below the top at once: the published reports open two; a text that opens a
# level per paragraph (一、 （一） 第一， each never continued) would make every heading search them all
MAX_DEPTH = 8


def _without_lists(found: list[tuple[int, Heading]]) -> list[tuple[int, Heading]]:
    """Drop the one-sentence numbered paragraphs that follow each other (第一，…… then the next ordinal):
    items of a list, not headings of the text that follows them."""
    dropped: set[int] = set()
    for (n, h), (m, g) in itertools.pairwise(found):
        if (
            h.item
            and g.item
            and m == n + 1
            and g.style == h.style
            and h.number is not None
            and g.number == h.number + 1
        ):
            dropped.update((n, m))
    return [(n, h) for n, h in found if n not in dropped]


def _top_style(found: list[tuple[int, Heading]], paragraphs: Sequence[str]) -> tuple[str | None, set[int]]:
    """The style of the report's top level, and (for an unnumbered top level) the paragraphs whose
    headings open parts: all its unnumbered headings, or where the text names its parts (第二部分)
    the first heading and those it names."""
    sections = [(n, h) for n, h in found if h.style != "closing"]
    plain = [n for n, h in sections if h.style == "plain"]
    if sections and sections[0][1].style == "plain" and len(plain) >= 2:
        named = {
            n
            for n in plain
            if any(ANNOUNCED.search(paragraphs[m - 1]) for m in range(n + 1, min(n + 3, len(paragraphs) + 1)))
        }
        return "plain", ({plain[0]} | named) if named else set(plain)
    first = next((h for _, h in sections if h.number == 1), None)
    return (first.style if first else None), set()


def _levels(found: list[tuple[int, Heading]], paragraphs: Sequence[str]) -> list[tuple[int, int, Heading]]:
    """(paragraph, level, heading) of every heading that takes a place in the outline."""
    top, opening = _top_style(found, paragraphs)
    stack: list[list[Any]] = []  # open levels below the top: [style, last number]
    placed: list[tuple[int, int, Heading]] = []
    last_top = 0
    for paragraph, h in found:
        level: int | None
        if h.style == "closing" or (top == "plain" and paragraph in opening):
            level = 1
        elif h.style == top and h.number is not None and not _continues(stack, h) and h.number == last_top + 1:
            level = 1  # the next part; where a level below of the same style goes on, that comes first
        else:
            level = _place(stack, h)
            if level is None:
                continue  # a numbered item that continues nothing and opens nothing: a list
        if level == 1:
            stack.clear()
            last_top += 1
        placed.append((paragraph, level, h))
    return placed


def _continues(stack: list[list[Any]], h: Heading) -> bool:
    """Whether a numbered heading continues an open level below the top (一、二、 under a part)."""
    return any(style == h.style and last is not None and h.number == last + 1 for style, last in stack)


def _place(stack: list[list[Any]], h: Heading) -> int | None:
    """The level (2 and below) a heading under the top level takes, updating the open levels; None
    for a numbered paragraph that continues no level and opens none (a list item)."""
    if h.number is None:  # below the top, unnumbered headings are of one kind, with a comma or not
        return _place_unnumbered(stack, "unnumbered")
    return _place_numbered(stack, h.style, h.number)


def _place_unnumbered(stack: list[list[Any]], style: str) -> int | None:
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth][0] == style:
            del stack[depth + 1 :]
            return depth + 2
    if len(stack) >= MAX_DEPTH:
        return None
    stack.append([style, None])
    return len(stack) + 1


def _place_numbered(stack: list[list[Any]], style: str, number: int) -> int | None:
    for depth in range(len(stack) - 1, -1, -1):  # the deepest level it continues
        if stack[depth][0] == style and stack[depth][1] is not None and number == stack[depth][1] + 1:
            del stack[depth + 1 :]
            stack[depth][1] = number
            return depth + 2
    if number != 1:
        return None
    if stack and stack[-1][0] == "unnumbered":
        stack[-1] = [style, 1]  # a numbered list of sub-headings takes the place of unnumbered ones
        return len(stack) + 1
    if len(stack) >= MAX_DEPTH:
        return None
    stack.append([style, 1])
    return len(stack) + 1


def _numbered(levels: list[tuple[int, int, Heading]]) -> list[Part]:
    """Parts (level 1) and sub-parts (level 2) numbered: by their own numbers when the text numbers
    them, else in order; in a part with numbered sub-headings, the unnumbered ones are left out."""
    parts: list[Part] = []
    part = 0
    groups: list[tuple[int, int, Heading]] = []

    def close() -> None:
        numbered = [g for g in groups if g[2].number is not None]
        if len(numbered) == 1:  # a list of one (a first and no second): not a level of headings
            groups.remove(numbered[0])
            numbered = []
        count = 0
        for paragraph, _, h in groups:
            if numbered and h.number is None:
                continue
            count = h.number if h.number is not None else count + 1
            parts.append(Part(part, count, paragraph, h.text))

    for paragraph, level, h in levels:
        if level == 1:
            close()
            groups = []
            part = h.number if h.number is not None and h.style != "closing" else part + 1
            parts.append(Part(part, 0, paragraph, h.text))
        elif level == 2:
            groups.append((paragraph, level, h))
    close()
    return [p for i, p in enumerate(parts) if _in_order(parts[:i], p)]


def _in_order(before: list[Part], part: Part) -> bool:
    """A sub-part whose number does not follow the one before it (a repeated or lower number) is
    dropped, so that parts and sub-parts always run in order."""
    if not before:
        return True
    last = before[-1]
    return (part.number, part.subpart) > (last.number, last.subpart)


# --- headings run into the paragraph they head --------------------------------------------------------

_WORD = re.compile(r"\S+")
_NUMBERED_ZH = re.compile(f"(?:[{NUMERALS}]+、|[（(][{NUMERALS}]+[）)]|第[{NUMERALS}]+[，、,])")
WHITESPACE = " \t\u00a0\u3000"


def heading_cuts(paragraphs: Sequence[str], language: str, other: str | None = None) -> list[int]:
    """Where a numbered heading runs into the text it heads, the offset (in the paragraphs joined by
    line breaks) at which to cut it off: in English, "1. Expanding domestic demand We will..." is cut
    before the first capitalized word that is not a name (a name is a word the report capitalizes
    inside its sentences: China, CPC; We, To, Acting never are); in Chinese, a heading such as "三、" and
    its words run on into the paragraph's first sentence is cut where the other published copy
    (``other``) has a space after the same words. Nothing is cut where nothing says where."""
    cuts: list[int] = []
    offset = 0
    names = _names(paragraphs) if language == EN else set()
    for paragraph in paragraphs:
        at = _english_cut(paragraph, names) if language == EN else _chinese_cut(paragraph, other)
        if at is not None:
            cuts.append(offset + at)
        offset += len(paragraph) + 1
    return cuts


def _capitalized(text: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """(offset, word) of each capitalized word that follows a word in lower case inside a sentence
    (after "in", "rural", "areas,"; not after a full stop, nor after another capitalized word)."""
    previous: str | None = None
    for found in _WORD.finditer(text, start):
        word = found.group()
        bare = word.strip("\"'“”‘’()[]")
        if previous is not None and re.fullmatch(r"[A-Z][a-z]+", bare.rstrip(".,;:!?")) and word[0].isupper():
            before = previous.strip("\"'“”‘’()[]")
            if before[:1].islower() and not before.endswith((".", "!", "?", ":")):
                yield found.start(), bare.rstrip(".,;:!?")
        previous = word


def _names(paragraphs: Sequence[str]) -> set[str]:
    """The capitalized words the report writes inside its sentences (outside a task's first sentence,
    where a heading may run into its text, and outside part headings): names, never a word that
    opens a sentence."""
    found: set[str] = set()
    for paragraph in paragraphs:
        if _PART_EN.match(paragraph):
            continue
        start = len(sentences(paragraph, EN)[0]) if _TASK_EN.match(paragraph) else 0
        found.update(word for _, word in _capitalized(paragraph, start))
    return found


def _english_cut(paragraph: str, names: set[str]) -> int | None:
    """The offset of the space between a task's heading and its first sentence, if they run together."""
    task = _TASK_EN.match(paragraph)
    if task is None:
        return None
    first = sentences(paragraph, EN)[0]
    for at, word in _capitalized(first, task.end()):
        if word not in names and len(first[task.end() : at].split()) >= 3:
            return at - 1
    return None


def _chinese_cut(paragraph: str, other: str | None) -> int | None:
    """The offset after a numbered heading run into its paragraph, where the other copy has a space."""
    if other is None or not _NUMBERED_ZH.match(paragraph) or _numbered_heading(paragraph) is not None:
        return None
    probe = paragraph[:8]
    found = other.find(probe)
    if found < 0 or other.find(probe, found + 1) >= 0:
        return None  # not in the other copy, or not once
    i, j = 0, found
    while i < min(len(paragraph), HEADING_LENGTH) and j < len(other):
        if other[j] in WHITESPACE and paragraph[i] not in WHITESPACE:
            head = paragraph[:i]
            return i if i > len(probe) and not _PUNCTUATED.search(head) else None
        if other[j] != paragraph[i]:
            return None
        i, j = i + 1, j + 1
    return None
