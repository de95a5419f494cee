"""The figures' position index answers what a scan of every figure answers (the headline
readers look only at nearby figures, so a long text costs time in proportion to its length)."""

from __future__ import annotations

import random

from frontwire.events.figures import figure_spans
from frontwire.model import Figure


def _figure(start: int, end: int) -> Figure:
    return Figure(value=1, counts="killed", start=start, end=end, text="x" * (end - start))


def test_figure_spans_find_what_a_scan_of_every_figure_finds():
    rng = random.Random(5)
    figures = []
    for _ in range(300):
        start = rng.randrange(0, 5000)
        figures.append(_figure(start, start + rng.randrange(1, 40)))
    spans = figure_spans(figures)
    for _ in range(200):  # new figures join the index as the readers add them
        lo = rng.randrange(0, 5000)
        hi = lo + rng.randrange(1, 60)
        overlapping = [f for f in figures if f.start < hi and lo < f.end]
        starting = [f for f in figures if lo <= f.start < hi]
        assert sorted(map(id, spans.overlapping(lo, hi))) == sorted(map(id, overlapping))
        assert sorted(map(id, spans.starting_in(lo, hi))) == sorted(map(id, starting))
        if rng.random() < 0.3:
            added = _figure(lo, hi + rng.randrange(0, 80))
            figures.append(added)
            spans.add(added)
