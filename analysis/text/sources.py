"""Raw documents and their provenance sidecars (data/raw/NAME.txt + NAME.meta.yml)."""
from __future__ import annotations

import codecs
import hashlib
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

from analysis.errors import DataError

SIDECAR_SUFFIX = ".meta.yml"
REQUIRED_FIELDS = ("doc", "region", "region_en", "level", "report_year", "publisher", "encoding")
LEVELS = ("nation", "province", "city", "district")  # from the top of government down


def sees(region: str, level: str, other_region: str, other_level: str) -> bool:
    """Whether a report of `region` (at `level`) reads a figure of `other_region`: its own figures and
    every higher level's (the targets it is compared with), never a peer's or a lower level's."""
    if other_region == region:
        return True
    if level not in LEVELS or other_level not in LEVELS:
        return False
    return LEVELS.index(other_level) < LEVELS.index(level)
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "gbk", "big5")  # what a sidecar may name besides auto


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
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    if meta["doc"] != text_path.stem:
        raise DataError(path, f"doc '{meta['doc']}' does not match the file name '{text_path.stem}'")
    return meta


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
    data = _checked_bytes(text_path, encoding)
    if encoding.strip().lower() == "auto":
        return _decode_detected(text_path, data)[1]
    try:
        codecs.lookup(_codec(encoding))
    except LookupError as err:
        raise DataError(sidecar_path(text_path), f"unknown encoding '{encoding}'; use one of "
                                                 f"{', '.join(ENCODINGS)} or auto") from err
    return _strict_decode(text_path, data, encoding)


def detect_encoding(text_path: Path) -> str:
    """The encoding `read_text(path, "auto")` uses: utf-8-sig, utf-8, gb18030 or big5."""
    return _decode_detected(text_path, _checked_bytes(text_path, "auto"))[0]


def _checked_bytes(text_path: Path, encoding: str) -> bytes:
    """The file's bytes, refused when empty or binary (a NUL byte near the start)."""
    data = text_path.read_bytes()
    if not data.strip():
        raise DataError(text_path, "the file is empty")
    nul_offset = data.find(b"\x00", 0, 4096)
    if nul_offset >= 0 and not encoding.lower().startswith("utf-16"):
        raise DataError(text_path, f"looks like a binary file (NUL byte at offset {nul_offset}), not report text")
    return data


def _strict_decode(text_path: Path, data: bytes, encoding: str) -> str:
    """`data` decoded; a bad byte is reported with its offset in the file and its line."""
    codec = _codec(encoding)
    bom = len(codecs.BOM_UTF8) if codec == "utf-8-sig" and data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8" if bom else codec)
    except UnicodeDecodeError as err:
        offset = bom + err.start
        raise DataError(text_path, f"cannot decode as {encoding}: byte offset {offset} "
                                   f"({data[offset:offset + 4]!r}); is the file in another encoding? Name it "
                                   f"('encoding' in the sidecar, --encoding for add-report): one of "
                                   f"{', '.join(ENCODINGS)} or auto",
                        line=data.count(b"\n", 0, offset) + 1) from err


def _codec(encoding: str) -> str:
    """Python's codec for a sidecar encoding; plain UTF-8 also accepts (and drops) a BOM."""
    name = encoding.strip().lower().replace("_", "-")
    return "utf-8-sig" if name in ("utf-8", "utf8") else name


def _decode_detected(text_path: Path, data: bytes) -> tuple[str, str]:
    """(encoding, text): BOM, then strict UTF-8, then the better of strict GB18030 and Big5."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", _strict_decode(text_path, data, "utf-8-sig")
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
    best = max(candidates, key=lambda name: _plausibility(candidates[name]))
    return best, candidates[best]


def _plausibility(text: str) -> int:
    """Common hanzi minus implausible characters: the right decoding of Chinese text scores higher.

    A hanzi is common when it is in level 1 of GB2312 (the 3,755 most used simplified characters,
    lead bytes B0-D7) or of Big5 (the 5,401 common traditional characters, lead bytes A4-C6).
    Implausible: any other non-ASCII character that is not punctuation, space or a numeral (rare
    hanzi, kana, Hangul, box drawing, private-use code points) -- what the wrong one of GB18030 and
    Big5 makes of Chinese text. ASCII and full-width ASCII count for neither.
    """
    score = 0
    for char, count in Counter(text).items():
        if char.isascii() or "\uff01" <= char <= "\uff5e":  # ASCII and its full-width forms: neutral
            continue
        if _common_hanzi(char):
            score += count
        elif not unicodedata.category(char).startswith(("P", "Z", "N")):
            score -= count
    return score


@lru_cache(maxsize=65536)
def _common_hanzi(char: str) -> bool:
    return _lead_byte_in(char, "gb2312", 0xB0, 0xD7) or _lead_byte_in(char, "big5", 0xA4, 0xC6)


def _lead_byte_in(char: str, encoding: str, low: int, high: int) -> bool:
    try:
        encoded = char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and low <= encoded[0] <= high
