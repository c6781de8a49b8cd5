"""Tests for analysis/analyses/targets.py; expected values are worked out from the source numbers here."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import pytest

from conftest import bare_report, report_of

from analysis.extract.catalog import load_catalog
from analysis.analyses.attainment import assess_attainment, attained, attainment_rules, trajectory
from analysis.analyses.consistency import growth_consistency
from analysis.analyses.escalation import escalation
from analysis.analyses.targets import (QUALIFIER_RULES, gap_pp, implied_growth, pair_targets, propagate_qualifier,
                                       parent_of, ranked_steps, target_conflicts, wording_note)
from analysis.present.findings import change_text
from analysis.present.targets_page import attainment_section, paired_targets

SZ = "枣庄市市中区"
DEFAULTS = dict(doc="shizhong-2023", region=SZ, region_en="Shizhong", level="district", report_year=2023,
                source="extracted", subject="", kind="actual", period=2022, measure="growth", value_high=pd.NA,
                unit="%", qualifier=pd.NA, estimated=False, start=pd.NA, end=pd.NA, quote=pd.NA,
                source_url=pd.NA, source_note=pd.NA)
LATER = dict(doc="shizhong-2024-ref", report_year=2024, period=2023, source="hand_entered", estimated=True)
TARGET = dict(kind="target", period=2023)


@pytest.fixture
def table(make_table) -> Callable[..., pd.DataFrame]:
    """Indicator-table rows over this module's DEFAULTS (see tests/conftest.py)."""
    return partial(make_table, DEFAULTS)


@pytest.fixture
def shizhong(table) -> pd.DataFrame:
    """The Shizhong 2023 report (prior actuals and 2023 targets), 2023 outcomes, and higher-level targets."""
    return table(
        {"indicator": "gdp", "value": "4.7"},
        {"indicator": "gdp", "value": "6", "qualifier": "about", **TARGET},
        {"indicator": "gdp", "value": "6.5", **LATER},
        {"indicator": "fixed_asset_investment", "value": "16"},
        {"indicator": "fixed_asset_investment", "value": "12", "qualifier": "about", **TARGET},
        {"indicator": "fixed_asset_investment", "value": "7.2", **LATER},
        {"indicator": "general_budget_revenue", "value": "6.5"},
        {"indicator": "general_budget_revenue", "value": "6.5", "qualifier": "at_least", **TARGET},
        {"indicator": "general_budget_revenue", "value": "6.5", **LATER},
        {"indicator": "trade_total", "measure": "level", "unit": "亿元", "value": "61.5"},
        {"indicator": "trade_total", "measure": "level", "unit": "亿元", "value": "70", "qualifier": "at_least",
         **TARGET},
        {"indicator": "trade_total", "measure": "level", "unit": "亿元", "value": "75", **LATER},
        {"indicator": "trade_total", "value": "29.6", **LATER},
        {"indicator": "fdi_utilized", "measure": "level", "unit": "万美元", "value": "6510"},
        {"indicator": "fdi_utilized", "measure": "level", "unit": "万美元", "value": "8000", "qualifier": "at_least",
         **TARGET},
        {"indicator": "fdi_utilized", "measure": "level", "unit": "万美元", "value": "6782", **LATER},
        {"indicator": "fdi_utilized", "value": "4.2", **LATER},
        {"indicator": "high_tech_enterprises", "measure": "level", "unit": "家", "value": "67"},
        {"indicator": "high_tech_enterprises", "measure": "level", "unit": "家", "value": "80", **TARGET},
        {"indicator": "modern_industry_revenue", "measure": "level", "unit": "亿元", "value": "500",
         "qualifier": "at_least"},
        {"indicator": "modern_industry_revenue", "measure": "level", "unit": "亿元", "value": "550",
         "qualifier": "at_least", **TARGET},
        {"indicator": "tech_smes", "measure": "level", "unit": "家", "value": "130", **TARGET},
        {"indicator": pd.NA, "subject": "省市级创新平台", "measure": "level", "unit": "家", "value": "15",
         "qualifier": "at_least", **TARGET},
        {"indicator": "gdp", "measure": "level", "unit": "亿元", "value": "311.7"},
        {"indicator": "gdp", "measure": "level", "unit": "亿元", "value": "331", **LATER},
        {"indicator": "gdp", "value": "5", "qualifier": "at_least", "region": "山东省", "level": "province",
         "doc": "shandong-2023-ref", "source": "hand_entered", **TARGET},
        {"indicator": "gdp", "value": "5", "qualifier": "about", "region": "全国", "level": "nation",
         "doc": "china-2023-ref", "source": "hand_entered", **TARGET},
        {"indicator": "cpi", "value": "3", "qualifier": "about", "region": "全国", "level": "nation", **TARGET},
    )


