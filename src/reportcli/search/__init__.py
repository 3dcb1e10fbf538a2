"""Keyword search over statements: word forms, phrases, BM25 ranking, exact match spans.

A query is a list of terms. A term is one word or a phrase (consecutive words); every term must
occur in a statement (or any of them, with ``any_term``). Words are compared by their Snowball
stems, so ``pension`` finds "pensions". Statements are ranked by BM25 (k1=1.2, b=0.75) over all
searchable statements (the 2023 headline items, every theme, the glossary); ties keep document order.

A statement's notes and the official words it renders are searched with it: a term they hold counts
half an occurrence where the statement's own words lack it, and nothing where they have it (notes make
a statement found, never rank it higher). A statement whose own words hold more of the query's terms
ranks above one that holds them only in its notes, whatever the scores.
"""

import difflib
import math
import re
import shlex
import sys
import time
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from reportcli import text as words_
from reportcli.caveats import caveats
from reportcli.db.corpus import Corpus
from reportcli.db.index import BREAK, Index
from reportcli.errors import QueryError
from reportcli.model import GLOSSARY, PART, REVIEW, Figure, Result, Statement
from reportcli.scope import Years, by_alias, check_language, check_years, parse_years, resolve_section

K1 = 1.2
B = 0.75
ATTACHED_WEIGHT = 0.5  # an occurrence in a statement's notes or official words, against one in its text
REGEX_TIME_LIMIT = 1.0  # seconds for a whole --regex search


class Term(NamedTuple):
    """One word, or a phrase of consecutive words, of a query; ``alternatives``: other sequences of keys
    that count as the same term (a compound and its parts: healthcare, health care)."""

    words: tuple[str, ...]
    keys: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def forms(self) -> tuple[tuple[str, ...], ...]:
        return (self.keys, *self.alternatives)


class Query(NamedTuple):
    terms: tuple[Term, ...] = ()
    pattern: str | None = None  # a regular expression, instead of terms
    any_term: bool = False
    case_sensitive: bool = False
    exact: bool = False  # -w: the words as typed (casefolded), no other forms


COMPOUND_PART = 4  # letters at least in each part of a compound split (health|care, not with|out)
# Uses of a word that are not the word: a light-verb idiom ("do a good job" is to carry something out
# well, not a job). Such a use counts half, and a statement whose only uses are idioms ranks below
# one that uses the word itself.
IDIOMS = {"job": re.compile(r"\b(?:do|does|did|doing|done)\s+(?:an?\s+)?(?:[a-z]+\s+)?job\b", re.IGNORECASE)}


Key = Callable[[str], str]  # a word's comparison key (``text.stem``, or ``Index.key`` at query time)


def _term(text: str, key: Key) -> Term | None:
    found = words_.words(text)
    if not found:
        return None
    return Term(tuple(found), tuple(key(w) for w in found))


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
                    terms.append(_term(piece, key))
                else:
                    terms.extend(_term(w, key) for w in piece.replace('"', " ").split())
        else:  # one word, or words with spaces: the shell's quotes made them one argument, a phrase
            terms.append(_term(part, key))
    found = tuple(dict.fromkeys(t for t in terms if t is not None))
    if not found:
        raise QueryError(f"query {' '.join(parts)!r} has no words to search for (use --regex to match punctuation)")
    return found


def make_query(
    words: Sequence[str], *, regex: bool, any_term: bool, case_sensitive: bool, key: Key = words_.stem
) -> Query:
    """The query the command line asks for: terms, or with ``regex`` one pattern."""
    if not regex:
        return Query(terms=parse_terms(words, key), any_term=any_term, case_sensitive=case_sensitive)
    if len(words) > 1:
        raise QueryError("--regex takes a single pattern; quote it, e.g. 'carbon|climate'")
    if any_term:
        raise QueryError("--any has no meaning with --regex; use | in the pattern")
    if not words[0].strip():
        raise QueryError("search pattern is empty")
    return Query(pattern=words[0], case_sensitive=case_sensitive)


