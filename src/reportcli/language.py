"""The languages reportcli reads and what counts as a Chinese character: one owner for both.

``ZH`` and ``EN`` are the language codes a report carries (its id ends with one: ``2024-zh``,
``2024-en``). An ideograph is a character of the CJK Unified Ideographs block, its Extension A or the
CJK Compatibility Ideographs: the characters Chinese text is matched by, one at a time (``text``), and
the runs of them a Chinese sentence is compared by (``diff``).
"""

ZH, EN = "zh", "en"
LANGUAGES = (EN, ZH)
NAMES = {ZH: "Chinese", EN: "English"}

IDEOGRAPH_RANGES = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"))
# The same ranges as the inside of a regular expression's character class: f"[{IDEOGRAPHS}]"
IDEOGRAPHS = "".join(f"{low}-{high}" for low, high in IDEOGRAPH_RANGES)
DEPUTIES = "各位代表"  # the salutation that opens a Chinese report's speech: "Fellow deputies"


def is_ideograph(word: str) -> bool:
    """A single CJK ideograph (a token of its own)."""
    return len(word) == 1 and any(low <= word <= high for low, high in IDEOGRAPH_RANGES)


def is_chinese(text: str) -> bool:
    """Whether the text holds a Chinese character: a query or a term to look for in the Chinese reports."""
    return any(is_ideograph(char) for char in text)
