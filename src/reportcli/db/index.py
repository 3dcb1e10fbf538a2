"""The search index, kept in the same SQLite database as the statements; a corpus reads one per report.

Units are the searchable statements in document order. For every comparison key (a stem, or a
Chinese character: ``text.key``) the index holds the units it occurs in, how often in all, and how
often in the statement's own words rather than in its notes or official words (its postings);
for every unit the sequence of its keys as 4-byte ids; and per unit its length in tokens, its section
and its year, as flat arrays. A word costs one posting list; a phrase reads the posting lists of its
words, then the key sequences of just the units that hold all of them, and finds the phrase there
with a byte search, in time linear in their length however long the phrase.

Each database (a ``Shard``: in the cache, one report file's) numbers its units, sections, reports and
key ids from 0. ``Index`` reads several shards as one: units, sections and reports are numbered on
across them, in order, as if one database held them all; a key's postings are those of every shard,
merged; a key id means something only within its shard (``Index.needle``). Adding, changing or
removing a report file changes one shard and no other.
"""

from __future__ import annotations

import bisect
import sqlite3
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from itertools import accumulate
from operator import gt
from typing import Any

from reportcli.db.checked import Damaged, checksum_of, rows, with_checksum
from reportcli.language import is_ideograph
from reportcli.model import Statement

SCHEMA = """
CREATE TABLE terms (
    key TEXT PRIMARY KEY, id INTEGER NOT NULL, df INTEGER NOT NULL, units BLOB NOT NULL, counts BLOB NOT NULL,
    own BLOB NOT NULL, checksum INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE unit_keys (unit INTEGER PRIMARY KEY, keys BLOB NOT NULL, bounds BLOB NOT NULL, checksum INTEGER NOT NULL);
CREATE TABLE vocabulary (word TEXT PRIMARY KEY, key TEXT NOT NULL, checksum INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE texts (first INTEGER PRIMARY KEY, data BLOB NOT NULL, ends BLOB NOT NULL, checksum INTEGER NOT NULL);
"""
ARRAYS = ("unit_length", "unit_section", "unit_year", "unit_report")
NO_YEAR = 0  # in unit_year, for the glossary
TEXTS_AT_ONCE = 5000  # units' texts to a row of the texts table


# In a unit's key sequence, before each attached text, a separator that no key id has, which says
# what the text is: a phrase cannot run across it, and a match after it says where it was found.
SEPARATORS = {"notes": 0xFFFFFFFF, "official": 0xFFFFFFFE}
PLACES = {value: place for place, value in SEPARATORS.items()}
# Between two tokens of Chinese that punctuation separates (改革，开放): a Chinese phrase is found where
# its characters stand together, as a substring search would find it, never across a comma.
BREAK = 0xFFFFFFFD


