"""Capture what a broad set of commands prints, so that two builds can be compared byte for byte.

Run by a person, not by the tests, once with each build, then compare the two directories:

    .venv/bin/python benchmarks/outputs.py --reportcli /tmp/before/.venv/bin/reportcli --out /tmp/out-before
    .venv/bin/python benchmarks/outputs.py --out /tmp/out-after
    diff -r /tmp/out-before /tmp/out-after

Each command runs as a real subprocess with piped output (JSON mostly), on the embedded summary, on the
imported corpus (``--reports DIR``: a directory ``reportcli import`` wrote) and on the corpus with the
summary beside it; one file per command holds its exit code, its stdout and its stderr. Every command
runs twice, cold (an empty cache directory) and warm, and the two must agree: a difference is written
to a file of its own (``*.cold-differs``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPORTCLI = str(Path(sys.executable).with_name("reportcli"))
SUMMARY = Path(__file__).resolve().parents[1] / "data" / "report.yaml"

ON_SUMMARY: list[list[str]] = [
    ["search", "carbon", "peak", "--json"],
    ["search", "pension", "--json"],
    ["search", '"carbon peak"', "--json"],
    ["search", "environment", "--json"],
    ["search", "-w", "environment", "--json"],
    ["search", "healthcare", "--json"],
    ["search", "child care", "--json"],
    ["search", "jobs", "--json"],
    ["search", "low-carbon", "--json"],
    ["search", "--any", "yangtze", "pension", "--json"],
    ["search", "yangtze", "pension"],
    ["search", "elderly", "care", "--any", "--count", "--json"],
    ["search", "--regex", r"\d+(\.\d+)?%", "--json"],
    ["search", "--regex", "pension", "--case-sensitive", "--json"],
    ["search", "--case-sensitive", "China", "--json"],
    ["search", "polution"],
    ["search", "养老金", "--json"],
    ["search", "十年禁渔", "--json"],
    ["search", "backstop", "--json"],
    ["search", "pension", "--theme", "ecology"],
    ["search", "pension", "--year", "2023", "--json"],
    ["search", "carbon", "--limit", "3", "--json"],
    ["search", "growth", "--format", "csv"],
    ["search", "5%", "--json"],
    ["search", "3%", "--json"],
    ["search", "pension", "--format", "jsonl"],
    ["search", "pension"],
    ["trend", "pension", "carbon", "--json"],
    ["themes", "--json"],
    ["show", "ecology", "--json"],
    ["show", "ecology/2024/2.6", "--json"],
    ["figures", "--json"],
    ["diff", "ecology", "--json"],
    ["diff", "--json"],
    ["cite", "ecology/2024/2.6", "--json"],
    ["about", "--json"],
]

ON_CORPUS: list[list[str]] = [
    ["search", "养老金", "--json"],
    ["search", "碳达峰", "--count", "--json"],
    ["search", "发展", "--count", "--json"],
    ["search", "发展", "--limit", "40", "--json"],
    ["search", "新质生产力", "--json"],
    ["search", "carbon", "peaking", "--lang", "en", "--json"],
    ["search", "长江十年禁渔", "--json"],
    ["search", "国民经济", "--year", "1954", "--json"],
    ["search", "上海合作组织", "--count", "--json"],
    ["search", "--regex", r"\d+%左右", "--json"],
    ["search", "--regex", "碳(达峰|中和)", "--count", "--json"],
    ["search", "--regex", r"\d+%左右", "--year", "2010..2020", "--lang", "zh", "--json"],
    ["search", "--regex", "^我们", "--count", "--json"],
    ["search", "--regex", "[^，。]{0,4}目标", "--count", "--json"],
    ["search", "--regex", "Pension|elderly", "--case-sensitive", "--json"],
    ["search", "5%左右", "--json"],
    ["search", "5%", "--count", "--json"],
    ["search", "（一）", "--count", "--json"],
    ["search", "7.5%", "--json"],
    ["search", "pension", "--lang", "en", "--json"],
    ["search", "碳达峰", "--lang", "en"],
    ["search", "改革", "开放", "--any", "--count", "--json"],
    ["search", "改革开放", "--year", "1978..1985", "--json"],
    ["search", "cloud", "--lang", "en", "--json"],
    ["search", "雾霾"],
    ["search", "乡村振兴", "--year", "2018", "--format", "csv"],
    ["trend", "碳达峰", "新质生产力", "雾霾", "--json"],
    ["trend", "发展", "--json"],
    ["trend", "carbon peak", "--lang", "en", "--json"],
    ["trend", "养老", "--format", "csv"],
    ["trend", "5%左右", "--json"],
    ["targets", "--json"],
    ["show", "2024-zh/68.6", "--json"],
    ["show", "2024-zh/part3.9", "--json"],
    ["diff", "--from", "2023", "--to", "2024", "--json"],
    ["figures", "--json"],
    ["reports", "--json"],
    ["about", "--json"],
    ["about", "1991-zh", "--json"],
]

ON_BOTH: list[list[str]] = [
    ["search", "养老金", "--json"],
    ["search", "pension", "--json"],
    ["search", "十年禁渔", "--json"],
    ["themes", "--json"],
    ["show", "2024-zh/68.6", "--json"],
    ["diff", "--json"],
    ["trend", "pension", "--json"],
]


def name_of(where: str, argv: list[str]) -> str:
    return where + "__" + re.sub(r"[^\w.%-]+", "_", "_".join(argv))[:120]


def capture(program: str, data: list[str], argv: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([program, *data, *argv], capture_output=True, env=env, check=False, timeout=600)
    return (
        f"exit {done.returncode}\n--- stdout\n{done.stdout.decode('utf-8', 'replace')}"
        f"--- stderr\n{done.stderr.decode('utf-8', 'replace')}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reportcli", default=REPORTCLI, help="the program to run (default: this environment's)")
    parser.add_argument("--reports", type=Path, default=Path("/tmp/engine-reports"), help="an imported corpus")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reportcli-outputs-") as tmp:
        both = Path(tmp) / "both"
        both.mkdir()
        for path in args.reports.glob("*.yaml"):
            shutil.copy2(path, both / path.name)
        shutil.copy2(SUMMARY, both / "summary.yaml")
        sets = [("summary", [], ON_SUMMARY), ("corpus", ["--data", str(args.reports)], ON_CORPUS)]
        sets.append(("both", ["--data", str(both)], ON_BOTH))
        for where, data, commands in sets:
            cache = Path(tmp) / f"cache-{where}"
            env = {**os.environ, "REPORTCLI_CACHE_DIR": str(cache), "COLUMNS": "100", "PYTHONHASHSEED": "0"}
            env.pop("REPORTCLI_DATA", None)
            env.pop("REPORTCLI_NO_CACHE", None)
            for argv in commands:
                shutil.rmtree(cache, ignore_errors=True)
                cold = capture(args.reportcli, data, argv, env)
                warm = capture(args.reportcli, data, argv, env)
                name = name_of(where, argv)
                (args.out / name).write_text(warm, encoding="utf-8")
                if cold != warm:
                    (args.out / f"{name}.cold-differs").write_text(cold, encoding="utf-8")
                print(name, warm.splitlines()[0], flush=True)


if __name__ == "__main__":
    main()
