"""Headline targets of one level side by side, ranked, and against the nation's: promises compared as intervals."""
from __future__ import annotations

import math

import pandas as pd

from analysis.analyses import headline as hl


def _target(region: str, level: str, indicator: str, value: float, qualifier: str | None = None,
            high: float | None = None, measure: str = "growth", unit: str = "%", period: int = 2026,
            start: int = 0) -> dict:
    return {"region": region, "region_en": region, "level": level, "indicator": indicator, "measure": measure,
            "unit": unit, "period": period, "kind": "target", "value": value, "value_high": high,
            "qualifier": qualifier, "doc": f"{region}-{period}", "quote": "", "start": start}


# Five provinces' 2026 GDP targets (written for the test): two about 5%, one at least 5%, a range 5–5.5%,
# one exact 4.5%; the nation's 2025 target about 5% and 2026 target about 4.5%.
FIGURES = pd.DataFrame([
    _target("甲省", "province", "gdp", 5.5, "about"),
    _target("乙省", "province", "gdp", 5.0, "about"),
    _target("丙省", "province", "gdp", 5.0, "at_least"),
    _target("丁省", "province", "gdp", 5.0, "range", 5.5),
    _target("戊省", "province", "gdp", 4.5),
    _target("甲省", "province", "new_urban_jobs", 50.0, "at_least", measure="level", unit="万人"),
    _target("甲省", "province", "gdp", 6.0, "about", start=900),   # stated again later: the first counts
    _target("乙省", "province", "cpi", 2.0, "about"),
    _target("己省", "province", "gdp", 0.0, "no_target"),           # a stated absence is no target
    _target("全国", "nation", "gdp", 5.0, "about", period=2025),
    _target("全国", "nation", "gdp", 4.5, "about", period=2026),
    _target("子市", "city", "gdp", 6.0, "about", period=2026),
])


def test_targets_of_one_level_and_year_keep_their_kind() -> None:
    targets = hl.targets_of(FIGURES, "province", 2026)
    gdp = targets[targets["indicator"] == "gdp"].set_index("region")
    assert sorted(gdp.index) == ["丁省", "丙省", "乙省", "戊省", "甲省"]
    assert gdp.loc["甲省", "value"] == 5.5                  # the first statement, not the later 6.0
    assert gdp["kind"].to_dict() == {"甲省": "about", "乙省": "about", "丙省": "at_least", "丁省": "range", "戊省": "exact"}


def test_the_busiest_level_and_year() -> None:
    assert hl.busiest_level_year(FIGURES) == ("province", 2026)
    assert hl.busiest_level_year(FIGURES[FIGURES["region"].isin(["子市", "全国"])]) == ("city", 2026)
    assert hl.busiest_level_year(FIGURES[FIGURES["region"] == "全国"]) is None


def test_ranking_puts_the_highest_first_and_a_range_by_its_ends() -> None:
    ranked = hl.ranking(hl.targets_of(FIGURES, "province", 2026))
    assert ranked["region"].tolist() == ["甲省", "丁省", "丙省", "乙省", "戊省"]  # 5.5, 5–5.5, 5 (丙 before 乙 by name), 4.5


def test_the_nations_target_of_the_year_or_else_the_latest_before() -> None:
    row, year = hl.nation_target(FIGURES, "gdp", "growth", 2026)
    assert (year, row["value"]) == (2026, 4.5)
    row, year = hl.nation_target(FIGURES[FIGURES["period"] != 2026], "gdp", "growth", 2026)
    assert (year, row["value"]) == (2025, 5.0)
    assert hl.nation_target(FIGURES, "gdp", "growth", 2020) == (None, None)


