"""The shipped data: the seed is untouched, the processed table is current, the sidebar agrees."""
from __future__ import annotations

import hashlib

import pandas as pd

from analysis.extract.catalog import load_catalog
from analysis.config import ROOT, data_paths
from analysis.staging.load import load_indicators
from analysis.staging.pipeline import extract_all, to_csv_text
from analysis.reconciled.reconcile import find_conflicts
from analysis.text.sources import raw_documents, read_sidecar

SEED_SHA256 = "7b388d7f9ef5f35f7b2a8107ec10d50b77b4d01d88e840d07fad3d7fd3214c67"
REQUIRED_IDS = {
    "gdp": ["生产总值", "地区生产总值", "地方生产总值", "国内生产总值", "GDP"],
    "general_budget_revenue": ["一般公共预算收入", "地方一般公共预算收入", "财政一般预算收入"],
    "public_expenditure": ["一般公共预算支出", "公共财政支出"],
    "fixed_asset_investment": ["固定资产投资"],
    "industrial_value_added": ["规模以上工业增加值", "规上工业增加值"],
    "retail_sales": ["社会消费品零售总额"],
    "trade_total": ["进出口总额", "外贸进出口总额"],
    "fdi_utilized": ["实际利用外资", "实际使用外资"],
    "disposable_income_per_capita": ["居民人均可支配收入"],
    "livelihood_spending": ["民生支出"],
    "high_tech_enterprises": ["高新技术企业"],
}


def test_seed_text_is_byte_identical_to_the_shared_copy() -> None:
    raw = (data_paths().raw / "shizhong-2023.txt").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SEED_SHA256
    shared = ROOT.parent / "shared" / "seed" / "shizhong-2023-newspaper.txt"
    if shared.exists():  # beside the clone on CI and on developer machines
        assert raw == shared.read_bytes()


def test_every_raw_document_has_a_complete_sidecar() -> None:
    for path in raw_documents(data_paths().raw):
        meta = read_sidecar(path)
        assert meta["doc"] == path.stem
    meta = read_sidecar(data_paths().raw / "shizhong-2023.txt")
    assert (meta["region"], meta["level"], meta["report_year"]) == ("枣庄市市中区", "district", 2023)
    assert (meta["review_year"], meta["plan_year"], meta["meeting_date"].isoformat()) == (2022, 2023, "2023-02-08")
    assert meta["sha256"] == SEED_SHA256


def test_catalog_has_the_required_indicators_and_aliases() -> None:
    catalog = load_catalog()
    for indicator, aliases in REQUIRED_IDS.items():
        assert set(aliases) <= set(catalog.at[indicator, "aliases"]), indicator
    assert catalog.at["gdp", "growth_basis"] == "real"
    assert catalog.at["industrial_value_added", "growth_basis"] == "real"
    assert catalog.at["general_budget_revenue", "growth_basis"] == "nominal"


def test_processed_table_is_up_to_date_with_the_extractor() -> None:
    committed = data_paths().extracted.read_text(encoding="utf-8")
    assert committed == to_csv_text(extract_all()), "run `make extract` and commit data/processed/indicators.csv"


def test_processed_table_loads_with_quotes_and_spans_checked() -> None:
    table = load_indicators()
    extracted = table[table["source"].eq("extracted")]
    assert len(extracted) > 0 and extracted["quote"].notna().all()
    assert table.loc[table["source"].eq("hand_entered"), "source_url"].notna().all()


def test_sidebar_figures_agree_with_the_main_article() -> None:
    seed = load_indicators()
    seed = seed[seed["doc"].eq("shizhong-2023")]
    checks = find_conflicts(seed)
    # The sidebar repeats the 8 headline review figures and the income level (its growth is cut off).
    assert len(checks) == 9
    assert checks["status"].eq("agree").all(), checks[checks["status"].ne("agree")]


def test_hand_entered_rows_all_cite_a_url() -> None:
    table = load_indicators()
    hand = table[table["source"].eq("hand_entered")]
    assert len(hand) > 0
    assert hand["source_url"].str.startswith("http").all()
    assert pd.isna(hand["start"]).all()
