"""What a report's review says the year before came to (its outcomes), and the averages and totals it
gives for a plan period or a government's term; then each year's target set against its outcome.

Where (``placing``): an outcome is read only from a review: the review of last year, never the plan
(2013's plan part repeats "去年居民消费价格涨幅回落到2.6%"; the review's own sentence is the one cited),
and a period's figures from the review of that period. In a review sentence:

- a clause that restates a target or looks ahead is not an outcome (提出, 要把, 要从, 预定, 目标, 计划 but
  not 计划生育, 确定, 力争, 安排, 将 but not 将近: "去年政府工作报告提出，物价涨幅要从14.8%降到10%左右，…
  实际回落到6.1%" gives 6.1);
- a value after 从 or 由 and before the 到, 至 or 转为 that ends the change is where it started, not
  the outcome ("零售物价涨幅从21.7%回落到14.8%": 14.8); a value after 增产, 减产, 增加, 减少 is a change
  ("增产291亿斤，达到9680亿斤": 9680); the words after 其中 are a part of the whole;
- an indicator's words reach to the next indicator's, to a semicolon, to 其中 or to the sentence's end;
  a bare 涨幅 (rise) with a figure takes the price index the paragraph last named (1995: "…商品零售物价
  上涨幅度控制在百分之十以内。…涨幅仍然高达百分之二十一点七" is the retail price index's 21.7%).

Which year or period a figure belongs to, from the nearest words first: 年均, 平均每年 make it a
period's average; then the figure's own clause: 去年, 上年 or the year before written out make it
last year's; 五年, 十年, 累计, 近三年, 前四年, a plan's name (“八五”), 比2002年 (against a year
before last) make it a period's total; then the same words anywhere in the sentence; then where the
sentence sits. A period's figure without those words counts as a total when the indicator is a flow
(jobs, investment, the fall in energy use, growth), as the level the period ended on when the figure
is a level reached (人口自然增长率降到6.45‰: the last year's), as an average when a rate was held
(控制在, 稳定在: "赤字率一直控制在3%以内"); otherwise it is left out ("连年稳定在1.3万亿斤以上"). The
period is the one the words name (五年 from the year before back, 十年, 比2002年: 2003 on, “十一五”:
2006-2010), else the one the review covers.

Each figure with its unit (the stated one, and the value in base units: percent, per mille, people,
yuan, tonnes), its qualifier (超过, 突破, 多, 以上 "over"; 左右, 约 "around"; 近, 将近, 接近 "nearly";
以内, 以下 "at most"; 低于, 不到 "below"), annual or year-end (年末, 年底; the registered unemployment
rate and M2 are year-end figures unless the words say 平均), its measure words and ref. A fall is
negative ("居民消费价格下降0.7%"), except for energy use, whose figure is the fall.

Target against outcome (``compare``): per year and indicator, report Y's target and the outcome report
Y+1's review states, with a status: met, missed, not set (the report sets none, or says so), no
outcome stated, or unclear (the outcome's own qualifier leaves it open: "over 1.2" against 1.3). The
rule per indicator:

- floors (met when the outcome reaches the target): GDP growth, new urban jobs, grain output, foreign
  trade and fixed-asset investment growth, the fall in energy use per unit of GDP;
- ceilings (met when the outcome stays at or under it): consumer and retail prices, the unemployment
  rates, the population growth rate, and the budgets: the deficit ratio and the deficit (met when the
  outcome stays within the budget), the special-purpose bonds and the defence budget;
- a projection, met only on the target: M2 growth (a figure above it is as much off as one below);
- the target's own qualifier comes first: "at least" is a floor and "at most", "below" a ceiling
  whatever the indicator; a range is met inside it (at or above its bottom for a floor, at or under its
  top for a ceiling);
- "around X" is met when the outcome, rounded to the precision X is stated in, is on the right side
  of X (or equal to it, for a projection): "7%左右" is met by 6.9% (6.9 rounds to 7), "7.5%左右" is not
  met by 7.4%; a target stated without 左右 gets no such tolerance (8% is missed by 7.8%, as 1999's
  review itself says).

The first outcome stated for a year is the one compared: a figure a later report states again (a
five-year review restating a year, a revised estimate) is kept beside it as stated, never in its place.

All of it runs in time linear in the text: each sentence is normalized once and scanned left to right.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from reportcli.extract.lazy import Pattern
from reportcli.extract.placing import PERIOD, PLAN_NAME, REVIEW, Place, places, plan_years
from reportcli.extract.targets import (
    INDICATORS,
    LABELS,
    PER_MILLE_OF_PERCENT,
    UNITS,
    Normal,
    Target,
    normal,
    plain,
)
from reportcli.model import Statement

OUTCOME, AVERAGE, TOTAL = "outcome", "period-average", "period-total"
REACHED_LEVEL, HELD_RATE = "reached", "held"  # a period's figure without average or total words
ANNUAL, YEAR_END = "annual", "year-end"
MET, MISSED, NOT_SET, NO_OUTCOME, UNCLEAR = "met", "missed", "not set", "no outcome stated", "unclear"

# The words that name each indicator in a review (after normalization: NFKC, digits together).
MEASURES = {
    "gdp-growth": r"(?<![人占与对])(?:国内生产总值|国民生产总值)(?!中|的?比重|之比|的?比例|每增长|的?贡献)"
    r"|(?<![对与于])经济增(?:长|速)(?=\d|速度|率为)",
    "cpi": r"居民消费价格(?:总水平|指数)?",
    "retail-prices": r"商品零售(?:物价|价格)|零售物价|(?<![扣除考虑])物价(?=(?:总水平)?(?:上涨)?(?:涨幅|上涨幅度))",
    "new-urban-jobs": r"城镇新增就业(?:人数|人口)?|新增城镇就业",
    "unemployment-registered": r"城镇登记失业率",
    "unemployment-surveyed": r"(?:城镇)?调查失业率",
    "deficit-ratio": r"(?:财政)?赤字率|财政赤字占国内生产总值的?比重",
    "deficit": r"(?:中央)?财政赤字(?!率|占)",
    "special-bonds": r"地方(?:政府)?专项债券",
    "grain-output": r"粮食(?:[^。;,]{0,8},?[^。;,]{0,6}?)?(?:总产量|产量)",
    "m2-growth": r"广义货币(?:M2|供应量)?(?:余额)?",
    "defence-budget": r"国防(?:支出|预算|费)",
    "energy-intensity": r"单位国内生产总值(?:能耗|能源消耗)|能源消耗强度|能耗强度",
    "foreign-trade": r"(?<![对与同和])(?:货物)?(?:外贸)?进出口(?:贸易)?(?:总额|额)?(?!环节|占)|对外贸易(?:总额)?(?!法)",
    "fixed-asset-investment": r"(?<!国有单位)(?<!国有)(?:全社会)?固定资产投资(?!率)",
    "population-growth": r"人口自然增长率",
}
MEASURE = Pattern("|".join(f"(?P<{name.replace('-', '_')}>{words})" for name, words in MEASURES.items()))
# how each indicator's figure is stated: a growth rate, a price rise, a fall, a level, an amount
KIND = {
    "gdp-growth": "growth",
    "foreign-trade": "growth",
    "fixed-asset-investment": "growth",
    "m2-growth": "growth",
    "defence-budget": "growth",
    "cpi": "price",
    "retail-prices": "price",
    "energy-intensity": "fall",
    "unemployment-registered": "level",
    "unemployment-surveyed": "level",
    "deficit-ratio": "level",
    "population-growth": "level",
    "new-urban-jobs": "amount",
    "grain-output": "amount",
    "deficit": "amount",
    "special-bonds": "amount",
}
AMOUNT_UNITS = {
    "new-urban-jobs": {"万人", "万个"},
    "grain-output": {"万吨", "亿吨", "亿公斤", "亿斤", "万亿斤"},
    "deficit": {"亿元", "万亿元"},
    "special-bonds": {"亿元", "万亿元"},
    "fixed-asset-investment": {"亿元", "万亿元"},  # a period's total only; a year's is a growth rate
}
RATE_UNITS = {"%"}
ABOUT = r"(?:了|为|是|超过|达到|达|近|约|将近|接近)?$"  # what may stand between the verb and the figure
VERBS = {  # what must stand right before a rate (within its clause) for it to be the indicator's figure
    "growth": Pattern(rf"(?:增长|增速|增幅|回落到|降到|下降到|提高到|上升到|上升|下降){ABOUT}"),
    "price": Pattern(rf"(?:上涨|上升|涨幅|回落到|降到|下降到|下降|控制在|为|是|高达|达到|在){ABOUT}"),
    "fall": Pattern(rf"(?:下降|降低|降幅|上升|减少){ABOUT}"),
}
NUMBER = Pattern(
    r"(?P<n>\d+(?:\.\d+)?)(?P<more>多)?"
    r"(?P<u>万亿美元|亿美元|万亿元|亿元|万亿斤|亿斤|亿公斤|万吨|亿吨|万人|万个|%|‰|倍)?"
)
RESPECTIVELY = Pattern(r"分别")  # "…总额…，其中出口…，分别比1995年增长69%和67%": the first is the whole's
AMOUNT_GOES_ON = Pattern(r"(?:去年|全年|\d{4}年)?(?:又|共|累计)?(?:达到|达|为|增加到|超过|突破|跃上)")
ACTUAL = Pattern(r"实际|结果")
RESTATED = Pattern(r"提出|要把|要从|要在|预定|预期|目标|计划(?!生育)|确定|力争|争取|安排|将(?!近)")
CHANGE = Pattern(r"(?:增产|减产|增加|减少|多|少)(?:了)?$")  # a value right after these is a change
FROM = Pattern(r"[从由](?!于|此)")
TO = Pattern(r"到|至|转为")
AVERAGE_WORDS = Pattern(r"年均|平均每年|每年平均|五年平均")
PERIOD_WORDS = Pattern(r"五年|十年|累计|近三年|前四年|期间|时期|连年|连续\d+年")
BASE_YEAR = Pattern(r"(?:比|与|较)(\d{4})年")
AGAINST_A_PLAN = Pattern(r"(?:比|与|较)“?(?:十[一二三四五]?|[一二三四五六七八九])五”?")
LAST_YEAR = Pattern(r"去年|上年|全年")
HELD = Pattern(r"控制在|稳定在|保持在|一直")
REACHED = Pattern(r"到$|降到$|下降到$|提高到$|上升到$")
BARE_RISE = Pattern(r"(?:涨幅|上涨幅度)")
YEAR_END_WORDS = Pattern(r"年末|年底")
YEAR_END_BY_DEFAULT = {"unemployment-registered", "m2-growth"}
CLAUSE_BREAK = ",;:。"
TAIL = 24  # how many characters before a figure its verb and qualifier are looked for in
YEAR_NAMED = Pattern(r"(?<!\d)((?:19|20)\d\d)年")
AS_BASE = Pattern(r"[比与较从由](?=(?:19|20)\d\d年)")  # ends where a year named as a base starts
MARKS = {
    "restated": RESTATED,
    "actual": ACTUAL,
    "from": FROM,
    "to": TO,
    "average": AVERAGE_WORDS,
    "period": PERIOD_WORDS,
    "last year": LAST_YEAR,
    "held": HELD,
    "year end": YEAR_END_WORDS,
    "against a plan": AGAINST_A_PLAN,
    "subset": Pattern(r"[对与同]"),
    "ten years": Pattern(r"十年"),
    "three years": Pattern(r"近三年"),
    "first four years": Pattern(r"前四年"),
    "five years": Pattern(r"五年"),
}


class Outcome(NamedTuple):
    indicator: str
    kind: str  # OUTCOME (the year before's), AVERAGE or TOTAL (a period's)
    year: int  # the year it is about (a period's last year)
    period: tuple[int, int] | None  # a period's first and last years
    value: int | float  # in base units: percent, per mille, people, yuan, tonnes
    high: int | float | None  # the top of a range
    unit: str
    stated: str  # the words that state it, as written
    stated_unit: str
    qualifier: str | None  # over, around, nearly, at most, below
    basis: str  # ANNUAL or YEAR_END
    measure: str  # what the report names
    ref: str
    section: str


class _Hit(NamedTuple):
    indicator: str
    start: int  # where its words start in the normalized sentence
    end: int


def outcomes(statements: Sequence[Statement], year: int) -> list[Outcome]:
    """The outcomes one report states for the year before, and the period averages and totals it
    gives (its statements in reading order; ``year``: the report's). The first figure found for an
    indicator and a year (or period) is the one kept."""
    where = places(statements, year)
    found: dict[tuple[str, str, tuple[int, int] | None], Outcome] = {}
    last_price: dict[int, str] = {}  # paragraph -> the price index it last named
    for statement, place in zip(statements, where, strict=True):
        if place.zone != REVIEW or not any(c.isdigit() or c in "百千" for c in statement.text):
            _remember_prices(statement, last_price)
            continue
        text = normal(statement.text)
        for outcome in _read(statement, text, year, place, last_price, found):
            found[(outcome.indicator, outcome.kind, outcome.period)] = outcome
    order = {name: n for n, name in enumerate(INDICATORS)}
    return sorted(found.values(), key=lambda o: (order[o.indicator], o.kind != OUTCOME, o.period or (0, 0)))


def _remember_prices(statement: Statement, last_price: dict[int, str]) -> None:
    if "价" in statement.text:
        for match in MEASURE.finditer(normal(statement.text).text):
            name = _name(match)
            if name in ("cpi", "retail-prices"):
                last_price[statement.paragraph] = name


def _name(match: re.Match[str]) -> str:
    return (match.lastgroup or "").replace("_", "-")


class _Marks:
    """The words a sentence's figures are read by, found once per sentence (each pattern one pass over
    it), then asked about a stretch by binary search: the reading stays linear in the text however
    long a sentence and however many figures it holds."""

    def __init__(self, sentence: str, year: int) -> None:
        self.breaks = [n for n, c in enumerate(sentence) if c in CLAUSE_BREAK]
        self.spans: dict[str, list[tuple[int, int]]] = {
            name: [(m.start(), m.end()) for m in pattern.finditer(sentence)] for name, pattern in MARKS.items()
        }
        self.plans = [(m.start(), m.end(), m.group(1) or m.group(2)) for m in PLAN_NAME.finditer(sentence)]
        self.bases = [(m.start(), m.end(), int(m.group(1))) for m in BASE_YEAR.finditer(sentence)]
        years = [(m.start(), m.end(), int(m.group(1))) for m in YEAR_NAMED.finditer(sentence)]
        as_base = {m.end() for m in AS_BASE.finditer(sentence)}  # 比, 与, 较, 从, 由 right before a year
        self.spans["last year named"] = [(a, b) for a, b, y in years if y == year - 1 and a not in as_base]
        self.spans["other year named"] = [(a, b) for a, b, y in years if y != year - 1 and a not in as_base]
        self.starts = {name: [a for a, _ in spans] for name, spans in self.spans.items()}

    def clause_start(self, at: int) -> int:
        """Where the clause holding position ``at`` starts."""
        n = bisect_left(self.breaks, at)
        return self.breaks[n - 1] + 1 if n else 0

    def clause_end(self, at: int, limit: int) -> int:
        n = bisect_left(self.breaks, at)
        return min(self.breaks[n], limit) if n < len(self.breaks) else limit

    def has(self, name: str, start: int, end: int) -> bool:
        """Is there a mark of a kind wholly in ``[start, end)``? (A pattern's marks do not overlap: sorted
        by start, they are sorted by end too.)"""
        n = bisect_left(self.starts[name], start)
        spans = self.spans[name]
        return n < len(spans) and spans[n][1] <= end

    def last(self, name: str, start: int, end: int) -> tuple[int, int] | None:
        """The last mark of a kind wholly in ``[start, end)``, if any."""
        spans = self.spans[name]
        n = bisect_left(self.starts[name], end) - 1
        if n >= 0 and spans[n][1] > end:
            n -= 1
        return spans[n] if n >= 0 and spans[n][0] >= start else None

    def plan(self, start: int, end: int) -> tuple[int, int] | None:
        """The years of the first plan named in ``[start, end)``."""
        for a, b, name in self.plans[bisect_left(self.plans, (start, 0, "")) :]:
            if a >= end:
                break
            if b <= end:
                return plan_years(name)
        return None

    def base(self, start: int, end: int) -> int | None:
        """The first year named as a base to compare with in ``[start, end)`` (比2002年: 2002)."""
        n = bisect_left(self.bases, (start, 0, 0))
        return self.bases[n][2] if n < len(self.bases) and self.bases[n][1] <= end else None


def _read(
    statement: Statement,
    text: Normal,
    year: int,
    place: Place,
    last_price: dict[int, str],
    found: Mapping[tuple[str, str, tuple[int, int] | None], Outcome],
) -> list[Outcome]:
    """The figures of one review sentence (but those of an indicator and a year or period ``found``
    already)."""
    sentence = text.text
    marks = _Marks(sentence, year)
    hits = [
        _Hit(_name(m), m.start(), m.end())
        for m in MEASURE.finditer(sentence)
        if not (_name(m) == "foreign-trade" and marks.has("subset", marks.clause_start(m.start()), m.start()))
    ]
    for hit in hits:
        if hit.indicator in ("cpi", "retail-prices"):
            last_price[statement.paragraph] = hit.indicator
    if not hits and statement.paragraph in last_price and (bare := BARE_RISE.search(sentence)):
        hits = [_Hit(last_price[statement.paragraph], bare.start(), bare.start())]
    result: list[Outcome] = []
    for n, hit in enumerate(hits):
        limit = hits[n + 1].start if n + 1 < len(hits) else len(sentence)
        stop = _window_end(sentence, hit.end, limit)
        numbers = list(NUMBER.finditer(sentence, hit.end, stop))
        if sentence.startswith("其中", stop) and (each := RESPECTIVELY.search(sentence, stop, limit)):
            numbers += [m for m in NUMBER.finditer(sentence, each.end(), limit) if m.group("u")][:1]  # the whole's
        taken = {(kind, period) for indicator, kind, period in [*found, *_keys(result)] if indicator == hit.indicator}
        result += _figures(statement, text, marks, year, place, hit, numbers, taken)
    return result


def _keys(outcomes: Iterable[Outcome]) -> list[tuple[str, str, tuple[int, int] | None]]:
    return [(o.indicator, o.kind, o.period) for o in outcomes]


def _window_end(text: str, start: int, limit: int) -> int:
    """Where an indicator's words stop: the next indicator, a semicolon, 其中, or the sentence's end."""
    ends = [limit]
    for mark in (";", "其中", "。"):
        at = text.find(mark, start, limit)
        if at >= 0:
            ends.append(at)
    return min(ends)


def _figures(
    statement: Statement,
    text: Normal,
    marks: _Marks,
    year: int,
    place: Place,
    hit: _Hit,
    numbers: list[re.Match[str]],
    taken: set[tuple[str, tuple[int, int] | None]],
) -> list[Outcome]:
    """The figures among ``numbers`` that are the indicator's (see the module's docstring), but those
    of a year or period ``taken`` already (the first figure wins)."""
    result: list[Outcome] = []
    kind = KIND[hit.indicator]
    sentence = text.text
    built_in = sentence[hit.end - 2 : hit.end] if hit.end - hit.start > 2 else ""  # 经济增长8.8%: the verb is in it
    for match in numbers:
        unit = match.group("u") or ""
        at = match.start()
        clause_from = marks.clause_start(at)
        lead = sentence[max(hit.end, clause_from, at - TAIL) : at]  # the words right before it (a few)
        if (
            _restated(marks, hit.start, clause_from, at)
            or marks.has("restated", match.end(), marks.clause_end(match.end(), len(sentence)))
            or _starting_point(marks, hit.start, at)
            or CHANGE.search(lead)
            or not _fits(hit.indicator, kind, unit, lead if clause_from > hit.end else built_in + lead)
            or (kind == "amount" and clause_from > hit.end and not AMOUNT_GOES_ON.match(sentence, clause_from, at))
        ):
            continue  # a restated target, a starting point, a change, not its kind, another thing's amount
        scope = _scope(marks, clause_from, at, year, place, lead)
        if scope is None:
            continue
        which, period = scope
        if which in (REACHED_LEVEL, HELD_RATE):
            if kind not in ("level", "price"):
                continue  # a level reached or a rate held, said of what is neither ("连年稳定在1.3万亿斤以上")
            if which == REACHED_LEVEL and (period is None or period[1] != year - 1):
                continue
            # the level a period ended on is its last year's; a rate held through it, its average
            which, period = (OUTCOME, None) if which == REACHED_LEVEL else (AVERAGE, period)
        if (which == OUTCOME and kind == "growth" and unit != "%") or (which, period) in taken:
            continue  # a year's investment is compared by its growth, not its amount; the first figure wins
        taken.add((which, period))
        result.append(_outcome(statement, text, marks, year, hit, match, lead, which, period))
    return result


def _restated(marks: _Marks, words_at: int, clause_from: int, at: int) -> bool:
    """Is the figure in a restated target: its clause up to it restates one, or a clause between the
    indicator's words and it does, with no 实际 (actually) since ("…要从14.8%降到10%左右，…实际回落到6.1%")?"""
    if marks.has("restated", clause_from, at):
        return True
    restated = marks.last("restated", min(words_at, clause_from), at)
    return restated is not None and not marks.has("actual", restated[1], at)


