"""Tests for analysis/present/trends_page.py: what the page says of a region with outcomes but no targets."""
from __future__ import annotations

import pandas as pd

from conftest import indicator_table, report_of

from analysis.present import trends_page

CITY = dict(doc="zz-2024", region="枣庄市", region_en="Zaozhuang", level="city", report_year=2024, source="hand_entered",
            indicator="gdp", subject="地区生产总值", kind="actual", period=2023, measure="growth", value_high=pd.NA,
            unit="%", qualifier=pd.NA, estimated=False, start=pd.NA, end=pd.NA, quote=pd.NA,
            source_url="http://example.org/zz", source_note="增长6.4%")


def test_a_region_without_targets_says_so_instead_of_an_empty_table() -> None:
    # Three outcomes (2021 and 2023 growth, 2023 level), no target: 3 figures for 2021–2023.
    rows = indicator_table(CITY, {"value": "6.4"}, {"value": "2156.74", "measure": "level", "unit": "亿元"},
                           {"value": "8.0", "period": 2021, "report_year": 2022, "doc": "zz-2022"})
    report = report_of(rows, "枣庄市", 2024)
    results = trends_page.trends_results(report)
    assert results["record"].empty
    assert trends_page.heading(report, results) == (
        "**Zaozhuang (枣庄市)**: no targets of catalogued indicators in the data; 3 outcome figures for 2021–2023, "
        "tabled by year below.")
    findings = trends_page.key_findings(report, results)
    assert "holds no targets of catalogued indicators for this region" in findings


def test_a_region_without_targets_shows_its_outcomes_not_empty_sections() -> None:
    # The page shows the data it has: every outcome by year (growth 8% in 2021 and 6.4% in 2023, the 2023 level
    # 2156.74亿元), the latest of each in the findings, and no rules for judging targets it does not have.
    rows = indicator_table(CITY, {"value": "6.4"}, {"value": "2156.74", "measure": "level", "unit": "亿元"},
                           {"value": "8.0", "period": 2021, "report_year": 2022, "doc": "zz-2022"},
                           {"value": "5.5", "period": 2022, "report_year": 2023, "doc": "zz-2023", "qualifier": "about",
                            "estimated": True})
    report = report_of(rows, "枣庄市", 2024)
    results = trends_page.trends_results(report)
    note, table = trends_page.every_target(report, results)
    assert note == "No targets of catalogued indicators for Zaozhuang (枣庄市) in the data; its outcomes:"
    shown = table.data.set_index("Measure")
    assert list(shown.columns) == ["Indicator", "中文", "2021", "2022", "2023"]
    assert shown.loc["growth", ["2021", "2022", "2023"]].tolist() == ["8%", "≈5.5%*", "6.4%"]
    assert shown.loc["level", ["2021", "2022", "2023"]].tolist() == ["—", "—", "2156.74亿元"]
    assert ("It holds 4 outcome figures of 1 indicator for 2021–2023, tabled by year below; the latest of each: "
            "Gross domestic product (地区生产总值) 6.4% growth in 2023, 2156.74亿元 in 2023") in trends_page.key_findings(report, results)
    assert trends_page.attainment(report, results) == "Nothing to judge: the data holds no targets for this region."
    assert "tabled in the next section" in trends_page.targets_chart(report, results)


def test_one_year_of_outcomes_is_named_once_and_uncatalogued_figures_are_not_counted() -> None:
    rows = indicator_table(CITY, {"value": "6.4"},
                           {"value": "12", "indicator": pd.NA, "subject": "签约项目", "measure": "level", "unit": "个"})
    report = report_of(rows, "枣庄市", 2024)
    assert trends_page.heading(report, trends_page.trends_results(report)).endswith(
        "1 outcome figure for 2023, tabled by year below.")


def test_an_outcome_seen_only_on_a_mirror_page_is_marked_in_the_outcomes_table() -> None:
    # Issue 19 marks a figure seen only on a mirror page with †; the outcomes of a region without targets
    # (issue 20) carry the mark too: 1092.1亿元 in 2012 from a repost, 6.4% growth in 2023 from the city's page.
    rows = indicator_table(CITY, {"value": "6.4", "page_kind": "official"},
                           {"value": "1092.1", "measure": "level", "unit": "亿元", "period": 2012, "report_year": 2022,
                            "doc": "zz-2022-mirror", "page_kind": "mirror"})
    report = report_of(rows, "枣庄市", 2024)
    results = trends_page.trends_results(report)
    note, table, mirror_note = trends_page.every_target(report, results)
    shown = table.data.set_index("Measure")
    assert shown.loc["level", "2012"] == "1092.1亿元†" and shown.loc["growth", "2023"] == "6.4%"
    assert mirror_note.startswith("† seen only on a mirror page")
    assert "(† seen only on a mirror page)." in trends_page.key_findings(report, results)
