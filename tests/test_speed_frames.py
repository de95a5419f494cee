"""The frame stage's cluster index (issue 19: a long article tells hundreds of attacks at one
place, and every mention used to meet every one of them). A mention meets the clusters told
just before it and, only when it has an exact day, those at its place whose head has that day
or none: the only far clusters `_attack_of` could join it to."""

from __future__ import annotations

import datetime as dt

from frontwire.events.frames import NEAR, EventMention, _Clusters
from frontwire.model import Event

SUNDAY, MONDAY = dt.date(2024, 6, 9), dt.date(2024, 6, 10)


def _mention(n: int, sentence: int, place: str | None, day: dt.date | None,
             flags: tuple[str, ...] = ()) -> EventMention:
    event = Event(
        id=f"e{n}", event_type="Battles", sub_event_type="Armed clash", event_date=day,
        time_precision=1 if day else 3, place_id=place, flags=list(flags),
    )
    return EventMention(event, [sentence])


def _clusters() -> tuple[_Clusters, list[int]]:
    """Attacks at Bakhmut on Sunday, on Monday and undated, at Toretsk on Sunday, and one
    told last (sentence 40) at Bakhmut on Monday; ids in the order they were made."""
    clusters = _Clusters()
    told = [
        _mention(0, 1, "bakhmut", SUNDAY),
        _mention(1, 5, "bakhmut", MONDAY),
        _mention(2, 9, "bakhmut", None),
        _mention(3, 13, "toretsk", SUNDAY),
        _mention(4, 40, "bakhmut", MONDAY),
    ]
    for m in told:
        clusters.new(m)
    return clusters, [id(c) for c in clusters.all]


def test_an_exact_day_meets_far_clusters_of_its_place_and_day_or_none():
    clusters, made = _clusters()
    got = clusters.candidates(42, _mention(9, 42, "bakhmut", MONDAY))
    # newest first: the near one (40), then Monday at Bakhmut (5), then undated Bakhmut (9)
    assert [id(c) for c in got] == [made[4], made[2], made[1]]


def test_a_soft_day_meets_only_the_clusters_told_just_before():
    clusters, made = _clusters()
    soft = _mention(9, 42, "bakhmut", MONDAY, flags=("publication-date",))
    assert [id(c) for c in clusters.candidates(42, soft)] == [made[4]]
    undated = _mention(10, 42 + NEAR + 1, "bakhmut", None)
    assert clusters.candidates(42 + NEAR + 1, undated) == []


def test_a_cluster_whose_head_changes_day_is_found_under_its_new_day():
    clusters, made = _clusters()
    first = clusters.all[0]
    # a mention told in its own words becomes the head of a cluster opened from context
    first.head.from_context = True
    clusters.join(first, _mention(11, 2, "bakhmut", MONDAY))
    got = clusters.candidates(50, _mention(12, 50, "bakhmut", MONDAY))
    assert [id(c) for c in got] == [made[4], made[2], made[1], made[0]]
    got = clusters.candidates(50, _mention(13, 50, "bakhmut", SUNDAY))
    assert [id(c) for c in got] == [made[2]]
