"""Decoding the files people write and edit by hand, in the encodings their tools save: one rule for all."""
from __future__ import annotations

import codecs
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

from analysis.errors import DataError

# Byte-order marks and the encoding each one decides; UTF-16 decodes with its BOM (either byte order).
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
RESAVE = ("Re-save it as UTF-8: in Excel, File > Save As > 'CSV UTF-8 (Comma delimited)'; in WPS, "
          "另存为 with encoding UTF-8; in Notepad, Save As > Encoding 'UTF-8'")


def read_user_text(path: Path) -> tuple[str, str]:
    """(text, encoding) of a file a person edits: a CSV, the indicator catalog, a sidecar.

    The rule, the same for every such file:
    1. A byte-order mark decides: UTF-8 with BOM (Excel's "CSV UTF-8", Notepad's "UTF-8 with BOM")
       is 'utf-8-sig'; UTF-16 with BOM (Notepad's "Unicode", Excel's "Unicode Text") is 'utf-16'.
    2. No BOM but a NUL byte: UTF-16 without BOM, or not text at all. Refused: it cannot be decided.
    3. Strict UTF-8 (Notepad, WPS and most editors today) is 'utf-8'.
    4. Strict GB18030 (Excel, WPS and Notepad "ANSI" on a Chinese Windows; GBK and GB2312 are
       subsets) is 'gb18030' -- unless the lines before the first non-UTF-8 byte are Chinese
       written in UTF-8: the file mixes two encodings, and is refused naming that line.
    5. Anything else is refused, naming the line and byte offset that no encoding reads.
    The text is returned without its BOM; line ends are kept as they are. Refusals are DataErrors
    that name the file, the line and how to re-save it.
    """
    data = path.read_bytes()
    bom = bom_encoding(data)
    if bom:
        return strict_decode(path, data, bom), bom
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DataError(path, f"has a NUL byte at byte offset {nul}: UTF-16 without a byte-order mark, or not a "
                              f"text file; which of the two cannot be decided. {RESAVE}",
                        line=data.count(b"\n", 0, nul) + 1)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        first_bad = err.start
    line = data.count(b"\n", 0, first_bad) + 1
    before = data[:data.rfind(b"\n", 0, first_bad) + 1]
    if plausibility(before.decode("utf-8")) > max(0, plausibility(before.decode("gb18030", errors="replace"))):
        raise DataError(path, f"mixes two encodings: the lines before are UTF-8, this one is not (byte offset "
                              f"{first_bad}, {data[first_bad:first_bad + 4]!r}); it was probably pasted from a "
                              f"file in GB18030 (ANSI). Retype that line, or {RESAVE[0].lower()}{RESAVE[1:]}",
                        line=line)
    return strict_decode(path, data, "gb18030", advice=RESAVE), "gb18030"


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of `data` decides, else None."""
    return next((encoding for bom, encoding in BOMS if data.startswith(bom)), None)


def strict_decode(path: Path, data: bytes, codec: str, advice: str = "") -> str:
    """`data` decoded strictly (a BOM dropped); a bad byte is reported with its offset and its line."""
    bom = len(codecs.BOM_UTF8) if codec in ("utf-8-sig", "utf-8") and data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8" if bom else codec)
    except UnicodeDecodeError as err:
        offset = bom + err.start
        line = data[:offset].decode(codec, errors="replace").count("\n") + 1
        found = f"byte offset {offset} ({data[offset:offset + 4]!r})"
        raise DataError(path, f"cannot decode as {codec.removesuffix('-sig')}: {found}. " + (advice or "Is the file in another encoding?"),
                        line=line) from None


def plausibility(text: str) -> int:
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
