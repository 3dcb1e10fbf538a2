"""All of a report's text and nothing else: spaced digits, wiki markup, editors' notes and the title
lines of a removed repeat taken out as recorded changes; text the other published copy holds and the
imported one lacks brought in, marked as from that copy; passages the copies word differently noted.
On the real files (../shared/corpus/), skipped where absent; and the record of changes, on any text.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run
from hypothesis import given
from hypothesis import strategies as st

from reportcli.importer import clean, copies


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
