"""The one owner of loading: which data, read through the cache or not, and the databases built from it.

Everything a run needs of the data comes from ``Dataset.answer(query)``: the command never learns
where the files are, whether the cache was used, or when the index was built. The data is chosen here
alone (``--data`` a file or a directory of report files, else ``REPORTCLI_DATA``, else with
``--corpus`` the reports in the corpus directory with the embedded report, else the embedded report:
a ``Source``); each file is read once.

The unit of the cache is one report file: each file's database (``store``) comes from its own entry
when the entry matches the file exactly, else it is built from the file alone and cached, so that
adding, changing or removing a report costs that report's share only, and a corpus is never held
whole in memory. The databases of a directory are read together as one corpus (``Corpus``); what
concerns them together (that no two files share an id or a ref, and the results worked out from all of
them) is kept in a small entry of the directory's own, which records the content hash of every file
it was made from. Should a cached database turn out to hold a row of the wrong shape (``Damaged``),
the entries are dropped, the databases rebuilt from the files, and the query asked again: what is
printed is always what the data says.
"""

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from reportcli.db import cache, store
from reportcli.db.checked import Damaged
from reportcli.db.corpus import Corpus
from reportcli.errors import DataError, ReportError
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
        raise DataError(f"{shown(directory)}: no report files (*.yaml, *.yml) in it")
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
        cache.turn_off(not use_cache)  # and for what the run keeps beside the reports (``kept``: the glossary)
        self.progress = progress
        self.warn = warn
        self.derive = derive
        self._corpus: Corpus | None = None
        self._cache: cache.Cache | None = None
        self._reads: dict[int, FileRead] = {}  # files read to check an entry, kept for the build
        self._infos: dict[int, dict[str, str]] = {}  # what the cached entries' info said, checked
        self.from_cache = False

    def answer(self, query: Callable[[Corpus], T]) -> T:
        """``query(corpus)``; asked again of a rebuilt corpus if what was read from the cache proves
        damaged, as the files are read together or by the query: a row that fails its check
        (``Damaged``), or any other failure (an index out of range in an entry whose rows were forged to
        agree). The rebuilt corpus holds only what this run read from the data files, so a failure there
        is reportcli's own, and is raised."""
        try:
            return query(self.corpus())  # what a run reads together can prove damaged as it loads, too
        except ReportError:
            raise  # the user's query or data: the same whatever the cache holds
        except Exception:
            if not self.from_cache:
                raise  # a database built in this run holds only what build wrote: that would be a bug
        if self._cache is not None:
            for key in {*self.source.files, self.source.key}:
                self._cache.discard(key)
        self._corpus = self._load(fresh=True)
        self.from_cache = False
        answered = query(self._corpus)
        if self.warn is not None:
            self.warn("a cache entry did not hold what it should; rebuilt it from the data file")
        return answered

    def corpus(self) -> Corpus:
        if self._corpus is None:
            self._corpus = self._load()
        return self._corpus

    def warm(self) -> Corpus | None:
        """The corpus if the cache holds every file's database ready (and a directory's own entry),
        else None: never the seconds of building one."""
        if self._corpus is None and self.use_cache:
            self._infos = {}
            cons = []
            for n in range(len(self.source.files)):
                con = self._cached(n)
                if con is None:
                    return None
                cons.append(con)
            infos = [self._infos.get(n) for n in range(len(cons))]
            if self._single:
                self._corpus = Corpus(cons[0], infos=infos)
            elif (members := self._members(cons)) is not None and (kept := self._kept(members)) is not None:
                self._corpus = Corpus(cons, kept, infos=infos)
            else:
                return None
            self.from_cache = True
        return self._corpus

    @property
    def _single(self) -> bool:
        """One data file read alone: its entry also keeps what is worked out from the whole data."""
        return self.source.key == self.source.files[0]

    def _load(self, fresh: bool = False) -> Corpus:
        """Each file's database, from its cache entry or built (one file at a time, each let go before
        the next is read), then read together."""
        files = self.source.files
        self._infos = {}
        cons: list[sqlite3.Connection | None] = [None if fresh else self._cached(n) for n in range(len(files))]
        self.from_cache = any(con is not None for con in cons)
        missing = [n for n, con in enumerate(cons) if con is None]
        try:
            for done, n in enumerate(missing):
                cons[n] = self._built(n, done, len(missing))
        finally:
            if self.progress is not None and missing:
                self.progress("", 1.0)  # over: a bar on the screen goes away
        databases = [con for con in cons if con is not None]
        infos = [self._infos.get(n) for n in range(len(files))]
        if self._single:
            return Corpus(databases[0], infos=infos)
        return Corpus(databases, self._together(databases, fresh), infos=infos)

    def _stamp(self, n: int) -> cache.Stamp | None:
        """What file ``n`` says of itself now; None if it is not a regular file."""
        path = self.source.files[n]
        info = stat_data(path) if str(path) != STDIN else None
        return None if info is None else cache.Stamp.of(info)

    def _cached(self, n: int) -> sqlite3.Connection | None:
        """The cache's database of file ``n``, if the cache is on and holds one that matches it exactly."""
        found = self._entry(n)
        if found is None:
            return None
        con, recorded, stamp = found
        fits = cache.matches(recorded, stamp)
        if fits is True:
            self._infos[n] = recorded
            return con
        if not cache.same_build(recorded):
            return None
        # Changed just before the entry was written, or touched since: the content must tell. The same
        # bytes: the entry still stands for the file, restamped (as git refreshes its index) once the
        # file has been still long enough for its stamp to tell any later change.
        path = self.source.files[n]
        read = self._reads[n] = read_file(path)
        same = read.stat is not None and cache.Stamp.of(read.stat) == stamp
        if not same or cache.digest(read.raw) != recorded.get("digest"):
            return None
        if cache.settled(stamp) and self._cache is not None:
            info = cache.entry_info(stamp, None, recorded["digest"])
            self._cache.write(path, store.restamped(con, info))
        return con

    def _entry(self, n: int) -> tuple[sqlite3.Connection, dict[str, str], cache.Stamp] | None:
        """File ``n``'s cache entry of this format, what it records, and the file's stamp now."""
        stamp = self._stamp(n) if self.use_cache else None
        if stamp is None:
            return None
        if self._cache is None:
            self._cache = cache.Cache(self.warn)
        con = self._cache.open(self.source.files[n])
        if con is None:
            return None
        try:
            recorded = store.info(con)
        except Damaged:
            return None
        return (con, recorded, stamp) if recorded.get("format") == str(store.FORMAT) else None

    def _built(self, n: int, done: int, count: int) -> sqlite3.Connection:
        """The database of file ``n`` as read in this run: parsed, checked, indexed, and cached (or, when
        the cache cannot be written, held in memory)."""
        report, stamp = self._parsed(n, done, count)
        indexing = self._stage("indexing", done, count)
        if not (self.use_cache and stamp and self._stamp(n) is not None):
            return store.build(report, indexing)
        if self._cache is None:
            self._cache = cache.Cache(self.warn)
        path = self.source.files[n]
        try:
            with self._cache.writing(path) as entry:
                con = store.build(report, indexing, stamp, target=entry or ":memory:")
                del report  # written: the records are let go before anything else is worked out
                self._derive(con, Corpus(con), done, count)  # what the file read alone needs
        except cache.Unwritable:  # said once by the cache; the file is read again, into memory
            return store.build(self._parsed(n, done, count)[0], indexing)
        reopened = self._cache.open(path) if entry is not None else None
        if reopened is None:
            return con
        con.close()  # read back from the entry as any later run will: a page at a time, not held whole
        return reopened

    def _parsed(self, n: int, done: int, count: int) -> tuple[Report, dict[str, str]]:
        """File ``n`` read and checked as a report, and the stamp its cache entry would record ({} when
        it is not a regular file)."""
        from reportcli.reportfile import report_from_bytes  # YAML only on a cold load

        path = self.source.files[n]
        read = self._reads.pop(n, None) or read_file(path)
        report = report_from_bytes(read.raw, path, self._stage("parsing", done, count))
        stamp = {}
        if read.regular and read.stat is not None:
            stamp = cache.entry_info(cache.Stamp.of(read.stat), None, cache.digest(read.raw))
        return report, stamp

    def _together(self, cons: list[sqlite3.Connection], fresh: bool) -> sqlite3.Connection | None:
        """What the files of a directory need of each other: checked unique (ids, refs), and what is
        worked out from all of them (``derive``), kept in the directory's own entry, which records the
        content hash of every file it was made from. A database, or None when nothing is kept."""
        members = self._members(cons)
        if members is not None and not fresh and (kept := self._kept(members)) is not None:
            return kept
        from reportcli.reportfile import Distinct

        distinct = Distinct()
        for con, path in zip(cons, self.source.files, strict=True):
            distinct.check_names(store.kept_names(con), shown(path))  # one info row, not every report's rows
        if members is None:
            return None
        if self._cache is None:
            self._cache = cache.Cache(self.warn)
        try:
            with self._cache.writing(self.source.key) as entry:
                con = store.build([], stamp={**cache.built_by(), "members": members}, target=entry or ":memory:")
                infos = [self._infos.get(n) for n in range(len(cons))]  # the info each file's entry gave, read once
                self._derive(con, Corpus(cons, infos=infos), 0, 1)
        except cache.Unwritable:  # said once by the cache: what is worked out from all is worked out when asked
            return None
        finally:
            if self.progress is not None:
                self.progress("", 1.0)  # the comparing stage is over: its bar goes away (it was left on screen)
        return con

    def _members(self, cons: list[sqlite3.Connection]) -> str | None:
        """The files of a directory with the content hash of each, as its entry records them; None when
        a hash is unknown (nothing is then kept)."""
        try:
            digests = [(self._infos.get(n) or store.info(con)).get("digest") for n, con in enumerate(cons)]
        except Damaged:
            return None
        if not (self.use_cache and all(digests)):
            return None
        return "\n".join(f"{os.path.abspath(path)} {d}" for path, d in zip(self.source.files, digests, strict=True))

    def _kept(self, members: str) -> sqlite3.Connection | None:
        """The directory's own entry, if it was made from exactly these files' contents (``members``) by
        this build."""
        if self._cache is None:
            self._cache = cache.Cache(self.warn)
        kept = self._cache.open(self.source.key)
        if kept is None:
            return None
        try:
            recorded = store.info(kept)
        except Damaged:
            return None
        fits = (recorded.get("members"), recorded.get("format")) == (members, str(store.FORMAT))
        return kept if fits and cache.same_build(recorded) else None

    def _derive(self, con: sqlite3.Connection, corpus: Corpus, done: int, count: int) -> None:
        """Work out, once, what a query would otherwise work out from the whole data on every run, and
        keep it in the cache entry (``derive``: the summary diff of every theme, say)."""
        if self.derive is None:
            return
        for name, value in self.derive(corpus, self._stage("comparing", done, count)).items():
            store.save_derived(con, name, value)

    def _stage(self, stage: str, done: int, count: int) -> Callable[[float], None] | None:
        """Progress through one file's stage, as a fraction of the whole load (``count`` files)."""
        progress = self.progress
        if progress is None:
            return None
        return lambda fraction: progress(stage, min((done + fraction) / count, 0.99))
