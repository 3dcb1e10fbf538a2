"""Reading the published reports as people do (../shared/corpus/, imported once a session; skipped where
absent): report diffs that pair one to one and lead with the news, terms that are whole phrases, the
targets of a narrow terminal."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import corpus_missing, run

if missing := corpus_missing():
    pytest.skip(missing, allow_module_level=True)

YEARS = [(2023, 2024), (2024, 2025), (2018, 2019), (2006, 2007), (1958, 1959)]


def corpus_json(imported: tuple[Path, Any], *args: str) -> Any:
    out, _ = imported
    result = run("--data", str(out), *args, "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def test_a_report_diff_pairs_one_to_one_and_sets_the_salutations_aside(imported: tuple[Path, Any]) -> None:
    diff = corpus_json(imported, "diff", "--from", "2023", "--to", "2024")
    earlier = [p["from_ref"] for p in diff["continued"]]
    later = [p["to_ref"] for p in diff["continued"]]
    assert len(set(earlier)) == len(earlier) and len(set(later)) == len(later)  # never eight to one
    aside = {s["ref"]: (s["text"], s["reason"]) for s in diff["set_aside"]}
    assert aside["2024-zh/1.1"] == ("各位代表：", "salutation")
    assert sum(1 for ref in aside if ref.startswith("2023-zh/")) == 8  # the eight 各位代表 of 2023
    assert not any(p["from_text"].startswith("各位代表") for p in diff["continued"])
    counts = diff["counts"]
    assert (counts["continued"], counts["new"], counts["dropped"], counts["set_aside"]) == (
        len(diff["continued"]),
        len(diff["new"]),
        len(diff["dropped"]),
        len(aside),
    )


def overlapping(a: str, b: str) -> bool:
    """Two terms that are windows of one stretch: one holds the other, or they overlap end to start
    over three characters or more."""
    return a in b or b in a or any(a[-k:] == b[:k] or b[-k:] == a[:k] for k in range(3, min(len(a), len(b))))


@pytest.mark.parametrize(("first", "second"), YEARS)
def test_the_top_fifty_new_and_dropped_terms_are_fifty_phrases_said_twice(
    imported: tuple[Path, Any], first: int, second: int
) -> None:
    rows = corpus_json(imported, "diff", "--from", str(first), "--to", str(second), "--terms")
    for group, said in (("new", "to_count"), ("dropped", "from_count")):
        top = [row for row in rows if row["group"] == group][:50]
        assert len(top) == 50
        assert all(row[said] >= 2 for row in top), [row["term"] for row in top if row[said] < 2]
        windows = [
            (a["term"], b["term"]) for i, a in enumerate(top) for b in top[i + 1 :] if overlapping(a["term"], b["term"])
        ]
        assert windows == []


def test_a_term_said_once_is_news_only_when_asked(imported: tuple[Path, Any]) -> None:
    default = corpus_json(imported, "diff", "--from", "2023", "--to", "2024", "--terms")
    asked = corpus_json(imported, "diff", "--from", "2023", "--to", "2024", "--terms", "--min-count", "1")
    new = {row["term"]: row["to_count"] for row in default if row["group"] == "new"}
    new_once = {row["term"]: row["to_count"] for row in asked if row["group"] == "new"}
    assert "新质生产力" not in new and new_once["新质生产力"] == 1  # once in 2024, twice in 2025
    assert set(new) < set(new_once)


def test_the_report_diff_view_leads_with_the_news(imported: tuple[Path, Any]) -> None:
    out, _ = imported
    screen = run(
        "--data", str(out), "diff", "--from", "2024", "--to", "2025", "--no-pager",
        env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "100"},
    ).stdout.splitlines()  # fmt: skip
    headings = {
        line.split(" (")[0]: n
        for n, line in enumerate(screen)
        if re.match(r"(Terms|Parts|New|Dropped|Continued)", line)
    }
    assert list(headings) == ["Terms", "Parts", "New in 2025-zh", "Dropped after 2024-zh", "Continued"]
    assert headings["New in 2025-zh"] < len(screen) / 10  # it was line 2,717 of 3,884


def test_two_parts_of_two_reports_compare_and_a_part_with_itself_is_all_continued(imported: tuple[Path, Any]) -> None:
    tasks = corpus_json(imported, "diff", "2023-zh/part2", "2024-zh/part3")
    assert tasks["compared"] == {"from": "2023-zh/part2", "to": "2024-zh/part3"}
    assert all(p["from_ref"].startswith("2023-zh/") and p["to_ref"].startswith("2024-zh/") for p in tasks["continued"])
    assert {part["from"] for part in tasks["parts"] if part["from"]} <= {"2023-zh/part2"} | {
        f"2023-zh/part2.{n}" for n in range(1, 20)
    }
    same = corpus_json(imported, "diff", "2024-zh/part3.9", "2024-zh/part3.9")
    assert same["new"] == [] and same["dropped"] == [] and all(p["similarity"] == 1.0 for p in same["continued"])
    other_language = run("--data", str(imported[0]), "diff", "2024-zh/part1", "2024-en/part1")
    assert other_language.exit_code == 2 and "diff compares texts in one language" in other_language.stderr


@pytest.mark.parametrize("columns", [60, 80])
def test_a_target_range_is_whole_on_a_narrow_terminal(imported: tuple[Path, Any], columns: int) -> None:
    out, _ = imported
    terminal = {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": str(columns)}
    screen = run("--data", str(out), "targets", "--year", "2016", env=terminal).stdout
    assert re.search(r"(^|\s)2016(\s|$)", screen, re.M)
    assert " 6.5-7%" in screen and "≥1000万人" in screen  # not '6.5-' nor '≥100'
    assert max(len(line) for line in screen.splitlines()) <= columns
