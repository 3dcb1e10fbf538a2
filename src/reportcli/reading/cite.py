"""The ``cite`` command: for a ref, a citation a journalist can paste: who said it, where and when, the
report's title, the session, the publisher and a readable address, the ref, the official words it
renders and where they stand, and the caveats that travel with the quote.

Besides reportcli's own layout, two standard styles, laid out here from the same fields so that a
script gets them in JSON too: Chicago (notes and bibliography, a speech) and GB/T 7714-2015 (the
Chinese national standard, an electronic resource [EB/OL] with its access date, or a report [R] when
there is no address). Names are given as the reports write them: pinyin in the English styles with the
Chinese beside, Chinese in GB/T 7714.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Sequence
from typing import Any

from reportcli import refs as ref_forms
from reportcli.caveats import caveats, figures_by_ref
from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.language import ZH
from reportcli.model import FULL, Meta, Result, Statement
from reportcli.reading.show import example_refs, unknown_ref

STYLES = ("plain", "chicago", "gbt7714")
ENGLISH_TITLE = "Report on the Work of the Government"
# What a report that is not the Government Work Report is, in English, by its kind (data/report-facts.csv)
ENGLISH_TITLES = {
    "plan-report": "Report on the National Economic and Social Development Plan",
    "budget-report": "Report on the State Budget",
    "five-year-plan-report": "Report on the Five-Year Plan",
    "abstract": f"{ENGLISH_TITLE} (abstract)",
}


def _not_a_sentence(corpus: Corpus, ref: str) -> QueryError | None:
    """A paragraph of a full report (2024-zh/68) is a ref show opens, but a citation quotes a sentence:
    say so, with the paragraph's sentences."""
    parsed = ref_forms.parse(ref)
    if parsed is None or parsed.number is None or parsed.sentence is not None:
        return None
    sentences = [s.ref for s in corpus.statements_by_ref([f"{ref}.{n}" for n in range(1, 200)]).values()]
    if not sentences:
        return None
    span = sentences[0] if len(sentences) == 1 else f"{sentences[0]} to {sentences[-1]}"
    return QueryError(f"cite quotes a sentence, and {ref} is a paragraph: cite one of {span}")


def cite(corpus: Corpus, refs: Sequence[str], style: str = "plain", today: dt.date | None = None) -> Result:
    """For each ref, the statement and everything a citation needs: the source, its speaker, session and
    date, a readable address, the ref, the official words it renders and where they stand, the caveats
    (notes, repairs, what to know of the whole text), and the citation in each standard style."""
    if style not in STYLES:
        raise QueryError(f"no citation style {style!r}; styles: {', '.join(STYLES)}")
    if not refs:
        examples = " or ".join(example_refs(corpus)[:2])
        raise QueryError(f"give a ref to cite, such as {examples} (every output prints refs)")
    found: list[Statement] = []
    for ref in refs:
        try:
            found.append(corpus.statement(ref.strip()))
        except KeyError:
            raise _not_a_sentence(corpus, ref.strip()) or unknown_ref(corpus, ref.strip()) from None
    accessed = (today or dt.date.today()).isoformat()
    figures = figures_by_ref(corpus, found)
    citations = []
    for s in found:
        meta = corpus.report_of(s.section)
        source = _source(meta, accessed)
        citations.append(
            {
                "ref": s.ref,
                "text": s.text,
                "label": s.label,
                "source": source,
                **caveats(corpus, s, figures.get(s.ref, [])),
                "official_report": meta.official.title if meta.official else None,
                "report_caveats": [n._asdict() for n in meta.caveats],
                "styles": {"chicago": chicago(source, s.ref), "gbt7714": gbt7714(source, s.ref)},
                "translation_none": _unlinked(corpus, meta, s),
            }
        )
    return Result("citation", citations, citations, facts={"style": style})


def _unlinked(corpus: Corpus, meta: Meta, statement: Statement) -> str | None:
    """Why a sentence of a report whose other language is loaded has no words of it beside it (a partial
    translation: 2024-zh's main targets are not in the English), so that no reader takes the silence
    for a sentence without one; None when it has them, or no other language of its year is loaded."""
    if statement.counterparts or statement.official or meta.kind != FULL:
        return None
    others = [m for m in corpus.reports if m.kind == FULL and m.year == meta.year and m.language != meta.language]
    if not others:
        return None
    other = others[0]
    partial = " (a partial text)" if other.completeness != "complete" else ""
    return f"no sentence of {other.id}{partial} is linked to it: 'reportcli about {other.id}'"


