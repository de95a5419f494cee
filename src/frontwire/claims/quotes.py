"""Quotation spans in raw text: straight and curly quotes, quotes that span sentences."""

from __future__ import annotations

import re

_OPEN = {"\u201c": "\u201d", "\u201e": "\u201d", '"': '"', "\u00ab": "\u00bb"}
_QUOTE_CHARS = re.compile('[\u201c\u201d\u201e"\u00ab\u00bb]')


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Inner (start, end) of each quotation; a quote may not cross a paragraph break."""
    spans: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for m in _QUOTE_CHARS.finditer(text):
        ch, pos = m.group(), m.start()
        if opened is not None:
            start, closer = opened
            if "\n\n" in text[start:pos]:
                opened = None  # unbalanced: drop the stray opener, reconsider this mark
            elif ch == closer:
                spans.append((start + 1, pos))
                opened = None
                continue
        if opened is None and ch in _OPEN:
            opened = (pos, _OPEN[ch])
    return spans


def enclosing_quote(quotes: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The quotation that overlaps most of [start, end), if it holds at least half of it."""
    best, best_overlap = None, 0
    for qs, qe in quotes:
        overlap = min(end, qe) - max(start, qs)
        if overlap > best_overlap:
            best, best_overlap = (qs, qe), overlap
    if best and best_overlap * 2 >= max(1, end - start):
        return best
    return None