def by_indicator(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("indicator")


# --- the qualifier rule -------------------------------------------------------------------------------

@pytest.mark.parametrize("target_q, prior_q, expected", [
    (None, None, None), ("at_least", None, "at_least"), ("at_most", None, "at_most"), ("about", None, "about"),
    ("range", None, "range"), ("at_least", "at_least", "at_most"), (None, "at_least", "at_most"),
    (None, "at_most", "at_least"), ("at_most", "at_most", "undetermined"), ("at_least", "about", "about"),
    ("range", "at_least", "undetermined"), ("something", None, "undetermined"),
])
def test_propagate_qualifier(target_q, prior_q, expected):
    assert propagate_qualifier(target_q, prior_q) == expected


def test_qualifier_rules_cover_every_pair():
    qualifiers = [None, "about", "at_least", "at_most", "range"]
    assert {(t, p) for t in qualifiers for p in qualifiers if p != "range"} <= set(QUALIFIER_RULES)


def test_propagate_qualifier_treats_missing_as_exact():
    assert propagate_qualifier("at_least", pd.NA) == "at_least"
    assert propagate_qualifier(float("nan"), "") is None


# --- arithmetic ----------------------------------------------------------------------------------------

def test_implied_growth_trade_with_rounding_bounds():
    value, low, high = implied_growth(70, 61.5, 1)
    assert value == pytest.approx((70 / 61.5 - 1) * 100)
    assert low == pytest.approx((70 / 61.55 - 1) * 100)
    assert high == pytest.approx((70 / 61.45 - 1) * 100)


def test_gap_pp_bounds():
    value, low, high = gap_pp(6, 4.7, 1)
    assert (value, low, high) == pytest.approx((6 - 4.7, 6 - 4.75, 6 - 4.65))


# --- pairing targets with the prior year ---------------------------------------------------------------

def test_pair_targets_growth_gaps(shizhong):
    pairs = by_indicator(pair_targets(report_of(shizhong, SZ, 2023)))
    assert pairs.at["gdp", "comparison"] == "gap_pp"
    assert pairs.at["gdp", "change"] == pytest.approx(6 - 4.7)
    assert pairs.at["gdp", "change_qualifier"] == "about"
    assert pairs.at["fixed_asset_investment", "change"] == pytest.approx(12 - 16)
    assert pairs.at["general_budget_revenue", "change"] == pytest.approx(0)
    assert pairs.at["general_budget_revenue", "change_qualifier"] == "at_least"


def test_pair_targets_level_targets_imply_growth(shizhong):
    pairs = by_indicator(pair_targets(report_of(shizhong, SZ, 2023)))
    assert pairs.at["trade_total", "change"] == pytest.approx((70 / 61.5 - 1) * 100)
    assert pairs.at["trade_total", "change_qualifier"] == "at_least"
    assert pairs.at["fdi_utilized", "change"] == pytest.approx((8000 / 6510 - 1) * 100)
    assert pairs.at["high_tech_enterprises", "change"] == pytest.approx((80 / 67 - 1) * 100)
    assert pd.isna(pairs.at["high_tech_enterprises", "change_qualifier"])  # exact
    # 67家 is a count, exact: no rounding interval, so the implied growth has none either.
    assert pairs.at["high_tech_enterprises", "change_min"] == pytest.approx((80 / 67 - 1) * 100)
    assert pairs.at["high_tech_enterprises", "change_max"] == pytest.approx((80 / 67 - 1) * 100)


def test_floor_prior_and_floor_target_imply_at_most(shizhong):
    pairs = by_indicator(pair_targets(report_of(shizhong, SZ, 2023)))
    assert pairs.at["modern_industry_revenue", "change"] == pytest.approx((550 / 500 - 1) * 100)
    assert pairs.at["modern_industry_revenue", "change_qualifier"] == "at_most"


def test_unpaired_targets_are_listed_with_a_reason(shizhong):
    pairs = pair_targets(report_of(shizhong, SZ, 2023))
    unpaired = pairs[~pairs["paired"]]
    assert sorted(unpaired["subject"].tolist()) == ["", "省市级创新平台"]
    assert unpaired["reason"].str.len().gt(0).all()
    assert "catalog" in unpaired.loc[unpaired["subject"] == "省市级创新平台", "reason"].iloc[0]
    district_targets = shizhong[(shizhong["region"] == SZ) & (shizhong["kind"] == "target")]
    assert len(pairs) == len(district_targets)  # none dropped


def test_pair_targets_prefers_the_report_the_target_is_in(table, shizhong):
    revised = pd.concat([shizhong, table({"indicator": "trade_total", "measure": "level", "unit": "亿元",
                                          "value": "57.9", "doc": "revised", "report_year": 2024})])
    pairs = by_indicator(pair_targets(report_of(revised, SZ, 2023)))
    assert pairs.at["trade_total", "prior"] == 61.5


# --- escalation ----------------------------------------------------------------------------------------

def test_escalation_district_minus_higher_levels(shizhong):
    result = escalation(report_of(shizhong, SZ, 2023))
    gdp = result[result["indicator"] == "gdp"].set_index("level")
    assert list(gdp.index) == ["nation", "province", "district"]
    # ≈6% accepts 5.5% and up, ≥5% accepts 5%: compared as intervals, +0.5 pp (not 6 − 5)
    assert gdp.at["province", "excess_pp"] == pytest.approx(5.5 - 5)
    assert gdp.at["province", "promise"] == "about vs at_least"
    assert gdp.at["province", "qualifier"] == "at_least"
    assert gdp.at["nation", "qualifier"] == "about"
    assert gdp.at["district", "excess_pp"] == 0
    assert set(result["indicator"]) == {"gdp"}  # CPI has no district target; levels are not compared


def test_escalation_empty_when_no_higher_level(shizhong):
    alone = shizhong[shizhong["region"] == SZ]
    assert escalation(report_of(alone, SZ, 2023)).empty


# --- attainment ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("outcome, target, qualifier, expected", [
    (5.5, 6, "about", "met"), (5.4, 6, "about", "missed"), (6.5, 6.5, "at_least", "met"),
    (6.4, 6.5, "at_least", "missed"), (5.5, 5.5, "at_most", "met"), (5.6, 5.5, "at_most", "missed"),
    (10, 10, None, "met"), (9.9, 10, None, "missed"),
])
def test_attained_rules(outcome, target, qualifier, expected):
    assert attained(outcome, target, qualifier) == expected


