"""Livelihood-share charts: the regions of one level side by side, and one region over the years; colour by the
total the share is of, marker by qualifier, filled for a year's own figure and hollow for a multi-year one."""
from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import blended_transform_factory

from analysis.present.labels import qualifier_legend
from analysis.present.style import qualifier_marker

DENOMINATOR_COLOURS = {"general_budget_expenditure": "#1f6fb4", "fiscal_expenditure": "#4c956c",
                       "fiscal_funds": "#9c6ade", "not_named": "#7a7a7a"}
OTHER_COLOUR = "#b05a1f"
HORIZON_WORDS = {"annual": "the year's own figure", "plan_period": "held through the plan period",
                 "cumulative": "share of several years' total", "average": "yearly average over several years"}


def period_text(row: pd.Series) -> str:
    """The period a share is for: '2025', 'the plan period to 2025', 'the years to 2025, in total'."""
    year = int(row["period"])
    return {"annual": str(year), "plan_period": f"the plan period to {year}",
            "cumulative": f"the years to {year}, in total", "average": f"the years to {year}, yearly average"
            }.get(row["horizon"], str(year))


def denominator_text(row: pd.Series) -> str:
    """The total a share is of, in English with the words the text uses: 'general public budget expenditure
    (一般公共预算支出)', 'expenditure, total not named'."""
    written = row.get("denominator_zh")
    return f"{row['denominator_en']} ({written})" if isinstance(written, str) and written else str(row["denominator_en"])



def shares_across_regions(rows: pd.DataFrame, *, ax: Axes, title: str) -> Axes:
    """One line per region (rows of `Panel.livelihood`, largest share on top): the share as a marker shaped by
    its qualifier (▲ a floor, with an arrow to the right; ▼ a ceiling, arrow to the left), coloured by its total,
    hollow when it is not the year's own figure; a bar where the rounding spans more than a point (八成: 75–85%);
    the figure as written, its period and its total at the right."""
    order = rows.reset_index(drop=True).iloc[::-1]
    y = range(len(order))
    for i, (_, row) in zip(y, order.iterrows()):
        _draw(ax, row["share_pct"], i, row, arrow=0.9)
    ax.set_yticks(list(y), [f"{r} {e}" if isinstance(e, str) and e != r else r
                            for r, e in zip(order["region"], order["region_en"])])
    lows = pd.concat([order["share_low"], order["share_pct"]])
    ax.set_xlim(min(60.0, float(lows.min()) - 3), 100)
    ax.set_ylim(-0.7, len(order) - 0.3)
    side = blended_transform_factory(ax.transAxes, ax.transData)
    for i, (_, row) in zip(y, order.iterrows()):
        total = row["denominator_zh"] if isinstance(row["denominator_zh"], str) else "total not named"
        ax.text(1.02, i, f"{row['written']} · {period_text(row)} · {total}",
                transform=side, va="center", fontsize="x-small")
    ax.set_xlabel("livelihood (民生) spending, % of the total named")
    ax.grid(axis="y", visible=False)
    ax.legend(handles=_legend(rows), fontsize="x-small", loc="upper left", bbox_to_anchor=(0, -0.12), ncol=3,
              frameon=False)
    ax.set_title(title, fontsize="medium", loc="left")
    return ax


def share_over_years(trend: pd.DataFrame, *, ax: Axes, title: str) -> Axes:
    """One region's share by year (`analyses.livelihood.share_trend`), encoded as `shares_across_regions`, each point
    labelled with the figure as written."""
    for _, row in trend.iterrows():
        _draw(ax, int(row["period"]), row["share_pct"], row, vertical=True, arrow=1.2)
        ax.annotate(str(row["written"]), (int(row["period"]), row["share_pct"]), textcoords="offset points",
                    xytext=(8, 4), fontsize="x-small")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    low = float(min(trend["share_low"].min(), trend["share_pct"].min()))
    ax.set_ylim(min(60.0, low - 3), 100)
    years = trend["period"].astype(int)
    ax.set_xlim(years.min() - 1, years.max() + 1)
    ax.set_xlabel("year (a hollow marker: a share over several years, drawn at their last year)")
    ax.set_ylabel("% of the total named")
    ax.legend(handles=_legend(trend), fontsize="x-small", loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    ax.set_title(title, fontsize="medium", loc="left")
    return ax


def _draw(ax: Axes, x: float, y: float, row: pd.Series, *, vertical: bool = False, arrow: float = 1.0) -> None:
    """One share: its rounding interval, its marker and, for a floor or a ceiling, an arrow the way it bounds."""
    colour = DENOMINATOR_COLOURS.get(row["denominator"], OTHER_COLOUR)
    low, high = row["share_low"], row["share_high"]
    if high - low > 1:  # 八成: 75–85%, not a point
        if vertical:
            ax.vlines(x, low, high, color=colour, lw=5, alpha=0.3)
        else:
            ax.hlines(y, low, high, color=colour, lw=5, alpha=0.3)
    qualifier = row["qualifier"] if isinstance(row["qualifier"], str) else None
    filled = row["horizon"] == "annual"
    point = (x, y)
    ax.scatter(*point, marker=qualifier_marker(qualifier), s=70, zorder=3, linewidths=1.5,
               facecolors=colour if filled else "white", edgecolors=colour)
    direction = {"at_least": 1, "at_most": -1}.get(qualifier)
    if direction:
        value = y if vertical else x
        end = (x, value + direction * arrow * 2) if vertical else (value + direction * arrow * 2, y)
        ax.annotate("", xy=end, xytext=point, arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.2})


def _legend(rows: pd.DataFrame) -> list[Line2D]:
    handles = [Line2D([], [], ls="", marker="s", color=DENOMINATOR_COLOURS.get(d, OTHER_COLOUR), label=f"of {english}")
               for d, english in dict(zip(rows["denominator"], rows["denominator_en"])).items()]
    qualifiers = dict.fromkeys(q if isinstance(q, str) else None for q in rows["qualifier"])
    handles += [Line2D([], [], ls="", marker=qualifier_marker(q), color="black", label=qualifier_legend(q))
                for q in qualifiers]
    if ((rows["share_high"] - rows["share_low"]) > 1).any():
        handles.append(Line2D([], [], color="grey", lw=5, alpha=0.3, label="what a share in tenths covers (八成: 75–85%)"))
    horizons = dict.fromkeys(rows["horizon"])
    handles += [Line2D([], [], ls="", marker="o", markerfacecolor="black" if h == "annual" else "white",
                       markeredgecolor="black", label=HORIZON_WORDS.get(h, h)) for h in horizons]
    return handles
