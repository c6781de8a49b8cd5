"""The README's file references and make targets exist (a README that links a missing file misleads),
and its three JupyterLab questions run and answer with the values worked by hand, the chart in Chinese."""
from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.config import NOTEBOOKS_DIR, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Files a user adds in the walkthrough, not shipped.
EXAMPLES = {"shizhong-2024.txt", "data/raw/shizhong-2024.meta.yml"}


def test_every_path_the_readme_names_exists() -> None:
    paths = set(re.findall(r"`((?:data|notebooks|analysis|benchmarks|tests|\.ci)/[^`*\s]+)`", README))
    assert paths, "the README names no project files"
    missing = sorted(p for p in paths - EXAMPLES if not (ROOT / p.rstrip("/")).exists())
    assert missing == []


def test_every_make_target_the_readme_names_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    named = set(re.findall(r"`make ([a-z][a-z-]*)`", README)) | set(re.findall(r"^make ([a-z][a-z-]*)", README, re.M))
    assert {"reports", "test", "test-fast", "lab"} <= named
    assert named <= targets


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_notebooks_name_the_kernel_make_lab_installs() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installed = re.search(r'ipykernel install .*--name (\S+) --display-name "([^"]+)"', makefile)
    assert installed and f'"{installed.group(2)}"' in README
    for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")):
        kernelspec = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("kernelspec", {})
        assert (kernelspec.get("name"), kernelspec.get("display_name")) == installed.groups(), path.name


def _exploration_blocks() -> list[str]:
    section = README.split("## Explore in JupyterLab", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 3, "the section answers three questions, one python block each"
    for block in blocks:
        assert len([line for line in block.splitlines() if line.strip()]) <= 5, block
    return blocks


# Appended to a block that ends in a table (as a notebook cell would show it): print it as JSON.
SHOW_TABLE = """
import sys
print(_shown.to_json(orient="records", force_ascii=False))
"""
# Appended to the chart block: save the chart, report what it drew.
SHOW_CHART = """
import json, sys
import matplotlib.pyplot as plt
import numpy as np
ax = plt.gca()
plt.gcf().savefig(sys.argv[1])
points = [p for c in ax.collections for p in c.get_offsets().tolist() if np.isfinite(p).all()]
print(json.dumps({"title": ax.get_title(), "points": points, "legend": [t.get_text() for t in ax.get_legend().get_texts()]},
                 ensure_ascii=False))
"""


def _run(block: str, after: str, tmp_path: Path) -> object:
    """Run a README block as a reader would, in a fresh Python with warnings as errors (a CJK glyph missing
    from the font makes matplotlib warn and draw a box); its last expression is what a notebook shows."""
    tree = ast.parse(block)
    if isinstance(tree.body[-1], ast.Expr):
        tree.body[-1] = ast.Assign(targets=[ast.Name("_shown", ast.Store())], value=tree.body[-1].value)
    code = ast.unparse(ast.fix_missing_locations(tree)) + after
    environment = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-W", "error", "-c", code, str(tmp_path / "chart.png")], cwd=tmp_path,
                            env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_readme_compares_shizhongs_2023_gdp_target_with_shandongs_and_the_nations(tmp_path: Path) -> None:
    rows = _run(_exploration_blocks()[0], SHOW_TABLE, tmp_path)
    # 国内生产总值增长5%左右 (the 2023 national report), Shandong 5%以上, Shizhong 6%左右 (the seed page)
    assert [(r["level"], r["region"], r["target"], r["target_qualifier"]) for r in rows] == [
        ("nation", "全国", 5.0, "about"), ("province", "山东省", 5.0, "at_least"), ("district", "枣庄市市中区", 6.0, "about")]
    # promises compared as intervals (issue 19), 'about' accepting 0.5 pp below its number: ≥5 accepts 5 and up,
    # ≈5 4.5 and up, ≈6 5.5 and up. Shandong over the nation 5 − 4.5 = +0.5; Shizhong over Shandong 5.5 − 5 = +0.5
    assert [r["excess_pp"] for r in rows] == [None, pytest.approx(5 - 4.5), pytest.approx(5.5 - 5)]


def test_the_readme_lists_the_2023_targets_met_and_by_how_much(tmp_path: Path) -> None:
    rows = {r["indicator"]: r for r in _run(_exploration_blocks()[1], SHOW_TABLE, tmp_path)}
    # Each 2023 target of the seed page against the 2023 outcome of the 2024 report (hand-entered):
    # GDP ≈6 vs 6.5 met (+0.5 pp); revenue ≥6.5 vs 6.5 met; fixed assets ≈12 vs 7.2 missed (below 12 − 0.5);
    # industry 10 vs 11 met; income ≥5.5 vs 6.6 met; FDI ≥8000 vs 6782万美元 missed (6782/8000); trade ≥70 vs 75亿元 met.
    assert {i: r["status"] for i, r in rows.items()} == {
        "gdp": "met", "general_budget_revenue": "met", "fixed_asset_investment": "missed",
        "industrial_value_added": "met", "disposable_income_per_capita": "met", "fdi_utilized": "missed",
        "trade_total": "met"}
    assert rows["fdi_utilized"]["ratio"] == pytest.approx(6782 / 8000) and rows["trade_total"]["ratio"] == pytest.approx(75 / 70)
    assert rows["gdp"]["gap_pp"] == pytest.approx(0.5) and rows["fixed_asset_investment"]["gap_pp"] == pytest.approx(-4.8)


def test_the_readme_charts_the_nations_gdp_targets_against_outcomes_in_chinese(tmp_path: Path) -> None:
    drawn = _run(_exploration_blocks()[2], SHOW_CHART, tmp_path)
    assert drawn["title"] == "全国 国内生产总值增长, %"
    # 2006–2025: 20 outcomes and 19 targets (2020's report set none: qualifier no_target, no value)
    years = sorted(int(x) for x, _ in drawn["points"])
    assert len(drawn["points"]) == 39 and years[0] == 2006 and years[-1] == 2025 and years.count(2020) == 1
    assert [2020, 2.2] in drawn["points"] and [2007, 13.0] in drawn["points"]  # outcomes as the NBS gave them
    assert {"about", "at_least", "range", "exact"} <= set(drawn["legend"])
    png = tmp_path / "chart.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
