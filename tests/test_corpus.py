"""Extraction of a data directory of many reports: every core gives the same table as one core, with progress."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from analysis.config import DATA_DIR, data_paths
from analysis.extract.catalog import matcher_for
from analysis.extract.facts import extract_mentions
from analysis.extract.units import load_units
from analysis.staging.add_report import Provenance, add_report
from analysis.staging.corpus import MIN_DOCUMENTS_PER_POOL, extract_documents
from analysis.staging.pipeline import extract_all, to_csv_text

DISTRICTS = ["东城", "西湖", "南山", "北塘", "中原"]


def _report(index: int) -> str:
    """A short report summary: review figures, then targets; numbers differ from report to report."""
    return (f"区长在报告中说，2022年全区经济运行稳中向好。地区生产总值完成{200 + index}.{index % 10}亿元，"
            f"增长{3 + index % 5}.{index % 7}%；一般公共预算收入、固定资产投资分别增长{index % 9}%和{index % 4 + 5}%。"
            f"新建学校{index % 6 + 2}所。\n\n展望新的一年，地区生产总值增长{5 + index % 3}%左右，"
            f"力争新增市场主体{1000 + index}家。\n")


@pytest.fixture
def many_reports(tmp_path: Path) -> Path:
    root = tmp_path / "many"
    root.mkdir()
    shutil.copy(DATA_DIR / "indicators.yml", root / "indicators.yml")   # no units.yml: the shipped one is used
    for index in range(MIN_DOCUMENTS_PER_POOL * 3):
        source = tmp_path / f"report-{index:03d}.txt"
        source.write_text(_report(index), encoding="utf-8")
        meta = Provenance(region=f"{DISTRICTS[index % 5]}区{index}", region_en=f"District {index}", year=2023,
                          level="district")
        add_report(source, meta, data_dir=root, doc=f"d{index:03d}")
    return root


def test_parallel_extraction_equals_one_core(many_reports: Path) -> None:
    one = extract_all(many_reports, jobs=1)
    two = extract_all(many_reports, jobs=2)
    assert to_csv_text(two) == to_csv_text(one)
    assert one["doc"].nunique() == MIN_DOCUMENTS_PER_POOL * 3
    # Seven figures per report, as written in _report.
    assert len(one) == 7 * MIN_DOCUMENTS_PER_POOL * 3
    first = one[one["doc"].eq("d000")]
    assert list(zip(first["kind"], first["period"], first["measure"], first["value"])) == [
        ("actual", 2022, "level", 200.0), ("actual", 2022, "growth", 3.0), ("actual", 2022, "growth", 0.0),
        ("actual", 2022, "growth", 5.0), ("actual", 2022, "level", 2.0), ("target", 2023, "growth", 5.0),
        ("target", 2023, "level", 1000.0)]


def test_progress_counts_documents_in_order() -> None:
    out = io.StringIO()
    results = extract_documents(len, ["a", "bb", "ccc"] * 10, jobs=2, progress=out)
    assert results == [1, 2, 3] * 10
    assert out.getvalue().splitlines()[-1] == "extracted 30/30 documents"


def test_a_data_directory_without_units_uses_the_shipped_vocabulary(many_reports: Path) -> None:
    assert not (many_reports / "units.yml").exists()
    assert data_paths(many_reports).units == DATA_DIR / "units.yml"
    own = many_reports / "units.yml"
    own.write_text((DATA_DIR / "units.yml").read_text(encoding="utf-8").replace("plain: [", "plain: [兆瓦, "),
                   encoding="utf-8")
    assert data_paths(many_reports).units == own and "兆瓦" in load_units(own).units
    assert "兆瓦" not in load_units().units
    assert extract_mentions("新增光伏发电30兆瓦。", 2023, units=load_units(own))["unit"].tolist() == ["兆瓦"]


def test_the_matcher_is_built_once_per_catalog() -> None:
    assert matcher_for(None) is matcher_for(None)
