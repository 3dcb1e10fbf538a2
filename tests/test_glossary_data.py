"""The shape of data/glossary.yaml: what a reader of the glossary (search, trend) relies on.

The rules are checked by one function, run on the shipped file (no problem allowed) and on copies
broken on purpose, one rule at a time, so that each rule is shown to catch what it is for.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

GLOSSARY = Path(__file__).resolve().parents[1] / "data" / "glossary.yaml"
IDEOGRAPHS = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAIR = re.compile(r"^(2024|2025|2026):[1-9][0-9]*$")
FIELDS = {"id", "en", "also", "zh", "exclude", "official", "evidence", "note"}


def problems(entries: Any) -> list[str]:
    """Every way ``entries`` breaks the glossary's rules; an empty list for a sound file."""
    if not isinstance(entries, list):
        return ["the file is not a list of entries"]
    found: list[str] = []
    if len(entries) < 300:
        found.append(f"{len(entries)} entries, fewer than 300")
    ids: set[str] = set()
    owners: dict[str, str] = {}
    for n, entry in enumerate(entries):
        if not isinstance(entry, dict):
            found.append(f"entry {n} is not a mapping")
            continue
        name = str(entry.get("id", f"entry {n}"))
        if set(entry) - FIELDS:
            found.append(f"{name}: unknown fields {sorted(set(entry) - FIELDS)}")
        if not isinstance(entry.get("id"), str) or not SLUG.match(entry["id"]):
            found.append(f"{name}: id is not a slug")
        elif name in ids:
            found.append(f"{name}: id used twice")
        ids.add(name)
        en = entry.get("en")
        also = entry.get("also", [])
        if not isinstance(en, str) or not en.strip():
            found.append(f"{name}: no en")
            en = ""
        if not isinstance(also, list) or not all(isinstance(a, str) and a.strip() for a in also):
            found.append(f"{name}: also is not a list of strings")
            also = []
        for form in {en.lower(), *(a.lower() for a in also)} - {""}:
            if form in owners and owners[form] != name:
                found.append(f"{name}: English form {form!r} also claimed by {owners[form]}")
            owners[form] = name
        zh = entry.get("zh")
        if not isinstance(zh, list) or not zh:
            found.append(f"{name}: zh is not a non-empty list")
            zh = []
        for form in zh:
            if not isinstance(form, str) or not IDEOGRAPHS.match(form):
                found.append(f"{name}: zh form {form!r} is not made of CJK ideographs")
            elif len(form) < 2:
                found.append(f"{name}: zh form {form} is a single character")
        if len(set(map(str, zh))) != len(zh):
            found.append(f"{name}: a zh form is given twice")
        for longer in entry.get("exclude", []):
            if not any(isinstance(f, str) and f in longer and f != longer for f in zh):
                found.append(f"{name}: exclude {longer!r} holds none of its zh forms")
        evidence = entry.get("evidence", [])
        if not isinstance(evidence, list) or not all(isinstance(r, str) and PAIR.match(r) for r in evidence):
            found.append(f"{name}: evidence is not a list of year:id pair refs (2024–2026)")
        note = entry.get("note")
        if not evidence and not (isinstance(note, str) and note.strip()):
            found.append(f"{name}: neither evidence nor note")
    return found


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    with GLOSSARY.open(encoding="utf-8") as handle:
        loaded: list[dict[str, Any]] = yaml.safe_load(handle)
    return loaded


def test_the_shipped_glossary_keeps_every_rule(entries: list[dict[str, Any]]) -> None:
    assert problems(entries) == []


def test_the_file_states_its_licence_and_its_fields() -> None:
    head = GLOSSARY.read_text(encoding="utf-8")[:3000]
    assert "MIT" in head
    for field in FIELDS:
        assert f"#   {field}" in head, field


def test_the_terms_the_issue_names_are_there(entries: list[dict[str, Any]]) -> None:
    """What search and trend are asked to show rests on these entries."""
    by_english = {f.lower(): e for e in entries for f in [e["en"], *e.get("also", [])]}
    expected = {
        "common prosperity": "共同富裕",
        "carbon peak": "碳达峰",
        "peaking carbon emissions": "碳达峰",
        "carbon neutrality": "碳中和",
        "pension": "养老金",
        "pension insurance": "养老保险",
        "new quality productive forces": "新质生产力",
        "family planning": "人口与计划生育",
        "hukou": "户口",
        "household registration": "户籍",
        "ai": "人工智能",
        "artificial intelligence": "人工智能",
        "township and village enterprises": "乡镇企业",
        "state-owned enterprises": "国营企业",
    }
    for english, form in expected.items():
        assert form in by_english[english]["zh"], english
    assert "养老金" not in by_english["pension insurance"]["zh"]
    assert by_english["carbon peak"]["official"] == "peaking carbon emissions"


def broken(entries: list[dict[str, Any]], index: int, **changes: Any) -> list[dict[str, Any]]:
    copied = copy.deepcopy(entries)
    for field, value in changes.items():
        if value is None:
            copied[index].pop(field, None)
        else:
            copied[index][field] = value
    return copied


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"zh": ["计"]}, "single character"),
        ({"zh": []}, "zh is not a non-empty list"),
        ({"zh": None}, "zh is not a non-empty list"),
        ({"zh": ["AI"]}, "not made of CJK ideographs"),
        ({"zh": ["养老 金"]}, "not made of CJK ideographs"),
        ({"en": None}, "no en"),
        ({"en": " "}, "no en"),
        ({"evidence": None, "note": None}, "neither evidence nor note"),
        ({"evidence": ["2024-12"]}, "evidence is not a list"),
        ({"evidence": ["1999:5"]}, "evidence is not a list"),
        ({"exclude": ["非公有制"]}, "holds none of its zh forms"),
        ({"id": "Not A Slug"}, "id is not a slug"),
        ({"meaning": "x"}, "unknown fields"),
    ],
)
def test_each_rule_catches_a_broken_entry(
    entries: list[dict[str, Any]], changes: dict[str, Any], expected: str
) -> None:
    found = problems(broken(entries, 0, **changes))
    assert any(expected in p for p in found), found


def test_a_repeated_id_or_english_form_is_caught(entries: list[dict[str, Any]]) -> None:
    twice = broken(entries, 1, id=entries[0]["id"])
    assert any("id used twice" in p for p in problems(twice))
    claimed = broken(entries, 1, also=[entries[0]["en"].upper()])
    assert any("also claimed by" in p for p in problems(claimed))


def test_too_few_entries_is_caught(entries: list[dict[str, Any]]) -> None:
    assert any("fewer than 300" in p for p in problems(entries[:299]))
    assert problems("a string") == ["the file is not a list of entries"]
