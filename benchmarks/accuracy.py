"""Extractor accuracy on whole reports: recall of the gold targets and headline review figures, precision of
kind and period on the fully labelled texts, and errors grouped by phenomenon (tests/gold/, ../shared/corpus).

    .venv/bin/python benchmarks/accuracy.py            # the tables
    .venv/bin/python benchmarks/accuracy.py --errors   # and every error, with its context
    .venv/bin/python benchmarks/accuracy.py --flat     # the texts with their line breaks removed, as a
                                                       # scraped CSV cell often holds them
    .venv/bin/python benchmarks/accuracy.py --wrap 28  # every paragraph hard-wrapped at 28 characters, as
                                                       # text taken from a PDF (a 公文 page's line) is
    .venv/bin/python benchmarks/accuracy.py --wrap 28 --pages 22  # and a page number (— n —) every 22 lines

Gold rows are matched to extracted figures by the offset of the number. A gold row is found when a figure
starts there with the same kind, period, horizon, measure, value (and starting value), qualifier and, where
the gold names one, indicator. Precision counts every extracted figure of a fully labelled text: it is right
when the gold has a figure at its offset with the same kind and period.
"""
from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from analysis.config import ROOT
from analysis.extract.facts import extract_mentions

GOLD = ROOT / "tests" / "gold"
CORPUS = ROOT.parent / "shared" / "corpus"
REVIEW_PARTS = ("review_year", "review_plan", "review")
HEADLINE_TARGETS = ("gdp", "cpi", "new_urban_jobs", "surveyed_unemployment_rate", "registered_unemployment_rate")


@dataclass
class Score:
    """Counts of one measure (recall or precision) and its errors by phenomenon."""

    right: int = 0
    total: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (file, phenomenon, detail)

    def add(self, ok: bool, file: str, phenomenon: str = "", detail: str = "") -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.errors.append((file, phenomenon, detail))

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else math.nan


def manifest() -> dict[str, dict]:
    """The corpus manifest by file: region, level, report_year, …"""
    with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def gold(pattern: str) -> pd.DataFrame:
    """Every gold file matching `pattern` under tests/gold/, as text columns (empty cells empty)."""
    paths = sorted(GOLD.glob(pattern))
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False).assign(gold_file=p.name) for p in paths]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


@cache
def text_of(file: str) -> str:
    return (CORPUS / file).read_text(encoding="utf-8")


SHAPE = {"flat": False, "wrap": 0, "pages": 0}  # --flat, --wrap N, --pages L: each text reshaped, offsets mapped back


def flattened(text: str) -> tuple[str, list[int]]:
    """`text` with each line break and the blanks around it removed, and the original offset of each
    character kept."""
    kept = [i for i, _ in enumerate(text)]
    drop: set[int] = set()
    for match in re.finditer(r"[ \t\u3000]*\n\s*", text):
        drop.update(range(match.start(), match.end()))
    kept = [i for i in kept if i not in drop]
    return "".join(text[i] for i in kept), kept + [len(text)]


def wrapped(text: str, width: int, page: int = 0) -> tuple[str, list[int]]:
    """`text` with a line break after every `width` characters of a paragraph (and, with `page`, a page
    number — n — after every `page` lines), and the original offset of each character kept (an inserted
    character takes the offset of the character after it)."""
    out: list[str] = []
    origin: list[int] = []
    column = lines = 0
    for index, char in enumerate(text):
        if char == "\n":
            column = 0
        elif column == width:
            out.append("\n")
            origin.append(index)
            column = 0
            lines += 1
            if page and lines % page == 0:
                number = f"— {lines // page} —\n"
                out.append(number)
                origin.extend([index] * len(number))
        out.append(char)
        origin.append(index)
        column = column + 1 if char != "\n" else 0
    return "".join(out), origin + [len(text)]


def reshaped(text: str) -> tuple[str, list[int] | None]:
    """The text as --flat or --wrap asks, with its offsets' origins; as it is otherwise."""
    if SHAPE["flat"]:
        return flattened(text)
    if SHAPE["wrap"]:
        return wrapped(text, SHAPE["wrap"], SHAPE["pages"])
    return text, None


