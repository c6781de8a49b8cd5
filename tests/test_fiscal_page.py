"""Tests for analysis/present/fiscal_page.py and the fiscal findings: words for the fiscal analysis's codes."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import report_of

from analysis.present import fiscal_page
from analysis.present.findings import fiscal_findings
from test_fiscal import REGION, row, table


def test_definition_note_says_there_is_no_single_definition():
    assert "no single statutory definition" in fiscal_page.DEFINITION_NOTE
    assert "公共财政支出" in fiscal_page.DEFINITION_NOTE


def test_conflicting_input_is_named_by_its_input_label():
    data = table(row("livelihood_spending", "level", 26.6, 1, "亿元"),
                 {**row("livelihood_spending", "level", 27.0, 1, "亿元", start=None),
                  "doc": "ref", "source": "hand_entered"},
                 row("livelihood_spending", "share", 75.3, 1, "%", start=40))
    results = fiscal_page.fiscal_results(report_of(data, REGION, 2023))
    shown = results["conflicts"]
    assert (list(shown["title_en"]), list(shown["name_zh"])) == (["Livelihood spending"], ["民生支出"])
    finding = fiscal_page.key_findings(report_of(data, REGION, 2023), results).splitlines()[-1]
    assert finding == ("- Sources disagree on Livelihood spending (民生支出): 26.6 亿元 used, "
                       "27.0 亿元 in ref (hand-entered, 2023 report) — see Conflicting sources below.")


def test_findings_derive_expenditure_and_name_what_is_missing():
    # 26.6 亿元 at 75.3%: expenditure 26.6 / 0.753 = 35.325…, bounds 26.55/0.7535 = 35.235… and
    # 26.65/0.7525 = 35.415… (an interval 0.18 wide supports two decimals); other spending
    # 26.6 × 0.247 / 0.753 = 8.725…, bounds 26.55 × 0.2465 / 0.7535 = 8.685…, 26.65 × 0.2475 / 0.7525 = 8.765….
    data = table(row("livelihood_spending", "level", 26.6, 1, "亿元"),
                 row("livelihood_spending", "share", 75.3, 1, "%", start=40))
    report = report_of(data, REGION, 2023)
    results = fiscal_page.fiscal_results(report)
    findings = fiscal_findings(report, results["inputs"], results["summary"], results["missing"],
                               results["conflicts"])
    assert findings[0] == ("In 2022 livelihood spending (民生支出) was 26.6亿元, 75.3% of public "
                           "expenditure (公共财政支出). That implies general public budget expenditure of "
                           "35.33 亿元 (interval [35.23, 35.42]), of which 8.73 亿元 (interval [8.68, 8.77]) "
                           "went to everything else.")
    assert findings[-1] == "Not reported for this region and year: General public budget revenue, Gross domestic product."


def test_every_summary_quantity_has_words():
    data = table(row("livelihood_spending", "level", 26.6, 1, "亿元"),
                 row("livelihood_spending", "share", 75.3, 1, "%", start=40),
                 row("general_budget_revenue", "level", 27.6, 1, "亿元", start=60),
                 row("gdp", "level", 311.7, 1, "亿元", start=80))
    summary = fiscal_page.fiscal_results(report_of(data, REGION, 2023))["summary"]
    assert set(summary.index) <= set(fiscal_page.QUANTITY_LABELS)
    assert len(summary) == 9
    assert isinstance(fiscal_page.derived_quantities(report_of(data, REGION, 2023), {"summary": summary}),
                      pd.io.formats.style.Styler)


def test_the_gap_is_covered_by_other_sources_named_as_possibilities():
    data = table(row("livelihood_spending", "level", 26.6, 1, "亿元"),
                 row("livelihood_spending", "share", 75.3, 1, "%", start=40),
                 row("general_budget_revenue", "level", 27.6, 1, "亿元", start=80))
    report = report_of(data, REGION, 2023)
    results = fiscal_page.fiscal_results(report)
    findings = " ".join(fiscal_findings(report, results["inputs"], results["summary"], results["missing"],
                                        results["conflicts"]))
    assert "other sources" in findings and "possibly" in findings and "调入资金" in findings
    assert "transfers from higher levels of government and borrowing." not in findings
    # Table 2 keeps one number of decimals: the gap 26.6/0.753 − 27.6 = 7.725… has an interval
    # [26.55/0.7535 − 27.65, 26.65/0.7525 − 27.55] = [7.585, 7.866], half-width 0.14: one place, so all one place.
    html = fiscal_page.derived_quantities(report, results).to_html()
    assert ">7.7<" in html and ">35.3<" in html and ">35.33<" not in html
    assert "Gap covered by other sources" in html


def test_gdp_is_named_as_the_report_level_writes_it():
    # A county's report writes 地区生产总值, the nation's 国内生产总值 (catalog name_zh_by_level).
    figures = [row("livelihood_spending", "level", 26.6, 1, "亿元", start=30),
               row("gdp", "level", 311.7, 1, "亿元", start=80)]
    county = report_of(table(*figures), REGION, 2023)
    nation = report_of(table(*[{**f, "region": "全国", "region_en": "China", "level": "nation"} for f in figures]),
                       "全国", 2023)
    for report, gdp in ((county, "地区生产总值"), (nation, "国内生产总值")):
        shown = fiscal_page.reported_figures(report, fiscal_page.fiscal_results(report)).data
        assert list(shown["中文"]) == ["民生支出", gdp]


def test_a_ratio_over_a_gdp_floor_reads_at_most() -> None:
    # 一般公共预算收入3723.35亿元 over 生产总值突破5万亿元 (= 50000亿元, a floor): revenue is at most
    # 3723.35 / 50000 = 7.4467% of GDP, and no less than 0: shown '≤7.45%' / 'at most 7.45%', never a
    # point with an interval [0, …] and never rounded to 7% by that open side
    data = table(row("general_budget_revenue", "level", 3723.35, 2, "亿元"),
                 {**row("gdp", "level", 50000, 0, "亿元", start=60), "qualifier": "at_least"})
    report = report_of(data, REGION, 2023)
    results = fiscal_page.fiscal_results(report)
    summary = results["summary"]
    assert summary.loc["revenue_gdp", "qualifier"] == "at_most" and pd.isna(summary.loc["revenue", "qualifier"])
    assert summary.loc["revenue_gdp", "value"] == pytest.approx(100 * 3723.35 / 50000)
    findings = fiscal_findings(report, results["inputs"], summary, results["missing"], results["conflicts"])
    assert any("at most 7.45% (an input is given only as a bound it passed)" in f for f in findings), findings
    shown = fiscal_page.derived_quantities(report, results).data
    assert shown.loc["revenue_gdp", "Value"] == "≤7.45" and shown.loc["revenue_gdp", "Interval"].startswith("[0, 7.4")


def test_a_bound_on_either_side_is_said_whichever_input_it_comes_from() -> None:
    # revenue 突破1000亿元 ([1000, ∞)) over GDP 50000亿元 (exact to the 亿): at least 1000 / 50000.5 ≈ 2%;
    # over GDP 突破50000亿元 as well: nothing bounds the ratio, neither side
    floor_revenue = {**row("general_budget_revenue", "level", 1000, 0, "亿元"), "qualifier": "at_least"}
    exact_gdp = row("gdp", "level", 50000, 0, "亿元", start=60)
    summary = fiscal_page.fiscal_results(report_of(table(floor_revenue, exact_gdp), REGION, 2023))["summary"]
    assert summary.loc["revenue_gdp", "qualifier"] == "at_least"
    assert summary.loc["revenue_gdp", "low"] == pytest.approx(100 * 1000 / 50000.5)
    floor_gdp = {**exact_gdp, "qualifier": "at_least"}
    summary = fiscal_page.fiscal_results(report_of(table(floor_revenue, floor_gdp), REGION, 2023))["summary"]
    assert summary.loc["revenue_gdp", "qualifier"] == "unbounded"
    from analysis.present.labels import bounded_derived
    assert bounded_derived(2.0, 0.0, float("inf"), "unbounded", "%") == "no bound"
