"""Headline indicators as whole reports word them (issue 17): the catalog's names and the verb phrases the
extractor reads, changes written from → to, and the measure of a named growth rate. Sentences written for
these tests in the genre's style."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.extract.facts import extract_mentions, skipped_numbers

PLAN = "二、2024年工作总体部署\n"


def _targets(sentence: str, year: int = 2024) -> list[tuple]:
    facts = extract_mentions(PLAN + sentence, year)
    return [(None if pd.isna(r.indicator) else r.indicator, r.measure, r.value, None if pd.isna(r.qualifier)
             else r.qualifier) for r in facts.itertuples()]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("今年经济增长预期目标为6%左右。", ("gdp", "growth", 6.0, "about")),
    ("地区生产总值按增长5%安排。", ("gdp", "growth", 5.0, None)),
    ("今年的经济增长目标定为6.5%左右是必要的。", ("gdp", "growth", 6.5, "about")),
    ("居民消费价格总水平涨幅控制在3%左右。", ("cpi", "growth", 3.0, "about")),
    ("居民消费价格上涨2.5%左右。", ("cpi", "growth", 2.5, "about")),
    ("城镇调查失业率全年控制在5.5%以内。", ("surveyed_unemployment_rate", "share", 5.5, "at_most")),
    ("城镇登记失业率低于4.5%。", ("registered_unemployment_rate", "share", 4.5, "at_most")),
    ("赤字率拟按3.2%左右安排。", ("deficit_ratio", "share", 3.2, "about")),
    ("中央财政赤字拟安排2100亿元。", ("deficit_amount", "level", 2100.0, None)),
    ("拟安排地方政府专项债券4.2万亿元。", ("special_bonds", "level", 4.2, None)),
    ("粮食产量保持在1.3万亿斤以上。", ("grain_output", "level", 1.3, "at_least")),
    ("进出口总值增长4%。", ("trade_total", "growth", 4.0, None)),
    ("研发经费投入强度达到2.7%。", ("rd_intensity", "share", 2.7, None)),
    # a city's or province's wording of R&D intensity: its own output, not the nation's 国内生产总值
    ("全社会研发经费支出相当于全市生产总值的比例达到4.2%左右。", ("rd_intensity", "share", 4.2, "about")),
    ("研发经费投入占地区生产总值比重达到2.6%。", ("rd_intensity", "share", 2.6, None)),
])
def test_headline_targets_in_the_ways_reports_write_them(sentence: str, expected: tuple) -> None:
    assert _targets(sentence) == [expected]


def test_a_growth_rate_of_an_economy_is_gdp_but_a_digital_economy_is_not() -> None:
    assert _targets("数字经济增长12%，经济增长5%左右。") == [(None, "growth", 12.0, None), ("gdp", "growth", 5.0, "about")]


def test_the_later_values_of_a_growth_list_are_growth_too() -> None:
    assert [row[1] for row in _targets("出口、进口增长9.8%和8.5%。")] == ["growth", "growth"]


def test_a_change_from_one_value_to_another_is_one_figure() -> None:
    text = "一、2023年工作回顾\n制造业贷款余额从16.3万亿元增加到27.4万亿元，城镇化率由63.9%提高到65.2%。"
    facts = extract_mentions(text, 2024)
    assert facts["subject"].tolist() == ["制造业贷款余额", "城镇化率"]
    assert facts[["value", "value_from"]].values.tolist() == [[27.4, 16.3], [65.2, 63.9]]
    assert facts["measure"].tolist() == ["level", "share"]
    reasons = skipped_numbers(text, 2024).set_index("text")["reason"]
    assert reasons["16.3"].startswith("the starting value of a change") and "63.9" in reasons


def test_a_starting_value_in_another_scale_is_converted_to_the_end_values_unit() -> None:
    facts = extract_mentions("一、2023年工作回顾\n轨道交通运营里程从4500公里增加到1.1万公里。", 2024)
    assert math.isclose(facts["value_from"].iloc[0], 0.45) and facts["unit"].iloc[0] == "万公里"


def test_a_change_between_two_years_is_the_end_years_figure() -> None:
    text = "一、2025年和“十四五”时期工作回顾\n五年来，全省生产总值从2020年的3.1万亿元增长到2025年的4.2万亿元。"
    facts = extract_mentions(text, 2026)
    assert facts[["kind", "period", "horizon", "value", "value_from"]].values.tolist() == [
        ["actual", 2025, "annual", 4.2, 3.1]]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("把增长预期目标定在6.5%左右，兼顾了需要和可能。", ("gdp", "growth", 6.5, "about")),
    ("确定5%左右的增长目标，在实际工作中努力争取更好结果。", ("gdp", "growth", 5.0, "about")),
    ("提出7%左右的国内生产总值增长目标，综合考虑了各方面因素。", ("gdp", "growth", 7.0, "about")),
    ("全国财政赤字合计8500亿元，占国内生产总值比重在3%以内。",
     [("deficit_amount", "level", 8500.0, None), ("deficit_ratio", "share", 3.0, "at_most")]),
    ("今年能源消耗强度要降低3%以上。", ("energy_intensity", "growth", -3.0, "at_most")),
    ("确保粮食总产量稳定保持在80亿斤以上。", ("grain_output", "level", 80.0, "at_least")),
])
def test_growth_targets_and_shares_named_around_their_number(sentence: str, expected) -> None:
    assert _targets(sentence) == (expected if isinstance(expected, list) else [expected])


def test_a_money_supply_growth_target_is_not_the_economys() -> None:
    assert _targets("今年广义货币M2增长目标为12%左右。")[0][0] is None


def test_urban_and_rural_incomes_written_as_one_subject_pair_in_order() -> None:
    rows = _targets("城乡居民人均可支配收入分别增长5%、6.5%左右。")
    assert rows == [("urban_disposable_income_per_capita", "growth", 5.0, "about"),
                    ("rural_disposable_income_per_capita", "growth", 6.5, "about")]


def test_a_plan_paragraph_that_recounts_last_year_gives_outcomes() -> None:
    text = ("三、2024年的工作\n2024年是实施规划的关键之年。过去一年，我们的工作取得了很大成绩。国内生产总值增长5.2%，"
            "城镇新增就业1244万人。今年经济社会发展的主要预期目标是：国内生产总值增长5%左右。")
    facts = extract_mentions(text, 2024)
    assert facts[["kind", "period", "value"]].values.tolist() == [
        ["actual", 2023, 5.2], ["actual", 2023, 1244.0], ["target", 2024, 5.0]]


@pytest.mark.parametrize("sentence", ["严格落实中央八项规定精神。", "统筹国内国际两个大局。", "出台乡村产业发展20条措施。",
                                      "优质文化资源惠及千家万户。", "千人口床位数达到7张。"])
def test_labels_slogans_and_set_phrases_are_no_quantities(sentence: str) -> None:
    facts = extract_mentions(PLAN + sentence, 2024)
    assert not (facts["unit"].isin(["项", "个", "条", "家", "人"])).any()


def test_a_threshold_that_names_a_class_of_plants_is_no_figure() -> None:
    assert extract_mentions(PLAN + "关停淘汰10万千瓦及以下燃煤机组。", 2024).empty


def test_a_comparison_with_last_year_in_the_plan_is_still_this_years_target() -> None:
    facts = extract_mentions(PLAN + "今年拟安排财政赤字1.3万亿元，比上年增加1500亿元。", 2024)
    assert facts[["kind", "period"]].values.tolist() == [["target", 2024], ["target", 2024]]


REVIEW = "一、2023年工作回顾\n"


def _outcomes(sentence: str) -> list[tuple]:
    facts = extract_mentions(REVIEW + sentence, 2024)
    return [(None if pd.isna(r.indicator) else r.indicator, r.value, r.unit, None if pd.isna(r.qualifier)
             else r.qualifier) for r in facts.itertuples()]


def test_more_than_written_before_the_scale_is_a_floor() -> None:
    assert _outcomes("投入民生资金1300多亿元。") == [(None, 1300.0, "亿元", "at_least")]


def test_a_share_followed_by_a_verb_is_a_figure_not_a_threshold() -> None:
    assert _outcomes("财政支出的74%以上用于民生。")[0][1:] == (74.0, "%", "at_least")


def test_a_milestone_passed_is_a_floor() -> None:
    assert _outcomes("地区生产总值跨越5000亿元大关。") == [("gdp", 5000.0, "亿元", "at_least")]


def test_a_base_year_and_an_average_are_not_subjects() -> None:
    rows = _outcomes("国内生产总值达到24.6万亿元，比2018年增长60.5%，年均增长9.9%。")
    assert [row[0] for row in rows] == ["gdp", "gdp", "gdp"]


def test_a_scale_standing_for_its_number_is_a_figure() -> None:
    assert _outcomes("财政民生支出突破万亿元。") == [("livelihood_spending", 10000.0, "亿元", "at_least")]


def test_an_outcome_kept_within_a_level_is_that_level() -> None:
    assert _outcomes("居民消费价格涨幅控制在2.4%。") == [("cpi", 2.4, "%", None)]


def test_a_list_of_values_without_its_subjects_takes_the_figures_before_it() -> None:
    rows = _outcomes("城镇居民人均可支配收入25000元，农村居民人均可支配收入9000元，实际增长6.4%和7.1%。")
    assert [row[0] for row in rows] == ["urban_disposable_income_per_capita", "rural_disposable_income_per_capita"] * 2


def test_urban_and_rural_values_of_one_clause_share_its_yearly_average() -> None:
    text = "一、“十四五”时期工作回顾\n五年来，城乡居民人均可支配收入年均增长5.3%、8.1%。"
    facts = extract_mentions(text, 2026)
    assert facts[["indicator", "horizon"]].values.tolist() == [
        ["urban_disposable_income_per_capita", "average"], ["rural_disposable_income_per_capita", "average"]]


def test_a_figure_whose_clause_names_nothing_takes_the_sentences_last_catalog_name() -> None:
    assert _outcomes("粮食产量屡创新高，去年达到1.3万亿斤。")[0][0] == "grain_output"
    # …unless it measures something else (66个 is no grain) or is an increase of it
    assert _outcomes("实施粮食产能提升工程，推进66个。")[0][0] is None
    assert [row[0] for row in _outcomes("粮食总产量1.37万亿斤，增产74亿斤。")] == ["grain_output", None]


def test_per_capita_gdp_is_not_gdp() -> None:
    assert _outcomes("人均生产总值达到9.8万元。")[0][0] == "gdp_per_capita"


def test_a_share_of_funds_over_a_level_is_a_figure_not_a_threshold() -> None:
    assert _outcomes("八成以上财政资金用于民生。") == [(None, 8.0, "成", "at_least")]


def test_a_fall_of_a_ratio_written_from_another_year_to_last_year_is_last_years() -> None:
    facts = extract_mentions(REVIEW + "财政赤字占国内生产总值的比重从2019年的2.8%降到去年的1.5%左右。", 2024)
    assert facts[["indicator", "period", "value", "value_from", "qualifier"]].values.tolist() == [
        ["deficit_ratio", 2023, 1.5, 2.8, "about"]]


@pytest.mark.parametrize(("sentence", "unit"), [("人均预期寿命达到80岁以上。", "岁"), ("细颗粒物浓度不高于25微克/立方米。", "微克/立方米"),
                                                ("中欧班列开行4800列以上。", "列")])
def test_units_of_health_air_and_freight(sentence: str, unit: str) -> None:
    assert extract_mentions(PLAN + sentence, 2024)["unit"].tolist() == [unit]


def test_goals_for_the_coming_years_are_not_this_years() -> None:
    facts = extract_mentions(PLAN + "今后一个时期，引导约1亿人在中西部地区就近城镇化。", 2024)
    assert facts[["kind", "horizon"]].values.tolist() == [["target", "plan_period"]]


@pytest.mark.parametrize("sentence", ["AR-E3000成功首飞。", "推动形成万亿立柱、千亿提升、百亿成势的产业集群。"])
def test_cheng_in_a_word_is_no_tenths(sentence: str) -> None:
    assert not extract_mentions(PLAN + sentence, 2024)["unit"].eq("成").any()


def test_completion_rates_of_a_list_may_pass_100() -> None:
    facts = extract_mentions(REVIEW + "城镇新增就业、新增创业担保贷款分别完成年计划的112.5%、231.4%。", 2024)
    assert facts[["horizon", "value"]].values.tolist() == [["ratio_to_plan", 112.5], ["ratio_to_plan", 231.4]]


def test_a_range_of_declines_runs_from_the_larger_fall() -> None:
    facts = extract_mentions(PLAN + "主要污染物排放总量减少8%至10%。", 2024)
    assert facts[["value", "value_high", "qualifier"]].values.tolist() == [[-10.0, -8.0, "range"]]


def test_a_growth_after_a_subject_outside_the_catalog_is_that_subjects() -> None:
    # 财政收入 is not a catalog name: its growth must not take the sentence's GDP
    rows = _outcomes("国内生产总值30.07万亿元，比上年增长9%；财政收入6.13万亿元，增长19.5%。")
    assert [row[0] for row in rows] == ["gdp", "gdp", None, None]


def test_the_base_of_a_comparison_is_no_figure_and_no_subject() -> None:
    text = "全省地区生产总值达到13697.5亿元，较“十三五”末的9323.1亿元增加4374.4亿元、增长33.6%。"
    rows = _outcomes(text)
    assert [(row[0], row[1]) for row in rows] == [("gdp", 13697.5), (None, 4374.4), ("gdp", 33.6)]


def test_a_count_of_milestones_is_neither_an_amount_nor_gdp() -> None:
    rows = _outcomes("地区生产总值连跨两个万亿元台阶，年均增长5.7%。")
    assert ("gdp", 10000.0, "亿元", "at_least") not in rows
    assert not any(row[0] == "gdp" and row[2] == "个" for row in rows)
    assert rows[-1][:2] == ("gdp", 5.7)
