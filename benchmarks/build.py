"""Benchmark of `python -m analysis build` against a naive `jupyter nbconvert --execute` of each notebook.

Prints one Markdown table (paste it into benchmarks/README.md). Every figure is the median of
--runs runs, and the scenarios are interleaved within each round so their ratios hold on a noisy
machine. Works on whatever notebooks are in notebooks/, on a temporary copy (the real notebooks,
reports/ and .build/ are not touched). Run: `.venv/bin/python benchmarks/build.py [--runs 3]`.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from analysis.config import NOTEBOOKS_DIR
from analysis.build.run import NOTEBOOK_PATTERN

BIN = Path(sys.executable).parent


def _tree_rss_kib(root: int) -> int:
    """Resident memory of `root` and all its descendants, from /proc (Linux)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def timed(commands: list[list[str]]) -> tuple[float, int]:
    """Wall time of running `commands` in turn, and the peak RSS (KiB) of any one's process tree."""
    peak = 0
    start = time.perf_counter()
    for command in commands:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        done = threading.Event()

        def sample(pid: int = process.pid) -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss_kib(pid))
                done.wait(0.1)

        sampler = threading.Thread(target=sample)
        sampler.start()
        _, err = process.communicate()
        done.set()
        sampler.join()
        if process.returncode:
            raise SystemExit(f"{' '.join(command)} failed:\n{err}")
    return time.perf_counter() - start, peak


def touch(notebook: Path, round_: int) -> None:
    """Change the notebook's content (not just its mtime, which the cache ignores)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    nb["metadata"]["benchmark_round"] = round_
    notebook.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario (median reported; default 3)")
    args = parser.parse_args()
    notebooks = sorted(NOTEBOOKS_DIR.glob(NOTEBOOK_PATTERN))
    if not notebooks:
        raise SystemExit(f"no notebooks in {NOTEBOOKS_DIR}")
    work = Path(tempfile.mkdtemp(prefix="gwr-bench-"))
    try:
        copy = work / "notebooks"
        copy.mkdir()
        for notebook in notebooks:
            shutil.copy2(notebook, copy / notebook.name)
        copies = sorted(copy.glob(NOTEBOOK_PATTERN))
        build = [str(BIN / "python"), "-m", "analysis", "build", "--notebooks-dir", str(copy),
                 "--build-dir", str(work / "build"), "--out", str(work / "reports")]
        naive = [[str(BIN / "jupyter"), "nbconvert", "--to", "html", "--execute", str(nb),
                  "--output-dir", str(work / "naive")] for nb in copies]
        scenarios = {
            "(a) naive: jupyter nbconvert --execute, each notebook in turn": lambda r: timed(naive),
            "(b) analysis build --force (cold)": lambda r: timed([build + ["--force"]]),
            "(c) analysis build, nothing changed": lambda r: timed([build]),
            "(d) analysis build after changing one notebook": lambda r: (touch(copies[0], r), timed([build]))[1],
        }
        results: dict[str, list[tuple[float, int]]] = {name: [] for name in scenarios}
        for round_ in range(args.runs):
            for name, run in scenarios.items():
                results[name].append(run(round_))
                print(f"round {round_ + 1}: {name}: {results[name][-1][0]:.2f} s", file=sys.stderr)
        naive_median = statistics.median(t for t, _ in results[next(iter(scenarios))])
        print(f"\n{len(notebooks)} notebooks ({', '.join(nb.stem for nb in notebooks)}), "
              f"{os.cpu_count()} cores, median of {args.runs} runs\n")
        print("| scenario | time (s) | × (a) | peak RSS (MiB) |")
        print("|---|---:|---:|---:|")
        for name, samples in results.items():
            seconds = statistics.median(t for t, _ in samples)
            memory = statistics.median(m for _, m in samples) / 1024
            print(f"| {name} | {seconds:.2f} | {seconds / naive_median:.2f} | {memory:.0f} |")
        print("\n| report | reader (KB) | full (KB) | naive nbconvert (KB) |")
        print("|---|---:|---:|---:|")
        for notebook in copies:
            reader = next((work / "reports").rglob(f"{notebook.stem}.html"))  # the first report's page
            sizes = [reader, reader.with_name(f"{notebook.stem}.full.html"), work / "naive" / f"{notebook.stem}.html"]
            print(f"| {notebook.stem} | " + " | ".join(f"{p.stat().st_size / 1000:.0f}" for p in sizes) + " |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
