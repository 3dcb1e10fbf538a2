"""Where a sentence of a full report sits: in the review of last year, in the review of a plan period
or of a government's term, in the plan for this year, or among a plan period's goals. Read off the
parts' headings and the words that open paragraphs and sentences; no table of reports.

A report is parts (一、… 二、…), each opened by its heading; ``statements`` carry their part in
``section`` (``2015-zh/part1``, a sub-part ``2015-zh/part1.3``) and the heading is the part's first
sentence. Each sentence gets a ``Place``:

- ``zone``: ``review`` (what was done: 过去一年…, 五年来…) or ``plan`` (what is to be done).
- ``scope``: ``year`` (one year: the last one in a review, this one in a plan) or ``period`` (a plan
  period, a government's term, "ten years"), with the years it covers when they can be told.

The heading sets where a part starts:

- a review heading (回顾, 过去, 成就: "一、2014年工作回顾", "一、过去五年工作回顾") starts a review,
  of a period when the heading names one (五年, 时期, 期间, a plan: “十一五”) and no single year;
- a plan heading (今年, this year, 目标, 任务, 部署, 建议, 要求, 方针, 规划) starts the plan, of a
  period when it names a current or coming plan period (“十三五”时期主要目标任务, 今后十五年);
- a heading that is both ("1993年国内工作的回顾和1994年工作的基本方针") starts as a review and may
  turn into the plan; a heading that is neither, and the opening before part one, are the plan.

Then words at the start of a sentence (or of its second clause: "这里要特别指出，刚刚过去的1992年")
move the reading:

- 过去一年, 过去的一年, 一年来, 刚刚过去的, 首先报告 (the year before): the review of last year;
  at the start of a paragraph also 去年, or the year before written out ("2002年是…");
- 过去五年, 五年来, 这五年, 本届政府, a past plan (“十二五”时期): the review of that period (unless
  the words look ahead: 要, 将);
- at the start of a paragraph, 今年 or this year written out: this year's plan; a current or coming
  plan period (“十四五”时期是…), 今后五年: that period's goals.

In a review part, a move holds until the next one (the plan moves only in a mixed part). In a plan
part a move into a review is an aside: it holds to the end of its paragraph ("过去一年，我们的各项工作
取得了很大成绩。国内生产总值增长10.3%…" inside 2011's "三、2011年的工作"). In the opening, every
move holds (2002's opening reviews 2001: "首先报告2001年的工作"). Sub-parts carry on from where their
part is.

Everything here is linear in the text: one pass over the statements, each looking only at the first
characters of its sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from reportcli.extract.lazy import Pattern
from reportcli.language import DEPUTIES
from reportcli.model import Statement

REVIEW, PLAN = "review", "plan"
YEAR, PERIOD = "year", "period"

HEADING = Pattern(r"^[一二三四五六七八九十]+、")
DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
# A five-year plan by its name: “八五”, “十一五”, or 十二五 followed by 计划/规划/时期/期间
PLAN_NUMBER = "(十[一二三四五]?|[一二三四五六七八九])"
PLAN_NAME = Pattern(f"“{PLAN_NUMBER}五”|{PLAN_NUMBER}五(?=计划|规划|时期|期间)")
REVIEW_HEADING = Pattern(r"回顾|过去|成就")
PLAN_HEADING = Pattern(r"今年(?!以来)|目标|任务|部署|建议|要求|方针|规划")
PERIOD_WORDS = Pattern(r"五年|十年|时期|期间|今后")
# the first clause of a sentence: openers stand at its start or right after it
FIRST = Pattern(r"^(?:——)?(?:[^，。；：,;:]{0,12}[，,])?")
REVIEW_YEAR = Pattern(r"过去的?一年|一年来|刚刚过去的|首先报告")
REVIEW_PERIOD = Pattern(r"过去的?五年|五年来|这五年|回首这五年|在这五年中|本届政府")
LAST_YEAR_ONLY_AT_PARAGRAPH = Pattern(r"去年(?!以来)")
THIS_YEAR = Pattern(r"今年(?!以来)")
AHEAD = Pattern(r"要|将(?!近)")  # "在这五年里，我们要…": the five years ahead, not a review
COMING = Pattern(r"今后(?:五|十五|十)年")
# a sentence whose first characters hold none of these makes no move (most do not: no need to look closer)
HINT = Pattern(r"过去|一年|刚刚|首先报告|五年|本届政府|今年|去年|五”|五计划|五规划|五时期|五期间|今后|[0-9０-９]")
SALUTATION = Pattern(rf"^\s*{DEPUTIES}[！!：:，,]?\s*$")
LEAD = Pattern(r"(?:[（(][一二三四五六七八九十]+[）)]|——|关于)?")  # what may stand before a plan's name


class Place(NamedTuple):
    zone: str  # REVIEW or PLAN
    scope: str  # YEAR or PERIOD
    period: tuple[int, int] | None = None  # the years a period covers, when they can be told


def plan_years(name: str) -> tuple[int, int] | None:
    """The years of a five-year plan from its name: 八五 -> (1991, 1995), 十四五 -> (2021, 2025).

    The plans run five years from 1953, with the three years 1963-65 between the second and the
    third: the n-th begins in 1953 + 5(n-1) for the first two and in 1966 + 5(n-3) after."""
    number = name.strip("“”")
    number = number[:-1] if number.endswith("五") else number
    if number.startswith("十"):
        rest = number[1:]
        if rest and rest not in DIGITS:
            return None
        n = 10 + (DIGITS[rest] if rest else 0)
    elif len(number) == 1 and number in DIGITS:
        n = DIGITS[number]
    else:
        return None
    if n < 1:
        return None
    start = 1953 + 5 * (n - 1) if n <= 2 else 1966 + 5 * (n - 3)
    return start, start + 4


def compact(text: str) -> str:
    """NFKC, without the spaces some copies put between digits ("1 9 9 8 年" -> "1998年")."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"(?<=\d)[ \u3000]+(?=[\d.年%])", "", text) if " " in text or "\u3000" in text else text


