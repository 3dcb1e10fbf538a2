"""The domain error types, and the exit codes every command keeps."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # results found
    NO_RESULTS = 1  # a query ran but found nothing
    USAGE = 2  # bad usage or bad data
    INTERNAL = 3  # a bug in reportcli: rerun with --debug
    INTERRUPTED = 130  # Ctrl-C


class ReportError(Exception):
    """Anything a user can cause: a bad file, a bad flag, a bad query.

    The CLI prints ``str(error)`` as one line on stderr, then each line of ``also`` (what else the user
    may try), and exits with ``exit_code``.
    """

    exit_code: ExitCode = ExitCode.USAGE
    also: tuple[str, ...] = ()


class DataError(ReportError):
    """The data file cannot be read or is not a valid report."""


class QueryError(ReportError):
    """A query or an option value that cannot be answered (unknown theme, bad year...)."""


class NothingFound(ReportError):
    """A query ran and found nothing: not a failure of the user's, but exit code 1 for scripts."""

    exit_code = ExitCode.NO_RESULTS
