"""The two Chinese copies: what only one holds, and how they differ.

Reads the published texts in ../shared/; the module skips, saying why, where they are absent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import corpus_missing, run

from reportcli.model import Report

if missing := corpus_missing():
    pytest.skip(missing, allow_module_level=True)


OTHER = "hprc_gov_reports1954-2022.tsv"


@pytest.fixture(scope="module")
def by_id(reports: list[Report]) -> dict[str, Report]:
    return {r.meta.id: r for r in reports}


def search(imported: tuple[Path, Any], *args: str) -> list[dict[str, Any]]:
    out, _ = imported
    result = run("--data", str(out), "search", *args, "--json")
    assert result.exit_code in (0, 1), result
    return json.loads(result.stdout) if result.stdout.strip() else []


def test_a_year_written_with_spaced_digits_is_found(imported: tuple[Path, Any], by_id: dict[str, Report]) -> None:
    hits = search(imported, "1997年", "--year", "1998")
    assert len(hits) >= 3 and all(h["report"] == "1998-zh" and "1997年" in h["text"] for h in hits)
    assert not any(re.search(r"\d \d", s.text) for s in by_id["1998-zh"].statements())
    assert ("spaced-digits", 211, 211) in by_id["1998-zh"].meta.removed


def test_no_wiki_markup_editors_note_or_repeated_title_is_left(by_id: dict[str, Report]) -> None:
    for report in by_id.values():
        if report.meta.language != "zh":
            continue
        for statement in report.statements():
            assert "粗体文字" not in statement.text and "'" not in statement.text, statement.ref
            assert "字库未存字注释" not in statement.text and "原字" not in statement.text, statement.ref
    kinds = {r: {kind for kind, _, _ in by_id[r].meta.removed} for r in ("2007-zh", "1956-zh", "1991-zh")}
    assert "wiki-markup" in kinds["2007-zh"] and "editor-note" in kinds["1956-zh"]
    last = list(by_id["1991-zh"].statements())[-1].text
    assert last.endswith("协调地向前发展。")  # the report's last sentence, not the repeat's title or dateline


def test_a_mark_for_a_missing_glyph_carries_the_editors_note(by_id: dict[str, Report]) -> None:
    marked = [s for s in by_id["1956-zh"].statements() if "＠" in s.text]
    assert len(marked) == 3
    for statement in marked:
        mark = re.search("＠[①②]", statement.text)
        assert mark is not None
        note = next(n for n in statement.notes if n.kind == "editor-note" and n.text.startswith(mark.group()))
        assert ("石右加安" if mark.group() == "＠①" else "钅右加夕") in note.text


@pytest.mark.parametrize(
    ("year", "words"),
    [
        ("2009", "来自中央对形势的科学判断和准确把握"),  # the lost start of 2009-zh/44.1
        ("2009", "大力加强军队思想政治工作"),
        ("2011", "加强化学品环境管理"),
        ("2012", "推进建立存款保险制度"),
        ("1986", "同时在实践中深思熟虑"),  # the lost end of a sentence
        ("2006", "抓紧建立生态补偿机制"),
        ("2010", "鼓励和支持慈善事业发展"),
    ],
)
def test_what_only_the_other_copy_holds_is_found_and_marked(imported: tuple[Path, Any], year: str, words: str) -> None:
    hits = search(imported, words, "--year", year)
    assert hits and hits[0]["report"] == f"{year}-zh" and "text" in hits[0]["matched_in"]
    notes = [n for n in hits[0]["notes"] if n["kind"] == "from-other-copy"]
    assert notes and notes[0]["source"].startswith(OTHER) and "the copy imported" in notes[0]["text"]


def test_a_sentence_from_the_other_copy_says_so_and_the_others_do_not(by_id: dict[str, Report]) -> None:
    report = by_id["2009-zh"]
    opening = report.statement("2009-zh/44.1")
    assert opening.text.startswith("我们的信心和力量") and opening.from_copy is not None
    assert opening.from_copy.startswith(OTHER)
    copied = [s.ref for s in report.statements() if s.from_copy]
    assert len(copied) == 2  # the lost start of 44.1 and one sentence
    assert not any(s.from_copy for s in by_id["2024-zh"].statements())


def test_the_insertions_are_recorded_and_undone_by_restore(by_id: dict[str, Report]) -> None:
    for report in ("2006-zh", "2007-zh", "2009-zh", "2010-zh", "2011-zh", "2012-zh", "1986-zh"):
        inserted = [
            (kind, times, chars) for kind, times, chars in by_id[report].meta.removed if kind == "from-other-copy"
        ]
        assert inserted and inserted[0][2] == 0, report  # nothing removed: text put in
    caveat = next(c for c in by_id["2009-zh"].meta.caveats if c.kind == "other-copy")
    assert "taken from" in caveat.text and "words differently" in caveat.text


def test_a_passage_worded_differently_keeps_the_other_wording_beside_it(
    imported: tuple[Path, Any], by_id: dict[str, Report]
) -> None:
    report = by_id["2009-zh"]
    noted = [s for s in report.statements() if any(n.kind == "variant" for n in s.notes)]
    assert len(noted) >= 10
    housing = next(s for s in noted if "430亿元" in s.text)
    assert any("493" in n.text for n in housing.notes)  # the other copy's figure, kept beside this one
    hits = search(imported, "保障性安居工程资金", "--year", "2009")
    assert hits and hits[0]["ref"] == housing.ref and hits[0]["matched_in"] == ["notes"]


def test_every_report_with_two_copies_says_how_they_differ(by_id: dict[str, Report]) -> None:
    wikisource = {i for i, r in by_id.items() if r.meta.source and r.meta.source.format == "jsonl"}
    both = wikisource - {"1958-zh", "2023-zh", "2024-zh", "2025-zh"}  # the years the TSV lacks
    assert len(both) == 48
    for report in both:
        assert (by_id[report].meta.copies or "").startswith(f"Compared with {OTHER}"), report
    assert not any(by_id[r].meta.copies for r in set(by_id) - both)


def test_a_sentence_keeps_where_it_came_from_through_the_database(full: Any) -> None:
    statement = full.statement("2009-zh/44.1")
    assert statement.from_copy is not None and statement.from_copy.startswith(OTHER)
    assert any(n.kind == "from-other-copy" for n in statement.notes)
    assert full.statement("2009-zh/43.1").from_copy is None
