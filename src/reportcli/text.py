"""Words: how text is cut into tokens and how tokens are compared (Snowball stems, casefolded).

Shared by the index, search and diff, so that they never disagree about what a word is. The stemmer
(PyStemmer, the Snowball project's C stemmers) is loaded on first use, so commands that never compare
words never pay for it.

Text is compared in Unicode normalization form NFKC, casefolded: "café" typed with a combining
accent (NFD) finds "café" written composed (NFC) and the reverse, and full-width digits and letters
(１９９２, common in the Chinese reports) find their ASCII forms. NFKC rather than NFC because the
compatibility forms are the same words to a reader; the text itself is never changed: every span
points into the text as written. Invisible joiners inside a word (soft hyphen, zero-width space,
joiner and non-joiner, word joiner, byte-order mark) do not split it and do not count.

Chinese is not segmented into words: each ideograph is a token, and a Chinese query is a phrase of
its characters, so that it finds every place the characters stand in sequence (recall is that of a
substring search; benchmarks/segmentation.py measures the alternative, jieba). An ideograph's key is
its simplified form (OpenCC's traditional-to-simplified character table), so that 国民经济 finds the
1954 report's 國民經濟; OpenCC is loaded only when an index is built, or for a query character that
the index has never seen (``Index.key``).
"""

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from itertools import accumulate, compress, count
from typing import Any, NamedTuple

from reportcli.language import IDEOGRAPHS, is_ideograph

# A token is a run of letters and digits, with inner apostrophes ("people's"); a hyphen splits
# ("low-carbon" is two tokens, "low" and "carbon", next to each other). Each CJK ideograph is a token
# of its own, so that a Chinese phrase is matched as a sequence of characters. (CJK is split off in a
# second step, only for runs that are not ASCII: one regular expression doing both takes 40 times as
# long to compile, a cost every search would pay.)
JOINERS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
RUN = re.compile(f"[^\\W_]+(?:['’{JOINERS}]+[^\\W_]+)*")
_NOT_JOINERS = {ord(c): None for c in JOINERS}


@cache
def _cjk_split() -> re.Pattern[str]:
    other = f"[^{IDEOGRAPHS}'’{JOINERS}]+"
    return re.compile(f"[{IDEOGRAPHS}]|{other}(?:['’{JOINERS}]+{other})*")


def spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, surface) of every token of ``text``, in order; offsets and surfaces are of the text
    as written, whatever its normalization form."""
    if unicodedata.is_normalized("NFKC", text):
        yield from _spans(text)
        return
    normal, where = _normalized(text)
    previous = (-1, -1)
    for start, end, _ in _spans(normal):
        a, b = where[start][0], where[end - 1][1]
        if (a, b) != previous:  # one written character can expand into two tokens ("½" is "1⁄2")
            yield a, b, text[a:b]
        previous = (a, b)


class Cut(NamedTuple):
    """A text cut into tokens in a few passes in C (``cut``): what ``spans`` yields, as lists."""

    words: list[str]  # each token; where the text holds compatibility forms (，１２％), in NFKC: the same key
    bounds: list[int]  # where each token starts and ends in the text as written: [start0, end0, start1, ...]
    breaks: list[int]  # the tokens before which punctuation stands, between two tokens one of them Chinese


def cut(text: str) -> Cut:
    """The tokens of ``text``, as ``spans`` finds them, without a step of Python per character.

    A text of plain characters (``_plain``: ASCII, CJK ideographs and punctuation, full-width forms:
    every Chinese sentence of the corpus but a handful), which NFKC changes one character at a time
    and never into another kind of character, is split by one regular expression; the offsets are the
    running sums of the pieces' lengths. Any other text (a decomposed accent, a ligature, ⑵) goes
    through ``spans``."""
    if _other().search(text) is not None:
        found = list(spans(text))
        bounds = [n for start, end, _ in found for n in (start, end)]
        gaps = [text[bounds[2 * n - 1] : bounds[2 * n]] for n in range(1, len(found))]
        words = [surface for _, _, surface in found]
        return Cut(words, bounds, _breaks(text, gaps, words))
    pieces = _splitter().split(text)
    words = pieces[1::2]
    bounds = list(accumulate(map(len, pieces)))
    del bounds[-1]  # the end of the text
    return Cut(words, bounds, _breaks(text, pieces[2:-1:2], words))


def _breaks(text: str, gaps: list[str], words: list[str]) -> list[int]:
    """The tokens (by number) that punctuation separates from the token before, one of the two Chinese."""
    if not _ideograph().search(text):
        return []
    breaks = []
    known = _GAPS
    for n in compress(count(1), gaps):  # only where something stands between two tokens
        gap = gaps[n - 1]
        punctuated = known.get(gap)
        if punctuated is None:
            punctuated = known[gap] = bool(gap.translate(_NOT_JOINERS).strip())
        if punctuated and (_is_cjk(words[n - 1]) or _is_cjk(words[n])):
            breaks.append(n)
    return breaks


@cache
def _ideograph() -> re.Pattern[str]:
    return re.compile(f"[{IDEOGRAPHS}]")


_GAPS: dict[str, bool] = {}  # the stretch between two tokens -> whether it holds punctuation


def _is_cjk(word: str) -> bool:
    known = _CJK.get(word)
    if known is None:
        known = _CJK[word] = is_ideograph(word)
    return known


_CJK: dict[str, bool] = {}  # token -> whether it is an ideograph


@cache
def _splitter() -> re.Pattern[str]:
    """One regular expression for the tokens ``spans`` finds in two steps, for plain text (``cut``):
    an ideograph, or a run of other word characters with inner apostrophes and joiners."""
    other = f"[^\\W_{IDEOGRAPHS}]+"
    return re.compile(f"([{IDEOGRAPHS}]|{other}(?:['’{JOINERS}]+{other})*)")


def _kind(char: str) -> str:
    """What a character is to the tokenizer: an ideograph, another word character, an apostrophe or a
    joiner (inside a word), or anything else."""
    if is_ideograph(char) and char.isalnum():
        return "ideograph"
    if char.isalnum():
        return "word"
    return "inner" if char in f"'’{JOINERS}" else "other"


# Where to look for plain characters: those NFKC leaves alone or turns into one character of the same
# kind, never composed with a neighbour (ASCII, Latin-1, general and CJK punctuation, full-width forms).
_CANDIDATES = (*range(0x09, 0x0E), *range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x2010, 0x2060))
_CANDIDATES += (*range(0x3000, 0x3040), *range(0xFF01, 0xFF66))


# The ideograph ranges in which every code point is a word character (all assigned since Unicode 14,
# Python 3.11's): plain. The compatibility ideographs are not (some are unassigned, most change in NFKC).
_WORD_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff"


@cache
def _other() -> re.Pattern[str]:
    """A character that is not plain (``cut``)."""
    plain = []
    for code in _CANDIDATES:
        char = chr(code)
        normal = unicodedata.normalize("NFKC", char)
        if len(normal) == 1 and not unicodedata.combining(normal) and _kind(char) == _kind(normal):
            plain.append(re.escape(char))
    return re.compile(f"[^{''.join(plain)}{_WORD_IDEOGRAPHS}]")


def _spans(text: str) -> Iterator[tuple[int, int, str]]:
    for match in RUN.finditer(text):
        surface = match.group()
        if surface.isascii():
            yield match.start(), match.end(), surface
            continue
        offset = match.start()
        for piece in _cjk_split().finditer(surface):
            yield offset + piece.start(), offset + piece.end(), piece.group()


def _normalized(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text in NFKC, and for each of its characters the stretch of the original it comes from.

    Each base character is normalized together with the combining marks after it, so that a
    decomposed accent composes, and every normalized character knows where it was written."""
    pieces: list[str] = []
    where: list[tuple[int, int]] = []
    i, size = 0, len(text)
    while i < size:
        j = i + 1
        while j < size and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFKC", text[i:j])
        pieces.append(piece)
        where.extend([(i, j)] * len(piece))
        i = j
    return "".join(pieces), where


STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each either etc few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just let lets may me might more most must my myself no nor not now of off on once only or
    other ought our ours ourselves out over own same shall she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up upon
    us very via was we were what when where which while who whom why will with within without would
    yet you your yours yourself
    """.split()
)


class Token(NamedTuple):
    start: int
    end: int
    surface: str  # as written in the text
    key: str  # the stem of the casefolded surface: what comparisons use


@cache
def _stemmer() -> Any:
    import Stemmer  # PyStemmer

    return Stemmer.Stemmer("english")


def fold(word: str) -> str:
    """Casefold in NFKC, curly apostrophes straightened and invisible joiners dropped."""
    return unicodedata.normalize("NFKC", word).translate(_NOT_JOINERS).replace("’", "'").casefold()


@cache
def _converter() -> Any:
    import opencc  # only to build an index, or for a query character no index has seen

    return opencc.OpenCC("t2s")


def is_punctuated(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, the stretch between two tokens, holds more than spaces and joiners."""
    return any(not char.isspace() and char not in JOINERS for char in text[start:end])


@cache
def simplified(char: str) -> str:
    """The simplified form of one ideograph (itself when it has no other): its comparison key."""
    converted = str(_converter().convert(char))
    return converted if len(converted) == 1 else char


@cache
def stem(word: str) -> str:
    """The comparison key of one word: its Snowball stem, casefolded; of an ideograph, its simplified form.

    One rule more than Snowball: a stem that ends in -ment left by an -al or -ally adjective
    ("environmental" -> "environment") is stemmed once more, as the noun is ("environment" ->
    "environ"), so that search and diff never split a word from its adjective. Measured on the
    summary and the English reports (3,452 word forms; benchmarks/stemmers.py, docs/SEARCH.md): it
    joins exactly the environment and government families; stemming to a fixed point would also join
    on/only, over/overall, oil/oilseed, ten/tense; Porter's stemmer splits employ/employment."""
    folded = fold(word)
    if is_ideograph(folded):
        return simplified(folded)
    if folded.endswith("'s"):
        folded = folded[:-2]
    stemmer = _stemmer()
    found = str(stemmer.stemWord(folded))
    if found.endswith("ment") and found != folded:
        return str(stemmer.stemWord(found))
    return found


def symbols(text: str) -> str:
    """The symbols of a stretch between words (a percent sign, a decimal point, brackets), as they are
    compared: in NFKC (full-width forms as their ASCII ones), without spaces and invisible joiners."""
    return "".join(unicodedata.normalize("NFKC", text).translate(_NOT_JOINERS).split())


def tokenize(text: str) -> list[Token]:
    return [Token(start, end, surface, stem(surface)) for start, end, surface in spans(text)]


def words(text: str) -> list[str]:
    """The surface words of a text, in order (hyphenated words split)."""
    return [surface for _, _, surface in spans(text)]


@cache
def is_stop_word(word: str) -> bool:
    return fold(word) in STOP_WORDS
