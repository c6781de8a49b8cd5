"""The shipped pages as a reader sees them (issue 12): built once, their text checked against values
worked out by hand here. Slow: executes the four notebooks."""
from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.config import DATA_DIR, PACKAGE_DIR

pytestmark = pytest.mark.slow
SLUG = "shizhong-district-zaozhuang-shandong-2023"


def _text(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    raw = re.sub(r"<img\b[^>]*\balt=\"([^\"]*)\"[^>]*>", r" [image: \1] ", raw)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Reader versions of the shipped report's pages, by number ('00' … '03'), as plain text."""
    root = tmp_path_factory.mktemp("pages")
    subprocess.run([sys.executable, "-m", "analysis", "build", "--out", str(root / "reports"),
                    "--build-dir", str(root / "build"), "--data-dir", str(DATA_DIR)],
                   check=True, cwd=PACKAGE_DIR.parent, capture_output=True)
    folder = root / "reports" / SLUG
    return {p.name[:2]: _text(p) for p in sorted(folder.glob("[0-9][0-9]-*.html")) if ".full." not in p.name}


def test_item1_a_threshold_prior_gives_no_bracket(pages):
    # 550 over 突破500: at most 550/500 − 1 = +10%, no lower bound; not 550/500.5 − 1 = +9.89%.
    page = pages["03"]
    assert "≤+10.0% (no lower bound" in page
    assert "+9.89" not in page and "+10.11" not in page
    assert "主营业务收入 in 2022" in page and "营业收入 in 2023" in page


def test_item3_the_most_demanding_target_is_ranked_over_every_step(pages):
    # FDI: 8000/6510 − 1 = +22.89% after +7.8% → +15.09 pp; trade: 70/61.5 − 1 = +13.82% after +23.5% → −9.68 pp.
    page = pages["03"]
    assert f"{(8000 / 6510 - 1) * 100 - 7.8:+.1f} pp" == "+15.1 pp"
    assert "the most demanding is Utilised foreign direct investment" in page
    assert "≥+15.1 pp" in page and "-9.7 pp" in page
    assert "The most demanding growth target is" not in page


def test_item4_only_annual_targets_are_counted(pages):
    # The plan part has 30 figures for 2023; 总投资398.6亿元, its 74 projects and the 6 “区中园” with a
    # 3年内 goal are not targets of the year: 30 − 3 = 27.
    page = pages["03"]
    assert "27 quantitative annual targets for 2023" in page
    assert "30 quantitative targets" not in page
    assert "Multi-year and plan-period figures, not counted as 2023 targets (3)" in page
