"""Every notebook executes top to bottom, without errors or warnings, on the shipped data and on a
second small data set (another county, another year), and its report shows what it promises.

The notebooks run in the session's shared builds (tests/conftest.py: `shipped_build`,
`county_build`); only the conflicting-sources data set is executed here."""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from analysis.build.pages import notebook_scope
from conftest import NOTEBOOK_PATHS, NOTEBOOKS, Built, declared_parameters, parameters_for

from analysis.build.jobs import Job
from analysis.build.progress import Progress
from analysis.build.run import run_jobs
from analysis.config import DATA_DIR, NOTEBOOKS_DIR, ROOT
from analysis.build.execute import run
from analysis.staging.pipeline import write_extracted

# What each numbered notebook's report must show on the shipped data: numbers computed here by hand
# from the seed page's figures. The rule: a notebook in notebooks/ without an entry fails
# test_every_numbered_notebook_is_tested, so none arrives without a test of what it reports.
SHOWS = {
    "00-data-overview.ipynb": [
        "shizhong-2023", "市中云报", "shizhong-2024-ref",  # the text and the hand-entered sources, with provenance
        "311.7亿元", "[560:565]",                          # the GDP figure with its character span in the text
    ],
    "01-growth-rates.ipynb": [
        "297.7亿元",   # 2021 GDP implied by 311.7 亿元 after 4.7 %: 311.7 / 1.047 = 297.71
        "34,820元",    # 2021 income implied by 36836 元 after 5.8 %: 36836 / 1.058 = 34816.6, shown to its precision
        "≈330.4亿元",   # the ≈6 % GDP target on 311.7 亿元: 311.7 × 1.06 = 330.402, to the base's one decimal (issue 19)
    ],
    "02-livelihood-spending.ipynb": [
        "35.33",       # implied expenditure: 民生支出 26.6 亿元 at 75.3 % of it: 26.6 / 0.753 = 35.325
        "78.1%",       # self-reliance: revenue 27.6 / 35.325 = 78.13 %
        "8.53%",       # livelihood spending as a share of GDP: 26.6 / 311.7 = 8.534 %
        "general public budget expenditure (公共财政支出)",  # the total the text names: 占公共财政支出的75.3%
    ],
    "03-target-ambition.ipynb": [
        "+1.4 pp",     # industrial value added: target 10 % against 8.6 % in 2022
        "≈-4.0 pp",    # fixed-asset investment: ≈12 % against 16 %
        "层层加码",
    ],
    "04-region-trends.ipynb": [  # Shizhong's page
        "84.8% of the target",  # FDI: 6782 万美元 against a target of ≥ 8000 万美元: 6782 / 8000 = 84.775 %
        "+1.0 pp",              # industrial value added: 11 % in 2023 against a target of 10 %
    ],
    "05-levels-and-peers.ipynb": [
        "no target set",        # the nation's 2020 report set no GDP target (hand-entered, qualifier no_target)
        "6–6.5%",               # the nation's 2019 GDP target, a range
        "75.3%",                # Shizhong's livelihood share of 2022 (占公共财政支出的75.3%), in the peers table
        "Only one region of level district states a share for 2022",
    ],
}
# The page a test reads for a notebook that runs once per region: Shizhong's.
SHIZHONG = "shizhong-district-zaozhuang-shandong"


def _where(notebook: str) -> str | None:
    return SHIZHONG if notebook_scope(NOTEBOOKS_DIR / notebook) == "region" else None


def _problems(nb: nbformat.NotebookNode) -> list[str]:
    outputs = [o for cell in nb.cells for o in cell.get("outputs", [])]
    return [o.get("text", o.get("evalue", "")) for o in outputs
            if o["output_type"] == "error" or o.get("name") == "stderr"]


