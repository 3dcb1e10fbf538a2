"""Where a query's terms occur: per statement (unit) how often, read off the index; phrases as sequences
of key ids found by a byte search (Knuth-Morris-Pratt for long ones); compounds in both forms
(healthcare, health care); the character spans of each match in a statement's text; the filters of
--case-sensitive and -w; and --regex, run over the raw text within a time budget."""

from __future__ import annotations

import bisect
import re
import sys
import time
from array import array
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from reportcli import text as words_
from reportcli.db.checked import Damaged
from reportcli.db.corpus import Corpus
from reportcli.db.index import BREAK, Index
from reportcli.errors import QueryError
from reportcli.language import is_chinese
from reportcli.model import Statement
from reportcli.search.parse import Term, quoted

REGEX_TIME_LIMIT = 1.0  # seconds one run of a --regex pattern over one text (or block of texts) may take
REGEX_TOTAL = 10  # times that, for a whole --regex search


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


def term_counts(corpus: Corpus, term: Term) -> Counts:
    """unit -> how many times the term occurs in it (in any of its forms), and how many of those in its
    own words."""
    if term.symbols:
        return _symbol_counts(corpus, term)
    counts: Counts = {}
    for keys in term.forms:
        for unit, (total, own) in _form_counts(corpus.index, keys).items():
            before = counts.get(unit, (0, 0))
            counts[unit] = (before[0] + total, before[1] + own)
    return _without_excluded(corpus, term, counts) if term.excluded else counts


def _without_excluded(corpus: Corpus, term: Term, counts: Counts) -> Counts:
    """The counts, less the matches that stand inside a string the term excludes (养老金 inside 养老金融):
    the statements whose words hold such a string are counted again off their spans."""
    texts = corpus.by_unit(counts)
    suspect = [unit for unit, statement in texts.items() if any(x in statement.text for x in term.excluded)]
    if not suspect:
        return counts
    keys = corpus.index.keys_of(suspect)
    kept = dict(counts)
    for unit in suspect:
        spans = unit_spans(corpus.index, unit, keys[unit], texts[unit].text, [term])[0]
        if spans:
            kept[unit] = (len(spans), len(spans))
        else:
            del kept[unit]
    return kept


def inside_excluded(text: str, span: tuple[int, int], excluded: Sequence[str]) -> bool:
    """Whether the match at ``span`` stands inside one of the ``excluded`` strings of the text."""
    start, end = span
    matched = text[start:end]
    for longer in excluded:
        at = longer.find(matched)
        while at >= 0:
            if start >= at and text[start - at : start - at + len(longer)] == longer:
                return True
            at = longer.find(matched, at + 1)
    return False


def _form_counts(index: Index, keys: tuple[str, ...]) -> Counts:
    if len(keys) == 1:
        only = index.posting(keys[0])
        if only is None:
            return {}
        return dict(zip(only.units, zip(only.counts, only.own, strict=True), strict=True))
    counts = {}
    for shard in index.shards:  # a phrase is found shard by shard: key ids are a shard's own
        candidates = shard.candidates(keys)
        if not candidates:
            continue
        needle = pack([shard.posting(key).id for key in keys])  # type: ignore[union-attr]  # all present
        for unit, unit_keys in shard.keys_of(candidates).items():
            if found := occurrences(unit_keys, needle):
                length = shard.length(unit)
                counts[shard.first + unit] = (len(found), sum(1 for at in found if at < length))
    return counts


def _symbol_counts(corpus: Corpus, term: Term) -> Counts:
    """``term_counts`` of a term typed with symbols: its words found in sequence by the index (with the
    breaks its symbols make), then each occurrence kept only where the text has the same symbols."""
    index = corpus.index
    counts: Counts = {}
    for shard in index.shards:
        candidates = shard.candidates(term.keys)  # the units that hold every key
        if not candidates:
            continue
        needle = index.needle(term.keys, shard.first + min(candidates), term.breaks)
        assert needle is not None  # every key has postings in this shard
        keys = shard.keys_of(candidates)
        found = sorted(unit for unit, unit_keys in keys.items() if occurrences(unit_keys, needle))
        if not found:
            continue
        statements = corpus.by_unit(shard.first + unit for unit in found)
        for unit in found:
            places = symbol_matches(corpus, shard.first + unit, keys[unit], statements[shard.first + unit], term)
            if total := sum(len(spans) for spans in places.values()):
                counts[shard.first + unit] = (total, len(places.get("text", [])))
    return counts


