"""Choosing the report a notebook is about."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import DataError
from analysis.reconciled.scope import report_scope


def _rows(*rows: tuple[str, str, str, int, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["doc", "region", "region_en", "report_year", "source"])


TABLE = _rows(("sz-2023", "枣庄市市中区", "Shizhong", 2023, "extracted"),
              ("sz-2024", "枣庄市市中区", "Shizhong", 2024, "extracted"),
              ("xian-2023", "测试县", "Test County", 2023, "extracted"),
              ("china-ref", "全国", "China", 2025, "hand_entered"))


def test_default_is_the_newest_extracted_report_not_a_reference_row() -> None:
    scope = report_scope(TABLE)
    assert (scope.region, scope.region_en, scope.report_year) == ("枣庄市市中区", "Shizhong", 2024)
    assert (scope.review_year, scope.plan_year) == (2023, 2024)


def test_given_region_gets_its_newest_year_and_given_year_its_region() -> None:
    assert report_scope(TABLE, region="测试县").report_year == 2023
    assert report_scope(TABLE, report_year=2023).region == "枣庄市市中区"  # sz-2023 sorts before xian-2023
    assert report_scope(TABLE, "测试县", 2023).region_en == "Test County"


def test_unknown_region_names_what_the_data_has() -> None:
    with pytest.raises(DataError, match="no report for region '海淀区'; the data has: 全国 2025; 枣庄市市中区 2023, 2024; 测试县 2023"):
        report_scope(TABLE, region="海淀区")
    with pytest.raises(DataError, match="no figures"):
        report_scope(TABLE.iloc[0:0])


def test_a_year_without_a_report_is_an_error_listing_the_reports() -> None:
    with pytest.raises(DataError, match="no 2022 report for '枣庄市市中区'; the data has: .*枣庄市市中区 2023, 2024"):
        report_scope(TABLE, "枣庄市市中区", 2022)
    with pytest.raises(DataError, match="no 2019 report for any region"):
        report_scope(TABLE, report_year=2019)
