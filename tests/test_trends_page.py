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
        "**Zaozhuang (枣庄市)**: no targets of catalogued indicators in the data; 3 outcome figures for 2021–2023 "
        "(growth rates under Growth paths).")
    assert trends_page.every_target(report, results) == (
        "No targets of catalogued indicators for Zaozhuang (枣庄市) in the data: nothing to set outcomes against.")
    assert "holds no targets of catalogued indicators for this region" in trends_page.key_findings(report, results)


def test_one_year_of_outcomes_is_named_once_and_uncatalogued_figures_are_not_counted() -> None:
    rows = indicator_table(CITY, {"value": "6.4"},
                           {"value": "12", "indicator": pd.NA, "subject": "签约项目", "measure": "level", "unit": "个"})
    report = report_of(rows, "枣庄市", 2024)
    assert trends_page.heading(report, trends_page.trends_results(report)).endswith(
        "1 outcome figure for 2023 (growth rates under Growth paths).")