def _starting_point(marks: _Marks, words_at: int, at: int) -> bool:
    """Is a figure at ``at`` where a change started (从…, 由… since the indicator's words, no 到 yet)?"""
    opened = marks.last("from", words_at, at)
    return opened is not None and not marks.has("to", opened[1], at)


def _fits(indicator: str, kind: str, unit: str, lead: str) -> bool:
    """Is a figure with this unit, after these words, the indicator's kind of figure? An amount in its
    units; a population rate in per mille (or percent); a growth in percent after a verb of growth (or
    增长N倍, or, for a period's investment, an amount); a price rise, a fall in percent after their
    verbs; a level: the first rate after its words."""
    verbs = VERBS.get(kind)
    if kind == "amount":
        fits = unit in AMOUNT_UNITS[indicator]
    elif indicator == "population-growth":
        fits = unit in ("‰", "%")
    elif kind == "growth" and unit == "倍":
        fits = lead.endswith(("增长", "增长了"))
    elif kind == "growth" and unit in AMOUNT_UNITS.get(indicator, set()):
        fits = True
    else:
        fits = unit == "%" and (verbs is None or bool(verbs.search(lead.strip())))
    return fits


def _scope(  # noqa: PLR0911 - one return per rule, in the order the module's docstring gives them
    marks: _Marks, clause_from: int, at: int, year: int, place: Place, lead: str
) -> tuple[str, tuple[int, int] | None] | None:
    """Which year or period a figure at ``at`` belongs to, as (kind, period): OUTCOME, AVERAGE, TOTAL,
    or REACHED_LEVEL, HELD_RATE for a period's figure without average or total words (settled by the
    caller, who knows the indicator); None for a figure of another year. Its clause is read first, then
    the sentence up to it."""
    default = place.period or (year - 5, year - 1)
    if marks.has("average", clause_from, at):
        return AVERAGE, _period(marks, clause_from, at, year) or _period(marks, 0, at, year) or default
    if _names_last_year(marks, clause_from, at):
        return OUTCOME, None
    if marks.has("other year named", clause_from, at) or marks.has("against a plan", clause_from, at):
        return None  # another year's figure; a period against an earlier plan period (比“七五”时期增长一倍)
    kind = (
        REACHED_LEVEL if REACHED.search(lead.rstrip()) else HELD_RATE if marks.has("held", clause_from, at) else TOTAL
    )
    if (period := _period(marks, clause_from, at, year)) is not None or marks.has("period", clause_from, at):
        return kind, period or _period(marks, 0, at, year) or default
    if (period := _period(marks, 0, at, year)) is not None or marks.has("period", 0, at):
        if _names_last_year(marks, 0, at) and marks.base(0, at) is None:
            return OUTCOME, None
        return kind, period or default
    if _names_last_year(marks, 0, at) or place.scope != PERIOD:
        return OUTCOME, None
    return kind, default


