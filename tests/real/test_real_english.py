"""English in, every year out (issue 21), on the published reports: an English term reaches the Chinese
reports through the reviewed glossary, the official English stands beside the Chinese, and the news
summary is a source of its own, never a year of the series."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED_CORPUS, corpus_missing, run

from reportcli.model import Report

if missing := corpus_missing():
    pytest.skip(missing, allow_module_level=True)


def on_corpus(imported: tuple[Path, Any], *args: str) -> Any:
    """The command run on the imported reports with the embedded summary (as --corpus reads them)."""
    out, _ = imported
    return run("--data", str(out), *args)


@pytest.fixture(scope="module")
def with_summary(imported: tuple[Path, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The imported reports and the embedded summary in one directory: what --corpus reads."""
    from reportcli.db.dataset import default_path

    out, _ = imported
    directory = tmp_path_factory.mktemp("with-summary")
    for path in out.glob("*.yaml"):
        (directory / path.name).symlink_to(path)
    (directory / "2024-summary.yaml").symlink_to(default_path())
    return directory


def rows_of(directory: Path, *args: str) -> list[dict[str, Any]]:
    result = run("--data", str(directory), *args, "--json")
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def first_year(rows: list[dict[str, Any]]) -> int:
    return int(min(row["year"] for row in rows if row["count"]))


def test_common_prosperity_starts_in_1987(with_summary: Path) -> None:
    rows = rows_of(with_summary, "trend", "common prosperity")
    assert first_year(rows) == 1987
    first = next(row for row in rows if row["year"] == 1987)
    assert (first["report"], first["searched"], first["via"]) == (
        "1987-zh",
        "共同富裕",
        {"glossary": "common-prosperity", "source": "glossary"},
    )
    assert len({row["report"] for row in rows if row["count"] and row["language"] == "zh"}) >= 10


def test_carbon_peak_starts_in_2021_not_in_the_summarys_review_of_2023(with_summary: Path) -> None:
    rows = rows_of(with_summary, "trend", "carbon peak")
    assert first_year(rows) == 2021
    assert next(row for row in rows if row["year"] == 2021)["report"] == "2021-zh"


def test_the_summary_is_no_year_of_a_default_trend_and_one_row_when_asked(with_summary: Path) -> None:
    default = rows_of(with_summary, "trend", "pension")
    assert "2024-summary" not in {row["report"] for row in default}
    asked = rows_of(with_summary, "trend", "pension", "--with-summary")
    summary = [row for row in asked if row["report"] == "2024-summary"]
    assert [(row["year"], row["source"]) for row in summary] == [(2024, "news summary")]  # its review too


def test_the_summarys_review_belongs_to_the_2024_report_in_a_year_filter(with_summary: Path) -> None:
    """Among the reports, --year names a report's year: the summary's review of 2023 (ecology/2023/1.5)
    is the 2024 report's words, found under 2024 and sorted there; read alone, its themes keep 2023."""

    def refs(*args: str, data: tuple[str, ...] = ("--data", str(with_summary))) -> list[str]:
        return [hit["ref"] for hit in json.loads(run(*data, "search", "jobs", *args, "--json").stdout or "[]")]

    assert "ecology/2023/1.5" in refs("--year", "2024")
    assert not [ref for ref in refs("--year", "2023") if ref.count("/") == 2]  # no summary statement
    by_year = refs("--sort", "year")
    assert by_year.index("ecology/2023/1.5") > max(i for i, ref in enumerate(by_year) if ref.startswith("2023-"))
    assert "ecology/2023/1.5" in refs("--year", "2023", data=())  # the summary alone: its theme's year
    hidden = run("--data", str(with_summary), "search", "33 million", "--year", "2023")
    assert hidden.exit_code == 1 and hidden.stderr.endswith(
        "(among other reports, the news summary's statements are filed under its report's year, 2024)\n"
    )


