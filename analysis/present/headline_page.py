"""Page 05's section on the regions of one level in one year: headline targets side by side, the GDP growth
targets ranked against the nation's, the excess over the nation by kind of promise, and how many used
以上, 左右 and ranges. Numbers come from `analysis.analyses.headline`; long tables are sortable and
searchable offline (`present.long_tables`)."""
from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis.analyses import headline as hl
from analysis.present.charts import described_figure
from analysis.present.labels import number_text, qualifier_label, qualifier_legend
from analysis.present.long_tables import long_table
from analysis.present.panel_charts import LEVEL_COLOURS
from analysis.present.panel_tables import display_names
from analysis.present.style import qualifier_marker
from analysis.reconciled.report import Panel

KIND_WORDS = {"at_least": "≥ at least (以上)", "about": "≈ about (左右)", "range": "range (a–b)",
              "at_most": "≤ at most (以内)", "exact": "exact (no qualifier)"}


def headline_results(panel: Panel, level: str | None = None, year: int | None = None) -> dict:
    """The level and year compared (by default those with the most regions stating a GDP growth target),
    the regions' headline targets, the GDP ranking, the nation's target and the excess over it."""
    figures = panel.figures
    chosen = (level, year) if level and year else hl.busiest_level_year(figures)
    if chosen is None:
        return {"level": None, "year": None}
    level, year = chosen
    targets = hl.targets_of(figures, level, year)
    gdp = hl.ranking(targets, "gdp", "growth")
    nation, nation_year = hl.nation_target(figures, "gdp", "growth", year)
    excess = hl.excess_over_nation(gdp, nation, nation_year)
    return {"level": level, "year": year, "targets": targets, "gdp": gdp, "nation": nation,
            "nation_year": nation_year, "excess": excess, "by_promise": hl.excess_by_promise(excess),
            "counts": hl.kind_counts(targets), "regions": targets["region"].nunique()}


def _target_label(row: pd.Series) -> str:
    qualifier = None if row["kind"] == hl.EXACT else row["kind"]
    return qualifier_label(row["value"], qualifier, row["unit"], row["value_high"] if qualifier == "range" else None)


def _nation_label(r: dict) -> str:
    nation = r["nation"]
    qualifier = None if hl.kind_of(nation.get("qualifier")) == hl.EXACT else nation["qualifier"]
    return qualifier_label(nation["value"], qualifier, nation["unit"],
                           nation["value_high"] if qualifier == "range" else None)


def heading(r: dict) -> str:
    if r["level"] is None:
        return "No region below the nation states a GDP growth target in this data set."
    nation = ("the data has no national GDP growth target" if r["nation"] is None else
              f"the nation's target for {r['nation_year']} is {_nation_label(r)}"
              + ("" if r["nation_year"] == r["year"] else
                 f" (its {r['year']} target is not in the data; the latest one it has is shown)"))
    return (f"**{r['regions']} regions of level {r['level']}, {r['year']} targets**; {nation}.")


def findings(r: dict) -> list[str] | None:
    if r["level"] is None:
        return None
    counts = r["counts"].set_index(["indicator", "measure"]).loc[("gdp", "growth")]
    stated = int(counts["regions"])
    parts = [f"{int(counts[kind])} {KIND_WORDS[kind]}" for kind in hl.KINDS if counts[kind]]
    lines = [f"- {stated} of the {r['regions']} regions state a {r['year']} GDP growth target: " + ", ".join(parts) + "."]
    for _, row in r["by_promise"].iterrows():
        if row["comparable"]:
            lines.append(f"- Against the nation's {KIND_WORDS[row['promise'].split(' vs ')[1]]} target, the "
                         f"{row['regions']} {row['promise'].split(' vs ')[0].replace('_', ' ')} targets lie "
                         f"{number_text(round(row['min_excess_pp'], 2))} to {number_text(round(row['max_excess_pp'], 2))} pp "
                         f"from it (mean {row['mean_excess_pp']:+.2f} pp): {row['names']}.")
        else:
            lines.append(f"- {row['regions']} {KIND_WORDS[row['promise'].split(' vs ')[0]]} targets "
                         f"({row['names']}) cannot be set against the nation's on one end"
                         + ("" if r["nation_year"] == r["year"] else f" (its target is of {r['nation_year']})")
                         + "; no difference is taken.")
    return ["\n".join(lines)]


def headline_table(panel: Panel, r: dict) -> object:
    """Each region's headline targets side by side, each with its qualifier ('≥5%', '≈2%', '5–5.5%')."""
    if r["level"] is None:
        return None
    targets = r["targets"].assign(text=lambda t: t.apply(_target_label, axis=1))
    wide = targets.pivot_table(index=["region", "region_en"], columns=["indicator", "measure"], values="text",
                               aggfunc="first")
    columns = [pair for pair in hl.HEADLINE if pair in wide.columns]
    wide = wide.reindex(columns=columns)
    wide.columns = [display_names(panel.catalog, indicator, r["level"])[0] for indicator, _ in columns]
    gdp_order = {region: i for i, region in enumerate(r["gdp"]["region"])}
    wide = wide.reset_index().sort_values("region", key=lambda s: s.map(gdp_order).fillna(len(gdp_order)),
                                          kind="stable")
    shown = wide.rename(columns={"region": "Region", "region_en": "English name"}).fillna("—")
    return long_table(shown, f"Headline {r['year']} targets of the regions of level {r['level']} "
                             "(≥ at least 以上, ≈ about 左右, a–b range; — not stated in the data)")


