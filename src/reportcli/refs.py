"""Refs: the names every printed statement, paragraph and part can be opened by (``reportcli show REF``).

One grammar, parsed and printed here alone:

- ``2024-zh``                a report (its id: lowercase letters, digits and hyphens)
- ``2024-zh/part3``          a part of a full report; ``2024-zh/part3.9`` its sub-part 9; ``part0`` is
                             what comes before the first part (or all of a report without parts)
- ``2024-zh/68``             a paragraph of a full report; ``2024-zh/68.6`` its sentence 6
- ``ecology/2024``           a section of a summary in one year
- ``ecology/2024/2.6``       a statement of a summary: section, year, paragraph and sentence
- ``glossary/3``             a statement of a summary's section that has no years (lead, glossary,
                             credits): the section and its number

Which of ``head/N`` is meant (a paragraph, a numbered statement, a year) depends on what ``head``
names, which only the loaded data knows: ``parse`` reads the form, the reader decides. Numbers are
ASCII digits only, so that ``ecology/²`` is no ref rather than a number Python cannot read.
"""

import re
from typing import NamedTuple

from reportcli.language import LANGUAGES

REPORT_ID = re.compile(r"[0-9a-z]+(?:-[0-9a-z]+)*")
_NUMBER = r"[0-9]+"
_FORMS = re.compile(
    rf"(?P<head>[^/\s]+)(?:/(?:part(?P<part>{_NUMBER})(?:\.(?P<subpart>{_NUMBER}))?"
    rf"|(?P<year>[0-9]{{4}})/(?P<dated>{_NUMBER})\.(?P<dated_sentence>{_NUMBER})"
    rf"|(?P<number>{_NUMBER})(?:\.(?P<sentence>{_NUMBER}))?))?"
)


class Ref(NamedTuple):
    """A ref as written: its head (a report or section id) and the numbers after it."""

    head: str
    part: int | None = None  # head/partN[.M]
    subpart: int | None = None
    year: int | None = None  # head/YEAR/P.S
    number: int | None = None  # head/N[.S]: a paragraph, a numbered statement, or a year
    sentence: int | None = None  # head/N.S or head/YEAR/P.S

    @property
    def is_part(self) -> bool:
        return self.part is not None

    @property
    def is_sentence(self) -> bool:
        """``head/P.S`` (a sentence of a full report) or ``head/YEAR/P.S`` (a summary's statement)."""
        return self.sentence is not None

    def __str__(self) -> str:
        if self.part is not None:
            return part_id(self.head, self.part, self.subpart or 0)
        if self.year is not None and self.number is not None:
            return statement_ref(self.head, self.year, self.number, self.sentence or 0)
        if self.number is None:
            return self.head
        return f"{self.head}/{self.number}" + (f".{self.sentence}" if self.sentence is not None else "")


def parse(text: str) -> Ref | None:
    """The ref ``text`` is written as, or None when it has none of the forms."""
    match = _FORMS.fullmatch(text)
    if match is None:
        return None
    found = {name: int(value) for name, value in match.groupdict().items() if value is not None and name != "head"}
    if "dated" in found:
        return Ref(match["head"], year=found["year"], number=found["dated"], sentence=found["dated_sentence"])
    return Ref(match["head"], found.get("part"), found.get("subpart"), None, found.get("number"), found.get("sentence"))


def number(text: str) -> int | None:
    """A number as refs write it (ASCII digits), else None: ``"²"`` and ``"٣"`` are no numbers here."""
    return int(text) if text.isascii() and text.isdigit() else None


def report_id(year: int, language: str) -> str:
    """The id of a full report: ``2024-zh``."""
    return f"{year}-{language}"


def language_of(ref: str) -> str | None:
    """The language of the full report a ref is in (``2024-en/70.3``: en), from its id; None for a ref of
    a summary's, whose ids carry none."""
    head = ref.split("/", 1)[0]
    year, _, language = head.partition("-")
    return language if year.isdigit() and language in LANGUAGES else None


def part_id(report: str, part: int, subpart: int = 0) -> str:
    """A part's section id: ``2024-zh/part3``, or a sub-part's: ``2024-zh/part3.9``."""
    return f"{report}/part{part}" + (f".{subpart}" if subpart else "")


def sentence_ref(report: str, paragraph: int, sentence: int) -> str:
    """A sentence of a full report: ``2024-zh/68.6``."""
    return f"{report}/{paragraph}.{sentence}"


def paragraph_ref(report: str, paragraph: int) -> str:
    """A paragraph of a full report: ``2024-zh/68``."""
    return f"{report}/{paragraph}"


def statement_ref(section: str, year: int, paragraph: int, sentence: int) -> str:
    """A statement of a summary: ``ecology/2024/2.6``."""
    return f"{section}/{year}/{paragraph}.{sentence}"


def is_subpart(section_id: str) -> bool:
    """A sub-part's id (``2024-zh/part3.9``), as against a part's or anything else."""
    found = parse(section_id)
    return found is not None and found.subpart is not None


def is_numbered_part(section_id: str) -> bool:
    """A part of a full report with a number (``2024-zh/part3``): not part0, not a sub-part."""
    found = parse(section_id)
    return found is not None and bool(found.part) and found.subpart is None
