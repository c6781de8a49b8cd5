"""One decoding rule for hand-edited files: what Excel, WPS and Notepad save is read, the undecidable refused."""
from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.errors import DataError
from analysis.config import DATA_DIR
from analysis.staging.load import HAND_ENTERED_COLUMNS, load_hand_entered
from analysis.text.encoding import read_user_text

TEXT = "doc,region,subject\nref,全国,国内生产总值增长5%左右\n"
# How each tool saves: (bytes written, encoding read_user_text reports).
SAVED = {
    "Notepad UTF-8 / WPS": (TEXT.encode("utf-8"), "utf-8"),
    "Excel 'CSV UTF-8' (BOM)": (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    "Excel / Notepad ANSI on Chinese Windows": (TEXT.encode("gb18030"), "gb18030"),
    "Notepad 'Unicode' (UTF-16 LE, BOM)": (TEXT.encode("utf-16"), "utf-16"),
    "Notepad 'Unicode big endian'": (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
}


def _file(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "hand_entered.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("data", "encoding"), SAVED.values(), ids=SAVED.keys())
def test_reads_what_users_tools_write(tmp_path: Path, data: bytes, encoding: str) -> None:
    assert read_user_text(_file(tmp_path, data)) == (TEXT, encoding)


def test_gbk_is_read_as_gb18030_its_superset(tmp_path: Path) -> None:
    assert read_user_text(_file(tmp_path, TEXT.encode("gbk"))) == (TEXT, "gb18030")


@pytest.mark.parametrize(("data", "words"), [
    (TEXT.encode("utf-16-le"), ["line 1", "NUL byte at byte offset 1", "UTF-16 without a byte-order mark"]),
    (TEXT.encode("utf-8") + "山东省,增长\n".encode("gb18030"), ["line 3", "mixes two encodings"]),
    (TEXT.encode("gb18030") + b"\xff\n", ["line 3", "cannot decode as gb18030", "byte offset"]),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")[:-1], ["cannot decode as utf-16", "line 2"]),
], ids=["utf-16 without BOM", "mixed", "undecodable", "utf-16 cut short"])
def test_refuses_what_cannot_be_decided_naming_the_line(tmp_path: Path, data: bytes, words: list[str]) -> None:
    with pytest.raises(DataError) as caught:
        read_user_text(_file(tmp_path, data))
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'hand_entered.csv'}, line ") and "\n" not in message
    for word in words:
        assert word in message, message


# Property: a hand-entered CSV saved in any encoding users' tools write loads to the same table.
HANZI = "全国山东省枣庄市中区生产总值增长一般公共预算收入民生支出占比重左右以上预期目标统计局公报第页，。（）“”、"
CELL = st.text(alphabet=HANZI + "abcXYZ019 .,;:-\"'%", min_size=1, max_size=20).filter(lambda s: s.strip() == s)
ROW = st.fixed_dictionaries({
    "doc": st.sampled_from(["china-2023-ref", "shandong-2023-ref"]),
    "region": st.sampled_from(["全国", "山东省", "枣庄市市中区"]),
    "region_en": st.sampled_from(["China", "Shandong Province", "Shizhong District, Zaozhuang"]),
    "level": st.sampled_from(["nation", "province", "district"]),
    "report_year": st.integers(2000, 2030).map(str),
    "indicator": st.sampled_from(["gdp", "general_budget_revenue", "fixed_asset_investment", ""]),
    "subject": CELL,
    "kind": st.sampled_from(["actual", "target"]),
    "measure": st.just("growth"),
    "value": st.decimals(min_value=-20, max_value=99, places=1, allow_nan=False, allow_infinity=False).map(str),
    "unit": st.just("%"),
    "qualifier": st.sampled_from(["", "about", "at_least", "at_most"]),
    "estimated": st.sampled_from(["true", "false", "", "TRUE"]),
    "source_url": st.sampled_from(["", "http://www.stats.gov.cn/", "https://example.org/a?b=1,2"]),
    "source_note": st.one_of(st.just(""), CELL),
})
ENCODINGS = {"utf-8": b"", "utf-8-sig": b"", "gb18030": b"", "utf-16": b"", "utf-16-be": codecs.BOM_UTF16_BE}


def _csv(rows: list[dict], line_end: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, HAND_ENTERED_COLUMNS, lineterminator=line_end)  # quotes as Excel does
    writer.writeheader()
    for period, row in enumerate(rows, start=1990):  # one period per row keeps the key unique
        writer.writerow({**row, "period": str(period), "value_high": ""})
    return out.getvalue()


@pytest.mark.slow  # 60 generated files, each loaded through the schema: seconds, run by `make test`
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ROW, min_size=1, max_size=6), st.sampled_from(sorted(ENCODINGS)), st.sampled_from(["\n", "\r\n"]))
def test_a_hand_entered_csv_loads_the_same_in_every_encoding(tmp_path: Path, rows: list[dict], encoding: str,
                                                             line_end: str) -> None:
    text = _csv(rows, line_end)
    reference, saved = tmp_path / "utf8.csv", tmp_path / "saved.csv"
    reference.write_text(text, encoding="utf-8", newline="")
    saved.write_bytes(ENCODINGS[encoding] + text.encode(encoding))
    catalog = DATA_DIR / "indicators.yml"
    pd.testing.assert_frame_equal(load_hand_entered(saved, catalog), load_hand_entered(reference, catalog))
