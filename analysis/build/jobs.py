"""The unit of work of a build: a notebook job for a worker, the outcome it reports back, the error a build ends with."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


class BuildError(Exception):
    """A build that cannot finish; the message is one paragraph for the person running it."""


@dataclass(frozen=True)
class Job:
    """One notebook for a worker to execute and export into `out_dir`."""

    name: str
    notebook: Path
    parameters: dict
    out_dir: Path
    failed_path: Path
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """What a worker reports back: timing and the index entry, or a worded error."""

    name: str
    seconds: float
    title: str = ""
    summary: str = ""
    error: str | None = None


def in_kernel_order(jobs: list[Job], seconds: Callable[[str], float]) -> list[Job]:
    """`jobs` with each notebook's runs next to each other, so a worker's kept kernel runs them one after
    another (see kernels.py); the notebook with the longest page first, each notebook's longest page
    first: a long page started last would keep one worker busy while the others wait.
    `seconds(name)` is how long a page took when last built (0 if never)."""
    took = {job.name: seconds(job.name) for job in jobs}
    longest: dict[Path, float] = {}
    for job in jobs:
        longest[job.notebook] = max(longest.get(job.notebook, 0.0), took[job.name])
    return sorted(jobs, key=lambda job: (-longest[job.notebook], job.notebook.name, -took[job.name]))
