"""``reportcli corpus fetch``: download the pinned published files, check each against its SHA-256
before anything reads it, and import them into the corpus directory.

A download goes to ``<name>.part`` and is resumed from there (an HTTP range request) when a run is
cut off; a connection that fails mid-way is retried, with a pause, a few times. A file whose bytes do
not match their checksum is deleted and the run stops before importing anything. The reports are
imported into a new directory that then takes the place of the old one, so that a failed run leaves
the corpus as it was. The standard library's HTTP client is enough for three files (and costs no
dependency); ``--from`` fetches from a mirror laid out as ``../shared/corpus``: a URL (a local server
in the tests), or a directory on this machine, whose files are copied and checked the same way.

Every download has a deadline: a connection silent for ``timeout`` seconds is retried, and a file must
arrive within ``deadline(size)``, at least MIN_RATE bytes a second after a grace of DEADLINE_GRACE
seconds, so that a server that sends one byte a second cannot hold a run for weeks. Every failure of
the network, the disk or the corpus directory is one line (exit 2); a run that stops leaves what it
downloaded to resume from, and the corpus as it was.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from reportcli import __version__, atomic
from reportcli.db import home as library
from reportcli.errors import DataError
from reportcli.importer.sources import PINNED, Pinned
from reportcli.model import Result

CHUNK = 1 << 16
RETRIES = 3
PAUSE = 0.5  # seconds before the first retry; doubled for each next one
TIMEOUT = 30.0  # seconds a connection may stay silent
DEADLINE_GRACE = 60.0  # seconds any download may take, however small
MIN_RATE = 16 * 1024  # bytes a second a download must average beyond the grace
Progress = Callable[[float], None]


class Fetched(NamedTuple):
    name: str
    url: str
    bytes: int
    sha256: str
    status: str  # downloaded, resumed, or present (already here and verified)


def url_of(pinned: Pinned, mirror: str | None) -> str:
    return f"{mirror.rstrip('/')}/{pinned.path}" if mirror else pinned.url


def deadline(size: int) -> float:
    """Seconds a download of ``size`` bytes may take in all (each try, from its first byte)."""
    return DEADLINE_GRACE + size / MIN_RATE


def local_mirror(mirror: str | None) -> Path | None:
    """The directory a --from names, when it names one on this machine (a path, or a file: URL)."""
    if mirror is None:
        return None
    parsed = urllib.parse.urlsplit(mirror)
    if parsed.scheme == "file":
        return Path(urllib.parse.unquote(parsed.path))
    if parsed.scheme in ("http", "https"):
        return None
    if parsed.scheme and len(parsed.scheme) > 1:
        raise DataError(f"--from {mirror!r}: not an http(s) URL or a directory; give a mirror's URL or a folder")
    return Path(mirror)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def fetch(
    mirror: str | None = None,
    *,
    retries: int = RETRIES,
    timeout: float = TIMEOUT,
    progress: Progress | None = None,
    pause: float = PAUSE,
    warm: Callable[[], None] | None = None,
) -> Result:
    """Download (or find, verified) every pinned file, then import them all into the corpus directory."""
    folder = local_mirror(mirror)
    if folder is not None and not folder.is_dir():
        raise DataError(f"--from {mirror}: no such directory (a mirror laid out as zh/..., en/parallel/...)")
    library.checked(library.home(), create=True)
    downloads = library.checked(library.downloads_dir(), create=True)
    total = sum(p.size for p in PINNED)
    done = 0
    fetched = []
    for pinned in PINNED:
        offset = done

        def step(size: int, offset: int = offset) -> None:
            if progress is not None:
                progress(min((offset + size) / total, 0.99))

        try:
            if folder is not None:
                fetched.append(_copied(pinned, folder, downloads, step))
            else:
                fetched.append(_one(pinned, url_of(pinned, mirror), downloads, retries, timeout, step, pause))
        except OSError as exc:  # the disk or the corpus directory, not the network
            raise DataError(f"{downloads}: cannot write the download ({exc.strerror or exc})") from None
        done += pinned.size
    from reportcli.importer.run import import_files, summary

    try:
        imported = _swapped_in(lambda out: import_files([downloads / p.name for p in PINNED], out))
    except OSError as exc:
        raise DataError(f"{library.reports_dir()}: cannot write the reports ({exc.strerror or exc})") from None
    if warm is not None:
        warm()  # the corpus's database built now, so that the first --corpus query is quick
    if progress is not None:
        progress(1.0)
    rows = [f._asdict() for f in fetched]
    document = {"directory": str(library.home()), "downloads": rows, "import": imported.document}
    return Result("fetched", document, rows, facts={"summary": summary(imported.document)})


def _one(pinned: Pinned, url: str, downloads: Path, retries: int, timeout: float, step: Any, pause: float) -> Fetched:
    target = downloads / pinned.name
    if target.is_file() and sha256_of(target) == pinned.sha256:
        return Fetched(pinned.name, url, target.stat().st_size, pinned.sha256, "present")
    partial = downloads / f"{pinned.name}.part"
    resumed = False
    for attempt in range(retries + 1):
        try:
            resumed |= _download(url, partial, pinned.size, timeout, step)
            break
        except _Retry as exc:
            if attempt == retries:
                have = partial.stat().st_size if partial.exists() else 0
                raise DataError(
                    f"{url}: {exc} after {have:,} of {pinned.size:,} bytes, {retries + 1} tries; "
                    "run 'reportcli corpus fetch' again to resume"
                ) from None
            time.sleep(pause * 2**attempt)
    found = sha256_of(partial)
    if found != pinned.sha256:
        partial.unlink()
        raise DataError(
            f"{url}: checksum mismatch (expected sha256 {pinned.sha256[:12]}…, got {found[:12]}…); "
            "the download was deleted and nothing was imported"
        )
    os.replace(partial, target)
    return Fetched(pinned.name, url, pinned.size, pinned.sha256, "resumed" if resumed else "downloaded")


def _copied(pinned: Pinned, folder: Path, downloads: Path, step: Callable[[int], None]) -> Fetched:
    """A pinned file copied from a mirror on this machine, checked as a download is."""
    source = folder / pinned.path
    target = downloads / pinned.name
    if target.is_file() and sha256_of(target) == pinned.sha256:
        return Fetched(pinned.name, source.as_uri(), target.stat().st_size, pinned.sha256, "present")
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise DataError(f"{source}: cannot read it ({exc.strerror or exc})") from None
    if size != pinned.size or not source.is_file():
        raise DataError(
            f"{source}: {size:,} bytes, not the {pinned.size:,} of the published file; nothing was imported"
        )
    partial = downloads / f"{pinned.name}.part"
    with source.open("rb") as handle, partial.open("wb") as out:
        copied = 0
        while block := handle.read(CHUNK):
            out.write(block)
            copied += len(block)
            step(copied)
    found = sha256_of(partial)
    if found != pinned.sha256:
        partial.unlink()
        raise DataError(
            f"{source}: checksum mismatch (expected sha256 {pinned.sha256[:12]}…, got {found[:12]}…); "
            "nothing was imported"
        )
    os.replace(partial, target)
    return Fetched(pinned.name, source.as_uri(), pinned.size, pinned.sha256, "copied")


class _Retry(Exception):
    """A download cut off in a way a new try may get past."""


def _download(url: str, partial: Path, size: int, timeout: float, step: Callable[[int], None]) -> bool:
    """Fetch ``url`` into ``partial``, continuing what is there (True if it did); at most ``size`` bytes
    are accepted."""
    have = partial.stat().st_size if partial.exists() else 0
    if have >= size:
        if have == size:
            return False
        partial.unlink()
        have = 0
    headers = {"User-Agent": f"reportcli/{__version__}"}
    if have:
        headers["Range"] = f"bytes={have}-"
    request = urllib.request.Request(url, headers=headers)
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # the range is past the end: start again
            partial.unlink()
            raise _Retry("the server refused to resume") from None
        raise DataError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror else exc.reason
        host = urllib.parse.urlsplit(url).netloc
        raise DataError(
            f"cannot reach {host}: {reason}; check the network, or fetch from a mirror with --from URL"
        ) from None
    except (TimeoutError, ConnectionError, http.client.HTTPException) as exc:
        raise _Retry(f"the connection failed ({exc})") from None
    with response:
        resuming = bool(have) and response.status == 206
        have = _stream(response, partial, have if resuming else 0, size, url, step)
    if have < size:
        raise _Retry("the connection closed early")
    return resuming


def _stream(response: Any, partial: Path, have: int, size: int, url: str, step: Callable[[int], None]) -> int:
    """Write the response's body after the ``have`` bytes of ``partial`` (none: the whole file), within
    the deadline; how many bytes the file then holds."""
    started, limit, first = time.monotonic(), deadline(size), have
    try:
        with partial.open("ab" if have else "wb") as out:
            # read1: whatever has arrived, not a full chunk (a drip-fed read(CHUNK) would wait for ever)
            while block := response.read1(CHUNK):
                have += len(block)
                if have > size:
                    raise DataError(f"{url}: more than the {size:,} bytes expected; refused")
                out.write(block)
                step(have)
                if (spent := time.monotonic() - started) > limit:
                    raise _Retry(
                        f"too slow ({have - first:,} bytes in {spent:.0f} s; at least {MIN_RATE // 1024} KiB/s "
                        "are needed)"
                    )
    except (TimeoutError, ConnectionError, http.client.HTTPException) as exc:
        raise _Retry(f"the connection broke off ({type(exc).__name__})") from None
    return have


def _swapped_in(build: Callable[[Path], Result]) -> Result:
    """Build the reports in a staging directory of ours beside the corpus's (swept by a later run if
    this one is killed), then put it in the place of the old one while termination signals wait."""
    reports = library.reports_dir()
    with atomic.staging(reports.parent, "reports") as fresh, atomic.staging(reports.parent, "reports") as trash:
        result = build(fresh)
        result = result._replace(document={**result.document, "directory": str(reports)})
        with atomic.signals_held():
            if reports.exists():
                os.replace(reports, trash / "old")  # removed with the staging directory
            os.replace(fresh, reports)
            (reports / atomic.MARKER).unlink()  # no longer ours to sweep: the corpus
        return result
