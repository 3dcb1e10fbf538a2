"""Rows read back with their checksums: the shaped read (many rows of one shape) gives what the
general one gives, and refuses what the general one refuses and more: a value of any other type than
the shape's, even with a checksum made for it."""

import sqlite3

import pytest

from reportcli.db.checked import Damaged, rows, with_checksum

SHAPE = (str, int, int, bytes, bytes)
SQL = "SELECT key, id, df, units, counts, checksum FROM terms ORDER BY key"


def table(*values: tuple[object, ...], checksums: list[int] | None = None) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE terms (key, id, df, units, counts, checksum)")
    for n, row in enumerate(values):
        checked = with_checksum(row)
        if checksums is not None:
            checked = (*row, checksums[n])
        con.execute("INSERT INTO terms VALUES (?, ?, ?, ?, ?, ?)", checked)
    return con


def test_the_shaped_read_gives_what_the_general_read_gives() -> None:
    con = table(("养", 1, 2, b"\x01\x00\x02\x00", b"\x01\x01"), ("pension", 7, 0, b"\x05\x00", b""))
    assert (
        list(rows(con, SQL, shape=SHAPE))
        == list(rows(con, SQL))
        == [
            ("pension", 7, 0, b"\x05\x00", b""),
            ("养", 1, 2, b"\x01\x00\x02\x00", b"\x01\x01"),
        ]
    )


@pytest.mark.parametrize(
    "row",
    [
        ("养", 1, 2, "\x01\x00", b"\x01"),  # a blob stored as text (SQLite keeps whatever it is given)
        ("养", 1, "2", b"\x01\x00", b"\x01"),  # a number stored as text
        ("养", 1, None, b"\x01\x00", b"\x01"),
        ("养", 1, 2.0, b"\x01\x00", b"\x01"),
    ],
)
def test_a_value_of_another_type_is_damage_even_with_its_own_checksum(row: tuple[object, ...]) -> None:
    con = table(row)
    with pytest.raises(Damaged, match="another type"):
        list(rows(con, SQL, shape=SHAPE))


def test_a_row_that_does_not_match_its_checksum_is_damage() -> None:
    good = ("养", 1, 2, b"\x01\x00", b"\x01")
    con = table(good, checksums=[with_checksum(("养", 1, 2, b"\x01\x00", b"\x02"))[-1]])
    with pytest.raises(Damaged, match="checksum"):
        list(rows(con, SQL, shape=SHAPE))
    with pytest.raises(Damaged, match="checksum"):
        list(rows(con, SQL))


def test_a_shape_whose_blobs_are_not_last_is_refused_as_reportclis_own_mistake() -> None:
    with pytest.raises(ValueError, match="then blobs"):
        list(rows(table(), SQL, shape=(str, bytes, int, int, bytes)))
