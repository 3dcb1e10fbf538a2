"""The ``themes`` command: the themes of a summary, with their years and how much text each has."""

from __future__ import annotations

from reportcli.db.corpus import Corpus
from reportcli.model import FULL, Result


def themes(corpus: Corpus) -> Result:
    """One record per theme: years, and statements and characters per year."""
    rows = [
        {
            "id": theme.id,
            "title": theme.title,
            "aliases": list(theme.aliases),
            "group": theme.group,
            "years": theme.year_list,
            "inferred_years": sorted(theme.inferred_years),
            "statements": sum(y.statements for y in theme.years),
            "per_year": [y._asdict() for y in theme.years],
        }
        for theme in corpus.themes
    ]
    long = [{"id": t.id, "title": t.title, **year._asdict()} for t in corpus.themes for year in t.years]
    year = corpus.meta.report_year
    plan = f"the {year} plan" if year else "the plan"
    empty = None
    if not rows:
        full = any(meta.kind == FULL for meta in corpus.reports)
        empty = (
            "no themes: the reports loaded are full reports ('reportcli reports' lists them)"
            if full
            else ("this report has no themes")
        )
    return Result("themes", rows, rows, facts={"inferred_means": plan, "long": long}, empty=empty)
