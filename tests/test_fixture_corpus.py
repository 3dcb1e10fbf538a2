"""The fixture corpus (tests/fixtures/corpus/): small invented reports in the four published formats,
imported once and queried through the command line, so that import, search, trend, targets, the report
diff and the export run on a clean clone, without ../shared/corpus.

Every value asserted here is one the invented texts state; tests/fixtures/corpus/README.md lists them.
The tests go through the command line only (``run`` invokes it in-process) and read its JSON, so that
they hold whatever the modules behind the commands are called.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from conftest import Result, run

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "corpus"
JSONL, TSV, TEXT, CSV = "reports.jsonl", "reports.tsv", "2023.txt", "04_2023_auto_usable_parallel.csv"
INPUTS = [JSONL, TSV, TEXT, CSV]
IDS = ["2020-zh", "2021-zh", "2022-zh", "2023-en", "2023-zh"]
CHINESE = ["2020-zh", "2021-zh", "2022-zh", "2023-zh"]
FOOTER_NOTICE = "本站收录的国家机关文件依法不受著作权保护，可以自由复制、转载和翻译。"  # the invented footer's words
TABLE = {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "100"}  # a table, as on a terminal, without colour


class Imported(NamedTuple):
    out: Path  # the directory of report files
    stdout: Any  # the import's JSON
    stderr: str  # its summary line


@pytest.fixture(scope="module")
def fixture_corpus(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    """The four fixture files imported once for the module."""
    out = tmp_path_factory.mktemp("fixture-reports")
    result = run("import", *(str(FIXTURES / name) for name in INPUTS), "--out", str(out), "--json")
    assert result.exit_code == 0, result
    return Imported(out, json.loads(result.stdout), result.stderr)


def cli(corpus: Imported, *args: str, env: dict[str, str] | None = None) -> Result:
    return run("--data", str(corpus.out), *args, env=env)


def answer(corpus: Imported, *args: str) -> Any:
    """A command's JSON output (it must succeed)."""
    result = cli(corpus, *args, "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def document(corpus: Imported, report: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((corpus.out / f"{report}.yaml").read_text(encoding="utf-8"))
    return loaded


def statements(corpus: Imported, report: str) -> list[dict[str, Any]]:
    shown = answer(corpus, "show", report)
    return [s for section in shown["sections"] for s in section["statements"]]


# --- the import ------------------------------------------------------------------------------------------


def test_the_import_writes_one_report_per_year_and_language_from_the_preferred_source(
    fixture_corpus: Imported,
) -> None:
    rows = fixture_corpus.stdout["reports"]
    assert [r["id"] for r in rows] == IDS
    assert {r["id"]: r["source"] for r in rows} == {
        "2020-zh": "reports.tsv:1",
        "2021-zh": "reports.jsonl:1",
        "2022-zh": "reports.jsonl:2",
        "2023-en": "2023.txt:1",
        "2023-zh": "reports.jsonl:3",
    }
    assert sorted(path.name for path in fixture_corpus.out.glob("*.yaml")) == [f"{i}.yaml" for i in IDS]
    # (2023-en's parts: see test_the_english_report_has_its_three_parts)
    assert {r["id"]: r["parts"] for r in rows if r["language"] == "zh"} == {
        "2020-zh": 2,
        "2021-zh": 3,
        "2022-zh": 3,
        "2023-zh": 3,
    }
    assert {r["id"]: r["completeness"] for r in rows}["2023-en"] == "partial"


def test_the_import_says_what_it_skipped_and_why(fixture_corpus: Imported) -> None:
    assert fixture_corpus.stdout["skipped"] == [
        {
            "source": "reports.jsonl:4",
            "year": None,
            "language": "zh",
            "reason": "an NPC resolution approving the report (决议), not a report",
        },
        {
            "source": "reports.tsv:2",
            "year": 2022,
            "language": "zh",
            "reason": "2022-zh is taken from reports.jsonl:2 (its paragraphs are as published)",
        },
        {
            "source": "04_2023_auto_usable_parallel.csv:2",
            "year": 2023,
            "language": "en",
            "reason": "2023-en is taken from 2023.txt:1 (the same text, one paragraph per line)",
        },
    ]
    summary = fixture_corpus.stderr
    assert summary.startswith(f"reportcli: wrote 5 reports to {fixture_corpus.out} (")
    assert "skipped 1 NPC resolutions, 2 held by a preferred source" in summary
    # The TSV's abridged 2022 lacks the review's figures: the report holds the JSONL's text.
    assert any(s["text"].startswith("国内生产总值增长8.1%") for s in statements(fixture_corpus, "2022-zh"))


def source_records() -> dict[tuple[str, int], str]:
    """Each record of the fixture files as published, by (file, line): what the cleaning record undoes to."""
    found: dict[tuple[str, int], str] = {}
    for number, line in enumerate((FIXTURES / JSONL).read_text(encoding="utf-8").split("\n"), 1):
        if line.strip():
            found[(JSONL, number)] = json.loads(line)["content"]
    for number, line in enumerate((FIXTURES / TSV).read_text(encoding="utf-8").split("\n"), 1):
        if line.strip():
            found[(TSV, number)] = line.split("\t", 1)[1]
    found[(TEXT, 1)] = (FIXTURES / TEXT).read_text(encoding="utf-8")
    return found


def undo(kept: str, cleaning: list[dict[str, Any]]) -> str:
    """The kept text with every recorded change reversed: at input offset ``at``, ``removed`` had been
    replaced by ``inserted``."""
    pieces: list[str] = []
    source = position = 0  # where we are in the input, and in the kept text
    for change in sorted(cleaning, key=lambda c: c["at"]):
        take = change["at"] - source
        pieces.append(kept[position : position + take])
        position += take + len(change["inserted"])
        pieces.append(change["removed"])
        source = change["at"] + len(change["removed"])
    pieces.append(kept[position:])
    return "".join(pieces)


@pytest.mark.parametrize("report", IDS)
def test_undoing_the_recorded_cleaning_gives_the_input_back(fixture_corpus: Imported, report: str) -> None:
    loaded = document(fixture_corpus, report)
    source = loaded["report"]["source"]
    joiner = " " if loaded["report"]["language"] == "en" else ""
    kept = "\n".join(joiner.join(paragraph) for paragraph in loaded["paragraphs"])
    published = source_records()[(source["file"], source["record"])]
    assert undo(kept, loaded["cleaning"]) == published
    assert kept != published  # something was cleaned: the check above is not trivially true


@pytest.mark.parametrize("report", ["2021-zh", "2022-zh", "2023-zh"])
def test_the_shared_footer_and_the_title_block_are_removed_and_recorded(fixture_corpus: Imported, report: str) -> None:
    loaded = document(fixture_corpus, report)
    footers = [c["removed"] for c in loaded["cleaning"] if c["kind"] == "licence-footer"]
    assert len(footers) == 1 and FOOTER_NOTICE in footers[0] and footers[0].endswith("站点页脚\n示例模板\ntrue")
    assert footers[0].startswith("\n" * 10)  # from the run of blank lines on
    blocks = [c["removed"] for c in loaded["cleaning"] if c["kind"] == "title-block"]
    assert len(blocks) == 1 and f"——{report[:4]}年3月5日在" in blocks[0] and "林正远" in blocks[0]
    texts = [sentence for paragraph in loaded["paragraphs"] for sentence in paragraph]
    assert texts[0] == "各位代表："  # the text begins at the salutation
    assert not [t for t in texts if "著作权" in t or "示例模板" in t or "政府工作报" in t]


def test_what_cleaning_removed_is_counted_by_kind(fixture_corpus: Imported) -> None:
    removed = fixture_corpus.stdout["removed"]
    assert removed["licence-footer"] == 3 * 66  # the same footer under each of the three reports
    assert removed["zero-width"] == 1 and removed["line-break"] == 1  # 2021's 城镇新增\u200b就业 and split line
    source_line = (FIXTURES / TEXT).read_text(encoding="utf-8").split("\n", 1)[0] + "\n"
    assert removed["source-line"] == len(source_line)
    about = answer(fixture_corpus, "about", "2021-zh")
    assert about["removed"]["licence-footer"] == {"times": 1, "characters": 66}
    assert about["removed"]["title-block"]["times"] == 1 and about["removed"]["zero-width"]["characters"] == 1
    tsv = answer(fixture_corpus, "about", "2020-zh")["removed"]
    assert tsv["paragraph-mark"]["times"] == 10 and "licence-footer" not in tsv  # one page: nothing to compare with


@pytest.mark.parametrize(
    ("report", "date", "event", "title"),
    [
        ("2020-zh", "2020-05-22", "第十三届全国人民代表大会第三次会议", "政府工作报告"),
        ("2021-zh", "2021-03-05", "第十三届全国人民代表大会第四次会议", "2021年中华人民共和国国务院政府工作报告"),
        ("2022-zh", "2022-03-05", "第十三届全国人民代表大会第五次会议", "2022年中华人民共和国国务院政府工作报告"),
        ("2023-zh", "2023-03-05", "第十四届全国人民代表大会第一次会议", "2023年中华人民共和国国务院政府工作报告"),
    ],
)
def test_the_title_block_and_the_tsv_header_give_date_session_and_speaker(
    fixture_corpus: Imported, report: str, date: str, event: str, title: str
) -> None:
    about = answer(fixture_corpus, "about", report)
    assert (about["date"], about["event"], about["title"]) == (date, event, title)
    assert (about["speaker"], about["role"], about["completeness"], about["caveats"]) == (
        "林正远",
        "国务院总理",
        "complete",
        [],
    )
    listed = next(r for r in answer(fixture_corpus, "reports") if r["id"] == report)
    assert (listed["date"], listed["speaker"]) == (date, "林正远")


def test_the_english_text_says_it_is_partial_and_states_no_date(fixture_corpus: Imported) -> None:
    about = answer(fixture_corpus, "about", "2023-en")
    assert about["date"] is None and about["speaker"] is None  # the file states neither: nothing is guessed
    assert about["completeness"] == "partial"
    assert [(c["kind"], c["source"]) for c in about["caveats"]] == [("partial", "2023.txt, line 1")]
    assert about["source"]["file"] == "2023.txt" and len(about["source"]["sha256"]) == 64


def test_the_parallel_csv_alone_makes_the_same_english_report(fixture_corpus: Imported, tmp_path: Path) -> None:
    result = run("import", str(FIXTURES / CSV), "--out", str(tmp_path), "--json")
    assert result.exit_code == 0, result
    assert [r["id"] for r in json.loads(result.stdout)["reports"]] == ["2023-en"]
    from_csv = [s["text"] for s in statements(Imported(tmp_path, None, ""), "2023-en")]
    assert from_csv == [s["text"] for s in statements(fixture_corpus, "2023-en")]


# --- parts, refs, reports, about ------------------------------------------------------------------------


def test_parts_and_sub_parts_are_read_off_the_headings(fixture_corpus: Imported) -> None:
    shown = answer(fixture_corpus, "show", "2022-zh")
    assert [(s["id"], s["title"], s["statements"][0]["ref"]) for s in shown["sections"]] == [
        ("2022-zh/part0", "开头", "2022-zh/1.1"),
        ("2022-zh/part1", "一、2021年工作回顾", "2022-zh/3.1"),
        ("2022-zh/part2", "二、2022年经济社会发展总体要求和政策取向", "2022-zh/8.1"),
        ("2022-zh/part3", "三、2022年政府工作任务", "2022-zh/11.1"),
        ("2022-zh/part3.1", "（一）加大宏观政策实施力度。", "2022-zh/12.1"),
        ("2022-zh/part3.2", "（二）全面推进乡村振兴。", "2022-zh/13.1"),
        ("2022-zh/part3.3", "（三）有序推进碳达峰碳中和工作。", "2022-zh/14.1"),
        ("2022-zh/part3.4", "（四）持续改善民生。", "2022-zh/15.1"),
    ]
    assert (shown["date"], shown["event"]) == ("2022-03-05", "第十三届全国人民代表大会第五次会议")


@pytest.mark.parametrize(
    ("target", "title", "refs"),
    [
        ("2022-zh/part1", "一、2021年工作回顾", ["2022-zh/3.1", "2022-zh/4.1", "2022-zh/5.1", "2022-zh/5.2"]),
        ("2023-zh/part3.2", "（二）推进新型工业化。", ["2023-zh/13.1", "2023-zh/13.2"]),
        ("2020-zh/part2", "二、2020年工作安排", ["2020-zh/6.1", "2020-zh/7.1", "2020-zh/8.1", "2020-zh/9.1"]),
        ("2023-en/part1", "I. A Review of Our Work in 2022", ["2023-en/2.1"]),
    ],
)
def test_show_opens_a_part(fixture_corpus: Imported, target: str, title: str, refs: list[str]) -> None:
    shown = answer(fixture_corpus, "show", target)
    assert shown["title"] == title
    assert [s["ref"] for s in shown["statements"]][: len(refs)] == refs


def test_show_of_a_part_includes_its_sub_parts(fixture_corpus: Imported) -> None:
    shown = answer(fixture_corpus, "show", "2021-zh/part3")
    assert {s["section"] for s in shown["statements"]} == {
        "2021-zh/part3",
        "2021-zh/part3.1",
        "2021-zh/part3.2",
        "2021-zh/part3.3",
    }


@pytest.mark.parametrize(
    ("ref", "text", "section"),
    [
        ("2021-zh/7.2", "我们简化企业开办手续，稳住外贸外资基本盘，國民經濟循環逐步暢通。", "2021-zh/part1"),
        # the source's 城镇新增\u200b就业, and a line break inside the next paragraph, are gone
        ("2021-zh/5.2", "国内生产总值增长2.3%，城镇新增就业1186万人，居民消费价格上涨2.5%。", "2021-zh/part1"),
        (
            "2021-zh/6.2",
            "我们加大对农业农村的投入，改善乡村道路和供水设施，农民收入增长快于城镇居民。",
            "2021-zh/part1",
        ),
        ("2022-zh/14.2", "制定碳达峰行动方案，各地按照碳达峰要求推动能源结构逐步优化。", "2022-zh/part3.3"),
        ("2020-zh/7.1", "今年没有提出全年经济增速具体目标，主要考虑是疫情和经贸形势有很大不确定性。", "2020-zh/part2"),
        ("2023-en/4.3", "Grain output reached 1.37 trillion jin.", "2023-en/part1"),
    ],
)
def test_a_sentence_ref_opens_with_its_text(fixture_corpus: Imported, ref: str, text: str, section: str) -> None:
    shown = answer(fixture_corpus, "show", ref)
    assert (shown["ref"], shown["statement"]["text"], shown["section"]["id"]) == (ref, text, section)


def test_a_ref_beyond_a_report_says_what_the_report_has(fixture_corpus: Imported) -> None:
    result = cli(fixture_corpus, "show", "2023-zh/99.1")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("reportcli: no ref '2023-zh/99.1'; 2023-zh has paragraphs 1 to 16")


def test_reports_lists_the_directory_and_filters_by_year_and_language(fixture_corpus: Imported) -> None:
    listed = answer(fixture_corpus, "reports")
    assert [(r["id"], r["kind"], r["language"]) for r in listed] == [
        ("2020-zh", "full", "zh"),
        ("2021-zh", "full", "zh"),
        ("2022-zh", "full", "zh"),
        ("2023-en", "full", "en"),
        ("2023-zh", "full", "zh"),
    ]
    chinese = {r["id"]: (r["parts"], r["paragraphs"], r["statements"]) for r in listed if r["language"] == "zh"}
    assert chinese == {"2020-zh": (2, 11, 13), "2021-zh": (3, 16, 23), "2022-zh": (3, 17, 25), "2023-zh": (3, 16, 23)}
    assert next(r for r in listed if r["id"] == "2023-en")["paragraphs"] == 15  # one a line of 2023.txt
    assert [r["id"] for r in answer(fixture_corpus, "reports", "--year", "2021..2022")] == ["2021-zh", "2022-zh"]
    assert [r["id"] for r in answer(fixture_corpus, "reports", "--lang", "en")] == ["2023-en"]
    assert [r["id"] for r in answer(fixture_corpus, "reports", "--year", "2023", "--lang", "zh")] == ["2023-zh"]


def test_about_the_directory_names_its_sources_and_caveats(fixture_corpus: Imported) -> None:
    about = answer(fixture_corpus, "about")
    assert (about["reports"], about["years"], about["languages"]) == (5, "2020-2023", ["en", "zh"])
    assert {s["file"]: s["reports"] for s in about["sources"]} == {"reports.tsv": 1, "reports.jsonl": 3, "2023.txt": 1}
    assert [(c["report"], c["kind"]) for c in about["caveats"]] == [("2023-en", "partial")]
    unknown = cli(fixture_corpus, "about", "2022-zz")
    assert unknown.exit_code == 2 and "did you mean '2022-zh'" in unknown.stderr


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "tsv", "markdown"])
@pytest.mark.parametrize(
    "args",
    [
        ["reports"],
        ["about"],
        ["about", "2020-zh"],
        ["search", "乡村振兴", "--count"],
        ["trend", "碳达峰"],
        ["targets", "--year", "2022"],
        ["diff", "--from", "2022", "--to", "2023", "--terms"],
    ],
)
def test_the_commands_answer_in_every_format(fixture_corpus: Imported, args: list[str], fmt: str) -> None:
    result = cli(fixture_corpus, *args, "--format", fmt)
    assert result.exit_code == 0, result
    assert result.stderr == "" and result.stdout.endswith("\n")
    if fmt == "json":
        json.loads(result.stdout)
    elif fmt == "jsonl":
        assert all(json.loads(line) for line in result.stdout.splitlines())


