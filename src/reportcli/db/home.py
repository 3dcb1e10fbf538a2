"""Where the corpus lives on this machine: the reports ``corpus fetch`` and ``import`` write, and the
downloads they come from.

``$REPORTCLI_CORPUS_DIR``, else ``$XDG_DATA_HOME/reportcli``, else ``~/.local/share/reportcli``; in it
``reports/`` (one YAML file per report) and ``downloads/`` (the published files, kept to re-import
and to resume a download). As with the cache, a directory that another user owns or that others can
write to is refused: nobody else can put a report where ours are read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reportcli.errors import DataError

ENV = "REPORTCLI_CORPUS_DIR"


def home() -> Path:
    if explicit := os.environ.get(ENV):
        return Path(explicit)
    if base := os.environ.get("XDG_DATA_HOME"):
        return Path(base) / "reportcli"
    try:
        return Path.home() / ".local" / "share" / "reportcli"
    except (RuntimeError, KeyError, OSError):
        raise DataError(f"no home directory to keep the corpus in; set {ENV}") from None


def reports_dir() -> Path:
    return home() / "reports"


def downloads_dir() -> Path:
    return home() / "downloads"


def checked(path: Path, *, create: bool = False) -> Path:
    """``path`` (created, private, if asked and missing), refused unless this user owns it and nobody
    else can write to it: one line naming the directory and what is wrong."""
    if create:
        missing: list[Path] = []  # every directory made here is 0700, whatever the umask (not only the last)
        ancestor = path
        while not ancestor.exists() and not ancestor.is_symlink() and ancestor.parent != ancestor:
            missing.insert(0, ancestor)
            ancestor = ancestor.parent
        try:
            for directory in missing:
                directory.mkdir(mode=0o700)
                directory.chmod(0o700)
        except OSError as exc:
            raise DataError(f"{path}: cannot create it ({exc.strerror or exc})") from None
    try:
        info = path.lstat()
    except FileNotFoundError:
        raise DataError(f"{path}: no such directory") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if not stat.S_ISDIR(info.st_mode):
        raise DataError(f"{path}: not a directory")
    if info.st_uid != os.geteuid():
        raise DataError(f"{path}: belongs to another user; reportcli reads reports only from a directory of yours")
    if info.st_mode & 0o022:
        raise DataError(f"{path}: others can write to it; make it private (chmod go-w) or use another ({ENV})")
    return path


def corpus_files() -> Path:
    """The reports directory, checked, for ``--corpus``."""
    directory = reports_dir()
    if not directory.exists():
        raise DataError(f"no corpus in {directory} yet: run 'reportcli corpus fetch' (or 'reportcli import FILE...')")
    checked(home())
    return checked(directory)