def test_attained_about_tolerance_is_a_parameter():
    assert attained(5.2, 6, "about", about_tolerance_pp=1.0) == "met"
    assert attained(5.9, 6, "about", about_tolerance_pp=0.0) == "missed"


def test_attained_range_and_ceiling_and_relative():
    assert attained(5.5, 5, "range", 6) == "met"
    assert attained(6.1, 5, "range", 6) == "missed"
    assert attained(3.4, 3, "about", ceiling=True) == "met"
    assert attained(3.6, 3, "about", ceiling=True) == "missed"
    assert attained(3.1, 3, None, ceiling=True) == "missed"
    assert attained(7960, 8000, "about", relative=True) == "met"  # 8000 - 0.5% of 8000 = 7960
    with pytest.raises(ValueError):
        attained(1, 1, "roughly")


def test_assess_attainment(shizhong):
    result = by_indicator(assess_attainment(report_of(shizhong, SZ, 2023)).dropna(subset=["indicator"]))
    assert result.at["gdp", "status"] == "met"  # 6.5 ≥ 6 − 0.5
    assert result.at["fixed_asset_investment", "status"] == "missed"  # 7.2 < 12 − 0.5
    assert result.at["general_budget_revenue", "status"] == "met"
    assert result.at["general_budget_revenue", "borderline"]  # 6.5 stands for [6.45, 6.55)
    assert result.at["trade_total", "status"] == "met"
    assert result.at["fdi_utilized", "status"] == "missed"
    assert result.at["high_tech_enterprises", "status"] == "not comparable"
    assert result.at["gdp", "preliminary"]


