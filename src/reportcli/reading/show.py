"""Reading the report: a theme or a section, a statement with its neighbours, the sentence of the official
report a statement quotes, or the whole report in reading order (``show``).

Every statement comes with what travels with it (``caveats``): its source wording and repairs, its
notes, the official words it renders.
"""

from __future__ import annotations

import contextlib
from typing import Any

from reportcli import refs
from reportcli.caveats import figures_by_ref, statement_dict, where
from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.model import FULL, GLOSSARY, PART, REVIEW, SUMMARY, THEME, Result, Section, Statement
from reportcli.scope import check_year, resolve_theme

NEIGHBOURS = 1  # statements shown before and after a cited one


def year_label(corpus: Corpus, section: Section, year: int) -> str:
    """How a summary speaks of a year: what it plans, or what it reviews."""
    if section.kind not in (THEME, REVIEW):
        return ""
    return corpus.report(section.report).year_label(year)


def show(corpus: Corpus, target: str | None = None, year: int | None = None) -> Result:
    """What ``show`` prints for TARGET: a report by id, a theme or section by name, any ref, or (none)
    the whole report, when one is loaded."""
    name = (target or "").strip()
    reports = {meta.id: meta for meta in corpus.reports}
    if not name:
        if len(reports) > 1:
            some = ", ".join(list(reports)[:3])
            raise QueryError(
                f"{len(reports)} reports are loaded; name one (such as {some}): 'reportcli reports' lists them"
            )
        return reading(corpus, next(iter(reports)), year)
    if name.casefold() in reports:
        return reading(corpus, name.casefold(), year)
    if "/" in name:
        return _ref(corpus, name, year)
    return section_text(corpus, resolve_theme(corpus, name, sections=True), year)


def section_text(corpus: Corpus, section: Section, year: int | None = None) -> Result:
    """A section's text, statement by statement, with what travels with each (a part of a full report
    with its sub-parts)."""
    if year is not None and year not in section.year_list:
        have = ", ".join(map(str, section.year_list)) or "none"
        noun = "theme" if section.kind == THEME else "section"
        raise QueryError(f"{noun} {section.id!r} has no text for {year}; its years: {have}")
    inferred = set(section.inferred_years)
    years = [y for y in section.year_list if year is None or y == year]
    statements = corpus.statements(section.id, year)
    if section.kind == PART:
        for sub in corpus.sections:
            if sub.id.startswith(section.id + "."):
                statements += corpus.statements(sub.id, year)
    figures = figures_by_ref(corpus, statements)
    document: dict[str, Any] = {
        "id": section.id,
        "kind": section.kind,
        "title": section.title,
        "group": section.group,
        "report": section.report,
        "years": years,
        "inferred_years": sorted(inferred),
        "statements": [
            statement_dict(corpus, s, inferred=s.year in inferred, figures=figures.get(s.ref, [])) for s in statements
        ],
    }
    labels = {y: year_label(corpus, section, y) for y in years}
    facts = {"year_labels": labels, "years": section.kind != PART}
    return Result("statements", document, document["statements"], facts=facts)


def reading(corpus: Corpus, report_id: str, year: int | None = None) -> Result:
    """A whole report in reading order: a summary's lead, review, every theme by year, glossary and
    credits (with ``year``, only what speaks of that year); a full report's parts."""
    check_year(corpus, year)
    meta = corpus.report(report_id)
    own_sections = [section for section in corpus.sections if section.report == report_id]
    statements = [s for section in own_sections for s in corpus.statements(section.id)]
    if year is not None:
        statements = [s for s in statements if s.year == year]
    figures = figures_by_ref(corpus, statements)
    by_section: dict[str, list[dict[str, Any]]] = {}
    for section in own_sections:
        inferred = set(section.inferred_years)
        by_section[section.id] = [
            statement_dict(corpus, s, inferred=s.year in inferred, figures=figures.get(s.ref, []))
            for s in statements
            if s.section == section.id
        ]
    sections: list[dict[str, Any]] = [
        {"id": section.id, "kind": section.kind, "title": section.title, "statements": by_section[section.id]}
        for section in own_sections
        if by_section[section.id]
    ]
    items = [item for section in own_sections for item in by_section[section.id]]
    document = {
        "report": meta.id,
        "title": meta.title,
        "date": meta.date,
        "event": meta.event,
        "sections": sections,
    }
    summary = meta.kind == SUMMARY
    labels = {y: meta.year_label(y) for y in corpus.years()} if meta.report_year else {}
    return Result("report", document, items, facts={"year_labels": labels if summary else {}, "years": summary})