def symbol_matches(
    corpus: Corpus, unit: int, keys: bytes, statement: Statement, term: Term
) -> dict[str, list[tuple[int, int]]]:
    """Where a term typed with symbols occurs in a unit, by place (its own words ``text``, ``notes``,
    ``official``): the character spans, in that text, of the occurrences whose symbols are the term's,
    the symbols before and after its words included."""
    index = corpus.index
    needle = index.needle(term.keys, unit, term.breaks)
    if needle is None:
        return {}
    parts = index.places(keys)
    found: dict[str, list[tuple[int, int]]] = {}
    own = parts[0][1]
    if positions := occurrences(own, needle):
        ids = unpack(own)
        bounds = index.bounds(unit, sum(1 for value in ids if value != BREAK))
        if spans := _symbol_spans(statement.text, ids, bounds, positions, term):
            found["text"] = spans
    if any(occurrences(part, needle) for _, part in parts[1:]):
        attached = corpus.attached(statement)
        if len(attached) != len(parts) - 1:
            raise Damaged("unit_keys")
        for (place, part), (_, text) in zip(parts[1:], attached, strict=True):
            if positions := occurrences(part, needle):
                spans = _symbol_spans(text, unpack(part), words_.cut(text).bounds, positions, term)
                found.setdefault(place, []).extend(spans)
    return {place: spans for place, spans in found.items() if spans}


def _symbol_spans(
    text: str, ids: Sequence[int], bounds: Sequence[int], positions: list[int], term: Term
) -> list[tuple[int, int]]:
    """The spans of the occurrences (at these key positions of a text's key ids) whose symbols are the
    term's."""
    token_at = [n for n, value in enumerate(ids) if value != BREAK]
    if 2 * len(token_at) != len(bounds) or (bounds and bounds[-1] > len(text)):
        raise Damaged("unit_keys")
    position = {at: n for n, at in enumerate(token_at)}
    spans = []
    for at in positions:
        if at in position and (span := _with_symbols(text, bounds, position[at], term)) is not None:
            spans.append(span)
    return spans


def _with_symbols(text: str, bounds: Sequence[int], first: int, term: Term) -> tuple[int, int] | None:
    """The span of the term's words from token ``first`` on, with the symbols typed before and after
    them, if the text has the term's symbols there; else None. A term that begins (ends) with a number
    and no symbol does not match part of a longer number: ``5%`` is not the end of ``72.5%``."""
    symbols, size = term.symbols, len(term.words)
    for n in range(1, size):
        gap = text[bounds[2 * (first + n) - 1] : bounds[2 * (first + n)]]
        if symbols[n] is not None and words_.symbols(gap) != symbols[n]:
            return None
    start, end = bounds[2 * first], bounds[2 * (first + size - 1) + 1]
    lead, trail = symbols[0], symbols[-1]
    if lead:
        found = _before(text, start, lead)
        if found is None:
            return None
        start = found
    elif term.words[0][:1].isdigit() and _NUMBER_BEFORE.search(words_.symbols(text[max(0, start - 4) : start])):
        return None
    if trail:
        found = _after(text, end, trail)
        if found is None:
            return None
        end = found
    elif term.words[-1][-1:].isdigit() and _NUMBER_AFTER.match(words_.symbols(text[end : end + 4])):
        return None
    return start, end


# A number goes on before or after a match (spaces aside, as the 1998 text writes 6 5 ％ for 65%):
_NUMBER_BEFORE = re.compile(r"\d\.?$")
_NUMBER_AFTER = re.compile(r"\.?\d")


