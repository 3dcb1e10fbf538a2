"""The pure core: theme resolution, summaries, figures."""

from __future__ import annotations

import pytest

from reportcli import scope
from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.reading import figures as figure_list
from reportcli.reading import show as reading
from reportcli.reading import themes


@pytest.mark.parametrize(
    ("asked", "theme_id"),
    [
        ("ecology", "ecology"),
        ("ECOLOGY", "ecology"),
        ("Social Security", "social-security"),
        ("new type of urbanization", "urbanization"),
        ("countryside", "countryside"),
        ("disaster", "disaster-prevention"),
        ("healthcare", "healthcare"),
        ("  education ", "education"),
        ("mitigation", "disaster-prevention"),
    ],
)
def test_a_theme_is_found_by_id_title_or_unique_part(corpus: Corpus, asked: str, theme_id: str) -> None:
    assert scope.resolve_theme(corpus, asked).id == theme_id


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        ("ecolgy", "no theme 'ecolgy'; did you mean 'ecology'?"),
        ("employmnet", "no theme 'employmnet'; did you mean 'employment'?"),
        ("tion", "theme 'tion' is ambiguous; it matches: "),
        ("zzz", "no theme 'zzz'; themes are: ecology, social-security,"),
        ("", "theme is empty; choose one of: ecology"),
        ("review", "'review' is a section, not a theme: see it with 'reportcli show review'"),
        ("Glossary", "'glossary' is a section, not a theme: see it with 'reportcli show glossary'"),
    ],
)
def test_unknown_or_ambiguous_theme_names_the_candidates(corpus: Corpus, asked: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        scope.resolve_theme(corpus, asked)
    assert str(raised.value).startswith(message)


def test_themes_summary_counts_statements_per_year(corpus: Corpus) -> None:
    rows = {row["id"]: row for row in themes.themes(corpus).items}
    assert list(rows) == [
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
    assert rows["ecology"]["years"] == [2023, 2024]
    assert [y["statements"] for y in rows["ecology"]["per_year"]] == [10, 20]
    assert rows["social-security"]["inferred_years"] == [2024]
    assert rows["education"]["inferred_years"] == [2024]
    assert rows["ecology"]["inferred_years"] == []


def test_show_theme_keeps_order_refs_and_repairs(corpus: Corpus) -> None:
    shown = reading.show(corpus, "ecology", 2024).document
    refs = [s["ref"] for s in shown["statements"]]
    assert refs[0] == "ecology/2024/1.1" and refs[-1] == "ecology/2024/4.5"
    repaired = next(s for s in shown["statements"] if s["ref"] == "ecology/2024/2.8")
    assert repaired["original"].startswith("Improve the value realization mechanism of ecological productsImprove")
    assert repaired["repairs"][0]["repaired"] == "products. Improve"


def test_show_theme_refuses_a_year_the_theme_lacks(corpus: Corpus) -> None:
    with pytest.raises(QueryError, match="theme 'education' has no text for 2023; its years: 2024"):
        reading.show(corpus, "education", 2023)


def test_figures_are_typed_values(corpus: Corpus) -> None:
    figures = {f["id"]: f for f in figure_list.list_figures(corpus)}
    bonds = figures["review-national-bonds"]
    assert (bonds["value"], bonds["unit"], bonds["display"]) == (1_000_000_000_000, "yuan", "1 trillion yuan")
    assert figures["review-urbanization-rate"]["value"] == 66.2
    assert figures["review-urbanization-rate"]["restored"] is True
    assert figures["review-poverty-employment"]["qualifier"] == "more than"
    assert figures["review-poverty-employment"]["notes"][0]["kind"] == "discrepancy"
    pension = figures["social-security-pension-increase"]
    assert (pension["value"], pension["unit"], pension["restored"], pension["year"]) == (20, "yuan", True, 2024)
    assert {(f["value"], f["unit"]) for f in figures.values() if f["theme"] == "ecology"} == {
        (3, "battles"),
        (10, "years"),
        (10, "actions"),
    }


def test_figures_filter_and_sort(corpus: Corpus) -> None:
    by_value = [f["value"] for f in figure_list.list_figures(corpus, order="value")]
    assert by_value == sorted(by_value)
    assert {f["theme"] for f in figure_list.list_figures(corpus, section="review")} == {"review"}
    assert {f["year"] for f in figure_list.list_figures(corpus, year=2024)} == {2024}
    assert figure_list.list_figures(corpus, section="community") == []
    themes = [f["theme"] for f in figure_list.list_figures(corpus, order="theme")]
    assert themes == ["review"] * 4 + ["ecology"] * 3 + [
        "social-security",
        "healthcare",
        "disaster-prevention",
        "employment",
    ]
    employment = figure_list.list_figures(corpus, section="employment")
    assert [(f["source"], f["display"]) for f in employment] == [("official", "1170万")]


def test_every_figure_note_and_statement_note_is_reachable_from_show(corpus: Corpus) -> None:
    shown = reading.show(corpus, "social-security").document
    pension = next(s for s in shown["statements"] if s["ref"] == "social-security/2024/1.3")
    assert [n["kind"] for n in pension["notes"]] == ["restored"]
