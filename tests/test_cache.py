"""The cache of parsed reports: used only when it matches the file exactly, never trusted otherwise."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import minimal_document, run, write_yaml

from reportcli import cache
from reportcli.cli.options import Settings
from reportcli.dataset import default_path
from reportcli.files import read_file
from reportcli.index import build as build_index
from reportcli.model import Report


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("REPORTCLI_CACHE_DIR", str(directory))
    monkeypatch.delenv("REPORTCLI_NO_CACHE", raising=False)
    return directory


def entries(directory: Path) -> list[str]:
    """The kinds of entry in the cache directory; a left-over temporary file would show as its own name."""
    if not directory.exists():
        return []
    return sorted(p.suffix if not p.name.startswith(".") else p.name for p in directory.iterdir())


def test_the_cached_report_and_index_equal_the_parsed_ones(report: Report) -> None:
    again = Report.from_plain(report.to_plain())
    assert list(again.statements()) == list(report.statements())
    assert (again.meta, again.themes, again.figures, again.review_title) == (
        report.meta,
        report.themes,
        report.figures,
        report.review_title,
    )
    index = build_index(report)
    restored = type(index).from_plain(index.to_plain())
    assert (restored.keys, list(restored.post), list(restored.tok_start)) == (
        index.keys,
        list(index.post),
        list(index.tok_start),
    )


def test_a_second_run_reads_the_cache(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_yaml(tmp_path / "r.yaml", minimal_document(a={2024: [["Pensions rise."]]}))
    first = run("--data", str(path), "search", "pension", "--json").stdout
    assert entries(cache_dir) == [".index", ".report"]

    def no_parsing(*_: object) -> None:
        raise AssertionError("parsed although a valid cache entry exists")

    monkeypatch.setattr("reportcli.loader.report_from_bytes", no_parsing)
    monkeypatch.setattr("reportcli.index.build", no_parsing)
    assert run("--data", str(path), "search", "pension", "--json").stdout == first


def test_a_changed_file_is_read_again(tmp_path: Path, cache_dir: Path) -> None:
    path = write_yaml(tmp_path / "r.yaml", minimal_document(a={2024: [["Old text."]]}))
    assert "Old text." in run("--data", str(path), "show", "a").stdout
    stat = path.stat()
    write_yaml(path, minimal_document(a={2024: [["New text."]]}))  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same modification time
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert "New text." in run("--data", str(path), "show", "a").stdout


@pytest.mark.parametrize("damage", ["truncate", "garble", "header", "version", "empty"])
def test_a_damaged_entry_is_rebuilt(tmp_path: Path, cache_dir: Path, damage: str) -> None:
    path = write_yaml(tmp_path / "r.yaml", minimal_document(a={2024: [["Pensions rise."]]}))
    expected = run("--data", str(path), "search", "pension", "--json").stdout
    for entry in cache_dir.glob("*"):
        data = entry.read_bytes()
        header, payload = data.split(b"\n", 1)
        if damage == "truncate":
            entry.write_bytes(data[: len(data) // 2])
        elif damage == "garble":
            entry.write_bytes(header + b"\n" + bytes(b ^ 0x5A for b in payload))
        elif damage == "header":
            entry.write_bytes(b"not json\n" + payload)
        elif damage == "version":
            fields = json.loads(header)
            fields["reportcli"] = "0.0.0"
            entry.write_bytes(json.dumps(fields).encode() + b"\n" + payload)
        else:
            entry.write_bytes(b"")
    assert run("--data", str(path), "search", "pension", "--json").stdout == expected
    for entry in cache_dir.glob("*"):  # rewritten whole
        header = json.loads(entry.read_bytes().split(b"\n", 1)[0])
        assert header["reportcli"] != "0.0.0" and header["payload"] == "marshal"


def test_a_valid_payload_that_does_not_fit_is_not_trusted(tmp_path: Path, cache_dir: Path) -> None:
    """A payload with a correct hash but the wrong shape (say, from a bug) is rebuilt, not used."""
    import hashlib
    import marshal

    path = write_yaml(tmp_path / "r.yaml", minimal_document(a={2024: [["Pensions rise."]]}))
    expected = run("--data", str(path), "show", "a", "--json").stdout
    entry = next(cache_dir.glob("*.report"))
    header = json.loads(entry.read_bytes().split(b"\n", 1)[0])
    payload = marshal.dumps(("not", "a", "report"))
    header["payload_digest"] = hashlib.blake2b(payload, digest_size=20).hexdigest()
    entry.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    assert run("--data", str(path), "show", "a", "--json").stdout == expected


@pytest.mark.parametrize("how", ["flag", "env"])
def test_no_cache_writes_nothing(tmp_path: Path, cache_dir: Path, how: str) -> None:
    path = write_yaml(tmp_path / "r.yaml", minimal_document(a={2024: [["Pensions rise."]]}))
    args = ["--no-cache"] if how == "flag" else []
    env = {"REPORTCLI_NO_CACHE": "1"} if how == "env" else {}
    assert run(*args, "--data", str(path), "search", "pension", env=env).exit_code == 0
    assert entries(cache_dir) == []


def test_an_unwritable_cache_directory_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    monkeypatch.setenv("REPORTCLI_CACHE_DIR", str(blocker / "cache"))
    result = run("themes")
    assert (result.exit_code, result.stderr) == (0, "")


def test_concurrent_cold_runs_agree_and_leave_a_valid_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_yaml(
        tmp_path / "r.yaml",
        minimal_document(a={2023: [["Solar farms grow."]], 2024: [["Solar farms and pensions grow."]]}),
    )
    directory = tmp_path / "shared-cache"
    env = {**os.environ, "REPORTCLI_CACHE_DIR": str(directory)}
    env.pop("REPORTCLI_NO_CACHE", None)
    argv = [sys.executable, "-m", "reportcli", "--data", str(path), "search", "solar", "--json"]
    processes = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(12)]
    results = {p.communicate(timeout=120) for p in processes}
    assert len(results) == 1 and results.pop()[1] == b""
    assert entries(directory) == [".index", ".report"]  # no temporary files left behind
    monkeypatch.setenv("REPORTCLI_CACHE_DIR", str(directory))
    source = cache.Source.of(path, read_file(path))
    assert cache.read(source, "report") is not None and cache.read(source, "index") is not None


def test_the_embedded_report_is_cached_too(cache_dir: Path) -> None:
    run("themes")
    assert cache.Source.of(default_path(), read_file(default_path())).entry("report").exists()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def progress_shown(monkeypatch: pytest.MonkeyPatch, stderr: io.StringIO, delay: float, tmp_path: Path) -> str:
    """What a first load that reports progress writes on ``stderr``, with the bar's delay set to ``delay``."""
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setattr("reportcli.cli.progress.DELAY", delay)

    def build(report: Report, progress: Callable[[float], None] | None) -> None:
        if progress is not None:
            progress(0.5)

    monkeypatch.setattr("reportcli.index.build", build)
    path = write_yaml(tmp_path / "r.yaml", minimal_document(a={2024: [["Pensions rise."]]}))
    settings = Settings()
    settings.data, settings.use_cache = str(path), False
    settings.corpus().index  # noqa: B018 - asking for the index builds it, reporting progress
    return stderr.getvalue()


@pytest.mark.parametrize(
    ("stderr", "delay", "shown"),
    [(Terminal(), 0.0, True), (Terminal(), 60.0, False), (io.StringIO(), 0.0, False)],
    ids=["terminal-slow", "terminal-quick", "piped"],
)
def test_progress_appears_only_on_a_terminal_and_after_the_delay(
    monkeypatch: pytest.MonkeyPatch, stderr: io.StringIO, delay: float, shown: bool, tmp_path: Path
) -> None:
    assert ("reportcli: indexing" in progress_shown(monkeypatch, stderr, delay, tmp_path)) is shown


@pytest.mark.parametrize("value", ["0", "false", "no", "off", ""])
def test_a_false_no_cache_value_keeps_the_cache(tmp_path: Path, cache_dir: Path, value: str) -> None:
    path = write_yaml(tmp_path / "r.yaml", minimal_document(a={2024: [["Pensions rise."]]}))
    assert run("--data", str(path), "themes", env={"REPORTCLI_NO_CACHE": value}).exit_code == 0
    assert entries(cache_dir) == [".report"]
