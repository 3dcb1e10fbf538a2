"""Every environment variable reportcli reads, in one list: the man page's ENVIRONMENT section and
docs/ENVIRONMENT.md are written from it (docs/generate.py), and a test holds it to the code (each name
the code reads is here, and each REPORTCLI_ name here is read)."""

from __future__ import annotations

from typing import NamedTuple


class Variable(NamedTuple):
    name: str
    meaning: str
    option: str | None = None  # the option that says the same, which wins over it


VARIABLES = (
    Variable(
        "REPORTCLI_DATA",
        "A report file, or a directory of report files, to read instead of the embedded summary; empty "
        "counts as unset.",
        "--data",
    ),
    Variable(
        "REPORTCLI_CORPUS",
        "1 (or true, yes, on): read the imported corpus with the embedded summary, as --corpus does, on every run.",
        "--corpus",
    ),
    Variable(
        "REPORTCLI_CORPUS_DIR",
        "Where the corpus lives: reports/ (the report files 'corpus fetch' and 'import' write) and "
        "downloads/. Default: $XDG_DATA_HOME/reportcli, else ~/.local/share/reportcli. Refused unless it "
        "is yours and private.",
    ),
    Variable(
        "REPORTCLI_CACHE_DIR",
        "Where parsed reports are cached. Default: $XDG_CACHE_HOME/reportcli, else ~/.cache/reportcli. "
        "Refused unless it is yours and private.",
    ),
    Variable(
        "REPORTCLI_NO_CACHE", "1 (or anything but 0, false, no, off): neither read nor write the cache.", "--no-cache"
    ),
    Variable(
        "REPORTCLI_PAGER",
        "The pager for a table longer than the screen; empty or cat: none. Read before PAGER.",
        "--no-pager",
    ),
    Variable("REPORTCLI_DEBUG", "Set: a traceback on an internal error, as --debug shows.", "--debug"),
    Variable("PAGER", "The pager, when REPORTCLI_PAGER is unset; default: less -FRX.", "--no-pager"),
    Variable("LESS", "Options for less (default: FRX: quit when the text fits, keep colours and the screen)."),
    Variable("LESSCHARSET", "The character set less reads (default: utf-8)."),
    Variable("NO_COLOR", "Set (to anything but empty): no colour, on a terminal too.", "--no-color"),
    Variable("FORCE_COLOR", "Set: the terminal's tables (and colour, unless NO_COLOR) even when piped, for less -R."),
    Variable("COLUMNS", "The terminal's width, when it cannot be read from the terminal (tables are laid out to it)."),
    Variable("LINES", "The terminal's height: a search shows a screenful of hits without a pager."),
    Variable("TERM", "The terminal's kind: how many colours it shows (Rich reads it; also COLORTERM)."),
    Variable("XDG_DATA_HOME", "The base of the corpus directory, when REPORTCLI_CORPUS_DIR is unset."),
    Variable("XDG_CACHE_HOME", "The base of the cache directory, when REPORTCLI_CACHE_DIR is unset."),
    Variable("HOME", "The base of both directories, when the variables above are unset."),
    Variable(
        "HTTPS_PROXY",
        "The proxy 'corpus fetch' downloads through (also HTTP_PROXY and NO_PROXY, as urllib reads them).",
    ),
)