# --- reported vs level-implied growth ------------------------------------------------------------------

def test_growth_consistency_flags_trade_base_revision(shizhong):
    result = by_indicator(growth_consistency(report_of(shizhong, SZ, 2023, load_catalog())))
    trade = result.loc["trade_total"]
    assert trade["implied_growth"] == pytest.approx((75 / 61.5 - 1) * 100)
    assert trade["implied_min"] == pytest.approx((74.5 / 61.55 - 1) * 100)
    assert not trade["consistent"]
    assert trade["implied_prior_level"] == pytest.approx(75 / 1.296)
    assert "revised" in trade["note"]
    fdi = result.loc["fdi_utilized"]
    assert fdi["implied_growth"] == pytest.approx((6782 / 6510 - 1) * 100)
    assert fdi["consistent"]  # 4.18% lies within 4.2's [4.15, 4.25)


def test_growth_consistency_says_real_vs_nominal(shizhong):
    gdp = by_indicator(growth_consistency(report_of(shizhong, SZ, 2023, load_catalog()))).loc["gdp"]
    assert gdp["growth_basis"] == "real"
    assert "nominal" in gdp["note"] and "real" in gdp["note"]
    assert gdp["implied_growth"] == pytest.approx((331 / 311.7 - 1) * 100)


# --- chart data and rule tables ------------------------------------------------------------------------

def test_trajectory_indexes_levels_to_prior_year(shizhong):
    pairs = pair_targets(report_of(shizhong, SZ, 2023))
    long = trajectory(pairs, assess_attainment(report_of(shizhong, SZ, 2023))).set_index(["indicator", "stage"])
    assert long.at[("trade_total", "prior"), "value"] == 100
    assert long.at[("trade_total", "target"), "value"] == pytest.approx(70 / 61.5 * 100)
    assert long.at[("trade_total", "outcome"), "value"] == pytest.approx(75 / 61.5 * 100)
    assert long.at[("trade_total", "target"), "qualifier"] == "at_least"
    assert long.at[("gdp", "outcome"), "value"] == 6.5
    assert long.at[("gdp", "prior"), "panel"] == "growth, %"
    assert ("high_tech_enterprises", "outcome") not in long.index  # no 2023 outcome


def test_attainment_rules_show_the_tolerance():
    rules = attainment_rules(0.8)
    assert rules["rule"].str.contains("0.8 pp").any()
    assert len(rules) == 8 and {"CPI", "not judged"} <= set(rules["qualifier"])


def test_empty_inputs_give_empty_typed_results(shizhong):
    actuals = shizhong[shizhong["kind"] == "actual"]
    pairs = pair_targets(bare_report(actuals, SZ, 2023))
    assert pairs.empty and pairs["paired"].dtype == bool
    assert pairs[pairs["paired"]].empty
    assert escalation(bare_report(actuals, SZ, 2023)).empty
    assert assess_attainment(bare_report(actuals, SZ, 2023)).empty
    assert trajectory(pairs, assess_attainment(bare_report(actuals, SZ, 2023))).empty
    assert growth_consistency(bare_report(actuals, "nowhere", 2023)).empty


# --- conflicting sources: one value per figure, marked ---------------------------------------------------

