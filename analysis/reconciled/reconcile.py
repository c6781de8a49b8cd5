"""Cross-source agreement: the same figure from two rows must agree within rounding; duplicates merged,
conflicts resolved to one value per figure by a written rule and marked."""
from __future__ import annotations

from itertools import combinations

import pandas as pd

from analysis.extract.units import split_unit
from analysis.reconciled.intervals import figure_interval

# The identity of a figure: two rows with the same key report the same number.
FIGURE_KEY = ["region", "indicator", "kind", "period", "measure"]
SIDE_COLUMNS = ["doc", "source", "report_year", "value", "value_high", "decimals", "unit", "qualifier",
                "estimated", "quote", "source_url", "source_note"]
CONFLICT_COLUMNS = [*FIGURE_KEY, *[f"{c}_{s}" for s in "ab" for c in SIDE_COLUMNS],
                    "revision", "status", "reason"]


def interval_base(value: float, decimals: int, unit: str) -> tuple[float, float]:
    """Interval of a figure in its base unit, so 1.10 百万人 and 110 万人 compare (a plain count is exact)."""
    low, high = figure_interval(value, int(decimals), unit)
    try:
        factor = split_unit(unit)[0]
    except ValueError:  # a unit numbers.py does not know: compare as written
        factor = 1
    return low * factor, high * factor


