"""A cache of each data file's built database (``store``), so that a large file is parsed and indexed once.

The cache is an optimisation, never a source of truth or of failure:

- Where: ``$REPORTCLI_CACHE_DIR``, else ``$XDG_CACHE_HOME/reportcli``, else ``~/.cache/reportcli``;
  no home directory means no cache. A directory that another user owns or that others can write to
  is refused (as ssh refuses a group-writable key): nobody else can plant an entry that we would read.
- What: one entry per data file path, ``<hash of the path>.db``: the SQLite database ``store.build``
  made of it, which records the format, the versions of reportcli and SQLite, and the data file's
  stamp as git's index does (size, modification and change times, inode and device) with its content
  hash (BLAKE2b). An entry is used only when all of these match; when the file was changed less than
  RACY_NS before the entry was written (a later change could keep the same times on a coarse
  filesystem), its content is hashed and compared too. Every row of the database carries its own
  checksum and is verified when read (``checked``), so a change to any byte that a query reads is
  caught, and the entry rebuilt, without reading the rest.
- How it is read: only a regular file owned by this user, opened without following symlinks and
  without blocking (a FIFO cannot hang a run), of at most MAX_ENTRY_BYTES; SQLite reads that very file
  (through the open descriptor), read-only, as immutable, and only the pages a query needs.
- How it is written: to a temporary file in the same directory, renamed into place (atomic on
  POSIX). A signal during the write removes the temporary file; temporary files left by a killed
  process are swept on the next write. Entries are bounded in number and total size; the least
  recently used go first.

The cache is skipped with --no-cache or REPORTCLI_NO_CACHE=1, and for data that is not a regular
file (standard input, a pipe, a device), which would read differently next time.
"""

import contextlib
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from reportcli import __version__

try:  # the BLAKE2 module alone: hashlib would also load OpenSSL, 2 ms of every run
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

MAX_ENTRY_BYTES = 768 * 2**20
MAX_ENTRIES = 4096  # one per report file (a directory holds up to dataset.MAX_FILES), and one per directory
MAX_TOTAL_BYTES = 2 * 2**30
SUFFIX = ".db"
TEMPORARY = ".tmp-"  # temporary files: .tmp-<pid>-<random>
STALE_SECONDS = 3600
RACY_NS = 2_000_000_000  # a change this close before an entry was written is checked by content
Warn = Callable[[str], None]


def disabled_by_environment() -> bool:
    """REPORTCLI_NO_CACHE, read here alone so that commands and completion agree on what it means."""
    return os.environ.get("REPORTCLI_NO_CACHE", "").strip().casefold() not in ("", "0", "false", "no", "off")


def cache_dir() -> Path | None:
    """Where entries go, or None when there is nowhere (no home directory, say)."""
    if explicit := os.environ.get("REPORTCLI_CACHE_DIR"):
        return Path(explicit)
    if base := os.environ.get("XDG_CACHE_HOME"):
        return Path(base) / "reportcli"
    try:
        return Path.home() / ".cache" / "reportcli"
    except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry for this user
        return None


def digest(raw: bytes) -> str:
    return blake2b(raw, digest_size=20).hexdigest()


class Stamp(NamedTuple):
    """What a data file says of itself, as git's index records it: a change to the file changes it."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    device: int

    @classmethod
    def of(cls, info: os.stat_result) -> "Stamp":
        return cls(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)

    def text(self) -> str:
        return " ".join(map(str, self))


class Stamps(NamedTuple):
    """The stamps of several data files (a directory of reports): a change to any of them, or a file
    added or taken away, changes the whole."""

    items: tuple[tuple[str, Stamp], ...]

    @property
    def mtime_ns(self) -> int:
        return max(stamp.mtime_ns for _, stamp in self.items)

    def text(self) -> str:
        return "\n".join(f"{name} {stamp.text()}" for name, stamp in self.items)


AnyStamp = Stamp | Stamps


def built_by() -> dict[str, str]:
    """What an entry records of what built it: an entry another build made is not read."""
    return {"reportcli": __version__, "sqlite": sqlite3.sqlite_version}


def same_build(recorded: dict[str, str]) -> bool:
    return all(recorded.get(name) == value for name, value in built_by().items())


def entry_info(stamp: AnyStamp, raw: bytes | None, known_digest: str | None = None) -> dict[str, str]:
    """What an entry records of the data file it was built from, and of what built it."""
    return {
        **built_by(),
        "stamp": stamp.text(),
        "digest": known_digest or digest(raw or b""),
        "written_ns": str(time.time_ns()),
    }


def settled(stamp: AnyStamp) -> bool:
    """The file was last changed long enough ago that a stamp taken now will tell any later change."""
    return time.time_ns() - stamp.mtime_ns >= RACY_NS


def matches(recorded: dict[str, str], stamp: AnyStamp) -> bool | None:
    """Whether an entry's record fits the data file: True, False, or None when only its content can tell."""
    if (recorded.get("reportcli"), recorded.get("sqlite"), recorded.get("stamp")) != (
        __version__,
        sqlite3.sqlite_version,
        stamp.text(),
    ):
        return False
    try:
        written = int(recorded["written_ns"])
    except (KeyError, ValueError):
        return False
    return None if written - stamp.mtime_ns < RACY_NS else True


def entry_name(path: Path | str) -> str:
    """The entry of a data file (its absolute path) or of any other key (``dataset.Source.key``)."""
    key = os.fsencode(os.path.abspath(path)) if isinstance(path, Path) else path.encode("utf-8", "surrogateescape")
    return blake2b(key, digest_size=16).hexdigest() + SUFFIX


