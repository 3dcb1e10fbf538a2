"""Files a run writes, made so that nothing the user owns is ever touched by mistake.

- A file is written under a temporary name of ours (``.reportcli-<what>-<pid>-<random>``) beside its
  target and renamed into place only when whole (``os.replace`` is atomic on POSIX).
- While it is written, a termination signal (SIGTERM, SIGHUP; Ctrl-C is an exception that unwinds)
  removes it, then takes effect (``removed_on_signal``).
- What a killed run left (SIGKILL, a power cut) is swept by a later run (``sweep``), and only what is
  provably ours: the name must be one we make, its process gone (or it is a day old), and its content
  must say it is ours (``is_ours``: an SQLite header with our application id, a staging directory with
  our marker file). A file of the user's whose name merely looks like ours is never deleted.
- A target is replaced only when it is a regular file (``regular_or_absent``): a directory, a device,
  a FIFO, a socket or a symbolic link is refused, whatever the options say.
- A directory a run keeps files in (the cache, the corpus) is used only when it is private
  (``private_directory``): ours, writable by nobody else, no symbolic link below the base the user
  chose, and what a run creates there is created 0700 whatever the umask.
- Files written together (``import``'s reports) go into a staging directory of ours (``staging``:
  named as above, with a marker file inside that ``sweep`` checks), and are moved into place while
  termination signals wait (``signals_held``), so that they arrive all or none.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

PREFIX = ".reportcli-"
# PRAGMA application_id of every SQLite file reportcli writes (the cache's entries, exports): "RPCL"
APPLICATION_ID = 0x5250434C
STALE_SECONDS = 24 * 3600  # a temporary file this old is left over, whatever its process id says
_NAME = re.compile(rf"{re.escape(PREFIX)}(?P<what>[a-z]+)-(?P<pid>[0-9]+)-[A-Za-z0-9_]+(?:\.[a-z]+)?")


def temporary_name(what: str) -> str:
    """The prefix of a temporary file of this process (``tempfile`` adds a random part)."""
    return f"{PREFIX}{what}-{os.getpid()}-"


def kind_of(path: Path | os.DirEntry[str]) -> str | None:
    """What stands at a path, without following a link: None when nothing does, else "file",
    "directory", "symbolic link", "character device", "block device", "FIFO" or "socket"."""
    try:
        mode = path.stat(follow_symlinks=False).st_mode
    except (FileNotFoundError, NotADirectoryError):  # nothing there, or a file where a directory of the path is
        return None
    for test, name in (
        (stat.S_ISREG, "file"),
        (stat.S_ISDIR, "directory"),
        (stat.S_ISLNK, "symbolic link"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return name
    return "special file"


def regular_or_absent(path: Path) -> str | None:
    """None when ``path`` is a regular file or nothing; else why it may not be written over."""
    found = kind_of(path)
    if found in (None, "file"):
        return None
    article = "an" if found[0] in "aeiou" else "a"
    return f"is {article} {found}, not a file reportcli writes"


def private_directory(base: Path, steps: Sequence[str], *, create: bool) -> tuple[Path | None, str | None]:
    """``base`` joined with ``steps``, if it is safe to keep files in: ``(directory, None)``; else
    ``(None, why)``, or ``(None, None)`` when it is missing and not to be created.

    ``base`` is the directory the user chose (``~/.cache``, ``$XDG_CACHE_HOME``...), followed if it is
    a link; a missing one gives way to its nearest existing parent. It must belong to this user or to
    root, and nobody else may write to it unless it is sticky (as /tmp is: nobody can then replace
    what is ours). Each step below it is walked without following a link: it must be a directory of
    this user's that nobody else can write to; a missing one is created, 0700 whatever the umask."""
    steps = list(steps)
    while not base.exists() and base.parent != base:
        steps.insert(0, base.name)
        base = base.parent
    problem = _base_problem(base)
    here = base
    for step in steps:
        if problem is not None:
            return None, problem
        here = here / step
        problem = _step_problem(here, create)
        if problem == _MISSING:
            return None, None
    return (None, problem) if problem is not None else (here, None)


_MISSING = "missing"


def _base_problem(base: Path) -> str | None:
    try:
        info = base.stat()
    except OSError as exc:
        return f"{base}: cannot read it ({exc.strerror or exc})"
    if not stat.S_ISDIR(info.st_mode):
        return f"{base}: not a directory"
    if info.st_uid not in (os.geteuid(), 0):
        return f"{base}: belongs to another user"
    if info.st_mode & 0o022 and not info.st_mode & stat.S_ISVTX:
        return f"{base}: other users can write to it"
    return None


