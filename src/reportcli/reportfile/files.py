"""Reading the files reportcli is given: one guarded open, one fstat, one bounded read; no YAML here,
so that a cached run never parses.

Every file reportcli reads (a report file, a directory's report files, an input to ``import``, the
glossary) is opened here, by ``guarded_open``: never blocking (a FIFO that nothing writes to opens
at once, and reads as empty), never taking a terminal as its controlling one, and refusing what is
not a file: a directory, a character or block device (``/dev/zero`` would never end), a socket.
A regular file larger than the limit is refused before it is read; a pipe (standard input as ``-``,
``/dev/stdin``, a FIFO with a writer) is read in chunks and refused as soon as it passes the limit,
so that no input can make reportcli read without end.
"""

from __future__ import annotations

import errno
import gc
import os
import select
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from stat import S_ISBLK, S_ISCHR, S_ISDIR, S_ISFIFO, S_ISREG, S_ISSOCK
from typing import NamedTuple

from reportcli.errors import DataError

MAX_BYTES = 128 * 1024 * 1024  # larger files are refused before they are read
CHUNK = 1024 * 1024
STDIN = "-"  # --data - reads standard input


class Noun(NamedTuple):
    """What a file is read as, for the messages that refuse one: "not a report file", "report files up to"."""

    one: str
    many: str


REPORT_FILE = Noun("a report file", "report files")
_FLAGS = os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)


class FileRead:
    """A data file's bytes, and what the file said of itself when they were read."""

    __slots__ = ("raw", "stat")

    def __init__(self, raw: bytes, stat: os.stat_result | None) -> None:
        self.raw = raw
        self.stat = stat  # None for standard input

    @property
    def regular(self) -> bool:
        """A regular file: one that reads the same again, so that a cache entry can stand for it."""
        return self.stat is not None and S_ISREG(self.stat.st_mode)


