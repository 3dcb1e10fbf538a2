"""How the work a user's input can cause grows with it: time at n, 2n, 4n and 8n, in one process.

Run by a person, not by the tests (these machines are noisy; the tests check results, not times):

    .venv/bin/python benchmarks/bounds.py
    .venv/bin/python benchmarks/bounds.py --only diff-length phrase

Each case builds its input at four sizes and times the core function that once grew quadratically
(median of three runs). A ratio near 2 from one size to the next is linear growth; 4 would be
quadratic. The cases, with what they took before this was bounded:

- diff-length: the word changes of two statements of n words (two of 20,000 words: 11 s);
- diff-count: the continued/new/dropped alignment of n statements a year, of 20 words drawn from a
  Zipf-distributed vocabulary as running text is (2,000 a year: 22 s);
- repairs: the check of a statement with n recorded repairs (20,000 repairs: 21 s);
- phrase: a phrase of n words searched in a statement of 10 n words (2,000 words: 14 s);
- suggestions: a query word of n characters that the report lacks (100 KB: 10 s).
"""

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # conftest's small report builder

from conftest import corpus_of, minimal_document

from reportcli import search
from reportcli.diff import themes, words
from reportcli.reportfile import build_report

WORDS = """
    pension rural urban carbon energy water grain housing school health care elderly child county
    reform green market finance digital transport forest coast river industry service quality funding
""".split()
# Running text draws its words unevenly: a few very often, most rarely (Zipf's law). A vocabulary of
# 5,000 words with weights 1/rank stands in for it in the statements that diff-count aligns.
VOCABULARY = [f"w{rank}" for rank in range(1, 5001)]
ZIPF = [1 / rank for rank in range(1, 5001)]


def timed(work: Callable[[], Any]) -> float:
    samples = []
    for _ in range(3):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def sentence(rng: random.Random, size: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(size)).capitalize() + "."


def running_text(rng: random.Random, size: int) -> str:
    return " ".join(rng.choices(VOCABULARY, ZIPF, k=size)).capitalize() + "."


def diff_length(n: int) -> Callable[[], Any]:
    rng = random.Random(n)
    before = [f"{rng.choice(WORDS)}{i % 50}" for i in range(n)]
    after = [w if rng.random() > 0.02 else "changed" for w in before]
    return lambda: words.word_changes(" ".join(before), " ".join(after))


def diff_count(n: int) -> Callable[[], Any]:
    rng = random.Random(n)
    years = {2023: [[running_text(rng, 20) for _ in range(n)]], 2024: [[running_text(rng, 20) for _ in range(n)]]}
    corpus = corpus_of(build_report(minimal_document(topic=years), "bounds.yaml"))
    theme = corpus.section("topic")
    return lambda: themes.diff_theme(corpus, theme, 2023, 2024)


def repairs(n: int) -> Callable[[], Any]:
    original = " ".join(f"word{i}x" for i in range(n))
    text = " ".join(f"word{i}y" for i in range(n))
    document = minimal_document(a={2024: [["placeholder"]]})
    statement = document["themes"][0]["years"][2024][0][0]
    statement.update(
        text=text,
        original=original,
        repairs=[
            {"kind": "typo", "original": f"word{i}x", "repaired": f"word{i}y", "reason": "a test"} for i in range(n)
        ],
    )
    return lambda: build_report(document, "bounds.yaml")


def phrase(n: int) -> Callable[[], Any]:
    corpus = corpus_of(build_report(minimal_document(a={2024: [[" ".join(["pension"] * (10 * n))]]}), "bounds.yaml"))
    query = search.Query(search.parse_terms([" ".join(["pension"] * n)]))
    return lambda: search.search(corpus, query)


def suggestions(n: int) -> Callable[[], Any]:
    corpus = corpus_of(build_report(minimal_document(a={2024: [[sentence(random.Random(1), 200)]]}), "bounds.yaml"))
    word = "q" * n
    return lambda: search.find(corpus, [word])


CASES: dict[str, tuple[Callable[[int], Callable[[], Any]], int]] = {
    "diff-length": (diff_length, 2_500),
    "diff-count": (diff_count, 250),
    "repairs": (repairs, 2_500),
    "phrase": (phrase, 250),
    "suggestions": (suggestions, 12_500),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], help=f"cases to run: {' '.join(CASES)}")
    args = parser.parse_args()
    print("| case | n | seconds | × previous |")
    print("|---|---|---|---|")
    for name, (make, base) in CASES.items():
        if args.only and name not in args.only:
            continue
        previous = None
        for n in (base, 2 * base, 4 * base, 8 * base):
            seconds = timed(make(n))
            ratio = f"{seconds / previous:.1f}" if previous else "—"
            print(f"| {name} | {n:,} | {seconds:.4f} | {ratio} |", flush=True)
            previous = seconds


if __name__ == "__main__":
    main()
