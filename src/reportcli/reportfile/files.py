"""Reading report files: one open, one fstat, one bounded read; no YAML here, so that a cached run never parses.

A regular file larger than MAX_BYTES is refused before it is read. Anything else (a pipe, standard
input as ``-``, a device such as /dev/zero) is read in chunks and refused as soon as it passes the
limit, so that no input can make reportcli read without end.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from stat import S_ISDIR, S_ISREG

from reportcli.errors import DataError

MAX_BYTES = 128 * 1024 * 1024  # larger files are refused before they are read
CHUNK = 1024 * 1024
STDIN = "-"  # --data - reads standard input


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


def _open(path: Path) -> int:
    return os.open(path, os.O_RDONLY | os.O_CLOEXEC)


def read_file(path: Path) -> FileRead:
    """The file's bytes, refusing directories, and anything over MAX_BYTES (before reading, where it can)."""
    if str(path) == STDIN:
        try:
            return FileRead(_read_bounded(sys.stdin.buffer.fileno(), path), None)
        except (AttributeError, ValueError, OSError) as exc:
            raise DataError(
                f"{shown(path)}: cannot read standard input: {getattr(exc, 'strerror', None) or exc}"
            ) from None
    try:
        fd = _open(path)
    except FileNotFoundError:
        raise DataError(f"{shown(path)}: no such file") from None
    except PermissionError:
        raise DataError(f"{shown(path)}: permission denied") from None
    except IsADirectoryError:
        raise DataError(f"{shown(path)}: is a directory, not a report file") from None
    except OSError as exc:
        raise DataError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None
    try:
        stat = os.fstat(fd)
        if S_ISDIR(stat.st_mode):
            raise DataError(f"{shown(path)}: is a directory, not a report file")
        if S_ISREG(stat.st_mode) and stat.st_size > MAX_BYTES:
            raise DataError(
                f"{shown(path)}: file is {stat.st_size / 2**20:.1f} MiB; "
                f"reportcli reads report files up to {MAX_BYTES // 2**20} MiB"
            )
        return FileRead(_read_bounded(fd, path), stat)
    except IsADirectoryError:
        raise DataError(f"{shown(path)}: is a directory, not a report file") from None
    except OSError as exc:
        raise DataError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def stat_data(path: Path) -> os.stat_result | None:
    """The data file's stat, when it is a regular file we may read (the only kind a cache entry can
    stand for): opened, not read, so that a file we may no longer read is not served from the cache.

    Problems a read would report (missing, unreadable, a directory, too large) are left to
    ``read_file``: this only tells whether there is something to look up."""
    try:
        fd = _open(path)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    return info if S_ISREG(info.st_mode) and info.st_size <= MAX_BYTES else None


def _read_bounded(fd: int, path: Path) -> bytes:
    """Everything the descriptor gives, in chunks, refusing to go past MAX_BYTES."""
    chunks: list[bytes] = []
    total = 0
    while chunk := os.read(fd, CHUNK):
        total += len(chunk)
        if total > MAX_BYTES:
            raise DataError(
                f"{shown(path)}: more than {MAX_BYTES // 2**20} MiB; reportcli reads report files up to that size"
            )
        chunks.append(chunk)
    return b"".join(chunks)


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
