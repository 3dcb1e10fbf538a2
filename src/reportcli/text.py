"""Words: how text is cut into tokens and how tokens are compared (Snowball stems, casefolded).

Shared by search and diff. The stemmer (PyStemmer, the Snowball project's C stemmers) is loaded on
first use, so commands that never compare words never pay for it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

# A token is a run of letters and digits, with inner apostrophes ("people's"); a hyphen splits
# ("low-carbon" is two tokens, "low" and "carbon", next to each other). Each CJK ideograph is a token
# of its own, so that a Chinese phrase is matched as a sequence of characters.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[^\W_])+(?:['’](?:(?![{_CJK}])[^\W_])+)*")

STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each either etc few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself just let
    lets may me might more most must my myself no nor not now of off on once only or other ought our ours
    ourselves out over own same shall she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up upon us very via was we were what when
    where which while who whom why will with within without would yet you your yours yourself""".split()
)


@dataclass(frozen=True, slots=True)
class Token:
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
    return [Token(m.start(), m.end(), m.group(), stem(m.group())) for m in TOKEN.finditer(text)]


def words(text: str) -> list[str]:
    """The surface words of a text, in order (hyphenated words split)."""
    return TOKEN.findall(text)


def is_stop_word(word: str) -> bool:
    return fold(word) in STOP_WORDS
