"""Raw text decoding: explicit encodings strictly, `auto` detects UTF-8 (BOM or not), GB18030 or Big5."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from analysis.errors import DataError
from analysis.text.sources import detect_encoding, read_text

# Report sentences of about 30 characters, written here in both scripts (not converted by the code under test).
SIMPLIFIED = [
    "全区地区生产总值增长5.2%，一般公共预算收入完成12.3亿元。",
    "城乡居民人均可支配收入分别增长4.8%和6.1%。",
    "今年主要预期目标是：地区生产总值增长6%左右。",
    "民生支出占一般公共预算支出的比重达到75.3%。",
]
TRADITIONAL = [
    "全區地區生產總值增長5.2%，一般公共預算收入完成12.3億元。",
    "城鄉居民人均可支配收入分別增長4.8%和6.1%。",
    "今年主要預期目標是：地區生產總值增長6%左右。",
    "民生支出佔一般公共預算支出的比重達到75.3%。",
]


def _write(tmp_path: Path, data: bytes, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


ENCODED = [
    pytest.param(text, encode, expected, id=f"{script}-{label}-{number}")
    for script, texts in (("simplified", SIMPLIFIED), ("traditional", TRADITIONAL))
    for number, text in enumerate(texts)
    for label, encode, expected in (
        ("utf-8", lambda t: t.encode("utf-8"), "utf-8"),
        ("utf-8-bom", lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
        ("gb18030", lambda t: t.encode("gb18030"), "gb18030"),
        ("gbk", lambda t: t.encode("gbk"), "gb18030"),  # GBK is a subset of GB18030
        ("big5", lambda t: t.encode("big5"), "big5"),
    )
    if not (script == "simplified" and label == "big5")  # simplified hanzi are not in Big5
]


@pytest.mark.parametrize(("text", "encode", "expected"), ENCODED)
def test_auto_detects_the_encoding_of_a_short_report_sentence(tmp_path: Path, text: str, encode,
                                                              expected: str) -> None:
    path = _write(tmp_path, encode(text))
    assert detect_encoding(path) == expected
    assert read_text(path, "auto") == text
    assert read_text(path, expected) == text


def test_big5_text_also_decodes_as_gb18030_so_detection_has_to_choose(tmp_path: Path) -> None:
    data = TRADITIONAL[0].encode("big5")
    wrong = data.decode("gb18030")  # strict, and succeeds: the mojibake a naive decoder would keep
    assert wrong != TRADITIONAL[0]
    assert read_text(_write(tmp_path, data), "auto") == TRADITIONAL[0]


def test_default_utf8_drops_a_bom_so_offsets_index_the_text(tmp_path: Path) -> None:
    path = _write(tmp_path, codecs.BOM_UTF8 + SIMPLIFIED[0].encode("utf-8"))
    assert read_text(path) == SIMPLIFIED[0]


BAD_BYTE_CASES = [
    ("utf-8", "utf-8", b""),
    ("utf-8", "utf-8-sig", codecs.BOM_UTF8),
    ("gb18030", "gb18030", b""),
    ("big5", "big5", b""),
]


@pytest.mark.parametrize(("codec", "encoding", "bom"), BAD_BYTE_CASES, ids=[c[1] for c in BAD_BYTE_CASES])
def test_a_bad_byte_is_reported_with_its_offset_in_the_file(tmp_path: Path, codec: str, encoding: str,
                                                             bom: bytes) -> None:
    prefix = bom + (TRADITIONAL[1] + "\n" + TRADITIONAL[2]).encode(codec)
    path = _write(tmp_path, prefix + b"\xff" + TRADITIONAL[3].encode(codec))
    with pytest.raises(DataError) as caught:
        read_text(path, encoding)
    message = str(caught.value)
    assert f"byte offset {len(prefix)}" in message
    assert "report.txt, line 2:" in message and encoding in message
    assert "\n" not in message


def test_undecodable_in_every_encoding_lists_what_was_tried(tmp_path: Path) -> None:
    prefix = SIMPLIFIED[0].encode("gb18030")
    path = _write(tmp_path, prefix + b"\xff\xff")
    with pytest.raises(DataError) as caught:
        detect_encoding(path)
    message = str(caught.value)
    assert "report.txt" in message
    assert f"gb18030 (byte offset {len(prefix)}" in message
    assert "utf-8 (byte offset" in message and "big5 (byte offset" in message
    with pytest.raises(DataError, match="cannot decode in any supported encoding"):
        read_text(path, "auto")


@pytest.mark.parametrize(("data", "words"), [
    (b"", ["empty"]),
    (b"  \r\n\t\n", ["empty"]),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["binary", "offset 8"]),
], ids=["empty", "whitespace", "binary"])
def test_empty_and_binary_files_are_refused_before_decoding(tmp_path: Path, data: bytes, words: list[str]) -> None:
    path = _write(tmp_path, data)
    for encoding in ("auto", "utf-8", "gb18030"):
        with pytest.raises(DataError) as caught:
            read_text(path, encoding)
        assert all(word in str(caught.value) for word in ["report.txt", *words])


def test_unknown_encoding_names_the_sidecar(tmp_path: Path) -> None:
    path = _write(tmp_path, b"text")
    with pytest.raises(DataError, match=r"report\.meta\.yml: unknown encoding 'latin-99'"):
        read_text(path, "latin-99")
