"""The unit of work of a build: a notebook job for a worker, and the outcome it reports back."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
