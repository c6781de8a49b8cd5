"""Growth rates of a work report: reported rates, implied prior-year and target-year levels, paths."""
from __future__ import annotations

import math

import pandas as pd

from analysis.errors import require
from analysis.reconciled.intervals import figure_interval, positive_bound
from analysis.reconciled.reconcile import conflict_summary
from analysis.reconciled.report import Report, named
from analysis.staging.absences import is_absence

def rate_factor(percent: float) -> float:
    """Growth factor of a percentage rate: 4.7 -> 1.047; infinite rates stay infinite."""
    return math.inf if math.isinf(percent) and percent > 0 else 1 + percent / 100


def row_interval(row: pd.Series) -> tuple[float, float]:
    """Bounds on the true value of a figure from its rounding and qualifier (in its written unit).

    An exact or 'about' figure is its rounding interval (a plain count such as 67家 is exact);
    'at_least' drops the upper bound and 'at_most' the lower one (a growth rate cannot fall below
    -100%), and its own bound is the threshold as written, not widened by rounding (突破5万亿元 is
    more than 5万亿元, never 4.5万亿元); 'range' spans value..value_high.
    """
    decimals = row.get("decimals")
    places = 0 if decimals is None or pd.isna(decimals) else int(decimals)
    unit = row.get("unit")
    low, high = figure_interval(row["value"], places, unit)
    qualifier = row.get("qualifier")
    if qualifier == "at_least":
        low, high = float(row["value"]), math.inf
    elif qualifier == "at_most":
        low, high = (-100.0 if row.get("measure") == "growth" else -math.inf), float(row["value"])
    elif qualifier == "range" and pd.notna(row.get("value_high")):
        high = figure_interval(row["value_high"], places, unit)[1]
    return low, high


def target_interval(row: pd.Series) -> tuple[float, float]:
    """Bounds on what a growth target asks for. A target is a stated number, not a measurement:
    6% is 6.0%, never [5.5, 6.5). 'about' (左右) is shown as ≈ and not widened; 'at_least' drops the
    upper bound, 'at_most' the lower one (down to -100%); 'range' spans value..value_high."""
    value, qualifier = float(row["value"]), row.get("qualifier")
    if qualifier == "at_least":
        return value, math.inf
    if qualifier == "at_most":
        return -100.0, value
    if qualifier == "range" and pd.notna(row.get("value_high")):
        return value, float(row["value_high"])
    return value, value


def real_on_nominal(growth_basis: pd.Series, level: pd.Series) -> pd.Series:
    """True where a real growth rate is applied to a (nominal) level that exists: the result ignores
    price changes (the words are `present.growth_page.REAL_ON_NOMINAL`)."""
    return (growth_basis.eq("real") & level.notna()).astype(bool)


def _select(table: pd.DataFrame, region: str, **equal: object) -> pd.DataFrame:
    mask = table["region"] == region
    for column, value in equal.items():
        mask &= table[column] == value
    return table[mask]


def _bounded(frame: pd.DataFrame, name: str, keep: tuple[str, ...] = (), exact: bool = False) -> pd.DataFrame:
    """indicator, period, `name`, `name`_low, `name`_high, `name`_conflict (+ `keep` columns) of
    figure rows; `exact`: the rows are targets (`target_interval`)."""
    bounds = [(target_interval if exact else row_interval)(row) for _, row in frame.iterrows()]
    out = frame.reindex(columns=["indicator", "period", *keep]).copy()  # a column the table lacks is empty
    out[f"{name}_conflict"] = frame["conflict"].astype(bool) if "conflict" in frame else False
    out[name] = frame["value"].astype(float)
    out[f"{name}_low"] = [float(b[0]) for b in bounds]
    out[f"{name}_high"] = [float(b[1]) for b in bounds]
    return out