def shown(path: Path | str) -> str:
    """A path as text that is always valid UTF-8: bytes of a file name that are not UTF-8 appear as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def kind_of_mode(mode: int) -> str | None:
    """What a file of this mode is, when it is not one reportcli reads: None for a regular file or a
    pipe, else "directory", "character device", "block device", "socket" or "special file"."""
    if S_ISREG(mode) or S_ISFIFO(mode):
        return None
    for test, name in ((S_ISDIR, "directory"), (S_ISCHR, "character device"), (S_ISBLK, "block device")):
        if test(mode):
            return name
    return "socket" if S_ISSOCK(mode) else "special file"


FIFO_GRACE = 0.3  # seconds a FIFO that gave nothing yet is read again, for a writer about to write


def _open(path: Path) -> int:
    return os.open(path, _FLAGS)


def guarded_open(path: Path, noun: Noun = REPORT_FILE) -> tuple[int, os.stat_result]:
    """Open ``path`` to read it, and its fstat: the one opener of every file reportcli reads.

    Non-blocking, so that a FIFO opens at once (with no writer it reads as empty); without becoming
    the controlling terminal. What is not a regular file or a pipe is refused, naming what it is and
    what it is not (``noun``): ``PATH: is a character device, not a report file``."""
    try:
        fd = _open(path)
    except FileNotFoundError:
        raise DataError(f"{shown(path)}: no such file") from None
    except PermissionError:
        raise DataError(f"{shown(path)}: permission denied") from None
    except IsADirectoryError:
        raise DataError(f"{shown(path)}: is a directory, not {noun.one}") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # what opening a Unix socket (or a device with no driver) says
            raise DataError(f"{shown(path)}: is a socket or a device, not {noun.one}") from None
        raise DataError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None
    except ValueError:  # a NUL byte in the name
        raise DataError(f"{shown(path)}: no such file (the name holds a NUL character)") from None
    try:
        info = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise DataError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None
    if (kind := kind_of_mode(info.st_mode)) is not None:
        os.close(fd)
        raise DataError(f"{shown(path)}: is {'an' if kind[0] in 'aeiou' else 'a'} {kind}, not {noun.one}")
    return fd, info


def read_file(path: Path, limit: int = MAX_BYTES, noun: Noun = REPORT_FILE) -> FileRead:
    """The file's bytes (through ``guarded_open``), refusing anything over ``limit`` (before reading
    it, where the size is known)."""
    if str(path) == STDIN:
        return FileRead(_read_stdin(path, limit, noun), None)
    fd, info = guarded_open(path, noun)
    try:
        if S_ISREG(info.st_mode) and info.st_size > limit:
            raise DataError(
                f"{shown(path)}: file is {info.st_size / 2**20:.1f} MiB; "
                f"reportcli reads {noun.many} up to {limit // 2**20} MiB"
            )
        raw = b"".join(chunks(fd, path, limit, noun))
        waited = 0.0
        while not raw and S_ISFIFO(info.st_mode) and waited < FIFO_GRACE:
            # a writer waiting to open the FIFO is let in when we open it, but may not have been given
            # the processor yet: a moment for it, never more (a FIFO nothing writes to is not waited on)
            time.sleep(0.01)
            waited += 0.01
            raw = b"".join(chunks(fd, path, limit, noun))
        if not raw and S_ISFIFO(info.st_mode):  # a pipe no one writes to: what a FIFO left in a directory is
            raise DataError(f"{shown(path)}: is a FIFO that nothing was written to, not {noun.one}")
        return FileRead(raw, info)
    except IsADirectoryError:
        raise DataError(f"{shown(path)}: is a directory, not {noun.one}") from None
    except OSError as exc:
        raise DataError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _read_stdin(path: Path, limit: int, noun: Noun) -> bytes:
    """Standard input, when it is a file or a pipe: a terminal or a device (``< /dev/zero``) is refused."""
    try:
        fd = sys.stdin.buffer.fileno()
        kind = kind_of_mode(os.fstat(fd).st_mode)
        if kind is not None:
            article = "an" if kind[0] in "aeiou" else "a"
            terminal = " (a terminal)" if os.isatty(fd) else ""
            raise DataError(
                f"{shown(path)}: standard input is {article} {kind}{terminal}, not {noun.one}; "
                "pipe a file into it (< FILE)"
            )
        return b"".join(chunks(fd, path, limit, noun))
    except (AttributeError, ValueError, OSError) as exc:
        raise DataError(f"{shown(path)}: cannot read standard input: {getattr(exc, 'strerror', None) or exc}") from None


def stat_data(path: Path) -> os.stat_result | None:
    """The data file's stat, when it is a regular file we may read (the only kind a cache entry can
    stand for): opened, not read, so that a file we may no longer read is not served from the cache.

    Problems a read would report (missing, unreadable, a directory, too large) are left to
    ``read_file``: this only tells whether there is something to look up."""
    try:
        if not S_ISREG(os.stat(path).st_mode):
            return None  # a FIFO is not opened to be looked up: opening and closing it drops a writer's bytes
        fd, info = guarded_open(path)
    except (OSError, DataError):
        return None
    os.close(fd)
    return info if S_ISREG(info.st_mode) and info.st_size <= MAX_BYTES else None


def chunks(fd: int, path: Path | str, limit: int = MAX_BYTES, noun: Noun = REPORT_FILE) -> Iterator[bytes]:
    """Everything the descriptor gives, in chunks, refusing to go past ``limit`` bytes. A pipe opened
    without blocking is waited on (``select``) when it has nothing yet but a writer still holds it."""
    total = 0
    while True:
        try:
            chunk = os.read(fd, CHUNK)
        except BlockingIOError:
            select.select([fd], [], [])
            continue
        if not chunk:
            return
        total += len(chunk)
        if total > limit:
            raise DataError(
                f"{shown(path)}: more than {limit // 2**20} MiB; reportcli reads {noun.many} up to that size"
            )
        yield chunk


def read_bytes(path: Path) -> bytes:
    return read_file(path).raw


def decode(raw: bytes, path: Path) -> str:
    """Strict UTF-8 (a leading byte-order mark is dropped); an empty or blank file is refused."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{shown(path)}: not UTF-8 text (invalid byte at offset {exc.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise DataError(f"{shown(path)}: file is empty")
    return text


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that form no cycles.

    Without this, the collector runs over and over as the containers pile up: loading the
    1000x benchmark report took three times as long. Afterwards the objects built so far are
    frozen (moved out of the collector's sight), so that later collections do not walk them again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
