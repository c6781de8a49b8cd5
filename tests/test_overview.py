"""Data-overview helpers on a small data directory written in the test."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from analysis.config import DATA_DIR
from analysis.load import load_table
from analysis.overview import coverage, document_sources, left_out, reasons_count, reference_sources
from analysis.pipeline import write_extracted

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
    table = load_table(root)
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
    refs = reference_sources(load_table())
    assert refs["figures"].sum() == int(load_table()["source"].eq("hand_entered").sum())
    assert refs["source_url"].str.startswith("http").all()


def test_figure_listing_shows_qualifier_and_source(tmp_path: Path) -> None:
    from analysis.catalog import load_catalog
    from analysis.overview import figure_listing

    root = _data_dir(tmp_path)
    listing = figure_listing(load_table(root), load_catalog(root / "indicators.yml"))
    target = listing[listing["kind"].eq("target")].iloc[0]
    assert (target["indicator"], target["名称"], target["value"]) == ("Gross domestic product", "地区生产总值", "≈6%")
    assert target["source"].startswith("t [") and "主要预期目标是" in target["source"]