class Cache:
    """The cache directory, checked once per run; warnings (an unsafe directory) go to ``warn``."""

    def __init__(self, warn: Warn | None = None) -> None:
        self.warn = warn
        self.directory = cache_dir()

    def open(self, path: Path | str) -> sqlite3.Connection | None:
        """The database of this data file's entry, opened read-only; None when there is no usable entry."""
        if self.directory is None or not self._safe(create=False):
            return None
        return _open_entry(self.directory / entry_name(path))

    def write(self, path: Path | str, payload: bytes) -> None:
        """Write an entry's bytes atomically; a cache that cannot be written is not written."""
        if len(payload) > MAX_ENTRY_BYTES:
            return
        with self.writing(path) as temporary:
            if temporary is not None:
                Path(temporary).write_bytes(payload)

    @contextlib.contextmanager
    def writing(self, path: Path | str) -> Iterator[str | None]:
        """A temporary file in the cache directory to build the entry of ``path`` in, renamed into place
        when the block ends without error (None when the cache cannot be written: build elsewhere).

        A termination signal while the block runs removes the temporary file, then takes effect."""
        directory = self._writable()
        if directory is None:
            yield None
            return
        try:
            _sweep(directory)
            fd, temporary = _temporary(directory)
            os.close(fd)
        except OSError:
            yield None
            return
        try:
            with _signals_remove(temporary):
                yield temporary
                if os.path.getsize(temporary) <= MAX_ENTRY_BYTES:
                    os.replace(temporary, directory / entry_name(path))
            with contextlib.suppress(OSError):
                _evict(directory, keep=entry_name(path))
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)  # left only when the block failed or the entry was too large

    def _writable(self) -> Path | None:
        if self.directory is None:
            return None
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return None
        return self.directory if self._safe(create=True) else None

    def discard(self, path: Path | str) -> None:
        if self.directory is not None:
            with contextlib.suppress(OSError):
                (self.directory / entry_name(path)).unlink()

    def _safe(self, *, create: bool) -> bool:
        """The directory is ours and nobody else can write to it; else it is not used (and we say so)."""
        assert self.directory is not None
        try:
            info = os.stat(self.directory)
        except OSError:
            return False  # not there yet: nothing to read; a write creates it first
        problem = None
        if not stat.S_ISDIR(info.st_mode):
            problem = "it is not a directory"
        elif info.st_uid != os.geteuid():
            problem = "another user owns it"
        elif info.st_mode & 0o022:
            problem = f"other users can write to it (chmod go-w {self.directory})"
        if problem is None:
            return True
        if self.warn is not None and (create or problem != "it is not a directory"):
            self.warn(f"not using the cache in {_shown(self.directory)}: {problem}")
            self.warn = None  # once a run
        return False


def _shown(path: Path) -> str:
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _open_entry(path: Path) -> sqlite3.Connection | None:
    """The entry's database if it is a regular file of ours, not too large; None otherwise.

    The file is opened here without following symlinks or blocking, checked, and handed to SQLite
    through the open descriptor, so that SQLite reads the very file that was checked."""
    from reportcli.db import store

    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except OSError:
        return None  # missing, a symlink (ELOOP), unreadable
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_size > MAX_ENTRY_BYTES:
            return None
        through = _descriptor_path(fd)
        if through is None:
            return None
        con = store.open_file(through)
        if con is not None:
            with contextlib.suppress(OSError):
                os.utime(fd)  # used now: the least recently used entries are evicted first
        return con
    finally:
        os.close(fd)


def _descriptor_path(fd: int) -> str | None:
    """A path that opens the same open file (Linux /proc, or /dev/fd elsewhere), if the system has one."""
    for base in ("/proc/self/fd", "/dev/fd"):
        if os.path.isdir(base):
            return f"{base}/{fd}"
    return None


def _temporary(directory: Path) -> tuple[int, str]:
    import tempfile  # only when writing

    return tempfile.mkstemp(dir=directory, prefix=f"{TEMPORARY}{os.getpid()}-")


class _Interrupted(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_remove(temporary: str) -> Iterator[None]:
    """While the entry is written, a termination signal removes the temporary file, then takes effect."""
    import signal  # only when writing

    previous: dict[int, Any] = {}

    def interrupted(signum: int, _: Any) -> None:
        raise _Interrupted(signum)

    try:
        for wanted in (signal.SIGTERM, signal.SIGHUP):
            previous[wanted] = signal.signal(wanted, interrupted)
    except ValueError:  # not the main thread: signals cannot be caught here; the sweep will clean up
        previous.clear()
    try:
        yield
    except _Interrupted as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        previous.clear()
        os.kill(os.getpid(), exc.signum)  # now die of it, as if we had not been writing
        sys.exit(128 + exc.signum)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _sweep(directory: Path) -> None:
    """Remove temporary files that a killed run left behind (its process is gone, or it is old)."""
    now = time.time()
    for entry in os.scandir(directory):
        if not entry.name.startswith(TEMPORARY):
            continue
        pid_text = entry.name[len(TEMPORARY) :].split("-", 1)[0]
        with contextlib.suppress(OSError, ValueError):
            if not _alive(int(pid_text)) or now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _evict(directory: Path, keep: str) -> None:
    """Keep at most MAX_ENTRIES entries and MAX_TOTAL_BYTES in all: the least recently used go."""
    entries = []
    for entry in os.scandir(directory):
        if entry.name.endswith(SUFFIX) and entry.is_file(follow_symlinks=False):
            info = entry.stat(follow_symlinks=False)
            entries.append((info.st_mtime_ns, info.st_size, entry.name))
    entries.sort(reverse=True)  # newest first
    total = 0
    for count, (_, size, name) in enumerate(entries, 1):
        total += size
        if name != keep and (count > MAX_ENTRIES or total > MAX_TOTAL_BYTES):
            with contextlib.suppress(OSError):
                os.unlink(directory / name)
