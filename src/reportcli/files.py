"""Finding and reading report files: no YAML here, so that a cached run never imports a parser."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportcli.errors import DataError

MAX_BYTES = 128 * 1024 * 1024  # larger files are refused before they are read


def default_data_path() -> Path:
    """The report embedded in the installed package (or the checkout's data/, when run from source)."""
    here = Path(__file__).resolve().parent
    embedded = here / "data" / "report.yaml"
    return embedded if embedded.is_file() else here.parents[1] / "data" / "report.yaml"


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing directories and files over MAX_BYTES before reading them."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DataError(f"{path}: is a directory, not a report file")
        if size > MAX_BYTES:
            raise DataError(
                f"{path}: file is {size / 2**20:.1f} MiB; reportcli reads report files up to {MAX_BYTES // 2**20} MiB"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except PermissionError:
        raise DataError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory, not a report file") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None


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
