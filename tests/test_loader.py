"""Bad data: each kind is refused with one line naming the file and the place, and exit code 2."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import minimal_document, run, write_yaml

from reportcli.errors import DataError
from reportcli.reportfile import load_report

Spoiler = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Spoiler:
    """Set a node given as 'themes.3.years.2024' (list indexes and int keys are tried as ints)."""

    def spoil(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) or int_key(node, key) else node[key]
        if isinstance(node, list) or int_key(node, last):
            node[int(last)] = value
        else:
            node[last] = value

    return spoil


def int_key(node: Any, key: str) -> bool:
    return isinstance(node, dict) and key.isdigit() and int(key) in node


def _delete(path: str) -> Spoiler:
    def spoil(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        del node[last]

    return spoil


def _duplicate_theme_id(doc: dict[str, Any]) -> None:
    doc["themes"][1]["id"] = "ecology"


def _duplicate_ref(doc: dict[str, Any]) -> None:
    doc["themes"][0]["years"][2024][0][1]["ref"] = "ecology/2024/1.1"


def _year_as_text(doc: dict[str, Any]) -> None:
    doc["themes"][0]["years"]["twenty"] = doc["themes"][0]["years"].pop(2024)


def _silent_change(doc: dict[str, Any]) -> None:
    doc["themes"][0]["years"][2024][0][1]["text"] += " And something the source never said."


def _unrecorded_change(doc: dict[str, Any]) -> None:
    doc["review"]["items"][1]["repairs"].pop()


SPOILED = [
    (_set("themes.3.years.2024", "text"), "themes[3].years.2024: expected a list, got a string ('text')"),
    (_set("themes", {}), "themes: expected a list, got a mapping"),
    (_set("report", []), "report: expected a mapping, got a list"),
    (_delete("report.title"), "report: missing key 'title'"),
    (_set("themes.0.colour", "green"), "themes[0].colour: unknown key"),
    (_set("themes.0.years.2024.0", []), "themes[0].years.2024[0]: expected a non-empty list"),
    (_year_as_text, "themes[0].years.twenty: expected a year (a whole number such as 2024), got a string ('twenty')"),
    (_set("figures.0.value", "one trillion"), "figures[0].value: expected a number, got a string ('one trillion')"),
    (_set("figures.0.value", True), "figures[0].value: expected a number, got a boolean (True)"),
    (_set("figures.0.year", "2023"), "figures[0].year: expected a year (a whole number such as 2024), got a string"),
    (_set("figures.0.ref", "nowhere/1"), "figures[0].ref: no statement has the ref 'nowhere/1'"),
    (_set("figures.0.display", "2 trillion yuan"), "figures[0].display: '2 trillion yuan' does not occur in the text"),
    (_duplicate_theme_id, "themes[1].id: duplicate theme id 'ecology'"),
    (_duplicate_ref, "themes[0].years.2024[0][1].ref: duplicate ref 'ecology/2024/1.1'"),
    (_set("themes.0.id", "Eco Logy"), "themes[0].id: 'Eco Logy' is not a valid id"),
    (_set("schema", 2), "schema: unsupported schema version 2"),
    (_silent_change, "themes[0].years.2024[0][1].text: differs from the original with its repairs applied"),
    (_unrecorded_change, "review.items[1].text: differs from the original with its repairs applied"),
    (_set("themes.1.inferred_years", [2023]), "themes[1].inferred_years: lists 2023, which the theme has no text for"),
]


@pytest.mark.parametrize(("spoil", "message"), SPOILED, ids=[m.split(":")[0] for _, m in SPOILED])
def test_wrong_shape_or_type_is_refused_with_the_node_path(
    tmp_path: Path, document: dict[str, Any], spoil: Spoiler, message: str
) -> None:
    spoil(document)
    path = write_yaml(tmp_path / "report.yaml", document)
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"reportcli: {path}: {message}")
    assert result.stderr.count("\n") == 1


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
    for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)

RAW_FILES = [
    (b"schema: 1\nthemes: [\n", ":3:1: invalid YAML: while parsing a flow"),
    (b"schema: 1\n  report: x\n", ":2:9: invalid YAML: mapping values are not allowed"),
    (b"", ": file is empty"),
    (b"  \n\n", ": file is empty"),
    (b"schema: 1\nreport: {title: \xff\xfe}\n", ": not UTF-8 text (invalid byte at offset 26)"),
    (BILLION_LAUGHS.encode(), ":1:4: invalid YAML: anchors (&name) are not allowed"),
    (b"a: [1]\nb: *a\n", ":2:4: invalid YAML: aliases (*name) are not allowed"),
    (
        b"!!python/object/apply:os.system [echo hacked]\n",
        "invalid YAML: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
    ),
    (b"schema: 1\nschema: 1\n", ":2:1: invalid YAML: duplicate key 'schema'"),
    (b"---\nschema: 1\n---\nschema: 1\n", "invalid YAML: expected a single document in the stream"),
    (b"- just\n- a list\n", ": expected a mapping, got a list"),
    (b"schema: 1\nreport: {title: \x1b[31m}\n", "invalid YAML: control character U+001B"),
]


@pytest.mark.parametrize(("content", "message"), RAW_FILES, ids=[m.strip(": ")[:40] for _, m in RAW_FILES])
def test_unreadable_files_are_refused_with_line_and_column(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"reportcli: {path}")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(("content", "message"), RAW_FILES, ids=[m.strip(": ")[:40] for _, m in RAW_FILES])
def test_the_pure_python_parser_refuses_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, message: str
) -> None:
    """Where PyYAML was built without libyaml, the same rules hold (messages may word the syntax errors otherwise)."""
    monkeypatch.setattr("reportcli.reportfile.yamlsafe._Parser", yaml.SafeLoader)
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    result = run("--no-cache", "validate", str(path))
    assert result.exit_code == 2 and result.stderr.startswith(f"reportcli: {path}")
    assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr


def test_the_pure_python_parser_reads_the_real_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reportcli.reportfile.yamlsafe._Parser", yaml.SafeLoader)
    result = run("--no-cache", "validate")
    assert result.exit_code == 0 and "9 themes, 79 statements, 11 figures" in result.stdout


def test_billion_laughs_fails_fast(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(BILLION_LAUGHS)
    started = time.perf_counter()
    with pytest.raises(DataError, match="anchors"):
        load_report(path)
    assert time.perf_counter() - started < 5  # generous: expansion would take minutes and gigabytes


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p, ": no such file"),
        (lambda p: (p.mkdir(), p)[1], ": no report files (*.yaml, *.yml) in it"),
    ],
    ids=["missing", "directory"],
)
def test_missing_file_and_directory(tmp_path: Path, make: Callable[[Path], Path], message: str) -> None:
    path = make(tmp_path / "report.yaml")
    result = run("--data", str(path), "themes")
    assert result.exit_code == 2
    assert result.stderr == f"reportcli: {path}{message}\n"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(
        b"\xef\xbb\xbf" + write_yaml(tmp_path / "x.yaml", minimal_document(a={2024: [["A."]]})).read_bytes()
    )
    assert run("--data", str(path), "themes", "--json").exit_code == 0


def test_data_option_and_environment_variable_agree(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "small.yaml", minimal_document(solo={2024: [["One sentence."]]}))
    by_option = run("--data", str(path), "themes")
    by_env = run("themes", env={"REPORTCLI_DATA": str(path)})
    assert by_option.stdout == by_env.stdout == "solo\tSolo\t2024\t2024:1\n"


def test_the_data_file_is_never_written(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "r.yaml", minimal_document(a={2023: [["A."]], 2024: [["B."]]}))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    for args in (["themes"], ["show", "a"], ["figures"], ["validate"]):
        run("--data", str(path), *args)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
