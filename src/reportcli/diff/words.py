"""Word changes between two sentences, as git's word diff shows them (Chinese character by character):
difflib's matcher for sentences of ordinary length, a patience diff beyond EXACT_LIMIT word pairs.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Sequence


def word_changes(before: str, after: str, chinese: bool = False) -> list[dict[str, str]]:
    """The changes from ``before`` to ``after``, word by word (words as written, punctuation included,
    as git's word diff compares them), or for Chinese character by character: a list of {op, text},
    op being equal, removed or added."""
    old, new = (list(before), list(after)) if chinese else (before.split(), after.split())
    join = "".join if chinese else " ".join
    changes: list[dict[str, str]] = []
    for op, a1, a2, b1, b2 in opcodes(old, new):
        if op == "equal":
            changes.append({"op": "equal", "text": join(new[b1:b2])})
            continue
        if a2 > a1:
            changes.append({"op": "removed", "text": join(old[a1:a2])})
        if b2 > b1:
            changes.append({"op": "added", "text": join(new[b1:b2])})
    return changes


EXACT_LIMIT = 250_000  # word pairs: up to this, difflib's matcher (quadratic in the worst case)


def opcodes(old: Sequence[str], new: Sequence[str]) -> Sequence[tuple[str, int, int, int, int]]:
    """Edit operations from ``old`` to ``new``: difflib's for sentences of ordinary length; beyond
    EXACT_LIMIT word pairs, a patience diff, which anchors on words found once in each side and takes
    time near linear in the length (two 20,000-word statements: milliseconds instead of seconds)."""
    if len(old) * len(new) <= EXACT_LIMIT:
        return difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
    opcodes: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for a, b, size in [*_patience(old, new), (len(old), len(new), 0)]:
        if a > i or b > j:
            opcodes.append(("replace" if a > i and b > j else "delete" if a > i else "insert", i, a, j, b))
        if size:
            opcodes.append(("equal", a, a + size, b, b + size))
        i, j = a + size, b + size
    return opcodes


def _patience(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int, int]]:
    """Matching blocks (start in old, start in new, length), in order, by patience diff."""
    blocks: list[tuple[int, int, int]] = []
    stack = [(0, len(old), 0, len(new))]
    while stack:
        a1, a2, b1, b2 = stack.pop()
        while a1 < a2 and b1 < b2 and old[a1] == new[b1]:  # common start
            blocks.append((a1, b1, 1))
            a1, b1 = a1 + 1, b1 + 1
        while a1 < a2 and b1 < b2 and old[a2 - 1] == new[b2 - 1]:  # common end
            a2, b2 = a2 - 1, b2 - 1
            blocks.append((a2, b2, 1))
        previous = (a1 - 1, b1 - 1)
        for a, b in _unique_common(old, new, a1, a2, b1, b2):  # none: the stretch is replaced whole
            if a - previous[0] > 1 and b - previous[1] > 1:
                stack.append((previous[0] + 1, a, previous[1] + 1, b))
            blocks.append((a, b, 1))
            previous = (a, b)
        if previous != (a1 - 1, b1 - 1) and a2 - previous[0] > 1 and b2 - previous[1] > 1:
            stack.append((previous[0] + 1, a2, previous[1] + 1, b2))
    merged: list[tuple[int, int, int]] = []
    for a, b, size in sorted(blocks):
        if merged and merged[-1][0] + merged[-1][2] == a and merged[-1][1] + merged[-1][2] == b:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + size)
        else:
            merged.append((a, b, size))
    return merged


def _unique_common(old: Sequence[str], new: Sequence[str], a1: int, a2: int, b1: int, b2: int) -> list[tuple[int, int]]:
    """Words that occur once in each stretch, as (position in old, position in new): the longest run
    of them that is in order on both sides (a longest increasing subsequence, by patience sorting)."""
    count_a = Counter(old[a1:a2])
    count_b = Counter(new[b1:b2])
    where_b = {new[j]: j for j in range(b1, b2) if count_b[new[j]] == 1}
    pairs = [(i, where_b[old[i]]) for i in range(a1, a2) if count_a[old[i]] == 1 and old[i] in where_b]
    tops: list[int] = []  # tops[k]: the smallest position in new that ends an increasing run of length k+1
    top_pair: list[int] = []  # ... and the index in pairs of that end
    back = [-1] * len(pairs)
    for n, (_, b) in enumerate(pairs):
        k = bisect.bisect_left(tops, b)
        if k:
            back[n] = top_pair[k - 1]
        if k == len(tops):
            tops.append(b)
            top_pair.append(n)
        else:
            tops[k], top_pair[k] = b, n
    run: list[tuple[int, int]] = []
    n = top_pair[-1] if top_pair else -1
    while n >= 0:
        run.append(pairs[n])
        n = back[n]
    return run[::-1]
