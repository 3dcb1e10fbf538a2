"""Statements of two years (or two reports) aligned: which are continued, which new, which dropped.

Each statement is a set of keys (``content``), each key weighted by its inverse document frequency,
idf = ln((N + 1) / (df + 0.5)), so that the verbs every sentence of a work report uses ("promote",
"strengthen", "improve") count for little and the words that carry the topic count for much. Two
statements are compared by the cosine of those weighted vectors. A pair is *continued* when its
similarity is at least THRESHOLD, one to one: the most similar pair of all is taken first, then the
most similar of those left whose statements are both still free, and so on (ties go to the pair whose
statements stand nearer the same place in their texts, then to the earlier). A statement is in one
pair at most, so that eight sentences are never all paired to one; a sentence split in two continues
in the half nearer its words, and the other half is new. A later statement in no pair is *new*; an
earlier one is *dropped*. Only candidate pairs are scored: those that share a rare key (a prefix
filter), so that the cost follows the pairs that share rare words.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from reportcli import text as words_
from reportcli.db.index import Index
from reportcli.diff.content import Content
from reportcli.errors import QueryError

# Chosen on the real data (docs/DIFF.md has the table): at 0.3 every Ecology pair is one a reader would make
# (a beautiful China -> the Beautiful China Pilot Zone, major projects -> major projects, green and
# low-carbon industries -> a green and low-carbon economy); just below it come pairs that merely share
# a word such as "transformation" or "protection" (0.24-0.27).
THRESHOLD = 0.3


# Below this similarity a continued pair is related (same subject) rather than the same statement carried
# on: read on the real pairs, 0.33-0.39 share a topic and little wording (docs/DIFF.md).
RELATED_BELOW = 0.5


MAX_PAIRS = 5_000_000  # candidate pairs one diff may score: about ten seconds, for the most degenerate text


class Weights:
    """Inverse document frequencies of stems over every statement of a report (from its index), or of
    any keys over a given set of statements (``counted``: Chinese character pairs of two reports)."""

    def __init__(self, index: Index | None, counted: tuple[Counter[str], int] | None = None) -> None:
        self.index = index
        self.counted = counted
        self.total = counted[1] if counted is not None else index.units if index is not None else 0
        self._cache: dict[str, float] = {}
        self._squared: dict[str, float] = {}
        self._sums: dict[tuple[str, ...], float] = {}

    def idf(self, key: str) -> float:
        value = self._cache.get(key)
        if value is None:
            value = self._cache[key] = math.log((self.total + 1) / (self._df(key) + 0.5))
        return value

    def _df(self, key: str) -> int:
        if self.counted is not None:
            return self.counted[0][key]
        assert self.index is not None
        return self.index.document_frequency(key)

    def squared(self, key: str) -> float:
        value = self._squared.get(key)
        if value is None:
            value = self._squared[key] = self.idf(key) ** 2
        return value

    def idf_sum(self, key: tuple[str, ...]) -> float:
        """The sum of a term's words' idf (remembered: the same terms recur from theme to theme)."""
        value = self._sums.get(key)
        if value is None:
            value = self._sums[key] = sum(self.idf(k) for k in key)
        return value

    # Sums over a statement's keys (a set, whose order changes from run to run with the string hash
    # seed) are exact (math.fsum), so that a tie between two equally similar statements breaks the same
    # way every run.

    def norm(self, content: Content) -> float:
        return math.sqrt(math.fsum(self.squared(k) for k in content.keys))

    def similarity(self, a: Content, b: Content, norms: tuple[float, float] | None = None) -> float:
        """Cosine of the idf-weighted content-word sets of two statements (``norms``: theirs, if known)."""
        if not a.keys or not b.keys:
            return 1.0 if words_.fold(a.statement.text) == words_.fold(b.statement.text) else 0.0
        norm_a, norm_b = norms or (self.norm(a), self.norm(b))
        dot = math.fsum(map(self.squared, a.keys & b.keys))
        return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0

    def prefix(self, content: Content) -> list[str]:
        """The statement's rarest keys, enough that any statement as similar as THRESHOLD shares one.

        If the keys two statements share all lay outside this prefix, their dot product would be at
        most (the norm of the rest) x (the other's norm) < THRESHOLD x both norms: so a pair that
        reaches the threshold always meets in some prefix key (the prefix filter of similarity joins).
        """
        keys = sorted(content.keys, key=lambda k: (-self.idf(k), k))
        bound = (THRESHOLD * self.norm(content)) ** 2 * (1 - 1e-9)  # a hair strict: never lose a pair
        rest = math.fsum(self.idf(k) ** 2 for k in keys)
        for size, key in enumerate(keys, 1):
            rest -= self.idf(key) ** 2
            if rest < bound:
                return keys[:size]
        return keys


def _candidates(weights: Weights, earlier: Sequence[Content], later: Sequence[Content]) -> dict[int, set[int]]:
    """For each earlier statement, the later ones that could reach THRESHOLD with it (all the others
    cannot): found through an index of the later statements' keys, probed with each earlier
    statement's prefix keys, so that the cost follows the pairs that share rare words, not all pairs."""
    by_key: dict[str, list[int]] = {}
    by_text: dict[str, list[int]] = {}  # statements without content words pair only with the same text
    for j, b in enumerate(later):
        if b.keys:
            for key in b.keys:
                by_key.setdefault(key, []).append(j)
        else:
            by_text.setdefault(words_.fold(b.statement.text), []).append(j)
    found: dict[int, set[int]] = {}
    total = 0
    for i, a in enumerate(earlier):
        if a.keys:
            found[i] = {j for key in weights.prefix(a) for j in by_key.get(key, ())}
        else:
            found[i] = set(by_text.get(words_.fold(a.statement.text), ()))
        total += len(found[i])
        if total > MAX_PAIRS:  # said before the rest are gathered: memory stays within the bound too
            raise QueryError(
                f"the two years have {len(earlier):,} and {len(later):,} statements that share their words so "
                f"widely that over {MAX_PAIRS:,} pairs would need scoring (the most reportcli scores); "
                "compare a smaller part"
            )
    return found


def align(weights: Weights, earlier: Sequence[Content], later: Sequence[Content]) -> list[tuple[int, int, float]]:
    """Continued pairs (earlier index, later index, similarity), one to one, in the later year's order.

    Pairs that reach THRESHOLD are taken most similar first, each only while both its statements are
    free (ties: the pair nearer the same relative place in the two texts, then the earlier). Only
    candidate pairs are scored (``candidates``): the rest are known to fall short."""
    candidates = _candidates(weights, earlier, later)
    norms_a = [weights.norm(a) for a in earlier]
    norms_b = [weights.norm(b) for b in later]
    first, second = max(len(earlier), 1), max(len(later), 1)
    # Most similar first; of equally similar pairs, the one whose statements stand nearer the same place
    # in their texts, then the one nearer the start. Every part of this order reads the same from either
    # side (so that comparing B with A mirrors A with B); two pairs it cannot order stand at mirrored
    # places, (p, q) and (q, p), so they share no statement, and the order between them changes nothing.
    scored: list[tuple[float, float, float, int, int]] = []
    for i, js in candidates.items():
        for j in js:
            score = weights.similarity(earlier[i], later[j], (norms_a[i], norms_b[j]))
            if score >= THRESHOLD:
                place, other = i / first, j / second
                scored.append((-score, abs(place - other), place + other, i, j))
    scored.sort()
    taken_earlier: set[int] = set()
    taken_later: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for negative, _distance, _where, i, j in scored:
        if i in taken_earlier or j in taken_later:
            continue
        taken_earlier.add(i)
        taken_later.add(j)
        pairs.append((i, j, -negative))
    return sorted(pairs, key=lambda p: (p[1], p[0]))
