"""Targets against outcomes: where a sentence sits, the target and outcome rules on short synthetic
sentences (no corpus), the English forms of figures, the met/missed rule; then every rule on every
published report (../shared/corpus/, skipped where absent) against the hand-checked gold table
(tests/data/targets-gold.csv)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportcli.extract import outcomes, placing, targets
from reportcli.extract.outcomes import Outcome, compare, judge
from reportcli.extract.targets import Target
from reportcli.extract.units import english
from reportcli.model import Statement


def report(year: int, *parts: tuple[str, list[list[str]]]) -> list[Statement]:
    """A small report: parts of paragraphs of sentences; a part's heading is its first sentence (an
    empty heading: the opening, before part one)."""
    statements: list[Statement] = []
    paragraph = 0
    for n, (heading, paragraphs) in enumerate(parts):
        section = f"{year}-zh/part{n}"
        if heading:
            paragraph += 1
            statements.append(Statement(f"{year}-zh/{paragraph}.1", section, year, paragraph, heading))
        for sentences in paragraphs:
            paragraph += 1
            statements += [
                Statement(f"{year}-zh/{paragraph}.{k}", section, year, paragraph, text)
                for k, text in enumerate(sentences, 1)
            ]
    return statements


def found(statements: list[Statement], year: int) -> dict[str, Target]:
    return {t.indicator: t for t in targets.extract(statements, year)}


def read(statements: list[Statement], year: int) -> dict[tuple[str, str], Outcome]:
    return {(o.indicator, o.kind): o for o in outcomes.outcomes(statements, year)}


def test_the_review_heading_the_plan_heading_and_an_aside_of_review_inside_the_plan() -> None:
    statements = report(
        2011,
        ("一、“十一五”时期国民经济和社会发展的回顾", [["这五年，国内生产总值年均增长11.2%。"]]),
        ("二、“十二五”时期的主要目标和任务", [["今后五年，经济增长预期目标是年均增长7%。"]]),
        (
            "三、2011年的工作",
            [
                ["2011年，是“十二五”开局之年。", "过去一年，我们的各项工作取得了很大成绩。", "国内生产总值增长10.3%。"],
                ["今年国民经济和社会发展的主要预期目标是：", "国内生产总值增长8%左右。"],
            ],
        ),
    )
    where = {s.text: p for s, p in zip(statements, placing.places(statements, 2011), strict=True)}
    assert where["这五年，国内生产总值年均增长11.2%。"] == (placing.REVIEW, placing.PERIOD, (2006, 2010))
    assert where["今后五年，经济增长预期目标是年均增长7%。"][:2] == (placing.PLAN, placing.PERIOD)
    assert where["2011年，是“十二五”开局之年。"][:2] == (placing.PLAN, placing.YEAR)
    assert where["国内生产总值增长10.3%。"][:2] == (
        placing.REVIEW,
        placing.YEAR,
    )  # the aside holds to its paragraph's end
    assert where["国内生产总值增长8%左右。"][:2] == (placing.PLAN, placing.YEAR)


def test_a_mixed_heading_turns_from_the_review_into_the_plan_and_the_opening_may_hold_the_review() -> None:
    statements = report(
        2002,
        (
            "",
            [["各位代表：", "首先报告２００１年的工作"], ["国内生产总值增长７．３％。"], ["２００２年是重要的一年。"]],
        ),
        ("一、1993年国内工作的回顾和1994年工作的基本方针", [["过去的一年，经济增长较快。"], ["今年要继续努力。"]]),
    )
    where = [p.zone for p in placing.places(statements, 2002)]
    assert where == [
        placing.PLAN,
        placing.REVIEW,
        placing.REVIEW,
        placing.PLAN,
        placing.REVIEW,
        placing.REVIEW,
        placing.PLAN,
    ]


def test_five_years_ahead_are_not_a_review_of_five_years() -> None:
    statements = report(
        2008,
        (
            "一、过去一年工作回顾",
            [["过去一年，国内生产总值增长9%。"], ["在这五年里，我们要加快改革。", "国内生产总值增长9.5%。"]],
        ),
    )
    assert [p.scope for p in placing.places(statements, 2008)] == [placing.YEAR] * 4


def test_five_year_plans_by_name() -> None:
    assert placing.plan_years("八五") == (1991, 1995)
    assert placing.plan_years("“十一五”") == (2006, 2010)
    assert placing.plan_years("十四五") == (2021, 2025)
    assert placing.plan_years("二五") == (1958, 1962)
    assert placing.plan_years("三五") == (1966, 1970)  # after the three years 1963-65


def test_a_review_figure_is_never_a_target_the_2004_case() -> None:
    statements = report(
        2004,
        ("一、一年来工作回顾", [["———就业超过预期目标。", "城镇新增就业859万人，下岗失业人员再就业440万人。"]]),
        ("二、2004年主要任务", [["千方百计增加就业是政府的重要职责。", "今年的预期目标是，新增城镇就业900万人。"]]),
    )
    jobs = found(statements, 2004)["new-urban-jobs"]
    assert (jobs.value, jobs.ref, jobs.stated) == (9_000_000, "2004-zh/4.2", "新增城镇就业900万人")


def test_a_plan_periods_goal_and_another_years_goal_are_not_the_years_target() -> None:
    statements = report(
        1993,
        ("一、过去五年的回顾", [["五年来，国民生产总值平均每年增长7.9%。"]]),
        (
            "二、争取国民经济再上一个新台阶",
            [
                ["今后五年是关键时期。", "国民经济增长速度平均每年增长8%。"],
                ["１９９３年是重要的一年。", "争取１９９７年粮食产量达到４．７５亿吨。"],
            ],
        ),
    )
    assert found(statements, 1993) == {}
    statements.append(
        Statement("1993-zh/9.1", "1993-zh/part1", 1993, 9, "今年国民生产总值计划增长百分之八，是留有余地的。")
    )
    assert found(statements, 1993)["gdp-growth"].value == 8


@pytest.mark.parametrize(
    ("sentence", "indicator", "value", "qualifier", "unit"),
    [
        ("今年广义货币M2预期增长13%左右。", "m2-growth", 13, "around", "percent"),
        ("今年国防支出拟增长7.2%。", "defence-budget", 7.2, None, "percent"),
        ("今年能源消耗强度要降低3.9%以上。", "energy-intensity", 3.9, "at least", "percent"),
        ("今年进出口总额预期增长7.5%左右。", "foreign-trade", 7.5, "around", "percent"),
        ("今年全社会固定资产投资预定增长1 0 ％或者更多一些。", "fixed-asset-investment", 10, "at least", "percent"),
        ("今年要把人口自然增长率控制在千分之十三以内。", "population-growth", 13, "at most", "per mille"),
        ("计划生育，人口自然增长率为1％。", "population-growth", 10, None, "per mille"),
        ("今年要把零售物价上涨幅度控制在百分之六以内。", "retail-prices", 6, "at most", "percent"),
        ("今年居民消费价格涨幅3%左右。", "cpi", 3, "around", "percent"),
        ("今年粮食产量要稳定在5.5亿吨以上。", "grain-output", 550_000_000, "at least", "tonnes"),
    ],
)
def test_each_indicators_target_rule(
    sentence: str, indicator: str, value: float, qualifier: str | None, unit: str
) -> None:
    statements = report(
        2015, ("一、2014年工作回顾", [["去年各项工作取得新进展。"]]), ("二、2015年工作总体部署", [[sentence]])
    )
    target = found(statements, 2015)
    assert set(target) == {indicator}, target  # the CPI and the retail price index are never the same row
    assert (target[indicator].value, target[indicator].qualifier, target[indicator].unit) == (value, qualifier, unit)


def test_the_budget_figures_come_from_the_budget_sentences_of_the_plan() -> None:
    statements = report(
        2024,
        ("一、2023年工作回顾", [["加快地方政府专项债券发行使用，投放政策性开发性金融工具7400亿元。"]]),
        (
            "二、2024年经济社会发展总体要求和政策取向",
            [["赤字率拟按3%安排，赤字规模4.06万亿元。", "拟安排地方政府专项债券3.9万亿元、比上年增加1000亿元。"]],
        ),
    )
    got = found(statements, 2024)
    assert (got["deficit-ratio"].value, got["deficit"].value) == (3, 4_060_000_000_000)
    assert (got["special-bonds"].value, got["special-bonds"].ref) == (3_900_000_000_000, "2024-zh/4.2")


def test_last_years_outcomes_with_units_qualifiers_and_basis() -> None:
    statements = report(
        2021,
        (
            "一、2020年工作回顾",
            [
                ["全年国内生产总值增长2.3％。", "城镇新增就业1186万人，年末全国城镇调查失业率降到5.2％。"],
                ["居民消费价格下降0.7%。", "粮食产量首次跃上1.4万亿斤新台阶。", "单位国内生产总值能耗降幅超过3%。"],
                ["城镇登记失业率4.1%。", "城镇新增就业７００多万人。"],
            ],
        ),
        ("二、2021年重点工作", [["今年国内生产总值增长6%以上。"]]),
    )
    got = read(statements, 2021)
    gdp, jobs, surveyed = (
        got["gdp-growth", "outcome"],
        got["new-urban-jobs", "outcome"],
        got["unemployment-surveyed", "outcome"],
    )
    assert (gdp.value, gdp.year, gdp.basis, gdp.ref) == (2.3, 2020, "annual", "2021-zh/2.1")  # not the plan's 6%
    assert (jobs.value, jobs.unit, jobs.qualifier) == (11_860_000, "people", None)  # the first one stated
    assert (surveyed.value, surveyed.basis) == (5.2, "year-end")
    assert got["cpi", "outcome"].value == -0.7  # a fall is negative
    assert (got["grain-output", "outcome"].value, got["grain-output", "outcome"].qualifier) == (700_000_000, "over")
    assert (got["energy-intensity", "outcome"].value, got["energy-intensity", "outcome"].qualifier) == (3, "over")
    assert got["unemployment-registered", "outcome"].basis == "year-end"  # a year-end figure unless said otherwise


def test_a_restated_target_a_starting_point_and_a_change_are_not_outcomes() -> None:
    statements = report(
        1997,
        (
            "一、１９９６年国内工作的回顾",
            [
                [
                    "去年政府工作报告提出，物价涨幅要从１４．８％降到１０％左右，经过上下各方面的努力，实际回落到６．１％。"
                ],
                ["固定资产投资增长幅度由上年的百分之五十八点六回落到百分之二十七点八。"],
                ["粮食总产量在上年大幅度增长的基础上，又增产291亿斤，达到9680亿斤。"],
            ],
        ),
    )
    got = read(statements, 1997)
    assert got["retail-prices", "outcome"].value == 6.1
    assert got["fixed-asset-investment", "outcome"].value == 27.8
    assert got["grain-output", "outcome"].value == 484_000_000


def test_a_bare_rise_takes_the_price_index_the_paragraph_named_before() -> None:
    paragraph = [
        "去年我在政府工作报告中曾提出，要把全年商品零售物价上涨幅度控制在百分之十以内。",  # the target, restated
        "虽然在这方面做了很大努力，涨幅仍然高达百分之二十一点七。",
    ]
    got = outcomes.outcomes(report(1995, ("一、１９９４年国内工作的回顾", [paragraph])), 1995)
    assert [(o.indicator, o.value, o.ref) for o in got] == [("retail-prices", 21.7, "1995-zh/2.2")]


def test_period_averages_and_totals_with_their_periods() -> None:
    statements = report(
        2008,
        (
            "一、 过去五年工作回顾",
            [
                ["2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长10.6%。"],
                ["五年全国新增城镇就业5100万人。", "2007年单位国内生产总值能耗比上年下降3.27%。"],
                ["人口自然增长率降到6.45‰。", "财政赤字率一直控制在3%以内。", "粮食产量连年稳定在1.3万亿斤以上。"],
            ],
        ),
    )
    got = {(o.indicator, o.kind, o.period): o for o in outcomes.outcomes(statements, 2008)}
    assert got["gdp-growth", "period-total", (2003, 2007)].value == 65.5
    assert got["gdp-growth", "period-average", (2003, 2007)].value == 10.6
    assert got["new-urban-jobs", "period-total", (2003, 2007)].value == 51_000_000
    assert got["energy-intensity", "outcome", None].value == 3.27
    assert got["population-growth", "outcome", None].value == 6.45  # the level the term ended on: 2007's
    assert (got["deficit-ratio", "period-average", (2003, 2007)].qualifier) == "at most"
    assert not any(key[0] == "grain-output" for key in got)  # "every year above 1.3": neither average nor total
    assert not any(key[0] == "gdp-growth" and key[1] == "outcome" for key in got)  # no annual figure is made up


def test_trade_the_whole_before_its_parts_and_not_trade_with_some_countries() -> None:
    statements = report(
        2001,
        (
            "一、“九五”时期国民经济和社会发展的回顾",
            [
                ["2000年进出口总额达4743亿美元，其中出口2492亿美元，分别比1995年增长69％和67％。"],
                ["对沿线国家货物进出口额年均增长13.4%。"],
            ],
        ),
    )
    got = outcomes.outcomes(statements, 2001)
    assert [(o.indicator, o.kind, o.period, o.value) for o in got] == [
        ("foreign-trade", "period-total", (1996, 2000), 69)
    ]


def test_a_sentence_of_40000_figures_is_read_whole() -> None:
    """A long, repetitive sentence is read to its end (how the time grows with it is measured in
    benchmarks/bounds.py, not here: no test times anything)."""
    sentence = "过去一年，国内生产总值增长5.2%，" + "增长1%，" * 40_000
    statements = report(2024, ("一、2023年工作回顾", [[sentence]]))
    found = outcomes.outcomes(statements, 2024)
    assert [(o.indicator, o.value) for o in found][:1] == [("gdp-growth", 5.2)]
    assert targets.extract(statements, 2024) == []  # a review states no target


def target(indicator: str, value: float, qualifier: str | None, stated: str, high: float | None = None) -> Target:
    unit, stated_unit = ("people", "万人") if indicator == "new-urban-jobs" else ("percent", "%")
    return Target(indicator, "set", value, high, unit, stated, stated_unit, qualifier, None, "2015-zh/1.1", "")


def outcome(indicator: str, value: float, qualifier: str | None = None, ref: str = "2016-zh/5.2") -> Outcome:
    unit = "people" if indicator == "new-urban-jobs" else "percent"
    return Outcome(indicator, "outcome", 2015, None, value, None, unit, "", "%", qualifier, "annual", "", ref, "")


@pytest.mark.parametrize(
    ("indicator", "value", "qualifier", "stated", "high", "got", "got_qualifier", "status"),
    [
        ("gdp-growth", 7, "around", "国内生产总值增长7%左右", None, 6.9, None, "met"),  # 6.9 rounds to 7
        (
            "gdp-growth",
            7.5,
            "around",
            "国内生产总值增长7.5%左右",
            None,
            7.4,
            None,
            "missed",
        ),  # 7.4 does not round to 7.5
        ("gdp-growth", 8, None, "经济增长速度8 ％", None, 7.8, None, "missed"),  # no 左右: no tolerance
        ("gdp-growth", 6, "range", "国内生产总值增长6%－6.5%", 6.5, 6.1, None, "met"),
        ("gdp-growth", 6, "at least", "国内生产总值增长6%以上", None, 8.1, None, "met"),
        ("cpi", 3, "around", "居民消费价格涨幅3%左右", None, 3.3, None, "met"),  # a ceiling: 3.3 rounds to 3
        ("cpi", 3, "around", "居民消费价格涨幅3%左右", None, 5.4, None, "missed"),
        ("cpi", 4, "at most", "居民消费价格总水平涨幅控制在4%", None, 3.9, None, "met"),
        (
            "unemployment-registered",
            4.6,
            "below",
            "城镇登记失业率低于4.6%",
            None,
            4.6,
            None,
            "missed",
        ),  # below is strict
        ("unemployment-surveyed", 5.5, "around", "城镇调查失业率5.5%左右", None, 5.3, "at most", "met"),
        (
            "deficit-ratio",
            3.6,
            "at least",
            "赤字率拟按3.6%以上安排",
            None,
            3.7,
            None,
            "met",
        ),  # the qualifier comes first
        ("m2-growth", 13, "around", "广义货币M2预期增长13%左右", None, 11.3, None, "missed"),  # a projection: both ways
        ("m2-growth", 13, "around", "广义货币M2预期增长13%左右", None, 13.6, None, "missed"),
        ("m2-growth", 13, "around", "广义货币M2预期增长13%左右", None, 13.4, None, "met"),
        ("new-urban-jobs", 13_000_000, None, "城镇新增就业1300万人", None, 12_000_000, "over", "unclear"),
        ("new-urban-jobs", 13_000_000, None, "城镇新增就业1300万人", None, 14_000_000, "nearly", "unclear"),
        ("new-urban-jobs", 13_000_000, None, "城镇新增就业1300万人", None, 12_000_000, "nearly", "missed"),
        ("new-urban-jobs", 9_000_000, None, "新增城镇就业900万人", None, 9_800_000, None, "met"),
    ],
)
def test_met_or_missed_by_the_rule_of_each_indicator(
    indicator: str,
    value: float,
    qualifier: str | None,
    stated: str,
    high: float | None,
    got: float,
    got_qualifier: str | None,
    status: str,
) -> None:
    verdict, rule = judge(
        indicator, target(indicator, value, qualifier, stated, high), outcome(indicator, got, got_qualifier)
    )
    assert verdict == status, rule
    assert rule  # every verdict says what met means for it


def test_not_set_no_outcome_and_a_later_statement_kept_beside_the_first() -> None:
    growth = target("gdp-growth", 7, "around", "国内生产总值增长7%左右")
    first, later = outcome("gdp-growth", 6.9, ref="2016-zh/5.2"), outcome("gdp-growth", 7.0, ref="2018-zh/5.2")
    not_set = Target("gdp-growth", "not set", None, None, None, "没有提出…", None, None, None, "2020-zh/26.1", "")
    rows = compare({2015: [growth], 2020: [not_set], 2016: [target("cpi", 3, "around", "3%左右")]}, [later, first])
    by_year = {(r.year, r.indicator): r for r in rows}
    assert by_year[2015, "gdp-growth"].outcome == first and by_year[2015, "gdp-growth"].restated == (later,)
    assert by_year[2015, "gdp-growth"].status == "met"
    assert by_year[2020, "gdp-growth"].status == "not set"
    assert by_year[2016, "cpi"].status == "no outcome stated"
    assert by_year[2016, "cpi"].rule == "the next report's review states no figure"
    unread = {(r.year, r.indicator): r for r in compare({2016: [target("cpi", 3, "around", "3%左右")]}, [], {2016})}
    assert unread[2016, "cpi"].status == "no outcome stated"
    assert unread[2016, "cpi"].rule == (
        "no full Chinese report of 2017 is loaded (outcomes are read from the Chinese reviews)"
    )


@pytest.mark.parametrize(
    ("set_in", "stated_in", "noted"),
    [
        (
            "国民生产总值",
            "国内生产总值",
            "the target is GNP growth (国民生产总值), the outcome GDP growth (国内生产总值)",
        ),
        (
            "国内生产总值",
            "国民生产总值",
            "the target is GDP growth (国内生产总值), the outcome GNP growth (国民生产总值)",
        ),
        ("国民生产总值", "国民生产总值", None),
        ("经济", "国内生产总值", None),  # the economy's growth, as 1995-2004 set it: the same measure
        (None, "国内生产总值", None),
    ],
)
def test_a_gnp_target_against_a_gdp_outcome_says_so(set_in: str | None, stated_in: str, noted: str | None) -> None:
    growth = target("gdp-growth", 8, None, "国民生产总值计划增长百分之八")._replace(measure=set_in)
    note = outcomes.measure_note(growth, outcome("gdp-growth", 13.4)._replace(measure=stated_in))
    assert note == (None if noted is None else f"{noted}: not the same measure")


def test_growth_is_named_gnp_where_both_sides_are_gnp() -> None:
    growth = target("gdp-growth", 6, None, "国民生产总值增长百分之六")
    gnp, gdp = growth._replace(measure="国民生产总值"), growth._replace(measure="国内生产总值")
    stated_gnp = outcome("gdp-growth", 12.8)._replace(measure="国民生产总值")
    assert outcomes.label("gdp-growth", gnp, stated_gnp) == "GNP growth"
    assert outcomes.label("gdp-growth", gnp, None) == "GNP growth"
    assert outcomes.label("gdp-growth", gnp, stated_gnp._replace(measure="国内生产总值")) == "GDP growth"  # noted
    assert outcomes.label("gdp-growth", gdp, None) == "GDP growth"
    assert outcomes.label("cpi", None, None) == "consumer prices"


@pytest.mark.parametrize(
    ("value", "unit", "high", "words"),
    [
        (12_000_000, "people", None, "12 million people"),
        (8_590_000, "people", None, "8.59 million people"),
        (4_060_000_000_000, "yuan", None, "4.06 trillion yuan"),
        (180_000_000_000, "yuan", None, "180 billion yuan"),
        (650_000_000, "tonnes", None, "650 million tonnes"),
        (5.5, "percent", None, "5.5%"),
        (6, "percent", 6.5, "6-6.5%"),
        (-0.7, "percent", None, "-0.7%"),
        (10.55, "per mille", None, "10.55 per 1,000"),
        (700_000, "people", None, "700,000 people"),
    ],
)
def test_figures_in_english(value: float, unit: str, high: float | None, words: str) -> None:
    assert english(value, unit, high) == words


def number(text: str) -> Decimal | None:
    return Decimal(text) if text else None
