"""The annual targets a full report sets, read off its own text by rules (no table typed in).

Where: the sentence that announces the year's targets ("今年发展主要预期目标是：…", "调控目标定为…"),
the sentence after one that ends in a colon, a sentence that opens with the growth target; the
deficit from the budget sentence ("赤字率拟按3%安排，赤字规模4.06万亿元"). A report that says it sets
no growth target ("没有提出全年经济增速具体目标", 2020) gets a "not set" row citing that sentence.

What: GDP growth (国内生产总值; 国民生产总值 where the report gives that), the rise in consumer
prices (居民消费价格; 商品零售价格 or 物价 where the report names those), new urban jobs, the urban
unemployment rate (registered 登记 and surveyed 调查), the deficit-to-GDP ratio (赤字率), the
deficit (财政赤字 or 赤字规模; the central deficit, 中央财政赤字, where no total is stated), and
grain output. Each with its qualifier (左右 around; 以上, 不低于 at least; 以内, 控制在 at most; 低于
below; a range), its unit as stated and normalized, and the ref of its sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from reportcli.language import ZH
from reportcli.model import FULL, REPORT_FIGURE, Figure, Report, Statement

INDICATORS = (
    "gdp-growth",
    "cpi",
    "new-urban-jobs",
    "unemployment-registered",
    "unemployment-surveyed",
    "deficit-ratio",
    "deficit",
    "grain-output",
)
LABELS = {
    "gdp-growth": "GDP growth",
    "cpi": "consumer prices",
    "new-urban-jobs": "new urban jobs",
    "unemployment-registered": "registered unemployment",
    "unemployment-surveyed": "surveyed unemployment",
    "deficit-ratio": "deficit ratio",
    "deficit": "deficit",
    "grain-output": "grain output",
}
NUMBER = r"(?P<a>\d+(?:\.\d+)?)"
RANGE = r"(?:\s*[-－—~至到]\s*(?P<b>\d+(?:\.\d+)?))?"
QUALIFIER = r"(?P<q>左右|以上|以内|以下)?"
PATTERNS = {
    "gdp-growth": re.compile(
        r"(?P<m>国内生产总值|国民生产总值|经济)(?:计划|预计|要)?增长(?:速度|率)?(?:的)?(?:宏观)?"
        r"(?:预期目标|调控目标|目标|预期)?[，,]?(?:定为|为|是)?\s*"
        rf"(?P<pre>不低于|超过)?{NUMBER}\s*%?{RANGE}\s*%{QUALIFIER}"
    ),
    "cpi": re.compile(
        rf"(?P<m>居民消费价格|商品零售价格|消费价格|物价)(?:总水平)?(?:上涨)?(?:涨幅|上涨幅度)"
        # (1995 names the rise, compares it with last year, then after a comma sets the bound: 力争控制在…)
        rf"(?:[^。;,%]{{0,12}},(?:力争|争取)?(?=控制在))?(?P<pre>控制在|在|低于)?\s*{NUMBER}\s*%{QUALIFIER}"
    ),
    "new-urban-jobs": re.compile(
        rf"(?P<m>城镇新增就业|新增城镇就业)(?:人数|岗位)?(?P<pre>不低于|超过)?\s*{NUMBER}\s*(?P<u>万人|万个){QUALIFIER}"
    ),
    "unemployment-registered": re.compile(
        rf"(?P<m>城镇登记失业率)(?:全年)?(?P<pre>控制在|低于|为)?\s*{NUMBER}\s*%{QUALIFIER}"
    ),
    "unemployment-surveyed": re.compile(
        rf"(?P<m>城镇调查失业率)(?:全年)?(?P<pre>控制在|低于|为)?\s*{NUMBER}\s*%{QUALIFIER}"
    ),
    "deficit-ratio": re.compile(
        rf"(?P<m>赤字率)(?:从[^。;,]{{0,12}}?%)?(?P<pre>拟按|按|提高到|下降到|下调到|稳定在|为|在)?\s*{NUMBER}\s*%{QUALIFIER}"
    ),
    "deficit": re.compile(
        rf"(?<![中地央方减加])(?P<m>财政赤字|赤字规模|中央财政赤字)(?:合计|预算)?(?:拟安排|安排|为)?\s*{NUMBER}\s*(?P<u>万亿元|亿元)"
    ),
    "grain-output": re.compile(
        rf"(?P<m>粮食(?:总)?产量)(?P<pre>保持在|稳定在|达到)?\s*{NUMBER}\s*(?P<u>万亿斤|亿斤|万吨|亿吨|亿公斤){QUALIFIER}"
    ),
}
CENTRAL = re.compile(r"(?P<m>中央财政赤字)(?:预算)?(?:拟安排|安排|为)?\s*" + NUMBER + r"\s*(?P<u>万亿元|亿元)")
# (after NFKC, the full-width comma and semicolon are , and ;)
ANNOUNCES = re.compile(r"(预期目标|主要目标|调控目标|调控的目标|主要指标|增长预期)[^。;,]{0,6},?(是|为|定为|如下)")
CUE_WORDS = re.compile("目标|指标|预期|今年|增长")  # a sentence without any of these states no target
THIS_YEAR = re.compile(r"今年[^。;]{0,12}(计划|目标|预期|要求)")
BUDGET = re.compile(r"(今年|拟|本年度)")
NOT_SET = {"gdp-growth": re.compile(r"没有提出.{0,12}(经济增速|经济增长|增长速度).{0,8}目标")}
FIVE_YEARS = r"五年|“十.{1,2}五”|十五|今后|年均|期间"
LATER = re.compile(f"{FIVE_YEARS}|去年|上年|过去")  # a sentence of the five-year plan, or of the past
PLAN_PERIOD = re.compile(FIVE_YEARS)
DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
CHINESE_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十点]+)(?:([至到])([零〇一二两三四五六七八九十点]+))?")
UNITS = {  # the unit as stated -> the normalized unit, and how many of it one stated unit is (jin: 0.5 kg)
    "%": ("percent", Decimal(1)),
    "万人": ("people", Decimal("1e4")),
    "万个": ("jobs", Decimal("1e4")),
    "亿元": ("yuan", Decimal("1e8")),
    "万亿元": ("yuan", Decimal("1e12")),
    "万亿斤": ("tonnes", Decimal("1e12") / 2000),
    "亿斤": ("tonnes", Decimal("1e8") / 2000),
    "万吨": ("tonnes", Decimal("1e4")),
    "亿吨": ("tonnes", Decimal("1e8")),
    "亿公斤": ("tonnes", Decimal("1e5")),
}
QUALIFIERS = {
    "左右": "around",
    "以上": "at least",
    "不低于": "at least",
    "超过": "at least",
    "以内": "at most",
    "以下": "at most",
    "控制在": "at most",
    "低于": "below",
}


class Target(NamedTuple):
    indicator: str
    status: str  # set, or not set
    value: int | float | None  # normalized (percent as a number of percent; people, yuan, tonnes)
    high: int | float | None  # the top of a range
    unit: str | None  # normalized
    stated: str  # the words that state it, as written
    stated_unit: str | None
    qualifier: str | None  # around, at least, at most, below, range
    measure: str | None  # what the report names (国内生产总值, 商品零售价格, 中央财政赤字...)
    ref: str
    section: str


class Normal(NamedTuple):
    """A sentence as the rules read it (NFKC; no spaces inside numbers; 百分之八至九 as 8至9%), and for
    each of its characters where it stands in the sentence as written."""

    text: str
    where: list[int]

    def original(self, written: str, start: int, end: int) -> str:
        """The words as written behind ``text[start:end]``."""
        return written[self.where[start] : self.where[end - 1] + 1]


def _normal(written: str) -> Normal:
    chars: list[str] = []
    where: list[int] = []
    for i, char in enumerate(written):
        for piece in unicodedata.normalize("NFKC", char):
            chars.append(piece)
            where.append(i)
    text = "".join(chars)
    keep = [
        n
        for n, char in enumerate(text)
        if not (char.isspace() and n and text[n - 1].isdigit() and re.match(r"\s*[\d.%年月日]", text[n:]))
    ]
    text, where = "".join(text[n] for n in keep), [where[n] for n in keep]
    pieces: list[str] = []
    positions: list[int] = []
    last = 0
    for match in CHINESE_PERCENT.finditer(text):
        pieces.append(text[last : match.start()])
        positions += where[last : match.start()]
        spelled = _spelled_out(match)
        pieces.append(spelled)
        positions += [where[match.start()]] * (len(spelled) - 1) + [where[match.end() - 1]]
        last = match.end()
    pieces.append(text[last:])
    positions += where[last:]
    return Normal("".join(pieces), positions)


def _spelled_out(match: re.Match[str]) -> str:
    first, joiner, second = match.groups()
    low, high = _chinese(first), _chinese(second) if second else None
    if low is None or (second and high is None):
        return match.group(0)
    return f"{low:g}{joiner}{high:g}%" if high is not None else f"{low:g}%"


def _chinese(text: str) -> float | None:
    """七 -> 7, 十二 -> 12, 七点五 -> 7.5 (the numbers percentages are spelled with)."""
    whole, _, fraction = text.partition("点")
    if "十" in whole:
        tens, _, units = whole.partition("十")
        if (tens and tens not in DIGITS) or (units and units not in DIGITS):
            return None
        value = (DIGITS[tens] if tens else 1) * 10 + (DIGITS[units] if units else 0)
    elif len(whole) == 1 and whole in DIGITS:
        value = DIGITS[whole]
    else:
        return None
    if fraction:
        if any(c not in DIGITS for c in fraction):
            return None
        return value + float("0." + "".join(str(DIGITS[c]) for c in fraction))
    return float(value)


def candidates(statements: Sequence[Statement]) -> list[tuple[int, Statement]]:
    """The sentences that may state this year's targets, best first: an announcing sentence (and the
    one after it, when it ends in a colon, or when it says the targets were changed), then a sentence
    that opens with the growth target or speaks of this year's plan."""
    ranked: list[tuple[int, int, Statement]] = []
    for n, statement in enumerate(statements):
        if not CUE_WORDS.search(statement.text):  # most sentences: no need to normalize them
            continue
        text = _normal(statement.text).text
        following = n + 1 < len(statements) and statements[n + 1].paragraph == statement.paragraph
        if ANNOUNCES.search(text) and not LATER.search(text.split("目标", maxsplit=1)[0]):
            ranked.append((0, n, statement))
            if text.rstrip().endswith(("：", ":")) and n + 1 < len(statements):
                ranked.append((0, n + 1, statements[n + 1]))
        elif "预期目标" in text and following and not LATER.search(text):  # "…预期目标作了适当调整。" then the list
            ranked.append((0, n + 1, statements[n + 1]))
        elif re.match(r"(国内生产总值|经济)增长\d", text) or (THIS_YEAR.search(text) and not LATER.search(text)):
            ranked.append((1, n, statement))
    return [(rank, s) for rank, _, s in sorted(ranked, key=lambda r: (r[0], r[1]))]