def write(
    con: sqlite3.Connection,
    units: Sequence[Statement],
    placed: Mapping[str, tuple[int, int]],
    progress: Callable[[float], None] | None = None,
    attached: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> None:
    """Add the index of ``units`` to a database being built (``Builder``, all at once)."""
    builder = Builder()
    builder.add(con, units, placed, attached, progress)
    builder.finish(con)


class Builder:
    """Builds the index of a database as units are added, report by report; ``finish`` writes what
    needs all of them (the postings, the arrays).

    ``attached`` gives, by ref, texts that belong to a statement without being it, each with where it
    belongs (``notes``: its notes; ``official``: the official words it renders): they are searched
    with it, after its own words and apart from them (a phrase cannot run from one into the next), and
    count neither in its length nor in ``df`` (the units whose own words hold a key).

    Texts are cut by ``text.cut`` (a regular expression, not a step of Python per character), each
    distinct token is stemmed once (``surface_ids``), and a unit's keys are counted in C (``Counter``)."""

    def __init__(self) -> None:
        self.key_ids: dict[str, int] = {}
        self.surface_ids: dict[str, int] = {}  # a token as written -> its key's id
        # key id -> the units it occurs in and how often: units come in order, so each list only grows
        # at its end, and flat arrays cost 4 bytes a number where a dict would cost ten times that
        self.post_units: list[array[int]] = []
        self.post_counts: list[array[int]] = []
        # of a unit with notes or official words whose own words hold fewer of a key's occurrences
        # than it has in all: key id -> (where the unit is in the key's postings, that count)
        self.own: dict[int, list[tuple[int, int]]] = {}
        self.vocabulary: dict[str, str] = {}  # every word seen, folded -> its key if an ideograph, else ""
        self.lengths, self.sections, self.years, self.reports = array("I"), array("I"), array("I"), array("I")
        self.texts: list[str] = []  # every unit's own words, for a scan of them all (--regex)
        self.units = 0

    def add(
        self,
        con: sqlite3.Connection,
        units: Sequence[Statement],
        placed: Mapping[str, tuple[int, int]],
        attached: Mapping[str, Sequence[tuple[str, str]]] | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        from reportcli.text import cut  # only when building: a query of the index needs no tokenizer

        post_units, post_counts = self.post_units, self.post_counts
        key_rows = []
        for n, statement in enumerate(units):
            if progress is not None and n % 5000 == 0:
                progress(n / max(len(units), 1))
            unit = self.units
            self.units += 1
            self.texts.append(statement.text)
            if len(self.texts) == TEXTS_AT_ONCE:
                self._write_texts(con)
            tokens = cut(statement.text)
            ids = self._ids(tokens.words)
            counts = Counter(ids)
            for at in reversed(tokens.breaks):
                ids.insert(at, BREAK)
            self.lengths.append(len(ids))
            extra = attached.get(statement.ref) if attached else None
            if extra:
                own = counts
                counts = Counter(own)
                for place, text in extra:
                    ids.append(SEPARATORS[place])
                    more = cut(text)
                    found = self._ids(more.words)
                    counts.update(found)
                    for at in reversed(more.breaks):
                        found.insert(at, BREAK)
                    ids += found
            for k, count in counts.items():
                post_units[k].append(unit)
                post_counts[k].append(count)
            if extra:  # the counts in its own words may differ from all its counts
                for k, count in counts.items():
                    if own.get(k, 0) != count:
                        self.own.setdefault(k, []).append((len(post_units[k]) - 1, own.get(k, 0)))
            blobs = (_bytes(array("I", ids)), _bounds_bytes(tokens.bounds))
            key_rows.append((unit, *blobs, checksum_of((unit, *map(len, blobs)), blobs)))
            if len(key_rows) == 5000:  # written as they come: a large report's rows are not all held
                con.executemany("INSERT INTO unit_keys VALUES (?, ?, ?, ?)", key_rows)
                key_rows.clear()
            section, report = placed[statement.section]
            self.sections.append(section)
            self.reports.append(report)
            self.years.append(statement.year or NO_YEAR)
        con.executemany("INSERT INTO unit_keys VALUES (?, ?, ?, ?)", key_rows)

    def _ids(self, words: list[str]) -> list[int]:
        """The key id of each token; a token seen for the first time is stemmed and remembered."""
        found = list(map(self.surface_ids.get, words))
        if None in found:
            for n, word in enumerate(words):
                if found[n] is None:
                    found[n] = self._new(word)
        return found  # type: ignore[return-value]  # no None is left

    def _new(self, surface: str) -> int:
        """A token's first appearance: its key (a new one gets an id and empty postings) and the
        vocabulary (for suggestions; with an ideograph's key, so that a query needs no character table)."""
        known = _SURFACES.get(surface)
        if known is None:
            from reportcli import text as words_

            key, folded = words_.stem(surface), words_.fold(surface)
            known = _SURFACES[surface] = (key, folded, key if is_ideograph(folded) else "")
        key, folded, ideograph_key = known
        k = self.key_ids.get(key)
        if k is None:
            k = self.key_ids[key] = len(self.post_units)
            self.post_units.append(array("I"))
            self.post_counts.append(array("I"))
        self.surface_ids[surface] = k
        self.vocabulary[folded] = ideograph_key
        return k

    def _write_texts(self, con: sqlite3.Connection) -> None:
        """The own words of the units added since the last call, as one row: a blob of their texts and
        where each ends in it (a scan of every text reads a row per thousands of units)."""
        if not self.texts:
            return
        first = self.units - len(self.texts)
        text = "".join(self.texts).encode("utf-8", "surrogatepass")
        ends = _bytes(array("I", accumulate(map(len, self.texts))))
        con.execute("INSERT INTO texts VALUES (?, ?, ?, ?)", with_checksum((first, text, ends)))
        self.texts.clear()

    def _row(self, key: str, k: int, unit_code: str) -> tuple[Any, ...]:
        """A key's row: its postings packed small (``Shard.posting`` reads them back): unit numbers in
        2 bytes when the database has fewer than 65,536 units, counts in 1 byte when none is over 255,
        and the counts in its own words only where some unit's differ (notes, official words)."""
        units, counts = self.post_units[k], self.post_counts[k]
        own, df = b"", len(counts)
        if k in self.own:
            owned = array("I", counts)
            for at, count in self.own[k]:
                owned[at] = count
            own, df = _packed(owned, _code(owned)), len(owned) - owned.count(0)
        blobs = (_packed(units, unit_code), _packed(counts, _code(counts)), own)
        plain = (key, k, df, *map(len, blobs))
        return (key, k, df, *blobs, checksum_of(plain, blobs))

    def finish(self, con: sqlite3.Connection) -> None:
        unit_code = "H" if self.units <= 65536 else "I"
        con.executemany(  # in key order: the table's B-tree is built from left to right
            "INSERT INTO terms VALUES (?, ?, ?, ?, ?, ?, ?)",
            (self._row(key, k, unit_code) for key, k in sorted(self.key_ids.items())),
        )
        con.executemany(
            "INSERT INTO vocabulary VALUES (?, ?, ?)",
            ((word, key, checksum_of((word, key))) for word, key in sorted(self.vocabulary.items())),
        )
        self._write_texts(con)
        con.executemany(
            "INSERT INTO arrays VALUES (?, ?, ?)",
            (
                with_checksum(pair)
                for pair in (
                    ("unit_length", _bytes(self.lengths)),
                    ("unit_section", _bytes(self.sections)),
                    ("unit_year", _bytes(self.years)),
                    ("unit_report", _bytes(self.reports)),
                )
            ),
        )


def _code(values: array[int]) -> str:
    """The smallest array type that holds these counts: a byte, else four."""
    return "B" if not values or max(values) < 256 else "I"


def _packed(values: array[int], code: str) -> bytes:
    """Numbers as little-endian integers of the array type ``code`` (B, H or I)."""
    packed = array(code, values) if values.typecode != code else values
    if sys.byteorder != "little" and code != "B":
        packed = array(code, packed)
        packed.byteswap()
    return packed.tobytes()


def _unpacked(data: bytes, size: int) -> array[int] | None:
    """``size`` numbers packed by ``_packed`` (the type told by the length); None if it fits no type."""
    for code in ("B", "H", "I"):
        if len(data) == size * array(code).itemsize:
            values = array(code)
            values.frombytes(data)
            if sys.byteorder != "little" and code != "B":
                values.byteswap()
            return values
    return None


# A token as written -> its key, its folded form and, of an ideograph, its key again: the same for every
# report, worked out once a run however many reports are built.
_SURFACES: dict[str, tuple[str, str, str]] = {}


def _bytes(values: array[int]) -> bytes:
    if sys.byteorder != "little":  # the image is the same on every machine
        values = array("I", values)
        values.byteswap()
    return values.tobytes()


def _bounds_bytes(bounds: list[int]) -> bytes:
    """Where a unit's tokens start and end in its text: 2 bytes a number when the text is shorter than
    65,536 characters, else 4 (the reader tells which by the number of tokens)."""
    values = array("H" if not bounds or bounds[-1] < 65536 else "I", bounds)
    if sys.byteorder != "little":
        values.byteswap()
    return values.tobytes()


def bounds_array(data: bytes, tokens: int) -> array[int] | None:
    """The bounds ``_bounds_bytes`` packed for a unit of ``tokens`` tokens; None if the size fits neither."""
    if len(data) not in (4 * tokens, 8 * tokens):
        return None
    values = array("H" if len(data) == 4 * tokens else "I")
    values.frombytes(data)
    if sys.byteorder != "little":
        values.byteswap()
    return values


def _array(data: bytes) -> array[int]:
    values = array("I")
    values.frombytes(data)
    if sys.byteorder != "little":
        values.byteswap()
    return values


class Posting:
    """The units a key occurs in (ascending), how often in each, and how often in its own words; ``id``
    is the key's id in its shard (-1 for postings merged from several shards, which have none)."""

    __slots__ = ("counts", "df", "id", "own", "units")

    def __init__(self, key_id: int, units: array[int], counts: array[int], own: array[int], df: int) -> None:
        self.id, self.units, self.counts, self.own, self.df = key_id, units, counts, own, df


_POSTING_ROW = (str, int, int, bytes, bytes, bytes)  # key, id, df, units, counts, own


class Shard:
    """Reads the index of one database; every row is checked before it is used (``Damaged`` if not).

    ``first``, ``first_section`` and ``first_report``: the numbers its unit 0, section 0 and report 0
    have in the corpus it is part of."""

    def __init__(
        self,
        con: sqlite3.Connection,
        units: int,
        first: int = 0,
        first_section: int = 0,
        first_report: int = 0,
        bounds: dict[str, int] | None = None,
    ) -> None:
        self._con = con
        self.units = units  # as the database's info says: every array must have this length
        # the most each array may hold, as the database's info says (its reports, sections, last year):
        # a value past it would be read as a wrong place or a wrong year, or fail as an index
        self._bounds_of = bounds or {}
        self.first, self.first_section, self.first_report = first, first_section, first_report
        self._postings: dict[str, Posting | None] = {}
        self._candidates: dict[tuple[str, ...], frozenset[int]] = {}
        self._dfs: dict[str, int] = {}
        self._bounds: dict[int, bytes] = {}
        self._keys: dict[int, bytes] = {}

    @cached_property
    def arrays(self) -> dict[str, array[int]]:
        found = {name: _array(_blob(data)) for name, data in rows(self._con, "SELECT name, data, checksum FROM arrays")}
        if set(found) != set(ARRAYS) or {len(a) for a in found.values()} != {self.units}:
            raise Damaged("arrays")
        if any(found[name] and max(found[name]) > most for name, most in self._bounds_of.items()):
            raise Damaged("arrays")
        return found

    def length(self, unit: int) -> int:
        return self.arrays["unit_length"][unit]

    def posting(self, key: str) -> Posting | None:
        if key not in self._postings:
            self.prefetch([key])
        return self._postings[key]

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the postings of many keys at once (one query per 500 keys, not one per key)."""
        known = self._postings
        wanted = [key for key in keys if key not in known]
        if not wanted:  # asked again for keys already read (each of many terms, shard by shard)
            return
        wanted = sorted(set(wanted))
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ",".join("?" * len(part))
            sql = f"SELECT key, id, df, units, counts, own, checksum FROM terms WHERE key IN ({marks})"
            for row in rows(self._con, sql, part, shape=_POSTING_ROW):
                if row[0] in self._postings:
                    raise Damaged("terms")
                self._postings[row[0]] = self._checked_posting(row)
            for key in part:
                self._postings.setdefault(key, None)

    def candidates(self, keys: tuple[str, ...]) -> frozenset[int]:
        """The units that hold every one of these keys (where a phrase of them may stand), worked out
        once a run: many terms (``search --file``) ask for them twice, once to read ahead, once to match."""
        if keys not in self._candidates:
            self.prefetch(keys)
            postings = [self.posting(key) for key in keys]
            found: set[int] = set()
            if postings and all(p is not None for p in postings):
                ordered = sorted((p for p in postings if p is not None), key=lambda p: len(p.units))
                found = set(ordered[0].units)
                for posting in ordered[1:]:
                    found.intersection_update(posting.units)
                    if not found:
                        break
            self._candidates[keys] = frozenset(found)
        return self._candidates[keys]

    def _checked_posting(self, row: tuple[Any, ...]) -> Posting:
        """A posting read by ``prefetch`` (the row's types already checked), decoded and checked."""
        _, key_id, df, units, counts, own = row
        code = "H" if self.units <= 65536 else "I"
        size, rest = divmod(len(units), 2 if code == "H" else 4)
        if rest or not size:
            raise Damaged("terms")
        unit_numbers = array(code)
        unit_numbers.frombytes(units)
        if sys.byteorder != "little":
            unit_numbers.byteswap()
        counted = _unpacked(counts, size)
        owned = counted if not own else _unpacked(own, size)
        if counted is None or owned is None or max(unit_numbers) >= self.units:
            raise Damaged("terms")
        if df != size - owned.count(0):
            raise Damaged("terms")
        if owned is not counted and any(map(gt, owned, counted)):  # more in its own words than in all
            raise Damaged("terms")
        return Posting(key_id, unit_numbers, counted, owned, df)

    def document_frequency(self, key: str) -> int:
        if key in self._postings:
            posting = self._postings[key]
            return 0 if posting is None else posting.df
        if key not in self._dfs:
            self.prefetch_df([key])
        return self._dfs[key]

    def prefetch_df(self, keys: Iterable[str]) -> None:
        """Read the document frequencies of many keys at once (500 to a query), checked, not decoded."""
        wanted = sorted({key for key in keys if key not in self._dfs and key not in self._postings})
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ",".join("?" * len(part))
            sql = f"SELECT key, id, df, units, counts, own, checksum FROM terms WHERE key IN ({marks})"
            for key, _, df, units, _, _ in rows(self._con, sql, part):
                if (
                    key in self._dfs
                    or not isinstance(df, int)
                    or not isinstance(units, bytes)
                    or not 0 <= df <= len(units)
                ):
                    raise Damaged("terms")
                self._dfs[key] = df
            for key in part:
                self._dfs.setdefault(key, 0)

    def keys_of(self, units: Iterable[int]) -> dict[int, bytes]:
        """Each unit's sequence of key ids (its own numbers), as little-endian 4-byte integers; what was
        read once is kept for the run."""
        asked = set(units)
        known = self._keys
        missing = sorted(unit for unit in asked if unit not in known)
        if missing:
            known.update(self._read_keys(missing))
        return {unit: known[unit] for unit in sorted(asked)}

    def _read_keys(self, wanted: list[int]) -> dict[int, bytes]:
        found: dict[int, bytes] = {}
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            sql = f"SELECT unit, keys, bounds, checksum FROM unit_keys WHERE unit IN ({marks})"
            for unit, keys, bounds in rows(self._con, sql, part, shape=(int, bytes, bytes)):
                found[unit] = _blob(keys)
                self._bounds[unit] = bounds
        if set(found) != set(wanted) or any(len(found[u]) < 4 * self.length(u) for u in wanted):
            raise Damaged("unit_keys")
        return found

    def bounds_of(self, unit: int) -> bytes:
        """Where the unit's tokens start and end in its text, packed (``bounds_array``)."""
        if unit not in self._bounds:
            self._keys.update(self._read_keys([unit]))
        return self._bounds[unit]

    def text_blocks(self) -> Iterator[tuple[int, str, array[int]]]:
        """The stored blocks of texts as they are: (first unit, the units' own words one after another,
        where each unit's words end in that text), checked; a scan of every text (``--regex``) reads a
        row per block of thousands of texts, not a row per unit."""
        unit = 0
        for first, data, ends in rows(self._con, "SELECT first, data, ends, checksum FROM texts ORDER BY first"):
            if first != unit or not isinstance(data, bytes) or not isinstance(ends, bytes):
                raise Damaged("texts")
            try:
                text = data.decode("utf-8", "surrogatepass")
            except UnicodeDecodeError:
                raise Damaged("texts") from None
            offsets = _array(_blob(ends))
            if not offsets or offsets[-1] != len(text) or unit + len(offsets) > self.units:
                raise Damaged("texts")
            if offsets.tolist() != sorted(offsets):  # each unit ends where the next begins, or later
                raise Damaged("texts")
            yield unit, text, offsets
            unit += len(offsets)
        if unit != self.units:
            raise Damaged("texts")

    def words_near(self, low: int, high: int) -> list[str]:
        sql = "SELECT word, key, checksum FROM vocabulary WHERE length(word) BETWEEN ? AND ?"
        return [word for word, _ in rows(self._con, sql, (low, high)) if isinstance(word, str)]

    def ideograph_key(self, folded: str) -> str | None:
        for found, key in rows(self._con, "SELECT word, key, checksum FROM vocabulary WHERE word = ?", (folded,)):
            if found != folded or not isinstance(key, str) or len(key) != 1:
                raise Damaged("vocabulary")
            return key
        return None

    def has_word(self, folded: str) -> bool:
        found = list(rows(self._con, "SELECT word, key, checksum FROM vocabulary WHERE word = ?", (folded,)))
        return bool(found) and found[0][0] == folded


class Index:
    """The index of a corpus: of one shard, or of several read as one (units, sections and reports
    numbered on across them in order; a key's postings merged)."""

    def __init__(self, shards: Sequence[Shard]) -> None:
        self.shards = list(shards)
        self._firsts = [shard.first for shard in self.shards]
        self._postings: dict[str, Posting | None] = {}
        self._needles: dict[tuple[int, tuple[str, ...], tuple[int, ...]], bytes | None] = {}

    @cached_property
    def units(self) -> int:
        return sum(shard.units for shard in self.shards)

    @cached_property
    def _arrays(self) -> dict[str, array[int]]:
        if len(self.shards) == 1 and not self.shards[0].first_section and not self.shards[0].first_report:
            return self.shards[0].arrays
        found = {name: array("I") for name in ARRAYS}
        for shard in self.shards:
            arrays = shard.arrays
            found["unit_length"] += arrays["unit_length"]
            found["unit_year"] += arrays["unit_year"]
            found["unit_section"] += _plus(arrays["unit_section"], shard.first_section)
            found["unit_report"] += _plus(arrays["unit_report"], shard.first_report)
        return found

    @cached_property
    def average_length(self) -> float:
        lengths = self._arrays["unit_length"]
        return sum(lengths) / len(lengths) if lengths else 0.0

    def length(self, unit: int) -> int:
        return self._arrays["unit_length"][unit]

    def section_of(self, unit: int) -> int:
        """The position of the unit's section in the corpus."""
        return self._arrays["unit_section"][unit]

    def year_of(self, unit: int) -> int | None:
        return self._arrays["unit_year"][unit] or None

    def report_of(self, unit: int) -> int:
        """The position of the unit's report in the corpus."""
        return self._arrays["unit_report"][unit]

    def text_blocks(self) -> Iterator[tuple[int, str, array[int]]]:
        """``Shard.text_blocks`` of every shard, the first unit of each block numbered in the corpus."""
        for shard in self.shards:
            for first, text, offsets in shard.text_blocks():
                yield shard.first + first, text, offsets

    def words_by_report(self) -> dict[tuple[int, int | None], int]:
        """(report position, year) -> the tokens of the units' own words, summed: of a database that
        holds one report of one year (a full report), in one step."""
        found: dict[tuple[int, int | None], int] = {}
        for shard in self.shards:
            arrays = shard.arrays
            reports, years, lengths = arrays["unit_report"], arrays["unit_year"], arrays["unit_length"]
            if not lengths:
                continue
            pairs: Iterable[tuple[int, int, int]] = zip(reports, years, lengths, strict=True)
            if min(reports) == max(reports) and min(years) == max(years):
                pairs = [(reports[0], years[0], sum(lengths))]
            for report, year, length in pairs:
                key = (report + shard.first_report, year or None)
                found[key] = found.get(key, 0) + length
        return found

    def shard_of(self, unit: int) -> Shard:
        return self.shards[bisect.bisect_right(self._firsts, unit) - 1]

    def posting(self, key: str) -> Posting | None:
        """A key's postings in the whole corpus (units numbered across shards)."""
        if key not in self._postings:
            self.prefetch([key])
        return self._postings[key]

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the postings of many keys at once, in every shard, and merge them."""
        wanted = sorted({key for key in keys if key not in self._postings})
        if not wanted:
            return
        for shard in self.shards:
            shard.prefetch(wanted)
        for key in wanted:
            found = [(shard, p) for shard in self.shards if (p := shard.posting(key)) is not None]
            if not found:
                self._postings[key] = None
            elif len(found) == 1 and not found[0][0].first:
                self._postings[key] = found[0][1]
            else:
                units, counts, own = array("I"), array("I"), array("I")
                for shard, posting in found:
                    units += _plus(posting.units, shard.first)
                    counts += _wide(posting.counts)
                    own += _wide(posting.own)
                self._postings[key] = Posting(-1, units, counts, own, sum(p.df for _, p in found))

    def document_frequency(self, key: str) -> int:
        """How many units hold the key in their own words (not only in their notes or official words):
        each shard's row's df, checked against its checksum and its size, without decoding its postings."""
        if key in self._postings:
            posting = self._postings[key]
            return 0 if posting is None else posting.df
        return sum(shard.document_frequency(key) for shard in self.shards)

    def prefetch_df(self, keys: Iterable[str]) -> None:
        wanted = list(keys)
        for shard in self.shards:
            shard.prefetch_df(wanted)

    def keys_of(self, units: Iterable[int]) -> dict[int, bytes]:
        """Each unit's sequence of key ids (its shard's), as little-endian 4-byte integers."""
        by_shard: dict[int, list[int]] = {}
        for unit in units:
            by_shard.setdefault(bisect.bisect_right(self._firsts, unit) - 1, []).append(unit)
        found: dict[int, bytes] = {}
        for number, wanted in by_shard.items():
            shard = self.shards[number]
            for local, keys in shard.keys_of(unit - shard.first for unit in wanted).items():
                found[local + shard.first] = keys
        return found

    def bounds(self, unit: int, tokens: int) -> array[int]:
        """Where each of the unit's ``tokens`` tokens (of its own words) starts and ends in its text:
        [start0, end0, start1, ...], as the index recorded them when it cut the text."""
        shard = self.shard_of(unit)
        found = bounds_array(shard.bounds_of(unit - shard.first), tokens)
        if found is None:
            raise Damaged("unit_keys")
        listed = found.tolist()
        if listed != sorted(listed):  # each token starts where the one before ends, or later
            raise Damaged("unit_keys")
        return found

    def needle(self, form: Sequence[str], unit: int, breaks: Sequence[int] = ()) -> bytes | None:
        """The key ids of a sequence of keys in the shard of ``unit``, packed as ``keys_of`` packs them,
        with a BREAK before each key numbered in ``breaks``; None when that shard lacks one of them."""
        number = bisect.bisect_right(self._firsts, unit) - 1
        wanted = (number, tuple(form), tuple(breaks))
        if wanted not in self._needles:
            postings = [self.shards[number].posting(key) for key in form]
            found = None if any(p is None for p in postings) else [p.id for p in postings if p is not None]
            if found is not None:
                for at in sorted(breaks, reverse=True):
                    found.insert(at, BREAK)
            self._needles[wanted] = None if found is None else _bytes(array("I", found))
        return self._needles[wanted]

    def places(self, keys: bytes) -> list[tuple[str, bytes]]:
        """A unit's key sequence cut into its own words (``text``) and each attached text, by place."""
        found: list[tuple[str, bytes]] = []
        place, start = "text", 0
        for at, value in _separators(keys):
            found.append((place, keys[start:at]))
            place, start = PLACES[value], at + 4
        found.append((place, keys[start:]))
        return found

    def words_near(self, length: int, spread: tuple[float, float]) -> list[str]:
        """Vocabulary words whose length is within ``spread`` (as fractions) of ``length``, for suggestions."""
        low, high = int(length * spread[0]), int(length * spread[1]) + 1
        if len(self.shards) == 1:
            return self.shards[0].words_near(low, high)
        return sorted({word for shard in self.shards for word in shard.words_near(low, high)})

    def key(self, word: str) -> str:
        """The comparison key of a query word, as the index made it (``text.stem``): an ideograph that
        the indexed text holds is looked up (so that a query need not load the traditional-to-
        simplified table); any other word is stemmed."""
        from reportcli import text as words_

        folded = words_.fold(word)
        if is_ideograph(folded):
            for shard in self.shards:
                if (key := shard.ideograph_key(folded)) is not None:
                    return key
        return words_.stem(word)

    def has_word(self, folded: str) -> bool:
        """Whether the indexed text holds this word (casefolded), as written."""
        return any(shard.has_word(folded) for shard in self.shards)

    def has_key(self, key: str) -> bool:
        return self.posting(key) is not None


def _plus(values: array[int], offset: int) -> array[int]:
    """The numbers, each ``offset`` more, as 4-byte integers."""
    if not offset:
        return _wide(values)
    if not any(values):  # a shard of one report: every unit's report is its first
        return array("I", [offset]) * len(values)
    return array("I", [value + offset for value in values])


def _wide(values: array[int]) -> array[int]:
    return values if values.typecode == "I" else array("I", values)


_SEPARATOR_BYTES = {value: _bytes(array("I", [value])) for value in PLACES}


def _separators(keys: bytes) -> list[tuple[int, int]]:
    """(byte offset, value) of each separator in a key sequence, in order: found by a byte search."""
    found = []
    for value, needle in _SEPARATOR_BYTES.items():
        at = keys.find(needle)
        while at >= 0:
            if at % 4 == 0:
                found.append((at, value))
                at = keys.find(needle, at + 4)
            else:
                at = keys.find(needle, at + 4 - at % 4)
    return sorted(found)


def _blob(value: Any) -> bytes:
    if not isinstance(value, bytes) or len(value) % 4:
        raise Damaged("blob")
    return value