def _before(text: str, start: int, symbols: str) -> int | None:
    """Where the symbols that end ``text[:start]`` begin, if they are ``symbols`` (spaces aside)."""
    for at in range(start - 1, max(start - 4 * len(symbols) - 8, 0) - 1, -1):
        found = words_.symbols(text[at:start])
        if found == symbols:
            return at
        if len(found) > len(symbols):
            return None
    return None


def _after(text: str, end: int, symbols: str) -> int | None:
    """Where the symbols that begin ``text[end:]`` end, if they are ``symbols`` (spaces aside)."""
    for at in range(end + 1, min(end + 4 * len(symbols) + 8, len(text)) + 1):
        found = words_.symbols(text[end:at])
        if found == symbols:
            return at
        if len(found) > len(symbols):
            return None
    return None


def prefetch(corpus: Corpus, terms: Sequence[Term]) -> None:
    """Read at once, report by report, the postings of every key of these terms and the key sequences
    of every unit one of their phrases may stand in: many terms (``trend``, ``search --file``) cost one
    pass over each report's database, not one per term."""
    keys = sorted({key for term in terms for form in term.forms for key in form})
    for shard in corpus.index.shards:
        shard.prefetch(keys)
        wanted: set[int] = set()
        for term in terms:
            for form in term.forms:
                if len(form) >= 2 or term.symbols:
                    wanted |= shard.candidates(form)
        if wanted:
            shard.keys_of(wanted)  # kept for the phrases


def with_compounds(index: Index, term: Term) -> Term:
    """The term with its compound forms: a word with the two words it is made of (healthcare: health
    care), two words with the word they make; only forms whose words the index holds."""
    words = [words_.fold(w) for w in term.words]
    if term.symbols or not all(w.isascii() and w.isalpha() for w in words):
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


def unit_spans(
    index: Index, unit: int, keys: bytes, text: str, terms: Sequence[Term]
) -> dict[int, list[tuple[int, int]]]:
    """For each term (by position in ``terms``), the character spans where it occurs in the unit's own
    words, read off the index: the unit's key ids (``keys``) matched against the terms' ids in its
    shard, the tokens' offsets as the index recorded them; nothing is cut or stemmed, so that matches
    and spans can never disagree, and a Chinese hit needs no character table."""
    own = keys[: 4 * index.length(unit)]
    ids = unpack(own)
    token_at = [n for n, value in enumerate(ids) if value != BREAK]  # key position of each token
    bounds = index.bounds(unit, len(token_at))
    if bounds and bounds[-1] > len(text):
        raise Damaged("unit_keys")
    position = {at: n for n, at in enumerate(token_at)}
    spans: dict[int, list[tuple[int, int]]] = {}
    for i, term in enumerate(terms):
        spans[i] = []
        if term.symbols:
            needle = index.needle(term.keys, unit, term.breaks)
            found = occurrences(own, needle) if needle is not None else []
            spans[i] = _symbol_spans(text, ids, bounds, found, term) if found else []
            continue
        for form in term.forms:
            needle = index.needle(form, unit)
            size = len(form)
            found = occurrences(own, needle) if needle is not None else []
            spans[i] += [(bounds[2 * position[p]], bounds[2 * (position[p] + size - 1) + 1]) for p in found]
        if term.excluded:
            spans[i] = [span for span in spans[i] if not inside_excluded(text, span, term.excluded)]
    return spans


def case_ok(text: str, span: tuple[int, int], term: Term) -> bool:
    """Under --case-sensitive: each word at this span agrees in case with the query's word (a Chinese
    form of a glossary term has no case)."""
    if term.glossary is not None and is_chinese(text[span[0] : span[1]]):
        return True
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
            good = [
                span for span in unit_spans(corpus.index, unit, keys[unit], text, [term])[0] if ok(text, span, term)
            ]
            if good:
                kept[unit] = (len(good), len(good))
        filtered.append(kept)
    return filtered


MAX_REPEAT = 100_000  # copies of a pattern's part that --regex may ask for: the engine makes each one
_QUANTIFIER = re.compile(r"\{\s*(\d*)\s*(?:,\s*(\d*)\s*)?\}")


