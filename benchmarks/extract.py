"""Extraction throughput on a generated corpus: prints a table (MB/s, median of runs) for several sizes."""
from __future__ import annotations

import statistics
import sys
import time

from analysis.config import data_paths
from analysis.extract.facts import extract_mentions
from analysis.text.sources import read_text

RUNS = 3
SIZES_MB = (2.5, 5, 10)


def corpus(megabytes: float) -> str:
    """The shipped page repeated (with its layout artefacts) until it reaches `megabytes` of UTF-8."""
    seed = read_text(data_paths().raw / "shizhong-2023.txt") + "\n\n"
    copies = int(megabytes * 1e6 / len(seed.encode("utf-8"))) + 1
    return seed * copies


def measure(text: str) -> tuple[float, int]:
    """Median seconds over RUNS extractions, and the number of facts found."""
    seconds, facts = [], 0
    for _ in range(RUNS):
        start = time.perf_counter()
        facts = len(extract_mentions(text, report_year=2023))
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), facts


def main() -> None:
    print(f"{'corpus MB':>10} {'facts':>8} {'median s':>9} {'MB/s':>6} {'s per MB':>9}")
    for size in SIZES_MB:
        text = corpus(size)
        megabytes = len(text.encode("utf-8")) / 1e6
        seconds, facts = measure(text)
        print(f"{megabytes:>10.1f} {facts:>8} {seconds:>9.2f} {megabytes / seconds:>6.2f} {seconds / megabytes:>9.3f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
