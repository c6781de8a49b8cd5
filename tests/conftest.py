"""Shared test fixtures: indicator-table rows written as in the text, a copy of the data, file snapshots,
and the builds of the shipped notebooks that the slow tests share (one per data set and session)."""
from __future__ import annotations

import ast
import io
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

# As in analysis/build/execute.py: nbformat (imported by several test modules) pulls in jsonschema,
# which builds rfc3987-syntax's parser at import (~1-2 s of every run's collection) for "iri" format
# checks nbformat never asks for; a None entry makes that optional import fail, so it is skipped.
sys.modules.setdefault("rfc3987_syntax", None)

from analysis.build.run import NOTEBOOK_PATTERN
from analysis.config import DATA_DIR, NOTEBOOKS_DIR
from analysis.extract.catalog import load_catalog
from analysis.extract.units import decimals_of
from analysis.reconciled.reconcile import RESOLVED_CONFLICT_COLUMNS, resolve
from analysis.analyses.api import Report
from analysis.reconciled.report import named
from analysis.reconciled.scope import Scope

TableFactory = Callable[..., pd.DataFrame]


def report_of(table: pd.DataFrame, region: str | None = None, report_year: int | None = None,
              catalog: pd.DataFrame | None = None) -> Report:
    """A Report over a table written in a test (the shipped catalog unless one is given)."""
    return Report.from_table(table, load_catalog() if catalog is None else catalog, region, report_year)


def bare_report(table: pd.DataFrame, region: str, report_year: int, catalog: pd.DataFrame | None = None) -> Report:
    """A Report for a region or year the table may not hold, to test what analyses do with no figures
    (open_report refuses such a report; a filtered table can still be empty)."""
    catalog = load_catalog() if catalog is None else catalog
    if not len(table):
        return Report(table, table, catalog, Scope(region, region, report_year))
    figures, conflicts = resolve(table, report_year)
    return Report(table, named(figures, catalog), catalog, Scope(region, region, report_year), conflicts=conflicts)


def conflict_rows(*rows: dict) -> pd.DataFrame:
    """Rows of a conflicts table (`reconcile.resolve`) written by hand: each dict gives the columns a
    test needs, the rest are missing (NA)."""
    return pd.DataFrame([{c: row.get(c, pd.NA) for c in RESOLVED_CONFLICT_COLUMNS} | row for row in rows],
                        columns=RESOLVED_CONFLICT_COLUMNS + sorted({c for row in rows for c in row} - set(RESOLVED_CONFLICT_COLUMNS)))


def indicator_table(defaults: dict, *rows: dict) -> pd.DataFrame:
    """Indicator-table rows: each row overrides `defaults`; `value` is given as written (a string)
    so that `decimals` comes from the text, as the extractor would record it."""
    records = []
    for row in rows:
        record = {**defaults, **row}
        record["decimals"] = decimals_of(str(record["value"]))
        record["value"] = float(record["value"])
        records.append(record)
    return pd.DataFrame(records)


@pytest.fixture
def make_table() -> TableFactory:
    """`make_table(DEFAULTS, *rows)`: see `indicator_table`; each test module keeps its DEFAULTS."""
    return indicator_table


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A throw-away copy of the shipped data directory."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def snapshot_files(root: Path) -> dict[str, bytes]:
    """Every file under `root` with its bytes, to assert that a failed command changed nothing (but for the
    extraction cache's entries, processed/.extract-DOC.pkl: a build extracts before it reads its flags)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not (p.name.startswith(".extract-") and p.suffix == ".pkl")}


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, bytes]]:
    """`snapshot(root)`: see `snapshot_files`."""
    return snapshot_files


# --- builds shared by the whole session ----------------------------------------------------------
# Executing a notebook costs seconds (a kernel, the package's imports, the charts), so each data set
# is built once per test session and every test that reads its reports shares the build.

NOTEBOOK_PATHS = sorted(NOTEBOOKS_DIR.glob(NOTEBOOK_PATTERN))
NOTEBOOKS = [path.name for path in NOTEBOOK_PATHS]


def declared_parameters(notebook: Path) -> set[str]:
    """Names the notebook's `parameters` cell assigns: (data_dir, region, report_year) for a report
    notebook, fewer for one whose metadata says {"gwr": {"scope": "region" | "panel"}}."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    cell = next(c for c in cells if "parameters" in c.get("metadata", {}).get("tags", []))
    tree = ast.parse("".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"])
    return {target.id for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.AnnAssign))
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Name)}


def parameters_for(notebook: Path, **candidates: object) -> dict:
    """The candidates the notebook declares, and only those."""
    declared = declared_parameters(notebook)
    return {name: value for name, value in candidates.items() if name in declared}


