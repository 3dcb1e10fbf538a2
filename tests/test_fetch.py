"""``corpus fetch`` end to end, against a real HTTP server on loopback.

The server serves the fixture corpus (tests/fixtures/corpus/, invented texts in the published formats)
laid out as the published folders, and the files fetch pins are those (their SHA-256 and sizes), so
that every download, resume and refusal runs on a clean clone; tests/real/ fetches the real pins. The
server understands range requests (to resume), and can be told to corrupt a file or to break the
connection half-way through one.
"""

from __future__ import annotations

import hashlib
import json
import resource
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import FIXTURE_CORPUS, Result, contract_keys, run

from reportcli.importer import fetch as fetching
from reportcli.importer.sources import Pinned

JSONL = "zh/reports.jsonl"
LAYOUT = {  # where each fixture file sits on the mirror, as the published files do
    JSONL: "reports.jsonl",
    "zh/reports.tsv": "reports.tsv",
    "en/2023.txt": "2023.txt",
    "en/parallel/04_2023_auto_usable_parallel.csv": "04_2023_auto_usable_parallel.csv",
}
REPORTS = 5  # the fixture corpus's reports: 2020-zh (TSV), 2021-zh..2023-zh (JSON lines), 2023-en


def pin(path: str, data: bytes) -> Pinned:
    name = path.rsplit("/", 1)[1]
    return Pinned(name, path, f"https://example.invalid/{path}", hashlib.sha256(data).hexdigest(), len(data), "tests")


class Mirror(BaseHTTPRequestHandler):
    """Serves ``root``; ``corrupt`` and ``cut`` name files to spoil (cut: only on a full request)."""

    root: ClassVar[Path]
    corrupt: ClassVar[set[str]] = set()
    cut: ClassVar[set[str]] = set()
    drip: ClassVar[set[str]] = set()  # sent a byte at a time, slowly
    requests: ClassVar[list[tuple[str, str | None]]] = []

    def do_GET(self) -> None:
        name = self.path.lstrip("/")
        path = Mirror.root / name
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
        if name in Mirror.drip:
            for byte in data[start:]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.02)
            return
        if name in Mirror.cut and not ranged:
            self.wfile.write(data[start : len(data) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)  # the connection breaks off half-way
            return
        self.wfile.write(data[start:])

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Pinned]:
    """The fixture files, laid out as the published folders, pinned in place of the published files."""
    root = tmp_path / "mirror"
    pins = []
    for path, name in LAYOUT.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURE_CORPUS / name, root / path)
        pins.append(pin(path, (root / path).read_bytes()))
    Mirror.root = root
    monkeypatch.setattr(fetching, "PINNED", tuple(pins))
    return pins


@pytest.fixture
def mirror(pinned: list[Pinned]) -> Iterator[str]:
    Mirror.corrupt, Mirror.cut, Mirror.drip, Mirror.requests = set(), set(), set(), []
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


def test_a_good_download_is_verified_imported_and_read_by_corpus(home: Path, mirror: str, pinned: list[Pinned]) -> None:
    result = fetch(home, mirror, cache=True)
    assert result.exit_code == 0, result
    document = json.loads(result.stdout)
    assert sorted(document) == sorted(contract_keys()["`corpus fetch`"])
    assert [d["status"] for d in document["downloads"]] == ["downloaded"] * len(pinned)
    assert [d["sha256"] for d in document["downloads"]] == [p.sha256 for p in pinned]
    assert len(document["import"]["reports"]) == REPORTS
    assert {p.name for p in (home / "downloads").iterdir()} == {p.name for p in pinned}
    assert len(list((home / "reports").glob("*.yaml"))) == REPORTS
    searched = run("--corpus", "search", "碳达峰", "--count", "--json", env={"REPORTCLI_CORPUS_DIR": str(home)})
    counted = {r["report"] for r in json.loads(searched.stdout)}
    assert searched.exit_code == 0 and counted == {"2022-zh", "2023-zh", "2024-summary"}  # --corpus: the summary too
    again = fetch(home, mirror)
    assert [d["status"] for d in json.loads(again.stdout)["downloads"]] == ["present"] * len(pinned)


def test_a_corrupted_download_is_refused_and_nothing_is_imported(home: Path, mirror: str, pinned: list[Pinned]) -> None:
    Mirror.corrupt = {JSONL}
    result = fetch(home, mirror)
    assert (result.exit_code, result.stdout) == (2, "")
    expected = f"reportcli: {mirror}{JSONL}: checksum mismatch (expected sha256 {pinned[0].sha256[:12]}…"
    assert result.stderr.startswith(expected)
    assert "nothing was imported" in result.stderr
    assert not (home / "reports").exists()
    assert not list((home / "downloads").glob("*.part")) and not (home / "downloads" / pinned[0].name).exists()


