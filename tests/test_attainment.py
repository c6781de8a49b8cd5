"""Tests for the degree of attainment in analysis/analyses/attainment.py; expected values worked out by hand here."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.analyses.attainment import (assess_attainment, attainment_degree, attainment_summary, degree_rules,
                                          margin_column,
                                          judge)
from analysis.reconciled.report import open_report


def _row(**fields) -> pd.Series:
    base = dict(indicator="gdp", measure="growth", unit="%", value=5.0, value_high=pd.NA, decimals=1,
                qualifier=pd.NA, estimated=False, doc="d")
    return pd.Series({**base, **fields})


def test_level_target_gets_the_ratio_of_outcome_to_target() -> None:
    # Shizhong's 2023 FDI: 6782 万美元 against a target of at least 8000 万美元.
    degree = attainment_degree(6782, 8000, "level", "at_least")
    assert degree["ratio"] == pytest.approx(0.84775)  # 6782 / 8000
    assert degree["gap_pp"] is None and degree["margin_pp"] is None


def test_growth_target_gets_the_gap_in_points_and_a_signed_margin() -> None:
    assert attainment_degree(5.2, 5, "growth", "about")["gap_pp"] == pytest.approx(0.2)  # 5.2 − 5
    # CPI: lower is better, so 0.2% against about 3% is 2.8 pp on the right side of the target.
    cpi = attainment_degree(0.2, 3, "growth", "about", ceiling=True)
    assert (cpi["gap_pp"], cpi["margin_pp"]) == (pytest.approx(-2.8), pytest.approx(2.8))
    # A ceiling written as such (城镇调查失业率5.5%以内): 5.2 is 0.3 pp inside it.
    assert attainment_degree(5.2, 5.5, "share", "at_most")["margin_pp"] == pytest.approx(0.3)


def test_range_target_gap_is_the_distance_outside_the_range() -> None:
    # The nation's 2019 target 6–6.5%: 6.1 is inside (gap 0), 5.5 is 0.5 below, 7 is 0.5 above.
    assert attainment_degree(6.1, 6, "growth", "range", 6.5)["gap_pp"] == 0
    assert attainment_degree(5.5, 6, "growth", "range", 6.5)["gap_pp"] == pytest.approx(-0.5)
    assert attainment_degree(7.0, 6, "growth", "range", 6.5)["gap_pp"] == pytest.approx(0.5)


def test_judge_converts_units_and_states_an_absence() -> None:
    # 7056 人 against at least 0.5 万人 (5000 人): ratio 7056 / 5000 = 1.4112.
    target = _row(indicator="new_urban_jobs", measure="level", unit="万人", value=0.5, qualifier="at_least")
    outcome = _row(indicator="new_urban_jobs", measure="level", unit="人", value=7056.0, decimals=0)
    verdict = judge(target, outcome)
    assert verdict["status"] == "met" and verdict["ratio"] == pytest.approx(1.4112)
    assert verdict["outcome"] == pytest.approx(0.7056)
    absent = judge(_row(value=float("nan"), qualifier="no_target"), outcome)
    assert absent["status"] == "no target set" and absent["gap_pp"] is None
    assert judge(target, None)["status"] == "not comparable"


def test_summary_counts_judged_and_met_and_averages_the_margin_within_one_kind() -> None:
    judged = pd.DataFrame({
        "region": ["A", "A", "A", "A", "A", "A", "B"],
        "period": [2023, 2023, 2023, 2023, 2023, 2024, 2023],
        "status": ["met", "met", "missed", "met", "not comparable", "no target set", "missed"],
        "margin_pp": [0.5, None, -1.1, 2.8, None, None, -0.4],
        "ratio": [None, 1.2, None, None, None, None, None],
        "margin_kind": ["real growth", None, "real growth", "price change", None, None, "rate"],
    })
    out = attainment_summary(judged).set_index(["region", "period"])
    assert list(out.index) == [("A", 2023), ("B", 2023)]  # A 2024 has nothing judged
    a = out.loc[("A", 2023)]
    assert (a["judged"], a["met"]) == (4, 3)
    assert a["share_met"] == pytest.approx(3 / 4)
    # real growth (0.5 and -1.1) and the CPI's 2.8 are never averaged together
    assert a[margin_column("real growth")] == pytest.approx((0.5 - 1.1) / 2)
    assert a[margin_column("price change")] == pytest.approx(2.8)
    assert pd.isna(a[margin_column("nominal growth")]) and "mean_margin_pp" not in out
    assert a["mean_ratio"] == pytest.approx(1.2)
    assert out.loc[("B", 2023), "share_met"] == 0 and out.loc[("B", 2023), margin_column("rate")] == pytest.approx(-0.4)


def test_shipped_fdi_target_is_missed_by_a_stated_degree() -> None:
    attainment = assess_attainment(open_report("枣庄市市中区", 2023))
    fdi = attainment[(attainment["indicator"] == "fdi_utilized") & (attainment["measure"] == "level")].iloc[0]
    assert (fdi["target"], fdi["outcome"], fdi["status"]) == (8000, 6782, "missed")
    assert fdi["ratio"] == pytest.approx(6782 / 8000)


def test_degree_rules_name_no_region_s_figures() -> None:
    # the rules are shown on every region's page; a worked example comes from that region's own record
    rules = " ".join(degree_rules()["degree"])
    assert "outcome ÷ target" in rules and "6782" not in rules


def test_an_outcome_whose_statistic_is_not_recorded_is_not_read_as_monthly_rates() -> None:
    # An extracted outcome has no statistic (NA, not a string). Where the pair cannot be judged as it stands (the
    # target's sources disagree), the monthly-rates rule must not be asked of it: not judged, with the reason.
    target = _row(kind="target", value=5.0, qualifier="about", statistic=pd.NA, undecided=True)
    outcome = _row(kind="actual", value=5.2, statistic=pd.NA)
    verdict = judge(target, outcome)
    assert verdict["status"] == "not judged" and "no rule decides" in verdict["note"]


def test_the_rule_applied_names_the_row_of_the_rules_table_the_judgement_used() -> None:
    from analysis.analyses.attainment import attainment_rules, rule_applied

    rules = dict(zip(*attainment_rules(0.5).T.values))
    # a floor by its qualifier: 以上 is 'at least'; an unqualified growth target is 'exact' (a floor in practice)
    assert rule_applied("at_least", "fdi_utilized") == f"at least (以上, 突破): {rules['at least (以上, 突破)']}"
    assert rule_applied(None, "gdp").startswith("exact (增长10%): met if outcome ≥ target")
    # unemployment 5.5%左右 is a ceiling: its own row, not the floor rule for 'about'
    assert rule_applied("about", "surveyed_unemployment_rate") == f"unemployment: {rules['unemployment']}"
    # CPI 3%左右 is judged as the report words it (ceiling, level, or not judged): the CPI row
    assert rule_applied("about", "cpi") == f"CPI: {rules['CPI']}"
    # 以内 is an upper bound whatever the indicator
    assert rule_applied("at_most", "cpi").startswith("at most (以内, 以下): met if outcome ≤ target")