def _names_last_year(marks: _Marks, start: int, end: int) -> bool:
    """Do the words speak of the year before (去年, 上年, 全年, or the year written out, not as a base to
    compare with: 比2002年…)?"""
    return marks.has("last year", start, end) or marks.has("last year named", start, end)


def _period(marks: _Marks, start: int, end: int, year: int) -> tuple[int, int] | None:
    """The period the words in ``[start, end)`` name, if they name one: 十年 and 五年 back from the year
    before, 近三年, “十一五”前四年, a plan by name, 比2002年 (2003 on)."""
    plan = marks.plan(start, end)
    base = marks.base(start, end)
    first = base + 1 if base is not None else year
    rules: tuple[tuple[bool, tuple[int, int] | None], ...] = (
        (marks.has("ten years", start, end), (year - 10, year - 1)),
        (marks.has("three years", start, end), (year - 3, year - 1)),
        (plan is not None and marks.has("first four years", start, end), (plan[0], plan[0] + 3) if plan else None),
        (plan is not None and plan[1] <= year - 1, plan),
        (first < year - 1, (first, year - 1)),
        (marks.has("five years", start, end), (year - 5, year - 1)),
    )
    return next((span for applies, span in rules if applies), None)


def _outcome(
    statement: Statement,
    text: Normal,
    marks: _Marks,
    year: int,
    hit: _Hit,
    match: re.Match[str],
    lead: str,
    kind: str,
    period: tuple[int, int] | None,
) -> Outcome:
    sentence = text.text
    stated_unit = match.group("u") or "%"
    unit, factor = UNITS[stated_unit]
    if hit.indicator == "population-growth" and stated_unit == "%":
        unit, factor = "per mille", PER_MILLE_OF_PERCENT
    value = Decimal(match.group("n")) * factor
    if _falls(hit.indicator, lead):
        value = -value
    after = sentence[match.end() : match.end() + 4]
    qualifier = _qualifier(lead, after, bool(match.group("more")))
    end = match.end() + (2 if after.startswith(("左右", "以上", "以内", "以下")) else 0)
    basis = YEAR_END if marks.has("year end", marks.clause_start(hit.start), match.start()) else ANNUAL
    if basis == ANNUAL and hit.indicator in YEAR_END_BY_DEFAULT and "平均" not in lead:
        basis = YEAR_END
    start = hit.start if hit.start < hit.end else marks.clause_start(match.start())
    return Outcome(
        indicator=hit.indicator,
        kind=kind,
        year=period[1] if period else year - 1,
        period=period if kind != OUTCOME else None,
        value=plain(value),
        high=None,
        unit=unit,
        stated=text.original(statement.text, start, end),
        stated_unit=stated_unit,
        qualifier=qualifier,
        basis=basis,
        measure=text.original(statement.text, hit.start, hit.end) if hit.end > hit.start else "",
        ref=statement.ref,
        section=statement.section,
    )