def _outputs_text(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.extend(str(v) for k, v in output.get("data", {}).items() if k.startswith("text/"))
            parts.append(str(output.get("text", "")))
    return "\n".join(parts)


def test_every_numbered_notebook_is_tested() -> None:
    """The session builds execute every notebooks/NN-*.ipynb (they assert it); this names each in SHOWS."""
    assert NOTEBOOKS, f"no numbered notebooks in {NOTEBOOKS_DIR}"
    untested = sorted(set(NOTEBOOKS) - set(SHOWS))
    assert not untested, f"add what the report of {untested} must show on the shipped data to SHOWS"
    assert sorted(SHOWS) == NOTEBOOKS, f"SHOWS names notebooks that do not exist: {sorted(set(SHOWS) - set(NOTEBOOKS))}"
    assert all(SHOWS.values()), "every notebook needs at least one thing its report must show"


def committed(path: Path, root: Path = ROOT) -> nbformat.NotebookNode:
    """The notebook as git will commit it: the staged copy (the index, which git's nbstripout filter wrote
    when it was staged) of a notebook git tracks; the file itself when it is untracked or `root` is no git
    checkout. A notebook run and saved in JupyterLab changes the file, not what is committed."""
    shown = subprocess.run(["git", "show", f":{path.relative_to(root).as_posix()}"], cwd=root,
                           capture_output=True, check=False)
    if shown.returncode == 0:
        return nbformat.reads(shown.stdout.decode("utf-8"), as_version=4)
    return nbformat.read(path, as_version=4)


def with_outputs(nb: nbformat.NotebookNode) -> list[int]:
    """Indexes of the code cells that carry outputs or an execution count."""
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]


def test_notebooks_are_committed_without_outputs() -> None:
    for path in NOTEBOOK_PATHS:
        nb = committed(path)
        assert with_outputs(nb) == [], f"{path.name} would be committed with outputs: `make notebook-filter`, then git add it"
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", []), path.name
        assert "data_dir" in declared_parameters(path), f"{path.name}: its parameters cell must declare data_dir"


@pytest.mark.slow
def test_a_notebook_run_and_saved_in_lab_is_committed_without_outputs(tmp_path: Path) -> None:
    """Run a shipped notebook as JupyterLab does, save it with its outputs, stage it: the filter `make`
    sets up strips them, git sees no change to commit, and the no-outputs check passes on what is committed."""
    checkout = tmp_path / "checkout"
    (checkout / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / ".gitattributes", checkout)
    (checkout / ".venv").symlink_to(ROOT / ".venv")  # the filter runs the checkout's own .venv/bin/python
    notebook = checkout / "notebooks" / "02-livelihood-spending.ipynb"
    shutil.copy(NOTEBOOKS_DIR / notebook.name, notebook)

    def git(*args: str) -> str:
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=checkout,
                              capture_output=True, text=True, check=True).stdout
    git("init", "-q")
    subprocess.run(["make", "-f", str(ROOT / "Makefile"), "notebook-filter"], cwd=checkout, check=True,
                   capture_output=True)
    git("add", "-A")
    git("commit", "-qm", "notebooks without outputs")

    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=600, resources={"metadata": {"path": str(notebook.parent)}}).execute()
    nbformat.write(nb, notebook)  # "Save" after "Run All"
    saved = nbformat.read(notebook, as_version=4)
    assert with_outputs(saved) and "35.33" in _outputs_text(saved)  # the file has outputs: the old check failed here
    assert git("diff") == ""  # through the filter, the saved notebook is the committed one
    git("add", "notebooks")
    assert with_outputs(committed(notebook, checkout)) == []
    assert git("status", "--porcelain") == ""  # nothing to commit


def test_parameters_are_read_from_the_parameters_cell(tmp_path: Path) -> None:
    cells = [nbformat.v4.new_markdown_cell("# Panel"),
             nbformat.v4.new_code_cell("data_dir = None  # the data\nregion: str | None = None",
                                       metadata={"tags": ["parameters"]}),
             nbformat.v4.new_code_cell("report_year = 2023")]
    path = tmp_path / "04-panel.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={"gwr": {"scope": "panel"}}), path)
    assert declared_parameters(path) == {"data_dir", "region"}
    assert parameters_for(path, data_dir="/d", region="测试县", report_year=2024) == {"data_dir": "/d", "region": "测试县"}


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_on_the_shipped_data(notebook: str, shipped_build: Built) -> None:
    assert _problems(shipped_build.notebook(notebook, _where(notebook))) == []
    html = shipped_build.page(notebook, where=_where(notebook))
    assert "枣庄市市中区" in html or "Shizhong" in html
    missing = [shown for shown in SHOWS[notebook] if shown not in html]
    assert not missing, f"{notebook}: the report does not show {missing}"


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_on_a_second_small_data_set(notebook: str, county_build: Built) -> None:
    assert _problems(county_build.notebook(notebook)) == []
    html = county_build.page(notebook)  # region and year from the data: the build names neither
    assert "测试县" in html or "Test County" in html
    assert "枣庄" not in html  # nothing of the shipped data leaks into another data set's report


