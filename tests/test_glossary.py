"""The glossary as search reads it: an English term finds its entry in any word form, and only a reviewed
entry ever adds Chinese to an English query."""

from __future__ import annotations

import pytest

from reportcli.search import glossary


@pytest.mark.parametrize(
    ("typed", "entry"),
    [
        ("pension", "pension"),
        ("Pensions", "pension"),
        ("common prosperity", "common-prosperity"),
        ("peaking carbon emissions", "carbon-peak"),  # the official rendering
        ("carbon peak", "carbon-peak"),
        ("AI", "artificial-intelligence"),
        ("household registration", "hukou"),
        ("family planning", "family-planning"),
        ("agricultural cooperation", "agricultural-cooperation"),  # not -cooperatives, whose stems are the same
        ("agricultural cooperatives", "agricultural-cooperatives"),
    ],
)
def test_an_english_term_finds_its_entry_in_any_word_form(typed: str, entry: str) -> None:
    found = glossary.lookup(typed)
    assert found is not None and found.id == entry


@pytest.mark.parametrize("typed", ["xyzzy", "the", "", "碳达峰", "pension reform carbon"])
def test_what_no_entry_names_finds_none(typed: str) -> None:
    assert glossary.lookup(typed) is None


def test_an_entry_carries_its_chinese_forms_and_the_strings_that_are_other_words() -> None:
    pension = glossary.lookup("pension")
    assert pension is not None and pension.zh == ("养老金",) and pension.exclude == ("养老金融",)
    planning = glossary.lookup("family planning")
    assert planning is not None and {"计划生育"} <= set(planning.zh)


def test_what_was_searched_is_said_with_its_source() -> None:
    entry = glossary.lookup("pensions")
    assert glossary.searched("pensions", entry) == {
        "term": "pensions",
        "english": ["pensions"],
        "chinese": ["养老金"],
        "glossary": {"id": "pension", "en": "pension", "official": "pension", "source": "glossary"},
        "note": None,
    }
    unknown = glossary.searched("xyzzy", None)
    assert unknown["chinese"] == [] and unknown["glossary"] is None and "2024-2026" in unknown["note"]


def test_every_entry_is_read_and_its_english_forms_are_its_own() -> None:
    entries = glossary.entries()
    assert len(entries) >= 300
    claimed = {form: getattr(glossary.lookup(form), "id", None) for e in entries for form in e.english}
    claimed = {
        form: found for form, found in claimed.items() if found not in {e.id for e in entries if form in e.english}
    }
    assert claimed == {}, "an English form leads to another entry"


def test_a_stem_that_is_another_word_does_not_name_an_entry() -> None:
    """urbanization stems to urban: a search for "urban" must not reach 城镇化 through it; a plural still
    names its entry (pensions, pension)."""
    assert glossary.lookup("urban") is None
    urbanization = glossary.lookup("urbanization")
    assert urbanization is not None and urbanization.id == "urbanization"
    found = glossary.lookup("pensions")
    assert found is not None and found.id == "pension"


def test_a_form_that_holds_another_is_not_counted_again() -> None:
    """hukou: "household registration system" holds "household registration"; searched as both, one
    match counted twice (2024-en/69.5 had the spans [29, 51] and [29, 58])."""
    from reportcli.search.parse import term_of
    from reportcli.text import stem

    typed = term_of("hukou", stem)
    assert typed is not None
    forms = [" ".join(f) for f in glossary.expanded(typed, stem, chinese_too=False).alternatives]
    shorter, longer = " ".join(map(stem, ("household", "registration"))), " ".join(map(stem, ("system",)))
    assert shorter in forms
    assert not [f for f in forms if f.startswith(shorter) and f.endswith(longer)]
