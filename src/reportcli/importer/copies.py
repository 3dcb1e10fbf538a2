"""Two published copies of one report compared: what the other copy holds that the imported one
lacks, and where the two word a passage differently.

The copies are compared sentence by sentence after normalization (NFKC, traditional characters as
simplified, 着 as 著, without spaces, punctuation, footnote marks such as （⑶⑷） and stage notes such
as （鼓掌）), sentences aligned in order (difflib's longest matching blocks), and then, inside a stretch
where they differ, character by character:

- where every word of the imported copy's stretch is in the other copy's, in order, and the other
  has more, what it has more is missing from the imported copy: whole sentences, or the lost start of
  a sentence that opens a paragraph mid-sentence (2009), or the lost end of one that breaks off
  without its full stop (1986). They are brought in (``Insertion``), unless the words stand
  elsewhere in the imported copy (a sentence moved) or the stretch lies before the first or after
  the last sentence the copies share (the other copy's notes, glossary, newspaper credit);
- where each copy has words the other lacks, the passage is worded differently (the text as
  delivered, and as revised): the other copy's wording is kept as a note at that place
  (``Variant``);
- where the words are the same and only the punctuation or the cut between sentences differs,
  nothing is recorded but the count.

``Comparison`` also measures the copies: the share of each one's 12-character shingles that the
other holds.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

from reportcli import text as words
from reportcli.importer import structure
from reportcli.language import ZH, is_ideograph

SHINGLE = 12  # characters: the shingles whose overlap measures how alike two copies are
# Bounds on the work of a comparison, far above what the published copies need (1955: 1,017 x 1,020
# sentences; the longest stretch compared character by character, 271 x 311), so that two hostile
# copies cannot make an import take time in the square of their length:
MAX_SENTENCE_PAIRS = 4_000_000  # sentences of one copy times those of the other: more are not compared
MAX_CHARACTER_PAIRS = 1_000_000  # a stretch compared character by character: more is worded differently
POPULAR = 50  # a sentence the other copy repeats more often is matched only beside its neighbours
MIN_SENTENCE = 4  # normalized characters: a shorter sentence of the other copy is not brought in
LOST_START = 8  # characters: the lost start of a sentence is a clause or more, ending at its comma
_ENDED = re.compile(r"[。！？!?][”’」』）)\"']*$")  # a sentence that ends as sentences do did not break off
# footnote marks (（⑶⑷）), stage notes of a speech (（鼓掌）, （暴风雨般的掌声）, （笑声）), a heading's number
_MARKS = re.compile(
    r"[（(][⑴-⒇①-⑳\d\s]+[）)]|[⑴-⒇①-⑳]|[（(][^（）()]{0,10}(?:鼓掌|掌声|笑声|欢呼)[）)]"
    r"|(?:^|(?<=[：:；;]))\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])"
)


class Insertion(NamedTuple):
    """Text of the other copy to bring into the imported one: at ``at`` (an offset of the imported
    copy's paragraphs joined by line breaks), as a paragraph of its own if ``paragraph``."""

    at: int
    text: str
    paragraph: bool
    whole: bool  # whole sentences (else the lost start or end of one)


class Variant(NamedTuple):
    """A passage of the imported copy (``start`` to ``end``) that the other copy words as ``other``."""

    start: int
    end: int
    other: str


class Comparison(NamedTuple):
    shared: float  # share of the imported copy's shingles the other copy holds
    shared_back: float  # share of the other copy's shingles the imported copy holds
    sentences: int  # of the imported copy
    other_sentences: int
    only_here: int  # sentences of the imported copy the other lacks (not a passage worded differently)
    only_there: int  # stretches of whole sentences of the other copy the imported lacks, inside the report
    outside: int  # sentences of the other copy before or after the text the copies share
    moved: int  # sentences of the other copy that stand elsewhere in the imported one
    punctuation: int  # stretches that differ only in punctuation or in where a sentence ends
    insertions: tuple[Insertion, ...]
    variants: tuple[Variant, ...]

    def summary(self, other: str) -> str:
        """One line for a reader: how the imported copy compares with ``other``."""
        inserted = sum(1 for i in self.insertions if i.whole)
        parts = len(self.insertions) - inserted
        said = [
            f"Compared with {other}: it holds {self.shared:.1%} of this text's 12-character shingles, this text "
            f"{self.shared_back:.1%} of its",
            f"{_count(inserted, 'stretch', 'stretches')} of sentences only there, brought in"
            + (f", and {_count(parts, 'lost part')} of sentences" if parts else ""),
            f"{_count(self.only_here, 'sentence')} only here",
            f"{_count(len(self.variants), 'passage')} worded differently (noted)",
            f"{_count(self.punctuation, 'stretch', 'stretches')} differing only in punctuation",
        ]
        if self.outside:
            said.append(f"{_count(self.outside, 'sentence')} of it outside the report's text")
        return "; ".join(said) + "."


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


class _Sentence(NamedTuple):
    start: int  # offset in the paragraphs joined by line breaks
    text: str
    paragraph: int
    first: bool  # opens its paragraph
    last: bool  # closes its paragraph
    normal: str
    where: list[int]  # for each normalized character, its offset in ``text``


def normalized(text: str) -> tuple[str, list[int]]:
    """The words of a text as the comparison sees them, and where each normalized character stands."""
    hidden = {i for found in _MARKS.finditer(text) for i in range(found.start(), found.end())}
    keys = [(i, _key(char)) for i, char in enumerate(text) if i not in hidden]
    where = [i for i, key in keys for _ in key]
    return "".join(key for _, key in keys), where


@functools.cache
def _key(char: str) -> str:
    """One character as the comparison sees it: in NFKC, letters and digits only, an ideograph in its
    simplified form, 着 as 著, a circle written for zero (○) as 〇."""
    found = []
    for c in unicodedata.normalize("NFKC", "〇" if char == "○" else char):
        if c.isalnum():
            key = simplified(c) if is_ideograph(c) else c
            found.append("著" if key == "着" else key)
    return "".join(found)


@functools.cache
def simplified(char: str) -> str:
    """An ideograph's simplified form, through OpenCC's Hong Kong or Japanese tables where it is a
    variant its traditional-to-simplified table lacks (衞 is 卫; 鶏, as in Japanese, is 鷄, simplified
    鸡): the 1954 page is in traditional characters, the other copy in simplified. Variants no table
    knows (擧 for 举) remain differences, noted as such."""
    first = words.simplified(char)
    if first != char:
        return first
    japanese, hongkong, simple = _converters()
    for converted in (str(hongkong.convert(char)), str(simple.convert(str(japanese.convert(char))))):
        if len(converted) == 1 and converted != char:
            return converted
    return char


@functools.cache
def _converters() -> tuple[Any, Any, Any]:
    import opencc

    return opencc.OpenCC("jp2t"), opencc.OpenCC("hk2s"), opencc.OpenCC("t2s")


def _sentences(paragraphs: Sequence[str]) -> list[_Sentence]:
    found: list[_Sentence] = []
    offset = 0
    for number, paragraph in enumerate(paragraphs):
        pieces = structure.sentences(paragraph, ZH)
        at = offset
        for n, piece in enumerate(pieces):
            normal, where = normalized(piece)
            found.append(_Sentence(at, piece, number, n == 0, n == len(pieces) - 1, normal, where))
            at += len(piece)
        offset += len(paragraph) + 1
    return found


def _shingles(normal: str) -> set[str]:
    return {normal[i : i + SHINGLE] for i in range(len(normal) - SHINGLE + 1)}


class TooLong(Exception):
    """Two copies too long to compare within the bounds (MAX_SENTENCE_PAIRS)."""


def compare(chosen: Sequence[str], other: Sequence[str]) -> Comparison:
    """The imported copy's paragraphs (``chosen``) against the other copy's; TooLong, saying why, when
    they hold more than MAX_SENTENCE_PAIRS pairs of sentences."""
    here, there = _sentences(chosen), _sentences(other)
    if len(here) * len(there) > MAX_SENTENCE_PAIRS:
        raise TooLong(
            f"{len(here):,} sentences against {len(there):,}: more than the {MAX_SENTENCE_PAIRS:,} pairs reportcli "
            "compares"
        )
    mine, theirs = _shingles("".join(s.normal for s in here)), _shingles("".join(s.normal for s in there))
    everything = "".join(s.normal for s in here)
    often = Counter(s.normal for s in there)
    popular = {normal for normal, count in often.items() if count > POPULAR}
    matcher = difflib.SequenceMatcher(
        popular.__contains__ if popular else None,
        [s.normal for s in here],
        [s.normal for s in there],
        autojunk=False,
    )
    blocks = matcher.get_opcodes()
    equal = [n for n, block in enumerate(blocks) if block[0] == "equal"]
    counts = {"only_here": 0, "only_there": 0, "outside": 0, "moved": 0, "punctuation": 0}
    insertions: list[Insertion] = []
    variants: list[Variant] = []
    for n, (op, i1, i2, j1, j2) in enumerate(blocks):
        if op == "equal":
            continue
        a, b = here[i1:i2], [s for s in there[j1:j2] if s.normal]
        if not a and (not equal or n < equal[0] or n > equal[-1]):
            counts["outside"] += len(b)  # before or after the shared text: notes, a glossary, a credit
            continue
        if "".join(s.normal for s in a) == "".join(s.normal for s in b):
            counts["punctuation"] += 1
            continue
        if not b:
            counts["only_here"] += len(a)  # sentences the other copy lacks: nothing to bring in
            continue
        missing = [s for s in b if len(s.normal) >= MIN_SENTENCE and s.normal not in everything]
        if not a:
            counts["moved"] += sum(1 for s in b if len(s.normal) >= MIN_SENTENCE and s.normal in everything)
            counts["only_there"] += len(missing)
            insertions += _whole(missing, here, i1, there)
            continue
        found = _inside(a, b, everything)
        if found is None:
            variants.append(Variant(a[0].start, a[-1].start + len(a[-1].text), "".join(s.text for s in b)))
            continue
        counts["only_there"] += sum(1 for item in found if item.whole)
        insertions += found
    return Comparison(
        len(mine & theirs) / len(mine) if mine else 1.0,
        len(mine & theirs) / len(theirs) if theirs else 1.0,
        len(here),
        len(there),
        counts["only_here"],
        counts["only_there"],
        counts["outside"],
        counts["moved"],
        counts["punctuation"],
        tuple(sorted(insertions)),
        tuple(variants),
    )


def _whole(missing: list[_Sentence], here: list[_Sentence], before: int, there: list[_Sentence]) -> list[Insertion]:
    """Sentences of the other copy to bring in before the imported copy's sentence ``before``: in the
    paragraph they share in the other copy with the sentence before them (or after them), else as a
    paragraph of their own."""
    if not missing:
        return []
    previous = here[before - 1] if before > 0 else None
    following = here[before] if before < len(here) else None
    run = "".join(s.text for s in missing)
    neighbour_before = _neighbour(there, missing[0], -1)
    neighbour_after = _neighbour(there, missing[-1], 1)  # two searches per stretch brought in: linear
    if previous is not None and neighbour_before is not None and neighbour_before.paragraph == missing[0].paragraph:
        return [Insertion(previous.start + len(previous.text), run, False, True)]
    if following is not None and neighbour_after is not None and neighbour_after.paragraph == missing[-1].paragraph:
        return [Insertion(following.start, run, False, True)]
    if previous is not None:
        return [Insertion(previous.start + len(previous.text), run, True, True)]
    assert following is not None
    return [Insertion(following.start, run, True, True)]


def _neighbour(there: list[_Sentence], sentence: _Sentence, step: int) -> _Sentence | None:
    index = next(i for i, s in enumerate(there) if s is sentence) + step
    return there[index] if 0 <= index < len(there) else None


def _inside(a: list[_Sentence], b: list[_Sentence], everything: str) -> list[Insertion] | None:
    """What the other copy has more, where every word of the imported stretch ``a`` is in its stretch
    ``b`` in order: its whole sentences, or the lost start (end) of a sentence that opens (closes) a
    paragraph of the imported copy; None where the two word it differently."""
    mine = "".join(s.normal for s in a)
    theirs = "".join(s.normal for s in b)
    if len(mine) * len(theirs) > MAX_CHARACTER_PAIRS:
        return None  # too long to compare character by character: noted as worded differently
    owner = [(number, i) for number, sentence in enumerate(b) for i in range(len(sentence.normal))]
    blocks = [
        op for op in difflib.SequenceMatcher(None, mine, theirs, autojunk=False).get_opcodes() if op[0] != "equal"
    ]
    if not blocks or any(op[0] != "insert" for op in blocks):
        return None
    found: list[Insertion] = []
    bounds = _bounds(a)
    offsets = _offsets(a)
    for _, i1, _, j1, j2 in blocks:
        first, last = owner[j1], owner[j2 - 1]
        whole = first[1] == 0 and last[1] == len(b[last[0]].normal) - 1
        if whole and i1 in bounds and all(b[k].normal not in everything for k in range(first[0], last[0] + 1)):
            at = bounds[i1]
            found.append(Insertion(at, "".join(b[k].text for k in range(first[0], last[0] + 1)), False, True))
            continue
        sentence = b[first[0]]
        if first[0] != last[0] or last[1] - first[1] + 1 < MIN_SENTENCE:
            return None
        where = sentence.where
        starts = next((s for n, s in enumerate(a) if offsets[n] == i1 and s.first), None)
        ends = next((s for n, s in enumerate(a) if offsets[n] + len(s.normal) == i1 and s.last), None)
        if first[1] == 0 and starts is not None and last[1] + 1 < len(where):  # a paragraph opens mid-sentence
            lost = sentence.text[: where[last[1] + 1]]
            if len(lost) < LOST_START or not re.search("[，；,;]$", lost.rstrip()):
                return None  # not the lost start of a sentence, but words the other copy adds
            found.append(Insertion(starts.start, lost, False, False))
        elif last[1] == len(where) - 1 and first[1] > 0 and ends is not None and not _ENDED.search(ends.text):
            found.append(Insertion(ends.start + len(ends.text), sentence.text[where[first[1] - 1] + 1 :], False, False))
        else:
            return None
    return found


def _offsets(a: list[_Sentence]) -> list[int]:
    """Where each sentence of the stretch begins in its normalized text (once, not a sum per sentence)."""
    found, at = [], 0
    for sentence in a:
        found.append(at)
        at += len(sentence.normal)
    return found


def _bounds(a: list[_Sentence]) -> dict[int, int]:
    """The normalized offsets of the stretch where one sentence ends and the next begins, with the
    offset in the joined paragraphs they stand for."""
    found = {0: a[0].start}
    at = 0
    for sentence in a:
        at += len(sentence.normal)
        found[at] = sentence.start + len(sentence.text)
    return found
