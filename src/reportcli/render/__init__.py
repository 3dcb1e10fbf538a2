"""The one output layer: every command's result goes through ``emit``.

The format is chosen here, from the flags and from whether stdout is a terminal:
- ``table`` on a terminal (or with FORCE_COLOR set): a Rich table (colour unless NO_COLOR or --no-color);
- ``table`` off a terminal: plain tab-separated lines, no header, for grep and cut;
- ``json``, ``jsonl``, ``csv``, ``tsv``, ``markdown``: as asked, never with ANSI codes.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import IO, Any

from reportcli.render import flat


class OutputClosed(Exception):
    """Whoever read stdout has gone (a closed pipe)."""


class OutputFailed(Exception):
    """stdout cannot be written (a full disk, a broken device): the OS's reason is the message."""


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


class Output:
    """A command's result: ``document`` is what --json prints, ``items`` the records of the flat formats.

    ``kind`` names the shape (themes, statements, figures, hits, ...), which decides the columns and
    the Rich rendering; ``context`` carries facts a table may show beyond the records.
    """

    def __init__(
        self, kind: str, document: Any, items: list[dict[str, Any]], context: dict[str, Any] | None = None
    ) -> None:
        self.kind = kind
        self.document = document
        self.items = items
        self.context = context if context is not None else {}


def is_terminal(stream: IO[str]) -> bool:
    """A terminal, or FORCE_COLOR set (for `| less -R`): tables and, unless NO_COLOR, colour."""
    return stream.isatty() or bool(os.environ.get("FORCE_COLOR", ""))


def colour_wanted(no_color_flag: bool, stream: IO[str]) -> bool:
    if no_color_flag or os.environ.get("NO_COLOR", ""):
        return False
    return is_terminal(stream)


def output_is_table_on_terminal(fmt: Format | None, stream: IO[str] | None = None) -> bool:
    return (fmt or Format.table) is Format.table and is_terminal(stream or sys.stdout)


def emit(output: Output, fmt: Format | None, *, no_color: bool = False, stream: IO[str] | None = None) -> None:
    """Render ``output`` in the chosen format and write it to stdout."""
    out = stream or sys.stdout
    fmt = fmt or Format.table
    try:
        if output_is_table_on_terminal(fmt, out):
            from reportcli.render import tables

            tables.print_table(output, out, colour=colour_wanted(no_color, out))
        else:
            out.write(flat.render(output, fmt.value if fmt is not Format.table else "plain"))
        out.flush()
    except BrokenPipeError:
        raise OutputClosed from None
    except OSError as exc:
        raise OutputFailed(exc.strerror or str(exc)) from None
