"""How the work a user's input can cause grows with it: time at n, 2n, 4n and 8n, in one process;
and the import's time and peak memory at 1x, 4x and 16x, each size in a process of its own.

Run by a person, not by the tests (these machines are noisy; the tests check results, not times):

    .venv/bin/python benchmarks/bounds.py
    .venv/bin/python benchmarks/bounds.py --only diff-length phrase
    .venv/bin/python benchmarks/bounds.py --only import-blank-lines import-spaces import-huge-line targets
    PYTHONPATH=../old/src .venv/bin/python benchmarks/bounds.py --only import-spaces --scales 1  # another build

Each case builds its input at four sizes and times the core function that once grew quadratically
(median of three runs). A ratio near 2 from one size to the next is linear growth; 4 would be
quadratic. The cases, with what they took before this was bounded:

- diff-length: the word changes of two statements of n words (two of 20,000 words: 11 s);
- diff-count: the continued/new/dropped alignment of n statements a year, of 20 words drawn from a
  Zipf-distributed vocabulary as running text is (2,000 a year: 22 s);
- diff-identical: n identical statements a year, refused past the bound of pairs (10,000 a year: 8 s
  and 5 GB before the bound was checked as the candidates were gathered);
- repairs: the check of a statement with n recorded repairs (20,000 repairs: 21 s);
- phrase: a phrase of n words searched in a statement of 10 n words (2,000 words: 14 s);
- suggestions: a query word of n characters that the report lacks (100 KB: 10 s).

The import (``reportcli import``, the whole of it: read, clean, cut, write, read back with the loader),
at 1x, 4x and 16x, each in a fresh process whose peak resident memory is read from the kernel
(``VmHWM`` in /proc/self/status, Linux), beside what the process holds before it starts (the modules):
a ratio near 4 from one size to the next is linear; the memory above the start should stay a small
multiple of the input:

- import-blank-lines: two paragraphs with n bytes of blank lines between them, some holding spaces
  (80 KB: 30 s before the cleaning was made linear);
- import-spaces: a one-line (TSV) report with a run of n spaces inside its line, none of them a
  paragraph mark (40 KB of them: 6 s before);
- import-huge-line: one JSON line whose text is n bytes of Chinese sentences in one paragraph (a 20 MB
  line took 1 GB before; 100 MB failed with MemoryError);
- import-line-breaks: a paragraph whose every character stands on a line of its own: the most changes
  the cleaning can record for its size (one per two bytes of the text), each a line of the file's
  ``cleaning`` block and a mapping when the loader reads it back;
- targets: the targets and outcomes read off a full report of n bytes of varied plan and review
  sentences, under numbered parts (a 400 KB report took 22.7 s on every cold load under the old rules).
"""

import argparse
import contextlib
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # conftest's small report builder

from conftest import corpus_of, minimal_document

from reportcli import search
from reportcli.diff import themes, words
from reportcli.errors import QueryError
from reportcli.language import DEPUTIES
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


def diff_identical(n: int) -> Callable[[], Any]:
    """n statements a year, every one the same: each pair of the two years is a candidate. Past the
    bound (5 million pairs) the diff is refused, as soon as the candidates gathered pass it."""
    same = [["Pensions rise for retirees in every county."] * n]
    corpus = corpus_of(build_report(minimal_document(topic={2023: same, 2024: same}), "bounds.yaml"))
    theme = corpus.section("topic")

    def work() -> None:
        with contextlib.suppress(QueryError):
            themes.diff_theme(corpus, theme, 2023, 2024)

    return work


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
    "diff-identical": (diff_identical, 2_500),
    "repairs": (repairs, 2_500),
    "phrase": (phrase, 250),
    "suggestions": (suggestions, 12_500),
}


# --- the import, each size in a process of its own ------------------------------------------------------

IMPORT_RUN = """
import json, sys, time
from pathlib import Path
from reportcli.importer.run import import_files
from reportcli.reportfile import load_report
from reportcli.extract.figures import report_figures

def peak_kb():  # the process's own high-water mark (ru_maxrss would count the parent's, kept across exec)
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

start = peak_kb()
source, out, what = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
if what == "import":
    began = time.perf_counter()
    import_files([source], out)
    seconds = time.perf_counter() - began
else:  # the targets of the report one import made
    import_files([source], out)
    report = load_report(next(out.glob("*.yaml")))
    began = time.perf_counter()
    found = report_figures(report)
    seconds = time.perf_counter() - began
    assert found, "the report states no target: the case measures nothing"
peak = peak_kb()
print(json.dumps({"seconds": seconds, "start_kb": start, "peak_kb": peak}))
"""


OPENING = f"{DEPUTIES}："  # the salutation the importer finds a report's opening by
FILLER = "合成的句子甲，合成的句子乙，合成的句子丙。"  # invented: no sentence of a published report


def _page(content: str, year: int = 2024) -> str:
    return json.dumps({"title": f"{year}年合成报告", "content": content, "year": str(year)}, ensure_ascii=False)