def _falls(indicator: str, lead: str) -> bool:
    """Is the figure a fall, to be read as negative (下降0.7%, not 下降到)? Energy use's figure is the fall."""
    verb = re.search(r"(下降|降低|减少|上升|增长|上涨)(?:了|为)?$", lead.strip())
    if verb is None:
        return False
    if indicator == "energy-intensity":
        return verb.group(1) in ("上升", "增长", "上涨")
    return verb.group(1) in ("下降", "降低", "减少")


def _qualifier(lead: str, after: str, more: bool) -> str | None:
    if more or after.startswith("以上") or re.search(r"(?:超过|突破|逾|跃上)$", lead):
        return "over"
    if after.startswith("左右") or re.search(r"(?:约|大约)$", lead):
        return "around"
    if re.search(r"(?:近|将近|接近)$", lead):
        return "nearly"
    if after.startswith(("以内", "以下")):
        return "at most"
    if re.search(r"(?:低于|不到)$", lead):
        return "below"
    return None


# --- target against outcome ---------------------------------------------------------------------------

FLOORS = frozenset(
    {"gdp-growth", "new-urban-jobs", "grain-output", "foreign-trade", "fixed-asset-investment", "energy-intensity"}
)
CEILINGS = frozenset(
    {
        "cpi",
        "retail-prices",
        "unemployment-registered",
        "unemployment-surveyed",
        "population-growth",
        "deficit-ratio",
        "deficit",
        "special-bonds",
        "defence-budget",
    }
)
PROJECTIONS = frozenset({"m2-growth"})


