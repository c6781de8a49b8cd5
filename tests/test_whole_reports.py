"""A whole State Council report from text to the targets page's count (issue 17): the national 2023 report
sets seven annual targets for 2023 and the rest of its figures are outcomes or multi-year goals. Reads
../shared/corpus (skipped without it)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.config import DATA_DIR, ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "national" / "2023.txt").exists(),
                                reason="the shared corpus (../shared/corpus) is not beside the clone")


@pytest.fixture(scope="module")
def national_2023(tmp_path_factory) -> Path:
    from analysis.staging.add_report import Provenance, add_report
    from analysis.staging.pipeline import write_extracted
    root = tmp_path_factory.mktemp("nation") / "data"
    root.mkdir()
    shutil.copy(DATA_DIR / "indicators.yml", root / "indicators.yml")
    add_report(CORPUS / "national" / "2023.txt", Provenance(region="全国", region_en="China", year=2023,
                                                           level="nation"), data_dir=root, doc="china-2023")
    write_extracted(root)
    return root


def test_the_targets_page_counts_the_reports_own_annual_targets(national_2023: Path) -> None:
    from analysis import open_report
    from analysis.analyses.targets import pair_targets
    pairs = pair_targets(open_report("全国", 2023, data_dir=national_2023))
    annual = pairs[pairs["horizon"].eq("annual")]
    # 今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右，城镇调查失业率5.5%左右；居民消费
    # 价格涨幅3%左右；…粮食产量保持在1.3万亿斤以上 — then 赤字率拟按3%安排 and 拟安排地方政府专项债券3.8万亿元.
    assert sorted(zip(annual["indicator"], annual["target"], annual["target_qualifier"].fillna("-"))) == [
        ("cpi", 3.0, "about"), ("deficit_ratio", 3.0, "-"), ("gdp", 5.0, "about"), ("grain_output", 1.3, "at_least"),
        ("new_urban_jobs", 1200.0, "about"), ("special_bonds", 3.8, "-"), ("surveyed_unemployment_rate", 5.5, "about")]
    # 实施新一轮千亿斤粮食产能提升行动: a programme over several years, shown apart
    assert pairs["horizon"].eq("multi_year").sum() == 1


def test_five_year_review_figures_stay_outcomes(national_2023: Path) -> None:
    from analysis.staging.load import load_indicators
    table = load_indicators(national_2023)
    review = table[table["start"].lt(15000)]      # the main targets begin at offset 15,213
    assert set(review["kind"]) == {"actual"} and set(review["period"]) == {2022}
    # 五年累计减税5.4万亿元 and 制造业贷款余额从16.3万亿元增加到27.4万亿元, as the review writes them
    cut = review[review["subject"].str.contains("减税") & review["value"].eq(5.4)].iloc[0]
    assert cut["horizon"] == "cumulative"
    loans = review[review["value"].eq(27.4)].iloc[0]
    assert (loans["subject"], loans["value_from"], loans["horizon"]) == ("制造业贷款余额", 16.3, "annual")


def test_no_five_year_or_yearly_average_review_figure_is_annual(national_2023: Path) -> None:
    # Independently of the extractor: a figure that the review introduces with 年均 (a yearly average
    # over the five years) or 累计 (a total over them) within the few characters before it is no
    # figure of 2022 alone, whatever its part.
    from analysis.staging.load import load_indicators
    text = (CORPUS / "national" / "2023.txt").read_text(encoding="utf-8")
    review = load_indicators(national_2023).query("start < 15000")
    lead = review["start"].map(lambda s: text[max(0, s - 10):s])
    averaged = review[lead.str.contains("年均")]
    summed = review[lead.str.contains("累计")]
    assert len(averaged) >= 8 and set(averaged["horizon"]) == {"average"}
    assert len(summed) >= 4 and set(summed["horizon"]) == {"cumulative"}
    # 五年总体赤字率控制在3%以内: a rate over the five years as a whole
    deficit = review[review["subject"].str.contains("赤字率") & review["value"].eq(3.0)].iloc[0]
    assert (deficit["value"], deficit["qualifier"], deficit["horizon"]) == (3.0, "at_most", "average")
