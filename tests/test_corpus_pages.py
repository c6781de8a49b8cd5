"""A corpus's build makes the pages a reader needs first (regions and the panel), a report's own pages when
asked; long tables are sortable and searchable without the network."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.build.pages import REPORT_PAGES_UP_TO, plan_pages
from analysis.config import NOTEBOOKS_DIR, data_paths
from analysis.present.long_tables import INTERACTIVE_FROM, LongTable, long_table

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def _data_dir(root: Path, reports: int) -> Path:
    raw = root / "raw"
    raw.mkdir(parents=True)
    for index in range(reports):
        (raw / f"r{index:02d}.meta.yml").write_text(
            f"doc: r{index:02d}\nregion: 测试{index}区\nregion_en: District {index}\nlevel: district\n"
            f"report_year: 2024\n", encoding="utf-8")
    return root


def _scopes(pages) -> dict[str, int]:
    counts: dict[str, int] = {}
    for page in pages:
        counts[page.scope] = counts.get(page.scope, 0) + 1
    return counts


def test_a_few_reports_get_every_page(tmp_path: Path) -> None:
    paths = data_paths(_data_dir(tmp_path / "d", REPORT_PAGES_UP_TO))
    report_notebooks = 4   # 00-03 run once per report
    assert _scopes(plan_pages(NOTEBOOKS, paths)) == {"report": report_notebooks * REPORT_PAGES_UP_TO,
                                                    "region": REPORT_PAGES_UP_TO, "panel": 1}


def test_a_corpus_gets_region_and_panel_pages_and_report_pages_when_asked(tmp_path: Path) -> None:
    count = REPORT_PAGES_UP_TO + 1
    paths = data_paths(_data_dir(tmp_path / "d", count))
    assert _scopes(plan_pages(NOTEBOOKS, paths)) == {"region": count, "panel": 1}
    assert _scopes(plan_pages(NOTEBOOKS, paths, all_reports=True)) == {"report": 4 * count, "region": count, "panel": 1}
    one = plan_pages(NOTEBOOKS, paths, region="测试3区")
    assert _scopes(one) == {"report": 4, "region": 1} and {p.region.region for p in one} == {"测试3区"}
    assert _scopes(plan_pages(NOTEBOOKS, paths, report_year=2024)) == {"report": 4 * count}


def test_a_long_table_is_interactive_offline() -> None:
    short = pd.DataFrame({"region": [f"r{i}" for i in range(INTERACTIVE_FROM - 1)], "value": range(INTERACTIVE_FROM - 1)})
    assert not isinstance(long_table(short, "short"), LongTable)
    long = pd.DataFrame({"region": [f"地区{i}" for i in range(INTERACTIVE_FROM)], "value": range(INTERACTIVE_FROM)})
    page = long_table(long, "Thirty regions")._repr_html_()
    assert "地区29" in page and "Thirty regions" in page            # the rows, also in the static copy
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']?(https?:)?//""", page)  # nothing loaded
    assert "unpkg" not in page and "injectModule(" in page  # the bundle is inline, base64-encoded
