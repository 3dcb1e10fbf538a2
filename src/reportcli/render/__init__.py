"""The one output layer: every command's result goes through ``emit``.

What the run knows of its terminal is read once (``Terminal.detect``), and the way of printing is
chosen once from it and the flags (``choose_view``):
- ``table`` on a terminal (or with FORCE_COLOR set): a Rich table (colour unless NO_COLOR or --no-color);
- ``plain`` when a table is asked for off a terminal: tab-separated lines, no header, for grep and cut;
- ``json``, ``jsonl``, ``csv``, ``tsv``, ``markdown``: as asked, never with ANSI codes.

Renderers only lay out what a ``Result`` holds: anything about the report (labels, totals, top
terms) is worked out by the query that made the result.
"""

from __future__ import annotations

import io
import os
import sys
from typing import IO, TYPE_CHECKING

from reportcli.model import Result
from reportcli.render import flat
from reportcli.render.escape import visible
from reportcli.render.view import Format, Terminal, View, choose_view, is_tty, pager_command

if TYPE_CHECKING:
    import subprocess  # only when a pager is started


class OutputClosed(Exception):
    """Whoever read stdout has gone (a closed pipe)."""


class OutputFailed(Exception):
    """stdout cannot be written (a full disk, a broken device): the OS's reason is the message."""


class GuardedOutput:
    """Standard output that reports failure as OutputClosed or OutputFailed, whoever writes to it.

    Installed once by the console script, so that a result, --help and --version alike end the same
    way on a closed pipe, a full disk or a closed descriptor (``>&-``), with the funnel's exit code.
    """

    def __init__(self, stream: IO[str] | None) -> None:
        self._stream = stream  # None: the descriptor was closed before the program started

    def write(self, text: str) -> int:
        stream = self._target()
        try:
            return stream.write(text)
        except BrokenPipeError:
            raise OutputClosed from None
        except OSError as exc:
            raise OutputFailed(exc.strerror or str(exc)) from None

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise OutputClosed from None
        except OSError as exc:
            raise OutputFailed(exc.strerror or str(exc)) from None

    def _target(self) -> IO[str]:
        if self._stream is None:
            raise OutputFailed("standard output is closed")
        return self._stream

    def isatty(self) -> bool:
        return self._stream is not None and is_tty(self._stream)

    def fileno(self) -> int:
        return self._target().fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:
        return getattr(self._stream, "errors", None)

    @property
    def buffer(self) -> object:
        return self._target().buffer  # type: ignore[attr-defined]

    def writable(self) -> bool:
        return True


def _pager(command: str) -> subprocess.Popen[bytes] | None:
    """The pager started, reading its standard input (less in UTF-8, raw colours, quitting when a page
    holds it all); None if it cannot be started."""
    import shlex
    import subprocess

    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX"), "LESSCHARSET": os.environ.get("LESSCHARSET", "utf-8")}
    try:
        return subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        message(f"the pager {command!r} could not be started ({why}); printed without it (--no-pager skips it)")
        return None


def _paged(text: str, command: str) -> bool:
    """Show ``text`` through the pager; False if it cannot be started (then it is printed as it is)."""
    pager = _pager(command)
    if pager is None:
        return False
    assert pager.stdin is not None
    try:
        pager.stdin.write(text.encode("utf-8"))
        pager.stdin.close()
    except (BrokenPipeError, OSError):  # the reader quit the pager early: fine
        pass
    pager.wait()
    return True


MESSAGE_LIMIT = 600  # characters: a 100 KB argument quoted back is cut in the middle


