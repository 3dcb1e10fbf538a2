"""Queries keep their symbols (issue 24), on the published reports (../shared/corpus/): a symbol query finds
exactly the statements a regular expression over the NFKC text finds, and 5% is never the end of 72.5%."""

from __future__ import annotations

import unicodedata

import pytest
import regex
from conftest import corpus_missing

from reportcli.db.corpus import Corpus
from reportcli.search import find

if missing := corpus_missing():
    pytest.skip(missing, allow_module_level=True)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def regex_refs(corpus: Corpus, pattern: str) -> set[str]:
    """The statements a regular expression over the NFKC text finds."""
    compiled = regex.compile(pattern)
    return {s.ref for s in corpus.units() if compiled.search(nfkc(s.text))}


NOT_AFTER_A_NUMBER = r"(?<!\d\s*(?:\.\s*)?)"  # not the tail of a longer number (72.5%, or 6 5 ％ in 1998)


@pytest.mark.parametrize(
    ("query", "guard", "body"),
    [
        ("5%左右", NOT_AFTER_A_NUMBER, r"5\s*%\s*左右"),
        ("5%", NOT_AFTER_A_NUMBER, r"5\s*%"),
        ("7.5%", NOT_AFTER_A_NUMBER, r"7\s*\.\s*5\s*%"),
        ("（一）", "", r"\(\s*一\s*\)"),
        ("改革，开放", "", r"改革\s*,\s*开放"),
    ],
)
def test_symbol_queries_find_exactly_what_a_regular_expression_finds(
    full: Corpus, query: str, guard: str, body: str
) -> None:
    """The statements a query finds are those a regular expression over the NFKC text finds, and every
    highlighted span is the query's words with its symbols."""
    hits = find(full, [query]).items
    assert hits, f"{query} occurs nowhere: not a useful test query"
    assert {hit["ref"] for hit in hits} == regex_refs(full, guard + body)
    for hit in hits:
        assert hit["spans"] and all(regex.fullmatch(body, nfkc(hit["text"][a:b])) for a, b in hit["spans"])


def test_five_percent_is_never_the_end_of_a_decimal(full: Corpus) -> None:
    """The issue's cases: 5% matched the 5 of 72.5% and 12.5亿元; 5%左右 found nothing; （一） searched 一."""
    for hit in find(full, ["5%"]).items:
        for a, _ in hit["spans"]:
            before = "".join(nfkc(hit["text"][max(0, a - 4) : a]).split())
            assert not regex.search(r"\d\.?$", before), (hit["ref"], hit["text"])
    assert len(find(full, ["5%左右"]).items) >= 5
    marker = find(full, ["（一）"], count=True).items
    anywhere = find(full, ["一"], count=True).items
    assert 0 < sum(row["hits"] for row in marker) < sum(row["hits"] for row in anywhere) / 10
