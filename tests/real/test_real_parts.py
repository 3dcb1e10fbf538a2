"""Parts and sub-parts of a report of every era, Chinese and English.

Reads the published texts in ../shared/; the module skips, saying why, where they are absent.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import corpus_missing, run

from reportcli.importer import structure
from reportcli.model import Report

if missing := corpus_missing():
    pytest.skip(missing, allow_module_level=True)


def outline(report: Report) -> list[tuple[int, int, str]]:
    """(part, sub-part, heading) of every part and sub-part, in order (not the opening part 0)."""
    found = []
    for part in report.parts:
        numbers = part.id.rpartition("/part")[2]
        number, _, sub = numbers.partition(".")
        if numbers != "0":
            found.append((int(number), int(sub or 0), part.title))
    return found


@pytest.fixture(scope="module")
def by_id(reports: list[Report]) -> dict[str, Report]:
    return {r.meta.id: r for r in reports}


def parts_of(by_id: dict[str, Report], report: str) -> list[tuple[int, int, str]]:
    return outline(by_id[report])


def headings(found: list[tuple[int, int, str]], part: int | None = None) -> list[str]:
    """The headings of the parts (part None), or of the sub-parts of one part."""
    return [h for p, s, h in found if (s == 0 if part is None else p == part and s > 0)]


@pytest.mark.parametrize(
    ("report", "parts", "subparts", "first", "last"),
    [
        # 1950s: 一、 parts with （一） sub-parts; a list item "四、……检查。" is not part 4
        ("1955-zh", 4, {3: 9}, "一、国家在过渡时期的总任务", "四、为完成和超额完成第一个五年计划而奋斗"),
        # （一） as the top level, unnumbered lead-ins and 第一、 under it
        (
            "1958-zh",
            5,
            {1: 4, 3: 5},
            "（一）一九五七年经济战线上的胜利",
            "（五）充分依靠和发挥群众的积极性和创造性，完成和超额完成一九五八年度的国民经济计划",
        ),
        # 1960s: a numeral alone on a line
        ("1960-zh", 4, {}, "一", "四"),
        # unnumbered headings, the parts named by the text itself (报告的第二部分……)
        ("1964-zh", 3, {1: 4, 2: 3, 3: 3}, "国民经济的成就和今后的建设任务", "国际形势和我国对外工作"),
        # 1970s
        ("1978-zh", 6, {3: 6}, "一、三年来的斗争和新时期的总任务", "六、国际形势和我国对外政策"),
        # 1980s: （一） parts with 一、 under the second
        ("1981-zh", 3, {2: 10}, "（一）当前的经济形势", "（三）我国经济发展的前景"),
        # unnumbered parts, the numbered list under the first; 结束语 closes
        ("1982-zh", 4, {1: 6, 3: 4}, "第六个五年计划的基本任务", "结束语"),
        ("1983-zh", 3, {2: 5}, "过去五年的回顾", "结束语"),
        # 一、 at two levels: 三、 after 二、 under part 2 is not part 3
        ("1986-zh", 5, {2: 5, 3: 6}, "一、“六五”计划执行情况的回顾", "结束语"),
        # a heading run into its paragraph, cut off where the other copy has a space
        ("1987-zh", 5, {2: 6, 3: 6}, "一、当前国内形势和基本任务", "结束语"),
        ("1988-zh", 4, {1: 5, 2: 10}, "过去五年国内工作的基本总结", "结束语"),
        # 1990s
        ("1990-zh", 3, {1: 6, 2: 10}, "一、一九八九年的回顾", "三、关于国际形势和外交工作"),
        (
            "1996-zh",
            9,
            {2: 4, 3: 5, 4: 5},
            "一、“八五”时期国民经济和社会发展的回顾",
            "九、努力做好１９９６年的工作，为“九五”创造一个良好开端",
        ),
        # 2000s: an unnumbered opening section before 一、 stays in the opening (part 0)
        ("2002-zh", 9, {0: 1}, "一、扩大和培育内需，促进经济较快增长", "结束语"),
        (
            "2006-zh",
            3,
            {1: 6, 2: 8, 3: 4},
            "一、去年工作回顾",
            "三、关于《国民经济和社会发展第十一个五年规划纲要（草案）》的说明",
        ),
        # 2010s
        ("2013-zh", 3, {3: 4}, "一、过去五年工作回顾", "三、对今年政府工作的建议"),
        ("2018-zh", 3, {1: 9, 3: 9}, "一、过去五年工作回顾", "三、对2018年政府工作的建议"),
        # 2020s
        ("2020-zh", 8, {}, "一、2019年和今年以来工作回顾", "八、围绕保障和改善民生，推动社会事业改革发展"),
        ("2024-zh", 3, {3: 10}, "一、2023年工作回顾", "三、2024年政府工作任务"),
    ],
)
def test_parts_of_a_report_of_each_era(
    by_id: dict[str, Report], report: str, parts: int, subparts: dict[int, int], first: str, last: str
) -> None:
    found = parts_of(by_id, report)
    tops = headings(found)
    assert len(tops) == parts, tops
    assert (tops[0], tops[-1]) == (first, last)
    counted = {p: len(headings(found, p)) for p in {p for p, s, _ in found if s}}
    assert counted == subparts, counted


def test_a_numbered_part_keeps_the_number_the_text_gives_it(by_id: dict[str, Report]) -> None:
    for report in by_id.values():
        for part, subpart, heading in outline(report):
            number = re.match(r"(?:[（(]?([一二三四五六七八九十]+)[、）)]|([IVX]+)\. |(\d+)\. )", heading)
            if not number or heading.startswith("第"):
                continue
            written = (
                structure.chinese_number(number.group(1))
                if number.group(1)
                else structure.roman_number(number.group(2))
                if number.group(2)
                else int(number.group(3))
            )
            assert written == (subpart or part), (report.meta.id, part, subpart, heading)


def test_the_1987_heading_is_cut_off_as_a_recorded_change(by_id: dict[str, Report]) -> None:
    report = by_id["1987-zh"]
    assert headings(outline(report))[2] == "三、深入改革经济体制和扩大对外开放"
    assert ("heading-cut", 1, 0) in report.meta.removed  # a line break put where the page had none
    following = report.parts[[p.id for p in report.parts].index("1987-zh/part3") + 0]
    first = next(following.statements())
    assert first.text == "三、深入改革经济体制和扩大对外开放"


TASKS_2024 = [
    "1. Striving to modernize the industrial system and developing new quality productive forces at a faster pace",
    "2. Invigorating China through science and education and consolidating the foundations for high-quality "
    "development",
    "3. Expanding domestic demand and promoting sound economic flows",
    "4. Continuing to deepen reform and boosting internal momentum for development",
    "5. Pursuing higher-standard opening up and promoting mutual benefits",
    "6. Ensuring both development and security and effectively preventing and defusing risks in key areas",
    "7. Making sustained efforts to deliver in work relating to agriculture, rural areas, and rural residents and "
    "taking solid steps to advance rural revitalization",
    "8. Promoting integrated development between urban and rural areas, advancing coordinated development between "
    "regions, and optimizing regional economic layout",
    "9. Enhancing ecological conservation and promoting green and low-carbon development",
    "10. Ensuring and improving the people's wellbeing and promoting better and new ways of conducting social "
    "governance",
]


def test_the_2024_english_has_three_parts_and_the_ten_tasks_under_the_third(by_id: dict[str, Report]) -> None:
    found = parts_of(by_id, "2024-en")
    assert headings(found) == [
        "I. A Review of Our Work in 2023",
        "II. Overall Requirements and Policy Orientation for Economic and Social Development in 2024",
        "III. Major Tasks for 2024",
    ]
    assert headings(found, 3) == TASKS_2024
    assert [h[:3] for h in headings(found, 1)] == ["1. ", "2. ", "3. ", "4. ", "5. ", "6. "]


def test_the_2025_english_keeps_the_numbers_of_its_partial_text(by_id: dict[str, Report]) -> None:
    found = parts_of(by_id, "2025-en")
    assert len(headings(found)) == 3
    assert [s for p, s, _ in found if p == 1 and s] == [2, 3, 4, 5, 6, 7]  # the text lacks item 1
    assert [s for p, s, _ in found if p == 3 and s] == list(range(1, 11))
    assert (
        headings(found, 3)[4] == "5. Expanding higher-standard opening up and stabilizing foreign trade and investment"
    )


def test_the_2026_english_has_four_parts(by_id: dict[str, Report]) -> None:
    found = parts_of(by_id, "2026-en")
    assert [h.split(" ", 1)[0] for h in headings(found)] == ["I.", "II.", "III.", "IV."]
    assert headings(found, 2) == ["1. Indicators for the main objectives", "2. Major strategic tasks"]
    assert len(headings(found, 4)) == 10 and headings(found, 4)[5] == "6. Advancing all-around rural revitalization"


def test_a_pledge_is_filed_under_the_part_that_holds_it(by_id: dict[str, Report]) -> None:
    report = by_id["2024-en"]
    pledge = next(s for s in report.statements() if s.text.startswith("We will strive to build a strong agricultural"))
    assert pledge.section == "2024-en/part3.7"


def test_no_sentence_is_only_a_list_number(reports: list[Report]) -> None:
    for report in reports:
        bare = [s.ref for s in report.statements() if re.fullmatch(r"\s*(\d{1,2}|[IVX]{1,4})\.\s*", s.text)]
        assert bare == [], report.meta.id


def test_the_english_headings_cut_from_their_text_are_recorded(by_id: dict[str, Report]) -> None:
    for report, cuts in (("2024-en", 10), ("2025-en", 10), ("2026-en", 10)):
        assert ("heading-cut", cuts, cuts) in by_id[report].meta.removed  # each a space made a line break


def test_show_opens_an_english_part(imported: tuple[Path, Any]) -> None:
    out, _ = imported
    result = run("--data", str(out), "show", "2024-en/part2", "--json")
    assert result.exit_code == 0, result
    document = json.loads(result.stdout)
    assert document["statements"][0]["text"].startswith("II. Overall Requirements")


@pytest.fixture(scope="module")
def corpus_dir(imported: tuple[Path, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus directory as `corpus fetch` leaves it (REPORTCLI_CORPUS_DIR/reports/), holding the
    imported reports: what --corpus reads, with the embedded summary."""
    out, _ = imported
    home = tmp_path_factory.mktemp("corpus-home")
    shutil.copytree(out, home / "reports")
    return home


