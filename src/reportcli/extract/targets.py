"""The annual targets a full report sets, read off its own text by rules (no table typed in).

Where (``placing``): a target is read only from the plan for this year: never from the review of last
year (过去一年… 国内生产总值增长5.2%; 2004's "城镇新增就业859万人" is 2003's result, its target is
"新增城镇就业900万人" in the plan), never from a plan period's goals ("今后五年…年均增长7%", “十四五”
时期…), and never from a sentence that speaks of another year (争取1997年粮食产量…) or of the past
(去年, 过去, 比…实际) or of a period (五年, 年均, 期间). In the plan, the best sentences first: the one
that announces the year's targets ("今年发展主要预期目标是：…", "调控目标定为…") and the one after it when
it ends in a colon or says the targets were changed; then a sentence that opens with the growth target
or speaks of this year's plan in its wording (今年… 计划, 目标, 预期, 要求, 预定, 要, 力争, 拟); then the
rest of a paragraph that such a sentence opened ("今年要…。粮食总产量稳定在…"). The budget figures come
from the year's budget sentences (a paragraph with 今年, 拟 or 本年度 in the plan): the deficit ratio
("赤字率拟按3%安排", "占国内生产总值比重在3%以内"), the deficit ("赤字规模4.06万亿元"; the central
deficit, 中央财政赤字, where no total is stated) and the local governments' special-purpose bonds
("拟安排地方政府专项债券3.9万亿元"). A report that says it sets no growth target ("没有提出全年经济增速
具体目标", 2020) gets a "not set" row citing that sentence.

What, each with the words that name it (the first match in the best sentence wins):

- gdp-growth: 国内生产总值 (国民生产总值 where the report gives that, or 经济) 增长 X%;
- cpi: 居民消费价格 (总水平) 涨幅 X%: the consumer price index;
- retail-prices: 商品零售价格, 零售物价, and 物价 (prices) where a report of the 1990s names no index:
  its figures are the retail price index's (the 1996 review reads 1995's 物价 target against 零售物价
  "从21.7%回落到14.8%"), kept apart from the CPI;
- new-urban-jobs: 城镇新增就业 / 新增城镇就业 X万人;
- unemployment-registered and unemployment-surveyed: 城镇登记失业率, 城镇调查失业率 X%;
- deficit-ratio, deficit, special-bonds: from the budget sentences, as above;
- grain-output: 粮食 (总) 产量 X 万吨, 亿吨, 亿公斤, 亿斤 or 万亿斤 (a jin is half a kilogram);
- m2-growth: 广义货币 (M2) 增长 X% ("广义货币M2预期增长13%左右", "…增长目标为17％左右");
- defence-budget: 国防支出, 国防预算 or 国防费 增长 X% (no report of 1992-2025 states it: the figure is
  in the budget report, not the Government Work Report; the rule is there for a text that does);
- energy-intensity: 单位国内生产总值能耗 (能源消耗), 能耗强度, 能源消耗强度 降低/下降 X%, the fall;
- foreign-trade: 进出口 (总额), 对外贸易 增长 X%;
- fixed-asset-investment: (全社会) 固定资产投资 增长 X% ("…预定增长10%或者更多一些": at least);
- population-growth: 人口自然增长率 X‰ (千分之X; X% is ten times as many per mille).

Each with its qualifier (左右 around; 以上, 不低于, 或者更多 at least; 以内, 控制在 at most; 低于 below; a
range), its unit as stated and normalized, and the ref of its sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from reportcli.extract.lazy import Pattern
from reportcli.extract.placing import PLAN, YEAR, compact, places
from reportcli.model import REPORT_FIGURE, TARGET, Figure, Statement

INDICATORS = (
    "gdp-growth",
    "cpi",
    "retail-prices",
    "new-urban-jobs",
    "unemployment-registered",
    "unemployment-surveyed",
    "deficit-ratio",
    "deficit",
    "special-bonds",
    "grain-output",
    "m2-growth",
    "defence-budget",
    "energy-intensity",
    "foreign-trade",
    "fixed-asset-investment",
    "population-growth",
)
LABELS = {
    "gdp-growth": "GDP growth",
    "cpi": "consumer prices",
    "retail-prices": "retail prices",
    "new-urban-jobs": "new urban jobs",
    "unemployment-registered": "registered unemployment",
    "unemployment-surveyed": "surveyed unemployment",
    "deficit-ratio": "deficit ratio",
    "deficit": "deficit",
    "special-bonds": "special-purpose bonds",
    "grain-output": "grain output",
    "m2-growth": "M2 growth",
    "defence-budget": "defence budget growth",
    "energy-intensity": "energy use per unit of GDP (fall)",
    "foreign-trade": "foreign trade growth",
    "fixed-asset-investment": "fixed-asset investment growth",
    "population-growth": "population growth",
}
NUMBER = r"(?P<a>\d+(?:\.\d+)?)"
RANGE = r"(?:\s*[-－—~至到]\s*(?P<b>\d+(?:\.\d+)?))?"
QUALIFIER = r"(?P<q>左右|以上|以内|以下|或者?更多(?:一些)?)?"
PRICE_TAIL = (
    r"(?:总水平)?(?:上涨)?(?:涨幅|上涨幅度)"
    # (1995 names the rise, compares it with last year, then after a comma sets the bound: 力争控制在…)
    rf"(?:[^。;,%]{{0,12}},(?:力争|争取)?(?=控制在))?(?P<pre>控制在|在|低于)?\s*{NUMBER}\s*%{QUALIFIER}"
)
PATTERNS = {
    "gdp-growth": Pattern(
        r"(?P<m>国内生产总值|国民生产总值|经济)(?:计划|预计|要)?(?:比上年)?增长(?:速度|率)?(?:的)?(?:宏观)?"
        r"(?:预期目标|调控目标|目标|预期)?[，,]?(?:定为|为|是)?\s*"
        rf"(?P<pre>不低于|超过)?{NUMBER}\s*%?{RANGE}\s*%{QUALIFIER}"
    ),
    "cpi": Pattern(rf"(?P<m>居民消费价格|(?<!零售价格和)消费价格){PRICE_TAIL}"),
    "retail-prices": Pattern(rf"(?P<m>商品零售物价|商品零售价格|零售物价|(?<![扣除])物价){PRICE_TAIL}"),
    "new-urban-jobs": Pattern(
        rf"(?P<m>城镇新增就业|新增城镇就业)(?:人数|岗位)?(?P<pre>不低于|超过)?\s*{NUMBER}\s*(?P<u>万人|万个){QUALIFIER}"
    ),
    "unemployment-registered": Pattern(
        rf"(?P<m>城镇登记失业率)(?:全年)?(?P<pre>控制在|低于|为)?\s*{NUMBER}\s*%{QUALIFIER}"
    ),
    "unemployment-surveyed": Pattern(
        rf"(?P<m>城镇调查失业率)(?:全年)?(?P<pre>控制在|低于|为)?\s*{NUMBER}\s*%{QUALIFIER}"
    ),
    "deficit-ratio": Pattern(
        rf"(?P<m>赤字率)(?:从[^。;,]{{0,12}}?%)?(?P<pre>拟按|按|提高到|下降到|下调到|稳定在|为|在)?\s*{NUMBER}\s*%{QUALIFIER}"
    ),
    "deficit": Pattern(
        rf"(?<![中地央方减加])(?P<m>财政赤字|赤字规模|中央财政赤字)(?:合计|预算)?(?:拟安排|安排|为)?\s*{NUMBER}\s*(?P<u>万亿元|亿元)"
    ),
    "special-bonds": Pattern(rf"(?P<m>地方政府专项债券|地方专项债券)\s*{NUMBER}\s*(?P<u>万亿元|亿元)"),
    "grain-output": Pattern(
        rf"(?P<m>粮食(?:总)?产量)(?:要)?(?P<pre>保持在|稳定在|达到)?\s*{NUMBER}\s*(?P<u>万亿斤|亿斤|万吨|亿吨|亿公斤){QUALIFIER}"
    ),
    "m2-growth": Pattern(
        rf"(?P<m>广义货币)(?:M2)?(?:供应量)?(?:和社会融资规模(?:余额)?)?(?:预期)?增长(?:目标)?(?:拟定为|定为|为|均为)?\s*{NUMBER}\s*%{QUALIFIER}"
    ),
    "defence-budget": Pattern(rf"(?P<m>国防(?:支出|预算|费))(?:拟)?(?:增长|增加)\s*{NUMBER}\s*%{QUALIFIER}"),
    "energy-intensity": Pattern(
        rf"(?P<m>单位国内生产总值能耗|单位国内生产总值能源消耗|能源消耗强度|能耗强度)(?:要)?(?:降低|下降)\s*{NUMBER}\s*%{QUALIFIER}"
    ),
    "foreign-trade": Pattern(
        rf"(?P<m>进出口(?:贸易)?(?:总额)?|对外贸易(?:总额)?)(?:预期)?增长\s*{NUMBER}\s*%{QUALIFIER}"
    ),
    "fixed-asset-investment": Pattern(
        rf"(?<!国有单位)(?P<m>全社会固定资产投资|固定资产投资)(?:预定|计划)?增长\s*{NUMBER}\s*%{QUALIFIER}"
    ),
    "population-growth": Pattern(
        rf"(?P<m>人口自然增长率)(?P<pre>控制在|降到|为|低于)?\s*{NUMBER}\s*(?P<u>‰|%){QUALIFIER}"
    ),
}
DEFICIT_SHARE = Pattern(  # "全国财政赤字合计9500亿元，占国内生产总值比重在3%以内" (2009)
    rf"赤字[^。;]{{0,16}}?(?P<m>占国内生产总值(?:的)?比重)(?P<pre>在|为|控制在)?\s*{NUMBER}\s*%{QUALIFIER}"
)
CENTRAL = Pattern(r"(?P<m>中央财政(?:预算)?赤字)(?:预算)?(?:拟安排|安排|为)?\s*" + NUMBER + r"\s*(?P<u>万亿元|亿元)")
OPENS_ON_GROWTH = Pattern(r"(国内生产总值|经济)增长(\d|百分之)")
NUMERIC = Pattern(r"[0-9０-９]|[百千]分之|倍")  # a sentence that may hold a figure
BUDGET_FIGURES = ("deficit-ratio", "deficit", "special-bonds")  # read off the budget sentences
# (after NFKC, the full-width comma and semicolon are , and ;)
ANNOUNCES = Pattern(r"(预期目标|主要目标|调控目标|调控的目标|主要指标|增长预期)[^。;,]{0,6},?(是|为|定为|如下)")
CUE_WORDS = Pattern("目标|指标|预期|今年|增长|要|拟|力争|预定")  # a sentence without any of these states no target
THIS_YEAR = Pattern(r"今年[^。;]{0,12}(计划|目标|预期|要求|预定|要|力争|拟)")
BUDGET = Pattern(r"(今年|拟|本年度)")
NOT_SET = {"gdp-growth": Pattern(r"没有提出.{0,12}(经济增速|经济增长|增长速度).{0,8}目标")}
FIVE_YEARS = r"五年|“十.{1,2}五”|十五|今后|年均|期间|[两二三四六七八九十]年(?:中|来|内|间)"
LATER = Pattern(f"{FIVE_YEARS}|去年|上年|过去")  # a sentence of the five-year plan, or of the past
PLAN_PERIOD = Pattern(FIVE_YEARS)
PAST = Pattern(r"(?:[^,;。]{0,8},)?(?:去年|过去|上年)")  # a sentence that opens on the past
TARGET_WORDS = Pattern(r"要|拟|力争|争取|预期|目标|计划|控制在|左右|以上|以内|不低于|安排")
DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
SPELLED = Pattern(  # 百分之八至九, 千分之十三, 两倍
    r"(?P<kind>[百千])分之(?P<low>[零〇一二两三四五六七八九十点]+)(?:(?P<joiner>[至到])(?P<high>[零〇一二两三四五六七八九十点]+))?"
    r"|(?<![\d零〇一二两三四五六七八九十])(?P<times>[一两二三四五六七八九])倍"
)
KEEP_TOGETHER = frozenset("0123456789.%‰年月日万亿")  # a space before one of these, after a digit, is dropped
UNITS = {  # the unit as stated -> the normalized unit, and how many of it one stated unit is (jin: 0.5 kg)
    "%": ("percent", Decimal(1)),
    "‰": ("per mille", Decimal(1)),
    "万人": ("people", Decimal("1e4")),
    "万个": ("jobs", Decimal("1e4")),
    "亿元": ("yuan", Decimal("1e8")),
    "万亿元": ("yuan", Decimal("1e12")),
    "亿美元": ("US dollars", Decimal("1e8")),
    "万亿美元": ("US dollars", Decimal("1e12")),
    "万亿斤": ("tonnes", Decimal("1e12") / 2000),
    "亿斤": ("tonnes", Decimal("1e8") / 2000),
    "万吨": ("tonnes", Decimal("1e4")),
    "亿吨": ("tonnes", Decimal("1e8")),
    "亿公斤": ("tonnes", Decimal("1e5")),
    "倍": ("percent", Decimal(100)),  # 增长1倍: up 100%
}
PER_MILLE_OF_PERCENT = Decimal(10)  # a population growth rate stated in percent, in per mille
QUALIFIERS = {
    "左右": "around",
    "以上": "at least",
    "不低于": "at least",
    "超过": "at least",
    "或更多": "at least",
    "或者更多": "at least",
    "或者更多一些": "at least",
    "或更多一些": "at least",
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


def _nfkc(written: str) -> tuple[list[str], list[int]]:
    """NFKC, character by character, with where each character comes from. Most sentences need no
    character-by-character work: when normalizing the whole keeps the length and each changed character
    is one character's own NFKC form (full-width digits and punctuation), the positions are unchanged."""
    whole = unicodedata.normalize("NFKC", written)
    if len(whole) == len(written) and all(
        unicodedata.normalize("NFKC", a) == b for a, b in zip(written, whole, strict=True) if a != b
    ):
        return list(whole), list(range(len(written)))
    chars: list[str] = []
    where: list[int] = []
    for i, char in enumerate(written):
        for piece in unicodedata.normalize("NFKC", char):
            chars.append(piece)
            where.append(i)
    return chars, where


