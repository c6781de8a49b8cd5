"""Numbers as written: Chinese numerals (三, 一百二十, 两万) to integers, and the Arabic number pattern."""
from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}
CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
# An Arabic number as reports write it (sign, thousands groups, decimals). Digit runs are bounded and
# start where no digit precedes: a 13-digit run is an ID or a code, not a quantity, and an unbounded
# `\d+` made long digit runs quadratic (the regex retried every shorter length).
ARABIC_NUMBER = r"(?<![\d.])[+-]?(?:\d{1,3}(?:,\d{3}){1,4}(?![\d,])|\d{1,12}(?!\d))(?:\.\d{1,6}(?!\d))?"


def parse_chinese_int(text: str) -> int:
    """Value of a Chinese numeral: '一百二十' -> 120, '十五' -> 15, '两万三千' -> 23000.

    Raises ValueError for text that is not a well-formed numeral.
    """
    if not text or any(ch not in CHARS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in DIGITS:
            if digit is not None and digit != 0:
                raise ValueError(f"two digits in a row in {text!r}")
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            if section == 0 and total == 0:
                raise ValueError(f"scale without a number in {text!r}")
            total = (total + section) * BIG_UNITS[ch] if BIG_UNITS[ch] > 10**4 else total + section * BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)
