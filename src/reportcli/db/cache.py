"""A cache of each data file's built database (``store``), so that a large file is parsed and indexed once.

The cache is an optimisation, never a source of truth or of failure, and it owns only what it made:

- Where: ``$REPORTCLI_CACHE_DIR``, else ``$XDG_CACHE_HOME/reportcli``, else ``~/.cache/reportcli``;
  no home directory means no cache. The directory is used only when it is private
  (``atomic.private_directory``): the base the user chose (``~/.cache``) belongs to this user or root
  and nobody else can write to it (unless it is sticky, as /tmp is); below it no step is a symbolic
  link, each is this user's and nobody else can write to it; what is missing is created 0700, whatever
  the umask. Otherwise one line says why and the run goes on uncached.
- What: one entry per data file, ``<32 hex digits>.db``: the SQLite database ``store.build`` made of
  it, carrying reportcli's application id in its header, which records the format, the versions of
  reportcli and SQLite, and the data file's stamp as git's index does (size, modification and change
  times, inode and device) with its content hash (BLAKE2b). An entry is used only when all of these
  match; when the file was changed less than RACY_NS before the entry was written (a later change
  could keep the same times on a coarse filesystem), its content is hashed and compared too. Every
  row carries its own checksum and is verified when read (``checked``), so a change to any byte that
  a query reads is caught, and the entry rebuilt, without reading the rest.
- How it is read: only a regular file owned by this user, opened without following symlinks and
  without blocking (a FIFO cannot hang a run), of at most MAX_ENTRY_BYTES; SQLite reads that very file
  (through the open descriptor), read-only, as immutable, and only the pages a query needs.
- How it is written: to a temporary file of ours (``.reportcli-cache-<pid>-<random>``) in the same
  directory, renamed into place (atomic on POSIX) only over nothing or over an entry of ours
  (``_is_entry``: its name, its owner, its header); anything else at an entry's path is left and the
  run goes on uncached. A signal during the write removes the temporary file; what a killed process
  left is swept by a later write when it is provably ours (``atomic.sweep``). Entries are bounded in
  number and total size, the least recently used going first; only entries of ours count or go, so
  that a directory of the user's own databases loses none of them. A disk that refuses a write (full,
  a file size limit, read-only) is said in one line; the answer is the same.

The cache is skipped with --no-cache or REPORTCLI_NO_CACHE=1, and for data that is not a regular
file (standard input, a pipe, a device), which would read differently next time.
"""

import contextlib
import os
import re
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from reportcli import __version__, atomic

try:  # the BLAKE2 module alone: hashlib would also load OpenSSL, 2 ms of every run
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

MAX_ENTRY_BYTES = 768 * 2**20
MAX_ENTRIES = 4096  # one per report file (a directory holds up to dataset.MAX_FILES), and one per directory
MAX_TOTAL_BYTES = 2 * 2**30
SUFFIX = ".db"
_ENTRY_NAME = re.compile(r"[0-9a-f]{32}\.db")  # what entry_name makes: nothing else is an entry
RACY_NS = 2_000_000_000  # a change this close before an entry was written is checked by content
Warn = Callable[[str], None]


def disabled_by_environment() -> bool:
    """REPORTCLI_NO_CACHE, read here alone so that commands and completion agree on what it means."""
    return os.environ.get("REPORTCLI_NO_CACHE", "").strip().casefold() not in ("", "0", "false", "no", "off")


_OFF_FOR_THIS_RUN = [False]


def turn_off(off: bool) -> None:
    """--no-cache, said once a run (by the command line) for what is kept beside the reports' entries
    (``kept``): those are read with no Dataset to carry the choice."""
    _OFF_FOR_THIS_RUN[0] = off


def disabled() -> bool:
    """Whether this run neither reads nor writes the cache (--no-cache, REPORTCLI_NO_CACHE)."""
    return _OFF_FOR_THIS_RUN[0] or disabled_by_environment()


def cache_place() -> tuple[Path, tuple[str, ...]] | None:
    """Where entries go, as the base directory the user chose and the steps below it that reportcli
    walks (and creates); None when there is nowhere (no home directory, say)."""
    if explicit := os.environ.get("REPORTCLI_CACHE_DIR"):
        chosen = Path(os.path.abspath(explicit))
        return chosen.parent, (chosen.name,)
    if base := os.environ.get("XDG_CACHE_HOME"):
        return Path(os.path.abspath(base)), ("reportcli",)
    try:
        return Path.home() / ".cache", ("reportcli",)
    except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry for this user
        return None


def cache_dir() -> Path | None:
    """The cache directory (which may not exist yet), or None when there is nowhere to have one."""
    place = cache_place()
    return None if place is None else place[0].joinpath(*place[1])


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


class Unwritable(Exception):
    """The cache could not be written (a full disk, a file size limit, a read-only file system, a file
    of someone else's where an entry goes): the run goes on without it, said once."""


# What SQLite says when it cannot write a file (primary result codes): SQLITE_PERM, SQLITE_READONLY,
# SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN. Any other error while an entry is built is not the disk's.
WRITE_FAILURES = {3, 8, 10, 13, 14}


