"""What a report's own text says of it: its title, date, occasion and speaker (from the title block),
what kind of report it is (from its opening), and what the source's publisher says of its defects.

Nothing is guessed: a fact the text does not state is left out (``None``), and a fact that a reader
must know (a plan report filed as the year's report, a speaker who is not the Premier, an abstract,
a partial text) becomes a caveat that names where it was read.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from reportcli.importer.sources import InputFile, Record

DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
EVENT = re.compile(r"在(第.{2,40}?会议)上")
ROLE = re.compile(
    r"((?:国务院)?(?:副总理|代总理|总理|国务委员)(?:兼[\u4e00-\u9fff]{1,14}?(?:主任|部长))?)([\u4e00-\u9fff]{2,3})"
)
NAME_ONLY = re.compile(r"[\u4e00-\u9fff]{2,3}")
SUBJECT = re.compile(r"关于([^。！？；]{2,60}?)的(?:报告|议案)")
PLAN_WORDS = re.compile(r"计划|规划|预算|决算|纲要")
OPENING_PARAGRAPHS = 2  # after the salutation: where a report says what it is
COMPLETENESS_FACTS = ("partial", "abstract", "incomplete")
LICENCE = {
    "zh": "A document of a state organ: Article 5(1) of the Copyright Law of the PRC excludes it from "
    "copyright (Chinese Wikisource marks these reports public domain on that ground).",
    "en": "The official English translation: probably covered by Article 5(1) of the Copyright Law of the PRC "
    "as the Chinese is, but its publishers' sites carry copyright notices: quote it sparingly.",
}


def compact(text: str) -> str:
    """NFKC, without spaces of any width: "李　强" is 李强, "１９９７" is 1997."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def title_block_facts(lines: list[str]) -> dict[str, Any]:
    """Date, occasion, speaker and office as a title block states them."""
    block = [compact(line) for line in lines]
    joined = "\n".join(block)
    facts: dict[str, Any] = {}
    if date := DATE.search(joined):
        year, month, day = (int(n) for n in date.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            facts["date"] = f"{year:04d}-{month:02d}-{day:02d}"
    if event := EVENT.search(joined):
        facts["event"] = event.group(1)
    for line in reversed(block):
        if role := ROLE.search(line):
            facts["role"], facts["speaker"] = role.group(1), role.group(2)
            break
    else:
        if block and NAME_ONLY.fullmatch(block[-1]):
            facts["speaker"] = block[-1]
    return facts


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


def metadata(record: Record, file: InputFile, title_lines: list[str], paragraphs: list[str]) -> dict[str, Any]:
    """The ``report`` mapping of an imported report, but for its id and source."""
    facts = title_block_facts(title_lines) if record.language == "zh" else {}
    where = f"{record.file}, line {record.line}"
    caveats: list[dict[str, str]] = []
    completeness = "complete"
    for fact in file.facts(record.year, record.language):
        if fact.kind in COMPLETENESS_FACTS:
            completeness = fact.kind
        caveats.append({"kind": fact.kind, "text": fact.text, "source": "the source's publisher (pinned file)"})
    if record.language == "zh":
        title = record.title or stated_title(title_lines) or f"{record.year}年政府工作报告"
        if "摘要" in title and completeness == "complete":
            completeness = "abstract"
            caveats.append({"kind": "abstract", "text": f"The title says it is an abstract: {title}", "source": where})
        if about := subject(title_lines, paragraphs):
            caveats.append(
                {
                    "kind": "plan-report",
                    "text": f"A report on the plan or the budget ({about}), given in place of a Government Work "
                    "Report and filed by the source as the year's report.",
                    "source": where,
                }
            )
        role = facts.get("role", "")
        if role and "总理" not in role.replace("副总理", ""):
            caveats.append(
                {
                    "kind": "not-the-premier",
                    "text": f"Delivered by {role} {facts['speaker']}, not by the Premier.",
                    "source": where,
                }
            )
    else:
        title = f"Report on the Work of the Government ({record.year}), the official English translation"
        if record.note and "PARTIAL" in record.note and completeness == "complete":
            completeness = "partial"
            caveats.append({"kind": "partial", "text": record.note, "source": f"{record.file}, line 1"})
    found: dict[str, Any] = {"kind": "full", "year": record.year, "language": record.language, "title": title}
    found.update({key: facts[key] for key in ("date", "event", "speaker", "role") if key in facts})
    found["completeness"] = completeness
    if record.language in LICENCE:
        found["licence"] = LICENCE[record.language]
    if caveats:
        found["caveats"] = _unique(caveats)
    return found


def _unique(caveats: list[dict[str, str]]) -> list[dict[str, str]]:
    seen: set[str] = set()
    kept = []
    for caveat in caveats:
        if caveat["kind"] not in seen:
            seen.add(caveat["kind"])
            kept.append(caveat)
    return kept
