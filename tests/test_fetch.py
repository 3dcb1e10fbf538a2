"""``corpus fetch`` end to end, against a real HTTP server on loopback serving ../shared/corpus/.

The server understands range requests (to resume), and can be told to corrupt a file or to break the
connection half-way through one. Skipped, saying why, where the published files are absent.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import SHARED_CORPUS, Result, run

from reportcli.importer.sources import PINNED

JSONL = "zh/government_work_reports.jsonl"


class Mirror(BaseHTTPRequestHandler):
    """Serves SHARED_CORPUS; ``corrupt`` and ``cut`` name files to spoil (cut: only on a full request)."""

    corrupt: ClassVar[set[str]] = set()
    cut: ClassVar[set[str]] = set()
    requests: ClassVar[list[tuple[str, str | None]]] = []

    def do_GET(self) -> None:
        name = self.path.lstrip("/")
        path = SHARED_CORPUS / name
        Mirror.requests.append((name, self.headers.get("Range")))
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        if name in Mirror.corrupt:
            data = data[:1000] + b"X" + data[1001:]
        start = 0
        if ranged := self.headers.get("Range"):
            start = int(ranged.removeprefix("bytes=").split("-")[0])
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        if name in Mirror.cut and not ranged:
            self.wfile.write(data[start : len(data) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)  # the connection breaks off half-way
            return
        self.wfile.write(data[start:])

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def mirror() -> Iterator[str]:
    missing = [p.path for p in PINNED if not (SHARED_CORPUS / p.path).is_file()]
    if missing:
        pytest.skip(f"the published files are not here ({SHARED_CORPUS / missing[0]} is absent: ../shared/corpus/)")
    Mirror.corrupt, Mirror.cut, Mirror.requests = set(), set(), []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Mirror)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    directory = tmp_path / "corpus"
    directory.mkdir(mode=0o700)
    return directory


def fetch(home: Path, mirror: str, *extra: str, cache: bool = False) -> Result:
    env = {"REPORTCLI_CORPUS_DIR": str(home)}
    if not cache:
        env["REPORTCLI_NO_CACHE"] = "1"
    return run("corpus", "fetch", "--from", mirror, "--json", *extra, env=env)


def test_a_good_download_is_verified_imported_and_read_by_corpus(home: Path, mirror: str) -> None:
    result = fetch(home, mirror, cache=True)
    assert result.exit_code == 0, result
    document = json.loads(result.stdout)
    assert [d["status"] for d in document["downloads"]] == ["downloaded"] * len(PINNED)
    assert len(document["import"]["reports"]) == 60
    assert {p.name for p in (home / "downloads").iterdir()} == {p.name for p in PINNED}
    assert len(list((home / "reports").glob("*.yaml"))) == 60
    searched = run("--corpus", "search", "新质生产力", "--count", "--json", env={"REPORTCLI_CORPUS_DIR": str(home)})
    assert searched.exit_code == 0 and {r["year"] for r in json.loads(searched.stdout)} >= {2024, 2025}
    again = fetch(home, mirror)
    assert [d["status"] for d in json.loads(again.stdout)["downloads"]] == ["present"] * len(PINNED)


def test_a_corrupted_download_is_refused_and_nothing_is_imported(home: Path, mirror: str) -> None:
    Mirror.corrupt = {JSONL}
    result = fetch(home, mirror)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"reportcli: {mirror}{JSONL}: checksum mismatch (expected sha256 1d4eb8102366…")
    assert "nothing was imported" in result.stderr
    assert not (home / "reports").exists()
    assert not list((home / "downloads").glob("*.part")) and not (home / "downloads" / PINNED[0].name).exists()


def test_an_interrupted_download_is_retried_from_where_it_stopped(home: Path, mirror: str) -> None:
    Mirror.cut = {JSONL}
    result = fetch(home, mirror)
    assert result.exit_code == 0, result
    statuses = {d["name"]: d["status"] for d in json.loads(result.stdout)["downloads"]}
    assert statuses[PINNED[0].name] == "resumed"
    ranged = [r for name, r in Mirror.requests if name == JSONL]
    assert ranged[0] is None and ranged[1] == f"bytes={PINNED[0].size // 2}-"


def test_an_interrupted_run_resumes_when_run_again(home: Path, mirror: str) -> None:
    Mirror.cut = {JSONL}
    first = fetch(home, mirror, "--retries", "0")
    assert first.exit_code == 2
    assert "run 'reportcli corpus fetch' again to resume" in first.stderr
    partial = home / "downloads" / f"{PINNED[0].name}.part"
    assert partial.stat().st_size == PINNED[0].size // 2
    assert not (home / "reports").exists()
    second = fetch(home, mirror)
    assert second.exit_code == 0, second
    assert json.loads(second.stdout)["downloads"][0]["status"] == "resumed"


def test_no_network_is_one_clear_line(home: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = fetch(home, f"http://127.0.0.1:{port}/")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"reportcli: cannot reach 127.0.0.1:{port}: ")
    assert "check the network" in result.stderr and result.stderr.count("\n") == 1


def test_a_missing_file_on_the_mirror_is_named(home: Path, mirror: str, tmp_path: Path) -> None:
    result = fetch(home, mirror + "nowhere/")
    assert result.exit_code == 2 and "HTTP 404" in result.stderr


def test_corpus_without_a_fetch_says_how_to_get_one(tmp_path: Path) -> None:
    result = run("--corpus", "reports", env={"REPORTCLI_CORPUS_DIR": str(tmp_path / "none")})
    assert result.exit_code == 2
    assert result.stderr.startswith("reportcli: no corpus in ") and "run 'reportcli corpus fetch'" in result.stderr


def test_a_corpus_directory_others_can_write_to_is_refused(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    tmp_path.chmod(0o777)
    result = run("--corpus", "reports", env={"REPORTCLI_CORPUS_DIR": str(tmp_path)})
    assert result.exit_code == 2 and "others can write to it" in result.stderr