class Cache:
    """The cache directory, checked once per run; what keeps it from being used or written is said
    once, on ``warn``."""

    def __init__(self, warn: Warn | None = None) -> None:
        self.warn = warn
        self.directory = cache_dir()
        self._checked: dict[bool, Path | None] = {}

    def open(self, path: Path | str) -> sqlite3.Connection | None:
        """The database of this data file's entry, opened read-only; None when there is no usable entry."""
        directory = self._private(create=False)
        return None if directory is None else _open_entry(directory / entry_name(path))

    def write(self, path: Path | str, payload: bytes) -> None:
        """Write an entry's bytes atomically; a cache that cannot be written is not written."""
        if len(payload) > MAX_ENTRY_BYTES:
            return
        with contextlib.suppress(Unwritable), self.writing(path) as temporary:
            if temporary is not None:
                Path(temporary).write_bytes(payload)

    @contextlib.contextmanager
    def writing(self, path: Path | str) -> Iterator[str | None]:
        """A temporary file in the cache directory to build the entry of ``path`` in, renamed into place
        when the block ends without error (None when there is no cache to write: build elsewhere).

        Should the disk refuse a write in the block (full, a size limit, read-only), or should something
        other than an entry of ours stand where the entry goes, the temporary file is removed and
        ``Unwritable`` raised: the caller builds elsewhere. A termination signal while the block runs
        removes the temporary file, then takes effect."""
        directory = self._private(create=True)
        if directory is None:
            yield None
            return
        name = entry_name(path)
        try:
            atomic.sweep(directory, "cache", _left_by_us)
            fd, temporary = _temporary(directory)
            os.close(fd)
        except OSError as exc:
            self._unwritable(f"{_shown(directory)}: {exc.strerror or exc}")
            yield None
            return
        try:
            with atomic.removed_on_signal(temporary):
                try:
                    yield temporary
                except (OSError, sqlite3.Error) as exc:
                    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
                    if isinstance(exc, sqlite3.Error) and code not in WRITE_FAILURES:
                        raise
                    raise self._unwritable(f"{_shown(directory)}: {_reason(exc)}") from None
                if os.path.getsize(temporary) <= MAX_ENTRY_BYTES:
                    if not _replaceable(directory / name):
                        raise self._unwritable(
                            f"{_shown(directory / name)}: not an entry of reportcli's, left as it is"
                        )
                    try:
                        os.replace(temporary, directory / name)
                    except OSError as exc:
                        raise self._unwritable(f"{_shown(directory)}: {exc.strerror or exc}") from None
            with contextlib.suppress(OSError):
                _evict(directory, keep=name)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)  # left only when the block failed or the entry was too large

    def discard(self, path: Path | str) -> None:
        """Remove the entry of ``path``, if what stands there is an entry of ours."""
        directory = self._private(create=False)
        if directory is not None and _is_entry(directory / entry_name(path)):
            with contextlib.suppress(OSError):
                (directory / entry_name(path)).unlink()

    def _private(self, *, create: bool) -> Path | None:
        """The directory, if it is private (``atomic.private_directory``), created if asked; None when
        it is missing or not safe (and then said once)."""
        if self.directory is None:
            return None
        if create not in self._checked:
            place = cache_place()
            assert place is not None
            directory, problem = atomic.private_directory(*place, create=create)
            self._checked[create] = directory
            if directory is not None and create:
                self._checked[False] = directory
            if problem is not None:
                self._say(f"not using the cache: {problem}")
        return self._checked[create]

    def _unwritable(self, reason: str) -> Unwritable:
        self._say(f"the cache was not written ({reason}); answered without it (REPORTCLI_NO_CACHE=1 skips it)")
        return Unwritable(reason)

    def _say(self, line: str) -> None:
        if self.warn is not None:
            self.warn(line)
            self.warn = None  # once a run


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    return str(exc)


def _shown(path: Path) -> str:
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _is_entry(path: Path) -> bool:
    """An entry reportcli wrote: named as it names them, a regular file of this user's (not a link),
    an SQLite database that carries reportcli's application id."""
    if _ENTRY_NAME.fullmatch(path.name) is None:
        return False
    try:
        info = path.lstat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and atomic.is_sqlite_of_ours(path)


def _replaceable(path: Path) -> bool:
    """Nothing stands at an entry's path, or an entry of ours (an older one): anything else is kept."""
    return atomic.kind_of(path) is None or _is_entry(path)


def _left_by_us(path: Path) -> bool:
    """A temporary file a killed run left: empty (killed before SQLite wrote), or an SQLite database
    with reportcli's application id; this user's, in either case."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
        return False
    return info.st_size == 0 or atomic.is_sqlite_of_ours(path)


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

    return tempfile.mkstemp(dir=directory, prefix=atomic.temporary_name("cache"))


def _evict(directory: Path, keep: str) -> None:
    """Keep at most MAX_ENTRIES entries and MAX_TOTAL_BYTES in all: the least recently used go. Only
    entries of ours count and go (``_is_entry``): any other file is the user's."""
    entries = []
    for entry in os.scandir(directory):
        if _ENTRY_NAME.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            info = entry.stat(follow_symlinks=False)
            entries.append((info.st_mtime_ns, info.st_size, entry.name))
    entries.sort(reverse=True)  # newest first
    total = 0
    for count, (_, size, name) in enumerate(entries, 1):
        total += size
        if name != keep and (count > MAX_ENTRIES or total > MAX_TOTAL_BYTES) and _is_entry(directory / name):
            with contextlib.suppress(OSError):
                os.unlink(directory / name)