# --- search ---------------------------------------------------------------------------------------------


def refs(hits: list[dict[str, Any]]) -> list[str]:
    return sorted(hit["ref"] for hit in hits)


def test_search_finds_a_chinese_phrase_in_every_report_that_holds_it(fixture_corpus: Imported) -> None:
    hits = answer(fixture_corpus, "search", "城镇调查失业率")
    assert refs(hits) == ["2020-zh/8.1", "2021-zh/9.1", "2022-zh/5.2", "2022-zh/9.1", "2023-zh/9.1"]
    for hit in hits:
        assert [hit["text"][a:b] for a, b in hit["spans"]] == ["城镇调查失业率"]
        assert hit["report"] == f"{hit['year']}-zh" and hit["language"] == "zh"


def test_search_counts_hits_per_report(fixture_corpus: Imported) -> None:
    counted = answer(fixture_corpus, "search", "乡村振兴", "--count")
    assert [(row["report"], row["year"], row["hits"]) for row in counted] == [
        ("2020-zh", 2020, 1),
        ("2021-zh", 2021, 2),
        ("2022-zh", 2022, 3),
        ("2023-zh", 2023, 2),
    ]


@pytest.mark.parametrize(
    ("years", "found"),
    [
        ("2022..", ["2022-zh/14.1", "2022-zh/14.2", "2023-zh/7.2"]),
        ("2023", ["2023-zh/7.2"]),
        ("..2022", ["2022-zh/14.1", "2022-zh/14.2"]),
        ("2021-2022", ["2022-zh/14.1", "2022-zh/14.2"]),
    ],
)
def test_search_by_year_range(fixture_corpus: Imported, years: str, found: list[str]) -> None:
    assert refs(answer(fixture_corpus, "search", "碳达峰", "--year", years)) == found