@pytest.mark.slow
def test_a_missing_data_directory_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir"
    notebook = NOTEBOOKS_DIR / "00-data-overview.ipynb"
    outcome = run(Job(notebook.name, notebook, {"data_dir": str(missing)}, tmp_path / "out", tmp_path / "failed.ipynb"))
    assert outcome.error is not None
    assert "00-data-overview.ipynb" in outcome.error and str(missing) in outcome.error
    assert (tmp_path / "failed.ipynb").exists()


CONFLICTING_2024 = ("第一部分：2023年工作回顾\n\n全区生产总值完成350亿元，增长5.9%。一般公共预算收入完成29.4亿元。"
                    "民生支出完成30亿元，占一般公共预算支出的80%。\n\n第二部分：2024年政府工作安排\n\n"
                    "主要预期目标是：生产总值增长6%左右。\n")
CONFLICTING_SIDECAR = """doc: sz-2024
region: 枣庄市市中区
region_en: Shizhong District, Zaozhuang, Shandong
level: district
report_year: 2024
publisher: 测试日报
encoding: utf-8
title: 市中区2024年政府工作报告（测试用）
"""
CONFLICT_RUNS = [("01-growth-rates.ipynb", 2024), ("01-growth-rates.ipynb", 2023), ("02-livelihood-spending.ipynb", 2024),
                 ("03-target-ambition.ipynb", 2024), ("03-target-ambition.ipynb", 2023)]


@pytest.fixture(scope="module")
def conflicting_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], nbformat.NotebookNode]:
    """The shipped data plus a 2024 text whose 2023 GDP (350亿元, 5.9%) contradicts the hand-entered 331亿元, 6.5%;
    each notebook of CONFLICT_RUNS executed once for its report year, two at a time."""
    root = tmp_path_factory.mktemp("conflict")
    data = root / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "raw" / "sz-2024.txt").write_text(CONFLICTING_2024, encoding="utf-8")
    (data / "raw" / "sz-2024.meta.yml").write_text(CONFLICTING_SIDECAR, encoding="utf-8")
    write_extracted(data)
    jobs = []
    for notebook, year in CONFLICT_RUNS:
        path, name = NOTEBOOKS_DIR / notebook, f"{Path(notebook).stem}-{year}"
        parameters = parameters_for(path, data_dir=str(data), region="枣庄市市中区", report_year=year)
        jobs.append(Job(name, path, parameters, root / name, root / "failed" / f"{name}.ipynb"))
    outcomes = run_jobs(jobs, 2, Progress(0, io.StringIO(), bar=False))
    assert [o.error for o in outcomes if o.error] == []
    return {(notebook, year): nbformat.read(root / f"{Path(notebook).stem}-{year}" / "executed.ipynb", as_version=4)
            for notebook, year in CONFLICT_RUNS}


@pytest.mark.slow
@pytest.mark.parametrize(("notebook", "year"), CONFLICT_RUNS)
def test_conflicting_sources_are_shown_not_hidden(notebook: str, year: int, conflicting_runs) -> None:
    nb = conflicting_runs[notebook, year]
    assert _problems(nb) == []
    shown = _outputs_text(nb)
    assert "Conflicting sources" in shown
    assert "350" in shown and "331" in shown  # both values, the one used and the other source


@pytest.mark.slow
def test_shipped_reports_show_no_conflict_and_no_false_precision(shipped_build: Built) -> None:
    shown = _outputs_text(shipped_build.notebook("01-growth-rates.ipynb"))
    assert "Conflicting sources" not in shown
    assert "34,816.64" not in shown  # 36836 / 1.058 is only known to about ±17 元
    assert "at_least" not in shipped_build.page("01-growth-rates.ipynb")