def normal(written: str) -> Normal:
    """A sentence as the rules read it, in time linear in its length: NFKC; no spaces inside a number
    ("1 9 9 8 年", "3 ％"); 百分之八至九 as 8至9%, 千分之十三 as 13‰, 两倍 as 2倍; a middle dot between
    digits as a decimal point ("14·1％")."""
    chars, where = _nfkc(written)
    following = [""] * (len(chars) + 1)  # the next character that is not a space, at each position
    for n in range(len(chars) - 1, -1, -1):
        following[n] = following[n + 1] if chars[n].isspace() else chars[n]
    kept: list[str] = []
    kept_where: list[int] = []
    for n, char in enumerate(chars):
        after_digit = bool(kept) and kept[-1].isdigit()
        if char.isspace() and after_digit and following[n] in KEEP_TOGETHER and following[n]:
            continue
        decimal_point = char == "·" and after_digit and n + 1 < len(chars) and chars[n + 1].isdigit()
        kept.append("." if decimal_point else char)
        kept_where.append(where[n])
    text = "".join(kept)
    pieces: list[str] = []
    positions: list[int] = []
    last = 0
    for match in SPELLED.finditer(text):
        spelled = _spelled_out(match)
        pieces.append(text[last : match.start()])
        positions += kept_where[last : match.start()]
        pieces.append(spelled)
        positions += [kept_where[match.start()]] * (len(spelled) - 1) + [kept_where[match.end() - 1]]
        last = match.end()
    pieces.append(text[last:])
    positions += kept_where[last:]
    return Normal("".join(pieces), positions)


