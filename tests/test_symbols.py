"""Queries keep their symbols (issue 24): a percent sign, a decimal point, brackets typed in a query are
part of the phrase, compared in NFKC (full-width as ASCII), and a number never matches the tail of a
longer one. On small invented statements; on the published reports: tests/real/test_real_symbols.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import minimal_document, run, write_yaml

from reportcli.db import store
from reportcli.db.corpus import Corpus
from reportcli.reportfile import load_report
from reportcli.search import find
from reportcli.search.trend import trend

STATEMENTS = [
    "国内生产总值增长5%左右。",  # 1.1
    "城镇调查失业率5.5%左右。",  # 1.2
    "居民消费价格涨幅3%左右，增长７２．５％。",  # 1.3: no 5%, though 72.5% ends in 5%
    "粮食产量1.3万亿斤以上，增长５％左右。",  # 1.4: full-width
    "（一）坚持稳中求进。",  # 1.5
    "一是稳增长，二是调结构。",  # 1.6: 一 without the marker
    "赤字率按3%安排，比上年提高0.5个百分点。",  # 1.7
    "Growth of about 5% and 7.5% in exports, up from 17.5%.",  # 1.8
    "Low-carbon cities; low carbon transport.",  # 1.9
]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    path = write_yaml(tmp_path_factory.mktemp("symbols") / "r.yaml", minimal_document(plan={2024: [STATEMENTS]}))
    return Corpus(store.build(load_report(path)))


def found(corpus: Corpus, query: str) -> dict[str, list[str]]:
    """ref -> the text of each highlighted span."""
    return {hit["ref"]: [hit["text"][a:b] for a, b in hit["spans"]] for hit in find(corpus, [query]).items}


def test_a_percent_sign_is_part_of_the_phrase(small: Corpus) -> None:
    assert found(small, "5%左右") == {"plan/2024/1.1": ["5%左右"], "plan/2024/1.4": ["５％左右"]}
    assert found(small, "5.5%左右") == {"plan/2024/1.2": ["5.5%左右"]}


def test_a_number_is_not_the_tail_of_a_longer_one(small: Corpus) -> None:
    """5% is not the end of 72.5% or 5.5%, 7.5% not the end of 17.5%."""
    assert found(small, "5%") == {"plan/2024/1.1": ["5%"], "plan/2024/1.4": ["５％"], "plan/2024/1.8": ["5%"]}
    assert found(small, "7.5%") == {"plan/2024/1.8": ["7.5%"]}
    assert found(small, "72.5%") == {"plan/2024/1.3": ["７２．５％"]}


def test_brackets_are_part_of_the_phrase(small: Corpus) -> None:
    assert found(small, "（一）") == {"plan/2024/1.5": ["（一）"]}
    assert found(small, "(一)") == found(small, "（一）")  # the same in NFKC
    assert set(found(small, "一")) == {"plan/2024/1.5", "plan/2024/1.6"}  # without brackets, any 一


def test_a_hyphen_between_words_is_still_a_phrase_of_its_parts(small: Corpus) -> None:
    assert set(found(small, "low-carbon")) == set(found(small, "low carbon")) == {"plan/2024/1.9"}
    assert found(small, "low-carbon")["plan/2024/1.9"] == ["Low-carbon", "low carbon"]


def test_trend_and_counts_keep_the_symbols(small: Corpus) -> None:
    rows = trend(small, ["5%左右"], language="en").items + trend(small, ["5%左右"]).items
    assert sum(row["occurrences"] for row in rows) == 2
    counted = find(small, ["5%"], count=True).items
    assert sum(row["hits"] for row in counted) == 3


def test_the_command_line_quotes_a_symbol_query_back_as_typed(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "r.yaml", minimal_document(plan={2024: [STATEMENTS]}))
    result = run("--data", str(path), "search", "左右5%")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "reportcli: no statement has the phrase '左右5%', but 4 statements have its words apart"
    )
