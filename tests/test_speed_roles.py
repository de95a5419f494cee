"""Speed work on events/roles.py and events/place_coherence.py (issue 19, linear in length):
the faster forms give the same answers as the plain ones they replace."""

from __future__ import annotations

import random

import pytest

from frontwire.events.actors import ActorRegistry
from frontwire.events.lexicon import Lexicon
from frontwire.events.place_coherence import (
    FOREIGN_KM,
    FOREIGN_SHARE,
    PART_DISTRICT_KM,
    PART_KM,
    Coherence,
)
from frontwire.events.roles import RoleFinder, _phrase_ids, mention_for
from frontwire.geo.distance import haversine_km
from frontwire.geo.gazetteer import ADMIN2
from frontwire.model import Place, PlaceMention

KM_PER_DEG = 111.195  # about; the cases below only need points on both sides of each limit


# --------------------------------------------------------------------------- strays
def _stray_by_every_point(coh: Coherence, place: Place, start: int) -> bool:
    """Coherence.stray as first written: every home point and every town is measured."""
    if place.lat is None or place.lon is None:
        return False
    cc = place.country_code
    if (
        cc
        and coh.home
        and cc != coh.home
        and coh.kinds[cc] == 1
        and (coh.share.get(cc, 0.0) < FOREIGN_SHARE
             or coh.share.get(cc, 0.0) <= coh.share.get(coh.home, 0.0) == 0.5)
        and coh.home_points
        and all(haversine_km(place.lat, place.lon, a, b) > FOREIGN_KM
                for a, b in coh.home_points)
    ):
        return True
    if start in coh.parts:
        others = [t for t in coh.towns if t is not place]
        return bool(others) and all(
            haversine_km(place.lat, place.lon, t.lat, t.lon)  # type: ignore[arg-type]
            > (PART_DISTRICT_KM if t.feature_code == ADMIN2 else PART_KM)
            for t in others
        )
    return False


def _article(rng: random.Random) -> tuple[str, list[Place]]:
    """A long text naming many places: towns and districts of a home country, one-off
    namesakes abroad, and neighbourhoods ('the X neighbourhood of ...') set just inside and
    just outside the distance a part of a town may lie from it."""
    text = ""
    places: list[Place] = []

    def add(name: str, lat: float, lon: float, cc: str, code: str, part: bool = False,
            times: int = 1) -> None:
        nonlocal text
        mentions = []
        for _ in range(times):
            text += "Fighting was reported in "
            mentions.append(PlaceMention(start=len(text), end=len(text) + len(name), text=name))
            text += name + (" neighbourhood of the city. " if part else " on Monday. ")
        places.append(Place(id=f"x:{len(places)}", name=name, lat=lat, lon=lon,
                            country_code=cc, feature_class="P" if code != ADMIN2 else "A",
                            feature_code=code, confidence=0.8, mentions=mentions))

    base_lat, base_lon = 4.0, 45.0
    for k in range(120):  # the home country's towns and districts
        add(f"Hometown{k}", base_lat + rng.uniform(-6, 6), base_lon + rng.uniform(-4, 4), "SO",
            ADMIN2 if k % 7 == 0 else "PPL", times=2)
    for k, km in enumerate((PART_KM - 0.05, PART_KM + 0.05, PART_DISTRICT_KM - 0.05,
                            PART_DISTRICT_KM + 0.05, 5.0, 300.0)):
        anchor = places[k]
        # along the meridian, and along the parallel, from a town of the article
        add(f"Quarter{k}n", anchor.lat + km / KM_PER_DEG, anchor.lon, "SO", "PPLX", part=True)
        add(f"Quarter{k}e", anchor.lat, anchor.lon + km / KM_PER_DEG, "SO", "PPLX", part=True)
    for k, km in enumerate((FOREIGN_KM - 1, FOREIGN_KM + 1, 2000.0)):  # one-off namesakes
        far = max(places[:120], key=lambda p: p.lat)  # type: ignore[arg-type,return-value]
        add(f"Abroad{k}", far.lat + km / KM_PER_DEG, far.lon, f"X{k}", "PPL")  # type: ignore[operator]
        add(f"Elsewhere{k}", base_lat, base_lon + 8 + km / KM_PER_DEG, f"Y{k}", "PPL")
    for k in range(60):  # anywhere on the globe, poles and date line included
        add(f"Faraway{k}", rng.uniform(-90, 90), rng.uniform(-180, 180), f"Z{k}", "PPL",
            part=k % 2 == 0)
    return text, places


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stray_reads_only_nearby_points_and_answers_as_before(seed: int) -> None:
    text, places = _article(random.Random(seed))
    coh = Coherence.of(text, places)
    assert coh.home == "SO" and coh.parts and len(coh.home_points) > 100
    answers = [
        (coh.stray(p, m.start), _stray_by_every_point(coh, p, m.start))
        for p in places for m in p.mentions
    ]
    assert all(got == want for got, want in answers)
    # both answers occur, from both rules: the test sees the limits, not one side only
    assert {got for got, _ in answers} == {True, False}
    named = {p.name: coh.stray(p, p.mentions[0].start) for p in places}
    assert named["Abroad2"] and not named["Abroad0"]
    assert not named["Quarter0n"]  # within a part's reach of its town
    assert any(named[f"Faraway{k}"] for k in range(0, 60, 2))  # a 'part' far from every town


