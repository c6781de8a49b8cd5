"""The report charts, one function per chart: an analysis result in, a Figure with `alt_text` out."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.present.labels import qualifier_label, qualifier_legend
from analysis.present.style import QUALIFIER_MARKERS, qualifier_marker

# Colours of the trajectory chart's stages and of the levels of government, lowest level last.
STAGE_COLOURS = {"prior": "#8c8c8c", "target": "#1f6fb4", "outcome": "#e07b00"}
LEVEL_COLOURS = ["#5b5b5b", "#4c956c", "#9c6ade", "#1f6fb4"]

Names = Callable[[str], str]  # indicator id -> tick label


def described_figure(width: float, height: float, alt: str, **subplots) -> tuple[Figure, object]:
    """A Figure outside pyplot (the notebook shows it once, with its alt text), and its axes."""
    fig = Figure(figsize=(width, height))
    axes = fig.subplots(**subplots)
    fig.alt_text = alt
    return fig, axes


def _listing(names: list[str]) -> str:
    return ", ".join(names)


def growth_by_indicator(comparison: pd.DataFrame) -> Figure:
    """Growth rates by indicator (`growth.growth_comparison`): one marker per figure, shaped by its
    qualifier, coloured by series, labelled with its value; a range also draws its span."""
    labels = list(dict.fromkeys(comparison["title_en"] + "\n" + comparison["name_zh"]))
    series = list(dict.fromkeys(comparison["series"]))
    # Series side by side within an indicator's row, so close values do not hide each other.
    offsets = {name: 0.28 * (i - (len(series) - 1) / 2) for i, name in enumerate(series)}
    plot = comparison.assign(
        label=comparison["title_en"] + "\n" + comparison["name_zh"],
        value=comparison["value"].astype(float),
        Qualifier=comparison["qualifier"].map(qualifier_legend))
    plot["y"] = plot["label"].map(labels.index) + plot["series"].map(offsets)
    markers = {qualifier_legend(key): marker for key, marker in QUALIFIER_MARKERS.items()}
    alt = (f"Dot chart of reported growth in percent for {len(labels)} indicators "
           f"({_listing(list(dict.fromkeys(comparison['title_en'])))}); series: {_listing(series)}.")
    fig, ax = described_figure(9, 0.8 * len(labels) + 1.5, alt)
    sns.scatterplot(data=plot, x="value", y="y", hue="series", style="Qualifier",
                    markers=markers, s=80, ax=ax)
    for _, r in plot.iterrows():
        high = r["value_high"] if r["qualifier"] == "range" else None
        if high is not None:
            ax.plot([r["value"], high], [r["y"], r["y"]], color="grey", lw=2, zorder=0)
        ax.annotate(qualifier_label(r["value"], r["qualifier"], "%", high), (r["value"], r["y"]),
                    xytext=(7, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set(xlabel="growth (%)", ylabel="")
    ax.set_xlim(left=min(0, plot["value"].min() * 1.1), right=plot["value"].max() * 1.15 + 1)
    ax.legend(bbox_to_anchor=(1.02, 1), loc="upper left", frameon=False)
    fig.tight_layout()
    return fig


def growth_paths_chart(history: pd.DataFrame) -> Figure:
    """Reported growth by year (`growth.growth_paths`), one line per indicator."""
    plot = history.assign(period=history["period"].astype(int),
                          label=history["title_en"] + " " + history["name_zh"],
                          growth=history["growth"].astype(float))
    years = sorted(plot["period"].unique())
    alt = (f"Line chart of reported growth in percent by year, {years[0]}–{years[-1]}, for "
           f"{_listing(list(dict.fromkeys(plot['title_en'])))}.")
    fig, ax = described_figure(9, 5, alt)
    sns.lineplot(data=plot, x="period", y="growth", hue="label", marker="o", ax=ax)
    ax.set_xticks(years)
    ax.set(xlabel="year", ylabel="reported growth (%)")
    ax.legend(bbox_to_anchor=(0.5, -0.15), loc="upper center", ncol=2, frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def expenditure_composition(summary: pd.DataFrame, year: int) -> Figure:
    """One stacked bar: implied expenditure split into livelihood and other spending (`fiscal.fiscal_summary`)."""
    parts = [("Livelihood 民生支出", float(summary.loc["livelihood", "value"])),
             ("Other 非民生支出", float(summary.loc["non_livelihood", "value"]))]
    alt = (f"Stacked bar of general public budget expenditure in {year}: livelihood spending "
           f"{parts[0][1]:.1f} 亿元 and other spending {parts[1][1]:.1f} 亿元.")
    fig, ax = described_figure(8, 2.6, alt)
    left = 0.0
    for colour, (part, amount) in zip(sns.color_palette(n_colors=2), parts):
        ax.barh([f"Expenditure {year}"], [amount], left=left, color=colour, label=part)
        ax.text(left + amount / 2, 0, f"{part}\n{amount:.1f} 亿元",
                ha="center", va="center", color="white", fontsize=9)
        left += amount
    ax.set(xlabel="亿元 (current prices)", ylabel="")
    ax.legend(bbox_to_anchor=(0.5, -0.35), loc="upper center", ncol=2, frameon=False)
    fig.tight_layout()
    return fig


def revenue_and_expenditure(summary: pd.DataFrame) -> Figure:
    """Two bars, own budget revenue and implied expenditure, with the financing gap between them."""
    bars = pd.DataFrame({
        "item": ["Budget revenue\n一般公共预算收入", "Expenditure (implied)\n公共财政支出"],
        "amount": [summary.loc["revenue", "value"], summary.loc["expenditure", "value"]],
    })
    gap = summary.loc["financing_gap"]
    alt = (f"Bar chart: budget revenue {bars['amount'][0]:.1f} 亿元 against implied expenditure "
           f"{bars['amount'][1]:.1f} 亿元; the gap of {gap['value']:.1f} 亿元 is marked with an arrow.")
    fig, ax = described_figure(6, 4, alt)
    sns.barplot(data=bars, x="item", y="amount", hue="item", legend=False, ax=ax)
    ax.annotate("", xy=(1, bars["amount"][1]), xytext=(1, bars["amount"][0]),
                arrowprops={"arrowstyle": "<->", "color": "black"})
    ax.axhline(bars["amount"][0], color="grey", ls="--", lw=1)
    ax.text(1.45, (bars["amount"][0] + bars["amount"][1]) / 2,
            f"gap {gap['value']:.1f} 亿元\n(other sources)", va="center", fontsize=9)
    ax.set(xlabel="", ylabel="亿元 (current prices)", xlim=(-0.6, 2.2))
    fig.tight_layout()
    return fig


def _qualifier_handles(qualifiers: list[tuple[str | None, str]]) -> list[Line2D]:
    return [Line2D([], [], ls="", marker=qualifier_marker(q), color="black", label=name) for q, name in qualifiers]


def target_trajectory(path: pd.DataFrame, names: Names, plan_year: int, region_en: str) -> Figure:
    """Prior → target → outcome per indicator (`attainment.trajectory`), one panel per unit of
    comparison; the target's marker shows its qualifier. `names` labels an indicator id."""
    panels = list(dict.fromkeys(path["panel"]))
    heights = [path[path["panel"] == p]["indicator"].nunique() for p in panels]
    alt = (f"Arrow chart from the {plan_year - 1} actual to the {plan_year} target, and a dotted line to the "
           f"{plan_year} outcome where known, for {path['indicator'].nunique()} indicators "
           f"in {len(panels)} panel(s): {'; '.join(panels)}.")
    fig, axes = described_figure(8, 1.0 + 0.9 * len(panels) + 0.55 * sum(heights), alt, nrows=len(panels), ncols=1,
                        squeeze=False, gridspec_kw={"height_ratios": heights})
    for ax, panel in zip(axes[:, 0], panels):
        part = path[path["panel"] == panel]
        indicators = list(dict.fromkeys(part["indicator"]))
        for y, indicator in enumerate(indicators):
            stages = part[part["indicator"] == indicator].set_index("stage")
            ax.annotate("", xy=(stages.at["target", "value"], y), xytext=(stages.at["prior", "value"], y),
                        arrowprops={"arrowstyle": "->", "color": STAGE_COLOURS["target"], "lw": 1.5})
            if "outcome" in stages.index:
                ax.plot([stages.at["target", "value"], stages.at["outcome", "value"]], [y, y], ls=":",
                        color=STAGE_COLOURS["outcome"])
            for stage, row in stages.iterrows():
                marker = "X" if stage == "outcome" else qualifier_marker(row["qualifier"])
                ax.scatter(row["value"], y, marker=marker, s=70, color=STAGE_COLOURS[stage], zorder=3)
        ax.set_yticks(range(len(indicators)), [names(i) for i in indicators])
        ax.set_ylim(len(indicators) - 0.5, -0.5)
        ax.set_xlabel(panel)
    handles = [Line2D([], [], ls="", marker="o", color=STAGE_COLOURS["prior"], label=f"actual {plan_year - 1}"),
               Line2D([], [], ls="", marker="o", color=STAGE_COLOURS["target"], label=f"target {plan_year}"),
               Line2D([], [], ls="", marker="X", color=STAGE_COLOURS["outcome"], label=f"outcome {plan_year}"),
               *_qualifier_handles([("at_least", "at least"), ("about", "about"), ("at_most", "at most")])]
    axes[0, 0].legend(handles=handles, loc="best", fontsize="x-small")
    fig.suptitle(f"{region_en}: {plan_year - 1} actual → {plan_year} target → {plan_year} outcome",
                 fontsize="medium")
    fig.tight_layout()
    return fig


