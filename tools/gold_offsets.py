"""Fill in and check the offsets of gold rows (tests/gold/) from their anchors in ../shared/corpus.

    python tools/gold_offsets.py tests/gold/targets.csv            # fill empty `start`s, check every row
    python tools/gold_offsets.py --check tests/gold/*.csv tests/gold/full/*.csv

A row's anchor (a few characters around the number, as written) is looked up in its file; the number
must occur in it once (or give `start` roughly and the occurrence nearest to it is taken). Nothing
here reads the extractor: gold is written by eye.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
KINDS = {"actual", "target"}
HORIZONS = {"annual", "cumulative", "average", "plan_period", "ratio_to_plan"}
MEASURES = {"level", "growth", "share", "change_pp"}
QUALIFIERS = {"", "about", "at_least", "at_most", "range"}
PARTS = {"opening", "review_year", "review_plan", "review", "plan_period", "plan_year", "tasks", "government",
         "closing"}


def locate(text: str, anchor: str, number: str, near: int | None) -> int:
    """Offset of `number` inside the occurrence of `anchor` (the one nearest `near` if several)."""
    inside = anchor.find(number)
    if inside < 0:
        raise ValueError(f"number {number!r} is not in its anchor {anchor!r}")
    if anchor.find(number, inside + 1) >= 0:
        raise ValueError(f"number {number!r} occurs twice in anchor {anchor!r}: shorten the anchor")
    hits = []
    at = text.find(anchor)
    while at >= 0:
        hits.append(at + inside)
        at = text.find(anchor, at + 1)
    if not hits:
        raise ValueError(f"anchor {anchor!r} not found")
    if len(hits) > 1 and near is None:
        raise ValueError(f"anchor {anchor!r} occurs {len(hits)} times (at {hits}): lengthen it or give start")
    return min(hits, key=lambda h: abs(h - near)) if near is not None else hits[0]


def check_row(row: dict, text: str, figure_file: bool) -> list[str]:
    """Problems with one row, in words (empty when the row is sound)."""
    problems = []
    start = int(row["start"])
    if figure_file:
        number = row["number"]
        if text[start:start + len(number)] != number:
            problems.append(f"text at {start} is {text[start:start + len(number)]!r}, not {number!r}")
        if len(row["anchor"]) > 24:
            problems.append("anchor longer than 24 characters")
        for column, allowed in (("kind", KINDS), ("horizon", HORIZONS), ("measure", MEASURES),
                                ("qualifier", QUALIFIERS)):
            if row[column] not in allowed:
                problems.append(f"{column} {row[column]!r} not in {sorted(allowed)}")
        for column in ("period", "value"):
            try:
                float(row[column])
            except ValueError:
                problems.append(f"{column} {row[column]!r} is not a number")
    else:
        if row["part"] not in PARTS:
            problems.append(f"part {row['part']!r} not in {sorted(PARTS)}")
        if not text[start:start + 60].lstrip().startswith(row["heading"][:8]):
            problems.append(f"heading {row['heading']!r} does not start at {start}")
    return problems


def process(path: Path, fill: bool) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames or [], list(reader)
    figure_file = "number" in fields
    failures = 0
    cache: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        text = cache.setdefault(row["file"], (CORPUS / row["file"]).read_text(encoding="utf-8"))
        try:
            if fill and figure_file:
                near = int(row["start"]) if row.get("start") else None
                row["start"] = str(locate(text, row["anchor"], row["number"], near))
            problems = check_row(row, text, figure_file)
        except (ValueError, KeyError) as err:
            problems = [str(err)]
        for problem in problems:
            print(f"{path}:{line}: {row.get('file')} {row.get('anchor') or row.get('heading')}: {problem}")
        failures += bool(problems)
    if fill:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="check only; write nothing")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    failures = sum(process(path, fill=not args.check) for path in args.files)
    print(f"{failures} row(s) with problems" if failures else "all rows sound")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
