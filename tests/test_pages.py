"""Tests for analysis/build/pages.py: which pages a build makes and what data each one's cache key covers."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.build.pages import Region, plan_pages, regions, reports, view_digest
from analysis.config import data_paths
from analysis.text.sources import sees

HAND_HEADER = "doc,region,region_en,level,report_year,indicator,value,source_url\n"


def notebook(folder: Path, name: str, scope: str | None = None) -> Path:
    metadata = {"gwr": {"scope": scope}} if scope else {}
    path = folder / name
    path.write_text(json.dumps({"cells": [], "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}))
    return path


def add_report(data: Path, doc: str, region: str, region_en: str, level: str, year: int) -> None:
    (data / "raw" / f"{doc}.txt").write_text(f"{year}年工作回顾", encoding="utf-8")
    (data / "raw" / f"{doc}.meta.yml").write_text(
        f"doc: {doc}\nregion: {region}\nregion_en: {region_en}\nlevel: {level}\nreport_year: {year}\n", encoding="utf-8")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    (root / "raw").mkdir(parents=True)
    (root / "reference").mkdir()
    (root / "indicators.yml").write_text("[]\n", encoding="utf-8")
    add_report(root, "sz-2023", "枣庄市市中区", "Shizhong District, Zaozhuang", "district", 2023)
    add_report(root, "sz-2024", "枣庄市市中区", "Shizhong District, Zaozhuang", "district", 2024)
    (root / "reference" / "hand_entered.csv").write_text(
        HAND_HEADER + "cn-2023,全国,China,nation,2023,gdp,5,https://example.org/a\n"
        "sd-2023,山东省,Shandong Province,province,2023,gdp,5,https://example.org/b\n", encoding="utf-8")
    return root


def test_a_report_sees_its_own_region_and_higher_levels_only() -> None:
    assert sees("枣庄市市中区", "district", "枣庄市市中区", "district")
    assert sees("枣庄市市中区", "district", "全国", "nation") and sees("枣庄市市中区", "district", "枣庄市", "city")
    assert not sees("枣庄市市中区", "district", "薛城区", "district"), "a peer district"
    assert not sees("山东省", "province", "枣庄市", "city"), "a lower level"


def test_slug_comes_from_the_english_name() -> None:
    assert Region("枣庄市市中区", "Shizhong District, Zaozhuang, Shandong", "district").slug == \
        "shizhong-district-zaozhuang-shandong"
    assert Region("测试县", "", "district").slug.startswith("region-")


def test_pages_per_report_per_region_and_once_for_the_panel(data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "nb"
    folder.mkdir()
    books = [notebook(folder, "01-a.ipynb"), notebook(folder, "04-trends.ipynb", "region"),
             notebook(folder, "05-peers.ipynb", "panel")]
    paths = data_paths(data)
    assert [(r.region, y) for r, y in reports(paths)] == [("枣庄市市中区", 2023), ("枣庄市市中区", 2024)]
    assert [r.region for r in regions(paths)] == ["枣庄市市中区", "全国", "山东省"]
    names = [page.name for page in plan_pages(books, paths)]
    # reports newest first within a region, region pages from the top level down, the panel last
    assert names == ["shizhong-district-zaozhuang-2024/01-a", "shizhong-district-zaozhuang-2023/01-a",
                     "china/04-trends", "shandong-province/04-trends", "shizhong-district-zaozhuang/04-trends",
                     "05-peers"]
    pages = {page.name: page for page in plan_pages(books, paths)}
    assert pages["shizhong-district-zaozhuang-2023/01-a"].parameters == {"region": "枣庄市市中区", "report_year": 2023}
    assert pages["china/04-trends"].parameters == {"region": "全国"} and pages["05-peers"].parameters == {}
    narrowed = [page.name for page in plan_pages(books, paths, region="枣庄市市中区", report_year=2023)]
    assert narrowed == ["shizhong-district-zaozhuang-2023/01-a"]


def test_a_pages_key_changes_with_what_it_reads_and_not_with_a_peer(data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "nb"
    folder.mkdir()
    paths = data_paths(data)
    page = plan_pages([notebook(folder, "01-a.ipynb")], paths, report_year=2023)[0]
    before = view_digest(paths, page)
    add_report(data, "xc-2023", "薛城区", "Xuecheng District", "district", 2023)  # a peer district
    assert view_digest(paths, page) == before
    with (data / "reference" / "hand_entered.csv").open("a", encoding="utf-8") as out:
        out.write("zz-2023,枣庄市,Zaozhuang,city,2023,gdp,6,https://example.org/c\n")  # its city's target
    after_city = view_digest(paths, page)
    assert after_city != before
    (data / "raw" / "sz-2024.txt").write_text("2024年工作回顾，修订", encoding="utf-8")  # its next report
    assert view_digest(paths, page) != after_city
