"""`import-corpus`: every report of a folder, CSV/Excel or JSON-lines file into a data directory, in one command.

Each text is identified (`identify.identify`: region, level and year from its manifest row or its own
words, placed in the gazetteer), copied into raw/ under a document id made from its region and year
(shandong-2026, china-2025, shandong-zaozhuang-shizhong-2023) and given a provenance sidecar saying
where each field came from. A report already in the data directory (same region and year) is left as it
is when its text is the same, and replaced only with `--replace` when it changed; a text that cannot be
read or identified is refused with the reason, and the rest go in.
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from analysis.config import DATA_DIR, data_paths
from analysis.errors import DataError
from analysis.staging.add_report import CONTROL_CHARS, install_files, next_step
from analysis.staging.corpus_inputs import Entry, read_entries
from analysis.staging.identify import Identity, Unidentified, identify
from analysis.text.sources import SIDECAR_SUFFIX, check_report_year, load_yaml

IMPORTED, ALREADY, REPLACED, REFUSED = "imported", "already there", "replaced", "refused"


@dataclass
class Outcome:
    """What happened to one entry."""

    label: str
    status: str
    doc: str = ""
    region: str = ""
    level: str = ""
    year: int | None = None
    reason: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    """Every entry's outcome, in input order."""

    data_dir: Path
    outcomes: list[Outcome]

    def count(self, status: str) -> int:
        return sum(outcome.status == status for outcome in self.outcomes)


def prepare_data_dir(data_dir: Path | None) -> Path:
    """The data directory's root; one that does not exist yet is created with the shipped catalog and units."""
    paths = data_paths(data_dir)
    if not paths.root.exists():
        paths.root.mkdir(parents=True)
        for name in ("indicators.yml", "units.yml"):
            shutil.copy2(DATA_DIR / name, paths.root / name)
    elif not paths.catalog.is_file():
        raise DataError(paths.root, "exists but has no indicators.yml: copy data/indicators.yml into it, or name a "
                                    "directory that does not exist yet (it is created with the shipped catalog)")
    paths.raw.mkdir(exist_ok=True)
    return paths.root


def existing_reports(raw_dir: Path) -> dict[tuple[str, int], tuple[str, str]]:
    """(region, report year) → (doc, sha256) of the reports already in `raw_dir`, from their sidecars."""
    found = {}
    for sidecar in sorted(raw_dir.glob(f"*{SIDECAR_SUFFIX}")):
        meta = load_yaml(sidecar.read_text(encoding="utf-8")) or {}
        if isinstance(meta, dict) and meta.get("region") and isinstance(meta.get("report_year"), int):
            text = sidecar.with_name(sidecar.name[: -len(SIDECAR_SUFFIX)] + ".txt")
            sha = str(meta.get("sha256") or (hashlib.sha256(text.read_bytes()).hexdigest() if text.exists() else ""))
            found[(str(meta["region"]), meta["report_year"])] = (str(meta.get("doc") or text.stem), sha)
    return found


def import_corpus(source: Path, data_dir: Path | None = None, *, replace: bool = False,
                  progress: bool | None = None, today: date | None = None) -> ImportResult:
    """Import every report of `source` into `data_dir` (see the module docstring)."""
    entries = read_entries(source)
    root = prepare_data_dir(data_dir)
    raw_dir = data_paths(root).raw
    existing = existing_reports(raw_dir)
    taken: dict[str, str] = {}   # doc → the label that took it in this run
    outcomes = []
    show = sys.stderr.isatty() if progress is None else progress
    from tqdm import tqdm
    for entry in tqdm(entries, desc="import", unit="report", disable=not show, file=sys.stderr):
        outcomes.append(_import_one(entry, raw_dir, existing, taken, replace, today or date.today(), source))
    return ImportResult(root, outcomes)