class Comparison(NamedTuple):
    year: int
    indicator: str
    target: Target | None
    outcome: Outcome | None  # the first one stated
    status: str  # MET, MISSED, NOT_SET, NO_OUTCOME or UNCLEAR
    rule: str  # what met means here, in words
    restated: tuple[Outcome, ...]  # the same year's figure as later reports state it


def compare(
    targets: Mapping[int, Iterable[Target]], outcomes: Iterable[Outcome], read: Container[int] | None = None
) -> list[Comparison]:
    """Each year's target (``targets``: by report year) against the outcome the next report's review
    states (``outcomes``: from any reports; the first stated for a year is compared, the others kept
    as ``restated``). A row per year and indicator that has a target or an outcome. ``read``: the
    years of the reports whose reviews were read; a year whose next report is not among them has no
    outcome because that review was not read, and its rule says so, not that the review is silent."""
    stated: dict[tuple[int, str], list[Outcome]] = {}
    for outcome in sorted((o for o in outcomes if o.kind == OUTCOME), key=lambda o: _report_year(o.ref)):
        stated.setdefault((outcome.year, outcome.indicator), []).append(outcome)
    set_for: dict[tuple[int, str], Target] = {}
    for year, found in targets.items():
        for one in found:
            set_for[(year, one.indicator)] = one
    rows: list[Comparison] = []
    order = {name: n for n, name in enumerate(INDICATORS)}
    for year, indicator in sorted(set(stated) | set(set_for), key=lambda k: (k[0], order.get(k[1], 99))):
        target = set_for.get((year, indicator))
        told = stated.get((year, indicator), [])
        first = told[0] if told else None
        status, rule = judge(indicator, target, first)
        if status == NO_OUTCOME and first is None and read is not None and year + 1 not in read:
            rule = f"no full Chinese report of {year + 1} is loaded (outcomes are read from the Chinese reviews)"
        rows.append(Comparison(year, indicator, target, first, status, rule, tuple(told[1:])))
    return rows


