"""What is known of a report, for a reader who cites it: its title, date, NPC session, speaker and
office, what kind of report it is, the publisher and status of a translation, and what the source's
publisher says of its defects.

The texts come first: what the report's own header or title block states, then the other published
copy's header (or a photo caption above it), the report's opening sentence, the NPC resolution that
approved it (``importer.stated``). Only what no text states is taken from the table of public facts
(``data/report-facts.csv``, ``importer.facts``), whose every value says where it comes from. Each
field's source is recorded in ``sources``. A fact a reader must know (a plan report filed as the
year's report, a speaker who is not the Premier, an abstract, a partial text, a text the table knows
to be wrong) becomes a caveat that names where it was read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reportcli.importer import facts, stated
from reportcli.importer.sources import InputFile, Record
from reportcli.importer.stated import Stated, compact
from reportcli.language import EN, ZH

SUBJECT = re.compile(r"关于([^。！？；]{2,60}?)的(?:报告|议案)")
PLAN_WORDS = re.compile(r"计划|规划|预算|决算|纲要")
OPENING_PARAGRAPHS = 2  # after the salutation: where a report says what it is
COMPLETENESS_FACTS = ("partial", "abstract", "incomplete")
TABLE = "data/report-facts.csv"
LICENCE = {
    ZH: "A document of a state organ: Article 5(1) of the Copyright Law of the PRC excludes it from "
    "copyright (Chinese Wikisource marks these reports public domain on that ground).",
    EN: "The official English translation: probably covered by Article 5(1) of the Copyright Law of the PRC "
    "as the Chinese is, but its publishers' sites carry copyright notices: quote it sparingly.",
}
# a stated field, and the table's column for it
STATED_IN_TABLE = {
    "date": "delivered",
    "date_until": "delivered_until",
    "session_zh": "session_zh",
    "speaker_zh": "speaker_zh",
    "role_zh": "role_zh",
}
KIND_CAVEATS = {
    "plan-report": "A report on the national economic plan, not a Government Work Report",
    "budget-report": "A report on the state budget, not a Government Work Report",
    "five-year-plan-report": "A report on a five-year plan, given as the year's report",
    "abstract": "The published abstract of the report, not its full text",
}


def is_premier(role_zh: str) -> bool:
    """总理, 国务院总理, 政务院总理, 国务院代总理 (an acting Premier) are the Premier's office; 副总理
    (a Vice Premier) and 国务委员 (a State Councillor) are not."""
    return "总理" in role_zh.replace("副总理", "")


def stated_title(lines: list[str]) -> str | None:
    """The report's title in a title block: the first line that names a report, up to its dateline."""
    for line in lines:
        if "报告" in compact(line):
            return re.split(r"——|－－|--", line.strip(), maxsplit=1)[0].strip() or None
    return None


def subject(title_lines: list[str], paragraphs: list[str]) -> str | None:
    """What the report says it is, when that is a report on the plan or budget: ``关于…的报告``."""
    opening = [compact(p) for p in title_lines + paragraphs[1 : 1 + OPENING_PARAGRAPHS]]
    for text in opening:
        for found in SUBJECT.finditer(text):
            if PLAN_WORDS.search(found.group(1)):
                return found.group(0)
    return None


def kind_from_text(title: str, about: str | None) -> str:
    """The kind of report its own words say it is: an abstract (摘要 in the title), a report on a budget
    (预算, 决算), on a five-year plan, on the plan; else a Government Work Report."""
    if "摘要" in title:
        return "abstract"
    if about is None:
        return "government-work-report"
    if re.search("预算|决算", about):
        return "budget-report"
    return "five-year-plan-report" if re.search('五年计划|五”计划|五"计划|五年规划', about) else "plan-report"


class Resolved:
    """Each field's value and where it came from: the texts in the order given, then the table."""

    def __init__(self, texts: Sequence[Stated], row: facts.Row | None) -> None:
        self.values: dict[str, str] = {}
        self.sources: dict[str, str] = {}
        self.disagreements: list[tuple[Stated, str, str]] = []  # (what a text says, the table's value, why)
        for field in stated.FIELDS:
            wrong = row.disagrees.get(STATED_IN_TABLE.get(field, field), ()) if row else ()
            for item in (s for s in texts if s.field == field):
                if item.text in wrong and row is not None:
                    self.disagreements.append((item, row.values[STATED_IN_TABLE[field]], row.sources[field_of(field)]))
                    continue
                self.values.setdefault(field, item.value)
                self.sources.setdefault(field, item.where)
            column = STATED_IN_TABLE.get(field)
            if field not in self.values and row is not None and column and row.get(column):
                self.values[field] = row.values[column]
                self.sources[field] = from_table(row, column)

    def get(self, field: str) -> str | None:
        return self.values.get(field)


def field_of(stated_field: str) -> str:
    return STATED_IN_TABLE.get(stated_field, stated_field)


def from_table(row: facts.Row, column: str) -> str:
    return f"{TABLE}, {row.id}: {row.sources[column]}"


class Fields:
    """The mapping being built, and where each of its values comes from."""

    def __init__(self, found: dict[str, Any]) -> None:
        self.found = found
        self.sources: dict[str, str] = {}

    def put(self, key: str, value: str | None, source: str | None) -> None:
        if value:
            self.found[key] = value
            if source:
                self.sources[key] = source

    def table(self, row: facts.Row, key: str, column: str | None = None) -> None:
        column = column or key
        self.put(key, row.get(column), from_table(row, column) if row.get(column) else None)


