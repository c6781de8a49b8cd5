"""Tests for analysis/reconciled/reconcile.py: agreement within rounding, conflicts, deduplication, revisions."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import pytest

from analysis.extract.catalog import load_catalog
from analysis.reconciled.report import Panel, Report
from analysis.reconciled.revisions import resolve_history
from analysis.reconciled.reconcile import (RESOLUTION_RULE, RESOLVED_CONFLICT_COLUMNS, conflict_summary, conflicts_of,
                                           deduplicate, figures_agree, find_conflicts, interval_base, intervals_overlap,
                                           resolve, resolve_figures)

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


# --- one value per figure: resolve_figures ---------------------------------------------------------------

def test_conflict_reason_shows_intervals_in_the_written_unit(table):
    a, b = table({"value": "350"}, {"value": "331", "source": "hand_entered", "doc": "ref"}).iloc
    ok, reason = figures_agree(a, b)
    assert not ok
    assert reason == "350 亿元 and 331 亿元 differ beyond rounding ([349.5, 350.5) 亿元 vs [330.5, 331.5) 亿元)"


def test_counts_are_exact_when_compared(table):
    # 67家 and 68家 are different counts; 67家 and 67家 agree; a count inside a rounded 万家 interval agrees.
    a, b = table({"value": "67", "unit": "家"}, {"value": "68", "unit": "家"}).iloc
    ok, reason = figures_agree(a, b)
    assert not ok and "exactly 67 家 (a count)" in reason and "exactly 68 家 (a count)" in reason
    a, b = table({"value": "67", "unit": "家"}, {"value": "67", "unit": "家", "doc": "ref"}).iloc
    assert figures_agree(a, b)[0]
    assert intervals_overlap((11000.0, 11000.0), (10500.0, 11500.0))
    assert not intervals_overlap((11500.0, 11500.0), (10500.0, 11500.0))  # high end is open


# The columns of a conflict row these tests write out by hand (the key, then each side's source and value).
SHOWN = ["region", "indicator", "kind", "period", "measure", "used_doc", "used_report_year", "used_value",
         "other_doc", "other_source", "other_report_year", "other_value", "other_source_url", "not_chosen"]
KEY_2022 = {"region": "枣庄市市中区", "indicator": "gdp", "kind": "actual", "period": 2022, "measure": "level"}


def test_resolve_prefers_the_analysed_report_then_the_newest(table):
    rows = table({"value": "311.7", "report_year": 2023, "doc": "r2023"},
                 {"value": "315.0", "report_year": 2024, "doc": "r2024", "source_url": "https://example.org/r2024"})
    used, conflicts = resolve(rows, 2023)
    assert used["doc"].tolist() == ["r2023"] and used["conflict"].tolist() == [True]
    assert "conflict_note" not in used  # the other source is a row of `conflicts`, not words on the figure
    assert conflicts.columns.tolist() == RESOLVED_CONFLICT_COLUMNS
    assert conflicts[SHOWN].to_dict("records") == [{
        **KEY_2022, "used_doc": "r2023", "used_report_year": 2023, "used_value": 311.7, "other_doc": "r2024",
        "other_source": "extracted", "other_report_year": 2024, "other_value": 315.0,
        "other_source_url": "https://example.org/r2024", "not_chosen": "analysed_report"}]
    assert conflicts.at[0, "disagreement"].startswith("311.7 亿元 and 315.0 亿元 differ beyond rounding")
    # No analysed year (or one no row is from): the newest report, and the 2023 figure is the other source.
    for year in (None, 2022):
        used, conflicts = resolve(rows, year)
        assert used["doc"].tolist() == ["r2024"]
        assert conflicts[["used_doc", "other_doc", "other_value", "not_chosen"]].to_dict("records") == [
            {"used_doc": "r2024", "other_doc": "r2023", "other_value": 311.7, "not_chosen": "newer_report"}]
    assert resolve_figures(rows, 2023).equals(resolve(rows, 2023).figures)


def test_resolve_prefers_extracted_over_hand_entered_within_a_report(table):
    rows = table({"value": "331", "source": "hand_entered", "doc": "ref", "period": 2023, "report_year": 2024,
                  "source_url": "https://example.org/ref"},
                 {"value": "350", "doc": "sz-2024", "period": 2023, "report_year": 2024})
    used, conflicts = resolve(rows, 2024)
    assert used["value"].tolist() == [350.0]
    assert conflicts[SHOWN].to_dict("records") == [{
        **KEY_2022, "period": 2023, "used_doc": "sz-2024", "used_report_year": 2024, "used_value": 350.0,
        "other_doc": "ref", "other_source": "hand_entered", "other_report_year": 2024, "other_value": 331.0,
        "other_source_url": "https://example.org/ref", "not_chosen": "extracted_first"}]
    # The summary is the same rows with the figure's names (unnamed rows: the subject).
    summary = conflict_summary(used, conflicts)
    assert summary[["title_en", "name_zh", "used_doc", "other_doc", "other_value"]].to_dict("records") == [{
        "title_en": "生产总值", "name_zh": "生产总值", "used_doc": "sz-2024", "other_doc": "ref", "other_value": 331.0}]
    assert conflict_summary(used.assign(title_en="GDP", name_zh="地区生产总值"), conflicts).at[0, "title_en"] == "GDP"


def test_resolve_keeps_agreeing_figures_as_confirmation_not_conflict(table):
    rows = table({"value": "311.7", "report_year": 2023, "doc": "r2023"},
                 {"value": "312", "report_year": 2024, "doc": "r2024"},
                 {"value": "4.7", "measure": "growth", "unit": "%"})
    used, conflicts = resolve(rows, 2023)
    assert len(used) == 2 and not used["conflict"].any()
    assert used.iloc[0]["confirmed_by"] == "r2024 (extracted)"
    assert conflicts.empty and conflicts.columns.tolist() == RESOLVED_CONFLICT_COLUMNS
    assert conflict_summary(used, conflicts).empty


def test_resolve_lists_every_disagreeing_source_and_leaves_uncatalogued_rows(table):
    rows = table({"value": "350", "doc": "a", "start": 1}, {"value": "350", "doc": "a", "start": 99},
                 {"value": "331", "doc": "ref", "source": "hand_entered"},
                 {"value": "340", "doc": "ref2", "source": "hand_entered"},
                 {"value": "7", "indicator": pd.NA}, {"value": "8", "indicator": pd.NA})
    used, conflicts = resolve(rows)
    assert used["value"].tolist() == [350.0, 7.0, 8.0]
    # One row per other source, in the rule's order; the agreeing repeat of 350 is no conflict.
    assert conflicts[["used_doc", "used_value", "other_doc", "other_value", "not_chosen"]].to_dict("records") == [
        {"used_doc": "a", "used_value": 350.0, "other_doc": "ref", "other_value": 331.0, "not_chosen": "extracted_first"},
        {"used_doc": "a", "used_value": 350.0, "other_doc": "ref2", "other_value": 340.0, "not_chosen": "extracted_first"}]
    assert "report being analysed" in RESOLUTION_RULE and "hand-entered" in RESOLUTION_RULE


def test_resolve_within_one_report_year_never_depends_on_row_order(table):
    # Two hand-entered pages of the 2023 report year: a preliminary 2100 (预计, estimated) and a first
    # published 2039.04 (a later vintage).
    prelim = {"value": "2100", "doc": "a-news", "source": "hand_entered", "estimated": True}
    final = {"value": "2039", "doc": "b-review", "source": "hand_entered", "estimated": False}
    for rows in (table(prelim, final), table(final, prelim)):
        used, conflicts = resolve(rows)
        assert used["doc"].tolist() == ["b-review"]  # the later vintage, whatever the order
        assert conflicts["not_chosen"].tolist() == ["later_vintage"] and not used["undecided"].any()
    # Equal in every respect the rule names: nothing decides. Both stay listed (document id order, not
    # row order) and the figure is marked undecided, so that no analysis judges it.
    first, second = {**final, "doc": "z-page"}, {**final, "value": "2050", "doc": "m-page"}
    assert resolve_figures(table(first, second))["doc"].tolist() == ["m-page"]
    assert resolve_figures(table(second, first))["doc"].tolist() == ["m-page"]
    used, conflicts = resolve(table(second, first))
    assert conflicts["not_chosen"].tolist() == ["document_id"] and used["undecided"].tolist() == [True]
    assert "never depends on the order of rows" in RESOLUTION_RULE and "Nothing else decides" in RESOLUTION_RULE


def test_the_report_s_words_come_before_a_news_page_and_a_vintage_decides_outcomes(table):
    # 2008 GDP target: the report writes 8%左右, a press conference 8%: the report's qualifier is used.
    report = {"value": "8", "qualifier": "about", "doc": "z-report", "source": "hand_entered", "kind": "target",
              "measure": "growth", "unit": "%", "period": 2008, "report_year": 2008, "source_type": "report"}
    news = {**report, "qualifier": pd.NA, "doc": "a-news", "source_type": "news"}
    used, conflicts = resolve(table(news, report))
    assert used["qualifier"].tolist() == ["about"] and conflicts["not_chosen"].tolist() == ["report_words"]
    # 2007 GDP: 11.4 first published (2008), 13.0 final (2009): attainment uses 13.0, the prior year of the
    # 2008 target the 11.4 known when it was set.
    first = {"value": "11.4", "doc": "cctv", "source": "hand_entered", "measure": "growth", "unit": "%",
             "period": 2007, "report_year": 2008, "vintage": "first", "source_type": "release"}
    final = {**first, "value": "13.0", "doc": "final", "report_year": 2009, "vintage": "final"}
    assert resolve(table(first, final)).figures["value"].tolist() == [13.0]
    earliest, conflicts = resolve(table(first, final), mode="first")
    assert earliest["value"].tolist() == [11.4] and conflicts["not_chosen"].tolist() == ["earlier_vintage"]


def test_an_annual_average_is_not_the_rate_at_the_year_s_end(table):
    # 2022 surveyed unemployment: the bulletin gives the annual average 5.6 and the year-end 5.5; the
    # report the year-end 5.5. The annual average is used (the target names no other measure).
    base = {"source": "hand_entered", "indicator": "surveyed_unemployment_rate", "measure": "share", "unit": "%",
            "region": "全国", "level": "nation"}
    rows = table({**base, "value": "5.5", "doc": "report", "report_year": 2023, "statistic": "year_end",
                  "source_type": "report"},
                 {**base, "value": "5.6", "doc": "bulletin", "report_year": 2023, "statistic": "annual_average",
                  "source_type": "bulletin"},
                 {**base, "value": "5.5", "doc": "bulletin", "report_year": 2023, "statistic": "year_end",
                  "source_type": "bulletin"})
    used, conflicts = resolve(rows)
    assert used[["doc", "value", "statistic"]].to_dict("records") == [
        {"doc": "bulletin", "value": 5.6, "statistic": "annual_average"}]
    assert set(conflicts["not_chosen"]) == {"other_statistic"}
    assert figures_agree(rows.iloc[0], rows.iloc[2])[0]  # the report's and the bulletin's year-end agree
    assert figures_agree(rows.iloc[1], rows.iloc[2]) == (False, "different statistics: annual average vs year end")


def test_precision_and_place_in_the_text_do_not_decide(table):
    # One report, both extracted: 311.7 and 315, 4.6 and 4.7. More decimals or an earlier place in the text
    # is no reason to believe a value: both are listed (in that order) and neither is judged.
    rows = table({"value": "315", "start": 5}, {"value": "311.7", "start": 50},
                 {"value": "4.7", "measure": "growth", "unit": "%", "start": 90},
                 {"value": "4.6", "measure": "growth", "unit": "%", "start": 20})
    used, conflicts = resolve(rows, 2023)
    assert conflicts[["measure", "used_value", "other_value", "not_chosen"]].to_dict("records") == [
        {"measure": "level", "used_value": 311.7, "other_value": 315.0, "not_chosen": "more_decimals"},
        {"measure": "growth", "used_value": 4.6, "other_value": 4.7, "not_chosen": "earlier_in_text"}]
    assert used["undecided"].tolist() == [True, True]


def test_a_report_keeps_its_conflicts_and_those_of_its_history(table):
    # Analysing the 2023 report uses its 311.7 and names the 2024 restatement; the history (newest first)
    # uses 315.0, marks it revised and names the 2023 figure as the other source.
    rows = table({"value": "311.7", "report_year": 2023, "doc": "r2023"},
                 {"value": "315.0", "report_year": 2024, "doc": "r2024"})
    report = Report.from_table(rows, load_catalog(), "枣庄市市中区", 2023)
    assert report.conflicts[["used_doc", "other_doc", "not_chosen"]].to_dict("records") == [
        {"used_doc": "r2023", "other_doc": "r2024", "not_chosen": "analysed_report"}]
    assert report.history["revised"].tolist() == [True]
    assert report.history_conflicts[["used_doc", "other_doc", "not_chosen"]].to_dict("records") == [
        {"used_doc": "r2024", "other_doc": "r2023", "not_chosen": "newer_report"}]
    panel = Panel(rows, load_catalog())
    assert panel.conflicts.equals(resolve_history(rows).conflicts) and panel.figures["doc"].tolist() == ["r2024"]


def test_conflicts_of_filters_by_figure_in_the_figures_order(table):
    rows = table({"value": "311.7"}, {"value": "331", "doc": "ref", "source": "hand_entered"},
                 {"value": "4.7", "measure": "growth", "unit": "%"},
                 {"value": "4.9", "measure": "growth", "unit": "%", "doc": "ref", "source": "hand_entered"})
    used, conflicts = resolve(rows, 2023)
    growth_first = used.iloc[::-1]
    assert conflicts_of(conflicts, growth_first)["measure"].tolist() == ["growth", "level"]
    assert conflicts_of(conflicts, used[used["measure"].eq("level")])["other_value"].tolist() == [331.0]
    assert conflicts_of(conflicts, used.iloc[0:0]).empty
