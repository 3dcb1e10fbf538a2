"""The cache owns only what it made (issue 19): whatever the user keeps in or around the cache directory
is byte for byte the same after any run, and a cache that cannot be used or written costs one line on
stderr, never the answer or its exit code.

Each test runs the installed module in a subprocess where the process's own state matters (the umask,
a file size limit), and through CliRunner otherwise."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import sqlite3
import stat
import subprocess
import sys
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import minimal_document, run, write_yaml

from reportcli.db import cache
from reportcli.db.checked import checksum

PENSIONS = minimal_document(a={2024: [["Pensions rise.", "Pensions rise again."]]})
NO_CACHE_HINT = "answered without it (REPORTCLI_NO_CACHE=1 skips it)"


def snapshot(directory: Path) -> dict[str, tuple[int, bytes | str]]:
    """Every name under ``directory`` with its kind and content (a link's target), not following links."""
    found: dict[str, tuple[int, bytes | str]] = {}
    for path in sorted(directory.rglob("*")):
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            found[str(path.relative_to(directory))] = (stat.S_IFMT(mode), os.readlink(path))
        elif stat.S_ISREG(mode):
            found[str(path.relative_to(directory))] = (stat.S_IFMT(mode), path.read_bytes())
        else:
            found[str(path.relative_to(directory))] = (stat.S_IFMT(mode), b"")
    return found


def users_files(directory: Path) -> None:
    """What a user may keep where a cache could point: databases (one named as an entry would be), files
    named as another program's temporary files, a file named as reportcli's but not reportcli's."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("photos.db", "0123456789abcdef0123456789abcdef.db"):
        con = sqlite3.connect(directory / name)
        con.execute("CREATE TABLE t (x)")
        con.execute("INSERT INTO t VALUES ('keep me')")
        con.commit()
        con.close()
    (directory / ".tmp-1-draft").write_bytes(b"a draft")
    (directory / ".tmp-999999-notes").write_bytes(b"notes")
    (directory / ".reportcli-cache-999999-x").write_bytes(b"the user's, whatever its name says")
    (directory / "big.db").write_bytes(b"\0" * 100_000)


def cli(
    *args: str,
    env: dict[str, str],
    umask: int | None = None,
    limit_file_size: int | None = None,
) -> subprocess.CompletedProcess[str]:
    def before() -> None:
        if umask is not None:
            os.umask(umask)
        if limit_file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    environment = {k: v for k, v in os.environ.items() if not k.startswith(("REPORTCLI_CACHE", "XDG_CACHE"))}
    environment.pop("REPORTCLI_NO_CACHE", None)
    return subprocess.run(
        [sys.executable, "-m", "reportcli", *args],
        capture_output=True,
        text=True,
        env={**environment, **env},
        preexec_fn=before,
        timeout=120,
        check=False,
    )


def test_the_users_databases_and_temporary_files_in_the_cache_directory_are_never_touched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """REPORTCLI_CACHE_DIR pointed at a directory of one's own databases: entries come and go (a bound
    of one entry forces an eviction on every write), the user's files stay as they were."""
    mine = tmp_path / "my-databases"
    users_files(mine)
    mine.chmod(0o755)
    before = snapshot(mine)
    monkeypatch.setenv("REPORTCLI_CACHE_DIR", str(mine))
    monkeypatch.delenv("REPORTCLI_NO_CACHE", raising=False)
    monkeypatch.setattr("reportcli.db.cache.MAX_ENTRIES", 1)
    monkeypatch.setattr("reportcli.db.cache.MAX_TOTAL_BYTES", 1)
    paths = [write_yaml(tmp_path / f"r{i}.yaml", PENSIONS) for i in range(3)]
    for path in [*paths, *paths]:
        result = run("--data", str(path), "search", "pension", "--json")
        assert (result.exit_code, result.stderr) == (0, "")
    after = snapshot(mine)
    assert {name: after[name] for name in before} == before
    made = sorted(set(after) - set(before))
    assert made == [cache.entry_name(paths[-1])]  # one entry of ours, the others evicted


def test_a_cache_directory_made_under_umask_000_is_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    done = cli("--data", str(path), "show", "a", env={"HOME": str(home)}, umask=0)
    assert (done.returncode, done.stderr) == (0, "")
    for made in (home / ".cache", home / ".cache" / "reportcli"):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700, made
    assert [p.suffix for p in (home / ".cache" / "reportcli").iterdir()] == [".db"]