def test_an_interrupted_download_is_retried_from_where_it_stopped(
    home: Path, mirror: str, pinned: list[Pinned]
) -> None:
    Mirror.cut = {JSONL}
    result = fetch(home, mirror)
    assert result.exit_code == 0, result
    statuses = {d["name"]: d["status"] for d in json.loads(result.stdout)["downloads"]}
    assert statuses[pinned[0].name] == "resumed"
    ranged = [r for name, r in Mirror.requests if name == JSONL]
    assert ranged[0] is None and ranged[1] == f"bytes={pinned[0].size // 2}-"


def test_an_interrupted_run_resumes_when_run_again(home: Path, mirror: str, pinned: list[Pinned]) -> None:
    Mirror.cut = {JSONL}
    first = fetch(home, mirror, "--retries", "0")
    assert first.exit_code == 2
    assert "run 'reportcli corpus fetch' again to resume" in first.stderr
    partial = home / "downloads" / f"{pinned[0].name}.part"
    assert partial.stat().st_size == pinned[0].size // 2
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


# --- every failure of the network, the disk or the directory: one line, exit 2 -----------------------------


def test_a_server_that_drips_bytes_is_given_up_on_by_its_deadline(
    home: Path, mirror: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetching, "DEADLINE_GRACE", 0.3)  # a few hundred bytes a second never make it
    monkeypatch.setattr(fetching, "MIN_RATE", 10**9)
    Mirror.drip = {JSONL}
    result = fetch(home, mirror, "--retries", "0")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"reportcli: {mirror}{JSONL}: too slow (")
    assert (
        "KiB/s are needed) after " in result.stderr and "run 'reportcli corpus fetch' again to resume" in result.stderr
    )
    assert result.stderr.count("\n") == 1 and not (home / "reports").exists()


def test_a_mirror_directory_on_this_machine_is_copied_and_checked(home: Path, pinned: list[Pinned]) -> None:
    result = fetch(home, str(Mirror.root))
    assert result.exit_code == 0, result
    document = json.loads(result.stdout)
    assert [d["status"] for d in document["downloads"]] == ["copied"] * len(pinned)
    assert len(document["import"]["reports"]) == REPORTS
    again = fetch(home, Mirror.root.as_uri())
    assert [d["status"] for d in json.loads(again.stdout)["downloads"]] == ["present"] * len(pinned)


def test_a_mirror_directory_with_a_spoilt_file_is_refused(home: Path, pinned: list[Pinned]) -> None:
    spoilt = Mirror.root / JSONL
    data = spoilt.read_bytes()
    spoilt.write_bytes(data[:100] + b"X" + data[101:])
    result = fetch(home, str(Mirror.root))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"reportcli: {spoilt}: checksum mismatch (expected sha256 {pinned[0].sha256[:12]}…")
    assert not (home / "reports").exists()


@pytest.mark.parametrize(
    ("mirror_name", "message"),
    [
        (
            "/nowhere/mirror",
            "reportcli: --from /nowhere/mirror: no such directory (a mirror laid out as zh/..., en/parallel/...)\n",
        ),
        (
            "ftp://example.org/x",
            "reportcli: --from 'ftp://example.org/x': not an http(s) URL or a directory; "
            "give a mirror's URL or a folder\n",
        ),
    ],
)
def test_a_mirror_that_is_neither_a_url_nor_a_directory_is_one_line(
    home: Path, pinned: list[Pinned], mirror_name: str, message: str
) -> None:
    result = fetch(home, mirror_name)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_a_full_disk_or_a_file_size_limit_is_one_line(home: Path, mirror: str) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2000, hard))  # Python ignores SIGXFSZ: writes fail with EFBIG
    try:
        result = fetch(home, mirror)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"reportcli: {home / 'downloads'}: cannot write the download (File too large)\n"


def test_a_corpus_directory_that_cannot_be_made_is_one_line(tmp_path: Path, mirror: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    home = blocker / "corpus"  # (permissions would not stop root, who runs CI: a file in the way stops anyone)
    result = fetch(home, mirror)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"reportcli: {home}: cannot create it (Not a directory)\n"
    assert blocker.read_text() == "not a directory"
