"""The README's "Updating the data" walkthrough, run as written on a copy of the data directory with a
next-year report text written here (GBK-encoded, as Chinese government sites often serve it)."""
from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import Built, report_of

from analysis.__main__ import main
from analysis.extract.catalog import load_catalog
from analysis.config import DATA_DIR, NOTEBOOKS_DIR, ROOT
from analysis.analyses.growth import growth_paths
from analysis.staging.load import load_indicators
from analysis.reconciled.reconcile import find_conflicts
from analysis.build.pages import notebook_scope
from analysis.text.sources import read_sidecar
from analysis.analyses.attainment import assess_attainment

# A 2024 report in the genre, written for this test: its 2023 outcomes match the hand-entered
# preliminary figures of data/reference/hand_entered.csv, its targets are invented.
REPORT_2024 = (
    "区十四届人大三次会议开幕\n\n"
    "第一部分：2023年工作回顾\n\n"
    "过去一年，全区地区生产总值完成331亿元，增长6.5%；一般公共预算收入完成29.4亿元，增长6.5%；"
    "固定资产投资增长7.2%；进出口总额完成75亿元，增长29.6%；实际利用外资6782万美元，增长4.2%；"
    "居民人均可支配收入达到39252元，增长6.6%。\n\n"
    "第二部分：2024年政府工作安排\n\n"
    "主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%以上，固定资产投资增长10%左右，"
    "居民人均可支配收入增长6%左右。\n")


def _walkthrough_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Updating the data", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line.strip() for line in block.splitlines() if line.strip()]


SZ = "shizhong-district-zaozhuang-shandong"  # the folder names of Shizhong's pages (from region_en)


def _build(data: Path, reports: Path, build_dir: Path, *extra: str) -> None:
    assert main(["build", "--data-dir", str(data), "--out", str(reports), "--build-dir", str(build_dir), *extra]) == 0


def _pages(reports: Path) -> dict[str, str]:
    """The index and every page of a build (the API reference beside them, api/, is not a page)."""
    return {name: p.read_text(encoding="utf-8") for p in reports.rglob("*.html")
            if not (name := p.relative_to(reports).as_posix()).startswith("api/")}


@dataclass(frozen=True)
class Updated:
    """The README's walkthrough done once: the shipped data copied and built, a 2024 report added, built again."""

    data: Path
    reports: Path
    build_dir: Path
    report_bytes: bytes
    first: dict[str, str]   # page -> HTML after the first build
    second: dict[str, str]  # page -> HTML after the walkthrough's `make reports`


@pytest.fixture(scope="module")
def updated(tmp_path_factory: pytest.TempPathFactory) -> Updated:
    tmp_path = tmp_path_factory.mktemp("walkthrough")
    data, reports, build_dir = tmp_path / "data", tmp_path / "reports", tmp_path / "build"
    shutil.copytree(DATA_DIR, data)
    _build(data, reports, build_dir)
    first = _pages(reports)
    report_bytes = REPORT_2024.encode("gbk")
    (tmp_path / "shizhong-2024.txt").write_bytes(report_bytes)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(tmp_path)
        commands = _walkthrough_commands()
        assert commands[-1] == "make reports"
        for command in commands:
            if command == "make reports":  # the Makefile's reports target is `python -m analysis build`
                argv = ["build", "--data-dir", str(data), "--out", str(reports), "--build-dir", str(build_dir)]
            else:
                words = shlex.split(command)
                assert words[:3] == [".venv/bin/python", "-m", "analysis"], command
                argv = [*words[3:], "--data-dir", str(data)]
            assert main(argv) == 0, command
    return Updated(data, reports, build_dir, report_bytes, first, _pages(reports))


@pytest.mark.slow
def test_browser_opens_every_page_of_the_two_report_build(updated: Updated) -> None:
    """Index and every page (reader and full) of a build with two report texts, in headless Chromium."""
    from test_browser import check_site

    pages = [name for name in updated.second if name != "index.html"]
    assert any(name.startswith(f"{SZ}-2024/") for name in pages) and any(name.startswith(f"{SZ}-2023/") for name in pages)
    check_site(updated.reports / "index.html", expected_reports=len(pages))


