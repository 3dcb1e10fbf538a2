"""What the published texts state about a report, read off them: a header or title block (date,
session, speaker and office), a photo caption the page prints above the text, the opening sentence
(the session a report is made to), and the NPC resolution that approved the report (session,
speaker, the date it was adopted).

Nothing here guesses: each reader returns only what its text says, as ``Stated`` values that name
where they were read. ``importer.metadata`` puts them together with the table of public facts
(``importer.facts``), texts first.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import NamedTuple

from reportcli.importer.structure import SALUTATION
from reportcli.language import IDEOGRAPHS

DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:(?:至|和)(?:(\d{1,2})月)?(\d{1,2})日)?")
MONTH_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")
NPC = "全国人民代表大会"  # the National People's Congress
ORDINAL = "[一二三四五六七八九十]{1,3}"  # its 届 (the congress) and 次 (the session)
SESSION = re.compile(f"第({ORDINAL})届{NPC}第({ORDINAL})次会议")
OFFICE = rf"(?:国务院)?(?:副总理|代总理|总理|国务委员)(?:兼[{IDEOGRAPHS}]{{1,14}}?(?:主任|部长))?"
ROLE = re.compile(f"({OFFICE})([{IDEOGRAPHS}]{{2,3}})")
NAME = re.compile(rf"[{IDEOGRAPHS}]{{2,3}}")
HEADER_SPAN = 700  # characters: a header stands before the salutation, within the start of the text
SEGMENT_BREAK = re.compile(r"\n|\t|[\u3000\u00a0 ]{2,}")
CAPTION = re.compile(r"(\d{1,2})月(\d{1,2})日[，,](.{0,60}?)作(?:了)?《?政府工作报告》?")
OPENING_SPAN = 300  # characters after the salutation where a report names the session it is made to
RESOLUTION = re.compile(
    f"(第{ORDINAL}届{NPC}第{ORDINAL}次会议)听取(?:和审议|并审议)?了"
    rf"(?:(国务院总理)([{IDEOGRAPHS}]{{2,3}}?)|([{IDEOGRAPHS}]{{2,3}}?)(总理))(?:代表国务院)?所作的"
)
ADOPTED = re.compile(r"[（(](\d{4})年(\d{1,2})月(\d{1,2})日(第.{2,30}?会议)?通过[）)]")  # compact() makes （ into (
YEAR_OF_WORK = re.compile(r"同意报告[^。]{0,44}?(\d{4})年")  # the resolution agreeing to the plan of YYYY年
FIELDS = ("date", "date_until", "session_zh", "speaker_zh", "role_zh", "approved")


class Stated(NamedTuple):
    """One value a text states, and where: ``where`` names the file, the record and the part of it;
    ``text`` is the kind of text, as the table of facts names its sources (``TSV header``)."""

    field: str  # one of FIELDS
    value: str
    where: str
    text: str


def compact(text: str) -> str:
    """NFKC, without spaces of any width: "李　强" is 李强, "１９９７" is 1997, "1 9 9 8 年" is 1998年."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def header(content: str) -> str:
    """The stretch of a text before its salutation (``SALUTATION``), where a header or title block
    stands; a text without a salutation near its start (an abstract) gives its first stretch."""
    found = SALUTATION.search(content[:HEADER_SPAN])
    return content[: found.start()] if found else content[:HEADER_SPAN]


def segments(text: str) -> list[str]:
    """The lines of a header: split at line breaks, tabs and runs of spaces, each compacted."""
    return [piece for piece in (compact(part) for part in SEGMENT_BREAK.split(text)) if piece]


def from_header(content: str, where: str, year: int, copy: str) -> list[Stated]:
    """Date, session, office and speaker as a header states them (a dash, then YYYY年M月D日, the session
    as SESSION writes it, and the office and name on a line of their own), and what a photo caption
    above it says (its day is of
    ``year``, the record's). ``copy`` names the copy (``TSV`` or ``Wikisource``), whose header is a
    "header" or a "title block"."""
    part = "the header" if copy == "TSV" else "the title block"
    name, at = f"{copy} {part.removeprefix('the ')}", f"{where}: {part}"
    found: list[Stated] = []
    lines = segments(header(content))
    lines = [line for line in lines if not CAPTION.search(line)]  # a caption is read apart (_caption)
    for line in lines:
        if (date := DATE.search(line)) and "在" in line[date.end() : date.end() + 3]:
            found += _dates(date, at, name)
            break
    for line in lines:
        if "在" in line and (session := SESSION.search(line)) and "上" in line[session.end() : session.end() + 2]:
            found.append(Stated("session_zh", session.group(0), at, name))
            break
    found += _speaker(lines, at, name)
    caption = _caption(segments(header(content)), f"{where}: a photo caption", year, f"{copy} photo caption")
    have = {s.field for s in found}
    return found + [s for s in caption if s.field not in have]


