"""Undo page layout: join sentences split across blank lines, skip captions, keep offsets to the original."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

# A text whose lines run longer than this on average has lost its paragraph breaks (a scraped CSV cell, a page
# copied as one line): readers of its structure take its sentences for its paragraphs.
FLAT_LINE = 400


def is_flat(text: str) -> bool:
    """Whether `text` has lost its line breaks: its non-blank lines average more than FLAT_LINE characters."""
    lines = sum(1 for line in text.splitlines() if line.strip())
    return lines > 0 and len(text) / lines > FLAT_LINE


# A paragraph ending in one of these is complete; anything else continues in the next paragraph.
TERMINAL = frozenset("。！？!?；;：:…”\"）)】》")
# Captions and headings are short; body paragraphs that break mid-sentence are long or have commas.
SHORT_PARAGRAPH = 40
MAX_CAPTIONS_BETWEEN = 3
# Bounds the work per sentence so text without punctuation stays linear and quotes stay readable.
MAX_SENTENCE = 600
_SENTENCE_END = re.compile(r"[。！？!?]+[”\"』」]?")
_CLAUSE_BREAK = re.compile(r"[，,；;、：:]")
# Converter debris in reposts: pinyin readings inside words (產(chǎn)業, 發（fā）展) and a comma doubled
# before another mark (,, ,; ,。). Left out of sentences (spans still index the original text).
_PINYIN = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_DEBRIS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（][{_PINYIN}]{{1,7}}[)）]|[,，](?=[,，;；。、])")


@dataclass
class Paragraph:
    """One non-empty line of the original: its span, its normalised text, and whether blanks indent it."""

    start: int
    end: int
    text: str
    indented: bool = False


@dataclass
class Sentence:
    """A sentence in the cleaned view, with the pieces that map it back to the original text."""

    text: str
    clean_starts: list[int] = field(repr=False)
    orig_starts: list[int] = field(repr=False)

    def to_orig(self, index: int) -> int:
        """Original offset of position `index` of the cleaned text."""
        piece = bisect_right(self.clean_starts, index) - 1
        return self.orig_starts[piece] + index - self.clean_starts[piece]

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original span covering cleaned [start, end)."""
        return self.to_orig(start), self.to_orig(end - 1) + 1


# A page number a PDF leaves between its lines (— 3 —, -3-, 第3页 共20页); a bare digit on its own line is
# a subscript split off in some texts (广义货币M|2|增长13.6%) and stays.
PAGE_NUMBER = re.compile(r"^[-—–－]+\s*\d{1,3}\s*[-—–－]+$|^第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?$")


def paragraphs(view: str) -> list[Paragraph]:
    """Non-empty lines of `view` with leading and trailing blanks removed, page numbers (PAGE_NUMBER) left out."""
    found = []
    for match in re.finditer(r"[^\n]+", view):
        line = match.group()
        stripped = line.strip()
        if stripped and not PAGE_NUMBER.match(stripped):
            start = match.start() + len(line) - len(line.lstrip())
            found.append(Paragraph(start, start + len(stripped), stripped, start > match.start()))
    return found


# A text taken from a PDF is cut into lines of one width (a 公文 page: 28 characters a line), mid-sentence and
# mid-number: when enough of its lines have one length and end mid-sentence, every line of that length does.
WRAP_LINES, WRAP_SHARE = 10, 0.3
WRAP_MIN = 15  # no page is narrower; equal short headings (（一）扩大有效需求) are no wrap
WRAP_INDENT = 2  # a paragraph's first line is indented by two characters (　　) and ends two sooner
# Where a sentence ends (。”): lines ending so say nothing of the wrap width.
SENTENCE_END = re.compile(r"[。！？!?…]+[”’」』）)]*$")
_HEADING_LINE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}部分)")


