"""The written rule that picks one value per figure where sources disagree, as ranks over the rows of one figure."""
from __future__ import annotations

import pandas as pd

from analysis.staging.reference import vintage_of

RESOLUTION_RULE = (
    "When sources give one figure (same region, indicator, kind, year and measure) with values that differ "
    "beyond rounding, the analysis uses one of them, by these steps in order: (1) the measure the figure is "
    "judged on: a rate given both as an annual average and at the year's end is the annual average, unless "
    "the target names another measure; (2) the report being analysed, on a page about one report; (3) for an "
    "outcome, a stated value before a bound (地区生产总值60199.45亿元 before 突破5万亿元, a milestone the value "
    "passed, which is no vintage of the figure); (4) the latest vintage: a final verification (最终核实) before "
    "a revision (初步核实), a revision before the figure first published (初步核算), and that before a "
    "preliminary (预计) one; for a target's prior year the other way round, the figure first published, which "
    "is the one known when the target was set; (5) the report's own words before a statistical bulletin, a "
    "bulletin before another official release, a release before a news page, so that a target keeps the "
    "qualifier the report wrote; (6) the newer report; (7) an extracted report text before a hand-entered "
    "figure. Nothing else decides: where these steps leave two values, both "
    "are shown and neither is judged. Document ids and the order of rows in a file only list them, so the "
    "choice never depends on the order of rows in a file. The other values are listed beside the one used, "
    "never dropped silently."
)
# The rule's steps in order: (rank column of `resolution_order`, code a conflict row gives as `not_chosen`
# when that step put the value used before the other source's). TIES only list: nothing is decided by them.
TIES = (("_dec", "more_decimals"), ("_start", "earlier_in_text"), ("_doc", "document_id"), ("_order", "earlier_row"))
RULE_STEPS = [("_statistic", "other_statistic"), ("_analysed", "analysed_report"), ("_bound", "stated_value"),
              ("_vintage", "later_vintage"), ("_type", "report_words"), ("_newest", "newer_report"),
              ("_src", "extracted_first"), *TIES]
# The same rule for a target's prior year: the first published figure, the older report.
FIRST_STEPS = [("_statistic", "other_statistic"), ("_analysed", "analysed_report"), ("_bound", "stated_value"),
               ("_vintage", "earlier_vintage"), ("_type", "report_words"), ("_newest", "older_report"),
               ("_src", "extracted_first"), *TIES]
TIE_CODES = tuple(code for _, code in TIES)
MODES = {"latest": RULE_STEPS, "first": FIRST_STEPS}

VINTAGE_RANK = {"expected": 0, "first": 1, "revised": 2, "final": 3}
TYPE_RANK = {"report": 0, "bulletin": 1, "release": 2, "news": 3}
DEFAULT_STATISTIC = "annual_average"


def preferred_statistic(target_statistic: object) -> str:
    """The statistic an outcome is judged on: the one its target names, else the annual average."""
    return target_statistic if isinstance(target_statistic, str) and target_statistic else DEFAULT_STATISTIC


def resolution_order(group: pd.DataFrame, report_year: int | None, mode: str = "latest",
                     statistic: object = None) -> pd.DataFrame:
    """Rows of one figure in the order of RESOLUTION_RULE (`mode` 'latest', or 'first' for a target's prior
    year); the first is the one used. `statistic`: the one a target of the figure's year names, if any."""
    if "_order" not in group:  # the rows' order in the table, which `resolve` records
        group = group.assign(_order=range(len(group)))
    years = group["report_year"].astype(int)
    wanted = preferred_statistic(statistic)
    stated = _column(group, "statistic")
    vintage = vintage_of(group).map(VINTAGE_RANK).astype(float).fillna(VINTAGE_RANK["first"])
    ranked = group.assign(
        # another statistic after the one wanted; of those, the monthly values (which bound an average)
        # before a single month's
        _statistic=(stated.notna() & stated.ne(wanted)).astype(int) + (stated.notna() & stated.eq("year_end")
                                                                         & stated.ne(wanted)).astype(int),
        _analysed=(years != report_year).astype(int) if report_year is not None else 0,
        _vintage=-vintage if mode == "latest" else vintage,
        _type=_column(group, "source_type").map(TYPE_RANK).astype(float).fillna(len(TYPE_RANK)),
        # a target's bound is its promise, never ranked after a number without one
        _bound=(_column(group, "qualifier").isin(["at_least", "at_most"]) & _column(group, "kind").eq("actual")).astype(int),
        _newest=-years if mode == "latest" else years,
        _src=(group["source"] != "extracted").astype(int),
        _dec=-group["decimals"].astype(int),
        _start=pd.to_numeric(group["start"], errors="coerce").astype(float).fillna(float("inf"))
        if "start" in group else 0.0,
        _doc=group["doc"].astype(str),
    )
    return ranked.sort_values([column for column, _ in MODES[mode]], kind="stable")


def deciding_step(chosen: pd.Series, other: pd.Series, mode: str = "latest") -> str:
    """The code of the first step on which two ranked rows differ (the last step always does)."""
    return next(code for column, code in MODES[mode] if chosen[column] != other[column])


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame else pd.Series(pd.NA, index=frame.index, dtype="object")


# Words for the statistics and bases a reason names.
WORDS = {"annual_average": "annual average", "year_end": "year end", "months": "every month of the year",
         "same_scope": "same-scope (同口径)", "real": "real", "nominal": "nominal", "comparable": "comparable prices"}


def words(code: object) -> str:
    """A statistic or basis code in words: 'year_end' -> 'year end'."""
    return WORDS.get(str(code), str(code))


def bases_differ(a: str | None, b: str | None) -> bool:
    """Stated bases that make two growth rates different figures: both stated and different, or a
    same-scope (同口径) rate against one that does not say so."""
    if a and b:
        return a != b
    return "same_scope" in (a, b)
