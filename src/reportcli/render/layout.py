"""The one rule for laying records out on a terminal: a table when every column gets the width its values
need, else each record stacked (its head line, then its fields, flowed); no value is ever cut.

A column holds either *values* (refs, years, ids, numbers, figures, caveat kinds, terms), which are never
broken, or *prose* (titles, statements), which wraps between words, and in Chinese between characters,
as any text on a terminal does: no letter of it is lost. A table is drawn only when the value columns
get their widest value and each prose column at least its longest word (and its ``floor``); below that
width the records are stacked, as ``git log --stat`` stacks what ``git log --oneline`` puts on one
line. The widths are worked out here, not left to Rich, which would shrink a column below its widest
value (``6.5-`` for 6.5-7%) or drop it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

INDENT = 4  # the fields of a stacked record, under its head line
GAP = 3  # spaces between two fields flowed on one line


class Column(NamedTuple):
    """One column: its header and how its cells may be laid out."""

    header: str
    whole: bool = True  # values, never broken; False: prose, which wraps
    justify: str = "left"
    style: str = ""
    floor: int = 0  # prose: the least width it gets in a table (it wraps at that width, never cut)
    cap: int | None = None  # prose: the most width it takes in a table when others need it
    ratio: int = 0  # prose: a share of the room left over, in a table that fills the terminal (expand)
    label: bool = True  # stacked: the value after its header ("Speaker 李强"); False: the value alone
    least: int = 0  # the least width in a table whatever its values (parts of one result drawn alike)


class Records(NamedTuple):
    """Records to lay out: the columns, a row of cells per record, and how a record stacks."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[Text]]
    head: tuple[int, ...] = (0,)  # stacked: the columns of a record's first line, in this order
    title: Text | None = None
    caption: Text | None = None
    expand: bool = False  # a table as wide as the terminal (prose columns with a ratio take the rest)
    stacked: Callable[[int], RenderableType] | None = None  # a kind's own stacked record (by row), if any
    header: bool = True  # a table's header row (False: a later part of a result drawn in parts)


def _lines(text: Text) -> list[str]:
    return text.plain.split("\n")


def _widest(text: Text) -> int:
    return max((cell_len(line) for line in _lines(text)), default=0)


def _longest_word(text: str | Text) -> int:
    """The widest word of prose that may not be broken: Latin words, numbers, refs. A run of Chinese
    characters wraps between any two of them, as Chinese does."""
    plain = text.plain if isinstance(text, Text) else text
    longest = 0
    for word in plain.split():
        if all(cell_len(c) == 1 for c in word):
            longest = max(longest, cell_len(word))
        else:
            longest = max(longest, *(cell_len(c) for c in word))
    return longest


def overhead(columns: int) -> int:
    """The cells a SIMPLE_HEAD table spends on padding and edges: one on each side of every column, a
    separator between two, an edge at each end."""
    return 3 * columns + 1


def _needs(records: Records) -> tuple[list[int], list[int]]:
    """Each column's least width in a table (its widest value; for prose, its longest word and its
    floor) and its natural width (for prose: all of its longest line, up to its cap)."""
    needs: list[int] = []
    naturals: list[int] = []
    for i, column in enumerate(records.columns):
        cells = [row[i] for row in records.rows]
        header = _longest_word(column.header)
        if column.whole:  # (its header is never broken either: Rich would cut it with the column)
            need = max([cell_len(column.header), column.least, *(_widest(c) for c in cells)])
            needs.append(need)
            naturals.append(need)
            continue
        natural = max([cell_len(column.header), *(_widest(c) for c in cells)])
        word = max([header, *(_longest_word(c) for c in cells)])
        need = max(word, min(column.floor, natural), column.least)
        if column.cap is not None:
            natural = min(natural, column.cap)
        needs.append(need)
        naturals.append(max(natural, need))
    return needs, naturals