def wrap_width(lines: list[str]) -> int | None:
    """The width `lines` were hard-wrapped at, or None for a text with its paragraphs: the length most lines
    that end mid-sentence have (an indented first line, WRAP_INDENT shorter, counting for it; headings not
    counted), when at least WRAP_LINES and WRAP_SHARE of all lines have it and it is at least WRAP_MIN."""
    lengths = Counter(len(line) for line in lines if line and not SENTENCE_END.search(line)
                      and not _HEADING_LINE.match(line))
    if not lengths:
        return None
    width = max(lengths, key=lambda w: (lengths[w] + lengths[w - WRAP_INDENT], w))
    count = lengths[width] + lengths[width - WRAP_INDENT]
    return width if width >= WRAP_MIN and count >= max(WRAP_LINES, WRAP_SHARE * len(lines)) else None


def goes_on(line: str, width: int | None, indented: bool = False, next_indented: bool = False) -> bool:
    """Whether a line of a text hard-wrapped at `width` runs on into the next: it is full (an indented first
    line WRAP_INDENT shorter) and the next line opens no paragraph (indented). A full line that ends a
    sentence goes on too: far more sentences than paragraphs end at a line's end (…取得了很大成绩。|国内生产
    总值增长10.3%… is one paragraph that looks back on last year), and a paragraph joined to the next costs
    less than one cut in two."""
    if not width or not line or next_indented:
        return False
    return len(line) >= width - (WRAP_INDENT if indented else 0)


def runs_of_lines(paras: list[Paragraph], width: int | None = None) -> list[list[Paragraph]]:
    """`paras` in the paragraphs they make: for a hard-wrapped text (`wrap_width`, found here unless given),
    each line that `goes_on` joined by the next; otherwise each line on its own."""
    width = width or wrap_width([p.text for p in paras])
    if not width:
        return [[p] for p in paras]
    runs: list[list[Paragraph]] = []
    for before, para in zip([None, *paras], paras):
        if before is not None and goes_on(before.text, width, before.indented, para.indented):
            runs[-1].append(para)
        else:
            runs.append([para])
    return runs


def unwrapped(text: str) -> str:
    """`text` with the breaks of a hard wrap taken out (`runs_of_lines`: …第一次会|议上 is one line) and its page
    numbers left out; as it is when it has its paragraphs."""
    runs = runs_of_lines(paragraphs(text))
    if all(len(run) == 1 for run in runs):
        return text
    return "\n".join("".join(p.text for p in run) for run in runs)


def _is_mid_sentence(paragraph: Paragraph) -> bool:
    text = paragraph.text
    body_like = len(text) > SHORT_PARAGRAPH or "，" in text or "," in text
    return body_like and text[-1] not in TERMINAL


def _is_caption(paragraph: Paragraph, repeated: set[str]) -> bool:
    text = paragraph.text
    if text in repeated:
        return True
    return (len(text) <= SHORT_PARAGRAPH and text[-1] in "。." and not re.search(r"[，,\d]", text))


def logical_paragraphs(view: str) -> tuple[list[list[Paragraph]], list[Paragraph]]:
    """Groups of physical paragraphs that form one logical paragraph, and the captions skipped. A hard-wrapped
    text's lines go on by their width (`runs_of_lines`): a short ending there is no caption (…100万|人左右。)."""
    paras = paragraphs(view)
    width = wrap_width([p.text for p in paras])
    if width:
        return runs_of_lines(paras, width), []
    counts = Counter(p.text for p in paras)
    repeated = {text for text, n in counts.items() if n > 1 and len(text) <= 2 * SHORT_PARAGRAPH}
    groups, captions, index = [], [], 0
    while index < len(paras):
        group = [paras[index]]
        index += 1
        while _is_mid_sentence(group[-1]):
            skipped, probe = [], index
            while probe < len(paras) and len(skipped) < MAX_CAPTIONS_BETWEEN and _is_caption(paras[probe], repeated):
                skipped.append(paras[probe])
                probe += 1
            if probe >= len(paras) or _is_caption(paras[probe], repeated):
                # Only short paragraphs follow: the last of them is the sentence's short ending.
                if not skipped or skipped[-1].text in repeated:
                    break
                probe -= 1
                skipped.pop()
            captions.extend(skipped)
            group.append(paras[probe])
            index = probe + 1
        groups.append(group)
    return groups, captions


