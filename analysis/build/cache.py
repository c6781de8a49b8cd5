"""Content-hash cache of built notebooks: skip a notebook whose inputs have not changed.

Why not jupyter-cache: it keys a notebook on its code cells only (not on the data files it reads,
the `analysis` package or the injected parameters) and brings SQLAlchemy and a database. Here the
key is a SHA-256 over everything a report depends on, and an entry is a directory holding the
exported pages, so a cache hit is a file copy and needs neither nbformat nor a kernel.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "gwr-analysis"
IGNORED_PARTS = {"__pycache__", ".ipynb_checkpoints", ".DS_Store"}
ENTRIES_KEPT_PER_NOTEBOOK = 4


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def tree_digest(root: Path) -> str:
    """SHA-256 over every file under `root` (relative path and content), in a stable order."""
    digest = hashlib.sha256()
    if root.exists():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            relative = path.relative_to(root)
            if IGNORED_PARTS & set(relative.parts) or path.suffix == ".pyc":
                continue
            digest.update(f"{relative.as_posix()}\0{file_digest(path)}\n".encode())
    return digest.hexdigest()


def environment_digest() -> str:
    """SHA-256 of the interpreter version and the installed versions of the declared dependencies."""
    try:
        requirements = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        requirements = []
    versions = [platform.python_version()]
    for requirement in sorted(requirements):
        if "extra ==" in requirement:
            continue
        name = requirement.split("==")[0].split(">")[0].split("<")[0].split("[")[0].strip()
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} missing")
    return hashlib.sha256("\n".join(versions).encode()).hexdigest()


def notebook_key(notebook: Path, *, data: str, package: str, environment: str, parameters: dict) -> str:
    """The cache key of one notebook: its source, the data, the package, the environment, the parameters."""
    parts = {"notebook": file_digest(notebook), "data": data, "package": package,
             "environment": environment, "parameters": parameters}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


class BuildCache:
    """Entries under `root/NAME/KEY/`: reader.html, full.html, executed.ipynb, outcome.json."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def entry(self, name: str, key: str) -> Path:
        return self.root / name / key

    def staging(self, name: str, key: str) -> Path:
        """A fresh directory a worker fills; `commit` turns it into the entry."""
        for stale in (self.root / name).glob(f".staging-{key}-*"):  # left by an interrupted build
            shutil.rmtree(stale, ignore_errors=True)
        return self.root / name / f".staging-{key}-{os.getpid()}"

    def lookup(self, name: str, key: str) -> Path | None:
        entry = self.entry(name, key)
        if (entry / "outcome.json").is_file():
            os.utime(entry)  # most recently used, for pruning
            return entry
        return None

    def commit(self, name: str, key: str, staging: Path, outcome: dict) -> Path:
        """Record `outcome` in `staging` and move it into place as the entry for `key`."""
        (staging / "outcome.json").write_text(json.dumps(outcome, ensure_ascii=False, indent=1), encoding="utf-8")
        entry = self.entry(name, key)
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(staging, entry)
        self.prune(name)
        return entry

    def prune(self, name: str) -> None:
        """Keep the few most recently used entries of a notebook (e.g. two data directories)."""
        entries = sorted((p for p in (self.root / name).iterdir() if p.is_dir() and not p.name.startswith(".")),
                         key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[ENTRIES_KEPT_PER_NOTEBOOK:]:
            shutil.rmtree(old, ignore_errors=True)

    def last_seconds(self, name: str) -> float:
        """How long the notebook took when last built (0 if never): longest jobs are started first."""
        entries = [p for p in (self.root / name).glob("*/outcome.json")] if (self.root / name).is_dir() else []
        if not entries:
            return 0.0
        return float(self.outcome(max(entries, key=lambda p: p.stat().st_mtime).parent).get("seconds", 0.0))

    @staticmethod
    def outcome(entry: Path) -> dict:
        return json.loads((entry / "outcome.json").read_text(encoding="utf-8"))

    def stamp_valid(self, stamp: str, key: str) -> bool:
        """Whether `stamp` (e.g. "validated") was recorded for `key`."""
        path = self.root / f"{stamp}.key"
        return path.is_file() and path.read_text(encoding="utf-8") == key

    def record_stamp(self, stamp: str, key: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / f"{stamp}.key").write_text(key, encoding="utf-8")
