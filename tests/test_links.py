"""The official English linked to the Chinese through a third party's aligned pairs, and checked against
the reviewed glossary: a pair whose two sides hold different glossary terms is flagged whatever its
cost, and so is every pair of a paragraph where two or more are (the aligner slipped by a sentence)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_CORPUS, run

from reportcli.importer import links
from reportcli.importer.sources import Pair
from reportcli.search import glossary

CHINESE = [
    [
        "我们扎实推进碳达峰碳中和。",
        "提高城乡居民基础养老金。",
        "加强残疾人权益保障。",
        "推进义务教育优质均衡发展。",
        "办好运动会。",
    ]
]
RIGHT = ["We worked toward peaking carbon emissions.", "Basic pension benefits were raised.",
         "Rights of persons with disabilities were protected.", "Compulsory education was improved.",
         "We hosted the Games."]  # fmt: skip
SLIPPED = [*RIGHT[:1], *RIGHT[2:], "We hosted the Games well."]  # pairs 2-5 each one sentence on


def pairs(english: list[str]) -> list[Pair]:
    return [Pair(n, n, zh, en, 0.1) for n, (zh, en) in enumerate(zip(CHINESE[0], english, strict=True), 1)]


def test_the_glossary_tells_a_pair_whose_terms_differ() -> None:
    said = glossary.disagreement("提高城乡居民基础养老金。", "We hosted the Games.")
    assert said is None  # nothing on the English side to tell by
    said = glossary.disagreement("提高城乡居民基础养老金。", "Rights of persons with disabilities were protected.")
    assert said == "its glossary terms differ (pension in the Chinese; persons-with-disabilities in the English)"
    assert glossary.disagreement("提高城乡居民基础养老金。", "Basic pension benefits were raised.") is None
    assert glossary.disagreement("我们扎实推进碳达峰碳中和。", "We worked toward peaking carbon emissions.") is None


def test_pairs_that_agree_are_not_flagged() -> None:
    found = links.link(CHINESE, [RIGHT], pairs(RIGHT), glossary.disagreement)
    assert [(f.chinese, f.english, f.check) for f in found] == [(((1, n),), ((1, n),), None) for n in range(1, 6)]
    assert not any(f.uncertain for f in found)


def test_a_paragraph_paired_a_sentence_off_is_flagged_throughout() -> None:
    found = links.link(CHINESE, [SLIPPED], pairs(SLIPPED), glossary.disagreement)
    checks = [f.check for f in found]
    assert checks[1] == "its glossary terms differ (pension in the Chinese; persons-with-disabilities in the English)"
    assert checks[2] is not None and checks[2].startswith("its glossary terms differ (persons-with-disabilities in")
    # 义务教育 paired with the Games: its term is in the English sentence beside its pair
    assert (
        checks[3] == "its glossary terms (compulsory-education) are in the English sentence beside its pair, not in it"
    )
    # nothing to tell by in themselves, but pairs of their paragraph slipped: all of it is in doubt
    assert [checks[0], checks[4]] == [links.SHIFTED] * 2
    assert all(f.uncertain for f in found)


def test_a_term_the_english_lacks_but_its_neighbour_holds_flags_the_pair() -> None:
    """A low cost does not make a pair right: 负面清单 paired with the sentence before the one that says
    "negative list" (2025-zh/10.6 on the published pairs)."""
    chinese = [["全面实施跨境服务贸易负面清单。"]]
    english = [["These efforts enabled exports to contribute more.", "We applied the negative list in full."]]
    shifted = [Pair(1, 1, chinese[0][0], english[0][0], 0.01)]
    [found] = links.link(chinese, english, shifted, glossary.disagreement)
    assert found.check is not None and found.check.startswith("its glossary terms (negative-list")
    right = [Pair(1, 1, chinese[0][0], english[0][1], 0.01)]
    assert links.link(chinese, english, right, glossary.disagreement)[0].check is None


def test_a_stem_that_is_another_word_is_not_the_term() -> None:
    """urbanization stems to urban: "urban and rural areas" does not hold the entry urbanization."""
    said = glossary.disagreement(
        "统筹城乡区域协调发展。", "We advanced coordinated development between urban and rural areas."
    )
    assert said is None


def test_one_doubt_alone_does_not_flag_its_paragraph() -> None:
    english = [RIGHT[0], RIGHT[2], RIGHT[2] + " Again.", *RIGHT[3:]]
    found = links.link(CHINESE, [english], pairs(english), glossary.disagreement)
    assert [f.check is not None for f in found] == [False, True, False, False, False]


@pytest.fixture(scope="module")
def fixture_with_doubt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus imported with two pairs of its parallel CSV given each other's English: the
    carbon-peak sentence paired with "Rural revitalization moved forward steadily", and the reverse."""
    folder = tmp_path_factory.mktemp("doubt-inputs")
    names = ["reports.jsonl", "reports.tsv", "2023.txt", "04_2023_auto_usable_parallel.csv"]
    for name in names[:3]:
        shutil.copy(FIXTURE_CORPUS / name, folder / name)
    with (FIXTURE_CORPUS / names[3]).open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = list(reader.fieldnames or []), list(reader)
    by_number = {row["全局对齐序号"]: row for row in rows}
    carbon, rural = by_number["11"], by_number["8"]
    for column in ("英文", "原始英文"):
        carbon[column], rural[column] = rural[column], carbon[column]
    with (folder / names[3]).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path_factory.mktemp("doubt-reports")
    result = run("import", *(str(folder / name) for name in names), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def test_an_imported_pair_in_doubt_is_shown_and_cited_with_why(fixture_with_doubt: Path) -> None:
    shown = json.loads(run("--data", str(fixture_with_doubt), "show", "2023-zh/7.2", "--json").stdout)
    [english] = shown["statement"]["translation"]
    assert english["text"] == "— Rural revitalization moved forward steadily."
    assert english["uncertain"] is True
    assert english["check"] == (
        "its glossary terms differ (carbon-neutrality, carbon-peak, energy-consumption-per-unit-gdp, gdp "
        "in the Chinese; rural-revitalization in the English)"
    )
    cited = run("--data", str(fixture_with_doubt), "cite", "2023-zh/7.2").stdout
    assert f"(2023-en/{english['ref'].split('/')[1]}; {english['check']}: check it)." in cited
    on_terminal = {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "100"}
    table = run("--data", str(fixture_with_doubt), "show", "2023-zh/7.2", env=on_terminal).stdout
    assert f"uncertain link: {english['check']}; check it" in " ".join(table.split())
    back = json.loads(run("--data", str(fixture_with_doubt), "show", english["ref"], "--json").stdout)
    assert [t["check"] for t in back["statement"]["translation"]] == [english["check"]]  # both sides say it


def test_the_fixture_corpus_pairs_are_all_in_agreement() -> None:
    """The fixture's own pairs are right: none is flagged (the check does not cry wolf on them)."""
    import tempfile

    with tempfile.TemporaryDirectory() as out:
        names = ["reports.jsonl", "reports.tsv", "2023.txt", "04_2023_auto_usable_parallel.csv"]
        result = run("import", *(str(FIXTURE_CORPUS / name) for name in names), "--out", out)
        assert result.exit_code == 0
        text = (Path(out) / "2023-zh.yaml").read_text(encoding="utf-8")
    assert "  links:\n" in text and "glossary terms differ" not in text and links.SHIFTED not in text


def test_a_doubt_that_is_not_text_is_refused_with_where_it_stands(fixture_with_doubt: Path, tmp_path: Path) -> None:
    text = (fixture_with_doubt / "2023-zh.yaml").read_text(encoding="utf-8")
    assert ", null]\n" in text
    spoiled = tmp_path / "2023-zh.yaml"
    spoiled.write_text(text.replace(", null]\n", ", 5]\n", 1), encoding="utf-8")
    result = run("--data", str(spoiled), "show", "2023-zh/1.1")
    assert result.exit_code == 2
    assert result.stderr.startswith("reportcli: ") and "expected why the link is doubtful, or null" in result.stderr
    assert len(result.stderr.splitlines()) == 1