def repeated(pattern: str) -> int:
    """How many copies of its parts a pattern asks the regex engine to make: each character, class or
    escape once, a part followed by ``{n}``, ``{n,}`` or ``{n,m}`` n times, within the groups around it
    (``(x{1000}){1000}``: a million; ``x{60000}y{60000}``: 120,000). The engine builds them all when it
    compiles (about 280 bytes each: ``x{10000000}`` took 2.7 GB), so they are counted off the text
    first, escapes and character classes skipped."""
    totals = [0]  # the copies made so far in each open group (the outermost: the pattern)
    last = 0  # copies of the last part (an atom or a group), which a quantifier multiplies
    at = 0
    while at < len(pattern):
        char = pattern[at]
        if char == "(":
            totals.append(0)
            at, last = at + 1, 0
            continue
        if char == ")" and len(totals) > 1:
            last = max(totals.pop(), 1)
            totals[-1] += last
            at += 1
        elif char == "{" and (found := _QUANTIFIER.match(pattern, at)) and found[1]:
            count = int(found[1]) if len(found[1]) <= 9 else 10**9  # (int() refuses 5,000 digits)
            totals[-1] += last * (count - 1)
            last *= count
            at = found.end()
        else:
            at = at + 2 if char == "\\" else _class_end(pattern, at) if char == "[" else at + 1
            last = 1
            totals[-1] += 1
    return sum(totals)


def _class_end(pattern: str, at: int) -> int:
    """Where the character class opening at ``at`` ends (after its ``]``; a ``]`` first is a member)."""
    at += 1
    if at < len(pattern) and pattern[at] == "^":
        at += 1
    if at < len(pattern) and pattern[at] == "]":
        at += 1
    while at < len(pattern) and pattern[at] != "]":
        at += 2 if pattern[at] == "\\" else 1
    return at + 1


def regex_budget(characters: int) -> float:
    """Seconds one run of a --regex pattern may take, over data of this many characters: a second, and
    a second more for every 10 million characters. The whole search may take ``REGEX_TOTAL`` times it."""
    return REGEX_TIME_LIMIT + characters / 10_000_000


class RegexMatches(NamedTuple):
    """What a --regex search found: ``counts``, unit -> how many non-empty matches its own words hold
    (0 where its only matches are empty, as ``(?=养老)``'s: the statement matches, nothing is marked);
    ``spans``, text -> where they are, worked out for the hits that are built, not for every unit
    (a span a character for ``.`` took a gigabyte on the 1000x summary)."""

    counts: dict[int, int]
    spans: Callable[[str], list[tuple[int, int]]]


def regex_matches(corpus: Corpus, pattern: str, case_sensitive: bool, keep: Callable[[int], bool]) -> RegexMatches:
    """The units whose own words the pattern matches: one compiled pattern run over each text the
    index keeps (a checked blob per report: no row is read or decoded unit by unit), in the blocks
    that hold a unit ``keep`` keeps.

    Two limits, so that no pattern runs away and an ordinary one is not stopped on a busy machine:
    one run of the engine (over a text, or a block of texts) may take ``regex_budget`` seconds (what
    catastrophic backtracking exceeds), the whole search ``REGEX_TOTAL`` times that."""
    compiled = _compiled(pattern, case_sensitive)
    blocks = [
        (first, text, ends)
        for first, text, ends in corpus.index.text_blocks()
        if any(keep(first + n) for n in range(len(ends)))
    ]
    per_run = regex_budget(sum(len(text) for _, text, _ in blocks))
    deadline = time.monotonic() + REGEX_TOTAL * per_run

    def limit() -> float:
        """The time the next run of the engine may take: its own limit, or what is left of the whole."""
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return min(per_run, left)

    counts: dict[int, int] = {}
    search, finditer = compiled.search, compiled.finditer
    # a pattern that may match only where the text around it allows is run text by text; one that
    # matches the empty text matches every text
    whole = _context_free(pattern) and search("") is None
    try:
        for first, text, ends in blocks:
            candidates = _touched(search, text, ends, limit) if whole else range(len(ends))
            for n in candidates:
                unit = first + n
                if not keep(unit):
                    continue
                own = text[ends[n - 1] if n else 0 : ends[n]]
                if marked := [m.end() > m.start() for m in finditer(own, timeout=limit())]:  # empty: False
                    counts[unit] = sum(marked)
    except TimeoutError:
        if time.monotonic() < deadline:
            raise _too_long(pattern, per_run) from None
        raise QueryError(
            f"regular expression {quoted(pattern)} took longer than {REGEX_TOTAL * per_run:.3g} s in all and "
            "was stopped; narrow the search (--year, --lang, --theme) or simplify it"
        ) from None
    except MemoryError:  # the regex module gives up on a pattern whose backtracking outgrows memory
        raise QueryError(
            f"regular expression {quoted(pattern)} ran out of memory and was stopped; simplify it"
        ) from None

    def spans(text: str) -> list[tuple[int, int]]:
        """Where the pattern's non-empty matches are in a text it was found in, within one run's limit."""
        try:
            return [m.span() for m in finditer(text, timeout=per_run) if m.end() > m.start()]
        except TimeoutError:
            raise _too_long(pattern, per_run) from None

    return RegexMatches(counts, spans)