@pytest.mark.slow
def test_updating_the_data_as_the_readme_says(updated: Updated) -> None:
    data, reports, build_dir, first = updated.data, updated.reports, updated.build_dir, updated.first
    report_bytes = updated.report_bytes
    assert "29 quantitative annual targets for 2023" in first[f"{SZ}-2023/03-target-ambition.html"]

    added = data / "raw" / "shizhong-2024.txt"
    assert added.read_bytes() == report_bytes                  # copied byte for byte
    assert read_sidecar(added)["encoding"] == "gb18030"       # GBK detected (GB18030 is its superset)
    assert (DATA_DIR / "raw" / "shizhong-2024.txt").exists() is False  # the shipped data is untouched

    second = updated.second
    # every page of the first build is still there, about the same report
    assert set(first) <= set(second)
    assert "29 quantitative annual targets for 2023" in second[f"{SZ}-2023/03-target-ambition.html"]
    for name in first:
        if name.startswith(f"{SZ}-2023/") and not name.endswith(".full.html"):
            assert "· 枣庄市市中区 2023</title>" in second[name], name  # the title names the page's report
    # the new report's pages and the panel pages exist
    notebooks = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    new = {name for name in second if name.startswith(f"{SZ}-2024/")}
    assert len(new) == 2 * sum(notebook_scope(nb) == "report" for nb in notebooks)
    assert "quantitative annual targets for 2024" in second[f"{SZ}-2024/03-target-ambition.html"]
    assert "shizhong-2024" in second[f"{SZ}-2024/00-data-overview.html"]
    for notebook in notebooks:
        assert any(name.endswith(f"/{notebook.stem}.html") or name == f"{notebook.stem}.html" for name in second)
    index = second["index.html"]
    assert index.index("2024 work report") < index.index("2023 work report"), "newest first"

    # --report-year narrows a build: only 2023's pages run, 2024's stay as they were
    _build(data, reports, build_dir, "--only", "03", "--report-year", "2023", "--force")
    third = _pages(reports)
    assert set(third) == set(second)
    assert third[f"{SZ}-2024/03-target-ambition.html"] == second[f"{SZ}-2024/03-target-ambition.html"]

    table = load_indicators(data)
    region = "枣庄市市中区"
    # The text's 2023 outcomes and the hand-entered ones are the same figures: checked, and they agree.
    checks = find_conflicts(table)
    outcomes = checks[(checks["region"] == region) & (checks["period"] == 2023) & (checks["kind"] == "actual")]
    # 11 pairs of text and hand-entered figures, and 4 with the 2023 statistical bulletin (GDP level and growth).
    assert len(outcomes) == 15 and outcomes["status"].eq("agree").all()
    # Growth paths now span 2022 and 2023.
    gdp_path = growth_paths(report_of(table, region, None, load_catalog(data / "indicators.yml")))
    assert sorted(gdp_path.loc[gdp_path["indicator"] == "gdp", "period"]) == [2022, 2023]
    # The 2023 targets are judged against the 2023 outcomes.
    attainment = assess_attainment(report_of(table, region, 2023)).set_index("indicator")
    assert attainment.at["gdp", "outcome"] == 6.5 and attainment.at["gdp", "status"] == "met"


@pytest.mark.slow
def test_another_region_in_its_own_data_directory(county_build: Built) -> None:
    """README: copy data/indicators.yml into a new folder, add the text there, build from that folder
    (the session's `county_build` is made exactly so)."""
    growth = county_build.page("01-growth-rates.ipynb")
    assert "测试县" in growth and "枣庄" not in growth
    assert "120.5" in county_build.page("00-data-overview.ipynb")  # the county's GDP, from its own text
    assert not list((DATA_DIR / "raw").glob("testxian-2024*"))  # the shipped data is untouched
