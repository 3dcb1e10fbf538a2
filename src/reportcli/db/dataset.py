"""The one owner of loading: which data, read through the cache or not, and the database built from it.

Everything a run needs of the data comes from ``Dataset.answer(query)``: the command never learns
where the files are, whether the cache was used, or when the index was built. The data is chosen here
alone (``--data`` a file or a directory of report files, else ``REPORTCLI_DATA``, else with
``--corpus`` the reports in the corpus directory with the embedded report, else the embedded report:
a ``Source``); each file is read once; the database (``store``) comes from the cache when an entry
matches the files exactly, else it is built from the parsed reports and cached. Should a cached
database turn out to hold a row of the wrong shape (``Damaged``), the entry is dropped, the database
rebuilt from the files, and the query asked again: what is printed is always what the data says.
"""

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from reportcli.db import cache, store
from reportcli.db.checked import Damaged
from reportcli.db.corpus import Corpus
from reportcli.errors import DataError
from reportcli.model import Report
from reportcli.reportfile.files import STDIN, FileRead, read_file, shown, stat_data

DATA_ENV = "REPORTCLI_DATA"
CORPUS_ENV = "REPORTCLI_CORPUS"
MAX_FILES = 2000  # report files in one directory: a directory of more is not a corpus of reports
Progress = Callable[[str, float], None]  # (stage, fraction done); a fraction of 1 ends the stage
# What a cache entry keeps beside the data: results worked out from the whole data (by name), which a
# query would otherwise work out on every run. Given by the caller that knows those queries (the
# command line passes the summary diff of every theme), so that the database depends on no query.
Derive = Callable[[Corpus, Callable[[float], None] | None], dict[str, Any]]
T = TypeVar("T")


def default_path() -> Path:
    """The report embedded in the installed package (or the checkout's data/, when run from source)."""
    package = Path(__file__).resolve().parents[1]
    embedded = package / "data" / "report.yaml"
    return embedded if embedded.is_file() else package.parents[1] / "data" / "report.yaml"


def chosen_path(option: str | None) -> Path:
    """The data file of this run: the --data option, else $REPORTCLI_DATA, else the embedded report.

    An empty --data is refused (it would otherwise quietly mean the embedded report); an empty
    REPORTCLI_DATA counts as unset, as environment variables usually do."""
    if option is not None and not option.strip():
        raise DataError("--data is empty; give a report file, or - for standard input")
    named = option or os.environ.get(DATA_ENV)
    return Path(named) if named else default_path()


class Source(NamedTuple):
    """The files one run reads, and the key of their cache entry (a file's path, or a directory's)."""

    files: tuple[Path, ...]
    key: Path | str
    label: str  # how messages name it

    @classmethod
    def of(cls, path: Path) -> "Source":
        """A report file, or every report file (``*.yaml``) in a directory."""
        if str(path) != STDIN and path.is_dir():
            return cls(_report_files(path), f"directory:{os.path.abspath(path)}", shown(path))
        return cls((path,), path, shown(path))


def _report_files(directory: Path) -> tuple[Path, ...]:
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(directory)
            if entry.name.endswith((".yaml", ".yml")) and not entry.name.startswith(".")
        )
    except OSError as exc:
        raise DataError(f"{shown(directory)}: cannot read the directory ({exc.strerror or exc})") from None
    if not names:
        raise DataError(f"{shown(directory)}: no report files (*.yaml) in it")
    if len(names) > MAX_FILES:
        raise DataError(f"{shown(directory)}: {len(names):,} report files; reportcli reads up to {MAX_FILES:,}")
    return tuple(directory / name for name in names)


def chosen_source(option: str | None, corpus: bool = False) -> Source:
    """The data of this run: --data (a file or a directory), else $REPORTCLI_DATA, else with --corpus
    (or $REPORTCLI_CORPUS=1) the fetched reports and the embedded one, else the embedded report."""
    wanted_corpus = corpus or os.environ.get(CORPUS_ENV, "").strip().casefold() in ("1", "true", "yes", "on")
    if wanted_corpus:
        if option is not None:
            raise DataError("--corpus and --data conflict; choose one")
        from reportcli.db import home as library

        directory = library.corpus_files()
        files = (default_path(), *_report_files(directory))
        return Source(files, f"corpus:{os.path.abspath(directory)}", shown(directory))
    return Source.of(chosen_path(option))