def test_conflicting_outcome_uses_one_value_and_is_marked(table, shizhong):
    # An extracted 2024 report says 2023 GDP grew 5.9%; the hand-entered reference says 6.5%. Both are
    # from the 2024 report, so the rule takes the extracted text: 5.9 ≥ 6 − 0.5, met.
    data = pd.concat([shizhong, table({"indicator": "gdp", "value": "5.9", **LATER, "doc": "sz-2024",
                                       "source": "extracted"})], ignore_index=True)
    result = by_indicator(assess_attainment(report_of(data, SZ, 2023)).dropna(subset=["indicator"]))
    assert result.at["gdp", "outcome"] == 5.9 and result.at["gdp", "outcome_doc"] == "sz-2024"
    assert result.at["gdp", "conflict"] and "conflict_note" not in result
    assert not result.at["fixed_asset_investment", "conflict"]
    assert len(assess_attainment(report_of(data, SZ, 2023))) == len(assess_attainment(report_of(shizhong, SZ, 2023)))
    shown = target_conflicts(report_of(data, SZ, 2023))
    assert shown[["indicator", "kind", "period", "measure", "used_doc", "used_value", "other_doc", "other_value",
                  "not_chosen"]].to_dict("records") == [{
        "indicator": "gdp", "kind": "actual", "period": 2023, "measure": "growth", "used_doc": "sz-2024",
        "used_value": 5.9, "other_doc": "shizhong-2024-ref", "other_value": 6.5, "not_chosen": "extracted_first"}]
    assert target_conflicts(report_of(shizhong, SZ, 2023)).empty


def test_conflicting_prior_is_named_in_the_pair(table, shizhong):
    # A hand-entered row in the 2023 report says 2022 GDP grew 4.9%: the extracted 4.7 is used.
    data = pd.concat([shizhong, table({"indicator": "gdp", "value": "4.9", "doc": "ref",
                                       "source": "hand_entered"})], ignore_index=True)
    pairs = by_indicator(pair_targets(report_of(data, SZ, 2023)))
    assert pairs.at["gdp", "prior"] == 4.7 and pairs.at["gdp", "change"] == pytest.approx(6 - 4.7)
    assert pairs.at["gdp", "conflict"] and "conflict_note" not in pairs
    shown = target_conflicts(report_of(data, SZ, 2023))
    assert shown[["kind", "period", "used_value", "other_doc", "other_value"]].to_dict("records") == [
        {"kind": "actual", "period": 2022, "used_value": 4.7, "other_doc": "ref", "other_value": 4.9}]


def test_the_target_page_names_the_other_source_of_each_figure_a_row_uses(table, shizhong):
    # The 2022 GDP growth (the prior) has a second, hand-entered source, 4.9%; the 2023 outcome one too (5.9
    # extracted from a 2024 text is used over the reference's 6.5). Each table row names its own figures'.
    data = pd.concat([shizhong, table({"indicator": "gdp", "value": "4.9", "doc": "ref", "source": "hand_entered"},
                                      {"indicator": "gdp", "value": "5.9", **LATER, "doc": "sz-2024",
                                       "source": "extracted"})], ignore_index=True)
    report = report_of(data, SZ, 2023)
    paired = paired_targets(report, {"pairs": pair_targets(report)}).data.set_index("Indicator")
    assert paired.at["Gross domestic product", "Conflicting sources"] == (
        "prior: other source: 4.9 % in ref (hand-entered, 2023 report)")
    assert paired.at["Fixed-asset investment", "Conflicting sources"] == ""
    judged = attainment_section(report, {"attainment": assess_attainment(report)}, 0.5)[1].data.set_index("Indicator")
    assert judged.at["Gross domestic product", "Note"] == (
        "outcome: other source: 6.5 % in shizhong-2024-ref (hand-entered, 2024 report)")
    assert len(pair_targets(report_of(data, SZ, 2023))) == len(pair_targets(report_of(shizhong, SZ, 2023)))