def gdp_ranking_chart(r: dict) -> Figure | str | None:
    """Each region's GDP growth target, highest first, its marker shaped by its qualifier (a range as a bar),
    the nation's target as a band."""
    if r["level"] is None:
        return None
    gdp = r["gdp"]
    if gdp.empty:
        return "No region of this level states a GDP growth target."
    title = f"{r['year']} GDP growth targets, level {r['level']}, highest first"
    alt = "; ".join(f"{row['region']} {_target_label(row)}" for _, row in gdp.iterrows())
    nation = "" if r["nation"] is None else f"; the nation's {r['nation_year']} target {_nation_label(r)} as a grey band"
    fig, ax = described_figure(8, 0.32 * len(gdp) + 1.6, f"Chart: {title}: {alt}{nation}.")
    colour = LEVEL_COLOURS.get(r["level"], "#1f6fb4")
    ys = list(range(len(gdp)))[::-1]
    seen: set[str] = set()
    for y, (_, row) in zip(ys, gdp.iterrows()):
        kind = row["kind"]
        label = qualifier_legend(None if kind == hl.EXACT else kind) if kind not in seen else None
        seen.add(kind)
        if kind == "range":
            ax.hlines(y, row["value"], row["value_high"], color=colour, lw=6, alpha=0.7, label=label)
        else:
            ax.scatter(row["value"], y, marker=qualifier_marker(None if kind == hl.EXACT else kind), s=70,
                       color=colour, zorder=3, label=label)
    if r["nation"] is not None:
        low = float(r["nation"]["value"])
        high = float(r["nation"]["value_high"]) if pd.notna(r["nation"].get("value_high")) else low
        ax.axvspan(low - 0.03, high + 0.03, color="#5b5b5b", alpha=0.25, zorder=1,
                   label=f"nation {r['nation_year']}: {_nation_label(r)}")
    ax.set_yticks(ys, [f"{row['region']} {row['region_en']}" for _, row in gdp.iterrows()])
    ax.set_xlabel("GDP growth target, % (real)")
    ax.set_title(title, loc="left", fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def excess_tables(r: dict) -> list | None:
    """The excess over the nation by pair of kinds of promise, then region by region."""
    if r["level"] is None or r["nation"] is None or r["excess"].empty:
        return None if r["level"] is None else "The data has no national GDP growth target to compare with."
    summary = r["by_promise"].assign(
        promise=lambda s: s["promise"].map(lambda p: " vs nation's ".join(KIND_WORDS[k] for k in p.split(" vs "))),
        comparable=lambda s: s["comparable"].map({True: "yes, as intervals", False: "no: not on one end, or another year"}),
        **{c: (lambda col: lambda s: s[col].map(lambda v: "" if pd.isna(v) else f"{v:+.2f}"))(c)
           for c in ("mean_excess_pp", "min_excess_pp", "max_excess_pp")})
    summary = summary.rename(columns={"promise": "Kinds of promise", "comparable": "Difference taken",
                                      "regions": "Regions", "mean_excess_pp": "Mean excess (pp)",
                                      "min_excess_pp": "Smallest (pp)", "max_excess_pp": "Largest (pp)",
                                      "names": "Regions, highest target first"})
    excess = r["excess"].assign(target=lambda e: e.apply(_target_label, axis=1), nation=_nation_label(r))
    detail = excess[["region", "region_en", "target", "nation", "promise", "excess_pp"]].rename(
        columns={"region": "Region", "region_en": "English name", "target": "Target",
                 "nation": f"Nation ({r['nation_year']})", "promise": "Kinds of promise",
                 "excess_pp": "Excess (pp)"})
    return [long_table(summary, f"GDP growth targets over the nation's {r['nation_year']} target, by kind of promise"),
            long_table(detail, "Region by region (promises compared as intervals: ≥5% over ≈5% is +0.5 pp)")]


def kind_counts_table(panel: Panel, r: dict) -> object:
    """How many regions stated each headline target, and as which kind of promise."""
    if r["level"] is None:
        return None
    counts = r["counts"].assign(indicator=lambda c: c["indicator"].map(lambda i: display_names(panel.catalog, i, r["level"])[0]))
    counts = counts.drop(columns="measure").rename(columns={"indicator": "Target", "regions": "Regions stating it",
                                                            **{k: KIND_WORDS[k] for k in hl.KINDS}})
    return long_table(counts, f"Kinds of promise in the {r['year']} headline targets of level {r['level']}")