@cache
def extracted(file: str) -> pd.DataFrame:
    """The extractor's figures of one corpus text, read with the manifest's report year (--flat: from the
    text without line breaks, at the offsets of the text as it is)."""
    year = int(manifest()[file]["report_year"])
    text, origin = reshaped(text_of(file))
    facts = extract_mentions(text, year)
    if origin is None:
        return facts
    return facts.assign(start=[origin[i] for i in facts["start"]], end=[origin[i - 1] + 1 for i in facts["end"]])


def _same_number(a: object, b: str) -> bool:
    if b == "":
        return pd.isna(a)
    return not pd.isna(a) and math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def mismatch(row: pd.Series, found: pd.DataFrame) -> tuple[str, str] | None:
    """(phenomenon, detail) of the first way the extracted figure at the gold row's offset differs, or None."""
    if found.empty:
        return "missed", "no figure at this offset"
    got = found.iloc[0]
    qualifier = "" if pd.isna(got["qualifier"]) else got["qualifier"]
    indicator = "" if pd.isna(got["indicator"]) else got["indicator"]
    checks = [
        ("kind", got["kind"] == row["kind"], f"{got['kind']} for {row['kind']}"),
        ("period", str(got["period"]) == row["period"], f"{got['period']} for {row['period']}"),
        ("horizon", got["horizon"] == row["horizon"], f"{got['horizon']} for {row['horizon']}"),
        ("measure", got["measure"] == row["measure"], f"{got['measure']} for {row['measure']}"),
        ("value", _same_number(got["value"], row["value"]), f"{got['value']} for {row['value']}"),
        ("value_high", _same_number(got["value_high"], row["value_high"]), f"{got['value_high']} for {row['value_high']}"),
        ("value_from", _same_number(got["value_from"], row["value_from"]), f"{got['value_from']} for {row['value_from']}"),
        ("qualifier", qualifier == row["qualifier"], f"{qualifier or '-'} for {row['qualifier'] or '-'}"),
        ("indicator", not row["indicator"] or indicator == row["indicator"], f"{indicator or '-'} for {row['indicator']}"),
    ]
    return next(((name, detail) for name, ok, detail in checks if not ok), None)


def recall(rows: pd.DataFrame) -> Score:
    """How many gold rows the extractor gives exactly."""
    score = Score()
    for _, row in rows.iterrows():
        facts = extracted(row["file"])
        wrong = mismatch(row, facts[facts["start"].eq(int(row["start"]))])
        score.add(wrong is None, row["file"], *(wrong or ("", "")), )
        if wrong:
            score.errors[-1] = (row["file"], wrong[0], f"{row['anchor']}: {wrong[1]}")
    return score


def precision(rows: pd.DataFrame) -> tuple[Score, Score, Score]:
    """(kind and period, horizon, measure) precision over every extracted figure of the labelled texts."""
    kind_period, horizon, measure = Score(), Score(), Score()
    for file, labels in rows.groupby("file"):
        by_start = labels.set_index(labels["start"].astype(int))
        text = text_of(file)
        for fact in extracted(file).itertuples():
            context = " ".join(text[max(0, fact.start - 8):fact.end + 4].split())
            if fact.start not in by_start.index:
                for score in (kind_period, horizon, measure):
                    score.add(False, file, "not a figure in the gold", context)
                continue
            label = by_start.loc[fact.start]
            kind_period.add(fact.kind == label["kind"] and str(fact.period) == label["period"], file,
                            _kind_phenomenon(fact, label), f"{context}: {fact.kind} {fact.period} for "
                                                           f"{label['kind']} {label['period']}")
            horizon.add(fact.horizon == label["horizon"], file, f"horizon {label['horizon']} read as {fact.horizon}",
                        context)
            measure.add(fact.measure == label["measure"], file, f"measure {label['measure']} read as {fact.measure}",
                        context)
    return kind_period, horizon, measure


