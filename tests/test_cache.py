"""The cache of built reports: used only when it matches the file exactly, never trusted otherwise.

Whatever sits in the cache directory, a command prints what the data file says (or rebuilds), never
crashes, never hangs and never reads without bound.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest
from conftest import minimal_document, run, write_yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportcli.cli.options import Settings
from reportcli.db import cache, store
from reportcli.db import index as index_module
from reportcli.db.checked import checksum
from reportcli.db.dataset import default_path
from reportcli.model import Report, Statement

PENSIONS = minimal_document(a={2024: [["Pensions rise."]]})


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("REPORTCLI_CACHE_DIR", str(directory))
    monkeypatch.delenv("REPORTCLI_NO_CACHE", raising=False)
    return directory


def entries(directory: Path) -> list[str]:
    """The entries in the cache directory by suffix; a left-over temporary file shows by its own name."""
    if not directory.exists():
        return []
    return sorted(p.suffix if not p.name.startswith(".") else p.name for p in directory.iterdir())


def entry_of(path: Path) -> Path:
    directory = cache.cache_dir()
    assert directory is not None
    return directory / cache.entry_name(path)


def craft(entry: Path, path: Path, change: Callable[[sqlite3.Connection], object]) -> None:
    """Change an entry's database and make it self-consistent again: every row's checksum recomputed,
    so that only the checks of shape and completeness can tell."""
    con = sqlite3.connect(entry)
    change(con)
    tables = [name for (name,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
    for table in tables:
        columns = [row[1] for row in con.execute(f"PRAGMA table_info({table})")]
        if columns[-1] != "checksum":
            continue
        key = columns[0]
        for row in con.execute(f"SELECT * FROM {table}").fetchall():
            con.execute(f"UPDATE {table} SET checksum = ? WHERE {key} = ?", (checksum(row[:-1]), row[0]))
    con.commit()
    con.close()


def test_a_second_run_reads_the_cache(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    first = run("--data", str(path), "search", "pension", "--json").stdout
    assert entries(cache_dir) == [".db"]

    def no_building(*_: object) -> None:
        raise AssertionError("built although a valid cache entry exists")

    monkeypatch.setattr("reportcli.reportfile.report_from_bytes", no_building)
    monkeypatch.setattr("reportcli.db.store.build", no_building)
    assert run("--data", str(path), "search", "pension", "--json").stdout == first


def test_a_changed_file_is_read_again(tmp_path: Path, cache_dir: Path) -> None:
    path = write_yaml(tmp_path / "r.yaml", minimal_document(a={2024: [["Old text."]]}))
    assert "Old text." in run("--data", str(path), "show", "a").stdout
    stat = path.stat()
    write_yaml(path, minimal_document(a={2024: [["New text."]]}))  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same modification time
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert "New text." in run("--data", str(path), "show", "a").stdout


def test_a_warm_run_does_not_read_an_old_data_file(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entry records the file's stamp as git's index does: an unchanged file is not read again."""
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    os.utime(path, ns=(10**18, 10**18 - 3600 * 10**9))  # last changed an hour before the entry is written
    first = run("--data", str(path), "show", "a", "--json").stdout

    def no_reading(*_: object) -> None:
        raise AssertionError("read the data file although the entry's stamp matches it")

    monkeypatch.setattr("reportcli.db.dataset.read_file", no_reading)
    assert run("--data", str(path), "show", "a", "--json").stdout == first


def test_a_change_that_keeps_size_and_times_is_still_seen(tmp_path: Path, cache_dir: Path) -> None:
    """Same size, modification time put back: the change time (which no program can set) tells."""
    path = write_yaml(tmp_path / "r.yaml", minimal_document(a={2024: [["Old text."]]}))
    os.utime(path, ns=(10**18, 10**18 - 3600 * 10**9))
    assert "Old text." in run("--data", str(path), "show", "a").stdout
    before = path.stat()
    write_yaml(path, minimal_document(a={2024: [["New text."]]}))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert "New text." in run("--data", str(path), "show", "a").stdout


