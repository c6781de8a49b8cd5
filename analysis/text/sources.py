"""Raw documents and their provenance sidecars (data/raw/NAME.txt + NAME.meta.yml)."""
from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

import yaml

from analysis.errors import DataError
from analysis.text.normalise import halfwidth
from analysis.text.encoding import bom_encoding, plausibility, read_user_text, strict_decode

SIDECAR_SUFFIX = ".meta.yml"
REQUIRED_FIELDS = ("doc", "region", "region_en", "level", "report_year", "publisher", "encoding")
LEVELS = ("nation", "province", "city", "district", "county")  # from the top of government down
# A district (市辖区) and a county (县, 旗, county-level 市) are one tier: neither is above the other.
TIER = {"nation": 0, "province": 1, "city": 2, "district": 3, "county": 3}
# A heading line naming the year of the review or plan part: "第一部分:2022年工作回顾。", "二、2023年政府工作安排".
_YEAR_HEADING = re.compile(
    r"^[ \t\u3000]*(?P<heading>(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)?[ :：、]*"
    r"(?P<year>\d{4}|[〇零一二三四五六七八九]{4})[ ]*年[ ]*(?:(?P<review>(?:工作)?回顾)|(?:政府)?工作(?:安排|任务|建议))"
    r")[ 。.\r]*$", re.MULTILINE)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk", "big5")  # what a sidecar may name besides auto
_ADVICE = (f"Is the file in another encoding? Name it ('encoding' in the sidecar, --encoding for add-report): "
           f"one of {', '.join(ENCODINGS)} or auto")


def sees(region: str, level: str, other_region: str, other_level: str) -> bool:
    """Whether a report of `region` (at `level`) reads a figure of `other_region`: its own figures and
    every higher level's (the targets it is compared with), never a peer's or a lower level's."""
    if other_region == region:
        return True
    if level not in LEVELS or other_level not in LEVELS:
        return False
    return TIER[other_level] < TIER[level]


# libyaml's C parser where PyYAML was built with it: the same safe loading, ~15x faster (a corpus has a
# sidecar per report, and a build reads them several times)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> object:
    """`yaml.safe_load`, through libyaml when available."""
    return yaml.load(text, Loader=_SAFE_LOADER)


def sidecar_path(text_path: Path) -> Path:
    """The provenance sidecar that belongs beside a raw text file."""
    return text_path.with_name(text_path.stem + SIDECAR_SUFFIX)


def raw_documents(raw_dir: Path) -> list[Path]:
    """Raw text files in `raw_dir`, sorted by name so extraction order is stable."""
    return sorted(path for path in raw_dir.glob("*.txt") if path.is_file())


def read_sidecar(text_path: Path) -> dict:
    """The sidecar of `text_path`, checked for the required fields and vocabularies."""
    path = sidecar_path(text_path)
    if not path.exists():
        raise DataError(text_path, f"no provenance sidecar: expected {path.name} beside it")
    try:
        meta = load_yaml(read_user_text(path)[0])
    except yaml.YAMLError as err:
        line = getattr(getattr(err, "problem_mark", None), "line", None)
        raise DataError(path, f"not valid YAML: {getattr(err, 'problem', err)}",
                        line=None if line is None else line + 1) from err
    if not isinstance(meta, dict):
        raise DataError(path, "expected a mapping of provenance fields")
    missing = [field for field in REQUIRED_FIELDS if meta.get(field) in (None, "")]
    if missing:
        raise DataError(path, f"missing required field(s): {', '.join(missing)}")
    if meta["level"] not in LEVELS:
        raise DataError(path, f"level must be one of {', '.join(LEVELS)}, found '{meta['level']}'")
    if not isinstance(meta["report_year"], int) or not 1949 <= meta["report_year"] <= 2100:
        raise DataError(path, f"report_year must be a year such as 2023, found '{meta['report_year']}'")
    for field, offset in (("review_year", -1), ("plan_year", 0)):
        if meta.get(field) is not None and meta[field] != meta["report_year"] + offset:
            raise DataError(path, f"{field} is {meta[field]!r} but report_year is {meta['report_year']}; a report of "
                                  f"year N reviews year N-1 and plans year N, so {field} should be "
                                  f"{meta['report_year'] + offset} (or correct report_year)")
    if meta["doc"] != text_path.stem:
        raise DataError(path, f"doc '{meta['doc']}' does not match the file name '{text_path.stem}'")
    return meta


def headed_year(text: str) -> tuple[int, str, int] | None:
    """(report year, heading, line) from the first heading line that names a year: '2023年政府工作安排'
    is the plan of a 2023 report, '2022年工作回顾' the review of one; None when no heading names a year."""
    for match in _YEAR_HEADING.finditer(halfwidth(text)):
        digits = match.group("year")
        year = int(digits) if digits.isdigit() else int("".join(str("〇一二三四五六七八九".find(c) % 10)
                                                                 if c != "零" else "0" for c in digits))
        heading = text[match.start("heading"):match.end("heading")].strip()
        return year + (1 if match.group("review") else 0), heading, text.count("\n", 0, match.start("heading")) + 1
    return None


