"""The one owner of loading: which data file, read through the cache or not, and the database built from it.

Everything a run needs of the data comes from ``Dataset.answer(query)``: the command never learns
where the file is, whether the cache was used, or when the index was built. The path is chosen here
alone (``--data``, else ``REPORTCLI_DATA``, else the embedded report); the file is read once; the
database (``store``) comes from the cache when an entry matches the file exactly, else it is built
from the parsed report and cached. Should a cached database turn out to hold a row of the wrong shape
(``Damaged``), the entry is dropped, the database rebuilt from the file, and the query asked again:
what is printed is always what the data file says.
"""

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from reportcli import cache, store
from reportcli.checked import Damaged
from reportcli.corpus import Corpus
from reportcli.errors import DataError
from reportcli.files import STDIN, FileRead, read_file, stat_data

DATA_ENV = "REPORTCLI_DATA"
Progress = Callable[[str, float], None]  # (stage, fraction done); a fraction of 1 ends the stage
T = TypeVar("T")


def default_path() -> Path:
    """The report embedded in the installed package (or the checkout's data/, when run from source)."""
    here = Path(__file__).resolve().parent
    embedded = here / "data" / "report.yaml"
    return embedded if embedded.is_file() else here.parents[1] / "data" / "report.yaml"


def chosen_path(option: str | None) -> Path:
    """The data file of this run: the --data option, else $REPORTCLI_DATA, else the embedded report.

    An empty --data is refused (it would otherwise quietly mean the embedded report); an empty
    REPORTCLI_DATA counts as unset, as environment variables usually do."""
    if option is not None and not option.strip():
        raise DataError("--data is empty; give a report file, or - for standard input")
    named = option or os.environ.get(DATA_ENV)
    return Path(named) if named else default_path()


class Dataset:
    """Loads the corpus of one run, through the cache unless disabled."""

    def __init__(
        self,
        path: Path,
        *,
        use_cache: bool = True,
        progress: Progress | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.path = path
        self.use_cache = use_cache and not cache.disabled_by_environment()
        self.progress = progress
        self.warn = warn
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
            self._cache.discard(self.path)
        self._corpus = Corpus(self._built(read_file(self.path)))
        self.from_cache = False
        return query(self._corpus)

    def corpus(self) -> Corpus:
        if self._corpus is None:
            con = self._cached()
            self.from_cache = con is not None
            if con is None:
                con = self._built(read_file(self.path))
            self._corpus = Corpus(con)
        return self._corpus

    def _cached(self) -> sqlite3.Connection | None:
        """The cache's database of the data file, if the cache is on and holds one that matches it exactly."""
        if not self.use_cache or str(self.path) == STDIN:
            return None
        info = stat_data(self.path)
        if info is None:  # a pipe or a device reads differently next time: nothing to cache
            return None
        self._cache = cache.Cache(self.warn)
        con = self._cache.open(self.path)
        if con is None:
            return None
        try:
            recorded = store.info(con)
        except Damaged:
            return None
        stamp = cache.Stamp.of(info)
        fits = cache.matches(recorded, stamp)
        if fits is None:  # changed just before the entry was written: the content must tell
            fits = cache.digest(read_file(self.path).raw) == recorded.get("digest")
            if fits and cache.settled(stamp):  # as git refreshes its index: not checked by content again
                self._cache.write(self.path, store.restamped(con, cache.entry_info(stamp, None, recorded["digest"])))
        return con if fits and recorded.get("format") == str(store.FORMAT) else None

    def _built(self, read: FileRead) -> sqlite3.Connection:
        """The database of the file as read in this run: parsed, checked, indexed, and cached."""
        from reportcli.loader import report_from_bytes  # YAML only on a cold load

        cacheable = self.use_cache and read.regular and read.stat is not None
        try:
            report = report_from_bytes(read.raw, self.path, self._stage("parsing"))
            if not cacheable or read.stat is None:
                return store.build(report, self._stage("indexing"))
            stamp = cache.entry_info(cache.Stamp.of(read.stat), read.raw)
            if self._cache is None:
                self._cache = cache.Cache(self.warn)
            with self._cache.writing(self.path) as entry:
                con = store.build(report, self._stage("indexing"), stamp, target=entry or ":memory:")
            return con
        finally:
            if self.progress is not None:
                self.progress("", 1.0)  # over: a bar on the screen goes away

    def _stage(self, stage: str) -> Callable[[float], None] | None:
        progress = self.progress
        return None if progress is None else (lambda fraction: progress(stage, min(fraction, 0.99)))
