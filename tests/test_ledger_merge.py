"""The ledger's merging as pure functions: clusters, merged values, reviews, contradictions.

Every answer must be the same whatever order the reports came in; the members below are
coded events as the pipeline gives them for a few days of strikes on Kharkiv and Dnipro.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from frontwire.ledger.merge import (
    Member,
    apply_reviews,
    cluster_group,
    coerce_edit,
    contradictions_in_group,
    ledger_event_id,
    review_targets,
    standalone,
)
from frontwire.ledger.views import LedgerEvent, Review
from frontwire.model import Claim, ClaimSource, Evidence, Place, Proposition, Span

KHARKIV = "gn:706483"
DNIPRO = "gn:709930"
STRIKE = ("Explosions/Remote violence", "Air/drone strike")
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
CLASH = ("Battles", "Armed clash")
RUSSIA = "Military Forces of Russia (2000-)"
CIVILIANS = "Civilians (Ukraine)"
UKRAINE = "Military Forces of Ukraine (2019-)"


def day(n: int) -> dt.date:
    return dt.date(2024, 3, n)


def member(
    event_id: str,
    date: int | None,
    *,
    article: str | None = None,
    kind: tuple[str, str] = STRIKE,
    place: str | None = KHARKIV,
    precision: int = 1,
    killed: int = 0,
    injured: int = 0,
    actor1: str | None = RUSSIA,
    actor2: str | None = CIVILIANS,
    certainty: str = "fact",
    source: str | None = "Reuters",
) -> Member:
    return Member(
        event_id=event_id,
        article_id=article or f"art-{event_id}",
        event_type=kind[0],
        sub_event_type=kind[1],
        place_id=place,
        event_date=day(date) if date else None,
        time_precision=precision,
        fatalities=killed,
        injuries=injured,
        actor1=actor1,
        actor2=actor2,
        certainty=certainty,
        source=source,
        published=day(date) if date else None,
    )


def shapes(clusters) -> list[list[str]]:
    return sorted(c.event_ids for c in clusters)


def same_in_every_order(members, reviews=()):
    """The clusters of every permutation of `members`; asserts they are all equal."""
    answers = [cluster_group(list(p), list(reviews)) for p in itertools.permutations(members)]
    for answer in answers[1:]:
        assert answer == answers[0]
    return answers[0]


# -- clustering -------------------------------------------------------------------------


def test_days_10_11_12_give_the_same_two_events_in_all_six_orders():
    reports = [
        member("e3b1c0", 10, source="Reuters"),
        member("e91f02", 11, source="Kyiv Independent"),
        member("e07d4a", 12, source="Ukrainska Pravda"),
    ]
    clusters = same_in_every_order(reports)
    # Anchored at the earliest report: 10 and 11 are one strike, 12 is a day too far from 10.
    assert shapes(clusters) == [["e07d4a"], ["e3b1c0", "e91f02"]]
    merged = next(c for c in clusters if len(c.members) == 2)
    assert merged.id == ledger_event_id("e3b1c0")
    assert merged.event_date == day(10) and merged.n_sources == 2


def test_a_town_shelled_every_day_is_not_one_month_long_event():
    daily = [member(f"d{n:02d}", n, kind=SHELLING, source="Suspilne") for n in range(1, 8)]
    assert shapes(cluster_group(daily)) == [
        ["d01", "d02"], ["d03", "d04"], ["d05", "d06"], ["d07"]
    ]  # fmt: skip
    assert shapes(same_in_every_order(daily[2:7])) == [["d03", "d04"], ["d05", "d06"], ["d07"]]


def test_random_groups_cluster_the_same_in_any_order_and_stay_within_a_day():
    rng = random.Random(7)
    for trial in range(200):
        reports = [
            member(f"t{trial}-{k}", rng.randint(1, 12), source=rng.choice(["AP", "BBC", None]),
                   killed=rng.choice([0, 0, 2, 5]), precision=rng.choice([1, 1, 2]))
            for k in range(rng.randint(1, 9))
        ]  # fmt: skip
        clusters = cluster_group(reports)
        for _ in range(4):
            rng.shuffle(reports)
            assert cluster_group(reports) == clusters
        assert sorted(i for c in clusters for i in c.event_ids) == sorted(
            m.event_id for m in reports
        )
        for c in clusters:
            dates = [m.event_date for m in c.members]
            assert (max(dates) - min(dates)).days <= 1


def test_a_mixed_group_is_the_same_in_every_order():
    reports = [
        member("a1", 4, killed=3, source="BBC"),
        member("b2", 5, killed=2, source="Reuters"),
        member("c3", 4, kind=CLASH, killed=1),
        member("c4", 5, kind=SHELLING, source="AP"),  # same type: the sub-type may differ
        member("d4", 20, injured=7, source="Suspilne"),
        member("e5", None, source="RFE/RL"),
        member("f6", 5, place=DNIPRO),
    ]
    clusters = same_in_every_order(reports)
    assert shapes(clusters) == [["a1", "b2", "c4"], ["c3"], ["d4"], ["e5"], ["f6"]]
    strike = next(c for c in clusters if "a1" in c.event_ids)
    assert strike.sub_event_type == STRIKE[1] and strike.fatalities == 2
    assert [c.id for c in clusters] == sorted(c.id for c in clusters)


def test_a_report_at_another_place_or_date_leaves_an_event_and_its_id_alone():
    first = [member("k1", 6, source="Reuters"), member("k2", 7, source="AP")]
    [before] = cluster_group(first)
    after = cluster_group([*first, member("k0", 6, place=DNIPRO), member("j9", 15)])
    assert before in after
    assert shapes(after) == [["j9"], ["k0"], ["k1", "k2"]]


def test_an_event_without_place_or_date_stands_alone():
    lone = member("u1", None, place=None, killed=4)
    cluster = standalone(lone)
    assert cluster.id == ledger_event_id("u1")
    assert cluster.members == [lone] and cluster.event_date is None and cluster.place_id is None
    assert cluster.fatalities == 4 and cluster.time_precision == 3
    # Two placeless reports of the same day are not merged: there is nothing to merge on.
    assert shapes(cluster_group([member("p1", 8, place=None), member("p2", 8, place=None)])) == [
        ["p1"],
        ["p2"],
    ]


# -- merged values ----------------------------------------------------------------------


def test_the_toll_is_the_lowest_figure_a_source_gives_and_each_figure_is_kept():
    reports = [
        member("t1", 9, killed=0, injured=0, source="Reuters"),  # no toll given
        member("t2", 9, killed=12, injured=30, source="Ukrainska Pravda"),
        member("t3", 10, killed=9, injured=0, source="Kyiv Independent"),
    ]
    [event] = same_in_every_order(reports)
    assert (event.fatalities, event.injuries) == (9, 30)
    assert {m.source: m.fatalities for m in event.members} == {
        "Reuters": 0,
        "Ukrainska Pravda": 12,
        "Kyiv Independent": 9,
    }
    [quiet] = cluster_group([member("q1", 9), member("q2", 9, source="AP")])
    assert (quiet.fatalities, quiet.injuries) == (0, 0)


def test_the_date_is_the_most_precise_then_the_earliest():
    reports = [
        member("w1", 11, precision=2, source="ISW"),  # 'this week'
        member("w2", 12, precision=1, source="Reuters"),
        member("w3", 11, precision=3, source="AP"),
    ]
    [event] = same_in_every_order(reports)
    assert (event.event_date, event.time_precision) == (day(12), 1)
    [vague] = cluster_group([member("v1", 11, precision=2), member("v2", 12, precision=2)])
    assert (vague.event_date, vague.time_precision) == (day(11), 2)


def test_actors_are_the_most_named_and_ties_go_to_the_first_in_order():
    reports = [
        member("n1", 3, actor1=RUSSIA, actor2=None),
        member("n2", 3, actor1=None, actor2=CIVILIANS),
        member("n3", 3, actor1=RUSSIA, actor2=UKRAINE),
        member("n4", 4, actor1="Unidentified Armed Group (Ukraine)", actor2=None),
    ]
    [event] = same_in_every_order(reports)
    assert event.actor1 == RUSSIA
    assert event.actor2 == CIVILIANS  # one each: 'Civilians (Ukraine)' sorts first


@pytest.mark.parametrize(
    ("certainties", "expected"),
    [
        (("attributed", "fact", "disputed"), "fact"),
        (("attributed", "disputed"), "disputed"),
        (("attributed", "attributed"), "attributed"),
    ],
)
def test_certainty_fact_over_disputed_over_attributed(certainties, expected):
    reports = [member(f"c{i}", 2, certainty=c) for i, c in enumerate(certainties)]
    [event] = cluster_group(reports)
    assert event.certainty == expected


def test_sources_are_outlets_not_articles():
    reports = [
        member("s1", 5, article="a-1", source="Reuters"),
        member("s2", 5, article="a-2", source="reuters "),  # the same wire, carried again
        member("s3", 5, article="a-3", source="BBC"),
        member("s4", 6, article="a-4", source=None),
        member("s5", 6, article="a-5", source=None),
    ]
    [event] = cluster_group(reports)
    assert event.n_sources == 4


# -- reviews that shape the clusters ----------------------------------------------------


def _review(n: int, action: str, event_id: str, ids: list[str], **kw) -> Review:
    return Review(
        id=n,
        event_id=event_id,
        reviewer="analyst",
        at=dt.datetime(2024, 3, 20, 9, n, tzinfo=dt.UTC),
        action=action,
        report_event_ids=ids,
        **kw,
    )


def test_a_split_takes_reports_out_in_every_order():
    reports = [member("r1", 10), member("r2", 10, source="AP"), member("r3", 11, source="BBC")]
    event = ledger_event_id("r1")
    split = _review(1, "split", event, ["r1", "r2", "r3"], after=["r3"])
    clusters = same_in_every_order(reports, [split])
    assert shapes(clusters) == [["r1", "r2"], ["r3"]]
    assert review_targets([split], clusters) == {1: event}


def test_a_merge_joins_events_of_different_places_and_a_later_split_undoes_part():
    kharkiv = [member("m1", 10), member("m2", 10, source="AP")]
    dnipro = [member("m3", 11, place=DNIPRO, source="Suspilne")]
    merge = _review(1, "merge", ledger_event_id("m3"), ["m3"], after=ledger_event_id("m1"))
    merged = same_in_every_order(kharkiv + dnipro, [merge])
    assert shapes(merged) == [["m1", "m2", "m3"]]
    assert merged[0].place_id == KHARKIV  # two reports name Kharkiv, one Dnipro
    split = _review(2, "split", ledger_event_id("m1"), ["m1", "m2", "m3"], after=["m2"])
    for reviews in ([merge, split], [split, merge]):  # applied in the order they were made
        assert shapes(cluster_group(kharkiv + dnipro, reviews)) == [["m1", "m3"], ["m2"]]


def test_a_confirmed_event_keeps_its_reports_when_an_earlier_report_shifts_the_windows():
    reports = [member("h1", 10), member("h2", 11, source="AP")]
    [event] = cluster_group(reports)
    confirm = _review(1, "confirm", event.id, event.event_ids)
    earlier = member("h0", 9, source="BBC")
    # Without the review the day-9 report opens the window and takes day 10 from day 11.
    assert shapes(cluster_group([earlier, *reports])) == [["h0", "h1"], ["h2"]]
    clusters = same_in_every_order([earlier, *reports], [confirm])
    assert any({"h1", "h2"} <= set(c.event_ids) for c in clusters)


def test_reviews_follow_their_event_when_its_id_changes():
    reports = [member("g5", 10), member("g7", 10, source="AP")]
    [event] = cluster_group(reports)
    confirm = _review(1, "confirm", event.id, event.event_ids)
    # A report whose event id sorts first joins: the ledger event gets a new id.
    [grown] = cluster_group([member("g1", 10, source="BBC"), *reports], [confirm])
    assert grown.id != event.id
    assert review_targets([confirm], [grown]) == {1: grown.id}
    # The article behind every reviewed report is gone: the review finds no event.
    assert review_targets([confirm], cluster_group([member("g1", 10)])) == {}


# -- reviews laid over the event --------------------------------------------------------


def ledger_event(**kw) -> LedgerEvent:
    values = dict(
        id=ledger_event_id("x1"),
        event_type=STRIKE[0],
        sub_event_type=STRIKE[1],
        event_date=day(10),
        time_precision=1,
        fatalities=9,
        actor1=RUSSIA,
    )
    return LedgerEvent(**{**values, **kw})


def test_edits_win_and_the_status_follows_the_records():
    event = ledger_event()
    toll = _review(1, "edit", event.id, ["x1"], field="fatalities", before=9, after="11")
    edited = apply_reviews(event, [toll])
    assert (edited.fatalities, edited.review_status, edited.reviewed_fields) == (
        11,
        "edited",
        ["fatalities"],
    )
    confirm = _review(2, "confirm", event.id, ["x1"])
    assert apply_reviews(event, [confirm, toll]).review_status == "confirmed"
    reject = _review(3, "reject", event.id, ["x1"])
    date = _review(4, "edit", event.id, ["x1"], field="event_date", after="2024-03-09")
    rejected = apply_reviews(event, [date, reject, toll, confirm])
    assert rejected.review_status == "rejected" and rejected.event_date == day(9)
    assert rejected.reviewed_fields == ["fatalities", "event_date"]
    assert apply_reviews(event, []) == event


def test_a_new_sub_event_type_brings_its_event_type():
    event = ledger_event()
    clash = _review(1, "edit", event.id, ["x1"], field="sub_event_type", after=CLASH[1])
    edited = apply_reviews(event, [clash])
    assert (edited.event_type, edited.sub_event_type) == CLASH
    assert edited.reviewed_fields == ["sub_event_type"]


def test_a_place_edit_carries_the_place_the_store_passes():
    event = ledger_event(location="Kharkiv")
    dnipro = Place(id=DNIPRO, name="Dnipro", lat=48.45, lon=34.98, confidence=1.0)
    move = _review(1, "edit", event.id, ["x1"], field="place_id", after=DNIPRO)
    moved = apply_reviews(event, [move], places={DNIPRO: dnipro})
    assert moved.place == dnipro and moved.location == "Dnipro" and moved.geo_precision == 1
    unknown = apply_reviews(event, [move])
    assert unknown.place is None and unknown.location == DNIPRO


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("fatalities", "eleven", "not a whole number"),
        ("injuries", -2, "negative"),
        ("event_date", "9 March", "not a date"),
        ("time_precision", 4, r"not 1 \(day\)"),
        ("event_type", "  ", "cannot be empty"),
        ("event_type", "Air strike", "not an ACLED event type"),
        ("sub_event_type", "Drone strike", "not an ACLED sub-event type"),
        ("notes", "x", "cannot be edited"),
    ],
)
def test_a_bad_edit_is_one_clear_line(field, value, message):
    with pytest.raises(ValueError, match=message):
        coerce_edit(field, value)
    assert coerce_edit("actor2", "") is None  # an actor may be cleared


# -- contradictions ---------------------------------------------------------------------


def claim(cid: str, source: str, polarity: str, article: str, start: int, date: int) -> Claim:
    text = "Zarichne had been captured" if polarity == "positive" else "Zarichne had not fallen"
    return Claim(
        id=cid,
        source=ClaimSource(name=source, kind="military"),
        cue="said",
        content=Span(start=start, end=start + len(text), text=text),
        proposition=Proposition(
            subject=None,
            predicate="capture",
            place="x:zarichne",
            polarity=polarity,
            key="?|capture|x:zarichne",
        ),
        date=day(date),
        evidence=[
            Evidence(
                article_id=article,
                sentence=0,
                start=start,
                end=start + len(text),
                text=text,
                rule="test",
                confidence=0.9,
            )
        ],
    )


def test_contradictions_are_the_same_pairs_in_every_order():
    claims = [
        claim("c-ru-1", "Ministry of Defence of Russia", "positive", "art-a", 0, 5),
        claim("c-ru-2", "Ministry of Defence of Russia", "positive", "art-c", 40, 6),
        claim("c-ua-1", "General Staff of Ukraine", "negative", "art-b", 12, 6),
        claim("c-isw", "Institute for the Study of War", "negative", "art-d", 3, 7),
        claim("c-late", "General Staff of Ukraine", "negative", "art-e", 0, 30),  # too late
    ]
    answers = [contradictions_in_group(list(p)) for p in itertools.permutations(claims)]
    assert all(a == answers[0] for a in answers)
    pairs = [(p.claim_a, p.claim_b) for p in answers[0]]
    # One link per pair of sources, made by the first claims in reading order (art-a).
    assert pairs == [("c-isw", "c-ru-1"), ("c-ru-1", "c-ua-1")]
    assert all("Ministry of Defence of Russia" in p.reason.split(";")[0] for p in answers[0])
