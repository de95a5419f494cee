"""The span look-ups that keep long articles linear agree with a plain scan."""

from __future__ import annotations

import random

from frontwire.text.intervals import Intervals, SpanIndex


def _random_spans(rng: random.Random, n: int) -> list[tuple[int, int]]:
    spans = []
    for _ in range(n):
        start = rng.randrange(0, 5000)
        spans.append((start, start + rng.randrange(1, 300)))
    return spans


def test_a_position_is_inside_exactly_when_some_interval_holds_it():
    rng = random.Random(7)
    spans = _random_spans(rng, 200)
    inside = Intervals(spans)
    for pos in range(0, 5400, 7):
        assert (pos in inside) == any(a <= pos < b for a, b in spans)
    assert not Intervals([])
    assert 3 not in Intervals([(5, 5)])  # an empty interval holds nothing


def test_covering_and_inside_find_what_a_scan_finds_in_the_same_order():
    rng = random.Random(11)
    spans = _random_spans(rng, 300)
    index = SpanIndex(spans, lambda s: s)
    for start, end in _random_spans(rng, 200):
        assert index.covering(start, end) == [s for s in spans if s[0] <= start and end <= s[1]]
        assert index.inside(start, end) == [s for s in spans if start <= s[0] and s[1] <= end]
