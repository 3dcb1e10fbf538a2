"""The ``cite`` command: for a ref, a citation a journalist can paste: the source and its date, the ref,
the official words it renders and where they stand, and the caveats that travel with the quote."""

from __future__ import annotations

from collections.abc import Sequence

from reportcli.caveats import caveats, figures_by_ref
from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.model import Result, Statement
from reportcli.reading.show import example_refs, unknown_ref


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
    citations = []
    for s in found:
        meta = corpus.report_of(s.section)
        source = {
            "title": meta.source_title or meta.title,
            "kind": meta.source_kind or ("the full text" if meta.kind == "full" else None),
            "report": meta.title,
            "event": meta.event,
            "date": meta.date or (str(meta.year) if meta.year else None),
        }
        if meta.source is not None:
            source["file"] = f"{meta.source.file}:{meta.source.record}"
            source["url"] = meta.source.url
        citations.append(
            {
                "ref": s.ref,
                "text": s.text,
                "label": s.label,
                "source": source,
                **caveats(corpus, s, figures.get(s.ref, [])),
                "official_report": meta.official.title if meta.official else None,
                "report_caveats": [n._asdict() for n in meta.caveats],
            }
        )
    return Result("citation", citations, citations)
