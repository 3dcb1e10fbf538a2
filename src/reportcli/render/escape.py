"""Text from the data or the user made safe to print: every control or invisible format character shown
as an escape (``\\x1b``, ``\\u202e``), never sent. Every way of printing uses it: tables, flat formats,
prose, the messages on stderr."""

from __future__ import annotations

import re
from typing import Any

# Shown as escapes, so that text from the data or the user can never move the cursor, recolour, reorder
# or hide text on the terminal or in a file: C0 and C1 control characters and DEL; the invisible format
# characters (soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width space, the
# left-to-right and right-to-left marks, line and paragraph separators, the bidirectional embeddings,
# overrides and isolates, word joiner and invisible operators, byte-order mark, interlinear
# annotation, language tags). Zero-width joiner and non-joiner (U+200C, U+200D) stay: they shape
# emoji and several scripts, and hide nothing.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def visible(text: str) -> str:
    """``text`` with every control or invisible format character replaced by an escape such as ``\\x1b``."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
    if char in named:
        return named[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def cell(value: Any) -> str:
    """A value as one safe line of text."""
    kind = type(value)
    if kind is str and str.isprintable(value):  # every character _UNSAFE names is unprintable to Python
        return str(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e16 else repr(value)
    return visible(str(value))
