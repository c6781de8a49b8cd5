"""The README's file references and make targets exist (a README that links a missing file misleads)."""
from __future__ import annotations

import re

from analysis.config import ROOT

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
    targets = set(re.findall(r"^([a-z]+):", makefile, re.M))
    named = set(re.findall(r"`make ([a-z]+)`", README)) | set(re.findall(r"^make ([a-z]+)", README, re.M))
    assert {"reports", "test", "lab"} <= named
    assert named <= targets


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
