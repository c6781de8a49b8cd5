"""The bad-input catalogue: each case gets a one-paragraph error naming the file and the line or row,
a non-zero exit, and leaves the data and the earlier reports exactly as they were."""
from __future__ import annotations

import codecs
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from conftest import Built

from analysis.__main__ import main
from analysis.config import DATA_DIR, ROOT
from analysis.staging.load import load_indicators
from analysis.text.sources import read_sidecar

HAND_HEADER = ("doc,region,region_en,level,report_year,indicator,subject,kind,period,measure,value,value_high,"
               "unit,qualifier,estimated,source_url,source_note\n")
GOOD_ROW = "ref,全国,China,nation,2023,gdp,国内生产总值,target,2023,growth,5,,%,about,false,http://example.org,p1\n"
SEED = "raw/shizhong-2023.txt"
SIDECAR = "raw/shizhong-2023.meta.yml"
HAND = "reference/hand_entered.csv"


def _row(**changes: str) -> str:
    fields = dict(zip(HAND_HEADER.strip().split(","), GOOD_ROW.strip().split(",")))
    fields.update(changes)
    return ",".join(fields.values()) + "\n"


def _write(relative: str, content: str | bytes) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / relative
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return change


def _replace(relative: str, *pairs: tuple[str, str], drop_checksum: bool = False) -> Callable[[Path], None]:
    """Edit a copy of a shipped UTF-8 file: each (old, new) once; optionally forget the recorded sha256."""
    def change(root: Path) -> None:
        text = (root / relative).read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, old
            text = text.replace(old, new, 1)
        if drop_checksum:
            text = re.sub(r"(?m)^sha256:.*\n", "", text)
        (root / relative).write_text(text, encoding="utf-8")
    return change


def _reencode(relative: str, encoding: str, sidecar: dict[str, str] | None = None) -> Callable[[Path], None]:
    """Save a copy of a shipped file in `encoding` (as another tool would); for a report text, the
    sidecar's `encoding` (and checksum) become `sidecar` gives."""
    def change(root: Path) -> None:
        path = root / relative
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
        if sidecar is not None:
            _replace(SIDECAR, *sidecar.items(), drop_checksum=True)(root)
    return change


def _unlink(relative: str) -> Callable[[Path], None]:
    return lambda root: (root / relative).unlink()


