"""Tests for analysis/analyses/trends.py and panel.py; expected values worked out by hand from the rows written here."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import pytest

from analysis.reconciled.revisions import resolve_history, resolved
from analysis.analyses.trends import headline_indicator, target_record

NATION = dict(doc="c-2023", region="全国", region_en="China", level="nation", report_year=2023, source="hand_entered",
              subject="", indicator="gdp", kind="actual", period=2022, measure="growth", value_high=pd.NA, unit="%",
              qualifier=pd.NA, estimated=False, start=pd.NA, end=pd.NA, quote=pd.NA, source_url="http://x.org",
              source_note="国内生产总值")


@pytest.fixture
def table(make_table) -> Callable[..., pd.DataFrame]:
    return partial(make_table, NATION)


def _absent(frame: pd.DataFrame, period: int) -> pd.DataFrame:
    """A stated absence: the row a no_target line of hand_entered.csv loads as (value empty)."""
    row = frame.iloc[[0]].assign(doc=f"c-{period}", report_year=period, kind="target", period=period,
                                 value=float("nan"), qualifier="no_target", decimals=0)
    return pd.concat([frame, row], ignore_index=True)


@pytest.fixture
def nation(table) -> pd.DataFrame:
    rows = table(
        {"value": "6", "kind": "target", "period": 2019, "report_year": 2019, "doc": "c-2019"},
        {"value": "6.1", "period": 2019, "report_year": 2020, "doc": "c-2020"},
        {"value": "6.0", "period": 2019, "report_year": 2021, "doc": "final-2019"},  # a later revision
        {"value": "2.3", "period": 2020, "report_year": 2021, "doc": "c-2021"},
        {"value": "6", "kind": "target", "period": 2021, "report_year": 2021, "doc": "c-2021", "qualifier": "at_least"},
        {"value": "8.1", "period": 2021, "report_year": 2022, "doc": "c-2022"},
        {"value": "5.5", "kind": "target", "period": 2022, "report_year": 2022, "doc": "c-2022", "qualifier": "about"},
        {"value": "3", "period": 2022, "report_year": 2023, "doc": "c-2023"},
    )
    return _absent(rows, 2020)


def test_each_year_has_its_target_outcome_prior_and_gap(nation) -> None:
    record = target_record(resolved(nation), "全国").set_index("period")
    assert list(record.index) == [2019, 2020, 2021, 2022]
    y2022 = record.loc[2022]
    assert (y2022["target"], y2022["target_qualifier"], y2022["outcome"], y2022["prior"]) == (5.5, "about", 3.0, 8.1)
    assert y2022["gap_pp"] == pytest.approx(3 - 5.5)  # −2.5 pp: missed, even with the 0.5 pp 'about' tolerance
    assert y2022["status"] == "missed"
    assert y2022["ambition"] == pytest.approx(5.5 - 8.1)  # the target asked 2.6 pp less than the prior year gave
    y2021 = record.loc[2021]
    assert (y2021["status"], y2021["margin_pp"], y2021["ambition"]) == ("met", pytest.approx(2.1), pytest.approx(3.7))


def test_a_stated_absence_reads_no_target_set_and_keeps_the_outcome(nation) -> None:
    y2020 = target_record(resolved(nation), "全国").set_index("period").loc[2020]
    assert (y2020["target_set"], y2020["status"]) == ("no target set", "no target set")
    assert pd.isna(y2020["target"]) and y2020["outcome"] == 2.3
    assert pd.isna(y2020["gap_pp"]) and pd.isna(y2020["ambition"])


def test_a_later_restatement_is_used_once_and_marked_revised(nation) -> None:
    y2019 = target_record(resolved(nation), "全国").set_index("period").loc[2019]
    assert y2019["outcome"] == 6.0 and y2019["outcome_doc"] == "final-2019"  # the newest report, by the rule
    assert y2019["revised"]
    history = resolve_history(nation)
    conflicts = history.conflicts
    restated = conflicts[conflicts["other_report_year"].astype(float) != conflicts["used_report_year"].astype(float)]
    assert restated[["period", "used_doc", "other_doc", "other_value"]].values.tolist() == [[2019, "final-2019", "c-2020", 6.1]]
    one = history.figures
    assert len(one[(one["kind"] == "actual") & (one["period"] == 2019)]) == 1  # never two values


def test_a_year_without_any_target_row_reads_none_in_the_data(table) -> None:
    rows = table({"value": "6", "kind": "target", "period": 2021, "report_year": 2021},
                 {"value": "8.1", "period": 2020, "report_year": 2021})
    record = target_record(resolved(rows), "全国").set_index("period")
    assert record.loc[2020, "target_set"] == "none in the data" and record.loc[2020, "status"] == "no target in the data"


def test_outcome_in_another_unit_is_judged_in_the_target_unit(table) -> None:
    rows = table({"indicator": "new_urban_jobs", "measure": "level", "unit": "万人", "value": "0.5", "kind": "target",
                  "period": 2023, "qualifier": "at_least"},
                 {"indicator": "new_urban_jobs", "measure": "level", "unit": "人", "value": "7056", "period": 2023,
                  "report_year": 2024, "doc": "b"})
    row = target_record(resolved(rows)).iloc[0]
    assert row["outcome"] == pytest.approx(0.7056) and row["ratio"] == pytest.approx(7056 / 5000)


def test_headline_is_gdp_growth_when_targeted(nation) -> None:
    assert headline_indicator(target_record(resolved(nation), "全国")) == ("gdp", "growth")
    assert headline_indicator(target_record(resolved(nation.iloc[:0]), None)) is None


def test_outcome_record_lists_a_regions_catalogued_outcomes_by_indicator_measure_and_year(make_table) -> None:
    from analysis.analyses.trends import outcome_record
    from analysis.reconciled.revisions import resolved

    row = dict(doc="z", region="枣庄市", region_en="Zaozhuang", level="city", report_year=2024, source="hand_entered",
               indicator="gdp", subject="地区生产总值", kind="actual", period=2023, measure="growth", value_high=pd.NA,
               unit="%", qualifier=pd.NA, estimated=False, start=pd.NA, end=pd.NA, quote=pd.NA,
               source_url="http://example.org", source_note="p")
    rows = make_table(row, {"value": "6.4"}, {"value": "4.5", "period": 2022},
                      {"value": "2156.74", "measure": "level", "unit": "亿元"},
                      {"value": "7", "kind": "target", "period": 2024},                      # a target: not an outcome
                      {"value": "12", "indicator": pd.NA, "subject": "签约项目", "unit": "个", "measure": "level"},
                      {"value": "5", "region": "山东省", "level": "province"})               # another region's
    record = outcome_record(resolved(rows), "枣庄市")
    assert list(zip(record["measure"], record["period"], record["value"])) == [
        ("growth", 2022, 4.5), ("growth", 2023, 6.4), ("level", 2023, 2156.74)]
    assert not record["revised"].any()