def _ref(corpus: Corpus, ref: str, year: int | None) -> Result:
    """A statement with its neighbours; a part of a full report (``2024-zh/part3``) or a paragraph
    (``2024-zh/68``); a section and year (``ecology/2024``); a sentence or paragraph of an official
    report that a summary quotes, when that report is not loaded (``2024-zh/68.6``)."""
    try:
        before, statement, after = corpus.around(ref, NEIGHBOURS)
    except KeyError:
        pass
    else:
        return _statement_in_context(corpus, before, statement, after)
    with contextlib.suppress(KeyError):
        return section_text(corpus, corpus.section(ref), year)
    parsed = refs.parse(ref)
    head = parsed.head if parsed else ref.partition("/")[0]
    reports = {meta.id: meta for meta in corpus.reports}
    number = parsed.number if parsed and parsed.sentence is None and parsed.year is None else None
    if number is not None and head in reports and reports[head].kind == FULL:
        return _paragraph(corpus, head, number)
    if head not in reports and any(meta.official and meta.official.id == head for meta in reports.values()):
        return _quoted(corpus, ref, parsed)  # the official report is not loaded: what quotes it is
    if number is not None and year is None:
        try:
            section = resolve_theme(corpus, head, sections=True)
        except QueryError:
            pass
        else:
            if section.year_list:  # ecology/2024; but glossary/9 is a ref
                return section_text(corpus, section, number)
    raise unknown_ref(corpus, ref)


def _paragraph(corpus: Corpus, report_id: str, number: int) -> Result:
    """A paragraph of a full report, sentence by sentence."""
    statements = corpus.paragraph(report_id, number)
    if not statements:
        raise unknown_ref(corpus, refs.paragraph_ref(report_id, number))
    section = corpus.section(statements[0].section)
    document: dict[str, Any] = {
        "id": refs.paragraph_ref(report_id, number),
        "kind": "paragraph",
        "title": section.title,
        "group": section.group,
        "report": report_id,
        "years": sorted({s.year for s in statements if s.year is not None}),
        "inferred_years": [],
        "statements": [statement_dict(corpus, s) for s in statements],
    }
    return Result("statements", document, document["statements"], facts={"year_labels": {}, "years": False})


def example_refs(corpus: Corpus) -> list[str]:
    """A few refs of this report, to show what one looks like: the first of the review, of a theme and
    of the glossary."""
    examples: dict[str, str] = {}
    for section in corpus.sections:
        if section.kind in (THEME, REVIEW, GLOSSARY, PART) and section.kind not in examples:
            first = corpus.statements(section.id, section.year_list[0] if section.year_list else None)
            if first:
                examples[section.kind] = first[0].ref
    return list(examples.values())


def _section_named(corpus: Corpus, name: str) -> Section | None:
    """The section a ref's first part names, or the one it is a slip of the keyboard for."""
    if not name:
        return None
    try:
        return resolve_theme(corpus, name, sections=True)
    except QueryError:
        import difflib  # only to suggest a ref

        close = difflib.get_close_matches(name.casefold(), [s.id for s in corpus.sections], n=1, cutoff=0.75)
        return corpus.section(close[0]) if close else None


def unknown_ref(corpus: Corpus, ref: str) -> QueryError:
    """Why ``ref`` opens nothing, and what would: the ref meant, the refs of its section and year, or
    what refs look like."""
    head, _, rest = ref.partition("/")
    reports = {meta.id: meta for meta in corpus.reports}
    if head in reports and reports[head].kind == FULL:
        paragraphs = max(s.paragraph for s in corpus.statements(corpus.sections[_last_section(corpus, head)].id))
        return QueryError(
            f"no ref {ref!r}; {head} has paragraphs 1 to {paragraphs}, refs {head}/PARAGRAPH or "
            f"{head}/PARAGRAPH.SENTENCE ('reportcli show {head}' prints it)"
        )
    section = _section_named(corpus, head)
    if section is not None:
        year_text, _, position = rest.rpartition("/")
        dated = refs.number(year_text) in section.year_list
        scope = f"{section.id}/{year_text}" if dated else section.id
        meant = f"{scope}/{position}" if dated else f"{section.id}/{rest}"
        if dated or not section.year_list:
            statements = corpus.statements(section.id, refs.number(year_text) if dated else None)
            if meant != ref and any(s.ref == meant for s in statements):
                return QueryError(f"no ref {ref!r}; did you mean {meant!r}?")
            if len(statements) == 1:
                return QueryError(f"no ref {ref!r}; {scope} has one: {statements[0].ref}")
            if statements:
                return QueryError(
                    f"no ref {ref!r}; {scope} runs from {statements[0].ref} to {statements[-1].ref} "
                    f"('reportcli show {scope}' lists them)"
                )
        years = ", ".join(str(y) for y in section.year_list)
        return QueryError(
            f"no ref {ref!r}; {section.id} has text for {years} ('reportcli show {section.id}' lists its refs)"
        )
    *others, final = example_refs(corpus) or ["SECTION/YEAR/PARAGRAPH.SENTENCE"]
    examples = f"{', '.join(others)} or {final}" if others else final
    return QueryError(f"no ref {ref!r}; refs look like {examples} ('reportcli show' prints every one)")