def targets_by_level(ladder: pd.DataFrame, names: Names, plan_year: int) -> Figure:
    """Each indicator's target at every level of government (`escalation.escalation`), one marker per
    level, shaped by the target's qualifier and labelled with its value."""
    indicators = list(dict.fromkeys(ladder["indicator"]))
    levels = [lv for lv in ladder["level"].cat.categories if lv in set(ladder["level"].astype(str))]
    palette = dict(zip(levels, LEVEL_COLOURS[-len(levels):]))
    alt = (f"Dot chart of {plan_year} targets in percent for {len(indicators)} indicators at "
           f"{len(levels)} levels of government ({_listing(levels)}).")
    fig, ax = described_figure(8, 1.2 + 0.6 * len(indicators), alt)
    offsets = {lv: (i - (len(levels) - 1) / 2) * 0.18 for i, lv in enumerate(levels)}
    for y, indicator in enumerate(indicators):
        for _, r in ladder[ladder["indicator"] == indicator].iterrows():
            lv = str(r["level"])
            ax.scatter(r["value"], y + offsets[lv], marker=qualifier_marker(r["qualifier"]), s=70,
                       color=palette[lv], zorder=3)
            ax.annotate(qualifier_label(r["value"], r["qualifier"], "%"), (r["value"], y + offsets[lv]),
                        xytext=(6, -3), textcoords="offset points", fontsize="x-small")
    handles = [*[Line2D([], [], ls="", marker="o", color=palette[lv], label=lv) for lv in levels],
               *_qualifier_handles([("at_least", "at least"), ("about", "about"), ("at_most", "at most"),
                                    (None, "exact")])]
    ax.set_yticks(range(len(indicators)), [names(i) for i in indicators])
    ax.set_ylim(len(indicators) - 0.5, -0.5)
    ax.margins(x=0.15)  # room for the value labels right of the markers
    ax.set_xlabel(f"{plan_year} target, %")
    ax.legend(handles=handles, fontsize="x-small", loc="center left", bbox_to_anchor=(1.01, 0.5))
    ax.set_title(f"Targets for {plan_year} by level of government", fontsize="medium")
    fig.tight_layout()
    return fig

