"""The loader and the data checks: good data loads typed; each kind of bad input gets a clear error."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.config import DATA_DIR, ROOT
from analysis.errors import DataError
from analysis.load import TABLE_COLUMNS, load_hand_entered, load_table
from analysis.pipeline import validate_data


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A throw-away copy of the shipped data directory."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_table_is_typed_and_complete() -> None:
    table = load_table()
    assert list(table.columns) == [*TABLE_COLUMNS, "correction"]
    assert str(table["period"].dtype) == "Int64" and table["estimated"].dtype == bool
    hand = load_hand_entered()
    revenue = hand[(hand["indicator"] == "general_budget_revenue") & (hand["measure"] == "level")].iloc[0]
    assert (revenue["value"], revenue["decimals"], revenue["value_base"]) == (29.4, 1, 2_940_000_000.0)


HAND_HEADER = ("doc,region,region_en,level,report_year,indicator,subject,kind,period,measure,value,value_high,"
               "unit,qualifier,estimated,source_url,source_note\n")
GOOD_ROW = "ref,全国,China,nation,2023,gdp,国内生产总值,target,2023,growth,5,,%,about,false,http://example.org,p1\n"


def _row(**changes: str) -> str:
    fields = dict(zip(HAND_HEADER.strip().split(","), GOOD_ROW.strip().split(",")))
    fields.update(changes)
    return ",".join(fields.values()) + "\n"


# (case, CSV body after the header, words the message must contain)
BAD_HAND_ENTERED = [
    ("unknown indicator id", _row(indicator="gpd"), ["row 2", "indicator", "gpd"]),
    ("non-numeric value", _row(value="five"), ["row 2", "column 'value'", "five"]),
    ("unit not in vocabulary", _row(unit="亿英镑"), ["row 2", "column 'unit'", "亿英镑"]),
    ("share above 100", _row(measure="share", value="130"), ["row 2", "between 0 and 100"]),
    ("duplicate key", GOOD_ROW + GOOD_ROW, ["row 3", "duplicate key"]),
    ("unknown level", _row(level="county"), ["row 2", "level", "county"]),
    ("empty required cell", _row(kind=""), ["row 2", "column 'kind'", "empty"]),
    ("non-integer year", _row(period="2023.5"), ["row 2", "column 'period'"]),
    ("range without upper end", _row(qualifier="range"), ["row 2", "range"]),
]


@pytest.mark.parametrize(("case", "body", "words"), BAD_HAND_ENTERED, ids=[c[0] for c in BAD_HAND_ENTERED])
def test_bad_hand_entered_rows(data_dir: Path, case: str, body: str, words: list[str]) -> None:
    path = data_dir / "reference" / "hand_entered.csv"
    path.write_text(HAND_HEADER + body, encoding="utf-8")
    before = _snapshot(data_dir)
    with pytest.raises(DataError) as caught:
        load_table(data_dir)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message, (case, message)
    assert _snapshot(data_dir) == before


def test_missing_column_is_named(data_dir: Path) -> None:
    path = data_dir / "reference" / "hand_entered.csv"
    path.write_text(HAND_HEADER.replace(",source_note", "") + GOOD_ROW.rsplit(",", 1)[0] + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 1.*missing \['source_note'\]"):
        load_table(data_dir)


def _break_raw(data_dir: Path, change) -> Path:
    path = data_dir / "raw" / "shizhong-2023.txt"
    change(path)
    return path


BAD_RAW = [
    ("missing sidecar", lambda p: p.with_name("shizhong-2023.meta.yml").unlink(), ["no provenance sidecar"]),
    ("malformed sidecar", lambda p: p.with_name("shizhong-2023.meta.yml").write_text("doc: [unclosed\n"),
     ["meta.yml", "not valid YAML", "line"]),
    ("sidecar without region", lambda p: p.with_name("shizhong-2023.meta.yml").write_text(
        "doc: shizhong-2023\nlevel: district\nreport_year: 2023\n"), ["missing required field", "region"]),
    ("empty text", lambda p: p.write_bytes(b""), ["shizhong-2023.txt", "empty"]),
    ("binary file", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
     ["shizhong-2023.txt", "binary", "offset"]),
    ("undecodable bytes", lambda p: p.write_bytes("生产总值增长5%".encode("utf-8") + b"\xff\xfe" + "。".encode()),
     ["shizhong-2023.txt", f"byte offset {len('生产总值增长5%'.encode())}", "encoding"]),
]


@pytest.mark.parametrize(("case", "change", "words"), BAD_RAW, ids=[c[0] for c in BAD_RAW])
def test_bad_raw_documents_leave_processed_data_untouched(data_dir: Path, case: str, change, words: list[str]) -> None:
    _break_raw(data_dir, change)
    before = _snapshot(data_dir)
    with pytest.raises(DataError) as caught:
        validate_data(data_dir)
    for word in words:
        assert word in str(caught.value), (case, str(caught.value))
    assert _snapshot(data_dir) == before


def test_span_that_no_longer_matches_the_text_is_reported(data_dir: Path) -> None:
    table = pd.read_csv(data_dir / "processed" / "indicators.csv", dtype=str, keep_default_na=False)
    table.loc[0, "start"] = str(int(table.loc[0, "start"]) + 1)
    table.to_csv(data_dir / "processed" / "indicators.csv", index=False, lineterminator="\n")
    from analysis.load import load_indicators
    with pytest.raises(DataError, match=r"row 2: span .* reads"):
        load_indicators(data_dir / "processed" / "indicators.csv")


def test_cli_exits_non_zero_with_a_one_line_message(data_dir: Path) -> None:
    (data_dir / "reference" / "hand_entered.csv").write_text(HAND_HEADER + _row(value="five"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "analysis", "validate", "--data-dir", str(data_dir)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    assert "row 2, column 'value'" in result.stderr


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
    table = load_table(data_dir)
    fixed = table[table["doc"].eq("shizhong-2023") & table["start"].eq(start)].iloc[0]
    assert (fixed["value"], fixed["value_base"]) == (311.8, 311.8 * 10**8)
    assert "typo in the newspaper" in fixed["correction"]
    assert table["correction"].notna().sum() == 1


def test_correction_drops_one_figure(data_dir: Path) -> None:
    start = _gdp_level_start()
    before = len(load_table(data_dir))
    _corrections(data_dir, f"shizhong-2023,{start},drop,,,duplicate of the sidebar")
    table = load_table(data_dir)
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
        load_table(data_dir)
    assert str(path) in str(caught.value)
    for word in words:
        assert word in str(caught.value)


def test_corrections_listing_shows_the_figure_before(data_dir: Path) -> None:
    from analysis.overview import corrections_listing

    _corrections(data_dir, f"shizhong-2023,{_gdp_level_start()},fix,value,311.8,typo")
    listing = corrections_listing(data_dir)
    assert listing["as extracted"].tolist() == ["地方生产总值 = 311.7 亿元"]
