"""What travels with a statement wherever it is printed: its source wording and repairs, its notes, and
the words of the official report it renders, with where they stand.

Every command that prints a statement (show, search, figures, diff, cite) takes these fields from
here, so that a quote handed out by any of them carries the same caveats.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reportcli import refs
from reportcli.db.corpus import Corpus
from reportcli.language import EN
from reportcli.model import LOW_CONFIDENCE, SUMMARY, Figure, Meta, Note, Quote, Repair, Statement

# Whose words a report is, as every row that prints its words says: the words of the report as
# published (Chinese), its official English translation, or a news summary of it (the embedded report).
OFFICIAL_TEXT, OFFICIAL_TRANSLATION, NEWS_SUMMARY = "official text", "official translation", "news summary"


def note_dict(note: Note) -> dict[str, str]:
    return {"kind": note.kind, "text": note.text, "source": note.source}


def repair_dict(repair: Repair) -> dict[str, str]:
    return {"kind": repair.kind, "original": repair.original, "repaired": repair.repaired, "reason": repair.reason}


def notes_of(statement: Statement, figures: Iterable[Figure]) -> list[Note]:
    """The statement's own notes and those of the figures taken from it (each once)."""
    found = list(statement.notes)
    for figure in figures:
        found.extend(note for note in figure.notes if note not in found)
    return found


def where(corpus: Corpus, at: str) -> dict[str, int | None]:
    """Where a sentence of an official report stands: its part and sub-part, paragraph and sentence (as
    the summary that quotes it records the official report's parts)."""
    parsed = refs.parse(at)  # the loader checked its form: REPORT/PARAGRAPH.SENTENCE
    report_id = parsed.head if parsed else ""
    paragraph, sentence = (parsed.number or 0, parsed.sentence or 0) if parsed else (0, 0)
    part = subpart = None
    official = next((m.official for m in corpus.reports if m.official and m.official.id == report_id), None)
    for number, sub, first in sorted(official.parts if official else (), key=lambda p: p[2]):
        if first > paragraph:
            break
        part, subpart = number, sub or None
    return {"part": part, "subpart": subpart, "paragraph": paragraph, "sentence": sentence}


def quote_dict(corpus: Corpus, quote: Quote) -> dict[str, Any]:
    return {"text": quote.text, "at": quote.at, **where(corpus, quote.at)}


def caveats(corpus: Corpus, statement: Statement, figures: Iterable[Figure] | None = None) -> dict[str, Any]:
    """The fields every printed statement carries: ``original`` (the source's words, when repaired),
    ``repairs``, ``notes`` (its own and its figures'), ``official`` (the official words it renders) and
    ``official_none`` (why it renders none, when that is so)."""
    found = corpus.figures_of(statement.ref) if figures is None else figures
    return {
        "original": statement.original,
        "repairs": [repair_dict(r) for r in statement.repairs],
        "notes": [note_dict(n) for n in notes_of(statement, found)],
        "official": [quote_dict(corpus, q) for q in statement.official],
        "official_none": statement.renders_nothing,
        "translation": translation_of(corpus, statement),
    }


def read_renderings(corpus: Corpus, statements: Iterable[Statement]) -> None:
    """Read at once what ``translation_of`` will ask of many statements (the official sentences they
    render, and the other language's sentences of both): a query per 500 refs, not one per statement."""
    statements = list(statements)
    official = corpus.statements_by_ref(quote.at for s in statements for quote in s.official)
    corpus.statements_by_ref(ref for s in [*statements, *official.values()] for ref in s.counterparts)


def translation_of(corpus: Corpus, statement: Statement) -> list[dict[str, Any]]:
    """The sentences of the other language that render a statement (the official English of a Chinese
    sentence, the Chinese of an English one), through the aligned pairs the import read; each with its
    text when its report is loaded, and ``uncertain`` when the pair's aligner stretched far (check it)."""
    if not statement.counterparts:
        return _through_official(corpus, statement)
    texts = corpus.statements_by_ref(statement.counterparts)
    cost = statement.alignment_cost
    return [
        {
            "ref": ref,
            "text": texts[ref].text if ref in texts else None,
            "source": OFFICIAL_TRANSLATION if refs.language_of(ref) == EN else OFFICIAL_TEXT,
            "uncertain": (cost is not None and cost >= LOW_CONFIDENCE) or statement.link_check is not None,
            "alignment_cost": cost,
            "check": statement.link_check,
            "of": None,
        }
        for ref in statement.counterparts
    ]


def _through_official(corpus: Corpus, statement: Statement) -> list[dict[str, Any]]:
    """A news summary's statement: the official English of the official Chinese sentences it renders,
    when both reports are loaded (``of``: the Chinese sentence), so that a reader of the summary sees
    how the official translation words what the summary paraphrases."""
    if not statement.official:
        return []
    chinese = corpus.statements_by_ref([quote.at for quote in statement.official])
    found: list[dict[str, Any]] = []
    for quote in statement.official:
        sentence = chinese.get(quote.at)
        if sentence is None:
            continue
        for item in translation_of(corpus, sentence):
            if item["text"] is not None and item["ref"] not in {f["ref"] for f in found}:
                found.append({**item, "of": quote.at})
    return found


def figures_by_ref(corpus: Corpus, statements: Iterable[Statement]) -> dict[str, list[Figure]]:
    """The figures of many statements at once (one query, not one per statement)."""
    return corpus.figures_for(s.ref for s in statements)


def statement_dict(
    corpus: Corpus, statement: Statement, *, inferred: bool = False, figures: list[Figure] | None = None
) -> dict[str, Any]:
    """A statement as every command prints it: where it is, its words, and what travels with them."""
    return {
        "ref": statement.ref,
        "section": statement.section,
        "theme": statement.section,  # as the other commands name it
        "year": statement.year,
        "year_inferred": inferred,
        "paragraph": statement.paragraph,
        "label": statement.label,
        "text": statement.text,
        **caveats(corpus, statement, figures),
    }


# What a report's caveats say that changes whose words a row is: not the Premier's Government Work Report
# (another speaker, a report on the plan or the budget given in its place), or not all of it (an abstract,
# a partial or incomplete text). How its text was assembled (other-copy, sources-disagree) is said by
# 'reportcli about', not on every row.
WHOSE_WORDS = frozenset(
    {
        "not-the-premier",
        "not-the-premiers-report",
        "plan-report",
        "budget-report",
        "five-year-plan-report",
        "abstract",
        "partial",
        "incomplete",
    }
)


def report_caveats(corpus: Corpus, section: str) -> list[str]:
    """The kinds of what a reader must know of the whole report a statement or figure is from (not the
    Premier's report, a plan report, an abstract, a partial translation: WHOSE_WORDS), so that a row
    from 1991 cannot be taken for a Premier's figure; each once, in the report's order."""
    try:
        meta = corpus.report_of(section)
    except KeyError:
        return []
    return whose_words(meta)


def whose_words(meta: Meta) -> list[str]:
    """The kinds of a report's caveats that change whose words its rows are (``WHOSE_WORDS``), each once."""
    return list(dict.fromkeys(note.kind for note in meta.caveats if note.kind in WHOSE_WORDS))


def source_of(meta: Meta) -> str:
    """Whose words a report's statements are: ``NEWS_SUMMARY``, ``OFFICIAL_TRANSLATION`` (a report in
    English that is not a summary: the official translation) or ``OFFICIAL_TEXT``."""
    if meta.kind == SUMMARY:
        return NEWS_SUMMARY
    return OFFICIAL_TRANSLATION if meta.language == EN else OFFICIAL_TEXT
