"""A figure in English words for a reader who does not read 万 and 亿: "12 million people", "4.06
trillion yuan", "650 million tonnes", "5.5%", from the value in base units and its unit (the units
``targets`` and ``outcomes`` normalize to). Exact: the value is read as a decimal, never rounded, so
"1.39万亿斤" is "695 million tonnes" and "859万人" is "8.59 million people".
"""

from __future__ import annotations

from decimal import Decimal

SCALES = ((Decimal("1e12"), "trillion"), (Decimal("1e9"), "billion"), (Decimal("1e6"), "million"))
COUNTED = {"people": "people", "jobs": "jobs", "yuan": "yuan", "tonnes": "tonnes", "US dollars": "US dollars"}


def english(value: int | float, unit: str, high: int | float | None = None) -> str:
    """The figure in English: "5.5%", "6-6.5%", "10.55 per 1,000", "12 million people", "4.06 trillion
    yuan", "650 million tonnes", "1.2-1.5 trillion yuan"; an unknown unit follows the number as is."""
    low = Decimal(str(value))
    top = Decimal(str(high)) if high is not None else None
    if unit == "percent":
        return _span(low, top) + "%"
    if unit == "per mille":
        return _span(low, top) + " per 1,000"
    name = COUNTED.get(unit, unit)
    largest = max(abs(low), abs(top) if top is not None else Decimal(0))
    for size, word in SCALES:
        if largest >= size:
            return f"{_span(low / size, top / size if top is not None else None)} {word} {name}".strip()
    return f"{_span(low, top, grouped=True)} {name}".strip()


def _span(low: Decimal, high: Decimal | None, *, grouped: bool = False) -> str:
    shown = _plain(low, grouped)
    return shown if high is None else f"{shown}-{_plain(high, grouped)}"


def _plain(number: Decimal, grouped: bool) -> str:
    """A decimal without trailing zeros or an exponent: 4.060 -> 4.06, 1E+1 -> 10; grouped in
    thousands when asked (859,000)."""
    text = f"{number.normalize():f}"
    if not grouped:
        return text
    whole, dot, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-')):,}{dot}{fraction}"