@pytest.mark.parametrize("damage", ["truncate", "garble", "one-byte", "empty", "not-sqlite", "version"])
def test_a_damaged_entry_is_rebuilt(tmp_path: Path, cache_dir: Path, damage: str) -> None:
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    expected = run("--data", str(path), "search", "pension", "--json").stdout
    entry = entry_of(path)
    data = entry.read_bytes()
    if damage == "version":  # another reportcli wrote it: a miss, even if every row is sound
        craft(entry, path, lambda con: con.execute("UPDATE info SET value = '0.0.0' WHERE name = 'reportcli'"))
    else:
        text_at = data.index(b"Pensions rise.")
        entry.write_bytes(
            {
                "truncate": data[: len(data) // 2],
                "garble": data[:100] + bytes(b ^ 0x5A for b in data[100:]),
                "one-byte": data[:text_at] + b"Q" + data[text_at + 1 :],  # inside a statement's text
                "empty": b"",
                "not-sqlite": b"x" * 9999,
            }[damage]
        )
    spoiled = entry.read_bytes()
    result = run("--data", str(path), "search", "pension", "--json")
    assert (result.exit_code, result.stdout) == (0, expected)
    if damage in ("empty", "not-sqlite"):
        # nothing says the file is reportcli's (an entry is an SQLite file with its application id, so
        # even a cut one says so): it is not read, not replaced, and the run says so, once
        assert result.stderr == (
            f"reportcli: the cache was not written ({entry}: not an entry of reportcli's, left as it is); "
            "answered without it (REPORTCLI_NO_CACHE=1 skips it)\n"
        )
        assert entry.read_bytes() == spoiled
        return
    assert result.stderr in (
        "",
        "reportcli: a cache entry did not hold what it should; rebuilt it from the data file\n",
    )
    con = store.open_file(str(entry))  # rewritten whole, and sound
    assert con is not None and store.info(con)["reportcli"] != "0.0.0"


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE statements SET text = x'00'",  # TEXT affinity would turn a number into text: a blob stays
        "UPDATE statements SET year = 'twenty'",
        "UPDATE statements SET extra = '{\"repairs\": 3}' WHERE unit = 0",
        "UPDATE sections SET years = 'not json'",
        "UPDATE terms SET units = x'0100'",
        "DELETE FROM unit_keys",
        "UPDATE info SET value = '[]' WHERE name = 'meta'",
        "UPDATE arrays SET data = x'' WHERE name = 'unit_year'",
        "UPDATE texts SET data = CAST('Abolish pensions.' AS BLOB)",
        "UPDATE unit_keys SET bounds = x'0100'",
    ],
)
def test_a_self_consistent_entry_of_the_wrong_shape_is_not_trusted(
    tmp_path: Path, cache_dir: Path, change: str
) -> None:
    """An entry whose hashes are right but whose rows are of the wrong shape (a text that is a number,
    a posting list too short): each row is checked when read; the entry is rebuilt and the query asked
    again."""
    path = write_yaml(tmp_path / "r.yaml", minimal_document(a={2024: [["Pensions rise.", "Pensions rise again."]]}))
    expected = {args: run("--data", str(path), *args).stdout for args in (("show", "a", "--json"),)}
    search_expected = run("--data", str(path), "search", "--regex", "pension", "--json").stdout
    phrase_expected = run("--data", str(path), "search", "pensions rise", "--json").stdout
    craft(entry_of(path), path, lambda con: con.execute(change))
    for args, stdout in [
        (("show", "a", "--json"), expected[("show", "a", "--json")]),
        (("search", "--regex", "pension", "--json"), search_expected),
        (("search", "pensions rise", "--json"), phrase_expected),
    ]:
        result = run("--data", str(path), *args)
        assert (result.exit_code, result.stdout) == (0, stdout), (change, args, result)
        craft(entry_of(path), path, lambda con: con.execute(change))


TWO_YEARS = minimal_document(
    a={2023: [["Pensions rise.", "Rivers are cleaned."]], 2024: [["Pensions rise again.", "Forests grow."]]}
)


