"""Villages the gazetteer lacks (issue 16 (b)) and relative locations (issue 16, issue 15 kind 4),
on team-written wire copy.

A name the text clearly uses as a place stays a place although no gazetteer holds it: its own
name ('x:<name>', the same in every article), the region the text puts it in, geo_precision
3 and no point of its own; a village given as 'about five kilometres west of Donetsk' is put
that far from its anchor, with geo_precision 2.
"""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.geo.distance import haversine_km
from frontwire.geo.offset import distance_km, load_offsets, offset_point, relative_offset
from frontwire.ledger.store import Ledger
from frontwire.model import Article, Place, Report


def _report(pipeline, text: str, art_id: str = "unknown-test", day: int = 30,
            source: str | None = None) -> Report:
    return pipeline.extract(
        Article(id=art_id, text=text, published=dt.date(2024, 10, day), source=source)
    )


def _named(report: Report, name: str) -> Place:
    return next(p for p in report.places if any(m.text == name for m in p.mentions))


# ------------------------------------------------------------ the phrase itself
@pytest.mark.parametrize(
    ("phrase", "km", "bearing"),
    [
        ("about five kilometres west of", 5.0, 270.0),
        ("12 km north-east of", 12.0, 45.0),
        ("some 20 kilometres south of", 20.0, 180.0),
        ("two miles north of", 3.218, 0.0),
    ],
)
def test_a_relative_phrase_gives_distance_and_bearing(phrase, km, bearing):
    offsets = load_offsets()
    got = relative_offset(phrase, offsets)
    assert got is not None
    assert got[0] == pytest.approx(km) and got[1] == bearing
    assert distance_km(phrase, offsets) == pytest.approx(km)


def test_near_gives_no_offset():
    offsets = load_offsets()
    assert relative_offset("near", offsets) is None
    assert distance_km("on the outskirts of", offsets) is None


def test_offset_point_walks_the_distance_on_the_bearing():
    lat, lon = offset_point(48.0, 37.8, 5.0, 270.0)
    assert haversine_km(48.0, 37.8, lat, lon) == pytest.approx(5.0, abs=0.05)
    assert lon < 37.8 and abs(lat - 48.0) < 0.01


# ------------------------------------------------------------ relative locations
def test_an_unknown_village_given_relative_to_a_town_is_put_that_far_from_it(pipeline):
    report = _report(
        pipeline,
        "Russian forces shelled the village of Zorianivka, about five kilometres west of "
        "Donetsk, killing two civilians, the regional governor said.",
    )
    village, donetsk = _named(report, "Zorianivka"), _named(report, "Donetsk")
    assert village.id == "x:zorianivka" and village.near == donetsk.id
    assert village.lat is not None and village.lon is not None
    assert haversine_km(village.lat, village.lon, donetsk.lat, donetsk.lon) == pytest.approx(
        5.0, abs=0.5
    )
    assert village.lon < donetsk.lon  # west
    assert village.geo_precision == 2
    [event] = report.events
    assert event.place_id == village.id and event.location == "Zorianivka"
    assert event.geo_precision == 2


def test_a_far_namesake_gives_way_to_the_point_the_text_gives(pipeline):
    # the gazetteer's Pavlivkas lie 100 km and more from Izium: none is 'eight kilometres'
    # from it, so the village is put where the text says, not at a namesake
    report = _report(
        pipeline,
        "Russian forces shelled Pavlivka, about eight kilometres south of Izium, killing a "
        "woman, the governor said.",
    )
    village, izium = _named(report, "Pavlivka"), _named(report, "Izium")
    assert village.id == "x:pavlivka" and village.near == izium.id
    assert haversine_km(village.lat, village.lon, izium.lat, izium.lon) == pytest.approx(
        8.0, abs=0.5
    )
    assert village.lat < izium.lat  # south
    [event] = report.events
    assert event.location == "Pavlivka" and event.geo_precision == 2