def test_counts_are_exact_in_implied_growth_and_attainment():
    # 67家 is exact, 311.7亿元 is [311.65, 311.75).
    assert implied_growth(80, 67, 0, "家") == pytest.approx((100 * (80 / 67 - 1),) * 3)
    assert implied_growth(330, 311.7, 1, "亿元")[1] == pytest.approx(100 * (330 / 311.75 - 1))
    assert gap_pp(6, 4.7, 1, "%") == pytest.approx((6 - 4.7, 6 - 4.75, 6 - 4.65))


# --- issue 12: a threshold prior, different measures ---------------------------------------------------

def test_a_threshold_prior_is_not_a_rounded_number():
    # 突破500亿元 says "over 500": any prior in [500, inf). 550/500 − 1 = +10% is the most growth
    # that could be needed; the least is none at all (−100% as the prior grows without bound).
    value, low, high = implied_growth(550, 500, 0, "亿元", "at_least")
    assert value == pytest.approx(10.0)
    assert high == pytest.approx(10.0)  # not 550/499.5 − 1 = +10.11%
    assert low == pytest.approx(-100.0)  # not 550/500.5 − 1 = +9.89%
    assert gap_pp(6, 5, 0, "%", "at_least") == pytest.approx((1.0, -float("inf"), 1.0))


def test_the_6_3_revenue_pair_has_no_false_bracket_and_names_both_measures(table):
    rows = table(
        {"indicator": "modern_industry_revenue", "subject": "“6+3”现代产业企业主营业务收入", "measure": "level",
         "unit": "亿元", "value": "500", "qualifier": "at_least"},
        {"indicator": "modern_industry_revenue", "subject": "“6+3”现代产业企业营业收入", "measure": "level",
         "unit": "亿元", "value": "550", "qualifier": "at_least", **TARGET})
    pair = pair_targets(report_of(rows, SZ, 2023)).iloc[0]
    assert (pair["change_min"], pair["change_max"]) == pytest.approx((-100.0, 10.0))
    text = change_text(pair)
    assert text.startswith("≤+10.0%") and "no lower bound" in text and "9.89" not in text
    assert "主营业务收入 in 2022" in pair["note"] and "营业收入 in 2023" in pair["note"]


def test_wording_note_only_for_different_measures():
    assert wording_note("地方生产总值", "生产总值", 2022, 2023) is None
    assert wording_note("高新技术企业企业", "高新技术企业", 2022, 2023) is None
    assert "主营业务收入 in 2022" in wording_note("企业主营业务收入", "企业营业收入", 2022, 2023)


def test_level_targets_get_a_step_over_prior_growth(table):
    rows = table(
        {"indicator": "fdi_utilized", "measure": "level", "unit": "万美元", "value": "6510"},
        {"indicator": "fdi_utilized", "value": "7.8"},
        {"indicator": "fdi_utilized", "measure": "level", "unit": "万美元", "value": "8000", "qualifier": "at_least",
         **TARGET},
        {"indicator": "industrial_value_added", "value": "8.6"},
        {"indicator": "industrial_value_added", "value": "10", **TARGET})
    pairs = by_indicator(pair_targets(report_of(rows, SZ, 2023)))
    # 8000 / 6510 − 1 = 22.888%; minus 7.8 = 15.088 pp; bounds from 6510's rounding (±0.5) and 7.8's (±0.05)
    assert pairs.at["fdi_utilized", "step"] == pytest.approx(8000 / 6510 * 100 - 100 - 7.8)
    assert pairs.at["fdi_utilized", "step_min"] == pytest.approx(8000 / 6510.5 * 100 - 100 - 7.85)
    assert pairs.at["industrial_value_added", "step"] == pytest.approx(1.4)
    top = ranked_steps(pair_targets(report_of(rows, SZ, 2023))).iloc[0]
    assert top["indicator"] == "fdi_utilized"


