"""The search index: every statement cut into tokens, held in flat integer arrays.

Units are the report's statements in document order (``Report.statements()``). For each unit the
tokens' comparison keys (ids into ``keys``), start and end offsets; for each key the positions of its
tokens (postings) and the number of units it occurs in. Flat arrays load from the cache in one copy
and cost 4 bytes a token; search and diff walk only the postings of the words they ask about.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Iterator
from typing import Any

from reportcli.model import Report


class Index:
    def __init__(
        self,
        keys: list[str],
        vocabulary: list[str],
        unit_start: array[int],
        tok_key: array[int],
        tok_start: array[int],
        tok_end: array[int],
        post_start: array[int],
        post: array[int],
        unit_df: array[int],
    ) -> None:
        self.keys = keys  # key id -> stem
        self.key_ids = {key: i for i, key in enumerate(keys)}
        self.vocabulary = vocabulary  # casefolded surface words, for suggestions
        self.unit_start = unit_start  # unit -> its first token; one more entry for the end
        self.tok_key, self.tok_start, self.tok_end = tok_key, tok_start, tok_end
        self.post_start, self.post = post_start, post  # key id -> post[post_start[k]:post_start[k+1]]
        self.unit_df = unit_df  # key id -> number of units it occurs in

    @property
    def units(self) -> int:
        return len(self.unit_start) - 1

    @property
    def average_length(self) -> float:
        return len(self.tok_key) / self.units if self.units else 0.0

    def length(self, unit: int) -> int:
        return self.unit_start[unit + 1] - self.unit_start[unit]

    def unit_of(self, token: int) -> int:
        return bisect.bisect_right(self.unit_start, token) - 1

    def postings(self, key: str) -> Iterator[int]:
        """Global token numbers where ``key`` occurs, in document order."""
        k = self.key_ids.get(key)
        if k is None:
            return iter(())
        return iter(self.post[self.post_start[k] : self.post_start[k + 1]])

    def document_frequency(self, key: str) -> int:
        k = self.key_ids.get(key)
        return 0 if k is None else self.unit_df[k]

    def to_plain(self) -> dict[str, Any]:
        return {
            "keys": self.keys,
            "vocabulary": self.vocabulary,
            **{name: getattr(self, name).tobytes() for name in _ARRAYS},
        }

    @classmethod
    def from_plain(cls, plain: dict[str, Any]) -> Index:
        arrays: dict[str, array[int]] = {}
        for name in _ARRAYS:
            arrays[name] = array("I")
            arrays[name].frombytes(plain[name])
        return cls(plain["keys"], plain["vocabulary"], **arrays)


_ARRAYS = ("unit_start", "tok_key", "tok_start", "tok_end", "post_start", "post", "unit_df")


def build(report: Report, progress: Callable[[float], None] | None = None) -> Index:
    from reportcli import text as words_

    key_ids: dict[str, int] = {}
    keys: list[str] = []
    vocabulary: set[str] = set()
    surfaces: set[str] = set()
    unit_start, tok_key, tok_start, tok_end = array("I", [0]), array("I"), array("I"), array("I")
    postings: list[list[int]] = []
    unit_df: list[int] = []
    stem, fold, spans = words_.stem, words_.fold, words_.spans
    statements = list(report.statements())
    for number, statement in enumerate(statements):
        if progress is not None and number % 5000 == 0:
            progress(number / len(statements))
        seen: set[int] = set()
        for start, end, surface in spans(statement.text):
            key = stem(surface)
            k = key_ids.get(key)
            if k is None:
                k = key_ids[key] = len(keys)
                keys.append(key)
                postings.append([])
                unit_df.append(0)
            postings[k].append(len(tok_key))
            tok_key.append(k)
            tok_start.append(start)
            tok_end.append(end)
            if k not in seen:
                seen.add(k)
                unit_df[k] += 1
            if surface not in surfaces:
                surfaces.add(surface)
                vocabulary.add(fold(surface))
        unit_start.append(len(tok_key))
    post_start, post = array("I", [0]), array("I")
    for positions in postings:
        post.extend(positions)
        post_start.append(len(post))
    return Index(
        keys, sorted(vocabulary), unit_start, tok_key, tok_start, tok_end, post_start, post, array("I", unit_df)
    )
