"""Tests of analysis/build/run.py (and its helpers build_cache, export, report_index, execute)."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import analysis.build.run as build_module
from analysis.__main__ import main
from analysis.build.run import BuildError, BuildOptions, build, discover
from analysis.build.cache import notebook_key, tree_digest
from analysis.build.progress import Progress
from analysis.config import DATA_DIR, PACKAGE_DIR
from analysis.build.export import export_html, notebook_summary, notebook_title

TITLE = "测试报告：市中区 2023"
PAGES = "shizhong-district-2023"  # the folder of the one report's pages
NETWORK = re.compile(r"^\s*(https?:)?//", re.I)


def make_notebook(path: Path, *, extra: str = "", tags: tuple[str, ...] = (), chart: bool = True) -> None:
    """A small report notebook: reads values.csv from data_dir, prints the total, plots a bar chart
    (unless `chart` is False: importing matplotlib doubles the time a run of it takes)."""
    cells = [
        new_markdown_cell(f"# {TITLE}\n\nTwo sectors' growth, computed from the data.\n\n## Key findings"),
        new_code_cell("data_dir = None", metadata={"tags": ["parameters"]}),
        new_code_cell("import csv\nfrom pathlib import Path\n"
                      "rows = list(csv.DictReader(open(Path(data_dir) / 'values.csv', encoding='utf-8')))\n"
                      "print('合计', sum(float(r['value']) for r in rows))" + extra, metadata={"tags": list(tags)}),
    ] + ([
        new_markdown_cell("## Chart"),
        new_code_cell("import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(4, 3))\n"
                      "ax.bar(range(len(rows)), [float(r['value']) for r in rows])\nplt.show()"),
    ] if chart else [])
    nbformat.write(new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "language": "python",
                                                                      "display_name": "Python 3"}}), path)


@dataclass
class Project:
    root: Path
    data: Path
    notebooks: Path
    validations: list

    def options(self, **kw) -> BuildOptions:
        defaults = dict(jobs=2, data_dir=self.data, out=self.root / "reports", notebooks_dir=self.notebooks,
                        build_dir=self.root / ".build")
        return BuildOptions(**{**defaults, **kw})

    package_dir: Path = PACKAGE_DIR

    def build(self, **kw):
        return build(self.options(**kw), progress=Progress(0, io.StringIO(), bar=False),
                     prepare_data=self.validations.append, package_dir=self.package_dir)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    (data / "values.csv").write_text("label,value\n工业,3.5\n服务业,6.1\n", encoding="utf-8")
    (data / "raw" / "t.meta.yml").write_text(
        "title: 测试来源\npublisher: 市中云报\nurl: https://example.org/report\ndate_published: 2023-02-09\n"
        "region: 枣庄市市中区\nregion_en: Shizhong District\nlevel: district\nreport_year: 2023\n",
        encoding="utf-8")
    (data / "reference").mkdir()
    (data / "reference" / "hand_entered.csv").write_text(
        "indicator,value,source_url\ngdp,1,https://example.org/stats\n", encoding="utf-8")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    make_notebook(notebooks / "01-first.ipynb")
    make_notebook(notebooks / "02-second.ipynb")
    validations: list = []
    return Project(tmp_path, data, notebooks, validations)


class _ResourceLinks(HTMLParser):
    """Collects the URLs a page would load (scripts, styles, images, frames), not plain links."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.images: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed", "input"} and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])
        if tag == "object" and attrs.get("data"):
            self.urls.append(attrs["data"])
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def assert_offline(page: str) -> _ResourceLinks:
    links = _ResourceLinks()
    links.feed(page)
    assert not [url for url in links.urls if NETWORK.match(url)], "a page loads something from the network"
    for css in links.styles:
        assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", css), "a stylesheet loads a remote resource"
    assert "<script src" not in page
    return links


# --- fast unit tests ---------------------------------------------------------------------------

def test_discover_orders_numbered_notebooks_and_filters_by_name(tmp_path):
    for name in ("02-b.ipynb", "01-a.ipynb", "scratch.ipynb"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in discover(tmp_path)] == ["01-a.ipynb", "02-b.ipynb"]
    assert [p.name for p in discover(tmp_path, ("b",))] == ["02-b.ipynb"]
    assert [p.name for p in discover(tmp_path, ("01",))] == ["01-a.ipynb"]
    with pytest.raises(BuildError, match="matches no notebook; available: 01-a, 02-b"):
        discover(tmp_path, ("zzz",))
    with pytest.raises(BuildError, match="no notebooks to build"):
        discover(tmp_path / "empty")


