"""Escalation across levels of government (层层加码): a region's targets beside higher levels' for the same year."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.picks import PERCENT_MEASURES, qualifier_of
from analysis.reconciled.report import Report
from analysis.staging.absences import is_absence

LEVEL_ORDER = ["nation", "province", "city", "district", "county"]


def escalation(report: Report) -> pd.DataFrame:
    """Targets of `region` beside higher-level targets for the same indicator, measure and period.

    Only percentage measures are compared: a district's level target and a province's are not on one
    scale. `excess_pp` is the region's target minus each level's (0 on the region's own row).
    """
    table, region, plan_year = report.figures, report.region, report.plan_year
    targets = table[(table["kind"] == "target") & (table["period"] == plan_year)
                    & table["measure"].isin(PERCENT_MEASURES) & table["indicator"].notna() & ~is_absence(table)]
    own = targets[targets["region"] == region]
    rows = []
    for _, local in own.iterrows():
        same = targets[(targets["indicator"] == local["indicator"]) & (targets["measure"] == local["measure"])]
        if same["region"].nunique() < 2:
            continue
        for _, other in same.iterrows():
            rows.append({"indicator": local["indicator"], "measure": local["measure"], "unit": local["unit"],
                         "level": other["level"], "region": other["region"], "region_en": other["region_en"],
                         "doc": other["doc"], "source_url": other.get("source_url"), "value": other["value"],
                         "qualifier": qualifier_of(other.get("qualifier")), "local_value": local["value"],
                         "local_qualifier": qualifier_of(local.get("qualifier")),
                         "excess_pp": local["value"] - other["value"]})
    out = pd.DataFrame(rows, columns=ESCALATION_COLUMNS).astype({"excess_pp": float})
    out["level"] = pd.Categorical(out["level"], categories=LEVEL_ORDER, ordered=True)
    return out.sort_values(["indicator", "measure", "level"]).reset_index(drop=True)


ESCALATION_COLUMNS = ["indicator", "measure", "unit", "level", "region", "region_en", "doc", "source_url",
                      "value", "qualifier", "local_value", "local_qualifier", "excess_pp"]
