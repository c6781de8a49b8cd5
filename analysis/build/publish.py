"""Publish a build: every page into a temporary directory beside the output, then swap it in."""
from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
import threading
from datetime import datetime, timezone
from pathlib import Path

from analysis import __version__
from analysis.build.apidocs import FOLDER as API_FOLDER
from analysis.build.cache import BuildCache
from analysis.build.pages import REPORT_PAGES_UP_TO, Page
from analysis.build.pages import reports as report_texts
from analysis.config import DataPaths
from analysis.build.index import data_coverage, render_index

MANIFEST = "reports.json"


def build_time() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH when set (reproducible-builds convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.replace(microsecond=0).isoformat()


def carried_over(out: Path, keep: set[str]) -> list[dict]:
    """Index entries of the previous build for pages this narrowed build (--only, --region, --report-year)
    does not touch."""
    manifest = out / MANIFEST
    if not manifest.is_file():
        return []
    return [entry for entry in json.loads(manifest.read_text(encoding="utf-8"))["reports"]
            if entry["name"] not in keep and (out / entry["reader"]).is_file() and (out / entry["full"]).is_file()]


def publish(out: Path, built_pages: list[tuple[Page, Path]], carried: list[dict], paths: DataPaths,
            built: str, api: Path | None = None) -> None:
    """Write every page (and the carried-over pages of the last build, and the API reference `api`) into a
    temporary directory beside `out`, then swap it into place: readers never see a half-written set of reports."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; reports are meant to be served and shared
    try:
        reports = []
        for entry in carried:
            for page in (entry["reader"], entry["full"]):
                (staging / page).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(out / page, staging / page)
            reports.append(entry)
        for page, entry_dir in built_pages:
            outcome = BuildCache.outcome(entry_dir)
            (staging / page.name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(entry_dir / "reader.html", staging / f"{page.name}.html")
            shutil.copyfile(entry_dir / "full.html", staging / f"{page.name}.full.html")
            reports.append({"name": page.name, "title": outcome["title"], "summary": outcome["summary"],
                            "reader": f"{page.name}.html", "full": f"{page.name}.full.html", **index_fields(page)})
        reports.sort(key=lambda entry: entry["name"])
        if api is not None:
            shutil.copytree(api, staging / API_FOLDER)
        index = render_index(reports, built=built, version=__version__, data_dir_label=paths.root.name + "/",
                             coverage=data_coverage(paths), note=corpus_note(paths, reports),
                             api=f"{API_FOLDER}/index.html" if api else None)
        (staging / "index.html").write_text(index, encoding="utf-8")
        manifest = {"built": built, "version": __version__, "data_dir": str(paths.root), "reports": reports}
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def corpus_note(paths: DataPaths, entries: list[dict]) -> str:
    """For a corpus (more report texts than `pages.REPORT_PAGES_UP_TO`): which reports have pages of their own."""
    texts = len(report_texts(paths))
    if texts <= REPORT_PAGES_UP_TO:
        return ""
    with_pages = len({(e.get("region"), e.get("report_year")) for e in entries if e.get("scope") == "report"})
    return (f"The data holds {texts} reports, more than {REPORT_PAGES_UP_TO}: a build makes every region's page "
            f"and the panels, and a report's own pages for the reports asked for (build --region, --report-year "
            f"or --all-reports); {with_pages} of them have their own pages here.")


def index_fields(page: Page) -> dict:
    """What the index groups a page by: scope, region (with level and English name) and report year."""
    where = page.region
    return {"scope": page.scope, "subject": page.subject, "region": where.region if where else "",
            "region_en": where.region_en if where else "", "level": where.level if where else "",
            "report_year": page.report_year}


def _swap(staging: Path, out: Path) -> None:
    # Two renames on one file system: readers see the old or the new directory, never a mix. Ctrl+C
    # between them would leave neither, so it is ignored for these few milliseconds.
    backup = out.with_name(f".{out.name}.old-{os.getpid()}")
    main = threading.current_thread() is threading.main_thread()  # only there can a handler be set
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        if out.exists():
            os.replace(out, backup)
        try:
            os.replace(staging, out)
        except OSError:
            if backup.exists():
                os.replace(backup, out)
            raise
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
    shutil.rmtree(backup, ignore_errors=True)
