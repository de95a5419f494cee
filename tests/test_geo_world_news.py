"""Web news of business, sport and travel: world cities against specks of their names,
short names of cities with a river in their full name, streets and metro areas that stand
for places, storms named like towns. Articles are team-written."""

from __future__ import annotations


def test_a_world_city_beats_a_speck_of_its_name_in_the_story_country(places_in):
    found = places_in("The Bangalore start-up raised $40 million from investors in Singapore "
                      "and Dubai and plans to hire engineers in Pune and Hyderabad.")
    assert found["Dubai"].country_code == "AE"  # not a hamlet called Dubai in India
    assert found["Bangalore"].name == "Bengaluru"  # tagged PERSON


def test_a_city_by_its_name_without_its_river(places_in):
    found = places_in("Shares fell on Wall Street and in Tokyo after the central bank in "
                      "Frankfurt raised rates.")
    assert found["Frankfurt"].name == "Frankfurt am Main"  # not Frankfort, Kentucky
    assert found["Wall Street"].admin1 == "New York"  # not the town of Wall, South Dakota


def test_bays_and_metro_areas_are_regions(places_in):
    found = places_in("A storm in the Bay of Biscay forced the ship to skip Vigo. The Greater "
                      "Toronto Area will get new transit lines, and rents in the Bay Area fell.")
    assert found["Bay of Biscay"].feature_code == "RGN"  # not the Basque province Bizkaia
    assert found["Greater Toronto Area"].country_code == "CA"  # tagged ORG
    assert found["Bay Area"].country_code == "US"


def test_a_storm_is_no_place(places_in):
    found = places_in("Hurricane Milton made landfall near Siesta Key, south of Sarasota, and "
                      "brought flooding to Tampa.")
    assert "Milton" not in found
    assert found["Sarasota"].admin1 == "Florida"


def test_disaster_reports(places_in):
    found = places_in("Typhoon Haiyan devastated Tacloban, and survivors were flown to Cebu. "
                      "Storm Daniel caused two dams to burst above Derna, and rescuers came "
                      "from Benghazi. An earthquake struck the High Atlas south-west of "
                      "Marrakesh.")
    assert "Typhoon" not in found and "Haiyan" not in found
    assert found["Derna"].country_code == "LY"  # Darnah; tagged ORG
    assert found["High Atlas"].country_code == "MA"
