"""The figures a full report's own text states, read off it by rules when it is built: the targets it
sets for its year (``targets``) and what its review says the years before came to (``outcomes``).
A summary's figures are typed in its file; the English translation lacks the targets paragraph and
is not read."""

from __future__ import annotations

from collections.abc import Iterable

from reportcli.extract.outcomes import Outcome, outcomes
from reportcli.extract.targets import as_figures, extract
from reportcli.language import ZH
from reportcli.model import FULL, REPORT_FIGURE, Figure, Report


def report_figures(report: Report) -> tuple[Figure, ...]:
    """A full Chinese report's targets and stated outcomes, as its figures; nothing for the rest."""
    meta = report.meta
    if meta.kind != FULL or meta.language != ZH or meta.year is None:
        return ()
    statements = list(report.statements())
    targets = as_figures(meta.id, meta.year, extract(statements, meta.year))
    return (*targets, *outcome_figures(meta.id, outcomes(statements, meta.year)))


def outcome_figures(report_id: str, stated: Iterable[Outcome]) -> list[Figure]:
    """What a review states, as figures of the report that states it: ``year`` is the year a figure is
    about (a period's last), ``kind`` whether it is that year's outcome or a period's average or total."""
    return [
        Figure(
            id=f"{report_id}-{o.kind}-{o.indicator}" + (f"-{o.period[0]}-{o.period[1]}" if o.period else ""),
            value=o.value,
            unit=o.unit,
            display=o.stated,
            year=o.year,
            theme=o.section,
            ref=o.ref,
            qualifier=o.qualifier,
            source=REPORT_FIGURE,
            indicator=o.indicator,
            high=o.high,
            stated_unit=o.stated_unit,
            measure=o.measure or None,
            kind=o.kind,
            basis=o.basis,
            period=o.period,
        )
        for o in stated
    ]
