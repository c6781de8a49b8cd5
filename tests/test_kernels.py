"""A kernel kept for the next run of a notebook gives the page a fresh kernel gives, and is dropped when it must be."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from analysis.build import execute, kernels
from analysis.build.jobs import Job
from analysis.config import DATA_DIR, NOTEBOOKS_DIR

# Every kind of state a run can leave in its kernel, printed before this run changes it: a kept kernel
# that was not reset shows the last run's values here, where a fresh kernel shows its defaults.
LEAKY_CELLS = [
    "import os, sys, warnings\nimport matplotlib\nimport matplotlib.pyplot as plt\nimport pandas as pd",
    "print(sorted(name for name in globals() if not name.startswith('_')))\n"
    "print('leaked' in globals(), matplotlib.rcParams['lines.linewidth'], plt.get_fignums())\n"
    "print(os.getcwd() == start_dir, os.environ.get('GWR_LEAK'), sys.path[-1], pd.get_option('display.max_rows'))\n"
    "warnings.warn('shown by every run')",
    "value * 10",
    "leaked = value\nmatplotlib.rcParams['lines.linewidth'] = value\nkept = plt.figure()\nplt.ioff()\n"
    "os.environ['GWR_LEAK'] = str(value)\nos.chdir(os.path.dirname(os.getcwd()))\nsys.path.append('leak')\n"
    "pd.set_option('display.max_rows', value)\nwarnings.simplefilter('ignore')",
]


def leaky_notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("value = 0\nimport os\nstart_dir = os.getcwd()")
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters] + [nbformat.v4.new_code_cell(source) for source in LEAKY_CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def run(notebook: Path, out: Path, **parameters) -> execute.Outcome:
    return execute.run(Job(out.name, notebook, parameters, out, out.parent / f"{out.name}-failed.ipynb",
                           {"notebook": notebook.name}))


def page(out: Path) -> str:
    """The executed notebook and both HTML pages, with what differs between any two kernels masked: object
    addresses, and the process id in the file name a warning gives for a cell."""
    texts = [(out / name).read_text(encoding="utf-8") for name in ("executed.ipynb", "reader.html", "full.html")]
    return re.sub(r" at 0x[0-9a-f]+|ipykernel_\d+", "…", "\n".join(texts))


@pytest.fixture(autouse=True)
def no_kept_kernel():
    kernels.close_kept()
    yield
    kernels.close_kept()


def test_the_reset_and_snapshot_code_is_python_and_leaves_no_names():
    for code in (kernels.SNAPSHOT, kernels.RESET):
        tree = ast.parse(code)
        defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        assert defined and all(name.startswith("_gwr_") for name in defined)
    assert "del _gwr_snapshot" in kernels.SNAPSHOT  # the reset of RESET clears its own name


@pytest.mark.slow
def test_a_kept_kernel_gives_the_page_a_fresh_kernel_gives(tmp_path):
    notebook = leaky_notebook(tmp_path / "leaky.ipynb")
    assert run(notebook, tmp_path / "first", value=1).error is None
    kept = kernels._kept["kernel"]
    assert run(notebook, tmp_path / "reused", value=2).error is None
    assert kernels._kept["kernel"] is kept and kept.runs == 2  # the same kernel ran both
    kernels.close_kept()
    assert run(notebook, tmp_path / "fresh", value=2).error is None
    assert page(tmp_path / "reused") == page(tmp_path / "fresh")
    assert "shown by every run" in page(tmp_path / "reused")


@pytest.mark.slow
def test_without_the_reset_the_second_run_would_differ(tmp_path, monkeypatch):
    """The comparison above can fail: with the reset left out, the leaked state shows."""
    notebook = leaky_notebook(tmp_path / "leaky.ipynb")
    monkeypatch.setattr(kernels, "RESET", "pass")
    run(notebook, tmp_path / "first", value=1)
    run(notebook, tmp_path / "reused", value=2)
    kernels.close_kept()
    run(notebook, tmp_path / "fresh", value=2)
    reused, fresh = page(tmp_path / "reused"), page(tmp_path / "fresh")
    assert reused != fresh
    assert "True 1" in reused and "False 2" not in fresh  # `leaked` and the line width of the last run


@pytest.mark.slow
def test_a_failed_run_drops_its_kernel_and_another_notebook_gets_its_own(tmp_path):
    notebook = leaky_notebook(tmp_path / "leaky.ipynb")
    failed = run(notebook, tmp_path / "failing", value=-1)
    assert failed.error and "failed in cell 4" in failed.error  # after changing state: pandas refuses -1 rows
    assert "kernel" not in kernels._kept
    assert run(notebook, tmp_path / "after", value=2).error is None
    kept = kernels._kept["kernel"]
    other = leaky_notebook(tmp_path / "other.ipynb")
    assert run(other, tmp_path / "other", value=2).error is None
    assert kernels._kept["kernel"] is not kept and not kept.alive()
    kernels.close_kept()
    run(notebook, tmp_path / "fresh", value=2)
    assert page(tmp_path / "after") == page(tmp_path / "fresh")


@pytest.mark.slow
def test_a_shipped_page_built_in_a_kept_kernel_is_the_page_of_a_fresh_kernel(tmp_path):
    """Page 04 for two regions of the shipped data in one kernel, the second again in a new kernel."""
    notebook = NOTEBOOKS_DIR / "04-region-trends.ipynb"
    assert run(notebook, tmp_path / "nation", data_dir=str(DATA_DIR), region="全国").error is None
    assert run(notebook, tmp_path / "reused", data_dir=str(DATA_DIR), region="山东省").error is None
    assert kernels._kept["kernel"].runs == 2
    kernels.close_kept()
    assert run(notebook, tmp_path / "fresh", data_dir=str(DATA_DIR), region="山东省").error is None
    assert page(tmp_path / "reused") == page(tmp_path / "fresh")


@pytest.mark.slow
def test_closing_stops_the_kept_kernel(tmp_path):
    notebook = leaky_notebook(tmp_path / "leaky.ipynb")
    run(notebook, tmp_path / "first", value=1)
    kept = kernels._kept["kernel"]
    assert kept.alive()
    kernels.close_kept()
    assert not kept.alive() and "kernel" not in kernels._kept
