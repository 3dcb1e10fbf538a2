"""The ``themes`` command: what each loaded report is made of. A summary's themes, with their years and
how much text each has; a full report's parts and sub-parts (its own themes: the tasks of the year's
work are the sub-parts of its plan), with their titles and sizes. ``--year`` and ``--lang`` choose the
reports, as in the other commands; every id opens with ``show``."""

from __future__ import annotations

from typing import Any

from reportcli import refs
from reportcli.db.corpus import Corpus
from reportcli.model import FULL, PART, THEME, Meta, Result, Section
from reportcli.scope import Years, check_language, check_years, parse_years

THEME_KIND, PART_KIND, SUBPART_KIND = "theme", "part", "sub-part"


def themes(corpus: Corpus, year: str | int | None = None, language: str | None = None) -> Result:
    """One record per theme or part: its report, years, and statements and characters per year."""
    years = parse_years(year)
    check_years(corpus, years)
    languages = check_language(corpus, language)
    wanted = {corpus.reports[i].id for i in languages} if languages is not None else None
    chosen = [
        (section, corpus.report(section.report))
        for section in corpus.sections
        if section.kind in (THEME, PART)
        and (wanted is None or section.report in wanted)
        and (years is None or any(y in years for y in section.year_list))
    ]
    rows = [_row(section, meta, years) for section, meta in chosen]
    long = [
        {"id": row["id"], "title": row["title"], **per_year, "report": row["report"]}
        for row in rows
        for per_year in row["per_year"]
    ]
    delivered = corpus.meta.report_year
    plan = f"the {delivered} plan" if delivered else "the plan"
    empty = None
    if not rows:
        scope = " and ".join(x for x in (years.text() if years else "", language or "") if x)
        alone = corpus.reports[0] if len(corpus.reports) == 1 else None
        whole = "the reports loaded have no themes or parts"
        if alone is not None:
            whole = f"this report has no {'parts' if alone.kind == FULL else 'themes'}"
        empty = f"no themes or parts for {scope}" if scope else whole
    return Result("themes", rows, rows, facts={"inferred_means": plan, "long": long}, empty=empty)


def _row(section: Section, meta: Meta, years: Years | None) -> dict[str, Any]:
    counts = [y for y in section.years if years is None or y.year in years]
    kind = THEME_KIND if section.kind == THEME else SUBPART_KIND if refs.is_subpart(section.id) else PART_KIND
    return {
        "id": section.id,
        "title": section.title,
        "aliases": list(section.aliases),
        "group": section.group,
        "years": [y.year for y in counts],
        "inferred_years": sorted(y.year for y in counts if y.inferred),
        "statements": sum(y.statements for y in counts),
        "per_year": [y._asdict() for y in counts],
        "report": meta.id,
        "language": meta.language,
        "kind": kind,
    }
