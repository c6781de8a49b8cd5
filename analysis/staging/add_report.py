"""`add-report`: copy a report's text into data/raw byte for byte and write its provenance sidecar."""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shlex
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from analysis.config import data_paths
from analysis.errors import DataError
from analysis.text.sources import LEVELS, check_report_year, SIDECAR_SUFFIX, detect_encoding, read_sidecar, read_text

ENCODING_CHOICES = ("auto", "utf-8", "utf-16", "gb18030", "big5")
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
# C0 control characters other than tab, line feed, vertical tab, form feed and carriage return:
# report text has none, binary data that happens to decode has plenty.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Provenance:
    """What the flags say about a report; becomes its sidecar."""

    region: str
    region_en: str
    year: int
    level: str
    publisher: str = UNKNOWN
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Added:
    """The files add_report wrote and the encoding it recorded."""

    text: Path
    sidecar: Path
    encoding: str
    size: int


def doc_name(source: Path, doc: str | None = None) -> str:
    """The document's name: `doc`, or a slug of the file's stem; ASCII letters, digits, '-' and '_' only."""
    name = doc if doc is not None else re.sub(r"[^A-Za-z0-9_]+", "-", source.stem).strip("-_").lower()
    # A slug that silently drops the Chinese part of 市中区2024 would name the report just '2024'.
    if not SAFE_NAME.fullmatch(name) or (doc is None and not source.stem.isascii()):
        given = f"--doc '{doc}'" if doc is not None else f"the file name '{source.stem}'"
        raise DataError(source, f"{given} does not make a safe document name; name the document with --doc "
                                "in ASCII letters, digits, '-' and '_' (starting with a letter or digit), "
                                "e.g. --doc shizhong-2024")
    return name


def check_provenance(source: Path, meta: Provenance) -> None:
    """The flags are complete and in the sidecar's vocabularies (so read_sidecar will accept them)."""
    for flag, value in (("--region", meta.region), ("--region-en", meta.region_en), ("--publisher", meta.publisher)):
        if not value or not value.strip():
            raise DataError(source, f"{flag} is empty; it is a required provenance field")
    if meta.level not in LEVELS:
        raise DataError(source, f"--level must be one of {', '.join(LEVELS)}, found '{meta.level}'")
    if not 1949 <= meta.year <= 2100:
        raise DataError(source, f"--year must be a report year such as 2024, found {meta.year}")


def checked_encoding(source: Path, encoding: str) -> str:
    """The encoding to record: detected for 'auto', else `encoding` once the file decodes strictly in it."""
    if encoding not in ENCODING_CHOICES:
        raise DataError(source, f"--encoding must be one of {', '.join(ENCODING_CHOICES)}, found '{encoding}'")
    recorded = encoding if encoding != "auto" else detect_encoding(source)
    text = read_text(source, recorded)  # empty, binary (NUL) and undecodable files stop here
    detected = recorded if encoding == "auto" else detect_encoding(source)
    # GBK bytes can decode strictly as Big5 (and vice versa): a given encoding must also read best.
    if detected.removesuffix("-sig") != recorded.removesuffix("-sig"):
        raise DataError(source, f"decodes as {encoding} but reads as {detected} (more common Chinese "
                                f"characters); check the file, or pass --encoding {detected} or auto")
    control = CONTROL_CHARS.search(text)
    if control:
        raise DataError(source, f"looks like a binary file (control character {control.group()!r} at "
                                f"character {control.start()}), not report text")
    return recorded


def sidecar_text(doc: str, source: Path, meta: Provenance, encoding: str, data: bytes, today: date) -> str:
    """The provenance sidecar, in the field order of the shipped ones."""
    fields = {
        "doc": doc, "title": meta.title, "publisher": meta.publisher, "date_accessed": today, "url": meta.url,
        "region": meta.region, "region_en": meta.region_en, "level": meta.level, "report_year": meta.year,
        "encoding": encoding, "sha256": hashlib.sha256(data).hexdigest(),
        "notes": f"Added with `python -m analysis add-report` from {source.name}. TODO: describe layout "
                 "artefacts, gaps and where the text came from.",
    }
    header = f"# Provenance of {doc}.txt (written by add-report; edit freely). The text file is immutable.\n"
    return header + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=100)


