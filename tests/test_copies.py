"""All of a report's text and nothing else: spaced digits, wiki markup, editors' notes and the title
lines of a removed repeat taken out as recorded changes; text the other published copy holds and the
imported one lacks brought in, marked as from that copy; passages the copies word differently noted.
On the real files (../shared/corpus/), skipped where absent; and the record of changes, on any text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import run
from hypothesis import given
from hypothesis import strategies as st

from reportcli.importer import clean, copies
from reportcli.model import Report

OTHER = "hprc_gov_reports1954-2022.tsv"


@pytest.fixture(scope="module")
def by_id(reports: list[Report]) -> dict[str, Report]:
    return {r.meta.id: r for r in reports}


def search(imported: tuple[Path, Any], *args: str) -> list[dict[str, Any]]:
    out, _ = imported
    result = run("--data", str(out), "search", *args, "--json")
    assert result.exit_code in (0, 1), result
    return json.loads(result.stdout) if result.stdout.strip() else []


# --- taken out -------------------------------------------------------------------------------------------


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


# --- brought in ------------------------------------------------------------------------------------------


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


# --- the comparison and the record, on small texts -------------------------------------------------------


def test_a_sentence_only_the_other_copy_has_is_brought_in_where_it_stands() -> None:
    mine = ["各位代表：", "发展经济。稳定就业。", "保护环境。"]
    other = ["各位代表：", "发展经济。扩大开放。稳定就业。", "保护环境。"]
    found = copies.compare(mine, other)
    assert [(i.at, i.text, i.whole) for i in found.insertions] == [(len("各位代表：\n发展经济。"), "扩大开放。", True)]
    assert found.variants == ()


def test_a_moved_sentence_or_a_note_after_the_text_is_not_brought_in() -> None:
    mine = ["各位代表：", "甲事。乙事。丙事。丁事。"]
    other = ["各位代表：", "乙事。丙事。甲事。丁事。", "（《人民日报》1 9 5 5 0 7 0 8）"]
    found = copies.compare(mine, other)
    assert found.insertions == () and found.outside == 1


def test_other_wording_is_a_variant_not_an_insertion() -> None:
    found = copies.compare(["今年拟安排430亿元用于住房。"], ["今年拟安排493亿元用于住房。"])
    assert found.insertions == () and [v.other for v in found.variants] == ["今年拟安排493亿元用于住房。"]


def test_punctuation_and_spelling_are_not_wording() -> None:
    found = copies.compare(["國民經濟發展。", "一九五〇年"], ["国民经济发展", "一九五○年"])
    assert found.variants == () and found.insertions == ()


@given(
    text=st.text(alphabet="ab \n。字", max_size=60),
    data=st.data(),
)
def test_any_edits_to_a_cleaned_text_are_undone_by_restore(text: str, data: st.DataObject) -> None:
    cleaned = clean.clean(text)
    kept = "\n".join(cleaned.paragraphs)
    starts = sorted(set(data.draw(st.lists(st.integers(0, len(kept)), max_size=4))))
    edits = [clean.Edit(at, at, data.draw(st.text(alphabet="xy\n", min_size=1, max_size=3)), "test") for at in starts]
    new, changes = clean.amend(kept, cleaned.changes, edits)
    assert clean.restore(new, changes) == text
    assert len(new) == len(kept) + sum(len(e.inserted) for e in edits)


def test_a_sentence_keeps_where_it_came_from_through_the_database(full: Any) -> None:
    statement = full.statement("2009-zh/44.1")
    assert statement.from_copy is not None and statement.from_copy.startswith(OTHER)
    assert any(n.kind == "from-other-copy" for n in statement.notes)
    assert full.statement("2009-zh/43.1").from_copy is None


def test_a_note_on_a_sentence_the_report_lacks_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "mini.jsonl"
    source.write_text(
        json.dumps({"title": "2030年报告", "content": "各位代表：\n\n发展经济。\n", "year": "2030"}) + "\n",
        encoding="utf-8",
    )
    assert run("import", str(source), "--out", str(tmp_path / "out")).exit_code == 0
    path = tmp_path / "out" / "2030-zh.yaml"
    note = "notes:\n- at: '9.1'\n  kind: variant\n  text: other words\n  source: elsewhere\n"
    path.write_text(path.read_text(encoding="utf-8") + note, encoding="utf-8")
    result = run("--data", str(path), "reports")
    assert result.exit_code == 2 and "notes[0].at: no sentence 9.1 in the text" in result.stderr
