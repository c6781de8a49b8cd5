"""`import-corpus` on a small corpus written for the tests (tests/corpus_samples.py): region, level and year
from the text under file names that say nothing; manifests and table columns override; re-running adds
nothing; a changed text only with --replace; every input shape; refusals name the file and why."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.__main__ import main
from analysis.config import DATA_DIR
from analysis.staging.import_corpus import ALREADY, IMPORTED, REFUSED, REPLACED, import_corpus
from analysis.text.sources import read_sidecar
from corpus_samples import DISTRICT, EXPECTED, FILES, NATION, PROVINCE, REFUSED as REFUSALS, write_corpus


def _sidecars(data_dir: Path) -> dict[str, dict]:
    return {path.name.removesuffix(".meta.yml"): yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((data_dir / "raw").glob("*.meta.yml"))}


def test_region_level_and_year_come_from_the_text(tmp_path: Path) -> None:
    corpus, data = write_corpus(tmp_path / "corpus"), tmp_path / "new-data"
    result = import_corpus(corpus, data)
    by_label = {o.label: o for o in result.outcomes}
    for name, (region, level, year) in EXPECTED.items():
        outcome = by_label[name]
        assert (outcome.status, outcome.region, outcome.level, outcome.year) == (IMPORTED, region, level, year)
    for name, words in REFUSALS.items():
        assert by_label[name].status == REFUSED and words in by_label[name].reason
    # a new data directory starts with the shipped catalog and units
    assert (data / "indicators.yml").read_bytes() == (DATA_DIR / "indicators.yml").read_bytes()
    assert (data / "units.yml").read_bytes() == (DATA_DIR / "units.yml").read_bytes()
    metas = _sidecars(data)
    assert set(metas) == {"shandong-2024", "shandong-zaozhuang-shizhong-2024", "shandong-zaozhuang-tengzhou-2024",
                          "china-2024", "shandong-laiwu-2018"}
    shandong = metas["shandong-2024"]
    assert (shandong["region_en"], shandong["meeting_date"], shandong["publisher"], shandong["region_code"]) == (
        "Shandong Province", "2024-01-23", "测试日报", "370000")
    assert metas["shandong-zaozhuang-shizhong-2024"]["parents"] == ["全国", "山东省", "枣庄市"]
    # each text was copied byte for byte and its sidecar passes the loader's checks
    for doc in metas:
        text = data / "raw" / f"{doc}.txt"
        assert read_sidecar(text)["doc"] == doc
    assert (data / "raw" / "shandong-2024.txt").read_text(encoding="utf-8") == PROVINCE


def test_a_region_the_gazetteer_does_not_list_that_year_is_kept_with_a_warning(tmp_path: Path) -> None:
    result = import_corpus(write_corpus(tmp_path / "c", {"x.txt": FILES["0005.txt"]}), tmp_path / "d")
    (outcome,) = result.outcomes
    assert outcome.status == IMPORTED and outcome.region == "莱芜市"
    assert len(outcome.warnings) == 1 and "2018" in outcome.warnings[0] and "2017" in outcome.warnings[0]
    assert _sidecars(tmp_path / "d")["shandong-laiwu-2018"]["parents"] == ["全国", "山东省"]


def test_rerunning_adds_nothing_and_a_changed_text_needs_replace(tmp_path: Path) -> None:
    corpus, data = write_corpus(tmp_path / "c", {"a.txt": PROVINCE, "b.txt": NATION}), tmp_path / "d"
    import_corpus(corpus, data)
    before = {p.name: p.read_bytes() for p in (data / "raw").iterdir()}
    again = import_corpus(corpus, data)
    assert [o.status for o in again.outcomes] == [ALREADY, ALREADY]
    assert {p.name: p.read_bytes() for p in (data / "raw").iterdir()} == before
    (corpus / "a.txt").write_text(PROVINCE.replace("增长5%以上", "增长5.5%左右"), encoding="utf-8")
    changed = import_corpus(corpus, data)
    assert changed.outcomes[0].status == REFUSED and "--replace" in changed.outcomes[0].reason
    assert (data / "raw" / "shandong-2024.txt").read_bytes() == before["shandong-2024.txt"]
    replaced = import_corpus(corpus, data, replace=True)
    assert [o.status for o in replaced.outcomes] == [REPLACED, ALREADY]
    assert "5.5%左右" in (data / "raw" / "shandong-2024.txt").read_text(encoding="utf-8")


def test_the_same_report_twice_in_one_import_goes_in_once(tmp_path: Path) -> None:
    result = import_corpus(write_corpus(tmp_path / "c", {"a.txt": NATION, "b.txt": NATION + "\n"}), tmp_path / "d")
    assert [o.status for o in result.outcomes] == [IMPORTED, REFUSED]
    assert "a.txt" in result.outcomes[1].reason


def test_a_manifest_overrides_the_text(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {"sub/a.txt": DISTRICT})
    (corpus / "manifest.csv").write_text(
        "file,region,level,report_year,title,published,source_url,chars\n"
        "sub/a.txt,济南市市中区,district,2024,测试标题,2024-01-20,https://example.org/a,100\n", encoding="utf-8")
    (outcome,) = import_corpus(corpus, tmp_path / "d").outcomes
    assert (outcome.region, outcome.doc) == ("济南市市中区", "shandong-jinan-shizhong-2024")
    meta = _sidecars(tmp_path / "d")["shandong-jinan-shizhong-2024"]
    assert (meta["title"], meta["url"], meta["date_published"], meta["identified"]["region"]) == (
        "测试标题", "https://example.org/a", "2024-01-20", "manifest/column")


def test_a_manifest_year_the_headings_contradict_is_refused(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {"a.txt": PROVINCE})
    (corpus / "manifest.csv").write_text("file,report_year\na.txt,2023\n", encoding="utf-8")
    (outcome,) = import_corpus(corpus, tmp_path / "d").outcomes
    assert outcome.status == REFUSED and "2024" in outcome.reason and "2023年工作回顾" in outcome.reason


def test_a_csv_with_a_full_text_column(tmp_path: Path) -> None:
    table = tmp_path / "reports.csv"
    pd.DataFrame({"province": ["山东省", "", ""], "year": ["2024", "", ""], "title": ["a", "b", "c"],
                  "source_url": ["https://example.org/1", "", ""], "publish_date": ["2024-01-30", "", ""],
                  "full_text": [PROVINCE, NATION, ""]}).to_csv(table, index=False)
    outcomes = import_corpus(table, tmp_path / "d").outcomes
    assert [(o.status, o.region, o.year) for o in outcomes[:2]] == [(IMPORTED, "山东省", 2024), (IMPORTED, "全国", 2024)]
    assert outcomes[2].status == REFUSED and outcomes[2].label == "reports.csv line 4" and "empty" in outcomes[2].reason
    assert (tmp_path / "d" / "raw" / "china-2024.txt").read_text(encoding="utf-8") == NATION


def test_an_excel_file_and_json_lines(tmp_path: Path) -> None:
    workbook = tmp_path / "reports.xlsx"
    pd.DataFrame({"title": ["x"], "content": [DISTRICT]}).to_excel(workbook, index=False)
    (outcome,) = import_corpus(workbook, tmp_path / "d").outcomes
    assert (outcome.status, outcome.region) == (IMPORTED, "枣庄市市中区")
    lines = tmp_path / "reports.jsonl"
    lines.write_text(json.dumps({"title": "t", "year": 2024, "content": NATION, "url": "https://example.org"},
                                ensure_ascii=False) + "\nnot json\n", encoding="utf-8")
    first, second = import_corpus(lines, tmp_path / "e").outcomes
    assert (first.status, first.region) == (IMPORTED, "全国")
    assert second.status == REFUSED and second.label == "reports.jsonl line 2"


def test_a_table_without_a_full_text_column_is_refused_whole(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    table = tmp_path / "reports.csv"
    table.write_text("province,year,title\n山东省,2024,x\n", encoding="utf-8")
    assert main(["import-corpus", str(table), "--data-dir", str(tmp_path / "d")]) == 2
    error = capsys.readouterr().err
    assert "reports.csv" in error and "no full-text column" in error and "Traceback" not in error
    assert not (tmp_path / "d" / "raw").exists()


def test_the_command_prints_a_summary_and_says_when_some_were_refused(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture) -> None:
    corpus = write_corpus(tmp_path / "c")
    assert main(["import-corpus", str(corpus), "--data-dir", str(tmp_path / "d")]) == 1
    out = capsys.readouterr().out
    assert "imported             5" in out and "refused              2" in out
    assert "0006.txt: its report year cannot be told" in out and "0007.txt: the file is empty" in out
    assert "莱芜市 is not in the gazetteer's divisions of 2018" in out
    # the next step builds into a folder of its own: following it never replaces the shipped reports/ (issue 20)
    assert f"next: python -m analysis build --data-dir {tmp_path / 'd'} --out {tmp_path / 'd-reports'}" in out
    assert main(["import-corpus", str(corpus), "--data-dir", str(tmp_path / "d")]) == 1  # the two still refused
    assert "already there        5" in capsys.readouterr().out


def test_an_existing_directory_without_a_catalog_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "d").mkdir()
    assert main(["import-corpus", str(write_corpus(tmp_path / "c", {"a.txt": NATION})), "--data-dir",
                 str(tmp_path / "d")]) == 2
    assert "no indicators.yml" in capsys.readouterr().err