def _last_section(corpus: Corpus, report_id: str) -> int:
    return max(i for i, section in enumerate(corpus.sections) if section.report == report_id)


def _statement_in_context(
    corpus: Corpus, before: list[Statement], statement: Statement, after: list[Statement]
) -> Result:
    section = corpus.section(statement.section)
    inferred = set(section.inferred_years)
    figures = figures_by_ref(corpus, [*before, statement, *after])

    def shown(s: Statement, role: str) -> dict[str, Any]:
        return {"role": role, **statement_dict(corpus, s, inferred=s.year in inferred, figures=figures.get(s.ref, []))}

    items = [shown(s, "before") for s in before] + [shown(statement, "cited")] + [shown(s, "after") for s in after]
    cited = items[len(before)]
    document = {
        "ref": statement.ref,
        "section": {"id": section.id, "kind": section.kind, "title": section.title, "report": section.report},
        "statement": cited,
        "before": items[: len(before)],
        "after": items[len(before) + 1 :],
    }
    if section.kind == PART:  # a sentence of a full report: the summaries' statements that render it
        document["quoted_by"] = [
            statement_dict(corpus, s, figures=figures_by_ref(corpus, [s]).get(s.ref, []))
            for s in corpus.quoting(statement.ref)
        ]
    return Result("statement", document, items, facts={"title": section.title})


def _quoted(corpus: Corpus, ref: str, parsed: refs.Ref | None) -> Result:
    """The statements that quote a sentence (or any sentence of a paragraph) of the official report, and
    the figures stated only there."""
    official = corpus.meta.official
    assert official is not None
    if parsed is None or parsed.number is None or parsed.year is not None:
        raise QueryError(f"no ref {ref!r}; a sentence of the official report is {official.id}/PARAGRAPH.SENTENCE")
    sentence = parsed.sentence is not None

    def here(at: str) -> bool:
        return at == ref if sentence else at.startswith(f"{ref}.")

    if sentence:
        quoting = corpus.quoting(ref)
    else:
        quoting = [s for s in corpus.statements() if any(here(q.at) for q in s.official)]
    stated = [f for f in corpus.figures if f.official is not None and here(f.official.at)]
    for figure in stated:  # a figure the summary dropped: the statement it belongs with
        statement = corpus.statement(figure.ref)
        if statement not in quoting:
            quoting.append(statement)
    if not quoting:
        raise QueryError(
            f"{ref} is in the official report ({official.title}), which is not loaded, and no statement of "
            "this report quotes it; 'reportcli about' says where the official text is"
        )
    figures = figures_by_ref(corpus, quoting)
    items = [statement_dict(corpus, s, figures=figures.get(s.ref, [])) for s in quoting]
    quotes = [q for s in quoting for q in s.official if here(q.at)]
    quotes += [f.official for f in stated if f.official is not None and f.official not in quotes]
    document = {
        "ref": ref,
        "official": {
            "id": official.id,
            "title": official.title,
            "url": official.url,
            **where(corpus, ref if sentence else f"{ref}.0"),
        },
        "quotes": [{"text": q.text, "at": q.at} for q in sorted(quotes, key=lambda q: _position(q.at))],
        "figures": [{"id": f.id, "display": f.display, "ref": f.ref} for f in stated],
        "quoted_by": items,
    }
    return Result("quoted", document, items, facts={"title": official.title})


def _position(at: str) -> tuple[int, int]:
    parsed = refs.parse(at)  # an official quote's ref: the loader checked its form
    return (parsed.number or 0, parsed.sentence or 0) if parsed else (0, 0)
