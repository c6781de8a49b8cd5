"""The loader and the data checks: good data loads typed; each kind of bad input gets a clear error."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.config import DATA_DIR
from analysis.errors import DataError
from analysis.staging.load import TABLE_COLUMNS, load_hand_entered, load_indicators
from analysis.staging.reference import REFERENCE_COLUMNS


def test_table_is_typed_and_complete() -> None:
    table = load_indicators()
    assert list(table.columns) == [*TABLE_COLUMNS, "correction", *REFERENCE_COLUMNS]
    assert str(table["period"].dtype) == "Int64" and table["estimated"].dtype == bool
    hand = load_hand_entered()
    revenue = hand[(hand["indicator"] == "general_budget_revenue") & (hand["measure"] == "level")].iloc[0]
    assert (revenue["value"], revenue["decimals"], revenue["value_base"]) == (29.4, 1, 2_940_000_000.0)


def test_span_that_no_longer_matches_the_text_is_reported(data_dir: Path) -> None:
    table = pd.read_csv(data_dir / "processed" / "indicators.csv", dtype=str, keep_default_na=False)
    table.loc[0, "start"] = str(int(table.loc[0, "start"]) + 1)
    table.to_csv(data_dir / "processed" / "indicators.csv", index=False, lineterminator="\n")
    with pytest.raises(DataError, match=r"row 2: span .* reads"):
        load_indicators(data_dir)


def _corrections(data_dir: Path, *rows: str) -> Path:
    path = data_dir / "corrections.csv"
    path.write_text("doc,start,action,column,value,reason\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def _gdp_level_start() -> int:
    text = (DATA_DIR / "raw" / "shizhong-2023.txt").read_text(encoding="utf-8")
    return text.index("311.7")  # the first GDP level, found in the page itself


def test_correction_fixes_one_figure_and_keeps_the_reason(data_dir: Path) -> None:
    start = _gdp_level_start()
    _corrections(data_dir, f"shizhong-2023,{start},fix,value,311.8,typo in the newspaper (checked against the PDF)")
    table = load_indicators(data_dir)
    fixed = table[table["doc"].eq("shizhong-2023") & table["start"].eq(start)].iloc[0]
    assert (fixed["value"], fixed["value_base"]) == (311.8, 311.8 * 10**8)
    assert "typo in the newspaper" in fixed["correction"]
    assert table["correction"].notna().sum() == 1


def test_correction_drops_one_figure(data_dir: Path) -> None:
    start = _gdp_level_start()
    before = len(load_indicators(data_dir))
    _corrections(data_dir, f"shizhong-2023,{start},drop,,,duplicate of the sidebar")
    table = load_indicators(data_dir)
    assert len(table) == before - 1
    assert not (table["doc"].eq("shizhong-2023") & table["start"].eq(start)).any()


@pytest.mark.parametrize(("row", "words"), [
    ("shizhong-2023,7,drop,,,no such figure", ["row 2", "no extracted figure", "offset 7"]),
    ("shizhong-2023,{start},replace,value,1,typo", ["row 2", "action must be fix or drop"]),
    ("shizhong-2023,{start},fix,quote,x,typo", ["row 2", "column must be one of"]),
    ("shizhong-2023,{start},fix,value,lots,typo", ["row 2", "expected a number"]),
    ("shizhong-2023,{start},fix,value,1,", ["row 2", "reason are required"]),
])
def test_bad_corrections(data_dir: Path, row: str, words: list[str]) -> None:
    path = _corrections(data_dir, row.format(start=_gdp_level_start()))
    with pytest.raises(DataError) as caught:
        load_indicators(data_dir)
    assert str(path) in str(caught.value)
    for word in words:
        assert word in str(caught.value)


def test_corrections_listing_shows_the_figure_before(data_dir: Path) -> None:
    from analysis.present.overview import corrections_listing

    _corrections(data_dir, f"shizhong-2023,{_gdp_level_start()},fix,value,311.8,typo")
    listing = corrections_listing(data_dir)
    assert listing["as extracted"].tolist() == ["地方生产总值 = 311.7 亿元"]