def intervals_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Half-open intervals [low, high) share a point; containment (fewer decimals) is a special case.

    A zero-width interval is an exact count [v, v]: it overlaps an interval that contains v.
    """
    if a[0] == a[1] and b[0] == b[1]:
        return a[0] == b[0]
    if a[0] == a[1]:
        return b[0] <= a[0] < b[1]
    if b[0] == b[1]:
        return a[0] <= b[0] < a[1]
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
            return False, (f"{_written(a[end], a['decimals'])} {a['unit']} and {_written(b[end], b['decimals'])} "
                           f"{b['unit']} differ beyond rounding ({_shown_interval(a[end], a['decimals'], a['unit'])}"
                           f" vs {_shown_interval(b[end], b['decimals'], b['unit'])})")
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


RESOLUTION_RULE = (
    "When sources give one figure (same region, indicator, kind, year and measure) with values that differ "
    "beyond rounding, the analysis uses one of them: the value from the report being analysed (its report "
    "year), else from the newest report; within one report year, an extracted report text before a "
    "hand-entered reference and a final figure before a preliminary (预计) one; then the more precise figure "
    "(more decimals), then the earlier place in the text, and last the source's document id in alphabetical "
    "order, so that the choice never depends on the order of rows in a file. The other values are listed "
    "beside it, never dropped silently."
)


def resolve_figures(table: pd.DataFrame, report_year: int | None = None) -> pd.DataFrame:
    """One row per figure, the value an analysis uses, with the sources that disagree named.

    Rows that agree within rounding are merged as in `deduplicate`. Of the rows left for a figure, one
    is chosen by RESOLUTION_RULE (`report_year`: the report being analysed; None: prefer the newest).
    The chosen row gets `conflict` True when another source gives a value beyond rounding, and
    `conflict_note` names every such source and value; agreeing rows from other reports are added
    to `confirmed_by`. Rows without an indicator id cannot be matched and stay as they are.
    """
    out = deduplicate(table)
    out["_order"] = range(len(out))
    out["conflict"] = False
    out["conflict_note"] = ""
    drop: list = []
    for _, group in _figure_groups(out):
        ranked = _resolution_order(group, report_year)
        best, chosen = ranked.index[0], ranked.iloc[0]
        disagree, agree = [], []
        for _, other in ranked.iloc[1:].iterrows():
            (agree if figures_agree(chosen, other)[0] else disagree).append(other)
        if disagree:
            out.at[best, "conflict"] = True
            out.at[best, "conflict_note"] = "other source: " + "; ".join(
                f"{figure_text(o)} in {source_text(o)}" for o in disagree)
        if agree:
            confirmed = [c for c in [out.at[best, "confirmed_by"]] if isinstance(c, str) and c]
            out.at[best, "confirmed_by"] = "; ".join(confirmed + [f"{o['doc']} ({o['source']})" for o in agree])
        drop.extend(ranked.index[1:])
    return out.drop(index=drop).sort_values("_order").drop(columns="_order")


def conflict_summary(rows: pd.DataFrame, catalog: pd.DataFrame | None = None) -> pd.DataFrame:
    """Resolved rows (from `resolve_figures`) whose sources disagreed, for a 'Conflicting sources' table.

    Columns: indicator, title_en, name_zh, region, figure ('actual 2023, level'), used (value as written
    with unit), used_source, other (the sources and values not used).
    """
    columns = ["indicator", "title_en", "name_zh", "region", "figure", "used", "used_source", "other"]
    if rows.empty or "conflict" not in rows:
        return pd.DataFrame(columns=columns)
    hit = rows[rows["conflict"].eq(True)]
    known = catalog is not None
    out = pd.DataFrame({
        "indicator": hit["indicator"],
        "title_en": hit["indicator"].map(catalog["title_en"]) if known else hit["subject"],
        "name_zh": hit["indicator"].map(catalog["name_zh"]) if known else hit["subject"],
        "region": hit["region"],
        "figure": [f"{k} {int(p)}, {m}" for k, p, m in zip(hit["kind"], hit["period"], hit["measure"])],
        "used": [figure_text(r) for _, r in hit.iterrows()],
        "used_source": [source_text(r) for _, r in hit.iterrows()],
        "other": hit["conflict_note"].str.replace("other source: ", "", regex=False),
    }, columns=columns)
    return out.reset_index(drop=True)


def figure_text(row: pd.Series) -> str:
    """A figure as the source writes it: '350 亿元', '≥5 %', '6–6.5 %'."""
    value = _written(row["value"], row["decimals"])
    if pd.notna(row.get("value_high")):
        value += "–" + _written(row["value_high"], row["decimals"])
    word = {"about": "about ", "at_least": "at least ", "at_most": "at most "}.get(_norm(row.get("qualifier")), "")
    return f"{word}{value} {row['unit']}"


def source_text(row: pd.Series) -> str:
    """Where a row comes from: 'sz-2024 (extracted, 2024 report)'."""
    how = str(row.get("source", "")).replace("_", "-")
    return f"{row['doc']} ({how}, {int(row['report_year'])} report)"


def _resolution_order(group: pd.DataFrame, report_year: int | None) -> pd.DataFrame:
    """Rows of one figure in the order of RESOLUTION_RULE; the first is the one used."""
    years = group["report_year"]
    ranked = group.assign(
        _analysed=(years != report_year).astype(int) if report_year is not None else 0,
        _newest=-years.astype(int),
        _src=(group["source"] != "extracted").astype(int),
        _prelim=group["estimated"].astype("boolean").fillna(False).astype(int) if "estimated" in group else 0,
        _dec=-group["decimals"].astype(int),
        _start=pd.to_numeric(group["start"], errors="coerce").astype(float).fillna(float("inf"))
        if "start" in group else 0.0,
    )
    order = ["_analysed", "_newest", "_src", "_prelim", "_dec", "_start", "doc", "_order"]
    return ranked.sort_values(order, kind="stable").drop(columns=[c for c in order if c.startswith("_")][:-1])


def _written(value: float, decimals: object) -> str:
    places = 0 if decimals is None or pd.isna(decimals) else int(decimals)
    return f"{float(value):,.{places}f}"


def _shown_interval(value: float, decimals: object, unit: str) -> str:
    """The interval a figure stands for, in its own unit: '[349.5, 350.5) 亿元', or 'exactly 67 家'."""
    places = 0 if decimals is None or pd.isna(decimals) else int(decimals)
    low, high = figure_interval(value, places, unit)
    if low == high:
        return f"exactly {_written(value, places)} {unit} (a count)"
    return f"[{low:,.{places + 1}f}, {high:,.{places + 1}f}) {unit}"


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
