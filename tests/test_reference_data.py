"""The hand-entered reference figures: every row cited and quoted, loaded through the schema, the national panel complete."""
from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

from analysis.config import DATA_DIR, data_paths
from analysis.errors import DataError
from analysis.staging.absences import NO_TARGET
from analysis.staging.load import HAND_ENTERED_COLUMNS, HAND_ENTERED_OPTIONAL, load_hand_entered

CHINESE_PHRASE = re.compile(r"[\u4e00-\u9fff]{2,}")
# Pages in another language are allowed only when the note says so and quotes them.
FOREIGN = re.compile(r"ENGLISH|JAPANESE")


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    with data_paths().hand_entered.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_row_cites_a_url_and_quotes_the_page(rows: list[dict]) -> None:
    assert rows and set(rows[0]) == {*HAND_ENTERED_COLUMNS, *HAND_ENTERED_OPTIONAL} - {"horizon", "value_from"}
    for line, row in enumerate(rows, start=2):
        assert re.match(r"https?://\S+$", row["source_url"]), f"row {line}: no http(s) URL"
        note = row["source_note"]
        assert CHINESE_PHRASE.search(note) or (FOREIGN.search(note) and '"' in note), \
            f"row {line}: the note quotes no Chinese wording and flags no foreign-language page: {note!r}"


def test_every_hand_entered_document_is_cited_with_issuer_title_and_date() -> None:
    from analysis.staging.reference import load_documents, undescribed_docs

    paths = data_paths()
    documents = load_documents(paths.documents)
    assert undescribed_docs(load_hand_entered(), documents, paths.raw) == []
    assert documents["issuer"].notna().all() and documents["title"].notna().all()
    # the nation's reports of the shared corpus name their meeting and date
    corpus = documents[documents["doc"].isin([f"china-{y}-report" for y in (*range(2006, 2016), 2022, 2023, 2025)])]
    assert len(corpus) == 13 and corpus["meeting"].str.contains("全国人大").all()
    assert corpus["published"].str.fullmatch(r"20\d\d-03-05").all()


def test_file_loads_through_the_schema() -> None:
    hand = load_hand_entered()
    assert len(hand) > 250
    assert set(hand["region"]) >= {"全国", "山东省", "枣庄市", "枣庄市市中区"}


def test_nation_has_a_gdp_target_and_outcome_for_every_year_and_2020_says_none() -> None:
    hand = load_hand_entered()
    gdp = hand[(hand["region"] == "全国") & (hand["indicator"] == "gdp") & (hand["measure"] == "growth")]
    targets, outcomes = gdp[gdp["kind"] == "target"], gdp[gdp["kind"] == "actual"]
    assert set(range(2006, 2026)) <= set(targets["period"]) and set(range(2006, 2026)) <= set(outcomes["period"])
    absent = targets[targets["qualifier"] == NO_TARGET]
    assert list(absent["period"]) == [2020] and absent["value"].isna().all()
    assert "没有提出" in absent.iloc[0]["source_note"]


def test_a_no_target_row_with_a_value_is_refused(tmp_path) -> None:
    (tmp_path / "reference").mkdir()
    (tmp_path / "indicators.yml").write_text((DATA_DIR / "indicators.yml").read_text(encoding="utf-8"), encoding="utf-8")
    header = ",".join(HAND_ENTERED_COLUMNS)
    good = "c,全国,China,nation,2020,gdp,国内生产总值,target,2020,growth,,,%,no_target,false,http://x.org,没有提出"
    path = tmp_path / "reference" / "hand_entered.csv"
    path.write_text(f"{header}\n{good}\n", encoding="utf-8")
    assert pd.isna(load_hand_entered(path).iloc[0]["value"])
    for bad, found in [(good.replace(",growth,,,", ",growth,6,,"), "found value 6.0"),
                       (good.replace("no_target", "about"), "found value empty with qualifier 'about'"),
                       (good.replace(",target,", ",actual,"), "kind 'actual'")]:
        path.write_text(f"{header}\n{bad}\n", encoding="utf-8")
        with pytest.raises(DataError, match=found) as err:
            load_hand_entered(path)
        assert "row 2" in str(err.value) and "no_target" in str(err.value)