def _spelled_out(match: re.Match[str]) -> str:
    if match.group("times"):  # 两倍 -> 2倍
        return f"{DIGITS[match.group('times')]}倍"
    kind, first, joiner, second = match.group("kind", "low", "joiner", "high")
    low, high = _chinese(first), _chinese(second) if second else None
    if low is None or (second and high is None):
        return match.group(0)
    sign = "%" if kind == "百" else "‰"
    return f"{low:g}{joiner}{high:g}{sign}" if high is not None else f"{low:g}{sign}"


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


def _this_year(statements: Sequence[Statement], year: int | None) -> list[bool]:
    """For each statement: does it sit in the plan for this year (``placing``)?"""
    if year is None:
        year = next((s.year for s in statements if s.year is not None), None)
    if year is None:  # no year to place by: only the wording decides
        return [True] * len(statements)
    return [p.zone == PLAN and p.scope == YEAR for p in places(statements, year)]


def _other_year(text: str, year: int | None) -> bool:
    """Does the sentence name a year other than this one (争取1997年粮食产量…, 到2020年…)?"""
    return year is not None and any(int(y) != year for y in re.findall(r"(?<!\d)((?:19|20)\d\d)年", text))


def candidates(
    statements: Sequence[Statement], year: int | None = None, planned: Sequence[bool] | None = None
) -> list[tuple[int, Statement]]:
    """The sentences that may state this year's targets, best first: an announcing sentence (and the
    one after it, when it ends in a colon, or when it says the targets were changed), then a sentence
    that opens with the growth target or speaks of this year's plan, then the rest of a paragraph such
    a sentence opened, then any other sentence of the plan in the wording of a target (要, 拟, 预期,
    目标, 左右, 以上…) that neither opens on the past nor speaks of a period. Only sentences of this
    year's plan (``placing``; ``planned``: already placed) count."""
    if planned is None:
        planned = _this_year(statements, year)
    ranked: list[tuple[int, int, Statement]] = []
    opened: int | None = None  # the paragraph a sentence of this year's plan opened
    for n, statement in enumerate(statements):
        if not planned[n]:
            continue
        if not CUE_WORDS.search(statement.text) and opened != statement.paragraph:
            continue  # most sentences: no need to look further
        text = compact(statement.text)
        if _other_year(text, year if year is not None else statement.year):
            continue
        following = n + 1 < len(statements) and statements[n + 1].paragraph == statement.paragraph
        if ANNOUNCES.search(text) and not LATER.search(text.split("目标", maxsplit=1)[0]):
            ranked.append((0, n, statement))
            if text.rstrip().endswith(("：", ":")) and n + 1 < len(statements) and planned[n + 1]:
                ranked.append((0, n + 1, statements[n + 1]))
            opened = statement.paragraph
        elif "预期目标" in text and following and not LATER.search(text) and planned[n + 1]:
            ranked.append((0, n + 1, statements[n + 1]))  # "…预期目标作了适当调整。" then the list
        elif OPENS_ON_GROWTH.match(text) or (THIS_YEAR.search(text) and not LATER.search(text)):
            ranked.append((1, n, statement))
            opened = statement.paragraph
        elif not PAST.match(text) and not PLAN_PERIOD.search(text):
            if opened == statement.paragraph:
                ranked.append((2, n, statement))
            elif TARGET_WORDS.search(text):
                ranked.append((3, n, statement))
    return [(rank, s) for rank, _, s in sorted(ranked, key=lambda r: (r[0], r[1]))]


