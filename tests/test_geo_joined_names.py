"""Names joined to other names: towns a hyphen joins inside a district's, an ambulance
service's or a university campus's name, a county among towns that each could be elsewhere,
and a union of states that is a place only where the text puts something in it. Articles are
team-written."""

from __future__ import annotations

from frontwire.model import Article
from frontwire.text.context import ArticleContext


def _mentions(nlp, parser, text: str) -> list[tuple[str, object]]:
    ctx = ArticleContext(Article(id="test", text=text), nlp(text))
    return sorted(((m.start, m.text, p) for p in parser.parse(ctx) for m in p.mentions),
                  key=lambda x: x[0])


def test_towns_that_agree_on_a_state_place_its_county(places_in):
    # each of these towns has namesakes in a dozen states; together they are Minnesota's
    found = places_in("Wrestlers from Watertown, Delano, Elgin and Plainview met on Saturday "
                      "at the fairgrounds in Jackson County, where Montgomery took the title.")
    assert found["Jackson County"].admin1 == "Minnesota"  # not Wisconsin's Jackson County
    assert found["Delano"].admin1 == "Minnesota"


def test_both_towns_of_a_hyphenated_service_name(nlp, parser):
    found = _mentions(nlp, parser, "Paramedics with Middlesex-London EMS treated three people "
                                   "after the crash, a spokesperson for London police said.")
    names = [(text, p.name) for _, text, p in found]
    assert names[0] == ("Middlesex", "Middlesex County")  # not 'Middlesex-'
    assert names[1] == ("London", "London")  # the town inside the service's name
    assert all(p.country_code == "CA" for _, _, p in found)


def test_the_campus_town_of_a_state_university(places_in):
    found = places_in("She earned a degree from the University of Wisconsin-Milwaukee and now "
                      "teaches in Green Bay.")
    assert found["Milwaukee"].admin1 == "Wisconsin"
    assert found["Wisconsin"].feature_code == "ADM1"


def test_a_place_tagged_name_of_two_towns_far_apart_is_two_places(nlp, parser):
    found = _mentions(nlp, parser, "Students in the Logan-Rogersville district moved into a "
                                   "new building on Monday.")
    assert [text for _, text, _ in found][:2] == ["Logan", "Rogersville"]


def test_a_union_of_states_is_a_place_only_as_the_ground_of_something(places_in):
    found = places_in("Farmers across the EU protested on Monday, while EU officials said the "
                      "talks would go on.")
    assert found["EU"].name == "European Union"  # not the town of Eu in Normandy
    assert found["EU"].geo_precision == 3
    assert 45 < found["EU"].lat < 55 and 0 < found["EU"].lon < 20
    found = places_in("The EU Transport Commissioner met ministers in Brussels, and EU "
                      "officials said the rules apply in EU institutions only.")
    assert "EU" not in found  # an organisation, however often it is named
    assert found["Brussels"].country_code == "BE"


def test_a_country_acronym_before_based(places_in):
    found = places_in("A US-based analyst said prices in Kharkiv would rise; a GPS-based "
                      "tracker showed the convoy near Izium.")
    assert found["US"].country_code == "US"
    assert "GPS" not in found


def test_the_town_after_a_school_whose_name_is_a_venue(places_in):
    found = places_in("Daniel, a pupil at The Tucker School in Bicester, ran his first "
                      "marathon.")
    assert found["Bicester"].country_code == "GB"  # not 'Tucker', Georgia, of the school's name
    assert "Tucker" not in found


def test_a_county_by_its_short_name_before_its_court(places_in):
    found = places_in("Judge Ann Fox of Prince William Circuit Court ordered a new hearing.")
    assert found["Prince William"].name == "Prince William County"
    assert found["Prince William"].admin1 == "Virginia"


def test_a_headline_town_named_again_in_capitals_in_the_dateline(nlp, parser):
    found = _mentions(nlp, parser, "Pickerington board lets flood-damaged store reopen. "
                                   "PICKERINGTON -- The board voted on Tuesday.")
    assert [(text, p.admin1) for _, text, p in found] == [("Pickerington", "Ohio"),
                                                         ("PICKERINGTON", "Ohio")]


def test_a_town_tagged_as_a_facility_is_the_town_wherever_it_stands(nlp, parser):
    found = _mentions(nlp, parser, "Dr. Okafor has been a fixture of the Mount Pleasant "
                                   "medical community since arriving. She knew as soon as she "
                                   "began work in Mount Pleasant that the need was great.")
    assert [text for _, text, _ in found] == ["Mount Pleasant", "Mount Pleasant"]


def test_a_school_named_for_a_person_is_no_place(nlp, parser):
    found = _mentions(nlp, parser, "Students at Lee Academy met Lee Smith. Lee said the Lee "
                                   "Academy choir would sing.")
    assert found == []  # a school named for a person


def test_a_local_institutions_town_anchors_the_towns_after_it(places_in):
    found = places_in("The Montpelier City Council approved the plan, and Barre will share the "
                      "cost.")
    assert found["Barre"].admin1 == "Vermont"  # the tagger's person, next to Montpelier


def test_a_riding_named_for_two_towns_keeps_both_though_the_tagger_says_person(nlp, parser):
    text = ("Anna Ruiz, MLA for Nelson-Creston, said the new office in Nelson is good news. "
            "The Nelson office will serve people who now drive to Castlegar.")
    found = _mentions(nlp, parser, text)
    assert [text for _, text, _ in found][:2] == ["Nelson", "Creston"]
    assert {p.admin1 for _, _, p in found} == {"British Columbia"}


def test_a_states_dotted_letters_opening_an_organisation_name(places_in):
    found = places_in("A bill to raise the fuel tax stalled. S.C. House Republicans blamed the "
                      "governor.")
    assert found["S.C"].name == "South Carolina"
