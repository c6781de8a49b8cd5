"""Every statement of the livelihood (民生) share, amount or growth, with its denominator, period and horizon; one per
figure across reports; the spending shares of the regions of one level and year, as the panel shows them."""
from __future__ import annotations

import re

import pandas as pd

from analysis.extract.livelihood import DENOMINATORS, read_livelihood
from analysis.reconciled.intervals import figure_interval

# Columns of a statement: the table's provenance and figure, then what the words say (`extract.livelihood.Reading`),
# the share in % (8 成 is 80%) with its rounding interval, and the values other sources give for the same figure.
STATEMENT_COLUMNS = ["region", "region_en", "level", "report_year", "doc", "source", "kind", "period", "horizon",
                     "measure", "value", "value_high", "decimals", "unit", "qualifier", "share_pct", "share_low",
                     "share_high", "denominator", "denominator_en", "denominator_zh", "spending", "written", "wording",
                     "quote", "start", "source_url", "others"]
# The identity of a statement across reports: two rows with the same key state the same figure.
STATEMENT_KEY = ["region", "kind", "period", "horizon", "measure", "denominator"]
# Which statement of a region and year the panel shows: the year's own figure before a level held through a plan
# period, a share of several years' total or a yearly average.
HORIZON_ORDER = {"annual": 0, "plan_period": 1, "cumulative": 2, "average": 3}
# Among equal shares: a floor (≥80%) may be more than an exact or 'about' 80%, a ceiling (近八成) less.
QUALIFIER_ORDER = {"at_least": 0, "about": 1, "at_most": 2}
_TENTHS = "成"


def livelihood_statements(table: pd.DataFrame) -> pd.DataFrame:
    """Every figure of `table` (the validated table, any horizon) that states the livelihood share, amount or growth,
    one row per statement and report (repeats of one report that agree merged), in the table's order.

    Columns STATEMENT_COLUMNS: `measure` share, change_pp, amount or growth; `denominator` a DENOMINATORS id for a
    share (the total as written in `denominator_zh`; None for an amount or growth); `spending` whether it counts as
    livelihood spending (a share of investment, of a named fund or of GDP does not); `share_pct` the share in % (a
    share in tenths, 八成, times ten; the qualifier is kept in `qualifier`, never turned into another number) with
    its rounding interval `share_low`, `share_high`; `written` the figure as the text writes it; `wording` its clause.
    """
    candidates = table[_mentions_livelihood(table)]
    rows = [row for _, figure in candidates.iterrows() if (row := _statement(figure)) is not None]
    found = pd.DataFrame(rows, columns=STATEMENT_COLUMNS)
    if found.empty:
        return found.astype({"spending": bool})
    found = found.drop_duplicates(subset=[*STATEMENT_KEY, "report_year", "value", "qualifier"], keep="first")
    return found.astype({"spending": bool, "period": int, "report_year": int}).reset_index(drop=True)


def resolve_statements(statements: pd.DataFrame) -> pd.DataFrame:
    """One row per statement (STATEMENT_KEY) across reports: the newest report's, then an extracted text before a
    hand-entered row, more decimals, the earlier place in the text, the document id. `others` lists the values of
    the other sources that differ ('73.8% (henan-2026)'), empty when they agree or there are none."""
    if statements.empty:
        return statements
    ranked = statements.assign(
        _newest=-statements["report_year"], _src=(statements["source"] != "extracted").astype(int),
        _dec=-pd.to_numeric(statements["decimals"], errors="coerce").fillna(0),
        _start=pd.to_numeric(statements["start"], errors="coerce").astype(float).fillna(float("inf")))
    ranked = ranked.sort_values(["_newest", "_src", "_dec", "_start", "doc"], kind="stable")
    keep = []
    for _, group in ranked.groupby(STATEMENT_KEY, sort=False, dropna=False):
        best = group.iloc[0].copy()
        differ = group.iloc[1:][(group.iloc[1:]["value"] != best["value"])
                               | (group.iloc[1:]["qualifier"].fillna("") != (best["qualifier"] or ""))]
        best["others"] = "; ".join(f"{w} ({d})" for w, d in zip(differ["written"], differ["doc"]))
        keep.append(best)
    out = pd.DataFrame(keep)[STATEMENT_COLUMNS]
    return out.sort_values(["region", "period", "measure"], kind="stable").reset_index(drop=True)


