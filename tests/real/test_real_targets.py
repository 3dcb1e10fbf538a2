"""Every target and outcome on the published reports, against the hand-checked gold table.

Reads the published texts in ../shared/; the module skips, saying why, where they are absent.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import corpus_missing, run

from reportcli.extract import outcomes, targets
from reportcli.extract.outcomes import Outcome, compare
from reportcli.extract.targets import Target
from reportcli.model import Report

if missing := corpus_missing():
    pytest.skip(missing, allow_module_level=True)


GOLD = Path(__file__).resolve().parents[1] / "data" / "targets-gold.csv"


def gold_rows() -> list[dict[str, str]]:
    with GOLD.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def same(value: float | None, text: str) -> bool:
    return (value is None and not text) or (value is not None and bool(text) and Decimal(str(value)) == Decimal(text))


def test_the_gold_tables_quotes_are_in_the_sentences_it_cites(reports: list[Report]) -> None:
    sentences = {s.ref: s.text for r in reports if r.meta.language == "zh" for s in r.statements()}
    rows = [row for row in gold_rows() if row["ref"]]
    assert rows and all(row["quote"] in sentences[row["ref"]] for row in rows)


def read_all(reports: list[Report]) -> tuple[dict[tuple[str, str], Target], dict[tuple[str, str, str, str], Outcome]]:
    set_by: dict[tuple[str, str], Target] = {}
    stated: dict[tuple[str, str, str, str], Outcome] = {}
    for one in reports:
        year = one.meta.year
        if one.meta.language != "zh" or year is None or not 1992 <= year <= 2025:
            continue
        statements = list(one.statements())
        for t in targets.extract(statements, year):
            set_by[one.meta.id, t.indicator] = t
        for o in outcomes.outcomes(statements, year):
            period = f"{o.period[0]}-{o.period[1]}" if o.period else ""
            stated[one.meta.id, o.indicator, o.kind, period] = o
    return set_by, stated


def check_target(row: dict[str, str], got: Target | None) -> bool:
    if row["status"] == "none":
        return got is None
    if got is None or got.status != row["status"] or got.ref != row["ref"]:
        return False
    return row["status"] == "not set" or (
        same(got.value, row["value"]) and same(got.high, row["high"]) and (got.qualifier or "") == row["qualifier"]
    )


def check_outcome(row: dict[str, str], got: Outcome | None) -> bool:
    if row["status"] == "none":
        return got is None
    return (
        got is not None
        and got.ref == row["ref"]
        and same(got.value, row["value"])
        and (got.qualifier or "") == row["qualifier"]
        and (row["kind"] != "outcome" or got.basis == row["basis"])
    )


def test_every_target_and_outcome_against_the_gold_table(reports: list[Report], capsys: Any) -> None:
    set_by, stated = read_all(reports)
    rows = gold_rows()
    target_rows = [row for row in rows if row["kind"] == "target"]
    outcome_rows = [row for row in rows if row["kind"] != "target"]
    wrong_targets = [row for row in target_rows if not check_target(row, set_by.get((row["report"], row["indicator"])))]
    wrong_outcomes = [
        row
        for row in outcome_rows
        if not check_outcome(row, stated.get((row["report"], row["indicator"], row["kind"], row["period"])))
    ]
    known = {(row["report"], row["indicator"], row["kind"], row["period"]) for row in outcome_rows}
    extra = [key for key in stated if key not in known]  # a period figure the gold table does not have
    with capsys.disabled():
        print(
            f"\ngold table: {len(target_rows)} target rows checked, {len(wrong_targets)} wrong; "
            f"{len(outcome_rows)} outcome rows checked, {len(wrong_outcomes)} wrong, {len(extra)} found beyond them"
        )
    listed = [f"{r['report']} {r['indicator']} {r['kind']} {r['period']}" for r in wrong_targets + wrong_outcomes]
    assert len(wrong_targets) <= 0.01 * len(target_rows), listed
    assert len(wrong_outcomes) + len(extra) <= 0.02 * len(outcome_rows), (listed, extra)


def test_every_figure_the_rules_read_is_in_the_sentence_it_cites(reports: list[Report]) -> None:
    set_by, stated = read_all(reports)
    sentences = {s.ref: s.text for r in reports if r.meta.language == "zh" for s in r.statements()}
    figures: list[Target | Outcome] = [*set_by.values(), *stated.values()]
    assert figures and all(f.stated in sentences[f.ref] for f in figures)


def test_2004s_jobs_target_is_the_plans_9_million_not_the_reviews_8_59_million(reports: list[Report]) -> None:
    set_by, stated = read_all(reports)
    assert (set_by["2004-zh", "new-urban-jobs"].value, set_by["2004-zh", "new-urban-jobs"].ref) == (
        9_000_000,
        "2004-zh/88.2",
    )
    assert (
        stated["2004-zh", "new-urban-jobs", "outcome", ""].value,
        stated["2004-zh", "new-urban-jobs", "outcome", ""].year,
    ) == (
        8_590_000,
        2003,
    )


def test_targets_against_outcomes_on_the_reports(reports: list[Report]) -> None:
    set_by, stated = read_all(reports)
    by_year: dict[int, list[Target]] = {}
    for (report_id, _), one in set_by.items():
        by_year.setdefault(int(report_id[:4]), []).append(one)
    rows = {(r.year, r.indicator): r for r in compare(by_year, stated.values())}
    assert rows[2014, "gdp-growth"].status == "missed"  # 7.4% against "7.5%左右"
    assert rows[2015, "gdp-growth"].status == "met"  # 6.9% against "7%左右"
    assert rows[1998, "gdp-growth"].status == "missed"  # 7.8% against 8%: the 1999 review says so itself
    assert rows[2022, "gdp-growth"].status == "missed"  # 3% against "5.5%左右"
    assert rows[2020, "gdp-growth"].status == "not set"
    assert rows[2025, "gdp-growth"].status == "no outcome stated"  # no 2026 report in Chinese
    assert rows[2016, "m2-growth"].status == "missed"  # 11.3% against "13%左右"
    assert rows[1995, "retail-prices"].status == "met"  # 14.8% against "15%左右"


def test_an_export_keeps_a_periods_figure_apart_from_a_years(imported: tuple[Path, Any], tmp_path: Path) -> None:
    """A five-year average is filed under its last year: a script reading the export must be able to tell."""
    out, _ = imported
    database = tmp_path / "corpus.db"
    assert run("--data", str(out), "export", str(database)).exit_code == 0
    with sqlite3.connect(database) as db:
        periods = db.execute("SELECT kind, period_from, period_to, year FROM figures WHERE period_from IS NOT NULL")
        rows = periods.fetchall()
        kinds = {kind for (kind,) in db.execute("SELECT DISTINCT kind FROM figures")}
    assert len(rows) >= 40  # 50 on the published reports
    assert all(kind in ("period-average", "period-total") and start < end == year for kind, start, end, year in rows)
    assert kinds == {"target", "outcome", "period-average", "period-total"}  # no summary here: no plain figures


def test_the_gnp_targets_of_the_early_1990s_are_never_set_against_gdp_unsaid(imported: tuple[Path, Any]) -> None:
    out, _ = imported
    rows = json.loads(run("--data", str(out), "targets", "-i", "gdp-growth", "--year", "1990..1995", "--json").stdout)
    noted = {row["year"]: [n["kind"] for n in row["notes"]] for row in rows}
    assert [year for year, kinds in noted.items() if "measure" in kinds] == [1993]  # 1992's outcome is GNP too
    [measure] = [n["text"] for row in rows if row["year"] == 1993 for n in row["notes"]]
    assert (
        measure
        == "the target is GNP growth (国民生产总值), the outcome GDP growth (国内生产总值): not the same measure"
    )
    labels = {row["year"]: row["label"] for row in rows}
    assert labels == {
        **dict.fromkeys((1990, 1991, 1992), "GNP growth"),
        **dict.fromkeys((1993, 1994, 1995), "GDP growth"),
    }
    # before the gold table's years, every row says it was not checked by hand; from 1992, none does
    assert {year: "unchecked" in kinds for year, kinds in noted.items()} == {y: y < 1992 for y in noted}


def test_2025_has_no_outcome_because_no_chinese_2026_is_read_and_says_so(imported: tuple[Path, Any]) -> None:
    """The review of 2025 is the 2026 report's, and the corpus has only its partial official English:
    the rule must not say that a review is silent which was never read."""
    out, _ = imported
    result = run("--data", str(out), "targets", "--year", "2024..2025", "--json")
    rows = json.loads(result.stdout)
    assert {r["rule"] for r in rows if r["year"] == 2025} == {
        "no full Chinese report of 2026 is loaded (outcomes are read from the Chinese reviews)"
    }
    assert not [r for r in rows if r["year"] == 2024 and r["rule"].startswith("no full Chinese report of")]
    table = run("--data", str(out), "targets", "--year", "2024..2025", env={"FORCE_COLOR": "1", "COLUMNS": "100"})
    assert table.exit_code == 0
    assert "no outcome for 2025: the next year's full Chinese report, whose review states it, is not" in table.stdout


def test_a_figure_in_the_reports_chinese_is_given_in_english_in_its_unit(imported: tuple[Path, Any]) -> None:
    """1.4万亿斤 is 700 million tonnes: the Unit column says tonnes, so the table must say the tonnes."""
    out, _ = imported
    figures = json.loads(run("--data", str(out), "figures", "--year", "2025", "--json").stdout)
    [grain] = [f for f in figures if f["indicator"] == "grain-output" and f["kind"] == "target"]
    assert (grain["value"], grain["unit"], grain["english"]) == (700_000_000, "tonnes", "700 million tonnes")
    screen = run(
        "--data", str(out), "figures", "--year", "2025", env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "200"}
    )
    assert "粮食产量1.4万亿斤左右 (around; 700 million tonnes)" in screen.stdout
    assert "国内生产总值增长5%左右 (around)" in screen.stdout  # 5% said once
