"""An event the report places only at a region is coded at the region's seat (ACLED's
geo_precision 3), while the ledger keeps the region as its place. Team-written articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from frontwire.events.region_seat import SEAT_FLAG, RegionSeats
from frontwire.geo.distance import haversine_km
from frontwire.ingest.article import make_article
from frontwire.ledger.export import ledger_event_row, report_rows
from frontwire.ledger.store import Ledger
from frontwire.ledger.views import EventFilter
from frontwire.model import Report
from frontwire.serve.highlights import field_sources

KHARKIV_CITY = (49.98, 36.25)  # the oblast's capital; the oblast's centre lies ~50 km away
AT_KHARKIV = ("Kharkiv", "Kharkiv Oblast", 3)  # ACLED's location, admin1, geo_precision
TUESDAY = dt.date(2024, 5, 8)  # published Wednesday: 'on Tuesday' is the 7th


def extract(pipeline, text: str, source: str = "Team desk") -> Report:
    return pipeline.extract(make_article(text, published=TUESDAY, source=source))


def only_event(report: Report):
    assert len(report.events) == 1, [e.location for e in report.events]
    event = report.events[0]
    place = next(p for p in report.places if p.id == event.place_id)
    return event, place


def test_shelling_in_a_region_is_coded_at_its_capital_with_precision_3(pipeline) -> None:
    report = extract(pipeline, "Shelling in Kharkiv region killed two civilians on Tuesday, "
                               "the regional governor said.")
    event, place = only_event(report)
    assert event.location == "Kharkiv Oblast", "the event keeps what the text named"
    assert event.geo_precision == 3 and SEAT_FLAG in event.flags
    assert place.feature_code == "ADM1" and place.admin1 == "Kharkiv Oblast"
    assert place.seat == "Kharkiv" and not place.mentions
    assert haversine_km(place.lat, place.lon, *KHARKIV_CITY) < 5
    [row] = list(report_rows(report))
    assert (row["location"], row["admin1"], row["geo_precision"]) == AT_KHARKIV
    assert haversine_km(row["latitude"], row["longitude"], *KHARKIV_CITY) < 5
    region = next(p for p in report.places if p.id == "gn:706482")
    assert region.mentions and haversine_km(region.lat, region.lon, *KHARKIV_CITY) > 25, (
        "the region's own mention stays where the geoparser put it")
    # the workbench still shows the words that placed it
    assert [s["text"] for s in field_sources(report, event)["place"]] == ["Kharkiv"]


def test_a_town_named_in_the_region_keeps_its_own_point(pipeline) -> None:
    report = extract(pipeline, "Russian shelling of Kupiansk in Kharkiv region killed two "
                               "civilians on Tuesday, the governor said.")
    event, place = only_event(report)
    assert place.id == "gn:703656" and place.seat is None
    assert event.geo_precision == 1 and SEAT_FLAG not in event.flags
    [row] = list(report_rows(report))
    assert row["location"] == "Kupyansk" and row["geo_precision"] == 1


def test_region_events_merge_with_each_other_not_with_the_capital_s_own(
    pipeline, tmp_path: Path
) -> None:
    articles = [
        ("Russian shelling in Kharkiv region killed two civilians on Tuesday, the regional "
         "governor said.", "Regional desk"),
        ("Two civilians were killed by Russian shelling in the Kharkiv region on Tuesday, "
         "police said.", "Police desk"),
        ("A Russian missile struck the city of Kharkiv on Tuesday, killing five people.",
         "City desk"),
    ]
    with Ledger(tmp_path / "ledger.db") as ledger:
        for text, source in articles:
            assert ledger.add_report(extract(pipeline, text, source))
        events = {e.location: e for e in ledger.ledger_events()}
        in_region = ledger.ledger_events(EventFilter(place="Kharkiv Oblast"))
    assert [e.location for e in in_region] == ["Kharkiv Oblast"], "found by the region's name"
    assert sorted(events) == ["Kharkiv", "Kharkiv Oblast"], "same place-day: region with region"
    region, city = events["Kharkiv Oblast"], events["Kharkiv"]
    assert region.n_sources == 2 and region.fatalities == 2
    assert city.n_sources == 1 and city.fatalities == 5
    assert region.place.admin1 == "Kharkiv Oblast" and region.geo_precision == 3
    row = ledger_event_row(region)
    assert (row["location"], row["admin1"], row["geo_precision"]) == AT_KHARKIV
    assert (row["latitude"], row["longitude"]) == (region.place.lat, region.place.lon)


@pytest.mark.parametrize("text", [
    "Russian drones struck Zolochiv district overnight on Tuesday, injuring one man.",
    "Shelling hit Kharkiv on Tuesday, injuring three people.",
])
def test_no_stand_in_for_a_town_or_a_district(pipeline, text: str) -> None:
    seats = RegionSeats(pipeline.geo.gazetteer)
    report = extract(pipeline, text)
    for place in report.places:
        if place.feature_code != "ADM1":
            assert seats.stand_in(place) is None, place.name


def test_a_stand_in_is_made_once_and_never_moved_again(pipeline) -> None:
    report = extract(pipeline, "Russian forces shelled the Kharkiv region on Tuesday, killing "
                               "a woman, the governor said.")
    event, place = only_event(report)
    seats = RegionSeats(pipeline.geo.gazetteer)
    assert seats.stand_in(place) is None, "a stand-in is not a region to move again"
    again = seats.code_at_seats(report.events, report.places)
    assert [p.id for p in again] == [p.id for p in report.places]
    assert event.flags.count(SEAT_FLAG) == 1
