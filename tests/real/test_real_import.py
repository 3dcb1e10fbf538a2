"""The import and the commands across reports, on the published texts.

Reads the published texts in ../shared/; the module skips, saying why, where they are absent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS_INPUTS, ROOT, SHARED_CORPUS, Result, corpus_missing, run

from reportcli import text
from reportcli.db.corpus import Corpus
from reportcli.importer import clean, sources
from reportcli.importer.run import import_files
from reportcli.language import is_ideograph
from reportcli.model import Report
from reportcli.reportfile import load_report
from reportcli.search import find

if missing := corpus_missing():
    pytest.skip(missing, allow_module_level=True)


# Every year a report is present in one of the two Chinese files (1991: a report that is not the Premier's).
ZH_YEARS = {*range(1954, 1961), 1964, 1975, *range(1978, 2026)}


TERMS = [
    "碳达峰",
    "碳中和",
    "新质生产力",
    "城镇化率",
    "供给侧结构性改革",
    "雾霾",
    "养老金",
    "乡村振兴",
    "脱贫攻坚",
    "一带一路",
    "高质量发展",
    "人工智能",
    "互联网",
    "扶贫",
    "计划经济",
    "社会主义市场经济",
    "四个现代化",
    "改革开放",
    "国有企业",
    "通货膨胀",
    "生态文明",
    "数字经济",
    "大众创业",
    "共同富裕",
    "城镇新增就业",
    "国民经济",
]


def paragraphs_of(report: Report) -> list[str]:
    joiner = "" if report.meta.language == "zh" else " "
    found: dict[int, list[str]] = {}
    for statement in report.statements():
        found.setdefault(statement.paragraph, []).append(statement.text)
    return [joiner.join(found[n]) for n in sorted(found)]


def records_by_place() -> dict[tuple[str, int], sources.Record]:
    found = {}
    for name in CORPUS_INPUTS:
        for record in sources.records(sources.read_input(SHARED_CORPUS / name)):
            found[(record.file, record.line)] = record
    return found


def folded(value: str) -> str:
    """A text as search compares it, character by character: NFKC, casefolded, traditional as simplified."""
    return "".join(text.stem(c) if is_ideograph(c) else c for c in text.fold(value))


def years_found(corpus: Corpus, term: str) -> set[int]:
    counted = find(corpus, [term], count=True, language="zh")
    return {row["year"] for row in counted.items}


def test_every_report_is_imported_once_with_its_year_and_language(imported: tuple[Path, Any]) -> None:
    out, result = imported
    rows = result.items
    assert len(rows) == len(list(out.glob("*.yaml"))) == 60
    assert {r["year"] for r in rows if r["language"] == "zh"} == ZH_YEARS
    assert {r["year"] for r in rows if r["language"] == "en"} == {2024, 2025, 2026}
    assert len({r["id"] for r in rows}) == len(rows)


def test_1991_is_imported_and_flagged_as_not_the_premiers_report(imported: tuple[Path, Any]) -> None:
    _, result = imported
    row = next(r for r in result.items if r["id"] == "1991-zh")
    assert row["source"].startswith("hprc_gov_reports1954-2022.tsv:")
    assert "not-the-premiers-report" in row["caveats"]


def test_what_was_skipped_is_said_with_the_reason(imported: tuple[Path, Any]) -> None:
    _, result = imported
    skipped = result.document["skipped"]
    resolutions = [s for s in skipped if "resolution" in s["reason"]]
    assert len(resolutions) == 20 and all(s["year"] is None for s in resolutions)
    taken = [s for s in skipped if "taken from government_work_reports.jsonl" in s["reason"]]
    tsv_years = {*range(1954, 1958), 1959, 1960, 1964, 1975, *range(1978, 2023)}
    assert {s["year"] for s in taken} == tsv_years - {1989, 1990, 1991, 1996, 2020}  # the years only the TSV has
    assert "wrote 60 reports" in result.fact("summary") and "skipped 20 NPC resolutions" in result.fact("summary")


def test_no_licence_footer_or_zero_width_character_is_left(imported: tuple[Path, Any], reports: list[Report]) -> None:
    for report in reports:
        for statement in report.statements():
            assert not re.search(f"[{clean.ZERO_WIDTH}]", statement.text), statement.ref
    out, _ = imported
    for path in sorted(out.glob("*.yaml")):
        document = __import__("yaml").safe_load(path.read_text(encoding="utf-8"))
        footers = [c["removed"] for c in document["cleaning"] if c["kind"] == "licence-footer"]
        if document["report"]["source"]["format"] == sources.JSONL:  # every Wikisource page has one
            assert len(footers) == 1, path.name
        lines = {line.strip() for footer in footers for line in footer.splitlines() if len(line.strip()) >= 6}
        kept = "\n".join(sentence for paragraph in document["paragraphs"] for sentence in paragraph)
        if footers:  # not a line of the footer is left in the text
            assert lines and not [line for line in lines if line in kept], path.name


def test_the_kept_text_and_the_recorded_removals_give_back_the_input(imported: tuple[Path, Any]) -> None:
    out, _ = imported
    records = records_by_place()
    for path in sorted(out.glob("*.yaml")):
        report = load_report(path)
        document = __import__("yaml").safe_load(path.read_text(encoding="utf-8"))
        source = report.meta.source
        assert source is not None
        record = records[(source.file, source.record)]
        changes = [clean.Change(c["at"], c["removed"], c["inserted"], c["kind"]) for c in document["cleaning"]]
        assert clean.restore("\n".join(paragraphs_of(report)), changes) == record.content, report.meta.id
        assert sum(chars for _, _, chars in report.meta.removed) == sum(len(c.removed) for c in changes)


def test_licence_footers_and_title_blocks_are_recorded_as_such(reports: list[Report]) -> None:
    by_id = {r.meta.id: r for r in reports}
    removed = {kind: chars for kind, _, chars in by_id["2024-zh"].meta.removed}
    assert removed["licence-footer"] > 100 and removed["title-block"] > 20
    meta = by_id["2024-zh"].meta
    assert (meta.date, meta.speaker, meta.role) == ("2024-03-05", "李强", "国务院总理")
    assert meta.event == "第十四届全国人民代表大会第二次会议"
    # the 2025 page has no title block: its date is the table's, which says it is the public record
    later = by_id["2025-zh"].meta
    assert later.date == "2025-03-05"
    assert dict(later.sources)["date"].startswith("data/report-facts.csv, 2025-zh: public record")


def test_parts_and_sub_parts_come_from_the_text(reports: list[Report]) -> None:
    report = next(r for r in reports if r.meta.id == "2024-zh")
    ids = [part.id for part in report.parts]
    assert ids[:4] == ["2024-zh/part0", "2024-zh/part1", "2024-zh/part2", "2024-zh/part3"]
    assert ids[-1] == "2024-zh/part3.10"
    assert report.statement("2024-zh/68.6").text == "持续推进长江十年禁渔。"
    assert report.statement("2024-zh/68.6").section == "2024-zh/part3.9"


def test_the_summarys_official_refs_are_the_imported_reports_refs(reports: list[Report], report: Report) -> None:
    """The embedded summary quotes 2024-zh/P.S: the import numbers the same sentences the same way."""
    official = next(r for r in reports if r.meta.id == "2024-zh")
    for statement in report.statements():
        for quote in statement.official:
            assert quote.text in official.statement(quote.at).text, quote.at


def test_the_english_text_and_the_parallel_csv_make_the_same_report(tmp_path: Path) -> None:
    csv_file = SHARED_CORPUS / "en" / "parallel" / "04_2025_auto_usable_parallel.csv"
    if not csv_file.is_file():
        pytest.skip(f"{csv_file} is absent (../shared/corpus/)")
    import_files([SHARED_CORPUS / "en" / "2025.txt"], tmp_path / "a")
    import_files([csv_file], tmp_path / "b")
    from_text, from_csv = (load_report(tmp_path / d / "2025-en.yaml") for d in ("a", "b"))
    assert [s.text for s in from_text.statements()] == [s.text for s in from_csv.statements()]
    assert from_text.meta.completeness == from_csv.meta.completeness == "partial"


def test_search_finds_chinese_terms_in_exactly_the_years_the_text_holds_them(
    full: Corpus, reports: list[Report]
) -> None:
    texts = {r.meta.year: folded("\n".join(paragraphs_of(r))) for r in reports if r.meta.language == "zh"}
    assert len(TERMS) >= 20
    for term in TERMS:
        expected = {year for year, body in texts.items() if folded(term) in body}
        assert expected, f"{term} occurs nowhere: not a useful test term"
        assert years_found(full, term) == expected, term


def test_first_years_of_new_terms(full: Corpus) -> None:
    assert min(years_found(full, "碳达峰")) == 2021
    assert min(years_found(full, "新质生产力")) == 2024


def test_a_simplified_query_finds_the_1954_traditional_text_with_exact_spans(full: Corpus) -> None:
    hits = find(full, ["国民经济"], year="1954").items
    assert hits
    for hit in hits:
        spans = [hit["text"][a:b] for a, b in hit["spans"]]
        assert spans and all(folded(s) == "国民经济" for s in spans)
    assert any("國民經濟" in hit["text"][a:b] for hit in hits for a, b in hit["spans"])


def test_a_word_split_by_a_zero_width_space_in_the_source_is_found(full: Corpus) -> None:
    raw = next(
        r.content for r in sources.records(sources.read_input(SHARED_CORPUS / CORPUS_INPUTS[0])) if r.year == 2017
    )
    assert "上海合\n\u200b\n作组织" in raw  # a word the page split with a zero-width space and line breaks
    assert 2017 in years_found(full, "上海合作组织")


def test_a_chinese_hit_is_highlighted_where_the_phrase_stands(full: Corpus) -> None:
    hit = find(full, ["长江十年禁渔"], year="2024", language="zh").items[0]
    assert hit["ref"] == "2024-zh/68.6" and hit["report"] == "2024-zh"
    assert [hit["text"][a:b] for a, b in hit["spans"]] == ["长江十年禁渔"]


def corpus_run(imported: tuple[Path, Any], *args: str) -> Result:
    out, _ = imported
    return run("--data", str(out), *args)


def test_reports_lists_every_report_and_filters_by_year_and_language(imported: tuple[Path, Any]) -> None:
    listed = json.loads(corpus_run(imported, "reports", "--json").stdout)
    assert len(listed) == 60
    nineties = json.loads(corpus_run(imported, "reports", "--year", "1990..1999", "--lang", "zh", "--json").stdout)
    assert [r["year"] for r in nineties] == list(range(1990, 2000))
    assert next(r for r in nineties if r["id"] == "1991-zh")["caveats"]
    row = next(r for r in listed if r["id"] == "2024-zh")
    assert (row["speaker"], row["parts"], row["kind"], row["language"]) == ("李强", 3, "full", "zh")


def test_search_spans_reports_with_year_ranges_languages_and_counts_per_year(imported: tuple[Path, Any]) -> None:
    counted = json.loads(corpus_run(imported, "search", "碳达峰", "--count", "--json").stdout)
    assert {row["year"] for row in counted} == {2021, 2022, 2023, 2024, 2025}
    assert all(row["report"] == f"{row['year']}-zh" and row["theme"] is None for row in counted)
    ranged = json.loads(corpus_run(imported, "search", "碳达峰", "--year", "2022..2023", "--json").stdout)
    assert ranged and {h["year"] for h in ranged} == {2022, 2023}
    english = json.loads(corpus_run(imported, "search", "carbon", "peaking", "--lang", "en", "--json").stdout)
    assert english and {h["language"] for h in english} == {"en"}
    hidden = corpus_run(imported, "search", "碳达峰", "--lang", "en")
    assert hidden.exit_code == 1 and "with --lang en, which hid" in hidden.stderr


@pytest.mark.parametrize(
    ("target", "first_ref"),
    [
        ("2024-zh", "2024-zh/1.1"),
        ("2024-zh/part3.9", "2024-zh/67.1"),
        ("2024-zh/part3", "2024-zh/34.1"),
        ("2024-zh/68", "2024-zh/68.1"),
    ],
)
def test_show_opens_a_report_a_part_and_a_paragraph(imported: tuple[Path, Any], target: str, first_ref: str) -> None:
    result = corpus_run(imported, "show", target, "--json")
    assert result.exit_code == 0, result
    document = json.loads(result.stdout)
    statements = (
        [s for section in document["sections"] for s in section["statements"]]
        if "sections" in document
        else document["statements"]
    )
    assert statements[0]["ref"] == first_ref


def test_show_of_a_part_includes_its_sub_parts(imported: tuple[Path, Any]) -> None:
    document = json.loads(corpus_run(imported, "show", "2024-zh/part3", "--json").stdout)
    assert {s["section"] for s in document["statements"]} >= {"2024-zh/part3", "2024-zh/part3.10"}


def test_every_ref_a_corpus_search_prints_opens(imported: tuple[Path, Any]) -> None:
    hits = json.loads(corpus_run(imported, "search", "养老金", "--json").stdout)
    assert len({h["report"] for h in hits}) > 5
    for hit in hits[:40]:
        opened = corpus_run(imported, "show", hit["ref"], "--json")
        assert opened.exit_code == 0 and json.loads(opened.stdout)["ref"] == hit["ref"]


def test_a_ref_beyond_a_report_says_what_the_report_has(imported: tuple[Path, Any]) -> None:
    result = corpus_run(imported, "show", "2024-zh/999.1")
    assert result.exit_code == 2
    assert result.stderr.startswith("reportcli: no ref '2024-zh/999.1'; 2024-zh has paragraphs 1 to 88")


def test_show_without_a_target_names_the_reports_to_choose_from(imported: tuple[Path, Any]) -> None:
    result = corpus_run(imported, "show")
    assert result.exit_code == 2 and "60 reports are loaded; name one" in result.stderr


def test_the_existing_commands_still_answer_on_a_corpus_with_the_summary(
    imported: tuple[Path, Any], tmp_path: Path
) -> None:
    out, _ = imported
    both = tmp_path / "both"
    both.mkdir()
    for path in out.glob("*.yaml"):
        (both / path.name).write_bytes(path.read_bytes())
    (both / "summary.yaml").write_bytes((ROOT / "data" / "report.yaml").read_bytes())
    themes = run("--data", str(both), "themes", "--json")
    rows = json.loads(themes.stdout)
    assert themes.exit_code == 0 and [r["id"] for r in rows if r["kind"] == "theme"] == [
        "ecology",
        "social-security",
        "community",
        "healthcare",
        "disaster-prevention",
        "education",
        "employment",
        "countryside",
        "urbanization",
    ]
    assert {r["report"] for r in rows if r["kind"] != "theme"} == {p.stem for p in out.glob("*.yaml")}
    opened = json.loads(run("--data", str(both), "show", "2024-zh/68.6", "--json").stdout)
    assert [s["ref"] for s in opened["quoted_by"]] == ["ecology/2024/2.6"]


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "tsv", "markdown"])
@pytest.mark.parametrize("args", [["reports"], ["about"], ["about", "1991-zh"], ["search", "碳达峰", "--count"]])
def test_the_corpus_commands_in_every_format(imported: tuple[Path, Any], args: list[str], fmt: str) -> None:
    result = corpus_run(imported, *args, "--format", fmt)
    assert result.exit_code == 0, result
    assert result.stderr == "" and result.stdout.endswith("\n")
    if fmt == "json":
        json.loads(result.stdout)


def test_about_a_report_says_where_its_text_came_from_and_what_to_know(imported: tuple[Path, Any]) -> None:
    about = json.loads(corpus_run(imported, "about", "1991-zh", "--json").stdout)
    assert about["source"]["file"] == "hprc_gov_reports1954-2022.tsv" and len(about["source"]["sha256"]) == 64
    assert {c["kind"] for c in about["caveats"]} >= {"not-the-premiers-report", "plan-report"}
    assert about["removed"]["repeated-copy"]["characters"] > 10_000  # the line holds the report twice
    overview = json.loads(corpus_run(imported, "about", "--json").stdout)
    assert overview["reports"] == 60 and overview["years"] == "1954-2026"
    unknown = corpus_run(imported, "about", "2024-zz")
    assert unknown.exit_code == 2 and "did you mean '2024-zh'" in unknown.stderr
