"""Tests for analysis/reconcile.py: agreement within rounding, conflicts, deduplication, revisions."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import pytest

from analysis.reconcile import deduplicate, figures_agree, find_conflicts, interval_base, intervals_overlap

DEFAULTS = dict(doc="shizhong-2023", region="枣庄市市中区", region_en="Shizhong", level="district",
                report_year=2023, source="extracted", indicator="gdp", subject="生产总值", kind="actual",
                period=2022, measure="level", value_high=pd.NA, unit="亿元", qualifier=pd.NA,
                estimated=False, start=pd.NA, end=pd.NA, quote=pd.NA, source_url=pd.NA, source_note=pd.NA)


@pytest.fixture
def table(make_table) -> Callable[..., pd.DataFrame]:
    """Indicator-table rows over this module's DEFAULTS (see tests/conftest.py)."""
    return partial(make_table, DEFAULTS)


def test_interval_base_scales_to_base_unit():
    low, high = interval_base(311.7, 1, "亿元")
    assert low == pytest.approx(311.65 * 10**8)
    assert high == pytest.approx(311.75 * 10**8)


def test_half_open_intervals_touching_do_not_overlap():
    assert not intervals_overlap((311.65, 311.75), (311.75, 311.85))
    assert intervals_overlap((311.5, 312.5), (311.65, 311.75))


def test_main_article_and_sidebar_agree(table):
    rows = table({"value": "311.7", "start": 10, "quote": "全区地方生产总值完成311.7亿元"},
                 {"value": "311.7", "start": 900, "quote": "全区地方生产总值完成311.7亿元"})
    result = find_conflicts(rows)
    assert len(result) == 1
    assert result.loc[0, "status"] == "agree"
    assert not result.loc[0, "revision"]
    assert result.loc[0, "quote_a"] == "全区地方生产总值完成311.7亿元"


def test_fewer_decimals_containing_the_other_agrees(table):
    # 312 shown without decimals means [311.5, 312.5), which contains 311.7
    rows = table({"value": "311.7"}, {"value": "312", "source": "hand_entered", "doc": "ref"})
    assert find_conflicts(rows).loc[0, "status"] == "agree"


def test_different_units_compare_in_base_unit(table):
    a, b = table({"value": "110", "unit": "万人"}, {"value": "1.10", "unit": "百万人"}).iloc
    assert figures_agree(a, b)[0]


def test_conflict_beyond_rounding_names_both_values(table):
    rows = table({"value": "311.7"}, {"value": "311.8", "source": "hand_entered", "doc": "ref",
                                      "source_url": "http://example.org"})
    result = find_conflicts(rows)
    assert result.loc[0, "status"] == "conflict"
    assert "311.7" in result.loc[0, "reason"] and "311.8" in result.loc[0, "reason"]
    assert result.loc[0, "source_url_b"] == "http://example.org"


def test_qualifier_difference_is_a_conflict(table):
    rows = table({"value": "6", "measure": "growth", "unit": "%", "qualifier": "about"},
                 {"value": "6", "measure": "growth", "unit": "%"})
    assert find_conflicts(rows).loc[0, "status"] == "conflict"


def test_range_against_single_value_is_a_conflict(table):
    a, b = table({"value": "5", "value_high": 6.0, "unit": "%", "qualifier": "range"},
                 {"value": "5", "unit": "%", "qualifier": "range"}).iloc
    assert not figures_agree(a, b)[0]


def test_rows_without_indicator_or_different_keys_are_not_paired(table):
    rows = table({"value": "311.7", "indicator": pd.NA}, {"value": "300", "indicator": pd.NA},
                 {"value": "4.7", "measure": "growth", "unit": "%"}, {"value": "311.7", "period": 2023})
    assert find_conflicts(rows).empty


def test_different_report_year_is_a_revision(table):
    rows = table({"value": "61.5", "indicator": "trade_total"},
                 {"value": "58.0", "indicator": "trade_total", "report_year": 2024, "doc": "later"})
    result = find_conflicts(rows)
    assert result.loc[0, "revision"]
    assert result.loc[0, "status"] == "conflict"


def test_deduplicate_keeps_most_decimals_then_extracted_then_earliest(table):
    rows = table({"value": "312", "source": "hand_entered", "doc": "ref"},
                 {"value": "311.7", "start": 900, "doc": "sidebar"},
                 {"value": "311.7", "start": 10, "doc": "main"},
                 {"value": "4.7", "measure": "growth", "unit": "%"})
    result = deduplicate(rows)
    assert len(result) == 2
    kept = result[result["measure"] == "level"].iloc[0]
    assert kept["doc"] == "main"
    assert kept["confirmed_by"] == "ref (hand_entered); sidebar (extracted)"
    assert not result["conflict"].any()


def test_deduplicate_prefers_extracted_at_equal_decimals(table):
    rows = table({"value": "331", "source": "hand_entered", "doc": "ref"}, {"value": "331", "doc": "text"})
    assert deduplicate(rows)["doc"].tolist() == ["text"]


def test_deduplicate_keeps_both_conflicting_rows_flagged(table):
    rows = table({"value": "311.7"}, {"value": "311.8", "source": "hand_entered"})
    result = deduplicate(rows)
    assert len(result) == 2
    assert result["conflict"].all()


def test_deduplicate_keeps_revisions_and_marks_latest(table):
    rows = table({"value": "61.5", "report_year": 2023}, {"value": "58.0", "report_year": 2024, "doc": "later"})
    result = deduplicate(rows)
    assert result["revision"].tolist() == [False, True]
    assert result["latest"].tolist() == [False, True]
    assert not result["conflict"].any()


def test_find_conflicts_empty_is_typed(table):
    result = find_conflicts(table({"value": "311.7"}))
    assert result.empty
    assert result["revision"].dtype == bool
