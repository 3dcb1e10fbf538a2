"""The search index, kept in the same SQLite database as the statements.

Units are the searchable statements in document order. For every comparison key (a stem, or a
Chinese character: ``text.key``) the index holds the units it occurs in, how often in all, and how
often in the statement's own words rather than in its notes or official words (its postings);
for every unit the sequence of its keys as 4-byte ids; and per unit its length in tokens, its section
and its year, as flat arrays. A word costs one posting list; a phrase reads the posting lists of its
words, then the key sequences of just the units that hold all of them, and finds the phrase there
with a byte search, in time linear in their length however long the phrase.
"""

from __future__ import annotations

import bisect
import sqlite3
import sys
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from typing import Any

from reportcli.db.checked import Damaged, rows, with_checksum
from reportcli.language import is_ideograph
from reportcli.model import Statement

SCHEMA = """
CREATE TABLE terms (
    key TEXT PRIMARY KEY, id INTEGER NOT NULL, df INTEGER NOT NULL, units BLOB NOT NULL, counts BLOB NOT NULL,
    own BLOB NOT NULL, checksum INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE unit_keys (unit INTEGER PRIMARY KEY, keys BLOB NOT NULL, checksum INTEGER NOT NULL);
CREATE TABLE vocabulary (word TEXT PRIMARY KEY, checksum INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE ideographs (char TEXT PRIMARY KEY, key TEXT NOT NULL, checksum INTEGER NOT NULL) WITHOUT ROWID;
"""
ARRAYS = ("unit_length", "unit_section", "unit_year", "unit_report")
NO_YEAR = 0  # in unit_year, for the glossary


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
    """Builds the index of a database as units are added, report by report, so that a corpus is never
    held whole in memory; ``finish`` writes what needs all of them (the postings, the arrays).

    ``attached`` gives, by ref, texts that belong to a statement without being it, each with where it
    belongs (``notes``: its notes; ``official``: the official words it renders): they are searched
    with it, after its own words and apart from them (a phrase cannot run from one into the next), and
    count neither in its length nor in ``df`` (the units whose own words hold a key)."""

    def __init__(self) -> None:
        self.key_ids: dict[str, int] = {}
        # key id -> the units it occurs in and how often: units come in order, so each list only grows
        # at its end, and flat arrays cost 4 bytes a number where a dict would cost ten times that
        self.post_units: list[array[int]] = []
        self.post_counts: list[array[int]] = []  # bytes, until a count needs more
        # of a unit with notes or official words: how many of a key's occurrences are in its own words
        # (of every other unit, all of them)
        self.own: dict[int, dict[int, int]] = {}
        self.vocabulary: set[str] = set()
        self.surfaces: set[str] = set()
        self.ideographs: dict[str, str] = {}  # every ideograph seen, folded -> its key
        self.lengths, self.sections, self.years, self.reports = array("I"), array("I"), array("I"), array("I")
        self.units = 0

    def add(
        self,
        con: sqlite3.Connection,
        units: Sequence[Statement],
        placed: Mapping[str, tuple[int, int]],
        attached: Mapping[str, Sequence[tuple[str, str]]] | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        from reportcli import text as words_  # only when building: a query of the index needs no tokenizer

        stem, fold = words_.stem, words_.fold
        key_ids, post_units, post_counts = self.key_ids, self.post_units, self.post_counts
        for n, statement in enumerate(units):
            if progress is not None and n % 5000 == 0:
                progress(n / max(len(units), 1))
            unit = self.units
            self.units += 1
            ids = array("I")
            texts = [("text", statement.text), *(attached or {}).get(statement.ref, [])]
            own: dict[int, int] = {}  # of a unit with attached texts: each key's count in its own words
            for number, (place, text) in enumerate(texts):
                if number:
                    ids.append(SEPARATORS[place])
                for key, surface in _keys(text, stem, ids):
                    k = key_ids.get(key)
                    if k is None:
                        k = key_ids[key] = len(post_units)
                        post_units.append(array("I"))
                        post_counts.append(array("B"))
                    self._count(k, unit)
                    if len(texts) > 1 and not number:
                        own[k] = own.get(k, 0) + 1
                    ids.append(k)
                    if surface not in self.surfaces:
                        self._seen(surface, key, fold, is_ideograph)
                if not number:
                    self.lengths.append(len(ids))
            if len(texts) > 1:  # where the counts in its own words differ from all its counts
                for k in {k for k in ids if k < len(post_units)}:
                    self.own.setdefault(k, {})[unit] = own.get(k, 0)
            con.execute("INSERT INTO unit_keys VALUES (?, ?, ?)", with_checksum((unit, _bytes(ids))))
            section, report = placed[statement.section]
            self.sections.append(section)
            self.reports.append(report)
            self.years.append(statement.year or NO_YEAR)

    def _count(self, k: int, unit: int) -> None:
        """One more occurrence of key ``k`` in ``unit``."""
        seen = self.post_units[k]
        if seen and seen[-1] == unit:
            counts = self.post_counts[k]
            if counts[-1] == 255 and counts.typecode == "B":  # a byte a count until one needs more
                counts = self.post_counts[k] = array("I", counts)
            counts[-1] += 1
        else:
            seen.append(unit)
            self.post_counts[k].append(1)

    def _seen(self, surface: str, key: str, fold: Callable[[str], str], ideograph: Callable[[str], bool]) -> None:
        """A word's first appearance: into the vocabulary (for suggestions) and the ideograph table."""
        self.surfaces.add(surface)
        folded = fold(surface)
        self.vocabulary.add(folded)
        if ideograph(folded):
            self.ideographs[folded] = key

    def _row(self, key: str, k: int) -> tuple[Any, ...]:
        units, counts = self.post_units[k], array("I", self.post_counts[k])
        own = array("I", counts)
        for unit, count in self.own.get(k, {}).items():
            own[bisect.bisect_left(units, unit)] = count
        return (key, k, sum(1 for n in own if n), _bytes(units), _bytes(counts), _bytes(own))

    def finish(self, con: sqlite3.Connection) -> None:
        con.executemany(
            "INSERT INTO terms VALUES (?, ?, ?, ?, ?, ?, ?)",
            (with_checksum(self._row(key, k)) for key, k in self.key_ids.items()),
        )
        con.executemany("INSERT INTO vocabulary VALUES (?, ?)", (with_checksum((w,)) for w in sorted(self.vocabulary)))
        con.executemany(
            "INSERT INTO ideographs VALUES (?, ?, ?)", (with_checksum(p) for p in sorted(self.ideographs.items()))
        )
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


def _keys(text: str, stem: Callable[[str], str], ids: array[int]) -> Iterable[tuple[str, str]]:
    """(key, surface) of each token of ``text``; a BREAK goes into ``ids`` wherever punctuation stands
    between two tokens one of which is Chinese."""
    from reportcli import text as words_

    previous_end, previous_cjk = -1, False
    for start, end, surface in words_.spans(text):
        cjk = is_ideograph(surface)
        if previous_end >= 0 and (cjk or previous_cjk) and words_.is_punctuated(text, previous_end, start):
            ids.append(BREAK)
        previous_end, previous_cjk = end, cjk
        yield stem(surface), surface


def _bytes(values: array[int]) -> bytes:
    if sys.byteorder != "little":  # the image is the same on every machine
        values = array("I", values)
        values.byteswap()
    return values.tobytes()


def _array(data: bytes) -> array[int]:
    values = array("I")
    values.frombytes(data)
    if sys.byteorder != "little":
        values.byteswap()
    return values


class Posting:
    """The units a key occurs in (ascending), how often in each, and how often in its own words."""

    __slots__ = ("counts", "df", "id", "own", "units")

    def __init__(self, key_id: int, units: array[int], counts: array[int], own: array[int], df: int) -> None:
        self.id, self.units, self.counts, self.own, self.df = key_id, units, counts, own, df


class Index:
    """Reads the index of a database; every row is checked before it is used (``Damaged`` if not)."""

    def __init__(self, con: sqlite3.Connection, units: int) -> None:
        self._con = con
        self._units = units  # as the database's info says: every array must have this length
        self._postings: dict[str, Posting | None] = {}
        self._dfs: dict[str, int] = {}

    @cached_property
    def _arrays(self) -> dict[str, array[int]]:
        found = {name: _array(_blob(data)) for name, data in rows(self._con, "SELECT name, data, checksum FROM arrays")}
        if set(found) != set(ARRAYS) or {len(a) for a in found.values()} != {self._units}:
            raise Damaged("arrays")
        return found

    @property
    def units(self) -> int:
        return self._units

    @cached_property
    def average_length(self) -> float:
        lengths = self._arrays["unit_length"]
        return sum(lengths) / len(lengths) if lengths else 0.0

    def length(self, unit: int) -> int:
        return self._arrays["unit_length"][unit]

    def section_of(self, unit: int) -> int:
        """The position of the unit's section in the report."""
        return self._arrays["unit_section"][unit]

    def year_of(self, unit: int) -> int | None:
        return self._arrays["unit_year"][unit] or None

    def report_of(self, unit: int) -> int:
        """The position of the unit's report in the corpus."""
        return self._arrays["unit_report"][unit]

    def posting(self, key: str) -> Posting | None:
        if key not in self._postings:
            self.prefetch([key])
        return self._postings[key]

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the postings of many keys at once (one query per 500 keys, not one per key)."""
        wanted = sorted({key for key in keys if key not in self._postings})
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ",".join("?" * len(part))
            for row in rows(
                self._con, f"SELECT key, id, df, units, counts, own, checksum FROM terms WHERE key IN ({marks})", part
            ):
                if row[0] in self._postings:
                    raise Damaged("terms")
                self._postings[row[0]] = self._checked_posting(row[0], row)
            for key in part:
                self._postings.setdefault(key, None)

    def _checked_posting(self, key: str, row: tuple[Any, ...]) -> Posting:
        found_key, key_id, df, units, counts, own = row
        units, counts, own = _array(_blob(units)), _array(_blob(counts)), _array(_blob(own))
        if found_key != key or not isinstance(key_id, int) or not len(units) == len(counts) == len(own):
            raise Damaged("terms")
        if not units or max(units) >= self.units or df != sum(1 for n in own if n):
            raise Damaged("terms")
        if any(n > total for n, total in zip(own, counts, strict=True)):
            raise Damaged("terms")
        return Posting(key_id, units, counts, own, df)

    def document_frequency(self, key: str) -> int:
        """How many units hold the key in their own words (not only in their notes or official words):
        the row's df, checked against its checksum and its size, without decoding its postings."""
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
                if key in self._dfs or not isinstance(df, int) or not 0 <= df <= len(_blob(units)) // 4:
                    raise Damaged("terms")
                self._dfs[key] = df
            for key in part:
                self._dfs.setdefault(key, 0)

    def keys_of(self, units: Iterable[int]) -> dict[int, bytes]:
        """Each unit's sequence of key ids, as little-endian 4-byte integers."""
        wanted = sorted(set(units))
        found: dict[int, bytes] = {}
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            for unit, keys in rows(
                self._con, f"SELECT unit, keys, checksum FROM unit_keys WHERE unit IN ({marks})", part
            ):
                found[unit] = _blob(keys)
        if set(found) != set(wanted) or any(len(found[u]) < 4 * self.length(u) for u in wanted):
            raise Damaged("unit_keys")
        return found

    def places(self, keys: bytes) -> list[tuple[str, bytes]]:
        """A unit's key sequence cut into its own words (``text``) and each attached text, by place."""
        found: list[tuple[str, bytes]] = []
        place, start = "text", 0
        for at in range(0, len(keys), 4):
            value = int.from_bytes(keys[at : at + 4], "little")
            if value in PLACES:
                found.append((place, keys[start:at]))
                place, start = PLACES[value], at + 4
        found.append((place, keys[start:]))
        return found

    def words_near(self, length: int, spread: tuple[float, float]) -> list[str]:
        """Vocabulary words whose length is within ``spread`` (as fractions) of ``length``, for suggestions."""
        low, high = int(length * spread[0]), int(length * spread[1]) + 1
        sql = "SELECT word, checksum FROM vocabulary WHERE length(word) BETWEEN ? AND ?"
        return [word for (word,) in rows(self._con, sql, (low, high)) if isinstance(word, str)]

    def key(self, word: str) -> str:
        """The comparison key of a query word, as the index made it (``text.stem``): an ideograph that
        the indexed text holds is looked up (so that a query need not load the traditional-to-
        simplified table); any other word is stemmed."""
        from reportcli import text as words_

        folded = words_.fold(word)
        if is_ideograph(folded):
            for found, key in rows(self._con, "SELECT char, key, checksum FROM ideographs WHERE char = ?", (folded,)):
                if found != folded or not isinstance(key, str) or len(key) != 1:
                    raise Damaged("ideographs")
                return key
        return words_.stem(word)

    def has_word(self, folded: str) -> bool:
        """Whether the indexed text holds this word (casefolded), as written."""
        found = list(rows(self._con, "SELECT word, checksum FROM vocabulary WHERE word = ?", (folded,)))
        return bool(found) and found[0][0] == folded

    def has_key(self, key: str) -> bool:
        return self.posting(key) is not None


def _blob(value: Any) -> bytes:
    if not isinstance(value, bytes) or len(value) % 4:
        raise Damaged("blob")
    return value
