"""The README's file references and make targets exist (a README that links a missing file misleads),
and its JupyterLab lines run and draw a chart whose Chinese renders."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

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


def _exploration_code() -> str:
    section = README.split("## Explore in JupyterLab", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the section should hold one python block"
    return blocks[0]


# Appended to the README's lines: save the chart, report what it drew.
AFTER = """
import json, sys
import matplotlib.pyplot as plt
ax = plt.gca()
plt.gcf().savefig(sys.argv[1])
print(json.dumps({"labels": [t.get_text() for t in ax.get_yticklabels()],
                  "widths": sorted(round(p.get_width(), 2) for p in ax.patches if p.get_width())}))
"""


def test_the_readme_exploration_lines_draw_a_chart_in_chinese(tmp_path: Path) -> None:
    """Run as a reader would in a fresh kernel; warnings are errors, so a CJK glyph missing from the
    font (matplotlib warns and draws a box) fails the test."""
    png = tmp_path / "chart.png"
    environment = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-W", "error", "-c", _exploration_code() + AFTER, str(png)],
                            cwd=tmp_path, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    drawn = json.loads(result.stdout.strip().splitlines()[-1])
    assert "地区生产总值" in drawn["labels"] and "居民人均可支配收入" in drawn["labels"]
    # the seed page's 2022 growth rates and the 2024 report's 2023 ones, e.g. GDP 4.7 % and 6.5 %
    assert {4.7, 6.5, 16.0, 8.6, 23.5, 5.8} <= set(drawn["widths"])
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
