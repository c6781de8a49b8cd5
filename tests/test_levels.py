"""Tests for analysis/analyses/levels.py and peers.py; expected values worked out by hand from the rows written here."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import pytest

from analysis.reconciled.revisions import resolved
from analysis.analyses.levels import default_chain, default_chains, excess_summary, panel_chain, target_chain
from analysis.analyses.peers import peer_table
from analysis.errors import DataError

ROW = dict(doc="d", region="全国", region_en="China", level="nation", report_year=2023, source="hand_entered",
           subject="", indicator="gdp", kind="target", period=2023, measure="growth", value_high=pd.NA, unit="%",
           qualifier=pd.NA, estimated=False, start=pd.NA, end=pd.NA, quote=pd.NA, source_url="http://x.org",
           source_note="目标")
PROVINCE = dict(doc="p", region="山东省", region_en="Shandong", level="province")
CITY = dict(doc="c", region="枣庄市", region_en="Zaozhuang", level="city")
DISTRICT = dict(doc="s", region="市中区", region_en="Shizhong", level="district")


@pytest.fixture
def table(make_table) -> Callable[..., pd.DataFrame]:
    return partial(make_table, ROW)


@pytest.fixture
def chain_rows(table) -> pd.DataFrame:
    return table(
        {"value": "5", "qualifier": "about"},                       # nation 5%左右
        {"value": "5", "qualifier": "at_least", **PROVINCE},        # province 5%以上
        {"value": "2039.04", "kind": "actual", "period": 2022, "measure": "level", "unit": "亿元", **CITY},
        {"value": "6", "qualifier": "about", **DISTRICT},           # district 6%左右
        {"value": "110", "measure": "level", "unit": "万人", "indicator": "new_urban_jobs", "qualifier": "at_least",
         **PROVINCE},
        {"value": "1200", "measure": "level", "unit": "万人", "indicator": "new_urban_jobs", "qualifier": "about"},
        {"value": "6.5", "kind": "actual", **DISTRICT, "report_year": 2024, "doc": "s24"},
    )


def test_promises_of_different_kinds_are_compared_as_intervals_not_subtracted(chain_rows) -> None:
    chain = target_chain(resolved(chain_rows)).set_index(["indicator", "level"])
    district = chain.loc[("gdp", "district")]
    # Under the stated rule (about: 0.5 pp below its number is met) 6%左右 accepts 5.5% and up, 5%以上
    # accepts 5% and up: the district asks 5.5 − 5 = +0.5 pp more, not 6 − 5 = +1.
    assert district["above_region"] == "山东省" and district["excess_pp"] == pytest.approx(5.5 - 5)
    assert district["promise"] == "about vs at_least"
    # the nation's 5%左右 accepts 4.5%: 5.5 − 4.5 = +1.0
    assert district["excess_over_nation_pp"] == pytest.approx(5.5 - 4.5)
    province = chain.loc[("gdp", "province")]
    # ≥5% against ≈5% is the stricter promise (5 − 4.5 = +0.5), not an equal one
    assert (province["excess_pp"], province["promise"]) == (pytest.approx(5 - 4.5), "at_least vs about")
    # with a wider tolerance the about targets accept more: 6 − 1 = 5 against 5, and 5 against 5 − 1 = 4
    wide = target_chain(resolved(chain_rows), about_tolerance_pp=1.0).set_index(["indicator", "level"])
    assert wide.loc[("gdp", "district"), "excess_pp"] == pytest.approx(0.0)
    assert wide.loc[("gdp", "province"), "excess_pp"] == pytest.approx(1.0)


def test_a_ceiling_and_a_floor_or_an_unstated_direction_are_kept_apart(table) -> None:
    # Unemployment 5.5%以内 (≤ 5.5) and 5.5%左右 (≤ 6.0 under the rule): the province is 0.5 pp stricter.
    # CPI 3%左右 with no sense stated: a ceiling or a level to reach? Kept apart, not subtracted.
    rows = table({"indicator": "surveyed_unemployment_rate", "measure": "share", "value": "5.5", "qualifier": "about"},
                 {"indicator": "surveyed_unemployment_rate", "measure": "share", "value": "5.5",
                  "qualifier": "at_most", **PROVINCE},
                 {"indicator": "cpi", "value": "3", "qualifier": "about"},
                 {"indicator": "cpi", "value": "3", "qualifier": "about", **PROVINCE})
    chain = target_chain(resolved(rows)).set_index(["indicator", "level"])
    assert chain.loc[("surveyed_unemployment_rate", "province"), "excess_pp"] == pytest.approx(5.5 - 6.0)
    assert pd.isna(chain.loc[("cpi", "province"), "excess_pp"])


def test_levels_are_compared_only_for_percentages(chain_rows) -> None:
    jobs = target_chain(resolved(chain_rows)).set_index(["indicator", "level"]).loc[("new_urban_jobs", "province")]
    assert jobs["above_target"] == 1200 and pd.isna(jobs["excess_pp"])  # 110 万人 vs 1200 万人: not one scale


def test_a_level_without_a_target_is_skipped_for_the_next_one_up_and_named(chain_rows) -> None:
    # The city set no GDP target in the data, so the district is compared with the province, and says so.
    chain = target_chain(resolved(chain_rows))
    assert "枣庄市" not in set(chain["region"])
    assert default_chain(chain_rows) == ["全国", "山东省", "枣庄市", "市中区"]
    gdp = chain[chain["indicator"].eq("gdp")].set_index("region")
    assert (gdp.at["市中区", "above_level"], gdp.at["市中区", "skipped"]) == ("province", "枣庄市")
    assert pd.isna(gdp.at["山东省", "skipped"]) and pd.isna(gdp.at["全国", "above_level"])


def test_excess_summary_keeps_kinds_of_promise_and_levels_compared_apart(chain_rows, table) -> None:
    # 2024: nation 5%左右 (4.5 accepted), province 5.5%以上: +1.0, a floor against an about target, as in
    # 2023 (+0.5); 2025: province 6%左右 over the nation's 5.5%左右 (+0.5, about vs about): two groups.
    rows = pd.concat([chain_rows, table(
        {"value": "5", "qualifier": "about", "period": 2024}, {"value": "5.5", "qualifier": "at_least", "period": 2024, **PROVINCE},
        {"value": "5.5", "qualifier": "about", "period": 2025}, {"value": "6", "qualifier": "about", "period": 2025, **PROVINCE})],
        ignore_index=True)
    summary = excess_summary(target_chain(resolved(rows))).set_index(["level", "indicator", "promise"])
    floor = summary.loc[("province", "gdp", "at_least vs about")]
    assert (floor["years"], floor["periods"], floor["above_level"]) == (2, "2023, 2024", "nation")
    assert floor["mean_excess_pp"] == pytest.approx((0.5 + 1.0) / 2) and floor["max_excess_pp"] == pytest.approx(1.0)
    assert summary.loc[("province", "gdp", "about vs about"), "mean_excess_pp"] == pytest.approx(5.5 - 5.0)
    district = summary.loc[("district", "gdp", "about vs at_least")]
    assert (district["above_level"], district["skipped"]) == ("province", "枣庄市")
    assert district["mean_excess_pp"] == pytest.approx(0.5)


def test_two_regions_of_one_level_need_a_chain(chain_rows, table) -> None:
    more = pd.concat([chain_rows, table({"value": "5.5", **DISTRICT, "region": "薛城区", "doc": "x"})],
                     ignore_index=True)
    with pytest.raises(DataError, match="2 regions of level district"):
        target_chain(resolved(more))
    assert set(target_chain(resolved(more), ["全国", "山东省", "薛城区"])["region"]) == {"全国", "山东省", "薛城区"}


def test_peers_count_targets_met_and_share(chain_rows) -> None:
    from analysis.analyses.attainment import margin_column
    from analysis.extract.catalog import load_catalog

    peers = peer_table(resolved(chain_rows), catalog=load_catalog()).set_index("region")
    district = peers.loc["市中区"]
    # One target (6%左右) judged against 6.5%: met, share 1/1, margin +0.5 pp of real growth (GDP).
    assert (district["targets"], district["judged"], district["met"]) == (1, 1, 1)
    assert district["share_met"] == 1 and district[margin_column("real growth")] == pytest.approx(0.5)
    assert pd.isna(district[margin_column("nominal growth")])
    assert (district["gdp_target"], district["gdp_outcome"]) == (6, 6.5)
    assert peers.loc["全国", "targets"] == 2 and peers.loc["全国", "judged"] == 0
    assert list(peer_table(resolved(chain_rows), "province")["region"]) == ["山东省"]


def test_several_districts_make_one_chain_each_through_the_levels_they_share(chain_rows, table) -> None:
    other = dict(doc="x", region="薛城区", region_en="Xuecheng", level="district")
    rows = pd.concat([chain_rows, table({"value": "7", "qualifier": "at_least", **other})], ignore_index=True)
    assert default_chains(chain_rows) == [["全国", "山东省", "枣庄市", "市中区"]]
    assert default_chains(rows) == [["全国", "山东省", "枣庄市", "市中区"], ["全国", "山东省", "枣庄市", "薛城区"]]
    chain = panel_chain(resolved(rows), default_chains(rows))
    gdp = chain[chain["indicator"].eq("gdp")].set_index("region")
    # each region once: nation, province and both districts (the city set no GDP target)
    assert sorted(gdp.index) == sorted(["全国", "山东省", "市中区", "薛城区"])
    # 7%以上 − the province's 5%以上 = 2 pp (a floor against a floor); 市中区 still 5.5 − 5 = 0.5 pp
    assert gdp.at["薛城区", "excess_pp"] == pytest.approx(7 - 5) and gdp.at["薛城区", "promise"] == "at_least vs at_least"
    assert gdp.at["市中区", "excess_pp"] == pytest.approx(5.5 - 5)


def test_several_cities_are_each_the_foot_of_a_chain_and_never_above_a_district(table) -> None:
    rows = table({"value": "5"}, {"value": "6", **CITY}, {"value": "6", **CITY, "region": "临沂市", "doc": "l"},
                 {"value": "7", **DISTRICT})
    assert default_chains(rows) == [["全国", "临沂市"], ["全国", "枣庄市"], ["全国", "市中区"]]


def test_a_level_that_states_no_target_is_listed_not_called_missing(chain_rows, table) -> None:
    # The city says it sets no GDP target: its own row says so, and the district's comparison with the
    # province passes over no level "without a target in the data".
    rows = pd.concat([chain_rows, table({"value": "nan", "qualifier": "no_target", **CITY})], ignore_index=True)
    gdp = target_chain(resolved(rows))
    gdp = gdp[gdp["indicator"].eq("gdp")].set_index("region")
    assert gdp.at["枣庄市", "target_qualifier"] == "no_target" and pd.isna(gdp.at["枣庄市", "excess_pp"])
    assert gdp.at["市中区", "above_region"] == "山东省" and pd.isna(gdp.at["市中区", "skipped"])


def test_a_given_chain_with_two_regions_of_one_level_is_refused(chain_rows, table) -> None:
    # 临沂市 is a peer of 枣庄市, not a level above it or one passed over.
    rows = pd.concat([chain_rows, table({"value": "6", **CITY, "region": "临沂市", "doc": "l"})], ignore_index=True)
    with pytest.raises(DataError, match="临沂市, 枣庄市 share the level city"):
        target_chain(resolved(rows), ["全国", "山东省", "临沂市", "枣庄市", "市中区"])


def test_years_passed_over_and_years_not_are_summarised_apart(chain_rows, table) -> None:
    # 2023: no city row, so the district (6%左右, 5.5 accepted) is set against the province (5%以上): +0.5,
    # 枣庄市 passed over. 2024: the city states no target (its own row), the district's 7%左右 (6.5
    # accepted) against the province's 6.5%以上: +0.0.
    rows = pd.concat([chain_rows, table(
        {"value": "6.5", "qualifier": "at_least", "period": 2024, **PROVINCE},
        {"value": "nan", "qualifier": "no_target", "period": 2024, **CITY},
        {"value": "7", "qualifier": "about", "period": 2024, **DISTRICT})], ignore_index=True)
    summary = excess_summary(target_chain(resolved(rows)))
    district = summary[summary["level"].eq("district")].set_index("periods")
    assert district.at["2023", "skipped"] == "枣庄市" and district.at["2023", "mean_excess_pp"] == pytest.approx(0.5)
    assert district.at["2024", "skipped"] == "" and district.at["2024", "mean_excess_pp"] == pytest.approx(0.0)
    assert list(summary["above_level"].astype(str).unique()) == ["nation", "province"]


def test_the_summary_reads_as_the_page_words_it(chain_rows) -> None:
    from analysis.extract.catalog import load_catalog
    from analysis.present.chain_tables import chain_sentences

    sentences = chain_sentences(excess_summary(target_chain(resolved(chain_rows))), load_catalog())
    assert ("Gross domestic product (地区生产总值), district vs province, ≈ about vs ≥ at least, 2023: excess +0.5 pp; "
            "枣庄市 has no such target in the data, so the district is compared with the province.") in sentences
    assert not any("nan" in s for s in sentences)


def test_findings_lead_with_what_differs_and_group_the_targets_equal_to_the_level_above(chain_rows, table) -> None:
    from analysis.extract.catalog import load_catalog
    from analysis.present.chain_tables import chain_findings

    # Promises compared as intervals (issue 19), an 'about' target accepting 0.5 pp beyond its number:
    # GDP: the province's 5%以上 accepts 5 and up, the nation's 5%左右 4.5 and up: 5 − 4.5 = +0.5 pp; the
    # district's 6%左右 accepts 5.5 and up against the province's 5: 5.5 − 5 = +0.5 pp (the city has none).
    # The province sets the nation's numbers: CPI 控制在3%左右 (a ceiling, as the report words it: up to 3.5
    # accepted at both levels, 3.5 − 3.5 = 0) in 2023 and 2024, and surveyed unemployment 5.5%左右 (a ceiling:
    # up to 6.0 at both, 6.0 − 6.0 = 0) in 2023: excess +0.0 pp each year, so one grouped line after the two
    # that differ.
    ceiling_cpi = {"value": "3", "qualifier": "about", "indicator": "cpi", "sense": "ceiling"}
    jobless = {"value": "5.5", "qualifier": "about", "indicator": "surveyed_unemployment_rate", "measure": "share"}
    rows = pd.concat([chain_rows, table(
        ceiling_cpi, {**ceiling_cpi, **PROVINCE}, {**ceiling_cpi, "period": 2024},
        {**ceiling_cpi, "period": 2024, **PROVINCE}, jobless, {**jobless, **PROVINCE})], ignore_index=True)
    found = chain_findings(excess_summary(target_chain(resolved(rows))), load_catalog())
    assert found == [
        "Gross domestic product (地区生产总值), province vs nation, ≥ at least vs ≈ about, 2023: excess +0.5 pp.",
        "Gross domestic product (地区生产总值), district vs province, ≈ about vs ≥ at least, 2023: excess +0.5 pp; "
        "枣庄市 has no such target in the data, so the district is compared with the province.",
        "Set at the nation's number (excess +0.0 pp), province vs nation: "
        "Consumer price index (居民消费价格): ≈ about vs ≈ about, 2023, 2024; "
        "Surveyed urban unemployment rate (城镇调查失业率): ≈ about vs ≈ about, 2023."]
