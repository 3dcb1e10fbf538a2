"""The corpus: the published reports (../shared/corpus/) imported, loaded together and queried.

These tests read the real files; they are skipped, saying why, where the folder is absent. The report
files they import go to a temporary directory: nothing of the corpus is stored in the project.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run

from reportcli.errors import DataError
from reportcli.importer import sources
from reportcli.reportfile import load_report


def write(path: Path, content: str) -> Path:
    path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"title": "a", "content": "b", "year": "2024"}\n{not json}\n', ":2: not a JSON object"),
        ('{"title": "a", "year": "2024"}\n', ":1: expected 'title' and 'content' as text"),
        ('{"title": "a", "content": "b", "year": "twenty"}\n', ":1: 'year' is 'twenty', not a year"),
        ("2024\t各位代表：现在。\nnot a line\n", ":2: expected YEAR<TAB>TEXT, got 'not a line'"),
        ("hello\n", ": not a format reportcli imports"),
    ],
)
def test_a_malformed_input_is_one_line_naming_the_line_and_exit_2(tmp_path: Path, content: str, message: str) -> None:
    source = write(tmp_path / "input.jsonl", content)
    result = run("import", str(source), "--out", str(tmp_path / "out"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"reportcli: {source}{message}") and result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.yaml"))


def test_an_import_of_nothing_but_resolutions_says_so(tmp_path: Path) -> None:
    source = write(tmp_path / "r.jsonl", json.dumps({"title": "关于政府工作报告的决议", "content": "x", "year": None}))
    result = run("import", str(source), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "no report to import: an NPC resolution" in result.stderr


def test_a_small_import_round_trips_through_the_loader(tmp_path: Path) -> None:
    content = (
        "政府工作报告\n\n——2030年3月5日在第十六届全国人民代表大会第一次会议上\n\n"
        "各位代表：\n\n一、回顾\n\n发展\u200b经济。稳定就业！\n"
    )
    source = write(
        tmp_path / "mini.jsonl", json.dumps({"title": "2030年报告", "content": content, "year": "2030"}) + "\n"
    )
    result = run("import", str(source), "--out", str(tmp_path / "out"), "--json")
    assert result.exit_code == 0, result
    report = load_report(tmp_path / "out" / "2030-zh.yaml")
    assert [s.text for s in report.statements()] == ["各位代表：", "一、回顾", "发展经济。", "稳定就业！"]
    assert report.meta.date == "2030-03-05"
    assert {kind for kind, _, _ in report.meta.removed} >= {"title-block", "zero-width"}
    shown = run("--data", str(tmp_path / "out"), "search", "发展经济", "--json")
    assert json.loads(shown.stdout)[0]["ref"] == "2030-zh/3.1"


def page(year: int, body: str, footer: str) -> str:
    content = f"各位代表：\n\n{body}\n" + "\n" * 10 + footer
    return json.dumps({"title": f"{year}年报告", "content": content, "year": str(year)}) + "\n"


FOOTER = "A notice the site prints under every page.\n\n\n\n\n\n\n\nfalse\nfalse"


@pytest.mark.parametrize(("pages", "removed"), [(3, True), (2, False)])
def test_a_footer_the_files_pages_share_is_removed_and_recorded(tmp_path: Path, pages: int, removed: bool) -> None:
    """A publisher's footer is known by its place, the closing stretch that every page of the file
    ends with, not by its words; with fewer than three pages there is nothing to tell it by."""
    lines = [page(2030 + n, f"发展经济{n}。", FOOTER) for n in range(pages)]
    lines.append(page(2040, "稳定就业。", "A closing line of this page alone."))
    source = write(tmp_path / "pages.jsonl", "".join(lines))
    assert run("import", str(source), "--out", str(tmp_path / "out")).exit_code == 0
    report = load_report(tmp_path / "out" / "2030-zh.yaml")
    texts = [s.text for s in report.statements()]
    assert ("A notice the site prints under every page." in texts) is not removed
    footers = [(times, characters) for kind, times, characters in report.meta.removed if kind == "licence-footer"]
    assert footers == ([(1, 11 + len(FOOTER))] if removed else [])  # the line breaks before it, and all of it
    alone = [s.text for s in load_report(tmp_path / "out" / "2040-zh.yaml").statements()]
    assert "A closing line of this page alone." in alone  # shared by no other page: the report's own


def test_a_directory_of_files_with_a_shared_ref_is_refused(tmp_path: Path) -> None:
    data = Path(__file__).parents[1] / "data" / "report.yaml"
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_bytes(data.read_bytes())
    result = run("--data", str(tmp_path), "themes")
    assert result.exit_code == 2
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    expected = f"reportcli: {second}: report id '2024-summary' is also in {first}; a corpus needs them unique\n"
    assert result.stderr == expected


def test_the_source_readers_refuse_what_they_cannot_write(tmp_path: Path) -> None:
    source = write(tmp_path / "s.jsonl", '{"title": "a", "content": "\\ud800", "year": "2024"}\n')
    with pytest.raises(DataError, match="lone surrogate"):
        list(sources.records(sources.read_input(source)))


def imported_iter(out: Path) -> Iterator[Path]:
    yield from sorted(out.glob("*.yaml"))
