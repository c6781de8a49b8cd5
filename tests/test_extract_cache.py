"""Each document's extraction is kept beside the table: a refresh after adding one report extracts that one."""
from __future__ import annotations

from pathlib import Path

from analysis.config import data_paths
from analysis.staging import pipeline
from analysis.staging.import_corpus import import_corpus
from analysis.staging.pipeline import extract_all, refresh_data, to_csv_text
from corpus_samples import COUNTY, NATION, PROVINCE, write_corpus


def _counting(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = pipeline.extract_documents

    def counted(extract, documents, jobs=None):
        calls.append(len(documents))
        return real(extract, documents, 1)
    monkeypatch.setattr(pipeline, "extract_documents", counted)
    return calls


def test_a_refresh_extracts_only_new_or_changed_documents(tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "d"
    import_corpus(write_corpus(tmp_path / "c", {"a.txt": PROVINCE, "b.txt": NATION}), data)
    calls = _counting(monkeypatch)
    refresh_data(data)
    assert calls == [2]
    refresh_data(data)
    assert calls == [2]                       # nothing new: every document from the cache
    import_corpus(write_corpus(tmp_path / "c2", {"c.txt": COUNTY}), data)
    refresh_data(data)
    assert calls == [2, 1]                    # the added report only
    sidecar = data / "raw" / "china-2024.meta.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("report_year: 2024", "report_year: 2024\n# edited"),
                       encoding="utf-8")
    refresh_data(data)
    assert calls == [2, 1, 1]                 # a changed sidecar: that document again
    cached = to_csv_text(extract_all(data))
    monkeypatch.undo()
    for entry in data_paths(data).processed.glob(".extract-*.pkl"):
        entry.unlink()
    assert to_csv_text(extract_all(data)) == cached   # the same table as extracting afresh


def test_a_read_only_check_writes_no_entry(tmp_path: Path) -> None:
    data = tmp_path / "d"
    import_corpus(write_corpus(tmp_path / "c", {"a.txt": NATION}), data)
    extract_all(data)   # as `validate` reads: nothing installed, so nothing kept
    processed = data_paths(data).processed
    assert not processed.exists() or not list(processed.glob(".extract-*"))