def _import_one(entry: Entry, raw_dir: Path, existing: dict, taken: dict, replace: bool, today: date,
                source: Path) -> Outcome:
    if entry.problem:
        return Outcome(entry.label, REFUSED, reason=entry.problem)
    control = CONTROL_CHARS.search(entry.text)
    if control:
        return Outcome(entry.label, REFUSED, reason=f"looks like a binary file (control character {control.group()!r} "
                                                    f"at character {control.start()}), not report text")
    try:
        who = identify(entry.text, entry.fields)
        check_report_year(Path(entry.label), entry.text, who.year, source=Path(entry.label),
                          field="the report year" + (" in the manifest" if who.how["year"] == "manifest/column" else ""))
    except Unidentified as err:
        return Outcome(entry.label, REFUSED, reason=str(err))
    except DataError as err:
        return Outcome(entry.label, REFUSED, reason=err.problem)
    outcome = Outcome(entry.label, IMPORTED, who.doc, who.region, who.level, who.year, warnings=who.warnings)
    sha = hashlib.sha256(entry.data).hexdigest()
    if who.doc in taken:
        return _refused(outcome, f"{who.region} {who.year} again: {taken[who.doc]} is the same report")
    before = existing.get((who.region, who.year))
    if before:
        who.doc = outcome.doc = before[0]   # the id the report already has in this data directory
        if before[1] == sha:
            taken[who.doc] = entry.label
            outcome.status = ALREADY
            return outcome
        if not replace:
            return _refused(outcome, f"{who.region} {who.year} is already in the data as {before[0]} with another "
                                     f"text; pass --replace to replace it with this one")
        outcome.status = REPLACED
    elif (raw_dir / f"{who.doc}.txt").exists():
        return _refused(outcome, f"the document id {who.doc} is taken by another report in {raw_dir}; give this one "
                                 f"a doc (manifest column) of its own")
    taken[who.doc] = entry.label
    sidecar = sidecar_text(who, entry, sha, today, source)
    install_files(raw_dir, {f"{who.doc}.txt": entry.data, f"{who.doc}{SIDECAR_SUFFIX}": sidecar.encode("utf-8")})
    existing[(who.region, who.year)] = (who.doc, sha)
    return outcome


def _refused(outcome: Outcome, reason: str) -> Outcome:
    outcome.status, outcome.reason = REFUSED, reason
    return outcome


def sidecar_text(who: Identity, entry: Entry, sha: str, today: date, source: Path) -> str:
    """The provenance sidecar of an imported report: what the manifest or the text said, and where from."""
    head = who.masthead
    fields = {
        "doc": who.doc, "title": entry.fields.get("title") or (head.title[0] if head.title else None),
        "publisher": head.publisher or "unknown", "date_published": entry.fields.get("published") or head.published,
        "date_accessed": today, "url": entry.fields.get("url"),
        "region": who.region, "region_en": who.region_en, "level": who.level, "region_code": who.code,
        "parents": list(who.parents), "report_year": who.year, "review_year": who.year - 1, "plan_year": who.year,
        "meeting": head.meeting, "meeting_date": head.date, "speaker": head.speaker,
        "encoding": entry.encoding, "sha256": sha,
        "identified": {name: clue for name, clue in who.how.items()},
        "notes": f"Imported with `python -m analysis import-corpus` from {entry.label} of {source.name}."
                 + (" " + " ".join(who.warnings) if who.warnings else ""),
    }
    header = f"# Provenance of {who.doc}.txt (written by import-corpus; edit freely). The text file is immutable.\n"
    return header + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=110)


def summary(result: ImportResult) -> str:
    """The closing table: counts by outcome, then each refused entry with its reason and each warning."""
    lines = ["", f"{'outcome':<14}{'reports':>8}"]
    for status in (IMPORTED, REPLACED, ALREADY, REFUSED):
        lines.append(f"{status:<14}{result.count(status):>8}")
    refused = [o for o in result.outcomes if o.status == REFUSED]
    if refused:
        lines += ["", "refused:"] + [f"  {o.label}: {o.reason}" for o in refused]
    warned = [(o, w) for o in result.outcomes for w in o.warnings if o.status != REFUSED]
    if warned:
        lines += ["", "warnings:"] + [f"  {o.label} ({o.doc}): {w}" for o, w in warned]
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `import-corpus` subcommand's options."""
    parser.add_argument("path", type=Path, metavar="PATH",
                        help="a folder of .txt files (with or without manifest.csv), a CSV or Excel file with a "
                             "full-text column, or a JSON-lines file")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data directory (default: data/); one that does not exist is created with the "
                             "shipped catalog and units")
    parser.add_argument("--replace", action="store_true", help="replace a report whose text changed")


def run_from_args(args: argparse.Namespace) -> int:
    """Entry point of `python -m analysis import-corpus`: exit status 1 when some reports were refused."""
    result = import_corpus(args.path, args.data_dir, replace=args.replace)
    print(summary(result))
    if result.count(IMPORTED) or result.count(REPLACED):  # a build into a folder of its own (issue 20)
        print(f"\nnext: {next_step(args.data_dir)}")
    return 1 if result.count(REFUSED) else 0
