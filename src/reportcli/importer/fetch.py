"""``reportcli corpus fetch``: download the pinned published files, check each against its SHA-256
before anything reads it, and import them into the corpus directory.

A download goes to ``<name>.part`` and is resumed from there (an HTTP range request) when a run is
cut off; a connection that fails mid-way is retried, with a pause, a few times. A file whose bytes do
not match their checksum is deleted and the run stops before importing anything. The reports are
imported into a new directory that then takes the place of the old one, so that a failed run leaves
the corpus as it was. The standard library's HTTP client is enough for three files (and costs no
dependency); ``--from`` fetches from a mirror laid out as ``../shared/corpus`` (a local server in the
tests).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from reportcli import __version__
from reportcli.db import home as library
from reportcli.errors import DataError
from reportcli.importer.sources import PINNED, Pinned
from reportcli.model import Result

CHUNK = 1 << 16
RETRIES = 3
PAUSE = 0.5  # seconds before the first retry; doubled for each next one
TIMEOUT = 30.0  # seconds a connection may stay silent
Progress = Callable[[float], None]


class Fetched(NamedTuple):
    name: str
    url: str
    bytes: int
    sha256: str
    status: str  # downloaded, resumed, or present (already here and verified)


def url_of(pinned: Pinned, mirror: str | None) -> str:
    return f"{mirror.rstrip('/')}/{pinned.path}" if mirror else pinned.url


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

        fetched.append(_one(pinned, url_of(pinned, mirror), downloads, retries, timeout, step, pause))
        done += pinned.size
    from reportcli.importer.run import import_files, summary

    imported = _swapped_in(lambda out: import_files([downloads / p.name for p in PINNED], out))
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
        resuming = have and response.status == 206
        if have and not resuming:  # the server sent the whole file: start again from its first byte
            have = 0
        try:
            with partial.open("ab" if resuming else "wb") as out:
                while block := response.read(CHUNK):
                    have += len(block)
                    if have > size:
                        raise DataError(f"{url}: more than the {size:,} bytes expected; refused")
                    out.write(block)
                    step(have)
        except (TimeoutError, ConnectionError, http.client.HTTPException) as exc:
            raise _Retry(f"the connection broke off ({type(exc).__name__})") from None
    if have < size:
        raise _Retry("the connection closed early")
    return bool(resuming)


def _swapped_in(build: Callable[[Path], Result]) -> Result:
    """Build the reports in a new directory, then put it in the place of the old one."""
    reports = library.reports_dir()
    fresh = Path(tempfile.mkdtemp(prefix=".reports-", dir=reports.parent))
    try:
        result = build(fresh)
        result = result._replace(document={**result.document, "directory": str(reports)})
        old = reports.parent / f".reports-old-{os.getpid()}"
        if reports.exists():
            os.replace(reports, old)
        os.replace(fresh, reports)
        shutil.rmtree(old, ignore_errors=True)
        return result
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(fresh)
