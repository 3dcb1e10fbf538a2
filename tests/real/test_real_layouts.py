"""The tables of the real reports at 60, 80 and 120 columns, on a pseudo-terminal: `reports` shows every
report's speaker, date and caveats, and `targets --year 2015..2025` every target and outcome, each value
whole on one line (stacked when the terminal is too narrow for a table, never cut), no line wider than
the terminal. The rules are those of tests/test_layouts.py, there on the fixture corpus.

Reads the published texts in ../shared/; the module skips, saying why, where they are absent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import corpus_missing, run
from test_layouts import SCRIPT, WIDTHS, block, fits, on_terminal, unbroken, whole

if missing := corpus_missing():
    pytest.skip(missing, allow_module_level=True)
pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason=f"reportcli is not installed beside {SCRIPT.parent}")


def as_json(out: Path, *args: str) -> Any:
    result = run("--data", str(out), *args, "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def delivered(row: dict[str, Any], record: str) -> bool:
    """Whether the record shows the day the report was delivered; over two days, in any of ISO 8601's
    forms of the interval (1955-07-05/06, 1981-11-30/12-01, or both dates in full)."""
    if not row["date_until"]:
        return whole(row["date"], record)
    _, month, day = row["date_until"].split("-")
    return any(whole(f"{row['date']}/{end}", record) for end in (day, f"{month}-{day}", row["date_until"]))


@pytest.mark.parametrize("columns", WIDTHS)
def test_reports_show_every_speaker_date_and_caveat_whole(imported: tuple[Path, Any], columns: int) -> None:
    out, _ = imported
    screen = on_terminal(out, columns, "reports")
    fits(screen, columns)
    rows = as_json(out, "reports")
    assert len(rows) == 60
    ids = {row["id"] for row in rows}
    for row in rows:
        record = block(screen, row["id"], ids - {row["id"]})
        assert row["speaker"] and whole(row["speaker"], record), (row["id"], record)
        if row["speaker_pinyin"]:  # a Chinese name with its pinyin, for a reader of either script
            assert whole(row["speaker_pinyin"], record), (row["id"], record)
        assert row["date"] and delivered(row, record), (row["id"], row["date"], record)
        for caveat in {c["kind"] for c in row["caveats"]}:
            assert whole(caveat, record), (row["id"], caveat, record)
        for value in (row["id"], f"{row['statements']:,}", f"{row['characters']:,}"):
            assert whole(value, record), (value, record)
        assert unbroken(row["title"], record)
    if columns == 60:  # too narrow for a table: each record stacked, its fields named
        assert re.search(r"^1991-zh\s", screen, flags=re.MULTILINE)
        assert whole("Speaker 邹家华", screen) and whole("Date 1991-03-26", screen)


def target_records(screen: str) -> list[str]:
    """The screen cut into records: each begins on a line that opens with a year (a table's row or a
    stacked record's head line); the lines under it (wrapped cells, stacked fields) belong to it."""
    records: list[list[str]] = []
    for line in screen.splitlines():
        if re.match(r" {0,2}\d{4} ", line):
            records.append([])
        if records:
            records[-1].append(line)
    return ["\n".join(lines) for lines in records]


@pytest.mark.parametrize("columns", WIDTHS)
def test_targets_from_2015_show_every_target_outcome_and_ref_whole(imported: tuple[Path, Any], columns: int) -> None:
    out, _ = imported
    screen = on_terminal(out, columns, "targets", "--year", "2015..2025")
    fits(screen, columns)
    rows = as_json(out, "targets", "--year", "2015..2025")
    records = target_records(screen)
    assert len(records) == len(rows) > 50
    assert {row["result"] for row in rows} >= {"met", "missed", "not set", "no outcome stated"}
    for row, record in zip(rows, records, strict=True):
        assert whole(row["year"], record) and unbroken(row["label"], record), (row, record)
        assert whole(row["result"], record), (row["result"], record)
        if row["status"] == "set":
            for value in (row["amount"], row["english"], row["ref"]):
                assert whole(value, record), (value, record)
        outcome = row["outcome"]
        if outcome:
            for value in (outcome["amount"], outcome["english"], outcome["ref"]):
                assert whole(value, record), (value, record)
    # units for every reader: the stated figure and its English beside it
    assert whole("1100万人", screen) and whole("11 million people", screen)
    assert whole("1.3万亿斤", screen) and whole("650 million tonnes", screen)
