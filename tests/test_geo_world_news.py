"""Web news of business, sport and travel: world cities against specks of their names,
short names of cities with a river in their full name, streets and metro areas that stand
for places, storms named like towns. Articles are team-written."""

from __future__ import annotations


def test_a_city_the_tagger_took_for_a_person(places_in):
    found = places_in("The Bangalore start-up raised $40 million from investors in Singapore "
                      "and Dubai and plans to hire engineers in Pune and Hyderabad.")
    assert found["Bangalore"].name == "Bengaluru"  # tagged PERSON


def test_a_city_by_its_name_without_its_river(places_in):
    found = places_in("Shares fell on Wall Street and in Tokyo after the central bank in "
                      "Frankfurt raised rates.")
    assert found["Frankfurt"].name == "Frankfurt am Main"  # not Frankfort, Kentucky
    assert found["Wall Street"].admin1 == "New York"  # not the town of Wall, South Dakota


def test_metro_areas_are_regions(places_in):
    found = places_in("The Greater Toronto Area will get new transit lines, and rents in the Bay "
                      "Area fell.")
    assert found["Greater Toronto Area"].country_code == "CA"  # tagged ORG
    assert found["Bay Area"].country_code == "US"


def test_disaster_reports(places_in):
    found = places_in("Typhoon Haiyan devastated Tacloban, and survivors were flown to Cebu. "
                      "Storm Daniel caused two dams to burst above Derna, and rescuers came "
                      "from Benghazi. An earthquake struck the High Atlas south-west of "
                      "Marrakesh.")
    assert "Typhoon" not in found and "Haiyan" not in found
    assert found["Derna"].country_code == "LY"  # Darnah; tagged ORG
    assert found["High Atlas"].country_code == "MA"


def test_a_state_abbreviation_shared_by_two_countries_follows_the_story(places_in):
    found = places_in("Wastewater in WA is diluted before it reaches the sea, the Perth utility "
                      "said of the Woodman Point plant.")
    assert found["WA"].name == "Western Australia"  # not Washington, nor Wa in Ghana
    assert found["Perth"].country_code == "AU"  # a coin toss for 'WA' pulls Perth nowhere
    found = places_in("The company moved from Seattle, WA to Portland, Oregon.")
    assert found["WA"].name == "Washington"


def test_a_region_adjective_picks_a_region_of_another_country(places_in):
    found = places_in("Business cards belonging to a man from Chatham were found. A family "
                      "reunion in central Ontario's cottage country was marred by tragedy.")
    assert found["Ontario"].feature_code == "ADM1"  # not the city of Ontario, California
    assert found["Ontario"].country_code == "CA"
