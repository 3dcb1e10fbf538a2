"""A full report, as ``reportcli import`` writes it: paragraphs of sentences, the paragraphs where its
parts and sub-parts begin, and the record of what cleaning took out of the published text.

Refs are ``<report id>/<paragraph>.<sentence>`` (``2024-zh/68.6``). The sections are the parts:
``2024-zh/part3`` (the heading of part 3 and what precedes its first sub-part), ``2024-zh/part3.9``
(sub-part 9), and ``2024-zh/part0`` for what comes before the first part (or the whole text of a
report without numbered parts).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from reportcli import refs
from reportcli.language import EN, ZH
from reportcli.model import PART, Note, Part, Statement
from reportcli.reportfile.checks import Checker

CHANGE_KEYS = ("at", "kind", "removed", "inserted")
NOTE_KEYS = ("at", "kind", "text", "source")
FROM_COPY = "from-other-copy"  # a note that the sentence (or part of it) is taken from the other copy
OPENING_TITLES = {ZH: ("开头", "全文"), EN: ("Opening", "Full text")}  # before part 1; no parts at all


def paragraphs(c: Checker, raw: Any) -> list[list[str]]:
    found = []
    for i, item in enumerate(c.list(raw, "paragraphs", nonempty=True)):
        sentences = c.list(item, f"paragraphs[{i}]", nonempty=True)
        found.append([c.text(s, f"paragraphs[{i}][{j}]") for j, s in enumerate(sentences)])
    return found


def part_starts(c: Checker, raw: Any, count: int) -> list[tuple[int, int, int]]:
    """``[part, sub-part or 0, first paragraph]``, in the order of the text (part 0: before part 1, whose
    sub-parts a report without numbered parts may have)."""
    found: list[tuple[int, int, int]] = []
    for i, item in enumerate(c.list(raw, "parts")):
        numbers = c.list(item, f"parts[{i}]")
        if len(numbers) != 3 or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            raise c.fail(f"parts[{i}]", "expected [part, sub-part or 0, first paragraph]")
        part, subpart, first = numbers
        if part < 0 or subpart < 0 or (part, subpart) == (0, 0) or not 1 <= first <= count:
            raise c.fail(f"parts[{i}]", f"no paragraph {first} (the report has {count}), or no such part")
        if found and (first <= found[-1][2] or (part, subpart) <= found[-1][:2]):
            raise c.fail(f"parts[{i}]", "parts must follow each other in the text, in order")
        found.append((part, subpart, first))
    return found


def removed(c: Checker, raw: Any) -> tuple[tuple[str, int, int], ...]:
    """Check the cleaning record (changes in order, none overlapping) and sum it up by kind."""
    times: Counter[str] = Counter()
    characters: Counter[str] = Counter()
    end = 0
    for i, item in enumerate(c.list(raw, "cleaning")):
        path = f"cleaning[{i}]"
        m = c.mapping(item, path, CHANGE_KEYS)
        at = m["at"]
        if isinstance(at, bool) or not isinstance(at, int) or at < end:
            raise c.fail(f"{path}.at", "expected an offset after the previous change's end")
        kind = c.slug(m["kind"], f"{path}.kind")
        gone = c.text(m["removed"], f"{path}.removed", allow_empty=True)
        c.text(m["inserted"], f"{path}.inserted", allow_empty=True)
        end = at + len(gone)
        times[kind] += 1
        characters[kind] += len(gone)
    return tuple((kind, times[kind], characters[kind]) for kind in sorted(times))


def sentence_notes(c: Checker, raw: Any, text: list[list[str]]) -> dict[tuple[int, int], tuple[Note, ...]]:
    """Notes on single sentences, by (paragraph, sentence): text taken from the other published copy,
    the other copy's wording of a passage, an editor's note on a missing glyph."""
    found: dict[tuple[int, int], tuple[Note, ...]] = {}
    for i, item in enumerate(c.list(raw, "notes")):
        m = c.mapping(item, f"notes[{i}]", NOTE_KEYS)
        at = c.text(m["at"], f"notes[{i}].at")
        paragraph, _, sentence = at.partition(".")
        if not (paragraph.isdigit() and sentence.isdigit()):
            raise c.fail(f"notes[{i}].at", f"{at!r} is not a paragraph.sentence")
        p, s = int(paragraph), int(sentence)
        if not (1 <= p <= len(text) and 1 <= s <= len(text[p - 1])):
            raise c.fail(f"notes[{i}].at", f"no sentence {at} in the text")
        note = Note(c.slug(m["kind"], f"notes[{i}].kind"), c.text(m["text"], f"notes[{i}].text"), "")
        found[(p, s)] = (*found.get((p, s), ()), note._replace(source=c.text(m["source"], f"notes[{i}].source")))
    return found


def parts(
    report_id: str,
    year: int,
    language: str,
    text: list[list[str]],
    starts: list[tuple[int, int, int]],
    noted: dict[tuple[int, int], tuple[Note, ...]] | None = None,
    linked: dict[tuple[int, int], tuple[tuple[str, ...], float, str | None]] | None = None,
) -> list[Part]:
    """The sections of the report, each with its statements (one per sentence)."""
    bounds = [(0, 0, 1), *starts] if not starts or starts[0][2] > 1 else starts
    opening, whole = OPENING_TITLES.get(language, OPENING_TITLES[EN])
    found = []
    for n, (part, subpart, first) in enumerate(bounds):
        last = bounds[n + 1][2] - 1 if n + 1 < len(bounds) else len(text)
        section = refs.part_id(report_id, part, subpart)
        if (part, subpart) == (0, 0):
            title = opening if starts else whole
        else:
            title = (
                text[first - 1][0]
                if subpart
                else "".join(text[first - 1])
                if language == ZH
                else " ".join(text[first - 1])
            )
        statements = tuple(
            tuple(
                _statement(
                    report_id, section, year, p, s, sentence, (noted or {}).get((p, s), ()), (linked or {}).get((p, s))
                )
                for s, sentence in enumerate(text[p - 1], 1)
            )
            for p in range(first, last + 1)
        )
        found.append(Part(section, PART, title, report_id, title, {year: statements}, report=report_id))
    return found


def _statement(
    report_id: str,
    section: str,
    year: int,
    p: int,
    s: int,
    sentence: str,
    notes: tuple[Note, ...],
    linked: tuple[tuple[str, ...], float, str | None] | None,
) -> Statement:
    ref = refs.sentence_ref(report_id, p, s)
    if not notes and linked is None:
        return Statement(ref, section, year, p, sentence)
    copied = next((n.source for n in notes if n.kind == FROM_COPY), None)
    counterparts, cost, check = linked if linked is not None else ((), None, None)
    return Statement(
        ref,
        section,
        year,
        p,
        sentence,
        notes=notes,
        from_copy=copied,
        counterparts=counterparts,
        alignment_cost=cost,
        link_check=check,
    )


def translation(
    c: Checker, raw: Any, text: list[list[str]]
) -> dict[tuple[int, int], tuple[tuple[str, ...], float, str | None]]:
    """The links of the sentences to those of the report in the other language that render them (as
    ``import`` finds them through the aligned pairs), by (paragraph, sentence): the other's refs, the
    pair's alignment cost, and why the link is doubtful beyond it (a sixth element, which files
    imported before it was recorded do not have)."""
    m = c.mapping(raw, "translation", ("report", "low_confidence", "links"))
    other = c.text(m["report"], "translation.report")
    if not refs.REPORT_ID.fullmatch(other):
        raise c.fail("translation.report", f"{other!r} is not a report id")
    found: dict[tuple[int, int], tuple[tuple[str, ...], float, str | None]] = {}
    for i, item in enumerate(c.list(m["links"], "translation.links")):
        path = f"translation.links[{i}]"
        row = c.list(item, path)
        if len(row) not in (5, 6):
            raise c.fail(path, "expected [paragraph, sentence, [refs], cost, pair, check]")
        p, s, there, cost, pair, check = row if len(row) == 6 else (*row, None)
        if check is not None and not (isinstance(check, str) and check.strip()):
            raise c.fail(path, "expected why the link is doubtful, or null")
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in (p, s, pair)):
            raise c.fail(path, "expected whole numbers for the paragraph, the sentence and the pair")
        if not (1 <= p <= len(text) and 1 <= s <= len(text[p - 1])):
            raise c.fail(path, f"no sentence {p}.{s} in the text")
        if isinstance(cost, bool) or not isinstance(cost, int | float) or not 0 <= cost < 100:
            raise c.fail(path, "expected the alignment cost, a number from 0")
        others = tuple(c.text(r, f"{path}[2]") for r in c.list(there, f"{path}[2]", nonempty=True))
        if not all((found_ref := refs.parse(r)) and found_ref.head == other and found_ref.is_sentence for r in others):
            raise c.fail(f"{path}[2]", f"expected refs of sentences of {other}")
        before = found.get((p, s), ((), 0.0, None))
        found[(p, s)] = (before[0] + others, float(cost), before[2] or check)
    return found
