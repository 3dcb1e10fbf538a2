"""Keyword in context: a line per match of a search, with the words before it and the words after it,
as a concordancer shows them; in the order of the hits (by rank or by year), or sorted by the words
either side of the match: to the left read from the match outwards (the word just before it first),
to the right from the match on. Words are compared without letter case; a Chinese character is a word
of its own, and punctuation is passed over."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reportcli.language import IDEOGRAPHS

SORTS = ("rank", "year", "left", "right")  # what --sort takes: the first two order hits, all four lines

# what travels with a statement, and whose words it is
CARRIED = ("original", "repairs", "notes", "official", "official_none", "source", "report_caveats", "via")

_WORDS = re.compile(rf"[{IDEOGRAPHS}]|[^\W{IDEOGRAPHS}]+")


def lines(hits: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """A line per match in a hit's own text (overlapping matches as one), in the hits' order: its
    left context, the match and its right context, each whole (a table trims them to its width)."""
    found = []
    for hit in hits:
        text = hit["text"]
        for start, end in _merged(hit["spans"]):
            found.append(
                {
                    "ref": hit["ref"],
                    "report": hit["report"],
                    "language": hit["language"],
                    "theme": hit["theme"],
                    "year": hit["year"],
                    "left": text[:start],
                    "match": text[start:end],
                    "right": text[end:],
                    "start": start,
                    "end": end,
                    **{key: hit.get(key) for key in CARRIED},
                }
            )
    return found


def ordered(found: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """The lines sorted by the words to the ``left`` of the match (the nearest first) or to its
    ``right``; in the order they came otherwise (rank or year). Ties keep that order."""
    if sort == "left":
        return sorted(found, key=lambda line: tuple(reversed(_words(line["left"]))))
    if sort == "right":
        return sorted(found, key=lambda line: tuple(_words(line["right"])))
    return found


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORDS.findall(text)]


def _merged(spans: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted((a, b) for a, b in spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