def extract(statements: Sequence[Statement], year: int | None = None) -> list[Target]:
    """The targets of one full report (its statements in reading order; ``year``: the report's, by
    default the statements' own)."""
    if year is None:
        year = next((s.year for s in statements if s.year is not None), None)
    found: dict[str, Target] = {}
    for indicator, pattern in NOT_SET.items():
        for statement in statements:
            if "没有提出" in statement.text and pattern.search(normal(statement.text).text):
                unset = Target(indicator, "not set", None, None, None, statement.text, None, None, None, "", "")
                found[indicator] = unset._replace(ref=statement.ref, section=statement.section)
                break
    planned = _this_year(statements, year)
    for _, statement in candidates(statements, year, planned):
        if not NUMERIC.search(statement.text):
            continue  # no figure: nothing to read
        text = normal(statement.text)
        for indicator, pattern in PATTERNS.items():
            if indicator in found or indicator in BUDGET_FIGURES:
                continue
            if match := pattern.search(text.text):
                found[indicator] = _target(indicator, match, statement, text)
    found.update(_budget(statements, planned))
    return [found[i] for i in INDICATORS if i in found]


def _budget(statements: Sequence[Statement], planned: Sequence[bool]) -> dict[str, Target]:
    """The deficit ratio, the deficit and the special-purpose bonds, from the year's budget sentences."""
    found: dict[str, Target] = {}
    words = ("赤字", "专项债")
    paragraphs = {
        s.paragraph
        for s, p in zip(statements, planned, strict=True)
        if p and any(w in s.text for w in words) and BUDGET.search(s.text)
    }
    budget = [
        (s, normal(s.text))
        for s, p in zip(statements, planned, strict=True)
        if p and s.paragraph in paragraphs and any(w in s.text for w in words)
    ]
    for indicator in BUDGET_FIGURES:
        for statement, text in budget:
            match = PATTERNS[indicator].search(text.text)
            if indicator == "deficit-ratio" and match is None:
                match = DEFICIT_SHARE.search(text.text)
            if match and _of_a_period(text.text, match.start()):
                continue
            if match and not (indicator == "deficit" and match.group("m") == "中央财政赤字"):
                found[indicator] = _target(indicator, match, statement, text)
                break
    if "deficit" not in found:  # only the central government's deficit is stated
        for statement, text in budget:
            if (match := CENTRAL.search(text.text)) and not _of_a_period(text.text, match.start()):
                found["deficit"] = _target("deficit", match, statement, text)
                break
    return found


