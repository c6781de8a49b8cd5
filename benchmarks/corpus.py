"""Benchmark of a corpus: `import-corpus` and `build` of the shared reports, against the shipped data's cold build.

R is the shipped data's cold build (`build --force`, fresh cache). For the shared corpus (N = 35: its
manifest) and for N copies of the shared texts under made-up region names (N = 300: 测试市001 … as cities),
it times, each in a fresh data directory and cache:
- import of every report + the build that follows (cold);
- adding one more report (the shipped 枣庄市市中区 text, imported with its own manifest row) + build;
- a build with nothing changed;
and the peak memory (RSS) of each command's process tree. Prints a Markdown table for benchmarks/README.md.
Run: `.venv/bin/python benchmarks/corpus.py [--sizes 35 300] [--leave-out national/2011.txt …]`.
"""
from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
from pathlib import Path

from build import BIN, timed  # benchmarks/build.py: wall time and peak RSS of a command

from analysis.config import DATA_DIR, ROOT

SHARED = ROOT.parent / "shared" / "corpus"
PYTHON = [str(BIN / "python"), "-m", "analysis"]


def shared_rows(leave_out: list[str]) -> list[dict]:
    rows = list(csv.DictReader((SHARED / "manifest.csv").read_text(encoding="utf-8").splitlines()))
    return [row for row in rows if row["file"] not in leave_out]


def corpus_folder(target: Path, rows: list[dict], size: int) -> Path:
    """The shared texts as they are (size = their number), or `size` copies under made-up city names."""
    target.mkdir(parents=True)
    with (target / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["file", "region", "level", "report_year", "region_en"])
        writer.writeheader()
        for number in range(size):
            row = rows[number % len(rows)]
            name = f"{number:04d}.txt"
            shutil.copyfile(SHARED / row["file"], target / name)
            if size == len(rows):
                writer.writerow({"file": name, "region": row["region"], "level": row["level"],
                                 "report_year": row["report_year"], "region_en": ""})
            else:
                writer.writerow({"file": name, "region": f"测试市{number:03d}", "level": "city",
                                 "report_year": row["report_year"], "region_en": f"Test City {number:03d}"})
    return target


def one_more(target: Path) -> Path:
    """The shipped 枣庄市市中区 2023 text, as a one-report corpus with its manifest row."""
    target.mkdir(parents=True)
    shutil.copyfile(DATA_DIR / "raw" / "shizhong-2023.txt", target / "shizhong.txt")
    (target / "manifest.csv").write_text("file,region,level,report_year\nshizhong.txt,枣庄市市中区,district,2023\n",
                                         encoding="utf-8")
    return target


def cold_shipped(work: Path) -> tuple[float, int]:
    data = work / "shipped"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns(".extract-*"))
    for folder in ("shipped-out", "shipped-build"):
        shutil.rmtree(work / folder, ignore_errors=True)
    return timed([PYTHON + ["build", "--force", "--data-dir", str(data), "--out", str(work / "shipped-out"),
                            "--build-dir", str(work / "shipped-build")]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[35, 300])
    parser.add_argument("--leave-out", nargs="*", default=[], metavar="FILE",
                        help="manifest files left out (e.g. texts the loader rejects)")
    args = parser.parse_args()
    if not (SHARED / "manifest.csv").is_file():
        raise SystemExit(f"the shared corpus is not at {SHARED}")
    rows = shared_rows(args.leave_out)
    work = Path(tempfile.mkdtemp(prefix="gwr-corpus-"))
    try:
        r, r_peak = cold_shipped(work)
        print(f"R (shipped cold build) {r:.1f} s", file=sys.stderr)
        table = []
        for size in args.sizes:
            size = len(rows) if size == 35 else size
            base = work / f"n{size}"
            folder = corpus_folder(base / "corpus", rows, size)
            data, out, cache = base / "data", base / "out", base / "build"
            build = PYTHON + ["build", "--data-dir", str(data), "--out", str(out), "--build-dir", str(cache)]
            cold, cold_peak = timed([PYTHON + ["import-corpus", str(folder), "--data-dir", str(data)], build])
            added, added_peak = timed([PYTHON + ["import-corpus", str(one_more(base / "one")), "--data-dir",
                                                 str(data)], build])
            unchanged, unchanged_peak = timed([build])
            table.append((size, cold, added, unchanged, max(cold_peak, added_peak, unchanged_peak)))
            print(f"N={size}: import+build {cold:.1f} s, +1 {added:.1f} s, unchanged {unchanged:.2f} s",
                  file=sys.stderr)
        shutil.rmtree(work / "shipped", ignore_errors=True)
        r_after, _ = cold_shipped(work)  # the machine's load moves: R before and after, their mean is the unit
        print(f"R again {r_after:.1f} s", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    r_before, r = r, (r + r_after) / 2
    print(f"\nR = shipped data's cold build: {r:.1f} s (mean of {r_before:.1f} s before and {r_after:.1f} s after; "
          f"peak RSS {r_peak / 1024:.0f} MiB)\n")
    print("| reports | import + build, cold (s) | × R | add one report + build (s) | × R | nothing changed (s) "
          "| × R | peak RSS (MiB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, cold, added, unchanged, peak in table:
        print(f"| {size} | {cold:.1f} | {cold / r:.2f} | {added:.1f} | {added / r:.2f} | {unchanged:.2f} | "
              f"{unchanged / r:.3f} | {peak / 1024:.0f} |")


if __name__ == "__main__":
    main()
