"""Extraction throughput: one large text, many report-sized documents, and the whole reports of ../shared/corpus
(MB/s, median of runs)."""
from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable

import csv

from analysis.config import ROOT, data_paths
from analysis.extract.facts import extract_mentions
from analysis.staging.corpus import default_jobs, extract_documents
from analysis.text.sources import read_text

RUNS = 3
SIZES_MB = (2.5, 5, 10)
DOCUMENT_COUNTS = (1000, 2000)
DOCUMENT_CHARS = 3400  # about 10 KB of UTF-8, a report summary or a short report


def seed() -> str:
    return read_text(data_paths().raw / "shizhong-2023.txt") + "\n\n"


def corpus(megabytes: float) -> str:
    """The shipped page repeated (with its layout artefacts) until it reaches `megabytes` of UTF-8."""
    page = seed()
    copies = int(megabytes * 1e6 / len(page.encode("utf-8"))) + 1
    return page * copies


def documents(count: int) -> list[str]:
    """`count` report-sized documents cut from the shipped page; each rotates the digits differently, so
    no two documents are the same text (caches see new numbers, as in a real corpus)."""
    page = seed() * 2
    texts = []
    for index in range(count):
        shift = index % 10
        rotated = page.translate(str.maketrans("0123456789", "0123456789"[shift:] + "0123456789"[:shift]))
        start = (index * 397) % (len(page) // 2)
        texts.append(rotated[start:start + DOCUMENT_CHARS])
    return texts


SHARED = ROOT.parent / "shared" / "corpus"


def whole_reports() -> list[tuple[str, int]]:
    """(text, report year) of every whole report in ../shared/corpus (none when it is absent)."""
    if not (SHARED / "manifest.csv").exists():
        return []
    with (SHARED / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return [((SHARED / row["file"]).read_text(encoding="utf-8"), int(row["report_year"]))
                for row in csv.DictReader(handle)]


def extract_text(text: str) -> int:
    return len(extract_mentions(text, report_year=2023))


def timed(run: Callable[[], int]) -> tuple[float, int]:
    """Median seconds over RUNS calls of `run`, and what it returned (the number of facts)."""
    seconds, facts = [], 0
    for _ in range(RUNS):
        start = time.perf_counter()
        facts = run()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), facts


def row(shape: str, cores: int, megabytes: float, facts: int, seconds: float) -> str:
    return (f"| {shape} | {cores} | {megabytes:.1f} | {facts:,} | {seconds:.2f} | {megabytes / seconds:.2f} "
            f"| {megabytes / seconds / cores:.2f} | {seconds / megabytes:.3f} |")


def main() -> None:
    extract_text("预热。生产总值增长5%。")  # catalog, unit patterns and OpenCC loaded before timing
    print("| corpus | cores | MB | facts | median s | MB/s | MB/s per core | s per MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for size in SIZES_MB:
        text = corpus(size)
        seconds, facts = timed(lambda: extract_text(text))
        print(row("one text", 1, len(text.encode("utf-8")) / 1e6, facts, seconds))
        sys.stdout.flush()
    reports = whole_reports()
    if reports:
        megabytes = sum(len(text.encode("utf-8")) for text, _ in reports) / 1e6
        seconds, facts = timed(lambda: sum(len(extract_mentions(text, year)) for text, year in reports))
        print(row(f"{len(reports)} whole reports (../shared/corpus)", 1, megabytes, facts, seconds))
        # the same texts as a scraped CSV cell holds them: without line breaks (read by their sentences)
        flat = [(re.sub(r"[ \t\u3000]*\n\s*", "", text), year) for text, year in reports]
        seconds, facts = timed(lambda: sum(len(extract_mentions(text, year)) for text, year in flat))
        print(row(f"the same {len(reports)} without line breaks", 1, megabytes, facts, seconds))
        sys.stdout.flush()
    for count in DOCUMENT_COUNTS:
        texts = documents(count)
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        for cores in sorted({1, default_jobs()}):
            seconds, facts = timed(lambda: sum(extract_documents(extract_text, texts, jobs=cores)))
            print(row(f"{count:,} documents of ~10 KB", cores, megabytes, facts, seconds))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
