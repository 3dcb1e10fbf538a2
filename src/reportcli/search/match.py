"""Where a query's terms occur: per statement (unit) how often, read off the index; phrases as sequences
of key ids found by a byte search (Knuth-Morris-Pratt for long ones); compounds in both forms
(healthcare, health care); the character spans of each match in a statement's text; the filters of
--case-sensitive and -w; and --regex, run over the raw text within a time budget."""

from __future__ import annotations

import sys
import time
from array import array
from collections.abc import Callable, Sequence

from reportcli import text as words_
from reportcli.db.corpus import Corpus
from reportcli.db.index import BREAK, Index
from reportcli.errors import QueryError
from reportcli.search.parse import Term, shorten

REGEX_TIME_LIMIT = 1.0  # seconds for a whole --regex search


COMPOUND_PART = 4  # letters at least in each part of a compound split (health|care, not with|out)


def _same_case(surface: str, word: str) -> bool:
    """Under --case-sensitive: the letters the two words share must agree in case."""
    shared = 0
    for a, b in zip(surface, word, strict=False):  # up to the shorter word
        if a.casefold() != b.casefold():
            break
        shared += 1
    return surface[:shared] == word[:shared]


def pack(ids: Sequence[int]) -> bytes:
    return array("I", ids).tobytes() if sys.byteorder == "little" else _swapped(ids)


def _swapped(ids: Sequence[int]) -> bytes:
    values = array("I", ids)
    values.byteswap()
    return values.tobytes()


LONG_PHRASE = 8  # ids: a longer phrase is found by Knuth-Morris-Pratt, linear however it repeats


def occurrences(haystack: bytes, needle: bytes) -> list[int]:
    """Where a sequence of 4-byte ids occurs in another (token positions, overlapping allowed).

    A short phrase: a byte search in C. A long one could match at almost every position of a
    repetitive text, each match costing its whole length; Knuth-Morris-Pratt keeps that linear."""
    if len(needle) > 4 * LONG_PHRASE:
        return _kmp(unpack(haystack), unpack(needle))
    found: list[int] = []
    at = haystack.find(needle)
    while at >= 0:
        if at % 4 == 0:
            found.append(at // 4)
            at = haystack.find(needle, at + 4)
        else:  # a match that straddles two ids: look again from the next id boundary
            at = haystack.find(needle, at + 4 - at % 4)
    return found


def unpack(data: bytes) -> array[int]:
    values = array("I")
    values.frombytes(data)
    if sys.byteorder != "little":
        values.byteswap()
    return values


def _kmp(text: Sequence[int], pattern: Sequence[int]) -> list[int]:
    """Every start of ``pattern`` in ``text`` (overlapping), in time linear in both."""
    failure = [0] * len(pattern)
    k = 0
    for i in range(1, len(pattern)):
        while k and pattern[i] != pattern[k]:
            k = failure[k - 1]
        if pattern[i] == pattern[k]:
            k += 1
        failure[i] = k
    found: list[int] = []
    k = 0
    for i, value in enumerate(text):
        while k and value != pattern[k]:
            k = failure[k - 1]
        if value == pattern[k]:
            k += 1
        if k == len(pattern):
            found.append(i - k + 1)
            k = failure[k - 1]
    return found


Counts = dict[int, tuple[int, int]]  # unit -> occurrences in all, and in the statement's own words


def term_counts(index: Index, term: Term) -> Counts:
    """unit -> how many times the term occurs in it (in any of its forms), and how many of those in its
    own words."""
    counts: Counts = {}
    for keys in term.forms:
        for unit, (total, own) in _form_counts(index, keys).items():
            before = counts.get(unit, (0, 0))
            counts[unit] = (before[0] + total, before[1] + own)
    return counts


def _form_counts(index: Index, keys: tuple[str, ...]) -> Counts:
    postings = {key: index.posting(key) for key in keys}
    if any(p is None for p in postings.values()):
        return {}
    if len(keys) == 1:
        only = postings[keys[0]]
        assert only is not None
        return dict(zip(only.units, zip(only.counts, only.own, strict=True), strict=True))
    ordered = sorted((p for p in postings.values() if p is not None), key=lambda p: len(p.units))
    candidates = set(ordered[0].units)
    for posting in ordered[1:]:
        candidates.intersection_update(posting.units)
        if not candidates:
            return {}
    needle = pack([postings[key].id for key in keys])  # type: ignore[union-attr]
    counts = {}
    for unit, unit_keys in index.keys_of(candidates).items():
        if found := occurrences(unit_keys, needle):
            length = index.length(unit)
            counts[unit] = (len(found), sum(1 for at in found if at < length))
    return counts


def with_compounds(index: Index, term: Term) -> Term:
    """The term with its compound forms: a word with the two words it is made of (healthcare: health
    care), two words with the word they make; only forms whose words the index holds."""
    words = [words_.fold(w) for w in term.words]
    if not all(w.isascii() and w.isalpha() for w in words):
        return term
    found: list[tuple[str, ...]] = []
    if len(words) == 1:
        word = words[0]
        for cut in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1):
            first, second = word[:cut], word[cut:]
            if index.has_word(first) and index.has_word(second):
                found.append((index.key(first), index.key(second)))
    elif len(words) == 2 and index.has_word(words[0] + words[1]):
        found.append((index.key(words[0] + words[1]),))
    return term._replace(alternatives=tuple(f for f in found if f != term.keys))


