"""Data-overview helpers on a small data directory written in the test."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from analysis.config import DATA_DIR
from analysis.staging.load import load_indicators
from analysis.present.overview import coverage, document_sources, left_out, reasons_count, reference_sources
from analysis.staging.pipeline import write_extracted

SIDECAR = """doc: {doc}
region: 测试区
region_en: Test District
level: district
report_year: 2024
publisher: 测试日报
encoding: utf-8
title: 测试
"""


def _data_dir(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    (root / "raw").mkdir(parents=True)
    shutil.copy(DATA_DIR / "indicators.yml", root / "indicators.yml")
    (root / "raw" / "t.txt").write_text(
        "会议于2024年1月5日召开，应到代表200名。\n\n一、过去一年工作回顾\n\n全区生产总值完成100.5亿元，增长5%。"
        "其中过10亿元项目3个。\n\n二、2024年工作安排\n\n主要预期目标是：生产总值增长6%左右。", encoding="utf-8")
    (root / "raw" / "t.meta.yml").write_text(SIDECAR.format(doc="t"), encoding="utf-8")
    write_extracted(root)
    return root


def test_document_sources_reads_the_sidecars(tmp_path: Path) -> None:
    sources = document_sources(_data_dir(tmp_path))
    assert sources[["doc", "region", "level", "report_year"]].values.tolist() == [["t", "测试区", "district", 2024]]
    assert pd.isna(sources.at[0, "url"])


def test_coverage_and_left_out(tmp_path: Path) -> None:
    root = _data_dir(tmp_path)
    table = load_indicators(root)
    counts = coverage(table).set_index(["kind", "measure"])["figures"].to_dict()
    # actual 2023: level 100.5, growth 5, count 3 (过10亿元项目3个); target: growth 6
    assert counts == {("actual", "growth"): 1, ("actual", "level"): 2, ("target", "growth"): 1}
    skipped = left_out(root)
    reasons = dict(zip(skipped["text"], skipped["reason"]))
    assert "year" in reasons["2024"] and "date" in reasons["1"]
    assert "outside" in reasons["200"] and "threshold" in reasons["10"]
    assert "【200】" in skipped.loc[skipped["text"].eq("200"), "context"].iloc[0]
    assert reasons_count(skipped)["numbers"].sum() == len(skipped)


def test_reference_sources_counts_hand_entered_rows() -> None:
    refs = reference_sources(load_indicators())
    assert refs["figures"].sum() == int(load_indicators()["source"].eq("hand_entered").sum())
    assert refs["source_url"].str.startswith("http").all()


def test_figure_listing_shows_qualifier_and_source(tmp_path: Path) -> None:
    from analysis.extract.catalog import load_catalog
    from analysis.present.overview import figure_listing

    root = _data_dir(tmp_path)
    listing = figure_listing(load_indicators(root), load_catalog(root / "indicators.yml"))
    target = listing[listing["kind"].eq("target")].iloc[0]
    assert (target["indicator"], target["名称"], target["value"]) == ("Gross domestic product", "地区生产总值", "≈6%")
    assert target["source"].startswith("t [") and "主要预期目标是" in target["source"]
    assert set(listing["span"]) == {""}  # the test text's figures are all of one year


def test_figure_listing_says_how_many_years_a_figure_spans_and_where_a_change_started() -> None:
    from analysis.extract.catalog import load_catalog
    from analysis.extract.facts import extract_mentions
    from analysis.present.overview import figure_listing

    facts = extract_mentions("一、“十四五”时期工作回顾\n五年来，城镇新增就业累计260万人，城镇化率由60%提高到65.2%。", 2026)
    facts = facts.assign(doc="t", source="extracted", estimated=False)
    listing = figure_listing(facts, load_catalog())
    assert listing["span"].tolist() == ["total over several years", ""]
    assert listing["value"].tolist()[1] == "65.2% (from 60)"


def _repeated_table() -> pd.DataFrame:
    """Four figures each given by two rows: a revision that agrees, a target that conflicts, a range,
    and an indicator the catalog does not know."""
    columns = ["region", "indicator", "kind", "period", "measure", "doc", "source", "report_year",
               "value", "value_high", "decimals", "unit", "qualifier", "estimated"]
    nan = float("nan")
    rows = [
        ["测试区", "gdp", "actual", 2022, "level", "t-2023", "extracted", 2023, 311.7, nan, 1, "亿元", None, False],
        ["测试区", "gdp", "actual", 2022, "level", "t-2024", "extracted", 2024, 311.7, nan, 1, "亿元", None, True],
        ["测试区", "gdp", "target", 2023, "growth", "t-2023", "extracted", 2023, 6.0, nan, 0, "%", "about", False],
        ["测试区", "gdp", "target", 2023, "growth", "sidebar", "hand_entered", 2023, 7.0, nan, 0, "%", "about", False],
        ["测试区", "general_budget_revenue", "target", 2023, "growth", "t-2023", "extracted", 2023, 5.0, 6.0, 0,
         "%", "range", False],
        ["测试区", "general_budget_revenue", "target", 2023, "growth", "sidebar", "hand_entered", 2023, 5.0, 6.0, 0,
         "%", "range", False],
        ["测试区", "no_such_indicator", "actual", 2022, "level", "t-2023", "extracted", 2023, 3.0, nan, 0, "个", None,
         False],
        ["测试区", "no_such_indicator", "actual", 2022, "level", "sidebar", "hand_entered", 2023, 3.0, nan, 0, "个", None,
         False],
    ]
    return pd.DataFrame(rows, columns=columns)


def test_repeated_figures_reads_like_the_report() -> None:
    from analysis.extract.catalog import load_catalog
    from analysis.present.overview import repeated_figures
    from analysis.reconciled.reconcile import find_conflicts

    checks = find_conflicts(_repeated_table())
    # a column find_conflicts may gain later must not break the reader table
    checks["conflict_note"] = "note"
    shown = repeated_figures(checks, load_catalog(DATA_DIR / "indicators.yml"))
    assert list(shown.columns) == ["region", "indicator", "名称", "kind", "year", "measure", "first source",
                                   "second source", "revision", "status", "reason"]
    assert shown.drop(columns="reason").values.tolist() == [
        ["测试区", "Gross domestic product", "地区生产总值", "actual", 2022, "level", "t-2023: 311.7亿元",
         "t-2024: 311.7亿元 (preliminary)", "yes", "agrees within rounding"],
        ["测试区", "Gross domestic product", "地区生产总值", "target", 2023, "growth", "t-2023: ≈6%",
         "sidebar: ≈7%", "", "CONFLICT"],
        ["测试区", "General public budget revenue", "一般公共预算收入", "target", 2023, "growth", "t-2023: 5–6%",
         "sidebar: 5–6%", "", "agrees within rounding"],
        ["测试区", "no_such_indicator", "", "actual", 2022, "level", "t-2023: 3个", "sidebar: 3个", "",
         "agrees within rounding"],
    ]
    assert shown["reason"].tolist() == checks["reason"].tolist()
    assert "differ beyond rounding" in shown.at[1, "reason"]


def test_repeated_figures_of_no_checks_is_an_empty_table() -> None:
    from analysis.extract.catalog import load_catalog
    from analysis.present.overview import repeated_figures
    from analysis.reconciled.reconcile import find_conflicts

    checks = find_conflicts(_repeated_table().iloc[[0, 2, 4]])
    shown = repeated_figures(checks, load_catalog(DATA_DIR / "indicators.yml"))
    assert shown.empty and "status" in shown.columns


def test_consistency_sentence_names_the_conflicts() -> None:
    from analysis.present.overview import consistency_sentence
    from analysis.reconciled.reconcile import find_conflicts

    table = _repeated_table()
    assert consistency_sentence(find_conflicts(table)) == (
        "4 figure(s) are reported more than once (4 pair(s) of rows compared). **1 figure(s) conflict "
        "between sources (1 pair(s)): see [Consistency checks](#Consistency-checks).**")
    agreeing = find_conflicts(table.drop(index=[2, 3]))
    assert consistency_sentence(agreeing) == (
        "3 figure(s) are reported more than once (3 pair(s) of rows compared): all agree within rounding.")
    assert consistency_sentence(find_conflicts(table.iloc[[0]])) == "No figure is reported more than once."


def test_provenance_card_puts_fields_in_rows(tmp_path: Path) -> None:
    from analysis.present.overview import provenance_card

    card = provenance_card(document_sources(_data_dir(tmp_path)))
    assert card.columns.tolist() == ["field", "t"]
    fields = dict(zip(card["field"], card["t"]))
    assert (fields["region"], fields["level"], fields["report_year"], fields["publisher"]) == (
        "测试区", "district", 2024, "测试日报")
    assert "url" not in fields  # the sidecar gives none


def test_key_facts_counts_what_the_page_lists(tmp_path: Path) -> None:
    from analysis.reconciled.report import open_report
    from analysis.present.overview_page import key_facts, overview_results

    root = _data_dir(tmp_path)
    (root / "reference").mkdir()
    # The review's GDP growth again, from a hand-entered page: one figure reported twice, agreeing.
    (root / "reference" / "hand_entered.csv").write_text(
        "doc,region,region_en,level,report_year,indicator,subject,kind,period,measure,value,value_high,unit,"
        "qualifier,estimated,source_url,source_note\n"
        "t-ref,测试区,Test District,district,2024,gdp,生产总值,actual,2023,growth,5,,%,,false,"
        "https://example.org/t,\"测试日报: 生产总值增长5%\"\n", encoding="utf-8")
    report = open_report(data_dir=root)
    # By hand from the text: 100.5亿元, 5%, 3个 (过10亿元项目) and the 6% target are figures, three of
    # them GDP (a catalog indicator); 200 (framing), 2024 twice, 1 and 5 (the date) and 10 (the
    # threshold) are left out: six numbers.
    assert key_facts(report, overview_results(report, root)) == (
        "**Key facts.** 4 figures were extracted from 1 report text(s) and 1 figures were entered by hand "
        "from 1 reference source(s). 3 extracted figures matched an indicator of the catalog. "
        "1 figure(s) are reported more than once (1 pair(s) of rows compared): all agree within rounding. "
        "6 numbers in the text were left out on purpose (dates, labels, thresholds, framing text); they are "
        "listed at the end, with what the list covers. 0 correction(s) from `data/corrections.csv` are applied.")
