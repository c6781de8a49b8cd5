"""The extractor on the seed page and on sentences written in the genre's style."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.config import data_paths
from analysis.extract.facts import extract_mentions, skipped_numbers
from analysis.text.sources import read_text

SEED = read_text(data_paths().raw / "shizhong-2023.txt")

A, T = "actual", "target"
# Every figure of the report's review and plan parts, in reading order, written by reading the page
# (not from the extractor's output): (indicator, words the subject contains, kind, period, measure,
# value, unit, qualifier, estimated). The sidebar (开幕侧记) repeats the review figures at the end.
REVIEW_HEADLINE = [
    ("gdp", "生产总值", A, 2022, "level", 311.7, "亿元", None, False),
    ("gdp", "生产总值", A, 2022, "growth", 4.7, "%", None, False),
    ("general_budget_revenue", "一般公共预算收入", A, 2022, "level", 27.6, "亿元", None, False),
    ("general_budget_revenue", "一般公共预算收入", A, 2022, "growth", 6.5, "%", None, False),
    ("fixed_asset_investment", "固定资产投资", A, 2022, "growth", 16, "%", None, False),
    ("industrial_value_added", "规模以上工业增加值", A, 2022, "growth", 8.6, "%", None, False),
    ("trade_total", "进出口总额", A, 2022, "level", 61.5, "亿元", None, False),
    ("trade_total", "进出口总额", A, 2022, "growth", 23.5, "%", None, False),
]
INCOME = [
    ("disposable_income_per_capita", "居民人均可支配收入", A, 2022, "level", 36836, "元", None, False),
    ("disposable_income_per_capita", "居民人均可支配收入", A, 2022, "growth", 5.8, "%", None, False),
]
REVIEW_REST = [
    (None, "“四上”企业", A, 2022, "level", 125, "家", None, True),   # 预计新增…125家
    (None, "总数", A, 2022, "level", 570, "家", None, True),          # 总数达到570家 (same 预计 sentence)
    (None, "过千万元", A, 2022, "level", 58, "家", None, False),
    (None, "过百万元", A, 2022, "level", 252, "家", None, False),
    ("modern_industry_revenue", "主营业务收入", A, 2022, "level", 500, "亿元", "at_least", False),  # 突破
    ("industrial_tech_investment", "工业技改投资", A, 2022, "level", 23.7, "亿元", None, False),
    ("high_tech_enterprises", "高新技术企业", A, 2022, "level", 67, "家", None, False),
    (None, "小巨人", A, 2022, "level", 3, "家", None, False),
    (None, "省专精特新中小企业", A, 2022, "level", 14, "家", None, False),
    (None, "瞪羚", A, 2022, "level", 4, "家", None, False),
    (None, "国有企业", A, 2022, "level", 127, "家", None, False),
    (None, "国有集团", A, 2022, "level", 6, "大", None, False),       # 重整为6大国有集团: six groups
    (None, "政务服务事项", A, 2022, "level", 1249, "个", None, False),
    (None, "服务事项", A, 2022, "level", 37, "个", None, False),       # across the photo caption
    (None, "减负", A, 2022, "level", 8.9, "亿元", None, False),
    ("new_market_entities", "市场主体", A, 2022, "level", 1.1, "万家", None, False),
    (None, "签约项目", A, 2022, "level", 93, "个", None, False),
    (None, "过10亿元项目", A, 2022, "level", 16, "个", None, False),
    (None, "过100亿元项目", A, 2022, "level", 2, "个", None, False),
    (None, "道路", A, 2022, "level", 5, "条", None, False),
    (None, "热力管网", A, 2022, "level", 9.5, "公里", None, False),
    (None, "雨污分流", A, 2022, "level", 42.1, "公里", None, False),
    (None, "背街小巷", A, 2022, "level", 11, "条", None, False),
    (None, "老旧小区", A, 2022, "level", 33, "个", None, False),
    (None, "绿地游园", A, 2022, "level", 18, "处", None, False),
    (None, "四好农村路", A, 2022, "level", 83, "公里", None, False),
    (None, "污水治理", A, 2022, "level", 40, "个", None, False),
    (None, "示范村", A, 2022, "level", 9, "个", None, False),
    (None, "河湖", A, 2022, "level", 3, "条", None, False),
    ("livelihood_spending", "民生支出", A, 2022, "level", 26.6, "亿元", None, False),
    ("livelihood_spending", "公共财政支出", A, 2022, "share", 75.3, "%", None, False),  # across the blank lines
    (None, "学校", A, 2022, "level", 5, "所", None, False),
    (None, "学位", A, 2022, "level", 5400, "个", None, False),
    (None, "人大代表建议", A, 2022, "level", 83, "件", None, False),
    (None, "政协委员提案", A, 2022, "level", 183, "件", None, False),
    (None, "省、市长热线移交件", A, 2022, "level", 7, "万件", "at_least", False),   # 7万余件
]
PLAN = [
    ("gdp", "生产总值", T, 2023, "growth", 6, "%", "about", False),
    ("general_budget_revenue", "一般公共预算收入", T, 2023, "growth", 6.5, "%", "at_least", False),
    ("fixed_asset_investment", "固定资产投资", T, 2023, "growth", 12, "%", "about", False),
    ("industrial_value_added", "规模以上工业增加值", T, 2023, "growth", 10, "%", None, False),
    ("disposable_income_per_capita", "居民人均可支配收入", T, 2023, "growth", 5.5, "%", "at_least", False),
    (None, "现代产业企业", T, 2023, "level", 1000, "家", "at_least", False),
    ("modern_industry_revenue", "营业收入", T, 2023, "level", 550, "亿元", "at_least", False),
    (None, "医疗器械和兽药制品企业", T, 2023, "level", 10, "家", "at_least", False),
    (None, "工业互联网试点示范企业", T, 2023, "level", 2, "家", None, False),
    (None, "数字经济园区", T, 2023, "level", 3, "家", None, False),
    (None, "规模以上企业", T, 2023, "level", 100, "家", "at_least", False),
    (None, "过10亿元企业", T, 2023, "level", 3, "家", "at_least", False),
    (None, "区中园", T, 2023, "level", 6, "个", None, False),
    (None, "区中园", T, 2025, "level", 2, "个", None, False),          # 力争3年内2个迈入百亿元行列
    (None, "总投资", T, 2023, "level", 398.6, "亿元", None, False),
    (None, "年度计划投资", T, 2023, "level", 109, "亿元", None, False),
    (None, "重点项目", T, 2023, "level", 74, "个", None, False),
    (None, "过100亿元项目", T, 2023, "level", 2, "个", "at_least", False),  # 不少于2个
    (None, "过50亿元项目", T, 2023, "level", 3, "个", "at_least", False),
    (None, "过10亿元项目", T, 2023, "level", 11, "个", "at_least", False),
    ("fdi_utilized", "实际利用外资", T, 2023, "level", 8000, "万美元", "at_least", False),
    (None, "创新平台", T, 2023, "level", 15, "家", "at_least", False),
    ("high_tech_enterprises", "高新技术企业", T, 2023, "level", 80, "家", None, False),
    ("tech_smes", "科技型中小企业", T, 2023, "level", 130, "家", None, False),
    ("high_tech_output_share", "产值占比", T, 2023, "change_pp", 2, "个百分点", None, False),
    (None, "国家级人才", T, 2023, "level", 1, "人", None, False),
    (None, "泰山产业领军人才", T, 2023, "level", 1, "人", None, False),
    (None, "高层次人才", T, 2023, "level", 15, "人", None, False),
    (None, "高校毕业生", T, 2023, "level", 3100, "人", "at_least", False),
    (None, "进出口企业", T, 2023, "level", 18, "家", None, False),
    ("trade_total", "外贸进出口总额", T, 2023, "level", 70, "亿元", "at_least", False),
]
SIDEBAR = [*REVIEW_HEADLINE,
           ("fdi_utilized", "实际利用外资", A, 2022, "level", 6510, "万美元", None, False),
           ("fdi_utilized", "实际利用外资", A, 2022, "growth", 7.8, "%", None, False),
           INCOME[0]]  # the page ends in "36836元,增": the growth figure is cut off
EXPECTED_SEED = [*REVIEW_HEADLINE, *INCOME, *REVIEW_REST, *PLAN, *SIDEBAR]
FIELDS = ["indicator", "subject", "kind", "period", "measure", "value", "unit", "qualifier", "estimated"]


@pytest.fixture(scope="module")
def seed_facts() -> pd.DataFrame:
    return extract_mentions(SEED, report_year=2023)


def _as_tuple(row: pd.Series) -> tuple:
    return tuple(None if pd.isna(row[f]) else row[f] for f in FIELDS)


def test_seed_has_every_figure_in_order(seed_facts: pd.DataFrame) -> None:
    assert len(seed_facts) == len(EXPECTED_SEED)
    for (_, row), expected in zip(seed_facts.iterrows(), EXPECTED_SEED):
        got = _as_tuple(row)
        ind, subject_words, *rest = expected
        assert got[0] == ind, (expected, got)
        assert subject_words in got[1], (expected, got)
        assert got[2:5] == tuple(rest[:3]), (expected, got)
        assert got[5] == pytest.approx(rest[3]), (expected, got)
        assert got[6:] == tuple(rest[4:]), (expected, got)


def test_seed_spans_point_at_the_numbers(seed_facts: pd.DataFrame) -> None:
    for row in seed_facts.itertuples():
        written = "".join(SEED[row.start:row.end].split())
        assert float(written.replace(",", "")) == pytest.approx(abs(row.value))
        assert SEED[row.quote_start:row.quote_start + len(row.quote)] == row.quote
        assert row.quote_start <= row.start < row.end <= row.quote_start + len(row.quote)


def test_sentence_split_by_blank_lines_is_one_quote(seed_facts: pd.DataFrame) -> None:
    share = seed_facts[seed_facts["measure"].eq("share")].iloc[0]
    assert "占公共财政支出的\n\n75.3%" in share["quote"]
    assert SEED[share["start"]:share["end"]] == "75.3"
    fai = seed_facts[(seed_facts["indicator"] == "fixed_asset_investment") & (seed_facts["kind"] == "actual")]
    assert any("增\n\n长16%" in q for q in fai["quote"])  # the sidebar's copy is the broken one


def test_seed_base_values_are_exact(seed_facts: pd.DataFrame) -> None:
    gdp = seed_facts[(seed_facts["indicator"] == "gdp") & (seed_facts["measure"] == "level")].iloc[0]
    assert (gdp["value_base"], gdp["base_unit"]) == (311.7 * 10**8, "元")
    assert gdp["value_base"] == 31170000000.0  # Decimal scaling, not 311.7 * 1e8 = 31169999999.999996
    fdi = seed_facts[(seed_facts["indicator"] == "fdi_utilized") & (seed_facts["kind"] == "target")].iloc[0]
    assert (fdi["value_base"], fdi["base_unit"]) == (8000 * 10**4, "美元")


def test_seed_non_facts_are_skipped_with_reasons() -> None:
    skipped = skipped_numbers(SEED, report_year=2023)
    reasons = dict(zip(skipped["text"], skipped["reason"]))
    assert "year" in reasons["2022"]
    assert "outside" in reasons["256"]        # 会议应出席代表256名: news framing, not the report
    assert "threshold" in reasons["10"]       # 过10亿元项目
    assert "caption" in " ".join(skipped["reason"])
    # 支持6大国有企业 (plan part): the six groups exist already; a count, not a target and not an ordinal
    support = skipped[skipped["quote"].str.contains("支持6大国有企业") & skipped["text"].eq("6")]
    assert support["reason"].tolist() == ["a count naming a set the plan works on (支持6大国有企业), not a target"]


def _one(text: str, report_year: int = 2023) -> pd.Series:
    facts = extract_mentions(text, report_year)
    assert len(facts) == 1, facts
    return facts.iloc[0]


@pytest.mark.parametrize(("text", "value", "unit", "written"), [
    ("全区生产总值完成331 亿元。", 331, "亿元", "331"),                 # space between number and unit
    ("进出口总额达到１６８．３亿元。", 168.3, "亿元", "１６８．３"),     # full-width digits and point
    ("居民人均可支配收入达到36,836元。", 36836, "元", "36,836"),         # thousands separator
    ("新建学校三所。", 3, "所", "三"),                                   # Chinese numerals for counts
    ("新增规上企业一百二十家。", 120, "家", "一百二十"),
    ("粮食产量2.1亿斤。", 2.1, "亿斤", "2.1"),                           # scales on units
    ("城镇新增就业1.2万人。", 1.2, "万人", "1.2"),
    ("实际利用外资3.5亿美元。", 3.5, "亿美元", "3.5"),
    ("全省生产总值9.2万亿元。", 9.2, "万亿元", "9.2"),
])
def test_number_forms(text: str, value: float, unit: str, written: str) -> None:
    fact = _one(text)
    assert (fact["value"], fact["unit"]) == (pytest.approx(value), unit)
    assert text[fact["start"]:fact["end"]] == written  # the span is the number as written


def test_scaled_base_values() -> None:
    assert _one("全省生产总值9.2万亿元。")["value_base"] == 9.2e12
    assert _one("城镇新增就业1.2万人。")[["value_base", "base_unit"]].tolist() == [12000.0, "人"]


@pytest.mark.parametrize(("text", "value"), [
    ("工业投资下降3.4%。", -3.4), ("社会消费品零售总额减少2.1%。", -2.1), ("进出口增长-2.6%。", -2.6),
    ("生产总值同比增长5.2%。", 5.2),
])
def test_decline_is_negative_growth(text: str, value: float) -> None:
    fact = _one(text)
    assert (fact["measure"], fact["value"]) == ("growth", pytest.approx(value))


@pytest.mark.parametrize(("text", "low", "high"), [
    ("主要预期目标是：生产总值增长8%—10%。", 8, 10), ("主要预期目标是：一般公共预算收入增长6%-6.5%。", 6, 6.5),
    ("主要预期目标是：生产总值增长6-6.5%。", 6, 6.5),
])
def test_ranges(text: str, low: float, high: float) -> None:
    fact = _one(text)
    assert (fact["qualifier"], fact["value"], fact["value_high"]) == ("range", low, high)
    assert fact["kind"] == "target"


@pytest.mark.parametrize(("text", "qualifier"), [
    ("主要预期目标是：生产总值增长6%左右。", "about"), ("主要预期目标是：新增就业约1.1万人。", "about"),
    ("主要预期目标是：财政收入增长6.5%以上。", "at_least"), ("主要预期目标是：粮食产量不低于1.5亿斤。", "at_least"),
    ("主要预期目标是：新增市场主体不少于5000家。", "at_least"), ("主要预期目标是：营业收入突破550亿元。", "at_least"),
    ("主要预期目标是：实际利用外资超过1亿美元。", "at_least"), ("主要预期目标是：实际利用外资逾1亿美元。", "at_least"),
    ("办理来信7万余件。", "at_least"),
    ("主要预期目标是：城镇调查失业率5.5%以内。", "at_most"), ("主要预期目标是：赤字率3%以下。", "at_most"),
    ("主要预期目标是：债务规模不超过20亿元。", "at_most"), ("主要预期目标是：城镇调查失业率控制在5.5%以内。", "at_most"),
    ("主要预期目标是：规模以上工业增加值增长10%。", None),
])
def test_qualifiers(text: str, qualifier: str | None) -> None:
    got = _one(text)["qualifier"]
    assert (None if pd.isna(got) else got) == qualifier


def test_qualifier_follows_the_sign_of_a_decline() -> None:
    fact = _one("主要预期目标是：单位生产总值能耗下降3%以上。")   # falls by at least 3%: change ≤ −3%
    assert (fact["value"], fact["qualifier"]) == (-3, "at_most")


def test_thresholds_label_nouns_and_are_not_facts() -> None:
    facts = extract_mentions("签约项目30个，其中过10亿元项目16个。纳税过千万元、过百万元企业分别发展到58家和252家。", 2023)
    assert facts["value"].tolist() == [30, 16, 58, 252]
    assert facts["subject"].tolist()[2:] == ["纳税过千万元企业", "纳税过百万元企业"]
    assert _one("引进10亿元以上项目5个。")["value"] == 5


def test_fenbie_pairs_subjects_with_values() -> None:
    facts = extract_mentions("国家级、省级专精特新企业分别达到5家、12家。", 2023)
    assert list(zip(facts["subject"], facts["value"])) == [("国家级专精特新企业", 5), ("省级专精特新企业", 12)]


@pytest.mark.parametrize(("text", "subject"), [
    ("办结省、市长热线转办件2.3万件。", "办结省、市长热线转办件"),         # 省长热线 and 市长热线
    ("改造县、乡、村三级道路56公里。", "改造县、乡、村三级道路"),         # a chain of one-character items
    ("其中，中、小学校舍改造12所。", "中、小学校舍改造"),                  # one character after a comma
    ("受理群众来电1.2万件、来信860件。", "来信"),                         # a longer item still ends a clause
    ("三、新建学校3所。", "新建学校"),                                    # a numeral before 、 is a heading
])
def test_one_character_list_items_stay_with_the_head_they_share(text: str, subject: str) -> None:
    assert extract_mentions("过去一年，" + text, 2023)["subject"].iloc[-1] == subject


def test_subject_carries_over_to_the_next_clause() -> None:
    facts = extract_mentions("规上工业总产值完成187亿元、增加值增长11%。", 2023)
    assert facts["indicator"].tolist() == ["industrial_output", "industrial_value_added"]
    assert facts["measure"].tolist() == ["level", "growth"]


def test_review_and_plan_parts_from_headings() -> None:
    text = ("一、过去一年工作回顾\n\n生产总值增长5.2%。\n\n二、2024年工作安排\n\n"
            "力争高新技术企业达到80家。\n\n主要预期目标是：生产总值增长5%左右。")
    facts = extract_mentions(text)  # the report year comes from the plan heading
    assert list(zip(facts["kind"], facts["period"])) == [("actual", 2023), ("target", 2024), ("target", 2024)]


def test_part_headings_with_years() -> None:
    text = "第一部分：2022年工作回顾。\n全区生产总值完成311.7亿元。\n第二部分：2023年政府工作安排。\n力争生产总值达到330亿元。"
    facts = extract_mentions(text)
    assert list(zip(facts["kind"], facts["period"], facts["value"])) == [("actual", 2022, 311.7), ("target", 2023, 330)]


def test_years_dates_sessions_ordinals_and_labels_are_not_facts() -> None:
    text = "2023年2月8日上午，区十三届人大二次会议召开。经济总量居全市第2位。“6+3”产业加快发展，实施“十四五”规划。"
    assert extract_mentions(text, 2023).empty


def test_n_da_before_a_noun_is_a_count_of_that_noun() -> None:
    # 4大国有集团: four groups, an outcome of the review year; the noun after 大 is what is counted.
    facts = extract_mentions("过去一年，区属企业整合为4大国有集团，建成3大产业园区。", 2023)
    assert list(zip(facts["subject"], facts["value"], facts["unit"], facts["kind"], facts["period"])) == [
        ("国有集团", 4, "大", "actual", 2022), ("产业园区", 3, "大", "actual", 2022)]
    assert facts["value_base"].tolist() == [4, 3] and facts["base_unit"].tolist() == ["大", "大"]


def test_n_da_in_the_plan_is_a_target_only_when_the_plan_makes_it() -> None:
    text = "2023年政府工作安排。力争打造2大百亿级产业集群。支持5大国有企业做大做强。"
    facts = extract_mentions(text, 2023)
    assert list(zip(facts["subject"], facts["value"], facts["unit"], facts["kind"], facts["period"])) == [
        ("百亿级产业集群", 2, "大", "target", 2023)]
    reason = skipped_numbers(text, 2023).set_index("text")["reason"]["5"]
    assert "not a target" in reason and "ordinal" not in reason   # the five exist: a count, not a goal


@pytest.mark.parametrize(("text", "reason"), [
    ("过去一年，认真学习贯彻党的20大精神。", "party congress"),      # a congress, written in digits
    ("过去一年，深入学习20大报告。", "party congress"),
    ("过去一年，全面落实2大。", "no noun"),
    ("过去一年，建成2大型物流中心。", "begins a word"),                 # 大型: large, not a count word
    ("过去一年，编印2022大事记。", "four digits"),
])
def test_n_da_that_counts_nothing_is_left_out_with_the_reason(text: str, reason: str) -> None:
    assert extract_mentions(text, 2023).empty
    reasons = " ".join(skipped_numbers(text, 2023)["reason"])
    assert reason in reasons and "edition" not in reasons


def test_traditional_characters_match_on_a_simplified_view() -> None:
    text = "主要預期目標是：國內生產總值增長5%左右，一般公共預算收入突破30億元。"
    facts = extract_mentions(text, 2023)
    assert facts["indicator"].tolist() == ["gdp", "general_budget_revenue"]
    assert facts["unit"].tolist() == ["%", "亿元"]
    assert text[facts["start"][0]:facts["end"][0]] == "5"
    assert facts["quote"][0] == text[facts["quote_start"][0]:facts["quote_start"][0] + len(facts["quote"][0])]


def test_caption_between_sentence_halves_is_skipped() -> None:
    text = "1249个事项实现全程网办，37个高频\n\n会议现场。\n\n服务事项一次办。"
    facts = extract_mentions(text, 2023)
    assert facts["value"].tolist() == [1249, 37]
    assert "服务事项" in facts["subject"][1]


def test_share_and_percentage_point_change() -> None:
    facts = extract_mentions("民生支出26.6亿元，占一般公共预算支出的75.3%。高新技术企业产值占比提高2个百分点。", 2023)
    assert facts["measure"].tolist() == ["level", "share", "change_pp"]
    assert facts["indicator"].tolist()[:2] == ["livelihood_spending", "livelihood_spending"]
    assert _one("主要预期目标是：高新技术产业产值占比下降0.5个百分点。")["value"] == -0.5


def test_estimated_figures() -> None:
    facts = extract_mentions("预计全年生产总值增长5%。生产总值达到300亿元。", 2023)
    assert facts["estimated"].tolist() == [True, False]


def test_empty_and_numberless_text() -> None:
    assert extract_mentions("", 2023).empty
    assert extract_mentions("没有数字的句子。", 2023).empty
    assert math.isnan(extract_mentions("主要预期目标是：增长5%。", 2023)["value_high"][0])


def test_fenbie_verb_governs_every_value_and_a_second_fenbie_reuses_the_list() -> None:
    facts = extract_mentions("一般公共预算收入、固定资产投资分别增长6.5%、16%。", 2024)
    assert list(zip(facts["indicator"], facts["measure"], facts["value"])) == [
        ("general_budget_revenue", "growth", 6.5), ("fixed_asset_investment", "growth", 16)]
    facts = extract_mentions("城镇、农村居民人均可支配收入分别达到45000元和21000元，分别增长5%和6.5%。", 2024)
    urban, rural = "urban_disposable_income_per_capita", "rural_disposable_income_per_capita"
    assert list(zip(facts["indicator"], facts["measure"], facts["value"])) == [
        (urban, "level", 45000), (rural, "level", 21000), (urban, "growth", 5), (rural, "growth", 6.5)]


def test_years_in_chinese_numerals_set_the_period() -> None:
    fact = _one("二〇二三年生产总值增长5%。", 2025)
    assert (fact["period"], fact["kind"], fact["subject"]) == (2023, "actual", "生产总值")


def test_long_digit_runs_are_codes_not_quantities() -> None:
    assert extract_mentions("项目编号" + "1234567890" * 3 + "个。", 2023).empty
    assert _one("签约项目123456789012个。")["value"] == 123456789012  # twelve digits still read


def test_extraction_uses_the_catalog_it_is_given() -> None:
    from analysis.extract.catalog import load_catalog

    catalog = load_catalog()
    forest = catalog.loc[["gdp"]].assign(id="forest_cover", name_zh="森林覆盖率", aliases=[["森林覆盖率"]],
                                         unit="%").set_index("id", drop=False)
    fact = _one("森林覆盖率达到52.3%。", 2023)
    assert pd.isna(fact["indicator"])
    assert extract_mentions("森林覆盖率达到52.3%。", 2023, catalog=forest)["indicator"].tolist() == ["forest_cover"]


def test_a_pair_shares_the_head_noun_not_the_tail_of_the_last_item() -> None:
    # 基础设施、制造业投资: 基础设施投资 and 制造业投资 (the old reading cut 基础设施资); a long second item keeps
    # its own noun (就业 takes nothing from 创业担保贷款)
    facts = extract_mentions("全年基础设施、制造业投资分别增长9.4%、9.1%。", 2023)
    assert list(zip(facts["subject"], facts["value"])) == [("基础设施投资", 9.4), ("制造业投资", 9.1)]
    from analysis.extract.subjects import complete_pair
    pair = ["城镇新增就业", "新增发放创业担保贷款"]
    assert complete_pair(pair, 0) == "城镇新增就业"
    # where the first item's length cuts the last inside a word, the items share from the first word they
    # share: 基础设施、房地产开发投资 (not 基础设施发投资), 基建、制造业投资, 原煤、天然气产量, 制造业、小微贷款余额;
    # where it cuts at one, everything after it (城镇、农村常住居民人均可支配收入)
    assert [complete_pair(p, 0) for p in (["基础设施", "房地产开发投资"], ["基建", "制造业投资"], ["原煤", "天然气产量"],
                                          ["制造业", "小微贷款余额"], ["城镇", "农村常住居民人均可支配收入"])] == [
        "基础设施投资", "基建投资", "原煤产量", "制造业贷款余额", "城镇常住居民人均可支配收入"]


# Whole reports of cities, counties and districts outside ../shared (read by eye, texts not kept here) wrote
# these forms; the sentences below are written in the genre's style, with invented figures.

def test_an_aside_before_the_number_glosses_the_subject() -> None:
    facts = extract_mentions("二、2024年工作安排\n主要预期目标是：地区生产总值（GDP）增长6%左右，居民消费价格（CPI）涨幅"
                             "3%左右，城镇调查失业率（年均）5.5%以内，规模以上工业增加值（以下简称规上工业增加值）增长7%。", 2024)
    assert list(zip(facts["indicator"], facts["kind"], facts["value"], facts["qualifier"].fillna("none"))) == [
        ("gdp", "target", 6, "about"), ("cpi", "target", 3, "about"),
        ("surveyed_unemployment_rate", "target", 5.5, "at_most"), ("industrial_value_added", "target", 7, "none")]
    fact = _one("一、2023年工作回顾\n全年地区生产总值同比（下同）增长5.2%。", 2024)
    assert (fact["indicator"], fact["kind"], fact["period"], fact["value"]) == ("gdp", "actual", 2023, 5.2)


def test_a_share_of_the_plan_is_a_completion_rate_of_the_subject_before_it() -> None:
    facts = extract_mentions("一、2023年工作回顾\n预计实现地区生产总值120亿元，占计划的101%，同比增长4%；"
                             "固定资产投资45亿元，占年计划的98.5%，同比下降3%。", 2024)
    assert list(zip(facts["indicator"], facts["measure"], facts["horizon"], facts["value"])) == [
        ("gdp", "level", "annual", 120), ("gdp", "share", "ratio_to_plan", 101), ("gdp", "growth", "annual", 4),
        ("fixed_asset_investment", "level", "annual", 45), ("fixed_asset_investment", "share", "ratio_to_plan", 98.5),
        ("fixed_asset_investment", "growth", "annual", -3)]
    assert set(facts["kind"]) == {"actual"} and set(facts["period"]) == {2023}


def test_a_lone_zero_begins_a_word_and_counts_nothing() -> None:
    text = "二、2024年工作安排\n做强汽车零部件产业，新引进零件配套企业5家。"
    assert extract_mentions(text, 2024)["value"].tolist() == [5]
    assert skipped_numbers(text, 2024)["reason"].str.contains("a lone 零").sum() == 2


@pytest.mark.parametrize(("text", "indicator", "qualifier"), [
    ("力争固定资产投资增幅10%以上。", "fixed_asset_investment", "at_least"),        # 增幅 before the number
    ("力争规上工业增加值增速8%左右。", "industrial_value_added", "about"),
    ("一般公共财政预算收入增长5.5%。", "general_budget_revenue", None),             # the name of 2011–2014 blended in
])
def test_growth_words_after_the_subject_and_the_older_name_of_revenue(text: str, indicator: str,
                                                                      qualifier: str | None) -> None:
    fact = _one("二、2024年工作安排\n主要预期目标是：" + text, 2024)
    assert (fact["indicator"], fact["measure"], fact["kind"]) == (indicator, "growth", "target")
    assert (None if pd.isna(fact["qualifier"]) else fact["qualifier"]) == qualifier


def test_a_threshold_before_the_things_it_sorts_is_no_figure() -> None:
    # 投资2000万元以上的技改项目: the projects counted are the figure, the 2000万元 only sorts them; a level held
    # (稳定在1100万吨以上的水平) is still a figure
    facts = extract_mentions("实施投资2000万元以上的技改项目100个，粮食产量稳定在1100万吨以上的水平。", 2024)
    assert list(zip(facts["value"], facts["unit"])) == [(100.0, "个"), (1100.0, "万吨")]
