"""How cost grows with the size of the report: time and peak memory of each command.

Run by a person, not by the tests:

    .venv/bin/python benchmarks/scale.py                   # N = 1, 10, 100, 1000
    .venv/bin/python benchmarks/scale.py --scales 1 10     # a quicker look

For each N, make_corpus.py writes a report N times the size of the embedded one into a temporary
directory, with an empty cache directory of its own. Each command then runs once cold (the first
run parses the YAML, builds the search index and writes the cache) and three times warm (median),
as a real subprocess; peak memory is the child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPORTCLI = str(Path(sys.executable).with_name("reportcli"))


def commands(scale: int) -> dict[str, list[str]]:
    theme = "ecology" if scale == 0 else "ecology-1"
    return {
        "themes": ["themes", "--json"],
        "show": ["show", theme, "--json"],
        "figures": ["figures", "--json"],
        "search": ["search", "carbon", "peak", "--json"],
        "diff": ["diff", theme, "--json"],
        "diff-all": ["diff", "--json"],
    }


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident megabytes of one run."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(argv)}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100, 1000])
    args = parser.parse_args()
    print("| N | file MB | command | cold s | cold MB | warm s | warm MB | warm MB / file MB |")
    print("|---|---|---|---|---|---|---|---|")
    for scale in args.scales:
        with tempfile.TemporaryDirectory(prefix="reportcli-scale-") as tmp:
            data = Path(tmp) / f"report-{scale}.yaml"
            subprocess.run(
                [sys.executable, str(HERE / "make_corpus.py"), "--scale", str(scale), "--output", str(data)], check=True
            )
            size_mb = data.stat().st_size / 2**20
            env = {**os.environ, "REPORTCLI_CACHE_DIR": str(Path(tmp) / "cache")}
            env.pop("REPORTCLI_NO_CACHE", None)
            for name, command in commands(scale).items():
                argv = [REPORTCLI, "--data", str(data), *command]
                # Cold: the first command of all pays for parsing, search pays for the index.
                cold = measure(argv, env) if name in {"themes", "search"} else None
                warm = [measure(argv, env) for _ in range(3)]
                warm_s = statistics.median(w[0] for w in warm)
                warm_mb = max(w[1] for w in warm)
                cold_s, cold_mb = (f"{cold[0]:.2f}", f"{cold[1]:.0f}") if cold else ("—", "—")
                print(
                    f"| {scale} | {size_mb:.1f} | {name} | {cold_s} | {cold_mb} | {warm_s:.3f} | "
                    f"{warm_mb:.0f} | {warm_mb / size_mb:.1f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
