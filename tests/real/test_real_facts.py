"""Every report's metadata held to the texts that state it.

Reads the published texts in ../shared/; the module skips, saying why, where they are absent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from conftest import SHARED_CORPUS, corpus_missing, run
from test_facts import ZH_YEARS

from reportcli.importer import clean, facts, sources, stated
from reportcli.importer.stated import compact
from reportcli.model import Report

if missing := corpus_missing():
    pytest.skip(missing, allow_module_level=True)


class Text(NamedTuple):
    """One text of the corpus about a report, by the name the table gives such a text."""

    name: str  # TSV header, Wikisource title block, NPC resolution, ...
    content: str
    stated: list[stated.Stated]


class Corpus(NamedTuple):
    texts: dict[int, list[Text]]  # by year
    english: dict[int, str]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    names = ["zh/government_work_reports.jsonl", "zh/hprc_gov_reports1954-2022.tsv"]
    if not all((SHARED_CORPUS / name).is_file() for name in names):
        pytest.skip(f"the published reports are not here ({SHARED_CORPUS}: ../shared/corpus/)")
    texts: dict[int, list[Text]] = {}
    resolutions: list[tuple[stated.Resolution, str]] = []
    for name in names:
        file = sources.read_input(SHARED_CORPUS / name)
        copy = "Wikisource" if file.format == sources.JSONL else "TSV"
        records = list(sources.records(file))
        footers = clean.shared_footers(r.content for r in records) if copy == "Wikisource" else frozenset()
        for record in records:
            where = f"{record.file}, line {record.line}"
            if record.year is None:
                found = stated.resolution(record.content, where)
                if found is not None:
                    resolutions.append((found, record.content))
                continue
            if any(t.name.startswith(copy) for t in texts.get(record.year, [])):
                continue  # a year's first record (the TSV holds none twice)
            header = stated.header(record.content)
            read = stated.from_header(record.content, where, record.year, copy)
            paragraphs = clean.clean(record.content, one_line_marks=copy == "TSV", footers=footers).paragraphs
            opening = "".join(paragraphs[:3])
            block = Text(f"{copy} {'header' if copy == 'TSV' else 'title block'}", header, read)
            texts.setdefault(record.year, []).extend(
                [
                    block,
                    Text(f"{copy} photo caption", header, [s for s in read if s.text.endswith("caption")]),
                    Text(f"{copy} opening sentence", opening, stated.from_opening(paragraphs, where, copy)),
                    Text(f"{copy} text", record.content, []),
                    *([Text(f"{copy} page title", record.title, [])] if record.title else []),
                ]
            )
    for year, held in texts.items():
        sessions = {s.value for t in held for s in t.stated if s.field == "session_zh"}
        row = facts.table()[f"{year}-zh"]
        sessions = sessions or {row.values["session_zh"]}
        approving = [r for r in resolutions if r[0].year == year] or [
            r for r in resolutions if r[0].year is None and r[0].session_zh in sessions
        ]
        held += [Text("NPC resolution", content, found.stated()) for found, content in approving[:1]]
    english = {y: (SHARED_CORPUS / "en" / f"{y}.txt").read_text(encoding="utf-8") for y in (2024, 2025, 2026)}
    return Corpus(texts, english)


def chinese_date(iso: str) -> set[str]:
    """How the headers write a date, compacted (full-width digits and spaced digits compact to these):
    1998年3月5日, or 3月5日 in a photo caption."""
    year, month, day = (int(n) for n in iso.split("-"))
    return {f"{year}年{month}月{day}日", f"{month}月{day}日"}


def office(role_zh: str) -> str:
    return role_zh.removeprefix("国务院").replace("部部长", "部长")


STATED_AS = {"date": "delivered", "date_until": "delivered_until"}


def mismatches(rows: dict[str, facts.Row], corpus: Corpus) -> Iterator[str]:
    """Every place a row says other than a text: a stated value that differs (unless the row says it
    knowingly contradicts that text), and a source named that does not hold the value."""
    for row in rows.values():
        year_texts = corpus.texts.get(row.year, []) if row.language == "zh" else []
        for text in year_texts:
            for item in text.stated:
                column = STATED_AS.get(item.field, item.field)
                if column not in facts.FIELDS or text.name in row.disagrees.get(column, ()):
                    continue
                value = row.get(column)
                same = office(value or "") == office(item.value) if column == "role_zh" else value == item.value
                if not same:
                    yield f"{row.id}: {column} is {value!r}, but {item.where} says {item.value!r}"
        for field in row.values:
            for name, quoted in row.parts_of_source(field):
                if name != "public record":
                    yield from _named_source_holds(row, field, name, quoted, corpus)


def _named_source_holds(row: facts.Row, field: str, name: str, quoted: str | None, corpus: Corpus) -> Iterator[str]:
    """A text the row names as the source of ``field`` holds its value (or the words quoted)."""
    name, _, other = name.partition(" of ")
    year = int(other.split("-")[0]) if other else row.year
    if name.startswith("English"):
        content = corpus.english[year]
        candidates = [content.splitlines()[0] if name == "English source line" else content]
    else:
        candidates = [t.content for t in corpus.texts.get(year, []) if t.name == name]
    if not candidates:
        yield f"{row.id}: {field} names {name!r}, which the corpus does not hold for {year}"
        return
    value = row.values[field]
    if quoted is not None:
        wanted = {compact(quoted)}
    elif field == "delivered":
        wanted = chinese_date(value)
    elif field == "delivered_until":  # 1964年12月21日和22日, 1955年7月5日至6日, 11月30日和12月1日
        day = int(value.split("-")[2])
        wanted = chinese_date(value) | {f"至{day}日", f"和{day}日"}
    elif field in ("speaker_zh", "session_zh", "role_zh"):
        wanted = {compact(value), office(compact(value))}
    else:
        return  # an English form (pinyin, the office, the session): the Chinese beside it is checked
    if not any(w in compact(c) for w in wanted for c in candidates):
        yield f"{row.id}: {field} {value!r} is not in {name} of {year}"


def test_every_row_agrees_with_the_texts_that_state_its_facts(corpus: Corpus) -> None:
    assert list(mismatches(facts.table(), corpus)) == []


@pytest.mark.parametrize(
    ("report", "field", "wrong"),
    [
        ("1998-zh", "speaker_zh", "朱镕基"),  # the outgoing Premier gave it
        ("2013-zh", "speaker_zh", "李克强"),  # stated only by the resolution of its session
        ("1980-zh", "delivered", "1980-09-01"),
        ("2008-zh", "session_zh", "第十一届全国人民代表大会第二次会议"),
        ("1964-zh", "delivered_until", "1964-12-23"),
    ],
)
def test_a_wrong_row_is_caught(corpus: Corpus, report: str, field: str, wrong: str) -> None:
    rows = dict(facts.table())
    row = rows[report]
    rows = {report: row._replace(values={**row.values, field: wrong})}
    found = list(mismatches(rows, corpus))
    assert found and all(report in problem for problem in found)


def test_the_1954_row_contradicts_the_header_it_names_and_says_why(corpus: Corpus) -> None:
    row = facts.table()["1954-zh"]
    header = next(t for t in corpus.texts[1954] if t.name == "TSV header")
    assert "1954年5月23日" in compact(header.content)  # what the header says
    assert row.values["delivered"] == "1954-09-23" and row.disagrees["delivered"] == ("TSV header",)
    assert "wrongly" in row.sources["delivered"]


def test_a_value_no_text_states_is_marked_public_record(corpus: Corpus) -> None:
    """The dates no text gives (1958, 2008, 2009, 2013, 2015, 2018, 2025 and the English of 2025 and 2026)."""
    rows = facts.table()
    unstated = {r.id for r in rows.values() if r.sources["delivered"].startswith(facts.PUBLIC_RECORD)}
    stated_by_text = {
        f"{year}-zh" for year, texts in corpus.texts.items() for t in texts for s in t.stated if s.field == "date"
    }
    assert unstated == {"1954-zh"} | ({f"{y}-zh" for y in ZH_YEARS} - stated_by_text) | {"2025-en", "2026-en"}
    assert unstated - {"1954-zh"} == {f"{y}-zh" for y in (1958, 2008, 2009, 2013, 2015, 2018, 2025)} | {
        "2025-en",
        "2026-en",
    }


@pytest.fixture(scope="module")
def by_id(reports: list[Report]) -> dict[str, Report]:
    return {r.meta.id: r for r in reports}


def test_every_report_has_a_date_a_speaker_an_office_and_a_session(by_id: dict[str, Report]) -> None:
    assert len(by_id) == 60
    for report in by_id.values():
        meta = report.meta
        assert meta.date and meta.speaker_zh and meta.speaker_pinyin and meta.role_zh and meta.role_en, meta.id
        assert meta.session_zh and meta.session_en and meta.report_kind, meta.id
        assert meta.date.startswith(str(meta.year)), meta.id
        fields = dict(meta.sources)
        assert {"date", "speaker_zh", "role_zh", "session_zh", "report_kind"} <= set(fields), meta.id


def test_what_a_text_states_is_taken_from_the_text_not_the_table(by_id: dict[str, Report], corpus: Corpus) -> None:
    for year, texts in corpus.texts.items():
        meta = by_id[f"{year}-zh"].meta
        fields = dict(meta.sources)
        for field in ("date", "speaker_zh", "session_zh"):
            said = [s for t in texts for s in t.stated if s.field == field]
            if said and not (year == 1954 and field == "date"):
                assert not fields[field].startswith("data/report-facts.csv"), (meta.id, field, fields[field])
                assert getattr(meta, field if field != "date" else "date") in {s.value for s in said}


@pytest.mark.parametrize(
    ("report", "speaker", "pinyin", "office"),
    [
        ("1955-zh", "李富春", "Li Fuchun", "国务院副总理兼国家计划委员会主任"),
        ("1956-zh", "李先念", "Li Xiannian", "副总理兼财政部长"),
        ("1958-zh", "薄一波", "Bo Yibo", "国务院副总理兼国家经济委员会主任"),
        ("1960-zh", "谭震林", "Tan Zhenlin", "国务院副总理"),
        ("1980-zh", "姚依林", "Yao Yilin", "国务院副总理兼国家计划委员会主任"),
        ("1991-zh", "邹家华", "Zou Jiahua", "国务委员兼国家计划委员会主任"),
    ],
)
def test_a_report_not_given_by_the_premier_says_who_gave_it(
    by_id: dict[str, Report], report: str, speaker: str, pinyin: str, office: str
) -> None:
    meta = by_id[report].meta
    assert (meta.speaker_zh, meta.speaker_pinyin, meta.role_zh) == (speaker, pinyin, office)
    caveat = next(c for c in meta.caveats if c.kind == "not-the-premier")
    assert pinyin in caveat.text and speaker in caveat.text and "not by the Premier" in caveat.text
    assert meta.report_kind != "government-work-report"
    assert any(c.kind == meta.report_kind for c in meta.caveats)  # marked by its kind too


def test_only_those_reports_are_flagged_as_not_the_premiers(by_id: dict[str, Report]) -> None:
    flagged = {i for i, r in by_id.items() if any(c.kind == "not-the-premier" for c in r.meta.caveats)}
    assert flagged == {"1955-zh", "1956-zh", "1958-zh", "1960-zh", "1980-zh", "1991-zh"}


@pytest.mark.parametrize(
    ("report", "speaker", "pinyin"),
    [
        ("1998-zh", "李鹏", "Li Peng"),
        ("2003-zh", "朱镕基", "Zhu Rongji"),
        ("2013-zh", "温家宝", "Wen Jiabao"),
        ("2023-zh", "李克强", "Li Keqiang"),
        ("1988-zh", "李鹏", "Li Peng"),
        ("2024-en", "李强", "Li Qiang"),
    ],
)
def test_outgoing_and_acting_premiers_are_named_right(
    by_id: dict[str, Report], report: str, speaker: str, pinyin: str
) -> None:
    meta = by_id[report].meta
    assert (meta.speaker_zh, meta.speaker_pinyin) == (speaker, pinyin)
    assert not any(c.kind == "not-the-premier" for c in meta.caveats)


def test_kinds_and_five_year_plans(by_id: dict[str, Report]) -> None:
    kinds = {i: r.meta.report_kind for i, r in by_id.items()}
    assert {i for i, k in kinds.items() if k == "five-year-plan-report"} == {
        "1955-zh",
        "1982-zh",
        "1986-zh",
        "1996-zh",
        "2001-zh",
    }
    assert {i for i, k in kinds.items() if k == "plan-report"} == {"1958-zh", "1960-zh", "1980-zh", "1991-zh"}
    assert {i for i, k in kinds.items() if k == "budget-report"} == {"1956-zh"}
    assert {i for i, k in kinds.items() if k == "abstract"} == {"1964-zh"}
    presenting = {i for i, r in by_id.items() if r.meta.five_year_plan and kinds[i] == "government-work-report"}
    assert presenting == {"2006-zh", "2011-zh", "2016-zh", "2021-zh", "2026-en"}


def test_the_english_reports_say_whose_translation_they_are(by_id: dict[str, Report]) -> None:
    for year in (2024, 2025, 2026):
        meta = by_id[f"{year}-en"].meta
        assert (meta.publisher, meta.translation, meta.completeness) == ("Xinhua", "official", "partial")
        assert (meta.speaker, meta.role, meta.event) == (
            "Li Qiang",
            "Premier of the State Council",
            meta.session_en,
        )
        assert dict(meta.sources)["publisher"] == f"{year}.txt: its closing credit line"
    assert by_id["2024-en"].meta.date == by_id["2024-zh"].meta.date == "2024-03-05"


def test_two_day_reports_and_approval_dates(by_id: dict[str, Report]) -> None:
    assert {i: r.meta.date_until for i, r in by_id.items() if r.meta.date_until} == {
        "1955-zh": "1955-07-06",
        "1964-zh": "1964-12-22",
        "1981-zh": "1981-12-01",
    }
    approved = {i: r.meta.approved for i, r in by_id.items() if r.meta.approved}
    assert approved == {
        "2020-zh": "2020-05-28",
        "2021-zh": "2021-03-11",
        "2022-zh": "2022-03-11",
        "2023-zh": "2023-03-13",
    }


def test_the_1954_report_carries_the_disagreement_as_a_caveat(by_id: dict[str, Report]) -> None:
    meta = by_id["1954-zh"].meta
    assert meta.date == "1954-09-23"
    said = [c.text for c in meta.caveats if c.kind == "sources-disagree"]
    assert any("1954-05-23" in text and "1954-09-23" in text for text in said)


def corpus_json(imported: tuple[Path, Any], *args: str) -> Any:
    out, _ = imported
    result = run("--data", str(out), *args, "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def test_reports_lists_date_and_speaker_of_every_report(imported: tuple[Path, Any]) -> None:
    rows = corpus_json(imported, "reports")
    assert len(rows) == 60 and all(row["date"] and row["speaker"] for row in rows)
    by_id = {row["id"]: row for row in rows}
    assert (by_id["1958-zh"]["speaker"], by_id["1958-zh"]["date"]) == ("薄一波", "1958-02-03")
    assert by_id["2026-en"]["speaker"] == "Li Qiang"
    assert "not-the-premier" in {c["kind"] for c in by_id["1960-zh"]["caveats"]}
