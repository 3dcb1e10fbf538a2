"""diff: statement alignment and term lists, on the real data and on fixtures."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from conftest import corpus_of, minimal_document, run, write_yaml
from hypothesis import given
from hypothesis import strategies as st

from reportcli.db.corpus import Corpus
from reportcli.diff import align, content, themes
from reportcli.diff import words as word_diff
from reportcli.reportfile import build_report, load_report


def terms(result: dict[str, Any], group: str) -> list[str]:
    return [t["term"].casefold() for t in result["terms"][group]]


@pytest.fixture(scope="module")
def ecology(corpus: Corpus) -> dict[str, Any]:
    return themes.diff_theme(corpus, corpus.section("ecology"))


def test_ecology_new_in_2024(ecology: dict[str, Any]) -> None:
    new_refs = {s["ref"] for s in ecology["new"]}
    assert {"ecology/2024/2.6", "ecology/2024/2.4"} <= new_refs  # the Yangtze ban; national parks
    new_terms = terms(ecology, "new")
    assert "10-year fishing ban" in new_terms and "yangtze river" in new_terms
    assert "national parks" in new_terms


def test_ecology_shared_terms(ecology: dict[str, Any]) -> None:
    shared = {t["stems"]: t for t in ecology["terms"]["shared"]}
    assert (shared["carbon peak"]["from_count"], shared["carbon peak"]["to_count"]) == (1, 1)
    assert shared["beauti china"]["term"] == "beautiful China"
    assert shared["beauti china"]["from_count"] == 1 and shared["beauti china"]["to_count"] == 2


def test_ecology_2023_only(ecology: dict[str, Any]) -> None:
    dropped_refs = {s["ref"] for s in ecology["dropped"]}
    assert "ecology/2023/1.8" in dropped_refs  # ultra-low emissions
    # environmental protection inspections: dropped, or at most related to the ecological environment
    paired = {p["from_ref"]: p["similarity"] for p in ecology["continued"]}
    assert "ecology/2023/1.6" in dropped_refs or paired["ecology/2023/1.6"] < 0.5
    dropped = terms(ecology, "dropped")
    assert "ultra-low emissions" in dropped and "environmental protection inspections" in dropped
    assert not any("inspection" in t for t in terms(ecology, "new") + terms(ecology, "shared"))


def test_ecology_continued_pairs_are_the_ones_a_reader_would_make(ecology: dict[str, Any]) -> None:
    pairs = {(p["from_ref"], p["to_ref"]) for p in ecology["continued"]}
    assert ("ecology/2023/1.2", "ecology/2024/3.5") in pairs  # a beautiful China -> Beautiful China Pilot Zone
    assert ("ecology/2023/1.4", "ecology/2024/2.7") in pairs  # major projects
    assert ("ecology/2023/1.7", "ecology/2024/3.1") in pairs  # green and low-carbon industries -> economy
    assert all(p["similarity"] >= align.THRESHOLD for p in ecology["continued"])


def test_word_changes_rebuild_both_sides(ecology: dict[str, Any]) -> None:
    for pair in ecology["continued"]:
        ops = pair["changes"]
        assert " ".join(c["text"] for c in ops if c["op"] != "added") == " ".join(pair["from_text"].split())
        assert " ".join(c["text"] for c in ops if c["op"] != "removed") == " ".join(pair["to_text"].split())


def test_term_rates_are_per_thousand_content_words(ecology: dict[str, Any]) -> None:
    energy = next(t for t in ecology["terms"]["new"] if t["term"] == "energy")
    assert energy["from_count"] == 0 and energy["to_count"] == 8 and energy["to_rate"] > 0


def test_a_terms_rate_and_salience_are_its_count_per_thousand_content_words_times_its_idf(tmp_path: Path) -> None:
    corpus = fixture_corpus(tmp_path, ["Build solar farms."], ["Build solar farms.", "Expand wind power."])
    result = themes.diff_theme(corpus, corpus.section("topic"))
    # 2024 has six content words (build, solar, farms, expand, wind, power), 2023 three; a word inside a
    # longer term with the same counts is left out, so each year has one phrase
    [new] = result["terms"]["new"]
    assert (new["term"], new["from_count"], new["to_count"], new["from_rate"], new["to_rate"]) == (
        "Expand wind power",
        0,
        1,
        0.0,
        166.67,
    )
    once, twice = math.log((3 + 1) / (1 + 0.5)), math.log((3 + 1) / (2 + 0.5))  # idf over the three statements
    assert new["salience"] == round(1000 * 1 / 6 * 3 * once, 2)
    [shared] = result["terms"]["shared"]
    assert (shared["term"], shared["from_rate"], shared["to_rate"]) == ("Build solar farms", 333.33, 166.67)
    assert shared["salience"] == round(min(1000 / 3, 1000 / 6) * 3 * twice, 2)  # the smaller rate


# --- fixtures ---------------------------------------------------------------------------------------


def fixture_corpus(tmp_path: Path, earlier: list[str], later: list[str]) -> Corpus:
    years: dict[int, list[list[str]]] = {2023: [earlier] if earlier else [], 2024: [later] if later else []}
    return corpus_of(load_report(write_yaml(tmp_path / "r.yaml", minimal_document(topic=years))))


SENTENCES = [
    "Expand solar farms across the western deserts.",
    "Modernize rural schools with new laboratories.",
    "Raise the minimum pension for retired farmers.",
]


def test_reordered_statements_all_continue(tmp_path: Path) -> None:
    corpus = fixture_corpus(tmp_path, SENTENCES, list(reversed(SENTENCES)))
    result = themes.diff_theme(corpus, corpus.section("topic"))
    assert (result["new"], result["dropped"]) == ([], [])
    assert {(p["from_ref"], p["to_ref"]) for p in result["continued"]} == {
        ("topic/2023/1.1", "topic/2024/1.3"),
        ("topic/2023/1.2", "topic/2024/1.2"),
        ("topic/2023/1.3", "topic/2024/1.1"),
    }
    assert all(p["similarity"] == 1.0 for p in result["continued"])


def test_one_sentence_split_into_two_continues_in_one_half_and_the_other_is_new(tmp_path: Path) -> None:
    whole = "Expand solar farms across the western deserts and build new transmission lines to the coast."
    halves = ["Expand solar farms across the western deserts.", "Build new transmission lines to the coast."]
    corpus = fixture_corpus(tmp_path, [whole, SENTENCES[2]], [*halves, SENTENCES[2]])
    result = themes.diff_theme(corpus, corpus.section("topic"))
    pairs = {(p["from_ref"], p["to_ref"]) for p in result["continued"]}
    assert len(pairs) == 2 and ("topic/2023/1.2", "topic/2024/1.3") in pairs
    (half,) = {to for earlier, to in pairs if earlier == "topic/2023/1.1"}  # one pair for the whole at most
    assert half in {"topic/2024/1.1", "topic/2024/1.2"}
    assert [s["ref"] for s in result["new"]] == sorted({"topic/2024/1.1", "topic/2024/1.2"} - {half})
    assert result["dropped"] == []


def test_eight_equal_sentences_pair_one_to_one_in_their_order(tmp_path: Path) -> None:
    """A text that repeats a sentence eight times, against one that says it twice: two pairs, each with
    the repeat that stands at the same place (the first with the first; the one three quarters of the way
    through with the last), never eight pairs to one."""
    repeated = "Raise the minimum pension for retired farmers."
    fillers = [f"Build {w} roads." for w in ("stone", "steel", "gravel", "timber", "brick", "clay", "glass", "copper")]
    earlier = [sentence for filler in fillers for sentence in (repeated, filler)]  # repeats at 1.1, 1.3, ... 1.15
    later = [repeated, SENTENCES[0], SENTENCES[1], repeated]
    corpus = fixture_corpus(tmp_path, earlier, later)
    result = themes.diff_theme(corpus, corpus.section("topic"))
    pairs = [(p["from_ref"], p["to_ref"]) for p in result["continued"] if p["similarity"] == 1.0]
    assert pairs == [("topic/2023/1.1", "topic/2024/1.1"), ("topic/2023/1.13", "topic/2024/1.4")]
    to_refs = [p["to_ref"] for p in result["continued"]]
    from_refs = [p["from_ref"] for p in result["continued"]]
    assert len(set(to_refs)) == len(to_refs) and len(set(from_refs)) == len(from_refs)


def test_identical_years_continue_everything(tmp_path: Path) -> None:
    corpus = fixture_corpus(tmp_path, SENTENCES, SENTENCES)
    result = themes.diff_theme(corpus, corpus.section("topic"))
    assert len(result["continued"]) == 3 and result["new"] == [] and result["dropped"] == []
    assert all(c["op"] == "equal" for p in result["continued"] for c in p["changes"])
    assert result["terms"]["new"] == [] and result["terms"]["dropped"] == []


def test_a_year_with_no_text(tmp_path: Path) -> None:
    corpus = fixture_corpus(tmp_path, [], SENTENCES)
    result = themes.diff_theme(corpus, corpus.section("topic"))
    assert result["continued"] == [] and result["dropped"] == []
    assert [s["ref"] for s in result["new"]] == ["topic/2024/1.1", "topic/2024/1.2", "topic/2024/1.3"]
    assert result["terms"]["shared"] == [] and result["terms"]["dropped"] == []


# --- symmetry -------------------------------------------------------------------------------------


def assert_mirror(forward: dict[str, Any], backward: dict[str, Any]) -> None:
    assert (forward["from"], forward["to"]) == (backward["to"], backward["from"])
    assert forward["new"] == backward["dropped"] and forward["dropped"] == backward["new"]
    assert {(p["from_ref"], p["to_ref"], p["similarity"]) for p in forward["continued"]} == {
        (p["to_ref"], p["from_ref"], p["similarity"]) for p in backward["continued"]
    }
    for name in ("new", "dropped"):
        other = "dropped" if name == "new" else "new"
        assert [(t["stems"], t["from_count"], t["to_count"]) for t in forward["terms"][name]] == [
            (t["stems"], t["to_count"], t["from_count"]) for t in backward["terms"][other]
        ]


def test_diff_is_symmetric_on_the_real_data(corpus: Corpus) -> None:
    for theme in corpus.themes:
        if len(theme.years) == 2:
            assert_mirror(themes.diff_theme(corpus, theme, 2023, 2024), themes.diff_theme(corpus, theme, 2024, 2023))


WORDS = ["solar", "farms", "rural", "schools", "pension", "water", "carbon", "peak", "green", "the", "and", "new"]
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")


@given(earlier=st.lists(sentence, max_size=5), later=st.lists(sentence, max_size=5))
def test_diff_is_symmetric_on_random_texts(earlier: list[str], later: list[str]) -> None:
    years = {2023: [earlier] if earlier else [], 2024: [later] if later else []}
    corpus = corpus_of(build_report(minimal_document(topic=years), "random.yaml"))
    theme = corpus.section("topic")
    assert_mirror(themes.diff_theme(corpus, theme, 2023, 2024), themes.diff_theme(corpus, theme, 2024, 2023))


# --- through the CLI ----------------------------------------------------------------------------------


def test_cli_json_contract() -> None:
    result = json.loads(run("diff", "ecology", "--json").stdout)
    assert {"theme", "from", "to", "continued", "new", "dropped", "terms"} <= result.keys()
    assert (result["theme"], result["from"], result["to"]) == ("ecology", 2023, 2024)
    assert {"from_ref", "to_ref", "from_text", "to_text", "similarity", "changes"} <= result["continued"][0].keys()
    assert {"ref", "text"} <= result["new"][0].keys()
    for group in ("new", "dropped", "shared"):
        assert {"term", "from_count", "to_count"} <= result["terms"][group][0].keys()


def test_cli_summary_of_every_theme_with_two_years() -> None:
    summaries = json.loads(run("diff", "--json").stdout)
    assert [s["theme"] for s in summaries] == ["ecology", "community", "disaster-prevention"]
    # 16 new: 2024/1.1 (green and low-carbon development) is no longer a second pair of 2023/1.7, which
    # continues in 2024/3.1 (a green and low-carbon economy), its most similar
    assert summaries[0]["new"] == 16 and summaries[0]["new_terms"][0] == "energy"


def test_cli_reverse_direction() -> None:
    backward = json.loads(run("diff", "ecology", "--from", "2024", "--to", "2023", "--json").stdout)
    assert (backward["from"], backward["to"]) == (2024, 2023)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "education"], "reportcli: theme 'education' has text for 2024 only; there is nothing to compare\n"),
        (
            ["diff", "ecology", "--from", "2020"],
            "reportcli: theme 'ecology' has no 2020; years available: 2023, 2024\n",
        ),
        (
            ["diff", "ecology", "--from", "2024", "--to", "2024"],
            "reportcli: --from and --to are both 2024; choose two different years (2023, 2024)\n",
        ),
        (["diff", "ecolgy"], "reportcli: no theme 'ecolgy'; did you mean 'ecology'?\n"),
        (["diff", "--from", "1999"], "reportcli: no text for 1999; years available: 2023, 2024\n"),
    ],
)
def test_cli_bad_years_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_cli_terms_view() -> None:
    rows = json.loads(run("diff", "ecology", "--terms", "--json").stdout)
    assert {r["group"] for r in rows} == {"new", "dropped", "shared"}
    plain = run("diff", "ecology", "--terms").stdout.splitlines()
    assert plain[0].startswith("new\tenergy\t0\t8")


# --- bounded work: the same answers as the plain algorithms, in near-linear time ------------------


def reference_align(weights: align.Weights, earlier: list[Any], later: list[Any]) -> list[tuple[int, int, float]]:
    """The pairs made the plain way: every pair scored, then, most similar first (nearest places first),
    each pair taken while both its statements are free."""
    matrix = [[weights.similarity(a, b) for b in later] for a in earlier]
    n, m = max(len(earlier), 1), max(len(later), 1)
    order = sorted((i, j) for i in range(len(earlier)) for j in range(len(later)) if matrix[i][j] >= align.THRESHOLD)
    order.sort(key=lambda p: (-matrix[p[0]][p[1]], abs(p[0] / n - p[1] / m), p[0] / n + p[1] / m))
    pairs: list[tuple[int, int]] = []
    for i, j in order:
        if all(i != a and j != b for a, b in pairs):
            pairs.append((i, j))
    return [(i, j, matrix[i][j]) for i, j in sorted(pairs, key=lambda p: (p[1], p[0]))]


@given(earlier=st.lists(sentence, max_size=8), later=st.lists(sentence, max_size=8))
def test_candidate_pairs_find_exactly_the_pairs_scoring_every_pair_finds(earlier: list[str], later: list[str]) -> None:
    years = {2023: [earlier] if earlier else [], 2024: [later] if later else []}
    corpus = corpus_of(build_report(minimal_document(topic=years), "random.yaml"))
    weights = align.Weights(corpus.index)
    a = [content.english_content(s) for s in corpus.statements("topic", 2023)]
    b = [content.english_content(s) for s in corpus.statements("topic", 2024)]
    assert align.align(weights, a, b) == reference_align(weights, a, b)


words = st.lists(st.sampled_from([*WORDS, "x", "y", "z", "pension,", "Pension"]), max_size=60)


@given(before=words, after=words)
def test_the_patience_diff_of_long_statements_rebuilds_both_sides(
    before: list[str], after: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(word_diff, "EXACT_LIMIT", 0)  # as if every statement were very long
    changes = word_diff.word_changes(" ".join(before), " ".join(after))
    assert " ".join(c["text"] for c in changes if c["op"] != "added").split() == before
    assert " ".join(c["text"] for c in changes if c["op"] != "removed").split() == after
    kept = sum(len(c["text"].split()) for c in changes if c["op"] == "equal")
    unique_shared = {w for w in before if before.count(w) == 1 and after.count(w) == 1}
    assert kept >= min(1, len(unique_shared))  # a word once on each side is always kept when it can be


def test_two_long_statements_are_compared_in_near_linear_time() -> None:
    """The patience diff of two 20,000-word statements that differ here and there (difflib's matcher
    took 11 s); checked for its result, not timed (benchmarks/bounds.py times it)."""
    before = [f"w{i}" for i in range(20_000)]
    after = [w if i % 997 else "changed" for i, w in enumerate(before)]
    changes = word_diff.word_changes(" ".join(before), " ".join(after))
    assert sum(1 for c in changes if c["op"] == "added") == len(range(0, 20_000, 997))


def test_years_of_identical_statements_are_refused_before_the_pairs_are_gathered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every statement the same as every other: each pair would have to be scored. The bound is said as
    soon as the candidates pass it (10,000 a year once took 8 s and 5 GB before it was said)."""
    monkeypatch.setattr(align, "MAX_PAIRS", 1_000)
    same = ["Pensions rise."] * 60
    path = write_yaml(tmp_path / "r.yaml", minimal_document(topic={2023: [same], 2024: [same]}))
    gathered: list[int] = []
    real = align.Weights.prefix

    def counting(self: align.Weights, content: Any) -> list[str]:
        gathered.append(1)
        return real(self, content)

    monkeypatch.setattr(align.Weights, "prefix", counting)
    result = run("--no-cache", "--data", str(path), "diff", "topic")
    assert result.exit_code == 2
    assert result.stderr == (
        "reportcli: the two years have 60 and 60 statements that share their words so widely that over 1,000 "
        "pairs would need scoring (the most reportcli scores); compare a smaller part\n"
    )
    assert len(gathered) == 17  # 17 x 60 candidates pass 1,000: the other 43 statements are never probed
