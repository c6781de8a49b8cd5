"""Extract many documents at once: every core, progress on the terminal, the same table as one core."""
from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TextIO

# Below this many documents a pool's start-up (~0.1 s) costs more than a second core saves.
MIN_DOCUMENTS_PER_POOL = 16
PROGRESS_EVERY_SECONDS = 0.5

_worker_extract: Callable[[Any], Any] | None = None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def extract_documents(extract: Callable[[Any], Any], documents: Sequence[Any], jobs: int | None = None,
                      progress: TextIO | None = None) -> list[Any]:
    """`extract` (a picklable function) applied to every document (a path, or a text), results in the
    order of `documents` whatever `jobs` is.

    `jobs` defaults to every core; `progress` (default: stderr when it is a terminal) gets a running count.
    """
    jobs = max(1, jobs or default_jobs())
    if progress is None and sys.stderr.isatty():
        progress = sys.stderr
    if jobs == 1 or len(documents) < MIN_DOCUMENTS_PER_POOL:
        results = map(extract, documents)
        return list(_counted(results, len(documents), progress))
    # fork: workers inherit the parsed catalog, the unit patterns and the imported modules.
    context = multiprocessing.get_context("fork")
    # Chunks amortise the round trips; several per worker keep both cores busy to the end.
    chunksize = max(1, len(documents) // (jobs * 8))
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_set_worker, initargs=(extract,)) as pool:
        return list(_counted(pool.map(_run, documents, chunksize=chunksize), len(documents), progress))


def _set_worker(extract: Callable[[Any], Any]) -> None:
    global _worker_extract
    _worker_extract = extract


def _run(document: Any) -> Any:
    assert _worker_extract is not None, "worker started without its extract function"
    return _worker_extract(document)


def _counted(results: Iterator[Any], total: int, progress: TextIO | None) -> Iterator[Any]:
    """Pass results through, writing 'extracted N/M documents' at most every PROGRESS_EVERY_SECONDS."""
    last = 0.0
    for done, result in enumerate(results, start=1):
        now = time.monotonic()
        if progress is not None and (done == total or now - last >= PROGRESS_EVERY_SECONDS):
            end = "\n" if done == total else "\r" if progress.isatty() else "\n"
            progress.write(f"extracted {done}/{total} documents{end}")
            progress.flush()
            last = now
        yield result
