"""Every notebook executes top to bottom, without errors or warnings, on the shipped data and on a
second small data set written here (another county, another year)."""
from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from analysis.build.run import Job
from analysis.config import DATA_DIR, NOTEBOOKS_DIR
from analysis.build.execute import run
from analysis.staging.pipeline import write_extracted

NOTEBOOKS = sorted(path.name for path in NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
COUNTY_REPORT = (
    "测试县第十八届人民代表大会第三次会议开幕\n\n"
    "一、2023年工作回顾\n\n"
    "全县地区生产总值完成120.5亿元，增长5.1%；一般公共预算收入完成8.2亿元，增长3.4%；"
    "固定资产投资下降2.1%；社会消费品零售总额增长6.8%。民生支出完成14.3亿元，占一般公共预算支出的80.2%。"
    "高新技术企业达到21家。\n\n"
    "二、2024年工作安排\n\n"
    "主要预期目标是：地区生产总值增长5.5%左右，一般公共预算收入增长4%以上，固定资产投资增长6%，"
    "居民人均可支配收入增长6%左右。力争高新技术企业达到30家。\n")
COUNTY_SIDECAR = """doc: testxian-2024
region: 测试县
region_en: Test County
level: district
report_year: 2024
publisher: 测试日报
encoding: utf-8
title: 测试县2024年政府工作报告（测试用）
"""


@pytest.fixture(scope="module")
def county_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with one small report written in the genre, extracted by the real pipeline."""
    root = tmp_path_factory.mktemp("county") / "data"
    (root / "raw").mkdir(parents=True)
    shutil.copy(DATA_DIR / "indicators.yml", root / "indicators.yml")
    (root / "raw" / "testxian-2024.txt").write_text(COUNTY_REPORT, encoding="utf-8")
    (root / "raw" / "testxian-2024.meta.yml").write_text(COUNTY_SIDECAR, encoding="utf-8")
    write_extracted(root)
    return root


def _execute(notebook: str, parameters: dict, out: Path) -> nbformat.NotebookNode:
    outcome = run(Job(notebook, NOTEBOOKS_DIR / notebook, parameters, out, out / "failed.ipynb"))
    assert outcome.error is None, outcome.error
    return nbformat.read(out / "executed.ipynb", as_version=4)


def _problems(nb: nbformat.NotebookNode) -> list[str]:
    outputs = [o for cell in nb.cells for o in cell.get("outputs", [])]
    return [o.get("text", o.get("evalue", "")) for o in outputs
            if o["output_type"] == "error" or o.get("name") == "stderr"]


def test_every_numbered_notebook_is_tested() -> None:
    assert NOTEBOOKS[:4] == ["00-data-overview.ipynb", "01-growth-rates.ipynb", "02-livelihood-spending.ipynb",
                             "03-target-ambition.ipynb"]


def test_notebooks_are_committed_without_outputs() -> None:
    for name in NOTEBOOKS:
        nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), name
        assert "parameters" in code[0].metadata.get("tags", []), name


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_on_the_shipped_data(notebook: str, tmp_path: Path) -> None:
    nb = _execute(notebook, {"data_dir": str(DATA_DIR)}, tmp_path)
    assert _problems(nb) == []
    html = (tmp_path / "reader.html").read_text(encoding="utf-8")
    assert "枣庄市市中区" in html or "Shizhong" in html


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_on_a_second_small_data_set(notebook: str, county_data: Path, tmp_path: Path) -> None:
    nb = _execute(notebook, {"data_dir": str(county_data)}, tmp_path)  # region and year from the data
    assert _problems(nb) == []
    html = (tmp_path / "reader.html").read_text(encoding="utf-8")
    assert "测试县" in html or "Test County" in html
    assert "枣庄" not in html  # nothing of the shipped data leaks into another data set's report


@pytest.mark.slow
def test_a_missing_data_directory_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir"
    outcome = run(Job("00-data-overview.ipynb", NOTEBOOKS_DIR / "00-data-overview.ipynb",
                      {"data_dir": str(missing)}, tmp_path / "out", tmp_path / "failed.ipynb"))
    assert outcome.error is not None
    assert "00-data-overview.ipynb" in outcome.error and str(missing) in outcome.error
    assert (tmp_path / "failed.ipynb").exists()


CONFLICTING_2024 = ("第一部分：2023年工作回顾\n\n全区生产总值完成350亿元，增长5.9%。一般公共预算收入完成29.4亿元。"
                    "民生支出完成30亿元，占一般公共预算支出的80%。\n\n第二部分：2024年政府工作安排\n\n"
                    "主要预期目标是：生产总值增长6%左右。\n")


@pytest.fixture(scope="module")
def conflicting_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data plus a 2024 text whose 2023 GDP (350亿元, 5.9%) contradicts the hand-entered 331亿元, 6.5%."""
    root = tmp_path_factory.mktemp("conflict") / "data"
    shutil.copytree(DATA_DIR, root)
    (root / "raw" / "sz-2024.txt").write_text(CONFLICTING_2024, encoding="utf-8")
    (root / "raw" / "sz-2024.meta.yml").write_text(
        COUNTY_SIDECAR.replace("testxian-2024", "sz-2024").replace("测试县", "枣庄市市中区"), encoding="utf-8")
    write_extracted(root)
    return root


def _outputs_text(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.extend(str(v) for k, v in output.get("data", {}).items() if k.startswith("text/"))
            parts.append(str(output.get("text", "")))
    return "\n".join(parts)


@pytest.mark.slow
@pytest.mark.parametrize(("notebook", "year"), [("01-growth-rates.ipynb", 2024), ("01-growth-rates.ipynb", 2023),
                                                ("02-livelihood-spending.ipynb", 2024),
                                                ("03-target-ambition.ipynb", 2024), ("03-target-ambition.ipynb", 2023)])
def test_conflicting_sources_are_shown_not_hidden(notebook: str, year: int, conflicting_data: Path,
                                                  tmp_path: Path) -> None:
    nb = _execute(notebook, {"data_dir": str(conflicting_data), "region": "枣庄市市中区", "report_year": year}, tmp_path)
    assert _problems(nb) == []
    shown = _outputs_text(nb)
    assert "Conflicting sources" in shown
    assert "350" in shown and "331" in shown  # both values, the one used and the other source


@pytest.mark.slow
def test_shipped_reports_show_no_conflict_and_no_false_precision(tmp_path: Path) -> None:
    nb = _execute("01-growth-rates.ipynb", {"data_dir": str(DATA_DIR)}, tmp_path)
    shown = _outputs_text(nb)
    assert "Conflicting sources" not in shown
    assert "34,816.64" not in shown  # 36836 / 1.058 is only known to about ±17 元
    assert "at_least" not in (tmp_path / "reader.html").read_text(encoding="utf-8")
