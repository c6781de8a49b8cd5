"""The livelihood share on the whole reports of ../shared/corpus (issue 21): after importing every text into a data
directory, the panel has the share of each provincial report that states one, with value, qualifier, total and
period as the text gives them (read by eye from the texts; the wording is quoted beside each), and the national 2010
investment share is kept apart. Skipped when the corpus is not beside the clone."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from analysis.config import ROOT
from analysis.reconciled.report import Panel, open_panel
from analysis.staging.pipeline import write_extracted

CORPUS = ROOT.parent / "shared" / "corpus"
pytestmark = [pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not beside the clone"),
              pytest.mark.slow]

# (region, share in %, qualifier, total as written (None: not named), horizon): every one for 2025, the wording
# of each report in the comment.
SEVEN = [
    ("河南省", 73.8, None, "一般公共预算支出", "annual"),        # 财政民生支出占一般公共预算支出比重73.8%
    ("辽宁省", 77.9, None, "一般公共预算支出", "annual"),        # 民生支出占一般公共预算支出77.9%
    ("山东省", 80.0, "about", None, "plan_period"),             # 五年…财政民生支出突破万亿元、占比稳定在80%左右
    ("河北省", 80.0, "at_least", None, "plan_period"),          # 这五年…财政民生支出占比保持在80%以上
    ("江西省", 80.0, "about", "一般公共预算支出", "plan_period"),  # 五年来…民生支出占一般公共预算支出比重稳定在80%左右
    ("甘肃省", 80.0, "about", "一般公共预算支出", "plan_period"),  # 民生支出占一般公共预算支出比例稳定在80%左右
    ("湖南省", 70.0, "at_least", None, "plan_period"),          # 民生支出占比持续保持在70%以上
]


@pytest.fixture(scope="module")
def panel(tmp_path_factory: pytest.TempPathFactory) -> Panel:
    """Every text of the corpus imported with `python -m analysis import-corpus` into a data directory of its own."""
    data = tmp_path_factory.mktemp("corpus") / "data"
    done = subprocess.run([sys.executable, "-m", "analysis", "import-corpus", str(CORPUS), "--data-dir", str(data)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    write_extracted(data)
    return open_panel(data)


def _as_written(rows: pd.DataFrame) -> dict[str, tuple]:
    return {r.region: (r.share_pct, r.qualifier if isinstance(r.qualifier, str) else None,
                       r.denominator_zh if isinstance(r.denominator_zh, str) else None, r.horizon, r.period)
            for r in rows.itertuples()}


def test_the_seven_provincial_shares_as_the_texts_give_them(panel: Panel) -> None:
    shares = _as_written(panel.livelihood("province", 2025))
    for region, share, qualifier, total, horizon in SEVEN:
        assert shares.get(region) == (share, qualifier, total, horizon, 2025), region


def test_the_other_provincial_statements_of_a_share_are_there_with_their_totals(panel: Panel) -> None:
    shares = _as_written(panel.livelihood("province", 2025))
    assert shares["安徽省"] == (80.0, "at_least", "财政资金", "annual", 2025)           # 八成以上财政资金用于民生
    assert shares["福建省"] == (80.0, "at_most", "财政支出", "cumulative", 2025)          # 五年来…财政支出近八成投向民生领域
    assert shares["宁夏回族自治区"] == (75.0, "at_least", "财力", "plan_period", 2025)    # 每年将75%以上的财力用于民生
    assert shares["云南省"] == (74.0, "at_least", "一般公共预算支出", "cumulative", 2025)  # 一般公共预算支出3.4万亿元，74%以上用于民生
    # 16 provincial texts: 天津, 内蒙古 and 重庆 state no share (民生实事 are counts; 民心工程 is no share).
    assert len(shares) == 13 and not {"天津市", "内蒙古自治区", "重庆市"} & set(shares)


def test_the_national_2010_investment_share_is_not_a_spending_share(panel: Panel) -> None:
    # 2009年中央政府公共投资9243亿元…其中，保障性住房、农村民生工程、社会事业投资占44%
    assert panel.livelihood("nation", 2009).empty
    statements = panel.livelihood_statements
    invested = statements[statements["region"].eq("全国") & statements["period"].eq(2009)]
    assert [(r.share_pct, r.denominator, r.spending) for r in invested.itertuples()] == [(44.0, "investment", False)]
    # national 2015: 财政用于民生的比例达到70%以上, a share of public finance for 2014
    assert _as_written(panel.livelihood("nation", 2014)) == {"全国": (70.0, "at_least", None, "annual", 2014)}


def test_counts_of_projects_are_no_statements(panel: Panel) -> None:
    statements = panel.livelihood_statements
    assert not statements["unit"].isin(["件", "项", "个"]).any()
    shandong = statements[statements["region"].eq("山东省") & statements["measure"].eq("amount")]
    assert [(r.value, r.unit, r.qualifier, r.written) for r in shandong.itertuples()] == [
        (10000.0, "亿元", "at_least", "突破万亿元")]  # 财政民生支出突破万亿元, read from a bare scale
