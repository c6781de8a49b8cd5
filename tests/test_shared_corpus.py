"""The README's "Import a corpus" commands on texts written here, and the import of ../shared/corpus: every
report's region, level and year as its manifest says, from the text alone; built, the panel page shows
the provinces' 2026 GDP growth targets as their texts state them."""
from __future__ import annotations

import csv
import html
import re
import shlex
import shutil
from pathlib import Path

import pytest

from analysis.__main__ import main
from analysis.config import ROOT
from analysis.staging.import_corpus import IMPORTED, import_corpus
from corpus_samples import NATION, PROVINCE, write_corpus

SHARED = ROOT.parent / "shared" / "corpus"
needs_shared = pytest.mark.skipif(not (SHARED / "manifest.csv").is_file(),
                                  reason=f"the shared corpus is not at {SHARED}")


def _readme_commands() -> list[list[str]]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Import a corpus", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    commands = [shlex.split(line) for line in block.splitlines() if line.strip()]
    assert all(c[:3] == [".venv/bin/python", "-m", "analysis"] for c in commands)
    return [c[3:] for c in commands]


def _label(value: str, qualifier: str, high: str | None) -> str:
    """How a page writes a target, from the words of the text: 5%以上 → ≥5%, 5%左右 → ≈5%, 5%—5.5% → 5–5.5%."""
    if high:
        return f"{value}–{high}%"
    return {"以上": "≥", "左右": "≈", "": ""}[qualifier] + f"{value}%"


@pytest.mark.slow
def test_the_readme_import_and_build(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": PROVINCE, "b.txt": NATION})
    names = {"path/to/corpus": str(corpus), "corpus-data": str(tmp_path / "corpus-data"),
             "corpus-reports": str(tmp_path / "corpus-reports")}
    for command in _readme_commands():
        argv = [names.get(arg, arg) for arg in command]
        assert main(argv + ["--build-dir", str(tmp_path / ".build")] if argv[0] == "build" else argv) == 0, argv
    panel = html.unescape((tmp_path / "corpus-reports" / "05-levels-and-peers.html").read_text(encoding="utf-8"))
    # the province's 2024 target 地区生产总值增长5%以上 against the nation's 国内生产总值增长5%左右 (the ranked chart's text)
    assert "highest first: 山东省 ≥5%; the nation's 2024 target ≈5% as a grey band" in panel
    assert (tmp_path / "corpus-reports" / "shandong-province-2024" / "03-target-ambition.html").is_file()


@needs_shared
def test_the_shared_reports_are_identified_from_their_text_alone(tmp_path: Path) -> None:
    """The texts under names that say nothing and without the manifest: region, level and year as the manifest gives."""
    rows = list(csv.DictReader((SHARED / "manifest.csv").read_text(encoding="utf-8").splitlines()))
    folder = tmp_path / "anonymous"
    folder.mkdir()
    for index, row in enumerate(rows):
        shutil.copyfile(SHARED / row["file"], folder / f"{index:04d}.txt")
    outcomes = {o.label: o for o in import_corpus(folder, tmp_path / "data").outcomes}
    found = [(outcomes[f"{i:04d}.txt"].status, outcomes[f"{i:04d}.txt"].region, outcomes[f"{i:04d}.txt"].level,
              outcomes[f"{i:04d}.txt"].year) for i in range(len(rows))]
    assert found == [(IMPORTED, row["region"], row["level"], int(row["report_year"])) for row in rows]


@needs_shared
@pytest.mark.slow
def test_the_shared_corpus_builds_and_the_panel_shows_every_province_s_gdp_target(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "reports"
    assert main(["import-corpus", str(SHARED), "--data-dir", str(data)]) == 0
    assert main(["build", "--data-dir", str(data), "--out", str(out), "--build-dir", str(tmp_path / ".build")]) == 0
    index = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    assert "The data holds 35 reports, more than 12" in index and "0 of them have their own pages here" in index
    panel = html.unescape((out / "05-levels-and-peers.html").read_text(encoding="utf-8"))
    ranked = panel.split("2026 GDP growth targets, level province, highest first: ", 1)[1].split(" as a grey band", 1)[0]
    provinces = [row for row in csv.DictReader((SHARED / "manifest.csv").read_text(encoding="utf-8").splitlines())
                 if row["level"] == "province"]
    assert len(provinces) == 16
    target = re.compile(r"主要预期目标[^。]{0,20}?(?:地区生产总值|经济)增长(\d+(?:\.\d+)?)%(?:[—-](\d+(?:\.\d+)?)%)?(以上|左右)?")
    for row in provinces:
        value, high, qualifier = target.search((SHARED / row["file"]).read_text(encoding="utf-8")).groups()
        assert f"{row['region']} {_label(value, qualifier or '', high)};" in ranked, row["region"]
    # …and then every report's own pages too (--all-reports): each of the 35 texts goes from text to its
    # pages (issue 17: every shared report extracts and builds), only the new pages are built
    assert main(["build", "--data-dir", str(data), "--out", str(out), "--build-dir", str(tmp_path / ".build"),
                 "--all-reports"]) == 0
    for row in csv.DictReader((SHARED / "manifest.csv").read_text(encoding="utf-8").splitlines()):
        pages = [p for p in out.glob(f"*-{row['report_year']}/03-target-ambition.html")
                 if row["region"] in p.read_text(encoding="utf-8")[:2000]]
        assert pages, f"no target page for {row['region']} {row['report_year']}"
