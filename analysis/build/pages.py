"""Which pages a build makes: each notebook once per report, per region or once for the panel, and what each reads.

A notebook's scope is in its metadata (`{"gwr": {"scope": "report" | "region" | "panel"}}`, default
report). Reports are the raw texts' sidecars; regions are every region with figures (texts or
hand-entered rows). Read with yaml and csv only: a build with nothing to do never loads pandas.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


from analysis.build.cache import file_digest, tree_digest
from analysis.config import DataPaths
from analysis.text.encoding import read_user_text
from analysis.text.sources import LEVELS, SIDECAR_SUFFIX, load_yaml, sees

SCOPES = ("report", "region", "panel")
# Build cost follows what the reader needs: up to this many report texts, a build makes every page; above
# it (a corpus), the region and panel pages, and a report's own pages only for the reports asked for
# (--region, --report-year) or for all with --all-reports. README "Import a corpus" states the rule.
REPORT_PAGES_UP_TO = 12


@dataclass(frozen=True)
class Region:
    """A region as the data names it, with its level of government."""

    region: str
    region_en: str
    level: str

    @property
    def slug(self) -> str:
        """A file-name-safe name: 'Shizhong District, Zaozhuang, Shandong' -> 'shizhong-district-zaozhuang-shandong'."""
        slug = re.sub(r"[^a-z0-9]+", "-", self.region_en.lower()).strip("-")
        return slug or "region-" + hashlib.sha1(self.region.encode()).hexdigest()[:8]


@dataclass(frozen=True)
class Page:
    """One page of a build: a notebook run with parameters, and the part of the data it reads."""

    name: str
    notebook: Path
    scope: str
    parameters: dict = field(default_factory=dict)
    subject: str = ""
    region: Region | None = None
    report_year: int | None = None

    def sort_key(self) -> tuple:
        level = LEVELS.index(self.region.level) if self.region and self.region.level in LEVELS else len(LEVELS)
        return (SCOPES.index(self.scope) if self.scope != "report" else 0, level,
                self.region.region if self.region else "", -(self.report_year or 0), self.notebook.name)


def notebook_scope(notebook: Path) -> str:
    """The scope a notebook declares in its metadata (report when it declares none)."""
    metadata = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    scope = metadata.get("gwr", {}).get("scope", "report")
    if scope not in SCOPES:
        raise ValueError(f"{notebook}: metadata gwr.scope must be one of {', '.join(SCOPES)}, found {scope!r}")
    return scope


def reports(paths: DataPaths) -> list[tuple[Region, int]]:
    """(region, report year) of every raw text's sidecar, in file-name order, each once."""
    found: list[tuple[Region, int]] = []
    for meta in _sidecars(paths).values():
        if meta.get("region") and isinstance(meta.get("report_year"), int):
            entry = (_region(meta), meta["report_year"])
            if entry not in found:
                found.append(entry)
    return found


def regions(paths: DataPaths) -> list[Region]:
    """Every region with figures: those of the report texts, then those of hand-entered rows."""
    found = {region.region: region for region, _ in reports(paths)}
    for row in _rows(paths.hand_entered):
        if row.get("region") and row["region"] not in found:
            found[row["region"]] = _region(row)
    return list(found.values())


def report_pages_wanted(paths: DataPaths, region: str | None = None, report_year: int | None = None,
                        all_reports: bool = False) -> bool:
    """Whether a build makes the reports' own pages: always for a few reports (`REPORT_PAGES_UP_TO`),
    for a corpus only when asked (a region or report year named, or all reports)."""
    return all_reports or region is not None or report_year is not None or len(reports(paths)) <= REPORT_PAGES_UP_TO


def plan_pages(notebooks: list[Path], paths: DataPaths, region: str | None = None,
               report_year: int | None = None, all_reports: bool = False) -> list[Page]:
    """Every page of `notebooks` over the data, narrowed to `region` / `report_year` when given; for a
    corpus, a report's own pages only when asked for (`report_pages_wanted`)."""
    pages = []
    with_reports = report_pages_wanted(paths, region, report_year, all_reports)
    for notebook in notebooks:
        scope, stem = notebook_scope(notebook), notebook.stem
        if scope == "report" and not with_reports:
            continue
        if scope == "report":
            pages += [Page(f"{where.slug}-{year}/{stem}", notebook, scope,
                           {"region": where.region, "report_year": year}, f"{where.region} {year}", where, year)
                      for where, year in reports(paths)
                      if region in (None, where.region) and report_year in (None, year)]
        elif scope == "region":
            pages += [Page(f"{where.slug}/{stem}", notebook, scope, {"region": where.region}, where.region, where)
                      for where in regions(paths) if region in (None, where.region) and report_year is None]
        elif region is None and report_year is None:
            pages.append(Page(stem, notebook, scope, {}, "all reports"))
    return sorted(pages, key=Page.sort_key)


@dataclass(frozen=True)
class DataIndex:
    """What every page's key reads of a data directory, listed once per build: each file's (relative path,
    doc for a raw file else '', digest), in path order, without the tables read row by row and dotfiles;
    and each sidecar's fields by doc."""

    files: tuple[tuple[str, str, str], ...]
    sidecars: dict[str, dict]


