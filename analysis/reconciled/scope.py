"""Which report a notebook is about: region and report year, by default the newest report in the data."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.errors import DataError


@dataclass(frozen=True)
class Scope:
    """A region and the year of its work report (which reviews the year before and plans its own)."""

    region: str
    region_en: str
    report_year: int

    @property
    def review_year(self) -> int:
        return self.report_year - 1

    @property
    def plan_year(self) -> int:
        return self.report_year


def report_scope(table: pd.DataFrame, region: str | None = None, report_year: int | None = None) -> Scope:
    """The region and report year asked for; missing ones are taken from the newest extracted report.

    Extracted reports come first because they are the documents this project analyses; hand-entered
    reference figures (other levels of government) only decide when there is no report text.
    """
    if table.empty:
        raise DataError("(indicator table)", "the data holds no figures: add a report text to raw/")
    candidates = table if region is None else table[table["region"].eq(region)]
    if candidates.empty:
        raise DataError("(indicator table)", f"no report for region '{region}'; the data has: {available(table)}")
    if report_year is not None and not candidates["report_year"].eq(report_year).any():
        where = f"'{region}'" if region is not None else "any region"
        raise DataError("(indicator table)", f"no {report_year} report for {where}; the data has: {available(table)}")
    extracted = candidates[candidates["source"].eq("extracted")]
    pool = extracted if not extracted.empty else candidates
    if report_year is None:
        newest = pool.sort_values(["report_year", "doc"], ascending=[False, True], kind="stable").iloc[0]
        region, report_year = newest["region"], int(newest["report_year"])
    elif region is None:
        in_year = pool[pool["report_year"].eq(report_year)]
        region = (in_year if not in_year.empty else pool).sort_values("doc").iloc[0]["region"]
    names = table.loc[table["region"].eq(region), "region_en"].dropna()
    return Scope(region, names.iloc[0] if len(names) else region, int(report_year))


def available(table: pd.DataFrame) -> str:
    """The reports a table holds, for an error message: '枣庄市市中区 2023, 2024; 山东省 2023'."""
    years = table.groupby("region", sort=True)["report_year"].agg(lambda y: ", ".join(str(int(v)) for v in sorted(set(y))))
    return "; ".join(f"{region} {listed}" for region, listed in years.items())
