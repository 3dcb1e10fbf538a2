"""What the data is (``about``) and how to quote it (``cite``): the event and the source, what the text
covers and leaves out, its credits and licence; and for a ref, a citation a journalist can paste, with
the caveats that travel with the quote."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportcli.caveats import caveats, figures_by_ref
from reportcli.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.model import CREDITS, Result, Statement
from reportcli.reading import example_refs, unknown_ref


def about(corpus: Corpus) -> Result:
    """What the data is: event, date, source and kind of text, coverage and omissions, credits, licence,
    the official report it renders, and how to cite it; with counts of what it holds."""
    meta = corpus.meta
    statements = corpus.statements()
    official = meta.official
    heading = meta.themes_heading
    document: dict[str, Any] = {
        "title": meta.title,
        "event": meta.event,
        "date": meta.date,
        "kind": meta.kind,
        "language": meta.language,
        "source": {"title": meta.source_title, "kind": meta.source_kind},
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
            "themes": len(corpus.themes),
            "statements": len(statements),
            "statements_with_official_words": sum(1 for s in statements if s.official),
            "repairs": sum(len(s.repairs) for s in statements),
            "notes": sum(len(s.notes) for s in statements) + sum(len(f.notes) for f in corpus.figures),
            "figures": len(corpus.figures),
            "official_figures": sum(1 for f in corpus.figures if f.source == "official"),
        },
        "how_to_cite": f"Cite a statement by its ref (such as {' or '.join(example_refs(corpus)[:2])}): "
        "'reportcli show REF' opens it with its neighbours, notes and official words; 'reportcli cite REF' "
        "prints a citation to paste, with its caveats (--format markdown for Markdown).",
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


def cite(corpus: Corpus, refs: Sequence[str]) -> Result:
    """For each ref, the statement and everything a citation needs: the source and its date, the ref, the
    official words it renders and where they stand, and the caveats (notes, repairs)."""
    if not refs:
        examples = " or ".join(example_refs(corpus)[:2])
        raise QueryError(f"give a ref to cite, such as {examples} (every output prints refs)")
    found: list[Statement] = []
    for ref in refs:
        try:
            found.append(corpus.statement(ref.strip()))
        except KeyError:
            raise unknown_ref(corpus, ref.strip()) from None
    figures = figures_by_ref(corpus, found)
    meta = corpus.meta
    source = {
        "title": meta.source_title or meta.title,
        "kind": meta.source_kind,
        "report": meta.title,
        "event": meta.event,
        "date": meta.date,
    }
    citations = [
        {
            "ref": s.ref,
            "text": s.text,
            "label": s.label,
            "source": source,
            **caveats(corpus, s, figures.get(s.ref, [])),
            "official_report": meta.official.title if meta.official else None,
        }
        for s in found
    ]
    return Result("citation", citations, citations)
