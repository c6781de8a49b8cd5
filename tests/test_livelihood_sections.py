"""Tests for analysis/present/livelihood_sections.py and livelihood_charts.py: the livelihood sections of pages 02,
04 and 05 on the reports of tests/test_livelihood.py (expected words and order read from those texts)."""
from __future__ import annotations

import matplotlib
import pandas as pd
import pytest
from matplotlib.figure import Figure

from test_livelihood import reports_table

from analysis.extract.catalog import load_catalog
from analysis.present import livelihood_sections as sections
from analysis.present.chain_tables import livelihood_text, peers_shown
from analysis.analyses.peers import peer_table
from analysis.reconciled.report import Panel, Report
from analysis.present.style import use_style
from analysis.reconciled.revisions import resolved


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return reports_table()


@pytest.fixture(scope="module")
def panel(table) -> Panel:
    return Panel(table, load_catalog())


@pytest.fixture(autouse=True)
def report_style():
    with matplotlib.rc_context():  # the shipped font: charts of Chinese names draw without a missing-glyph warning
        use_style()
        yield


def test_a_share_keeps_its_qualifier_and_says_when_it_was_written_in_tenths(panel) -> None:
    rows = panel.livelihood("province", 2025)
    assert [sections.share_text(r) for _, r in rows.iterrows()] == ["≥80% (八成以上)", "≤80% (近八成)", "76.4%"]


def test_the_panel_page_charts_each_level_and_says_where_totals_differ(panel) -> None:
    items = sections.panel_sections(panel)
    figures = [item for item in items if isinstance(item, Figure)]
    assert len(figures) == 1  # the province level has three regions; the county level one
    alt = figures[0].alt_text
    assert alt.index("西省") < alt.index("北省") < alt.index("东省")  # largest first
    words = [item for item in items if isinstance(item, str)]
    assert "### Province, 2025" in words and "### County, 2025" in words
    differ = next(w for w in words if w.startswith("**The totals differ"))
    assert "fiscal funds or resources (财政资金): 西省" in differ
    assert "general public budget expenditure (一般公共预算支出): 东省" in differ
    assert any(w.startswith("Only one region of level county states a share for 2025: 南县") for w in words)
    apart = items[items.index("### Shares kept apart") + 2].data
    assert list(apart["As written"]) == ["44%", "44%"] and set(apart["Livelihood spending?"]) == {"no: kept apart"}


def test_the_chart_puts_the_largest_share_on_top_and_draws_a_multi_year_level_hollow(panel) -> None:
    rows = panel.livelihood(None, 2025).query("level == 'province'")
    fig = sections.shares_chart(rows, "t")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()][::-1] == ["西省 西省 (en)", "北省 北省 (en)", "东省 东省 (en)"]
    plan = Panel(panel.table[panel.table["region"].eq("东省") & panel.table["report_year"].eq(2026)], panel.catalog)
    level = plan.livelihood_statements.query("horizon == 'plan_period'").assign(region="东省五年")
    fig = sections.shares_chart(pd.concat([plan.livelihood(None, 2025), level]), "t")
    faces = [tuple(c.get_facecolors()[0]) for c in fig.axes[0].collections if len(c.get_offsets()) == 1]
    assert (1.0, 1.0, 1.0, 1.0) in faces  # the plan-period level is hollow (white inside)


def test_a_region_over_the_years_has_a_chart_from_two_years(table) -> None:
    east = Report.from_table(table, load_catalog(), "东省", 2026)
    chart, shown, note = sections.trend_section(east)
    assert isinstance(chart, Figure) and note is None  # both years of 一般公共预算支出
    assert list(shown.data["Share"]) == ["78%", "76.4%"]
    # 5200 / 0.764 = 6806.3 within [5199.5 / 0.7645, 5200.5 / 0.7635] = [6801.18, 6811.39]: ±5 supports units,
    # the interval's ends one digit finer, rounded outward.
    assert shown.data["Implied expenditure (亿元)"].iloc[1] == "≈6,806 [6,801.1, 6,811.4]"
    north = Report.from_table(table, load_catalog(), "北省", 2026)
    assert sections.trend_section(north)[0] is None  # one year: the table only


def test_page_02_lists_a_reports_statements_and_says_what_each_share_is_of(table) -> None:
    west = Report.from_table(table, load_catalog(), "西省", 2026)
    shown = sections.report_statements(west).data
    assert list(shown["As written"]) == ["八成以上", "80%以上", "70%以上"]
    assert list(shown["For"]) == ["2025", "the plan period to 2025", "the plan period to 2025"]
    findings = sections.statement_findings(west).splitlines()
    assert findings[0] == ("- Livelihood share stated: ≥80% (八成以上) of fiscal funds or resources (财政资金), "
                           "for 2025 (the year's own figure).")
    north = Report.from_table(table, load_catalog(), "北省", 2026)
    assert "(not spending: kept apart" in sections.statement_findings(north).splitlines()[1]


def test_peers_show_a_share_without_targets_as_such(table, panel) -> None:
    peers = peer_table(resolved(table), "province", livelihood=panel.livelihood(None, None))
    shown = peers_shown(peers).set_index(["Region", "Year"])
    west = shown.loc[("西省 (en) (西省)", 2025)]
    assert (west["Targets set"], west["Met"], west["Livelihood share"]) == ("—", "—", "≥80%")
    assert livelihood_text(80.0, "about", "plan_period") == "≈80% (plan period)"
    assert livelihood_text(float("nan"), None, None) == "—"