def test_notebook_key_changes_with_each_input_and_only_then(tmp_path):
    notebook = tmp_path / "01-a.ipynb"
    notebook.write_text("{}")
    base = dict(data="d", package="p", environment="e", parameters={"data_dir": "/x"})
    key = notebook_key(notebook, **base)
    assert notebook_key(notebook, **base) == key
    for field, value in [("data", "d2"), ("package", "p2"), ("environment", "e2"), ("parameters", {"data_dir": "/y"})]:
        assert notebook_key(notebook, **{**base, field: value}) != key, field
    notebook.write_text('{"changed": 1}')
    assert notebook_key(notebook, **base) != key


def test_tree_digest_sees_content_and_names_but_not_bytecode(tmp_path):
    (tmp_path / "a.py").write_text("x = 1")
    first = tree_digest(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"junk")
    assert tree_digest(tmp_path) == first
    (tmp_path / "a.py").write_text("x = 2")
    assert tree_digest(tmp_path) != first
    (tmp_path / "a.py").rename(tmp_path / "b.py")
    assert tree_digest(tmp_path) not in (first, tree_digest(tmp_path / "missing"))


def _executed_notebook() -> nbformat.NotebookNode:
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    cells = [
        new_markdown_cell(f"# {TITLE}\n\nA [linked](https://example.org) *summary*.\n\n## One\n\n### Sub\n\n## Two"),
        new_code_cell("data_dir = None", metadata={"tags": ["parameters"]}),
        new_code_cell("hidden_by_default = 1", outputs=[new_output("stream", name="stdout", text="visible output\n")]),
        new_code_cell("shown_code = 2", metadata={"tags": ["show-input"]}),
        new_code_cell("removed_cell = 3", metadata={"tags": ["remove-cell"]},
                      outputs=[new_output("stream", name="stdout", text="removed output\n")]),
        new_code_cell("no_output = 4", metadata={"tags": ["remove-output"]},
                      outputs=[new_output("stream", name="stdout", text="dropped output\n")]),
        new_code_cell("warn = 5", outputs=[new_output("stream", name="stderr", text="SomeWarning\n"),
                                           new_output("display_data", data={"image/png": png, "text/plain": "fig"}),
                                           new_output("display_data", data={"text/markdown": "*Figure 1. Two sectors.*",
                                                                            "text/plain": "md"})]),
    ]
    return new_notebook(cells=cells)


def test_reader_version_hides_code_by_tag_and_full_version_shows_it():
    nb = _executed_notebook()
    context = {"version": "0", "notebook": "01-a.ipynb", "reader_href": "01-a.html", "full_href": "01-a.full.html"}
    reader = export_html(nb, variant="reader", context=context)
    full = export_html(nb, variant="full", context=context)
    assert "visible output" in reader and "hidden_by_default" not in reader
    assert "shown_code" in reader
    assert "removed_cell" not in reader and "removed output" not in reader
    assert "dropped output" not in reader and "SomeWarning" not in reader and "data_dir" not in reader
    for text in ("hidden_by_default", "removed_cell", "dropped output", "data_dir", "SomeWarning"):
        assert text in full
    assert '<nav class="gwr-toc"' in reader and 'href="#Sub"' in reader
    assert f"<title>{TITLE}</title>" in reader
    assert '<img alt="Figure 1. Two sectors."' in reader, "the caption is the chart's alt text"
    for page in (reader, full):
        links = assert_offline(page)
        assert links.images and all(src.startswith("data:image/png;base64,") for src in links.images)
        assert len(page.encode()) < 60_000, "the lab CSS (~256 KB) must not be inlined"


def test_title_and_summary_come_from_the_first_markdown_cell_or_metadata():
    nb = _executed_notebook()
    assert notebook_title(nb, "fallback") == TITLE
    assert notebook_summary(nb) == "A linked summary."
    nb.metadata["gwr"] = {"summary": "From metadata."}
    assert notebook_summary(nb) == "From metadata."
    assert notebook_title(new_notebook(), "fallback") == "fallback"


def test_injected_parameters_follow_the_parameters_cell():
    from analysis.build.execute import inject_parameters

    nb = _executed_notebook()
    index = inject_parameters(nb, {"data_dir": "/tmp/x"})
    assert index == 2 and nb.cells[index].metadata["tags"] == ["injected-parameters"]
    assert 'data_dir = "/tmp/x"' in nb.cells[index].source


