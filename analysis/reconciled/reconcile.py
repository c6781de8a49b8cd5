"""Cross-source agreement: the same figure from two rows must agree within rounding; duplicates merged,
conflicts resolved to one value per figure by a written rule, the sources not used kept as rows."""
from __future__ import annotations

from itertools import combinations
from typing import NamedTuple

import pandas as pd

from analysis.extract.units import split_unit
from analysis.reconciled.intervals import figure_interval
# RESOLUTION_RULE and RULE_STEPS are read from here too (the rule's wording and steps live in rule.py)
from analysis.reconciled.rule import (RESOLUTION_RULE, RULE_STEPS, TIE_CODES, bases_differ,  # noqa: F401
                                      deciding_step, resolution_order, words)

# The identity of a figure: two rows with the same key report the same number.
FIGURE_KEY = ["region", "indicator", "kind", "period", "measure"]
SIDE_COLUMNS = ["doc", "source", "report_year", "value", "value_high", "decimals", "unit", "qualifier",
                "estimated", "statistic", "vintage", "quote", "source_url", "source_note"]
CONFLICT_COLUMNS = [*FIGURE_KEY, *[f"{c}_{s}" for s in "ab" for c in SIDE_COLUMNS],
                    "revision", "status", "reason"]


def annual(table: pd.DataFrame) -> pd.DataFrame:
    """The figures of one year each: analyses compare years, so totals, averages and plan-period goals over
    several years (`horizon`) stay out of them; a table without the column is all annual."""
    if "horizon" not in table.columns:
        return table
    return table[table["horizon"].fillna("annual").eq("annual")]


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
    """Whether two rows report the same figure within rounding, and why not. A rate as an annual average
    and at the year's end, or a growth rate on a same-scope basis (同口径) and one not, are not the same
    figure even when the numbers agree."""
    if _norm(a.get("statistic")) and _norm(b.get("statistic")) and a["statistic"] != b["statistic"]:
        return False, f"different statistics: {words(a['statistic'])} vs {words(b['statistic'])}"
    if bases_differ(_norm(a.get("basis")), _norm(b.get("basis"))):
        return False, (f"different bases: {words(_norm(a.get('basis')) or 'not stated')} vs "
                       f"{words(_norm(b.get('basis')) or 'not stated')}")
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
            record["revision"] = (a.get("report_year") != b.get("report_year")
                                  or _norm(a.get("vintage")) != _norm(b.get("vintage")))
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


# One side of a conflict row: a source and the value as it gives it.
CONFLICT_SIDE = ["doc", "source", "report_year", "value", "value_high", "decimals", "unit", "qualifier", "source_url",
                 "statistic", "vintage", "source_type"]
RESOLVED_CONFLICT_COLUMNS = [*FIGURE_KEY, *[f"used_{c}" for c in CONFLICT_SIDE],
                             *[f"other_{c}" for c in CONFLICT_SIDE], "disagreement", "not_chosen"]


class Resolution(NamedTuple):
    """One value per figure (`figures`) and the sources that disagree with it (`conflicts`)."""

    figures: pd.DataFrame
    conflicts: pd.DataFrame


def resolve(table: pd.DataFrame, report_year: int | None = None, mode: str = "latest") -> Resolution:
    """One row per figure, the value an analysis uses, and the sources that disagree with it, as rows.

    Rows that agree within rounding are merged as in `deduplicate`. Of the rows left for a figure, one
    is chosen by RESOLUTION_RULE (`report_year`: the report being analysed; None: prefer the newest;
    `mode` 'latest' for the latest vintage, 'first' for the figure first published, known when the next
    year's target was set). The chosen row gets `conflict` True when another source gives a value beyond
    rounding, and `undecided` True when no step of the rule decides between them (only the ties, which
    list): neither value is then judged. Agreeing rows from other reports are added to `confirmed_by`.
    Rows without an indicator id cannot be matched and stay as they are.

    `conflicts` has one row per figure and other source that disagrees (RESOLVED_CONFLICT_COLUMNS),
    in the rule's order: the figure's FIGURE_KEY; the value used and its source (`used_` +
    CONFLICT_SIDE); the other source's (`other_` + CONFLICT_SIDE); `disagreement`, why the two differ
    (`figures_agree`); `not_chosen`, the code of the RULE_STEPS step that ranked the other source lower.
    """
    out = deduplicate(annual(table))
    out["_order"] = range(len(out))
    out["conflict"] = False
    out["undecided"] = False
    drop: list = []
    conflicts: list[dict] = []
    named = target_statistics(out)
    for key, group in _figure_groups(out):
        ranked = resolution_order(group, report_year, mode, named.get(_target_key(key)))
        best, chosen = ranked.index[0], ranked.iloc[0]
        agree = []
        for _, other in ranked.iloc[1:].iterrows():
            same, why = figures_agree(chosen, other)
            if same:
                agree.append(other)
                continue
            step = deciding_step(chosen, other, mode)
            out.at[best, "conflict"] = True
            out.at[best, "undecided"] = bool(out.at[best, "undecided"]) or step in TIE_CODES
            conflicts.append({**dict(zip(FIGURE_KEY, key)), **_side("used", chosen), **_side("other", other),
                              "disagreement": why, "not_chosen": step})
        if agree:
            confirmed = [c for c in [out.at[best, "confirmed_by"]] if isinstance(c, str) and c]
            out.at[best, "confirmed_by"] = "; ".join(confirmed + [f"{o['doc']} ({o['source']})" for o in agree])
        drop.extend(ranked.index[1:])
    figures = out.drop(index=drop).sort_values("_order").drop(columns="_order")
    return Resolution(figures, pd.DataFrame(conflicts, columns=RESOLVED_CONFLICT_COLUMNS))


