"""``import`` fails safe and stays bounded (issue 19): every way an import can go wrong is one line on
stderr and exit 2, with ``--out`` exactly as it was (every file in it, byte for byte, and no staging
directory left); what it writes, ``--data`` reads.

Each test writes its own inputs; none needs the published texts.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import run
from hypothesis import given
from hypothesis import strategies as st

from reportcli import atomic
from reportcli.errors import DataError
from reportcli.importer import clean, report, sources

SKIP_BAD = "nothing was imported (--skip-bad leaves out what cannot be imported)"
PAGE = "各位代表：\n\n一、回顾\n\n发展经济。稳定就业！\n"


def page(content: str = PAGE, year: object = "2024", title: str = "2024年政府工作报告") -> str:
    return json.dumps({"title": title, "content": content, "year": year}, ensure_ascii=False) + "\n"


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def snapshot(directory: Path) -> dict[str, object]:
    """Everything under ``directory``, as it stands: each file's bytes, each link's target, each
    directory (hidden ones too: a staging directory left behind shows)."""
    if not os.path.lexists(directory):
        return {}
    found: dict[str, object] = {}
    for root, dirs, names in os.walk(directory):
        for name in dirs + names:
            path = Path(root) / name
            key = str(path.relative_to(directory))
            if path.is_symlink():
                found[key] = ("link", os.readlink(path))
            elif path.is_dir():
                found[key] = "directory"
            else:
                found[key] = path.read_bytes()
    return found


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A corpus directory as a user has it: an earlier import's report and a file of the user's own."""
    directory = tmp_path / "out"
    source = write(tmp_path / "earlier.jsonl", page(year="2023", title="2023年政府工作报告"))
    assert run("import", str(source), "--out", str(directory)).exit_code == 0
    write(directory / "notes.txt", "my own notes\n")
    return directory


def refused(args: list[str], out: Path, message: str, *inputs: Path) -> None:
    """The import exits 2 with exactly ``message`` (one line), and ``out`` and the inputs are unchanged."""
    before = snapshot(out)
    kept = {path: path.read_bytes() for path in inputs if path.is_file()}
    result = run("import", *args, "--out", str(out))
    assert (result.exit_code, result.stdout) == (2, ""), result
    assert result.stderr == f"reportcli: {message}\n"
    assert snapshot(out) == before
    assert {path: path.read_bytes() for path in kept} == kept


# --- records the loader would refuse -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("in.jsonl", page(year="0000"), "'year': year 0 is out of range (1900-2200)"),
        ("in.jsonl", page(year=3000), "'year': year 3000 is out of range (1900-2200)"),
        ("in.tsv", "0000\t各位代表：发展经济。\n", "'year': year 0 is out of range (1900-2200)"),
        ("in.jsonl", page(content=""), "holds no text"),
        (
            "in.jsonl",
            page(content=" \n\n\u200b \n"),
            "holds no text once cleaned (all of it is whitespace, zero-width)",
        ),
        (
            "in.jsonl",
            '{"title": "\\ud800", "content": "c", "year": "2024"}\n',
            "holds an invalid character (a lone surrogate, U+D800)",
        ),
    ],
)
def test_a_record_that_would_write_a_file_the_loader_refuses_is_refused(
    tmp_path: Path, out: Path, name: str, content: str, reason: str
) -> None:
    """Year 0000 once wrote 0-zh.yaml, empty content a report without paragraphs: files that the loader
    then refused, so that one such import broke every --corpus command."""
    good = page(year="2022", title="2022年政府工作报告")  # a good record before it changes nothing
    source = write(tmp_path / name, good + content if name.endswith(".jsonl") else content)
    line = 2 if name.endswith(".jsonl") else 1
    refused([str(source)], out, f"{source}:{line}: {reason}; {SKIP_BAD}", source)


