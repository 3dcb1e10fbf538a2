"""Every table at any width: the installed command on a pseudo-terminal of 60, 80 and 120 columns, for
targets, reports, trend, search and diff on the fixture corpus (tests/fixtures/corpus/). Each value the
JSON holds and the table shows appears whole on one line (refs, years, ids, figures, counts, caveat
kinds, terms); prose (titles, statements) may wrap but loses no character; no line is wider than the
terminal. Below the width a table needs, its records stack instead (render/layout.py)."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import read_terminal, run

SCRIPT = Path(sys.executable).with_name("reportcli")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "corpus"
INPUTS = ["reports.jsonl", "reports.tsv", "2023.txt", "04_2023_auto_usable_parallel.csv"]
WIDTHS = [60, 80, 120]
pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason=f"reportcli is not installed beside {sys.executable}")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("layout-reports")
    result = run("import", *(str(FIXTURES / name) for name in INPUTS), "--out", str(out))
    assert result.exit_code == 0, result
    return out


def on_terminal(reports: Path, columns: int, *args: str) -> str:
    """What a terminal of ``columns`` columns shows of ``reportcli --data REPORTS ARGS`` (no colour)."""
    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REPORTCLI_DATA", "NO_COLOR", "FORCE_COLOR"))}
    env |= {"COLUMNS": str(columns), "LINES": "500", "TERM": "xterm-256color", "NO_COLOR": "1", "REPORTCLI_PAGER": ""}
    process = subprocess.Popen(
        [str(SCRIPT), "--data", str(reports), *args], stdout=terminal, stderr=subprocess.DEVNULL, env=env
    )
    os.close(terminal)
    written = read_terminal(controller)
    assert process.wait(timeout=60) == 0
    screen = written.decode("utf-8").replace("\r\n", "\n")
    assert "\x1b" not in screen
    return screen


def as_json(reports: Path, *args: str) -> Any:
    result = run("--data", str(reports), *args, "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


BEFORE = r"(?:^|(?<=[\s≈≥≤<>→(]))"  # a value stands after a space, a line's start, a qualifier's mark, a bracket
AFTER = r"(?=$|[\s†◆‡)])"


def whole(value: Any, screen: str) -> bool:
    """Whether ``value`` appears whole on one line of the screen, standing apart from what is beside it."""
    return any(re.search(BEFORE + re.escape(str(value)) + AFTER, line) for line in screen.splitlines())


def unbroken(prose: str, screen: str) -> bool:
    """Whether every character of a wrapped prose value is on the screen, in order (wrapping may put
    spaces, line breaks or other columns between its lines; it loses no character)."""
    wanted = iter("".join(screen.split()))
    return all(char in wanted for char in "".join(prose.split()))


def fits(screen: str, columns: int) -> None:
    from rich.cells import cell_len

    assert max(cell_len(line) for line in screen.splitlines()) <= columns


def block(screen: str, start: str, others: set[str]) -> str:
    """The lines of one record: from the first line that holds ``start`` to the line before the next
    that holds another record's key (in a table, a row; stacked, the record)."""
    lines = screen.splitlines()
    first = next(n for n, line in enumerate(lines) if re.search(BEFORE + re.escape(start) + AFTER, line))
    end = next(
        (
            n
            for n in range(first + 1, len(lines))
            if any(re.search(BEFORE + re.escape(o) + AFTER, lines[n]) for o in others)
        ),
        len(lines),
    )
    return "\n".join(lines[first:end])


@pytest.mark.parametrize("columns", WIDTHS)
def test_targets_show_every_year_and_every_target_whole(reports: Path, columns: int) -> None:
    screen = on_terminal(reports, columns, "targets")
    fits(screen, columns)
    rows = as_json(reports, "targets")
    assert {r["year"] for r in rows} == {2019, 2020, 2021, 2022, 2023}
    for row in rows:
        assert whole(row["year"], screen) and whole(row["result"], screen)
        if row["status"] == "set":
            assert whole(row["amount"], screen) and whole(row["ref"], screen), row
        elif row["status"] == "not set":
            assert "not set" in screen
        if row["outcome"]:
            assert whole(row["outcome"]["amount"], screen) and whole(row["outcome"]["ref"], screen)
            assert whole(row["outcome"]["english"], screen)
    assert whole("≥1100万人", screen) and whole("≥1.3万亿斤", screen) and whole("3.88万亿元", screen)
    assert whole("≥11 million people", screen) and whole("3.88 trillion yuan", screen)