def _mark_conflicts(frame: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """`conflict` of a row built from several figures (their `names`): a source disagrees with one."""
    flags = [frame[f"{n}_conflict"].eq(True) for n in names]  # NaN (no such figure) is no conflict
    return frame.assign(conflict=pd.concat(flags, axis=1).any(axis=1) if flags else False)


def reported_growth(report: Report) -> pd.DataFrame:
    """Growth rates the report gives for its review year (report_year - 1), in text order.

    Columns: indicator, title_en, name_zh, period, growth, growth_low, growth_high, value_high,
    qualifier, growth_basis ('real', 'nominal', 'none'; NaN uncatalogued), estimated, quote, source_url, doc, conflict
    (the other sources: `growth_conflicts`). Uncatalogued figures keep their Chinese subject as title and an 'unknown' basis.
    """
    region, report_year, catalog = report.region, report.report_year, report.catalog
    rows = _select(report.regional(), region, report_year=report_year,
                   kind="actual", measure="growth", period=report_year - 1)
    rows = rows.sort_values("start", kind="stable")
    keep = ("subject", "value_high", "qualifier", "estimated", "quote", "source_url", "doc")
    out = named(_mark_conflicts(_bounded(rows, "growth", keep), ["growth"]), catalog, report.level)
    columns = ["indicator", "title_en", "name_zh", "period", "growth", "growth_low", "growth_high",
               "value_high", "qualifier", "growth_basis", "estimated", "quote",
               "source_url", "doc", "conflict"]
    return out[columns].reset_index(drop=True)


def implied_prior_levels(report: Report) -> pd.DataFrame:
    """Prior-year levels implied by each actual level and its growth rate: level / (1 + g).

    Interval arithmetic on both roundings: low = level_low / (1 + g_high), high = level_high /
    (1 + g_low). `report_year` (the analysed report) decides between conflicting sources.
    Columns: indicator, title_en, name_zh, period, prior_period, level, level_low,
    level_high, level_qualifier, unit, growth, growth_low, growth_high, growth_qualifier, implied_prior,
    implied_prior_low, implied_prior_high, implied_prior_qualifier (`intervals.positive_bound`: where a
    bound leaves a side open, else None), growth_basis, basis_warning (bool: real rate on a nominal level),
    estimated, quote, source_url, conflict.
    """
    catalog = report.catalog
    actual = report.regional()
    actual = actual[(actual["kind"] == "actual") & actual["indicator"].notna()]
    levels = _bounded(actual[actual["measure"] == "level"], "level",
                      ("subject", "unit", "estimated", "quote", "source_url", "qualifier"))
    rates = _bounded(actual[actual["measure"] == "growth"], "growth", ("qualifier",))
    out = levels.rename(columns={"qualifier": "level_qualifier"}).merge(
        rates.rename(columns={"qualifier": "growth_qualifier"}), on=["indicator", "period"])
    out = named(out, catalog, report.level)
    out = _mark_conflicts(out, ["level", "growth"])
    out["basis_warning"] = real_on_nominal(out["growth_basis"], out["level"])
    out["prior_period"] = out["period"] - 1
    out["implied_prior"] = out["level"] / out["growth"].map(rate_factor)
    out["implied_prior_low"] = out["level_low"] / out["growth_high"].map(rate_factor)
    out["implied_prior_high"] = out["level_high"] / out["growth_low"].map(rate_factor)
    require((out["implied_prior_low"] <= out["implied_prior"]).all(), "(reconciled figures)", "prior-level bounds inverted")
    require((out["implied_prior"] <= out["implied_prior_high"]).all(), "(reconciled figures)", "prior-level bounds inverted")
    # a bound passed (突破40万亿元) leaves the prior level a bound too: ≥ 40 / 1.0775; growth of at least 6% on
    # an exact level leaves it at most level / 1.06
    out["implied_prior_qualifier"] = [positive_bound(lo, hi)
                                      for lo, hi in zip(out["implied_prior_low"], out["implied_prior_high"])]
    columns = ["indicator", "title_en", "name_zh", "period", "prior_period", "level", "level_low",
               "level_high", "level_qualifier", "unit", "growth", "growth_low", "growth_high", "growth_qualifier",
               "implied_prior", "implied_prior_low", "implied_prior_high", "implied_prior_qualifier",
               "growth_basis", "basis_warning", "estimated", "quote", "source_url", "conflict"]
    return out.sort_values(["period", "indicator"])[columns].reset_index(drop=True)


def implied_target_levels(report: Report) -> pd.DataFrame:
    """Plan-year levels implied by each growth target applied to the review-year level.

    The target is taken as exact (`target_interval`), so the interval covers only the rounding of
    the base level. The implied level carries the target's qualifier: 'at_least' makes it a lower
    bound (implied_high is inf), 'about' a point shown as ≈, 'range' a low..high span.
    Targets without a review-year level stay in the table with a note, not dropped.
    `basis_warning` is True only where a real target is applied to a (nominal) level; a target
    without a base level has base_level NaN (unpaired).
    Columns: indicator, title_en, name_zh, base_period, base_level, base_low, base_high, base_decimals, unit,
    target_period, target, target_value_high, qualifier, growth_low, growth_high, implied_level,
    implied_low, implied_high, growth_basis, basis_warning, quote, source_url,
    conflict.
    """
    region, report_year, catalog = report.region, report.report_year, report.catalog
    mine = _select(report.regional(), region, report_year=report_year)
    mine = mine[mine["indicator"].notna() & ~is_absence(mine)]  # a stated absence has no rate to apply
    targets = mine[(mine["kind"] == "target") & (mine["measure"] == "growth")
                   & (mine["period"] == report_year)]
    targets = _bounded(targets, "growth", ("subject", "value_high", "qualifier", "quote",
                                           "source_url"), exact=True)
    bases = mine[(mine["kind"] == "actual") & (mine["measure"] == "level")
                 & (mine["period"] == report_year - 1)]
    bases = _bounded(bases, "base", ("unit", "decimals")).rename(columns={"period": "base_period",
                                                                        "decimals": "base_decimals"})
    out = named(targets.merge(bases, on="indicator", how="left"), catalog, report.level)
    out = _mark_conflicts(out, ["growth", "base"])
    out = out.rename(columns={"period": "target_period", "growth": "target",
                              "value_high": "target_value_high", "base": "base_level"})
    # Levels and growth factors are positive, so the product's bounds are the bounds' products.
    out["implied_level"] = out["base_level"] * out["target"].map(rate_factor)
    out["implied_low"] = out["base_low"] * out["growth_low"].map(rate_factor)
    out["implied_high"] = out["base_high"] * out["growth_high"].map(rate_factor)
    out["basis_warning"] = real_on_nominal(out["growth_basis"], out["base_level"])
    columns = ["indicator", "title_en", "name_zh", "base_period", "base_level", "base_low",
               "base_high", "base_decimals", "unit", "target_period", "target", "target_value_high", "qualifier",
               "growth_low", "growth_high", "implied_level", "implied_low", "implied_high",
               "growth_basis", "basis_warning", "quote", "source_url",
               "conflict"]
    return out[columns].reset_index(drop=True)


def growth_comparison(report: Report) -> pd.DataFrame:
    """Growth by indicator in long form for charts: review-year actual, plan-year target and,
    where a later source gives it, the plan-year outcome.

    Columns: indicator, title_en, name_zh, series, kind, period, value, value_high, qualifier,
    estimated, growth_basis, conflict.
    """
    report_year, catalog = report.report_year, report.catalog
    rows = report.regional()
    rows = rows[(rows["measure"] == "growth") & rows["indicator"].notna() & ~is_absence(rows)]
    review = rows[(rows["kind"] == "actual") & (rows["period"] == report_year - 1)
                  & (rows["report_year"] == report_year)].assign(series=f"{report_year - 1} actual")
    target = rows[(rows["kind"] == "target") & (rows["period"] == report_year)
                  & (rows["report_year"] == report_year)].assign(series=f"{report_year} target")
    outcome = rows[(rows["kind"] == "actual") & (rows["period"] == report_year)].assign(
        series=f"{report_year} outcome")
    out = named(pd.concat([review, target, outcome]), catalog, report.level)
    columns = ["indicator", "title_en", "name_zh", "series", "kind", "period", "value",
               "value_high", "qualifier", "estimated", "growth_basis", "conflict"]
    return out[columns].reset_index(drop=True)


def growth_paths(report: Report) -> pd.DataFrame:
    """Reported actual growth of each indicator across years, for indicators with two or more.

    One figure per year, by RESOLUTION_RULE (`report_year`: the analysed report; None: the latest
    report that gives it). Columns: indicator, title_en, name_zh, period, growth, growth_low,
    growth_high, level, unit, estimated, report_year, growth_basis, source_url, conflict, and the rate as
    written: qualifier, value_high, page_kind (a mirror page is low authority).
    """
    catalog = report.catalog
    actual = report.regional()
    actual = actual[(actual["kind"] == "actual") & actual["indicator"].notna()]
    rates = _bounded(actual[actual["measure"] == "growth"], "growth",
                     ("subject", "estimated", "report_year", "source_url", "qualifier", "value_high", "page_kind"))
    levels = actual[actual["measure"] == "level"][["indicator", "period", "value", "unit"]]
    out = rates.merge(levels.rename(columns={"value": "level"}), on=["indicator", "period"],
                      how="left")
    out = out[out.groupby("indicator")["period"].transform("nunique") >= 2]
    out = named(out, catalog, report.level).rename(columns={"growth_conflict": "conflict"})
    columns = ["indicator", "title_en", "name_zh", "period", "growth", "growth_low", "growth_high",
               "level", "unit", "estimated", "report_year", "growth_basis", "source_url", "conflict",
               "qualifier", "value_high", "page_kind"]
    return out.sort_values(["indicator", "period"])[columns].reset_index(drop=True)


def growth_conflicts(report: Report) -> pd.DataFrame:
    """The figures this analysis uses whose sources disagree (see `reconcile.conflict_summary`):
    the region's actual levels and growth rates of any year and its growth targets for report_year."""
    report_year = report.report_year
    rows = report.regional()
    used = rows["measure"].isin(["level", "growth"]) & (
        (rows["kind"] == "actual")
        | ((rows["kind"] == "target") & (rows["period"] == report_year) & (rows["measure"] == "growth")))
    return conflict_summary(rows[used & rows["indicator"].notna()], report.conflicts)


def cited_sources(table: pd.DataFrame, region: str, report_year: int | None = None,
                  sidecars: list[dict] | None = None) -> pd.DataFrame:
    """Documents behind a region's figures (one report and the next, which gives its outcomes).

    Columns: doc, source, report_year, region, region_en, source_url (the first), source_note, figures
    (rows each gives), source_type, seen_at (every distinct (source_url, page_kind) of its rows), and,
    from the raw documents' provenance sidecars when given, title, publisher, date_published. For a
    display-ready table use `analysis.citations.sources_table`.
    """
    rows = table[table["region"] == region]
    for column in ("region_en", "source_type", "page_kind"):
        if column not in rows:
            rows = rows.assign(**{column: pd.NA})
    if report_year is not None:
        rows = rows[rows["report_year"].isin([report_year, report_year + 1])]
    rows = rows.assign(_seen=[(u, k if isinstance(k, str) else None) for u, k in zip(rows["source_url"], rows["page_kind"])])
    out = rows.groupby(["doc", "source", "report_year"], dropna=False).agg(
        region=("region", "first"), region_en=("region_en", "first"),
        source_url=("source_url", "first"), source_note=("source_note", "first"),
        figures=("value", "size"), source_type=("source_type", "first"),
        seen_at=("_seen", lambda s: list(dict.fromkeys(x for x in s if isinstance(x[0], str))))).reset_index()
    meta = pd.DataFrame(sidecars or [], columns=["doc", "title", "publisher", "date_published"])
    meta = meta[["doc", "title", "publisher", "date_published"]].astype(str)
    out = out.merge(meta, on="doc", how="left")
    return out.sort_values(["report_year", "doc"]).reset_index(drop=True)