def data_index(paths: DataPaths) -> DataIndex:
    """The `DataIndex` of `paths` as it is now."""
    filtered = {paths.extracted, paths.hand_entered, paths.corrections}
    files = []
    for path in sorted(p for p in paths.root.rglob("*") if p.is_file() and p not in filtered):
        if path.name.startswith("."):
            continue
        relative = path.relative_to(paths.root)
        files.append((relative.as_posix(), _doc_of(path) if relative.parts[0] == paths.raw.name else "",
                      _file_digest(path)))
    return DataIndex(tuple(files), _sidecars(paths))


def view_digest(paths: DataPaths, page: Page, index: DataIndex | None = None) -> str:
    """SHA-256 of the data a page reads: its region's and higher levels' figures, texts and corrections
    (see `sources.sees`), plus every other file of the data directory. A panel page reads everything.
    `index`: `data_index(paths)`, when the caller keys many pages at once."""
    if page.region is None:
        return tree_digest(paths.root)
    index = index or data_index(paths)
    digest = hashlib.sha256()
    visible = {doc for doc, meta in index.sidecars.items()
               if sees(page.region.region, page.region.level, str(meta.get("region", "")), str(meta.get("level", "")))}
    for relative, doc, file_digest_ in index.files:
        if doc and doc not in visible:
            continue
        digest.update(f"{relative}\0{file_digest_}\n".encode())
    for table in (paths.extracted, paths.hand_entered):
        for region, level, block in _region_blocks(table):
            if sees(page.region.region, page.region.level, region, level):
                digest.update(block)
    for row in _rows(paths.corrections):
        if row.get("doc") in visible:
            digest.update(json.dumps(row, sort_keys=True, ensure_ascii=False).encode() + b"\n")
    return digest.hexdigest()


# A build plans every page against the same files: each file is read and hashed once per build,
# not once per page (at 24 reports, 121 pages made a build with nothing to do take 2.6 s).
def _stamp(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path), stat.st_mtime_ns, stat.st_size


def _file_digest(path: Path) -> str:
    return _digest_of(_stamp(path))


@lru_cache(maxsize=4096)
def _digest_of(stamp: tuple[str, int, int]) -> str:
    return file_digest(Path(stamp[0]))


@lru_cache(maxsize=16)
def _keyed_rows_of(stamp: tuple[str, int, int]) -> tuple[tuple[str, str, bytes], ...]:
    """(region, level, the row's cells joined) of every row of a CSV table, under its header."""
    reader = csv.reader(io.StringIO(read_user_text(Path(stamp[0]))[0], newline=""))
    header = next(reader, [])
    where = {name: header.index(name) for name in ("region", "level") if name in header}
    head = ("\x1f".join(header) + "\n").encode()
    return tuple((cells[where["region"]] if "region" in where and len(cells) > where["region"] else "",
                  cells[where["level"]] if "level" in where and len(cells) > where["level"] else "",
                  head + ("\x1f".join(cells) + "\n").encode()) for cells in reader if cells)


def _region_blocks(path: Path) -> tuple[tuple[str, str, bytes], ...]:
    """(region, level, digest of that region's rows in file order) per region of a table: a page's key reads
    the blocks of the regions it sees, not every row (300 region pages × every row took ~30 s)."""
    return _region_blocks_of(_stamp(path)) if path.is_file() else ()


@lru_cache(maxsize=16)
def _region_blocks_of(stamp: tuple[str, int, int]) -> tuple[tuple[str, str, bytes], ...]:
    blocks: dict[tuple[str, str], hashlib._Hash] = {}
    for region, level, line in _keyed_rows_of(stamp):
        blocks.setdefault((region, level), hashlib.sha256()).update(line)
    return tuple((region, level, block.digest()) for (region, level), block in blocks.items())


def _doc_of(path: Path) -> str:
    return path.name[: -len(SIDECAR_SUFFIX)] if path.name.endswith(SIDECAR_SUFFIX) else path.stem


def _sidecars(paths: DataPaths) -> dict[str, dict]:
    sidecars = sorted(paths.raw.glob(f"*{SIDECAR_SUFFIX}")) if paths.raw.is_dir() else []
    return dict(_sidecars_of(tuple(_stamp(sidecar) for sidecar in sidecars)))


@lru_cache(maxsize=16)
def _sidecars_of(stamps: tuple[tuple[str, int, int], ...]) -> tuple[tuple[str, dict], ...]:
    out = []
    for name, _, _ in stamps:
        meta = load_yaml(Path(name).read_text(encoding="utf-8")) or {}
        if isinstance(meta, dict):
            out.append((_doc_of(Path(name)), meta))
    return tuple(out)


def _region(record: dict) -> Region:
    return Region(str(record["region"]), str(record.get("region_en") or ""), str(record.get("level") or ""))


def _rows(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    # the same reading rule as the loader's (Excel's GB18030 or UTF-16 saves included)
    return list(csv.DictReader(io.StringIO(read_user_text(path)[0], newline="")))