def test_progress_prints_plain_lines_when_not_on_a_terminal():
    stream = io.StringIO()
    progress = Progress.for_stream(2, stream)
    progress.cached("01-a")
    progress.started("02-b")
    progress.finished(build_module.Outcome("02-b", 1.25))
    progress.close()
    assert stream.getvalue() == "[1/2] 01-a: unchanged, taken from the cache\n[2/2] 02-b: built in 1.2 s\n"


def test_cli_reports_bad_data_in_one_paragraph_without_traceback(capsys, tmp_path):
    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    shutil.copy(DATA_DIR / "indicators.yml", data / "indicators.yml")
    (data / "raw" / "report.txt").write_text("2023年全区生产总值增长6%。", encoding="utf-8")  # no sidecar beside it
    code = main(["build", "--data-dir", str(data), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code != 0 and "report.txt: no provenance sidecar: expected report.meta.yml beside it" in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_cli_missing_data_dir_is_a_build_error(capsys, tmp_path):
    assert main(["build", "--data-dir", str(tmp_path / "nope")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_the_cli_does_not_import_the_notebook_machinery_until_a_notebook_must_run():
    # nbformat -> jsonschema -> rfc3987-syntax costs seconds at import; a cached build must not pay it.
    code = ("import sys, analysis.__main__, analysis.build.run, analysis.build.cache, analysis.build.index; "
            "print(sorted(m for m in ('nbformat', 'jsonschema', 'nbclient', 'nbconvert', 'papermill', 'pandas') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_workers_skip_rfc3987_syntax_and_still_validate_notebooks():
    # issue 4: rfc3987-syntax costs ~1-3 s at import; jsonschema only needs it for "iri" formats.
    code = ("import sys, analysis.build.execute, nbformat, nbformat.v4 as v4; "
            "nbformat.validate(v4.new_notebook(cells=[v4.new_code_cell('1')])); "
            "bad = v4.new_notebook(); bad['cells'] = [{'cell_type': 'code'}]; "
            "print(sys.modules['rfc3987_syntax'], nbformat.validator.isvalid(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "None False"


# --- builds that execute notebooks ---------------------------------------------------------------

@pytest.mark.slow
def test_build_executes_in_parallel_then_serves_everything_from_the_cache(project):
    first = project.build()
    assert first.executed == (f"{PAGES}/01-first", f"{PAGES}/02-second") and first.cached == ()
    out = project.root / "reports"
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert [f for f in files if not f.startswith("api/")] == [
        "index.html", "reports.json", f"{PAGES}/01-first.full.html", f"{PAGES}/01-first.html",
        f"{PAGES}/02-second.full.html", f"{PAGES}/02-second.html"]
    assert {"api/index.html", "api/analysis.html", "api/analysis/analyses/api.html"} <= set(files)  # the API reference
    for page in out.rglob("*.html"):
        links = assert_offline(page.read_text(encoding="utf-8"))
        assert all(src.startswith("data:image/" + ("svg+xml" if page.is_relative_to(out / "api") else "png"))
                   for src in links.images), page  # charts as PNG; the API reference's pdoc logo as SVG
        assert page.stat().st_size < 300_000
    reader = (out / PAGES / "01-first.html").read_text(encoding="utf-8")
    assert "合计 9.6" in reader and "DictReader" not in reader and "<img" in reader
    assert "DictReader" in (out / PAGES / "01-first.full.html").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    for expected in (TITLE, "Two sectors", f'href="{PAGES}/01-first.html"', f'href="{PAGES}/02-second.full.html"',
                     'href="api/index.html"', "gwr-build-time", build_module.__version__):
        assert expected in index
    assert '"Noto Sans CJK SC"' in index, "the stylesheet is inlined unescaped"
    assert "(枣庄市市中区 2023)" in index and f"<title>{TITLE} · 枣庄市市中区 2023</title>" in reader
    # each page lists the documents behind its figures: the index is a list of pages, no list of sources
    assert "https://example.org/stats" not in index and "测试来源" not in index
    assert project.validations == [project.data]

    second = project.build()
    assert second.executed == () and second.cached == (f"{PAGES}/01-first", f"{PAGES}/02-second")
    assert project.validations == [project.data], "unchanged data is not validated again"


@pytest.mark.slow
def test_cache_misses_on_each_input_kind(project, monkeypatch, tmp_path):
    for notebook in project.notebooks.glob("*.ipynb"):  # eleven runs: charts are not what this is about
        make_notebook(notebook, chart=False)
    package_copy = tmp_path / "package"
    shutil.copytree(PACKAGE_DIR, package_copy, ignore=shutil.ignore_patterns("__pycache__"))
    project.package_dir = package_copy
    project.build(jobs=1)

    make_notebook(project.notebooks / "01-first.ipynb", extra="\nprint('edited')", chart=False)
    assert project.build().executed == (f"{PAGES}/01-first",), "notebook source"

    (project.data / "values.csv").write_text("label,value\n工业,1\n服务业,2\n", encoding="utf-8")
    assert project.build().executed == (f"{PAGES}/01-first", f"{PAGES}/02-second"), "data file"
    assert "合计 3.0" in (project.root / "reports" / PAGES / "02-second.html").read_text(encoding="utf-8")
    assert len(project.validations) == 2, "changed data is validated again"

    (package_copy / "growth.py").write_text("# changed\n", encoding="utf-8")
    assert project.build().executed == (f"{PAGES}/01-first", f"{PAGES}/02-second"), "analysis package source"

    moved = tmp_path / "data-copy"
    shutil.copytree(project.data, moved)
    assert project.build(data_dir=moved).executed == (f"{PAGES}/01-first", f"{PAGES}/02-second"), "parameters (data_dir)"

    assert project.build(force=True).executed == (f"{PAGES}/01-first", f"{PAGES}/02-second"), "--force"
    assert project.build(only=("second",)).executed == ()


@pytest.mark.slow
def test_failure_names_notebook_cell_and_exception_and_leaves_old_reports(project):
    project.build()
    out = project.root / "reports"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    make_notebook(project.notebooks / "02-second.ipynb", extra="\nraise ValueError('国内生产总值 missing')")
    with pytest.raises(BuildError) as caught:
        project.build()
    message = str(caught.value)
    failed = project.root / ".build" / "failed" / PAGES / "02-second.ipynb"
    assert "02-second.ipynb" in message and "cell 2 (counting from 0: `import csv`)" in message
    assert "ValueError: 国内生产总值 missing" in message and str(failed) in message
    assert "\n" not in message and "left untouched" in message
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".reports")], "no temporary directory left"
    executed = nbformat.read(failed, as_version=4)
    assert any(o.output_type == "error" and o.ename == "ValueError" for c in executed.cells for o in c.get("outputs", []))

    make_notebook(project.notebooks / "02-second.ipynb")
    assert project.build().executed == (f"{PAGES}/02-second",), "01 stayed cached through the failure"
    assert not failed.exists()


@pytest.mark.slow
def test_two_builds_of_the_same_inputs_are_identical(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project.build(out=project.root / "a", force=True)
    project.build(out=project.root / "b", force=True)
    a, b = project.root / "a", project.root / "b"
    pages = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert pages == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for page in pages:
        assert (a / page).read_bytes() == (b / page).read_bytes(), page
    assert "2023-11-14T22:13:20+00:00" in (a / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_only_rebuilds_one_report_and_keeps_the_others(project):
    project.build()
    make_notebook(project.notebooks / "01-first.ipynb", extra="\nprint('only this one')")
    result = project.build(only=("01-first",))
    assert result.executed == (f"{PAGES}/01-first",)
    out = project.root / "reports"
    assert "only this one" in (out / PAGES / "01-first.html").read_text(encoding="utf-8")
    assert (out / PAGES / "02-second.html").exists()
    manifest = json.loads((out / "reports.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in manifest["reports"]] == [f"{PAGES}/01-first", f"{PAGES}/02-second"]


@pytest.mark.slow
def test_data_dir_runs_on_another_data_set_and_passes_it_to_the_notebooks(project, tmp_path):
    other = tmp_path / "other-region"
    shutil.copytree(project.data, other)
    (other / "values.csv").write_text("label,value\n农业,40\n服务业,2\n", encoding="utf-8")
    original = (project.data / "values.csv").read_bytes()
    project.build(data_dir=other, out=tmp_path / "other-reports", jobs=1)
    assert "合计 42.0" in (tmp_path / "other-reports" / PAGES / "01-first.html").read_text(encoding="utf-8")
    assert "other-region/" in (tmp_path / "other-reports" / "index.html").read_text(encoding="utf-8")
    assert project.validations == [other]
    assert (project.data / "values.csv").read_bytes() == original
    assert not (project.root / "reports").exists()
