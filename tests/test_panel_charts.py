"""Tests for analysis/present/panel_charts.py and panel_tables.py: what the Axes and tables hold."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.extract.catalog import load_catalog  # noqa: E402
from analysis.present.panel_charts import NO_TARGET_LABEL, chain_over_years, targets_vs_outcomes  # noqa: E402
from analysis.present.chain_tables import chain_sentences, compared_with  # noqa: E402
from analysis.present.panel_tables import degree_example, degree_text, target_text, trend_shown  # noqa: E402
from conftest import conflict_rows  # noqa: E402


def _record() -> pd.DataFrame:
    base = dict(region="全国", region_en="China", level="nation", indicator="gdp", measure="growth", unit="%",
                target_high=float("nan"), target_doc="d", outcome_unit="%", outcome_doc="o", preliminary=False,
                prior=float("nan"), prior_doc=None, ambition=float("nan"), ambition_unit=None,
                borderline=False, ratio=float("nan"), margin_pp=float("nan"))
    rows = [
        dict(period=2019, target_set="target", target=6.0, target_high=6.5, target_qualifier="range", outcome=6.0,
             revised=True, status="met", gap_pp=0.0, first_outcome=6.1, first_doc="c-2020", first_vintage="first",
             outcome_vintage="final"),
        dict(period=2020, target_set="no target set", target=float("nan"), target_qualifier="no_target",
             outcome=2.3, revised=False, status="no target set", gap_pp=float("nan")),
        dict(period=2021, target_set="target", target=6.0, target_qualifier="at_least", outcome=8.1, revised=False,
             status="met", gap_pp=2.1),
        dict(period=2022, target_set="target", target=5.5, target_qualifier="about", outcome=3.0, revised=False,
             status="missed", gap_pp=-2.5),
    ]
    return pd.DataFrame([{**base, **r} for r in rows])


def test_targets_vs_outcomes_draws_outcomes_targets_by_qualifier_and_the_absence() -> None:
    ax = targets_vs_outcomes(_record(), "gdp")
    line = ax.get_lines()[0]
    assert list(line.get_xdata()) == [2019, 2020, 2021, 2022]
    assert list(line.get_ydata()) == [6.0, 2.3, 8.1, 3.0]
    labels = ax.get_legend_handles_labels()[1]
    assert {"target, ≈ about", "target, ≥ at least", "target, range", "outcome revised after first publication",
            "outcome as first published"} <= set(labels)
    # 2019's first published 6.1 is drawn beside the final 6.0 it was revised to
    firsts = [c for c in ax.collections if c.get_label() == "outcome as first published"][0]
    assert [tuple(p) for p in firsts.get_offsets()] == [(2019, 6.1)]
    assert [t.get_text().strip() for t in ax.texts] == [NO_TARGET_LABEL]
    # the words stand at the top of the axes, clear of the 2020 outcome (2.3 %) near the bottom
    assert ax.texts[0].get_position() == (2020, 0.97) and ax.texts[0].get_verticalalignment() == "top"
    assert any(list(l.get_xdata()) == [2020, 2020] for l in ax.get_lines()[1:])  # the dotted year line
    plt.close(ax.figure)


def test_chain_over_years_puts_each_level_in_its_colour() -> None:
    chain = pd.DataFrame({"indicator": "gdp", "measure": "growth", "unit": "%", "period": [2023, 2023],
                          "level": ["nation", "district"], "target": [5.0, 6.0], "target_high": [None, None],
                          "target_qualifier": ["about", "about"]})
    ax = chain_over_years(chain, "gdp")
    points = sorted(tuple(c.get_offsets()[0]) for c in ax.collections)
    assert [round(y, 1) for _, y in points] == [5.0, 6.0]
    assert [t.get_text() for t in ax.get_legend().get_texts()][:2] == ["nation", "district"]
    plt.close(ax.figure)


def test_tables_state_the_absence_and_the_degree() -> None:
    record = _record()
    assert target_text(record.iloc[1]) == "no target set"
    assert target_text(record.iloc[0]) == "6–6.5%"
    assert degree_text(record.iloc[3]) == "-2.5 pp"
    assert degree_text(pd.Series({"ratio": 6782 / 8000, "gap_pp": None})) == "84.8% of the target"
    # A source of the same vintage disagrees with the 2.3 % outcome of 2020; the revised 2019 outcome (final 6.0)
    # names the value first published (6.1), once, as a revision, not again as another source.
    other = {"region": "全国", "indicator": "gdp", "kind": "actual", "measure": "growth", "other_source": "hand_entered",
             "other_decimals": 1, "other_unit": "%", "used_report_year": 2021}
    conflicts = conflict_rows({**other, "period": 2020, "other_doc": "c-2021-news", "other_report_year": 2021,
                               "other_value": 2.2, "not_chosen": "report_words", "used_vintage": "first",
                               "other_vintage": "first"},
                              {**other, "period": 2019, "other_doc": "c-2020", "other_report_year": 2020,
                               "other_value": 6.1, "not_chosen": "later_vintage", "used_vintage": "final",
                               "other_vintage": "first"})
    shown = trend_shown(record, load_catalog(), conflicts)
    assert shown.loc[0, "Notes"] == "revised: outcome shown is the final (最终核实) figure; first published 6.1% (c-2020)"
    assert shown.loc[1, "Notes"] == "other source: 2.2 % in c-2021-news (hand-entered, 2021 report)"
    assert shown.loc[2, "Notes"] == ""
    tie = conflicts.assign(not_chosen="document_id")
    assert trend_shown(record, load_catalog(), tie).loc[1, "Notes"].endswith(
        "(no rule decides between them: neither is judged)")
    assert shown.loc[1, "Outcome (latest official figure)"] == "2.3%"


@pytest.mark.parametrize("qualifier", ["at_most", None])
def test_every_qualifier_has_a_marker_label(qualifier) -> None:
    record = _record().assign(target_qualifier=[qualifier, "no_target", qualifier, qualifier])
    ax = targets_vs_outcomes(record, "gdp")
    assert any(label.startswith("target, ") for label in ax.get_legend_handles_labels()[1])
    plt.close(ax.figure)


def test_degree_example_works_the_rules_on_the_region_s_own_targets() -> None:
    record = _record()
    fdi = dict(record.iloc[2]) | dict(indicator="fdi_utilized", measure="level", unit="万美元", period=2023,
                                      target=8000.0, target_qualifier="at_least", outcome=6782.0, status="missed",
                                      ratio=6782 / 8000, gap_pp=float("nan"))
    with_fdi = pd.concat([record, pd.DataFrame([fdi])], ignore_index=True)
    catalog = load_catalog()
    # The 2019 range is skipped (its gap is the distance outside the range); 2021: 8.1 − 6 = 2.1 pp;
    # FDI 2023: 6782 / 8000 = 0.84775 → 84.8%. The nation's GDP is 国内生产总值.
    assert degree_example(with_fdi, catalog) == (
        "Worked on this region's figures: Utilised foreign direct investment (实际利用外资) 2023, outcome "
        "6782万美元 against a target of ≥8000万美元: 6782 ÷ 8000 = 84.8%; Gross domestic product (国内生产总值) "
        "2021, outcome 8.1% against a target of ≥6%: 8.1 − 6 = +2.1 pp.")
    assert degree_example(record[record["status"].eq("no target set")], catalog) is None


def test_a_nation_s_gdp_is_named_as_the_nation_writes_it() -> None:
    catalog = load_catalog()
    shown = trend_shown(_record(), catalog, conflict_rows())
    assert set(shown["中文"]) == {"国内生产总值"}
    district = trend_shown(_record().assign(level="district"), catalog, conflict_rows())
    assert set(district["中文"]) == {"地区生产总值"}


def test_chain_sentences_name_the_levels_compared_and_the_kinds_of_promise() -> None:
    summary = pd.DataFrame([
        {"level": "province", "above_level": "nation", "indicator": "gdp", "measure": "growth",
         "promise": "at_least vs about", "years": 2, "mean_excess_pp": 0.25, "min_excess_pp": 0.0,
         "max_excess_pp": 0.5, "periods": "2023, 2024", "skipped": ""},
        {"level": "district", "above_level": "province", "indicator": "gdp", "measure": "growth",
         "promise": "exact vs at_least", "years": 1, "mean_excess_pp": 1.0, "min_excess_pp": 1.0,
         "max_excess_pp": 1.0, "periods": "2023", "skipped": "枣庄市"}])
    assert chain_sentences(summary, load_catalog()) == [
        "Gross domestic product (地区生产总值), province vs nation, ≥ at least vs ≈ about, 2023, 2024: "
        "excess +0.25 pp on average (from +0.0 to +0.5).",
        "Gross domestic product (地区生产总值), district vs province, exact vs ≥ at least, 2023: excess +1.0 pp; "
        "枣庄市 has no such target in the data, so the district is compared with the province."]
    two = summary.iloc[[1]].assign(above_level="nation", skipped="山东省、枣庄市")
    assert "; 山东省、枣庄市 have no such target in the data, so the district is compared with the nation." in (
        chain_sentences(two, load_catalog())[0])
    cpi = summary.iloc[[1]].assign(indicator="cpi", skipped="")
    assert chain_sentences(cpi, load_catalog())[0].endswith(
        "2023: excess +1.0 pp (a ceiling: a positive excess is a looser target).")
    assert compared_with(pd.Series({"above_region": "山东省", "above_level": "province", "skipped": "枣庄市"})) == (
        "province 山东省 (枣庄市: no target in the data)")
    assert compared_with(pd.Series({"above_region": None, "above_level": None, "skipped": None})) == ""
