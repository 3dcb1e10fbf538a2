"""``export`` writes a regular file of its own and touches nothing else: a device, a FIFO, a socket, a
directory or a link at the target is refused with or without --replace, and left as it was; the
temporary file goes on a signal, and what a killed run left is swept only when it is provably ours."""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, run

from reportcli import atomic


def make(kind: str, path: Path) -> None:
    if kind == "character device":
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    elif kind == "FIFO":
        os.mkfifo(path)
    elif kind == "socket":
        with socket.socket(socket.AF_UNIX) as listener:
            listener.bind(str(path))
    elif kind == "directory":
        path.mkdir()
        (path / "inside.txt").write_text("the user's")
    elif kind == "symbolic link":
        (path.parent / "real.db").write_bytes(b"the user's database")
        path.symlink_to(path.parent / "real.db")


def described(path: Path) -> tuple[object, ...]:
    """What stands at a path, as a test can compare it before and after."""
    info = path.lstat()
    inside = sorted(p.name for p in path.iterdir()) if stat.S_ISDIR(info.st_mode) else None
    return (
        stat.S_IFMT(info.st_mode),
        info.st_ino,
        info.st_rdev,
        inside,
        os.readlink(path) if path.is_symlink() else None,
    )


@pytest.mark.parametrize("kind", ["character device", "FIFO", "socket", "directory", "symbolic link"])
@pytest.mark.parametrize("replace", [False, True])
def test_only_a_regular_file_is_ever_written_over(tmp_path: Path, kind: str, replace: bool) -> None:
    target = tmp_path / "out.db"
    try:
        make(kind, target)
    except PermissionError:
        pytest.skip(f"this user cannot make a {kind} (mknod needs root)")
    before = described(target)
    result = run("export", str(target), *(["--replace"] if replace else []))
    article = "an" if kind[0] in "aeiou" else "a"
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"reportcli: {target}: is {article} {kind}, not a file reportcli writes; give the name of a file to write\n"
    )
    assert described(target) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".reportcli-")) == []
    if kind == "symbolic link":
        assert (tmp_path / "real.db").read_bytes() == b"the user's database"


def test_a_regular_file_is_replaced_only_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "out.db"
    target.write_bytes(b"mine")
    refused = run("export", str(target))
    assert (refused.exit_code, refused.stderr) == (2, f"reportcli: {target}: exists; --replace writes it again\n")
    assert target.read_bytes() == b"mine"
    replaced = run("export", str(target), "--replace")
    assert replaced.exit_code == 0 and atomic.is_sqlite_of_ours(target)


def test_a_killed_exports_leftover_is_swept_and_nothing_else(tmp_path: Path) -> None:
    dead = 2**22 + 17  # no process has this id (pid_max is below it on Linux unless raised)
    ours = tmp_path / f".reportcli-export-{dead}-abc123.db"
    with sqlite3.connect(ours) as con:
        con.execute(f"PRAGMA application_id = {atomic.APPLICATION_ID}")
        con.execute("CREATE TABLE t (x)")
    con.close()
    lookalike = tmp_path / f".reportcli-export-{dead}-def456.db"  # the user's, named as ours are
    with sqlite3.connect(lookalike) as other:
        other.execute("CREATE TABLE users_own (x)")
    other.close()
    text = tmp_path / f".reportcli-export-{dead}-ghi789.db"
    text.write_text("not even a database")
    kept = {path: path.read_bytes() for path in (lookalike, text)}
    result = run("export", str(tmp_path / "out.db"))
    assert result.exit_code == 0, result
    assert not ours.exists()
    assert {path: path.read_bytes() for path in kept} == kept


def test_the_temporary_file_goes_when_a_signal_ends_the_run(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT / "src")!r})
        from reportcli import atomic
        path = {str(tmp_path / ".reportcli-export-1-x.db")!r}
        open(path, "w").close()
        with atomic.removed_on_signal(path):
            os.kill(os.getpid(), signal.SIGTERM)
            print("not reached")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == -15 and done.stdout == ""
    assert list(tmp_path.iterdir()) == []
