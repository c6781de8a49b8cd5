"""The levels-and-peers tables and findings for readers: each level's target beside the level above, compared as
intervals under the stated rule, and regions side by side."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.promises import CEILING_INDICATORS, STATED_SENSE_INDICATORS
from analysis.present.labels import QUALIFIER_LEGEND, qualifier_label
from analysis.present.panel_tables import display_names, margins_text, target_text, value_text


def chain_target_text(row: pd.Series) -> str:
    """A `levels.target_chain` row's target as `target_text` writes it ('no target set' for a stated absence)."""
    return target_text(pd.Series({"target_set": "no target set" if row["target_qualifier"] == "no_target" else "target",
                                  "target": row["target"], "target_high": row["target_high"],
                                  "target_qualifier": row["target_qualifier"], "unit": row["unit"]}))


def compared_with(row: pd.Series) -> str:
    """The level a chain row is compared with: 'province 山东省 (枣庄市: no target in the data)'; '' at the top."""
    if not isinstance(row.get("above_region"), str):
        return ""
    skipped = row.get("skipped")
    return f"{row['above_level']} {row['above_region']}" + (
        f" ({skipped}: no target in the data)" if isinstance(skipped, str) and skipped else "")


def chain_shown(chain: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """`levels.target_chain` with reader columns: each level's target, the level it is compared with and its excess."""
    rows = []
    for _, r in chain.iterrows():
        english, chinese = display_names(catalog, r["indicator"], r.get("level"))
        rows.append({"Indicator": english, "中文": chinese, "Year": int(r["period"]), "Level": str(r["level"]),
                     "Region": f"{r['region_en']} ({r['region']})", "Target": chain_target_text(r),
                     "Compared with": compared_with(r),
                     EXCESS: _excess_text(r, "excess_pp"),
                     "Promises compared": promise_words(r["promise"]) if isinstance(r["promise"], str) else "",
                     "Excess over the nation (pp)": "" if r["level"] == "nation" else
                     _excess_text(r, "excess_over_nation_pp"),
                     "Source": r["doc"]})
    return pd.DataFrame(rows, columns=["Indicator", "中文", "Year", "Level", "Region", "Target", "Compared with",
                                       EXCESS, "Promises compared", "Excess over the nation (pp)", "Source"])


EXCESS = "Excess over the level compared (pp)"


def _excess_text(r: pd.Series, column: str) -> str:
    """An excess of `levels.target_chain` ('+0.5'); 'kept apart' where the two promises cannot be set on
    one end (a ceiling and a floor, a level to reach, a direction the report does not state)."""
    if pd.notna(r[column]):
        return f"{r[column]:+.1f}"
    compared = isinstance(r.get("above_region"), str) if column == "excess_pp" else pd.notna(r.get("nation_target"))
    return "kept apart" if compared and r["measure"] in ("growth", "share", "change_pp") \
        and r["target_qualifier"] != "no_target" else ""


def peers_shown(peers: pd.DataFrame) -> pd.DataFrame:
    """`peers.peer_table` with reader columns."""
    gdp = [target_text(pd.Series({"target_set": "no target set" if q == "no_target" else
                                  ("target" if pd.notna(t) else "none"), "target": t, "target_high": h,
                                  "target_qualifier": None if pd.isna(q) else q, "unit": "%"}))
           for t, h, q in zip(peers["gdp_target"], peers["gdp_target_high"], peers["gdp_target_qualifier"])]
    counted = peers["targets"].notna()  # a row there only for its livelihood share has no counts to show
    return pd.DataFrame({
        "Level": peers["level"], "Region": peers["region_en"] + " (" + peers["region"] + ")", "Year": peers["period"],
        "Targets set": [int(t) if c else "—" for t, c in zip(peers["targets"], counted)],
        "Judged": [int(j) if c else "—" for j, c in zip(peers["judged"], counted)],
        "Met": [int(m) if c else "—" for m, c in zip(peers["met"], counted)],
        "Share met": ["—" if pd.isna(s) else f"{100 * s:.0f}%" for s in peers["share_met"]],
        "Mean margin by kind of measure (pp)": [margins_text(r) for _, r in peers.iterrows()],
        "GDP target": gdp, "GDP outcome": [value_text(v, "%") for v in peers["gdp_outcome"]],
        "Livelihood share": [livelihood_text(v, q, h) for v, q, h in
                             zip(peers["livelihood_share"], peers.get("livelihood_qualifier", [None] * len(peers)),
                                 peers.get("livelihood_horizon", ["annual"] * len(peers)))],
    })


def livelihood_text(share: float, qualifier: object, horizon: object) -> str:
    """A region's livelihood-spending share in the peers table: '75.3%', '≥80% (plan period)'."""
    if pd.isna(share):
        return "—"
    text = qualifier_label(float(share), qualifier if isinstance(qualifier, str) else None, "%")
    over = {"plan_period": " (plan period)", "cumulative": " (several years' total)", "average": " (yearly average)"}
    return text + over.get(horizon, "") if isinstance(horizon, str) else text


def promise_words(promise: str) -> str:
    """'about vs at_least' -> '≈ about vs ≥ at least': the kinds of the two targets compared."""
    return " vs ".join(QUALIFIER_LEGEND[None if side == "exact" else side] for side in promise.split(" vs "))


def chain_sentences(summary: pd.DataFrame, catalog: pd.DataFrame) -> list[str]:
    """`levels.excess_summary` as sentences: how far each level's targets sit above the level they are
    compared with, one sentence per kind of promise, naming the levels of the chain passed over."""
    if summary.empty:
        return ["No two levels of government set a target for the same indicator and year in this data set."]
    found = []
    for _, r in summary.iterrows():
        english, chinese = display_names(catalog, r["indicator"], r.get("level"))
        excess = (f"excess {r['mean_excess_pp']:+.1f} pp" if r["min_excess_pp"] == r["max_excess_pp"] else
                  f"excess {r['mean_excess_pp']:+.2f} pp on average (from {r['min_excess_pp']:+.1f} to "
                  f"{r['max_excess_pp']:+.1f})")
        verb = "have" if "、" in str(r["skipped"]) else "has"
        skipped = (f"; {r['skipped']} {verb} no such target in the data, so the {r['level']} is compared with the "
                   f"{r['above_level']}" if r["skipped"] else "")
        # a ceiling's excess compares the highest outcome each accepts: above the level above is looser
        ceiling = r["indicator"] in CEILING_INDICATORS or r["indicator"] in STATED_SENSE_INDICATORS
        looser = " (a ceiling: a positive excess is a looser target)" if ceiling else ""
        found.append(f"{english} ({chinese}), {r['level']} vs {r['above_level']}, {promise_words(r['promise'])}, "
                     f"{r['periods']}: {excess}{looser}{skipped}.")
    return found


def chain_findings(summary: pd.DataFrame, catalog: pd.DataFrame) -> list[str]:
    """The key findings of the chain: first each level's targets that differ from the level compared with
    (`chain_sentences`), then one line per pair of levels for the targets equal to the level above every year
    they were compared (excess +0.0 pp), listed by indicator and kind of promise."""
    same = summary["min_excess_pp"].eq(0) & summary["max_excess_pp"].eq(0)
    found = chain_sentences(summary[~same], catalog) if (~same).any() or summary.empty else []
    for (level, above), rows in summary[same].groupby(["level", "above_level"], sort=False, observed=True):
        listed = []
        for indicator, kinds in rows.groupby("indicator", sort=False):
            english, chinese = display_names(catalog, indicator, level)
            promises = "; ".join(f"{promise_words(r['promise'])}, {r['periods']}" for _, r in kinds.iterrows())
            listed.append(f"{english} ({chinese}): {promises}")
        found.append(f"Set at the {above}'s number (excess +0.0 pp), {level} vs {above}: " + "; ".join(listed) + ".")
    return found
