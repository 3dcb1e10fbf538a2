"""Reading a YAML file strictly: plain data only, every failure a one-line DataError.

The document is built straight from the parser's events, with no node graph in between: that
is several times faster and smaller than PyYAML's loaders, and it lets every rule apply the
moment the parser meets the offending text:

- only the standard scalar types (str, int, float, bool, null, timestamp) are built; any other
  tag is refused, so no tag can construct a Python object;
- anchors and aliases are refused, so a "billion laughs" file fails before anything is expanded;
- a key repeated in one mapping is refused instead of silently overwriting the first;
- a key that is itself a list or a mapping is refused;
- numbers are read only in plain decimal form: YAML 1.1 also reads ``33:44`` (base 60) as 2024,
  ``0777`` as 511 and ``0x7E8`` as 2024, which a person writing a year or a count never means; such
  a form is refused with a hint to write plain digits or to quote text. An integer of more than
  MAX_DIGITS digits is refused too (Python will not even print one of more than 4,300).

libyaml's C parser is used when PyYAML was built with it; the pure parser otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
import yaml.reader
from yaml import events
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from reportcli.errors import DataError

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

_TAG = "tag:yaml.org,2002:"
_STR, _NULL = _TAG + "str", _TAG + "null"
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_CONTAINER_TAGS = {None, "!", _TAG + "map", _TAG + "seq"}
_INT, _FLOAT = _TAG + "int", _TAG + "float"
_NO_KEY = object()
MAX_DIGITS = 30
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(
    r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)


class _Refused(Exception):
    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem, self.mark = problem, mark


Progress = Callable[[float], None]  # told the fraction of the text parsed so far


def parse(text: str, name: str, progress: Progress | None = None) -> Any:
    """Parse one YAML document into plain Python data (dict, list, str, int, float, bool, None, date)."""
    parser = None
    try:
        parser = _Parser(text)  # the pure parser checks the characters here, libyaml as it goes
        return _build(parser, progress, len(text) or 1)
    except _Refused as exc:
        raise DataError(f"{_where(name, exc.mark)}: invalid YAML: {exc.problem}") from None
    except yaml.MarkedYAMLError as exc:
        problem = "; ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        raise DataError(
            f"{_where(name, exc.problem_mark or exc.context_mark)}: invalid YAML: {_one_line(problem)}"
        ) from None
    except yaml.reader.ReaderError as exc:
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise DataError(
            f"{name}: invalid YAML: control character U+{code:04X} at offset {exc.position} is not allowed"
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(f"{name}: invalid YAML: {_one_line(str(exc))}") from None
    finally:
        if parser is not None:
            parser.dispose()


class _Builder:
    """Builds the document from the parser's events, with a stack of open containers."""

    def __init__(self) -> None:
        self.resolve = Resolver().resolve
        self.construct = SafeConstructor()
        self.stack: list[Any] = []  # open lists and dicts
        self.pending: list[Any] = []  # per open container: the key waiting for its value (_NO_KEY for lists)
        self.root: Any = None
        self.documents = 0

    def add(self, value: Any, mark: Any) -> None:
        if not self.stack:
            self.root = value
            return
        container = self.stack[-1]
        if type(container) is list:
            container.append(value)
        elif self.pending[-1] is _NO_KEY:
            try:
                hash(value)
            except TypeError:
                raise _Refused("a key must be a plain value, not a list or a mapping", mark) from None
            if value in container:
                raise _Refused(f"duplicate key {value!r}", mark)
            self.pending[-1] = value
        else:
            container[self.pending[-1]] = value
            self.pending[-1] = _NO_KEY

    def scalar(self, event: events.ScalarEvent) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        if tag == _STR:
            value: Any = event.value
        elif tag == _NULL:
            value = None
        elif tag in _SCALAR_TAGS:
            _check_number(tag, event)
            value = self.construct.construct_object(ScalarNode(tag, event.value))
        else:
            raise _Refused(f"the tag {tag!r} is not allowed", event.start_mark)
        self.add(value, event.start_mark)

    def open(self, event: events.CollectionStartEvent) -> None:
        if event.tag not in _CONTAINER_TAGS:
            raise _Refused(f"the tag {event.tag!r} is not allowed", event.start_mark)
        container: Any = {} if type(event) is events.MappingStartEvent else []
        self.add(container, event.start_mark)
        self.stack.append(container)
        self.pending.append(_NO_KEY)

    def close(self, _: events.Event) -> None:
        self.stack.pop()
        self.pending.pop()

    def document(self, event: events.Event) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _Refused("expected a single document in the stream; but found another document", event.start_mark)


def _check_number(tag: str, event: events.ScalarEvent) -> None:
    """Numbers only in plain decimal form, and integers of at most MAX_DIGITS digits."""
    text = event.value
    if tag == _INT:
        if not _PLAIN_INT.fullmatch(text):
            raise _Refused(f"{_shown(text)} is not a plain decimal number: {_HINT}", event.start_mark)
        digits = len(text.lstrip("+-"))
        if digits > MAX_DIGITS:
            raise _Refused(
                f"an integer of {digits:,} digits; reportcli reads integers of up to {MAX_DIGITS} digits "
                "(quote it if it is text)",
                event.start_mark,
            )
    elif tag == _FLOAT and not _PLAIN_FLOAT.fullmatch(text):
        raise _Refused(f"{_shown(text)} is not a plain decimal number: {_HINT}", event.start_mark)


_HINT = (
    "YAML 1.1 would read it in base 60, 16, 8 or 2 or with underscores; write plain digits, or quote it if it is text"
)


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _build(parser: Any, progress: Progress | None, size: int) -> Any:
    builder = _Builder()
    handlers: dict[type, Callable[[Any], None]] = {
        events.ScalarEvent: builder.scalar,
        events.MappingStartEvent: builder.open,
        events.SequenceStartEvent: builder.open,
        events.MappingEndEvent: builder.close,
        events.SequenceEndEvent: builder.close,
        events.DocumentStartEvent: builder.document,
    }
    count = 0
    while True:
        event = parser.get_event()
        kind = type(event)
        count += 1
        if progress is not None and count % 50_000 == 0:
            progress(event.start_mark.index / size)
        if kind is events.AliasEvent:
            raise _Refused("aliases (*name) are not allowed", event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise _Refused("anchors (&name) are not allowed", event.start_mark)
        if kind is events.StreamEndEvent:
            return builder.root
        handler = handlers.get(kind)
        if handler is not None:
            handler(event)


def _where(name: str, mark: Any) -> str:
    return f"{name}:{mark.line + 1}:{mark.column + 1}" if mark is not None else name


def _one_line(text: str) -> str:
    return " ".join(text.split())
