"""Tests for analysis/present/findings.py and the label helpers it uses; expected texts written by hand."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import conflict_rows

from analysis.analyses.consistency import fits
from analysis.analyses.targets import ranked_steps
from analysis.present.findings import bullets, change_text, conflicts_finding, conflicts_section
from analysis.present.labels import figure_label, indicator_label, indicator_names

CATALOG = pd.DataFrame({"title_en": ["Gross domestic product"], "name_zh": ["地区生产总值"]},
                       index=pd.Index(["gdp"], name="id"))
# 311.7 亿元 from the 2023 report's text is used; a hand-entered reference gives 312.0 (a conflict row).
CONFLICTS = conflict_rows({
    "region": "枣庄市市中区", "indicator": "gdp", "kind": "actual", "period": 2022, "measure": "level",
    "title_en": "Gross domestic product", "name_zh": "地区生产总值",
    "used_doc": "sz-2023", "used_source": "extracted", "used_report_year": 2023, "used_value": 311.7,
    "used_decimals": 1, "used_unit": "亿元", "other_doc": "ref", "other_source": "hand_entered",
    "other_report_year": 2023, "other_value": 312.0, "other_decimals": 1, "other_unit": "亿元",
    "not_chosen": "extracted_first"})


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


def test_ranked_steps_put_the_most_and_least_demanding_at_the_ends():
    # The step is growth asked for minus prior growth, in pp, for growth and level targets alike:
    # FDI 8000/6510 − 1 = +22.89% after +7.8% is +15.09 pp, above 工业增加值's 10 − 8.6 = +1.4 pp;
    # trade 70/61.5 − 1 = +13.82% after +23.5% is −9.68 pp, below 固定资产投资's 12 − 16 = −4 pp.
    fdi, trade = (8000 / 6510 - 1) * 100 - 7.8, (70 / 61.5 - 1) * 100 - 23.5
    pairs = pd.DataFrame({"indicator": ["iva", "fai", "fdi", "trade", "share", "x"],
                          "paired": [True, True, True, True, True, False],
                          "step": [1.4, -4.0, fdi, trade, float("nan"), float("nan")]})
    ranked = ranked_steps(pairs)
    top, low = ranked.iloc[0], ranked.iloc[-1]
    assert (top["indicator"], low["indicator"]) == ("fdi", "trade") and len(ranked) == 4
    assert top["step"] == pytest.approx(15.09, abs=0.005) and low["step"] == pytest.approx(-9.68, abs=0.005)
    assert ranked_steps(pairs[pairs["step"].isna()]).empty


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


def test_a_growth_basis_in_a_list_is_named_whole() -> None:
    # 'a price change' must not be cut to 'a' (nor 'not applicable …' to 'not')
    from analysis.present.labels import basis_word
    assert [basis_word(b) for b in ("real", "nominal", "price", "none", None)] == [
        "real", "nominal", "a price change", "a count or rate", "unknown"]


def test_conflicts_of_other_years_are_counted_not_listed():
    # the key findings of a 2023 report speak of 2022 and 2023: a conflict on 2022 is listed, one on 2006
    # (in the growth paths across years) only counted
    older = CONFLICTS.assign(period=2006)
    both = pd.concat([CONFLICTS, older], ignore_index=True)
    text = conflicts_finding(both, years=(2022, 2023))
    assert text.startswith("Sources disagree on Gross domestic product (地区生产总值) actual 2022, level: 311.7 亿元 used")
    assert text.endswith("; and on 1 figure of other years (2006) — see Conflicting sources below.")
    assert conflicts_finding(older, years=(2022, 2023)) == (
        "Sources disagree on 1 figure of other years (2006) — see Conflicting sources below.")
