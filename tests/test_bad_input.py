"""The bad-input catalogue: each case gets a one-paragraph error naming the file and the line or row,
a non-zero exit, and leaves the data and the earlier reports exactly as they were."""
from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import NOTEBOOKS, Built

from analysis.__main__ import main
from analysis.config import DATA_DIR

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
    pages = sorted(county_build.out.glob("*.html"))
    assert len(pages) == 1 + 2 * len(NOTEBOOKS)  # index + reader and full version of each notebook
    for page in pages:
        assert "<script>alert" not in page.read_text(encoding="utf-8"), page.name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (county_build.out / "00-data-overview.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in (county_build.out / "01-growth-rates.html").read_text(encoding="utf-8")
