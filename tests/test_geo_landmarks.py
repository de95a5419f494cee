"""Landmarks from the team's list (data/geo/landmarks.json): plants, dams, bridges, airports,
government seats. Articles are team-written."""

from __future__ import annotations

from frontwire.geo.gazetteer import LANDMARK_CLASS
from frontwire.geo.parser import main_place
from frontwire.model import Article
from frontwire.text.context import ArticleContext


def test_a_site_named_in_lowercase_words_after_a_town_is_the_site(places_in):
    found = places_in("Shelling near the Zaporizhzhia nuclear power plant cut a power line on "
                      "Monday, and Russian forces blew up the Kakhovka dam in June. The Crimean "
                      "Bridge was hit again overnight.")
    plant = found["Zaporizhzhia nuclear power plant"]
    assert plant.feature_code == "PS" and plant.geo_precision == 1
    assert plant.admin1 == "Zaporizhzhia Oblast"
    assert plant.lon < 34.7  # at Enerhodar, not at the city of Zaporizhzhia (35.2 E)
    assert found["Kakhovka dam"].feature_code == "DAM"
    assert found["Crimean Bridge"].feature_code == "BDG"
    assert plant.population is None  # a landmark's rank-size is no population


def test_a_seat_of_government_speaking_is_the_government(places_in):
    found = places_in("The Kremlin said the strike came from Nikopol. A White House spokesman "
                      "said Washington was watching, and the attack was condemned by the "
                      "Pentagon.")
    assert not {"Kremlin", "White House", "Pentagon"} & found.keys()
    found = places_in("Protesters gathered outside the White House on Saturday.")
    assert found["White House"].feature_code == "ADMF"  # not Casablanca, 'the white house'
    assert found["White House"].admin1 == "District of Columbia"


def test_an_airport_against_a_namesake_town(places_in):
    found = places_in("Cabin crew based at Heathrow will strike on Christmas Day, the union "
                      "said, and flights at Gatwick may be delayed too.")
    assert (found["Heathrow"].feature_code, found["Heathrow"].country_code) == ("AIRP", "GB")
    found = places_in("Residents of Heathrow, Florida, voted on a new park near Orlando.")
    assert (found["Heathrow"].feature_code, found["Heathrow"].admin1) == ("PPL", "Florida")


def test_a_headline_about_a_site_is_placed_at_the_site(nlp, parser):
    text = "Fighting continues at the Donetsk airport"
    place = main_place(parser.parse(ArticleContext(Article(id="h", text=text), nlp(text))))
    assert place is not None and place.feature_code in LANDMARK_CLASS
    assert place.country_code == "UA"


def test_camps_ports_and_bases_of_current_conflicts(places_in):
    found = places_in("RSF fighters shelled the Zamzam camp south of El Fasher, Houthi drones "
                      "struck the Ras Isa oil terminal, and women were moved from the al-Hol camp "
                      "in Syria.")
    assert found["Zamzam camp"].feature_code == "CMPRF"
    assert found["Zamzam camp"].admin1 == found["El Fasher"].admin1
    assert (found["Ras Isa oil terminal"].feature_code, found["Ras Isa oil terminal"].country_code
            ) == ("PRT", "YE")
    assert found["al-Hol camp"].country_code == "SY"  # a lowercase Arabic article opens it
