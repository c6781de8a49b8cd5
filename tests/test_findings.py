"""Tests for analysis/present/findings.py and the label helpers it uses; expected texts written by hand."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.consistency import fits
from analysis.analyses.targets import most_and_least_demanding
from analysis.present.findings import bullets, change_text, conflicts_finding, conflicts_section
from analysis.present.labels import figure_label, indicator_label, indicator_names

CATALOG = pd.DataFrame({"title_en": ["Gross domestic product"], "name_zh": ["地区生产总值"]},
                       index=pd.Index(["gdp"], name="id"))
CONFLICTS = pd.DataFrame({"title_en": ["Gross domestic product"], "name_zh": ["地区生产总值"],
                          "figure": ["actual 2022, level"], "used": ["311.7 亿元"],
                          "used_source": ["sz-2023 (extracted, 2023 report)"],
                          "other": ["312.0 亿元 in ref (hand-entered, 2023 report)"]})


def test_figure_label_shows_value_high_only_for_a_range():
    assert figure_label(6.0, "range", "%", 6.5) == "6–6.5%"
    assert figure_label(6.0, "about", "%", 6.0) == "≈6%"  # a stray value_high is ignored
    assert figure_label(6.0, None, "%", float("nan")) == "6%"
    assert figure_label(1.25, "undetermined", "%") == "1.2% (direction not determined)"


def test_indicator_names_from_the_catalog_or_the_subject():
    assert indicator_names("gdp", CATALOG) == ("Gross domestic product", "地区生产总值")
    assert indicator_names(None, CATALOG, "某项目") == ("(not in catalog)", "某项目")
    assert indicator_label("gdp", CATALOG) == "Gross domestic product (地区生产总值)"
    assert indicator_label("gdp", CATALOG, sep="\n") == "Gross domestic product\n地区生产总值"


def test_most_and_least_demanding_take_percentage_gaps_only():
    pairs = pd.DataFrame({"indicator": ["gdp", "fai", "trade", "x"], "paired": [True, True, True, False],
                          "comparison": ["gap_pp", "gap_pp", "implied_growth", None],
                          "change": [1.3, -4.0, 13.8, float("nan")]})
    top, low = most_and_least_demanding(pairs)
    assert (top["indicator"], low["indicator"]) == ("gdp", "fai")  # trade's 13.8 is growth, not a gap
    assert most_and_least_demanding(pairs[pairs["comparison"] != "gap_pp"]) == (None, None)


def test_fits_verdict():
    assert [fits("nominal", True), fits("nominal", False), fits("real", False), fits("real", True)] == [
        "yes", "no", "untestable", "untestable"]


def test_change_text_carries_the_qualifier():
    row = pd.Series({"comparison": "gap_pp", "change_qualifier": "at_least", "change": 1.3,
                     "change_min": 1.25, "change_max": 1.35})
    assert change_text(row) == "≥+1.3 pp (+1.25 to +1.35)"
    assert change_text(row.replace({"at_least": "undetermined"})).startswith("?+1.3 pp")


def test_conflicts_finding_and_section():
    assert conflicts_finding(CONFLICTS) == (
        "Sources disagree on Gross domestic product (地区生产总值) actual 2022, level: 311.7 亿元 used, "
        "312.0 亿元 in ref (hand-entered, 2023 report) — see Conflicting sources below.")
    assert "actual 2022" not in conflicts_finding(CONFLICTS, with_figure=False)
    assert conflicts_finding(CONFLICTS.iloc[0:0]) is None and conflicts_section(CONFLICTS.iloc[0:0], "c") == []
    heading, table = conflicts_section(CONFLICTS, "Conflicting sources")
    assert heading.startswith("## Conflicting sources\n\n**Conflicting sources.** one figure this report uses is")
    assert "312.0 亿元 in ref" in table.to_html()


def test_bullets():
    assert bullets(["a", "b"]) == "- a\n- b" and bullets(["a", "b"], spaced=True) == "- a\n\n- b"
