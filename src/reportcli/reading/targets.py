"""The ``targets`` command: what each full Chinese report set as the year's targets, what the next
report's review said happened, and whether the target was met: a row per year and indicator, both
sentences cited, each figure as stated and in English words. How targets and outcomes are read and
judged: ``extract.targets``, ``extract.outcomes``, docs/TARGETS.md."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportcli.caveats import report_caveats
from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.extract import outcomes as stated
from reportcli.extract.targets import INDICATORS, UNITS, Target
from reportcli.extract.units import english
from reportcli.language import ZH
from reportcli.model import FULL, TARGET, Figure, Result
from reportcli.scope import check_years, parse_years


def targets(corpus: Corpus, year: str | int | None = None, indicator: str | None = None) -> Result:
    """Per year and indicator (long form): the target (``value``, ``stated``, ``ref``...; a target a
    report says it does not set is ``status: not set``), the outcome the next report states
    (``outcome``; later restatements in ``restated``, never in its place) and the ``result``: met,
    missed, not set, no outcome stated or unclear, with the ``rule`` that decided it."""
    years = parse_years(year)
    check_years(corpus, years)
    if indicator is not None and indicator not in INDICATORS:
        raise QueryError(f"no indicator {indicator!r}; indicators: {', '.join(INDICATORS)}")
    figures = [f for f in corpus.figures if f.indicator is not None and indicator in (None, f.indicator)]
    report_of = {key: section.report for key, section in corpus.sections_named({f.theme for f in figures}).items()}
    set_by: dict[int, list[Target]] = {}
    for f in figures:
        if f.kind == TARGET:
            set_by.setdefault(f.year, []).append(_target(f))
    found = [_outcome(f) for f in figures if f.kind == stated.OUTCOME]
    full = [meta for meta in corpus.reports if meta.kind == FULL and meta.language == ZH and meta.year is not None]
    read = {meta.year for meta in full if meta.year is not None}
    rows = [
        _row(comparison, report_of, corpus)
        for comparison in stated.compare(set_by, found, read)
        if years is None or comparison.year in years
    ]
    shown_years = sorted(
        {meta.year for meta in full if meta.year is not None and (years is None or meta.year in years)}
    )
    empty = None
    if not rows:
        wanted = " and ".join(x for x in (years.text() if years else "", indicator or "") if x)
        empty = (
            f"no target or outcome for {wanted} in the {len(full)} full Chinese reports loaded"
            if full
            else "no targets: they are read off the full Chinese reports ('reportcli corpus fetch')"
        )
    shown = {r["indicator"] for r in rows}  # a column for each indicator some shown report sets
    unread = sorted({r["year"] for r in rows if r["outcome"] is None and r["year"] + 1 not in read})
    english = [m.id for m in corpus.reports if m.language != ZH and m.year is not None and m.year - 1 in unread]
    facts = {
        "years": shown_years,
        "indicators": [i for i in INDICATORS if i in shown],
        # the years whose next report is not loaded, said once for every format
        "unread": f"no outcome for {', '.join(map(str, unread))}: the next year's full Chinese report, whose review "
        "states it, is not loaded"
        if unread
        else None,
        "unread_english": english,  # the official English of those next years (not read for outcomes)
    }
    return Result("targets", rows, rows, facts=facts, empty=empty)


def _target(figure: Figure) -> Target:
    value = figure.value if figure.status == "set" else None
    return Target(
        figure.indicator or "",
        figure.status,
        value,
        figure.high,
        figure.unit or None,
        figure.display,
        figure.stated_unit,
        figure.qualifier,
        figure.measure,
        figure.ref,
        figure.theme,
    )


def _outcome(figure: Figure) -> stated.Outcome:
    return stated.Outcome(
        indicator=figure.indicator or "",
        kind=figure.kind,
        year=figure.year,
        period=figure.period,
        value=figure.value,
        high=figure.high,
        unit=figure.unit,
        stated=figure.display,
        stated_unit=figure.stated_unit or "",
        qualifier=figure.qualifier,
        basis=figure.basis or stated.ANNUAL,
        measure=figure.measure or "",
        ref=figure.ref,
        section=figure.theme,
    )


def _outcome_dict(outcome: stated.Outcome, report_of: dict[str, str], corpus: Corpus) -> dict[str, Any]:
    return {
        "value": outcome.value,
        "high": outcome.high,
        "unit": outcome.unit,
        "english": english(outcome.value, outcome.unit, outcome.high),
        "stated": outcome.stated,
        "stated_unit": outcome.stated_unit,
        "amount": _amount(outcome.value, outcome.high, outcome.stated_unit),
        "qualifier": outcome.qualifier,
        "basis": outcome.basis,
        "measure": outcome.measure or None,
        "ref": outcome.ref,
        "report": report_of.get(outcome.section),
        "report_caveats": report_caveats(corpus, outcome.section),
    }


# The years the hand-checked gold table covers (tests/data/targets-gold.csv, docs/TARGETS.md): a row
# outside them is read by the same rules, unchecked, and says so.
CHECKED = (1992, 2025)
UNCHECKED = f"read by the same rules, but not checked by hand (the gold table covers {CHECKED[0]}-{CHECKED[1]})"


def _row(comparison: stated.Comparison, report_of: dict[str, str], corpus: Corpus) -> dict[str, Any]:
    target = comparison.target
    is_set = target is not None and target.status == "set" and target.value is not None
    notes = [{"kind": "measure", "text": note}] if (note := stated.measure_note(target, comparison.outcome)) else []
    if not CHECKED[0] <= comparison.year <= CHECKED[1]:
        notes.append({"kind": "unchecked", "text": UNCHECKED})
    return {
        "year": comparison.year,
        "report": report_of.get(target.section) if target else None,
        "indicator": comparison.indicator,
        "label": stated.label(comparison.indicator, target, comparison.outcome),
        "status": target.status if target else None,
        "value": target.value if is_set and target else None,
        "high": target.high if target else None,
        "unit": target.unit if target else None,
        "stated": target.stated if target else None,
        "stated_unit": target.stated_unit if target else None,
        "amount": _amount(target.value, target.high, target.stated_unit) if target and is_set else None,
        "qualifier": target.qualifier if target else None,
        "measure": target.measure if target else None,
        "ref": target.ref if target else None,
        "english": english(target.value, target.unit or "", target.high)
        if is_set and target and target.value is not None
        else None,
        "outcome": _outcome_dict(comparison.outcome, report_of, corpus) if comparison.outcome else None,
        "result": comparison.status,
        "rule": comparison.rule,
        "restated": [_outcome_dict(o, report_of, corpus) for o in comparison.restated],
        "report_caveats": report_caveats(corpus, target.section) if target else [],
        "notes": notes,
    }


def _amount(value: float | None, high: float | None, stated_unit: str | None) -> str | None:
    """A figure's value in the unit the report states it in, as a table shows it: 5.5%, 1200万人,
    6-6.5%, 1.3万亿斤 (the value is kept in a normalized unit: 12000000 people, 650000000 tonnes)."""
    if value is None or stated_unit not in UNITS:
        return None
    _unit, factor = UNITS[stated_unit]

    def stated(number: float) -> str:
        return f"{(Decimal(repr(number)) / factor).normalize():f}"

    return stated(value) + (f"-{stated(high)}" if high is not None else "") + stated_unit
