"""What a search asks for, read off the command line: terms (a word, or a phrase of consecutive words),
or one regular expression; and how a query is quoted back in a message."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import NamedTuple

from reportcli import text as words_
from reportcli.errors import QueryError
from reportcli.language import is_ideograph


class Term(NamedTuple):
    """One word, or a phrase of consecutive words, of a query; ``alternatives``: other sequences of keys
    that count as the same term (a compound and its parts: healthcare, health care).

    A term typed with symbols among or around its words (``5%左右``, ``7.5%``, ``（一）``) keeps them:
    ``symbols`` holds what stands before its first word, between each two words and after its last
    (``text.symbols``: in NFKC, without spaces), and a match must have the same; ``breaks``, the words
    before which its symbols break a Chinese phrase, as the index marks them; ``written``, the term as
    typed. A plain term has no symbols.

    An English term that the glossary knows (``glossary``: its entry's id) has the entry's other English
    forms (the official rendering among them) and its Chinese forms among its ``alternatives``, those
    the entry gave also in ``reached``; ``excluded``: longer Chinese strings inside which such a form is
    another word (养老金 inside 养老金融), whose matches do not count."""

    words: tuple[str, ...]
    keys: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()
    symbols: tuple[str | None, ...] = ()
    breaks: tuple[int, ...] = ()
    written: str = ""
    excluded: tuple[str, ...] = ()
    glossary: str | None = None
    reached: tuple[tuple[str, ...], ...] = ()

    @property
    def text(self) -> str:
        """The term as typed, or its words as they are written: spaced, but for Chinese characters,
        which are written together (新质生产力, not 新 质 生 产 力)."""
        if self.written:
            return self.written
        joined = self.words[0] if self.words else ""
        for before, word in pairwise(self.words):
            joined += ("" if is_ideograph(before[-1]) and is_ideograph(word[0]) else " ") + word
        return joined

    @property
    def forms(self) -> tuple[tuple[str, ...], ...]:
        return (self.keys, *self.alternatives)


class Query(NamedTuple):
    terms: tuple[Term, ...] = ()
    pattern: str | None = None  # a regular expression, instead of terms
    any_term: bool = False
    case_sensitive: bool = False
    exact: bool = False  # -w: the words as typed (casefolded), no other forms


Key = Callable[[str], str]  # a word's comparison key (``text.stem``, or ``Index.key`` at query time)


# A hyphen between two words that are not Chinese is no symbol: low-carbon is the phrase "low carbon".
HYPHENS = ("-", "\u2010", "\u2011")


def term_of(text: str, key: Key) -> Term | None:
    """The term a query's word or phrase stands for, with the symbols typed among its words."""
    found = list(words_.spans(text))
    if not found:
        return None
    words = tuple(surface for _, _, surface in found)
    keys = tuple(key(w) for w in words)
    gaps = [text[: found[0][0]], *(text[a[1] : b[0]] for a, b in pairwise(found)), text[found[-1][1] :]]
    symbols: list[str | None] = [words_.symbols(gap) for gap in gaps]
    for n in range(1, len(words)):  # any stretch between the two words, as in a phrase without symbols
        if symbols[n] in HYPHENS and not (is_ideograph(words[n - 1]) or is_ideograph(words[n])):
            symbols[n] = None
    if not any(symbols):
        return Term(words, keys)
    breaks = tuple(
        n for n in range(1, len(words)) if symbols[n] and (is_ideograph(words[n - 1]) or is_ideograph(words[n]))
    )
    return Term(words, keys, symbols=tuple(symbols), breaks=breaks, written=" ".join(text.split()))


def parse_terms(parts: Sequence[str], key: Key = words_.stem) -> tuple[Term, ...]:
    """Terms from the command line's words.

    ``"..."`` inside an argument is a phrase; an argument with spaces and no quotes is a phrase too
    (the shell's quotes were the phrase marks); a hyphenated word is a phrase of its parts.
    """
    if not "".join(parts).strip():
        raise QueryError("search query is empty")
    terms: list[Term | None] = []
    for part in parts:
        if '"' in part:
            pieces = re.split(r'"([^"]*)"', part)
            for i, piece in enumerate(pieces):
                if i % 2:
                    terms.append(term_of(piece, key))
                else:
                    terms.extend(term_of(w, key) for w in piece.replace('"', " ").split())
        else:  # one word, or words with spaces: the shell's quotes made them one argument, a phrase
            terms.append(term_of(part, key))
    found = tuple(dict.fromkeys(t for t in terms if t is not None))
    if not found:
        raise QueryError(f"query {' '.join(parts)!r} has no words to search for (use --regex to match punctuation)")
    return found


MAX_QUERY = 20_000  # characters: a query (or a term) longer is a file given by mistake, not a query


def check_length(text: str, called: str) -> None:
    """QueryError for a query or term longer than ``MAX_QUERY`` characters (an 800 KB line ran 38 s),
    ``called`` as the message names it (``query '...'``, ``line 3 ('...')``)."""
    if len(text) > MAX_QUERY:
        raise QueryError(f"{called} is {len(text):,} characters long; the most is {MAX_QUERY:,}")


def make_query(
    words: Sequence[str], *, regex: bool, any_term: bool, case_sensitive: bool, key: Key = words_.stem
) -> Query:
    """The query the command line asks for: terms, or with ``regex`` one pattern."""
    asked = " ".join(words)
    check_length(asked, f"query {quoted(asked)}")
    if not regex:
        return Query(terms=parse_terms(words, key), any_term=any_term, case_sensitive=case_sensitive)
    if len(words) > 1:
        raise QueryError("--regex takes a single pattern; quote it, e.g. 'carbon|climate'")
    if any_term:
        raise QueryError("--any has no meaning with --regex; use | in the pattern")
    if not words[0].strip():
        raise QueryError("search pattern is empty")
    return Query(pattern=words[0], case_sensitive=case_sensitive)


def shorten(text: str, width: int = 45) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def quoted(text: str, width: int = 45) -> str:
    """A user's words as a message quotes them back: shortened, in single quotes (double ones when they
    hold a single quote), every character as typed (``repr`` would double a pattern's backslashes);
    control characters are made visible where the message is written."""
    short = shorten(text, width)
    return f'"{short}"' if "'" in short and '"' not in short else f"'{short}'"


def named(words: Sequence[str], most: int = 5) -> str:
    """Up to ``most`` queries or terms, quoted, then how many more: a message that names what it means."""
    shown = ", ".join(quoted(word) for word in words[:most])
    return shown + (f" and {len(words) - most:,} more" if len(words) > most else "")


def once(words: Sequence[str], nouns: str, done: str = "asked") -> tuple[list[str], str | None]:
    """The words without those that repeat an earlier one as written (asked once, so that their rows
    are not there twice), and a line that names them, if any (``nouns``: queries, terms; ``done``:
    what is done once, asked or counted)."""
    unique = list(dict.fromkeys(words))
    if len(unique) == len(words):
        return unique, None
    again = [word for word, times in Counter(words).items() if times > 1]
    return unique, f"{nouns} given more than once are {done} once: {named(again)}"