def sentences(view: str) -> tuple[list[Sentence], list[Paragraph]]:
    """Sentences of the cleaned view in reading order, and the captions left out of them."""
    groups, captions = logical_paragraphs(view)
    found: list[Sentence] = []
    for group in groups:
        parts: list[str] = []
        clean_starts, orig_starts, offset = [], [], 0
        for p in group:
            for a, b in _clean_pieces(p.text):
                clean_starts.append(offset)
                orig_starts.append(p.start + a)
                parts.append(p.text[a:b])
                offset += b - a
        whole = Sentence("".join(parts), clean_starts, orig_starts)
        found.extend(_split(whole))
    return found, captions


def split_at(found: list[Sentence], offsets: set[int]) -> list[Sentence]:
    """`found` with each sentence cut where an offset of the original (a heading's end run into its paragraph
    in a flat text) falls inside it."""
    if not offsets:
        return found
    ordered = sorted(offsets)
    out: list[Sentence] = []
    for sentence in found:
        first, last = sentence.to_orig(0), sentence.to_orig(len(sentence.text) - 1)
        inside = ordered[bisect_right(ordered, first):bisect_right(ordered, last)]
        cuts = [i for i in (_clean_index(sentence, o) for o in inside) if i is not None]
        if not cuts:
            out.append(sentence)
            continue
        bounds = [0, *cuts, len(sentence.text)]
        out.extend(_sub(sentence, a, b) for a, b in zip(bounds, bounds[1:]) if b > a)
    return out


def _clean_index(sentence: Sentence, orig: int) -> int | None:
    """The position in `sentence` of an original offset, or None where the offset was left out (debris)."""
    piece = bisect_right(sentence.orig_starts, orig) - 1
    index = sentence.clean_starts[piece] + orig - sentence.orig_starts[piece]
    ends = sentence.clean_starts[piece + 1] if piece + 1 < len(sentence.clean_starts) else len(sentence.text)
    return index if 0 < index < ends else None


def without_debris(text: str) -> str:
    """`text` with converter debris left out (鄂城區(qū)十屆人大 → 鄂城區十屆人大); offsets change, lines do not."""
    return _DEBRIS.sub("", text)


def _clean_pieces(text: str) -> list[tuple[int, int]]:
    """Spans of `text` between pieces of converter debris (the whole text when there is none)."""
    pieces, start = [], 0
    for match in _DEBRIS.finditer(text):
        if match.start() > start:
            pieces.append((start, match.start()))
        start = match.end()
    if start < len(text):
        pieces.append((start, len(text)))
    return pieces


def _split(paragraph: Sentence) -> list[Sentence]:
    pieces, start = [], 0
    text = paragraph.text
    for match in _SENTENCE_END.finditer(text):
        pieces.extend(_bounded(start, match.end(), text))
        start = match.end()
    if start < len(text):
        pieces.extend(_bounded(start, len(text), text))
    return [_sub(paragraph, a, b) for a, b in pieces]


def _bounded(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """Cut an over-long sentence at clause breaks (or hard) so every piece is at most MAX_SENTENCE."""
    spans = []
    while end - start > MAX_SENTENCE:
        window_end = start + MAX_SENTENCE
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, start + MAX_SENTENCE // 2, window_end)]
        cut = breaks[-1] if breaks else _safe_cut(text, window_end)
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def _safe_cut(text: str, position: int) -> int:
    """Move a hard cut back so it does not fall inside a number."""
    floor = position - 40
    while position > floor and (text[position - 1].isdigit() or text[position - 1] in ".,"):
        position -= 1
    return position


def _sub(paragraph: Sentence, start: int, end: int) -> Sentence:
    first = bisect_right(paragraph.clean_starts, start) - 1
    last = bisect_right(paragraph.clean_starts, end - 1) - 1
    clean_starts = [max(c, start) - start for c in paragraph.clean_starts[first:last + 1]]
    orig_starts = [paragraph.to_orig(max(c, start)) for c in paragraph.clean_starts[first:last + 1]]
    return Sentence(paragraph.text[start:end], clean_starts, orig_starts)
