"""Lists of countries and states, and the names of countries and states that towns also
bear: a list is no 'town, state' pair, and a foreign hamlet does not take a country's or a
named country's region's name. Articles are team-written."""

from __future__ import annotations


def test_states_in_a_list_are_states_not_a_town_qualified_by_the_next(places_in):
    found = places_in("Cases have now been reported in Alabama, California, Missouri, "
                      "Florida, Illinois, Kentucky, Oregon, Ohio, Texas and Utah, health "
                      "officials said.")
    for name in ("California", "Illinois", "Oregon"):
        assert found[name].feature_code == "ADM1", name  # not California, Missouri


def test_countries_in_a_list_are_countries(places_in):
    found = places_in("The virus has also turned up in countries such as Peru, China, Japan, "
                      "Poland and Kenya, the agency said.")
    assert found["China"].feature_code == "PCLI"  # no hamlet called China in Japan
    assert found["China"].country_code == "CN"


def test_regions_of_a_named_country_beat_foreign_towns_of_their_names(places_in):
    found = places_in("Cases were found in Ohio, Indiana, Michigan and Wisconsin. In Canada, "
                      "patients fell ill in Saskatchewan, Alberta, Quebec, Ontario and New "
                      "Brunswick during the spring.")
    assert found["Ontario"].country_code == "CA"  # not Ontario, Ohio
    assert found["New Brunswick"].country_code == "CA"  # not New Brunswick, New Jersey


def test_great_islands_and_mountain_ranges_are_regions(places_in):
    found = places_in("Floods swept the Indonesian island of Java, and landslides struck "
                      "Sumatra. Climbers in the Alps and the Andes were warned of storms.")
    assert found["Java"].country_code == "ID"  # not the Georgian hamlet of Java
    assert found["Java"].geo_precision == 3
    assert found["Sumatra"].country_code == "ID"
    assert found["Andes"].feature_code != "PPL"  # not the Colombian town of Andes
    assert abs(found["Alps"].lat - 46.5) < 2


def test_a_country_by_its_letters_after_in_the(places_in):
    found = places_in("Health workers in the DRC, and WHO, are getting ready for an outbreak.")
    assert found["DRC"].country_code == "CD"  # tagged ORG
    found = places_in("Officials in the WHO office said nothing.")
    assert "WHO" not in found


def test_a_common_word_town_qualified_by_its_state(places_in):
    found = places_in("Patients may be sent to Buffalo, New York in the United States, the "
                      "hospital said.")
    assert found["Buffalo"].admin1 == "New York"
    assert found["New York"].feature_code == "ADM1"  # the qualifier, not New York City


def test_a_state_keeps_its_name_against_a_town_of_another_state(places_in):
    found = places_in("Three cases were reported in Paraná, and one each in Bahia, Tocantins "
                      "and Minas Gerais, the ministry said.")
    assert found["Tocantins"].feature_code == "ADM1"  # not the town of Tocantins, MG
    found = places_in("Fighting resumed in Donetsk, the city's mayor said.")
    assert found["Donetsk"].feature_code != "ADM1"  # the city owns its oblast's bare name


def test_a_news_agency_is_no_qualifier(places_in):
    found = places_in("Moscow, SANA- The Russian foreign ministry said on Monday that talks "
                      "would resume.")
    assert "SANA" not in found
    assert found["Moscow"].country_code == "RU"


def test_a_bare_compass_word_is_no_foreign_region(places_in):
    found = places_in("Farmers prayed for rain, but the drought across the American South has "
                      "left their crops to wither.")
    assert "South" not in found  # no region 'South' of Cameroon
    found = places_in("Separatists attacked a school in Ebolowa, in Cameroon's South region.")
    assert found["South"].country_code == "CM"
