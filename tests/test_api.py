"""The analyses as methods (analysis.analyses.api): values worked by hand from the shipped texts and reference
rows, the pages' numbers through the same calls, and every docstring example run as written."""
from __future__ import annotations

import doctest

import pytest

import analysis
from analysis.analyses import api
from analysis.config import DATA_DIR
from analysis.present import levels_page, targets_page

SZ = "枣庄市市中区"
# The plan part of data/raw/shizhong-2023.txt ("第二部分:2023年政府工作安排", up to 下转十五版), read by eye: 31
# figures. Two are not the year's: a project list's 总投资398.6亿元 (spent over several years; the list's
# 年度计划投资109亿元 and its 74 projects are this year's) and "力争3年内2个迈入百亿元行列" (a goal for 2025; the
# 6 “区中园” it speaks of are this year's work). 6大国有企业 counts firms, not a target. The 29 annual ones, in
# the text's order:
ANNUAL_VALUES = [6, 6.5, 12, 10, 5.5,              # 生产总值, 一般公共预算收入, 固定资产投资, 规上工业增加值, 居民收入
                 1000, 550, 10, 2, 3, 100, 3, 6,   # “6+3”企业, 营业收入, 医疗器械兽药企业, 试点示范, 数字园区, 规上企业, 过10亿元企业, 区中园
                 109, 74, 2, 3, 11, 8000,          # 年度计划投资, 重点项目, 过100/50/10亿元项目, 实际利用外资(万美元)
                 15, 80, 130, 2, 1, 1, 15, 3100,   # 创新平台, 高企, 科技型中小企业, 产值占比(百分点), 人才 ×4
                 18, 70]                           # 进出口企业, 外贸进出口总额
MULTI_YEAR = {("鲁南大健康产业园、中建材新材料产业园等“区中园”", 2.0), ("总投资", 398.6)}
ANNUAL_COUNT = len(ANNUAL_VALUES)


@pytest.fixture(scope="module")
def report() -> api.Report:
    return analysis.open_report(SZ, 2023)


@pytest.fixture(scope="module")
def panel() -> api.Panel:
    return analysis.open_panel()


def test_the_public_face_opens_the_classes_with_the_analyses(report: api.Report, panel: api.Panel) -> None:
    assert isinstance(report, analysis.Report) and isinstance(panel, analysis.Panel)
    assert {"targets", "attainment"} <= set(dir(report)) and {"chain", "peers"} <= set(dir(panel))


def test_targets_are_the_years_annual_targets_and_the_multi_year_figures_apart(report: api.Report) -> None:
    targets = report.targets()
    assert len(targets) == ANNUAL_COUNT == 29
    assert list(targets["target"]) == ANNUAL_VALUES
    assert set(targets["horizon"]) == {"annual"}
    others = report.targets(multi_year=True)
    assert set(zip(others["subject"], others["target"])) == MULTI_YEAR
    assert not set(zip(targets["subject"], targets["target"])) & MULTI_YEAR
    # 生产总值增长6%左右 after 2022's 增长4.7%: +1.3 pp, an 'about' change
    gdp = targets.set_index("indicator").loc["gdp"]
    assert (gdp["target"], gdp["target_qualifier"], gdp["prior"]) == (6.0, "about", 4.7)
    assert gdp["change"] == pytest.approx(6.0 - 4.7) and gdp["change_qualifier"] == "about"


def test_attainment_judges_fdi_by_hand(report: api.Report) -> None:
    judged = report.attainment().set_index("indicator", drop=False)
    # 实际利用外资8000万美元以上 (2023 plan) against 6782万美元 (the 2024 report's review of 2023): 6782 / 8000
    fdi = judged.loc["fdi_utilized"]
    assert fdi["status"] == "missed" and fdi["ratio"] == pytest.approx(6782 / 8000) and round(fdi["ratio"], 3) == 0.848
    assert fdi["rule"].startswith("at least (以上") and "outcome ≥ target" in fdi["rule"]
    # 生产总值增长6%左右 against 6.5%: met, 0.5 pp above; the rule for 'about' is stated with its tolerance
    gdp = judged.loc["gdp"]
    assert (gdp["status"], gdp["gap_pp"]) == ("met", pytest.approx(0.5))
    assert gdp["rule"].startswith("about (左右)") and "0.5 pp" in gdp["rule"]
    # one row per annual target; a rule only where a target was judged
    assert len(judged) == ANNUAL_COUNT
    assert judged["rule"].notna().tolist() == judged["status"].isin(["met", "missed"]).tolist()


