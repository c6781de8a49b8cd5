"""Tests for analysis/analyses/growth.py: expected values are worked out by hand from the report's figures."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from conftest import bare_report, report_of

from analysis.present.citations import NO_URL, SOURCE_COLUMNS, source_title, sources_table
from analysis.analyses.growth import (cited_sources,
                                      growth_comparison, growth_conflicts,
                                      growth_paths, implied_prior_levels, implied_target_levels,
                                      reported_growth, row_interval)
from analysis.present.growth_page import target_remarks
from analysis.present.findings import REAL_ON_NOMINAL
from analysis.present.labels import basis_label, derived_label, format_interval
from analysis.reconciled.reconcile import resolve, resolve_figures

REGION = "枣庄市市中区"
CATALOG = pd.DataFrame({
    "id": ["gdp", "general_budget_revenue", "fixed_asset_investment", "trade_total"],
    "name_zh": ["地区生产总值", "一般公共预算收入", "固定资产投资", "进出口总额"],
    "title_en": ["Gross domestic product", "General public budget revenue",
                 "Fixed-asset investment", "Total imports and exports"],
    "growth_basis": ["real", "nominal", "nominal", "nominal"],
}).set_index("id", drop=False)


def row(indicator: str | None, measure: str, value: float, decimals: int, *, kind: str = "actual",
        period: int = 2022, unit: str | None = None, qualifier: str | None = None,
        value_high: float | None = None, report_year: int = 2023, start: int | None = 0,
        estimated: bool = False, subject: str | None = None, region: str = REGION) -> dict:
    """One indicator-table row with the agreed columns (only what these tests need varies)."""
    unit = unit or ("%" if measure == "growth" else "亿元")
    return {
        "doc": f"doc-{report_year}", "region": region, "region_en": "Shizhong", "level": "district",
        "report_year": report_year, "source": "extracted", "indicator": indicator,
        "subject": subject or indicator or "?", "kind": kind, "period": period, "measure": measure,
        "value": value, "value_high": value_high, "decimals": decimals, "unit": unit,
        "qualifier": qualifier, "value_base": value, "base_unit": unit, "estimated": estimated,
        "start": start, "end": None if start is None else start + 4, "quote": f"quote {indicator}",
        "source_url": None, "source_note": None,
    }


def table(*rows: dict) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows))
    frame["start"] = frame["start"].astype("Int64")
    frame["end"] = frame["end"].astype("Int64")
    return frame


SEED = table(
    row("gdp", "level", 311.7, 1, start=10),
    row("gdp", "growth", 4.7, 1, start=20),
    row("general_budget_revenue", "level", 27.6, 1, start=30),
    row("general_budget_revenue", "growth", 6.5, 1, start=40),
    row("fixed_asset_investment", "growth", 16, 0, start=50),
    row("gdp", "growth", 6, 0, kind="target", period=2023, qualifier="about", start=100),
    row("general_budget_revenue", "growth", 6.5, 1, kind="target", period=2023,
        qualifier="at_least", start=110),
    row("fixed_asset_investment", "growth", 12, 0, kind="target", period=2023, qualifier="about",
        start=120),
)


def test_row_interval_follows_rounding_and_qualifier():
    assert row_interval(pd.Series(row("gdp", "level", 311.7, 1))) == pytest.approx((311.65, 311.75))
    assert row_interval(pd.Series(row("gdp", "growth", 16, 0))) == pytest.approx((15.5, 16.5))
    # a bound is the threshold as written (增长6.5%以上 is not 6.45%; 突破5万亿元 is not 4.5万亿元)
    low, high = row_interval(pd.Series(row("gdp", "growth", 6.5, 1, qualifier="at_least")))
    assert low == 6.5 and high == math.inf
    low, high = row_interval(pd.Series(row("gdp", "growth", 5.5, 1, qualifier="at_most")))
    assert low == -100 and high == 5.5
    low, high = row_interval(pd.Series(row("gdp", "level", 5, 0, qualifier="at_least")))
    assert (low, high) == (5.0, math.inf)
    assert row_interval(pd.Series(row("gdp", "growth", 5, 0, qualifier="range", value_high=6))) \
        == pytest.approx((4.5, 6.5))


def test_basis_labels():
    assert basis_label("real") == "real (constant prices)"
    assert basis_label("nominal") == "nominal (current prices)"
    assert basis_label(None).startswith("unknown")


def test_reported_growth_lists_review_year_rates_with_basis():
    out = reported_growth(report_of(SEED, REGION, 2023, CATALOG))
    assert list(out["indicator"]) == ["gdp", "general_budget_revenue", "fixed_asset_investment"]
    gdp = out.iloc[0]
    assert gdp["title_en"] == "Gross domestic product" and gdp["name_zh"] == "地区生产总值"
    assert gdp["growth_basis"] == "real"
    assert (gdp["growth_low"], gdp["growth_high"]) == pytest.approx((4.65, 4.75))
    assert out.iloc[1]["growth_basis"] == "nominal"


def test_reported_growth_counts_a_repeated_figure_once_and_keeps_uncatalogued():
    repeated = table(row("gdp", "growth", 4.7, 1, start=20), row("gdp", "growth", 4.7, 1, start=900),
                     row(None, "growth", 3.0, 1, start=30, subject="某新指标"))
    out = reported_growth(report_of(repeated, REGION, 2023, CATALOG))
    assert len(out) == 2
    assert out.iloc[1]["title_en"] == "某新指标" and pd.isna(out.iloc[1]["growth_basis"])


def test_implied_prior_gdp_with_interval_and_warning():
    out = implied_prior_levels(report_of(SEED, REGION, None, CATALOG)).set_index("indicator")
    gdp = out.loc["gdp"]
    assert gdp["prior_period"] == 2021
    assert gdp["implied_prior"] == pytest.approx(311.7 / 1.047)
    assert gdp["implied_prior_low"] == pytest.approx(311.65 / 1.0475)
    assert gdp["implied_prior_high"] == pytest.approx(311.75 / 1.0465)
    assert gdp["basis_warning"]
    revenue = out.loc["general_budget_revenue"]
    assert revenue["implied_prior"] == pytest.approx(27.6 / 1.065)
    assert revenue["implied_prior_low"] == pytest.approx(27.55 / 1.0655)
    assert revenue["implied_prior_high"] == pytest.approx(27.65 / 1.0645)
    assert not revenue["basis_warning"]
    # Fixed-asset investment has a rate but no level: nothing to imply.
    assert "fixed_asset_investment" not in out.index


def test_implied_target_levels_carry_the_qualifier():
    # One convention on every page (issue 12, item 6): a target is a stated number, taken as exact;
    # only the base level's rounding widens the implied level. ≈6% on 311.7 is 311.7 × 1.06, interval
    # [311.65 × 1.06, 311.75 × 1.06], not [311.65 × 1.055, 311.75 × 1.065) as if 6% were rounded.
    out = implied_target_levels(report_of(SEED, REGION, 2023, CATALOG)).set_index("indicator")
    gdp = out.loc["gdp"]
    assert gdp["qualifier"] == "about"
    assert gdp["implied_level"] == pytest.approx(311.7 * 1.06)
    assert gdp["implied_low"] == pytest.approx(311.65 * 1.06)
    assert gdp["implied_high"] == pytest.approx(311.75 * 1.06)
    assert gdp["basis_warning"]
    revenue = out.loc["general_budget_revenue"]
    assert revenue["qualifier"] == "at_least"
    assert revenue["implied_low"] == pytest.approx(27.55 * 1.065)
    assert revenue["implied_high"] == math.inf  # at least: a lower bound only
    fai = out.loc["fixed_asset_investment"]
    assert math.isnan(fai["implied_level"]) and math.isnan(fai["base_level"])


def test_implied_target_level_of_a_range_target():
    data = table(row("trade_total", "level", 61.5, 1),
                 row("trade_total", "growth", 10, 0, kind="target", period=2023, qualifier="range",
                     value_high=15))
    trade = implied_target_levels(report_of(data, REGION, 2023, CATALOG)).iloc[0]
    assert (trade["implied_low"], trade["implied_high"]) == pytest.approx((61.45 * 1.10,
                                                                           61.55 * 1.15))


def test_growth_comparison_has_actual_target_and_outcome():
    data = pd.concat([SEED, table(row("gdp", "growth", 6.5, 1, period=2023, report_year=2024,
                                      estimated=True))], ignore_index=True)
    out = growth_comparison(report_of(data, REGION, 2023, CATALOG))
    gdp = out[out["indicator"] == "gdp"].set_index("series")
    assert gdp.loc["2022 actual", "value"] == 4.7
    assert gdp.loc["2023 target", "qualifier"] == "about"
    assert bool(gdp.loc["2023 outcome", "estimated"]) is True


def test_growth_paths_need_two_years_and_prefer_the_latest_report():
    data = pd.concat([SEED, table(
        row("gdp", "level", 331, 0, period=2023, report_year=2024, estimated=True),
        row("gdp", "growth", 6.5, 1, period=2023, report_year=2024, estimated=True),
        row("gdp", "growth", 4.8, 1, period=2022, report_year=2024))], ignore_index=True)
    out = growth_paths(report_of(data, REGION, None, CATALOG))
    assert set(out["indicator"]) == {"gdp"}  # revenue and FAI have only one year
    assert list(out["period"]) == [2022, 2023]
    assert list(out["growth"]) == [4.8, 6.5]  # 2022 as revised in the 2024 report
    assert list(out["level"]) == [311.7, 331]


def test_a_level_passed_as_a_bound_leaves_the_prior_a_bound() -> None:
    # 货物进出口总额增长7.7%，突破40万亿元: at least 40 / 1.0775 = 37.12… in the year before (the growth's
    # upper rounding gives the smallest prior), no upper bound; the page keeps both ≥
    data = table(row("trade_total", "growth", 7.7, 1, period=2022),
                 {**row("trade_total", "level", 40, 0, period=2022, start=20), "qualifier": "at_least", "unit": "万亿元"})
    prior = implied_prior_levels(report_of(data, REGION, None, CATALOG)).iloc[0]
    assert (prior["level_qualifier"], prior["implied_prior_qualifier"]) == ("at_least", "at_least")
    assert prior["implied_prior_low"] == pytest.approx(40 / 1.0775) and prior["implied_prior_high"] == math.inf
    from analysis.present.labels import bounded_derived
    label = bounded_derived(prior["implied_prior"], prior["implied_prior_low"], prior["implied_prior_high"],
                            prior["implied_prior_qualifier"], "万亿元")
    assert label.startswith("≥37.1")


def test_empty_table_gives_empty_results():
    empty = SEED.iloc[0:0]
    assert reported_growth(bare_report(empty, REGION, 2023, CATALOG)).empty
    assert implied_prior_levels(bare_report(empty, REGION, 2023, CATALOG)).empty
    assert implied_target_levels(bare_report(empty, REGION, 2023, CATALOG)).empty
    assert growth_paths(bare_report(empty, REGION, 2023, CATALOG)).empty


def test_dedupe_keeps_the_later_reports_final_over_an_earlier_preliminary():
    data = table(row("gdp", "growth", 6.5, 1, period=2023, report_year=2024, estimated=True),
                 row("gdp", "growth", 6.4, 1, period=2023, report_year=2025))
    out = resolve_figures(data)
    assert list(out["value"]) == [6.4] and list(out["report_year"]) == [2025]


def test_dedupe_merges_agreeing_repeats_and_resolves_disagreeing_ones_with_a_note():
    # 312 (no decimals) stands for [311.5, 312.5), which holds 311.7: one figure, the precise row kept.
    agree = table(row("gdp", "level", 311.7, 1, start=10),
                  {**row("gdp", "level", 312, 0, start=None), "doc": "ref", "source": "hand_entered"})
    out, conflicts = resolve(agree)
    assert list(out["value"]) == [311.7] and out.iloc[0]["confirmed_by"] == "ref (hand_entered)"
    assert not out.iloc[0]["conflict"] and conflicts.empty
    # 4.6 and 4.7 in one report, preliminary or not, are [4.55, 4.65) and [4.65, 4.75): a conflict.
    # Same report, both extracted, same decimals: the later vintage (not 预计) before the preliminary one,
    # whatever its place; when neither is preliminary, nothing decides: the earlier place in the text
    # (start 1) only lists it first, and the figure is marked undecided (neither is judged).
    disagree = table(row("gdp", "growth", 4.6, 1, estimated=True, start=1),
                     row("gdp", "growth", 4.7, 1, start=2))
    out, conflicts = resolve(disagree)
    assert list(out["value"]) == [4.7] and out["conflict"].all()
    assert conflicts[["used_value", "other_doc", "other_value", "not_chosen"]].to_dict("records") == [
        {"used_value": 4.7, "other_doc": "doc-2023", "other_value": 4.6, "not_chosen": "later_vintage"}]
    out, conflicts = resolve(table(row("gdp", "growth", 4.6, 1, start=1), row("gdp", "growth", 4.7, 1, start=2)))
    assert list(out["value"]) == [4.6] and conflicts["not_chosen"].tolist() == ["earlier_in_text"]
    assert out["undecided"].tolist() == [True]


def test_conflicting_sources_use_one_value_per_figure_and_say_so():
    # The text says 4.7%, a hand-entered row 4.8%: [4.65, 4.75) and [4.75, 4.85) do not overlap.
    # Both belong to the 2023 report, so the extracted text's 4.7 is used, the 4.8 named.
    data = table(row("gdp", "level", 311.7, 1, start=10), row("gdp", "growth", 4.7, 1, start=20),
                 {**row("gdp", "growth", 4.8, 1, start=None), "doc": "ref", "source": "hand_entered"},
                 row("gdp", "growth", 6, 0, kind="target", period=2023, start=30))
    rates = reported_growth(report_of(data, REGION, 2023, CATALOG))
    assert list(rates["growth"]) == [4.7] and list(rates["doc"]) == ["doc-2023"]
    assert list(rates["conflict"]) == [True] and "conflict_note" not in rates
    priors = implied_prior_levels(report_of(data, REGION, 2023, CATALOG))
    assert list(priors["implied_prior"]) == pytest.approx([311.7 / 1.047])
    assert list(priors["implied_prior_low"]) == pytest.approx([311.65 / 1.0475])
    assert list(priors["conflict"]) == [True]
    # The target is paired with one base level: the target row is not doubled.
    targets = implied_target_levels(report_of(data, REGION, 2023, CATALOG))
    assert len(targets) == 1 and not targets.loc[0, "conflict"]
    shown = growth_conflicts(report_of(data, REGION, 2023, CATALOG))
    assert shown[["indicator", "title_en", "kind", "period", "measure", "used_doc", "used_value", "other_doc",
                  "other_source", "other_value"]].to_dict("records") == [{
        "indicator": "gdp", "title_en": "Gross domestic product", "kind": "actual", "period": 2022,
        "measure": "growth", "used_doc": "doc-2023", "used_value": 4.7, "other_doc": "ref",
        "other_source": "hand_entered", "other_value": 4.8}]


def test_conflicting_base_levels_do_not_cross_in_implied_levels():
    # Two 2023 GDP levels (350 extracted, 331 hand-entered) and two rates (5.9, 6.5), all from the
    # 2024 report: the analysis uses 350 with 5.9 only, never 350/1.065 or 331/1.059.
    data = table(row("gdp", "level", 350, 0, period=2023, report_year=2024, start=10),
                 row("gdp", "growth", 5.9, 1, period=2023, report_year=2024, start=20),
                 {**row("gdp", "level", 331, 0, period=2023, report_year=2024, start=None),
                  "doc": "ref", "source": "hand_entered"},
                 {**row("gdp", "growth", 6.5, 1, period=2023, report_year=2024, start=None),
                  "doc": "ref", "source": "hand_entered"},
                 row("gdp", "growth", 6, 0, kind="target", period=2024, report_year=2024,
                     qualifier="about", start=30))
    priors = implied_prior_levels(report_of(data, REGION, 2024, CATALOG))
    assert list(priors["implied_prior"]) == pytest.approx([350 / 1.059])
    assert priors.loc[0, "conflict"]
    shown = growth_conflicts(report_of(data, REGION, 2024, CATALOG))
    assert shown[["measure", "used_value", "other_value"]].to_dict("records") == [
        {"measure": "level", "used_value": 350.0, "other_value": 331.0},
        {"measure": "growth", "used_value": 5.9, "other_value": 6.5}]
    targets = implied_target_levels(report_of(data, REGION, 2024, CATALOG))
    assert len(targets) == 1
    assert targets.loc[0, "implied_level"] == pytest.approx(350 * 1.06)
    assert targets.loc[0, "conflict"]
    assert growth_comparison(report_of(data, REGION, 2024, CATALOG))["value"].tolist() == [5.9, 6]


def test_format_interval_rounds_its_ends_outward():
    # 311.65 / 1.0475 = 297.5179… and 311.75 / 1.0465 = 297.8977…: low rounds down, high up, so the
    # interval shown holds every value of the true one (to nearest, 297.52 would cut 297.518…297.52).
    assert format_interval(311.65 / 1.0475, 311.75 / 1.0465) == "[297.51, 297.90]"
    # 36835.5 / 1.0585 = 34799.71… and 36836.5 / 1.0575 = 34833.57…, at units: [34,799, 34,834]
    assert format_interval(36835.5 / 1.0585, 36836.5 / 1.0575, 0) == "[34,799, 34,834]"
    assert format_interval(29.3271, math.inf) == "≥ 29.32 (no upper bound)"
    assert format_interval(-100, 5.2501) == "≤ 5.26 (no lower bound)"
    assert format_interval(1.25, 1.35) == "[1.25, 1.35]"  # an end exact at the digits shown stays


def test_cited_sources_counts_figures_per_document():
    data = pd.concat([SEED, table(row("gdp", "growth", 6.5, 1, period=2023, report_year=2024))],
                     ignore_index=True)
    out = cited_sources(data, REGION, 2023)
    assert list(out["doc"]) == ["doc-2023", "doc-2024"]
    assert list(out["figures"]) == [len(SEED), 1]


def test_cited_sources_adds_sidecar_provenance():
    sidecar = {"doc": "doc-2023", "title": "区十三届人大二次会议", "publisher": "市中云报",
               "date_published": "2023-02-09", "region": REGION}
    out = cited_sources(SEED, REGION, 2023, [sidecar])
    assert out.loc[0, "publisher"] == "市中云报" and out.loc[0, "date_published"] == "2023-02-09"


def test_basis_warning_only_where_a_real_rate_meets_a_level():
    # GDP (real) has a 2022 level: warned. Industrial value added (real, here via GDP's basis) has none:
    # no warning, only the unpaired note. Revenue (nominal) with a level: no warning.
    catalog = pd.concat([CATALOG, pd.DataFrame({"id": ["industrial_value_added"], "name_zh": ["工业增加值"],
                                                "title_en": ["Industrial value added"],
                                                "growth_basis": ["real"]}).set_index("id", drop=False)])
    data = table(row("gdp", "level", 311.7, 1), row("general_budget_revenue", "level", 27.6, 1),
                 row("gdp", "growth", 6, 0, kind="target", period=2023),
                 row("general_budget_revenue", "growth", 6.5, 1, kind="target", period=2023),
                 row("industrial_value_added", "growth", 10, 0, kind="target", period=2023))
    out = implied_target_levels(report_of(data, REGION, 2023, catalog)).set_index("indicator")
    assert list(out["basis_warning"]) == [True, False, False]
    remarks = dict(zip(out.index, target_remarks(out, 2022)))
    assert remarks == {"gdp": REAL_ON_NOMINAL, "general_budget_revenue": "",
                       "industrial_value_added": "no 2022 level reported: unpaired"}


def test_counts_have_exact_intervals_in_row_interval():
    assert row_interval(pd.Series({"value": 67.0, "decimals": 0, "unit": "家"})) == (67.0, 67.0)
    assert row_interval(pd.Series({"value": 1.1, "decimals": 1, "unit": "万家"})) == pytest.approx((1.05, 1.15))


# --- the sources table (analysis/present/citations.py) -----------------------------------------------------------

def test_sources_table_titles_texts_from_sidecars_and_hand_entered_sources_from_their_rows():
    ref = {**row("gdp", "level", 331, 0, period=2023, report_year=2024), "doc": "shizhong-2024-ref",
           "source": "hand_entered", "source_url": "http://example.org/2024",
           "source_note": "GDP 331 亿元 in the 2024 report"}
    other = {**row("gdp", "growth", 5, 0, kind="target", period=2023, region="山东省"),
             "doc": "shandong-ref", "source": "hand_entered", "region_en": "Shandong",
             "source_url": "http://example.org/sd"}
    data = pd.concat([SEED, table(ref, other)], ignore_index=True)
    sidecar = {"doc": "doc-2023", "title": "区十三届人大二次会议", "publisher": "市中云报",
               "date_published": "2023-02-09", "url": None}
    out = sources_table(data, [REGION, "山东省"], 2023, [sidecar])
    assert list(out.columns) == SOURCE_COLUMNS
    assert out["Document"].tolist() == ["doc-2023", "shizhong-2024-ref", "shandong-ref"]
    assert out["Title"].tolist() == [
        "区十三届人大二次会议",
        "Hand-entered reference figures, Shizhong (枣庄市市中区), 2024 report [shizhong-2024-ref]",
        "Hand-entered reference figures, Shandong (山东省), 2023 report [shandong-ref]"]
    assert "GDP 331" not in " ".join(out["Title"])  # a row's note is not a title
    assert out["Seen at"].tolist() == [NO_URL, "http://example.org/2024", "http://example.org/sd"]
    assert out["Issuer"].tolist() == ["市中云报", "—", "—"]
    assert out["Figures"].tolist() == [len(SEED), 1, 1]
    only = sources_table(data, REGION, 2023, [sidecar], include_next=False)
    assert only["Document"].tolist() == ["doc-2023"]
    assert sources_table(data, "nowhere", 2023).empty


def test_sources_table_cites_the_document_with_the_pages_it_was_seen_on_beside_it():
    # A hand-entered document is cited from documents.csv (issuer, title, meeting, date); each page its
    # figures give is listed with what the page is, a mirror marked as such, a Wikisource address decoded.
    wiki = "https://zh.wikisource.org/wiki/2023%E5%B9%B4"
    rows = [{**row("gdp", "growth", 5, 0, kind="target", period=2023, region="全国"), "doc": "china-2023-report",
             "source": "hand_entered", "source_url": wiki, "page_kind": "wikisource", "source_type": "report"},
            {**row("gdp", "growth", 3, 0, period=2022, region="全国"), "doc": "china-2023-report",
             "source": "hand_entered", "source_url": "http://copy.example/x", "page_kind": "mirror",
             "source_type": "report"}]
    documents = pd.DataFrame([{"doc": "china-2023-report", "issuer": "国务院", "title": "2023年《政府工作报告》",
                               "meeting": "十四届全国人大一次会议", "published": "2023-03-05", "note": ""}])
    out = sources_table(table(*rows), "全国", None, [], documents).iloc[0]
    assert (out["Issuer"], out["Title"], out["Meeting"], out["Published"]) == (
        "国务院", "2023年《政府工作报告》", "十四届全国人大一次会议", "2023-03-05")
    assert out["Kind"] == "work report; hand-entered (reference CSV)"
    assert out["Seen at"] == ("https://zh.wikisource.org/wiki/2023年 (Wikisource transcription); "
                              "http://copy.example/x (MIRROR: a copy on an unrelated site, low authority)")


def test_source_title_without_sidecar_says_so():
    assert source_title("x", "extracted", "某区", None, 2024) == "某区, 2024 work report [x] (no provenance sidecar)"
    assert source_title("x", "extracted", "某区", "Mou", 2024, {"doc": "x", "title": ""}) == (
        "Mou (某区), 2024 work report [x] (no title in its provenance sidecar)")


def test_derived_label_rounds_to_the_interval_and_keeps_the_qualifier():
    assert derived_label(34816.64, 34816.64 - 17, 34816.64 + 17, None, "元") == "34,820元"
    assert derived_label(330.4, 330.2, math.inf, "at_least", "亿元") == "≥330.4亿元"
    assert derived_label(330.4, 330.35, 330.45, "about", "亿元") == "≈330.40亿元"
    assert derived_label(330.4, 330.2, 333.0, "range", "亿元") == "330亿元"


def test_growth_of_at_least_leaves_the_prior_at_most() -> None:
    # 地区生产总值1000亿元 (exact to the 亿: [999.5, 1000.5)) after growth of 6%以上: the year before was at most
    # 1000.5 / 1.06 = 943.87…, and no lower bound but 0
    data = table(row("gdp", "level", 1000, 0, period=2022, unit="亿元"),
                 {**row("gdp", "growth", 6, 0, period=2022, start=20), "qualifier": "at_least"})
    prior = implied_prior_levels(report_of(data, REGION, None, CATALOG)).iloc[0]
    assert prior["implied_prior_qualifier"] == "at_most" and prior["implied_prior_low"] == 0
    assert prior["implied_prior_high"] == pytest.approx(1000.5 / 1.06)
    from analysis.present.labels import bounded_derived
    # digits from the closed side (1000 / 1.06 = 943.40 to 943.87), not from 0…943.87
    assert bounded_derived(prior["implied_prior"], 0.0, prior["implied_prior_high"], "at_most", "亿元") == "≤943.4亿元"
