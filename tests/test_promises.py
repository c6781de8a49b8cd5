"""Tests for analysis/analyses/promises.py: what each kind of target accepts, worked out by hand."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.analyses.promises import (accepted_interval, direction_of, interval_excess, kinds_of, margin_kind)
from analysis.extract.catalog import load_catalog


def test_the_direction_comes_from_the_report_s_words_where_the_indicator_has_none() -> None:
    assert direction_of("gdp") == "floor" and direction_of("surveyed_unemployment_rate") == "ceiling"
    # a CPI target says its direction only in its words: 控制在3% (ceiling), 使价格总水平处在合理区间 (level)
    assert direction_of("cpi") is None
    assert direction_of("cpi", "ceiling") == "ceiling" and direction_of("cpi", "level") == "level"
    assert direction_of("cpi", pd.NA) is None


@pytest.mark.parametrize(("value", "qualifier", "direction", "high", "expected"), [
    (5, "about", "floor", None, (4.5, math.inf)),      # ≈5% is met by 4.5% (the rule's tolerance)
    (5, "at_least", "floor", None, (5, math.inf)),     # ≥5%: 5% and up
    (5, None, "floor", None, (5, math.inf)),           # 5%: a floor in practice
    (5.5, "about", "ceiling", None, (-math.inf, 6.0)),  # unemployment ≈5.5%: up to 6%
    (5.5, "at_most", "floor", None, (-math.inf, 5.5)),  # 以内 whatever the indicator
    (2, "about", "level", None, (1.5, 2.5)),           # CPI ≈2% to reach: within ± 0.5
    (6, "range", "floor", 6.5, (6, 6.5)),
])
def test_accepted_interval(value, qualifier, direction, high, expected) -> None:
    assert accepted_interval(value, qualifier, direction, high, 0.5) == pytest.approx(expected)


def test_an_unstated_direction_accepts_nothing_it_could_be_judged_on() -> None:
    assert accepted_interval(3, "about", None) is None
    assert accepted_interval(3, "at_most", None) == (-math.inf, 3)  # 以内 states its own direction


def test_excess_compares_the_binding_ends_and_keeps_unlike_promises_apart() -> None:
    about5, least5 = accepted_interval(5, "about", "floor"), accepted_interval(5, "at_least", "floor")
    assert interval_excess(least5, about5, "floor") == pytest.approx(0.5)   # ≥5 is stricter than ≈5
    assert interval_excess(accepted_interval(6, "about", "floor"), least5, "floor") == pytest.approx(0.5)
    ceiling = accepted_interval(5.5, "at_most", "ceiling")
    assert interval_excess(ceiling, accepted_interval(5.5, "about", "ceiling"), "ceiling") == pytest.approx(-0.5)
    assert math.isnan(interval_excess(ceiling, about5, "floor"))  # a ceiling against a floor: no common end
    assert math.isnan(interval_excess(about5, None, "floor")) and math.isnan(interval_excess(about5, about5, "level"))


def test_margins_have_a_kind_and_levels_have_none() -> None:
    assert margin_kind("growth", "real") == "real growth" and margin_kind("growth", "price") == "price change"
    assert margin_kind("share", None) == "rate" and margin_kind("level", "nominal") is None
    frame = pd.DataFrame({"indicator": ["gdp", "cpi", "general_budget_revenue", "new_urban_jobs"],
                          "measure": ["growth", "growth", "growth", "level"]})
    assert kinds_of(frame, load_catalog()).tolist() == ["real growth", "price change", "nominal growth", None]
