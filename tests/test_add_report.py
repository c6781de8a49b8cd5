"""add-report: copies the text byte for byte, writes the sidecar, never overwrites or half-writes."""
from __future__ import annotations

import codecs
import hashlib
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.staging.add_report import Provenance, add_report, next_step
from analysis.config import DATA_DIR, ROOT
from analysis.errors import DataError
from analysis.staging.pipeline import write_extracted
from analysis.staging.spans import check_spans
from analysis.text.sources import read_sidecar, read_text

META = Provenance(region="枣庄市市中区", region_en="Shizhong District, Zaozhuang, Shandong", year=2024,
                  level="district", publisher="枣庄市市中区人民政府", title="2024年政府工作报告",
                  url="https://example.org/gwr-2024.html")
# A 2024 report: review of 2023 ("过去一年"), then the 2024 plan. The first line shifts byte offsets
# away from character offsets in GBK (2 bytes a hanzi), so a span computed on bytes would be wrong.
REPORT = ("政府工作报告\n——2024年1月10日在区第十三届人民代表大会第三次会议上\n"
          "过去一年，全区地区生产总值增长5.5%，一般公共预算收入完成30.2亿元。\n"
          "今年主要预期目标是：地区生产总值增长6%左右。\n")
TODAY = date(2026, 11, 25)


def _source(tmp_path: Path, data: bytes, name: str = "shizhong-2024.txt") -> Path:
    path = tmp_path / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def test_writes_the_text_byte_for_byte_and_a_sidecar_read_sidecar_accepts(tmp_path: Path, data_dir: Path) -> None:
    data = REPORT.encode("gbk")
    added = add_report(_source(tmp_path, data), META, data_dir=data_dir, today=TODAY)
    raw = data_dir / "raw"
    assert (added.text, added.sidecar) == (raw / "shizhong-2024.txt", raw / "shizhong-2024.meta.yml")
    assert added.text.read_bytes() == data
    meta = read_sidecar(added.text)
    assert meta["encoding"] == added.encoding == "gb18030"
    assert meta["sha256"] == hashlib.sha256(data).hexdigest()
    assert (meta["doc"], meta["region"], meta["region_en"], meta["level"], meta["report_year"]) == (
        "shizhong-2024", META.region, META.region_en, "district", 2024)
    assert (meta["publisher"], meta["title"], meta["url"]) == (META.publisher, META.title, META.url)
    assert meta["date_accessed"] == TODAY and meta["notes"]
    assert read_text(added.text, meta["encoding"]) == REPORT
    assert sorted(p.name for p in raw.iterdir()) == sorted(
        ["shizhong-2023.txt", "shizhong-2023.meta.yml", "shizhong-2024.txt", "shizhong-2024.meta.yml"])


