"""Tests for analysis/reconciled/livelihood.py and analysis/analyses/livelihood.py: livelihood statements of whole
reports written for these tests, one per figure across reports, the panel's shares and a region's shares by year.
Every expected value is read from the report texts below."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.analyses.livelihood import denominators_used, horizons_used, share_trend
from analysis.analyses.peers import peer_table
from analysis.extract.catalog import load_catalog
from analysis.extract.facts import extract_mentions
from analysis.reconciled.livelihood import kept_apart, livelihood_statements, resolve_statements, share_years
from analysis.reconciled.report import Panel, Report
from analysis.reconciled.revisions import resolved

EAST = """一、2025年和“十四五”时期工作回顾
刚刚过去的2025年，全省民生支出5200亿元，占一般公共预算支出的比重为76.4%，高质量完成20件民生实事。
五年来，民生支出占一般公共预算支出比重稳定在80%左右。
二、2026年重点工作
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。
"""
WEST = """一、2025年和“十四五”时期工作回顾
刚刚过去的2025年，八成以上财政资金用于民生。
五年来，财政民生支出占比保持在80%以上，每年70%以上的财政支出投入民生领域。
"""
NORTH = """一、2025年工作回顾
刚刚过去的2025年，财政支出近八成投向民生领域，农村民生工程、社会事业投资占44%。
"""
EAST_2025 = """一、2024年工作回顾
过去一年，全省民生支出4980亿元，占一般公共预算支出的78.0%。
"""


def report_rows(text: str, region: str, report_year: int, level: str = "province") -> pd.DataFrame:
    """The extracted figures of one report text with the table's provenance columns."""
    facts = extract_mentions(text, report_year)
    return facts.assign(doc=f"{region}-{report_year}", region=region, region_en=f"{region} (en)", level=level,
                        report_year=report_year, source="extracted", source_url=pd.NA, source_note=pd.NA)


def reports_table() -> pd.DataFrame:
    """The reports above as one table: three provinces of 2026, one of them in 2025 too, and a county."""
    return pd.concat([report_rows(EAST, "东省", 2026), report_rows(WEST, "西省", 2026), report_rows(NORTH, "北省", 2026),
                      report_rows(EAST_2025, "东省", 2025), report_rows(NORTH, "南县", 2026, "county")],
                     ignore_index=True)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return reports_table()


@pytest.fixture(scope="module")
def panel(table) -> Panel:
    return Panel(table, load_catalog())


def _shares(rows: pd.DataFrame) -> list[tuple]:
    return [(r.region, r.share_pct, None if r.qualifier is None or pd.isna(r.qualifier) else r.qualifier,
             r.denominator, r.horizon) for r in rows.itertuples()]


def test_every_statement_of_a_report_is_a_row_with_its_total_period_and_measure(table) -> None:
    east = livelihood_statements(table).query("region == '东省' and report_year == 2026")
    rows = [(r.measure, r.value, r.unit, None if pd.isna(r.denominator) else r.denominator, r.period, r.horizon)
            for r in east.itertuples()]
    assert rows == [("amount", 5200.0, "亿元", None, 2025, "annual"),
                    ("share", 76.4, "%", "general_budget_expenditure", 2025, "annual"),
                    ("share", 80.0, "%", "general_budget_expenditure", 2025, "plan_period")]  # 20件民生实事: no row


def test_the_panel_has_one_spending_share_per_region_largest_first(panel) -> None:
    # 西省 states 八成以上 for 2025 (annual: 80%, at least) and two plan-period levels; its year's own figure is shown.
    # 东省: 76.4% for 2025 (and 80%左右 over five years); 北省: 近八成 (at most 80%), its investment share kept apart.
    assert _shares(panel.livelihood("province", 2025)) == [
        ("西省", 80.0, "at_least", "fiscal_funds", "annual"),
        ("北省", 80.0, "at_most", "fiscal_expenditure", "annual"),
        ("东省", 76.4, None, "general_budget_expenditure", "annual"),
    ]
    assert _shares(panel.livelihood("county", 2025)) == [("南县", 80.0, "at_most", "fiscal_expenditure", "annual")]
    assert list(panel.livelihood("province", 2025)["written"]) == ["八成以上", "近八成", "76.4%"]


def test_a_share_in_tenths_is_converted_with_its_rounding(panel) -> None:
    west = panel.livelihood("province", 2025).set_index("region").loc["西省"]
    # 八成 is 8 tenths, written without decimals: 75% to 85%.
    assert (west["share_pct"], west["share_low"], west["share_high"]) == (80.0, 75.0, 85.0)


