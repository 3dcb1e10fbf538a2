"""Propose English ↔ Chinese term candidates from the aligned pairs of the 2024–2026 reports.

Each row of ``04_<year>_auto_usable_parallel.csv`` is one aligned pair: a Chinese stretch (one or two
sentences) and its official English. Over the pairs, every English phrase of 1–4 words (within a
clause, not starting or ending with a function word) is counted against every Chinese character
n-gram of 2–6 ideographs (within a run of ideographs), by the number of pairs that hold both. A
candidate is kept when the two share at least ``--min-count`` pairs and their Dice coefficient
(2·both / (pairs with the phrase + pairs with the n-gram)) is at least ``--min-dice``; the
log-likelihood ratio (G², Dunning 1993) of the 2×2 table is printed beside it. A Chinese n-gram that
never occurs without the same one-character extension (达峰 only ever inside 碳达峰) is dropped for the
longer one. For each English phrase the ``--top`` best n-grams by Dice, then G², are written, with the
pairs (year:全局对齐序号) that hold both: the evidence to read when reviewing.

This proposes; it decides nothing. Every entry of data/glossary.yaml was reviewed by a person.

    .venv/bin/python tools/glossary/propose.py                       # ../shared/corpus/en/parallel
    .venv/bin/python tools/glossary/propose.py --reports DIR         # add each n-gram's reach in the corpus
    .venv/bin/python tools/glossary/propose.py --min-count 3 --out tools/glossary/out/candidates.tsv
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from glossarylib import CJK_RUN, ROOT, Pair, chinese_sentences, default_parallel, english_words, read_pairs

STOPWORDS = frozenset(
    """
    a an the and or but nor of to in on at by for with from into onto as than that this these those
    we our us will shall would should must can could may might be been being is are was were am it its
    their they them his her he she which who whom whose what when where while also more most such all
    any each every both other some no not so very over under about across through among between
    well up out within without per via above below s
    """.split()
)
CLAUSE_BREAK = re.compile(r"[,.;:!?()\[\]\"“”‘’—–]+|\s-\s")
MAX_EN_WORDS = 4
MIN_ZH, MAX_ZH = 2, 6


def english_phrases(text: str) -> set[str]:
    """Phrases of 1–4 words inside each clause, neither first nor last word a function word."""
    phrases: set[str] = set()
    for clause in CLAUSE_BREAK.split(text):
        words = english_words(clause)
        for i, first in enumerate(words):
            if first in STOPWORDS or first.isdigit():
                continue
            for j in range(i, min(i + MAX_EN_WORDS, len(words))):
                last = words[j]
                if last in STOPWORDS or last.isdigit():
                    continue
                phrases.add(" ".join(words[i : j + 1]))
    return phrases


def chinese_ngrams(text: str) -> set[str]:
    grams: set[str] = set()
    for run in CJK_RUN.findall(text):
        for n in range(MIN_ZH, MAX_ZH + 1):
            for i in range(len(run) - n + 1):
                grams.add(run[i : i + n])
    return grams


def maximal(frequency: Counter[str]) -> set[str]:
    """The n-grams that occur at least once without any single one-character extension of theirs."""
    redundant: set[str] = set()
    for gram, count in frequency.items():
        if len(gram) <= MIN_ZH:
            continue
        for shorter in (gram[1:], gram[:-1]):
            if frequency.get(shorter) == count:
                redundant.add(shorter)
    return set(frequency) - redundant


def g2(both: int, left: int, right: int, total: int) -> float:
    """Dunning's log-likelihood ratio of the 2×2 table of two events over ``total`` pairs."""
    cells = [
        (both, left * right / total),
        (left - both, left * (total - right) / total),
        (right - both, (total - left) * right / total),
        (total - left - right + both, (total - left) * (total - right) / total),
    ]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0 and e > 0)


Candidate = tuple[str, str, int, int, int, float, float, list[str]]


def cooccurrences(
    en_sets: list[set[str]], zh_sets: list[set[str]], en_list: list[str], zh_list: list[str]
) -> Counter[int]:
    """Pairs holding both, for every kept phrase and n-gram, keyed phrase index × width + n-gram index."""
    en_ids = {e: i for i, e in enumerate(en_list)}
    zh_ids = {z: i for i, z in enumerate(zh_list)}
    width = len(zh_list)
    both: Counter[int] = Counter()
    for es, zs in zip(en_sets, zh_sets, strict=True):
        e_row = [en_ids[e] * width for e in es if e in en_ids]
        z_row = [zh_ids[z] for z in zs if z in zh_ids]
        for base in e_row:
            for column in z_row:
                both[base + column] += 1
    return both


