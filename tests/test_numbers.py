"""Tests for analysis/extract/units.py: intervals of printed figures and display precision of derived ones."""
from __future__ import annotations

import math

import pytest

from analysis.extract.units import COUNT_UNITS
from analysis.reconciled.intervals import display_decimals, figure_interval, rounding_interval
from analysis.present.conventions import conventions
from analysis.present.labels import derived_change, format_derived, table_places


def test_rounding_interval_is_half_the_last_digit_either_side():
    assert rounding_interval(311.7, 1) == pytest.approx((311.65, 311.75))
    assert rounding_interval(4.7, 1) == pytest.approx((4.65, 4.75))


@pytest.mark.parametrize("unit", ["家", "个", "项", "人", "人次", "户", "辆", "村"])
def test_plain_counts_are_exact(unit):
    # 67家 is 67 firms: not 66.5 to 67.5.
    assert figure_interval(67, 0, unit) == (67.0, 67.0)


@pytest.mark.parametrize("value, decimals, unit, expected", [
    (1.1, 1, "万家", (1.05, 1.15)),       # a scaled count is rounded: 10,500 to 11,500 firms
    (311.7, 1, "亿元", (311.65, 311.75)),
    (4.7, 1, "%", (4.65, 4.75)),
    (6782, 0, "万美元", (6781.5, 6782.5)),
    (3, 0, None, (2.5, 3.5)),             # no unit known: rounded
])
def test_other_figures_keep_their_rounding_interval(value, decimals, unit, expected):
    assert figure_interval(value, decimals, unit) == pytest.approx(expected)


def test_count_units_are_the_measure_words_without_scale():
    assert {"家", "人次", "辆"} <= COUNT_UNITS
    assert not any(unit.startswith(("万", "亿")) for unit in COUNT_UNITS)
    assert "元" not in COUNT_UNITS and "%" not in COUNT_UNITS


@pytest.mark.parametrize("low, high, expected", [
    (34816.64 - 17, 34816.64 + 17, -1),   # ±17: tens
    (297.52, 297.90, 1),                  # ±0.19: tenths
    (35.235567, 35.415282, 2),            # ±0.0899: hundredths (its leading digit)
    (10.0, 10.0, 2),                      # exact: the default places
    (29.33, math.inf, 2),                 # open: the default places
])
def test_display_decimals_follow_the_half_width(low, high, expected):
    assert display_decimals(low, high) == expected


def test_format_derived_is_no_more_precise_than_its_interval():
    assert format_derived(34816.64, 34816.64 - 17, 34816.64 + 17, "元") == "34,820元"
    assert format_derived(297.71, 297.52, 297.90, "亿元") == "297.7亿元"
    assert format_derived(35.325365, 35.235567, 35.415282) == "35.33"
    assert format_derived(0.125, 0.1249, 0.1251, max_decimals=2) == "0.13"  # half up, capped places
    assert format_derived(5, 5, 5) == "5.00"


def test_one_sided_interval_uses_the_finite_side_when_the_value_is_given():
    # ≥ target: implied 326.35 with low 326.2, high unbounded: ±0.15 -> tenths.
    assert display_decimals(326.2, math.inf, value=326.35) == 1
    assert format_derived(326.35, 326.2, math.inf, "亿元") == "326.4亿元"


def test_one_column_of_derived_figures_shares_the_fewest_decimals_any_supports():
    # 35.33 ± 0.09 supports 2 places, 7.73 ± 0.14 only 1: the column shows 1 for both.
    assert table_places([35.235, 7.59], [35.415, 7.87], [35.325, 7.725]) == 1
    assert format_derived(35.325, 35.235, 35.415, places=1) == "35.3"


def test_derived_change_rounds_the_value_to_its_interval_and_the_ends_outward():
    # 75/61.5 − 1 = +21.95%, interval [74.95/61.55 − 1, 75.05/61.45 − 1] = [+21.77, +22.13]: half-width
    # 0.18 supports one place; the ends one place finer, low down and high up.
    low, high = (74.95 / 61.55 - 1) * 100, (75.05 / 61.45 - 1) * 100
    assert derived_change((75 / 61.5 - 1) * 100, low, high) == "+22.0% (+21.77 to +22.14)"


def test_conventions_state_each_rule_in_words():
    text = conventions("targets", "rounding", "causes", "other_sources")
    assert "6% is read as 6.0%" in text and "rounded outward" in text
    assert "claim none" in text and "调入资金" in text and "预算稳定调节基金" in text and "上年结转" in text
