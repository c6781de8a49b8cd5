"""Cross-source agreement: the same figure from two rows must agree within rounding; duplicates merged."""
from __future__ import annotations

from itertools import combinations

import pandas as pd

from analysis.numbers import rounding_interval, split_unit

# The identity of a figure: two rows with the same key report the same number.
FIGURE_KEY = ["region", "indicator", "kind", "period", "measure"]
SIDE_COLUMNS = ["doc", "source", "report_year", "value", "value_high", "decimals", "unit", "qualifier",
                "estimated", "quote", "source_url", "source_note"]
CONFLICT_COLUMNS = [*FIGURE_KEY, *[f"{c}_{s}" for s in "ab" for c in SIDE_COLUMNS],
                    "revision", "status", "reason"]


def interval_base(value: float, decimals: int, unit: str) -> tuple[float, float]:
    """Rounding interval of a figure in its base unit, so 1.10 百万人 and 110 万人 compare."""
    low, high = rounding_interval(value, int(decimals))
    try:
        factor = split_unit(unit)[0]
    except ValueError:  # a unit numbers.py does not know: compare as written
        factor = 1
    return low * factor, high * factor


def intervals_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Half-open intervals [low, high) share a point; containment (fewer decimals) is a special case."""
    return a[0] < b[1] and b[0] < a[1]


def figures_agree(a: pd.Series, b: pd.Series) -> tuple[bool, str]:
    """Whether two rows report the same figure within rounding, and why not."""
    if _norm(a.get("qualifier")) != _norm(b.get("qualifier")):
        return False, f"qualifier differs: {_norm(a.get('qualifier')) or 'exact'} vs {_norm(b.get('qualifier')) or 'exact'}"
    ends = ["value"]
    if pd.notna(a.get("value_high")) or pd.notna(b.get("value_high")):
        if pd.isna(a.get("value_high")) or pd.isna(b.get("value_high")):
            return False, "one row is a range, the other is not"
        ends.append("value_high")
    for end in ends:
        ia = interval_base(a[end], a["decimals"], a["unit"])
        ib = interval_base(b[end], b["decimals"], b["unit"])
        if not intervals_overlap(ia, ib):
            return False, (f"{a[end]:g} {a['unit']} and {b[end]:g} {b['unit']} differ beyond rounding "
                           f"([{ia[0]:g}, {ia[1]:g}) vs [{ib[0]:g}, {ib[1]:g}) in base units)")
    return True, "agree within rounding"


def find_conflicts(table: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of rows that report the same figure, with both sides and 'agree'/'conflict'.

    A pair from two different report years is a revision (`revision` True): a later report restating
    the figure for the same period. Its status still says whether the restated number agrees.
    Rows without an indicator id cannot be matched and are ignored.
    """
    rows = []
    for key, group in _figure_groups(table):
        for (_, a), (_, b) in combinations(group.iterrows(), 2):
            ok, reason = figures_agree(a, b)
            record = dict(zip(FIGURE_KEY, key))
            for side, row in (("a", a), ("b", b)):
                record.update({f"{c}_{side}": row.get(c, pd.NA) for c in SIDE_COLUMNS})
            record["revision"] = a.get("report_year") != b.get("report_year")
            record["status"] = "agree" if ok else "conflict"
            record["reason"] = reason
            rows.append(record)
    return pd.DataFrame(rows, columns=CONFLICT_COLUMNS).astype({"revision": bool})


def deduplicate(table: pd.DataFrame) -> pd.DataFrame:
    """One row per figure and report year; conflicting rows are all kept and flagged, never dropped.

    Within one report year (main article vs sidebar, or extracted vs hand-entered), agreeing rows are
    merged into the most precise one: more decimals first, then extracted over hand-entered, then the
    earliest position in the text, then table order. `confirmed_by` lists the docs of merged rows.
    If the rows disagree, all of them stay, with `conflict` True, so an analysis can show both.
    Across report years nothing is merged: a later report's figure for the same period is a revision,
    flagged `revision` True, and `latest` marks the row from the newest report for the figure.
    """
    out = table.copy()
    out["_order"] = range(len(out))
    out["conflict"] = False
    out["confirmed_by"] = pd.Series([pd.NA] * len(out), index=out.index, dtype="object")
    drop: list = []
    for _, group in _figure_groups(out, by_report=True):
        if not all(figures_agree(a, b)[0] for (_, a), (_, b) in combinations(group.iterrows(), 2)):
            out.loc[group.index, "conflict"] = True
            continue
        best = _rank(group).index[0]
        others = group.drop(index=best)
        out.at[best, "confirmed_by"] = "; ".join(f"{d} ({s})" for d, s in zip(others["doc"], others["source"]))
        drop.extend(others.index)
    out = out.drop(index=drop)
    out["revision"] = False
    out["latest"] = True
    for _, group in _figure_groups(out):
        years = group["report_year"]
        out.loc[group.index, "revision"] = years > years.min()
        out.loc[group.index, "latest"] = years == years.max()
    return out.sort_values("_order").drop(columns="_order")


def _figure_groups(table: pd.DataFrame, by_report: bool = False):
    """(key, rows) for every figure reported by two or more rows with an indicator id."""
    keyed = table[table["indicator"].notna()]
    key = FIGURE_KEY + (["report_year"] if by_report else [])
    for values, group in keyed.groupby(key, sort=False, dropna=False):
        if len(group) > 1:
            yield values, group


def _rank(group: pd.DataFrame) -> pd.DataFrame:
    ranked = group.assign(
        _dec=-group["decimals"].astype(int),
        _src=(group["source"] != "extracted").astype(int),
        # float, not Int64: a hand-entered row has no start and must rank after every position in the text
        _start=pd.to_numeric(group["start"], errors="coerce").astype(float).fillna(float("inf"))
        if "start" in group else 0.0,
    )
    return ranked.sort_values(["_dec", "_src", "_start", "_order"])


def _norm(qualifier: object) -> str | None:
    return None if qualifier is None or pd.isna(qualifier) or qualifier == "" else str(qualifier)
