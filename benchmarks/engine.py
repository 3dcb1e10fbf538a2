"""The search engine's targets (issue 23), each as a ratio to an anchor measured in the same run.

Run by a person, not by the tests (a full run takes a few minutes):

    .venv/bin/python benchmarks/engine.py                          # every target, this install
    .venv/bin/python benchmarks/engine.py --reportcli /tmp/before/.venv/bin/reportcli
    .venv/bin/python benchmarks/engine.py --only cold change warm --rounds 5
    .venv/bin/python benchmarks/engine.py --only warm --against /tmp/before/.venv/bin/reportcli

Every run is a real subprocess with a cache directory of its own; CPU time is the child's user and
system time (``wait4``), wall time the parent's clock, peak memory the child's maximum resident set.
Anchors and reportcli alternate round by round, so that both see the same machine.

- cold: the first load of the imported corpus (``--reports DIR``, as ``reportcli import`` writes
  it), against an SQLite FTS5 trigram index built from the same YAML files (parsed with PyYAML's
  C loader; ``fts5-build`` below).
- change: one report of the directory edited (its title), then a query, against a cold load.
- warm: corpus ``search``, ``trend``, ``targets`` against ``themes --json`` on the embedded summary.
- regex: ``search --regex`` against a plain Python ``re`` scan of the same sentences.
- batch: 200 glossary terms in one ``trend`` or ``search`` run, against one term.
- screen: the first screenful of ``search 发展`` on a pseudo-terminal (with ``less``), against the
  whole of ``--limit 40``.
- summary: the 1000x synthetic summary cold and warm, its peak memory against the file; the 100x
  summary cold against a PyYAML C-loader parse of the same file.
- tenfold: the corpus ten times over (each report copied with another id), cold, warm, an edit.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pty
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
REPORTCLI = str(Path(PYTHON).with_name("reportcli"))
SUMMARY = HERE.parent / "data" / "report.yaml"
GLOSSARY = HERE.parent / "data" / "glossary.yaml"


class Run:
    """One finished child: wall and CPU seconds, peak MB, exit code."""

    def __init__(self, wall: float, cpu: float, peak_mb: float, code: int) -> None:
        self.wall, self.cpu, self.peak_mb, self.code = wall, cpu, peak_mb, code


def run(argv: list[str], env: dict[str, str], stdin: str | None = None) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    if stdin is not None:
        assert process.stdin is not None
        process.stdin.write(stdin.encode())
        process.stdin.close()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"failed ({code}): {' '.join(argv)}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code)


def first_screen(argv: list[str], env: dict[str, str], rows: int) -> float:
    """Seconds until a pseudo-terminal of ``rows`` rows shows a full screen (or the program ends)."""
    controller, terminal = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdin=terminal, stdout=terminal, stderr=terminal, env=env, start_new_session=True)
    os.close(terminal)
    seen = b""
    elapsed = None
    while elapsed is None:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            chunk = b""
        if not chunk:
            elapsed = time.perf_counter() - started
            break
        seen += chunk
        if seen.count(b"\n") >= rows - 1:
            elapsed = time.perf_counter() - started
    with_suppressed(lambda: os.killpg(process.pid, signal.SIGKILL))
    process.wait()
    os.close(controller)
    return elapsed if elapsed is not None else float("nan")


def with_suppressed(action: Callable[[], object]) -> None:
    with contextlib.suppress(OSError):
        action()


# --- the anchors, run as children of this script ---------------------------------------------------------


def fts5_build(directory: Path, target: Path) -> None:
    """Parse every report file with PyYAML's C loader and index its sentences (and a summary's
    statements with their notes and official words) in an FTS5 trigram table, written to ``target``."""
    import sqlite3

    import yaml

    con = sqlite3.connect(target)
    con.execute("CREATE VIRTUAL TABLE t USING fts5(ref UNINDEXED, text, attached, tokenize='trigram')")
    con.execute("BEGIN")
    for path in sorted(directory.glob("*.yaml")):
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        rows = []
        if "paragraphs" in document:
            report = document["report"]["id"]
            for p, paragraph in enumerate(document["paragraphs"], 1):
                rows += [(f"{report}/{p}.{s}", text, "") for s, text in enumerate(paragraph, 1)]
        else:
            for statement in _summary_statements(document):
                attached = [n.get("text", "") for n in statement.get("notes", [])]
                attached += [o.get("text", "") for o in statement.get("official", [])]
                rows.append((statement["ref"], statement["text"], "\n".join(attached)))
        con.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
    con.execute("COMMIT")
    con.close()


def _summary_statements(document: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "ref" in node and "text" in node:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return found


def yaml_parse(path: Path) -> None:
    import yaml

    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def regex_scan(path: Path, pattern: str) -> None:
    compiled = re.compile(pattern, re.IGNORECASE)
    with path.open(encoding="utf-8") as lines:
        print(sum(1 for line in lines if compiled.search(line)))


# --- data ----------------------------------------------------------------------------------------------


def sentences_file(directory: Path, target: Path) -> None:
    """Every sentence of the imported reports, one a line (for the regex anchor)."""
    import yaml

    with target.open("w", encoding="utf-8") as out:
        for path in sorted(directory.glob("*.yaml")):
            document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            for paragraph in document.get("paragraphs", []):
                for text in paragraph:
                    out.write(text.replace("\n", " ") + "\n")


def tenfold(directory: Path, target: Path, copies: int = 10) -> None:
    """The corpus ``copies`` times: copy k of report R gets the id ``cK-R`` (so its refs differ too)."""
    target.mkdir()
    for path in sorted(directory.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for k in range(copies):
            copied = re.sub(r"(?m)^  id: ", f"  id: c{k}-", text, count=1)
            (target / f"c{k}-{path.name}").write_text(copied, encoding="utf-8")


def edit_one(directory: Path, n: int) -> None:
    """Change one report's title (a real edit of its content)."""
    path = sorted(directory.glob("*.yaml"))[len(list(directory.glob("*.yaml"))) // 2]
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^  title: (.*)$", rf"  title: \1 (edit {n})", text, count=1), encoding="utf-8")


def glossary_terms(count: int) -> list[str]:
    import yaml

    entries = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    terms = list(dict.fromkeys(zh for entry in entries for zh in entry["zh"]))
    return terms[:count]


# --- the targets ---------------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


class Bench:
    def __init__(self, program: str, reports: Path, rounds: int, tmp: Path, against: str | None = None) -> None:
        self.program, self.reports, self.rounds, self.tmp = program, reports, rounds, tmp
        self.against = against  # another build's reportcli, for the warm commands side by side
        self.lines: list[str] = []

    def env(self, cache: str) -> dict[str, str]:
        env = {**os.environ, "REPORTCLI_CACHE_DIR": str(self.tmp / cache), "COLUMNS": "100", "LINES": "40"}
        env.pop("REPORTCLI_DATA", None)
        env.pop("REPORTCLI_NO_CACHE", None)
        return env

    def say(self, line: str) -> None:
        print(line, flush=True)
        self.lines.append(line)

    def cold(self) -> None:
        corpus = ["--data", str(self.reports)]
        ours, anchor = [], []
        for n in range(self.rounds):
            shutil.rmtree(self.tmp / "cold", ignore_errors=True)
            ours.append(run([self.program, *corpus, "search", "养老金", "--json"], self.env("cold")))
            target = self.tmp / f"fts5-{n}.db"
            anchor.append(run([PYTHON, __file__, "fts5-build", str(self.reports), str(target)], self.env("x")))
            target.unlink()
        cpu, base = median([r.cpu for r in ours]), median([r.cpu for r in anchor])
        self.say(
            f"cold load of the corpus: {cpu:.2f} s CPU ({median([r.wall for r in ours]):.2f} s wall, peak "
            f"{max(r.peak_mb for r in ours):.0f} MB); FTS5 trigram build {base:.2f} s CPU: {cpu / base:.2f}x"
        )

    def change(self) -> None:
        copy = self.tmp / "edited"
        shutil.copytree(self.reports, copy)
        corpus = ["--data", str(copy)]
        argv = [self.program, *corpus, "search", "养老金", "--json"]
        shutil.rmtree(self.tmp / "change", ignore_errors=True)
        run(argv, self.env("change"))
        edits, colds = [], []
        for n in range(self.rounds):
            edit_one(copy, n)
            edits.append(run(argv, self.env("change")))
            shutil.rmtree(self.tmp / "change-cold", ignore_errors=True)
            colds.append(run(argv, self.env("change-cold")))
        cpu, base = median([r.cpu for r in edits]), median([r.cpu for r in colds])
        self.say(f"one report edited, then a search: {cpu:.3f} s CPU; a cold load {base:.2f} s: {cpu / base:.3f}x")
        touched = []
        for _ in range(self.rounds):
            path = sorted(copy.glob("*.yaml"))[3]
            os.utime(path)
            touched.append(run(argv, self.env("change")))
        self.say(f"one report touched (same content), then a search: {median([r.cpu for r in touched]):.3f} s CPU")
        shutil.rmtree(copy)

    def warm(self) -> None:
        corpus = ["--data", str(self.reports)]
        if self.against:
            self.warm_against(corpus)
            return
        runs = {
            "themes --json (summary)": [self.program, "themes", "--json"],
            "search 养老金 --json": [self.program, *corpus, "search", "养老金", "--json"],
            "search 新质生产力 --count": [self.program, *corpus, "search", "新质生产力", "--count", "--json"],
            "search 'carbon peaking' --lang en": [self.program, *corpus, "search", "carbon peaking", "--json"],
            "trend 碳达峰 --json": [self.program, *corpus, "trend", "碳达峰", "--json"],
            "trend 发展 --json": [self.program, *corpus, "trend", "发展", "--json"],
            "targets --json": [self.program, *corpus, "targets", "--json"],
            "show 2024-zh/68.6 --json": [self.program, *corpus, "show", "2024-zh/68.6", "--json"],
        }
        env = self.env("warm")
        for argv in runs.values():
            run(argv, env)
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(self.rounds * 3):
            for name, argv in runs.items():
                times[name].append(run(argv, env).wall)
        base = median(times["themes --json (summary)"])
        for name in runs:
            self.say(
                f"warm {name}: {median(times[name]) * 1000:.0f} ms, {median(times[name]) / base:.2f}x themes --json"
            )

    def warm_against(self, corpus: list[str]) -> None:
        """The warm commands with this build and another, interleaved: times and ratios of both."""
        commands = {
            "themes --json (summary)": ["themes", "--json"],
            "search 养老金 --json": [*corpus, "search", "养老金", "--json"],
            "search 新质生产力 --count": [*corpus, "search", "新质生产力", "--count", "--json"],
            "trend 碳达峰 --json": [*corpus, "trend", "碳达峰", "--json"],
            "targets --json": [*corpus, "targets", "--json"],
            "show 2024-zh/68.6 --json": [*corpus, "show", "2024-zh/68.6", "--json"],
        }
        assert self.against is not None
        programs = {"this": self.program, "other": self.against}
        envs = {name: self.env(f"warm-{name}") for name in programs}
        for name, program in programs.items():
            for args in commands.values():
                run([program, *args], envs[name])
        times: dict[tuple[str, str], list[float]] = {(p, c): [] for p in programs for c in commands}
        for _ in range(self.rounds * 3):
            for command, args in commands.items():
                for name, program in programs.items():
                    times[(name, command)].append(run([program, *args], envs[name]).wall)
        floor = {name: median(times[(name, "themes --json (summary)")]) for name in programs}
        self.say("| command | other ms | x themes | this ms | x themes |")
        self.say("|---|---|---|---|---|")
        for command in commands:
            other, this = median(times[("other", command)]), median(times[("this", command)])
            self.say(
                f"| {command} | {other * 1000:.0f} | {other / floor['other']:.2f} | {this * 1000:.0f} | "
                f"{this / floor['this']:.2f} |"
            )

    def regex(self) -> None:
        corpus = ["--data", str(self.reports)]
        text = self.tmp / "sentences.txt"
        sentences_file(self.reports, text)
        env = self.env("regex")
        for pattern in (r"\d+%左右", "碳(达峰|中和)", "pension"):
            argv = [self.program, *corpus, "search", "--regex", pattern, "--json"]
            run(argv, env)
            ours, anchor = [], []
            for _ in range(self.rounds * 2):
                ours.append(run(argv, env).wall)
                anchor.append(run([PYTHON, __file__, "regex-scan", str(text), pattern], env).wall)
            self.say(
                f"search --regex {pattern!r}: {median(ours) * 1000:.0f} ms; a Python re scan "
                f"{median(anchor) * 1000:.0f} ms: {median(ours) / median(anchor):.2f}x"
            )

    def batch(self) -> None:
        corpus = ["--data", str(self.reports)]
        terms = glossary_terms(200)
        listing = self.tmp / "terms.txt"
        listing.write_text("\n".join(terms) + "\n", encoding="utf-8")
        env = self.env("batch")
        run([self.program, *corpus, "themes", "--json"], env)
        for command in ("trend", "search"):
            extra = ["--format", "csv"] if command == "trend" else ["--count", "--format", "csv"]
            one = [self.program, *corpus, command, terms[0], *extra]
            many = [self.program, *corpus, command, "--file", str(listing), *extra]
            supported = subprocess.run(many, capture_output=True, env=env, check=False).returncode in (0, 1)
            ones, manys = [], []
            for _ in range(self.rounds):
                ones.append(run(one, env).wall)
                if supported:
                    manys.append(run(many, env).wall)
            if not supported:  # the build has no batch mode: 200 processes
                started = time.perf_counter()
                for term in terms:
                    run([self.program, *corpus, command, term, *extra], env)
                manys.append(time.perf_counter() - started)
            how = "one run" if supported else "200 runs"
            self.say(
                f"{command}, 200 terms ({how}): {median(manys):.2f} s; one term {median(ones):.3f} s: "
                f"{median(manys) / median(ones):.2f}x"
            )

    def screen(self) -> None:
        corpus = ["--data", str(self.reports)]
        env = {**self.env("screen"), "TERM": "xterm-256color", "LESS": "FRX"}
        env.pop("PAGER", None)
        env.pop("REPORTCLI_PAGER", None)
        run([self.program, *corpus, "themes", "--json"], env)
        firsts, limits = [], []
        for _ in range(self.rounds):
            firsts.append(first_screen([self.program, *corpus, "search", "发展"], env, 40))
            limits.append(first_screen([self.program, *corpus, "search", "发展", "--limit", "40"], env, 40))
        self.say(
            f"first screen of search 发展 on a terminal: {median(firsts):.2f} s; --limit 40: {median(limits):.2f} s: "
            f"{median(firsts) / median(limits):.2f}x"
        )

    def summary(self) -> None:
        for scale in (100, 1000):
            data = self.tmp / f"summary-{scale}.yaml"
            subprocess.run(
                [PYTHON, str(HERE / "make_corpus.py"), "--scale", str(scale), "--output", str(data)], check=True
            )
            size = data.stat().st_size / 2**20
            rounds = max(1, self.rounds // 2) if scale == 1000 else self.rounds
            colds, parses = [], []
            for _ in range(rounds):
                shutil.rmtree(self.tmp / f"s{scale}", ignore_errors=True)
                colds.append(run([self.program, "--data", str(data), "themes", "--json"], self.env(f"s{scale}")))
                parses.append(run([PYTHON, __file__, "yaml-parse", str(data)], self.env("x")))
            cpu, base = median([r.cpu for r in colds]), median([r.cpu for r in parses])
            peak = max(r.peak_mb for r in colds)
            self.say(
                f"{scale}x summary ({size:.1f} MB) cold: {median([r.wall for r in colds]):.2f} s wall, {cpu:.2f} s "
                f"CPU, peak {peak:.0f} MB ({peak / size:.1f}x the file); C-loader parse {base:.2f} s: {cpu / base:.2f}x"
            )
            if scale == 1000:
                argv = [self.program, "--data", str(data), "search", "carbon", "--json"]
                run(argv, self.env(f"s{scale}"))
                warm = [run(argv, self.env(f"s{scale}")) for _ in range(self.rounds)]
                self.say(
                    f"1000x summary warm search carbon --json: {median([r.wall for r in warm]):.2f} s, "
                    f"peak {max(r.peak_mb for r in warm):.0f} MB"
                )
            data.unlink()

    def tenfold(self) -> None:
        big = self.tmp / "tenfold"
        tenfold(self.reports, big)
        corpus = ["--data", str(big)]
        env = self.env("tenfold-cache")
        cold = run([self.program, *corpus, "search", "养老金", "--json"], env)
        self.say(f"10x corpus cold: {cold.wall:.1f} s wall, {cold.cpu:.1f} s CPU, peak {cold.peak_mb:.0f} MB")
        cache_mb = sum(p.stat().st_size for p in (self.tmp / "tenfold-cache").rglob("*") if p.is_file()) / 2**20
        self.say(f"10x corpus cache: {cache_mb:.0f} MB")
        for name, args in {
            "search 长江十年禁渔 --count": ["search", "长江十年禁渔", "--count", "--json"],
            "trend 碳达峰": ["trend", "碳达峰", "--json"],
        }.items():
            argv = [self.program, *corpus, *args]
            runs = [run(argv, env) for _ in range(self.rounds)]
            self.say(
                f"10x corpus warm {name}: {median([r.wall for r in runs]) * 1000:.0f} ms, "
                f"peak {max(r.peak_mb for r in runs):.0f} MB"
            )
        edits = []
        for n in range(max(1, self.rounds // 2)):
            edit_one(big, n)
            edits.append(run([self.program, *corpus, "search", "养老金", "--json"], env))
        self.say(
            f"10x corpus, one report edited: {median([r.wall for r in edits]):.2f} s wall, "
            f"peak {max(r.peak_mb for r in edits):.0f} MB"
        )
        shutil.rmtree(big)


TARGETS = ("cold", "change", "warm", "regex", "batch", "screen", "summary", "tenfold")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "fts5-build":
        fts5_build(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "yaml-parse":
        yaml_parse(Path(sys.argv[2]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "regex-scan":
        regex_scan(Path(sys.argv[2]), sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reportcli", default=REPORTCLI)
    parser.add_argument("--reports", type=Path, default=Path("/tmp/engine-reports"), help="an imported corpus")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=list(TARGETS), choices=TARGETS)
    parser.add_argument("--against", help="another build's reportcli: the warm commands of both, interleaved")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reportcli-engine-") as tmp:
        bench = Bench(args.reportcli, args.reports, args.rounds, Path(tmp), args.against)
        for target in args.only:
            getattr(bench, target)()


if __name__ == "__main__":
    main()