def test_the_summary_diff_kept_in_the_cache_is_what_a_fresh_one_says(tmp_path: Path, cache_dir: Path) -> None:
    """The summary of every theme is worked out when the entry is built, and read back from it after."""
    path = write_yaml(tmp_path / "r.yaml", TWO_YEARS)
    fresh = run("--data", str(path), "--no-cache", "diff", "--json")
    assert fresh.exit_code == 0 and json.loads(fresh.stdout)[0]["theme"] == "a"
    assert run("--data", str(path), "themes").exit_code == 0  # builds the entry, the summary with it
    con = sqlite3.connect(entry_of(path))
    assert [name for (name,) in con.execute("SELECT name FROM derived")] == ["diff-summary"]
    con.close()
    assert run("--data", str(path), "diff", "--json").stdout == fresh.stdout


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE derived SET value = '[]'",
        "UPDATE derived SET value = '{}'",
        "UPDATE derived SET value = replace(value, '\"continued\": 1', '\"continued\": -1')",
        "UPDATE derived SET value = replace(value, '\"new_terms\": [', '\"new_terms\": [7, ')",
        'UPDATE derived SET value = replace(value, \'"theme": "a"\', \'"theme": "b"\')',
    ],
)
def test_a_kept_summary_of_the_wrong_shape_is_worked_out_again(tmp_path: Path, cache_dir: Path, change: str) -> None:
    path = write_yaml(tmp_path / "r.yaml", TWO_YEARS)
    fresh = run("--data", str(path), "--no-cache", "diff", "--json").stdout
    run("--data", str(path), "themes")
    craft(entry_of(path), path, lambda con: con.execute(change))
    result = run("--data", str(path), "diff", "--json")
    assert (result.exit_code, result.stdout) == (0, fresh), change
    assert "rebuilt it from the data file" in result.stderr


def test_a_schema_that_is_not_ours_is_not_read(tmp_path: Path, cache_dir: Path) -> None:
    """A view in place of a table could hide any query: an image whose schema differs is not opened."""
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    expected = run("--data", str(path), "show", "a", "--json").stdout

    columns = "unit, ref, section, year, paragraph, 'Abolish all pensions.' AS text, original, label, extra"

    def swap(con: sqlite3.Connection) -> None:
        con.execute("ALTER TABLE statements RENAME TO hidden")
        con.execute(f"CREATE VIEW statements AS SELECT {columns} FROM hidden")

    craft(entry_of(path), path, swap)
    result = run("--data", str(path), "show", "a", "--json")
    assert (result.exit_code, result.stdout) == (0, expected)
    assert "Abolish" not in result.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="making a file another user's needs root")
def test_an_entry_owned_by_another_user_is_not_read(tmp_path: Path, cache_dir: Path) -> None:
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    run("--data", str(path), "show", "a")
    entry = entry_of(path)
    craft(entry, path, lambda con: con.execute("UPDATE statements SET text = 'Abolish all pensions.'"))
    os.chown(entry, 4242, 4242)
    result = run("--data", str(path), "show", "a", "--json")
    assert json.loads(result.stdout)["statements"][0]["text"] == "Pensions rise."


def test_a_directory_others_can_write_to_is_refused(tmp_path: Path, cache_dir: Path) -> None:
    """As ssh refuses a group-writable key: a shared cache directory is where a poisoned entry would come from."""
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    run("--data", str(path), "show", "a")
    craft(entry_of(path), path, lambda con: con.execute("UPDATE statements SET text = 'Abolish all pensions.'"))
    cache_dir.chmod(0o777)
    result = run("--data", str(path), "show", "a", "--json")
    assert json.loads(result.stdout)["statements"][0]["text"] == "Pensions rise."
    assert result.stderr == (
        f"reportcli: not using the cache: {cache_dir}: other users can write to it (chmod go-w {cache_dir})\n"
    )


