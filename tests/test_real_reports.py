"""The extractor on phrasing and structure of real reports (issue 10), one test per phenomenon, on sentences
written for these tests in the genre's style."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract.facts import extract_mentions, skipped_numbers

FIELDS = ["indicator", "kind", "period", "measure", "value", "unit", "qualifier"]


def _rows(text: str, year: int = 2023) -> list[tuple]:
    facts = extract_mentions(text, year)
    return [tuple(None if pd.isna(v) else v for v in row) for row in facts[FIELDS].itertuples(index=False)]


# 1. Structure without headings --------------------------------------------------------------------------

def test_summary_cues_set_kind_and_period_without_headings() -> None:
    text = ("会议应出席代表218名，实到205名。报告总结了过去一年的工作。全县固定资产投资增长12.4%。"
            "展望新的一年，全县生产总值增长7%左右。")
    assert _rows(text) == [
        ("fixed_asset_investment", "actual", 2022, "growth", 12.4, "%", None),
        ("gdp", "target", 2023, "growth", 7.0, "%", "about"),
    ]
    reasons = skipped_numbers(text, 2023).set_index("text")["reason"]
    assert "outside" in reasons["218"] and "outside" in reasons["205"]   # meeting logistics stay out


def test_speaker_summary_opening_on_a_year_is_the_review() -> None:
    text = ("区长在报告中说，2021年全区经济运行稳中向好。地区生产总值完成286.4亿元，增长7.1%。"
            "报告提出今年经济社会发展的主要目标：地区生产总值增长6.5%左右。")
    assert _rows(text, 2022) == [
        ("gdp", "actual", 2021, "level", 286.4, "亿元", None),
        ("gdp", "actual", 2021, "growth", 7.1, "%", None),
        ("gdp", "target", 2022, "growth", 6.5, "%", "about"),
    ]


def test_this_years_goal_is_a_target_after_a_review_cue() -> None:
    text = "回顾过去一年，全市规模以上工业增加值增长8.2%。今年全市发展的目标是：一般公共预算收入增长6%。"
    assert [r[1:3] for r in _rows(text)] == [("actual", 2022), ("target", 2023)]


def test_sentence_before_any_cue_takes_its_kind_from_its_words() -> None:
    # The text has a cue later on, so the first sentences are outside any part: their words decide.
    text = "全县生产总值预计完成210亿元。力争社会消费品零售总额增长8%。回顾过去一年，成绩来之不易。"
    assert _rows(text) == [
        ("gdp", "actual", 2022, "level", 210.0, "亿元", None),
        ("retail_sales", "target", 2023, "growth", 8.0, "%", None),
    ]


# 2. 实际 / 同口径 / 按可比价格计算 set the basis, not the kind ------------------------------------------

def test_basis_words_keep_subject_and_kind() -> None:
    text = ("主要预期目标是：城镇居民人均可支配收入实际增长6.5%，一般公共预算收入41.2亿元、同口径增长5.1%，"
            "生产总值按可比价格计算增长6%，社会消费品零售总额名义增长9%。")
    facts = extract_mentions(text, 2023)
    assert facts["indicator"].tolist() == ["urban_disposable_income_per_capita", "general_budget_revenue",
                                           "general_budget_revenue", "gdp", "retail_sales"]
    assert facts["measure"].tolist() == ["growth", "level", "growth", "growth", "growth"]
    assert set(facts["kind"]) == {"target"}
    assert [None if pd.isna(b) else b for b in facts["basis"]] == ["real", None, "same_scope", "real", "nominal"]


def test_actual_in_an_indicator_name_is_not_a_basis() -> None:
    facts = extract_mentions("实际利用外资1.2亿美元，增长7.8%。", 2023)
    assert facts["indicator"].tolist() == ["fdi_utilized", "fdi_utilized"]
    assert facts["basis"].isna().all() and set(facts["kind"]) == {"actual"}


# 3. 分别 lists keep their measure ----------------------------------------------------------------------

def test_second_value_of_a_fenbie_list_is_growth_too() -> None:
    assert _rows("年末金融机构存款、贷款余额达到512亿元、389亿元，分别增长8.1%、11.2%。") == [
        (None, "actual", 2022, "level", 512.0, "亿元", None), (None, "actual", 2022, "level", 389.0, "亿元", None),
        (None, "actual", 2022, "growth", 8.1, "%", None), (None, "actual", 2022, "growth", 11.2, "%", None)]
    subjects = extract_mentions("年末金融机构存款、贷款余额达到512亿元、389亿元，分别增长8.1%、11.2%。", 2023)["subject"]
    assert subjects.str.endswith("存款余额").tolist() == [True, False, True, False]
    assert subjects.str.endswith("贷款余额").tolist() == [False, True, False, True]


def test_fenbie_without_a_list_of_its_own_keeps_growth() -> None:
    facts = extract_mentions("一般公共预算收入27.3亿元，税收收入21.6亿元，分别增长6.4%和7.9%。", 2023)
    assert facts["measure"].tolist() == ["level", "level", "growth", "growth"]


@pytest.mark.parametrize(("text", "qualifiers"), [
    # Rule: a qualifier after the last value covers every value of the list that has none of its own.
    ("主要预期目标是：一般公共预算收入、固定资产投资分别增长7%和10%左右。", ["about", "about"]),
    ("主要预期目标是：城镇、农村居民人均可支配收入分别增长6%、7.5%以上。", ["at_least", "at_least"]),
    ("主要预期目标是：一般公共预算收入、固定资产投资分别增长7%以上和10%左右。", ["at_least", "about"]),
    ("主要预期目标是：一般公共预算收入、固定资产投资分别增长7%和10%。", [None, None]),
])
def test_qualifier_after_a_list(text: str, qualifiers: list) -> None:
    assert [r[6] for r in _rows(text)] == qualifiers
    assert [r[3] for r in _rows(text)] == ["growth", "growth"]


# 4. Qualifier words on growth and shares ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "measure", "value", "qualifier"), [
    ("全年固定资产投资增长超15%。", "growth", 15, "at_least"),
    ("规模以上工业增加值增长超过9%。", "growth", 9, "at_least"),
    ("高新技术产业产值占比首超70%。", "share", 70, "at_least"),
    ("进出口总额增长逾20%。", "growth", 20, "at_least"),
    ("进出口总额增长近20%。", "growth", 20, "at_most"),
    ("民营经济增加值占比接近60%。", "share", 60, "at_most"),
    ("工业用电量下降超3%。", "growth", -3, "at_most"),   # a fall of more than 3%: a change of at most -3%
])
def test_qualifier_words_before_percentages(text: str, measure: str, value: float, qualifier: str) -> None:
    fact = extract_mentions(text, 2023).iloc[0]
    assert (fact["measure"], fact["value"], fact["qualifier"]) == (measure, value, qualifier)
    assert not fact["subject"].endswith(("超", "近", "超过", "逾", "首超", "接近"))


# 5. The subject survives a level -----------------------------------------------------------------------

def test_subject_survives_a_level_and_a_qualifier() -> None:
    facts = extract_mentions("主要预期目标是：地区生产总值860亿元、增长6.2%左右，规模以上工业增加值增长7%，"
                             "比上年提高1个百分点。", 2023)
    assert facts["indicator"].tolist() == ["gdp", "gdp", "industrial_value_added", "industrial_value_added"]
    assert not facts["subject"].isin(["左右", "约", "同比", "比上年"]).any()


def test_connector_after_a_value_is_not_the_next_subject() -> None:
    facts = extract_mentions("一般公共预算收入15.6亿元，同比增长4.2%，约占全市的12%。", 2023)
    assert facts["subject"].iloc[1] == "一般公共预算收入"


# 6. Traditional-character reposts with converter debris ------------------------------------------------

def test_pinyin_debris_and_doubled_punctuation_read_like_clean_text() -> None:
    text = "2022年全區地區生產(chǎn)總值完成311.7億元,,增長4.7%,;一般公共預算收入27.6億元,。全區經(jīng)濟發(fā)展(zhǎn)穩中向好。"
    facts = extract_mentions(text, 2023)
    assert facts["indicator"].tolist() == ["gdp", "gdp", "general_budget_revenue"]
    assert facts["subject"].tolist()[0] == "地区生产总值"
    assert [text[a:b] for a, b in zip(facts["start"], facts["end"])] == ["311.7", "4.7", "27.6"]   # spans on the original
    quote = facts["quote"][0]
    assert "(chǎn)" in quote and text[facts["quote_start"][0]:].startswith(quote)


# 7. Not counts -----------------------------------------------------------------------------------------

def test_durations_ordinals_dates_and_times_are_not_counts() -> None:
    text = "两个月内新建学校5所。5年来累计新增就业3万人。连续第5年保持增长。12个月内完成改造。上午9时30分开幕。"
    facts = extract_mentions(text, 2023)
    assert list(zip(facts["value"], facts["unit"])) == [(5, "所"), (3, "万人")]
    assert facts["subject"].tolist() == ["新建学校", "新增就业"]
    reasons = skipped_numbers(text, 2023)
    by_text = reasons.groupby("text")["reason"].apply(" ".join)
    assert "duration" in by_text["两"] and "duration" in by_text["12"]
    assert "date or time" in by_text["9"] and "date or time" in by_text["30"]


# 8. Units are data -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "unit"), [
    ("举办招商活动36场。", 36, "场"), ("开展送医下乡120次。", 120, "次"), ("完成造林2.3万亩。", 2.3, "万亩"),
    ("新增装机容量50万千瓦。", 50, "万千瓦"), ("改造棚户区12万平方米。", 12, "万平方米"),
    ("发放消费券3000张。", 3000, "张"), ("新建农村公路86公里。", 86, "公里"), ("帮扶困难群众1.2万户。", 1.2, "万户"),
])
def test_units_of_the_vocabulary(text: str, value: float, unit: str) -> None:
    fact = extract_mentions(text, 2023).iloc[0]
    assert (fact["value"], fact["unit"]) == (value, unit)


def test_a_unit_not_in_the_vocabulary_is_left_out_with_the_reason() -> None:
    text = "新增光伏发电30兆瓦。"
    assert extract_mentions(text, 2023).empty
    reason = skipped_numbers(text, 2023).set_index("text")["reason"]["30"]
    assert "兆瓦" in reason and "units.yml" in reason


def test_session_numbers_are_not_counts_of_次() -> None:
    assert extract_mentions("区十三届人大二次会议开幕。", 2023).empty
