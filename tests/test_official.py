"""Every statement of the summary renders the official report or says why not; the finder of Chinese
quotations in English prose (which tests/real/test_real_official.py holds to the published text)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportcli.model import Report, Statement

# A quotation of Chinese inside English prose: CJK characters and punctuation, quotes, digits, %, .
_QUOTATION = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’\"0-9.%]+")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


def statements(report: Report) -> Iterator[Statement]:
    for part in report.parts:
        yield from part.statements()


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


def test_the_quotation_finder_would_catch_a_misquoted_note() -> None:
    """Straight quotes where the report prints curly ones are a different text, and are caught."""
    assert quotations('Matches the official report (扎实开展"碳达峰十大行动").') == ['扎实开展"碳达峰十大行动"']
    assert quotations("the official text says 价格政策, pricing policies") == ["价格政策"]