def test_a_year_range_that_hides_every_hit_says_so(fixture_corpus: Imported) -> None:
    hidden = cli(fixture_corpus, "search", "碳达峰", "--year", "2020..2021")
    assert (hidden.exit_code, hidden.stdout) == (1, "")
    assert "no match for '碳达峰' with --year 2020..2021, which hid 3 hits" in hidden.stderr


def test_search_by_language(fixture_corpus: Imported) -> None:
    assert refs(answer(fixture_corpus, "search", "national economy", "--lang", "en")) == ["2023-en/3.1"]
    english = ["2023-en/14.1", "2023-en/5.1"]
    assert refs(answer(fixture_corpus, "search", "rural revitalization", "--lang", "en")) == english
    assert {h["language"] for h in answer(fixture_corpus, "search", "国民经济", "--lang", "zh")} == {"zh"}
    hidden = cli(fixture_corpus, "search", "国民经济", "--lang", "en")
    assert hidden.exit_code == 1 and "with --lang en, which hid 3 hits" in hidden.stderr
    counted = answer(fixture_corpus, "search", "carbon", "--count")
    assert [(row["report"], row["hits"]) for row in counted] == [("2023-en", 1)]


@pytest.mark.parametrize("query", ["國民經濟", "国民经济"])
def test_traditional_and_simplified_characters_find_each_other(fixture_corpus: Imported, query: str) -> None:
    hits = answer(fixture_corpus, "search", query)
    assert refs(hits) == ["2021-zh/7.2", "2022-zh/4.1", "2023-zh/4.1"]
    highlighted = {hit["ref"]: [hit["text"][a:b] for a, b in hit["spans"]] for hit in hits}
    assert highlighted == {"2021-zh/7.2": ["國民經濟"], "2022-zh/4.1": ["国民经济"], "2023-zh/4.1": ["国民经济"]}


def test_a_word_split_by_a_zero_width_space_in_the_source_is_found(fixture_corpus: Imported) -> None:
    assert "城镇新增\u200b就业1186万人" in source_records()[(JSONL, 1)]
    assert refs(answer(fixture_corpus, "search", "城镇新增就业", "--year", "2021")) == ["2021-zh/5.2", "2021-zh/9.1"]


# --- trend ----------------------------------------------------------------------------------------------


