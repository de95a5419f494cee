"""Local news of English-speaking countries: towns the small English tagger calls persons or
cuts short, and the namesake the story's other places pick. Articles are team-written."""

from __future__ import annotations


def test_the_first_word_the_tagger_left_out_of_a_town_is_joined(places_in):
    found = places_in("The chase ended on State Highway 1 near Te Awamutu, a Waikato police "
                      "spokeswoman said.")
    assert found["Te Awamutu"].country_code == "NZ"
    assert abs(found["Te Awamutu"].lat + 38.0) < 0.1


def test_a_town_before_a_comma_inside_an_organisation_name(places_in):
    found = places_in("Two men were arrested in Morecambe. A third man was detained in "
                      "Carnforth, Lancashire Constabulary said.")
    assert found["Carnforth"].country_code == "GB"
    assert "Lancashire Constabulary" not in found


def test_a_state_abbreviation_after_a_direction_is_the_state(places_in):
    found = places_in("Western Mass. stargazers will celebrate the anniversary on Friday.")
    assert found["Mass"].name == "Massachusetts"
    assert found["Mass"].geo_precision == 3


def test_a_town_after_a_journey_is_the_town(places_in):
    found = places_in("The couple went on their honeymoon to Great Yarmouth, and later "
                      "moved to Norwich.")
    assert found["Great Yarmouth"].country_code == "GB"  # tagged ORG
    found = places_in("KINGSTON, Ont. - Students will get a new bus route to Napanee, the "
                      "city's transit manager said.")
    assert found["Napanee"].admin1 == "Ontario"  # tagged PERSON


def test_a_region_whose_towns_the_story_names_beats_a_namesake_town(places_in):
    found = places_in("The coach moved from Michigan to Texas and won titles in Houston, "
                      "Dallas and Austin. He was born in Canada - in Sault Ste. Marie, "
                      "Ontario, as it happens. He played junior hockey in Toronto.")
    assert found["Ontario"].feature_code == "ADM1"  # Toronto lies in it: no town in Texas
    assert found["Ontario"].country_code == "CA"


def test_a_county_named_with_the_word_first(places_in):
    found = places_in("Gardai searched a house in Moate, and a car was later found burned "
                      "out near Ballinasloe, County Galway.")
    assert found["County Galway"].feature_code == "ADM2"
    assert found["County Galway"].country_code == "IE"


def test_an_untagged_village_after_its_cue_lies_in_the_region_named(places_in):
    found = places_in("Bird flu was confirmed in a dead goose found in the village of "
                      "Largoward in Fife, Scotland. In Denmark, fish died in a town called "
                      "L\u00e5sby.")
    assert found["Largoward"].admin1 == "Scotland"  # no gazetteer holds it: near Fife
    assert found["Largoward"].geo_precision == 2
    assert found["L\u00e5sby"].country_code == "DK"
    found = places_in("The tour is called 'City of Seekers' and runs on Sundays.")
    assert "Seekers" not in found


def test_a_county_no_other_county_bears_puts_its_towns_in_its_state(places_in):
    found = places_in("Charleston police were called to a motel on MacCorkle Avenue, a "
                      "criminal complaint in Kanawha Magistrate Court says. The man had been "
                      "convicted in 2004 in Bronx County, N.Y.")
    assert found["Charleston"].admin1 == "West Virginia"  # Kanawha County's; not New York's


def test_a_site_in_a_town(places_in):
    found = places_in("A cyclist was hurt on Rutledge Avenue near Hampton Park in "
                      "Charleston.")
    assert found["Hampton Park"].country_code == "US"  # the park, not the Australian town
    assert found["Hampton Park"].geo_precision == 2


def test_regions_of_a_country_that_news_names_as_places(places_in):
    found = places_in("Snow fell across New England and the Midwest, and flights on the West "
                      "Coast were delayed, while rain spread over East Anglia.")
    assert found["New England"].country_code == "US"  # not a hamlet in North Dakota
    assert found["Midwest"].country_code == "US"  # not the Middle East by a misspelling
    assert found["West Coast"].country_code == "US"  # not New Zealand's West Coast region
    assert found["East Anglia"].country_code == "GB"


def test_a_towns_department_before_an_officials_title(places_in):
    found = places_in("The skating ban covers the square. Also, Dayton Parks and Recreation "
                      "Director Mary Lane said signs would go up.")
    assert found["Dayton"].admin1 == "Ohio"  # the tagger's person 'Dayton Parks'
    found = places_in("Labour leader Keir Starmer and Public Health Director Anna Kim spoke.")
    assert found == {}  # a party or a department with no town before it names no place


def test_the_town_of_a_school_the_tagger_calls_a_person(places_in):
    found = places_in("The district will add a gym to Glen Carbon Elementary next year.")
    assert found["Glen Carbon"].admin1 == "Illinois"
    found = places_in("Students at Lee Academy staged a play about the Civil War.")
    assert found == {}  # a school named for a person, not a town


def test_a_town_whose_first_words_the_tagger_left_out(places_in):
    found = places_in("Her family came from Canada - Sault Ste. Marie, Ontario, to be precise, "
                      "where she learned to skate.")
    assert found["Sault Ste. Marie"].admin1 == "Ontario"  # the tagger's person 'Marie'


def test_an_area_word_before_a_big_city_tagged_as_an_organisation(places_in):
    found = places_in("The forecaster offers these Metro Vancouver figures for the winter "
                      "months.")
    assert any(p.name == "Vancouver" and p.country_code == "CA" for p in found.values())


def _tagged(nlp, text: str, person: str):
    """The text with `person` set as the tagger's one PERSON entity (as the small model
    tags such titles in some sentences and not in others)."""
    from spacy.tokens import Span

    doc = nlp(text)
    start = text.index(person)
    span = doc.char_span(start, start + len(person), label="PERSON")
    doc.ents = [Span(doc, span.start, span.end, label="PERSON")]
    return doc


def test_a_teams_manager_or_a_prosecutors_office_after_a_town(nlp, parser):
    from frontwire.geo.recognize import find_mentions

    for text, person, town in [
        ("We can beat anybody, Erie GM Sherry Bassin said.", "Erie GM", "Erie"),
        ("The charges were moved to another county, said Roanoke Commonwealth's Attorney "
         "Dana Hill.", "Roanoke Commonwealth", "Roanoke"),
    ]:
        mentions, _ = find_mentions(_tagged(nlp, text, person), parser.gazetteer,
                                    parser.lexicon)
        assert [m.text for m in mentions] == [town]
    mentions, _ = find_mentions(_tagged(nlp, "Coach Erie Smith said the GM was happy.",
                                        "Erie Smith"), parser.gazetteer, parser.lexicon)
    assert mentions == []  # a first name, not a town before an office