def test_a_fifo_entry_cannot_hang_a_run(tmp_path: Path, cache_dir: Path) -> None:
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    expected = run("--data", str(path), "show", "a", "--json").stdout
    entry = entry_of(path)
    entry.unlink()
    os.mkfifo(entry)
    done = subprocess.run(
        [sys.executable, "-m", "reportcli", "--data", str(path), "show", "a", "--json"],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "REPORTCLI_CACHE_DIR": str(cache_dir)},
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, expected)
    assert done.stderr == (
        f"reportcli: the cache was not written ({entry}: not an entry of reportcli's, left as it is); "
        "answered without it (REPORTCLI_NO_CACHE=1 skips it)\n"
    )
    assert stat.S_ISFIFO(entry.lstat().st_mode)  # not ours: left where it is


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_a_symlinked_entry_is_not_followed(tmp_path: Path, cache_dir: Path, target: str) -> None:
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    expected = run("--data", str(path), "show", "a", "--json").stdout
    entry = entry_of(path)
    entry.unlink()
    entry.symlink_to(target)
    result = run("--data", str(path), "show", "a", "--json")
    assert (result.exit_code, result.stdout) == (0, expected)


def test_an_entry_larger_than_the_limit_is_not_read(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    expected = run("--data", str(path), "show", "a", "--json").stdout
    monkeypatch.setattr("reportcli.db.cache.MAX_ENTRY_BYTES", 1000)

    def no_reading(*_: object) -> None:
        raise AssertionError("read an entry over the limit")

    monkeypatch.setattr("reportcli.db.store.open_file", no_reading)
    assert run("--data", str(path), "show", "a", "--json").stdout == expected


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(data=st.data())
def test_any_bytes_in_an_entry_never_change_the_output(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """Random bytes, or a real entry with random bytes changed, cut or added: the output is the data's."""
    directory = tmp_path_factory.mktemp("cache")
    path = write_yaml(directory / "r.yaml", minimal_document(a={2024: [["Pensions rise.", "Solar farms grow."]]}))
    env = {"REPORTCLI_CACHE_DIR": str(directory / "cache"), "REPORTCLI_NO_CACHE": ""}
    expected = run("--data", str(path), "show", "a", "--json", env=env).stdout
    entry = directory / "cache" / cache.entry_name(path)
    real = entry.read_bytes()
    how = data.draw(st.sampled_from(["random", "flip", "cut", "append"]))
    if how == "random":
        spoiled = data.draw(st.binary(max_size=5000))
    elif how == "flip":
        at = data.draw(st.integers(0, len(real) - 1))
        spoiled = real[:at] + bytes([real[at] ^ data.draw(st.integers(1, 255))]) + real[at + 1 :]
    elif how == "cut":
        spoiled = real[: data.draw(st.integers(0, len(real) - 1))]
    else:
        spoiled = real + data.draw(st.binary(min_size=1, max_size=100))
    entry.write_bytes(spoiled)
    result = run("--data", str(path), "show", "a", "--json", env=env)
    assert (result.exit_code, result.stdout) == (0, expected)


@pytest.mark.parametrize("how", ["flag", "env"])
def test_no_cache_writes_nothing(tmp_path: Path, cache_dir: Path, how: str) -> None:
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    args = ["--no-cache"] if how == "flag" else []
    env = {"REPORTCLI_NO_CACHE": "1"} if how == "env" else {}
    assert run(*args, "--data", str(path), "search", "pension", env=env).exit_code == 0
    assert entries(cache_dir) == []


def test_data_from_standard_input_is_not_cached(tmp_path: Path, cache_dir: Path) -> None:
    """A pipe reads differently next time: caching it would only pile up entries."""
    text = write_yaml(tmp_path / "r.yaml", PENSIONS).read_text()
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-m", "reportcli", "--data", "-", "show", "a"],
            input=text,
            capture_output=True,
            text=True,
            env={**os.environ, "REPORTCLI_CACHE_DIR": str(cache_dir)},
            timeout=60,
            check=False,
        )
        assert (done.returncode, done.stdout) == (0, "a/2024/1.1\tPensions rise.\n")
    assert entries(cache_dir) == []


def test_an_unwritable_cache_directory_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    monkeypatch.setenv("REPORTCLI_CACHE_DIR", str(blocker / "cache"))
    result = run("themes")
    assert (result.exit_code, result.stderr) == (0, f"reportcli: not using the cache: {blocker}: not a directory\n")
    assert result.stdout == run("--no-cache", "themes").stdout


def test_entries_are_bounded_in_number(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reportcli.db.cache.MAX_ENTRIES", 3)
    paths = [write_yaml(tmp_path / f"r{i}.yaml", PENSIONS) for i in range(6)]
    for i, path in enumerate(paths):
        assert run("--data", str(path), "show", "a").exit_code == 0
        os.utime(entry_of(path), ns=(10**18 + i, 10**18 + i))  # a clear order of use
    assert entries(cache_dir) == [".db"] * 3
    assert [entry_of(p).exists() for p in paths] == [False, False, False, True, True, True]


def test_a_temporary_file_of_a_killed_run_is_swept(tmp_path: Path, cache_dir: Path) -> None:
    """What a killed build left is swept: named as reportcli names it, its process gone, and its content
    says it is reportcli's (empty, or an SQLite header with reportcli's id). A live process's, or a
    file that only looks like one, is kept."""
    cache_dir.mkdir(mode=0o700)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    half = sqlite3.connect(tmp_path / "half.db")
    half.execute("PRAGMA application_id = 0x5250434C")
    half.execute("CREATE TABLE t (x)")
    half.commit()
    half.close()
    (cache_dir / f".reportcli-cache-{dead.pid}-left").write_bytes((tmp_path / "half.db").read_bytes())
    (cache_dir / f".reportcli-cache-{dead.pid}-empty").write_bytes(b"")
    (cache_dir / f".reportcli-cache-{os.getpid()}-mine").write_bytes(b"")  # a live process's: kept
    (cache_dir / f".reportcli-cache-{dead.pid}-users").write_bytes(b"the user's words")  # not ours: kept
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    assert run("--data", str(path), "show", "a").exit_code == 0
    kept = [f".reportcli-cache-{dead.pid}-users", f".reportcli-cache-{os.getpid()}-mine"]
    assert entries(cache_dir) == sorted([".db", *kept])


def test_a_terminating_signal_while_writing_leaves_no_temporary_file(tmp_path: Path, cache_dir: Path) -> None:
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from reportcli.db import index
        real_finish = index.Builder.finish

        def finish_then_killed(self, con):
            real_finish(self, con)
            os.kill(os.getpid(), signal.SIGTERM)  # arrives while the entry is being written

        index.Builder.finish = finish_then_killed
        sys.argv = ["reportcli", "--data", {str(path)!r}, "show", "a"]
        from reportcli.cli import main
        main()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        env={**os.environ, "REPORTCLI_CACHE_DIR": str(cache_dir)},
        timeout=60,
        check=False,
    )
    assert done.returncode == -signal.SIGTERM
    assert entries(cache_dir) == []


def test_concurrent_cold_runs_agree_and_leave_a_valid_cache(tmp_path: Path) -> None:
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
    assert entries(directory) == [".db"]  # no temporary files left behind
    con = store.open_file(str(directory / cache.entry_name(path)))
    assert con is not None and store.info(con)["stamp"] == cache.Stamp.of(path.stat()).text()


def test_the_embedded_report_is_cached_too(cache_dir: Path) -> None:
    run("themes")
    assert entry_of(default_path()).exists()


def test_no_home_directory_means_no_cache_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """HOME unset and a user id with no passwd entry (common in containers): the command just runs."""
    import pwd

    def no_entry(uid: int) -> None:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    for name in ("HOME", "XDG_CACHE_HOME", "REPORTCLI_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    assert cache.cache_dir() is None
    result = run("themes")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("ecology\tEcology")


def test_the_cached_database_equals_a_fresh_one(report: Report, tmp_path: Path) -> None:
    fresh = store.build(report)
    image = tmp_path / "image.db"
    image.write_bytes(store.serialize(fresh))
    again = store.open_file(str(image))
    assert again is not None
    tables = ["info", "sections", "statements", "figures", "terms", "unit_keys", "vocabulary", "arrays"]
    for table in tables:
        query = f"SELECT * FROM {table} ORDER BY 1"
        assert again.execute(query).fetchall() == fresh.execute(query).fetchall()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def progress_shown(monkeypatch: pytest.MonkeyPatch, stderr: io.StringIO, delay: float, tmp_path: Path) -> str:
    """What a first load that reports progress writes on ``stderr``, with the bar's delay set to ``delay``."""
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setattr("reportcli.cli.progress.DELAY", delay)
    real_add = index_module.Builder.add

    def slow_add(
        self: index_module.Builder,
        con: sqlite3.Connection,
        units: Sequence[Statement],
        positions: Mapping[str, tuple[int, int]],
        attached: Mapping[str, Sequence[tuple[str, str]]] | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        if progress is not None:
            progress(0.5)
        real_add(self, con, units, positions, attached, None)

    monkeypatch.setattr("reportcli.db.index.Builder.add", slow_add)
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    state = Settings()
    state.data, state.use_cache = str(path), False
    state.dataset().corpus()
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
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    assert run("--data", str(path), "themes", env={"REPORTCLI_NO_CACHE": value}).exit_code == 0
    assert entries(cache_dir) == [".db"]


def test_an_entry_checked_by_content_once_is_trusted_by_its_stamp_after(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry written right after the file changed is checked by content (racy git); once the file
    has been still for RACY_NS, the entry is restamped, and later runs need not read the file again."""
    import time

    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    first = run("--data", str(path), "show", "a", "--json").stdout  # written within RACY_NS of the change
    time.sleep(cache.RACY_NS / 1e9 + 0.1)
    assert run("--data", str(path), "show", "a", "--json").stdout == first  # checked by content, restamped

    def no_reading(*_: object) -> None:
        raise AssertionError("read the data file although the entry was restamped")

    monkeypatch.setattr("reportcli.db.dataset.read_file", no_reading)
    assert run("--data", str(path), "show", "a", "--json").stdout == first


@pytest.mark.parametrize(
    "change",
    [
        "DELETE FROM info WHERE name = 'names'",
        "UPDATE info SET value = 'not json' WHERE name = 'names'",
        "UPDATE info SET value = '[[\"report id\"]]' WHERE name = 'names'",
    ],
)
def test_a_damaged_list_of_names_is_built_again_when_files_are_checked_together(
    tmp_path: Path, cache_dir: Path, change: str
) -> None:
    """The check that no two files share an id reads each entry's kept names as the files are read
    together: what proves damaged there is rebuilt, as a damaged row met by a query is (a review found
    exit 3 on every run)."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for name, text in [("a", "Pensions rise."), ("b", "Rivers are cleaned.")]:
        document = minimal_document(**{name: {2024: [[text]]}})
        document["report"]["id"] = name
        write_yaml(reports / f"{name}.yaml", document)
    assert run("--data", str(reports), "themes").exit_code == 0
    craft(entry_of(reports / "b.yaml"), reports / "b.yaml", lambda con: con.execute(change))
    third = minimal_document(c={2024: [["Forests grow."]]})
    third["report"]["id"] = "c"
    write_yaml(reports / "c.yaml", third)
    for _ in range(2):
        result = run("--data", str(reports), "themes", "--json")
        assert result.exit_code == 0, result.stderr
        assert [t["id"] for t in json.loads(result.stdout)] == ["a", "b", "c"]


def test_a_theme_row_taken_out_of_an_entry_is_noticed(tmp_path: Path, cache_dir: Path) -> None:
    """Themes are read alone (not every section) where only they are needed; how many an entry holds
    is in its info, so that a theme row deleted (no checksum to forge) is not a theme gone."""
    two_themes = minimal_document(a={2023: [["Pensions rise."]], 2024: [["Pensions rise."]]}, z={2024: [["Forests."]]})
    path = write_yaml(tmp_path / "r.yaml", two_themes)
    fresh = run("--data", str(path), "--no-cache", "themes", "--json").stdout
    assert run("--data", str(path), "themes").exit_code == 0
    con = sqlite3.connect(entry_of(path))
    con.execute("DELETE FROM sections WHERE kind = 'theme' AND id = 'a'")
    con.commit()
    con.close()
    result = run("--data", str(path), "diff", "a")
    assert result.exit_code == 0, result.stderr
    assert run("--data", str(path), "themes", "--json").stdout == fresh
