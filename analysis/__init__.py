"""gwr-analysis: extract, verify and analyse the figures of Chinese government work reports.

The public face, for a notebook or a Python prompt (imports stay light until a name is used):

    from analysis import open_report, open_panel, figures, use_style
    use_style()                      # seaborn theme with the shipped Chinese font
    report = open_report()           # the newest report in data/; open_report("枣庄市市中区", 2023)
    report.targets()                 # the plan year's annual targets, each with its prior-year figure
    report.attainment()              # each target against its outcome: status, ratio, gap_pp, the rule
    panel = open_panel()             # every region and level of the data
    panel.chain("gdp", 2023)         # the GDP growth target of each level, and its excess over the one above
    panel.peers("district", 2023)    # the regions of one level side by side
    table = figures()                # one row per figure, every report, ready to chart
"""
from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("gwr-analysis")
except PackageNotFoundError:  # running from a source tree that was not pip-installed
    __version__ = "0.0.0+unknown"

# name -> module that defines it; loaded on first use so `import analysis` does not load pandas.
_PUBLIC = {
    "open_report": "analysis.analyses.api",
    "open_panel": "analysis.analyses.api",
    "Report": "analysis.analyses.api",
    "Panel": "analysis.analyses.api",
    "figures": "analysis.reconciled.report",
    "load_indicators": "analysis.staging.load",
    "extract_mentions": "analysis.extract.facts",
    "use_style": "analysis.present.style",
    "DataError": "analysis.errors",
}
_STAGES = ("text", "extract", "staging", "reconciled", "analyses", "present", "build")
__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    if name in _STAGES:  # `analysis.staging.load` works without importing the stage first
        return import_module(f"analysis.{name}")
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*_PUBLIC, *_STAGES, "__version__"})