@pytest.mark.parametrize(("data", "expected"), [
    (REPORT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8-sig"),
    (REPORT.encode("gb18030"), "gb18030"),
    ("過去一年，全區地區生產總值增長5.5%，一般公共預算收入完成30.2億元。".encode("big5"), "big5"),
    (REPORT.encode("utf-16"), "utf-16"),  # Notepad's "Unicode": UTF-16 LE with BOM
    (codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"), "utf-16"),
], ids=["utf-8", "utf-8-bom", "gb18030", "big5", "utf-16-le-bom", "utf-16-be-bom"])
def test_records_the_detected_encoding(tmp_path: Path, data_dir: Path, data: bytes, expected: str) -> None:
    added = add_report(_source(tmp_path, data), META, data_dir=data_dir, today=TODAY)
    assert read_sidecar(added.text)["encoding"] == expected
    assert added.text.read_bytes() == data
    assert read_text(added.text, expected) == data.decode("utf-16" if expected == "utf-16" else expected)


def test_an_explicit_encoding_is_recorded_and_one_that_reads_worse_is_refused(snapshot, tmp_path: Path,
                                                                            data_dir: Path) -> None:
    data = "過去一年，全區生產總值增長5.5%。".encode("big5")
    assert data.decode("gb18030")  # the wrong codec decodes strictly: only plausibility can tell
    before = snapshot(data_dir)
    with pytest.raises(DataError, match="decodes as gb18030 but reads as big5"):
        add_report(_source(tmp_path, data), META, data_dir=data_dir, encoding="gb18030")
    assert snapshot(data_dir) == before
    added = add_report(_source(tmp_path, data), META, data_dir=data_dir, encoding="big5")
    assert read_sidecar(added.text)["encoding"] == "big5"


def test_never_overwrites_without_replace_and_replaces_with_it(snapshot, tmp_path: Path, data_dir: Path) -> None:
    first = add_report(_source(tmp_path, REPORT.encode("gbk")), META, data_dir=data_dir, today=TODAY)
    before = snapshot(data_dir)
    newer = REPORT.replace("5.5%", "5.6%").encode("utf-8")
    with pytest.raises(DataError, match=r"shizhong-2024\.txt: already exists; pass --replace"):
        add_report(_source(tmp_path, newer), META, data_dir=data_dir)
    assert snapshot(data_dir) == before
    first.text.unlink()  # a sidecar alone is protected too
    with pytest.raises(DataError, match=r"shizhong-2024\.meta\.yml: already exists"):
        add_report(_source(tmp_path, newer), META, data_dir=data_dir)
    added = add_report(_source(tmp_path, newer), META, data_dir=data_dir, replace=True, today=TODAY)
    assert added.text.read_bytes() == newer
    meta = read_sidecar(added.text)
    assert (meta["encoding"], meta["sha256"]) == ("utf-8", hashlib.sha256(newer).hexdigest())


BAD_FILES = [
    ("empty", b"", None, ["empty"]),
    ("whitespace only", b" \n\r\n", None, ["empty"]),
    ("binary with NUL", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), None, ["binary", "offset 8"]),
    ("binary without NUL", b"\x01\x02\x03\x04" * 64, None, ["binary", "control character"]),
    ("undecodable", REPORT.encode("gb18030") + b"\xff\xfe", None, ["cannot decode", "gb18030 (byte offset"]),
    ("bad byte in the given encoding", REPORT.encode("utf-8") + b"\xff", "utf-8",
     [f"byte offset {len(REPORT.encode('utf-8'))}", "line 5"]),
]


@pytest.mark.parametrize(("case", "data", "encoding", "words"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_files_are_refused_and_nothing_is_written(snapshot, tmp_path: Path, data_dir: Path, case: str, data: bytes,
                                                      encoding: str | None, words: list[str]) -> None:
    before = snapshot(data_dir)
    with pytest.raises(DataError) as caught:
        add_report(_source(tmp_path, data), META, data_dir=data_dir, encoding=encoding or "auto")
    for word in ["shizhong-2024.txt", *words]:
        assert word in str(caught.value), (case, str(caught.value))
    assert snapshot(data_dir) == before
    assert sorted(p.name for p in (data_dir / "raw").iterdir()) == ["shizhong-2023.meta.yml", "shizhong-2023.txt"]


@pytest.mark.parametrize(("name", "doc", "words"), [
    ("report.txt", "../evil", ["--doc '../evil'", "safe document name"]),
    ("report.txt", "a/b", ["--doc 'a/b'"]),
    ("report.txt", ".hidden", ["--doc '.hidden'"]),
    ("市中区2024.txt", None, ["the file name '市中区2024'", "--doc"]),
    ("---.txt", None, ["the file name '---'"]),
], ids=["parent", "slash", "hidden", "chinese-stem", "no-letters"])
def test_unsafe_document_names_are_refused(snapshot, tmp_path: Path, data_dir: Path, name: str, doc: str | None,
                                           words: list[str]) -> None:
    source = _source(tmp_path, REPORT.encode(), name)
    before = snapshot(tmp_path)
    with pytest.raises(DataError) as caught:
        add_report(source, META, data_dir=data_dir, doc=doc)
    assert all(word in str(caught.value) for word in words), str(caught.value)
    assert snapshot(tmp_path) == before


def test_default_document_name_is_a_slug_of_the_file_stem(tmp_path: Path, data_dir: Path) -> None:
    added = add_report(_source(tmp_path, REPORT.encode(), "Shizhong GWR 2024.txt"), META, data_dir=data_dir)
    assert added.text.name == "shizhong-gwr-2024.txt"


def test_bad_provenance_flags_are_refused(tmp_path: Path, data_dir: Path) -> None:
    source = _source(tmp_path, REPORT.encode())
    for meta, words in [
        (Provenance(region="", region_en="x", year=2024, level="district"), "--region is empty"),
        (Provenance(region="x", region_en="x", year=2024, level="township"), "--level must be one of"),
        (Provenance(region="x", region_en="x", year=24, level="district"), "--year must be a report year"),
    ]:
        with pytest.raises(DataError, match=words):
            add_report(source, meta, data_dir=data_dir)
    with pytest.raises(DataError, match="file not found"):
        add_report(tmp_path / "missing.txt", META, data_dir=data_dir)
    assert not (data_dir / "raw" / "shizhong-2024.txt").exists()


CLI_FLAGS = ["--region", META.region, "--region-en", META.region_en, "--year", "2024", "--level", "district"]


def test_cli_adds_a_report_and_says_what_next(tmp_path: Path, data_dir: Path, capsys) -> None:
    source = _source(tmp_path, REPORT.encode("gbk"))
    assert main(["add-report", str(source), *CLI_FLAGS, "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "shizhong-2024.txt" in out and "gb18030" in out and "shizhong-2024.meta.yml" in out
    # the next step builds into a folder of its own: following it never replaces the shipped reports/
    assert f"next: python -m analysis build --data-dir {data_dir} --out {data_dir.parent / (data_dir.name + '-reports')}" in out
    assert "fill in what the flags did not give (publisher, title, url, the notes)" in out
    assert read_sidecar(data_dir / "raw" / "shizhong-2024.txt")["publisher"] == "unknown"


def test_cli_asks_only_for_what_the_flags_did_not_give(tmp_path: Path, data_dir: Path, capsys,
                                                        monkeypatch) -> None:
    source = _source(tmp_path, REPORT.encode("utf-8"))
    monkeypatch.chdir(data_dir.parent)
    assert main(["add-report", str(source), *CLI_FLAGS, "--publisher", "市中区人民政府",
                 "--data-dir", data_dir.name]) == 0
    out = capsys.readouterr().out
    assert "fill in what the flags did not give (title, url, the notes)" in out and "publisher," not in out
    # a relative --data-dir gives a relative --out beside it
    assert f"next: python -m analysis build --data-dir {data_dir.name} --out {data_dir.name}-reports" in out


def test_the_next_step_for_the_shipped_data_is_make_reports() -> None:
    assert next_step(None) == "make reports" and next_step(DATA_DIR) == "make reports"


def test_cli_exits_non_zero_with_a_one_paragraph_message(snapshot, tmp_path: Path, data_dir: Path) -> None:
    source = _source(tmp_path, REPORT.encode("utf-8") + b"\xff")
    before = snapshot(data_dir)
    result = subprocess.run([sys.executable, "-m", "analysis", "add-report", str(source), *CLI_FLAGS,
                             "--encoding", "utf-8", "--data-dir", str(data_dir)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert str(source) in result.stderr and f"byte offset {len(REPORT.encode())}" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(data_dir) == before


def test_an_added_gbk_report_extracts_with_spans_into_the_decoded_text(tmp_path: Path, data_dir: Path) -> None:
    add_report(_source(tmp_path, REPORT.encode("gbk")), META, data_dir=data_dir)
    path, _ = write_extracted(data_dir)
    table = pd.read_csv(path, dtype={"quote": str})
    added = table[table["doc"] == "shizhong-2024"]
    assert set(table["doc"]) == {"shizhong-2023", "shizhong-2024"}
    expected = {("gdp", "actual", 2023, 5.5), ("general_budget_revenue", "actual", 2023, 30.2),
                ("gdp", "target", 2024, 6.0)}
    assert {(r.indicator, r.kind, r.period, r.value) for r in added.itertuples()} == expected
    for row in added.itertuples():
        assert REPORT[row.quote_start:row.quote_start + len(row.quote)] == row.quote
        assert REPORT[row.start:row.end].startswith(f"{row.value:g}")
    check_spans(table, data_dir / "raw", path)  # the pipeline's own check agrees


def test_a_year_the_text_contradicts_is_refused(snapshot, tmp_path: Path, data_dir: Path) -> None:
    text = "政府工作报告\n第一部分：2022年工作回顾\n全区地区生产总值增长5.5%。\n第二部分：2023年政府工作安排\n"
    before = snapshot(data_dir)
    with pytest.raises(DataError) as caught:
        add_report(_source(tmp_path, text.encode("utf-16")), META, data_dir=data_dir, today=TODAY)
    message = str(caught.value)
    assert "--year is 2024" in message and "a 2023 report" in message and "'第一部分：2022年工作回顾' on line 2" in message
    assert snapshot(data_dir) == before