HEADLINE_IDS = ("gdp", "cpi", "new_urban_jobs", "surveyed_unemployment_rate", "registered_unemployment_rate",
                "general_budget_revenue", "fixed_asset_investment", "retail_sales", "trade_total",
                "disposable_income_per_capita", "urban_disposable_income_per_capita", "rural_disposable_income_per_capita",
                "industrial_value_added", "industry_value_added", "grain_output", "deficit_ratio", "deficit_amount",
                "special_bonds", "rd_intensity", "energy_intensity", "carbon_intensity")


def indicator_precision(rows: pd.DataFrame) -> Score:
    """Of the figures given a headline indicator in the fully labelled texts, how many the gold agrees with."""
    score = Score()
    for file, labels in rows.groupby("file"):
        by_start = labels.set_index(labels["start"].astype(int))
        for fact in extracted(file).itertuples():
            if fact.indicator in HEADLINE_IDS:
                gold_id = by_start.loc[fact.start, "indicator"] if fact.start in by_start.index else "(not a figure)"
                score.add(gold_id == fact.indicator, file, f"{fact.indicator} where the gold has {gold_id or 'none'}",
                          " ".join(text_of(file)[max(0, fact.start - 10):fact.end + 4].split()))
    return score


def _kind_phenomenon(fact: object, label: pd.Series) -> str:
    if fact.kind == "target" and label["kind"] == "actual":
        return "review figure taken as a target"
    if fact.kind == "actual" and label["kind"] == "target":
        return "target taken as an outcome"
    return f"wrong period ({label['horizon']} figure)"


def wrong_part_targets(full: pd.DataFrame, parts: pd.DataFrame) -> Score:
    """Extracted targets that are review figures (full gold), or that stand in a review part (parts gold)."""
    score = Score()
    for file in sorted(set(parts["file"]) | set(full["file"])):
        labels = full[full["file"].eq(file)].set_index(full.loc[full["file"].eq(file), "start"].astype(int))
        bounds = parts[parts["file"].eq(file)].assign(at=lambda p: p["start"].astype(int)).sort_values("at")
        for fact in extracted(file).query("kind == 'target'").itertuples():
            if fact.start in labels.index:
                wrong = labels.loc[fact.start, "kind"] == "actual"
            else:
                before = bounds[bounds["at"].le(fact.start)]
                wrong = len(before) > 0 and before.iloc[-1]["part"] in REVIEW_PARTS
            score.add(not wrong, file, "review figure taken as a target",
                      " ".join(text_of(file)[max(0, fact.start - 10):fact.end + 4].split()))
    return score


def plan_period_as_annual(rows: pd.DataFrame) -> Score:
    """Gold plan-period or multi-year targets that come out as an annual target."""
    score = Score()
    multi = rows[rows["kind"].eq("target") & rows["horizon"].ne("annual")]
    for _, row in multi.iterrows():
        facts = extracted(row["file"])
        got = facts[facts["start"].eq(int(row["start"]))]
        wrong = len(got) > 0 and got.iloc[0]["kind"] == "target" and got.iloc[0]["horizon"] == "annual"
        score.add(not wrong, row["file"], "plan-period goal taken as an annual target", row["anchor"])
    return score


def headline_targets(targets: pd.DataFrame) -> Score:
    """National headline targets (GDP, CPI, jobs, unemployment): found, and no second annual value for
    the same indicator, year and measure."""
    score = Score()
    national = targets[targets["file"].str.startswith("national/") & targets["indicator"].isin(HEADLINE_TARGETS)
                       & targets["kind"].eq("target")]
    for _, row in national.iterrows():
        facts = extracted(row["file"])
        same = facts[facts["kind"].eq("target") & facts["indicator"].eq(row["indicator"])
                     & facts["period"].eq(int(row["period"])) & facts["horizon"].eq("annual")
                     & facts["measure"].eq(row["measure"])]
        values = sorted(set(same["value"]))
        found = mismatch(row, facts[facts["start"].eq(int(row["start"]))]) is None
        single = values == [float(row["value"])]
        phenomenon = "missed or wrong" if not found else "second value" if not single else ""
        score.add(found and single, row["file"], phenomenon, f"{row['indicator']} {row['period']}: gold "
                                                              f"{row['value']}, extracted {values}")
    return score