def named_plan(text: str) -> tuple[int, int] | None:
    """The years of the first five-year plan a text names, if any."""
    match = PLAN_NAME.search(text)
    return plan_years(match.group(1) or match.group(2)) if match else None


def _years_named(text: str) -> set[int]:
    return {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)年", text)}


class _Reading(NamedTuple):
    zone: str
    scope: str
    period: tuple[int, int] | None
    mixed: bool  # a review part that may turn into the plan
    kind: str  # the part: REVIEW, PLAN or "opening"


def _start(heading: str, year: int) -> _Reading:
    """Where a part starts, from its heading."""
    text = compact(heading)
    this_year = bool(THIS_YEAR.search(text)) or f"{year}年" in text
    review = bool(REVIEW_HEADING.search(text))
    plan = this_year or bool(PLAN_HEADING.search(text))
    if review:
        first = re.split(r"和(?=.{0,12}(?:年|时期))", text, maxsplit=1)[0] if plan else text
        single = f"{year - 1}年" in first or re.search(r"一年|去年", first)
        if not single and (PERIOD_WORDS.search(first) or named_plan(first)):
            return _Reading(REVIEW, PERIOD, named_plan(first) or (year - 5, year - 1), plan, REVIEW)
        return _Reading(REVIEW, YEAR, None, plan, REVIEW)
    if not this_year and (named_plan(text) or COMING.search(text) or "规划" in text):
        return _Reading(PLAN, PERIOD, named_plan(text), False, PLAN)
    return _Reading(PLAN, YEAR, None, False, PLAN)


def _move(  # noqa: PLR0911 - one return per opener, in the order the module's docstring gives them
    text: str, year: int, paragraph_start: bool
) -> tuple[str, str, tuple[int, int] | None] | None:
    """The move a sentence's opening words make, if any: (zone, scope, period)."""
    first = FIRST.match(text)
    opening = text[: (first.end() if first else 0) + 14]
    head = text[:12]
    if paragraph_start:
        if LAST_YEAR_ONLY_AT_PARAGRAPH.match(head) or re.match(rf"{year - 1}年是", head):
            return REVIEW, YEAR, None
        if THIS_YEAR.match(head) or re.match(rf"{year}年", head):
            return PLAN, YEAR, None
    if REVIEW_YEAR.search(opening) and "五年" not in opening:
        return REVIEW, YEAR, None
    if REVIEW_PERIOD.search(opening) and not AHEAD.search(opening):
        return REVIEW, PERIOD, (year - 5, year - 1)
    lead = LEAD.match(text)
    named = PLAN_NAME.match(text, lead.end() if lead else 0)
    if named is not None and (plan := plan_years(named.group(1) or named.group(2))) is not None:
        if plan[1] < year:
            return REVIEW, PERIOD, plan
        if paragraph_start:
            return PLAN, PERIOD, plan
    if paragraph_start and COMING.match(head):
        return PLAN, PERIOD, None
    return None


def places(statements: Sequence[Statement], year: int) -> list[Place]:
    """Where each statement sits (one ``Place`` per statement, in the same order)."""
    result: list[Place] = []
    part = ""
    reading = _Reading(PLAN, YEAR, None, False, "opening")
    aside: tuple[str, str, tuple[int, int] | None] | None = None  # a review inside a plan part
    paragraph = None
    greeted = False  # the paragraph so far is only a salutation
    for statement in statements:
        top = statement.section.split(".", maxsplit=1)[0]
        if top != part:
            part = top
            aside = None
            is_heading = bool(HEADING.match(statement.text.strip()))
            reading = _start(statement.text, year) if is_heading else _Reading(PLAN, YEAR, None, False, "opening")
            paragraph = statement.paragraph
            if is_heading:
                result.append(Place(reading.zone, reading.scope, reading.period))
                continue
        starts = statement.paragraph != paragraph or greeted
        if statement.paragraph != paragraph:
            paragraph = statement.paragraph
            aside = None
        greeted = bool(SALUTATION.match(statement.text))
        opening = statement.text[:48]
        move = _move(compact(opening), year, starts) if HINT.search(opening) else None
        if move is not None:
            zone, scope, period = move
            if reading.kind == PLAN and zone == REVIEW:
                aside = move
            elif reading.kind == REVIEW and zone == PLAN and not reading.mixed:
                pass
            else:
                aside = None
                reading = reading._replace(zone=zone, scope=scope, period=period)
        where = aside if aside is not None else (reading.zone, reading.scope, reading.period)
        result.append(Place(*where))
    return result
