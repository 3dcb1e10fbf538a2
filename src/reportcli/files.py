"""Reading report files: one open, one fstat, one read; no YAML here, so that a cached run never imports a parser."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from stat import S_ISDIR

from reportcli.errors import DataError

MAX_BYTES = 128 * 1024 * 1024  # larger files are refused before they are read


class FileRead:
    """A data file's bytes, and what the file said of itself when they were read."""

    __slots__ = ("raw", "stat")

    def __init__(self, raw: bytes, stat: os.stat_result) -> None:
        self.raw = raw
        self.stat = stat


def _open(path: Path) -> int:
    return os.open(path, os.O_RDONLY | os.O_CLOEXEC)


def read_file(path: Path) -> FileRead:
    """The file's bytes, refusing directories and files over MAX_BYTES before reading them."""
    try:
        fd = _open(path)
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except PermissionError:
        raise DataError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory, not a report file") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        stat = os.fstat(fd)
        if S_ISDIR(stat.st_mode):
            raise DataError(f"{path}: is a directory, not a report file")
        if stat.st_size > MAX_BYTES:
            raise DataError(
                f"{path}: file is {stat.st_size / 2**20:.1f} MiB; "
                f"reportcli reads report files up to {MAX_BYTES // 2**20} MiB"
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read()
        return FileRead(raw, stat)
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory, not a report file") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read_bytes(path: Path) -> bytes:
    return read_file(path).raw


def decode(raw: bytes, path: Path) -> str:
    """Strict UTF-8 (a leading byte-order mark is dropped); an empty or blank file is refused."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text (invalid byte at offset {exc.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise DataError(f"{path}: file is empty")
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
