"""Words: how text is cut into tokens and how tokens are compared (Snowball stems, casefolded).

Shared by search and diff. The stemmer (PyStemmer, the Snowball project's C stemmers) is loaded on
first use, so commands that never compare words never pay for it.
"""

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

# A token is a run of letters and digits, with inner apostrophes ("people's"); a hyphen splits
# ("low-carbon" is two tokens, "low" and "carbon", next to each other). Each CJK ideograph is a token
# of its own, so that a Chinese phrase is matched as a sequence of characters. (CJK is split off in a
# second step, only for runs that are not ASCII: one regular expression doing both takes 40 times as
# long to compile, a cost every search would pay.)
RUN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@cache
def _cjk_split() -> re.Pattern[str]:
    return re.compile(f"[{_CJK_RANGES}]|[^{_CJK_RANGES}'’]+(?:['’][^{_CJK_RANGES}'’]+)*")


def spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, surface) of every token of ``text``, in order."""
    for match in RUN.finditer(text):
        surface = match.group()
        if surface.isascii():
            yield match.start(), match.end(), surface
            continue
        offset = match.start()
        for piece in _cjk_split().finditer(surface):
            yield offset + piece.start(), offset + piece.end(), piece.group()


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
    """Casefold, with compatibility forms and curly apostrophes normalized."""
    return unicodedata.normalize("NFKC", word).replace("’", "'").casefold()


@cache
def stem(word: str) -> str:
    """The comparison key of one word: its Snowball stem, casefolded."""
    folded = fold(word)
    if folded.endswith("'s"):
        folded = folded[:-2]
    return str(_stemmer().stemWord(folded))


def tokenize(text: str) -> list[Token]:
    return [Token(start, end, surface, stem(surface)) for start, end, surface in spans(text)]


def words(text: str) -> list[str]:
    """The surface words of a text, in order (hyphenated words split)."""
    return [surface for _, _, surface in spans(text)]


def is_stop_word(word: str) -> bool:
    return fold(word) in STOP_WORDS