def _report_year(ref: str) -> int:
    head = ref.split("-", maxsplit=1)[0]
    return int(head) if head.isdigit() else 0


# Two measures the reports both call growth of the economy: the targets of 1990-1993 are set in GNP,
# the reviews from 1994 state GDP. Their growth differed by tenths of a point in those years: a result
# across them is a comparison of two measures, and is said to be.
MEASURES = {"国民生产总值": "GNP", "国内生产总值": "GDP"}


def label(indicator: str, target: Target | None, outcome: Outcome | None) -> str:
    """The indicator's name as a row shows it: GDP growth is GNP growth where the target and the outcome
    both name GNP (1990-1992), or one does and the other is absent."""
    measures = {MEASURES.get(x.measure or "") for x in (target, outcome) if x is not None} - {None}
    return "GNP growth" if indicator == "gdp-growth" and measures == {"GNP"} else LABELS[indicator]


def measure_note(target: Target | None, outcome: Outcome | None) -> str | None:
    """Why a target and its outcome are not the same measure (GNP against GDP), or None."""
    if target is None or outcome is None:
        return None
    set_in, stated_in = MEASURES.get(target.measure or ""), MEASURES.get(outcome.measure)
    if set_in is None or stated_in is None or set_in == stated_in:
        return None
    return (
        f"the target is {set_in} growth ({target.measure}), the outcome {stated_in} growth ({outcome.measure}):"
        " not the same measure"
    )


