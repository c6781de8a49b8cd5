"""Tests for analysis/reconciled/rule.py: the rule's steps as ranks over the rows of one figure."""
from __future__ import annotations

import pandas as pd

from analysis.reconciled.rule import (FIRST_STEPS, RULE_STEPS, TIE_CODES, deciding_step, preferred_statistic,
                                      resolution_order)


def _group(*rows: dict) -> pd.DataFrame:
    base = {"report_year": 2023, "source": "hand_entered", "decimals": 1, "doc": "d", "kind": "actual",
            "estimated": False}
    return pd.DataFrame([{**base, **r} for r in rows])


def test_a_target_names_the_statistic_or_the_annual_average_is_meant() -> None:
    assert preferred_statistic(None) == "annual_average" and preferred_statistic(pd.NA) == "annual_average"
    assert preferred_statistic("year_end") == "year_end"


def test_monthly_values_come_before_a_single_month_when_the_average_is_missing() -> None:
    rows = _group({"doc": "dec", "statistic": "year_end"}, {"doc": "months", "statistic": "months"})
    assert resolution_order(rows, None)["doc"].tolist() == ["months", "dec"]
    assert resolution_order(rows, None, statistic="year_end")["doc"].tolist() == ["dec", "months"]


def test_the_two_modes_order_vintages_both_ways_and_only_ties_fail_to_decide() -> None:
    rows = _group({"doc": "first", "vintage": "first"}, {"doc": "final", "vintage": "final", "report_year": 2025})
    latest, first = resolution_order(rows, None), resolution_order(rows, None, "first")
    assert latest["doc"].tolist() == ["final", "first"] and first["doc"].tolist() == ["first", "final"]
    assert deciding_step(latest.iloc[0], latest.iloc[1]) == "later_vintage"
    assert deciding_step(first.iloc[0], first.iloc[1], "first") == "earlier_vintage"
    assert [code for _, code in RULE_STEPS][-len(TIE_CODES):] == list(TIE_CODES) == \
        [code for _, code in FIRST_STEPS][-len(TIE_CODES):]


def test_a_stated_value_comes_before_a_milestone_it_passed() -> None:
    # One report writes 地区生产总值60199.45亿元 and 经济总量…突破5万亿元: the value, not the floor, is used
    rows = _group({"doc": "floor", "source": "extracted", "qualifier": "at_least", "start": 100},
                  {"doc": "value", "source": "extracted", "qualifier": None, "start": 900})
    ranked = resolution_order(rows, 2026)
    assert ranked["doc"].tolist() == ["value", "floor"]
    assert deciding_step(ranked.iloc[0], ranked.iloc[1]) == "stated_value"


def test_a_preliminary_stated_value_still_comes_before_a_milestone() -> None:
    # 福建 2026: 初步统计…地区生产总值60199.45亿元 (preliminary) and 经济总量…5万亿元 (no word of vintage)
    rows = _group({"doc": "floor", "source": "extracted", "qualifier": "at_least", "start": 100},
                  {"doc": "value", "source": "extracted", "qualifier": None, "estimated": True, "start": 900})
    for mode in ("latest", "first"):
        ranked = resolution_order(rows, 2026, mode)
        assert ranked["doc"].tolist() == ["value", "floor"], mode


def test_a_target_keeps_its_bound_before_a_page_without_it() -> None:
    # the report promises 增长6%以上; a news page writes 6%: the report's words decide, not the bare number
    rows = _group({"doc": "report", "kind": "target", "qualifier": "at_least", "source_type": "report"},
                  {"doc": "news", "kind": "target", "qualifier": None, "source_type": "news"})
    ranked = resolution_order(rows, 2026)
    assert ranked["doc"].tolist() == ["report", "news"]
    assert deciding_step(ranked.iloc[0], ranked.iloc[1]) == "report_words"