@pytest.mark.parametrize("columns", WIDTHS)
def test_reports_show_every_id_count_and_caveat_whole(reports: Path, columns: int) -> None:
    screen = on_terminal(reports, columns, "reports")
    fits(screen, columns)
    rows = as_json(reports, "reports")
    ids = {r["id"] for r in rows}
    for row in rows:
        record = block(screen, row["id"], ids - {row["id"]})
        for value in (row["id"], f"{row['statements']:,}", f"{row['characters']:,}"):
            assert whole(value, record), (value, record)
        if row["kind"] != "full":  # a full report is what a row is unless its flags say otherwise
            assert whole(row["kind"], record), (row["kind"], record)
        if row["speaker"]:
            assert whole(row["speaker"], record)
        if row["date"]:
            assert whole(row["date"], record), (row["date"], record)
        if row["completeness"] != "complete":
            assert whole(row["completeness"], record)
        for caveat in row["caveats"]:
            assert whole(caveat["kind"], record), (caveat["kind"], record)
        assert unbroken(row["title"], record)


@pytest.mark.parametrize("columns", WIDTHS)
def test_trend_shows_every_year_report_and_count_whole(reports: Path, columns: int) -> None:
    terms = ["乡村振兴", "碳达峰", "国民经济"]
    screen = on_terminal(reports, columns, "trend", *terms)
    fits(screen, columns)
    rows = as_json(reports, "trend", *terms)
    places = {(r["year"], r["report"]) for r in rows}
    for term in terms:
        assert whole(term, screen)
    for year, report in places:
        record = block(screen, report, {r for _, r in places} - {report})
        assert whole(year, record)
        shown = [m.group(1) or "·" for m in re.finditer(r"█+ (\d+)|(?<= )·", record)]
        counts = [
            str(r["occurrences"]) if r["count"] else "·"
            for t in terms
            for r in rows
            if (r["year"], r["report"], r["term"]) == (year, report, t)
        ]
        assert shown == counts, (record, counts)


@pytest.mark.parametrize("columns", WIDTHS)
def test_search_shows_every_ref_whole_and_every_statement_unbroken(reports: Path, columns: int) -> None:
    screen = on_terminal(reports, columns, "search", "乡村振兴", "--full")
    fits(screen, columns)
    hits = as_json(reports, "search", "乡村振兴")
    refs = {h["ref"] for h in hits}
    assert len(refs) == 8
    for hit in hits:
        record = block(screen, hit["ref"], refs - {hit["ref"]})
        assert whole(hit["ref"], record)
        assert unbroken(hit["text"], record)


@pytest.mark.parametrize("columns", WIDTHS)
def test_diff_shows_every_ref_similarity_part_and_term_whole(reports: Path, columns: int) -> None:
    screen = on_terminal(reports, columns, "diff", "--from", "2022", "--to", "2023")
    fits(screen, columns)
    diff = as_json(reports, "diff", "--from", "2022", "--to", "2023")
    for statement in diff["new"] + diff["dropped"]:
        assert whole(statement["ref"], screen)
    for pair in diff["continued"]:
        assert whole(pair["from_ref"], screen) and whole(pair["to_ref"], screen)
        assert re.search(rf"{re.escape(pair['to_ref'])}.*\b{pair['similarity']:.2f}\b", screen), pair
    for part in diff["parts"]:
        for ref in (part["from"], part["to"]):
            assert ref is None or whole(ref, screen)
    for group in ("new", "dropped"):
        top = diff["terms"][group][0]
        assert whole(f"{top['term']} {top['from_count']}→{top['to_count']}", screen)
    assert whole("新型工业化 0→2", screen) and whole("留抵退税 2→0", screen)


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        # folded at any cell, 城镇调查失业率5 / .5%左右 cut the number
        ("城镇调查失业率5.5%左右", 15, ["城镇调查失业率", "5.5%左右"]),
        ("城镇新增就业1200万人以上", 14, ["城镇新增就业", "1200万人以上"]),
        # a closing mark goes with what it closes: no line begins with ，
        ("我们扎实推进，碳达峰", 12, ["我们扎实推", "进，碳达峰"]),
        # English is divided at its spaces, as Rich divides it
        ("Grain output reached 1.39 trillion jin", 20, ["Grain output reached", "1.39 trillion jin"]),
    ],
)
def test_a_wrapped_cell_never_cuts_a_number(text: str, width: int, lines: list[str]) -> None:
    from rich.console import Console
    from rich.text import Text

    import reportcli.render.tables  # noqa: F401  (gives Rich's line divider the pieces)

    console = Console(width=80)
    wrapped = Text(text, overflow="fold").wrap(console, width)
    assert [line.plain.rstrip() for line in wrapped] == lines
