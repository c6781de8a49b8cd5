"""Tests for analysis/staging/reference.py: what a hand-entered figure is, and the documents it cites."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import DataError
from analysis.staging.reference import (REFERENCE_COLUMNS, check_reference_columns, load_documents, undescribed_docs,
                                        vintage_of, with_reference_columns)


def _rows(**columns) -> pd.DataFrame:
    base = {"kind": ["actual", "target"], "estimated": [False, False]}
    return pd.DataFrame({**base, **columns})


def test_a_file_without_the_columns_reads_them_as_unknown(tmp_path: Path) -> None:
    out = check_reference_columns(_rows(), tmp_path / "h.csv")
    assert set(REFERENCE_COLUMNS) <= set(out) and out[REFERENCE_COLUMNS].isna().all().all()


@pytest.mark.parametrize(("columns", "words"), [
    ({"source_type": ["blog", pd.NA]}, ["row 2", "column 'source_type'", "report, bulletin, release, news", "'blog'"]),
    ({"vintage": [pd.NA, "first"]}, ["row 3", "column 'vintage'", "not a target"]),
    ({"sense": ["ceiling", pd.NA]}, ["row 2", "column 'sense'", "not an actual figure"]),
    ({"statistic": ["december", pd.NA]}, ["row 2", "annual_average, year_end, months"]),
])
def test_bad_cells_name_row_and_column(tmp_path: Path, columns: dict, words: list[str]) -> None:
    with pytest.raises(DataError) as err:
        check_reference_columns(_rows(**columns), tmp_path / "h.csv")
    assert all(w in str(err.value) for w in words), str(err.value)


def test_a_preliminary_figure_is_the_vintage_expected(tmp_path: Path) -> None:
    rows = _rows(estimated=[True, False], vintage=["final", pd.NA])
    with pytest.raises(DataError, match="estimated .* is the vintage 'expected'"):
        check_reference_columns(rows, tmp_path / "h.csv")
    assert vintage_of(_rows(estimated=[True, False])).tolist()[0] == "expected"
    assert vintage_of(_rows()).tolist()[0] == "first" and pd.isna(vintage_of(_rows()).tolist()[1])


def test_an_extracted_figure_is_the_report_s_own_words() -> None:
    table = _rows(source=["extracted", "hand_entered"])
    out = with_reference_columns(table)
    assert out["source_type"].tolist()[0] == "report" and pd.isna(out["source_type"].tolist()[1])


def test_documents_load_checked_and_the_undescribed_are_named(tmp_path: Path) -> None:
    assert load_documents(tmp_path / "none.csv").empty
    path = tmp_path / "documents.csv"
    path.write_text("doc,issuer,title,meeting,published,note\na,国务院,政府工作报告,,2023-03-05,\n", encoding="utf-8")
    documents = load_documents(path)
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "text.txt").write_text("x", encoding="utf-8")
    assert undescribed_docs(pd.DataFrame({"doc": ["a", "b", "text"]}), documents, tmp_path / "raw") == ["b"]
    path.write_text("doc,issuer,title,meeting,published,note\na,,政府工作报告,,,\n", encoding="utf-8")
    with pytest.raises(DataError, match="row 2, column 'issuer'"):
        load_documents(path)
    path.write_text("doc,issuer,title,meeting,published,note\na,x,t,,,\na,y,u,,,\n", encoding="utf-8")
    with pytest.raises(DataError, match="row 3.*described twice"):
        load_documents(path)


def test_a_data_directory_without_hand_entered_rows_judges_its_targets(tmp_path) -> None:
    # Two reports of one county written for this test, no hand-entered file: the reference columns of the
    # extracted rows are unknown, and judging 2023's target (增长6%左右) against 2023's outcome (增长6.2%) works.
    import shutil
    from analysis import open_panel
    from analysis.config import DATA_DIR
    from analysis.present.levels_page import levels_results
    from analysis.staging.add_report import Provenance, add_report
    from analysis.staging.pipeline import write_extracted
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(DATA_DIR / "indicators.yml", root / "indicators.yml")
    texts = {2023: "2022年工作回顾。全县生产总值增长4.1%。2023年工作安排。全县生产总值增长6%左右。",
             2024: "2023年工作回顾。全县生产总值增长6.2%。2024年工作安排。全县生产总值增长5.5%左右。"}
    for year, text in texts.items():
        source = tmp_path / f"{year}.txt"
        source.write_text(text, encoding="utf-8")
        add_report(source, Provenance(region="甲县", region_en="A County", year=year, level="district"),
                   data_dir=root, doc=f"a-{year}")
    write_extracted(root)
    panel = open_panel(data_dir=root)
    # unknown, and None rather than pd.NA: `row.get("statistic") != "months"` must be False, not an error (the
    # shared corpus's 2004 national GDP target reached that comparison and stopped pages 04 and 05)
    assert all(cell is None for cell in panel.table["statistic"])
    chain = levels_results(panel)["chain"]
    assert sorted(chain["target"]) == [5.5, 6.0]


def test_an_extracted_year_end_rate_is_marked_year_end() -> None:
    # 年末城镇调查失业率降到5.5%: the rate of December, which the rule ranks after an annual average
    table = _rows(source=["extracted", "extracted"], subject=["年末城镇调查失业率", "城镇调查失业率"],
                  indicator=["surveyed_unemployment_rate", "surveyed_unemployment_rate"])
    assert with_reference_columns(table)["statistic"].tolist() == ["year_end", None]