def _same_case(surface: str, word: str) -> bool:
    """Under --case-sensitive: the letters the two words share must agree in case."""
    shared = 0
    for a, b in zip(surface, word, strict=False):  # up to the shorter word
        if a.casefold() != b.casefold():
            break
        shared += 1
    return surface[:shared] == word[:shared]


def _pack(ids: Sequence[int]) -> bytes:
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
        return _kmp(_unpack(haystack), _unpack(needle))
    found: list[int] = []
    at = haystack.find(needle)
    while at >= 0:
        if at % 4 == 0:
            found.append(at // 4)
            at = haystack.find(needle, at + 4)
        else:  # a match that straddles two ids: look again from the next id boundary
            at = haystack.find(needle, at + 4 - at % 4)
    return found


def _unpack(data: bytes) -> "array[int]":
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


def _term_counts(index: Index, term: Term) -> Counts:
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
    needle = _pack([postings[key].id for key in keys])  # type: ignore[union-attr]
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
    haystack = _pack([local.get(t.key, 0) for t in tokens])
    spans: dict[int, list[tuple[int, int]]] = {}
    for i, term in enumerate(terms):
        size = len(term.keys)
        positions = occurrences(haystack, _pack([local[k] for k in term.keys]))
        spans[i] = [(tokens[p].start, tokens[p + size - 1].end) for p in positions]
    return spans


def unit_spans(index: Index, keys: bytes, text: str, terms: Sequence[Term]) -> dict[int, list[tuple[int, int]]]:
    """``term_spans`` read off the index: the unit's own key ids (``keys``) matched against the terms'
    ids, the tokens' offsets taken from the text; nothing is stemmed, so that matches and spans can
    never disagree, and a Chinese hit needs no character table."""
    own = index.places(keys)[0][1]
    tokens = [(start, end) for start, end, _ in words_.spans(text)]
    token_at = [n for n, value in enumerate(_unpack(own)) if value != BREAK]  # key position of each token
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
            found = occurrences(own, _pack(ids)) if len(ids) == size else []
            spans[i] += [(tokens[position[p]][0], tokens[position[p] + size - 1][1]) for p in found]
    return spans


def _case_ok(text: str, span: tuple[int, int], term: Term) -> bool:
    """Under --case-sensitive: each word at this span agrees in case with the query's word."""
    surfaces = words_.words(text[span[0] : span[1]])
    return len(surfaces) == len(term.words) and all(_same_case(a, b) for a, b in zip(surfaces, term.words, strict=True))


def _exact_ok(text: str, span: tuple[int, int], term: Term) -> bool:
    """Under -w: the words at this span are the query's words (casefolded), not other forms of them."""
    surfaces = words_.words(text[span[0] : span[1]])
    return [words_.fold(s) for s in surfaces] == [words_.fold(w) for w in term.words]


def _filtered(
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


def _regex_matches(
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


class SearchResult(NamedTuple):
    hits: list[dict[str, Any]]  # ranked, best first
    unknown: dict[str, list[str]]  # query word not in the data -> nearest words that are
    ranked: list[tuple[int, float]]  # (unit, score), best first: every hit, even when ``hits`` holds fewer


def _idiomatic(corpus: Corpus, query: Query, per_term: list[Counts]) -> dict[tuple[int, int], int]:
    """(term, unit) -> how many of the term's uses in the unit are an idiom (``IDIOMS``), not the word."""
    found: dict[tuple[int, int], int] = {}
    if query.pattern is not None:
        return found
    for i, term in enumerate(query.terms):
        patterns = [IDIOMS[w] for w in IDIOMS if len(term.keys) == 1 and words_.stem(w) == term.keys[0]]
        if not patterns or not per_term[i]:
            continue
        for unit, statement in corpus.by_unit(per_term[i]).items():
            if n := sum(len(p.findall(statement.text)) for p in patterns):
                found[(i, unit)] = min(n, per_term[i][unit][1])
    return found


def _bm25(tf: float, length: int, idf: float, average: float) -> float:
    norm = 1 - B + B * (length / average if average else 1)
    return idf * tf * (K1 + 1) / (tf + K1 * norm)


def search(
    corpus: Corpus,
    query: Query,
    *,
    section: str | None = None,
    year: int | Years | None = None,
    languages: set[int] | None = None,
    limit: int | None = None,
    hits: bool = True,
) -> SearchResult:
    """Statements that match, best first; ``limit`` caps (and ``hits=False`` skips) the hit records built.
    ``languages``: the positions of the reports to search (None: all)."""
    index = corpus.index
    wanted_section = None if section is None else corpus.position(section)
    years = parse_years(year)

    def keep(unit: int) -> bool:
        return (
            (wanted_section is None or index.section_of(unit) == wanted_section)
            and (years is None or index.year_of(unit) in years)
            and (languages is None or index.report_of(unit) in languages)
        )

    regex_spans: dict[int, list[tuple[int, int]]] = {}
    if query.pattern is not None:
        regex_spans = _regex_matches(corpus, query.pattern, query.case_sensitive, keep)
        per_term = [{unit: (len(spans), len(spans)) for unit, spans in regex_spans.items()}]
    else:
        per_term = [_term_counts(index, term) for term in query.terms]
        if query.case_sensitive:
            per_term = _filtered(corpus, query.terms, per_term, _case_ok)
        if query.exact:
            per_term = _filtered(corpus, query.terms, per_term, _exact_ok)
    idiomatic = _idiomatic(corpus, query, per_term)
    idfs = [math.log((index.units - len(m) + 0.5) / (len(m) + 0.5) + 1) for m in per_term]
    scored: list[tuple[int, float, int]] = []
    for unit in set().union(*per_term):
        present = [i for i, m in enumerate(per_term) if unit in m]
        if (not query.any_term and len(present) < len(per_term)) or not keep(unit):
            continue
        length = index.length(unit)
        score = 0.0
        in_text = 0  # terms the statement's own words hold
        for i in present:
            total, own = per_term[i][unit]
            idioms = idiomatic.get((i, unit), 0)
            real = own - idioms
            tf = real + ATTACHED_WEIGHT * idioms or ATTACHED_WEIGHT * total  # notes, idioms: found, not ranked up
            score += _bm25(tf, length, idfs[i], index.average_length)
            in_text += real > 0
        scored.append((in_text, score, unit))
    scored.sort(key=lambda h: (-h[0], -h[1], h[2]))
    ranked = [(unit, score) for _, score, unit in scored]
    built = _hits(corpus, query, ranked[:limit] if limit else ranked, regex_spans) if hits else []
    unknown = {} if query.pattern is not None else _unknown_words(index, query.terms)
    return SearchResult(built, unknown, ranked)


def _hits(
    corpus: Corpus, query: Query, ranked: list[tuple[int, float]], regex_spans: dict[int, list[tuple[int, int]]]
) -> list[dict[str, Any]]:
    index = corpus.index
    statements = corpus.by_unit(unit for unit, _ in ranked)
    figures = corpus.figures_for(s.ref for s in statements.values())
    keys = index.keys_of(unit for unit, _ in ranked) if query.pattern is None else {}
    places = _places(index, query, keys)
    built = []
    for unit, score in ranked:
        statement = statements[unit]
        if query.pattern is not None:
            spans = regex_spans[unit]
        else:
            found = unit_spans(index, keys[unit], statement.text, query.terms)
            spans = [
                span
                for i, term in enumerate(query.terms)
                for span in found[i]
                if not query.case_sensitive or _case_ok(statement.text, span, term)
            ]
        hit = _hit(statement, score, sorted(set(spans)), figures.get(statement.ref, []))
        report = corpus.reports[index.report_of(unit)]
        hit |= {"report": report.id, "language": report.language}
        hit |= caveats(corpus, statement, figures.get(statement.ref, []))
        hit["matched_in"] = places.get(unit, ["text"])
        built.append(hit)
    return built


def _places(index: Index, query: Query, unit_keys: dict[int, bytes]) -> dict[int, list[str]]:
    """Where the query's terms occur in each unit: its own words (``text``), its notes, the official
    words it renders; read off the index, so that it agrees with what the search matched. A regex and
    a case-sensitive search look at the text alone."""
    if query.pattern is not None or query.case_sensitive:
        return {}
    needles = []
    for term in query.terms:
        for form in term.forms:
            postings = [index.posting(key) for key in form]
            if all(p is not None for p in postings):
                needles.append(_pack([p.id for p in postings if p is not None]))
    found: dict[int, list[str]] = {}
    for unit, keys in unit_keys.items():
        places = {place for place, part in index.places(keys) for needle in needles if occurrences(part, needle)}
        found[unit] = [place for place in ("text", "notes", "official") if place in places]
    return found


def _hit(statement: Statement, score: float, spans: list[tuple[int, int]], figures: Sequence[Figure]) -> dict[str, Any]:
    kind = {REVIEW: "headline", GLOSSARY: "glossary"}.get(statement.section, "statement")
    return {
        "ref": statement.ref,
        "theme": statement.section,
        "year": statement.year,
        "kind": kind,
        "label": statement.label,
        "figures": [{"id": f.id, "display": f.display} for f in figures],
        "score": round(score, 4),
        "spans": [list(span) for span in spans],
        "text": statement.text,
    }


SUGGESTED_WORDS = 5  # unknown words of one query that get suggestions
LONGEST_SUGGESTED = 40  # characters: a longer word is no typo of a word in the report


def _unknown_words(index: Index, terms: Sequence[Term]) -> dict[str, list[str]]:
    """Query words the report never uses, each with the nearest words it does (for a few, short words)."""
    unknown: dict[str, list[str]] = {}
    for term in terms:
        for word, key in zip(term.words, term.keys, strict=True):
            if word in unknown or index.has_key(key):
                continue
            folded = words_.fold(word)
            near: list[str] = []
            if len(unknown) < SUGGESTED_WORDS and len(folded) <= LONGEST_SUGGESTED:
                # a ratio of 0.75 needs a length between 3/5 and 5/3 of the word's
                candidates = index.words_near(len(folded), (0.6, 5 / 3))
                near = difflib.get_close_matches(folded, candidates, n=3, cutoff=0.75)
            unknown[word] = near
    return unknown


def count_by_section(corpus: Corpus, ranked: Sequence[tuple[int, float]]) -> list[dict[str, Any]]:
    """Hits per theme and year of a summary, and per report of a full report (whose parts are not
    themes), in document order: from the index alone, no statement is read."""
    index = corpus.index
    counts = Counter((index.section_of(unit), index.year_of(unit)) for unit, _ in ranked)
    sections = corpus.sections
    rows: dict[tuple[str, int | None, str | None], dict[str, Any]] = {}
    for (position, year), n in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        section = sections[position]
        meta = corpus.report(section.report)
        theme = None if section.kind == PART else section.id
        row = rows.setdefault(
            (meta.id, year, theme),
            {"theme": theme, "year": year, "hits": 0, "report": meta.id, "language": meta.language},
        )
        row["hits"] += n
    return list(rows.values())


def find(
    corpus: Corpus,
    words: Sequence[str],
    *,
    regex: bool = False,
    any_term: bool = False,
    case_sensitive: bool = False,
    theme: str | None = None,
    year: int | str | None = None,
    language: str | None = None,
    limit: int | None = None,
    count: bool = False,
    exact: bool = False,
) -> Result:
    """The ``search`` command: hits best first (or, with ``count``, hits per theme and year, and per
    report); ``year`` a year or a range (``2015..2020``), ``language`` zh or en; ``exact``: the words
    as typed, not their other forms or compounds."""
    query = make_query(words, regex=regex, any_term=any_term, case_sensitive=case_sensitive, key=corpus.index.key)
    if exact and query.pattern is None:
        query = query._replace(exact=True)
    elif query.pattern is None:
        query = query._replace(terms=tuple(with_compounds(corpus.index, t) for t in query.terms))
    section = resolve_section(corpus, theme)
    years = parse_years(year)
    check_years(corpus, years)
    languages = check_language(corpus, language)
    found = search(corpus, query, section=section, year=years, languages=languages, limit=limit, hits=not count)
    empty = None
    if not found.ranked:
        empty = no_match_message(words, found.unknown)
        if not found.unknown:
            empty = _apart(corpus, query) or empty
        filters = {"--theme": section, "--year": years.text() if years else None, "--lang": language}
        if any(filters.values()):
            empty = _hidden_by_filters(corpus, query, words, filters) or empty
    if count:
        counts = count_by_section(corpus, found.ranked)
        return Result("counts", counts, counts, facts={"sum": len(found.ranked)}, empty=empty)
    facts = {"total": len(found.ranked), "noun": "hits", "screenful": limit is None}
    if query.pattern is None and section is None:
        facts["hint"] = _see_also(corpus, query)
    return Result("hits", found.hits, found.hits, facts=facts, empty=empty)


def _see_also(corpus: Corpus, query: Query) -> str | None:
    """When the query names a theme (its id, title or an alias: jobs, pensions), where to read all of it."""

    wanted = (
        query.terms[0].text.casefold() if len(query.terms) == 1 else " ".join(t.text for t in query.terms).casefold()
    )
    themes = corpus.themes_named(wanted)  # not every theme: a corpus can have thousands
    named = next((t for t in themes if wanted in (t.id, t.title.casefold())), None) or by_alias(themes, wanted)
    if named is None:
        return None
    return f"see also: reportcli show {named.id} (the theme {named.title!r}, all of it)"


def _apart(corpus: Corpus, query: Query) -> str | None:
    """When a phrase or several words find nothing though the words are in the report: say that they
    occur apart (all of them in a statement, not as a phrase) or separately (try --any)."""
    phrases = [t for t in query.terms if len(t.keys) > 1]
    if query.pattern is not None or (not phrases and (query.any_term or len(query.terms) < 2)):
        return None
    single = tuple(dict.fromkeys(Term((w,), (k,)) for t in query.terms for w, k in zip(t.words, t.keys, strict=True)))
    flags = ["-w"] * query.exact + ["--case-sensitive"] * query.case_sensitive
    words = shlex.join([*flags, *(t.words[0] for t in single)])
    quoted = shorten(phrases[0].text if phrases else " ".join(t.text for t in query.terms))
    opening = f"no statement has the phrase {quoted!r}" if phrases else f"no statement has all of {quoted!r}"
    if phrases:
        apart = search(corpus, query._replace(terms=single), hits=False).ranked
        if apart:
            noun = "statement has" if len(apart) == 1 else "statements have"
            return f"{opening}, but {len(apart)} {noun} its words apart: reportcli search {words}"
    if query.any_term or len(single) < 2:
        return None
    some = search(corpus, query._replace(terms=single, any_term=True), hits=False).ranked
    if not some:
        return None
    noun = "statement has" if len(some) == 1 else "statements have"
    return f"{opening}, but {len(some)} {noun} some of its words: reportcli search --any {words}"


def _hidden_by_filters(
    corpus: Corpus, query: Query, words: Sequence[str], filters: dict[str, str | None]
) -> str | None:
    """When --theme, --year or --lang hid every hit: say how many there are without them."""
    everywhere = search(corpus, query, hits=False).ranked
    if not everywhere:
        return None
    used = [f"{name} {value}" for name, value in filters.items() if value]
    hits = f"{len(everywhere)} hit" + ("s" if len(everywhere) > 1 else "")
    return (
        f"no match for {shorten(' '.join(words))!r} with {' and '.join(used)}, which hid {hits}; "
        f"drop {'them' if len(used) > 1 else 'it'} to see {'them' if len(everywhere) > 1 else 'it'}"
    )


def no_match_message(words: Sequence[str], unknown: dict[str, list[str]]) -> str:
    for word, nearest in unknown.items():
        if nearest:
            return f"no match for {shorten(word)!r}; did you mean {' or '.join(repr(n) for n in nearest[:2])}?"
        return f"no match for {shorten(word)!r}: it does not occur in the report"
    return f"no statement matches {shorten(' '.join(words))!r}"


def shorten(text: str, width: int = 45) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