def import_blank_lines(size: int) -> tuple[str, str]:
    blank = "\n" * 7 + " \n" + "\u3000\n"  # 10 bytes of blank lines, two of them holding spaces
    return "page.jsonl", _page(f"{OPENING}\n\n合成甲。\n" + blank * (size // len(blank.encode())) + "合成乙。") + "\n"


def import_spaces(size: int) -> tuple[str, str]:
    # a one-line text with a run of n spaces inside it, none of them a paragraph mark (a tab, two
    # full-width spaces): the run is looked for marks, and the line's ends are stripped
    return "line.tsv", f"2024\t{OPENING}合成甲。" + " " * size + "合成乙。\n"


def import_line_breaks(size: int) -> tuple[str, str]:
    # one paragraph whose every character stands on a line of its own: a recorded change per two bytes
    return "breaks.jsonl", _page(f"{OPENING}\n\n" + "合\n" * (size // len("合\n".encode())) + "成。") + "\n"


def import_huge_line(size: int) -> tuple[str, str]:
    return "huge.jsonl", _page(f"{OPENING}\n\n" + FILLER * (size // len(FILLER.encode()))) + "\n"


def targets_report(size: int) -> tuple[str, str]:
    """A report of numbered parts, each a review of a year and a plan, every figure different (so that
    no stretch repeats and the import's rule for a second copy leaves it whole)."""
    rng = random.Random(size)
    # invented wording, built of the words the rules read (placing: 回顾, 目标; targets: the shortest name
    # each indicator's rule accepts, 今年…目标, 左右, 以上, 拟): no sentence of a published report
    parts = [f"{OPENING}\n\n这是一份合成的报告，用来测量导入的用时。"]
    n = 0
    while sum(len(p.encode()) for p in parts) < size:
        n += 1
        growth, jobs, prices = rng.randint(40, 80) / 10, rng.randint(900, 1400), rng.randint(10, 35) / 10
        parts.append(
            f"一、{1900 + n}年回顾\n\n上年经济增长{growth}%。{FILLER}"
            f"\n\n二、{1901 + n}年的目标\n\n今年的目标：经济增长{growth - 0.5}%左右。"
            f"新增城镇就业{jobs + 50}万人以上。消费价格涨幅{prices + 0.5}%左右。"
            f"能耗强度降低{rng.randint(20, 40) / 10}%左右。{FILLER}"
        )
    return "report.jsonl", _page("\n\n".join(parts)) + "\n"


IMPORTS: dict[str, tuple[Callable[[int], tuple[str, str]], int, str]] = {
    "import-blank-lines": (import_blank_lines, 80_000, "import"),
    "import-spaces": (import_spaces, 80_000, "import"),
    "import-huge-line": (import_huge_line, 2_000_000, "import"),
    "import-line-breaks": (import_line_breaks, 80_000, "import"),
    "targets": (targets_report, 100_000, "targets"),
}
IMPORT_SCALES = {"import": (1, 4, 16), "targets": (1, 2, 4)}


def imports(name: str, scales: list[int] | None = None) -> None:
    make, base, what = IMPORTS[name]
    previous = None
    for scale in scales or IMPORT_SCALES[what]:
        with tempfile.TemporaryDirectory(prefix="reportcli-bounds-") as folder:
            file_name, content = make(base * scale)
            source = Path(folder) / file_name
            source.write_text(content, encoding="utf-8")
            size = source.stat().st_size
            done = subprocess.run(
                [sys.executable, "-c", IMPORT_RUN, str(source), str(Path(folder) / "out"), what],
                capture_output=True,
                text=True,
                check=True,
            )
        measured = json.loads(done.stdout)
        seconds, start, peak = measured["seconds"], measured["start_kb"] / 1024, measured["peak_kb"] / 1024
        ratio = f"{seconds / previous:.1f}" if previous else "—"
        above = (peak - start) / (size / 2**20)
        print(
            f"| {name} | {scale}x | {size / 1000:,.0f} KB | {seconds:.3f} | {ratio} | {peak:.0f} | {start:.0f} "
            f"| {above:.1f} |",
            flush=True,
        )
        previous = seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], help=f"cases to run: {' '.join([*CASES, *IMPORTS])}")
    parser.add_argument(
        "--scales", nargs="*", type=int, default=[], help="the sizes of the import cases, as multiples (default 1 4 16)"
    )
    args = parser.parse_args()
    wanted = [name for name in CASES if not args.only or name in args.only]
    if wanted:
        print("| case | n | seconds | × previous |")
        print("|---|---|---|---|")
    for name in wanted:
        make, base = CASES[name]
        previous = None
        for n in (base, 2 * base, 4 * base, 8 * base):
            seconds = timed(make(n))
            ratio = f"{seconds / previous:.1f}" if previous else "—"
            print(f"| {name} | {n:,} | {seconds:.4f} | {ratio} |", flush=True)
            previous = seconds
    wanted = [name for name in IMPORTS if not args.only or name in args.only]
    if wanted:
        print()
        print("| case | size | input | seconds | × previous | peak MB | MB at start | (peak - start) / input |")
        print("|---|---|---|---|---|---|---|---|")
    for name in wanted:
        imports(name, args.scales)


if __name__ == "__main__":
    main()
