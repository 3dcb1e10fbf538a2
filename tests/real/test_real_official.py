"""The summary against the official Chinese text of the 2024 report: every statement that renders it
quotes it verbatim and says where the words stand; every Chinese quotation in a note or a repair is the
official wording. Nothing of the published text is stored in the project.

Reads the published texts in ../shared/; the module skips, saying why, where they are absent.
"""

from __future__ import annotations

import json

import pytest
from conftest import SHARED_CORPUS, corpus_missing
from test_official import quotations, statements

from reportcli.importer import clean, structure
from reportcli.language import ZH
from reportcli.model import Report, Statement

if missing := corpus_missing():
    pytest.skip(missing, allow_module_level=True)


RECORDS = SHARED_CORPUS / "zh" / "government_work_reports.jsonl"


class Official:
    """The official 2024 text as published, and its paragraphs and sentences as the importer reads them."""

    def __init__(self, content: str) -> None:
        self.content = content
        self.paragraphs = clean.clean(content).paragraphs
        self.sentences = [structure.sentences(p, ZH) for p in self.paragraphs]

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


def the_statement(report: Report, words: str) -> Statement:
    found = [s for s in statements(report) if words in s.text]
    assert len(found) == 1, f"expected one statement with {words!r}, found {[s.ref for s in found]}"
    return found[0]


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


def test_the_official_figures_are_the_numbers_the_summary_dropped(report: Report, official: Official) -> None:
    dropped = {f.display: f for f in report.figures if f.source == "official"}
    assert set(dropped) == {"1170万", "30元", "7000亿元"}
    for figure in dropped.values():
        assert figure.official is not None and figure.display in official.sentence(figure.official.at)