def panel_shares(resolved: pd.DataFrame, level: str | None, year: int | None) -> pd.DataFrame:
    """The livelihood-spending share of every region of `level` (None: every level) for `year` (None: every year):
    one row per region and year, its outcome (kind actual) over a spending total, the year's own figure first
    (HORIZON_ORDER), sorted by the share, largest first (a floor before an equal 'about' or exact share, a ceiling
    after), then by region. Shares of investment, of a named fund or of GDP are not among them (`kept_apart`).
    Columns STATEMENT_COLUMNS; `resolved` from `resolve_statements`."""
    if resolved.empty:
        return resolved
    shares = resolved[(resolved["measure"] == "share") & resolved["spending"] & (resolved["kind"] == "actual")]
    if year is not None:
        shares = shares[shares["period"] == int(year)]
    if level is not None:
        shares = shares[shares["level"] == level]
    shares = shares.assign(_horizon=shares["horizon"].map(HORIZON_ORDER).fillna(len(HORIZON_ORDER)),
                           _bound=shares["qualifier"].map(QUALIFIER_ORDER).fillna(1))
    chosen = shares.sort_values(["_horizon", "denominator"], kind="stable").drop_duplicates(["region", "period"])
    return chosen.sort_values(["period", "share_pct", "_bound", "region"], ascending=[False, False, True, True],
                              kind="stable").drop(columns=["_horizon", "_bound"]).reset_index(drop=True)


def kept_apart(resolved: pd.DataFrame, level: str | None, year: int | None) -> pd.DataFrame:
    """Livelihood shares of `year` (None: every year) over a total that is not spending (investment, a named fund,
    GDP): stated, but never counted as the livelihood-spending share."""
    if resolved.empty:
        return resolved
    rows = resolved[(resolved["measure"] == "share") & ~resolved["spending"]]
    rows = rows if year is None else rows[rows["period"] == int(year)]
    return (rows if level is None else rows[rows["level"] == level]).reset_index(drop=True)


def share_years(resolved: pd.DataFrame, level: str | None = None) -> list[int]:
    """The years, newest first, for which some region (of `level`) states a livelihood-spending share."""
    if resolved.empty:
        return []
    shares = resolved[(resolved["measure"] == "share") & resolved["spending"] & (resolved["kind"] == "actual")]
    if level is not None:
        shares = shares[shares["level"] == level]
    return sorted({int(p) for p in shares["period"]}, reverse=True)


def _mentions_livelihood(table: pd.DataFrame) -> pd.Series:
    """Rows whose sentence (or, for a hand-entered row, note or subject) names 民生: the only ones worth reading."""
    texts = table["quote"].fillna(table.get("source_note", pd.Series("", index=table.index)).fillna(""))
    return (texts.str.contains("民生", regex=False) | table["subject"].fillna("").str.contains("民生", regex=False)
            | table["indicator"].eq("livelihood_spending"))


def _statement(figure: pd.Series) -> dict | None:
    quote, start, end = _located(figure)
    reading = read_livelihood(quote, start, end, str(figure["measure"]), str(figure["unit"]),
                              str(figure["subject"]) if isinstance(figure["subject"], str) else "")
    if reading is None:
        return None
    row = {column: figure.get(column) for column in STATEMENT_COLUMNS if column in figure.index}
    row.update(measure=reading.measure, denominator=reading.denominator, denominator_zh=reading.denominator_zh,
               denominator_en=DENOMINATORS[reading.denominator][0] if reading.denominator else None,
               spending=reading.spending, written=reading.written, wording=reading.wording,
               horizon=figure.get("horizon") if isinstance(figure.get("horizon"), str) else "annual",
               qualifier=figure["qualifier"] if isinstance(figure["qualifier"], str) else None, others="")
    if reading.measure in ("share", "change_pp"):
        factor = 10 if figure["unit"] == _TENTHS else 1
        low, high = figure_interval(float(figure["value"]), int(figure["decimals"]), None)
        row.update(share_pct=factor * float(figure["value"]), share_low=factor * low, share_high=factor * high)
    return row


def _located(figure: pd.Series) -> tuple[str, int, int]:
    """The sentence of a figure and the number's span in it; for a hand-entered row, its note (or subject) with
    the value found in it where it is written there."""
    if isinstance(figure.get("quote"), str) and pd.notna(figure.get("quote_start")):
        offset = int(figure["quote_start"])
        return figure["quote"], int(figure["start"]) - offset, int(figure["end"]) - offset
    text = next((t for t in (figure.get("source_note"), figure.get("subject")) if isinstance(t, str)), "")
    number = f"{float(figure['value']):.{int(figure['decimals'])}f}"
    found = re.search(re.escape(number), text)
    return (text, found.start(), found.end()) if found else (text, len(text), len(text))
