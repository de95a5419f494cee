"""The ledger's contents do not depend on the order articles arrive in (issue 17, 'Done when').

Contents, not counts: a canonical dump of every ledger event (its member reports and merged
values), every claim, place and contradiction pair. Run against both backends through
`ledger_factory` (tests/pg_server.py).

(a) Three team-written reports of strikes on Kharkiv dated days 10, 11 and 12, with a claim
    and its denial, run once through the real pipeline and stored in all six orders.
(b) 300 generated reports (events at 40 places over 30 days, claims that contradict) stored
    A then B, B then A, and by two processes writing at once.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import random
from collections import defaultdict

import pytest

from frontwire.claims.contradictions import find_contradictions
from frontwire.ingest.article import make_article
from frontwire.ledger.merge import Member, cluster_group, contradictions_in_group, standalone
from frontwire.ledger.store import open_ledger
from frontwire.ledger.views import Review
from frontwire.model import (
    Claim,
    ClaimSource,
    Event,
    Evidence,
    Place,
    PlaceMention,
    Proposition,
    Report,
    Span,
)

# -- the canonical dump -----------------------------------------------------------------


def _spellings(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(sorted(set(value)))


def dump(ledger) -> dict:
    """Everything a reader of the ledger can see, in an order of its own."""
    events = []
    for e in ledger.ledger_events():
        reports = sorted(
            (r.event_id, r.article_id, r.source, r.event_date, r.fatalities, r.injuries)
            for r in e.reports
        )
        events.append(
            (
                e.id,
                e.event_type,
                e.sub_event_type,
                e.event_date,
                e.time_precision,
                e.place.id if e.place else None,
                e.actor1,
                e.actor2,
                e.fatalities,
                e.injuries,
                e.certainty,
                e.n_sources,
                tuple(sorted(e.sources)),
                tuple(reports),
                e.review_status,
                tuple(e.reviewed_fields),
            )
        )
    pairs = []
    for row in ledger.contradictions():
        a = row.get("a_id", row.get("claim_a"))
        b = row.get("b_id", row.get("claim_b"))
        pairs.append((*sorted((a, b)), row["proposition"], row.get("reason")))
    places = [
        (p["id"], p["name"], p.get("n_articles"), _spellings(p.get("spellings")))
        for p in ledger.places()
    ]
    return {
        "events": sorted(events),
        "contradictions": sorted(pairs),
        "claims": sorted(c["id"] for c in ledger.claims()),
        "places": sorted(places),
    }


def members_of(reports: list[Report]) -> list[Member]:
    return [
        Member(
            event_id=e.id,
            article_id=r.article.id,
            event_type=e.event_type,
            sub_event_type=e.sub_event_type,
            place_id=e.place_id,
            event_date=e.event_date,
            time_precision=e.time_precision,
            fatalities=e.fatalities,
            injuries=e.injuries,
            actor1=e.actor1,
            actor2=e.actor2,
            certainty=e.certainty,
            source=r.article.source,
            published=r.article.published,
            inter1=e.inter1,
            inter2=e.inter2,
        )
        for r in reports
        for e in r.events
    ]


def expected_clusters(reports: list[Report]) -> dict[str, tuple[str, ...]]:
    """What the pure pass gives: ledger event id -> its member event ids."""
    groups: dict[tuple, list[Member]] = defaultdict(list)
    clusters = []
    for m in members_of(reports):
        if m.place_id is None or m.event_date is None:
            clusters.append(standalone(m))
        else:
            groups[(m.event_type, m.place_id)].append(m)
    for group in groups.values():
        clusters.extend(cluster_group(group, []))
    return {c.id: tuple(c.event_ids) for c in clusters}


def expected_pairs(reports: list[Report]) -> set[tuple[str, str]]:
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for r in reports:
        for c in r.claims:
            if c.proposition:
                groups[(c.proposition.predicate, c.proposition.place)].append(c)
    return {(p.claim_a, p.claim_b) for g in groups.values() for p in contradictions_in_group(g)}


def assert_matches_pure_pass(contents: dict, reports: list[Report]) -> None:
    stored = {e[0]: tuple(sorted(r[0] for r in e[13])) for e in contents["events"]}
    assert stored == {k: tuple(sorted(v)) for k, v in expected_clusters(reports).items()}
    found = {(a, b) for a, b, *_ in contents["contradictions"]}
    assert expected_pairs(reports) <= found


# -- (a) three team-written reports, all six orders -------------------------------------

TEAM_REPORTS = [
    (
        "Reuters",
        "2024-03-10",
        "KHARKIV, March 10 (Reuters) - A Russian drone strike hit a residential district of "
        "Kharkiv on Sunday, killing four people and wounding nine, regional governor Oleh "
        "Syniehubov said.\n\n"
        "Russia's defence ministry said on Sunday that its forces had captured the village of "
        "Krasnohorivka after weeks of fighting.\n",
    ),
    (
        "Kyiv Independent",
        "2024-03-11",
        "Russian drones struck Kharkiv again on Monday, killing two civilians and injuring five, "
        "the city's mayor Ihor Terekhov said on Telegram.\n\n"
        "Ukraine's General Staff on Monday denied Russian claims that Krasnohorivka had been "
        "captured, saying fighting for the town in Donetsk region was continuing.\n",
    ),
    (
        "Ukrainska Pravda",
        "2024-03-12",
        "A Russian drone attack on Kharkiv on Tuesday killed one man and damaged a school, "
        "the regional prosecutor's office reported.\n",
    ),
]


@pytest.fixture(scope="module")
def team_reports(pipeline) -> list[Report]:
    return [
        pipeline.extract(make_article(text, source=source, published=published))
        for source, published, text in TEAM_REPORTS
    ]


def test_three_articles_in_all_six_orders_give_one_ledger(ledger_factory, team_reports):
    contents = []
    for order in itertools.permutations(team_reports):
        ledger = ledger_factory()
        for report in order:
            assert ledger.add_report(report) is True
        contents.append(dump(ledger))
    for other in contents[1:]:
        assert other == contents[0]
    ledger_contents = contents[0]
    assert_matches_pure_pass(ledger_contents, team_reports)
    # The strikes of days 10 and 11 are one ledger event, day 12 another: in every order.
    strikes = [e for e in ledger_contents["events"] if e[2] == "Air/drone strike"]
    dates = sorted(tuple(sorted(r[3] for r in e[13])) for e in strikes)
    assert dates == [(dt.date(2024, 3, 10), dt.date(2024, 3, 11)), (dt.date(2024, 3, 12),)]
    # Russia's claim of capture and Ukraine's denial, from two articles, are a contradiction.
    assert any("capture" in pair[2] for pair in ledger_contents["contradictions"])


def test_a_review_made_early_or_late_gives_the_same_ledger(ledger_factory, team_reports):
    """An analyst corrects the toll of Reuters' strike and confirms it as soon as it is in the
    ledger; whatever came before or after it, the ledger ends the same."""
    reuters_strike = next(
        e.id for e in team_reports[0].events if e.sub_event_type.startswith("Air")
    )
    contents = []
    for order in itertools.permutations(team_reports):
        ledger = ledger_factory()
        for report in order:
            ledger.add_report(report)
            if report is team_reports[0]:
                [event] = [e for e in ledger.ledger_events() if reuters_strike in
                           {r.event_id for r in e.reports}]  # fmt: skip
                for action, field, after in (("edit", "fatalities", 3), ("confirm", None, None)):
                    ledger.add_review(
                        Review(
                            event_id=event.id,
                            reviewer="analyst",
                            action=action,
                            field=field,
                            after=after,
                        )  # fmt: skip
                    )
        contents.append(dump(ledger))
    for other in contents[1:]:
        assert other == contents[0]
    [reviewed] = [e for e in contents[0]["events"] if e[-2] != "unreviewed"]
    assert reviewed[-2:] == ("confirmed", ("fatalities",))
    assert reviewed[8] == 3 and reuters_strike in {r[0] for r in reviewed[13]}


# -- (b) 300 generated reports: A then B, B then A, two writers at once ------------------

TOWNS = [
    "Kharkiv", "Kupiansk", "Izium", "Lyman", "Bakhmut", "Avdiivka", "Chasiv Yar", "Toretsk",
    "Pokrovsk", "Vuhledar", "Marinka", "Kurakhove", "Siversk", "Kreminna", "Svatove",
    "Robotyne", "Orikhiv", "Huliaipole", "Nikopol", "Marhanets", "Kherson", "Beryslav",
    "Sumy", "Okhtyrka", "Shostka", "Vovchansk", "Lyptsi", "Synkivka", "Krasnohorivka",
    "Novomykhailivka", "Staromaiorske", "Velyka Novosilka", "Zaporizhzhia", "Dnipro",
    "Kryvyi Rih", "Odesa", "Mykolaiv", "Ochakiv", "Chernihiv", "Kramatorsk",
]  # fmt: skip
OUTLETS = ["Reuters", "AP", "BBC", "Kyiv Independent", "Ukrainska Pravda", "Suspilne",
           "Meduza", "RFE/RL", None]  # fmt: skip
KINDS = [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Battles", "Armed clash"),
    ("Strategic developments", "Non-violent transfer of territory"),
]
ACTORS = ["Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)",
          "Civilians (Ukraine)", None]  # fmt: skip
CLAIM_SOURCES = [
    ("Ministry of Defence of Russia", "Russia"),
    ("General Staff of the Armed Forces of Ukraine", "Ukraine"),
    ("Institute for the Study of War", "third party"),
    ("Wagner Group", "Russia"),
    ("Ukrainian Ground Forces", "Ukraine"),
]
PREDICATES = ["capture", "withdrawal", "encirclement", "attack"]
START = dt.date(2024, 5, 1)


def _place(n: int) -> Place:
    name = TOWNS[n]
    return Place(id=f"x:{name.lower().replace(' ', '-')}", name=name, confidence=0.9)


def _evidence(article_id: str, text: str, start: int, end: int) -> Evidence:
    return Evidence(
        article_id=article_id,
        sentence=0,
        start=start,
        end=end,
        text=text[start:end],
        rule="generated",
        confidence=0.8,
    )


def generated_report(rng: random.Random, n: int) -> Report:
    """One article: a few events and claims about places on the front, dated in May 2024."""
    published = START + dt.timedelta(days=rng.randrange(30))
    towns = [_place(rng.randrange(len(TOWNS))) for _ in range(rng.randint(1, 3))]
    names = ", ".join(t.name for t in towns)
    text = f"Dispatch {n}: fighting and strikes were reported around {names} this week.\n"
    article = make_article(text, source=rng.choice(OUTLETS), published=published)
    at = text.index(towns[0].name)
    places = []
    for town in {t.id: t for t in towns}.values():
        start = text.index(town.name)
        mention = PlaceMention(start=start, end=start + len(town.name), text=town.name)
        places.append(town.model_copy(update={"mentions": [mention]}))
    events = []
    for k in range(rng.randint(1, 3)):
        town = rng.choice(towns)
        kind = rng.choice(KINDS)
        undated = rng.random() < 0.05
        events.append(
            Event(
                id=f"{article.id}-E{k + 1}",
                event_type=kind[0],
                sub_event_type=kind[1],
                event_date=None if undated else published - dt.timedelta(days=rng.randrange(3)),
                time_precision=rng.choice([1, 1, 1, 2]),
                place_id=None if rng.random() < 0.05 else town.id,
                location=town.name,
                actor1=rng.choice(ACTORS),
                actor2=rng.choice(ACTORS),
                fatalities=rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 12]),
                injuries=rng.choice([0, 0, 1, 4, 9]),
                certainty=rng.choice(["fact", "fact", "attributed", "disputed"]),
                evidence=[_evidence(article.id, text, at, at + len(towns[0].name))],
            )
        )
    claims = []
    for k in range(rng.randint(0, 2)):
        town = _place(rng.randrange(8))  # few places: claims must meet to contradict
        source, side = rng.choice(CLAIM_SOURCES)
        stance = rng.choice(["assert", "assert", "deny"])
        predicate = rng.choice(PREDICATES)
        subject = rng.choice([None, "Russia", "Ukraine"])
        claims.append(
            Claim(
                id=f"{article.id}-C{k + 1}",
                source=ClaimSource(name=source, kind="military", side=side),
                cue="said",
                stance=stance,
                content=Span(start=0, end=len(text) - 1, text=text[:-1]),
                proposition=Proposition(
                    subject=subject,
                    predicate=predicate,
                    place=town.id,
                    polarity="negative" if stance == "deny" else "positive",
                    key=f"{subject or '?'}|{predicate}|{town.id}",
                ),
                date=published,
                evidence=[_evidence(article.id, text, k, len(text) - 1)],
            )
        )
    return Report(
        article=article,
        places=places,
        events=events,
        claims=claims,
        contradictions=find_contradictions(claims),
    )


@pytest.fixture(scope="module")
def generated() -> list[Report]:
    rng = random.Random(20240517)
    reports = [generated_report(rng, n) for n in range(300)]
    assert len({r.article.id for r in reports}) == 300
    return reports


def _write(target: str, reports: list[Report], barrier) -> None:
    """One writer process: waits for the other, then stores its half."""
    with open_ledger(target) as ledger:
        barrier.wait(timeout=60)
        for report in reports:
            ledger.add_report(report)


def test_300_articles_in_any_order_or_at_once_give_one_ledger(ledger_factory, generated):
    half_a, half_b = generated[:150], generated[150:]

    a_then_b = ledger_factory()
    for report in half_a + half_b:
        a_then_b.add_report(report)
    b_then_a = ledger_factory()
    for report in reversed(half_b + half_a):
        b_then_a.add_report(report)

    target = ledger_factory.target("concurrent")
    ledger_factory("concurrent").close()  # create the schema before the writers race
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    writers = [
        context.Process(target=_write, args=(target, half, barrier))
        for half in (half_a, half_b[::-1])
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=600)
    assert [w.exitcode for w in writers] == [0, 0]
    at_once = ledger_factory("concurrent")

    first = dump(a_then_b)
    assert dump(b_then_a) == first
    assert dump(at_once) == first
    assert_matches_pure_pass(first, generated)
    # Not trivially equal: reports did merge and claims did contradict.
    assert sum(len(e[13]) > 1 for e in first["events"]) >= 20
    assert len(first["contradictions"]) >= 20