def _dates(date: re.Match[str], where: str, name: str) -> list[Stated]:
    year, month, day = int(date.group(1)), int(date.group(2)), int(date.group(3))
    first = iso(year, month, day)
    if first is None:
        return []
    found = [Stated("date", first, where, name)]
    if date.group(5):
        last = iso(year, int(date.group(4) or month), int(date.group(5)))
        if last is not None and last > first:
            found.append(Stated("date_until", last, where, name))
    return found


def _speaker(lines: list[str], where: str, name: str) -> list[Stated]:
    """The office and name: the office (国务院总理, say) and a name of two or three characters on one
    line (a table of contents, 目录, may follow the name), or the office on one line and the name on
    the next."""
    for n, segment in enumerate(lines):
        line = segment.removesuffix("目录")
        if (role := ROLE.fullmatch(line)) is not None:
            return [Stated("role_zh", role.group(1), where, name), Stated("speaker_zh", role.group(2), where, name)]
        if re.fullmatch(OFFICE, line) and n + 1 < len(lines) and NAME.fullmatch(lines[n + 1]):
            return [Stated("role_zh", line, where, name), Stated("speaker_zh", lines[n + 1], where, name)]
    if lines and NAME.fullmatch(lines[-1]) and any(DATE.search(line) for line in lines):
        return [Stated("speaker_zh", lines[-1], where, name)]  # a name alone under the dateline (1957)
    return []


def _caption(lines: list[str], where: str, year: int, name: str) -> list[Stated]:
    """A photo caption above the text (M月D日, then who reported to which session) gives the day (the
    year is the record's) and, when it names them, the speaker and the session."""
    for line in lines:
        if (caption := CAPTION.search(line)) is None:
            continue
        day = iso(year, int(caption.group(1)), int(caption.group(2)))
        found = [Stated("date", day, where, name)] if day else []
        middle = caption.group(3)
        if session := SESSION.search(middle):
            found.append(Stated("session_zh", session.group(0), where, name))
        if (role := ROLE.search(middle)) is not None:
            speaker = role.group(2).removesuffix("在")
            found += [Stated("role_zh", role.group(1), where, name), Stated("speaker_zh", speaker, where, name)]
        return found
    return []


def from_opening(paragraphs: list[str], where: str, copy: str) -> list[Stated]:
    """The session a report names in its opening sentence (the speaker reports to it: 向, then the session
    as SESSION writes it)."""
    opening = compact("".join(paragraphs[:3]))[:OPENING_SPAN]
    session = SESSION.search(opening)
    if session is None or "向" not in opening[max(0, session.start() - 3) : session.start()]:
        return []
    return [Stated("session_zh", session.group(0), f"{where}: the opening sentence", f"{copy} opening sentence")]


class Resolution(NamedTuple):
    """An NPC resolution approving a Government Work Report, as its text states it."""

    session_zh: str
    speaker_zh: str
    role_zh: str
    approved: str | None  # the date the session adopted it, when the text gives it
    year: int | None  # the year whose work it approves, when the text names it
    where: str

    def stated(self) -> list[Stated]:
        where, name = f"{self.where}: the NPC resolution", "NPC resolution"
        found = [
            Stated("session_zh", self.session_zh, where, name),
            Stated("speaker_zh", self.speaker_zh, where, name),
            Stated("role_zh", self.role_zh, where, name),
        ]
        return found + ([Stated("approved", self.approved, where, name)] if self.approved else [])


def resolution(content: str, where: str) -> Resolution | None:
    """What a resolution says: the session that heard the report, the Premier who made it, and the day
    the session adopted the resolution (the date and the session in brackets, then 通过)."""
    text = compact(content)
    found = RESOLUTION.search(text)
    if found is None:
        return None
    speaker = found.group(3) or found.group(4)
    adopted = ADOPTED.search(text[: found.start() + 200])
    approved = iso(*(int(adopted.group(n)) for n in (1, 2, 3))) if adopted else None
    named = YEAR_OF_WORK.search(text, found.end())
    year = int(named.group(1)) if named else int(adopted.group(1)) if adopted else None
    return Resolution(found.group(1), speaker, "国务院总理", approved, year, where)


def numeral(text: str) -> int:
    """一 -> 1, 十四 -> 14 (the numbers of an NPC and its sessions)."""
    values = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
    if "十" not in text:
        return values[text]
    tens, _, units = text.partition("十")
    return values.get(tens, 1) * 10 + (values[units] if units else 0)


ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth")


def session_in_english(session_zh: str) -> str | None:
    """The session as SESSION writes it (the congress and the session in Chinese numerals) -> "Second
    Session of the 14th National People's Congress"."""
    found = SESSION.fullmatch(session_zh)
    if found is None:
        return None
    npc, session = numeral(found.group(1)), numeral(found.group(2))
    suffix = "th" if 10 <= npc % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(npc % 10, "th")
    return f"{ORDINALS[session - 1]} Session of the {npc}{suffix} National People's Congress"