def test_an_investment_share_is_never_a_spending_share(panel) -> None:
    shares = panel.livelihood(None, 2025)
    assert 44.0 not in set(shares["share_pct"])
    apart = kept_apart(panel.livelihood_statements, "province", 2025)
    assert [(r.region, r.share_pct, r.denominator) for r in apart.itertuples()] == [("北省", 44.0, "investment")]


def test_the_newest_report_gives_a_year_and_the_others_are_named(table) -> None:
    # 东省's 2025 report gives 2024 (78.0%); its 2026 report gives 2025. Restate 2024 differently in a 2026 report:
    restated = report_rows("一、2025年工作回顾\n2024年，全省民生支出占一般公共预算支出的78.2%。\n", "东省", 2026)
    statements = resolve_statements(livelihood_statements(pd.concat([table, restated], ignore_index=True)))
    row = statements.query("region == '东省' and period == 2024 and measure == 'share'").iloc[0]
    assert (row["value"], row["doc"], row["others"]) == (78.2, "东省-2026", "78.0% (东省-2025)")


def test_a_regions_share_by_year_implies_the_expenditure_of_exact_annual_figures(table) -> None:
    report = Report.from_table(table, load_catalog(), "东省", 2026)
    trend = share_trend(report.livelihood_history)
    assert list(trend["period"]) == [2024, 2025]
    assert list(trend["share_pct"]) == [78.0, 76.4]
    # 4980 亿元 ÷ 0.780 = 6384.6 亿元, within 4979.5 / 0.7805 = 6379.9 and 4980.5 / 0.7795 = 6389.3;
    # 5200 ÷ 0.764 = 6806.3.
    assert trend["implied_expenditure_yi"].tolist() == pytest.approx([4980 / 0.78, 5200 / 0.764])
    assert (trend.loc[0, "implied_low_yi"], trend.loc[0, "implied_high_yi"]) == pytest.approx((4979.5 / 0.7805,
                                                                                               4980.5 / 0.7795))


def test_a_floor_implies_no_expenditure(table) -> None:
    west = Report.from_table(table, load_catalog(), "西省", 2026)
    assert share_trend(west.livelihood_history)["implied_expenditure_yi"].isna().all()


def test_a_reports_statements_are_its_own(table) -> None:
    report = Report.from_table(table, load_catalog(), "西省", 2026)
    shares = report.livelihood
    assert [(r.written, r.denominator, r.horizon) for r in shares.itertuples()] == [
        ("八成以上", "fiscal_funds", "annual"), ("80%以上", "not_named", "plan_period"),
        ("70%以上", "fiscal_expenditure", "plan_period")]


def test_the_totals_and_periods_of_a_comparison(panel) -> None:
    rows = panel.livelihood("province", 2025)
    used = denominators_used(rows)
    assert sorted(used["denominator"]) == ["fiscal_expenditure", "fiscal_funds", "general_budget_expenditure"]
    assert horizons_used(rows) == {"annual": ["西省", "北省", "东省"]}
    assert horizons_used(panel.livelihood_statements.query("measure == 'share' and region == '西省'")) == {
        "annual": ["西省"], "plan_period": ["西省", "西省"]}  # 八成以上 in 2025; 80%以上 and 70%以上 over five years
    assert share_years(panel.livelihood_statements, "province") == [2025, 2024]


def test_a_hand_entered_share_reads_its_note(make_table) -> None:
    row = make_table({"doc": "ref", "region": "区", "region_en": "District", "level": "district", "report_year": 2023,
                      "source": "hand_entered", "indicator": "livelihood_spending", "subject": "民生支出", "kind": "actual",
                      "period": 2022, "measure": "share", "unit": "%", "qualifier": pd.NA, "value_high": pd.NA,
                      "estimated": False, "start": pd.NA, "end": pd.NA, "quote": pd.NA, "source_url": "http://x.org",
                      "source_note": "民生支出占一般公共预算支出的比重为78.1%"}, {"value": "78.1"})
    statements = livelihood_statements(row)
    assert [(r.share_pct, r.denominator) for r in statements.itertuples()] == [(78.1, "general_budget_expenditure")]


def test_peers_show_a_share_where_the_region_set_no_target(table, panel) -> None:
    peers = peer_table(resolved(table), livelihood=panel.livelihood(None, None)).set_index(["region", "period"])
    west = peers.loc[("西省", 2025)]
    assert (west["livelihood_share"], west["livelihood_qualifier"], pd.isna(west["targets"])) == (80.0, "at_least", True)
    assert peers.loc[("东省", 2026), "targets"] == 1  # 地区生产总值增长5%左右; no share for 2026
