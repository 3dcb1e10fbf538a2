"""The embedded data against its source article, line by line.

Reads the published texts in ../shared/; the module skips, saying why, where they are absent.
"""

from __future__ import annotations

from itertools import groupby

import pytest
from conftest import SOURCE_ARTICLE, corpus_missing

from reportcli.model import Report

if missing := corpus_missing():
    pytest.skip(missing, allow_module_level=True)


def verbatim_lines(report: Report) -> set[str]:
    """Every line of the source that the data claims to hold word for word."""
    lines: set[str] = set()
    heading = report.meta.themes_heading
    assert heading is not None and heading.original is not None  # the source's heading, kept beside the fix
    lines.add(heading.original)
    for theme in report.themes:
        lines.add(theme.heading)
        for year, paragraphs in theme.years.items():
            lines.add(f"In {year}")
            lines.update(" ".join(s.source_text for s in paragraph) for paragraph in paragraphs)
    for item in [*report.review, *report.glossary, *report.credits]:
        lines.add(item.source_text)
        if item.label and item.section != "credits":  # a credit's label is our name for its role
            lines.add(item.label)
    assert report.lead is not None
    lines.update({report.lead.source_text, report.meta.source_title or ""})
    lines.update(part.title for part in report.parts if part.kind in ("review", "glossary"))
    return lines


@pytest.fixture(scope="module")
def source_lines() -> list[str]:
    if not SOURCE_ARTICLE.is_file():
        pytest.skip(f"source article not found at {SOURCE_ARTICLE} (set REPORTCLI_SOURCE to its path)")
    return [line for line in SOURCE_ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_line_of_the_source_is_in_the_data(report: Report, source_lines: list[str]) -> None:
    held = verbatim_lines(report)
    missing = [line for line in source_lines if line not in held]
    assert missing == []


def test_paragraphs_follow_the_source_order(report: Report, source_lines: list[str]) -> None:
    paragraphs = [
        " ".join(s.source_text for s in group)
        for theme in report.themes
        for _, group in groupby(theme.statements(), key=lambda s: (s.year, s.paragraph))
    ]
    positions = [source_lines.index(p) for p in paragraphs]
    assert positions == sorted(positions)
