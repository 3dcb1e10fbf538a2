"""The corpus at its real size: import time, the first (cold) load, and warm queries against the same
queries on the embedded summary, in one interleaved run so that the machine's noise cancels.

Run by a person, not by the tests:

    .venv/bin/python benchmarks/corpus.py                       # ../shared/corpus, 15 rounds
    .venv/bin/python benchmarks/corpus.py --shared DIR --rounds 30

Each run is a real subprocess of the installed ``reportcli`` with a cache directory of its own; peak
memory is the child's maximum resident set size. The budget: a warm search over the whole corpus
costs at most 3 times a warm search on the embedded summary, and a trend over it at most 3 times a
warm search on it; the diff of the full 2023 and 2024 reports well under a second; the import
finishes in well under a minute; peak memory stays under 10 times the size of the data.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from scale import measure  # benchmarks/ is on the path when a script in it runs

HERE = Path(__file__).resolve().parent
REPORTCLI = str(Path(sys.executable).with_name("reportcli"))
INPUTS = [
    "zh/government_work_reports.jsonl",
    "zh/hprc_gov_reports1954-2022.tsv",
    "en/2024.txt",
    "en/2025.txt",
    "en/2026.txt",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parents[1] / "shared" / "corpus")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reportcli-corpus-") as tmp:
        env = {**os.environ, "REPORTCLI_CACHE_DIR": str(Path(tmp) / "cache"), "REPORTCLI_DATA": ""}
        reports = Path(tmp) / "reports"
        seconds, megabytes = measure(
            [REPORTCLI, "import", *(str(args.shared / i) for i in INPUTS), "--out", str(reports)], env
        )
        data_mb = sum(p.stat().st_size for p in reports.glob("*.yaml")) / 2**20
        files = len(list(reports.glob("*.yaml")))
        print(f"import: {seconds:.2f} s, peak {megabytes:.0f} MB; {files} report files, {data_mb:.1f} MB")
        corpus = ["--data", str(reports)]
        cold, cold_mb = measure([REPORTCLI, *corpus, "search", "养老金", "--json"], env)
        times_data = cold_mb / data_mb
        print(f"first load (parse, index, cache): {cold:.2f} s, peak {cold_mb:.0f} MB ({times_data:.1f}x the data)")
        runs = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "summary: search pension --json": [REPORTCLI, "search", "pension", "--json"],
            "corpus: search pension --json": [REPORTCLI, *corpus, "search", "pension", "--json"],
            "corpus: search 养老金 --json": [REPORTCLI, *corpus, "search", "养老金", "--json"],
            "corpus: search 新质生产力 --count": [REPORTCLI, *corpus, "search", "新质生产力", "--count", "--json"],
            "corpus: search 发展 --count": [REPORTCLI, *corpus, "search", "发展", "--count", "--json"],
            "corpus: show 2024-zh/68.6": [REPORTCLI, *corpus, "show", "2024-zh/68.6", "--json"],
            "corpus: trend 碳达峰 --json": [REPORTCLI, *corpus, "trend", "碳达峰", "--json"],
            "corpus: trend 发展 --json": [REPORTCLI, *corpus, "trend", "发展", "--json"],
            "corpus: trend 碳达峰 新质生产力 雾霾": [
                REPORTCLI,
                *corpus,
                "trend",
                "碳达峰",
                "新质生产力",
                "雾霾",
                "--json",
            ],
            "corpus: targets --json": [REPORTCLI, *corpus, "targets", "--json"],
            "corpus: diff --from 2023 --to 2024 --json": [
                REPORTCLI,
                *corpus,
                "diff",
                "--from",
                "2023",
                "--to",
                "2024",
                "--json",
            ],
            "corpus: reports": [REPORTCLI, *corpus, "reports", "--json"],
        }
        for argv in runs.values():  # warm every cache entry first
            measure(argv, env)
        times: dict[str, list[float]] = {name: [] for name in runs}
        memory: dict[str, float] = dict.fromkeys(runs, 0.0)
        for _ in range(args.rounds):
            for name, argv in runs.items():
                seconds, megabytes = measure(argv, env)
                times[name].append(seconds)
                memory[name] = max(memory[name], megabytes)
        baseline = statistics.median(times["summary: search pension --json"])
        print(f"\n{args.rounds} rounds, interleaved; warm; ratio to the summary's search pension --json\n")
        print("| run | median ms | x summary search | peak MB |")
        print("|---|---|---|---|")
        for name in runs:
            median = statistics.median(times[name])
            print(f"| {name} | {median * 1000:.1f} | {median / baseline:.2f} | {memory[name]:.0f} |")


if __name__ == "__main__":
    main()
