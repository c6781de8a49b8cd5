"""Tests for analysis/present/charts.py: each chart draws what its table holds, with alt text and no font warning."""
from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from analysis.present import charts  # noqa: E402
from analysis.present.style import use_style  # noqa: E402


@pytest.fixture(autouse=True)
def report_style():
    with matplotlib.rc_context():
        use_style()
        yield


def drawn(fig) -> list[str]:
    """Render the figure (font warnings happen at draw time); return the warnings raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    return [str(w.message) for w in caught]


def points(ax) -> int:
    return sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_width() > 0 and p.get_height() > 0]


def test_growth_by_indicator_marks_every_figure_and_spans_a_range():
    comparison = pd.DataFrame({
        "title_en": ["GDP", "GDP", "Revenue"], "name_zh": ["地区生产总值", "地区生产总值", "一般公共预算收入"],
        "series": ["2022 actual", "2023 target", "2023 target"], "value": [4.7, 6.0, 6.5],
        "value_high": [float("nan"), 6.5, float("nan")], "qualifier": [None, "range", "at_least"]})
    fig = charts.growth_by_indicator(comparison)
    ax = fig.axes[0]
    assert points(ax) == 3
    assert sorted(texts(ax)) == ["4.7%", "6–6.5%", "≥6.5%"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["GDP\n地区生产总值", "Revenue\n一般公共预算收入"]
    spans = [list(line.get_xdata()) for line in ax.lines if len(line.get_xdata()) == 2]
    assert spans == [[6.0, 6.5]]  # the range's span (seaborn's legend proxies have no data)
    assert "2 indicators" in fig.alt_text and drawn(fig) == []


def test_growth_paths_draw_one_line_per_indicator():
    history = pd.DataFrame({"period": [2022, 2023, 2022, 2023], "title_en": ["GDP", "GDP", "FAI", "FAI"],
                            "name_zh": ["地区生产总值"] * 2 + ["固定资产投资"] * 2, "growth": [4.7, 6.5, 16, 7.2]})
    fig = charts.growth_paths_chart(history)
    ax = fig.axes[0]
    assert len([line for line in ax.lines if len(line.get_xdata()) == 2]) == 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["GDP 地区生产总值", "FAI 固定资产投资"]
    assert "2022–2023" in fig.alt_text and drawn(fig) == []


def summary(**values: float) -> pd.DataFrame:
    return pd.DataFrame({"value": values}).rename_axis("quantity")


def test_expenditure_composition_stacks_two_labelled_parts():
    fig = charts.expenditure_composition(summary(livelihood=26.6, non_livelihood=8.7), 2022)
    ax = fig.axes[0]
    parts = bars(ax)
    assert [round(p.get_width(), 1) for p in parts] == [26.6, 8.7]
    assert parts[1].get_x() == pytest.approx(26.6)  # stacked on the first
    assert texts(ax) == ["Livelihood 民生支出\n26.6 亿元", "Other 非民生支出\n8.7 亿元"]
    assert "26.6 亿元" in fig.alt_text and drawn(fig) == []


def test_revenue_and_expenditure_draws_two_bars_and_the_gap():
    fig = charts.revenue_and_expenditure(summary(revenue=27.6, expenditure=35.3, financing_gap=7.7))
    ax = fig.axes[0]
    assert sorted(round(p.get_height(), 1) for p in bars(ax)) == [27.6, 35.3]
    assert "gap 7.7 亿元\n(other sources)" in texts(ax)
    assert "7.7 亿元" in fig.alt_text and drawn(fig) == []


def names(indicator: str) -> str:
    return {"gdp": "GDP\n地区生产总值", "trade_total": "Trade\n进出口总额"}[indicator]


def test_target_trajectory_has_a_panel_per_unit_and_a_marker_per_stage():
    path = pd.DataFrame({
        "indicator": ["gdp"] * 3 + ["trade_total"] * 2,
        "panel": ["growth, %"] * 3 + ["level, prior year = 100"] * 2,
        "stage": ["prior", "target", "outcome", "prior", "target"],
        "value": [4.7, 6.0, 6.5, 100.0, 113.8], "qualifier": [None, "about", None, None, "at_least"]})
    fig = charts.target_trajectory(path, names, 2023, "Shizhong")
    growth, level = fig.axes
    assert (points(growth), points(level)) == (3, 2)
    assert len(growth.lines) == 1 and len(level.lines) == 0  # target → outcome, dotted
    assert [t.get_text() for t in level.get_yticklabels()] == ["Trade\n进出口总额"]
    assert "2 indicators" in fig.alt_text and drawn(fig) == []


def test_targets_by_level_marks_and_labels_every_target():
    ladder = pd.DataFrame({
        "indicator": ["gdp"] * 3, "value": [5.0, 5.0, 6.0], "qualifier": ["about", "at_least", "about"],
        "level": pd.Categorical(["nation", "province", "district"],
                                categories=["nation", "province", "city", "district"], ordered=True)})
    fig = charts.targets_by_level(ladder, names, 2023)
    ax = fig.axes[0]
    assert points(ax) == 3
    assert texts(ax) == ["≈5%", "≥5%", "≈6%"]
    assert [t.get_text() for t in ax.get_legend().get_texts()][:3] == ["nation", "province", "district"]
    assert "3 levels of government" in fig.alt_text and drawn(fig) == []