def _source(meta: Meta, accessed: str) -> dict[str, Any]:
    """What a citation names of the text a statement is from."""
    source: dict[str, Any] = {
        "title": meta.source_title or meta.title,
        "kind": meta.source_kind or ("the full text" if meta.kind == FULL else None),
        "report": meta.title,
        "event": meta.event,
        "date": meta.date or (str(meta.year) if meta.year else None),
    }
    if meta.source is not None:
        source["file"] = f"{meta.source.file}:{meta.source.record}"
        source["url"] = meta.source.url
    if meta.kind == FULL:
        source |= {
            "language": meta.language,
            "speaker": meta.speaker_pinyin,
            "speaker_zh": meta.speaker_zh,
            "role": meta.role_en,
            "role_zh": meta.role_zh,
            "session": meta.session_en,
            "session_zh": meta.session_zh,
            "publisher": meta.publisher or ("Chinese Wikisource" if meta.source and meta.source.url else None),
            "translation": meta.translation,
            "report_kind": meta.report_kind,
            "five_year_plan": meta.five_year_plan,
            "readable_url": urllib.parse.unquote(meta.source.url) if meta.source and meta.source.url else None,
            "accessed": accessed,
        }
    return source


def _pinpoint(ref: str) -> str:
    parsed = ref_forms.parse(ref)
    if parsed is None or parsed.number is None or parsed.year is not None:
        return ref
    return f"para. {parsed.number}, sentence {parsed.sentence}" if parsed.sentence else f"para. {parsed.number}"


def _us_date(iso: str | None) -> str:
    if not iso:
        return "n.d."
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day:%B} {day.day}, {day.year}"


def chicago(source: dict[str, Any], ref: str) -> str:
    """Chicago notes and bibliography, a speech: speaker, title, occasion, date, where, pinpoint."""
    if "speaker" not in source:  # a summary: a news page
        title = source["title"]
        pieces = [
            f"\u201c{title}\u201d",
            source.get("kind"),
            f"of the {source['report']}" if source.get("report") else None,
        ]
        return ", ".join(p for p in pieces if p) + f", {_us_date(source.get('date'))}, {ref}."
    speaker = source.get("speaker") or source.get("speaker_zh") or "State Council of the PRC"
    if source.get("speaker_zh") and source["speaker_zh"] != speaker:
        speaker = f"{speaker} {source['speaker_zh']}"
    named = english_title(source)
    # the English title, and the Chinese as the text writes it; Chicago sets a comma inside the quotation marks
    chinese = source.get("language") == ZH
    title = f"\u201c{named}\u201d [{source['report']}]," if chinese else f"\u201c{named},\u201d"
    occasion = f"speech delivered at the {source['session']}" if source.get("session") else "speech"
    where = []
    if source.get("translation") == "official":
        where.append(f"official English translation, {source.get('publisher') or 'publisher not stated'}")
    elif source.get("publisher"):
        where.append(source["publisher"])
    if source.get("readable_url"):
        where.append(f"{source['readable_url']} (accessed {_us_date(source.get('accessed'))})")
    tail = ", ".join([*where, _pinpoint(ref)])
    return f"{speaker}, {title} {occasion}, {_us_date(source.get('date'))}, {tail}."


def gbt7714(source: dict[str, Any], ref: str) -> str:
    """GB/T 7714-2015: an electronic resource [EB/OL] with its date and access date, or a report [R]."""
    if "speaker" not in source:
        return f"{source['title']}[N]. {source.get('report') or ''}, {source.get('date') or ''}. ({ref})"
    chinese = source.get("language") == ZH
    author = (source.get("speaker_zh") if chinese else _surname_first(source.get("speaker"))) or "国务院"
    title = source["report"] if chinese else english_title(source)
    occasion = source.get("session_zh") if chinese else source.get("session")
    if occasion:
        title += f"——{occasion}" if chinese else f": {occasion}"
    date = source.get("date") or ""
    if source.get("readable_url"):
        return f"{author}. {title}[EB/OL]. ({date})[{source.get('accessed')}]. {source['readable_url']}. ({ref})"
    published = ", ".join(p for p in (source.get("publisher"), date) if p)
    return f"{author}. {title}[R]. {published}. ({ref})"


def english_title(source: dict[str, Any]) -> str:
    """The report's title in English: the Government Work Report's, or what a report in its place is."""
    title = ENGLISH_TITLES.get(source.get("report_kind") or "", ENGLISH_TITLE)
    if source.get("report_kind") == "five-year-plan-report" and source.get("five_year_plan"):
        return f"Report on the {source['five_year_plan']}"
    return title


def _surname_first(name: str | None) -> str | None:
    """A Chinese name in pinyin as GB/T 7714 writes a foreign-language author: LI Qiang."""
    if not name:
        return None
    surname, _, given = name.partition(" ")
    return f"{surname.upper()} {given}".strip()
