"""The panel notebooks: committed clean with their scope; their pages for the nation, a district and the panel."""
from __future__ import annotations

import nbformat
import pytest

from analysis.config import NOTEBOOKS_DIR

PANELS = {"04-region-trends.ipynb": "region", "05-levels-and-peers.ipynb": "panel"}


@pytest.mark.parametrize(("name", "scope"), PANELS.items())
def test_panel_notebook_is_clean_tagged_and_scoped(name: str, scope: str) -> None:
    nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    assert nb.metadata["gwr"] == {"scope": scope}
    assert nb.metadata["kernelspec"]["name"] == "gwr-analysis"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata["tags"] and "data_dir = None" in code[0].source
    assert ("region = None" in code[0].source) == (scope == "region")
    assert all("remove-input" in c.metadata["tags"] and not c.outputs for c in code)


@pytest.mark.slow
def test_nation_trends_show_every_year_and_the_2020_absence(shipped_build) -> None:
    html = shipped_build.page("04-region-trends.ipynb", where="china")
    assert "no target set" in html and "real (constant prices)" in html
    for year in range(2006, 2026):
        assert f">{year}<" in html, year
    assert "revised: outcome shown is the final (最终核实) figure; first published" in html
    # the nation's report writes 国内生产总值; provinces, cities and districts write 地区生产总值
    assert "国内生产总值" in html and "地区生产总值" not in html


@pytest.mark.slow
def test_district_trends_state_the_fdi_shortfall(shipped_build) -> None:
    html = shipped_build.page("04-region-trends.ipynb", where="shizhong-district-zaozhuang-shandong")
    assert "84.8% of the target" in html and "6782万美元" in html
    # the worked example of the degree rules is the district's own FDI target: 6782 ÷ 8000 = 84.775%
    assert "6782 ÷ 8000 = 84.8%" in html
    assert "6782" not in shipped_build.page("04-region-trends.ipynb", where="china")


@pytest.mark.slow
def test_levels_and_peers_compare_an_about_with_a_floor(shipped_build) -> None:
    html = shipped_build.page("05-levels-and-peers.ipynb")
    # compared as intervals: ≈6% accepts 5.5% and up, ≥5% accepts 5%: +0.5 pp
    assert "≈ about vs ≥ at least" in html and "+0.5" in html
    assert "Shandong Province (山东省)" in html and "China (全国)" in html


@pytest.mark.slow
def test_the_2023_chain_says_the_city_target_is_missing(shipped_build) -> None:
    # No Zaozhuang 2023 target is in the shipped data: Shizhong's 6%左右 (5.5% accepted) is set against
    # Shandong's 5%以上 (+0.5 pp), and both the table and the finding name the city that was passed over.
    html = shipped_build.page("05-levels-and-peers.ipynb")
    assert "province 山东省 (枣庄市: no target in the data)" in html
    assert ("Gross domestic product (地区生产总值), district vs province, ≈ about vs ≥ at least, 2023: excess +0.5 pp; "
            "枣庄市 has no such target in the data, so the district is compared with the province.") in html


@pytest.mark.slow
def test_panel_charts_describe_each_year_in_their_alt_text(shipped_build) -> None:
    # the nation's 2020 report set no GDP target (hand-entered no_target); 2019's was the range 6–6.5 %
    trends = shipped_build.page("04-region-trends.ipynb", where="china")
    assert "2019: target 6–6.5%" in trends and "2020: target no target set, outcome 2.2%" in trends
    levels = shipped_build.page("05-levels-and-peers.ipynb")
    assert "2019 6–6.5%, 2020 no target set" in levels