def resolve_figures(table: pd.DataFrame, report_year: int | None = None) -> pd.DataFrame:
    """The figures of `resolve`: one row per figure, the value an analysis uses, `conflict` marked."""
    return resolve(table, report_year).figures


def conflicts_of(conflicts: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """The rows of `conflicts` (from `resolve`) about the figures of `figures` (rows with the
    FIGURE_KEY columns), in the order of `figures`."""
    order: dict[tuple, int] = {}
    for key in figure_keys(figures):
        order.setdefault(key, len(order))
    hit = conflicts.assign(_rank=[order.get(key, -1) for key in figure_keys(conflicts)])
    return hit[hit["_rank"] >= 0].sort_values("_rank", kind="stable").drop(columns="_rank")


def conflict_summary(figures: pd.DataFrame, conflicts: pd.DataFrame) -> pd.DataFrame:
    """The conflicts (from `resolve`) of the resolved rows `figures`, e.g. the ones an analysis uses,
    for a 'Conflicting sources' table: `conflicts_of` with each figure's title_en and name_zh after
    the key (as `report.named` gives them; the subject where `figures` are not named)."""
    names: dict[tuple, tuple] = {}
    for key, title, name in zip(figure_keys(figures), figures.get("title_en", figures.get("subject", [])),
                                figures.get("name_zh", figures.get("subject", []))):
        names.setdefault(key, (title, name))
    hit = conflicts_of(conflicts, figures)
    named = [names[key] for key in figure_keys(hit)]
    out = hit.assign(title_en=[n[0] for n in named], name_zh=[n[1] for n in named])
    return out[[*FIGURE_KEY, "title_en", "name_zh", *RESOLVED_CONFLICT_COLUMNS[len(FIGURE_KEY):]]].reset_index(drop=True)


def source_text(row: pd.Series) -> str:
    """Where a row comes from: 'sz-2024 (extracted, 2024 report)'."""
    how = str(row.get("source", "")).replace("_", "-")
    return f"{row['doc']} ({how}, {int(row['report_year'])} report)"


def _side(prefix: str, row: pd.Series) -> dict:
    return {f"{prefix}_{c}": row.get(c, pd.NA) for c in CONFLICT_SIDE}


def figure_keys(frame: pd.DataFrame) -> list[tuple]:
    """The FIGURE_KEY of each row, as tuples (2023 and 2023.0 match, whatever the column's dtype)."""
    if frame.empty:
        return []
    return list(frame[FIGURE_KEY].itertuples(index=False, name=None))


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


def target_statistics(table: pd.DataFrame) -> dict[tuple, str]:
    """The statistic each target names, by (region, indicator, period, measure): its outcome is judged on it."""
    if "statistic" not in table:
        return {}
    named = table[table["kind"].eq("target") & table["statistic"].notna() & table["indicator"].notna()]
    return {(r["region"], r["indicator"], r["period"], r["measure"]): r["statistic"] for _, r in named.iterrows()}


def _target_key(key: tuple) -> tuple:
    figure = dict(zip(FIGURE_KEY, key))
    return figure["region"], figure["indicator"], figure["period"], figure["measure"]


def _norm(qualifier: object) -> str | None:
    return None if qualifier is None or pd.isna(qualifier) or qualifier == "" else str(qualifier)
