"""What a run works out from a file reportcli ships (the glossary) is kept in the cache: read back only
when the same build made it from the same bytes, never trusted beyond what the file would give."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from reportcli.db import cache, kept
from reportcli.db.checked import checksum
from reportcli.search import glossary


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REPORTCLI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTCLI_NO_CACHE", raising=False)
    cache.turn_off(False)
    return tmp_path / "cache"


def counting(result: object) -> tuple[list[int], Callable[[], object]]:
    calls: list[int] = []

    def work() -> object:
        calls.append(1)
        return result

    return calls, work


def test_a_value_is_worked_out_once_then_read_back(cache_dir: Path) -> None:
    calls, work = counting({"a": [1, "二"]})
    assert kept.value("x", b"bytes", work) == {"a": [1, "二"]}
    assert kept.value("x", b"bytes", work) == {"a": [1, "二"]}
    assert len(calls) == 1
    assert [p.name for p in cache_dir.iterdir()] == [cache.entry_name("kept:x")]


def test_other_bytes_are_worked_out_again(cache_dir: Path) -> None:
    calls, work = counting([1])
    kept.value("x", b"one", work)
    kept.value("x", b"two", work)
    assert len(calls) == 2


@pytest.mark.parametrize("how", ["environment", "flag"])
def test_no_cache_neither_reads_nor_writes(cache_dir: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    if how == "environment":
        monkeypatch.setenv("REPORTCLI_NO_CACHE", "1")
    else:
        cache.turn_off(True)
    try:
        calls, work = counting([1])
        kept.value("x", b"bytes", work)
        kept.value("x", b"bytes", work)
    finally:
        cache.turn_off(False)
    assert len(calls) == 2
    assert not cache_dir.exists()


def test_garbage_at_the_entry_is_worked_around(cache_dir: Path) -> None:
    calls, work = counting([1])
    kept.value("x", b"bytes", work)
    entry = cache_dir / cache.entry_name("kept:x")
    entry.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert kept.value("x", b"bytes", work) == [1]
    assert len(calls) == 2


def forge(entry: Path, value: str) -> None:
    """Replace the kept JSON with ``value``, with a checksum that fits: only its shape can tell."""
    con = sqlite3.connect(entry)
    con.execute(
        "UPDATE derived SET value = ?, checksum = ? WHERE name = 'glossary'", (value, checksum(("glossary", value)))
    )
    con.commit()
    con.close()


@pytest.mark.parametrize(
    "value",
    [
        "[]",
        json.dumps({"entries": "nonsense", "keys": [[]]}),
        json.dumps({"entries": [{"id": "x", "en": "x", "zh": ["x"]}], "keys": [[["x"], ["x"]]]}),
        "ENTRIES",  # the real entries with the keys of other forms
        "not json",
    ],
)
def test_a_glossary_entry_of_the_wrong_shape_gives_the_files_answer(cache_dir: Path, value: str) -> None:
    """An entry forged or damaged to hold something else does not change what a query reaches."""
    from_file = glossary._worked_out(glossary.path().read_bytes(), glossary.path())
    glossary._kept.cache_clear()
    glossary._kept()  # written
    if value == "ENTRIES":
        value = json.dumps({"entries": from_file["entries"], "keys": from_file["keys"][1:]})
    forge(cache_dir / cache.entry_name("kept:glossary"), value)
    glossary._kept.cache_clear()
    found, keys = glossary._kept()
    glossary._kept.cache_clear()
    assert [e.id for e in found] == [item["id"] for item in from_file["entries"]]
    assert keys == from_file["keys"]


def test_the_glossary_read_back_is_the_glossary_worked_out(cache_dir: Path) -> None:
    glossary._kept.cache_clear()
    first = glossary._kept()
    glossary._kept.cache_clear()
    second = glossary._kept()  # from the entry
    glossary._kept.cache_clear()
    assert first == second
    assert (cache_dir / cache.entry_name("kept:glossary")).is_file()
    assert len(first[0]) > 300
