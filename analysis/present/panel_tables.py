"""Panel tables and findings for readers: targets, outcomes, degree of attainment and levels, in words and labels."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.attainment import CEILING_INDICATORS
from analysis.present.citations import outcome_notes
from analysis.present.labels import QUALIFIER_LEGEND, basis_label, indicator_names, number_text, qualifier_label

BASIS_NOTE = ("GDP and industrial value-added growth are real (constant prices); revenue, investment, retail, trade "
              "and income growth are nominal (current prices), CPI is a price change, unemployment a rate: rates of "
              "different bases shown together are not on one scale.")


def _names(catalog: pd.DataFrame, indicator: str, level: object = None) -> tuple[str, str]:
    """(English, Chinese) names, the Chinese as `level`'s reports write it; an uncatalogued id stands for both."""
    if indicator in catalog.index:
        return indicator_names(indicator, catalog, level=level)
    return indicator, indicator


def target_text(row: pd.Series) -> str:
    """'≈5%', '6–6.5%', 'no target set' (the report says so) or '—' (none in the data)."""
    if row["target_set"] == "no target set":
        return "no target set"
    if row["target_set"] != "target":
        return "—"
    high = row["target_high"] if row["target_qualifier"] == "range" else None
    return qualifier_label(row["target"], row["target_qualifier"], row["unit"], high)


def degree_text(row: pd.Series) -> str:
    """'84.8% of the target' for levels and counts, '+0.2 pp' for percentages, '' when not judged."""
    if pd.notna(row.get("ratio")):
        return f"{100 * row['ratio']:.1f}% of the target"
    if pd.notna(row.get("gap_pp")):
        return f"{row['gap_pp']:+.1f} pp"
    return ""


def value_text(value: float, unit: str) -> str:
    """'6782万美元', '6.5%'; '—' when missing."""
    return "—" if pd.isna(value) else f"{number_text(round(float(value), 4))}{unit}"


def trend_shown(record: pd.DataFrame, catalog: pd.DataFrame, conflicts: pd.DataFrame) -> pd.DataFrame:
    """`trends.target_record` with reader columns, one row per indicator, measure and year. The notes name
    the outcome's first value when a later report restated it, and the sources of its own year that
    disagree (`conflicts`: `Report.history_conflicts`)."""
    rows = []
    for _, r in record.iterrows():
        english, chinese = _names(catalog, r["indicator"], r.get("level"))
        notes = (["preliminary (预计)"] if r.get("preliminary") is True else []) + outcome_notes(
            conflicts, (r["region"], r["indicator"], "actual", r["period"], r["measure"]))
        ambition = "" if pd.isna(r["ambition"]) else f"{r['ambition']:+.1f} {r['ambition_unit']}"
        rows.append({"Indicator": english, "中文": chinese, "Measure": r["measure"], "Year": int(r["period"]),
                     "Target": target_text(r), "Outcome": value_text(r["outcome"], r["unit"]),
                     "Status": r["status"], "Degree": degree_text(r),
                     "Prior year": value_text(r["prior"], r["unit"]), "Target vs prior": ambition,
                     "Notes": "; ".join(notes)})
    return pd.DataFrame(rows, columns=["Indicator", "中文", "Measure", "Year", "Target", "Outcome", "Status", "Degree",
                                       "Prior year", "Target vs prior", "Notes"])


def degree_example(record: pd.DataFrame, catalog: pd.DataFrame) -> str | None:
    """The degree rules worked on this region's own first judged targets: one ratio, one gap (None if none)."""
    judged = record[record["status"].isin(["met", "missed"])].sort_values(["period", "indicator"], kind="stable")
    examples = []
    for column in ("ratio", "gap_pp"):
        # a range's gap is its distance outside the range, which 'outcome − target' would misstate
        hit = judged[judged[column].notna() & judged["target_qualifier"].ne("range")]
        if len(hit):
            r = hit.iloc[0]
            english, chinese = _names(catalog, r["indicator"], r.get("level"))
            outcome, target = number_text(round(float(r["outcome"]), 4)), number_text(round(float(r["target"]), 4))
            worked = (f"{outcome} ÷ {target} = {100 * r['ratio']:.1f}%" if column == "ratio"
                      else f"{outcome} − {target} = {r['gap_pp']:+.1f} pp")
            examples.append(f"{english} ({chinese}) {int(r['period'])}, outcome {value_text(r['outcome'], r['unit'])} "
                            f"against a target of {target_text(r)}: {worked}")
    return ("Worked on this region's figures: " + "; ".join(examples) + ".") if examples else None


