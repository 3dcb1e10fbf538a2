"""How a statement is analysed for comparison: the content words of an English statement (stemmed,
stop words out, hyphenated compounds kept whole) with the runs they form and the terms (words and
phrases of up to MAX_PHRASE words) those runs hold; and the pairs of characters that stand together
in a Chinese one (Chinese has no spaces to find words by). Both are remembered: reports repeat their
sentences.

What is no content is never compared: a list number before a sentence (一、 （六） 四是 I. 2. First,) is
left out of its keys, and a sentence that is only a salutation (SALUTATIONS, in either language) or
only a list number is set aside (``aside``): pairing a report's eight salutations with the one of the
next says nothing about either.
"""

from __future__ import annotations

import functools
import operator
import re
from typing import NamedTuple

from reportcli import text as words_
from reportcli.language import IDEOGRAPHS
from reportcli.model import Statement

MAX_PHRASE = 3

# The forms of address a report's speaker opens a passage with, compared with punctuation, spaces and
# letter case left out: the Chinese one (270 times in the 60 reports of the published corpus, with one
# mark or another after it) and its official English (2024-2026).
SALUTATIONS = frozenset({"各位代表", "fellowdeputies", "deputies"})

_NUMERALS = "一二三四五六七八九十百零〇"
# A list number before a sentence, as the reports write them: 一、 （六） (6) ⑵ 四是 第一， 1. 2、 I. —— —
# First, Second, ... Finally, (the English ordinals that open a numbered task).
_LIST_NUMBER = re.compile(
    rf"^\s*(?:[{_NUMERALS}]+、|[（(][{_NUMERALS}0-9０-９]+[)）]|[⑴-⒇]+|[{_NUMERALS}]+是(?=[^\s，。；]{{2}})"
    rf"|第[{_NUMERALS}]+[，、]|[0-9０-９]+[.．、](?![0-9０-９])|[IVXLC]+\.(?=\s|$)|[—―-]{{1,2}}"
    r"|(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Finally|Lastly)(?:ly)?,)\s*"
)
_NOT_CONTENT = re.compile(r"[\W_]+")


def without_list_number(text: str) -> str:
    """``text`` with the list number it opens with blanked (the same length, so that every position in
    it still points at the same word)."""
    found = _LIST_NUMBER.match(text)
    return text if found is None else " " * found.end() + text[found.end() :]


def aside(text: str) -> str | None:
    """Why a sentence is not compared at all: ``salutation`` or ``list number``; None when it is."""
    rest = _NOT_CONTENT.sub("", without_list_number(text)).casefold()
    if not rest:
        return "list number"
    if rest in SALUTATIONS:
        return "salutation"
    return None


class Word(NamedTuple):
    """A word: its keys (a hyphenated compound such as "low-carbon" is one word of two), where it is."""

    keys: tuple[str, ...]
    start: int
    end: int


class Content(NamedTuple):
    """A statement's content words: their stems, the runs of consecutive content words, and the terms
    (words and phrases of up to MAX_PHRASE words) those runs hold, as keys."""

    statement: Statement
    keys: frozenset[str]
    runs: tuple[tuple[Word, ...], ...]
    grams: tuple[tuple[str, ...], ...]


_HYPHENS = "-‐‑"


@functools.lru_cache(maxsize=1 << 16)
def analysed(
    text: str,
) -> tuple[frozenset[str], tuple[tuple[Word, ...], ...], tuple[tuple[str, ...], ...]]:
    """A text's content keys and runs of content words (remembered: reports repeat their sentences)."""
    runs: list[tuple[Word, ...]] = []
    run: list[Word] = []
    words: list[tuple[list[str], int, int, bool, str]] = []  # keys, start, end, broken, surface
    previous_end = -1
    for start, end, surface in words_.spans(text):
        gap = text[previous_end:start] if previous_end >= 0 else " "
        if words and gap and all(c in _HYPHENS for c in gap):
            words[-1][0].append(words_.stem(surface))
            words[-1] = (words[-1][0], words[-1][1], end, words[-1][3], "")
        else:
            words.append(([words_.stem(surface)], start, end, previous_end >= 0 and bool(gap.strip()), surface))
        previous_end = end
    for keys, start, end, broken, surface in words:
        stop = len(keys) == 1 and words_.is_stop_word(surface)
        if (stop or broken) and run:
            runs.append(tuple(run))
            run = []
        if not stop:
            run.append(Word(tuple(keys), start, end))
    if run:
        runs.append(tuple(run))
    grams: list[tuple[str, ...]] = []
    for found in runs:
        word_keys = [word.keys for word in found]
        grams += word_keys
        longer = word_keys
        for n in range(2, MAX_PHRASE + 1):  # each phrase is a shorter one and the next word, joined in C
            longer = list(map(operator.add, longer[:-1], word_keys[n - 1 :]))
            grams += longer
    return frozenset(k for r in runs for w in r for k in w.keys), tuple(runs), tuple(grams)


def english_content(statement: Statement) -> Content:
    return Content(statement, *analysed(without_list_number(statement.text)))


_IDEOGRAPHS = re.compile(f"[{IDEOGRAPHS}]+")


@functools.lru_cache(maxsize=1 << 16)
def pairs(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """A Chinese sentence's keys (pairs of characters that stand together, as simplified characters)
    and its runs of characters."""
    runs = tuple("".join(words_.stem(c) for c in run) for run in _IDEOGRAPHS.findall(words_.fold(text)))
    keys = {run[i : i + 2] for run in runs for i in range(max(len(run) - 1, 1))}
    return frozenset(keys), runs


def chinese_content(statement: Statement) -> Content:
    keys, _ = pairs(without_list_number(statement.text))
    return Content(statement, keys, (), ())
