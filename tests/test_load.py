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


# The horizon of a figure (issue 17): one year's figure, or one that spans several ----------------------------

def _hand_entered_with(data_dir: Path, header_extra: str, cells_extra: str, value: str = "5", unit: str = "%",
                       measure: str = "growth") -> Path:
    path = data_dir / "reference" / "hand_entered.csv"
    path.write_text("doc,region,region_en,level,report_year,indicator,subject,kind,period,measure,value,value_high,"
                    f"unit,qualifier,estimated,source_url,source_note{header_extra}\n"
                    f"x-ref,全国,China,nation,2021,gdp,国内生产总值,actual,2020,{measure},{value},,{unit},,false,"
                    f"https://example.org,typed in{cells_extra}\n", encoding="utf-8")
    return path


def test_hand_entered_rows_without_a_horizon_column_are_annual(data_dir: Path) -> None:
    hand = load_hand_entered(_hand_entered_with(data_dir, "", ""))
    assert hand["horizon"].tolist() == ["annual"] and hand["value_from"].isna().all()


def test_hand_entered_rows_may_give_horizon_and_starting_value(data_dir: Path) -> None:
    # 全国 GDP 五年年均增长 5.2%, written from 3.0 to 5.2 only to exercise value_from
    hand = load_hand_entered(_hand_entered_with(data_dir, ",horizon,value_from", ",average,3.0", "5.2"))
    assert hand[["horizon", "value_from"]].iloc[0].tolist() == ["average", 3.0]


def test_a_horizon_outside_the_vocabulary_names_row_and_column(data_dir: Path) -> None:
    path = _hand_entered_with(data_dir, ",horizon", ",five-year")
    with pytest.raises(DataError, match=r"row 2, column 'horizon'"):
        load_hand_entered(path)


def test_a_completion_rate_of_a_plan_may_pass_100_but_an_annual_share_may_not(data_dir: Path) -> None:
    # 完成年计划的118.2%: a ratio to plan; the same 118.2 as a plain share is refused
    hand = load_hand_entered(_hand_entered_with(data_dir, ",horizon", ",ratio_to_plan", "118.2", measure="share"))
    assert hand["value"].tolist() == [118.2]
    with pytest.raises(DataError, match="a share must lie between 0 and 100"):
        load_hand_entered(_hand_entered_with(data_dir, ",horizon", ",annual", "118.2", measure="share"))
