"""Escalation across levels of government (层层加码): a region's targets beside higher levels' for the same year."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.picks import PERCENT_MEASURES, qualifier_of
from analysis.analyses.promises import CEILING_INDICATORS, accepted_interval, direction_of, interval_excess
from analysis.reconciled.report import Report
from analysis.staging.absences import is_absence

LEVEL_ORDER = ["nation", "province", "city", "district", "county"]


def escalation(report: Report, about_tolerance_pp: float = 0.5) -> pd.DataFrame:
    """Targets of `region` beside higher-level targets for the same indicator, measure and period.

    Only percentage measures are compared: a district's level target and a province's are not on one
    scale. Promises of different kinds (≈, ≥, ≤, range) are compared as intervals under the stated rule
    (`promises.accepted_interval`): `excess_pp` is how much higher the lowest outcome the region's target
    accepts lies than the one the other level's accepts (for ceilings, the highest): ≈6% (5.5% accepted)
    over ≥5% is +0.5 pp, not +1.0. NaN where the two cannot be set on one end; 0 on the region's own row.
    `promise` names both kinds; `skipped` the regions of the levels in between that the data holds but
    that set no such target (a district compared with the province because its city has none).
    """
    table, region, plan_year = report.figures, report.region, report.plan_year
    targets = table[(table["kind"] == "target") & (table["period"] == plan_year)
                    & table["measure"].isin(PERCENT_MEASURES) & table["indicator"].notna() & ~is_absence(table)]
    own = targets[targets["region"] == region]
    levels = report.table.drop_duplicates("region").set_index("region")["level"]
    rows = []
    for _, local in own.iterrows():
        same = targets[(targets["indicator"] == local["indicator"]) & (targets["measure"] == local["measure"])]
        if same["region"].nunique() < 2:
            continue
        mine = _accepted(local, about_tolerance_pp)
        for _, other in same.iterrows():
            direction = direction_of(local["indicator"], local.get("sense"), CEILING_INDICATORS)
            between = [r for r, lv in levels.items() if _between(lv, other["level"], local["level"])
                       and r not in set(same["region"])]
            rows.append({"indicator": local["indicator"], "measure": local["measure"], "unit": local["unit"],
                         "level": other["level"], "region": other["region"], "region_en": other["region_en"],
                         "doc": other["doc"], "source_url": other.get("source_url"), "value": other["value"],
                         "qualifier": qualifier_of(other.get("qualifier")), "local_value": local["value"],
                         "local_qualifier": qualifier_of(local.get("qualifier")),
                         "excess_pp": 0.0 if other["region"] == region else
                         interval_excess(mine, _accepted(other, about_tolerance_pp), direction),
                         "promise": f"{qualifier_of(local.get('qualifier')) or 'exact'} vs "
                                    f"{qualifier_of(other.get('qualifier')) or 'exact'}",
                         "skipped": "、".join(between) or None})
    out = pd.DataFrame(rows, columns=ESCALATION_COLUMNS).astype({"excess_pp": float})
    out["level"] = pd.Categorical(out["level"], categories=LEVEL_ORDER, ordered=True)
    return out.sort_values(["indicator", "measure", "level"]).reset_index(drop=True)


ESCALATION_COLUMNS = ["indicator", "measure", "unit", "level", "region", "region_en", "doc", "source_url",
                      "value", "qualifier", "local_value", "local_qualifier", "excess_pp", "promise", "skipped"]


def _accepted(row: pd.Series, tolerance: float) -> tuple[float, float] | None:
    direction = direction_of(row["indicator"], row.get("sense"), CEILING_INDICATORS)
    return accepted_interval(row["value"], qualifier_of(row.get("qualifier")), direction, row.get("value_high"),
                             tolerance)


def _between(level: object, above: object, below: object) -> bool:
    """Whether `level` lies strictly between two levels of government."""
    if not all(lv in LEVEL_ORDER for lv in (level, above, below)):
        return False
    return LEVEL_ORDER.index(above) < LEVEL_ORDER.index(level) < LEVEL_ORDER.index(below)
