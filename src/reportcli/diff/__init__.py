"""What changed between two years of a theme, at two levels.

Statements: each statement is the set of its stemmed content words (stop words removed), each
word weighted by its inverse document frequency over every statement of the report,
idf = ln((N + 1) / (df + 0.5)), so that the verbs every sentence of a work report uses ("promote",
"strengthen", "improve") count for little and the words that carry the topic count for much. Two
statements are compared by the cosine of those weighted vectors. A pair is *continued* when its
similarity is at least THRESHOLD and one of the two is the other's best match (highest similarity,
ties to the earlier statement), looked at from either year. Taking the best match from
both sides keeps the result symmetric and lets one sentence split into two continue in both halves.
A later statement in no pair is *new*; an earlier one is *dropped*.

Terms: stemmed content words and the two- and three-word phrases inside runs of content words (a
stop word or punctuation ends a run). Each is counted per year and given a rate per 1,000 content
words of that year. New terms occur only in the later year, dropped terms only in the earlier one,
shared terms in both. A term inside a longer term of the same list with the same counts is left out
("carbon development" inside "low-carbon development"). Salience orders each list: the rate in the
year that has the term (for shared terms, the smaller rate), times the sum of its words' idf, so that
topical words and phrases come before the verbs every paragraph uses.
"""

import bisect
import difflib
import functools
import math
import operator
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from reportcli import text as words_
from reportcli.caveats import caveats
from reportcli.db.checked import Damaged
from reportcli.db.corpus import Corpus
from reportcli.db.index import Index
from reportcli.errors import QueryError
from reportcli.model import Result, Section, Statement
from reportcli.scope import check_year, resolve_theme

# Chosen on the real data (docs/DIFF.md has the table): at 0.3 every Ecology pair is one a reader would make
# (a beautiful China -> the Beautiful China Pilot Zone, major projects -> major projects, green and
# low-carbon industries -> a green and low-carbon economy); just below it come pairs that merely share
# a word such as "transformation" or "protection" (0.24-0.27).
THRESHOLD = 0.3
# Below this similarity a continued pair is related (same subject) rather than the same statement carried
# on: read on the real pairs, 0.33-0.39 share a topic and little wording (docs/DIFF.md).
RELATED_BELOW = 0.5
MAX_PHRASE = 3
MAX_PAIRS = 5_000_000  # candidate pairs one diff may score: about ten seconds, for the most degenerate text
TOP_TERMS_SHOWN = 10  # in the table of one theme's diff; the JSON has every term
TOP_TERMS_SUMMARY = 5  # per theme, in the summary of every theme


class Word(NamedTuple):
    """A word: its keys (a hyphenated compound such as "low-carbon" is one word of two), where it is."""

    keys: tuple[str, ...]
    start: int
    end: int


class _Content(NamedTuple):
    """A statement's content words: their stems, the runs of consecutive content words, and the terms
    (words and phrases of up to MAX_PHRASE words) those runs hold, as keys."""

    statement: Statement
    keys: frozenset[str]
    runs: tuple[tuple[Word, ...], ...]
    grams: tuple[tuple[str, ...], ...]


_HYPHENS = "-‐‑"


