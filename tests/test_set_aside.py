"""One odd figure never stops a build (issue 17): figures the table cannot hold are set aside with the check
they fail, listed among the numbers left out and counted, and every other figure goes in."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from analysis.config import DATA_DIR, data_paths
from analysis.present.overview import left_out
from analysis.staging.add_report import Provenance, add_report
from analysis.staging.pipeline import validate_data, write_extracted
from analysis.staging.schema import set_aside
from analysis.staging.set_aside import set_aside_counts

# A county summary written for this test: the second sentence states an urbanisation rate of 102%, which no
# share can be, so the table cannot hold it as read.
ODD = ("2022年工作回顾。全县生产总值完成186.5亿元，增长5.2%。常住人口城镇化率达到102%。"
       "2023年工作安排。全县生产总值增长6%左右。")


def _data_dir(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(DATA_DIR / "indicators.yml", root / "indicators.yml")
    for doc, text in (("odd", ODD), ("plain", ODD.replace("102%", "62.5%"))):
        source = tmp_path / f"{doc}.txt"
        source.write_text(text, encoding="utf-8")
        add_report(source, Provenance(region=f"{doc}县", region_en=f"{doc} county", year=2023, level="district"),
                   data_dir=root, doc=doc)
    return root


def test_a_figure_the_table_cannot_hold_is_set_aside_and_the_rest_goes_in(tmp_path: Path) -> None:
    root = _data_dir(tmp_path)
    _, count = write_extracted(root)
    table = pd.read_csv(data_paths(root).extracted)
    # 3 figures in each report (186.5, 5.2, 6) plus the plain report's 62.5: the odd report's 102 is out
    assert count == len(table) == 7
    assert 102 not in table["value"].tolist() and 62.5 in table["value"].tolist()
    assert set_aside_counts(root) == (1, 1)
    listed = pd.read_csv(data_paths(root).set_aside, dtype={"text": str})
    assert listed[["doc", "text"]].values.tolist() == [["odd", "102"]]
    assert listed["start"].tolist() == [ODD.index("102")]
    assert "a share must lie between 0 and 100" in listed["reason"].iloc[0]
    validate_data(root)  # the set-aside list is part of what the texts give: not stale


def test_set_aside_figures_are_among_the_numbers_left_out(tmp_path: Path) -> None:
    root = _data_dir(tmp_path)
    write_extracted(root)
    odd = left_out(root).query("doc == 'odd'")
    row = odd[odd["text"].eq("102")].iloc[0]
    assert row["reason"].startswith("set aside:") and "【102】" in row["context"]


def test_set_aside_names_the_check_of_each_row_it_takes_out() -> None:
    rows = pd.DataFrame({
        "doc": ["a", "a", "a"], "region": "甲县", "region_en": "A", "level": "district", "report_year": 2023,
        "source": "extracted", "indicator": pd.NA, "subject": "x", "kind": ["actual", "target", "target"],
        "period": [2022, 2023, 2023], "horizon": "annual", "measure": ["share", "growth", "growth"],
        # a share of 130; a decline range written high end first (减少8%至10% read as -8 to -10); a sound row
        "value": [130.0, -8.0, 6.0], "value_high": [float("nan"), -10.0, float("nan")], "value_from": float("nan"),
        "decimals": 0, "unit": "%", "qualifier": [pd.NA, "range", "about"], "value_base": [130.0, -8.0, 6.0],
        "base_unit": "%", "estimated": False, "basis": pd.NA, "start": [0, 10, 20], "end": [3, 12, 21],
        "quote_start": 0, "quote": "x" * 30, "source_url": pd.NA, "source_note": pd.NA})
    rows = rows.astype({"report_year": "Int64", "period": "Int64", "decimals": "Int64", "start": "Int64",
                        "end": "Int64", "quote_start": "Int64"})
    held, refused = set_aside(rows, DATA_DIR / "indicators.yml")
    assert held["value"].tolist() == [6.0]
    assert refused["value"].tolist() == [130.0, -8.0]
    assert "between 0 and 100" in refused["reason"].iloc[0] and "value_high" in refused["reason"].iloc[1]
