"""The pure decisions every command shares: the ref grammar, what a language and an ideograph are, a
report's year and how it speaks of a year, and the years a user types."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportcli import language, refs, scope
from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.model import PLAN, REVIEW_OF_YEAR, Meta

# --- refs -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("2024-zh", refs.Ref("2024-zh")),
        ("2024-zh/part3", refs.Ref("2024-zh", part=3)),
        ("2024-zh/part3.9", refs.Ref("2024-zh", part=3, subpart=9)),
        ("2024-zh/68", refs.Ref("2024-zh", number=68)),
        ("2024-zh/68.6", refs.Ref("2024-zh", number=68, sentence=6)),
        ("ecology/2024", refs.Ref("ecology", number=2024)),
        ("ecology/2024/2.6", refs.Ref("ecology", year=2024, number=2, sentence=6)),
        ("glossary/3", refs.Ref("glossary", number=3)),
    ],
)
def test_every_ref_form_is_read_and_written_back(text: str, parsed: refs.Ref) -> None:
    assert refs.parse(text) == parsed
    assert str(parsed) == text


@pytest.mark.parametrize(
    "text",
    ["", "ecology/²", "ecology/2024/²", "2024-zh/٣", "2024-zh/68.", "a b/1", "x/part", "x/1/2", "x//1", "x/1.2.3"],
)
def test_what_is_no_ref_is_none(text: str) -> None:
    assert refs.parse(text) is None


def test_numbers_in_refs_are_ascii_digits_only() -> None:
    assert refs.number("2024") == 2024
    assert [refs.number(text) for text in ("²", "٣", "", "-1", "1.5", "２０２４")] == [None] * 6


def test_the_builders_write_the_forms_the_parser_reads() -> None:
    assert refs.report_id(2024, language.ZH) == "2024-zh"
    assert refs.part_id("2024-zh", 3) == "2024-zh/part3" and refs.part_id("2024-zh", 3, 9) == "2024-zh/part3.9"
    assert refs.sentence_ref("2024-zh", 68, 6) == "2024-zh/68.6"
    assert refs.paragraph_ref("2024-zh", 68) == "2024-zh/68"
    assert refs.statement_ref("ecology", 2024, 2, 6) == "ecology/2024/2.6"
    assert [refs.is_numbered_part(s) for s in ("2024-zh/part3", "2024-zh/part3.9", "2024-zh/part0", "x")] == [
        True,
        False,
        False,
        False,
    ]
    assert [refs.is_subpart(s) for s in ("2024-zh/part3.9", "2024-zh/part3", "2024-zh/68.6")] == [True, False, False]


@given(
    head=st.from_regex(refs.REPORT_ID, fullmatch=True),
    numbers=st.tuples(st.integers(1, 10**6), st.integers(1, 10**6)),
    year=st.integers(1000, 9999),
)
def test_any_ref_written_by_the_builders_parses_back(head: str, numbers: tuple[int, int], year: int) -> None:
    for text in (
        refs.part_id(head, *numbers),
        refs.sentence_ref(head, *numbers),
        refs.paragraph_ref(head, numbers[0]),
        refs.statement_ref(head, year, *numbers),
    ):
        parsed = refs.parse(text)
        assert parsed is not None and str(parsed) == text and parsed.head == head


# --- languages --------------------------------------------------------------------------------------------


def test_an_ideograph_is_one_cjk_character_of_the_three_blocks() -> None:
    assert [language.is_ideograph(c) for c in ("中", "㐀", "豈", "a", "。", "中国", "")] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]
    assert language.is_chinese("GDP增长5%") and not language.is_chinese("growth 5%")


# --- a report's year, and how it speaks of a year ------------------------------------------------------


def test_a_reports_year_is_its_metadata_else_its_date() -> None:
    assert Meta("t", year=1991, date="1991-03-25").report_year == 1991
    assert Meta("t", date="2024-03-05").report_year == 2024
    assert Meta("t").report_year is None


def test_a_report_plans_its_own_year_and_reviews_the_years_before() -> None:
    meta = Meta("t", date="2024-03-05")
    assert [meta.year_label(y) for y in (2023, 2024, 2025)] == [REVIEW_OF_YEAR, PLAN, PLAN]
    assert Meta("t").year_label(2024) == ""


# --- years as a user types them ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("2024", 2024, 2024),
        ("2015..2020", 2015, 2020),
        ("2015-2020", 2015, 2020),
        ("2015–2020", 2015, 2020),
        ("..2000", None, 2000),
        ("2010..", 2010, None),
        (" 2015 .. 2020 ", 2015, 2020),
        ("２０１５..２０２０", 2015, 2020),  # full-width digits, as a Chinese input method types them
    ],
)
def test_years_and_ranges_are_read(typed: str, first: int | None, last: int | None) -> None:
    years = scope.parse_years(typed)
    assert years == scope.Years(first, last)
    assert (2016 in years) is ((first or 0) <= 2016 <= (last or 9999))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("20", "--year '20' is not a year or a range (2024, 2015..2020, ..2000, 2010..)"),
        ("..", "--year '..' is not a year or a range (2024, 2015..2020, ..2000, 2010..)"),
        ("2020..2015", "--year '2020..2015' runs backwards; write 2015..2020"),
    ],
)
def test_what_is_no_year_is_refused_with_the_forms_there_are(typed: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        scope.parse_years(typed)
    assert str(raised.value) == message


def test_many_years_are_shown_as_their_span() -> None:
    assert scope.shown_years([2023, 2024]) == "2023, 2024"
    assert scope.shown_years(list(range(1954, 2027))) == "1954-2026 (73 years)"
    gappy = [*range(1954, 1961), 1964, 1975, *range(1978, 2027)]
    assert scope.shown_years(gappy) == "1954-1960, 1964, 1975, 1978-2026 (58 years)"  # 1962 is seen to be missing
    every_other = list(range(1900, 2000, 2))
    assert scope.shown_years(every_other) == "1900-1998 (50 years, 49 gaps)"
    assert scope.Years(2015, 2020).text() == "2015..2020" and scope.Years(2024, 2024).text() == "2024"


def test_a_name_one_transposition_away_is_suggested() -> None:
    from reportcli.model import Section

    short = Section("ba", "theme", "Ba", "", "", ())
    assert scope.nearest_names("ab", [short]) == ["ba"]  # one swap, as Damerau counts it; two edits otherwise
    assert scope.nearest_names("xy", [short]) == []


def test_a_name_as_many_edits_away_as_its_limit_is_still_suggested() -> None:
    """A third of the length typed: ``ecoloxx`` (7 characters, 2 edits) is one to ecology, 3 edits none."""
    from reportcli.model import Section

    ecology = Section("ecology", "theme", "Ecology", "", "", ())
    assert scope.nearest_names("ecoloxx", [ecology]) == ["ecology"]
    assert scope.nearest_names("ecolxxx", [ecology]) == []


def test_a_year_range_the_data_has_no_text_for_is_refused_with_the_years_it_has(corpus: Corpus) -> None:
    scope.check_years(corpus, scope.Years(2024, 2024))
    scope.check_years(corpus, scope.Years(None, 2023))
    with pytest.raises(QueryError) as raised:
        scope.check_years(corpus, scope.Years(1990, 1995))
    assert str(raised.value) == "no text for 1990..1995; years available: 2023, 2024"
