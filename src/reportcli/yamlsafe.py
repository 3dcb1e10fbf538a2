"""Reading a YAML file strictly: plain data only, every failure a one-line DataError.

The document is built straight from the parser's events, with no node graph in between: that
is several times faster and smaller than PyYAML's loaders, and it lets every rule apply the
moment the parser meets the offending text:

- only the standard scalar types (str, int, float, bool, null, timestamp) are built; any other
  tag is refused, so no tag can construct a Python object;
- anchors and aliases are refused, so a "billion laughs" file fails before anything is expanded;
- a key repeated in one mapping is refused instead of silently overwriting the first;
- a key that is itself a list or a mapping is refused.

libyaml's C parser is used when PyYAML was built with it; the pure parser otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
import yaml.reader
from yaml import events
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from reportcli.errors import DataError

MAX_BYTES = 128 * 1024 * 1024  # larger files are refused before they are read

try:
    from yaml._yaml import CParser as _Parser

    LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

    LIBYAML = False

_TAG = "tag:yaml.org,2002:"
_STR, _NULL = _TAG + "str", _TAG + "null"
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_CONTAINER_TAGS = {None, "!", _TAG + "map", _TAG + "seq"}
_NO_KEY = object()


class _Refused(Exception):
    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem, self.mark = problem, mark


def read_text(path: Path) -> str:
    """The file's text, decoded as strict UTF-8 (a leading byte-order mark is dropped)."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DataError(f"{path}: is a directory, not a report file")
        if size > MAX_BYTES:
            raise DataError(
                f"{path}: file is {size / 2**20:.1f} MiB; reportcli reads report files up to {MAX_BYTES // 2**20} MiB"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except PermissionError:
        raise DataError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory, not a report file") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text (invalid byte at offset {exc.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise DataError(f"{path}: file is empty")
    return text


def parse(text: str, name: str) -> Any:
    """Parse one YAML document into plain Python data (dict, list, str, int, float, bool, None, date)."""
    parser = _Parser(text)
    try:
        return _build(parser)
    except _Refused as exc:
        raise DataError(f"{_where(name, exc.mark)}: invalid YAML: {exc.problem}") from None
    except yaml.MarkedYAMLError as exc:
        problem = "; ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        raise DataError(f"{_where(name, exc.problem_mark or exc.context_mark)}: invalid YAML: {_one_line(problem)}") from None
    except yaml.reader.ReaderError as exc:
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise DataError(
            f"{name}: invalid YAML: control character U+{code:04X} at offset {exc.position} is not allowed"
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(f"{name}: invalid YAML: {_one_line(str(exc))}") from None
    finally:
        parser.dispose()


def _build(parser: Any) -> Any:
    """Build the document from the parser's events, with a stack of open containers."""
    resolve = Resolver().resolve
    construct = SafeConstructor()
    stack: list[Any] = []  # open lists and dicts
    pending: list[Any] = []  # per open container: the key waiting for its value (_NO_KEY for lists)
    root: Any = None
    documents = 0

    def add(value: Any, mark: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        container = stack[-1]
        if type(container) is list:
            container.append(value)
        elif pending[-1] is _NO_KEY:
            try:
                hash(value)
            except TypeError:
                raise _Refused("a key must be a plain value, not a list or a mapping", mark) from None
            if value in container:
                raise _Refused(f"duplicate key {value!r}", mark)
            pending[-1] = value
        else:
            container[pending[-1]] = value
            pending[-1] = _NO_KEY

    while True:
        event = parser.get_event()
        kind = type(event)
        if kind is events.AliasEvent:
            raise _Refused("aliases (*name) are not allowed", event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise _Refused("anchors (&name) are not allowed", event.start_mark)
        if kind is events.ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(ScalarNode, event.value, event.implicit)
            if tag == _STR:
                value: Any = event.value
            elif tag == _NULL:
                value = None
            elif tag in _SCALAR_TAGS:
                value = construct.construct_object(ScalarNode(tag, event.value))
            else:
                raise _Refused(f"the tag {tag!r} is not allowed", event.start_mark)
            add(value, event.start_mark)
        elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
            if event.tag not in _CONTAINER_TAGS:
                raise _Refused(f"the tag {event.tag!r} is not allowed", event.start_mark)
            container: Any = {} if kind is events.MappingStartEvent else []
            add(container, event.start_mark)
            stack.append(container)
            pending.append(_NO_KEY)
        elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
            stack.pop()
            pending.pop()
        elif kind is events.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Refused("expected a single document in the stream; but found another document",
                               event.start_mark)
        elif kind is events.StreamEndEvent:
            return root


def _where(name: str, mark: Any) -> str:
    return f"{name}:{mark.line + 1}:{mark.column + 1}" if mark is not None else name


def _one_line(text: str) -> str:
    return " ".join(text.split())