def _no_punctuation_20mb(root: Path) -> None:
    # 20 MB of report-like characters and digits with no sentence mark and no line break.
    unit = "坚持以人民为中心的发展思想推动高质量发展取得新成效" * 40 + "全区生产总值完成311亿元"
    (root / SEED).write_text(unit * (20_000_000 // len(unit.encode("utf-8")) + 1), encoding="utf-8")
    sidecar = root / SIDECAR  # a new text: its sidecar records no checksum yet
    sidecar.write_text(re.sub(r"(?m)^sha256:.*\n", "", sidecar.read_text(encoding="utf-8")), encoding="utf-8")
    (root / "reference" / "hand_entered.csv").write_text(HAND_HEADER + _row(value="1e999x"), encoding="utf-8")


# (case, change to a copy of the data directory, file the message names, words it must contain)
CASES = [
    ("missing sidecar", _unlink(SIDECAR), SEED, ["no provenance sidecar", "shizhong-2023.meta.yml"]),
    ("malformed sidecar", _write(SIDECAR, "doc: [unclosed\nregion: x\n"), SIDECAR, ["not valid YAML", "line"]),
    ("sidecar without region", _write(SIDECAR, "doc: shizhong-2023\nlevel: district\nreport_year: 2023\n"),
     SIDECAR, ["missing required field", "region"]),
    ("sidecar with unknown level", _write(SIDECAR, (DATA_DIR / SIDECAR).read_text(encoding="utf-8")
                                          .replace("level: district", "level: township")), SIDECAR,
     ["level must be one of", "township"]),
    ("unknown indicator id", _write(HAND, HAND_HEADER + _row(indicator="gpd")), HAND, ["row 2", "indicator", "gpd"]),
    ("non-numeric value", _write(HAND, HAND_HEADER + _row(value="five")), HAND, ["row 2", "column 'value'", "five"]),
    ("unit not in vocabulary", _write(HAND, HAND_HEADER + _row(unit="亿英镑")), HAND, ["row 2", "column 'unit'", "亿英镑"]),
    ("share above 100", _write(HAND, HAND_HEADER + _row(measure="share", value="130")), HAND,
     ["row 2", "column 'value'", "between 0 and 100", "130"]),
    ("duplicate key", _write(HAND, HAND_HEADER + GOOD_ROW + GOOD_ROW), HAND, ["row 3", "duplicate key"]),
    ("empty required cell", _write(HAND, HAND_HEADER + _row(kind="")), HAND, ["row 2", "column 'kind'", "empty"]),
    ("range without upper end", _write(HAND, HAND_HEADER + _row(qualifier="range")), HAND, ["row 2", "range"]),
    ("missing column", _write(HAND, HAND_HEADER.replace(",source_note", "") + GOOD_ROW.rsplit(",", 1)[0] + "\n"),
     HAND, ["line 1", "missing ['source_note']"]),
    ("raw text edited after its sidecar", _write(SEED, (DATA_DIR / SEED).read_text(encoding="utf-8")
                                                 .replace("311.7亿元", "331.7亿元", 1)), SEED,
     ["the text changed since its sidecar was written", "sha256"]),
    ("empty text", _write(SEED, b""), SEED, ["the file is empty"]),
    ("binary file", _write(SEED, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), SEED,
     ["binary", "offset 8"]),
    ("undecodable bytes", _write(SEED, "生产总值增长5%".encode("utf-8") + b"\xff\xfe" + "。".encode("utf-8")), SEED,
     [f"byte offset {len('生产总值增长5%'.encode('utf-8'))}"]),
    ("unknown catalog unit", _write("indicators.yml", (DATA_DIR / "indicators.yml").read_text(encoding="utf-8")
                                    .replace("unit: 万美元", "unit: 万英镑", 1)), "indicators.yml",
     ["fdi_utilized", "万英镑"]),
    ("correction pointing nowhere", _write("corrections.csv", "doc,start,action,column,value,reason\n"
                                           "shizhong-2023,7,drop,,,no such figure\n"), "corrections.csv",
     ["row 2", "no extracted figure", "offset 7"]),
    ("correction breaking a share", _write("corrections.csv", "doc,start,action,column,value,reason\n"
                                           f"shizhong-2023,{(DATA_DIR / SEED).read_text(encoding='utf-8').index('75.3')},"
                                           "fix,value,175.3,typo\n"), "corrections.csv",
     ["row 2", "column 'value'", "between 0 and 100", "175.3"]),
    ("correction to an unknown indicator", _write("corrections.csv", "doc,start,action,column,value,reason\n"
                                                  f"shizhong-2023,{(DATA_DIR / SEED).read_text(encoding='utf-8').index('75.3')},"
                                                  "fix,indicator,gpd,typo\n"), "corrections.csv",
     ["row 2", "column 'indicator'", "not one of the allowed values", "'gpd'"]),
    # Issue 11: every hand-edited file decoded by one rule (analysis/text/encoding.py), or refused naming the line.
    ("hand-entered CSV in UTF-16 without BOM", _write(HAND, (HAND_HEADER + GOOD_ROW).encode("utf-16-le")), HAND,
     ["line 1", "NUL byte", "UTF-16 without a byte-order mark", "cannot be decided", "CSV UTF-8"]),
    ("hand-entered CSV mixing UTF-8 and GB18030", _write(HAND, (HAND_HEADER + GOOD_ROW).encode("utf-8")
                                                     + _row(period="2024").encode("gb18030")), HAND,
     ["line 3", "mixes two encodings", "GB18030", "Notepad"]),
    ("hand-entered CSV undecodable", _write(HAND, HAND_HEADER.encode() + GOOD_ROW.encode("gb18030")[:-2] + b"\xff\n"),
     HAND, ["line 2", "cannot decode as gb18030", "byte offset", "Save As"]),
    ("hand-entered CSV empty", _write(HAND, b""), HAND, ["line 1", "the file is empty", "header line doc,region"]),
    ("hand-entered column twice", _write(HAND, HAND_HEADER.replace("\n", ",value\n") + GOOD_ROW.replace("\n", ",5\n")),
     HAND, ["line 1", "'value' appears more than once"]),
    ("hand-entered row with an extra field", _write(HAND, HAND_HEADER + GOOD_ROW + _row(period="2024", source_note="p1,p2")),
     HAND, ["line 3", "18 fields where the header has 17", "double quotes"]),
    ("hand-entered year as words", _write(HAND, HAND_HEADER + _row(report_year="2023年")), HAND,
     ["row 2", "column 'report_year'", "2023年"]),
    # the error says how to write the number, not only that it is not one
    ("hand-entered value with a thousands separator", _write(HAND, HAND_HEADER + _row(value='"1,733"', unit="亿元", measure="level")),
     HAND, ["row 2", "column 'value'", "'1,733'", "remove the thousands separator"]),
    ("hand-entered value with a % sign", _write(HAND, HAND_HEADER + _row(value="4.0%")), HAND,
     ["row 2", "column 'value'", "'4.0%'", "remove the % sign"]),
    ("hand-entered value with its qualifier", _write(HAND, HAND_HEADER + _row(value="5左右")), HAND,
     ["row 2", "'5左右'", "the word in the qualifier column"]),
    ("hand-entered period out of range", _write(HAND, HAND_HEADER + _row(period="3023")), HAND,
     ["row 2", "column 'period'", "between 1949 and 2100", "3023"]),
    ("hand-entered vintage outside its words", _write(HAND, HAND_HEADER.replace(",source_url", ",vintage,source_url")
                                                      + GOOD_ROW.replace(",http", ",final,http").replace("target", "actual")
                                                      + _row(kind="actual").replace(",http", ",preliminary,http")), HAND,
     ["row 3", "column 'vintage'", "expected one of expected, first, revised, final", "preliminary"]),
    ("hand-entered vintage on a target", _write(HAND, HAND_HEADER.replace(",source_url", ",vintage,source_url")
                                               + GOOD_ROW.replace(",http", ",first,http")), HAND,
     ["row 2", "column 'vintage'", "belongs to an actual figure, not a target"]),
    ("alias given to two indicators", _replace("indicators.yml", ("aliases: [一般公共预算收入,", "aliases: [生产总值, 一般公共预算收入,")),
     "indicators.yml", ["alias '生产总值'", "'gdp' (entry 1)", "'general_budget_revenue' (entry 2)", "order of the file"]),
    ("alias as traditional twin of another's", _replace("indicators.yml", ("aliases: [民生支出]", "aliases: [民生支出, 財政支出]")),
     "indicators.yml", ["alias '财政支出'", "'public_expenditure'", "'livelihood_spending'"]),
    ("aliases the longest-suffix rule cannot choose between", _replace("indicators.yml", ("aliases: [民生支出]", "aliases: [民生支出, 出口口]")),
     "indicators.yml", ["'进出口' (trade_total)", "'出口口' (livelihood_spending)", "equally long", "'进出口口'"]),
    ("level name for an unknown level", _replace("indicators.yml", ("{nation: 国内生产总值}", "{country: 国内生产总值}")),
     "indicators.yml", ["entry 1 (gdp)", "name_zh_by_level", "unknown level(s) country", "nation, province, city, district"]),
    ("level name that is not a mapping", _replace("indicators.yml", ("{nation: 国内生产总值}", "国内生产总值")),
     "indicators.yml", ["entry 1 (gdp)", "name_zh_by_level must map levels to names"]),
    ("empty catalog", _write("indicators.yml", ""), "indicators.yml", ["expected a list of indicator entries", "empty file"]),
    ("catalog in UTF-16 without BOM", _reencode("indicators.yml", "utf-16-le"), "indicators.yml", ["line 1", "NUL byte"]),
    ("catalog alias that is a number", _replace("indicators.yml", ("aliases: [民生支出]", "aliases: [民生支出, 2023]")),
     "indicators.yml", ["entry 4 (livelihood_spending)", "non-empty name", "2023"]),
    ("sidecar report_year contradicting the text", _replace(SIDECAR, ("report_year: 2023", "report_year: 2024"),
                                                            ("review_year: 2022", "review_year: 2023"),
                                                            ("plan_year: 2023", "plan_year: 2024")),
     SIDECAR, ["report_year is 2024", "shizhong-2023.txt is a 2023 report", "'第一部分:2022年工作回顾' on line 32"]),
    ("sidecar report_year contradicting its review_year", _replace(SIDECAR, ("report_year: 2023", "report_year: 2024")),
     SIDECAR, ["review_year is 2022 but report_year is 2024", "should be 2023"]),
    ("sidecar report_year in words", _replace(SIDECAR, ("report_year: 2023", "report_year: 二〇二三")), SIDECAR,
     ["report_year must be a year such as 2023", "二〇二三"]),
    ("sidecar naming an unknown encoding", _replace(SIDECAR, ("encoding: utf-8", "encoding: latin-99")), SIDECAR,
     ["unknown encoding 'latin-99'", "utf-16", "auto"]),
    ("sidecar naming the wrong encoding", _reencode(SEED, "gb18030", {}), SEED,
     ["cannot decode as utf-8", "byte offset", "line 5", "'encoding' in the sidecar"]),
    ("UTF-16 text whose sidecar says utf-8", _reencode(SEED, "utf-16", {}), SIDECAR,
     ["encoding is 'utf-8'", "UTF-16 byte-order mark", "set encoding: utf-16"]),
    ("sidecar in UTF-16 without BOM", _reencode(SIDECAR, "utf-16-le"), SIDECAR, ["line 1", "NUL byte"]),
    ("corrections fixing one figure twice", _write("corrections.csv", "doc,start,action,column,value,reason\n"
                                                   + f"shizhong-2023,{(DATA_DIR / SEED).read_text(encoding='utf-8').index('75.3')},"
                                                   "fix,value,75.4,typo\n" * 2), "corrections.csv",
     ["row 3", "fixes column 'value'", "row 2 already corrects", "keep one correction"]),
    ("corrections dropping a figure it fixes", _write("corrections.csv", "doc,start,action,column,value,reason\n"
                                                      + f"shizhong-2023,{(DATA_DIR / SEED).read_text(encoding='utf-8').index('75.3')},"
                                                      "fix,value,75.4,typo\n"
                                                      + f"shizhong-2023,{(DATA_DIR / SEED).read_text(encoding='utf-8').index('75.3')},"
                                                      "drop,,,duplicate\n"), "corrections.csv",
     ["row 3", "drops the figure", "row 2 already corrects"]),
    ("hand-entered row contradicting a sidecar", _write(HAND, HAND_HEADER + _row(doc="shizhong-2023", region="枣庄市")),
     HAND, ["row 2", "column 'region'", "raw/shizhong-2023.txt", "'枣庄市市中区'", "'枣庄市'", "shizhong-2023-ref"]),
    ("corrections file empty", _write("corrections.csv", b""), "corrections.csv", ["line 1", "the file is empty"]),
    # The 20 MB text extracts (in linear time, see benchmarks/extract.py); the bad row after it still stops the build.
    ("20 MB without punctuation", _no_punctuation_20mb, HAND, ["row 2", "column 'value'"]),
]


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A copy of the data, an output directory holding earlier reports, and a build directory."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "index.html").write_text("<html>earlier reports</html>", encoding="utf-8")
    return data, reports, tmp_path / "build"


# Cases that take seconds (not a notebook: a 20 MB extraction) run in the whole suite, not in `make test-fast`.
SLOW_CASES = {"20 MB without punctuation"}


@pytest.mark.parametrize(("case", "change", "named", "words"),
                         [pytest.param(*c, id=c[0], marks=pytest.mark.slow if c[0] in SLOW_CASES else ()) for c in CASES])
def test_bad_input(snapshot, case: str, change, named: str, words: list[str], workspace, capsys) -> None:
    data, reports, build_dir = workspace
    change(data)
    before = snapshot(data), snapshot(reports)
    status = main(["build", "--data-dir", str(data), "--out", str(reports), "--build-dir", str(build_dir)])
    message = capsys.readouterr().err
    assert status != 0, case
    assert message.startswith("error: ") and message.count("\n") == 1, message  # one paragraph
    assert str(data / named) in message, message
    for word in words:
        assert word in message, (case, message)
    assert "Traceback" not in message
    assert (snapshot(data), snapshot(reports)) == before


def test_missing_data_directory(snapshot, workspace, capsys) -> None:
    data, reports, build_dir = workspace
    before = snapshot(reports)
    status = main(["build", "--data-dir", str(data / "nowhere"), "--out", str(reports), "--build-dir", str(build_dir)])
    message = capsys.readouterr().err
    assert status != 0 and str(data / "nowhere") in message and "does not exist" in message
    assert snapshot(reports) == before


@pytest.mark.slow
def test_script_in_the_data_is_shown_as_text_in_every_report(county_build: Built) -> None:
    """Not an error: a data string with <script> builds, and every report shows it escaped, never as markup.
    The session's county data set carries one in its text and one in its region's English name."""
    pages = sorted(p for p in county_build.out.rglob("*.html") if p.relative_to(county_build.out).parts[0] != "api")
    assert len(pages) == 1 + 2 * len(county_build.executed)  # index + reader and full version of each page
    for page in pages:
        assert "<script>alert" not in page.read_text(encoding="utf-8"), page.name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in county_build.page("00-data-overview.ipynb")
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in county_build.page("01-growth-rates.ipynb")


# Command-line flags: (case, arguments after `build --data-dir D --out R --build-dir B`, words of the message).
FLAG_CASES = [
    ("--jobs 0", ["--jobs", "0"], ["--jobs is how many notebooks run at once", "1 or more", "found '0'", "--help"]),
    ("--jobs negative", ["--jobs=-2"], ["--jobs", "1 or more", "found '-2'"]),
    ("--jobs not a number", ["--jobs", "two"], ["--jobs", "whole number", "found 'two'"]),
    ("--report-year not a number", ["--report-year", "2023年"], ["--report-year", "written like 2023", "found '2023年'"]),
    ("--report-year out of range", ["--report-year", "23"], ["--report-year", "between 1949 and 2100", "found '23'"]),
    ("--region not in the data", ["--region", "北京市"], ["--region '北京市' is not in the data", "枣庄市市中区", "山东省"]),
    ("--report-year not in the data", ["--report-year", "2030"], ["no report of 2030", "years with report pages are 2023"]),
    # 2024 has hand-entered figures (Shandong's, the nation's) but no report text, so no page of its own
    ("--report-year of figures but no report", ["--report-year", "2024"],
     ["no report of 2024", "years with report pages are 2023 (", "leave out --report-year"]),
    ("--report-year of a region without report texts", ["--region", "山东省", "--report-year", "2023"],
     ["no report of 2023 for '山东省'", "years with report pages are none"]),
    ("--only unknown", ["--only", "07"], ["--only 07 matches no notebook", "available", "01-growth-rates"]),
]


@pytest.mark.parametrize(("case", "flags", "words"), FLAG_CASES, ids=[c[0] for c in FLAG_CASES])
def test_bad_flag(snapshot, case: str, flags: list[str], words: list[str], workspace, capsys) -> None:
    data, reports, build_dir = workspace
    before = snapshot(data), snapshot(reports)
    status = main(["build", "--data-dir", str(data), "--out", str(reports), "--build-dir", str(build_dir), *flags])
    message = capsys.readouterr().err
    assert status != 0, case
    assert message.startswith("error: ") and message.count("\n") == 1, message
    for word in words:
        assert word in message, (case, message)
    assert "Traceback" not in message and "usage:" not in message
    assert (snapshot(data), snapshot(reports)) == before


def test_data_dir_that_is_not_a_data_directory(snapshot, workspace, capsys) -> None:
    data, reports, build_dir = workspace
    (data / "indicators.yml").unlink()
    shutil.rmtree(data / "raw")  # e.g. --data-dir notebooks/
    before = snapshot(data), snapshot(reports)
    status = main(["build", "--data-dir", str(data), "--out", str(reports), "--build-dir", str(build_dir)])
    message = capsys.readouterr().err
    assert status == 2 and message.count("\n") == 1
    assert f"{data}: --data-dir is not a data directory: it has no indicators.yml and no raw/" in message
    assert (snapshot(data), snapshot(reports)) == before


def test_out_naming_a_file(snapshot, workspace, capsys) -> None:
    data, reports, build_dir = workspace
    out = reports / "index.html"
    before = snapshot(data), snapshot(reports)
    status = main(["build", "--data-dir", str(data), "--out", str(out), "--build-dir", str(build_dir)])
    message = capsys.readouterr().err
    assert status == 2 and message.count("\n") == 1
    assert f"{out}: --out names a file" in message and "give a folder" in message
    assert (snapshot(data), snapshot(reports)) == before


HOLD_LOCK = """
import sys
from pathlib import Path
from analysis.build.guard import output_lock
with output_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.read()  # until the test closes our stdin
"""


def test_a_second_build_of_the_same_folder_stops_at_once(snapshot, workspace, capsys) -> None:
    """Another process holds the folder (as a running build does): this build stops, writes nothing."""
    data, reports, build_dir = workspace
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(reports)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = snapshot(data), snapshot(reports)
        status = main(["build", "--data-dir", str(data), "--out", str(reports), "--build-dir", str(build_dir)])
        message = capsys.readouterr().err
    finally:
        holder.communicate("")
    assert status == 2 and message.count("\n") == 1
    assert f"another build is writing reports/ (pid {holder.pid}); wait for it to finish, or build into another " \
           f"folder with --out" in message
    assert (snapshot(data), snapshot(reports)) == before
    assert not build_dir.exists()  # stopped before reading or validating anything


@pytest.mark.slow
def test_two_builds_started_together_never_mix_their_pages(workspace) -> None:
    """Two real builds of one folder at once: one builds, the other stops naming it; the folder is one build's."""
    data, reports, build_dir = workspace
    command = [sys.executable, "-m", "analysis", "build", "--data-dir", str(data), "--out", str(reports),
               "--only", "00", "--jobs", "1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [subprocess.Popen([*command, "--build-dir", str(build_dir / str(n))], cwd=ROOT, env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for n in (1, 2)]
    results = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    statuses = sorted(status for status, _, _ in results)
    assert statuses == [0, 2], results
    refused = next(err for status, _, err in results if status == 2)
    assert "another build is writing reports/" in refused and "Traceback" not in refused
    manifest = json.loads((reports / "reports.json").read_text(encoding="utf-8"))
    page = "shizhong-district-zaozhuang-shandong-2023/00-data-overview"
    assert [entry["name"] for entry in manifest["reports"]] == [page]
    assert sorted(f for p in reports.rglob("*") if p.is_file() and not (f := p.relative_to(reports).as_posix())
                  .startswith("api/")) == ["index.html", "reports.json", f"{page}.full.html", f"{page}.html"]


# Read right: the same content saved as users' tools save it gives the same table as when saved in UTF-8.
SIDECAR_UTF16 = {"encoding: utf-8": "encoding: utf-16"}
CORRECTION = ("doc,start,action,column,value,reason\r\n"
              f"shizhong-2023,{(DATA_DIR / SEED).read_text(encoding='utf-8').index('75.3')},fix,value,75.4,区统计局更正\r\n")
READ_RIGHT = [
    ("hand-entered CSV, Excel 'CSV UTF-8' (BOM)", HAND, None, "utf-8-sig", None),
    ("hand-entered CSV, Excel on Chinese Windows (GB18030)", HAND, None, "gb18030", None),
    ("hand-entered CSV, Notepad 'Unicode' (UTF-16 BOM)", HAND, None, "utf-16", None),
    ("hand-entered CSV, Excel 'Unicode Text' (UTF-16, tabs)", HAND, "tabs", "utf-16", None),
    ("corrections, WPS (GB18030, CRLF)", "corrections.csv", CORRECTION, "gb18030", None),
    ("catalog, Notepad ANSI (GB18030)", "indicators.yml", None, "gb18030", None),
    ("catalog, Notepad 'Unicode' (UTF-16 BOM)", "indicators.yml", None, "utf-16", None),
    ("sidecar, GB18030", SIDECAR, None, "gb18030", None),
    ("report text, Notepad 'Unicode' (UTF-16 BOM)", SEED, None, "utf-16", SIDECAR_UTF16),
    ("report text, UTF-16 big-endian with BOM", SEED, None, "utf-16-be-bom", SIDECAR_UTF16),
]


def _save(path: Path, text: str, encoding: str) -> None:
    data = (codecs.BOM_UTF16_BE + text.encode("utf-16-be")) if encoding == "utf-16-be-bom" else text.encode(encoding)
    path.write_bytes(data)


_UTF8_TABLES: dict[tuple, pd.DataFrame] = {}  # the table of each file saved as UTF-8: one load per file, not per case


def _file_text(relative: str, content: str | None) -> str:
    text = (DATA_DIR / relative).read_text(encoding="utf-8") if content in (None, "tabs") else content
    if content == "tabs":
        text = "".join("\t".join(next(csv.reader([line]))) + "\n" for line in text.splitlines())
    return text


def _utf8_table(relative: str, content: str | None, root: Path) -> pd.DataFrame:
    if (relative, content) not in _UTF8_TABLES:
        data = root / "utf-8"
        shutil.copytree(DATA_DIR, data)
        _save(data / relative, _file_text(relative, content), "utf-8")
        _UTF8_TABLES[relative, content] = load_indicators(data)
    return _UTF8_TABLES[relative, content]


@pytest.mark.parametrize(("case", "relative", "content", "encoding", "sidecar"), READ_RIGHT, ids=[c[0] for c in READ_RIGHT])
def test_files_as_users_tools_save_them_read_the_same(case: str, relative: str, content: str | None, encoding: str,
                                                      sidecar: dict | None, tmp_path: Path, capsys) -> None:
    data = tmp_path / encoding
    shutil.copytree(DATA_DIR, data)
    _save(data / relative, _file_text(relative, content), encoding)
    if sidecar:
        _replace(SIDECAR, *sidecar.items(), drop_checksum=True)(data)
    assert main(["validate", "--data-dir", str(data)]) == 0, capsys.readouterr().err
    tables = [_utf8_table(relative, content, tmp_path), load_indicators(data)]
    pd.testing.assert_frame_equal(tables[0], tables[1])
    if relative == SEED:  # spans index the decoded text; the bytes stay as they were saved
        assert (data / SEED).read_bytes()[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
        assert read_sidecar(data / SEED)["encoding"] == "utf-16"