def trend_rows(corpus: Imported, *args: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = answer(corpus, "trend", *args)
    return rows


@pytest.mark.parametrize("term", ["乡村振兴", "碳达峰", "国民经济", "留抵退税"])
def test_trend_counts_are_what_search_count_says(fixture_corpus: Imported, term: str) -> None:
    counted = {row["report"]: row["hits"] for row in answer(fixture_corpus, "search", term, "--count")}
    rows = trend_rows(fixture_corpus, term)
    assert [row["report"] for row in rows] == CHINESE  # a Chinese term: every Chinese report, none English
    assert {row["report"]: row["count"] for row in rows} == {r: counted.get(r, 0) for r in CHINESE}


def test_trend_counts_occurrences_and_rates_per_10000_characters(fixture_corpus: Imported) -> None:
    rows = trend_rows(fixture_corpus, "碳达峰")
    assert [(r["year"], r["count"], r["occurrences"], r["rate"]) for r in rows] == [
        (2020, 0, 0, 0.0),
        (2021, 0, 0, 0.0),
        (2022, 2, 3, 50.167),  # 2022-zh/14.2 holds it twice
        (2023, 1, 1, 19.724),
    ]
    characters = {r["id"]: r["characters"] for r in answer(fixture_corpus, "reports")}
    assert characters["2022-zh"] == 598 and characters["2023-zh"] == 507
    for row in rows + trend_rows(fixture_corpus, "乡村振兴"):
        assert row["rate"] == round(10_000 * row["occurrences"] / characters[row["report"]], 3)
        assert row["per"] == "10,000 characters"


def test_trend_of_an_english_term_counts_the_english_report(fixture_corpus: Imported) -> None:
    rows = trend_rows(fixture_corpus, "rural revitalization", "--lang", "en")
    assert [(r["report"], r["count"], r["occurrences"], r["per"]) for r in rows] == [("2023-en", 2, 2, "10,000 words")]
    assert (rows[0]["source"], rows[0]["searched"], rows[0]["via"]) == (
        "official translation",
        "rural revitalization",
        None,
    )


def test_trend_of_an_english_term_the_glossary_knows_covers_the_chinese_reports(fixture_corpus: Imported) -> None:
    """Every Chinese report counted as the entry's Chinese, each row saying so; the English as typed."""
    rows = trend_rows(fixture_corpus, "rural revitalization")
    chinese = [r for r in rows if r["language"] == "zh"]
    assert [r["report"] for r in chinese] == ["2020-zh", "2021-zh", "2022-zh", "2023-zh"]
    assert all(r["count"] for r in chinese)
    assert {(r["searched"], json.dumps(r["via"])) for r in chinese} == {
        ("乡村振兴", '{"glossary": "rural-revitalization", "source": "glossary"}')
    }
    assert [(r["report"], r["searched"]) for r in rows if r["language"] == "en"] == [
        ("2023-en", "rural revitalization")
    ]
    screen = " ".join(cli(fixture_corpus, "trend", "rural revitalization", env=TABLE).stdout.split())
    assert "rural revitalization: first 2020, last 2023" in screen
    assert (
        "counted in Chinese as 乡村振兴 (reportcli's glossary entry rural-revitalization, not the official translation)"
        in screen
    )


def test_the_trend_table_gives_each_terms_first_last_and_peak(fixture_corpus: Imported) -> None:
    screen = " ".join(cli(fixture_corpus, "trend", "碳达峰", "乡村振兴", env=TABLE).stdout.split())  # caption wraps
    assert "碳达峰: first 2022, last 2023, peak 2022 (50.167 per 10,000 characters), 4 times in all" in screen
    assert "乡村振兴: first 2020, last 2023, peak 2022 (50.167 per 10,000 characters), 8 times in all" in screen


def parse(fmt: str, text: str) -> list[dict[str, str]]:
    if fmt in ("csv", "tsv"):
        return list(csv.DictReader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t"))
    if fmt == "jsonl":
        return [{k: str(v) for k, v in json.loads(line).items()} for line in text.splitlines()]
    return [{k: str(v) for k, v in row.items()} for row in json.loads(text)]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv"])
def test_trend_is_long_form_a_row_per_term_and_report(fixture_corpus: Imported, fmt: str) -> None:
    result = cli(fixture_corpus, "trend", "碳达峰", "新型工业化", "--format", fmt)
    assert result.exit_code == 0, result
    rows = parse(fmt, result.stdout)
    assert list(rows[0]) == [
        "term",
        "year",
        "report",
        "language",
        "count",
        "occurrences",
        "rate",
        "per",
        "source",
        "searched",
        "via",
        "report_caveats",
    ]
    assert [(r["term"], r["report"], r["count"]) for r in rows] == [
        ("碳达峰", "2020-zh", "0"),
        ("碳达峰", "2021-zh", "0"),
        ("碳达峰", "2022-zh", "2"),
        ("碳达峰", "2023-zh", "1"),
        ("新型工业化", "2020-zh", "0"),
        ("新型工业化", "2021-zh", "0"),
        ("新型工业化", "2022-zh", "0"),
        ("新型工业化", "2023-zh", "2"),
    ]


def test_trend_of_a_term_found_nowhere_says_so(fixture_corpus: Imported) -> None:
    result = cli(fixture_corpus, "trend", "碳达峰", "--year", "2020..2021")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "found in no report of those chosen" in result.stderr


# --- targets --------------------------------------------------------------------------------------------


def targets(corpus: Imported, *args: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = answer(corpus, "targets", *args)
    return rows


TARGETS = [
    # year, indicator, value, qualifier, the words that state it, stated unit, unit, ref
    (2022, "gdp-growth", 5.5, "around", "国内生产总值增长5.5%左右", "%", "percent", "2022-zh/9.1"),
    (2022, "new-urban-jobs", 11_000_000, "at least", "城镇新增就业1100万人以上", "万人", "people", "2022-zh/9.1"),
    (2022, "unemployment-surveyed", 5.5, "at most", "城镇调查失业率全年控制在5.5%以内", "%", "percent", "2022-zh/9.1"),
    (2022, "cpi", 3, "around", "居民消费价格涨幅3%左右", "%", "percent", "2022-zh/9.1"),
    (2022, "grain-output", 650_000_000, "at least", "粮食产量保持在1.3万亿斤以上", "万亿斤", "tonnes", "2022-zh/9.1"),
    (2022, "deficit-ratio", 2.8, "around", "赤字率拟按2.8%左右", "%", "percent", "2022-zh/10.1"),
    (2022, "deficit", 3_370_000_000_000, None, "赤字规模3.37万亿元", "万亿元", "yuan", "2022-zh/10.1"),
    (2023, "new-urban-jobs", 12_000_000, "around", "城镇新增就业1200万人左右", "万人", "people", "2023-zh/9.1"),
    (2023, "deficit-ratio", 3, None, "赤字率拟按3%", "%", "percent", "2023-zh/10.1"),
    (2023, "deficit", 3_880_000_000_000, None, "赤字规模3.88万亿元", "万亿元", "yuan", "2023-zh/10.1"),
    (2021, "gdp-growth", 6, "at least", "国内生产总值增长6%以上", "%", "percent", "2021-zh/9.1"),
    (2021, "deficit", 3_570_000_000_000, None, "赤字规模3.57万亿元", "万亿元", "yuan", "2021-zh/10.1"),
    (2020, "deficit-ratio", 3.6, "at least", "赤字率拟按3.6%以上", "%", "percent", "2020-zh/9.1"),
    (2020, "new-urban-jobs", 9_000_000, "at least", "城镇新增就业900万人以上", "万人", "people", "2020-zh/8.1"),
]


@pytest.mark.parametrize(("year", "indicator", "value", "qualifier", "stated", "stated_unit", "unit", "ref"), TARGETS)
def test_a_target_is_read_off_the_targets_paragraph_or_the_budget_sentence(
    fixture_corpus: Imported,
    year: int,
    indicator: str,
    value: float,
    qualifier: str | None,
    stated: str,
    stated_unit: str,
    unit: str,
    ref: str,
) -> None:
    [row] = targets(fixture_corpus, "--year", str(year), "--indicator", indicator)
    assert (row["status"], row["value"], row["high"], row["qualifier"]) == ("set", value, None, qualifier)
    assert (row["stated"], row["stated_unit"], row["unit"], row["ref"]) == (stated, stated_unit, unit, ref)
    assert row["report"] == f"{year}-zh"
    opened = answer(fixture_corpus, "show", ref)
    assert stated in opened["statement"]["text"] and opened["section"]["id"] == f"{year}-zh/part2"


def test_each_year_sets_the_targets_its_text_states_and_no_review_figure_is_taken(fixture_corpus: Imported) -> None:
    rows = [r for r in targets(fixture_corpus) if r["status"] is not None]  # a target, not only an outcome
    every = {"gdp-growth", "cpi", "new-urban-jobs", "unemployment-surveyed", "deficit-ratio", "deficit", "grain-output"}
    by_year = {year: {r["indicator"] for r in rows if r["year"] == year} for year in (2020, 2021, 2022, 2023)}
    assert by_year == {
        2020: {"gdp-growth", "cpi", "new-urban-jobs", "unemployment-surveyed", "deficit-ratio"},
        2021: every,
        2022: every,
        2023: every,
    }
    assert len(rows) == 26 and {r["report"] for r in rows} == set(CHINESE)
    # Every row comes from part 二 (the year's targets and budget), none from the review of the year before.
    sections = {r["ref"]: answer(fixture_corpus, "show", r["ref"])["section"]["id"] for r in rows}
    assert {ref: section.split("/")[1] for ref, section in sections.items()} == {ref: "part2" for ref in sections}


def test_a_year_that_sets_no_growth_target_says_so_with_its_sentence(fixture_corpus: Imported) -> None:
    [row] = targets(fixture_corpus, "--year", "2020", "--indicator", "gdp-growth")
    assert (row["status"], row["value"], row["qualifier"], row["ref"]) == ("not set", None, None, "2020-zh/7.1")
    assert row["stated"] == "今年没有提出全年经济增速具体目标，主要考虑是疫情和经贸形势有很大不确定性。"
    # "财政赤字规模比去年增加1万亿元" states a change, not the deficit: 2020 has no deficit row.
    assert cli(fixture_corpus, "targets", "--year", "2020", "--indicator", "deficit").exit_code == 1


def test_targets_filter_by_year_and_indicator(fixture_corpus: Imported) -> None:
    rows = targets(fixture_corpus, "--year", "2021..2022", "--indicator", "gdp-growth")
    assert [(r["year"], r["value"], r["qualifier"]) for r in rows] == [(2021, 6, "at least"), (2022, 5.5, "around")]
    assert [r["year"] for r in targets(fixture_corpus, "--year", "2022..", "--indicator", "cpi")] == [2022, 2023]
    reviewed = targets(fixture_corpus, "--year", "2019")  # no report of 2019; 2020's review states its outcomes
    assert {(r["status"], r["result"], r["outcome"]["report"]) for r in reviewed} == {(None, "not set", "2020-zh")}
    missing = cli(fixture_corpus, "targets", "--year", "2018")
    assert (missing.exit_code, missing.stdout) == (2, "")
    assert missing.stderr == "reportcli: no text for 2018; years available: 2019, 2020, 2021, 2022, 2023\n"
    unknown = cli(fixture_corpus, "targets", "--indicator", "inflation")
    assert unknown.exit_code == 2 and "no indicator 'inflation'" in unknown.stderr


def test_a_target_a_loaded_report_does_not_set_is_not_blamed_on_a_missing_corpus(fixture_corpus: Imported) -> None:
    result = cli(fixture_corpus, "targets", "--year", "2020", "--indicator", "deficit")
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr == "reportcli: no target or outcome for 2020 and deficit in the 4 full Chinese reports loaded\n"
    )


# --- the report diff -------------------------------------------------------------------------------------


def pairs(diff: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((c["from_ref"], c["to_ref"]) for c in diff["continued"])


CONTINUED = [  # 2022 -> 2023, one to one (the salutations set aside)
    ("2022-zh/10.1", "2023-zh/10.1"),
    ("2022-zh/11.1", "2023-zh/11.1"),
    ("2022-zh/13.1", "2023-zh/14.1"),  # （二）全面推进乡村振兴。 -> （三）: the same words, once
    ("2022-zh/14.1", "2023-zh/7.2"),
    ("2022-zh/17.1", "2023-zh/16.1"),
    ("2022-zh/2.1", "2023-zh/2.1"),
    ("2022-zh/3.1", "2023-zh/3.1"),
    ("2022-zh/4.1", "2023-zh/4.1"),
    ("2022-zh/5.2", "2023-zh/5.2"),
    ("2022-zh/5.3", "2023-zh/5.3"),
    ("2022-zh/6.1", "2023-zh/6.1"),
    ("2022-zh/6.2", "2023-zh/6.2"),
    ("2022-zh/8.1", "2023-zh/8.1"),
    ("2022-zh/9.1", "2023-zh/9.1"),
]
NEW = ["2023-zh/12.1", "2023-zh/12.2", "2023-zh/13.1", "2023-zh/13.2", "2023-zh/14.2", "2023-zh/5.1", "2023-zh/7.1"]
DROPPED = [
    "2022-zh/12.1",
    "2022-zh/12.2",
    "2022-zh/13.2",
    "2022-zh/14.2",
    "2022-zh/15.1",
    "2022-zh/15.2",
    "2022-zh/5.1",
    "2022-zh/7.1",
    "2022-zh/7.2",
]


def test_the_report_diff_pairs_continued_sentences_and_lists_new_and_dropped_ones(fixture_corpus: Imported) -> None:
    diff = answer(fixture_corpus, "diff", "--from", "2022", "--to", "2023")
    assert (diff["reports"], diff["from"], diff["to"]) == ({"from": "2022-zh", "to": "2023-zh"}, 2022, 2023)
    assert pairs(diff) == CONTINUED
    assert refs(diff["new"]) == NEW and refs(diff["dropped"]) == DROPPED
    # the salutations are neither paired nor new nor dropped: set aside, each with the reason
    assert [(s["ref"], s["reason"]) for s in diff["set_aside"]] == [
        ("2022-zh/1.1", "salutation"),
        ("2022-zh/16.1", "salutation"),
        ("2023-zh/1.1", "salutation"),
        ("2023-zh/15.1", "salutation"),
    ]
    assert diff["counts"] == {"continued": 14, "changed": 12, "new": 7, "dropped": 9, "set_aside": 4}
    review = next(c for c in diff["continued"] if c["from_ref"] == "2022-zh/4.1")
    assert review["related"] is True  # similar, not the same sentence
    assert [(c["op"], c["text"]) for c in review["changes"]] == [
        ("equal", "过去一年，我们"),
        ("removed", "统筹发展和安全"),
        ("added", "顶住超预期因素冲击"),
        ("equal", "，国民经济"),
        ("removed", "持续恢复"),
        ("added", "总体稳定"),
        ("equal", "，全年主要目标任务"),
        ("removed", "较好"),
        ("added", "基本"),
        ("equal", "完成。"),
    ]
    same = next(c for c in diff["continued"] if c["from_ref"] == "2022-zh/5.3")
    assert (same["similarity"], same["related"], same["from_text"]) == (1.0, False, "粮食产量达到1.37万亿斤。")


def test_the_report_diff_pairs_parts_by_their_headings(fixture_corpus: Imported) -> None:
    diff = answer(fixture_corpus, "diff", "--from", "2022", "--to", "2023")
    assert [(p["status"], p["from"], p["to"]) for p in diff["parts"]] == [
        ("continued", "2022-zh/part0", "2023-zh/part0"),
        ("continued", "2022-zh/part1", "2023-zh/part1"),
        ("continued", "2022-zh/part2", "2023-zh/part2"),
        ("continued", "2022-zh/part3", "2023-zh/part3"),
        ("continued", "2022-zh/part3.2", "2023-zh/part3.3"),  # （二）全面推进乡村振兴 became （三）
        ("new", None, "2023-zh/part3.1"),  # （一）着力扩大国内需求: its list number is no reason to pair it
        ("new", None, "2023-zh/part3.2"),
        ("dropped", "2022-zh/part3.1", None),
        ("dropped", "2022-zh/part3.3", None),
        ("dropped", "2022-zh/part3.4", None),
    ]


def term_counts(rows: list[dict[str, Any]], group: str) -> dict[str, tuple[int, int]]:
    return {row["term"]: (row["from_count"], row["to_count"]) for row in rows if row.get("group", group) == group}


def test_the_report_diff_names_new_dropped_and_shared_terms(fixture_corpus: Imported) -> None:
    terms = answer(fixture_corpus, "diff", "--from", "2022", "--to", "2023")["terms"]
    assert terms["new"][0]["term"] == "新型工业化" and term_counts(terms["new"], "new")["新型工业化"] == (0, 2)
    assert terms["dropped"][0]["term"] == "留抵退税" and term_counts(terms["dropped"], "dropped")["留抵退税"] == (2, 0)
    shared = term_counts(terms["shared"], "shared")
    assert shared["碳达峰"] == (3, 1) and shared["乡村振兴"] == (3, 2)
    listed = answer(fixture_corpus, "diff", "--from", "2022", "--to", "2023", "--terms")
    assert {row["group"] for row in listed} == {"new", "dropped", "shared"}
    for group in ("new", "dropped", "shared"):  # --terms lists exactly the full diff's terms
        assert [r["term"] for r in listed if r["group"] == group] == [t["term"] for t in terms[group]]
    earlier = answer(fixture_corpus, "diff", "--from", "2021", "--to", "2022", "--terms")
    assert term_counts(earlier, "new")["碳达峰"] == (0, 3)  # the year it first appears


def test_the_reverse_report_diff_mirrors_the_forward_one(fixture_corpus: Imported) -> None:
    forward = answer(fixture_corpus, "diff", "--from", "2022", "--to", "2023")
    backward = answer(fixture_corpus, "diff", "--from", "2023", "--to", "2022")
    assert backward["reports"] == {"from": "2023-zh", "to": "2022-zh"}
    assert pairs(backward) == sorted((b, a) for a, b in pairs(forward))
    assert refs(backward["new"]) == refs(forward["dropped"]) and refs(backward["dropped"]) == refs(forward["new"])
    assert [t["term"] for t in backward["terms"]["new"]] == [t["term"] for t in forward["terms"]["dropped"]]
    assert [t["term"] for t in backward["terms"]["dropped"]] == [t["term"] for t in forward["terms"]["new"]]


@pytest.mark.parametrize(
    ("args", "there_are"),
    [
        (["--from", "2020", "--to", "2023", "--lang", "en"], "2020-zh, 2023-en, 2023-zh"),
        (["--from", "2022", "--to", "2023", "--lang", "en"], "2022-zh, 2023-en, 2023-zh"),
        (["--from", "2019", "--to", "2020"], "2020-zh"),
    ],
)
def test_a_report_diff_without_two_reports_in_one_language_is_refused(
    fixture_corpus: Imported, args: list[str], there_are: str
) -> None:
    result = cli(fixture_corpus, "diff", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    years = f"{args[1]} and {args[3]}"
    assert result.stderr == (
        f"reportcli: no two full reports of {years} in the same language to compare (there are: {there_are})\n"
    )


def test_the_report_diff_is_the_same_from_run_to_run(fixture_corpus: Imported) -> None:
    outputs = set()
    for seed in ("10", "18", "22", "25"):  # seeds that, on CPython 3.11, give both pairings
        command = [sys.executable, "-m", "reportcli", "--no-cache", "--data", str(fixture_corpus.out)]
        env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1", "REPORTCLI_DATA": ""}
        done = subprocess.run(
            [*command, "diff", "--from", "2022", "--to", "2023", "--json"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


# --- export ---------------------------------------------------------------------------------------------


def test_export_writes_the_directory_to_sqlite(fixture_corpus: Imported, tmp_path: Path) -> None:
    database = tmp_path / "fixture.db"
    written = answer(fixture_corpus, "export", str(database))
    counts = {row["table"]: row["rows"] for row in written["tables"]}
    statements_listed = sum(r["statements"] for r in answer(fixture_corpus, "reports"))
    sections = {report: len(answer(fixture_corpus, "show", report)["sections"]) for report in IDS}
    assert [sections[r] for r in CHINESE] == [3, 7, 8, 7]  # the opening, the parts, the sub-parts
    listed = answer(fixture_corpus, "reports")
    assert counts == {
        "reports": 5,
        "caveats": sum(len(r["caveats"]) for r in listed),
        "metadata_sources": sum(len(r["sources"]) for r in listed),
        "sections": sum(sections.values()),
        "statements": statements_listed,
        "notes": 0,
        "repairs": 0,
        "official": 0,
        # the targets and the outcomes the reviews state, and a target a report says it does not set
        "figures": len(answer(fixture_corpus, "figures"))
        + sum(r["status"] == "not set" for r in targets(fixture_corpus)),
        "statements_zh": sum(r["statements"] for r in answer(fixture_corpus, "reports") if r["language"] == "zh"),
    }
    with sqlite3.connect(database) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"reports", "sections", "statements", "figures", "statements_fts", "statements_zh_fts"} <= tables
        for table, n in counts.items():
            assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == n
        assert db.execute("SELECT date, event, speaker, source_file FROM reports WHERE id = '2020-zh'").fetchone() == (
            "2020-05-22",
            "第十三届全国人民代表大会第三次会议",
            "林正远",
            "reports.tsv",
        )
        assert db.execute("SELECT text FROM statements WHERE ref = '2021-zh/7.2'").fetchone()[0].endswith("逐步暢通。")
        assert db.execute(
            "SELECT value, unit, qualifier, ref FROM figures WHERE id = '2022-zh-target-gdp-growth'"
        ).fetchone() == (5.5, "percent", "around", "2022-zh/9.1")
        english = "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'revitalization'"
        assert db.execute(english).fetchone()[0] == 2
        # a script can tell a target from an outcome, and a period's figure from a year's
        kinds = dict(db.execute("SELECT kind, count(*) FROM figures GROUP BY kind").fetchall())
        assert kinds == {
            kind: sum(f["kind"] == kind for f in answer(fixture_corpus, "figures"))
            + (kind == "target") * sum(r["status"] == "not set" for r in targets(fixture_corpus))
            for kind in kinds
        }
        assert {"target", "outcome"} <= set(kinds)
        assert db.execute("SELECT kind, basis FROM figures WHERE id = '2022-zh-target-gdp-growth'").fetchone() == (
            "target",
            None,
        )
        outcomes = db.execute("SELECT DISTINCT basis FROM figures WHERE kind = 'outcome'").fetchall()
        assert outcomes and all(basis in ("annual", "year-end") for (basis,) in outcomes)
        # the fixture's reviews state no five-year figures: tests/real/test_real_targets.py exports those
        assert db.execute("SELECT count(*) FROM figures WHERE period_from IS NOT NULL").fetchone() == (0,)


@pytest.mark.parametrize("word", ["碳达峰", "乡村振兴", "国民经济", "留抵退税"])
def test_the_export_searches_chinese_through_sqlite_utils_as_reportcli_does(
    fixture_corpus: Imported, tmp_path: Path, word: str
) -> None:
    """statements_zh_fts (trigrams) finds a Chinese word wherever it stands, as reportcli finds it (国民经济
    in 2021's traditional 國民經濟 too); statements_fts (Porter) serves English and finds none of them."""
    sqlite_utils = pytest.importorskip("sqlite_utils", reason="sqlite-utils is a test dependency ('.[test]')")
    database = tmp_path / "fixture.db"
    assert cli(fixture_corpus, "export", str(database)).exit_code == 0
    db = sqlite_utils.Database(database)
    assert db["statements_zh"].detect_fts() == "statements_zh_fts"
    exported = {row["ref"] for row in db["statements_zh"].search(word)}
    searched = {h["ref"] for h in answer(fixture_corpus, "search", word) if "text" in h["matched_in"]}
    assert exported == searched and len(searched) >= 2
    assert [row["ref"] for row in db["statements"].search(word)] == []  # the English index: no Chinese word
    cli_search = subprocess.run(
        [
            str(Path(sys.executable).with_name("sqlite-utils")),
            "search",
            str(database),
            "statements_zh",
            word,
            "-c",
            "ref",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if cli_search.returncode == 0:  # the command line of sqlite-utils, where it is installed beside Python
        assert {row["ref"] for row in json.loads(cli_search.stdout)} == searched


def test_the_summary_export_searches_the_official_chinese_words(tmp_path: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils", reason="sqlite-utils is a test dependency ('.[test]')")
    database = tmp_path / "summary.db"
    assert run("export", str(database)).exit_code == 0
    db = sqlite_utils.Database(database)
    assert db["official"].detect_fts() == "official_fts" and db["statements_zh"].count == 0
    quoted = {row["ref"] for row in db["official"].search("碳达峰")}
    searched = {h["ref"] for h in json.loads(run("search", "碳达峰", "--json").stdout) if "official" in h["matched_in"]}
    assert quoted == searched == {"ecology/2023/1.9", "ecology/2024/4.1", "ecology/2024/4.2"}


# --- bad input -----------------------------------------------------------------------------------------------


def broken_jsonl(text: str) -> str:
    lines = text.split("\n")
    lines[1] = json.dumps({"title": "x", "content": 1, "year": "2022"})
    return "\n".join(lines)


def broken_csv(text: str) -> str:
    lines = text.split("\n")
    lines[3] = lines[3].replace("2023,", "2024,", 1)
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("name", "spoil", "message"),
    [
        (JSONL, broken_jsonl, ":2: expected 'title' and 'content' as text"),
        (TSV, lambda text: text + "not a line\n", ":3: expected YEAR<TAB>TEXT, got 'not a line'"),
        (CSV, broken_csv, ":4: a second year (2024) in one file"),
        (TEXT, lambda text: "# source: a rendering\n" + text.split("\n", 1)[1], ":1: cannot tell the report's year"),
    ],
)
def test_a_spoilt_input_is_refused_in_one_line_naming_the_line(
    tmp_path: Path, name: str, spoil: Callable[[str], str], message: str
) -> None:
    target = tmp_path / ("notes.txt" if name == TEXT else name)  # a text file's name may give its year
    target.write_text(spoil((FIXTURES / name).read_text(encoding="utf-8")), encoding="utf-8")
    result = run("import", str(target), "--out", str(tmp_path / "out"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"reportcli: {target}{message}") and result.stderr.count("\n") == 1
    assert not list((tmp_path / "out").glob("*.yaml"))


def test_a_file_given_twice_is_refused(tmp_path: Path) -> None:
    result = run("import", str(FIXTURES / JSONL), str(FIXTURES / JSONL), "--out", str(tmp_path / "out"))
    assert (result.exit_code, result.stderr) == (2, "reportcli: reports.jsonl is given twice\n")
    assert not (tmp_path / "out").exists()


# --- what the English import gets wrong (issue 20) -----------------------------------------------------------


def test_the_english_report_has_its_three_parts(fixture_corpus: Imported) -> None:
    shown = answer(fixture_corpus, "show", "2023-en")
    parts = ["2023-en/part0", "2023-en/part1", "2023-en/part2", "2023-en/part3"]
    assert [s["id"] for s in shown["sections"]] == [*parts, "2023-en/part3.1", "2023-en/part3.2", "2023-en/part3.3"]


def test_no_english_sentence_is_only_a_number(fixture_corpus: Imported) -> None:
    texts = [s["text"] for s in statements(fixture_corpus, "2023-en")]
    assert "I. A Review of Our Work in 2022" in texts and "1. Expanding domestic demand" in texts
    assert not [t for t in texts if t.rstrip(".").isdigit() or t.rstrip(".") in ("I", "II", "III")]


# --- the corpus in reach of a command that read the summary ----------------------------------------------


@pytest.fixture
def imported_home(fixture_corpus: Imported, tmp_path: Path) -> dict[str, str]:
    """The fixture reports imported where `--corpus` reads them (a private directory of this test's),
    as the environment of a run that names no data."""
    home = tmp_path / "home"
    reports = home / "reports"
    reports.mkdir(parents=True)
    home.chmod(0o700)
    reports.chmod(0o700)
    for path in fixture_corpus.out.glob("*.yaml"):
        (reports / path.name).write_bytes(path.read_bytes())
    return {"REPORTCLI_CORPUS_DIR": str(home)}


def test_a_miss_in_the_summary_says_what_the_imported_corpus_has(imported_home: dict[str, str]) -> None:
    reports = Path(imported_home["REPORTCLI_CORPUS_DIR"]) / "reports"
    # the corpus's database not built yet: the line says where the corpus is, and never waits to build it
    cold = run("search", "新型工业化", env=imported_home)
    assert (cold.exit_code, cold.stdout) == (1, "")
    first, second = cold.stderr.splitlines()
    assert first.startswith("reportcli: no ")  # the summary's own answer, first
    assert second == (
        f"reportcli: this read the summary alone; the corpus imported in {reports} may have it: "
        "reportcli --corpus search 新型工业化"
    )
    found = run("--corpus", "search", "新型工业化", "--json", env=imported_home)  # the command it names
    assert found.exit_code == 0
    hits = json.loads(found.stdout)
    assert {h["report"] for h in hits} == {"2023-zh"} and len(hits) == 2
    # built (and cached) now: the line says how much the corpus has
    warm = run("search", "新型工业化", "--json", env=imported_home)
    assert (warm.exit_code, warm.stdout) == (1, "[]\n")  # the result is still the summary's
    assert warm.stderr.splitlines()[1] == (
        "reportcli: the imported corpus (5 reports) has 2 hits: reportcli --corpus search 新型工业化 --json"
    )


@pytest.mark.parametrize(
    ("args", "has"),
    [
        (["show", "2023-zh/5.3"], "has it"),  # a ref of the corpus: the summary has no such ref (exit 2)
        (["targets"], "has 26 targets and 16 outcomes"),  # the summary sets no targets (exit 1)
        (["search", "留抵退税", "--count"], "has 2 hits"),  # only in 2022-zh
    ],
)
def test_the_commands_that_read_the_summary_point_to_the_corpus(
    imported_home: dict[str, str], args: list[str], has: str
) -> None:
    run("--corpus", "reports", env=imported_home)  # the corpus built into the cache
    missed = run(*args, env=imported_home)
    assert missed.exit_code in (1, 2) and missed.stdout in ("", "[]\n")
    command = " ".join(["reportcli", "--corpus", *args])
    assert missed.stderr.splitlines()[-1] == f"reportcli: the imported corpus (5 reports) {has}: {command}"
    assert run("--corpus", *args, env=imported_home).exit_code == 0


def test_no_corpus_line_when_the_data_was_chosen_or_the_corpus_has_nothing_either(
    imported_home: dict[str, str],
) -> None:
    run("--corpus", "reports", env=imported_home)
    summary = str(Path(__file__).resolve().parents[1] / "data" / "report.yaml")
    chosen = run("--data", summary, "search", "新型工业化", env=imported_home)
    assert chosen.exit_code == 1 and "corpus" not in chosen.stderr
    nowhere = run("search", "xyzzy", env=imported_home)
    assert nowhere.exit_code == 1 and len(nowhere.stderr.splitlines()) == 1


# --- search by year, keyword in context ------------------------------------------------------------------


def test_search_sorted_by_year_lists_the_same_hits_earliest_first(fixture_corpus: Imported) -> None:
    by_rank = answer(fixture_corpus, "search", "乡村振兴")
    by_year = answer(fixture_corpus, "search", "乡村振兴", "--sort", "year")
    assert sorted(h["ref"] for h in by_year) == sorted(h["ref"] for h in by_rank)
    assert [h["year"] for h in by_year] == [2020, 2021, 2021, 2022, 2022, 2022, 2023, 2023]
    first_two = answer(fixture_corpus, "search", "乡村振兴", "--sort", "year", "--limit", "2")
    assert [h["year"] for h in first_two] == [2020, 2021]  # sorted, then cut: the earliest


def test_kwic_of_a_chinese_word_shows_it_as_each_report_writes_it(fixture_corpus: Imported) -> None:
    lines = answer(fixture_corpus, "search", "国民经济", "--kwic", "--sort", "year")
    assert [(ln["report"], ln["match"]) for ln in lines] == [
        ("2021-zh", "國民經濟"),  # the 2021 text writes it in traditional characters
        ("2022-zh", "国民经济"),
        ("2023-zh", "国民经济"),
    ]
    assert lines[1]["left"] == "过去一年，我们统筹发展和安全，" and lines[1]["right"].startswith("持续恢复")


# --- diff --only, diff REF REF -----------------------------------------------------------------------------


def test_diff_only_keeps_one_kind_and_the_counts_of_the_whole(fixture_corpus: Imported) -> None:
    whole = answer(fixture_corpus, "diff", "--from", "2022", "--to", "2023")
    new = answer(fixture_corpus, "diff", "--from", "2022", "--to", "2023", "--only", "new")
    assert (new["continued"], new["dropped"], refs(new["new"])) == ([], [], NEW)
    assert new["counts"] == whole["counts"]
    assert [t["term"] for t in new["terms"]["new"]] == [t["term"] for t in whole["terms"]["new"]]
    assert new["terms"]["dropped"] == [] and new["terms"]["shared"] == []
    changed = answer(fixture_corpus, "diff", "--from", "2022", "--to", "2023", "--only", "changed")
    assert changed["new"] == [] and changed["dropped"] == []
    assert len(changed["continued"]) == whole["counts"]["changed"] < len(whole["continued"])
    assert all(any(c["op"] != "equal" for c in pair["changes"]) for pair in changed["continued"])
    unchanged = {p["from_ref"] for p in whole["continued"]} - {p["from_ref"] for p in changed["continued"]}
    assert "2022-zh/5.3" in unchanged  # 粮食产量达到1.37万亿斤。 both years
    terms = cli(fixture_corpus, "diff", "--from", "2022", "--to", "2023", "--terms", "--only", "dropped")
    assert {line.split("\t")[0] for line in terms.stdout.splitlines()} == {"dropped"}
    shown = cli(fixture_corpus, "diff", "--from", "2022", "--to", "2023", "--only", "new", env=TABLE).stdout
    assert "only the new statements (--only new)" in shown and "Dropped after" not in shown
    assert "Continued" not in shown
    wrong = cli(fixture_corpus, "diff", "--from", "2022", "--to", "2023", "--only", "kept")
    assert wrong.exit_code == 2 and wrong.stderr == "reportcli: --only takes new, dropped, changed, not 'kept'\n"


def test_diff_of_two_named_reports_or_parts(fixture_corpus: Imported) -> None:
    by_years = answer(fixture_corpus, "diff", "--from", "2022", "--to", "2023")
    by_refs = answer(fixture_corpus, "diff", "2022-zh", "2023-zh")
    assert pairs(by_refs) == pairs(by_years) == CONTINUED
    assert by_refs["compared"] == {"from": "2022-zh", "to": "2023-zh"}
    parts = answer(fixture_corpus, "diff", "2022-zh/part3", "2023-zh/part3")  # the tasks, with their sub-parts
    assert parts["compared"] == {"from": "2022-zh/part3", "to": "2023-zh/part3"}
    every = {p["from_ref"] for p in parts["continued"]} | {s["ref"] for s in parts["dropped"]}
    assert every and all(ref.startswith("2022-zh/") for ref in every)
    assert {(p["from"], p["to"]) for p in parts["parts"] if p["status"] == "continued"} >= {
        ("2022-zh/part3", "2023-zh/part3"),
        ("2022-zh/part3.2", "2023-zh/part3.3"),
    }
    assert ("2022-zh/13.1", "2023-zh/14.1") in pairs(parts)  # （二）全面推进乡村振兴 -> （三）
    missing = cli(fixture_corpus, "diff", "2022-zh/part9", "2023-zh/part3")
    assert missing.exit_code == 2 and missing.stderr.startswith("reportcli: 2022-zh has no 2022-zh/part9; its parts: ")
    neither = cli(fixture_corpus, "diff", "ecology", "2023-zh")
    assert neither.exit_code == 2 and "diff compares two reports or two parts: 'ecology' is neither" in neither.stderr


def test_the_corpus_line_counts_what_a_trend_finds(imported_home: dict[str, str]) -> None:
    run("--corpus", "reports", env=imported_home)
    missed = run("trend", "碳达峰", "留抵退税", env=imported_home)
    occurrences = answer_with(imported_home, "--corpus", "trend", "碳达峰", "留抵退税")
    said = sum(row["occurrences"] for row in occurrences)
    places = len({row["report"] for row in occurrences if row["count"]})
    assert (said, places) == (6, 2)  # 碳达峰 three times in 2022 and once in 2023, 留抵退税 twice in 2022
    assert missed.stderr.splitlines()[-1] == (
        f"reportcli: the imported corpus (5 reports) has {said} occurrences in {places} reports: "
        "reportcli --corpus trend 碳达峰 留抵退税"
    )


def answer_with(env: dict[str, str], *args: str) -> Any:
    result = run(*args, "--json", env=env)
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def test_an_english_query_reaches_the_chinese_reports_through_the_glossary(fixture_corpus: Imported) -> None:
    """rural revitalization is a glossary entry (乡村振兴): the English reports by their words, every
    Chinese report by the entry's form; each Chinese hit says which form reached it, from which entry,
    as the glossary's (not the official translation's)."""
    hits = answer(fixture_corpus, "search", "rural revitalization")
    english = [h for h in hits if h["language"] == "en"]
    chinese = [h for h in hits if h["language"] == "zh"]
    assert refs(english) == ["2023-en/14.1", "2023-en/5.1"] and all(h["via"] == [] for h in english)
    assert sorted({h["report"] for h in chinese}) == ["2020-zh", "2021-zh", "2022-zh", "2023-zh"]
    for hit in chinese:
        assert hit["via"] == [
            {
                "term": "rural revitalization",
                "glossary": "rural-revitalization",
                "matched": ["乡村振兴"],
                "source": "glossary",
            }
        ]
        assert [hit["text"][a:b] for a, b in hit["spans"]] == ["乡村振兴"] * len(hit["spans"])
        assert hit["source"] == "official text"
    table = cli(fixture_corpus, "search", "rural revitalization")
    assert table.stderr == ""  # piped: what was searched is in each hit of the JSON, not said twice


def test_an_english_word_the_glossary_lacks_searches_english_only_and_says_so(fixture_corpus: Imported) -> None:
    result = cli(fixture_corpus, "search", "economy", "--json")
    assert result.exit_code == 0 and {h["language"] for h in json.loads(result.stdout)} == {"en"}
    assert result.stderr == (
        "reportcli: 'economy' is not in reportcli's glossary: searched in the English texts only (the official "
        "English translation covers 2024-2026 only, and each report partly); a Chinese term searches the "
        "Chinese reports\n"
    )


def test_trend_says_which_english_words_it_counted_in_english_only(fixture_corpus: Imported) -> None:
    one = cli(fixture_corpus, "trend", "economy", "--json")
    assert "reportcli: 'economy' is not in reportcli's glossary: counted in the English texts only" in one.stderr
    assert {row["language"] for row in json.loads(one.stdout)} == {"en"}  # no row of zeros for each Chinese year
    two = cli(fixture_corpus, "trend", "economy", "growth", "--json")
    assert "'economy' and 'growth' are not in reportcli's glossary: counted in the English texts only" in two.stderr
    known = cli(fixture_corpus, "trend", "rural revitalization", "--json")
    assert "glossary" not in known.stderr


def test_show_and_search_give_a_chinese_sentence_its_official_english_in_the_table(fixture_corpus: Imported) -> None:
    """The pairs of the parallel CSV link 2023-zh/7.2 to 2023-en/6.2: show prints the English under the
    Chinese, with its ref and whose words it is; search does with --official, and tags each hit."""
    english = "We worked steadily toward peaking carbon emissions and carbon neutrality"
    shown = cli(fixture_corpus, "show", "2023-zh/7.2", env=TABLE).stdout
    assert english in " ".join(shown.split()) and "2023-en/6.2  official translation" in shown
    back = cli(fixture_corpus, "show", "2023-en/6.2", env=TABLE).stdout
    assert "我们扎实推进碳达峰碳中和" in back and "2023-zh/7.2  official text" in back
    plain = cli(fixture_corpus, "search", "碳达峰", "--year", "2023", env=TABLE).stdout
    assert "official text" in plain and english not in " ".join(plain.split())
    official = cli(fixture_corpus, "search", "碳达峰", "--year", "2023", "--official", env=TABLE).stdout
    assert english in " ".join(official.split()) and "2023-en/6.2  official translation" in official


def test_words_typed_apart_that_the_glossary_knows_together_are_pointed_to(fixture_corpus: Imported) -> None:
    result = cli(fixture_corpus, "search", "rural", "revitalization", "--count")
    assert result.stderr.endswith(
        "reportcli: reportcli's glossary knows 'rural revitalization' as one term (rural-revitalization: 乡村振兴); "
        'quoted as a phrase ("rural revitalization"), a query searches that too\n'
    )
    assert "is not in reportcli's glossary" not in result.stderr


def test_an_english_term_finds_the_official_wording_its_entry_gives(fixture_corpus: Imported) -> None:
    """carbon peak: the official English says "peaking carbon emissions" (the entry's official form)."""
    hits = answer(fixture_corpus, "search", "carbon peak", "--lang", "en")
    reached = {hit["ref"]: hit["via"] for hit in hits}
    assert reached["2023-en/6.2"] == [
        {
            "term": "carbon peak",
            "glossary": "carbon-peak",
            "matched": ["peaking carbon emissions"],
            "source": "glossary",
        }
    ]
    rows = trend_rows(fixture_corpus, "carbon peak", "--lang", "en")
    assert [(r["report"], r["count"], r["via"]) for r in rows] == [
        ("2023-en", 1, {"glossary": "carbon-peak", "source": "glossary"})
    ]
    assert rows[0]["searched"].startswith("carbon peak, ") and "peaking carbon emissions" in rows[0]["searched"]


def test_the_glossary_is_not_used_where_no_chinese_report_is_loaded() -> None:
    """The summary alone: an English term counts as typed, not as its entry's other wordings, which
    are there to reach the Chinese reports (and the official English that stands beside them)."""
    result = run("trend", "pension", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [(r["report"], r["searched"], r["via"]) for r in rows] == [("2024-summary", "pension", None)]


def test_plain_trend_lines_carry_the_occurrences_the_table_draws(fixture_corpus: Imported) -> None:
    """Piped: term, year, report, statements, occurrences, rate, as the JSON names them (the table's bar and the
    rate are of occurrences; a line of statements beside a rate of occurrences read as one number)."""
    rows = answer(fixture_corpus, "trend", "稳")
    lines = cli(fixture_corpus, "trend", "稳").stdout.splitlines()
    expected = [f"稳\t{r['year']}\t{r['report']}\t{r['count']}\t{r['occurrences']}\t{r['rate']}" for r in rows]
    assert lines == expected
    assert any(r["occurrences"] > r["count"] for r in rows)  # the fixture tells the two apart


def test_a_mistyped_glossary_term_is_suggested_and_an_absent_word_names_what_was_read(fixture_corpus: Imported) -> None:
    """hukou is in no English text of the fixture, but the glossary reaches the Chinese through it."""
    for command in ("search", "trend"):
        typo = cli(fixture_corpus, command, "hukuo")
        assert (typo.exit_code, typo.stderr) == (1, "reportcli: no match for 'hukuo'; did you mean 'hukou'?\n")
    reports = len(answer(fixture_corpus, "reports"))
    absent = cli(fixture_corpus, "search", "zzzqqq")
    assert absent.stderr == f"reportcli: no match for 'zzzqqq': it does not occur in the {reports} reports loaded\n"
    alone = run("search", "hukuo")  # the summary alone: no Chinese for the glossary to reach, no glossary term offered
    assert alone.stderr.startswith("reportcli: no match for 'hukuo': it does not occur in the report")


def test_piped_targets_keep_a_ranges_top_and_the_outcome_and_the_reports_csv_its_metadata(
    fixture_corpus: Imported,
) -> None:
    rows = answer(fixture_corpus, "targets")
    lines = cli(fixture_corpus, "targets").stdout.splitlines()
    for row, line in zip(rows, lines, strict=True):
        fields = line.split("\t")
        assert fields[:3] == [str(row["year"]), row["indicator"], row["status"] or ""]
        assert [float(f) if f else None for f in fields[3:5]] == [row["value"], row["high"]]
        outcome = row["outcome"] or {}
        assert [float(fields[7]) if fields[7] else None, *fields[8:10]] == [
            outcome.get("value"),
            outcome.get("ref") or "",
            row["result"],
        ]
    header = cli(fixture_corpus, "reports", "--format", "csv").stdout.splitlines()[0].split(",")
    assert header[:3] == ["id", "year", "language"]
    assert header[-7:] == ["speaker_pinyin", "speaker_zh", "role", "session", "report_kind", "publisher", "translation"]


def test_cite_of_a_paragraph_names_its_sentences(fixture_corpus: Imported) -> None:
    shown = answer(fixture_corpus, "show", "2021-zh/7")
    sentences = [s["ref"] for s in shown["statements"]]
    assert len(sentences) > 1
    result = cli(fixture_corpus, "cite", "2021-zh/7")
    assert result.exit_code == 2
    span = f"{sentences[0]} to {sentences[-1]}"
    assert result.stderr == f"reportcli: cite quotes a sentence, and 2021-zh/7 is a paragraph: cite one of {span}\n"


def test_a_field_holding_a_list_is_json_in_a_csv_cell(fixture_corpus: Imported) -> None:
    """--fields translation in CSV: a script reads the cell with a JSON parser, not Python's repr."""
    out = cli(fixture_corpus, "show", "2023-zh/7.2", "--format", "csv", "--fields", "ref,translation").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    cited = next(row for row in rows if row["ref"] == "2023-zh/7.2")
    assert json.loads(cited["translation"])[0]["ref"] == "2023-en/6.2"
