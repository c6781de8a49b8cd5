"""The panel notebooks: committed clean with their scope, and executed for the nation, a district and the panel."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from analysis.build.execute import run
from analysis.build.run import Job
from analysis.config import DATA_DIR, NOTEBOOKS_DIR

PANELS = {"04-region-trends.ipynb": "region", "05-levels-and-peers.ipynb": "panel"}


@pytest.mark.parametrize(("name", "scope"), PANELS.items())
def test_panel_notebook_is_clean_tagged_and_scoped(name: str, scope: str) -> None:
    nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    assert nb.metadata["gwr"] == {"scope": scope}
    assert nb.metadata["kernelspec"]["name"] == "gwr-analysis"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata["tags"] and "data_dir = None" in code[0].source
    assert ("region = None" in code[0].source) == (scope == "region")
    assert all("remove-input" in c.metadata["tags"] and not c.outputs for c in code)


def _reader(name: str, parameters: dict, out: Path) -> str:
    outcome = run(Job(name, NOTEBOOKS_DIR / name, parameters, out, out / "failed.ipynb"))
    assert outcome.error is None, outcome.error
    nb = nbformat.read(out / "executed.ipynb", as_version=4)
    problems = [o for c in nb.cells for o in c.get("outputs", []) if o["output_type"] == "error" or o.get("name") == "stderr"]
    assert problems == []
    return (out / "reader.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_nation_trends_show_every_year_and_the_2020_absence(tmp_path: Path) -> None:
    html = _reader("04-region-trends.ipynb", {"data_dir": str(DATA_DIR), "region": "全国"}, tmp_path)
    assert "no target set" in html and "real (constant prices)" in html
    for year in range(2006, 2026):
        assert f">{year}<" in html, year
    assert "revised: first reported" in html


@pytest.mark.slow
def test_district_trends_state_the_fdi_shortfall(tmp_path: Path) -> None:
    html = _reader("04-region-trends.ipynb", {"data_dir": str(DATA_DIR), "region": "枣庄市市中区"}, tmp_path)
    assert "84.8% of the target" in html and "6782万美元" in html


@pytest.mark.slow
def test_levels_and_peers_compare_an_about_with_a_floor(tmp_path: Path) -> None:
    html = _reader("05-levels-and-peers.ipynb", {"data_dir": str(DATA_DIR)}, tmp_path)
    assert "about vs at_least" in html and "+1.0" in html
    assert "Shandong Province (山东省)" in html and "China (全国)" in html
