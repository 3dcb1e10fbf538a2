"""Type checks on parsed YAML that fail with a DataError naming the file and the node's path."""

from __future__ import annotations

import math
import re
from typing import Any

from reportcli.errors import DataError

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def type_name(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"a string ({shown!r})"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    names = {type(None): "nothing (null)", dict: "a mapping", list: "a list"}
    return names.get(type(value), type(value).__name__)


def join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


class Checker:
    """Type checks that raise a DataError naming the file and the node's path."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, path: str, problem: str) -> DataError:
        return DataError(f"{self.name}: {path}: {problem}" if path else f"{self.name}: {problem}")

    def mapping(
        self, value: Any, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[Any, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a mapping, got {type_name(value)}")
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                raise self.fail(join(path, key), f"unknown key (expected one of: {', '.join(required + optional)})")
        for key in required:
            if key not in value:
                raise self.fail(path, f"missing key {key!r}")
        return value

    def list(self, value: Any, path: str, *, nonempty: bool = False) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list, got {type_name(value)}")
        if nonempty and not value:
            raise self.fail(path, "expected a non-empty list")
        return value

    def text(self, value: Any, path: str, *, allow_empty: bool = False) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"expected text, got {type_name(value)}")
        if not allow_empty and not value.strip():
            raise self.fail(path, "expected text, got an empty string")
        return value

    def optional_text(self, value: Any, path: str) -> str | None:
        return None if value is None else self.text(value, path)

    def number(self, value: Any, path: str) -> int | float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(path, f"expected a number, got {type_name(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(path, f"expected a finite number, got {value}")
        return value

    def year(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, f"expected a year (a whole number such as 2024), got {type_name(value)}")
        if not 1900 <= value <= 2200:
            raise self.fail(path, f"year {value} is out of range (1900-2200)")
        return value

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, f"expected true or false, got {type_name(value)}")
        return value

    def slug(self, value: Any, path: str) -> str:
        text = self.text(value, path)
        if not SLUG.fullmatch(text):
            raise self.fail(path, f"{text!r} is not a valid id (lowercase letters, digits and single hyphens)")
        return text