class Dataset:
    """Loads the corpus of one run, through the cache unless disabled."""

    def __init__(
        self,
        path: Path | Source,
        *,
        use_cache: bool = True,
        progress: Progress | None = None,
        warn: Callable[[str], None] | None = None,
        derive: Derive | None = None,
    ) -> None:
        self.source = path if isinstance(path, Source) else Source.of(path)
        self.path = self.source.files[0]
        self.use_cache = use_cache and not cache.disabled_by_environment()
        self.progress = progress
        self.warn = warn
        self.derive = derive
        self._corpus: Corpus | None = None
        self._cache: cache.Cache | None = None
        self.from_cache = False

    def answer(self, query: Callable[[Corpus], T]) -> T:
        """``query(corpus)``; asked again of a rebuilt corpus if the cached one proves damaged."""
        corpus = self.corpus()
        try:
            return query(corpus)
        except Damaged:
            if not self.from_cache:
                raise  # a database built in this run holds only what build wrote: that would be a bug
        if self.warn is not None:
            self.warn("a cache entry did not hold what it should; rebuilt it from the data file")
        if self._cache is not None:
            self._cache.discard(self.source.key)
        self._corpus = Corpus(self._built())
        self.from_cache = False
        return query(self._corpus)

    def corpus(self) -> Corpus:
        if self._corpus is None:
            con = self._cached()
            self.from_cache = con is not None
            if con is None:
                con = self._built()
            self._corpus = Corpus(con)
        return self._corpus

    def warm(self) -> Corpus | None:
        """The corpus if the cache holds it ready, else None: never the seconds of building it."""
        if self._corpus is None:
            con = self._cached()
            if con is None:
                return None
            self.from_cache = True
            self._corpus = Corpus(con)
        return self._corpus

    def _read(self) -> list[FileRead]:
        return [read_file(path) for path in self.source.files]

    def _stamp(self) -> cache.AnyStamp | None:
        """What the files say of themselves now; None if any of them is not a regular file."""
        stamps = []
        for path in self.source.files:
            info = stat_data(path) if str(path) != STDIN else None
            if info is None:  # a pipe or a device reads differently next time: nothing to cache
                return None
            stamps.append((os.path.abspath(path), cache.Stamp.of(info)))
        if self.source.key == self.source.files[0]:
            return stamps[0][1]
        return cache.Stamps(tuple(stamps))

    def _cached(self) -> sqlite3.Connection | None:
        """The cache's database of the data, if the cache is on and holds one that matches it exactly."""
        if not self.use_cache:
            return None
        stamp = self._stamp()
        if stamp is None:
            return None
        self._cache = cache.Cache(self.warn)
        con = self._cache.open(self.source.key)
        if con is None:
            return None
        try:
            recorded = store.info(con)
        except Damaged:
            return None
        fits = cache.matches(recorded, stamp)
        if fits is None:  # changed just before the entry was written: the content must tell
            fits = _digest(self._read()) == recorded.get("digest")
            if fits and cache.settled(stamp):  # as git refreshes its index: not checked by content again
                info = cache.entry_info(stamp, None, recorded["digest"])
                self._cache.write(self.source.key, store.restamped(con, info))
        return con if fits and recorded.get("format") == str(store.FORMAT) else None

    def _built(self, reads: list[FileRead] | None = None) -> sqlite3.Connection:
        """The database of the files as read in this run: parsed, checked, indexed, and cached, one file
        at a time (each file is read, parsed, written and let go before the next)."""
        from reportcli.reportfile import Distinct, report_from_bytes  # YAML only on a cold load

        files = self.source.files
        digests: list[str] = []
        stamps: list[tuple[str, cache.Stamp]] = []
        regular = [True]

        def reports() -> Iterator[Report]:
            distinct = Distinct()
            parsing = self._stage("parsing")
            for n, path in enumerate(files):
                read = reads[n] if reads is not None else read_file(path)
                regular[0] &= read.regular and read.stat is not None
                if read.stat is not None:
                    stamps.append((os.path.abspath(path), cache.Stamp.of(read.stat)))
                digests.append(cache.digest(read.raw))
                step = None if parsing is None or len(files) > 1 else parsing
                report = report_from_bytes(read.raw, path, step)
                del read
                if parsing is not None and len(files) > 1:
                    parsing((n + 1) / len(files))
                yield distinct.check(report, shown(path))

        def stamp() -> dict[str, str]:
            if not regular[0] or not stamps:
                return {}
            found = stamps[0][1] if self.source.key == files[0] else cache.Stamps(tuple(stamps))
            return cache.entry_info(found, None, _combined(digests))

        cacheable = self.use_cache and self._stamp() is not None
        try:
            if not cacheable:
                return store.build(reports(), self._stage("indexing"), count=len(files))
            if self._cache is None:
                self._cache = cache.Cache(self.warn)
            with self._cache.writing(self.source.key) as entry:
                con = store.build(
                    reports(), self._stage("indexing"), stamp, target=entry or ":memory:", count=len(files)
                )
                if not regular[0]:  # a file changed into something else while it was read: not cached
                    raise _NotCached(con)
                self._derive(con)
            return con
        except _NotCached as kept:
            return kept.con
        finally:
            if self.progress is not None:
                self.progress("", 1.0)  # over: a bar on the screen goes away

    def _derive(self, con: sqlite3.Connection) -> None:
        """Work out, once, what a query would otherwise work out from the whole data on every run, and
        keep it in the cache entry (``derive``: the summary diff of every theme, say)."""
        if self.derive is None:
            return
        for name, value in self.derive(Corpus(con), self._stage("comparing")).items():
            store.save_derived(con, name, value)

    def _stage(self, stage: str) -> Callable[[float], None] | None:
        progress = self.progress
        return None if progress is None else (lambda fraction: progress(stage, min(fraction, 0.99)))


def _digest(reads: list[FileRead]) -> str:
    """The content hash of the data: of the one file, or of every file in turn."""
    return _combined([cache.digest(read.raw) for read in reads])


def _combined(digests: list[str]) -> str:
    return digests[0] if len(digests) == 1 else cache.digest("".join(digests).encode())


class _NotCached(Exception):
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
