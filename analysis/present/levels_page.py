"""The levels-and-peers report page: its sections (the chain of targets down the levels, regions side by side)."""
from __future__ import annotations

from matplotlib.figure import Figure

from analysis.analyses.attainment import attainment_rules, degree_rules
from analysis.analyses.api import Panel
from analysis.analyses.levels import excess_summary
from analysis.present.charts import described_figure
from analysis.present.citations import sources_table
from analysis.present.findings import bullets
from analysis.present.long_tables import long_table
from analysis.present.panel_charts import chain_over_years
from analysis.present.chain_tables import chain_findings, chain_shown, chain_target_text, peers_shown
from analysis.present.panel_tables import BASIS_NOTE
from analysis.present.style import style_table

GDP_CHAIN_TITLE = "GDP growth targets by level of government (国内生产总值 for the nation, 地区生产总值 below)"


def levels_results(panel: Panel, about_tolerance_pp: float = 0.5) -> dict:
    """The chains of regions, each level's targets beside the level above, and the regions side by side."""
    chains = panel.chains()
    return {"chains": chains, "regions": list(dict.fromkeys(r for chain in chains for r in chain)),
            "chain": panel.chain(about_tolerance_pp=about_tolerance_pp),
            "peers": panel.peers(about_tolerance_pp=about_tolerance_pp),
            "about_tolerance_pp": about_tolerance_pp}


def heading(r: dict) -> str:
    chains = r["chains"]
    if len(chains) == 1:
        return "**Chain of regions:** " + " → ".join(chains[0])
    return ("**Chains of regions** (a report imported with `import-corpus` sits under the regions it belongs to, "
            "from the gazetteer; for other regions, which one of a level belongs to which one above is not in "
            "the data, so a level with several of them is never placed above another):\n\n" +
            "\n".join(f"- {' → '.join(chain)}" for chain in chains))


def key_findings(panel: Panel, r: dict) -> str:
    return bullets(chain_findings(excess_summary(r["chain"]), panel.catalog))


def linked_chain(panel: Panel, r: dict) -> object:
    """Every indicator, measure and year for which two or more levels set a target."""
    chain = r["chain"]
    linked = chain[chain.groupby(["indicator", "measure", "period"])["region"].transform("nunique") > 1]
    if linked.empty:
        return "No indicator has targets from two levels of government in the same year."
    return long_table(chain_shown(linked, panel.catalog),
                      caption="Targets by level of government, where two or more levels set one")


def gdp_chart(r: dict) -> Figure | str:
    """GDP growth targets by level over the years, with alt text listing each level's targets."""
    chain = r["chain"]
    shown = chain[(chain["indicator"] == "gdp") & (chain["measure"] == "growth")]
    if shown.empty:
        return "No GDP growth targets in this data set."
    described = [f"{level}: " + ", ".join(f"{int(row['period'])} {chain_target_text(row)}" for _, row in rows.iterrows())
                 for level, rows in shown.sort_values("period").groupby("level", sort=False)]
    absent = [f"{int(row['period'])} ({row['level']})" for _, row in shown.iterrows() if row["target_qualifier"] == "no_target"]
    marked = (" A dotted line marks each year whose report states that it sets no target: " + ", ".join(absent) + "."
              if absent else "")
    fig, ax = described_figure(9, 4.2, f"Chart: {GDP_CHAIN_TITLE}. " + "; ".join(described) + "." + marked)
    chain_over_years(chain, "gdp", "growth", ax=ax, title=GDP_CHAIN_TITLE)
    fig.tight_layout()
    return fig


def peers(r: dict) -> list:
    return [long_table(peers_shown(group), caption=f"Regions of level {level}")
            for level, group in r["peers"].groupby("level", sort=False)]


def rules(r: dict) -> list:
    tolerance = r["about_tolerance_pp"]
    return [BASIS_NOTE,
            style_table(attainment_rules(tolerance), caption=f"Attainment rules (about_tolerance_pp = {tolerance:g})"),
            style_table(degree_rules(), caption="How far from the target")]


def sources(panel: Panel, r: dict) -> object:
    return style_table(sources_table(panel.table, r["regions"], None, panel.sidecars, panel.documents),
                       caption="Documents behind the figures")
