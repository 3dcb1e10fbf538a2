"""Rows that carry their own checksum, so that a database read back from disk is verified as it is read.

Every row ``store.build`` writes ends with a CRC-32 of its other values (with their types). Reading a
row recomputes it: any change to a value, or a value of another type (SQLite would store whatever
bytes it is given), is ``Damaged``, as is any error SQLite raises on a malformed file. Only the rows a
query reads are checked, so a query on a large corpus never reads the whole file.
"""

import sqlite3
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any


class Damaged(Exception):
    """A database read back from the cache holds something ``store.build`` never writes."""


def checksum(values: Sequence[Any]) -> int:
    """CRC-32 of the values with their types: ``repr`` tells 42 from '42' and None from 'None'; the
    bytes of a blob are added after it (a blob's repr would be four times its size)."""
    plain: list[Any] = []
    blobs: list[bytes] = []
    for value in values:
        kind = type(value)
        if kind is bytes:
            plain.append(len(value))
            blobs.append(value)
        elif kind is str or kind is int or kind is float or value is None:
            plain.append(value)
        else:
            raise Damaged("a value of another type in a row")
    crc = zlib.crc32(repr(tuple(plain)).encode("utf-8", "surrogatepass"))
    for blob in blobs:
        crc = zlib.crc32(blob, crc)
    return crc


def checksum_of(plain: tuple[Any, ...], blobs: Sequence[bytes] = ()) -> int:
    """``checksum`` of a row whose values are known to be text, numbers or None (``plain``, each blob
    as its length, in place) and the blobs themselves, in order: the same number, without the checks,
    for a builder writing many rows of a known shape."""
    crc = zlib.crc32(repr(plain).encode("utf-8", "surrogatepass"))
    for blob in blobs:
        crc = zlib.crc32(blob, crc)
    return crc


def with_checksum(values: Sequence[Any]) -> tuple[Any, ...]:
    return (*values, checksum(values))


def rows(
    con: sqlite3.Connection, sql: str, params: Sequence[Any] = (), shape: tuple[type, ...] | None = None
) -> Iterator[tuple[Any, ...]]:
    """The rows of a query whose last column is the checksum of the others: verified, without it.

    ``shape``: the type of every value of every row, blobs last (a query of NOT NULL columns that
    reads many rows, such as the postings of many keys): checked with one comparison a row, the same
    checksum in fewer steps."""
    summed = checksum if shape is None else _shaped(shape)
    try:
        for row in con.execute(sql, params):
            values = row[:-1]
            if row[-1] != summed(values):
                raise Damaged("a row does not match its checksum")
            yield values
    except sqlite3.Error as exc:  # a malformed page, or a run that went on too long
        raise Damaged(str(exc)) from None
    except (ValueError, OverflowError, MemoryError, UnicodeError) as exc:
        raise Damaged(str(exc)) from None


def _shaped(shape: tuple[type, ...]) -> Callable[[Sequence[Any]], int]:
    """``checksum`` of rows of this shape: the types compared at once, the blobs' lengths in place."""
    first_blob = shape.index(bytes) if bytes in shape else len(shape)
    if any(kind is not bytes for kind in shape[first_blob:]) or not set(shape) <= {str, int, float, bytes}:
        raise ValueError(f"a shape of plain values, then blobs: {shape}")  # reportcli's own mistake

    def summed(values: Sequence[Any]) -> int:
        if tuple(map(type, values)) != shape:
            raise Damaged("a value of another type in a row")
        blobs = values[first_blob:]
        return checksum_of((*values[:first_blob], *map(len, blobs)), blobs)

    return summed
