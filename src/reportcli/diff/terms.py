"""The terms that came and went between two years or two reports.

English: stemmed content words and the two- and three-word phrases inside runs of content words (a
stop word or punctuation ends a run). Each is counted per year and given a rate per 1,000 content
words of that year. New terms occur only in the later year, dropped terms only in the earlier one,
shared terms in both. A term inside a longer term of the same list with the same counts is left out
("carbon development" inside "low-carbon development"). Salience orders each list: the rate in the
year that has the term (for shared terms, the smaller rate), times the sum of its words' idf, so that
topical words and phrases come before the verbs every paragraph uses.

Chinese: maximal phrases, the runs of two or more characters that recur and that no run one character
longer holds nearly as often (新质生产力 rather than 质生产力, one phrase rather than the overlapping
windows of it, 帝国主义 rather than 国主义). A new term is news when the later report says it at least ``least`` times
(2 unless asked: a phrase said once is the stretch of one sentence); a dropped term, the earlier one.
Asked for terms said once (``least=1``), a run must still recur in the two reports and the reports just
before and after them (so that 新质生产力, once in 2024 and twice in 2025, is a term of 2023 -> 2024, and
the one-off stretch around it is not). Each list leads with the LEADING most salient terms that stand
apart (no term above holds them, or shares three characters or more with them end to start); the others
follow as ranked, so that the first fifty are fifty different things said, and every term is listed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from reportcli.diff.align import Weights
from reportcli.diff.content import MAX_PHRASE, Content, pairs, without_list_number
from reportcli.model import Statement

TOP_TERMS_SHOWN = 10  # in the table of one theme's diff; the JSON has every term


def _terms(
    contents: Sequence[Content], forms: bool = True
) -> tuple[Counter[tuple[str, ...]], dict[tuple[str, ...], list[str]]]:
    """Each term's count and (with ``forms``) the ways the text writes it."""
    counts: Counter[tuple[str, ...]] = Counter(gram for content in contents for gram in content.grams)
    surfaces: dict[tuple[str, ...], list[str]] = {}
    if forms:
        surfaces = _forms_of(contents, None)
    return counts, surfaces


def _forms_of(contents: Sequence[Content], wanted: set[tuple[str, ...]] | None) -> dict[tuple[str, ...], list[str]]:
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
    weights: Weights,
    earlier: Sequence[Content],
    later: Sequence[Content],
    top: int | None = None,
    least: int = 1,
) -> dict[str, list[dict[str, Any]]]:
    """New, dropped and shared terms, most salient first (a new one said at least ``least`` times in
    the later year, a dropped one in the earlier); with ``top``, only the ``top`` most salient terms of
    each group that share no word (``distinct``), which is all a summary needs and spares it a record
    for every term."""
    summary = top is not None
    from_counts, from_forms = _terms(earlier, forms=not summary)
    to_counts, to_forms = _terms(later, forms=not summary)
    from_total = sum(len(r) for c in earlier for r in c.runs) or 1
    to_total = sum(len(r) for c in later for r in c.runs) or 1
    idf_sum = weights.idf_sum
    new_keys = {k for k in to_counts.keys() - from_counts.keys() if to_counts[k] >= least}
    dropped_keys = {k for k in from_counts.keys() - to_counts.keys() if from_counts[k] >= least}
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


SHORTEST = 2  # characters of a Chinese term
LONGEST = 200  # a bound on the work for texts that repeat whole passages: no phrase of a report is longer


RECURS = 2  # a run is a term only if it occurs at least this often in the reports looked at