def test_pension_before_2024_finds_the_chinese_and_names_the_form_and_the_entry(with_summary: Path) -> None:
    hits = rows_of(with_summary, "search", "pension", "--year", "2000..2020")
    assert hits and all(hit["language"] == "zh" and hit["source"] == "official text" for hit in hits)
    assert len({hit["report"] for hit in hits}) >= 10
    for hit in hits:
        (via,) = hit["via"]
        assert (via["term"], via["glossary"], via["source"]) == ("pension", "pension", "glossary")
        assert "养老金" in via["matched"]
        assert all("养老金" in hit["text"][a:b] for a, b in hit["spans"])
        assert all(hit["text"][a : a + 4] != "养老金融" for a, _ in hit["spans"])  # excluded by the entry


def test_an_english_word_the_glossary_lacks_says_it_searched_english_only(with_summary: Path) -> None:
    result = run("--data", str(with_summary), "search", "economy", "--json")
    assert result.exit_code == 0
    assert {hit["language"] for hit in json.loads(result.stdout)} == {"en"}
    assert (
        "reportcli: 'economy' is not in reportcli's glossary: searched in the English texts only (the "
        "official English translation covers 2024-2026 only, and each report partly)" in result.stderr
    )


def normalized(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("year", [2024, 2025])
def test_at_least_95_percent_of_the_chinese_sentences_with_an_aligned_pair_show_their_english(
    reports: list[Report], year: int
) -> None:
    """Measured on its own terms: a Chinese sentence has an aligned pair when its text stands inside a
    pair's Chinese (the CSV read here, not as the import reads it); it shows its English when the import
    linked it to sentences of the English report."""
    path = SHARED_CORPUS / "en" / "parallel" / f"04_{year}_auto_usable_parallel.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        paired = [normalized(row["中文"]) for row in csv.DictReader(handle)]
    report = next(r for r in reports if r.meta.id == f"{year}-zh")
    english = next(r for r in reports if r.meta.id == f"{year}-en")
    english_refs = {s.ref for s in english.statements()}
    with_pair = [
        s for s in report.statements() if len(normalized(s.text)) >= 6 and any(normalized(s.text) in p for p in paired)
    ]
    shown = [s for s in with_pair if s.counterparts and set(s.counterparts) <= english_refs]
    share = len(shown) / len(with_pair)
    print(
        f"{year}: {len(shown)} of {len(with_pair)} Chinese sentences with an aligned pair show their English "
        f"({share:.1%})"
    )
    assert len(with_pair) > 400 and share >= 0.95


def test_show_of_a_chinese_sentence_gives_its_official_english_and_back(with_summary: Path) -> None:
    statement = rows_of(with_summary, "search", "养老金", "--year", "2024")[0]
    shown = json.loads(run("--data", str(with_summary), "show", statement["ref"], "--json").stdout)["statement"]
    (english,) = shown["translation"][:1]
    assert english["source"] == "official translation" and english["ref"].startswith("2024-en/")
    back = json.loads(run("--data", str(with_summary), "show", english["ref"], "--json").stdout)["statement"]
    assert statement["ref"] in [t["ref"] for t in back["translation"]]


def test_the_official_english_wording_of_a_term_is_counted_and_found(with_summary: Path) -> None:
    """The official English says "peaking carbon emissions" and "household registration": an English
    term reaches them through its entry, in trend as in search, and says so."""
    rows = [row for row in rows_of(with_summary, "trend", "carbon peak") if row["language"] == "en"]
    assert {row["report"] for row in rows if row["count"]} == {"2024-en", "2025-en", "2026-en"}
    assert all(row["via"] == {"glossary": "carbon-peak", "source": "glossary"} for row in rows)
    hits = {hit["ref"]: hit for hit in rows_of(with_summary, "search", "hukou", "--lang", "en")}
    assert "household registration" in hits["2024-en/69.5"]["via"][0]["matched"]


def test_a_diff_of_partial_translations_says_new_may_be_missing(imported: tuple[Path, Any]) -> None:
    """The official English is partial: a statement "new" in 2025-en may be one 2024-en's copy lacks."""
    english = on_corpus(imported, "diff", "2024-en", "2025-en", "--json")
    assert english.exit_code == 0
    assert json.loads(english.stdout)["report_caveats"] == {"from": ["partial"], "to": ["partial"]}
    assert english.stderr == (
        "reportcli: compared reports with caveats: 2024-en (partial) and 2025-en (partial) ('reportcli about "
        "REPORT'); a partial text lacks passages: a statement new or dropped may be one it lacks, not news\n"
    )
    table = run("--data", str(imported[0]), "diff", "2024-en", "2025-en", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    head = " ".join(table.stdout.split("\n\n")[0].split())  # the lines before the first blank one
    assert "‡ compared reports with caveats: 2024-en (partial) and 2025-en (partial)" in head
    chinese = on_corpus(imported, "diff", "2023-zh", "2024-zh", "--json")
    assert chinese.exit_code == 0 and chinese.stderr == ""
    assert json.loads(chinese.stdout)["report_caveats"] == {"from": [], "to": []}


def test_a_summary_statement_cites_the_official_english_of_the_chinese_it_renders(with_summary: Path) -> None:
    """The summary's "the return of stable jobs" renders 稳岗返还, which the official English words as
    premium refunds: a reader of the summary is given both, each with its ref."""
    cited = run("--data", str(with_summary), "cite", "employment/2024/1.1")
    assert cited.exit_code == 0
    assert "Official text: 落实和完善稳岗返还" in cited.stdout
    official = (
        "\nOfficial translation of 2024-zh/72.4 (as the published parallel file pairs them): To keep employment stable,"
        " we will implement and improve policies"
    )
    assert official + " on unemployment insurance premium refunds" in cited.stdout
    shown = json.loads(run("--data", str(with_summary), "show", "employment/2024/1.1", "--json").stdout)
    [english] = shown["statement"]["translation"]
    assert (english["ref"], english["of"], english["source"]) == (
        "2024-en/78.4",
        "2024-zh/72.4",
        "official translation",
    )


def test_sentences_aligned_as_a_group_are_cited_together_never_one_for_the_other(with_summary: Path) -> None:
    """2024-en/3.4 (CPI) and 3.5 (the balance of payments) are aligned with 2024-zh/5.4 and 5.5 as one
    group: a citation must not give 国际收支基本平衡 as the Chinese of the CPI sentence."""
    cited = run("--data", str(with_summary), "cite", "2024-en/3.4").stdout
    group = "Official text, 2 sentences aligned as one group (as the published parallel file pairs them): "
    group += "居民消费价格上涨0.2%。国际收支基本平衡。"
    assert group + " (2024-zh/5.4, 2024-zh/5.5)" in cited


def test_pairs_a_sentence_off_are_flagged_by_the_glossary(with_summary: Path) -> None:
    """2025-zh/13.10-13.17: the third party's pairs slip by a sentence (13.16, the public holidays, is
    paired with the living allowances) at a low cost; the glossary tells, and the paragraph is flagged."""

    def linked(ref: str) -> list[dict[str, Any]]:
        shown = json.loads(run("--data", str(with_summary), "show", ref, "--json").stdout)
        return list(shown["statement"]["translation"])

    [holidays] = linked("2025-zh/13.16")
    assert holidays["uncertain"] and holidays["check"].endswith("its pairs may be shifted by a sentence")
    assert all(t["uncertain"] and t["check"] for t in linked("2024-zh/14.5"))  # monetary policy paired with tax relief
    [jobs] = linked("2024-zh/72.4")
    assert (jobs["ref"], jobs["uncertain"], jobs["check"]) == ("2024-en/78.4", False, None)


def test_a_sentence_the_partial_english_lacks_says_so_when_cited(with_summary: Path) -> None:
    """2024's main targets are not in the partial official English: the citation says why it gives none."""
    cited = run("--data", str(with_summary), "cite", "2024-zh/27.1").stdout
    assert cited.endswith(
        "Other language: no sentence of 2024-en (a partial text) is linked to it: 'reportcli about 2024-en'\n"
    )
    linked = json.loads(run("--data", str(with_summary), "cite", "2024-zh/72.4", "--json").stdout)
    assert linked[0]["translation_none"] is None and linked[0]["translation"]
