"""The extractor on whole reports, measured against gold written by eye (tests/gold/, issue 17): the bars the
issue sets, on the texts of ../shared/corpus (skipped without them). benchmarks/accuracy.py prints the same
measures per document and by phenomenon."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from analysis.config import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not beside the clone")


@pytest.fixture(scope="module")
def accuracy():
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(accuracy):
    return accuracy.scores()


def test_every_gold_row_points_at_its_number(accuracy) -> None:
    checked = 0
    for pattern in ("parts-*.csv", "targets-*.csv", "review-*.csv", "full/*.csv"):
        for _, row in accuracy.gold(pattern).iterrows():
            text = accuracy.text_of(row["file"])
            start = int(row["start"])
            if "number" in row and isinstance(row.get("number"), str) and row["number"]:
                assert text[start:start + len(row["number"])] == row["number"], (row["file"], row["anchor"])
            else:
                assert text[start:start + 40].lstrip().startswith(row["heading"][:6]), (row["file"], row["heading"])
            checked += 1
    assert checked > 1500


@pytest.mark.parametrize(("measure", "bar"), [
    ("main-target recall", 0.99),
    ("headline-review recall", 0.97),
    ("precision: kind and period", 0.97),
    ("targets not in a review part", 1.0),
    ("multi-year goals not annual", 1.0),
    ("national headline targets, one value", 1.0),
])
def test_the_bars_of_issue_17(scores, measure: str, bar: float) -> None:
    score = scores[measure]
    assert score.total > 0
    assert score.rate >= bar, f"{measure}: {score.right}/{score.total}; first errors: {score.errors[:5]}"


def test_every_shared_text_extracts_into_rows_the_table_holds(accuracy) -> None:
    from analysis.staging.schema import set_aside
    from analysis.config import DATA_DIR

    import pandas as pd
    frames = []
    for file, meta in accuracy.manifest().items():
        facts = accuracy.extracted(file).copy()
        facts = facts.assign(doc="d", region=meta["region"], region_en="x", level=meta["level"],
                             report_year=int(meta["report_year"]), source="extracted", source_url=pd.NA,
                             source_note=pd.NA)
        frames.append(facts)
    table = pd.concat(frames, ignore_index=True).astype({"report_year": "Int64", "period": "Int64",
                                                         "decimals": "Int64", "start": "Int64", "end": "Int64",
                                                         "quote_start": "Int64"})
    held, refused = set_aside(table, DATA_DIR / "indicators.yml")
    assert len(held) > 4000
    assert refused.empty, refused[["region", "value", "reason"]].head().to_string()


def test_the_national_check_against_the_hand_entered_targets(accuracy) -> None:
    # Every national target of data/reference/hand_entered.csv (typed in from other pages) for a year whose
    # report is in the corpus: the report's text gives one annual target for it, equal to a hand-entered one.
    import pandas as pd
    from analysis.config import DATA_DIR
    hand = pd.read_csv(DATA_DIR / "reference" / "hand_entered.csv")
    hand = hand[hand["region"].eq("全国") & hand["kind"].eq("target") & hand["value"].notna()]
    reports = {int(meta["report_year"]): file for file, meta in accuracy.manifest().items() if meta["level"] == "nation"}
    checked, wrong = 0, []
    for (indicator, period), rows in hand.groupby(["indicator", "period"]):
        if period not in reports:
            continue
        facts = accuracy.extracted(reports[period])
        found = facts[facts["kind"].eq("target") & facts["indicator"].eq(indicator) & facts["period"].eq(period)
                      & facts["horizon"].eq("annual")]
        values = set(zip(found["value"], found["qualifier"].fillna("-")))
        typed = set(zip(rows["value"], rows["qualifier"].fillna("-")))
        checked += 1
        if len(values) != 1 or not values <= typed:
            wrong.append((indicator, period, sorted(values), sorted(typed)))
    assert checked >= 40 and not wrong, wrong
