"""Search: matching, ranking and spans, on the real data and on small fixtures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import corpus_of, minimal_document, run, write_yaml
from hypothesis import given
from hypothesis import strategies as st

from reportcli import text as words_
from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.search import Query, parse_terms, search
from reportcli.search.hints import unknown_words


def find(corpus: Corpus, *parts: str, **options: Any) -> list[dict[str, Any]]:
    return search(corpus, Query(parse_terms(parts), **options)).hits


def matched(hit: dict[str, Any]) -> list[str]:
    return [hit["text"][a:b] for a, b in hit["spans"]]


def test_word_forms_match_through_the_stemmer(corpus: Corpus) -> None:
    # The report says "pension" only: the plural finds the singular.
    assert {m.lower() for h in find(corpus, "pensions") for m in matched(h)} == {"pension"}
    peak = find(corpus, "peak")
    assert {m.lower() for h in peak for m in matched(h)} == {"peak", "peaking"}
    assert "ecology/2023/1.9" in [h["ref"] for h in peak]  # "carbon peaking"


def test_case_insensitive_by_default_and_case_sensitive_on_request(corpus: Corpus) -> None:
    assert {h["ref"] for h in find(corpus, "beautiful")} == {h["ref"] for h in find(corpus, "BEAUTIFUL")}
    exact = find(corpus, "Beautiful", case_sensitive=True)
    assert [h["ref"] for h in exact] == ["ecology/2024/3.5"]  # "Build a Beautiful China Pilot Zone"
    assert all(m == "Beautiful" for h in exact for m in matched(h))


def test_all_words_must_appear_in_any_order_unless_any(corpus: Corpus) -> None:
    both = find(corpus, "elderly", "care")
    assert both and all({"elderly", "care"} <= {m.lower() for m in matched(h)} for h in both)
    assert [h["ref"] for h in both] == [h["ref"] for h in find(corpus, "care", "elderly")]
    either = find(corpus, "elderly", "care", any_term=True)
    assert len(either) > len(both)


def test_a_quoted_phrase_needs_consecutive_words(corpus: Corpus) -> None:
    phrase = find(corpus, '"carbon neutrality"')
    assert [h["ref"] for h in phrase] == ["ecology/2024/4.1"]
    assert matched(phrase[0]) == ["carbon neutrality"]
    assert find(corpus, "carbon neutrality") == phrase  # one argument with a space is a phrase too
    assert len(find(corpus, "carbon", "neutrality")) == 1
    assert find(corpus, '"neutrality carbon"') == []


def test_hyphenated_words_match_whole_and_by_parts(corpus: Corpus) -> None:
    whole = [h["ref"] for h in find(corpus, "low-carbon")]
    assert whole and whole == [h["ref"] for h in find(corpus, '"low carbon"')]
    assert set(whole) <= {h["ref"] for h in find(corpus, "carbon")}
    assert all(m == "low-carbon" for h in find(corpus, "low-carbon") for m in matched(h))


def test_ranking_is_bm25_best_first_with_document_order_on_ties(corpus: Corpus) -> None:
    hits = find(corpus, "pension")
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    # a short statement that says "pension" twice ranks above a long one that says it three times
    assert hits[0]["ref"] == "social-security/2024/1.4"
    assert {h["ref"] for h in hits} == {
        "social-security/2024/1.3",
        "social-security/2024/1.4",
        "social-security/2024/1.6",
        "glossary/2",
    }


def test_glossary_and_headline_figures_are_searched_and_labelled(corpus: Corpus) -> None:
    glossary = find(corpus, "small but beautiful")
    assert glossary[0]["kind"] == "glossary" and glossary[0]["label"] == '"Small but Beautiful" livelihood project'
    headline = find(corpus, "trillion")
    assert headline[0]["kind"] == "headline"
    assert headline[0]["figures"] == [{"id": "review-national-bonds", "display": "1 trillion yuan"}]
    pension = next(h for h in find(corpus, "pension") if h["ref"] == "social-security/2024/1.3")
    assert pension["figures"][0]["display"] == "20 yuan"


def test_filters(corpus: Corpus) -> None:
    assert {h["theme"] for h in search(corpus, Query(parse_terms(["carbon"])), section="ecology").hits} == {"ecology"}
    assert {h["year"] for h in search(corpus, Query(parse_terms(["carbon"])), year=2023).hits} == {2023}


def test_regex_over_raw_text(corpus: Corpus) -> None:
    hits = search(corpus, Query(pattern=r"\d+(\.\d+)?%")).hits
    assert [matched(h) for h in hits] == [["66.2%"]]
    assert search(corpus, Query(pattern="YANGTZE")).hits
    assert not search(corpus, Query(pattern="YANGTZE", case_sensitive=True)).hits


def test_unknown_words_get_suggestions(corpus: Corpus) -> None:
    terms = parse_terms(["polution"])
    assert search(corpus, Query(terms)).hits == []
    assert unknown_words(corpus.index, terms)["polution"][0] == "pollution"


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ([""], "search query is empty"),
        (["   ", "\t"], "search query is empty"),
        (["!!!", "--"], "has no words to search for"),
    ],
)
def test_queries_without_words_are_refused(parts: list[str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_terms(parts)


# --- small fixtures for the edge cases -------------------------------------------------------------

EDGE = minimal_document(
    edge={
        2024: [
            [
                "People's livelihood, and the people’s wishes.",
                "A well-being plan; well being matters.",
                "Café culture: naïve CAFÉS in Zürich.",
                "城乡居民基础养老金月最低标准提高20元, in Chinese.",
                "Punctuation!!! (parenthesised) [bracketed] {braced} — dashes.",
                "Emoji 🌱 grows green shoots.",
            ]
        ]
    }
)


@pytest.fixture(scope="module")
def edge_corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    from reportcli.reportfile import load_report

    return corpus_of(load_report(write_yaml(tmp_path_factory.mktemp("edge") / "edge.yaml", EDGE)))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (["people"], {"edge/2024/1.1": ["People's", "people’s"]}),
        (["well-being"], {"edge/2024/1.2": ["well-being", "well being"]}),
        (["cafe"], {}),  # accents are letters: "café" is not "cafe"
        (["café"], {"edge/2024/1.3": ["Café", "CAFÉS"]}),
        (["zürich"], {"edge/2024/1.3": ["Zürich"]}),
        (["养老金"], {"edge/2024/1.4": ["养老金"]}),
        (["parenthesised", "bracketed"], {"edge/2024/1.5": ["parenthesised", "bracketed"]}),
        (["shoot"], {"edge/2024/1.6": ["shoots"]}),
        (["a " * 400 + "plan"], {}),  # longer than any statement
    ],
)
def test_edge_cases(edge_corpus: Corpus, query: list[str], expected: dict[str, list[str]]) -> None:
    hits = search(edge_corpus, Query(parse_terms(query))).hits
    assert {h["ref"]: matched(h) for h in hits} == expected


def test_pathological_regex_is_stopped(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "r.yaml", minimal_document(slow={2024: [["a" * 40 + "!"]]}))
    result = run("--data", str(path), "search", "--regex", "(a|a)+$")
    assert result.exit_code == 2
    assert (
        result.stderr == "reportcli: regular expression '(a|a)+$' took longer than 1 s and was stopped; simplify it\n"
    )


# --- property: every span cuts the text at a real match of a query word -----------------------------


@pytest.fixture(scope="module")
def vocabulary(corpus: Corpus) -> list[str]:
    return sorted({t.surface for s in corpus.units() for t in words_.tokenize(s.text)})


@given(data=st.data())
def test_every_span_is_a_real_match_of_a_query_word(corpus: Corpus, vocabulary: list[str], data: st.DataObject) -> None:
    chosen = data.draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=3))
    any_term = data.draw(st.booleans())
    query = Query(parse_terms(chosen), any_term=any_term)
    keys = {key for term in query.terms for key in term.keys}
    for hit in search(corpus, query).hits:
        for start, end in hit["spans"]:
            piece = hit["text"][start:end]
            assert piece and piece == piece.strip()
            assert (start == 0 or not hit["text"][start - 1].isalnum()) and (
                end == len(hit["text"]) or not hit["text"][end].isalnum()
            )
            assert {t.key for t in words_.tokenize(piece)} <= keys


# --- through the CLI -------------------------------------------------------------------------------


def test_cli_json_has_the_contract_fields() -> None:
    hits = json.loads(run("search", "carbon", "peak", "--json").stdout)
    assert hits and all({"ref", "theme", "year", "text", "score", "spans"} <= h.keys() for h in hits)
    assert all(isinstance(s, list) and len(s) == 2 for h in hits for s in h["spans"])


def test_cli_nothing_found_exits_1_with_a_suggestion() -> None:
    result = run("search", "polution")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "reportcli: no match for 'polution'; did you mean 'pollution' or 'solution'?\n"
    as_json = run("search", "polution", "--json")
    assert (as_json.exit_code, as_json.stdout) == (1, "[]\n")


def test_cli_words_that_exist_but_never_together() -> None:
    result = run("search", "yangtze", "pension")
    assert result.exit_code == 1 and result.stdout == ""
    some = json.loads(run("search", "--any", "yangtze", "pension", "--json").stdout)
    assert len(some) > 1  # the hint's count is what the suggested command finds
    assert result.stderr == (
        f"reportcli: no statement has all of 'yangtze pension', but {len(some)} statements have some of its words: "
        "reportcli search --any yangtze pension\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", ""], "reportcli: search query is empty\n"),
        (
            ["search", "--regex", "(unclosed"],
            "reportcli: invalid regular expression '(unclosed': missing ) at position 9\n",
        ),
        (
            ["search", "--regex", "a", "b"],
            "reportcli: --regex takes a single pattern; quote it, e.g. 'carbon|climate'\n",
        ),
        (["search", "--regex", "--any", "a"], "reportcli: --any has no meaning with --regex; use | in the pattern\n"),
        (
            ["search", "carbon", "--limit", "0"],
            "reportcli search: Invalid value for '--limit' / '-n': 0 is not in the range x>=1.",
        ),
        (["search", "carbon", "--year", "2031"], "reportcli: no text for 2031; years available: 2023, 2024\n"),
        (["search", "carbon", "--theme", "nowhere"], "reportcli: no section 'nowhere'; sections are:"),
        (["search"], "reportcli search: Missing argument 'QUERY...'."),
    ],
)
def test_cli_bad_queries_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_cli_markup_query_is_literal() -> None:
    result = run("search", "[bold]")
    assert result.exit_code == 1
    assert result.stderr == "reportcli: no match for 'bold'; did you mean 'old' or 'hold'?\n"
    regex = run("search", "--regex", r"\[bold\]")
    assert regex.exit_code == 1 and regex.stderr == "reportcli: no statement matches '\\[bold\\]'\n"  # as typed


def test_cli_count_and_limit() -> None:
    counted = run("search", "urban", "--count", "--json")
    rows = json.loads(counted.stdout)
    assert rows[0] == {"theme": "review", "year": 2023, "hits": 1, "report": "2024-summary", "language": "en"}
    assert sum(r["hits"] for r in rows) == len(json.loads(run("search", "urban", "--json").stdout))
    limited = run("search", "urban", "--limit", "2")
    assert len(limited.stdout.splitlines()) == 2
    assert limited.stderr.startswith("reportcli: showing 2 of ")


# --- phrases are found in linear time, with the same answer as a plain scan --------------------------


@given(
    text=st.lists(st.integers(0, 3), max_size=200),
    phrase=st.lists(st.integers(0, 3), min_size=1, max_size=20),
)
def test_phrase_positions_equal_a_plain_scan(text: list[int], phrase: list[int]) -> None:
    from array import array

    from reportcli.search.match import occurrences

    plain = [i for i in range(len(text) - len(phrase) + 1) if text[i : i + len(phrase)] == phrase]
    assert occurrences(array("I", text).tobytes(), array("I", phrase).tobytes()) == plain


def test_a_long_phrase_in_a_long_repetitive_statement(tmp_path: Path) -> None:
    """A 2,000-word phrase against a 20,000-word statement of one word repeated (14 s once): every
    overlapping start counts."""
    path = write_yaml(tmp_path / "r.yaml", minimal_document(a={2024: [[" ".join(["pension"] * 20_000)]]}))
    hits = json.loads(run("--data", str(path), "search", " ".join(["pension"] * 2_000), "--json").stdout)
    assert len(hits) == 1 and len(hits[0]["spans"]) == 18_001


def test_a_chinese_phrase_with_a_number_that_finds_nothing_suggests_no_characters_apart(tmp_path: Path) -> None:
    """Characters of Chinese apart are not its words apart, a number among them or not: the run said
    "10215 statements have some of its words: reportcli search --any '基' '础' … '30' '元'" (found by
    an acceptance test); now what any failed search says, the query as typed."""
    path = write_yaml(
        tmp_path / "r.yaml",
        minimal_document(pensions={2024: [["城乡居民基础养老金月最低标准提高20元。", "补贴提高30元。"]]}),
    )
    result = run("--data", str(path), "search", "基础养老金月最低标准提高30元")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "reportcli: no statement matches '基础养老金月最低标准提高30元'\n"