def test_a_cache_directory_made_by_another_run_at_the_same_moment_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twelve cold runs at once: one looks, finds no directory, and another makes it before this one
    does (mkdir fails with EEXIST). The directory is then checked like any other, not refused (a
    concurrent test saw 'cannot create it (File exists)' on stderr)."""
    from reportcli import atomic

    real_mkdir = Path.mkdir

    def made_by_another_run(self: Path, mode: int = 0o777, parents: bool = False, exist_ok: bool = False) -> None:
        real_mkdir(self, mode=0o700)  # the other run's
        raise FileExistsError(17, "File exists", str(self))

    monkeypatch.setattr(Path, "mkdir", made_by_another_run)
    found, problem = atomic.private_directory(tmp_path, ["cache"], create=True)
    assert (found, problem) == (tmp_path / "cache", None)


def test_a_symlink_swapped_in_for_the_cache_directory_is_not_followed(tmp_path: Path) -> None:
    """Another user who could write to ~/.cache swaps ~/.cache/reportcli for a link into the victim's
    files: the next run does not use the cache (one line says why), and the files are unchanged."""
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    env = {"HOME": str(home)}
    expected = cli("--data", str(path), "search", "pension", "--json", env=env, umask=0).stdout
    victim = tmp_path / "victim"
    users_files(victim)
    before = snapshot(victim)
    shutil.rmtree(home / ".cache" / "reportcli")
    (home / ".cache" / "reportcli").symlink_to(victim)
    shutil.copy(path, tmp_path / "other.yaml")
    for fresh in (str(tmp_path / "other.yaml"), str(path)):  # a cold run writes, a warm one would read
        done = cli("--data", fresh, "search", "pension", "--json", env=env, umask=0)
        assert (done.returncode, done.stdout) == (0, expected)
        link = home / ".cache" / "reportcli"
        assert done.stderr == (
            f"reportcli: not using the cache: {link}: a symbolic link, which reportcli does not follow here\n"
        )
    assert snapshot(victim) == before


def test_a_cache_base_others_can_write_to_is_not_used(tmp_path: Path) -> None:
    """~/.cache made 0777 by something else: anybody could swap what is in it, so nothing is."""
    home = tmp_path / "home"
    (home / ".cache").mkdir(parents=True)
    (home / ".cache").chmod(0o777)
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    done = cli("--data", str(path), "show", "a", env={"HOME": str(home)})
    assert (done.returncode, done.stdout) == (0, "a/2024/1.1\tPensions rise.\na/2024/1.2\tPensions rise again.\n")
    assert done.stderr == f"reportcli: not using the cache: {home / '.cache'}: other users can write to it\n"
    assert list((home / ".cache").iterdir()) == []


def test_a_sticky_shared_base_is_used_for_a_private_directory_of_ours(tmp_path: Path) -> None:
    """As /tmp is: others can write to it, but not replace what is ours."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    done = cli("--data", str(path), "show", "a", env={"REPORTCLI_CACHE_DIR": str(shared / "mine")})
    assert (done.returncode, done.stderr) == (0, "")
    assert stat.S_IMODE((shared / "mine").stat().st_mode) == 0o700


@pytest.mark.parametrize("kind", ["directory", "fifo", "user's file", "symlink"])
def test_anything_else_at_an_entrys_path_is_left_and_the_query_runs_uncached(tmp_path: Path, kind: str) -> None:
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    env = {"REPORTCLI_CACHE_DIR": str(directory)}
    expected = cli("--no-cache", "--data", str(path), "search", "pension", "--json", env=env).stdout
    entry = directory / cache.entry_name(path)
    if kind == "directory":
        entry.mkdir()
        (entry / "inside").write_bytes(b"kept")
    elif kind == "fifo":
        os.mkfifo(entry)
    elif kind == "user's file":
        entry.write_bytes(b"SQLite format 3\0 but not an entry")
    else:
        (tmp_path / "elsewhere").write_bytes(b"kept")
        entry.symlink_to(tmp_path / "elsewhere")
    before = snapshot(directory)
    for _ in range(2):  # every run: the same answer, the same one line
        done = cli("--data", str(path), "search", "pension", "--json", env=env)
        assert (done.returncode, done.stdout) == (0, expected)
        assert done.stderr == (
            f"reportcli: the cache was not written ({entry}: not an entry of reportcli's, left as it is); "
            f"{NO_CACHE_HINT}\n"
        )
    assert snapshot(directory) == before
    if kind == "symlink":
        assert (tmp_path / "elsewhere").read_bytes() == b"kept"


