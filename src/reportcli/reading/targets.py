"""The ``targets`` command: the annual targets read off the full Chinese reports, a row per year and indicator."""

from __future__ import annotations

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
    report_of = {key: section.report for key, section in corpus.sections_named(f.theme for f in found).items()}
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
