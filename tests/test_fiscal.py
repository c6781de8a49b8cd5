"""Tests for analysis/analyses/fiscal.py: expected values are worked out by hand from the report's figures."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import bare_report, report_of

from analysis.errors import DataError
from analysis.analyses.fiscal import fiscal_conflicts, fiscal_inputs, fiscal_summary, missing_inputs

REGION = "枣庄市市中区"


def row(indicator: str, measure: str, value: float, decimals: int, unit: str, *,
        period: int = 2022, kind: str = "actual", report_year: int = 2023,
        start: int | None = 0) -> dict:
    """One indicator-table row with the agreed columns."""
    scale = {"亿元": 10**8, "万元": 10**4, "%": 1}[unit]
    return {
        "doc": "shizhong-2023", "region": REGION, "region_en": "Shizhong", "level": "district",
        "report_year": report_year, "source": "extracted", "indicator": indicator,
        "subject": indicator, "kind": kind, "period": period, "measure": measure, "value": value,
        "value_high": None, "decimals": decimals, "unit": unit, "qualifier": None,
        "value_base": value * scale, "base_unit": "%" if unit == "%" else "元", "estimated": False,
        "start": start, "end": start, "quote": "…", "source_url": None, "source_note": None,
    }


def table(*rows: dict) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows))
    return frame.astype({"start": "Int64", "end": "Int64"})


SEED = table(
    row("gdp", "level", 311.7, 1, "亿元", start=10),
    row("general_budget_revenue", "level", 27.6, 1, "亿元", start=20),
    row("livelihood_spending", "level", 26.6, 1, "亿元", start=30),
    row("livelihood_spending", "share", 75.3, 1, "%", start=40),
    row("gdp", "growth", 6, 0, "%", kind="target", period=2023, start=50),
)


def summary(data: pd.DataFrame = SEED) -> pd.DataFrame:
    return fiscal_summary(fiscal_inputs(report_of(data, REGION, 2023)))


def test_implied_expenditure_and_its_rounding_interval():
    exp = summary().loc["expenditure"]
    assert exp["value"] == pytest.approx(26.6 / 0.753)
    assert exp["low"] == pytest.approx(26.55 / 0.7535)
    assert exp["high"] == pytest.approx(26.65 / 0.7525)
    assert exp["unit"] == "亿元"


def test_non_livelihood_spending_moves_level_and_share_together():
    other = summary().loc["non_livelihood"]
    assert other["value"] == pytest.approx(26.6 / 0.753 - 26.6)
    assert other["low"] == pytest.approx(26.55 / 0.7535 - 26.55)
    assert other["high"] == pytest.approx(26.65 / 0.7525 - 26.65)


def test_self_reliance_and_financing_gap():
    out = summary()
    assert out.loc["self_reliance", "value"] == pytest.approx(100 * 27.6 / (26.6 / 0.753))
    assert out.loc["self_reliance", "low"] == pytest.approx(100 * 27.55 / (26.65 / 0.7525))
    assert out.loc["self_reliance", "high"] == pytest.approx(100 * 27.65 / (26.55 / 0.7535))
    assert out.loc["financing_gap", "value"] == pytest.approx(26.6 / 0.753 - 27.6)
    assert out.loc["financing_gap", "low"] == pytest.approx(26.55 / 0.7535 - 27.65)
    assert out.loc["financing_gap", "high"] == pytest.approx(26.65 / 0.7525 - 27.55)


def test_shares_of_gdp():
    out = summary()
    assert out.loc["livelihood_gdp", "value"] == pytest.approx(100 * 26.6 / 311.7)
    assert out.loc["livelihood_gdp", "low"] == pytest.approx(100 * 26.55 / 311.75)
    assert out.loc["livelihood_gdp", "high"] == pytest.approx(100 * 26.65 / 311.65)
    assert out.loc["revenue_gdp", "value"] == pytest.approx(100 * 27.6 / 311.7)
    assert out.loc["expenditure_gdp", "value"] == pytest.approx(100 * 26.6 / 0.753 / 311.7)


def test_amounts_in_wan_yuan_are_converted_to_yi_yuan():
    data = table(row("livelihood_spending", "level", 266000, 0, "万元"),
                 row("livelihood_spending", "share", 75.3, 1, "%"))
    out = summary(data)
    assert out.loc["livelihood", "value"] == pytest.approx(26.6)
    assert out.loc["livelihood", "low"] == pytest.approx(26.59995)
    exp = out.loc["expenditure"]
    assert exp["value"] == pytest.approx(26.6 / 0.753)
    assert exp["low"] == pytest.approx(26.59995 / 0.7535)


def test_inputs_carry_their_rounding_interval():
    inputs = fiscal_inputs(report_of(SEED, REGION, 2023))
    assert list(inputs.index) == ["livelihood_spending", "livelihood_share", "budget_revenue", "gdp"]
    assert (inputs.loc["livelihood_share", "low"], inputs.loc["livelihood_share", "high"]) == \
        pytest.approx((75.25, 75.35))


def test_missing_share_degrades_to_what_can_be_computed():
    data = table(row("gdp", "level", 311.7, 1, "亿元"),
                 row("general_budget_revenue", "level", 27.6, 1, "亿元"))
    inputs = fiscal_inputs(report_of(data, REGION, 2023))
    assert missing_inputs(inputs) == ["livelihood_spending", "livelihood_share"]
    assert list(fiscal_summary(inputs).index) == ["revenue", "revenue_gdp"]


def test_no_inputs_at_all():
    inputs = fiscal_inputs(bare_report(SEED, "山东省", 2023))
    assert inputs.empty and fiscal_summary(inputs).empty


def test_impossible_share_is_refused():
    data = table(row("livelihood_spending", "level", 26.6, 1, "亿元"),
                 row("livelihood_spending", "share", 175.3, 1, "%"))
    with pytest.raises(DataError, match="not within"):
        summary(data)


def test_non_money_unit_is_refused():
    data = table(row("gdp", "level", 311.7, 1, "%"))
    with pytest.raises(DataError, match="expected an amount"):
        summary(data)


def test_sources_disagreeing_on_an_input_use_one_value_and_name_the_other():
    # 26.6 亿元 is [26.55, 26.65), 27.0 is [26.95, 27.05): no common value. Both rows are from the
    # 2023 report, so the rule prefers the extracted text over the hand-entered reference.
    data = table(row("livelihood_spending", "level", 26.6, 1, "亿元"),
                 {**row("livelihood_spending", "level", 27.0, 1, "亿元", start=None),
                  "doc": "ref", "source": "hand_entered"},
                 row("livelihood_spending", "share", 75.3, 1, "%", start=40))
    report = report_of(data, REGION, 2023)
    inputs = fiscal_inputs(report)
    assert inputs.loc["livelihood_spending", "value"] == 26.6
    assert inputs.loc["livelihood_spending", "conflict"]
    assert not inputs.loc["livelihood_share", "conflict"]
    # One value per input, so the summary still runs: 26.6 / 0.753.
    assert fiscal_summary(inputs).loc["expenditure", "value"] == pytest.approx(26.6 / 0.753)
    shown = fiscal_conflicts(inputs, report.conflicts)
    assert shown[["input", "indicator", "kind", "period", "measure", "used_doc", "used_value", "other_doc",
                  "other_source", "other_report_year", "other_value", "not_chosen"]].to_dict("records") == [{
        "input": "livelihood_spending", "indicator": "livelihood_spending", "kind": "actual", "period": 2022,
        "measure": "level", "used_doc": "shizhong-2023", "used_value": 26.6, "other_doc": "ref",
        "other_source": "hand_entered", "other_report_year": 2023, "other_value": 27.0,
        "not_chosen": "extracted_first"}]


def test_the_analysed_report_wins_over_a_later_restatement():
    # The 2024 report restates 2022 revenue as 28.0 亿元; analysing the 2023 report uses its 27.6.
    data = table(row("general_budget_revenue", "level", 27.6, 1, "亿元", start=20),
                 {**row("general_budget_revenue", "level", 28.0, 1, "亿元", report_year=2024),
                  "doc": "sz-2024"})
    report = report_of(data, REGION, 2023)
    inputs = fiscal_inputs(report)
    assert inputs.loc["budget_revenue", "value"] == 27.6
    assert fiscal_conflicts(inputs, report.conflicts)[["input", "other_doc", "other_value", "not_chosen"]].to_dict(
        "records") == [{"input": "budget_revenue", "other_doc": "sz-2024", "other_value": 28.0,
                        "not_chosen": "analysed_report"}]


def test_no_conflict_gives_an_empty_conflict_table():
    report = report_of(SEED, REGION, 2023)
    assert fiscal_conflicts(fiscal_inputs(report), report.conflicts).empty


def test_agreeing_sources_count_once():
    data = table(row("livelihood_spending", "level", 26.6, 1, "亿元", start=30),
                 row("livelihood_spending", "level", 26.6, 1, "亿元", start=900))
    inputs = fiscal_inputs(report_of(data, REGION, 2023))
    assert list(inputs.index) == ["livelihood_spending"]
    assert inputs.loc["livelihood_spending", "start"] == 30



def test_a_share_of_a_gdp_stated_as_a_floor_is_bounded_above_only() -> None:
    # 财政民生支出1000亿元 over 地区生产总值突破5万亿元 ([50000, ∞) 亿元): at most 1000 / 50000 = 2%, at least nothing
    from analysis.analyses.fiscal import Bounded, percent_of
    ratio = percent_of(Bounded(1000.0, 1000.0, 1000.0), Bounded(50000.0, 50000.0, float("inf")))
    assert (ratio.low, ratio.high) == (0.0, pytest.approx(2.0))