def check_report_year(text_path: Path, text: str, year: int, source: Path | None = None, field: str = "") -> None:
    """A text headed '2022年工作回顾 … 2023年政府工作安排' is a 2023 report: stop when `year` says otherwise.

    `source` is the file that gave `year` (the sidecar by default); `field` how it is named there."""
    found = headed_year(text)
    if found is None or found[0] == year:
        return
    headed, heading, line = found
    source = source or sidecar_path(text_path)
    field = field or "report_year"
    raise DataError(source, f"{field} is {year}, but {text_path.name} is a {headed} report: its heading "
                            f"'{heading}' on line {line} says so. Correct {field} to {headed} if the text is "
                            f"that report, or check that the right text is in {text_path.name}")


def verify_checksum(text_path: Path, meta: dict) -> None:
    """Raw text is immutable: when the sidecar records a sha256, the file must still have it."""
    expected = meta.get("sha256")
    if not expected:
        return
    found = hashlib.sha256(text_path.read_bytes()).hexdigest()
    if found != str(expected).lower():
        raise DataError(text_path, f"the text changed since its sidecar was written: sha256 {found}, the sidecar "
                                   f"records {expected}. Raw texts are kept as published; restore the file, or, "
                                   f"if the new text is the one to keep, put its sha256 in the sidecar")


def read_text(text_path: Path, encoding: str = "utf-8") -> str:
    """The document's text, decoded strictly in `encoding` ('auto' detects it; see detect_encoding)."""
    data = _checked_bytes(text_path)
    if encoding.strip().lower() == "auto":
        return _decode_detected(text_path, data)[1]
    codec = _codec(encoding)
    try:
        codecs.lookup(codec)
    except LookupError as err:
        raise DataError(sidecar_path(text_path), f"unknown encoding '{encoding}'; use one of "
                                                 f"{', '.join(ENCODINGS)} or auto") from err
    bom = bom_encoding(data)
    if bom == "utf-16" and not codec.startswith("utf-16"):
        raise DataError(sidecar_path(text_path), f"encoding is '{encoding}', but {text_path.name} starts with a "
                                                 f"UTF-16 byte-order mark (Notepad's 'Unicode'); set encoding: "
                                                 f"utf-16, or auto")
    return strict_decode(text_path, data, codec, advice=_ADVICE)


def detect_encoding(text_path: Path) -> str:
    """The encoding `read_text(path, "auto")` uses: utf-8-sig, utf-16, utf-8, gb18030 or big5."""
    return _decode_detected(text_path, _checked_bytes(text_path))[0]


def _checked_bytes(text_path: Path) -> bytes:
    """The file's bytes, refused when empty, or binary (a NUL byte near the start without a UTF-16 BOM)."""
    data = text_path.read_bytes()
    bom = bom_encoding(data)
    if not (data[len(codecs.BOM_UTF16_LE):] if bom == "utf-16" else data).strip(b"\x00 \t\r\n"):
        raise DataError(text_path, "the file is empty")
    nul_offset = data.find(b"\x00", 0, 4096)
    if nul_offset >= 0 and bom != "utf-16":
        raise DataError(text_path, f"looks like a binary file (NUL byte at offset {nul_offset}), not report text")
    return data


def _codec(encoding: str) -> str:
    """Python's codec for a sidecar encoding; plain UTF-8 also accepts (and drops) a BOM."""
    name = encoding.strip().lower().replace("_", "-")
    return "utf-8-sig" if name in ("utf-8", "utf8") else name


def _decode_detected(text_path: Path, data: bytes) -> tuple[str, str]:
    """(encoding, text): BOM, then strict UTF-8, then the better of strict GB18030 and Big5."""
    bom = bom_encoding(data)
    if bom:
        return bom, strict_decode(text_path, data, bom, advice=_ADVICE)
    candidates: dict[str, str] = {}
    failures: list[str] = []
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            candidates[encoding] = data.decode(encoding)
        except UnicodeDecodeError as err:
            failures.append(f"{encoding} (byte offset {err.start}, {data[err.start:err.start + 4]!r})")
            continue
        if encoding == "utf-8":  # Chinese text in GB18030 or Big5 is practically never valid UTF-8
            return "utf-8", candidates["utf-8"]
    if not candidates:
        raise DataError(text_path, f"cannot decode in any supported encoding; tried {', '.join(failures)}. "
                                   "Convert the file to UTF-8 or name its encoding with --encoding / "
                                   "'encoding' in the sidecar")
    # max() keeps the first of equal scores, so a tie goes to GB18030 (mainland reports are the usual case).
    best = max(candidates, key=lambda name: plausibility(candidates[name]))
    return best, candidates[best]
