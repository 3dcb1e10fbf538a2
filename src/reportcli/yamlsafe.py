"""Reading a YAML file strictly: plain data only, every failure a one-line DataError.

- No tag can construct a Python object (SafeConstructor).
- Anchors and aliases are refused as soon as the parser meets them, so a "billion laughs"
  file fails before anything is expanded.
- A key repeated in one mapping is refused instead of silently overwriting the first.
- libyaml's C parser is used when PyYAML was built with it; the pure parser otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
import yaml.reader
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.resolver import Resolver

from reportcli.errors import DataError

MAX_BYTES = 128 * 1024 * 1024  # larger files are refused before they are read

try:
    from yaml._yaml import CParser as _Parser

    LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    LIBYAML = False


class _StrictComposer(Composer):
    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise yaml.MarkedYAMLError(problem="aliases (*name) are not allowed", problem_mark=event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise yaml.MarkedYAMLError(problem="anchors (&name) are not allowed", problem_mark=event.start_mark)
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


class _StrictConstructor(SafeConstructor):
    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:  # type: ignore[override]
        seen: set[tuple[str, str]] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, ScalarNode):
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise yaml.MarkedYAMLError(
                        problem=f"duplicate key {key_node.value!r}", problem_mark=key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


if LIBYAML:

    class _Loader(_StrictComposer, _Parser, _StrictConstructor, Resolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _StrictComposer.__init__(self)
            _StrictConstructor.__init__(self)
            Resolver.__init__(self)

else:  # pragma: no cover
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(Reader, Scanner, Parser, _StrictComposer, _StrictConstructor, Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            _StrictComposer.__init__(self)
            _StrictConstructor.__init__(self)
            Resolver.__init__(self)


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
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        problem = "; ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        raise DataError(f"{where}: invalid YAML: {_one_line(problem)}") from None
    except yaml.reader.ReaderError as exc:
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise DataError(
            f"{name}: invalid YAML: control character U+{code:04X} at offset {exc.position} is not allowed"
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(f"{name}: invalid YAML: {_one_line(str(exc))}") from None
    except RecursionError:
        raise DataError(f"{name}: invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()


def _one_line(text: str) -> str:
    return " ".join(text.split())
