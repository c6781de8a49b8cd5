"""Regenerate analysis/fonts/NotoSansSC-GB2312-Regular.otf, the CJK font the charts ship with.

Needs the source font and fontTools, only when regenerating (never at run time):

    apt-get install fonts-noto-cjk      # Debian's Noto Sans CJK, 1:20220127+repack1-1
    pip install fonttools               # the project's .venv already has it (matplotlib needs it)
    .venv/bin/python -m tools.subset_font

Run it from the project root so `analysis.config` is importable.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

from analysis.config import FONTS_DIR

DEBIAN_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
SOURCE_FAMILY = "Noto Sans CJK SC"
OUTPUT = FONTS_DIR / "NotoSansSC-GB2312-Regular.otf"
LICENCE = FONTS_DIR / "OFL.txt"
# Upstream's LICENSE opens with this line; Debian's copyright file omits it.
UPSTREAM_NOTICE = "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'."
# A family name of its own, so matplotlib never confuses the subset with a full
# Noto Sans CJK SC installed on the same machine, and no reader takes it for the original.
FAMILY = "Noto Sans SC GB2312"
POSTSCRIPT_NAME = "NotoSansSCGB2312-Regular"

# Blocks outside GB2312 that report text and chart labels use: ASCII, Latin-1,
# general punctuation (en dash, ‰), letterlike (℃), number forms (Ⅰ…Ⅻ), arrows,
# math operators (≈ ≤ ≥ −), CJK symbols and punctuation, full-width forms.
EXTRA_RANGES = [
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x2000, 0x206F),
    (0x2100, 0x214F),
    (0x2150, 0x218F),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
]


def gb2312_chars() -> list[str]:
    """Every character of GB2312 (symbols, full-width forms, 6763 hanzi), in code order."""
    chars = []
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # unassigned cell in the 94x94 grid
    return chars


def wanted_codepoints() -> list[int]:
    points = {ord(c) for c in gb2312_chars()}
    for first, last in EXTRA_RANGES:
        points.update(range(first, last + 1))
    return sorted(points)


def load_source(path: Path) -> TTFont:
    """The SC face of the Debian collection (or a standalone .otf given by the user)."""
    if path.suffix.lower() != ".ttc":
        return TTFont(path)
    for font in TTCollection(path).fonts:
        if font["name"].getDebugName(1) == SOURCE_FAMILY:
            return font
    raise SystemExit(f"{path}: no face named {SOURCE_FAMILY!r} in this collection")


def rename(font: TTFont) -> None:
    name = font["name"]
    version = name.getDebugName(5)
    for name_id, value in [
        (1, FAMILY),
        (2, "Regular"),
        (3, f"{POSTSCRIPT_NAME};{version}"),
        (4, FAMILY),
        (5, f"{version}; GB2312 subset"),
        (6, POSTSCRIPT_NAME),
    ]:
        name.setName(value, name_id, 3, 1, 0x409)
    # The CFF table carries its own names; matplotlib's PDF/PS backends read them.
    cff = font["CFF "].cff
    cff.fontNames = [POSTSCRIPT_NAME]
    top = cff.topDictIndex[0]
    top.FamilyName = FAMILY
    top.FullName = FAMILY


def licence_text(copyright_file: Path) -> str:
    """The OFL text of Debian's machine-readable copyright file, un-indented."""
    lines = copyright_file.read_text(encoding="utf-8").splitlines()
    # The stand-alone paragraph (after a blank line), not the `Files: *` field.
    starts = [i for i, line in enumerate(lines) if line == "License: SIL-1.1" and not lines[i - 1]]
    if not starts:
        raise SystemExit(f"{copyright_file}: no stand-alone 'License: SIL-1.1' paragraph")
    start = starts[0]
    body = []
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break  # the next paragraph
        body.append("" if line == " ." else line[1:])
    return "\n".join([UPSTREAM_NOTICE, "", *body]).rstrip() + "\n"


def build(source: Path, output: Path) -> None:
    font = load_source(source)
    options = subset.Options()
    # Keep the copyright and licence records (OFL condition 2) besides the usual names.
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.name_languages = [0x409]
    # Hints matter little at chart sizes and cost ~15% of the file.
    options.hinting = False
    # 'locl' would pull in the Japanese/Korean/Traditional glyph variants (1.2 MB)
    # that a Simplified Chinese chart never selects; vertical writing is unused too.
    options.layout_features = ["ccmp", "kern", "liga"]
    options.drop_tables += ["VORG", "vhea", "vmtx", "BASE"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted_codepoints())
    subsetter.subset(font)
    rename(font)
    # Keep the source's head.modified date so rerunning gives the same bytes.
    font.recalcTimestamp = False
    output.parent.mkdir(parents=True, exist_ok=True)
    font.save(output)
    print(f"{output}: {output.stat().st_size / 1e6:.2f} MB, {len(font.getGlyphOrder())} glyphs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEBIAN_SOURCE)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--copyright", type=Path, default=DEBIAN_COPYRIGHT)
    parser.add_argument("--licence", type=Path, default=LICENCE)
    args = parser.parse_args()
    build(args.source, args.output)
    args.licence.write_text(licence_text(args.copyright), encoding="utf-8")


if __name__ == "__main__":
    main()
