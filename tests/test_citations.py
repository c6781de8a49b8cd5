"""Tests for analysis/present/citations.py's conflict wording: rows of the conflicts table in words, written by hand."""
from __future__ import annotations

import pandas as pd

from conftest import conflict_rows

from analysis.present.citations import (CONFLICT_COLUMNS, conflict_note, conflicts_by_figure, conflicts_note,
                                        conflicts_shown, figure_text, other_sources)

REGION = "枣庄市市中区"
GDP_2023 = {"region": REGION, "indicator": "gdp", "kind": "actual", "period": 2023, "measure": "level",
            "title_en": "GDP", "name_zh": "生产总值"}
USED = {"used_doc": "sz-2024", "used_source": "extracted", "used_report_year": 2024, "used_value": 350.0,
        "used_decimals": 0, "used_unit": "亿元"}
# Two sources disagree with the 350 亿元 used for 2023 GDP, one with the 5.9 % used for its growth.
CONFLICTS = conflict_rows(
    {**GDP_2023, **USED, "other_doc": "ref", "other_source": "hand_entered", "other_report_year": 2024,
     "other_value": 331.0, "other_decimals": 0, "other_unit": "亿元", "not_chosen": "extracted_first"},
    {**GDP_2023, **USED, "other_doc": "bulletin", "other_source": "hand_entered", "other_report_year": 2025,
     "other_value": 340.25, "other_decimals": 2, "other_unit": "亿元", "not_chosen": "analysed_report"},
    {**GDP_2023, "measure": "growth", **USED, "used_value": 5.9, "used_decimals": 1, "used_unit": "%",
     "other_doc": "ref", "other_source": "hand_entered", "other_report_year": 2024, "other_value": 6.0,
     "other_value_high": 6.5, "other_decimals": 1, "other_unit": "%", "other_qualifier": "range",
     "not_chosen": "extracted_first"},
)


def test_figure_text_writes_the_value_as_the_source_does():
    side = pd.Series({"value": 5.0, "value_high": pd.NA, "decimals": 0, "unit": "%", "qualifier": "at_least"})
    assert figure_text(side) == "at least 5 %"
    assert figure_text(side.copy().set_axis(side.index).where(side.index != "qualifier", "range")) == "5 %"
    assert figure_text(pd.Series({"value": 6.0, "value_high": 6.5, "decimals": 1, "unit": "%", "qualifier": "range"})) == "6.0–6.5 %"
    assert figure_text(pd.Series({"value": 12345.0, "decimals": None, "unit": "万元", "qualifier": None})) == "12,345 万元"


def test_other_sources_name_each_row_in_order():
    assert other_sources(CONFLICTS.iloc[:2]) == ("331 亿元 in ref (hand-entered, 2024 report); "
                                                 "340.25 亿元 in bulletin (hand-entered, 2025 report)")
    assert other_sources(CONFLICTS.iloc[0:0]) == ""


def test_conflict_note_labels_each_figure_a_result_uses():
    level = (REGION, "gdp", "actual", 2023, "level")
    growth = (REGION, "gdp", "actual", 2023.0, "growth")  # a float period from a result column matches
    assert conflict_note(CONFLICTS, {"growth": growth, "target": (REGION, "gdp", "target", 2024, "growth")}) == (
        "growth: other source: 6.0–6.5 % in ref (hand-entered, 2024 report)")
    assert conflict_note(CONFLICTS, {None: level}).startswith("other source: 331 亿元 in ref")
    assert conflict_note(CONFLICTS, {"prior": (REGION, "gdp", "actual", 2022, "level")}) == ""


def test_conflicts_by_figure_is_one_row_per_figure():
    assert conflicts_by_figure(CONFLICTS).to_dict("records") == [
        {"title_en": "GDP", "name_zh": "生产总值", "figure": "actual 2023, level", "used": "350 亿元",
         "used_source": "sz-2024 (extracted, 2024 report)",
         "other": "331 亿元 in ref (hand-entered, 2024 report); 340.25 亿元 in bulletin (hand-entered, 2025 report)",
         "why": "over ref: the report text before a hand-entered page; over bulletin: it is the report analysed"},
        {"title_en": "GDP", "name_zh": "生产总值", "figure": "actual 2023, growth", "used": "5.9 %",
         "used_source": "sz-2024 (extracted, 2024 report)", "other": "6.0–6.5 % in ref (hand-entered, 2024 report)",
         "why": "over ref: the report text before a hand-entered page"}]


def test_conflicts_shown_and_note_count_figures_not_rows():
    shown = conflicts_shown(CONFLICTS)
    assert shown.columns.tolist() == CONFLICT_COLUMNS and len(shown) == 2
    assert shown.iloc[1].tolist() == ["GDP", "生产总值", "actual 2023, growth", "5.9 %",
                                      "sz-2024 (extracted, 2024 report)", "6.0–6.5 % in ref (hand-entered, 2024 report)",
                                      "over ref: the report text before a hand-entered page"]
    assert conflicts_note(CONFLICTS).startswith("**Conflicting sources.** 2 figures this report uses are")
    assert conflicts_note(CONFLICTS.iloc[:1]).startswith("**Conflicting sources.** one figure this report uses is")
    assert "report being analysed" in conflicts_note(CONFLICTS)
    assert conflicts_shown(CONFLICTS.iloc[0:0]).columns.tolist() == CONFLICT_COLUMNS


def test_every_step_of_the_rule_has_words_for_the_reader():
    from analysis.present.citations import WHY_USED
    from analysis.reconciled.reconcile import RULE_STEPS
    from analysis.reconciled.rule import FIRST_STEPS, TIE_CODES

    assert sorted(WHY_USED) == sorted({code for _, code in [*RULE_STEPS, *FIRST_STEPS]})
    assert all("no rule decides" in WHY_USED[code] for code in TIE_CODES)