def test_an_excess_compares_promises_as_intervals() -> None:
    gdp = hl.ranking(hl.targets_of(FIGURES, "province", 2026))
    nation, year = hl.nation_target(FIGURES, "gdp", "growth", 2026)
    excess = hl.excess_over_nation(gdp, nation, year).set_index("region")
    # Lowest GDP outcome each promise accepts (about: 0.5 pp below; at least, a range, exact: its low end),
    # against the nation's ≈4.5% (4.0): ≈5.5 → 5.0 − 4.0 = +1.0; ≈5 → 4.5 − 4.0 = +0.5; ≥5 → 5 − 4.0 = +1.0;
    # 5–5.5 → 5 − 4.0 = +1.0; exactly 4.5 (a floor) → 4.5 − 4.0 = +0.5
    assert excess["excess_pp"].to_dict() == {"甲省": 1.0, "丁省": 1.0, "丙省": 1.0, "乙省": 0.5, "戊省": 0.5}
    assert excess["comparable"].all() and excess.loc["丙省", "promise"] == "at_least vs about"
    summary = hl.excess_by_promise(excess.reset_index()).set_index("promise")
    assert summary.loc["about vs about", "regions"] == 2 and summary.loc["about vs about", "mean_excess_pp"] == 0.75
    assert summary.loc["about vs about", "names"] == "甲省、乙省"


def test_no_excess_over_a_national_target_of_another_year() -> None:
    # The data without the nation's 2026 target: its 2025 ≈5% is shown, but no 2026 promise is set against it
    figures = FIGURES[~((FIGURES["region"] == "全国") & (FIGURES["period"] == 2026))]
    nation, year = hl.nation_target(figures, "gdp", "growth", 2026)
    excess = hl.excess_over_nation(hl.targets_of(figures, "province", 2026), nation, year)
    assert year == 2025 and not excess["comparable"].any() and excess["excess_pp"].isna().all()


def test_a_cpi_target_whose_report_does_not_say_ceiling_or_level_gets_no_excess() -> None:
    rows = pd.DataFrame([_target("乙省", "province", "cpi", 2.0, "about"), _target("全国", "nation", "cpi", 2.0, "about")])
    nation, year = hl.nation_target(rows, "cpi", "growth", 2026)
    excess = hl.excess_over_nation(hl.targets_of(rows, "province", 2026), nation, year).iloc[0]
    assert not excess["comparable"] and math.isnan(excess["excess_pp"])


def test_how_many_used_each_kind_of_promise() -> None:
    counts = hl.kind_counts(hl.targets_of(FIGURES, "province", 2026)).set_index("indicator")
    assert counts.loc["gdp", ["regions", "at_least", "about", "range", "at_most", "exact"]].tolist() == [5, 1, 2, 1, 0, 1]
    assert counts.loc["new_urban_jobs", "at_least"] == 1 and counts.loc["cpi", "about"] == 1
    assert counts.loc["retail_sales", "regions"] == 0


def test_chains_follow_the_parents_the_gazetteer_recorded() -> None:
    from analysis.analyses.levels import chains_from_parents, default_chains
    table = pd.DataFrame({"region": ["全国", "山东省", "枣庄市", "枣庄市市中区", "枣庄市滕州市", "河北省", "测试区"],
                          "level": ["nation", "province", "city", "district", "county", "province", "district"]})
    parents = {"山东省": ["全国"], "枣庄市市中区": ["全国", "山东省", "枣庄市"], "枣庄市滕州市": ["全国", "山东省", "枣庄市"],
               "河北省": ["全国"], "全国": []}
    chains = chains_from_parents(table, parents)
    # the district and the county each under their city and province; 河北省 under the nation; the region with
    # no recorded parents (测试区) is chained by level as before
    assert ["全国", "山东省", "枣庄市", "枣庄市市中区"] in chains and ["全国", "山东省", "枣庄市", "枣庄市滕州市"] in chains
    assert ["全国", "河北省"] in chains and ["全国", "山东省"] not in chains
    assert ["全国", "测试区"] in chains and len(chains) == 4
    assert chains_from_parents(table, {}) == default_chains(table)