@dataclass(frozen=True)
class Built:
    """A finished build: its reports directory and the executed notebook behind each page.

    Pages are named as the build names them: "<report folder>/<notebook stem>" for a report's pages,
    "<region folder>/<stem>" for a region's, "<stem>" for the panel's."""

    out: Path
    executed: dict  # page name -> executed nbformat.NotebookNode

    def name(self, notebook: str, where: str | None = None) -> str:
        """The page of `notebook` (a file name), in folder `where` when given, else its first page."""
        stem = Path(notebook).stem
        names = sorted(n for n in self.executed if n.rsplit("/", 1)[-1] == stem
                       and (where is None or n.startswith(f"{where}/")))
        assert names, f"no page of {notebook} in {self.out} (pages: {sorted(self.executed)})"
        return names[0]

    def notebook(self, notebook: str, where: str | None = None):
        """The executed notebook behind a page (see `name`)."""
        return self.executed[self.name(notebook, where)]

    def page(self, notebook: str, variant: str = "reader", where: str | None = None) -> str:
        """A page's HTML: the reader version, or the "full" one with code (see `name`)."""
        suffix = ".html" if variant == "reader" else f".{variant}.html"
        return (self.out / (self.name(notebook, where) + suffix)).read_text(encoding="utf-8")

    def notebooks(self) -> list[str]:
        """The notebook file names this build executed at least once."""
        return sorted({name.rsplit("/", 1)[-1] + ".ipynb" for name in self.executed})


def executed_notebooks(build_dir: Path) -> dict:
    """The executed notebook of each page in a build directory's cache (one entry per page)."""
    import nbformat  # slow to import (jsonschema): only tests that build pay for it

    executed = {}
    cache = build_dir / "cache"
    for path in sorted(cache.glob("**/executed.ipynb")):
        name = path.parent.parent.relative_to(cache).as_posix()
        assert name not in executed, f"{build_dir} holds two builds of {name}"
        executed[name] = nbformat.read(path, as_version=4)
    return executed


def build_quietly(options) -> Built:
    """`python -m analysis build` with these options, without a progress bar; the data is only
    validated (a test never rewrites the shipped data/processed/)."""
    from analysis.build.progress import Progress
    from analysis.build.run import build
    from analysis.staging.pipeline import validate_data

    build(options, progress=Progress(0, io.StringIO(), bar=False), prepare_data=validate_data)
    return Built(options.out, executed_notebooks(options.build_dir))


# Under `pytest -n 2 --dist loadgroup` (make test) the tests that read one built data set run on one
# worker, so each set is built once, not once per worker; the two workers build different sets at once.
SHARED_BUILDS = {"shipped_build": "shipped", "county_build": "county", "updated": "walkthrough",
                 "conflicting_runs": "conflicting"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        group = next((g for fixture, g in SHARED_BUILDS.items() if fixture in getattr(item, "fixturenames", ())), None)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Every numbered notebook executed once on the shipped data, as `make reports` does (into a
    temporary folder): the notebook, browser and README tests read these reports."""
    from analysis.build.run import BuildOptions

    root = tmp_path_factory.mktemp("shipped")
    built = build_quietly(BuildOptions(out=root / "reports", build_dir=root / ".build"))
    assert built.notebooks() == NOTEBOOKS, "the build did not execute every numbered notebook"
    return built


# Another county and another year, written in the genre; two strings in it would be markup if a
# report did not escape them (one in the text, one in the region's English name).
COUNTY_REPORT = (
    "测试县第十八届人民代表大会第三次会议开幕\n\n"
    "一、2023年工作回顾\n\n"
    "<script>alert(1)</script>全县地区生产总值完成120.5亿元，增长5.1%；一般公共预算收入完成8.2亿元，增长3.4%；"
    "固定资产投资下降2.1%；社会消费品零售总额增长6.8%。民生支出完成14.3亿元，占一般公共预算支出的80.2%。"
    "高新技术企业达到21家。\n\n"
    "二、2024年工作安排\n\n"
    "主要预期目标是：地区生产总值增长5.5%左右，一般公共预算收入增长4%以上，固定资产投资增长6%，"
    "居民人均可支配收入增长6%左右。力争高新技术企业达到30家。\n")
COUNTY_REGION_EN = "<script>alert(2)</script> Test County"


@pytest.fixture(scope="session")
def county_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A county's own data directory made and built as the README's "Another region" says: copy
    data/indicators.yml into a new folder, `add-report … --data-dir` it, build from that folder."""
    from analysis.__main__ import main

    root = tmp_path_factory.mktemp("county")
    folder = root / "xian-data"
    folder.mkdir()
    shutil.copy(DATA_DIR / "indicators.yml", folder / "indicators.yml")
    (root / "report.txt").write_text(COUNTY_REPORT, encoding="utf-8")
    assert main(["add-report", str(root / "report.txt"), "--doc", "testxian-2024", "--region", "测试县",
                 "--region-en", COUNTY_REGION_EN, "--year", "2024", "--level", "county", "--publisher", "测试日报",
                 "--data-dir", str(folder)]) == 0
    out, build_dir = root / "xian-reports", root / ".build"
    assert main(["build", "--data-dir", str(folder), "--out", str(out), "--build-dir", str(build_dir)]) == 0
    built = Built(out, executed_notebooks(build_dir))
    assert built.notebooks() == NOTEBOOKS, "the build did not execute every numbered notebook"
    return built
