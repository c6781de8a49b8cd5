"""Before a build reads or writes anything: flags that cannot work, and one build at a time per output folder."""
from __future__ import annotations

import argparse
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis.build.pages import regions as data_regions, reports
from analysis.config import DataPaths, data_paths
from analysis.errors import DataError

FIRST_YEAR, LAST_YEAR = 1949, 2100


def jobs_count(text: str) -> int:
    """argparse type of --jobs: a whole number, 1 or more."""
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"--jobs is how many notebooks run at once: a whole number, 1 or more "
                                         f"(found '{text}'); leave it out to use every core")
    return count


def report_year(text: str) -> int:
    """argparse type of --report-year: a year such as 2023."""
    try:
        year = int(text)
    except ValueError:
        year = None
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"--report-year is the year a work report was delivered, written like "
                                         f"2023, between {FIRST_YEAR} and {LAST_YEAR} (found '{text}')")
    return year


def check_paths(paths: DataPaths, out: Path, jobs: int | None) -> None:
    """--data-dir looks like a data directory (when it exists), --out is not a file, --jobs is positive."""
    # An empty folder is a data directory yet to be filled: validation says what it lacks.
    if paths.root.is_dir() and not paths.catalog.is_file() and not paths.raw.is_dir() and any(paths.root.iterdir()):
        raise DataError(paths.root, "--data-dir is not a data directory: it has no indicators.yml and no raw/. Point it at a "
                                    "folder laid out like data/ (indicators.yml, raw/), or make one by copying "
                                    "data/indicators.yml into it and adding a text with add-report")
    if out.exists() and not out.is_dir():
        raise DataError(out, "--out names a file, but the reports are a folder of pages; give a folder "
                             "(it is created if missing), e.g. --out reports")
    if jobs is not None and jobs < 1:
        raise DataError(out, f"--jobs must be 1 or more, found {jobs}")


def check_scope(data_dir: Path | None, region: str | None, year: int | None) -> None:
    """--region names a region the data has; --report-year a year with pages: a year of a report text
    (of that region), since only a text's report has pages of its own. The message lists what exists."""
    if region is None and year is None:
        return
    # From the sidecars and the hand-entered rows, as the build plans its pages: no second load of the table.
    paths = data_paths(data_dir)
    regions = sorted(where.region for where in data_regions(paths))
    if region is not None and region not in regions:
        raise DataError(paths.root, f"--region '{region}' is not in the data; it has {', '.join(regions) or 'none'}. "
                                    f"Give the region as written there (in Chinese)")
    years = sorted({y for where, y in reports(paths) if region in (None, where.region)})
    if year is not None and year not in years:
        whose = f"'{region}'" if region else "any region"
        raise DataError(paths.root, f"--report-year {year}: the data has no report of {year} for {whose}, so no "
                                    f"page to build; the years with report pages are "
                                    f"{', '.join(map(str, years)) or 'none'} (leave out --report-year for the pages "
                                    f"across years)")


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on `out` for the build: a second build of the same folder stops at once.

    The lock file sits beside `out` (.build-lock-NAME), so swapping `out` into place never touches it;
    the kernel releases the lock when the holder exits, even when it is killed. The file stays: deleting
    it would let a build that opened it before the deletion hold a lock nobody else can see.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".build-lock-{out.name}"
    with open(lock_path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise DataError(out, f"another build is writing {out.name}/ (pid {holder}); wait for it to finish, "
                                 f"or build into another folder with --out") from None
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