def test_a_wider_about_tolerance_is_passed_through(report: api.Report) -> None:
    # 固定资产投资增长12%左右 against 7.2%: missed by 4.8 pp with 0.5 pp of tolerance, met with 5 (12 − 5 = 7 ≤ 7.2)
    strict = report.attainment(0.5).set_index("indicator").loc["fixed_asset_investment"]
    lenient = report.attainment(5.0).set_index("indicator").loc["fixed_asset_investment"]
    assert (strict["status"], lenient["status"]) == ("missed", "met")
    assert "− 5 pp" in lenient["rule"]


def test_chain_of_the_2023_gdp_targets(panel: api.Panel) -> None:
    # nation 5%左右 (2023 national report), Shandong 5%以上 (its 2023 report), Shizhong 6%左右 (the seed)
    gdp = panel.chain("gdp", 2023, measure="growth")
    assert [(str(r.level), r.region, r.target, r.target_qualifier) for r in gdp.itertuples()] == [
        ("nation", "全国", 5.0, "about"), ("province", "山东省", 5.0, "at_least"), ("district", SZ, 6.0, "about")]
    district = gdp.iloc[2]
    assert district["above_region"] == "山东省" and district["skipped"] == "枣庄市"
    # promises compared as intervals (issue 19), 'about' accepting 0.5 pp below its number: 6%左右 accepts 5.5
    # and up, 5%以上 5 and up, 5%左右 4.5 and up. Over Shandong 5.5 − 5 = +0.5 pp (not 6 − 5 = +1.0); over the
    # nation 5.5 − 4.5 = +1.0 pp; Shandong over the nation 5 − 4.5 = +0.5 pp
    assert district["excess_pp"] == pytest.approx(5.5 - 5.0)
    assert district["excess_over_nation_pp"] == pytest.approx(5.5 - 4.5)
    assert gdp.iloc[1]["excess_pp"] == pytest.approx(5.0 - 4.5)
    # a wider tolerance is passed through: 6 − 1 = 5 against 5, so the district asks nothing more
    assert panel.chain("gdp", 2023, measure="growth", about_tolerance_pp=1.0).iloc[2]["excess_pp"] == pytest.approx(0.0)


def test_peers_of_one_level_and_year(panel: api.Panel) -> None:
    provinces = panel.peers("province", 2023)
    assert provinces["region"].tolist() == ["山东省"] and set(provinces["period"]) == {2023}
    # Shandong's 2023 GDP: target 5%以上, outcome 6.0% (its 2024 report)
    assert (provinces.iloc[0]["gdp_target"], provinces.iloc[0]["gdp_target_qualifier"],
            provinces.iloc[0]["gdp_outcome"]) == (5.0, "at_least", 6.0)
    assert set(panel.peers(year=2023)["level"]) >= {"nation", "province", "district"}
    # margins are kept per kind of measure (issue 19), never one mean across kinds
    assert "mean_margin_pp" not in provinces and {"margin_real_growth_pp", "margin_price_change_pp"} <= set(provinces)


@pytest.mark.slow  # opens the data several times: seconds
def test_the_pages_read_the_same_tables(report: api.Report, panel: api.Panel) -> None:
    """Page 03 and page 05 take their numbers from these methods: no second path to a number."""
    results = targets_page.target_results(report, 0.5)
    assert results["attainment"].equals(report.attainment(0.5))
    assert results["pairs"]["horizon"].eq("annual").sum() == ANNUAL_COUNT
    levels = levels_page.levels_results(panel, 0.5)
    assert levels["chain"].equals(panel.chain()) and levels["peers"].equals(panel.peers())


@pytest.mark.slow  # opens the data several times: seconds
def test_a_data_directory_is_passed_through() -> None:
    assert analysis.open_report(SZ, 2023, DATA_DIR).targets().shape == analysis.open_report(SZ, 2023).targets().shape


@pytest.mark.slow  # opens the data several times: seconds
def test_every_docstring_example_runs_as_written() -> None:
    failures, tried = doctest.testmod(api, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried >= 10 and failures == 0
