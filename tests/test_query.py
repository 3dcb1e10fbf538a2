"""The pure core: theme resolution, summaries, figures."""

from __future__ import annotations

import pytest

from reportcli import query
from reportcli.errors import QueryError
from reportcli.model import Report


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
def test_a_theme_is_found_by_id_title_or_unique_part(report: Report, asked: str, theme_id: str) -> None:
    assert query.resolve_theme(report, asked).id == theme_id


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        ("ecolgy", "no theme 'ecolgy'; did you mean 'ecology'?"),
        ("employmnet", "no theme 'employmnet'; did you mean 'employment'?"),
        ("tion", "theme 'tion' is ambiguous; it matches: "),
        ("zzz", "no theme 'zzz'; themes are: ecology, social-security,"),
        ("", "theme is empty; choose one of: ecology"),
        ("review", "'review' is a section, not a theme: see it with 'reportcli search --theme review' or 'reportcli f"),
        ("Glossary", "'glossary' is a section, not a theme: see it with 'reportcli search --theme glossary'"),
    ],
)
def test_unknown_or_ambiguous_theme_names_the_candidates(report: Report, asked: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        query.resolve_theme(report, asked)
    assert str(raised.value).startswith(message)


def test_themes_summary_counts_statements_per_year(report: Report) -> None:
    rows = {row["id"]: row for row in query.themes_summary(report)}
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


def test_show_theme_keeps_order_refs_and_repairs(report: Report) -> None:
    shown = query.show_theme(report, report.theme("ecology"), 2024)
    refs = [s["ref"] for s in shown["statements"]]
    assert refs[0] == "ecology/2024/1.1" and refs[-1] == "ecology/2024/4.5"
    repaired = next(s for s in shown["statements"] if s["ref"] == "ecology/2024/2.8")
    assert repaired["original"].startswith("Improve the value realization mechanism of ecological productsImprove")
    assert repaired["repairs"][0]["repaired"] == "products. Improve"


def test_show_theme_refuses_a_year_the_theme_lacks(report: Report) -> None:
    with pytest.raises(QueryError, match="theme 'education' has no text for 2023; its years: 2024"):
        query.show_theme(report, report.theme("education"), 2023)


def test_figures_are_typed_values(report: Report) -> None:
    figures = {f["id"]: f for f in query.list_figures(report)}
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


def test_figures_filter_and_sort(report: Report) -> None:
    by_value = [f["value"] for f in query.list_figures(report, sort="value")]
    assert by_value == sorted(by_value)
    assert {f["theme"] for f in query.list_figures(report, section="review")} == {"review"}
    assert {f["year"] for f in query.list_figures(report, year=2024)} == {2024}
    assert query.list_figures(report, section="community") == []
    themes = [f["theme"] for f in query.list_figures(report, sort="theme")]
    assert themes == ["review"] * 4 + ["ecology"] * 3 + ["social-security"]


def test_every_figure_note_and_statement_note_is_reachable_from_show(report: Report) -> None:
    shown = query.show_theme(report, report.theme("social-security"))
    pension = next(s for s in shown["statements"] if s["ref"] == "social-security/2024/1.3")
    assert [n["kind"] for n in pension["notes"]] == ["restored"]
