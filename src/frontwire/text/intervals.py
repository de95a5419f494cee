"""Character intervals looked up in logarithmic time.

Stages ask, for every event or claim, whether a position falls inside one of the article's
spans (claim sources, claim contents). Scanning every span each time made a long article
cost time in the square of its length; sorted starts and a bisection keep it linear.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class Intervals:
    """Half-open [start, end) intervals, merged where they overlap."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(s for s in spans if s[0] < s[1]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def __contains__(self, pos: int) -> bool:
        k = bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._ends[k]

    def __bool__(self) -> bool:
        return bool(self._starts)


class SpanIndex(Generic[T]):
    """Items with a [start, end) span, found by what they cover or what lies inside them."""

    def __init__(self, items: Iterable[T], span: Callable[[T], tuple[int, int]]) -> None:
        keyed = sorted(((*span(item), n), item) for n, item in enumerate(items))
        self._starts = [k[0] for k, _ in keyed]
        self._keyed = keyed
        self._longest = max((k[1] - k[0] for k, _ in keyed), default=0)

    def covering(self, start: int, end: int) -> list[T]:
        """Items whose span contains [start, end), in their original order."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_right(self._starts, start)
        found = [(k[2], item) for k, item in self._keyed[lo:hi] if k[1] >= end]
        return [item for _, item in sorted(found, key=lambda x: x[0])]

    def inside(self, start: int, end: int) -> list[T]:
        """Items whose span lies within [start, end), in their original order."""
        lo = bisect_left(self._starts, start)
        hi = bisect_right(self._starts, end)
        found = [(k[2], item) for k, item in self._keyed[lo:hi] if k[1] <= end]
        return [item for _, item in sorted(found, key=lambda x: x[0])]


class GrowingSpanIndex(Generic[T]):
    """Items with a [start, end) span, kept sorted by start while a reader adds more (the
    figures' headline readers add the figures they read): what starts in a range, what
    overlaps it. Items of one start stay in the order they came."""

    def __init__(self, items: Iterable[T], span: Callable[[T], tuple[int, int]]) -> None:
        self._span = span
        self._items = sorted(items, key=lambda item: span(item)[0])
        self._starts = [span(item)[0] for item in self._items]
        self._longest = max((e - s for s, e in map(span, self._items)), default=0)

    def add(self, item: T | None) -> None:
        if item is None:
            return
        start, end = self._span(item)
        k = bisect_right(self._starts, start)
        self._starts.insert(k, start)
        self._items.insert(k, item)
        self._longest = max(self._longest, end - start)

    def starting_in(self, lo: int, hi: int) -> list[T]:
        """The items with lo <= start < hi."""
        return self._items[bisect_left(self._starts, lo) : bisect_left(self._starts, hi)]

    def overlapping(self, lo: int, hi: int) -> list[T]:
        """The items with start < hi and end > lo (none can start before lo - longest)."""
        a = bisect_right(self._starts, lo - self._longest)
        b = bisect_left(self._starts, hi)
        return [item for item in self._items[a:b] if lo < self._span(item)[1]]
