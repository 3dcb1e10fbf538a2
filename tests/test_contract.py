"""The README's JSON contract, held: every command's --json output has exactly the keys the README's table
lists for it, record by record (on the embedded report and on the fixture corpus)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE_CORPUS, contract_keys, run

Pick = Callable[[Any], Any]  # the record of a document whose keys a row lists


def first(document: Any) -> Any:
    assert isinstance(document, list) and document, "expected a non-empty list"
    return document[0]


def whole(document: Any) -> Any:
    return document


@pytest.fixture(scope="module")
def fixture_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("contract") / "reports"
    inputs = [str(FIXTURE_CORPUS / name) for name in ("reports.jsonl", "reports.tsv", "2023.txt")]
    result = run("import", *inputs, "--out", str(out), "--json")
    assert result.exit_code == 0, result.stderr
    return out


# row of the README's table -> (uses the fixture corpus, the command's arguments, the record to check)
INVOCATIONS: dict[str, tuple[bool, list[str], Pick]] = {
    "`themes`": (False, ["themes"], first),
    "`show THEME`": (False, ["show", "ecology"], whole),
    "`show` (a whole report)": (False, ["show"], whole),
    "`show REF`": (False, ["show", "ecology/2024/2.6"], whole),
    "`show REF` (a sentence of a full report)": (True, ["show", "2022-zh/10.1"], whole),
    "`show REF` (an official sentence, its report not loaded)": (False, ["show", "2024-zh/68.6"], whole),
    "a statement (in `show`)": (False, ["show", "ecology"], lambda d: d["statements"][0]),
    "`figures`": (False, ["figures"], first),
    "`search`": (False, ["search", "pension"], first),
    "`search --count`": (False, ["search", "pension", "--count"], first),
    "`search --kwic`": (True, ["search", "rural revitalization", "--kwic"], first),
    "`diff THEME`": (False, ["diff", "ecology"], whole),
    "`diff --from Y1 --to Y2` (two full reports)": (True, ["diff", "--from", "2022", "--to", "2023"], whole),
    "a continued pair (in `diff`)": (False, ["diff", "ecology"], lambda d: d["continued"][0]),
    "`diff` (every theme)": (False, ["diff"], first),
    "`diff THEME --terms`": (False, ["diff", "ecology", "--terms"], first),
    "`trend`": (True, ["trend", "碳达峰"], first),
    "`targets`": (True, ["targets"], first),
    "`reports`": (True, ["reports"], first),
    "`about`": (False, ["about"], whole),
    "`about` (several reports)": (True, ["about"], whole),
    "`cite REF...`": (False, ["cite", "ecology/2024/2.6"], first),
    "`validate`": (False, ["validate"], whole),
}
ELSEWHERE = {  # rows whose commands write files or fetch: checked where those are tested
    "`import`": "below, on the fixture corpus's import",
    "`export FILE`": "below",
    "`corpus fetch`": "tests/test_fetch.py, against an HTTP server on loopback",
}


def test_every_row_of_the_contract_is_checked() -> None:
    assert set(contract_keys()) == set(INVOCATIONS) | set(ELSEWHERE)


@pytest.mark.parametrize("row", sorted(INVOCATIONS))
def test_the_json_of_each_command_has_the_keys_the_readme_lists(row: str, fixture_reports: Path) -> None:
    corpus, args, pick = INVOCATIONS[row]
    result = run(*(["--data", str(fixture_reports)] if corpus else []), *args, "--json")
    assert result.exit_code == 0, result.stderr
    assert sorted(pick(json.loads(result.stdout))) == sorted(contract_keys()[row])


def test_import_and_export_have_the_keys_the_readme_lists(fixture_reports: Path, tmp_path: Path) -> None:
    inputs = [str(FIXTURE_CORPUS / "reports.jsonl")]
    imported = run("import", *inputs, "--out", str(tmp_path / "again"), "--json")
    assert sorted(json.loads(imported.stdout)) == sorted(contract_keys()["`import`"])
    exported = run("--data", str(fixture_reports), "export", str(tmp_path / "out.db"), "--json")
    assert sorted(json.loads(exported.stdout)) == sorted(contract_keys()["`export FILE`"])


def test_the_contract_table_is_read_as_written() -> None:
    """The parser behind these tests sees the table's rows and keys (so that they can fail)."""
    keys = contract_keys()
    assert keys["`validate`"] == ["path", "status", "themes", "statements", "figures", "repairs", "notes"]
    assert len(keys) >= 25