def summary_shown(summary: pd.DataFrame) -> pd.DataFrame:
    """`attainment.attainment_summary` with reader columns."""
    return pd.DataFrame({
        "Region": summary["region"], "Year": summary["period"], "Targets judged": summary["judged"],
        "Met": summary["met"], "Share met": [f"{100 * s:.0f}%" for s in summary["share_met"]],
        "Mean margin (pp)": ["—" if pd.isna(m) else f"{m:+.2f}" for m in summary["mean_margin_pp"]],
        "Mean outcome ÷ target": ["—" if pd.isna(m) else f"{100 * m:.1f}%" for m in summary["mean_ratio"]],
    })


def trend_findings(record: pd.DataFrame, summary: pd.DataFrame, catalog: pd.DataFrame) -> list[str]:
    """Key findings of a region's trends, as sentences: attainment overall, the biggest miss, absences, revisions."""
    judged = record[record["status"].isin(["met", "missed"])]
    found = []
    if len(judged):
        years = f"{int(judged['period'].min())}–{int(judged['period'].max())}"
        found.append(f"Of {len(judged)} targets that could be judged against an outcome ({years}), "
                     f"{int((judged['status'] == 'met').sum())} were met ({100 * (judged['status'] == 'met').mean():.0f}%).")
        missed = judged[judged["status"] == "missed"]
        for _, r in missed.iterrows():
            english, chinese = _names(catalog, r["indicator"], r.get("level"))
            found.append(f"Missed in {int(r['period'])}: {english} ({chinese}), target {target_text(r)}, outcome "
                         f"{value_text(r['outcome'], r['unit'])} — {degree_text(r)}.")
    elif record.empty:
        found.append("The data holds no targets of catalogued indicators for this region, so no outcome can be judged.")
    else:
        found.append("No target in this data set can yet be judged against an outcome reported for its year.")
    for _, r in record[record["target_set"] == "no target set"].iterrows():
        english, chinese = _names(catalog, r["indicator"], r.get("level"))
        found.append(f"{int(r['period'])}: the report states that it sets no {english} ({chinese}) target; the "
                     f"outcome that year was {value_text(r['outcome'], r['unit'])}.")
    revised = record[record["revised"]]
    if len(revised):
        found.append(f"{len(revised)} outcomes were restated by a later report; the later figure is used and the "
                     "first is named in the notes.")
    return found


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
        english, chinese = _names(catalog, r["indicator"], r.get("level"))
        rows.append({"Indicator": english, "中文": chinese, "Year": int(r["period"]), "Level": str(r["level"]),
                     "Region": f"{r['region_en']} ({r['region']})", "Target": chain_target_text(r),
                     "Compared with": compared_with(r),
                     "Excess over the level compared (pp)": "" if pd.isna(r["excess_pp"]) else f"{r['excess_pp']:+.1f}",
                     "Promises compared": r["promise"] if isinstance(r["promise"], str) else "",
                     "Excess over the nation (pp)": "" if pd.isna(r["excess_over_nation_pp"])
                     or r["level"] == "nation" else f"{r['excess_over_nation_pp']:+.1f}",
                     "Source": r["doc"]})
    return pd.DataFrame(rows, columns=["Indicator", "中文", "Year", "Level", "Region", "Target", "Compared with",
                                       "Excess over the level compared (pp)", "Promises compared",
                                       "Excess over the nation (pp)", "Source"])


def peers_shown(peers: pd.DataFrame) -> pd.DataFrame:
    """`peers.peer_table` with reader columns."""
    gdp = [target_text(pd.Series({"target_set": "no target set" if q == "no_target" else
                                  ("target" if pd.notna(t) else "none"), "target": t, "target_high": h,
                                  "target_qualifier": None if pd.isna(q) else q, "unit": "%"}))
           for t, h, q in zip(peers["gdp_target"], peers["gdp_target_high"], peers["gdp_target_qualifier"])]
    return pd.DataFrame({
        "Level": peers["level"], "Region": peers["region_en"] + " (" + peers["region"] + ")", "Year": peers["period"],
        "Targets set": peers["targets"], "Judged": peers["judged"], "Met": peers["met"],
        "Share met": ["—" if pd.isna(s) else f"{100 * s:.0f}%" for s in peers["share_met"]],
        "Mean margin (pp)": ["—" if pd.isna(m) else f"{m:+.2f}" for m in peers["mean_margin_pp"]],
        "GDP target": gdp, "GDP outcome": [value_text(v, "%") for v in peers["gdp_outcome"]],
        "Livelihood share": [value_text(v, "%") for v in peers["livelihood_share"]],
    })


def livelihood_shown(trend: pd.DataFrame) -> pd.DataFrame:
    """`trends.livelihood_trend` with reader columns (implied expenditure rounded to what the share supports)."""
    return pd.DataFrame({
        "Year": trend["period"], "Share of expenditure": [value_text(v, "%") for v in trend["share"]],
        "Livelihood spending": [value_text(v, u if isinstance(u, str) else "") for v, u in zip(trend["spending"], trend["unit"])],
        "Implied expenditure": ["—" if pd.isna(v) else f"≈{v:,.1f}{u}" for v, u in
                                zip(trend["implied_expenditure"], trend["unit"])],
        "Sources": ["; ".join(dict.fromkeys(d for d in (a, b) if isinstance(d, str)))
                    for a, b in zip(trend["share_doc"], trend["spending_doc"])],
    })