def chinese_terms(
    weights: Weights,
    earlier: Sequence[Statement],
    later: Sequence[Statement],
    around: Sequence[Statement] = (),
    least: int = RECURS,
) -> dict[str, list[dict[str, Any]]]:
    """New, dropped and shared Chinese terms: maximal runs of characters that recur, most salient first;
    a new term said at least ``least`` times in the later report, a dropped one in the earlier. A run
    said mostly inside one run a character longer (``PART_OF_LONGER``) is left out: what is left are
    the maximal phrases and the words that stand on their own (counts only fall as a run grows, so
    looking one character further on either side is enough)."""
    from_runs = [run for s in earlier for run in pairs(without_list_number(s.text))[1]]
    to_runs = [run for s in later for run in pairs(without_list_number(s.text))[1]]
    around_runs = [run for s in around for run in pairs(without_list_number(s.text))[1]]
    from_counts, to_counts, around_counts = _grams((from_runs, to_runs, around_runs))
    from_total = sum(map(len, from_runs)) or 1
    to_total = sum(map(len, to_runs)) or 1
    # whether a run is a piece of a longer one is judged where it is said: the report that has it and the
    # reports around (so that one sentence does not decide it for a term said once)
    sides: dict[str, tuple[Counter[str], ...]] = {
        "new": (to_counts, around_counts),
        "dropped": (from_counts, around_counts),
        "shared": (from_counts, to_counts, around_counts),
    }
    longer = _longer(from_counts.keys() | to_counts.keys() | around_counts.keys())
    groups: dict[str, list[tuple[float, str]]] = {"new": [], "dropped": [], "shared": []}
    for gram in from_counts.keys() | to_counts.keys():
        f, t = from_counts[gram], to_counts[gram]
        if f + t + around_counts[gram] < RECURS:
            continue
        if f and t:
            group, rate = "shared", min(1000 * f / from_total, 1000 * t / to_total)
        elif t >= least:
            group, rate = "new", 1000 * t / to_total
        elif f >= least:
            group, rate = "dropped", 1000 * f / from_total
        else:
            continue
        counted = sides[group]
        said = sum(c[gram] for c in counted)
        if any(sum(c[run] for c in counted) >= PART_OF_LONGER * said for run in longer.get(gram, ())):
            continue  # 国主义, said mostly as 帝国主义: a piece of a longer unit, not a term
        groups[group].append((round(rate * sum(weights.idf(c) for c in gram), 2), gram))
    found: dict[str, list[dict[str, Any]]] = {}
    for group, scored in groups.items():
        ranked = [
            term_row(gram, gram, len(gram), (from_counts[gram], to_counts[gram]), (from_total, to_total), salience)
            for salience, gram in sorted(scored, key=lambda x: (-x[0], x[1]))
        ]
        first = distinct_runs(ranked, LEADING)
        chosen = {id(term) for term in first}
        found[group] = first + [term for term in ranked if id(term) not in chosen]
    return found


# A run is a piece of a longer unit, not a term, when one character before it or one after it stands
# there in at least this share of the times it is said (in the report that has it and those around):
# 国主义 (64 times in 1959, 59 of them in 帝国主义), 主义国家 (17, 14 in 社会主义国家); a run always said
# inside the same longer run (a window of a phrase) is the extreme case. 学习贯彻 (3 times in 2024, 2 in
# 深入学习贯彻) and 民族复兴 (5, 3 in 民族复兴伟业) stay.
PART_OF_LONGER = 0.75


def _longer(grams: Iterable[str]) -> dict[str, list[str]]:
    """For each run, the runs one character longer (at either end) that are counted."""
    found: dict[str, list[str]] = {}
    for gram in grams:
        if len(gram) > SHORTEST:
            found.setdefault(gram[1:], []).append(gram)
            found.setdefault(gram[:-1], []).append(gram)
    return found


LEADING = 100  # the terms a list leads with, each apart from those above it (the rest follow, as ranked)
OVERLAP = 3  # characters two terms share at the end of one and the start of the other: one phrase's windows


def overlapping(a: str, b: str) -> bool:
    """Whether two Chinese terms are pieces of one stretch of text: one holds the other, or the end of one
    is the start of the other over OVERLAP characters or more (学习贯彻习近平, 深入学习贯彻)."""
    if a in b or b in a:
        return True
    return any(a[-k:] == b[:k] or b[-k:] == a[:k] for k in range(OVERLAP, min(len(a), len(b))))


def distinct_runs(terms: Sequence[dict[str, Any]], limit: int | None) -> list[dict[str, Any]]:
    """The most salient Chinese terms, each apart from every term chosen before it (``overlapping``);
    ``limit`` of them (None: all such)."""
    chosen: list[dict[str, Any]] = []
    for term in terms:
        if any(overlapping(term["term"], other["term"]) for other in chosen):
            continue
        chosen.append(term)
        if len(chosen) == limit:
            break
    return chosen


def _grams(years: tuple[list[str], ...]) -> tuple[Counter[str], ...]:
    """Counts, in each list of runs, of every run of SHORTEST to LONGEST characters: a run is counted
    only when the runs one character shorter at its start and at its end recur over all the lists (a
    priori), and only the places where a shorter run recurred are looked at again, so that the work
    follows what recurs, not the length of the text."""
    counts: tuple[Counter[str], ...] = tuple(Counter() for _ in years)
    # (list, run, the starts still worth growing a run from)
    places: list[tuple[int, str, Sequence[int]]] = [
        (year, run, range(len(run))) for year, runs in enumerate(years) for run in runs if len(run) >= SHORTEST
    ]
    recurring: set[str] | None = None
    for size in range(SHORTEST, LONGEST + 1):
        level: tuple[Counter[str], ...] = tuple(Counter() for _ in years)
        for year, run, starts in places:
            found = level[year]
            for i in starts:
                gram = run[i : i + size]
                if len(gram) == size and (recurring is None or (gram[:-1] in recurring and gram[1:] in recurring)):
                    found[gram] += 1
        seen: Counter[str] = Counter()
        for total, found in zip(counts, level, strict=True):
            total.update(found)
            seen.update(found)
        recurring = {g for g, n in seen.items() if n >= RECURS}
        if not recurring:
            break
        places = [
            (year, run, kept)
            for year, run, starts in places
            if (kept := [i for i in starts if run[i : i + size] in recurring and i + size < len(run)])
        ]
    return counts
