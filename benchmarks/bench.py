"""Time each reportcli command against `python -c pass`, interleaved so the machine's noise cancels.

Run by a person, not by the tests:

    .venv/bin/python benchmarks/bench.py                 # embedded data, 15 rounds
    .venv/bin/python benchmarks/bench.py --rounds 30 --data big.yaml
    .venv/bin/python benchmarks/bench.py --against /tmp/before/bin   # this install and another, in one run

Prints, per command, the median wall time and its ratio to the median of `python -c pass` (the
same interpreter). Table output runs under a pseudo-terminal, so Rich really renders; JSON output
goes to a pipe. When `yq` or `rg` are installed they are timed on the same file for comparison.
With --against, every command is also timed with the reportcli of another environment (say, an
install of the previous commit), interleaved in the same rounds, so that before and after share
the machine's noise.
"""

from __future__ import annotations

import argparse
import os
import pty
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
REPORTCLI = str(Path(PYTHON).with_name("reportcli"))

COMMANDS: dict[str, list[str]] = {
    "themes": ["themes"],
    "show": ["show", "ecology"],
    "figures": ["figures"],
    "search": ["search", "carbon", "peak"],
    "diff": ["diff", "ecology"],
}


def run_on_pipe(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - started


def run_on_terminal(argv: list[str], env: dict[str, str]) -> float:
    controller, terminal = pty.openpty()
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=terminal, stderr=subprocess.DEVNULL, env=env)
    os.close(terminal)
    while True:
        try:
            if not os.read(controller, 65536):
                break
        except OSError:
            break
    process.wait()
    elapsed = time.perf_counter() - started
    os.close(controller)
    return elapsed


def cases(data: Path | None, only: list[str], against: Path | None) -> dict[str, tuple[list[str], bool]]:
    """name -> (argv, on a terminal?)"""
    found: dict[str, tuple[list[str], bool]] = {"python -c pass": ([PYTHON, "-c", "pass"], False)}
    programs = {"": REPORTCLI} | ({" [against]": str(against / "reportcli")} if against else {})
    for name, args in COMMANDS.items():
        if only and name not in only:
            continue
        for label, program in programs.items():
            prefix = [program] + (["--data", str(data)] if data else [])
            found[f"{name} --json{label}"] = ([*prefix, *args, "--json"], False)
            found[f"{name} (table){label}"] = ([*prefix, *args], True)
    file = str(data) if data else str(Path(__file__).resolve().parents[1] / "data" / "report.yaml")
    if shutil.which("yq"):
        found["yq '.themes[].id'"] = (["yq", ".themes[].id", file], False)
    if shutil.which("rg"):
        found["rg -i pension"] = (["rg", "-i", "pension", file], False)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--data", type=Path, help="report file (default: the embedded report)")
    parser.add_argument("--only", nargs="*", default=[], help=f"commands to time: {' '.join(COMMANDS)}")
    parser.add_argument("--against", type=Path, help="bin/ directory of another environment's reportcli")
    args = parser.parse_args()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm-256color"}
    env.pop("REPORTCLI_DATA", None)
    timed = cases(args.data, args.only, args.against)
    times: dict[str, list[float]] = {name: [] for name in timed}
    for argv, terminal in timed.values():  # warm the page cache and any on-disk cache
        (run_on_terminal if terminal else run_on_pipe)(argv, env)
    for _ in range(args.rounds):
        order = list(timed)
        random.shuffle(order)
        for name in order:
            argv, terminal = timed[name]
            times[name].append((run_on_terminal if terminal else run_on_pipe)(argv, env))
    base = statistics.median(times["python -c pass"])
    print(f"{args.rounds} rounds, interleaved; python -c pass median {base * 1000:.1f} ms\n")
    print(f"| {'command':<38} | median ms | × python -c pass |")
    print(f"|{'-' * 40}|-----------|------------------|")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"| {name:<38} | {median * 1000:9.1f} | {median / base:16.1f} |")


if __name__ == "__main__":
    main()