def _step_problem(here: Path, create: bool) -> str | None:
    """Why the directory ``here`` (created if missing and asked) is not private; ``_MISSING``."""
    try:
        info = here.lstat()
    except FileNotFoundError:
        if not create:
            return _MISSING
        try:
            here.mkdir(mode=0o700)
            here.chmod(0o700)  # what the umask left of 0700 (nothing, under umask 077) is not ours to keep
            info = here.lstat()
        except FileExistsError:  # made since the look above (another run at the same moment): checked below
            try:
                info = here.lstat()
            except OSError as exc:
                return f"{here}: cannot read it ({exc.strerror or exc})"
        except OSError as exc:
            return f"{here}: cannot create it ({exc.strerror or exc})"
    except OSError as exc:
        return f"{here}: cannot read it ({exc.strerror or exc})"
    return _private_problem(here, info)


def _private_problem(here: Path, info: os.stat_result) -> str | None:
    if stat.S_ISLNK(info.st_mode):
        return f"{here}: a symbolic link, which reportcli does not follow here"
    if not stat.S_ISDIR(info.st_mode):
        return f"{here}: not a directory"
    if info.st_uid != os.geteuid():
        return f"{here}: belongs to another user"
    if info.st_mode & 0o022:
        return f"{here}: other users can write to it (chmod go-w {here})"
    return None


def is_sqlite_of_ours(path: Path) -> bool:
    """An SQLite file whose header carries our application id (bytes 68-71, big-endian)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(72)
    except OSError:
        return False
    return header.startswith(b"SQLite format 3\0") and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def sweep(directory: Path, what: str, is_ours: Callable[[Path], bool]) -> None:
    """Remove the temporary files of kind ``what`` that earlier runs left in ``directory``: named as we
    name them, their process gone (or a day old), and ``is_ours`` by their content."""
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        match = _NAME.fullmatch(entry.name)
        if match is None or match["what"] != what:
            continue
        with contextlib.suppress(OSError, ValueError):
            info = entry.stat(follow_symlinks=False)
            left = not _alive(int(match["pid"])) or now - info.st_mtime > STALE_SECONDS
            # what it is before what it holds: opening a FIFO named like ours would wait for a writer
            if left and kind_of(entry) in ("file", "directory") and is_ours(Path(entry.path)):
                _remove(Path(entry.path))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        import shutil

        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


class _Interrupted(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def removed_on_signal(path: Path | str) -> Iterator[None]:
    """While the block runs, a termination signal removes ``path`` (a file or a directory), then takes
    effect as if nothing had caught it."""
    import signal

    previous: dict[int, Any] = {}

    def interrupted(signum: int, _: Any) -> None:
        raise _Interrupted(signum)

    try:
        for wanted in (signal.SIGTERM, signal.SIGHUP):
            previous[wanted] = signal.signal(wanted, interrupted)
    except ValueError:  # not the main thread: signals cannot be caught here; a later sweep cleans up
        previous.clear()
    try:
        yield
    except _Interrupted as exc:
        with contextlib.suppress(OSError):
            _remove(Path(path))
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        previous.clear()
        os.kill(os.getpid(), exc.signum)  # now die of it, as if we had not been writing
        sys.exit(128 + exc.signum)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


MARKER = ".reportcli-staging"  # the file inside a staging directory that says it is ours
MARKER_TEXT = "A staging directory of reportcli: deleted when its run ends, or by a later run if that one died.\n"


def is_staging(path: Path) -> bool:
    """A directory (not a link to one) holding our marker file, with the marker's words."""
    marker = path / MARKER
    try:
        if kind_of(path) != "directory" or kind_of(marker) != "file" or marker.stat().st_size > 4096:
            return False
        return marker.read_text(encoding="utf-8", errors="replace") == MARKER_TEXT
    except OSError:
        return False


@contextlib.contextmanager
def staging(directory: Path, what: str) -> Iterator[Path]:
    """A new directory of ours inside ``directory`` (on its file system, so that what is written in it
    can be renamed into place), marked as ours; the leftovers of earlier runs that died are swept first.
    It is removed when the block ends, however it ends, and on a termination signal."""
    sweep(directory, what, is_staging)
    path = directory / f"{temporary_name(what)}{os.urandom(6).hex()}"
    with removed_on_signal(path):  # set before the directory exists: no moment when a signal leaves it
        try:
            path.mkdir(mode=0o700)
            (path / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            yield path
        finally:
            with contextlib.suppress(OSError):
                _remove(path)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """While the block runs (a few renames that must all happen or none), termination signals and
    Ctrl-C wait; they take effect when it ends."""
    import signal

    held = {signal.SIGTERM, signal.SIGHUP, signal.SIGINT}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # no sigmask here: the block runs unprotected
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