def add_report(source: Path, meta: Provenance, *, data_dir: str | Path | None = None, doc: str | None = None,
               encoding: str = "auto", replace: bool = False, today: date | None = None) -> Added:
    """Copy `source` into the raw directory as <doc>.txt with its sidecar; nothing is written on any error."""
    if not source.is_file():
        raise DataError(source, "file not found")
    name = doc_name(source, doc)
    check_provenance(source, meta)
    recorded = checked_encoding(source, encoding)
    check_report_year(source, read_text(source, recorded), meta.year, source=source, field="--year")
    paths = data_paths(data_dir)
    if not paths.root.is_dir():
        raise DataError(paths.root, "data directory not found; create it and copy data/indicators.yml into it")
    raw_dir = paths.raw
    raw_dir.mkdir(exist_ok=True)  # a new region's data directory starts without one
    text_path, meta_path = raw_dir / f"{name}.txt", raw_dir / f"{name}{SIDECAR_SUFFIX}"
    for target in (text_path, meta_path):
        if target.exists() and not replace:
            raise DataError(target, "already exists; pass --replace to overwrite it, or choose another --doc")
    data = source.read_bytes()
    sidecar = sidecar_text(name, source, meta, recorded, data, today or date.today())
    _install(raw_dir, {text_path.name: data, meta_path.name: sidecar.encode("utf-8")})
    return Added(text_path, meta_path, recorded, len(data))


def install_files(raw_dir: Path, files: dict[str, bytes]) -> None:
    """Write a text and its sidecar into `raw_dir` so that a failure leaves nothing half-written (`_install`)."""
    _install(raw_dir, files)


def _install(raw_dir: Path, files: dict[str, bytes]) -> None:
    """Write the files to a staging directory beside their targets, check them, then os.replace each."""
    with tempfile.TemporaryDirectory(dir=raw_dir, prefix=".add-report-") as staging:
        staged = {name: Path(staging) / name for name in files}
        for name, content in files.items():
            staged[name].write_bytes(content)
        text_path = next(path for path in staged.values() if path.suffix == ".txt")
        read_text(text_path, read_sidecar(text_path)["encoding"])  # exactly what extraction will read
        for name in sorted(files, key=lambda n: n.endswith(SIDECAR_SUFFIX)):  # text first, sidecar last
            os.replace(staged[name], raw_dir / name)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `add-report` subcommand's options."""
    parser.add_argument("file", type=Path, metavar="FILE", help="the report's plain text")
    parser.add_argument("--region", required=True, help="region in Chinese, e.g. 枣庄市市中区")
    parser.add_argument("--region-en", required=True, help="region in English, e.g. 'Shizhong District, Zaozhuang'")
    parser.add_argument("--year", type=int, required=True, help="year the report was delivered, e.g. 2024")
    parser.add_argument("--level", required=True, choices=LEVELS, help="level of government")
    parser.add_argument("--publisher", default=UNKNOWN, help=f"who published the text (default: {UNKNOWN})")
    parser.add_argument("--title", default=None, help="title of the page or document")
    parser.add_argument("--url", default=None, help="where the text came from")
    parser.add_argument("--doc", default=None, help="document name (default: a slug of FILE's name)")
    parser.add_argument("--encoding", default="auto", choices=ENCODING_CHOICES,
                        help="FILE's encoding (default: auto-detect UTF-8, UTF-16 with BOM, GB18030 or Big5)")
    parser.add_argument("--data-dir", type=Path, default=None, help="data directory (default: data/)")
    parser.add_argument("--replace", action="store_true", help="overwrite an existing text and sidecar")


def run_from_args(args: argparse.Namespace) -> None:
    """Entry point of `python -m analysis add-report`."""
    meta = Provenance(region=args.region, region_en=args.region_en, year=args.year, level=args.level,
                      publisher=args.publisher, title=args.title, url=args.url)
    added = add_report(args.file, meta, data_dir=args.data_dir, doc=args.doc, encoding=args.encoding,
                       replace=args.replace)
    print(f"copied {args.file} ({added.size} bytes, {added.encoding}) to {added.text}")
    print(f"wrote its provenance sidecar {added.sidecar}")
    missing = [name for name, given in (("publisher", meta.publisher != UNKNOWN), ("title", meta.title),
                                        ("url", meta.url)) if not given]
    print(f"  fill in what the flags did not give ({', '.join(missing + ['the notes'])})" if missing else
          "  add what the flags cannot say (meeting, speaker, date published, notes on the layout)")
    print(f"next: {next_step(args.data_dir)}")


def next_step(data_dir: Path | None) -> str:
    """The command that builds the reports of `data_dir`: `make reports` for the shipped data; for
    another folder a build with its own --out, so the shipped reports/ is never overwritten."""
    paths = data_paths(data_dir)
    if paths.root == data_paths(None).root:
        return "make reports"
    out = paths.root.parent / f"{paths.root.name or 'data'}-reports"
    shown = out if Path(data_dir).is_absolute() else Path(os.path.relpath(out))  # as the user wrote the folder
    return f"python -m analysis build --data-dir {shlex.quote(str(data_dir))} --out {shlex.quote(str(shown))}"