def _of_a_period(text: str, at: int) -> bool:
    """Does the clause around ``text[at]`` speak of a plan period (五年, “十四五”, 年均…)?"""
    start = max(text.rfind(c, 0, at) for c in ",;。") + 1
    ends = [e for e in (text.find(c, at) for c in ",;。") if e >= 0]
    return bool(PLAN_PERIOD.search(text[start : min(ends) if ends else len(text)]))


def qualifier_of(before: str, after: str, high: Decimal | None) -> str | None:
    """The qualifier a target's words give it: the words after the number first (左右, 以上, 以内…),
    then those before it (控制在, 低于, 不低于…); 控制在…左右 is "around"."""
    if high is not None:
        return "range"
    if before == "控制在" and after == "左右":
        return "around"
    return QUALIFIERS.get(after) or QUALIFIERS.get(before)


def _target(indicator: str, match: re.Match[str], statement: Statement, text: Normal) -> Target:
    groups = match.groupdict()
    stated_unit = groups.get("u") or "%"
    unit, factor = UNITS[stated_unit]
    if indicator == "population-growth" and stated_unit == "%":
        unit, factor = "per mille", PER_MILLE_OF_PERCENT
    low = Decimal(groups["a"]) * factor  # in decimal: 4.06 万亿元 is 4,060,000,000,000 yuan exactly
    high = Decimal(groups["b"]) * factor if groups.get("b") else None
    return Target(
        indicator=indicator,
        status="set",
        value=plain(low),
        high=plain(high) if high is not None else None,
        unit=unit,
        stated=text.original(statement.text, match.start(), match.end()),
        stated_unit=stated_unit,
        qualifier=qualifier_of(groups.get("pre") or "", groups.get("q") or "", high),
        measure=groups.get("m"),
        ref=statement.ref,
        section=statement.section,
    )


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
            kind=TARGET,
        )
        for t in targets
    ]


def plain(value: Decimal) -> int | float:
    """A whole number as an int, else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def _number(value: int | float | None) -> int | float:
    return 0 if value is None else value