def metadata(
    record: Record,
    file: InputFile,
    title_lines: list[str],
    paragraphs: list[str],
    texts: Sequence[Stated] = (),
    row: facts.Row | None = None,
    credited: str | None = None,
) -> dict[str, Any]:
    """The ``report`` mapping of an imported report, but for its id and source. ``texts``: what the
    texts state of it, most trusted first; ``row``: its row of the table of facts; ``credited``: the
    publisher a closing credit line names ("(Source: Xinhua)")."""
    where = f"{record.file}, line {record.line}"
    caveats: list[dict[str, str]] = []
    completeness = "complete"
    for fact in file.facts(record.year, record.language):
        if fact.kind in COMPLETENESS_FACTS:
            completeness = fact.kind
        caveats.append({"kind": fact.kind, "text": fact.text, "source": "the source's publisher (pinned file)"})
    about = subject(title_lines, paragraphs) if record.language == ZH else None
    if record.language == ZH:
        title = record.title or stated_title(title_lines) or f"{record.year}年政府工作报告"
    else:
        title = f"Report on the Work of the Government ({record.year}), the official English translation"
        if record.note and "PARTIAL" in record.note and completeness == "complete":
            completeness = "partial"
            caveats.append({"kind": "partial", "text": record.note, "source": f"{record.file}, line 1"})
    fields = Fields({"kind": "full", "year": record.year, "language": record.language, "title": title})
    resolved = Resolved(texts, row)
    _who_when_where(fields, resolved, row, record.language)
    kind, kind_source = _kind(row, title, about, where)
    fields.put("report_kind", kind, kind_source)
    if row is not None:
        fields.table(row, "five_year_plan")
        fields.table(row, "translation")
    if credited:
        fields.put("publisher", credited, f"{record.file}: its closing credit line")
    elif row is not None:
        fields.table(row, "publisher")
    found = fields.found
    caveats += _caveats(found, fields.sources, resolved, kind, about, row)
    found["completeness"] = "abstract" if kind == "abstract" and completeness == "complete" else completeness
    if record.language in LICENCE:
        found["licence"] = LICENCE[record.language]
    if caveats:
        found["caveats"] = _unique(caveats)
    if fields.sources:
        found["sources"] = fields.sources
    return found


def _who_when_where(fields: Fields, resolved: Resolved, row: facts.Row | None, language: str) -> None:
    """Date, session, speaker and office, each in Chinese and English, and the same in the report's
    own language as ``event``, ``speaker`` and ``role``."""
    for key in ("date", "date_until", "session_zh", "speaker_zh", "role_zh", "approved"):
        fields.put(key, resolved.get(key), resolved.sources.get(key))
    found, sources = fields.found, fields.sources
    session_zh, speaker_zh, role_zh = (resolved.get(f) for f in ("session_zh", "speaker_zh", "role_zh"))
    if session_zh:
        fields.put("session_en", stated.session_in_english(session_zh), sources.get("session_zh"))
    if row is not None and speaker_zh is not None and row.get("speaker_zh") == speaker_zh:
        fields.table(row, "speaker_pinyin")
    if row is not None and role_zh and _office(row.get("role_zh") or "") == _office(role_zh):
        fields.table(row, "role_en", "role")
    english = language != ZH
    fields.put("event", found.get("session_en") if english else session_zh, sources.get("session_zh"))
    fields.put("speaker", found.get("speaker_pinyin") if english else speaker_zh, sources.get("speaker_zh"))
    fields.put("role", found.get("role_en") if english else role_zh, sources.get("role_zh"))


def _office(role_zh: str) -> str:
    """An office without the 国务院 its name may begin with, and 部长 for 部部长 (the texts write both)."""
    return role_zh.removeprefix("国务院").replace("部部长", "部长")


def _kind(row: facts.Row | None, title: str, about: str | None, where: str) -> tuple[str, str]:
    """The kind of report: as the table classifies it (its source quotes the words that say so),
    else as its own title and opening say."""
    if row is not None and row.get("kind"):
        return row.values["kind"], from_table(row, "kind")
    kind = kind_from_text(title, about)
    said = "its title" if kind == "abstract" else f"its opening ({about})" if about else "its text"
    return kind, f"{where}: {said}"


def _caveats(
    found: dict[str, Any],
    sources: dict[str, str],
    resolved: Resolved,
    kind: str,
    about: str | None,
    row: facts.Row | None,
) -> list[dict[str, str]]:
    caveats: list[dict[str, str]] = []
    if kind in KIND_CAVEATS:
        said = row.notes if row is not None and row.notes else f"{KIND_CAVEATS[kind]}."
        said += f" It says it is {about}." if about and about not in said else ""
        caveats.append({"kind": kind, "text": said, "source": sources["report_kind"]})
    role_zh = found.get("role_zh")
    if role_zh and not is_premier(role_zh):
        who = " ".join(x for x in (found.get("speaker_pinyin"), f"({found.get('speaker_zh')})") if x)
        office = found.get("role_en") or role_zh
        caveats.append(
            {
                "kind": "not-the-premier",
                "text": f"Delivered by {who}, {office} ({role_zh}), not by the Premier.",
                "source": sources["role_zh"],
            }
        )
    for item, value, why in resolved.disagreements:
        caveats.append(
            {
                "kind": "sources-disagree",
                "text": f"{item.where} gives the {item.field.replace('_zh', '')} as {item.value}; "
                f"it was {value} ({why}).",
                "source": f"{TABLE}, {row.id if row else ''}",
            }
        )
    return caveats


def _unique(caveats: list[dict[str, str]]) -> list[dict[str, str]]:
    seen: set[tuple[str, str]] = set()
    kept = []
    for caveat in caveats:
        key = (caveat["kind"], caveat["text"])
        if key not in seen and not (caveat["kind"] in KIND_CAVEATS and caveat["kind"] in {k for k, _ in seen}):
            seen.add(key)
            kept.append(caveat)
    return kept
