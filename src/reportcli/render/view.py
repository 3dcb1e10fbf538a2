"""How one run prints: what it knows of its terminal (``Terminal``, read once), the formats, and the way
of printing chosen once from them and the flags (``choose_view``): a Rich table on a terminal (or with
FORCE_COLOR set), plain tab-separated lines when a table is asked for off a terminal, or the format
asked for; colour, the pager, the fields."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from enum import Enum
from typing import IO


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


class Terminal:
    """What this run knows of where its output goes, read once from the streams and the environment.

    (Plain classes, not NamedTuples, here and in ``View``: every run builds these, and a NamedTuple
    class costs ten times as much to define.)
    """

    __slots__ = ("colour", "height", "is_terminal", "is_tty", "stderr_is_terminal", "width")

    def __init__(
        self,
        *,
        is_terminal: bool,
        colour: bool,
        width: int,
        height: int,
        stderr_is_terminal: bool,
        is_tty: bool = False,
    ) -> None:
        self.is_terminal = is_terminal  # stdout is a terminal, or FORCE_COLOR asks to treat it as one (`| less -R`)
        self.colour = colour  # colour is wanted on it: a terminal, and NO_COLOR not set
        self.width = width
        self.height = height
        self.stderr_is_terminal = stderr_is_terminal  # where a progress bar may go
        self.is_tty = is_tty  # stdout really is a terminal (a pager may take long output)

    @classmethod
    def detect(
        cls, stdout: IO[str] | None = None, stderr: IO[str] | None = None, environ: Mapping[str, str] | None = None
    ) -> Terminal:
        env = os.environ if environ is None else environ
        out = stdout or sys.stdout
        tty = is_tty(out)
        is_terminal = tty or bool(env.get("FORCE_COLOR", ""))
        size = shutil.get_terminal_size()
        return cls(
            is_terminal=is_terminal,
            colour=is_terminal and not env.get("NO_COLOR", ""),
            width=_sane(size.columns, 80, 20, 1000),
            height=_sane(size.lines, 24, 5, 10_000),
            stderr_is_terminal=is_tty(stderr or sys.stderr),
            is_tty=tty,
        )


def _sane(value: int, fallback: int, least: int, most: int) -> int:
    """A terminal dimension to lay tables out in: COLUMNS=0, 1 or 10**9 gets a usable width, not a crash.

    A value below ``least`` is no real terminal's (a typo, a script's 0): the usual size is used."""
    if value < least:
        return fallback
    return min(value, most)


def is_tty(stream: IO[str] | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):  # a closed or odd stream is no terminal
        return False


class View:
    """How one command's result is printed: the way (table, plain, json...) and the terminal's facts."""

    __slots__ = ("colour", "fields", "formulas", "full", "official", "pager", "terminal", "way")

    def __init__(
        self,
        way: str,
        terminal: Terminal,
        colour: bool,
        formulas: bool = False,
        official: bool = False,
        fields: tuple[str, ...] | None = None,
        full: bool = False,
        pager: str | None = None,
    ) -> None:
        self.way = way  # table, plain, json, jsonl, csv, tsv or markdown
        self.terminal = terminal
        self.colour = colour
        self.formulas = formulas  # CSV/TSV cells that begin like a formula are left as they are
        self.official = official  # a table shows the official words under each statement
        self.fields = fields  # only these fields of each record (--fields)
        self.full = full  # whole statements in a search table, not snippets (--full)
        self.pager = pager  # the pager command for a table longer than the screen (None: none)


def choose_view(
    fmt: Format | None,
    no_color: bool,
    terminal: Terminal,
    *,
    formulas: bool = False,
    official: bool = False,
    fields: tuple[str, ...] | None = None,
    full: bool = False,
    pager: bool = True,
) -> View:
    """The one place that decides how a result is printed, from the format asked for and the terminal."""
    chosen = fmt or Format.table
    way = chosen.value
    if chosen is Format.table and not terminal.is_terminal:
        way = "plain"
    colour = way == "table" and terminal.colour and not no_color
    command = pager_command() if pager and way == "table" and terminal.is_tty else None
    return View(
        way, terminal, colour=colour, formulas=formulas, official=official, fields=fields, full=full, pager=command
    )


def pager_command() -> str | None:
    """$REPORTCLI_PAGER, else $PAGER, else less -FRX; None when one of them is set empty or to cat."""
    for name in ("REPORTCLI_PAGER", "PAGER"):
        if name in os.environ:
            command = os.environ[name].strip()
            return None if command in ("", "cat") else command
    return "less -FRX"