# ------------------------------------------------------------ villages the gazetteer lacks
def test_an_unknown_village_in_a_region_stays_a_place_without_a_point(pipeline):
    report = _report(
        pipeline,
        "Russian forces captured the village of Vodianyi Yar in the Donetsk region on "
        "Tuesday, the Russian defence ministry said.",
    )
    village = _named(report, "Vodianyi Yar")
    assert village.id == "x:vodianyi yar"
    assert village.lat is None and village.lon is None  # no invented point
    assert village.admin1 == "Donetsk Oblast" and village.country_code == "UA"
    assert village.geo_precision == 3
    region = _named(report, "Donetsk")
    assert region.feature_code == "ADM1" and village.near == region.id
    [event] = report.events
    # ACLED: coded at the region it lies in (at the region's capital), under its own name
    place = next(p for p in report.places if p.id == event.place_id)
    assert event.location == "Vodianyi Yar" and place.geonameid == region.geonameid
    assert place.admin1 == "Donetsk Oblast" and place.seat == "Donetsk"
    assert event.geo_precision == 3


def test_a_capture_claimed_and_denied_about_an_unknown_village_contradicts(pipeline, tmp_path):
    claimed = _report(
        pipeline,
        "Russia's defence ministry said its forces had captured the village of Vodianyi Yar "
        "in the Donetsk region.",
        art_id="claim-capture",
        day=29,
        source="Wire A",
    )
    denied = _report(
        pipeline,
        "Ukraine's General Staff denied that Russian troops had captured the village of "
        "Vodianyi Yar, saying fighting there went on.",
        art_id="claim-denial",
        day=30,
        source="Wire B",
    )
    keys = {c.proposition.key for r in (claimed, denied) for c in r.claims if c.proposition}
    assert "Russia|capture|x:vodianyi yar" in keys
    with Ledger(tmp_path / "ledger.db") as ledger:
        ledger.add_report(claimed)
        ledger.add_report(denied)
        [pair] = ledger.contradictions()
        assert {pair["a_stance"], pair["b_stance"]} == {"assert", "deny"}
        assert len(ledger.claims(contradictions_only=True)) == 2


# ------------------------------------------------------------ strays
def test_a_neighbourhood_read_as_a_far_town_is_a_part_of_its_town(pipeline):
    # the gazetteer's Paraiso lies in another state, 400 km away
    report = _report(
        pipeline,
        "Gunmen shot dead a shopkeeper in the Paraiso neighbourhood of Sao Goncalo on Friday, "
        "police said.",
    )
    [event] = report.events
    assert event.place_id == _named(report, "Sao Goncalo").id


def test_a_place_in_a_town_is_not_a_namesake_of_another_country(pipeline):
    report = _report(
        pipeline,
        "A roadside bomb killed three soldiers near Muradnagar in Comilla district on Monday, "
        "police said.",
    )
    village, town = _named(report, "Muradnagar"), _named(report, "Comilla")
    assert village.country_code == town.country_code == "BD"
    assert haversine_km(village.lat, village.lon, town.lat, town.lon) <= 100


def test_a_village_written_before_its_noun_keeps_its_own_name(pipeline):
    # 'X village': the village X, the same place as 'the village of X'
    report = _report(
        pipeline,
        "Gunmen killed two farmers in Kabo village (Tchaourou, Borgou) on Tuesday, local "
        "officials said.",
    )
    village = _named(report, "Kabo village")
    assert village.id == "x:kabo" and village.name == "Kabo"
    assert village.near == _named(report, "Tchaourou").id
    [event] = report.events
    assert event.location == "Kabo" and event.geo_precision == 2


def test_an_unknown_village_in_a_somali_region_has_no_point_of_its_own(pipeline):
    report = _report(
        pipeline,
        "Al Shabaab fighters took control of Dhuusa village in the Bay region on Monday, "
        "residents said.",
    )
    village = _named(report, "Dhuusa")
    assert village.id == "x:dhuusa"
    assert village.lat is None and village.admin1 == "Bay" and village.country_code == "SO"
    [event] = report.events
    assert event.location == "Dhuusa" and event.geo_precision == 3


def test_the_place_in_brackets_after_a_district_only_says_where_it_is(pipeline):
    # the bracketed city is a town, the district only a district: the district is the place
    report = _report(
        pipeline,
        "Houthi forces shelled Hays district (Hodeidah) on Sunday, killing a girl, local "
        "officials said.",
    )
    [event] = report.events
    assert event.place_id == _named(report, "Hays").id and event.location == "Hays"
