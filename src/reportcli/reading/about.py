"""The ``about`` command: what the data is: the event and the source, what the text covers and leaves
out, its credits and licence, the official report it renders; of a corpus, what it holds and where
each text came from."""

from __future__ import annotations

import urllib.parse
from typing import Any

from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.model import CREDITS, FULL, Result
from reportcli.reading.reports import described
from reportcli.reading.show import example_refs


def about(corpus: Corpus, report: str | None = None) -> Result:
    """What the data is: event, date, source and kind of text, coverage and omissions, credits, licence,
    the official report it renders, and how to cite it; with counts of what it holds. Of several
    reports loaded, without ``report``: what the corpus holds and where each text came from."""
    reports = {meta.id: meta for meta in corpus.reports}
    if report is None and len(reports) > 1:
        return _corpus_about(corpus)
    if report is not None and report.strip().casefold() not in reports:
        import difflib

        close = difflib.get_close_matches(report.strip().casefold(), list(reports), n=2)
        hint = f"did you mean {' or '.join(map(repr, close))}?" if close else "'reportcli reports' lists them"
        raise QueryError(f"no report {report!r}; {hint}")
    meta = reports[report.strip().casefold()] if report else corpus.meta
    statements = [s for section in corpus.sections if section.report == meta.id for s in corpus.statements(section.id)]
    figures = [f for f in corpus.figures if f.ref in {s.ref for s in statements}]
    official = meta.official
    heading = meta.themes_heading
    own = [statements[0].ref] if meta.kind == FULL and statements else []  # a ref of this report
    source = meta.source
    document: dict[str, Any] = {
        "id": meta.id,
        "title": meta.title,
        "event": meta.event,
        "date": meta.date,
        "kind": meta.kind,
        "language": meta.language,
        "year": meta.year,
        "speaker": meta.speaker,
        "role": meta.role,
        "completeness": meta.completeness,
        "caveats": [n._asdict() for n in meta.caveats],
        "source": {"title": meta.source_title, "kind": meta.source_kind}
        if source is None
        else {
            "file": source.file,
            "record": source.record,
            "sha256": source.sha256,
            "url": source.url,
            "readable_url": urllib.parse.unquote(source.url) if source.url else None,
            "origin": source.origin,
        },
        "removed": {kind: {"times": times, "characters": characters} for kind, times, characters in meta.removed},
        "coverage": meta.coverage,
        "omits": meta.omits,
        "licence": meta.licence,
        "themes_heading": None
        if heading is None
        else {
            "text": heading.text,
            "original": heading.original,
            "note": heading.note._asdict() if heading.note else None,
        },
        "official": None
        if official is None
        else {"id": official.id, "title": official.title, "source": official.source, "url": official.url},
        "credits": [{"ref": s.ref, "role": s.label, "text": s.text} for s in statements if s.section == CREDITS],
        "counts": {
            "themes": sum(1 for t in corpus.themes if t.report == meta.id),
            "statements": len(statements),
            "statements_with_official_words": sum(1 for s in statements if s.official),
            "repairs": sum(len(s.repairs) for s in statements),
            "notes": sum(len(s.notes) for s in statements) + sum(len(f.notes) for f in figures),
            "figures": len(figures),
            "official_figures": sum(1 for f in figures if f.source == "official"),
        },
        **described(meta),
        "how_to_cite": f"Cite a statement by its ref (such as {' or '.join(own[:2] or example_refs(corpus)[:2])}): "
        "'reportcli show REF' opens it with its neighbours, notes and official words; 'reportcli cite REF' "
        "prints a citation to paste, with its caveats (--format markdown for Markdown; --style chicago or "
        "gbt7714 for a standard style).",
    }
    rows = [{"field": key, "value": value} for key, value in _flat(document)]
    return Result("about", document, rows)


def _corpus_about(corpus: Corpus) -> Result:
    """What a corpus of reports holds: how many, which years and languages, from which files, and the
    caveats of each text."""
    metas = corpus.reports
    years = sorted({m.year for m in metas if m.year is not None})
    sources: dict[str, dict[str, Any]] = {}
    for meta in metas:
        if meta.source is not None:
            entry = sources.setdefault(
                meta.source.file,
                {"file": meta.source.file, "sha256": meta.source.sha256, "origin": meta.source.origin, "reports": 0},
            )
            entry["reports"] += 1
    document: dict[str, Any] = {
        "reports": len(metas),
        "years": f"{years[0]}-{years[-1]}" if years else None,
        "languages": sorted({m.language for m in metas}),
        "kinds": {kind: sum(1 for m in metas if m.kind == kind) for kind in sorted({m.kind for m in metas})},
        "sources": list(sources.values()),
        "caveats": [{"report": m.id, **n._asdict()} for m in metas for n in m.caveats],
        "licence": "The Chinese texts are documents of state organs, which Article 5(1) of the Copyright Law of "
        "the PRC excludes from copyright (Chinese Wikisource marks them public domain on that ground). The "
        "official English translation is probably covered by the same article, but its publishers' sites carry "
        "copyright notices: quote it sparingly.",
        "how_to_cite": "Each report: 'reportcli about REPORT' (ids in 'reportcli reports'); a statement: "
        "'reportcli cite REF'.",
    }
    rows = [{"field": key, "value": value} for key, value in _flat(document)]
    return Result("about", document, rows)


def _flat(document: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """field paths and values, for the flat formats (credits.0.text, counts.repairs...)."""
    found: list[tuple[str, Any]] = []
    for key, value in document.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            found += _flat(value, f"{name}.")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                found += _flat(item, f"{name}.{i}.") if isinstance(item, dict) else [(f"{name}.{i}", item)]
        else:
            found.append((name, value))
    return found