def judge(indicator: str, target: Target | None, outcome: Outcome | None) -> tuple[str, str]:
    """met, missed, not set, no outcome stated or unclear, and the rule that decided it, in words."""
    if target is None or target.status != "set" or target.value is None:
        return NOT_SET, "the report sets no target" if target is None else "the report says it sets no target"
    if outcome is None:
        return NO_OUTCOME, "the next report's review states no figure"
    if outcome.unit != target.unit:
        return NO_OUTCOME, f"the review states it in {outcome.unit}, the target is in {target.unit}"
    direction = _direction(indicator, target.qualifier)
    low, high = Decimal(str(target.value)), Decimal(str(target.high)) if target.high is not None else None
    got = Decimal(str(outcome.value))
    tolerance = _half_step(target) if target.qualifier == "around" else Decimal(0)
    if direction == "floor":
        bound = low
        rule = f"a floor: met at {_show(bound)} or more"
        if tolerance:
            rule += f" (around: from {_show(bound - tolerance)})"
        verdict = _at_least(got, bound - tolerance, outcome.qualifier, strict=False)
    elif direction == "ceiling":
        bound = high if high is not None else low
        strict = target.qualifier == "below"
        rule = f"a ceiling: met at {_show(bound)} or less" if not strict else f"a ceiling: met below {_show(bound)}"
        if tolerance:
            rule += f" (around: up to {_show(bound + tolerance)})"
        verdict = _at_most(got, bound + tolerance, outcome.qualifier, strict=strict and not tolerance)
    else:
        top = high if high is not None else low
        rule = f"a projection: met from {_show(low - tolerance)} to {_show(top + tolerance)}"
        below = _at_least(got, low - tolerance, outcome.qualifier, strict=False)
        above = _at_most(got, top + tolerance, outcome.qualifier, strict=False)
        verdict = MET if below == above == MET else MISSED if MISSED in (below, above) else UNCLEAR
    return verdict, rule


