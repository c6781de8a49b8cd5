"""ruff finds no undefined names, unused imports or syntax errors in the package, tests and notebooks."""
from __future__ import annotations

import subprocess
import sys

from analysis.config import ROOT


def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "analysis", "tests", "benchmarks",
                             "tools", "notebooks"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