def test_a_file_the_loader_would_refuse_is_never_put_in_place(
    tmp_path: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the cause, a written file is read back with the loader before anything moves: here the
    writer is made to spoil its schema."""
    writer = report.pieces

    def spoiled(item: report.Imported) -> Iterator[str]:
        for piece in writer(item):
            yield piece.replace("schema: 1\n", "schema: 7\n")

    monkeypatch.setattr("reportcli.importer.run.pieces", spoiled)
    source = write(tmp_path / "in.jsonl", page())
    reason = (
        "its report file would not load (2024-zh.yaml: schema: unsupported schema version 7 (reportcli reads "
        "version 1))"
    )
    refused([str(source)], out, f"{source}:1: {reason}; {SKIP_BAD}", source)


def test_skip_bad_leaves_out_what_cannot_be_imported_and_says_so(tmp_path: Path, out: Path) -> None:
    source = write(tmp_path / "in.jsonl", page() + page(year="0000") + "{not json}\n")
    result = run("import", str(source), "--out", str(out), "--skip-bad", "--json")
    assert result.exit_code == 0, result
    warnings = [line for line in result.stderr.splitlines() if line.startswith("reportcli: skipped")]
    assert warnings == [
        f"reportcli: skipped {source}:2 (--skip-bad): 'year': year 0 is out of range (1900-2200)",
        f"reportcli: skipped {source}:3 (--skip-bad): not a JSON object (Expecting property name enclosed in "
        "double quotes at column 2)",
    ]
    assert "2 that could not be imported (--skip-bad)" in result.stderr
    document = json.loads(result.stdout)
    assert [row["id"] for row in document["reports"]] == ["2024-zh"]
    assert [s["source"] for s in document["skipped"] if s["reason"].startswith("not imported: ")] == [
        "in.jsonl:2",
        "in.jsonl:3",
    ]
    shown = run("--data", str(out), "reports", "--json")
    assert shown.exit_code == 0 and {r["id"] for r in json.loads(shown.stdout)} >= {"2023-zh", "2024-zh"}


def test_two_copies_beyond_the_bound_are_not_compared_and_the_report_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Comparing two copies takes time in the square of their sentences at worst: beyond a bound far
    above the published copies' (here lowered to 4 pairs), they are imported uncompared, with a caveat."""
    monkeypatch.setattr("reportcli.importer.copies.MAX_SENTENCE_PAIRS", 4)
    jsonl = write(tmp_path / "pages.jsonl", page(content="各位代表：\n\n发展经济。\n\n稳定就业。\n"))
    tsv = write(tmp_path / "lines.tsv", "2024\t各位代表：\u3000\u3000发展经济。\u3000\u3000稳定就业。扩大开放。\n")
    result = run("import", str(jsonl), str(tsv), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result
    caveats = yaml.safe_load((tmp_path / "out" / "2024-zh.yaml").read_text(encoding="utf-8"))["report"]["caveats"]
    assert {
        "kind": "other-copy",
        "text": "Not compared with lines.tsv, line 1, the other published copy: 3 sentences against 4: more than "
        "the 4 pairs reportcli compares.",
        "source": "lines.tsv, line 1",
    } in caveats
    shown = run("--data", str(tmp_path / "out"), "reports", "--json")
    assert shown.exit_code == 0


def test_skip_bad_with_nothing_good_is_refused(tmp_path: Path, out: Path) -> None:
    source = write(tmp_path / "in.jsonl", page(year="0000") + page(content=""))
    before = snapshot(out)
    result = run("import", str(source), "--out", str(out), "--skip-bad")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "reportcli: no report to import: every record was left out (--skip-bad), the first for this: 'year': year 0 "
        "is out of range (1900-2200)"
    )
    assert snapshot(out) == before


# --- names taken from inputs -------------------------------------------------------------------------


def test_a_file_name_never_reaches_yaml_or_a_terminal_unescaped(tmp_path: Path) -> None:
    """A name with line breaks once injected YAML into the report file's header comment, and one with an
    escape character wrote a file its own reader refused."""
    name = "a\nschema: 9\nreport: {}\x1b[31m\u202e.tsv"
    source = write(tmp_path / name, "2024\t各位代表：发展经济。\n")
    result = run("import", str(source), "--out", str(tmp_path / "out"), "--json")
    assert result.exit_code == 0, result
    shown = "a\\x0aschema: 9\\x0areport: {}\\x1b[31m\\u202e.tsv"
    assert json.loads(result.stdout)["reports"][0]["source"] == f"{shown}:1"
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    text = (tmp_path / "out" / "2024-zh.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# 2024-zh: a report imported by reportcli 0.1.0 from {shown} (line 1)."
    document = yaml.safe_load(text)
    assert document["schema"] == 1 and document["report"]["source"]["file"] == shown
    assert run("--data", str(tmp_path / "out"), "reports").exit_code == 0


def test_a_file_name_that_is_not_utf8_is_escaped(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.tsv"
    with open(raw, "wb") as handle:
        handle.write("2024\t各位代表：发展经济。\n".encode())
    result = run("import", os.fsdecode(raw), "--out", str(tmp_path / "out"), "--json")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["reports"][0]["source"] == "caf\\xe9.tsv:1"


# --- hostile inputs ----------------------------------------------------------------------------------


def parallel_csv(english: str, pair: str = "1") -> str:
    buffer = io.StringIO()
    rows = csv.writer(buffer)
    rows.writerow(["报告年份", "年度文件内行号", "原始英文", "原始中文", "对齐成本", "全局对齐序号"])
    rows.writerow(["2024", "1", english, "发展经济。", "0.1", pair])
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "deep.jsonl",
            '{"title": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
            "1: JSON nested too deeply to be a page (title, content, year)",
        ),
        (
            "year.jsonl",
            '{"title": "t", "content": "c", "year": ' + "1" * 5000 + "}\n",
            "1: an integer of 5,000 digits; reportcli reads integers of up to 30",
        ),
        (
            "other.jsonl",
            '{"title": "t", "content": "c", "year": "2024", "n": -' + "9" * 5000 + "}\n",
            "1: an integer of 5,000 digits; reportcli reads integers of up to 30",
        ),
        ("nan.jsonl", '{"title": "t", "content": "c", "year": 1e999999}\n', "1: 'year' is inf, not a year"),
        (
            "04_2024_auto_usable_parallel.csv",
            parallel_csv("x" * 200_000),
            "2: not a CSV row that reportcli reads (a cell of more than 131,072 characters; reportcli reads cells "
            "up to that size)",
        ),
        (
            "04_2024_auto_usable_parallel.csv",
            parallel_csv("x", pair="9" * 40),
            "2: the pair's number or alignment cost is not a number",
        ),
        ("bytes.tsv", b"2024\t\xff\xfe\n", "1: not UTF-8 (invalid byte at offset 5)"),
    ],
)
def test_hostile_json_and_csv_are_one_line_and_exit_2(
    tmp_path: Path, out: Path, name: str, content: str | bytes, reason: str
) -> None:
    """Once: a RecursionError, a ValueError of Python's integer limit, the CSV reader's field limit,
    each an internal error (exit 3)."""
    source = write(tmp_path / name, content)
    refused([str(source)], out, f"{source}:{reason}; {SKIP_BAD}", source)