def _direction(indicator: str, qualifier: str | None) -> str:
    if qualifier == "at least":
        return "floor"
    if qualifier in ("at most", "below"):
        return "ceiling"
    if indicator in FLOORS:
        return "floor"
    if indicator in CEILINGS:
        return "ceiling"
    return "projection"


def _half_step(target: Target) -> Decimal:
    """Half the last digit the target is stated in, in base units ("7%": 0.5; "7.5%": 0.05; "1.3万亿斤":
    0.05万亿斤): "around" tolerates what rounds to the target."""
    digits = re.search(r"\d+(?:\.(\d+))?", target.stated.translate(_FULL_WIDTH) if target.stated else "")
    places_after = len(digits.group(1)) if digits and digits.group(1) else 0
    _, factor = UNITS.get(target.stated_unit or "%", ("", Decimal(1)))
    return Decimal(5) * Decimal(10) ** (-places_after - 1) * factor


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _at_least(got: Decimal, bound: Decimal, qualifier: str | None, *, strict: bool) -> str:
    """Is an outcome (with its own qualifier) at or above ``bound``?"""
    if qualifier in ("over", None, "around") and (got > bound or (got == bound and not strict)):
        return MET
    if qualifier in ("nearly", "below") and got <= bound:
        return MISSED
    if qualifier in ("at most",) and got < bound:
        return MISSED
    if qualifier is None or qualifier == "around":
        return MISSED
    return UNCLEAR


def _at_most(got: Decimal, bound: Decimal, qualifier: str | None, *, strict: bool) -> str:
    """Is an outcome (with its own qualifier) at or under ``bound`` (under it, when ``strict``)?"""
    if qualifier in ("at most", "below", "nearly", None, "around") and (got < bound or (got == bound and not strict)):
        return MET
    if qualifier == "over" and got >= bound:
        return MISSED
    if qualifier is None or qualifier == "around":
        return MISSED
    return UNCLEAR


def _show(value: Decimal) -> str:
    return f"{value.normalize():f}"