def part_boundaries(parts: pd.DataFrame) -> Score:
    """Gold part boundaries (but the opening and the closing) that the extractor finds: a part of the same
    name starting at the gold offset or within the next 40 characters (a salutation line before it)."""
    from analysis.extract.parts import report_parts
    from analysis.text.normalise import simplify
    score = Score()
    for file, rows in parts.groupby("file"):
        text, origin = reshaped(text_of(file))
        found = report_parts(simplify(text), int(manifest()[file]["report_year"]))
        if origin is not None:
            found = [p.__class__(origin[p.start], p.name, p.heading) for p in found]
        for row in rows.itertuples():
            if row.part in ("opening", "closing"):
                continue
            start = int(row.start)
            ok = any(p.name == row.part and start <= p.start <= start + 40 for p in found)
            score.add(ok, file, f"{row.part} not found", row.heading)
    return score


def scores() -> dict[str, Score]:
    """Every measure the issue sets a bar for, on the gold as committed."""
    targets, review, full, parts = gold("targets-*.csv"), gold("review-*.csv"), gold("full/*.csv"), gold("parts-*.csv")
    kind_period, horizon, measure = precision(full)
    empty = pd.DataFrame(columns=["file", "start", "part"])
    return {
        "main-target recall": recall(targets[targets["horizon"].eq("annual")]) if len(targets) else Score(),
        "plan-period goal recall": recall(targets[targets["horizon"].ne("annual")]) if len(targets) else Score(),
        "headline-review recall": recall(review) if len(review) else Score(),
        "full-text recall": recall(full),
        "precision: kind and period": kind_period,
        "precision: horizon": horizon,
        "precision: measure": measure,
        "precision: headline indicator": indicator_precision(full),
        "part boundaries found": part_boundaries(parts) if len(parts) else Score(),
        "targets not in a review part": wrong_part_targets(full, parts if len(parts) else empty),
        "multi-year goals not annual": plan_period_as_annual(pd.concat([targets, full], ignore_index=True)),
        "national headline targets, one value": headline_targets(targets) if len(targets) else Score(),
    }


def print_tables(results: dict[str, Score], show_errors: bool) -> None:
    print("| measure | right | of | rate |\n|---|---:|---:|---:|")
    for name, score in results.items():
        print(f"| {name} | {score.right} | {score.total} | {score.rate:.1%} |")
    files = sorted({e[0] for s in results.values() for e in s.errors} | set(manifest()))
    print("\n| document | " + " | ".join(results) + " |\n|---|" + "---:|" * len(results))
    for file in files:
        cells = []
        for score in results.values():
            errors = sum(1 for e in score.errors if e[0] == file)
            cells.append(str(errors) if errors else "·")
        print(f"| {file} | " + " | ".join(cells) + " |")
    print("\n(errors per document; · none)\n\n| measure | phenomenon | errors |\n|---|---|---:|")
    for name, score in results.items():
        for phenomenon, count in Counter(e[1] for e in score.errors).most_common():
            print(f"| {name} | {phenomenon} | {count} |")
    if show_errors:
        for name, score in results.items():
            for file, phenomenon, detail in score.errors:
                print(f"{name} | {file} | {phenomenon} | {detail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every error with its context")
    parser.add_argument("--flat", action="store_true", help="read every text without its line breaks")
    parser.add_argument("--wrap", type=int, default=0, metavar="N", help="read every paragraph hard-wrapped at N")
    parser.add_argument("--pages", type=int, default=0, metavar="L", help="with --wrap: a page number every L lines")
    args = parser.parse_args()
    SHAPE["flat"], SHAPE["wrap"], SHAPE["pages"] = args.flat, args.wrap, args.pages
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}: nothing to measure", file=sys.stderr)
        return 2
    print_tables(scores(), args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
