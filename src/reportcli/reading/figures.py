"""The ``figures`` command: the typed figures of the data, each with the statement it comes from and
whose words state it."""

from __future__ import annotations

from typing import Any

from reportcli.caveats import caveats, quote_dict, report_caveats
from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.extract.units import english
from reportcli.model import Figure, Result, Statement
from reportcli.scope import check_year, resolve_section

FIGURE_ORDERS = ("document", "value", "year", "theme")  # the orders ``figures`` can list in


def figure_dict(corpus: Corpus, figure: Figure, known: dict[str, Statement] | None = None) -> dict[str, Any]:
    """A figure, the statement it comes from, and whose words state it: the summary's, or (``source:
    official``) only the official report's, quoted in ``official``, or (``source: report``) a full
    report's own, a target read off its text (``indicator``). ``known``: statements already read."""
    statement = _statement_of(corpus, figure, known)
    return {
        "id": figure.id,
        "value": figure.value,
        "unit": figure.unit,
        "display": figure.display,
        "qualifier": figure.qualifier,
        "year": figure.year,
        "theme": figure.theme,
        "ref": figure.ref,
        "restored": figure.restored,
        "text": statement.text,
        "notes": [{"kind": n.kind, "text": n.text, "source": n.source} for n in figure.notes],
        "source": figure.source,
        "official": quote_dict(corpus, figure.official) if figure.official else None,
        "statement": caveats(corpus, statement, []),
        "indicator": figure.indicator,
        "high": figure.high,
        "stated_unit": figure.stated_unit,
        "measure": figure.measure,
        "kind": figure.kind,
        "basis": figure.basis,
        "period": list(figure.period) if figure.period else None,
        "report_caveats": report_caveats(corpus, statement.section),
        # a figure in a report's own Chinese words, in English (its value is in the base unit: tonnes, not 斤)
        "english": english(figure.value, figure.unit, figure.high) if figure.stated_unit else None,
    }


def _statement_of(corpus: Corpus, figure: Figure, known: dict[str, Statement] | None = None) -> Statement:
    if known is not None and figure.ref in known:
        return known[figure.ref]
    try:
        return corpus.statement(figure.ref)
    except KeyError:  # the loader refuses a figure whose statement is missing: the database lost it
        from reportcli.db.checked import Damaged

        raise Damaged("figures") from None


def list_figures(
    corpus: Corpus, *, section: str | None = None, year: int | None = None, order: str = "document"
) -> list[dict[str, Any]]:
    """Figures, filtered by section (a theme id, 'review') and year, in one of the FIGURE_ORDERS."""
    if order not in FIGURE_ORDERS:
        raise QueryError(f"cannot sort by {order!r}; choose one of: {', '.join(FIGURE_ORDERS)}")
    found = [f for f in corpus.figures if f.status == "set" and section in (None, f.theme) and year in (None, f.year)]
    if order == "value":
        found.sort(key=lambda f: f.value)
    elif order == "year":
        found.sort(key=lambda f: f.year)
    elif order == "theme":
        positions = {theme: corpus.position(theme) for theme in {f.theme for f in found}}
        found.sort(key=lambda f: positions[f.theme])
    known = corpus.statements_by_ref(f.ref for f in found)
    return [figure_dict(corpus, f, known) for f in found]


def figures(corpus: Corpus, theme: str | None = None, year: int | None = None, order: str = "document") -> Result:
    section = resolve_section(corpus, theme)
    check_year(corpus, year)
    rows = list_figures(corpus, section=section, year=year, order=order)
    wanted = " and ".join(x for x in (f"theme {section}" if section else "", f"year {year}" if year else "") if x)
    return Result("figures", rows, rows, empty=None if rows else f"no figures for {wanted or 'this report'}")
