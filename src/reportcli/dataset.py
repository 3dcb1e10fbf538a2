"""The one owner of loading: which data file, read through the cache or not, and the index built from it.

Everything a run needs of the data comes from ``Dataset.corpus()``: the command never learns where
the file is, whether the cache was used, or when the index was built. The path is chosen here alone
(``--data``, else ``REPORTCLI_DATA``, else the embedded report), the file is read once, and the
report and its index are each taken from the cache when an entry matches the file exactly.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from reportcli import cache
from reportcli.corpus import Corpus
from reportcli.files import FileRead, gc_paused, read_file
from reportcli.model import Report

if TYPE_CHECKING:
    from reportcli.index import Index

DATA_ENV = "REPORTCLI_DATA"
Progress = Callable[[str, float], None]  # (stage, fraction done)
T = TypeVar("T")


def default_path() -> Path:
    """The report embedded in the installed package (or the checkout's data/, when run from source)."""
    here = Path(__file__).resolve().parent
    embedded = here / "data" / "report.yaml"
    return embedded if embedded.is_file() else here.parents[1] / "data" / "report.yaml"


def chosen_path(option: str | None) -> Path:
    """The data file of this run: the --data option, else $REPORTCLI_DATA, else the embedded report."""
    named = option or os.environ.get(DATA_ENV)
    return Path(named) if named else default_path()


class Dataset:
    """Loads the corpus of one run, through the cache unless disabled."""

    def __init__(self, path: Path, *, use_cache: bool = True, progress: Progress | None = None) -> None:
        self.path = path
        self.use_cache = use_cache and not cache.disabled_by_environment()
        self.progress = progress
        self._corpus: Corpus | None = None

    def corpus(self) -> Corpus:
        if self._corpus is None:
            read = read_file(self.path)
            source = cache.Source.of(self.path, read)
            report = self._cached(source, "report", Report.from_plain, lambda: self._parse(read), Report.to_plain)
            self._corpus = Corpus(report, lambda: self._index(source, report))
        return self._corpus

    def _parse(self, read: FileRead) -> Report:
        from reportcli.loader import report_from_bytes  # YAML only on a cold load

        return report_from_bytes(read.raw, self.path, self._stage("parsing"))

    def _index(self, source: cache.Source, report: Report) -> Index:
        from reportcli.index import Index  # only when a query asks for the index
        from reportcli.index import build as build_index

        def build() -> Index:
            with gc_paused():
                return build_index(report, self._stage("indexing"))

        return self._cached(source, "index", Index.from_plain, build, Index.to_plain)

    def _cached(
        self,
        source: cache.Source,
        kind: str,
        from_plain: Callable[[Any], T],
        build: Callable[[], T],
        to_plain: Callable[[T], Any],
    ) -> T:
        """The cache's entry of this kind when it matches the file exactly; else built, and written."""
        plain = cache.read(source, kind) if self.use_cache else None
        found: T | None = cache.decode(plain, from_plain) if plain is not None else None
        if found is None:
            try:
                found = build()
            finally:
                if self.progress is not None:
                    self.progress(kind, 1.0)  # over: a bar on the screen goes away
            if self.use_cache:
                cache.write(source, kind, to_plain(found))
        return found

    def _stage(self, stage: str) -> Callable[[float], None] | None:
        progress = self.progress
        return None if progress is None else (lambda fraction: progress(stage, fraction))
