"""A cache of the parsed report and its search index, so that a large file is parsed once.

Each data file has two entries in the cache directory, ``<key>.report`` and ``<key>.index``, where
the key is a hash of the file's absolute path. An entry is a JSON header line, then a payload in
Python's marshal format (nested tuples, lists, dicts, strings, numbers and bytes: it loads several
times faster than JSON and cannot construct arbitrary objects, unlike pickle). The header records the
data file's size, modification time and content hash (BLAKE2b), the versions of reportcli, Python
and the cache format, and the payload's own hash.

An entry is used only when every one of those matches and the payload hashes to what the header
says; anything else (a changed file, another version, a truncated or corrupt entry, one that does not
unmarshal) is ignored and rewritten, never trusted. Entries are written to a temporary file in the
same directory and renamed into place (atomic on POSIX), so a reader sees a whole old entry or a
whole new one, and concurrent writers cannot interleave. The cache is skipped with --no-cache or
REPORTCLI_NO_CACHE=1, lives in $REPORTCLI_CACHE_DIR, else $XDG_CACHE_HOME/reportcli, else
~/.cache/reportcli, and a cache that cannot be written is simply not written.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from reportcli import __version__
from reportcli.files import FileRead, gc_paused

try:  # the BLAKE2 module alone: hashlib would also load OpenSSL, 2 ms of every run
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

FORMAT = 1


def cache_dir() -> Path:
    if explicit := os.environ.get("REPORTCLI_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportcli"


def disabled_by_environment() -> bool:
    """REPORTCLI_NO_CACHE, read here alone so that commands and completion agree on what it means."""
    return os.environ.get("REPORTCLI_NO_CACHE", "").strip().casefold() not in ("", "0", "false", "no", "off")


class Source(NamedTuple):
    """The data file as read for this run: what a cache entry must match."""

    path: Path
    size: int
    mtime_ns: int
    digest: str

    def header(self, kind: str) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "kind": kind,
            "reportcli": __version__,
            "python": f"{sys.implementation.cache_tag}/marshal-{marshal.version}",
            "path": str(self.path),
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "digest": self.digest,
        }

    @classmethod
    def of(cls, path: Path, read: FileRead) -> Source:
        return cls(Path(os.path.abspath(path)), len(read.raw), read.stat.st_mtime_ns, digest(read.raw))

    def entry(self, kind: str) -> Path:
        name = blake2b(str(self.path).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
        return cache_dir() / f"{name}.{kind}"


def digest(raw: bytes) -> str:
    return blake2b(raw, digest_size=20).hexdigest()


def decode(plain: Any, build: Callable[[Any], Any]) -> Any:
    """``build(plain)``, or None when the payload does not fit what ``build`` expects."""
    try:
        with gc_paused():
            return build(plain)
    except Exception:  # noqa: BLE001 - an entry that does not fit is rebuilt, never trusted
        return None


def read(source: Source, kind: str) -> Any:
    """The entry's payload, or None when there is no valid entry for exactly this file."""
    try:
        with source.entry(kind).open("rb") as handle:
            header = json.loads(handle.readline())
            if not isinstance(header, dict) or header.pop("payload", None) is None:
                return None
            expected = source.header(kind)
            if any(header.get(key) != value for key, value in expected.items()):
                return None
            payload = handle.read()
        if digest(payload) != header.get("payload_digest"):
            return None
        with gc_paused():
            return marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write(source: Source, kind: str, plain: Any) -> None:
    """Write an entry atomically; a cache that cannot be written is not written."""
    target = source.entry(kind)
    try:
        payload = marshal.dumps(plain)
        header = {
            **source.header(kind),
            "payload": "marshal",
            "payload_digest": digest(payload),
        }
        import tempfile  # only when writing

        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as handle:
            temporary = handle.name
            try:
                handle.write(json.dumps(header).encode() + b"\n")
                handle.write(payload)
            except BaseException:
                handle.close()
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        try:
            os.replace(temporary, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except (OSError, ValueError):
        return