def _compiled(pattern: str, case_sensitive: bool) -> Any:
    """The pattern compiled by the regex module, or QueryError: too many copies of a part, or invalid."""
    import regex  # only --regex pays for it; unlike re, it can stop a runaway match

    if (copies := repeated(pattern)) > MAX_REPEAT:
        shown = f"{copies:,}" if copies < 10**9 else "over a billion"
        raise QueryError(
            f"regular expression {quoted(pattern)} repeats a part {shown} times; reportcli allows "
            f"{MAX_REPEAT:,} (each copy costs memory): use a smaller count, or + or *"
        )
    try:
        return regex.compile(pattern, 0 if case_sensitive else regex.IGNORECASE)
    except regex.error as exc:
        raise QueryError(f"invalid regular expression {quoted(pattern)}: {exc}") from None


def _too_long(pattern: str, limit: float) -> QueryError:
    return QueryError(
        f"regular expression {quoted(pattern)} took longer than {limit:.3g} s and was stopped; simplify it"
    )


# What lets a match depend on the text around it: anchors (a ^ opening a class is not one), word
# boundaries, lookaround, inline flags and groups, possessive and atomic repeats, backtracking verbs
# ((*SKIP), (*FAIL), (*PRUNE): a branch tried earlier in the block skips a match, found by review),
# and \X (a grapheme cluster: an emoji after a joiner, or a flag letter, clusters with what stands
# before the match) (``_context_free``).
_CONTEXT = re.compile(r"(?<!\[)\^|\\\[\^|\$|\\[bBAZzGmMKX]|\(\?(?!:)|\(\*|[*+?}]\+")


def _context_free(pattern: str) -> bool:
    """Whether every match the pattern has in a text alone is also a match where that text stands inside
    a longer one, so that a pass over a whole block of texts finds every text that has a match: no
    anchor, word boundary, lookaround, inline flag or group, atomic or possessive repeat, verb.
    Conservative: a pattern this refuses is run text by text."""
    return _CONTEXT.search(pattern) is None


def _touched(search: Callable[..., Any], text: str, ends: Sequence[int], limit: Callable[[], float]) -> list[int]:
    """The texts of a block (numbered from 0; ``ends``: where each ends) that a match over the whole
    block starts in, ends in or runs across. After a match the search goes on from the end of the
    last text it touched, a candidate already: a pattern with many matches (``.``) costs a run of the
    engine per text, not a step of Python per match."""
    touched: list[int] = []
    at, last = 0, len(ends) - 1
    while at <= len(text):
        match = search(text, at, timeout=limit())
        if match is None:
            break
        start, end = match.span()
        low = bisect.bisect_right(ends, start)
        high = min(bisect.bisect_right(ends, max(end - 1, start)), last)
        touched.extend(range(max(low, touched[-1] + 1 if touched else 0), high + 1))
        at = max(end, ends[high], start + 1)
    return touched