@functools.lru_cache(maxsize=1 << 16)
def _analysed(
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


def _content(statement: Statement) -> _Content:
    return _Content(statement, *_analysed(statement.text))


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

    def norm(self, content: _Content) -> float:
        return math.sqrt(sum(self.squared(k) for k in content.keys))

    def similarity(self, a: _Content, b: _Content, norms: tuple[float, float] | None = None) -> float:
        """Cosine of the idf-weighted content-word sets of two statements (``norms``: theirs, if known)."""
        if not a.keys or not b.keys:
            return 1.0 if words_.fold(a.statement.text) == words_.fold(b.statement.text) else 0.0
        norm_a, norm_b = norms or (self.norm(a), self.norm(b))
        dot = sum(map(self.squared, a.keys & b.keys))
        return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0

    def prefix(self, content: _Content) -> list[str]:
        """The statement's rarest keys, enough that any statement as similar as THRESHOLD shares one.

        If the keys two statements share all lay outside this prefix, their dot product would be at
        most (the norm of the rest) x (the other's norm) < THRESHOLD x both norms: so a pair that
        reaches the threshold always meets in some prefix key (the prefix filter of similarity joins).
        """
        keys = sorted(content.keys, key=lambda k: (-self.idf(k), k))
        bound = (THRESHOLD * self.norm(content)) ** 2 * (1 - 1e-9)  # a hair strict: never lose a pair
        rest = sum(self.idf(k) ** 2 for k in keys)
        for size, key in enumerate(keys, 1):
            rest -= self.idf(key) ** 2
            if rest < bound:
                return keys[:size]
        return keys


def _candidates(weights: Weights, earlier: Sequence[_Content], later: Sequence[_Content]) -> dict[int, set[int]]:
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
    for i, a in enumerate(earlier):
        if a.keys:
            found[i] = {j for key in weights.prefix(a) for j in by_key.get(key, ())}
        else:
            found[i] = set(by_text.get(words_.fold(a.statement.text), ()))
    return found


def align(weights: Weights, earlier: Sequence[_Content], later: Sequence[_Content]) -> list[tuple[int, int, float]]:
    """Continued pairs (earlier index, later index, similarity), in the later year's order.

    A pair is continued when its similarity reaches THRESHOLD and one of the two is the other's best
    match (ties to the earlier statement), looked at from either side. Only candidate pairs are scored
    (``_candidates``): the rest are known to fall short."""
    candidates = _candidates(weights, earlier, later)
    pairs_to_score = sum(map(len, candidates.values()))
    if pairs_to_score > MAX_PAIRS:
        raise QueryError(
            f"the two years have {len(earlier):,} and {len(later):,} statements that share their words so widely "
            f"that {pairs_to_score:,} pairs would need scoring (at most {MAX_PAIRS:,}); compare a smaller part"
        )
    norms_a = [weights.norm(a) for a in earlier]
    norms_b = [weights.norm(b) for b in later]
    scores: dict[tuple[int, int], float] = {}
    for i, js in candidates.items():
        for j in js:
            score = weights.similarity(earlier[i], later[j], (norms_a[i], norms_b[j]))
            if score >= THRESHOLD:
                scores[(i, j)] = score
    best_of_later: dict[int, tuple[float, int]] = {}
    best_of_earlier: dict[int, tuple[float, int]] = {}
    for (i, j), score in sorted(scores.items()):  # in index order: the first of equal scores wins
        if j not in best_of_later or score > best_of_later[j][0]:
            best_of_later[j] = (score, i)
        if i not in best_of_earlier or score > best_of_earlier[i][0]:
            best_of_earlier[i] = (score, j)
    pairs = {(i, j) for j, (_, i) in best_of_later.items()} | {(i, j) for i, (_, j) in best_of_earlier.items()}
    return [(i, j, scores[(i, j)]) for i, j in sorted(pairs, key=lambda p: (p[1], p[0]))]


def word_changes(before: str, after: str, chinese: bool = False) -> list[dict[str, str]]:
    """The changes from ``before`` to ``after``, word by word (words as written, punctuation included,
    as git's word diff compares them), or for Chinese character by character: a list of {op, text},
    op being equal, removed or added."""
    old, new = (list(before), list(after)) if chinese else (before.split(), after.split())
    join = "".join if chinese else " ".join
    changes: list[dict[str, str]] = []
    for op, a1, a2, b1, b2 in _opcodes(old, new):
        if op == "equal":
            changes.append({"op": "equal", "text": join(new[b1:b2])})
            continue
        if a2 > a1:
            changes.append({"op": "removed", "text": join(old[a1:a2])})
        if b2 > b1:
            changes.append({"op": "added", "text": join(new[b1:b2])})
    return changes


EXACT_LIMIT = 250_000  # word pairs: up to this, difflib's matcher (quadratic in the worst case)


def _opcodes(old: Sequence[str], new: Sequence[str]) -> Sequence[tuple[str, int, int, int, int]]:
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


def _terms(
    contents: Sequence[_Content], forms: bool = True
) -> tuple[Counter[tuple[str, ...]], dict[tuple[str, ...], list[str]]]:
    """Each term's count and (with ``forms``) the ways the text writes it."""
    counts: Counter[tuple[str, ...]] = Counter(gram for content in contents for gram in content.grams)
    surfaces: dict[tuple[str, ...], list[str]] = {}
    if forms:
        surfaces = _forms_of(contents, None)
    return counts, surfaces


def _forms_of(contents: Sequence[_Content], wanted: set[tuple[str, ...]] | None) -> dict[tuple[str, ...], list[str]]:
    """The ways the text writes these terms (None: every term)."""
    found: dict[tuple[str, ...], list[str]] = {}
    for content in contents:
        text = content.statement.text
        for run in content.runs:
            keys = [word.keys for word in run]
            for n in range(1, MAX_PHRASE + 1):
                for start in range(len(run) - n + 1):
                    key = sum(keys[start : start + n], ())
                    if wanted is None or key in wanted:
                        found.setdefault(key, []).append(text[run[start].start : run[start + n - 1].end])
    return found


def _surface(forms: list[str]) -> str:
    """The most common way the text writes a term, preferring a lowercase form unless it is always capitalized."""
    if len(forms) == 1:  # most terms occur once
        return forms[0]
    common = Counter(forms).most_common(1)[0][0]
    if (all(f[:1].isupper() for f in forms) and len(forms) > 1) or any(not f.isascii() for f in forms):
        return common
    lowered = [f for f in forms if f == f.lower()]
    return Counter(lowered).most_common(1)[0][0] if lowered else common


def compare_terms(
    weights: Weights, earlier: Sequence[_Content], later: Sequence[_Content], top: int | None = None
) -> dict[str, list[dict[str, Any]]]:
    """New, dropped and shared terms, most salient first; with ``top``, only the ``top`` most salient
    terms of each group that share no word (``distinct``), which is all a summary needs and spares it
    a record for every term."""
    summary = top is not None
    from_counts, from_forms = _terms(earlier, forms=not summary)
    to_counts, to_forms = _terms(later, forms=not summary)
    from_total = sum(len(r) for c in earlier for r in c.runs) or 1
    to_total = sum(len(r) for c in later for r in c.runs) or 1
    idf_sum = weights.idf_sum
    new_keys = to_counts.keys() - from_counts.keys()
    dropped_keys = from_counts.keys() - to_counts.keys()
    found = {
        "new": [(round(1000 * to_counts[k] / to_total * idf_sum(k), 2), k) for k in new_keys],
        "dropped": [(round(1000 * from_counts[k] / from_total * idf_sum(k), 2), k) for k in dropped_keys],
    }
    if not summary:
        found["shared"] = [
            (round(min(1000 * from_counts[k] / from_total, 1000 * to_counts[k] / to_total) * idf_sum(k), 2), k)
            for k in from_counts.keys() & to_counts.keys()
        ]
    groups: dict[str, list[dict[str, Any]]] = {}
    for group, scored in found.items():
        counts = {key: (from_counts[key], to_counts[key]) for _, key in scored}
        inside = _parts_of_longer(counts)
        kept = [(s, k) for s, k in scored if (k, counts[k]) not in inside]
        kept.sort(key=lambda x: (-x[0], x[1]))
        if top is not None:
            kept = _distinct_keys(kept, top)
            wanted = {key for _, key in kept}
            from_forms |= _forms_of(earlier, wanted) if group == "dropped" else {}
            to_forms |= _forms_of(later, wanted) if group == "new" else {}
        groups[group] = [
            term_row(
                _surface(from_forms.get(key, []) + to_forms.get(key, [])),
                " ".join(key),
                len(key),
                (from_counts[key], to_counts[key]),
                (from_total, to_total),
                salience,
            )
            for salience, key in kept
        ]
    return groups


def term_row(
    term: str, stems: str, tokens: int, counts: tuple[int, int], totals: tuple[int, int], salience: float
) -> dict[str, Any]:
    """A term of a diff as JSON shows it: its counts in each year, and its rates per 1,000 words (or
    characters) of each."""
    return {
        "term": term,
        "stems": stems,
        "tokens": tokens,
        "from_count": counts[0],
        "to_count": counts[1],
        "from_rate": round(1000 * counts[0] / totals[0], 2),
        "to_rate": round(1000 * counts[1] / totals[1], 2),
        "salience": salience,
    }


def _distinct_keys(scored: list[tuple[float, tuple[str, ...]]], limit: int) -> list[tuple[float, tuple[str, ...]]]:
    chosen: list[tuple[float, tuple[str, ...]]] = []
    used: set[str] = set()
    for salience, key in scored:
        if used.intersection(key):
            continue
        chosen.append((salience, key))
        used.update(key)
        if len(chosen) == limit:
            break
    return chosen


def _parts_of_longer(counts: dict[tuple[str, ...], tuple[int, int]]) -> set[tuple[tuple[str, ...], tuple[int, int]]]:
    """Every (shorter term, counts) that lies inside a longer term with those same counts."""
    parts = set()
    for key, key_counts in counts.items():
        for size in range(1, len(key)):
            for start in range(len(key) - size + 1):
                parts.add((key[start : start + size], key_counts))
    return parts


def years_to_compare(theme: Section, from_year: int | None, to_year: int | None) -> tuple[int, int]:
    years = theme.year_list
    listed = ", ".join(map(str, years))
    for year in (from_year, to_year):
        if year is not None and year not in years:
            raise QueryError(f"theme {theme.id!r} has no {year}; years available: {listed}")
    if from_year is None and to_year is None and len(years) < 2:
        raise QueryError(f"theme {theme.id!r} has text for {listed} only; there is nothing to compare")
    start = from_year if from_year is not None else (years[0] if to_year != years[0] else years[-1])
    end = to_year if to_year is not None else (years[-1] if start != years[-1] else years[0])
    if start == end:
        raise QueryError(f"--from and --to are both {start}; choose two different years ({listed})")
    return start, end


def diff_theme(
    corpus: Corpus,
    theme: Section,
    from_year: int | None = None,
    to_year: int | None = None,
    weights: Weights | None = None,
    top: int | None = None,
) -> dict[str, Any]:
    """One theme's two years compared; with ``top`` (a summary's), without the word changes and
    caveats of each pair and with only the ``top`` distinct terms of each group."""
    start, end = years_to_compare(theme, from_year, to_year)
    earlier = [_content(s) for s in corpus.statements(theme.id, start)]
    later = [_content(s) for s in corpus.statements(theme.id, end)]
    weights = weights or Weights(corpus.index)
    corpus.index.prefetch_df(key for content in (*earlier, *later) for key in content.keys)
    pairs = align(weights, earlier, later)
    paired_earlier = {i for i, _, _ in pairs}
    paired_later = {j for _, j, _ in pairs}
    if top is not None:
        return {
            "theme": theme.id,
            "title": theme.title,
            "from": start,
            "to": end,
            "continued": pairs,
            "new": [j for j in range(len(later)) if j not in paired_later],
            "dropped": [i for i in range(len(earlier)) if i not in paired_earlier],
            "terms": compare_terms(weights, earlier, later, top),
        }
    figures = corpus.figures_for(c.statement.ref for c in (*earlier, *later))

    def carried(statement: Statement) -> dict[str, Any]:
        return caveats(corpus, statement, figures.get(statement.ref, []))

    return {
        "theme": theme.id,
        "title": theme.title,
        "from": start,
        "to": end,
        "continued": [
            {
                "from_ref": earlier[i].statement.ref,
                "to_ref": later[j].statement.ref,
                "similarity": round(score, 3),
                "related": score < RELATED_BELOW,
                "from_text": earlier[i].statement.text,
                "to_text": later[j].statement.text,
                "changes": word_changes(earlier[i].statement.text, later[j].statement.text),
                "from_statement": carried(earlier[i].statement),
                "to_statement": carried(later[j].statement),
            }
            for i, j, score in pairs
        ],
        "new": [_ref_text(c.statement) | carried(c.statement) for j, c in enumerate(later) if j not in paired_later],
        "dropped": [
            _ref_text(c.statement) | carried(c.statement) for i, c in enumerate(earlier) if i not in paired_earlier
        ],
        "terms": compare_terms(weights, earlier, later),
    }


def _ref_text(statement: Statement) -> dict[str, Any]:
    return {"ref": statement.ref, "year": statement.year, "text": statement.text}


SUMMARY = "diff-summary"  # the name of the summary of every theme, first year against last, kept with the data


def diff_all(corpus: Corpus, from_year: int | None = None, to_year: int | None = None) -> list[dict[str, Any]]:
    """One summary per theme that has both years (by default, its first and last). The default one is
    worked out when the data is built and kept with it (``summaries``): a cached corpus reads it back,
    checked, rather than comparing thousands of themes again."""
    for year in (from_year, to_year):
        check_year(corpus, year)
    if from_year is None and to_year is None and (kept := corpus.derived(SUMMARY)) is not None:
        return _checked_summaries(kept, corpus)
    return summaries(corpus, from_year, to_year)


_SUMMARY_FIELDS = {
    "theme": str,
    "title": str,
    "from": int,
    "to": int,
    "continued": int,
    "new": int,
    "dropped": int,
    "new_terms": list,
    "dropped_terms": list,
}


def _checked_summaries(kept: Any, corpus: Corpus) -> list[dict[str, Any]]:
    """The kept summary, if it has exactly the shape ``summaries`` makes and the themes the corpus has;
    anything else is Damaged (and the data is built again)."""
    themes = [(t.id, t.title) for t in corpus.themes if len(t.year_list) >= 2]
    if (
        not isinstance(kept, list)
        or [(row.get("theme"), row.get("title")) if isinstance(row, dict) else None for row in kept] != themes
    ):
        raise Damaged(SUMMARY)
    for row in kept:
        if set(row) != set(_SUMMARY_FIELDS) or not all(
            isinstance(row[k], kind) and not isinstance(row[k], bool) for k, kind in _SUMMARY_FIELDS.items()
        ):
            raise Damaged(SUMMARY)
        if min(row["continued"], row["new"], row["dropped"]) < 0 or not all(
            isinstance(t, str) for t in row["new_terms"] + row["dropped_terms"]
        ):
            raise Damaged(SUMMARY)
    return kept


def summaries(
    corpus: Corpus,
    from_year: int | None = None,
    to_year: int | None = None,
    progress: Callable[[float], None] | None = None,
) -> list[dict[str, Any]]:
    """The summary of every theme that has both years, worked out."""
    found = []
    weights = Weights(corpus.index)  # one cache of idf values for every theme
    themes = corpus.themes
    for n, theme in enumerate(themes):
        if progress is not None and n % 100 == 0:
            progress(n / len(themes))
        years = theme.year_list
        if len(years) < 2 or any(y is not None and y not in years for y in (from_year, to_year)):
            continue
        result = diff_theme(corpus, theme, from_year, to_year, weights, top=TOP_TERMS_SUMMARY)
        found.append(
            {
                "theme": theme.id,
                "title": theme.title,
                "from": result["from"],
                "to": result["to"],
                "continued": len(result["continued"]),
                "new": len(result["new"]),
                "dropped": len(result["dropped"]),
                "new_terms": [t["term"] for t in result["terms"]["new"]],
                "dropped_terms": [t["term"] for t in result["terms"]["dropped"]],
            }
        )
    return found


def distinct(terms: Sequence[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The most salient terms that share no word with a term chosen before them."""
    chosen: list[dict[str, Any]] = []
    used: set[str] = set()
    for term in terms:
        stems = set(term["stems"].split())
        if stems & used:
            continue
        chosen.append(term)
        used |= stems
        if len(chosen) == limit:
            break
    return chosen


def statement_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat record per continued pair, new statement and dropped statement (each side with what
    travels with it)."""
    continued = [
        _row("continued", p["from_ref"], p["to_ref"], p["similarity"], p["from_text"], p["to_text"], p["changes"])
        | {"related": p["related"], "from_statement": p["from_statement"], "to_statement": p["to_statement"]}
        for p in result["continued"]
    ]
    new = [
        _row("new", None, s["ref"], None, None, s["text"], [])
        | {"related": None, "from_statement": None, "to_statement": _carried(s)}
        for s in result["new"]
    ]
    dropped = [
        _row("dropped", s["ref"], None, None, s["text"], None, [])
        | {"related": None, "from_statement": _carried(s), "to_statement": None}
        for s in result["dropped"]
    ]
    return continued + new + dropped


def _carried(statement: dict[str, Any]) -> dict[str, Any]:
    keys = ("original", "repairs", "notes", "official", "official_none")
    return {key: statement[key] for key in keys}


def _row(
    status: str,
    from_ref: str | None,
    to_ref: str | None,
    similarity: float | None,
    from_text: str | None,
    to_text: str | None,
    changes: list[dict[str, str]],
) -> dict[str, Any]:
    return {
        "status": status,
        "from_ref": from_ref,
        "to_ref": to_ref,
        "similarity": similarity,
        "from_text": from_text,
        "to_text": to_text,
        "changes": changes,
    }


def compare(
    corpus: Corpus,
    theme_name: str | None = None,
    from_year: int | None = None,
    to_year: int | None = None,
    *,
    terms_only: bool = False,
    language: str | None = None,
) -> Result:
    """The ``diff`` command: one theme's years compared; two full reports compared, when both years
    have one (``--from 2023 --to 2024``); or a summary of every theme with two years."""
    if theme_name is None and from_year is not None and to_year is not None:
        from reportcli.diff import reports as reportdiff

        pair = reportdiff.reports_for(corpus, from_year, to_year, language)
        if pair is not None:
            return reportdiff.compare_reports(corpus, *pair, terms_only=terms_only)
    if theme_name is None:
        summaries = diff_all(corpus, from_year, to_year)
        empty = None if summaries else "no theme has text for two years to compare"
        return Result("diff-summary", summaries, summaries, empty=empty)
    result = diff_theme(corpus, resolve_theme(corpus, theme_name), from_year, to_year)
    if terms_only:
        rows = [{"group": group, **term} for group, items in result["terms"].items() for term in items]
        return Result("diff-terms", rows, rows, facts={"from": result["from"], "to": result["to"]})
    top = {group: distinct(items, TOP_TERMS_SHOWN) for group, items in result["terms"].items()}
    return Result("diff", result, statement_rows(result), facts={"top_terms": top, "related_below": RELATED_BELOW})