def test_stray_of_an_unlocated_reading_or_a_lone_town() -> None:
    text = "Clashes broke out in the Hamarweyne neighbourhood of the capital on Tuesday."
    start = text.index("Hamarweyne")
    quarter = Place(id="x:h", name="Hamarweyne", lat=2.03, lon=45.34, country_code="SO",
                    feature_class="P", feature_code="PPLX", confidence=0.7,
                    mentions=[PlaceMention(start=start, end=start + 10, text="Hamarweyne")])
    coh = Coherence.of(text, [quarter])
    assert coh.parts == frozenset({start})
    assert not coh.stray(quarter, start)  # no other town to be far from
    unlocated = quarter.model_copy(update={"lat": None, "lon": None})
    assert not coh.stray(unlocated, start)


# --------------------------------------------------------------------------- roles
TEXTS = [
    "An attack by Al Shabaab fighters on an army base near Afgooye, which lasted two hours, "
    "killed four soldiers, the regional governor said.",
    "Gunmen believed to be members of the ADF raided a village in Beni territory on Sunday "
    "night and burned several houses.",
    "Police fired tear gas at protesters who had gathered outside the parliament in Nairobi "
    "to denounce the new tax law.",
]


def _phrase_by_tokens(tok) -> set[int]:  # type: ignore[no-untyped-def]
    """_phrase_ids as first written, on spaCy Token objects."""
    from frontwire.events.roles import PHRASE_CUT_PREPS

    out, stack = {tok.i}, list(tok.children)
    while stack:
        t = stack.pop()
        if t.dep_ in ("relcl", "acl", "advcl", "ccomp", "appos") or (
            t.dep_ == "prep" and t.lower_ in PHRASE_CUT_PREPS
        ):
            continue
        out.add(t.i)
        stack.extend(t.children)
    return out


def test_phrase_ids_on_the_parse_lists_is_the_token_walk(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(" ".join(TEXTS))
    assert all(_phrase_ids(t) == _phrase_by_tokens(t) for t in doc)
    attack = next(t for t in doc if t.lower_ == "attack")
    phrase = {doc[k].lower_ for k in _phrase_ids(attack)}
    assert {"attack", "by", "shabaab"} <= phrase and "base" not in phrase  # 'on X' is cut


@pytest.fixture(scope="module")
def roles() -> RoleFinder:
    registry = ActorRegistry.load()
    return RoleFinder(registry, Lexicon.load())


def test_the_article_country_is_read_per_article(roles: RoleFinder, nlp) -> None:  # type: ignore[no-untyped-def]
    """text_country and the count of named countries are kept for the article they read: a
    second article gets its own answer, and asking again gives the same."""
    kenya = nlp("Protesters marched through the streets of Kisumu, Kenya, and Kenyan police "
                "arrested twelve of them.")
    mali = nlp("Residents of Mopti in Mali said Malian soldiers had left the town before the "
               "rains, and the Malian government gave no reason.")
    for doc, want in ((kenya, "KE"), (mali, "ML"), (kenya, "KE")):
        mentions = [roles.registry.find(s) for s in doc.sents]
        got = roles.text_country(mentions, doc)
        assert got == want
        assert roles.text_country(mentions, doc) == got
        assert roles._named_country(doc) == want


def test_mention_for_finds_the_group_inside_the_phrase(roles: RoleFinder, nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXTS[0])
    ms = roles.registry.find(doc[:])
    attack = next(t for t in doc if t.lower_ == "attack")
    got = mention_for(attack, ms)
    assert got is not None and "Shabaab" in got.text