def test_multi_year_figures_are_kept_apart_from_the_years_targets():
    # Written for this test: a project list (its total investment is spent over several years, the year's
    # planned investment and the 74 projects of the list are this year's) and a 3-year goal.
    from analysis.extract.facts import extract_mentions
    text = ("第二部分:2023年政府工作安排。加快总投资398.6亿元、年度计划投资109亿元的74个实施类重点项目建设。"
            "推进鲁南大健康产业园等6个“区中园”建设,力争3年内2个迈入百亿元行列。年内新招引医疗器械和兽药制品企业10家以上。")
    facts = extract_mentions(text, 2023).assign(doc="sz", region=SZ, region_en="Shizhong", level="district",
                                                 report_year=2023, source="extracted", source_url=pd.NA)
    pairs = pair_targets(report_of(facts, SZ, 2023)).set_index("target")
    assert pairs["horizon"].to_dict() == {398.6: "multi_year", 2.0: "multi_year", 109.0: "annual", 74.0: "annual",
                                          6.0: "annual", 10.0: "annual"}
    assert not pairs.loc[398.6, "paired"] and "a total over several years" in pairs.loc[398.6, "reason"]
    assert "a goal for 2025" in pairs.loc[2.0, "reason"]


def test_growth_consistency_names_possible_causes_and_claims_none(shizhong):
    trade = by_indicator(growth_consistency(report_of(shizhong, SZ, 2023))).loc["trade_total"]
    # 75 / 1.296 = 57.87 亿元; 75 is rounded to units: interval [74.5 / 1.2965, 75.5 / 1.2955], in 亿元 as written
    assert trade["implied_prior_level"] == pytest.approx(75 / 1.296)
    assert (trade["implied_prior_min"], trade["implied_prior_max"]) == pytest.approx((74.5 / 1.2965, 75.5 / 1.2955))
    note = trade["note"]
    assert "revised" in note and "coverage" in note and "preliminary" in note
    assert "cannot tell" in note and "points to" not in note and "likely" not in note


def test_a_count_under_a_threshold_label_pairs_with_its_prior(table):
    # 过10亿元项目 ≥11 in 2023 against 16 in 2022: 11/16 − 1 = −31.25%; 招引过100亿元项目 ≥2 against 2: 0%.
    count = dict(indicator=pd.NA, measure="level", unit="个")
    rows = table({**count, "subject": "过10亿元项目", "value": "16"},
                 {**count, "subject": "过100亿元项目", "value": "2"},
                 {**count, "subject": "过10亿元项目", "value": "11", "qualifier": "at_least", **TARGET},
                 {**count, "subject": "招引过100亿元项目", "value": "2", "qualifier": "at_least", **TARGET},
                 {**count, "subject": "过50亿元项目", "value": "3", "qualifier": "at_least", **TARGET})
    pairs = pair_targets(report_of(rows, SZ, 2023)).set_index("subject")
    assert pairs.loc["过10亿元项目", "paired"] and pairs.loc["过10亿元项目", "prior"] == 16
    assert pairs.loc["过10亿元项目", "change"] == pytest.approx(-31.25)
    assert pairs.loc["招引过100亿元项目", "change"] == pytest.approx(0.0)
    assert not pairs.loc["过50亿元项目", "paired"]  # no 过50亿元 count the year before


def _span(sentence: str, figure: str, after: int = 0) -> dict:
    """The span columns of `figure`, found in `sentence` from `after` on, as the extractor records them."""
    start = sentence.index(figure, after)
    return {"quote": sentence, "quote_start": 0, "start": start, "end": start + len(figure)}


COUNT = {"indicator": pd.NA, "measure": "level", "unit": "个"}  # an uncatalogued count of projects
SIGNED_2022 = "全年签约项目40个,其中过10亿元项目9个。"


def _signed_with(table, target: dict) -> pd.DataFrame:
    """SIGNED_2022's two counts (40 signed, of which 9 over 10亿元) and one 2023 `target` count."""
    return table({**COUNT, "subject": "签约项目", "value": "40", **_span(SIGNED_2022, "40")},
                 {**COUNT, "subject": "过10亿元项目", "value": "9",
                  **_span(SIGNED_2022, "9", SIGNED_2022.index("其中"))},
                 {**COUNT, **target, **TARGET})


