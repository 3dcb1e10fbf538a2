"""Citations a journal would accept: who, what, where and when, a readable address, the ref; in reportcli's
own layout, Chicago and GB/T 7714, from the same fields (on the fixture corpus and on records made here)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE_CORPUS, run

from reportcli.reading.cite import chicago, english_title, gbt7714

CHINESE: dict[str, Any] = {
    "report": "2025年中华人民共和国国务院政府工作报告",
    "language": "zh",
    "speaker": "Li Qiang",
    "speaker_zh": "李强",
    "role": "Premier of the State Council",
    "session": "Third Session of the 14th National People's Congress",
    "session_zh": "第十四届全国人民代表大会第三次会议",
    "date": "2025-03-05",
    "publisher": "Chinese Wikisource",
    "readable_url": "https://zh.wikisource.org/wiki/2025年中华人民共和国国务院政府工作报告",
    "accessed": "2026-12-07",
    "report_kind": "government-work-report",
}
ENGLISH = CHINESE | {
    "report": "Report on the Work of the Government (2024), the official English translation",
    "language": "en",
    "session": "Second Session of the 14th National People's Congress",
    "date": "2024-03-05",
    "publisher": "Xinhua",
    "translation": "official",
    "readable_url": None,
}


def test_chicago_names_the_speaker_the_title_in_english_and_chinese_the_session_the_date_and_where() -> None:
    assert chicago(CHINESE, "2025-zh/21.1") == (
        "Li Qiang 李强, \u201cReport on the Work of the Government\u201d [2025年中华人民共和国国务院政府工作报告], "
        "speech delivered at the Third Session of the 14th National People's Congress, March 5, 2025, Chinese "
        "Wikisource, https://zh.wikisource.org/wiki/2025年中华人民共和国国务院政府工作报告 (accessed December 7, "
        "2026), para. 21, sentence 1."
    )
    assert chicago(ENGLISH, "2024-en/70.3") == (
        "Li Qiang 李强, \u201cReport on the Work of the Government,\u201d speech delivered at the Second Session of "
        "the 14th National People's Congress, March 5, 2024, official English translation, Xinhua, para. 70, "
        "sentence 3."
    )


def test_gbt7714_is_an_electronic_resource_with_its_access_date_or_a_report_without_an_address() -> None:
    assert gbt7714(CHINESE, "2025-zh/21.1") == (
        "李强. 2025年中华人民共和国国务院政府工作报告——第十四届全国人民代表大会第三次会议[EB/OL]. (2025-03-05)"
        "[2026-12-07]. https://zh.wikisource.org/wiki/2025年中华人民共和国国务院政府工作报告. (2025-zh/21.1)"
    )
    assert gbt7714(ENGLISH, "2024-en/70.3") == (
        "LI Qiang. Report on the Work of the Government: Second Session of the 14th National People's Congress[R]. "
        "Xinhua, 2024-03-05. (2024-en/70.3)"
    )


@pytest.mark.parametrize(
    ("kind", "plan", "title"),
    [
        ("government-work-report", None, "Report on the Work of the Government"),
        ("plan-report", None, "Report on the National Economic and Social Development Plan"),
        ("five-year-plan-report", "First Five-Year Plan (1953–1957)", "Report on the First Five-Year Plan (1953–1957)"),
        ("abstract", None, "Report on the Work of the Government (abstract)"),
        (None, None, "Report on the Work of the Government"),
    ],
)
def test_a_report_given_in_place_of_the_government_work_report_is_called_what_it_is(
    kind: str | None, plan: str | None, title: str
) -> None:
    assert english_title({"report_kind": kind, "five_year_plan": plan}) == title


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cite") / "reports"
    inputs = [str(FIXTURE_CORPUS / name) for name in ("reports.jsonl", "reports.tsv", "2023.txt")]
    assert run("import", *inputs, "--out", str(out)).exit_code == 0
    return out


def test_a_full_reports_citation_in_every_style(reports: Path) -> None:
    cited = json.loads(run("--data", str(reports), "cite", "2022-zh/10.1", "--json").stdout)[0]
    source = cited["source"]
    assert (source["speaker_zh"], source["session_zh"], source["date"]) == (
        "林正远",
        "第十三届全国人民代表大会第五次会议",
        "2022-03-05",
    )
    assert source["accessed"] == dt.date.today().isoformat()
    assert set(cited["styles"]) == {"chicago", "gbt7714"}
    for style in ("chicago", "gbt7714"):
        printed = run("--data", str(reports), "cite", "2022-zh/10.1", "--style", style)
        assert printed.exit_code == 0
        assert printed.stdout == f"\u201c{cited['text']}\u201d\n{cited['styles'][style]}\n"
    plain = run("--data", str(reports), "cite", "2022-zh/10.1").stdout
    assert "林正远" in plain and "2022-03-05" in plain and "statement 2022-zh/10.1 (reportcli)" in plain


def test_an_unknown_style_is_one_line_and_exit_2() -> None:
    result = run("cite", "ecology/2024/2.6", "--style", "apa")
    assert result.exit_code == 2 and "Invalid value for '--style'" in result.stderr and result.stdout == ""