def extract(statements: Sequence[Statement]) -> list[Target]:
    """The targets of one full report (its statements in reading order)."""
    found: dict[str, Target] = {}
    for indicator, pattern in NOT_SET.items():
        for statement in statements:
            if "没有提出" in statement.text and pattern.search(_normal(statement.text).text):
                unset = Target(indicator, "not set", None, None, None, statement.text, None, None, None, "", "")
                found[indicator] = unset._replace(ref=statement.ref, section=statement.section)
                break
    for _, statement in candidates(statements):
        normal = _normal(statement.text)
        for indicator, pattern in PATTERNS.items():
            if indicator in found or indicator.startswith("deficit"):
                continue
            if match := pattern.search(normal.text):
                found[indicator] = _target(indicator, match, statement, normal)
    found.update(_deficit(statements))
    return [found[i] for i in INDICATORS if i in found]


def _deficit(statements: Sequence[Statement]) -> dict[str, Target]:
    """The deficit ratio and the deficit, from the year's budget sentences."""
    found: dict[str, Target] = {}
    paragraphs = {s.paragraph for s in statements if "赤字" in s.text and BUDGET.search(s.text)}
    budget = [(s, _normal(s.text)) for s in statements if "赤字" in s.text and s.paragraph in paragraphs]
    budget = [(s, normal) for s, normal in budget if not PLAN_PERIOD.search(normal.text)]
    for indicator in ("deficit-ratio", "deficit"):
        for statement, normal in budget:
            match = PATTERNS[indicator].search(normal.text)
            if match and not (indicator == "deficit" and match.group("m") == "中央财政赤字"):
                found[indicator] = _target(indicator, match, statement, normal)
                break
    if "deficit" not in found:  # only the central government's deficit is stated
        for statement, normal in budget:
            if match := CENTRAL.search(normal.text):
                found["deficit"] = _target("deficit", match, statement, normal)
                break
    return found