def message(text: str, prefix: str = "reportcli") -> None:
    """One line on stderr, after the program's name; control characters shown, never sent.

    The only writer of messages: errors, warnings and notes all come through here. A message never
    fails the command: when stderr is closed or full, it is lost, and the exit code still tells."""
    line = " ".join(text.split())
    if len(line) > MESSAGE_LIMIT:
        cut = len(line) - MESSAGE_LIMIT
        line = f"{line[: MESSAGE_LIMIT - 150]} …[{cut:,} characters left out]… {line[-150:]}"
    try:
        sys.stderr.write(visible(f"{prefix}: {line}") + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


SCREEN_MARGIN = 2  # lines of a screenful left free: the "showing N of M" line and the shell's prompt


def screenful(result: Result, view: View) -> Result:
    """On a terminal without a pager, a result that asks for it shows only as many items as fit on one
    screen, measured on the table as drawn (with a pager, all of them: the pager scrolls)."""
    if view.way != "table" or not result.fact("screenful") or view.pager:
        return result
    from reportcli.render import tables

    fits = tables.items_that_fit(result, view, view.terminal.height - SCREEN_MARGIN)
    return result._replace(items=result.items[:fits])


def _rendered(result: Result, view: View) -> str:
    from reportcli.render import tables

    buffer = io.StringIO()
    tables.print_table(result, view, buffer)
    return buffer.getvalue()


def _trimmed(text: str, *, end: bool) -> str:
    """A table's text without its blank last line (``end``) or first line: parts that join as one table."""
    lines = text.splitlines(keepends=True)
    at = -1 if end else 0
    if lines and not lines[at].strip():
        del lines[at]
    return "".join(lines)


PART = 500  # hits built, rendered and sent to the pager at a time, after the first screen


def _paged_in_parts(result: Result, view: View, command: str) -> Result | None:
    """A long result whose later items are built when asked (fact ``more``): its first items rendered and
    in the pager at once, the rest built, rendered and sent after them, ``PART`` at a time (when the
    fact can give parts), while the first screen is read; once the reader quits the pager, nothing
    more is built. The result as shown; None when it was not paged (it fits the screen, or the pager
    will not start)."""
    facts = result.facts or {}
    head = _rendered(result._replace(facts={**facts, "open": True}), view)
    if head.count("\n") < view.terminal.height:
        return None
    pager = _pager(command)
    if pager is None:
        return None
    assert pager.stdin is not None
    parts = result.fact("more").parts(PART)  # search.rank.LaterHits
    rest: list[dict[str, object]] = []
    quit_early = False
    try:
        pager.stdin.write(_trimmed(head, end=True).encode("utf-8"))
        pager.stdin.flush()
        part = next(parts, None)
        while part is not None:
            if pager.poll() is not None:  # the reader quit the pager: nothing more is built
                quit_early = True
                break
            following = next(parts, None)
            rest += part
            last = following is None  # the legend under the last part, worked out over every item
            shown = {**facts, "continued": True, **({"all": [*result.items, *rest]} if last else {"open": True})}
            text = _trimmed(_rendered(result._replace(items=part, facts=shown), view), end=False)
            pager.stdin.write((text if last else _trimmed(text, end=True)).encode("utf-8"))
            pager.stdin.flush()
            part = following
        pager.stdin.close()
    except (BrokenPipeError, OSError):  # the reader quit the pager while a part was written: fine
        quit_early = True
    pager.wait()
    if quit_early:  # what the reader saw of it was their choice: no "showing N of M" under it
        return result._replace(items=[*result.items, *rest], facts={**facts, "total": None})
    return result._replace(items=[*result.items, *rest])


def _with_the_rest(result: Result, view: View) -> tuple[Result, bool]:
    """A result whose later items are built when asked (fact ``more``): in the pager in parts when it
    goes to one, else whole (or, cut to a screenful, as it is). The result as shown, and whether it
    has been written."""
    if view.way == "table" and not view.pager and result.fact("screenful"):
        return result, False  # a screenful, cut from the first items: the rest is never needed
    if view.way == "table" and view.pager and (paged := _paged_in_parts(result, view, view.pager)) is not None:
        return paged, True
    return result._replace(items=[*result.items, *result.fact("more")()]), False


def emit(result: Result, view: View, *, stream: IO[str] | None = None) -> None:
    """Render ``result`` as ``view`` says and write it to stdout; say on stderr what was left out."""
    out = stream or sys.stdout
    result = screenful(result, view)
    try:
        written = False
        if result.fact("more") is not None:
            result, written = _with_the_rest(result, view)
        if written:
            pass
        elif view.way == "table" and view.pager:
            text = _rendered(result, view)
            if text.count("\n") < view.terminal.height or not _paged(text, view.pager):
                out.write(text)
        elif view.way == "table":
            from reportcli.render import tables

            tables.print_table(result, view, out)
        else:
            out.write(flat.render(result, view.way, formulas=view.formulas, fields=view.fields))
        out.flush()
    except BrokenPipeError:
        raise OutputClosed from None
    except OSError as exc:
        raise OutputFailed(exc.strerror or str(exc)) from None
    _notes(result, view)


def _notes(result: Result, view: View) -> None:
    """What a result says on stderr beside what it printed: what it searched, what it left out."""
    if summary := result.fact("summary"):
        message(summary)
    if repeated := result.fact("repeated"):
        message(repeated)
    if view.way == "table":  # what an English query searched through the glossary: JSON says it per hit
        for line in result.fact("searched") or []:
            message(line)
    if english_only := result.fact("english_only"):
        message(english_only)
    if caveated := result.fact("caveated"):
        message(caveated)
    if (unread := result.fact("unread")) and view.way != "table":  # a table says it under itself
        message(unread)
    if phrase := result.fact("phrase"):
        message(phrase)
    if (hint := result.fact("hint")) and view.way == "table":  # for a person reading, not for a pipe
        message(hint)
    total = result.fact("total")
    if isinstance(total, int) and len(result.items) < total:
        noun = result.fact("noun", "items")
        message(f"showing {len(result.items)} of {total} {noun}; --limit {total} shows all")


__all__ = [
    "Format",
    "GuardedOutput",
    "OutputClosed",
    "OutputFailed",
    "Terminal",
    "View",
    "choose_view",
    "emit",
    "message",
    "pager_command",
]
