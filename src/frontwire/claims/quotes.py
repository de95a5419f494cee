"""Quotation spans in raw text: straight and curly quotes, quotes that span sentences.

`find_quotes` gives the spans sorted and disjoint (a quote opens only after the last one
closed), so both their starts and their ends are sorted: every look-up below bisects instead
of scanning all the article's quotes (a scan per cue word made long texts quadratic).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_OPEN = {"\u201c": "\u201d", "\u201e": "\u201d", '"': '"', "\u00ab": "\u00bb"}
_QUOTE_CHARS = re.compile('[\u201c\u201d\u201e"\u00ab\u00bb]')
_PARAGRAPH_BREAK = re.compile(r"(?=\n\n)")

Quote = tuple[int, int]


def _start(q: Quote) -> int:
    return q[0]


def _end(q: Quote) -> int:
    return q[1]


def find_quotes(text: str) -> list[Quote]:
    """Inner (start, end) of each quotation; a quote may not cross a paragraph break."""
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    spans: list[Quote] = []
    opened: tuple[int, str] | None = None
    for m in _QUOTE_CHARS.finditer(text):
        ch, pos = m.group(), m.start()
        if opened is not None:
            start, closer = opened
            # '\n\n' inside text[start:pos]: a break at i with start <= i and i + 2 <= pos
            k = bisect_left(breaks, start)
            if k < len(breaks) and breaks[k] + 2 <= pos:
                opened = None  # unbalanced: drop the stray opener, reconsider this mark
            elif ch == closer:
                spans.append((start + 1, pos))
                opened = None
                continue
        if opened is None and ch in _OPEN:
            opened = (pos, _OPEN[ch])
    return spans


def enclosing_quote(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quotation that overlaps most of [start, end), if it holds at least half of it
    (the first of equals). `quotes` as find_quotes gives them: sorted and disjoint."""
    best, best_overlap = None, 0
    k = bisect_left(quotes, end, key=_start) - 1  # the last quote opening before `end`
    while k >= 0 and quotes[k][1] > start:  # walking back: the earlier ones end earlier
        qs, qe = quotes[k]
        overlap = min(end, qe) - max(start, qs)
        if overlap > 0 and overlap >= best_overlap:
            best, best_overlap = (qs, qe), overlap
        k -= 1
    if best and best_overlap * 2 >= max(1, end - start):
        return best
    return None


def quotes_starting(quotes: list[Quote], lo: int, hi: int) -> list[Quote]:
    """The quotations whose inner start lies in [lo, hi], in text order."""
    return quotes[bisect_left(quotes, lo, key=_start) : bisect_right(quotes, hi, key=_start)]


def quotes_ending(quotes: list[Quote], lo: int, hi: int) -> list[Quote]:
    """The quotations whose inner end lies in [lo, hi], in text order."""
    return quotes[bisect_left(quotes, lo, key=_end) : bisect_right(quotes, hi, key=_end)]


class Overlaps:
    """Does [start, end) overlap any of these spans? Sorted starts and a running maximum of
    the ends answer it by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._max_end: list[int] = []
        top = None
        for _, e in ordered:
            top = e if top is None else max(top, e)
            self._max_end.append(top)

    def any(self, start: int, end: int) -> bool:
        """True when some span (s, e) has s < end and start < e."""
        k = bisect_left(self._starts, end)  # spans [0, k) start before `end`
        return k > 0 and self._max_end[k - 1] > start