def propose(pairs: list[Pair], min_count: int, min_dice: float, top: int, max_share: float) -> list[Candidate]:
    en_sets = [english_phrases(p.en) for p in pairs]
    zh_sets = [chinese_ngrams(p.zh) for p in pairs]
    en_freq: Counter[str] = Counter(e for s in en_sets for e in s)
    zh_freq: Counter[str] = Counter(z for s in zh_sets for z in s)
    limit = max_share * len(pairs)
    en_list = sorted(e for e, c in en_freq.items() if min_count <= c <= limit)
    zh_list = sorted(z for z in maximal(zh_freq) if min_count <= zh_freq[z] <= limit)
    width = len(zh_list)
    scored: defaultdict[str, list[tuple[float, float, str, int]]] = defaultdict(list)
    for key, count in cooccurrences(en_sets, zh_sets, en_list, zh_list).items():
        e, z = en_list[key // width], zh_list[key % width]
        dice = 2 * count / (en_freq[e] + zh_freq[z])
        if count >= min_count and dice >= min_dice:
            scored[e].append((dice, g2(count, en_freq[e], zh_freq[z], len(pairs)), z, count))
    best = {e: sorted(rows, reverse=True)[:top] for e, rows in scored.items()}
    wanted = {(e, row[2]) for e, rows in best.items() for row in rows}
    support: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for pair, es, zs in zip(pairs, en_sets, zh_sets, strict=True):
        for e in es & best.keys():
            for z in zs:
                if (e, z) in wanted:
                    support[e, z].append(pair.ref)
    out: list[Candidate] = [
        (e, z, count, en_freq[e], zh_freq[z], dice, llr, support[e, z])
        for e, rows in best.items()
        for dice, llr, z, count in rows
    ]
    out.sort(key=lambda r: (-r[5], -r[6], r[0]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parallel", type=Path, default=default_parallel(), help="folder of the aligned CSV files")
    parser.add_argument("--min-count", type=int, default=2, help="pairs that must hold both (default 2)")
    parser.add_argument("--min-dice", type=float, default=0.5, help="lowest Dice coefficient kept (default 0.5)")
    parser.add_argument("--top", type=int, default=3, help="n-grams kept per English phrase (default 3)")
    parser.add_argument(
        "--max-share", type=float, default=0.1, help="ignore phrases and n-grams in more than this share of pairs"
    )
    parser.add_argument("--reports", type=Path, help="an imported corpus: add each n-gram's reports and first year")
    parser.add_argument("--out", type=Path, default=ROOT / "tools" / "glossary" / "out" / "candidates.tsv")
    args = parser.parse_args()
    started = time.perf_counter()
    pairs = read_pairs(args.parallel)
    rows = propose(pairs, args.min_count, args.min_dice, args.top, args.max_share)
    reach: dict[str, tuple[int, int]] = {}
    if args.reports:
        sentences = chinese_sentences(args.reports)
        for z in {r[1] for r in rows}:
            years = sorted({s.year for s in sentences if z in s.text})
            reach[z] = (len(years), years[0] if years else 0)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        head = ["en", "zh", "both", "pairs_en", "pairs_zh", "dice", "g2", "reports", "first", "evidence"]
        handle.write("\t".join(head) + "\n")
        for e, z, count, ne, nz, dice, llr, refs in rows:
            reports, first = reach.get(z, (0, 0))
            cells = [e, z, str(count), str(ne), str(nz), f"{dice:.3f}", f"{llr:.1f}"]
            cells += [str(reports) if args.reports else "", str(first) if args.reports and first else ""]
            cells.append(" ".join(refs))
            handle.write("\t".join(cells) + "\n")
    seconds = time.perf_counter() - started
    print(
        f"{len(pairs)} pairs; {len(rows)} candidates (min count {args.min_count}, Dice >= {args.min_dice}, "
        f"top {args.top}) -> {args.out} in {seconds:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