def term_spans(text: str, terms: Sequence[Term]) -> dict[int, list[tuple[int, int]]]:
    """For each term (by position in ``terms``), the character spans where it occurs in ``text``."""
    tokens = words_.tokenize(text)
    local: dict[str, int] = {}
    for term in terms:
        for key in term.keys:
            local.setdefault(key, len(local) + 1)
    haystack = pack([local.get(t.key, 0) for t in tokens])
    spans: dict[int, list[tuple[int, int]]] = {}
    for i, term in enumerate(terms):
        size = len(term.keys)
        positions = occurrences(haystack, pack([local[k] for k in term.keys]))
        spans[i] = [(tokens[p].start, tokens[p + size - 1].end) for p in positions]
    return spans


def unit_spans(index: Index, keys: bytes, text: str, terms: Sequence[Term]) -> dict[int, list[tuple[int, int]]]:
    """``term_spans`` read off the index: the unit's own key ids (``keys``) matched against the terms'
    ids, the tokens' offsets taken from the text; nothing is stemmed, so that matches and spans can
    never disagree, and a Chinese hit needs no character table."""
    own = index.places(keys)[0][1]
    tokens = [(start, end) for start, end, _ in words_.spans(text)]
    token_at = [n for n, value in enumerate(unpack(own)) if value != BREAK]  # key position of each token
    if len(token_at) != len(tokens):  # not the text this index was built from: a bug, but spans still work
        return term_spans(text, terms)
    position = {at: n for n, at in enumerate(token_at)}
    spans: dict[int, list[tuple[int, int]]] = {}
    for i, term in enumerate(terms):
        spans[i] = []
        for form in term.forms:
            postings = [index.posting(key) for key in form]
            ids = [p.id for p in postings if p is not None]
            size = len(form)
            found = occurrences(own, pack(ids)) if len(ids) == size else []
            spans[i] += [(tokens[position[p]][0], tokens[position[p] + size - 1][1]) for p in found]
    return spans


def case_ok(text: str, span: tuple[int, int], term: Term) -> bool:
    """Under --case-sensitive: each word at this span agrees in case with the query's word."""
    surfaces = words_.words(text[span[0] : span[1]])
    return len(surfaces) == len(term.words) and all(_same_case(a, b) for a, b in zip(surfaces, term.words, strict=True))


def exact_ok(text: str, span: tuple[int, int], term: Term) -> bool:
    """Under -w: the words at this span are the query's words (casefolded), not other forms of them."""
    surfaces = words_.words(text[span[0] : span[1]])
    return [words_.fold(s) for s in surfaces] == [words_.fold(w) for w in term.words]


def filtered(
    corpus: Corpus, terms: Sequence[Term], per_term: list[Counts], ok: Callable[[str, tuple[int, int], Term], bool]
) -> list[Counts]:
    """Only the occurrences (in the statements' own words) that ``ok`` accepts: --case-sensitive, -w."""
    units = set().union(*per_term)
    texts, keys = corpus.by_unit(units), corpus.index.keys_of(units)
    filtered: list[Counts] = []
    for term, counts in zip(terms, per_term, strict=True):
        kept = {}
        for unit in counts:
            text = texts[unit].text
            good = [span for span in unit_spans(corpus.index, keys[unit], text, [term])[0] if ok(text, span, term)]
            if good:
                kept[unit] = (len(good), len(good))
        filtered.append(kept)
    return filtered


def regex_budget(characters: int) -> float:
    """Seconds a --regex search may take: a second, and a second more for every 10 million characters."""
    return REGEX_TIME_LIMIT + characters / 10_000_000


def regex_matches(
    corpus: Corpus, pattern: str, case_sensitive: bool, keep: Callable[[int], bool]
) -> dict[int, list[tuple[int, int]]]:
    import regex  # only --regex pays for it; unlike re, it can stop a runaway match

    try:
        compiled = regex.compile(pattern, 0 if case_sensitive else regex.IGNORECASE)
    except regex.error as exc:
        raise QueryError(f"invalid regular expression {shorten(pattern)!r}: {exc}") from None
    texts = [(unit, text) for unit, text in corpus.texts() if keep(unit)]
    budget = regex_budget(sum(len(text) for _, text in texts))
    deadline = time.monotonic() + budget
    matches: dict[int, list[tuple[int, int]]] = {}
    try:
        for unit, text in texts:
            remaining = max(deadline - time.monotonic(), 0.001)
            spans = [m.span() for m in compiled.finditer(text, timeout=remaining) if m.end() > m.start()]
            if spans:
                matches[unit] = spans
    except TimeoutError:
        raise QueryError(
            f"regular expression {shorten(pattern)!r} took longer than {budget:.3g} s and was stopped; simplify it"
        ) from None
    return matches