def _target(indicator: str, match: re.Match[str], statement: Statement, normal: Normal) -> Target:
    groups = match.groupdict()
    stated_unit = groups.get("u") or "%"
    unit, factor = UNITS[stated_unit]
    low = Decimal(groups["a"]) * factor  # in decimal: 4.06 万亿元 is 4,060,000,000,000 yuan exactly
    high = Decimal(groups["b"]) * factor if groups.get("b") else None
    before = groups.get("pre") or ""
    after = groups.get("q") or ""
    qualifier = "range" if high is not None else QUALIFIERS.get(after) or QUALIFIERS.get(before)
    if before == "控制在" and after == "左右":
        qualifier = "around"
    return Target(
        indicator=indicator,
        status="set",
        value=_plain(low),
        high=_plain(high) if high is not None else None,
        unit=unit,
        stated=normal.original(statement.text, match.start(), match.end()),
        stated_unit=stated_unit,
        qualifier=qualifier,
        measure=groups.get("m"),
        ref=statement.ref,
        section=statement.section,
    )


def report_figures(report: Report) -> tuple[Figure, ...]:
    """The targets a full Chinese report sets, as its figures (read off its text; a summary's figures are
    typed in its file, and the English translation lacks the targets paragraph)."""
    meta = report.meta
    if meta.kind != FULL or meta.language != ZH or meta.year is None:
        return ()
    return tuple(as_figures(meta.id, meta.year, extract(list(report.statements()))))


def as_figures(report_id: str, year: int, targets: Iterable[Target]) -> list[Figure]:
    """Targets as typed figures of the report (a target not set keeps its sentence, with value 0)."""
    return [
        Figure(
            id=f"{report_id}-target-{t.indicator}",
            value=_number(t.value),
            unit=t.unit or "",
            display=t.stated,
            year=year,
            theme=t.section,
            ref=t.ref,
            qualifier=t.qualifier,
            source=REPORT_FIGURE,
            indicator=t.indicator,
            high=_number(t.high) if t.high is not None else None,
            status=t.status,
            stated_unit=t.stated_unit,
            measure=t.measure,
        )
        for t in targets
    ]


def _plain(value: Decimal) -> int | float:
    """A whole number as an int, else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def _number(value: int | float | None) -> int | float:
    return 0 if value is None else value