def growth_paths_shown(paths: pd.DataFrame, catalog: pd.DataFrame, level: str | None = None) -> pd.DataFrame:
    """`growth.growth_paths` as one row per indicator and one column per year (growth in %), with its basis;
    Chinese names as the reports of `level` (the region's level of government) write them."""
    if paths.empty:
        return pd.DataFrame(columns=["Indicator", "中文", "Basis"])
    labelled = paths.assign(basis_label=paths["growth_basis"].map(basis_label))
    wide = labelled.pivot_table(index=["indicator", "basis_label"], columns="period", values="growth", aggfunc="first")
    rows = []
    for (indicator, basis), values in wide.iterrows():
        english, chinese = _names(catalog, indicator, level)
        rows.append({"Indicator": english, "中文": chinese, "Basis": basis,
                     **{str(int(p)): value_text(v, "%") for p, v in values.items()}})
    return pd.DataFrame(rows)


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
        english, chinese = _names(catalog, r["indicator"], r.get("level"))
        excess = (f"excess {r['mean_excess_pp']:+.1f} pp" if r["min_excess_pp"] == r["max_excess_pp"] else
                  f"excess {r['mean_excess_pp']:+.2f} pp on average (from {r['min_excess_pp']:+.1f} to "
                  f"{r['max_excess_pp']:+.1f})")
        verb = "have" if "、" in str(r["skipped"]) else "has"
        skipped = (f"; {r['skipped']} {verb} no such target in the data, so the {r['level']} is compared with the "
                   f"{r['above_level']}" if r["skipped"] else "")
        # CPI and unemployment targets are ceilings: a target above the level above is the looser one
        looser = " (a ceiling: a positive excess is a looser target)" if r["indicator"] in CEILING_INDICATORS else ""
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
            english, chinese = _names(catalog, indicator, level)
            promises = "; ".join(f"{promise_words(r['promise'])}, {r['periods']}" for _, r in kinds.iterrows())
            listed.append(f"{english} ({chinese}): {promises}")
        found.append(f"Set at the {above}'s number (excess +0.0 pp), {level} vs {above}: " + "; ".join(listed) + ".")
    return found


def _outcome_label(row: pd.Series) -> str:
    qualifier = row["qualifier"] if isinstance(row["qualifier"], str) else None
    label = qualifier_label(row["value"], qualifier, row["unit"], row["value_high"] if qualifier == "range" else None)
    return label + ("*" if pd.notna(row["estimated"]) and bool(row["estimated"]) else "")


def outcomes_shown(outcomes: pd.DataFrame, catalog: pd.DataFrame, level: str | None = None) -> pd.DataFrame:
    """`trends.outcome_record` as one row per indicator and measure and one column per year, each figure with
    its qualifier and unit (≈6%, ≥30%, 2156.74亿元), * when preliminary (预计)."""
    rows = []
    for (indicator, measure), group in outcomes.groupby(["indicator", "measure"], sort=False):
        english, chinese = _names(catalog, indicator, level)
        rows.append({"Indicator": english, "中文": chinese, "Measure": measure,
                     **{str(int(r["period"])): _outcome_label(r) for _, r in group.iterrows()}})
    years = sorted({str(int(p)) for p in outcomes["period"]})
    return pd.DataFrame(rows, columns=["Indicator", "中文", "Measure", *years]).fillna("—")


def outcome_findings(outcomes: pd.DataFrame, catalog: pd.DataFrame, level: str | None = None) -> list[str]:
    """What a region without targets has: how many outcomes for which years, and the latest of each indicator."""
    if outcomes.empty:
        return ["The data holds no outcome of a catalogued indicator for this region either."]
    years = sorted(int(p) for p in outcomes["period"].unique())
    latest = []
    for indicator, group in outcomes.groupby("indicator", sort=False):
        english, chinese = _names(catalog, indicator, level)
        newest = group.sort_values("period").groupby("measure", sort=False).tail(1)
        latest.append(f"{english} ({chinese}) " + ", ".join(
            f"{_outcome_label(r)}{' growth' if r['measure'] == 'growth' else ''} in {int(r['period'])}"
            for _, r in newest.iterrows()))
    count = outcomes["indicator"].nunique()
    return [f"It holds {len(outcomes)} outcome figures of {count} indicator{'s' if count > 1 else ''} for "
            f"{years[0]}–{years[-1]}, tabled by year below; the latest of each: " + "; ".join(latest)
            + (" (* preliminary, 预计)." if outcomes["estimated"].fillna(False).astype(bool).any() else ".")]