def test_a_count_among_signed_projects_is_noted_against_a_target_of_attracted_ones(table):
    # Written in the genre's style: the 2022 counts sit under 签约 (其中 …), the 2023 target says 招引.
    plan = "力争招引过10亿元项目6个以上。"
    rows = _signed_with(table, {"subject": "招引过10亿元项目", "value": "6", "qualifier": "at_least", "doc": "plan",
                                **_span(plan, "6")})
    pair = pair_targets(report_of(rows, SZ, 2023)).set_index("subject").loc["招引过10亿元项目"]
    assert pair["paired"] and pair["prior"] == 9
    assert pair["change"] == pytest.approx(100 * (6 / 9 - 1))
    assert pair["note"] == ("the 2022 figure counts 过10亿元项目 among 签约项目 (其中); the 2023 target's "
                            "sentence does not name 签约项目, so the two may count different things")


def test_no_part_of_note_when_the_target_names_the_same_whole(table):
    plan = "力争签约项目50个,其中过10亿元项目12个以上。"
    rows = _signed_with(table, {"subject": "过10亿元项目", "value": "12", "qualifier": "at_least", "doc": "plan",
                                **_span(plan, "12")})
    pair = pair_targets(report_of(rows, SZ, 2023)).set_index("subject").loc["过10亿元项目"]
    assert pair["paired"] and pair["prior"] == 9 and pd.isna(pair["note"])


def test_a_parent_in_another_unit_is_not_a_whole_the_count_is_part_of(table):
    # 50亿元 of investment is not a count of projects: no "among 投资" note.
    review = "完成投资50亿元,其中过10亿元项目3个。"
    rows = table({"indicator": pd.NA, "measure": "level", "subject": "投资", "value": "50", "unit": "亿元",
                  **_span(review, "50")},
                 {"indicator": pd.NA, "measure": "level", "subject": "过10亿元项目", "value": "3", "unit": "个",
                  **_span(review, "3个")})
    assert parent_of(rows.iloc[1], rows) is None


def test_a_clause_after_the_list_that_qi_zhong_heads_is_not_part_of_its_whole(table):
    # 其中 covers "过10亿元项目16个"; 开工项目50个 after the semicolon is a count of its own.
    review = "签约项目93个,其中过10亿元项目16个;开工项目50个。"
    rows = table({**COUNT, "subject": "签约项目", "value": "93", **_span(review, "93")},
                 {**COUNT, "subject": "过10亿元项目", "value": "16", **_span(review, "16")},
                 {**COUNT, "subject": "开工项目", "value": "50", **_span(review, "50")})
    assert parent_of(rows.iloc[1], rows)["subject"] == "签约项目"
    assert parent_of(rows.iloc[2], rows) is None


def test_a_target_without_a_quote_is_paired_without_a_part_of_note(table):
    # A hand-entered target has no sentence (quote NA): the note falls back to its subject, and no crash.
    rows = _signed_with(table, {"subject": "招引过10亿元项目", "value": "6", "qualifier": "at_least", "doc": "ref",
                                "source": "hand_entered"})
    assert rows["quote"].isna().iloc[-1]
    pair = pair_targets(report_of(rows, SZ, 2023)).set_index("subject").loc["招引过10亿元项目"]
    assert pair["prior"] == 9 and "among 签约项目 (其中)" in pair["note"]


def test_the_target_page_names_gdp_as_the_report_s_level_writes_it() -> None:
    # The State Council writes 国内生产总值, a province or district 地区生产总值: a national page 03 must not
    # say 地区生产总值
    from types import SimpleNamespace
    from analysis.present import targets_page
    from analysis.present.labels import indicator_label
    catalog = load_catalog()
    nation, district = (SimpleNamespace(catalog=catalog, level=level) for level in ("nation", "district"))
    assert targets_page._chinese(nation, "gdp") == "国内生产总值"
    assert targets_page._chinese(district, "gdp") == "地区生产总值"
    assert indicator_label("gdp", catalog, level="nation") == "Gross domestic product (国内生产总值)"