def test_a_fifo_as_input_does_not_block(tmp_path: Path, out: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    refused([str(fifo)], out, f"{fifo}: is a FIFO that nothing was written to, not a file to import")


def test_a_device_as_input_is_refused(out: Path) -> None:
    refused(["/dev/zero"], out, "/dev/zero: is a character device, not a file to import")


def test_an_input_that_cannot_be_read_is_refused(tmp_path: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write(tmp_path / "in.jsonl", page())
    if os.geteuid() != 0:
        source.chmod(0)
    else:  # root reads everything: the open fails as it would for another user

        def denied(path: Path) -> int:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("reportcli.reportfile.files._open", denied)
    try:
        refused([str(source)], out, f"{source}: permission denied")
    finally:
        source.chmod(0o644)


def test_a_full_disk_is_one_line_and_out_as_it_was(tmp_path: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills while the second report is written: the first, written, is not moved in either."""
    writer = report.pieces
    written: list[str] = []

    def filling(item: report.Imported) -> Iterator[str]:
        written.append(item.id)
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        yield from writer(item)

    monkeypatch.setattr("reportcli.importer.run.pieces", filling)
    source = write(tmp_path / "in.jsonl", page(year="2022", title="2022年") + page())
    message = f"--out {out}: cannot write in it (No space left on device); nothing was imported"
    refused([str(source)], out, message, source)
    assert written == ["2022-zh", "2024-zh"]


def test_a_file_changed_while_imported_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl", page())
    file = sources.read_input(source)
    stub = next(sources.records(file))._replace(content="")
    write(source, page(content="各位代表：\n\n别的话。\n"))
    with pytest.raises(DataError, match=r"in\.jsonl: changed while it was imported; nothing was imported"):
        sources.reread(file, stub)


# --- where the files go --------------------------------------------------------------------------------


def test_out_that_is_a_file_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl", page())
    target = write(tmp_path / "a-file", "mine\n")
    refused([str(source)], target, f"--out {target}: is a file, not a directory", source)
    refused([str(source)], target / "sub", f"--out {target / 'sub'}: cannot create the directory (Not a directory)")


def test_out_that_is_a_dangling_link_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl", page())
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "nowhere")
    refused([str(source)], link, f"--out {link}: is a symbolic link to {tmp_path / 'nowhere'}, which does not exist")
    assert not (tmp_path / "nowhere").exists()


def test_out_that_is_a_link_to_a_directory_is_followed(tmp_path: Path, out: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(out)
    result = run("import", str(write(tmp_path / "in.jsonl", page())), "--out", str(link))
    assert result.exit_code == 0 and (out / "2024-zh.yaml").is_file() and link.is_symlink()


def test_out_where_nothing_may_be_written_is_refused(
    tmp_path: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write(tmp_path / "in.jsonl", page())
    if os.geteuid() != 0:
        out.chmod(0o555)
    else:  # root writes everywhere: the creation of the staging directory fails as it would for a user
        making = Path.mkdir

        def denied(self: Path, *args: object, **kwargs: object) -> None:
            if self.parent == out:
                raise PermissionError(13, "Permission denied", str(self))
            making(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "mkdir", denied)
    try:
        refused(
            [str(source)], out, f"--out {out}: cannot write in it (Permission denied); nothing was imported", source
        )
    finally:
        out.chmod(0o755)


def test_a_directory_where_a_report_file_should_go_is_refused(tmp_path: Path, out: Path) -> None:
    (out / "2024-zh.yaml").mkdir()
    write(out / "2024-zh.yaml" / "inside.txt", "x")
    source = write(tmp_path / "in.jsonl", page() + page(year="2025", title="2025年政府工作报告"))
    message = f"{out / '2024-zh.yaml'}: is a directory, not a file reportcli writes; nothing was imported"
    refused([str(source)], out, message, source)


def test_a_file_that_import_did_not_write_is_not_replaced(tmp_path: Path, out: Path) -> None:
    write(out / "2024-zh.yaml", "schema: 1\nreport: {title: mine}\nthemes: []\n")
    source = write(tmp_path / "in.jsonl", page())
    message = (
        f"{out / '2024-zh.yaml'}: is not a report file that reportcli import wrote; move it away, or choose "
        "another --out; nothing was imported"
    )
    refused([str(source)], out, message, source)


def test_a_failed_import_leaves_out_as_it_was(tmp_path: Path, out: Path) -> None:
    """All or nothing: the good record before the bad one is not written either, and the earlier
    import's report is not replaced."""
    source = write(tmp_path / "in.jsonl", page(year="2023", content="各位代表：\n\n新的话。\n") + page(year="0000"))
    refused([str(source)], out, f"{source}:2: 'year': year 0 is out of range (1900-2200); {SKIP_BAD}", source)


def test_an_import_into_a_new_directory_that_fails_leaves_no_directory(tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl", page(content=""))
    target = tmp_path / "new" / "deeper"
    refused([str(source)], target, f"{source}:1: holds no text; {SKIP_BAD}", source)
    assert not (tmp_path / "new").exists()


def test_a_move_that_fails_half_way_is_undone(tmp_path: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write(tmp_path / "in.jsonl", page(year="2023", content="各位代表：\n\n新的话。\n") + page())
    moves: list[str] = []
    replace = os.replace

    def failing(src: str | Path, dst: str | Path) -> None:
        if Path(dst).parent == out and Path(src).name.endswith(".yaml"):
            moves.append(Path(dst).name)
            if len(moves) == 2:
                raise OSError(28, "No space left on device")
        replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    message = f"--out {out}: cannot move the reports into it (No space left on device); nothing was imported"
    refused([str(source)], out, message, source)
    assert moves == ["2023-zh.yaml", "2024-zh.yaml", "2023-zh.yaml"]  # the first moved in, then put back


# --- interrupted runs ---------------------------------------------------------------------------------


def test_sigterm_leaves_nothing_behind(tmp_path: Path, out: Path) -> None:
    """A run stopped while it writes: its staging directory goes with it, and --out is as it was."""
    pages = "".join(page(year=str(1950 + n), title=f"{1950 + n}年", content=PAGE * 200) for n in range(60))
    source = write(tmp_path / "many.jsonl", pages)
    before = snapshot(out)
    process = subprocess.Popen(
        [sys.executable, "-m", "reportcli", "import", str(source), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".reportcli-import-") for p in out.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, "the import ended before it was stopped"
        time.sleep(0.005)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == -signal.SIGTERM
    assert snapshot(out) == before


def test_what_a_killed_run_left_is_swept_and_nothing_else(tmp_path: Path, out: Path) -> None:
    """SIGKILL leaves a staging directory; the next import removes it, and only because its marker
    says it is ours: a look-alike without the marker, or of a live process, stays."""
    dead = 2**22 + 12345  # no such process (pid_max is at most 2**22)
    left = out / f".reportcli-import-{dead}-abc123"
    left.mkdir()
    write(left / atomic.MARKER, atomic.MARKER_TEXT)
    write(left / "2024-zh.yaml", "half a file")
    alike = out / f".reportcli-import-{dead}-def456"
    alike.mkdir()
    write(alike / "precious.txt", "not reportcli's")
    alive = out / f".reportcli-import-{os.getpid()}-ghi789"
    alive.mkdir()
    write(alive / atomic.MARKER, atomic.MARKER_TEXT)
    fifo = out / f".reportcli-import-{dead}-jkl012"  # named like ours: never opened to see what it holds
    os.mkfifo(fifo)
    result = run("import", str(write(tmp_path / "in.jsonl", page())), "--out", str(out))
    assert result.exit_code == 0, result
    assert not left.exists() and fifo.exists()
    assert (alike / "precious.txt").read_text() == "not reportcli's" and alive.is_dir()


# --- properties ----------------------------------------------------------------------------------------

FORMATS = {
    "in.jsonl": b'{"title": "t", "year": "2024", "content": ',
    "in.tsv": b"2024\t",
    "2024.txt": b"# source: a test\n",
    "04_2024_auto_usable_parallel.csv": "报告年份,年度文件内行号,原始英文,原始中文,对齐成本\n2024,1,".encode(),
}
PIECES = [
    b"\n",
    b"\r\n",
    b"\t",
    b" ",
    b'"',
    b"\\",
    b",",
    b"{",
    b"}",
    b"\\u0000",
    b"\\ud800",
    "\u3000".encode(),
    "\u200b".encode(),
    "\u2028".encode(),
    "各位代表：".encode(),
    "一、".encode(),
    "发展经济。".encode(),
    b"2024\t",
    b"0000",
    b"\x1b[31m",
    b"\xff",
    b"\xe5\x8f",
    b'"}\n{"title": "x", "content": "y", "year": "2025"}\n',
    b'"}\n',
]


TEXT = st.lists(
    st.one_of(
        st.sampled_from(list(" \t\n\r\u3000\u00a0\u200b\ufeff\u2028\x1b\x85\ud800。，；：！一、（）")),
        st.sampled_from(["各位代表：", "发展经济", "第一，", "一、回顾", "（一）", "2024年", "5.5%左右", "I. ", "1. "]),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
).map("".join)


@st.composite
def well_formed(draw: st.DrawFn) -> tuple[str, bytes]:
    """An input of each format, with any text in it."""
    name = draw(st.sampled_from(sorted(FORMATS)))
    text = draw(TEXT)
    year = draw(st.sampled_from(["2024", "1999", "0000", "24", 2024, None]))
    if name == "in.jsonl":
        item = {"title": draw(TEXT), "content": text, "year": year}
        return name, (json.dumps(item, ensure_ascii=draw(st.booleans())) + "\n").encode("utf-8", "surrogatepass")
    if name == "in.tsv":
        return name, f"{year}\t{text}\n".encode("utf-8", "surrogatepass")
    if name == "2024.txt":
        return name, f"# source: {draw(TEXT)}\n{text}\n".encode("utf-8", "surrogatepass")
    buffer = io.StringIO()
    rows = csv.writer(buffer)
    rows.writerow(["报告年份", "年度文件内行号", "原始英文", "原始中文", "对齐成本"])
    for line, english in enumerate(draw(st.lists(TEXT, min_size=1, max_size=4)), 1):
        rows.writerow([str(year), str(line), english, text, draw(st.sampled_from(["0.1", "nan", "x", ""]))])
    return name, buffer.getvalue().encode("utf-8", "surrogatepass")


@st.composite
def pieced(draw: st.DrawFn) -> tuple[str, bytes]:
    """An input of any bytes, most of them after the start of a format."""
    name = draw(st.sampled_from(sorted(FORMATS)))
    body = b"".join(draw(st.lists(st.one_of(st.sampled_from(PIECES), st.binary(max_size=8)), max_size=30)))
    return name, (FORMATS[name] if draw(st.booleans()) else b"") + body


def inputs() -> st.SearchStrategy[tuple[str, bytes]]:
    return st.one_of(well_formed(), pieced())


@given(inputs())
def test_any_bytes_import_into_files_that_load_or_are_refused_leaving_out_unchanged(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[str, bytes]
) -> None:
    name, content = case
    folder = tmp_path_factory.mktemp("property")
    out = folder / "out"
    out.mkdir()
    write(out / "notes.txt", "my own notes\n")
    source = write(folder / name, content)
    before = snapshot(out)
    result = run("import", str(source), "--out", str(out))
    assert result.exit_code in (0, 2), result
    if result.exit_code == 2:
        assert snapshot(out) == before and result.stderr.count("\n") == 1, result
        return
    loaded = run("--data", str(out), "reports", "--json")
    assert loaded.exit_code == 0, (loaded, content)
    assert (out / "notes.txt").read_bytes() == b"my own notes\n"
    assert not [p for p in out.iterdir() if p.name.startswith(".reportcli-")]


@given(
    text=st.text(alphabet=" \t\n\r\u3000\u00a0\u200b\ufeff。，字ab1 ２各位代表：（一）一、'", max_size=120),
    one_line_marks=st.booleans(),
    source_line=st.booleans(),
    lines_are_paragraphs=st.booleans(),
    chinese=st.booleans(),
)
def test_the_cleaning_is_undone_byte_for_byte(
    text: str, one_line_marks: bool, source_line: bool, lines_are_paragraphs: bool, chinese: bool
) -> None:
    """The linear cleaning keeps the import's promise: every change recorded, and the input restored
    (this found a line of nothing but '' emptied by the markup rule, whose line break went unrecorded)."""
    cleaned = clean.clean(
        text,
        one_line_marks=one_line_marks,
        source_line=source_line,
        lines_are_paragraphs=lines_are_paragraphs,
        chinese=chinese,
    )
    kept = "\n".join(cleaned.paragraphs)
    assert clean.restore(kept, cleaned.changes) == text
    assert all(paragraph and "\n" not in paragraph for paragraph in cleaned.paragraphs)
    assert [c.at for c in cleaned.changes] == sorted(c.at for c in cleaned.changes)