def on_corpus(home: Path, *args: str) -> Any:
    result = run("--corpus", *args, "--json", env={"REPORTCLI_CORPUS_DIR": str(home)})
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def test_themes_of_2024_lists_the_ten_tasks_of_part_three_with_refs_that_show_opens(corpus_dir: Path) -> None:
    themes = on_corpus(corpus_dir, "themes", "--year", "2024")
    assert {t["report"] for t in themes} == {"2024-summary", "2024-zh", "2024-en"}
    numerals = "一二三四五六七八九十"
    for language in ("zh", "en"):
        tasks = [t for t in themes if t["id"].startswith(f"2024-{language}/part3.")]
        assert [t["id"] for t in tasks] == [f"2024-{language}/part3.{n}" for n in range(1, 11)]
        titles = [t["title"] for t in tasks]
        if language == "en":
            assert titles == TASKS_2024
        else:
            assert [title[:3] for title in titles] == [f"（{numeral}）" for numeral in numerals]
        for task in tasks:
            assert task["kind"] == "sub-part" and task["per_year"][0]["characters"] > 0
            document = on_corpus(corpus_dir, "show", task["id"])
            assert document["title"] == task["title"]
            assert len(document["statements"]) == task["statements"] > 0
            assert {s["section"] for s in document["statements"]} == {task["id"]}
    chinese = on_corpus(corpus_dir, "themes", "--year", "2024", "--lang", "zh")
    assert {t["report"] for t in chinese} == {"2024-zh"} and len(chinese) == 14  # parts 0-3 and the ten tasks


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "markdown", "jsonl"])
def test_themes_of_2024_lists_the_tasks_in_every_format(imported: tuple[Path, Any], fmt: str) -> None:
    out, _ = imported
    result = run("--data", str(out), "themes", "--year", "2024", "--format", fmt)
    assert result.exit_code == 0, result
    for language in ("zh", "en"):
        for n in range(1, 11):
            task = f"2024-{language}/part3.{n}"
            assert re.search(rf"(?<![\w-]){re.escape(task)}(?!\d)", result.stdout), task
