"""The ``targets`` command: the annual targets read off the full Chinese reports, a row per year and indicator."""

from __future__ import annotations

from decimal import Decimal

from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.language import ZH
from reportcli.model import FULL, Result
from reportcli.scope import check_years, parse_years


def targets(corpus: Corpus, year: str | int | None = None, indicator: str | None = None) -> Result:
    """The annual targets of the full reports: a row per year and indicator (long form), each with the
    words that state it and their ref; a target a report says it does not set is ``status: not set``."""
    from reportcli.extract import targets as rules

    years = parse_years(year)
    check_years(corpus, years)
    if indicator is not None and indicator not in rules.INDICATORS:
        raise QueryError(f"no indicator {indicator!r}; indicators: {', '.join(rules.INDICATORS)}")
    found = [
        f
        for f in corpus.figures
        if f.indicator is not None and (years is None or f.year in years) and indicator in (None, f.indicator)
    ]
    reports = {meta.id for meta in corpus.reports if meta.kind == FULL and meta.language == ZH}
    report_of = {section.id: section.report for section in corpus.sections}
    rows = [
        {
            "year": f.year,
            "report": report_of.get(f.theme),
            "indicator": f.indicator,
            "label": rules.LABELS[f.indicator or ""],
            "status": f.status,
            "value": f.value if f.status == "set" else None,
            "high": f.high,
            "unit": f.unit or None,
            "stated": f.display,
            "stated_unit": f.stated_unit,
            "amount": _amount(f.value, f.high, f.stated_unit) if f.status == "set" else None,
            "qualifier": f.qualifier,
            "measure": f.measure,
            "ref": f.ref,
        }
        for f in found
    ]
    rows.sort(key=lambda r: (r["year"], rules.INDICATORS.index(r["indicator"])))
    shown_years = sorted({meta.year for meta in corpus.reports if meta.id in reports and meta.year is not None})
    if years is not None:
        shown_years = [y for y in shown_years if y in years]
    empty = None if rows else "no targets: they are read off the full Chinese reports ('reportcli corpus fetch')"
    facts = {"years": shown_years, "indicators": [i for i in rules.INDICATORS if indicator in (None, i)]}
    return Result("targets", rows, rows, facts=facts, empty=empty)


def _amount(value: float | None, high: float | None, stated_unit: str | None) -> str | None:
    """A target's value in the unit the report states it in, as a table shows it: 5.5%, 1200万人,
    6-6.5%, 1.3万亿斤 (the value is kept in a normalized unit: 12000000 people, 650000000 tonnes)."""
    from reportcli.extract.targets import UNITS

    if value is None or stated_unit not in UNITS:
        return None
    _unit, factor = UNITS[stated_unit]

    def stated(number: float) -> str:
        return f"{(Decimal(repr(number)) / factor).normalize():f}"

    return stated(value) + (f"-{stated(high)}" if high is not None else "") + stated_unit