def test_a_file_size_limit_costs_one_line_not_the_answer(tmp_path: Path) -> None:
    """RLIMIT_FSIZE (EFBIG): the entry cannot be written; the answer and its exit code are the query's."""
    directory = tmp_path / "cache"
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    env = {"REPORTCLI_CACHE_DIR": str(directory)}
    expected = cli("--no-cache", "--data", str(path), "search", "pension", "--json", env=env).stdout
    done = cli("--data", str(path), "search", "pension", "--json", env=env, limit_file_size=4096)
    assert (done.returncode, done.stdout) == (0, expected)
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("reportcli: the cache was not written (") and done.stderr.endswith(
        f"; {NO_CACHE_HINT}\n"
    )
    assert [p.name for p in directory.iterdir()] == []  # no temporary file left behind
    missing = cli("--data", str(path), "search", "nothing-like-it", env=env, limit_file_size=4096)
    assert missing.returncode == 1  # the query's exit code, not the cache's


@contextlib.contextmanager
def mounted(where: Path, options: str) -> Iterator[None]:
    """A small tmpfs at ``where``, for a real full disk or a read-only file system (needs root)."""
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip() or 'not root'})")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.mark.skipif(not sys.platform.startswith("linux") or os.geteuid() != 0, reason="mounting a tmpfs needs root")
@pytest.mark.parametrize("condition", ["full", "read-only"])
def test_a_full_or_read_only_disk_costs_one_line_not_the_answer(tmp_path: Path, condition: str) -> None:
    where = tmp_path / "disk"
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    with mounted(where, "size=16k,mode=0700" if condition == "full" else "ro,mode=0700"):
        if condition == "full":  # what is left of it filled up
            with contextlib.suppress(OSError), (where / "filler").open("wb") as filler:
                while True:
                    filler.write(b"\0" * 4096)
                    filler.flush()
        env = {"REPORTCLI_CACHE_DIR": str(where / "cache") if condition == "full" else str(where)}
        expected = cli("--no-cache", "--data", str(path), "search", "pension", "--json", env=env).stdout
        done = cli("--data", str(path), "search", "pension", "--json", env=env)
        assert (done.returncode, done.stdout) == (0, expected)
        assert done.stderr.count("\n") == 1
        reason = "No space left on device" if condition == "full" else "Read-only file system"
        assert reason in done.stderr or "disk is full" in done.stderr, done.stderr
        left = sorted(p.name for p in where.rglob("*") if p.name != "filler")
        assert left in ([], ["cache"])  # nothing half-written


def craft(entry: Path, change: Callable[[sqlite3.Connection], object]) -> None:
    """Change an entry and recompute every row's checksum: only a query can find it out."""
    con = sqlite3.connect(entry)
    change(con)
    for (table,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall():
        columns = [row[1] for row in con.execute(f"PRAGMA table_info({table})")]
        if columns[-1] != "checksum":
            continue
        for row in con.execute(f"SELECT * FROM {table}").fetchall():
            con.execute(f"UPDATE {table} SET checksum = ? WHERE {columns[0]} = ?", (checksum(row[:-1]), row[0]))
    con.commit()
    con.close()


@pytest.mark.parametrize("name", ["unit_report", "unit_section", "unit_year"])
@pytest.mark.parametrize("value", [999_999, -5])
def test_a_self_consistent_entry_with_indices_out_of_range_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: int
) -> None:
    monkeypatch.setenv("REPORTCLI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTCLI_NO_CACHE", raising=False)
    path = write_yaml(tmp_path / "r.yaml", PENSIONS)
    queries = [
        ("search", "pension", "--json"),
        ("search", "--regex", "pension", "--json"),
        ("search", "pension", "--count", "--json"),
        ("show", "a", "--json"),
    ]
    expected = {q: run("--no-cache", "--data", str(path), *q).stdout for q in queries}
    run("--data", str(path), "themes")
    entry = tmp_path / "cache" / cache.entry_name(path)
    for query in queries:
        craft(
            entry,
            lambda con: con.execute(
                "UPDATE arrays SET data = ? WHERE name = ?", (array("i", [value] * 2).tobytes(), name)
            ),
        )
        result = run("--data", str(path), *query)
        assert (result.exit_code, result.stdout) == (0, expected[query]), (query, result.stderr)
        assert result.stderr in (
            "",
            "reportcli: a cache entry did not hold what it should; rebuilt it from the data file\n",
        )


def test_the_corpus_directory_made_under_umask_000_is_private(tmp_path: Path) -> None:
    """The corpus directory is made as the cache's is: every directory reportcli makes is 0700."""
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    fixture = Path(__file__).resolve().parent / "fixtures" / "corpus" / "2023.txt"
    environment = {"HOME": str(home), "REPORTCLI_CORPUS_DIR": "", "XDG_DATA_HOME": ""}
    done = cli("import", str(fixture), env=environment, umask=0)
    assert done.returncode == 0, done.stderr
    for made in (home / ".local", home / ".local" / "share", home / ".local" / "share" / "reportcli"):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700, made
    assert [p.name for p in (home / ".local" / "share" / "reportcli" / "reports").iterdir()] == ["2023-en.yaml"]
