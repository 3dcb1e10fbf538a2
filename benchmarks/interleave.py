"""Two or more commands (builds, or a build and an anchor) timed in one run, round by round, so that
the machine's noise falls on all of them alike; each as a ratio to the first.

Run by a person, not by the tests:

    .venv/bin/python benchmarks/interleave.py --rounds 7 \\
        --variant "main=/tmp/main/.venv/bin/reportcli --data /tmp/reports search carbon --json" \\
        --variant "this=.venv/bin/reportcli --data /tmp/reports search carbon --json"
    .venv/bin/python benchmarks/interleave.py --cold --variant "..." --variant "..."   # a cold load each run
    .venv/bin/python benchmarks/interleave.py --instructions --variant "..." --variant "..."

``--instructions``: instead of timing rounds, run each variant once more (warm) under
``valgrind --tool=callgrind`` and print the instructions it executed, which a shared, noisy machine
does not change: for a change of a few per cent, where medians of wall time disagree from run to run.
A variant's COMMAND must then start with the program's path (a script's interpreter is found from its
``#!`` line, so that valgrind follows Python, not a shell).

Each variant is NAME=COMMAND (split as a shell would, not run by one). Every variant has a cache
directory of its own (REPORTCLI_CACHE_DIR), filled by two runs before the rounds (warm), or emptied
before every run (``--cold``). The order of the variants alternates from one round to the next.
Printed: per variant, the median wall time, the median CPU time of the child (user and system, from
``wait4``), its peak resident memory, and both medians as a ratio to the first variant's.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def run(argv: list[str], cache: Path, cold: bool) -> tuple[float, float, float]:
    if cold:
        shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "REPORTCLI_CACHE_DIR": str(cache), "COLUMNS": "100", "LINES": "40"}
    env.pop("REPORTCLI_DATA", None)
    env.pop("REPORTCLI_NO_CACHE", None)
    started = time.perf_counter()
    quiet = subprocess.DEVNULL
    child = subprocess.Popen(argv, stdin=quiet, stdout=quiet, stderr=quiet, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"failed ({code}): {shlex.join(argv)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def instructions(argv: list[str], cache: Path) -> int:
    """The instructions one run of ``argv`` executes, as callgrind counts them (its stdout discarded)."""
    program = shutil.which(argv[0]) or argv[0]
    with open(program, "rb") as head:
        first = head.readline()
    if first.startswith(b"#!"):  # a console script: run its interpreter under valgrind
        argv = [*shlex.split(first[2:].decode().strip()), program, *argv[1:]]
    env = {**os.environ, "REPORTCLI_CACHE_DIR": str(cache), "COLUMNS": "100", "LINES": "40"}
    counted = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        check=False,
    )
    for line in counted.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1])
    raise SystemExit(f"valgrind counted nothing for {shlex.join(argv)}:\n{counted.stderr[-500:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", action="append", required=True, help="NAME=COMMAND (two or more)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--cold", action="store_true", help="empty each variant's cache before every run")
    parser.add_argument("--instructions", action="store_true", help="count each one's instructions (valgrind)")
    args = parser.parse_args()
    variants = [(name, shlex.split(command)) for name, _, command in (v.partition("=") for v in args.variant)]
    if len(variants) < 2 or not all(argv for _, argv in variants):
        parser.error("give two or more variants, each NAME=COMMAND")
    if args.cold and args.instructions:
        parser.error("--instructions counts a warm run; leave out --cold")
    with tempfile.TemporaryDirectory(prefix="reportcli-interleave-") as tmp:
        caches = {name: Path(tmp) / f"cache-{n}" for n, (name, _) in enumerate(variants)}
        if not args.cold:
            for name, argv in variants:
                run(argv, caches[name], False)
                run(argv, caches[name], False)
        if args.instructions:
            counts = {name: instructions(argv, caches[name]) for name, argv in variants}
            print("instructions of one warm run, counted by valgrind --tool=callgrind; x: against", variants[0][0])
            for name, _ in variants:
                print(f"- {name}: {counts[name] / 1e9:.3f} billion, x{counts[name] / counts[variants[0][0]]:.3f}")
            return
        found: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _ in variants}
        for n in range(args.rounds):
            for name, argv in variants if n % 2 == 0 else variants[::-1]:
                found[name].append(run(argv, caches[name], args.cold))
    first = variants[0][0]
    wall0 = statistics.median(r[0] for r in found[first])
    cpu0 = statistics.median(r[1] for r in found[first])
    how = "cold (cache emptied before each run)" if args.cold else "warm"
    print(f"{args.rounds} rounds, interleaved, {how}; medians; x: against {first}")
    for name, _ in variants:
        wall = statistics.median(r[0] for r in found[name])
        cpu = statistics.median(r[1] for r in found[name])
        peak = max(r[2] for r in found[name])
        print(
            f"- {name}: wall {wall * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms, peak {peak:.0f} MB; "
            f"x{wall / wall0:.2f} wall, x{cpu / cpu0:.2f} CPU"
        )


if __name__ == "__main__":
    main()