def widths(records: Records, width: int) -> list[int] | None:
    """Each column's width in a table ``width`` cells wide, or None when the table would have to cut a
    value or break a word there (the records are then stacked)."""
    columns = records.columns
    needs, naturals = _needs(records)
    room = width - overhead(len(columns))
    if sum(needs) > room:
        return None
    given = list(needs)
    spare = room - sum(given)
    # prose columns grow towards their natural width, sharing the room evenly: a column that wants less
    # than its share gets all it wants, and what it leaves goes to the others (a short label is never
    # squeezed for a long statement's sake)
    wanting = {i: naturals[i] - given[i] for i, c in enumerate(columns) if not c.whole and naturals[i] > given[i]}
    while spare > 0 and wanting:
        share = spare // len(wanting)
        satisfied = [i for i, want in wanting.items() if want <= share]
        if not satisfied:
            for n, i in enumerate(sorted(wanting)):
                given[i] += share + (1 if n < spare - share * len(wanting) else 0)
            spare = 0
            break
        for i in satisfied:
            given[i] += wanting.pop(i)
        spare = room - sum(given)
    if records.expand and spare > 0:
        ratios = [(i, c.ratio) for i, c in enumerate(columns) if c.ratio]
        total = sum(r for _, r in ratios)
        extras = [spare * r // total for _, r in ratios]
        if extras:
            extras[-1] += spare - sum(extras)  # what the division left goes to the last
        for (i, _r), extra in zip(ratios, extras, strict=True):
            given[i] += extra
    return given


def table(records: Records, given: Sequence[int]) -> Table:
    """The records as a table, each column exactly as wide as ``widths`` found (its title, if any, goes
    above it as a line of its own: a table's title would wrap at the table's width)."""
    drawn = Table(box=box.SIMPLE_HEAD, header_style="bold", caption_justify="left", show_header=records.header)
    for column, size in zip(records.columns, given, strict=True):
        drawn.add_column(
            column.header,
            justify=column.justify,  # type: ignore[arg-type]
            style=column.style,
            width=size,
            no_wrap=column.whole,
            overflow="fold",
        )
    for row in records.rows:
        drawn.add_row(*row)
    if records.caption is not None:
        drawn.caption = records.caption
    return drawn


def _field(column: Column, value: Text) -> list[Text]:
    """A value with its header before it, as the lines it takes (a value of several lines keeps them,
    aligned under its first)."""
    lines = list(value.split("\n")) if "\n" in value.plain else [value]
    if not column.label:
        return lines
    label = f"{column.header} "
    first = Text.assemble((label, "dim"), lines[0])
    return [first, *(Text.assemble(" " * cell_len(label), line) for line in lines[1:])]


def flow(blocks: Sequence[list[Text]], width: int, gap: int = GAP) -> list[Text]:
    """Blocks of lines set side by side, left to right, a new band of them when the next does not fit
    beside the others; a block wider than ``width`` gets a band of its own (and folds there)."""
    bands: list[list[list[Text]]] = []
    used = 0
    for block in blocks:
        size = max((cell_len(line.plain) for line in block), default=0)
        if bands and bands[-1] and used + gap + size <= width:
            bands[-1].append(block)
            used += gap + size
        else:
            bands.append([block])
            used = size
    lines: list[Text] = []
    for band in bands:
        sizes = [max((cell_len(line.plain) for line in block), default=0) for block in band]
        for n in range(max(len(block) for block in band)):
            line = Text()
            for k, (block, size) in enumerate(zip(band, sizes, strict=True)):
                piece = block[n] if n < len(block) else Text()
                if k:
                    line.append(" " * gap)
                line.append_text(piece)
                if k < len(band) - 1:
                    line.append(" " * (size - cell_len(piece.plain)))
            line.rstrip()
            lines.append(line)
    return lines


def stacked_record(records: Records, row: int, width: int) -> RenderableType:
    """One record stacked: its head line (the ``head`` columns), then its values flowed and its prose on
    lines of its own, indented."""
    cells = records.rows[row]
    head = Text(overflow="fold")
    for i in records.head:
        if cells[i].plain:
            if head.plain:
                head.append("  ")
            piece = cells[i].copy()
            piece.stylize(records.columns[i].style)
            head.append_text(piece)
    body: list[RenderableType] = []
    values: list[list[Text]] = []
    room = max(width - INDENT, 1)

    def flush() -> None:
        if values:
            body.extend(flow(values, room))
            values.clear()

    for i, column in enumerate(records.columns):
        if i in records.head or not cells[i].plain:
            continue
        value = cells[i].copy()
        value.stylize(column.style)
        if column.whole:
            values.append(_field(column, value))
        else:
            flush()
            value.overflow = "fold"
            if column.label:  # the header beside the prose, which wraps (or folds) in its own column
                grid = Table.grid(padding=(0, 2))
                grid.add_column(style="dim", no_wrap=True)
                grid.add_column(ratio=1, overflow="fold")
                grid.add_row(column.header, value)
                body.append(grid)
            else:
                body.append(value)
    flush()
    for line in body:
        if isinstance(line, Text):
            line.overflow = "fold"
    return Group(head, Padding(Group(*body), (0, 0, 1, INDENT)))


def lay_out(records: Records, width: int) -> RenderableType:
    """The records as a table if it fits ``width`` without cutting a value, else stacked."""
    given = widths(records, width)
    if given is not None:
        drawn = table(records, given)
        return drawn if records.title is None else Group(records.title, drawn)
    parts: list[RenderableType] = []
    if records.title is not None:
        parts.append(records.title)
    for row in range(len(records.rows)):
        parts.append(records.stacked(row) if records.stacked else stacked_record(records, row, width))
    if records.caption is not None:
        parts.append(records.caption)
    return Group(*parts)
