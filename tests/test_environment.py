"""pyproject.toml and environment.yml declare the same runtime packages at the same versions."""
from __future__ import annotations

import re
import tomllib

import yaml

from analysis.config import ROOT


def _pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {}
    for requirement in project["dependencies"]:
        name, version = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([\w.]+)", requirement).groups()
        pins[re.sub(r"\[.*\]", "", name).lower()] = version
    return pins


def _conda_pins() -> dict[str, str]:
    """conda-forge pins, and the pip section's pins of packages conda-forge does not have."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pins = {}
    for item in env["dependencies"]:
        if isinstance(item, str) and "=" in item and not item.startswith("python"):
            name, version = item.split("=", 1)
            pins[name.lower()] = version
        if isinstance(item, dict):
            for requirement in item.get("pip", []):
                if "==" in requirement:
                    name, version = requirement.split("==", 1)
                    pins[name.lower()] = version
    return pins


def test_runtime_dependencies_agree() -> None:
    assert _pyproject_pins() == _conda_pins()


def test_environment_installs_the_project_itself() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = [item["pip"] for item in env["dependencies"] if isinstance(item, dict)]
    assert len(pip_section) == 1 and pip_section[0][-1] == "-e ."
    assert all("==" in requirement for requirement in pip_section[0][:-1])  # anything else pip installs is pinned
    assert "conda-forge" in env["channels"]
