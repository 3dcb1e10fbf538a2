"""The ``reports`` command: the reports loaded, what each is, who gave it, how much text, where it came from."""

from __future__ import annotations

from typing import Any

from reportcli import refs
from reportcli.db.corpus import Corpus
from reportcli.model import PART, Meta, Result
from reportcli.scope import check_language, parse_years


def report_row(corpus: Corpus, meta: Meta) -> dict[str, Any]:
    """A report as ``reports`` lists it: what it is, who gave it, how much text, where it came from."""
    sections = [s for s in corpus.sections if s.report == meta.id]
    counts = [y for s in sections for y in s.years]
    source = meta.source
    return {
        "id": meta.id,
        "year": meta.report_year,
        "language": meta.language,
        "kind": meta.kind,
        "title": meta.title,
        "date": meta.date,
        "speaker": meta.speaker,
        "role": meta.role,
        "parts": sum(1 for s in sections if s.kind == PART and refs.is_numbered_part(s.id)),
        "paragraphs": sum(y.paragraphs for y in counts)
        + sum(len({s.paragraph for s in corpus.statements(section.id)}) for section in sections if not section.years),
        "statements": sum(corpus.size(section.id) for section in sections),
        "characters": sum(y.characters for y in counts),
        "completeness": meta.completeness,
        "caveats": [{"kind": n.kind, "text": n.text, "source": n.source} for n in meta.caveats],
        "source": None if source is None else f"{source.file}:{source.record}",
        "sha256": None if source is None else source.sha256,
        "removed": {kind: characters for kind, _, characters in meta.removed},
        **described(meta),
    }


def described(meta: Meta) -> dict[str, Any]:
    """Who gave a full report, in which office and at which session, what kind of report it is, who
    published it (and whose translation it is), how its two copies differ, and where each of these
    facts comes from (its text, the other copy, the NPC's resolution, or data/report-facts.csv)."""
    return {
        "speaker_pinyin": meta.speaker_pinyin,
        "speaker_zh": meta.speaker_zh,
        "role_en": meta.role_en,
        "role_zh": meta.role_zh,
        "session": meta.session_en,
        "session_zh": meta.session_zh,
        "date_until": meta.date_until,
        "report_kind": meta.report_kind,
        "five_year_plan": meta.five_year_plan,
        "approved": meta.approved,
        "publisher": meta.publisher,
        "translation": meta.translation,
        "copies": meta.copies,
        "sources": dict(meta.sources),
    }


def reports(corpus: Corpus, year: str | int | None = None, language: str | None = None) -> Result:
    """The reports loaded, in the corpus's order; ``year`` a year or a range, ``language`` zh or en."""
    years = parse_years(year)
    languages = check_language(corpus, language)
    rows = [
        report_row(corpus, meta)
        for i, meta in enumerate(corpus.reports)
        if (languages is None or i in languages) and (years is None or meta.report_year in years)
    ]
    return Result("reports", rows, rows, empty=None if rows else f"no report for {years.text() if years else ''}")
