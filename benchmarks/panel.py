"""Benchmark of `python -m analysis build` at panel scale: N reports of the shipped text under N region names.

For each N: a cold build, the build after adding one more report (only its pages and the panel pages
should run), a build with nothing changed, and the peak memory of the build's process tree. Prints a
Markdown table for benchmarks/README.md. Run: `.venv/bin/python benchmarks/panel.py [--sizes 6 12 24]`.
Builds a temporary copy of notebooks/ without the notebooks named by --leave-out (see its help).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from build import BIN, timed  # benchmarks/build.py: wall time and peak RSS of a command

from analysis.build.run import NOTEBOOK_PATTERN
from analysis.config import DATA_DIR, NOTEBOOKS_DIR

SEED = DATA_DIR / "raw" / "shizhong-2023.txt"


def add_report(data: Path, number: int) -> None:
    """The shipped text as the 2023 report of an invented district number `number`."""
    doc = f"district{number:03d}-2023"
    shutil.copyfile(SEED, data / "raw" / f"{doc}.txt")
    (data / "raw" / f"{doc}.meta.yml").write_text(
        f"doc: {doc}\nregion: 测试区{number:03d}\nregion_en: Test District {number:03d}\nlevel: district\n"
        "report_year: 2023\npublisher: benchmark\nencoding: utf-8\n", encoding="utf-8")


def make_data(root: Path, reports: int) -> Path:
    data = root / "data"
    (data / "raw").mkdir(parents=True)
    for name in ("indicators.yml", "units.yml"):
        if (DATA_DIR / name).exists():
            shutil.copyfile(DATA_DIR / name, data / name)
    for number in range(reports):
        add_report(data, number)
    return data


def copy_notebooks(target: Path, leave_out: list[str]) -> Path:
    target.mkdir(parents=True)
    for notebook in sorted(NOTEBOOKS_DIR.glob(NOTEBOOK_PATTERN)):
        if not any(notebook.stem.startswith(name) for name in leave_out):
            shutil.copy2(notebook, target / notebook.name)
    return target


def executed(build_dir: Path, out: Path) -> int:
    """Pages in the last build's manifest (for the table's page count)."""
    return len(json.loads((out / "reports.json").read_text(encoding="utf-8"))["reports"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[6, 12, 24], help="report counts (default 6 12 24)")
    parser.add_argument("--leave-out", nargs="*", default=[], metavar="NN",
                        help="notebooks not built, e.g. 05 (default: none; the README's table left out 05)")
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        work = Path(tempfile.mkdtemp(prefix="gwr-panel-"))
        try:
            data = make_data(work, size)
            notebooks = copy_notebooks(work / "notebooks", args.leave_out)
            build = [str(BIN / "python"), "-m", "analysis", "build", "--data-dir", str(data),
                     "--notebooks-dir", str(notebooks), "--build-dir", str(work / "build"),
                     "--out", str(work / "reports")]
            cold, cold_peak = timed([build])
            pages = executed(work / "build", work / "reports")
            add_report(data, size)
            added, added_peak = timed([build])
            unchanged, _ = timed([build])
            rows.append((size, pages, cold, cold / size, added, added / cold, unchanged, max(cold_peak, added_peak)))
            print(f"N={size}: cold {cold:.1f} s, +1 report {added:.1f} s, unchanged {unchanged:.2f} s", file=sys.stderr)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print("\n| reports | pages | cold (s) | cold per report (s) | add one report (s) | × cold | nothing changed (s) "
          "| peak RSS (MiB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, pages, cold, per, added, ratio, unchanged, peak in rows:
        print(f"| {size} | {pages} | {cold:.1f} | {per:.2f} | {added:.1f} | {ratio:.2f} | {unchanged:.2f} | "
              f"{peak / 1024:.0f} |")


if __name__ == "__main__":
    main()
