"""Trend, targets and one report against the next, on the published texts.

Reads the published texts in ../shared/; the module skips, saying why, where they are absent.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from conftest import Result, corpus_missing, run
from hypothesis import given, settings
from hypothesis import strategies as st

from reportcli.db.corpus import Corpus
from reportcli.model import Report
from reportcli.search import find
from reportcli.search.trend import trend

if missing := corpus_missing():
    pytest.skip(missing, allow_module_level=True)


def on_corpus(imported: tuple[Path, Any], *args: str) -> Result:
    out, _ = imported
    return run("--data", str(out), *args)


def summary_of(corpus: Corpus, term: str) -> dict[str, Any]:
    summaries: list[dict[str, Any]] = trend(corpus, [term]).fact("terms")
    return summaries[0]


def test_the_first_years_of_new_terms(full: Corpus) -> None:
    assert summary_of(full, "碳达峰")["first"] == 2021
    assert summary_of(full, "新质生产力")["first"] == 2024


def test_smog_stops_appearing_after_a_few_years(full: Corpus) -> None:
    rows = trend(full, ["雾霾"]).items
    years = [row["year"] for row in rows if row["count"]]
    assert years and years[-1] - years[0] <= 6  # a few years
    assert all(row["count"] == 0 for row in rows if row["year"] > years[-1])
    assert max(row["year"] for row in rows) - years[-1] >= 5  # and then none for years


def test_trend_rows_are_long_form_with_rates(full: Corpus, reports: list[Report]) -> None:
    rows = trend(full, ["碳达峰", "新质生产力"], year="2020..2025").items
    assert {row["term"] for row in rows} == {"碳达峰", "新质生产力"}
    assert {row["year"] for row in rows} == set(range(2020, 2026))
    row = next(r for r in rows if r["term"] == "碳达峰" and r["year"] == 2024)
    characters = sum(len(s.text) for r in reports if r.meta.id == "2024-zh" for s in r.statements())
    assert row["rate"] == round(10_000 * row["occurrences"] / characters, 3)
    assert row["per"] == "10,000 characters" and row["report"] == "2024-zh"


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), size=st.integers(min_value=2, max_value=5))
def test_trend_counts_equal_search_count_for_terms_drawn_from_the_corpus(
    full: Corpus, reports: list[Report], seed: int, size: int
) -> None:
    chinese = [r for r in reports if r.meta.language == "zh"]
    rng = random.Random(seed)
    statements = list(rng.choice(chinese).statements())
    text = rng.choice(statements).text
    start = rng.randrange(max(len(text) - size, 1))
    term = text[start : start + size]
    if not any("\u4e00" <= c <= "\u9fff" for c in term):
        return
    trended = {(row["report"], row["year"]): row["count"] for row in trend(full, [term]).items if row["count"]}
    counted = {(row["report"], row["year"]): row["hits"] for row in find(full, [term], count=True).items}
    assert trended == {key: n for key, n in counted.items() if key[0].endswith("-zh")}


def test_a_term_found_nowhere_exits_1_with_a_suggestion_and_prints_no_rows(imported: tuple[Path, Any]) -> None:
    result = on_corpus(imported, "trend", "pensionz", "--json")
    assert (result.exit_code, json.loads(result.stdout)) == (1, [])
    assert result.stderr.startswith("reportcli: no match for 'pensionz'; did you mean")


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "tsv", "markdown"])
def test_trend_and_targets_in_every_format(imported: tuple[Path, Any], fmt: str) -> None:
    unread = (
        "reportcli: no outcome for 2025: the next year's full Chinese report, whose review states it, is not loaded\n"
    )
    for args, said in ((["trend", "碳达峰", "雾霾"], ""), (["targets", "--year", "2015..2025"], unread)):
        result = on_corpus(imported, *args, "--format", fmt)
        assert result.exit_code == 0 and result.stderr == said, result
        if fmt == "json":
            assert isinstance(json.loads(result.stdout), list)


def test_the_trend_table_shows_each_terms_first_last_and_peak(imported: tuple[Path, Any]) -> None:
    out, _ = imported
    screen = run(
        "--data", str(out), "trend", "碳达峰", "雾霾", env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "100"}
    ).stdout
    assert "碳达峰: first 2021, last 2025" in screen and "雾霾: first 2014, last 2018" in screen
    assert "█" in screen


TARGETS = [
    # year, indicator, value, high, qualifier, words the report uses
    (2024, "gdp-growth", 5, None, "around", "国内生产总值增长5%左右"),
    (2024, "new-urban-jobs", 12_000_000, None, "at least", "城镇新增就业1200万人以上"),
    (2024, "deficit", 4_060_000_000_000, None, None, "赤字规模4.06万亿元"),
    (2024, "grain-output", 650_000_000, None, "at least", "粮食产量1.3万亿斤以上"),
    (2019, "gdp-growth", 6, 6.5, "range", "国内生产总值增长6%－6.5%"),
    (2016, "gdp-growth", 6.5, 7, "range", "国内生产总值增长6.5%－7%"),
    (2013, "unemployment-registered", 4.6, None, "below", "城镇登记失业率低于4.6%"),
    (2015, "deficit-ratio", 2.3, None, None, "赤字率从去年的2.1%提高到2.3%"),
    (2018, "unemployment-surveyed", 5.5, None, "at most", "城镇调查失业率5.5%以内"),
    (2025, "cpi", 2, None, "around", "居民消费价格涨幅2%左右"),
    (1995, "gdp-growth", 8, 9, "range", "经济增长速度的宏观调控目标，定为百分之八至九"),
    (1995, "retail-prices", 15, None, "around", "物价上涨幅度比去年有明显回落，力争控制在百分之十五左右"),
    (1998, "retail-prices", 3, None, "at most", "商品零售价格涨幅控制在3％以内"),
    (2008, "deficit", 180_000_000_000, None, None, "中央财政赤字预算拟安排1800亿元"),
]


@pytest.fixture(scope="module")
def targets(imported: tuple[Path, Any]) -> list[dict[str, Any]]:
    result = on_corpus(imported, "targets", "--json")
    assert result.exit_code == 0
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


@pytest.mark.parametrize(("year", "indicator", "value", "high", "qualifier", "words"), TARGETS)
def test_targets_are_read_off_the_sentence_they_cite(
    imported: tuple[Path, Any],
    targets: list[dict[str, Any]],
    year: int,
    indicator: str,
    value: float,
    high: float | None,
    qualifier: str | None,
    words: str,
) -> None:
    row = next(r for r in targets if r["year"] == year and r["indicator"] == indicator)
    assert (row["status"], row["value"], row["high"], row["qualifier"]) == ("set", value, high, qualifier)
    assert row["stated"] == words
    sentence = json.loads(on_corpus(imported, "show", row["ref"], "--json").stdout)["statement"]["text"]
    assert words in sentence


def test_a_year_that_sets_no_growth_target_says_so(imported: tuple[Path, Any], targets: list[dict[str, Any]]) -> None:
    row = next(r for r in targets if r["year"] == 2020 and r["indicator"] == "gdp-growth")
    assert (row["status"], row["value"]) == ("not set", None)
    sentence = json.loads(on_corpus(imported, "show", row["ref"], "--json").stdout)["statement"]["text"]
    assert "没有提出全年经济增速具体目标" in sentence


def test_targets_are_typed_figures_of_the_full_reports(imported: tuple[Path, Any]) -> None:
    figures = json.loads(on_corpus(imported, "figures", "--year", "2024", "--json").stdout)
    growth = next(f for f in figures if f["indicator"] == "gdp-growth" and f["kind"] == "target")
    assert (growth["value"], growth["unit"], growth["qualifier"], growth["source"]) == (
        5,
        "percent",
        "around",
        "report",
    )
    assert growth["stated_unit"] == "%" and growth["ref"] == "2024-zh/27.1"
    outcome = next(f for f in figures if f["indicator"] == "gdp-growth" and f["kind"] == "outcome")
    assert (outcome["value"], outcome["basis"], outcome["ref"]) == (5, "annual", "2025-zh/5.2")  # told in 2025
    none_set = json.loads(on_corpus(imported, "figures", "--year", "2020", "--json").stdout)
    assert "gdp-growth" not in {f["indicator"] for f in none_set if f["kind"] == "target"}  # not set: not listed


def test_a_target_table_has_a_row_a_year_and_a_column_an_indicator(imported: tuple[Path, Any]) -> None:
    out, _ = imported
    env = {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "140"}
    screen = run("--data", str(out), "targets", "--year", "2019..2020", env=env).stdout
    assert "not set" in screen and "6-6.5%" in screen and "≥1100万人" in screen


@pytest.fixture(scope="module")
def compared(imported: tuple[Path, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    forward = on_corpus(imported, "diff", "--from", "2023", "--to", "2024", "--json")
    backward = on_corpus(imported, "diff", "--from", "2024", "--to", "2023", "--json")
    assert forward.exit_code == backward.exit_code == 0
    return json.loads(forward.stdout), json.loads(backward.stdout)


def test_the_2024_report_against_2023_lists_new_quality_productive_forces(
    compared: tuple[dict[str, Any], dict[str, Any]], imported: tuple[Path, Any]
) -> None:
    forward, _ = compared
    # said once in 2024 (twice in 2025): a new term when terms said once are asked for, not by default
    assert "新质生产力" not in {t["term"] for t in forward["terms"]["new"]}
    once = on_corpus(imported, "diff", "--from", "2023", "--to", "2024", "--min-count", "1", "--terms", "--json")
    assert "新质生产力" in {t["term"] for t in json.loads(once.stdout) if t["group"] == "new"}
    assert forward["reports"] == {"from": "2023-zh", "to": "2024-zh"}
    assert {"continued", "new", "dropped", "terms", "theme", "title", "from", "to"} <= forward.keys()


def test_the_reversed_report_diff_is_the_mirror(compared: tuple[dict[str, Any], dict[str, Any]]) -> None:
    forward, backward = compared
    assert sorted((p["from_ref"], p["to_ref"]) for p in forward["continued"]) == sorted(
        (p["to_ref"], p["from_ref"]) for p in backward["continued"]
    )
    assert [s["ref"] for s in forward["new"]] == [s["ref"] for s in backward["dropped"]]
    assert [t["term"] for t in forward["terms"]["new"]] == [t["term"] for t in backward["terms"]["dropped"]]


def test_chinese_changes_are_shown_character_by_character(compared: tuple[dict[str, Any], dict[str, Any]]) -> None:
    forward, _ = compared
    pair = next(p for p in forward["continued"] if p["similarity"] < 1)
    assert "".join(c["text"] for c in pair["changes"] if c["op"] != "removed") == pair["to_text"]
    assert "".join(c["text"] for c in pair["changes"] if c["op"] != "added") == pair["from_text"]


def test_parts_are_paired_by_their_headings(compared: tuple[dict[str, Any], dict[str, Any]]) -> None:
    forward, _ = compared
    pairs = {(p["from"], p["to"]) for p in forward["parts"]}
    assert ("2023-zh/part1", "2024-zh/part1") in pairs  # 过去一年和五年工作回顾 / 2023年工作回顾


def test_two_years_without_reports_in_one_language_are_refused(imported: tuple[Path, Any]) -> None:
    result = on_corpus(imported, "diff", "--from", "2023", "--to", "2026")
    assert result.exit_code == 2
    assert result.stderr.startswith("reportcli: no two full reports of 2023 and 2026 in the same language")


def test_the_trend_table_says_the_years_it_was_cut_to_and_counts_each_language_apart(
    imported: tuple[Path, Any],
) -> None:
    """碳达峰 first appears in 2021: asked from 2022, the line must not read as if it began then; and a
    term said in the Chinese and again in its English translation is not one count."""
    out, _ = imported
    table = {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "200"}
    screen = run("--data", str(out), "trend", "碳达峰", "--year", "2022..", env=table).stdout
    assert "碳达峰 in 2022..: first 2022, last 2025" in screen
    assert "each bar: the report's rate (per 10,000 characters in Chinese, words in English), scaled within" in screen
    both = run("--data", str(out), "trend", "hukou", env=table).stdout
    rows = json.loads(run("--data", str(out), "trend", "hukou", "--json").stdout)
    chinese = sum(r["occurrences"] for r in rows if r["language"] == "zh")
    english = sum(r["occurrences"] for r in rows if r["language"] == "en")
    assert chinese and english and f"{chinese} times in the Chinese, {english} in the English" in both
