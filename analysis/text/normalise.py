"""Length-preserving text views: half-width digits and signs, simplified characters."""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

# Full-width ASCII variants that matter for numbers: digits, ．％＋－ and letters. Chinese
# punctuation (，；：（）) is kept as it is: converting '，' to ',' would make "12，345" a thousands group.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}
_FULLWIDTH.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})
_FULLWIDTH.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})
_FULLWIDTH.update({ord("．"): ".", ord("％"): "%", ord("＋"): "+", ord("－"): "-", ord("\u3000"): " ",
                   ord("～"): "~", ord("∶"): ":", ord("\u2212"): "-", ord("\u00a0"): " "})


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


_HAS_FULLWIDTH = re.compile("[" + "".join(re.escape(chr(code)) for code in _FULLWIDTH) + "]")


def halfwidth(text: str) -> str:
    """Full-width digits, signs and letters as ASCII; same length as `text`."""
    # translate() with a dict walks every character in Python-level lookups; most texts have nothing to change.
    return text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text


def simplify(text: str) -> str:
    """Simplified-character, half-width view of `text`, guaranteed to have the same length.

    OpenCC converts phrases; where a phrase changes length we fall back to converting that
    line character by character, so every offset in the view is an offset in the original.
    """
    text = halfwidth(text)
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    lines = text.split("\n")
    return "\n".join(_simplify_line(line) for line in lines)


def _simplify_line(line: str) -> str:
    converted = _converter().convert(line)
    if len(converted) == len(line):
        return converted
    chars = [_converter().convert(ch) for ch in line]
    return "".join(c if len(c) == 1 else ch for c, ch in zip(chars, line))
