"""The event's place (issue 15, kind 4) on team-written wire copy: the most specific place of
the event's clause, never the dateline; villages the gazetteer lacks keep their name at the
place the text ties them to; family names are no places."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.geo.resolve import haversine_km
from frontwire.model import Article, Event, Place, Report

PUB = dt.date(2024, 10, 30)


def _report(pipeline, text: str) -> Report:
    return pipeline.extract(Article(id="place-test", text=text, published=PUB))


def _first_event(report: Report) -> tuple[Event, Place | None]:
    assert report.events, "no event coded"
    ev = report.events[0]
    return ev, next((p for p in report.places if p.id == ev.place_id), None)


def _km(place: Place | None, other: Place | None) -> float:
    assert place is not None and place.lat is not None
    assert other is not None and other.lat is not None
    return haversine_km(place.lat, place.lon, other.lat, other.lon)


def _named(report: Report, name: str) -> Place:
    return next(p for p in report.places if any(m.text == name for m in p.mentions))


# ------------------------------------------------------------ the clause, not the dateline
@pytest.mark.parametrize(
    ("text", "village"),
    [
        (  # Ukraine: a wire dateline and the village of the shelling
            "KYIV, Oct 30 (Reuters) - Russian shelling killed two civilians in the village of "
            "Bilozerka in the Kherson region on Wednesday, the regional governor said.",
            "Bilozerka",
        ),
        (  # Sudan: the dateline city stands nearer the trigger than the event's city
            "KHARTOUM — Shelling killed at least 12 civilians on Tuesday in the North Darfur "
            "capital El Fasher, activists said.",
            "El Fasher",
        ),
    ],
)
def test_the_event_is_at_its_clause_place_not_the_dateline(pipeline, text, village):
    report = _report(pipeline, text)
    ev, place = _first_event(report)
    assert ev.location == place.name == _named(report, village).name
    assert ev.geo_precision == 1
    assert "place-from-article" not in ev.flags


def test_a_town_beats_its_region_in_the_same_clause(pipeline):
    report = _report(
        pipeline,
        "In the Donetsk region, a Russian missile hit the village of Kurakhove, killing three "
        "people, the governor said.",
    )
    ev, place = _first_event(report)
    assert place is _named(report, "Kurakhove")
    assert place.feature_class == "P" and ev.geo_precision == 1


def test_the_village_of_a_relative_clause_on_the_strike(pipeline):
    # Myanmar: the region is nearer the trigger, the village is what the strikes hit
    report = _report(
        pipeline,
        "Myanmar's military carried out air strikes on Tuesday in the Sagaing region that hit "
        "the village of Pazigyi, killing at least 100 people, witnesses said.",
    )
    ev, place = _first_event(report)
    assert ev.location == "Pazigyi"
    # no gazetteer holds the village: it keeps its name, without a point, in its region,
    # where the event is coded (precision 3)
    village = _named(report, "Pazigyi")
    assert village.lat is None and village.admin1 == place.admin1
    region = _named(report, "Sagaing")  # the event stands at the region's capital
    assert place.geonameid == region.geonameid and place.seat and ev.geo_precision == 3


def test_the_place_of_a_reporting_source_is_not_the_events(pipeline):
    # the governor's region stands nearer the trigger than the town that was hit
    report = _report(
        pipeline,
        "Shelling overnight, the governor of the Dnipropetrovsk region said, wounded two women "
        "in the town of Nikopol.",
    )
    ev, place = _first_event(report)
    assert place is _named(report, "Nikopol")


def test_the_town_in_brackets_only_says_where_the_place_is(pipeline):
    # 'X (Y)': Y stands nearer the trigger, but X is where the shelling was
    report = _report(
        pipeline,
        "In Kupiansk (Kharkiv), Russian shelling killed two civilians on Monday, the governor "
        "said.",
    )
    ev, place = _first_event(report)
    assert place is _named(report, "Kupiansk")


# ------------------------------------------------------------ villages the gazetteer lacks
def test_a_village_in_brackets_with_its_commune_is_never_a_namesake_abroad(pipeline):
    # Benin: the gazetteer's only Kabo is a district of Nigeria, 300 km away
    report = _report(
        pipeline,
        "Gunmen from Nigeria killed two farmers in Kabo (Tchaourou, Borgou) on Tuesday, local "
        "officials said.",
    )
    ev, place = _first_event(report)
    assert ev.location == "Kabo" and place.country_code == "BJ"
    assert _km(place, _named(report, "Tchaourou")) <= 25
    assert ev.geo_precision == 2


def test_unknown_village_keeps_its_name_at_the_region_the_clause_names(pipeline):
    # Sahel: the village is in no gazetteer; the nearest place to the trigger is the country
    report = _report(
        pipeline,
        "Suspected jihadists killed at least 20 civilians in Burkina Faso's northern Sahel "
        "region on Saturday in an attack on the village of Seytenga, the army said.",
    )
    ev, place = _first_event(report)
    assert ev.location == "Seytenga"
    assert place is not None and place.lat is not None and place.country_code == "BF"
    assert ev.geo_precision == 3


def test_village_named_in_a_region_without_such_village_keeps_its_name(pipeline):
    # the gazetteer's Novoselivkas lie in other regions: the Sumy region, precision 3
    report = _report(
        pipeline,
        "Russian troops shelled the village of Novoselivka in the Sumy region, killing two "
        "civilians.",
    )
    ev, place = _first_event(report)
    assert ev.location == "Novoselivka"
    assert place.feature_code == "ADM1" and place.admin1 == "Sumy Oblast"
    assert ev.geo_precision == 3


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        (
            "Russian forces shelled the village of Blahodatne, 15 km west of Kherson, killing "
            "a man, the regional governor said.",
            "Kherson",
        ),
        (
            "Ukrainian drones hit a fuel depot in Pervomaiske, some 20 kilometres north of "
            "Melitopol, the occupation authorities said.",
            "Melitopol",
        ),
    ],
)
def test_village_given_relative_to_a_town_is_never_a_far_namesake(pipeline, text, anchor):
    report = _report(pipeline, text)
    ev, place = _first_event(report)
    assert _km(place, _named(report, anchor)) <= 40
    assert ev.geo_precision == 2


def test_a_namesake_within_the_distance_given_is_kept(pipeline):
    # one Novoselivka of the gazetteer lies ~12 km from Lyman, others far away
    report = _report(
        pipeline,
        "Russian forces shelled Novoselivka, 10 km north of Lyman, killing a man, the General "
        "Staff said.",
    )
    ev, place = _first_event(report)
    assert ev.location == "Novoselivka" and place.feature_class == "P"
    assert _km(place, _named(report, "Lyman")) <= 25


# ------------------------------------------------------------ family names
@pytest.mark.parametrize(
    ("text", "family", "town"),
    [
        (
            "An Israeli air strike hit a house of the Salem family in Deir el-Balah, killing "
            "seven people, medics said.",
            "Salem",
            "Deir el-Balah",
        ),
        (
            "An Israeli air strike destroyed the Khalil family's home in Rafah overnight, "
            "killing four children.",
            "Khalil",
            "Rafah",
        ),
        (
            "Gunmen killed three members of the Kaya family in the town of Djibo on Sunday, "
            "security sources said.",
            "Kaya",
            "Djibo",
        ),
    ],
)
def test_a_family_name_is_not_a_place(pipeline, text, family, town):
    report = _report(pipeline, text)
    assert not any(m.text == family for p in report.places for m in p.mentions)
    ev, place = _first_event(report)
    assert place is _named(report, town)


def test_a_family_from_a_town_keeps_the_town(pipeline):
    # without 'the', the name says where the family is from
    report = _report(
        pipeline, "A Gaza family of five was killed in an air strike on Rafah, medics said."
    )
    assert any(m.text == "Gaza" for p in report.places for m in p.mentions)


# ------------------------------------------------------------ the dateline itself
def test_the_dateline_is_used_when_nothing_else_names_a_place(pipeline):
    report = _report(
        pipeline,
        "KHARTOUM — Artillery fire killed at least nine people on Tuesday, medics said.",
    )
    ev, place = _first_event(report)
    assert place is not None and place.name == "Khartoum"
    assert "place-from-article" in ev.flags


def test_dateline_end():
    from frontwire.text.dateline import dateline_end

    text = "KYIV, Oct 30 (Reuters) - Russian drones struck the city overnight."
    assert text[dateline_end(text) :].startswith("Russian")
    text = "KHARTOUM — The army said it repelled an attack."
    assert text[dateline_end(text) :].startswith("The army")
    assert dateline_end("Russian forces shelled Kharkiv - the mayor said.") == 0
    text = "BUNIA, Democratic Republic of Congo, March 3 (Reuters) - Militia fighters raided."
    assert text[dateline_end(text) :].startswith("Militia")  # its date is no event's date
    text = "Rebels attacked a camp.\nMOGADISHU (AFP) -- Shabaab fighters ambushed a convoy."
    assert text[dateline_end(text, text.index("MOGADISHU")) :].startswith("Shabaab")


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces took control of a village near the front line on Tuesday, the "
        "defence ministry in Moscow said.",
        "Rebel fighters overran an army post on Sunday, a military spokesman in Kinshasa said.",
    ],
)
def test_where_the_source_speaks_from_is_not_the_event_place(pipeline, text):
    event, place = _first_event(_report(pipeline, text))
    assert place is None and event.location is None


# ------------------------------------------------------------ places that only locate another
@pytest.mark.parametrize(
    ("text", "town"),
    [  # a city that names the police, not where they made the arrest
        ("Odesa police detained three men in Izmail on Tuesday after a grenade attack on a "
         "bar, the prosecutor's office said.", "Izmail"),
        ("Kharkiv police arrested two men in Chuhuiv on Monday on suspicion of sabotage, "
         "officials said.", "Chuhuiv"),
    ],
)
def test_the_city_of_the_police_is_not_the_place_of_the_arrest(pipeline, text, town):
    ev, place = _first_event(_report(pipeline, text))
    assert place is not None and place.name == ev.location
    assert any(m.text == town for m in place.mentions)


@pytest.mark.parametrize(
    ("text", "place_named"),
    [  # the towns a road is named for; the event is along it, near the place the text names
        ("Russian drones struck a bus on the Kherson-Mykolaiv highway near Bilozerka on "
         "Friday, killing the driver.", "Bilozerka"),
        ("Gunmen ambushed a truck on the Kaduna-Abuja highway near Jere on Sunday, killing "
         "two passengers.", "Jere"),
        # the anchor of a direction
        ("Coalition jets bombed Harib district, south-east of Marib city, on Monday night, "
         "killing four fighters.", "Harib"),
        # a unit below the region, a comma, and the province (which has its capital's name)
        ("A roadside bomb killed two soldiers in the Chahar Dara district, Kunduz, on Sunday, "
         "officials said.", "Chahar Dara"),
    ],
)
def test_a_place_that_only_locates_another_is_not_the_events(pipeline, text, place_named):
    report = _report(pipeline, text)
    _, place = _first_event(report)
    assert place is not None
    assert any(m.text.startswith(place_named) for m in place.mentions)


def test_inside_a_city_by_direction_is_still_the_city(pipeline):
    report = _report(pipeline, "In the north-east of Kharkiv, a missile hit a warehouse on "
                               "Friday, killing two workers.")
    _, place = _first_event(report)
    assert place is _named(report, "Kharkiv")


def test_a_district_beats_an_unknown_village_coded_at_its_region(pipeline):
    # the village has no point of its own: at its region it would be coded 100 km off; the
    # district the same clause names is the more specific point
    report = _report(pipeline, "Houthi forces captured Harib district and the village of Bani "
                               "Saif on Friday, in Marib governorate, tribal sources said.")
    _, place = _first_event(report)
    assert place is not None and any(m.text.startswith("Harib") for m in place.mentions)


def test_locators_and_qualifiers_read_the_text():
    from frontwire.events.place import EventPlacer
    from frontwire.events.place_coherence import locators, qualifiers

    words = EventPlacer.load().locating

    def mentions(text: str, *names: str) -> list:
        return [(text.index(n), None, 1, n) for n in names]

    text = "Jets hit Harib district, south-east of Marib city, and the Aden-Lahij road."
    found = locators(text, mentions(text, "Harib", "Marib", "Aden", "Lahij"), words)
    assert found == {text.index("Marib"), text.index("Aden"), text.index("Lahij")}
    inside = "Shells fell in the north-east of Kharkiv."
    assert locators(inside, mentions(inside, "Kharkiv"), words) == set()
    text = "A bomb went off in the Chahar Dara district, Kunduz, and in Baghlan, Pul-e Khumri."
    found_places = mentions(text, "Chahar Dara", "Kunduz", "Baghlan", "Pul-e Khumri")
    bracket, comma = qualifiers(text, found_places, words)
    assert bracket == {text.index("Kunduz")} and comma == {text.index("Pul-e Khumri")}


def test_a_namesake_far_from_the_district_in_its_brackets_is_not_the_village(pipeline):
    # the gazetteer's only Kamina is a city 1,000 km away; the brackets put the village in
    # Rutshuru territory, where the event is coded, under the village's own name
    report = _report(pipeline, "M23 rebels shelled Kamina (Bwisha, Rutshuru, Nord-Kivu) on "
                               "Thursday, killing two civilians.")
    ev, place = _first_event(report)
    assert ev.location == "Kamina" and ev.geo_precision == 3
    assert _km(place, _named(report, "Rutshuru")) <= 25
