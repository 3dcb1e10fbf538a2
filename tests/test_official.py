"""The summary against the official Chinese text of the 2024 report (from ../shared/corpus/).

Every statement that renders the official report quotes it verbatim and says where the words stand;
every Chinese quotation in a note or a repair is the official wording. These tests read the published
file; they are skipped, saying why, where it is absent. Nothing of it is stored in the project.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from conftest import SHARED_CORPUS

from reportcli.importer import clean, structure
from reportcli.model import Report, Statement

RECORDS = SHARED_CORPUS / "zh" / "government_work_reports.jsonl"

# A quotation of Chinese inside English prose: CJK characters and punctuation, quotes, digits, %, .
_QUOTATION = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’\"0-9.%]+")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


class Official:
    """The official 2024 text as published, and its paragraphs and sentences as the importer reads them."""

    def __init__(self, content: str) -> None:
        self.content = content
        self.paragraphs = clean.clean(content).paragraphs
        self.sentences = [structure.sentences(p, "zh") for p in self.paragraphs]

    def sentence(self, at: str) -> str:
        paragraph, sentence = (int(n) for n in at.split("/", 1)[1].split("."))
        return self.sentences[paragraph - 1][sentence - 1]

    def starts_in(self, quote: str, at: str) -> bool:
        """Whether ``quote`` stands in its paragraph beginning inside the sentence ``at`` names."""
        paragraph, sentence = (int(n) for n in at.split("/", 1)[1].split("."))
        text = self.paragraphs[paragraph - 1]
        begin = sum(len(s) for s in self.sentences[paragraph - 1][: sentence - 1])
        end = begin + len(self.sentences[paragraph - 1][sentence - 1])
        found = text.find(quote)
        while found != -1:
            if begin <= found < end:
                return True
            found = text.find(quote, found + 1)
        return False


@pytest.fixture(scope="module")
def official() -> Official:
    if not RECORDS.is_file():
        pytest.skip(f"the official 2024 text is not here ({RECORDS} is absent; it comes with ../shared/corpus/)")
    with RECORDS.open(encoding="utf-8") as records:
        for line in records:
            record = json.loads(line)
            if str(record.get("year")) == "2024":  # the file writes years as strings
                return Official(record["content"])
    pytest.fail(f"{RECORDS} holds no record of the year 2024")


def statements(report: Report) -> Iterator[Statement]:
    for part in report.parts:
        yield from part.statements()


def the_statement(report: Report, words: str) -> Statement:
    found = [s for s in statements(report) if words in s.text]
    assert len(found) == 1, f"expected one statement with {words!r}, found {[s.ref for s in found]}"
    return found[0]


def quotations(prose: str) -> list[str]:
    """The Chinese quotations in a note or a reason written in English."""
    runs = (run.strip(".") for run in _QUOTATION.findall(prose))
    return [run for run in runs if _IDEOGRAPH.search(run)]


def test_every_statement_quotes_the_official_report_or_says_why_not(report: Report) -> None:
    for statement in statements(report):
        assert bool(statement.official) != bool(statement.renders_nothing), statement.ref


def test_only_the_pages_own_words_render_nothing_of_the_report(report: Report) -> None:
    nothing = {s.ref for s in statements(report) if s.renders_nothing}
    assert report.lead is not None
    assert nothing == {report.lead.ref} | {s.ref for s in report.credits}


def test_official_quotations_are_verbatim_and_stand_where_they_say(report: Report, official: Official) -> None:
    quotes = [(s.ref, q) for s in statements(report) for q in s.official]
    quotes += [(f.id, f.official) for f in report.figures if f.official is not None]
    assert len(quotes) >= 75
    for owner, quote in quotes:
        assert quote.text in official.content, f"{owner}: {quote.text!r} is not in the official text"
        assert official.starts_in(quote.text, quote.at), f"{owner}: {quote.text!r} is not at {quote.at}"


def test_the_part_index_is_the_one_the_text_itself_gives(report: Report, official: Official) -> None:
    assert report.meta.official is not None
    found = [(p.number, p.subpart, p.paragraph) for p in structure.parts(official.paragraphs, "zh")]
    assert found == [tuple(p) for p in report.meta.official.parts]


@pytest.mark.parametrize(
    ("words", "official_words"),
    [
        ("urbanization rate of permanent residents", "66.2%"),
        ("basic pension for urban and rural residents", "20元"),
        ("fishing ban on the Yangtze River", "十年禁渔"),
    ],
)
def test_the_numbers_the_summary_lost_or_mangled_stand_in_the_official_words(
    report: Report, official: Official, words: str, official_words: str
) -> None:
    statement = the_statement(report, words)
    assert any(official_words in q.text for q in statement.official), statement.ref
    assert all(q.text in official.content for q in statement.official)


def test_every_chinese_quotation_in_a_note_or_a_repair_is_the_official_wording(
    report: Report, official: Official
) -> None:
    prose = [(s.ref, n.text) for s in statements(report) for n in s.notes]
    prose += [(s.ref, r.reason) for s in statements(report) for r in s.repairs]
    prose += [(f.id, n.text) for f in report.figures for n in f.notes]
    checked = 0
    for owner, text in prose:
        for quotation in quotations(text):
            assert quotation in official.content, f"{owner}: {quotation!r} is not in the official text"
            checked += 1
    assert checked >= 20


def test_the_quotation_finder_would_catch_a_misquoted_note() -> None:
    """Straight quotes where the report prints curly ones are a different text, and are caught."""
    assert quotations('Matches the official report (扎实开展"碳达峰十大行动").') == ['扎实开展"碳达峰十大行动"']
    assert quotations("the official text says 价格政策, pricing policies") == ["价格政策"]


def test_the_official_figures_are_the_numbers_the_summary_dropped(report: Report, official: Official) -> None:
    dropped = {f.display: f for f in report.figures if f.source == "official"}
    assert set(dropped) == {"1170万", "30元", "7000亿元"}
    for figure in dropped.values():
        assert figure.official is not None and figure.display in official.sentence(figure.official.at)
