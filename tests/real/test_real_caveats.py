"""A figure or a hit from 1991, whose report is Zou Jiahua's plan report and not the Premier's, carries
that caveat in JSON, in CSV and in the table, so that it cannot be taken for a Premier's figure; one from
1992, the Premier's, carries none.

Reads the published texts in ../shared/; the module skips, saying why, where they are absent.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import corpus_missing, run
from test_layouts import SCRIPT, block, on_terminal

if missing := corpus_missing():
    pytest.skip(missing, allow_module_level=True)
pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason=f"reportcli is not installed beside {SCRIPT.parent}")

MARK = "‡"
LEGEND = "from a report with caveats"
ZOU = {"not-the-premier", "plan-report", "not-the-premiers-report"}  # the caveats of 1991-zh
GROWTH_1991 = "1991-zh/25.1"  # 国民生产总值增长４．５％: the 1991 plan's growth figure
GROWTH_1992 = "1992-zh/19.1"  # 国民生产总值增长百分之六: the Premier's, in 1992


def output(out: Path, *args: str) -> str:
    result = run("--data", str(out), *args)
    assert result.exit_code == 0, result
    return result.stdout


def record(screen: str, ref: str, others: set[str]) -> str:
    """The lines of the record of ``ref`` (tests/test_layouts.py's ``block``), less the legend under the
    last record, which names the mark."""
    return block(screen, ref, others).split(f"{MARK} {LEGEND}")[0]


def csv_rows(out: Path, *args: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(output(out, *args, "--format", "csv"))))


def test_the_1991_report_has_the_caveats(imported: tuple[Path, Any]) -> None:
    out, _ = imported
    [report] = json.loads(output(out, "reports", "--year", "1991", "--json"))
    assert {c["kind"] for c in report["caveats"]} == ZOU


def test_a_1991_figure_carries_the_caveat_in_json_csv_and_the_table(imported: tuple[Path, Any]) -> None:
    out, _ = imported
    figures = {f["ref"]: f for f in json.loads(output(out, "figures", "--year", "1991", "--json"))}
    assert set(figures[GROWTH_1991]["report_caveats"]) == ZOU
    outcome = next(f for f in figures.values() if f["ref"].startswith("1992-zh/"))
    assert outcome["report_caveats"] == []  # 1991's outcome, as the Premier's 1992 report states it
    rows = {row["ref"]: row for row in csv_rows(out, "figures", "--year", "1991")}
    assert set(rows[GROWTH_1991]["report_caveats"].split("; ")) == ZOU and MARK in rows[GROWTH_1991]["marks"]
    assert rows[outcome["ref"]]["report_caveats"] == "" and MARK not in rows[outcome["ref"]]["marks"]
    for columns in (60, 100):
        screen = on_terminal(out, columns, "figures", "--year", "1991")
        refs = set(figures)
        assert MARK in record(screen, GROWTH_1991, refs - {GROWTH_1991}).split("\n")[0]  # on the figure's line
        assert MARK not in record(screen, outcome["ref"], refs - {outcome["ref"]})
        assert LEGEND in " ".join(screen.split())


def test_a_1991_hit_carries_the_caveat_in_json_csv_and_the_table(imported: tuple[Path, Any]) -> None:
    out, _ = imported
    hits = json.loads(output(out, "search", "国民生产总值", "--year", "1991..1992", "--json"))
    by_ref = {h["ref"]: h for h in hits}
    assert GROWTH_1991 in by_ref and GROWTH_1992 in by_ref
    for hit in hits:
        assert set(hit["report_caveats"]) == (ZOU if hit["report"] == "1991-zh" else set()), hit["ref"]
    rows = csv_rows(out, "search", "国民生产总值", "--year", "1991..1992")
    assert {row["ref"] for row in rows} == set(by_ref)
    for row in rows:
        assert (MARK in row["marks"]) == (row["report"] == "1991-zh"), row
    screen = on_terminal(out, 100, "search", "国民生产总值", "--year", "1991..1992", "--full")
    for ref in by_ref:
        assert (MARK in record(screen, ref, set(by_ref) - {ref})) == ref.startswith("1991-zh/"), ref
    assert LEGEND in " ".join(screen.split())


def test_the_1991_target_carries_the_caveat_in_json_csv_and_the_table(imported: tuple[Path, Any]) -> None:
    out, _ = imported
    rows = json.loads(output(out, "targets", "--year", "1991..1992", "--indicator", "gdp-growth", "--json"))
    target = {row["year"]: row for row in rows}
    assert target[1991]["ref"] == GROWTH_1991 and set(target[1991]["report_caveats"]) == ZOU
    assert target[1992]["ref"] == GROWTH_1992 and target[1992]["report_caveats"] == []
    flat = {row["year"]: row for row in csv_rows(out, "targets", "--year", "1991..1992", "--indicator", "gdp-growth")}
    assert set(flat["1991"]["report_caveats"].split("; ")) == ZOU and MARK in flat["1991"]["marks"]
    assert flat["1992"]["report_caveats"] == "" and MARK not in flat["1992"]["marks"]
    screen = on_terminal(out, 80, "targets", "--year", "1991..1992", "--indicator", "gdp-growth")
    assert MARK in record(screen, GROWTH_1991, {GROWTH_1992})
    assert MARK not in record(screen, GROWTH_1992, {GROWTH_1991})
    assert LEGEND in " ".join(screen.split())
