"""Geoparser: spellings, precision, false hits, geocoding, import, scoring.

Articles are team-written wire-style texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwire.eval.geo import score_document
from frontwire.geo.cli import app
from frontwire.geo.gazetteer import Gazetteer, load_gazetteer
from frontwire.geo.lexicon import load_lexicon
from frontwire.geo.parser import GeoParser, main_place
from frontwire.geo.resolve import haversine_km
from frontwire.model import Article
from frontwire.text.context import ArticleContext
from frontwire.text.fold import fold, skeleton, spelling_key

DUMPS = Path(__file__).parent / "data" / "geonames"

SPELLINGS = (
    "KYIV, May 4 (Wire) - Russian troops shelled the eastern town of Bakhmut overnight, the "
    "regional governor said. Dutch media spell it Bachmoet, German papers Bachmut, and a "
    "Swedish daily wrote Bakhmöt. Under its Soviet name, Artemivsk, the town was a salt-mining "
    "centre. In Russian it is Бахмут."
)
FRONT = (
    "Ukrainian forces repelled an assault south of Krasnohorivka, Donetsk Oblast, on Tuesday, "
    "the ISW said in its daily update. President Volodymyr Zelenskyy thanked the brigade. "
    "Shelling was also reported 5 km south of Bakhmut."
)


@pytest.fixture(scope="session")
def parser() -> GeoParser:
    return GeoParser.load()


def _parse(nlp, parser: GeoParser, text: str):
    ctx = ArticleContext(Article(id="test", text=text), nlp(text))
    return parser.parse(ctx)


def test_fold_and_skeleton_merge_transliterations():
    assert fold("Bakhmöt") == "bakhmot"
    assert fold("St. Louis") == "saint louis"
    assert fold("Бахмут") == "bakhmut"
    assert skeleton("Bachmoet") == skeleton("Bachmut") == skeleton("Bakhmut")
    assert skeleton("Kharkiw") == skeleton("Charkiv")
    # an Arabic article and a final 'h' make no other name; a short word keeps its article
    assert spelling_key("Raqqa") == spelling_key("Ar Raqqah")
    assert spelling_key("Hudaydah") == spelling_key("Al Hudaydah")
    assert spelling_key("Al Ain") == "al ain"  # too short without it
    assert spelling_key("Sloviansk") == spelling_key("Slovyansk") != spelling_key("Nikopol")


def test_all_spellings_of_bakhmut_are_one_place(nlp, parser):
    places = _parse(nlp, parser, SPELLINGS)
    bakhmut = [p for p in places if p.geonameid == 713174]
    assert len(bakhmut) == 1
    place = bakhmut[0]
    assert place.id == "gn:713174"
    assert place.country_code == "UA" and place.admin1 == "Donetsk Oblast"
    spelled = {m.text for m in place.mentions}
    assert {"Bakhmut", "Bachmoet", "Bachmut", "Bakhmöt", "Artemivsk", "Бахмут"} <= spelled
    assert all(ev.article_id == "test" and ev.text in spelled for ev in place.evidence)
    assert place.lat == pytest.approx(48.59, abs=0.05)


def test_village_with_region_relation_and_false_hits(nlp, parser):
    places = _parse(nlp, parser, FRONT)
    by_name = {p.name: p for p in places}
    krasno = by_name["Krasnohorivka"]
    assert krasno.geonameid == 704393 and krasno.admin1 == "Donetsk Oblast"
    assert krasno.mentions[0].relation == "south of"
    assert krasno.mentions[0].geo_precision == 2
    region = by_name["Donetsk Oblast"]
    assert region.geo_precision == 3 and region.feature_code == "ADM1"
    bakhmut = by_name["Bakhmut"]
    assert bakhmut.mentions[0].relation == "5 km south of"
    texts = {m.text for p in places for m in p.mentions}
    assert not texts & {"ISW", "Zelenskyy", "Volodymyr Zelenskyy", "Ukrainian"}


def test_demonyms_are_not_places_but_steer_the_country(nlp, parser):
    text = ("Georgian officials said the convoy reached Georgia's border at dawn. "
            "Police in Tbilisi closed two roads.")
    places = _parse(nlp, parser, text)
    assert all(m.text != "Georgian" for p in places for m in p.mentions)
    georgia = next(p for p in places if p.name == "Georgia")
    assert georgia.country_code == "GE" and georgia.feature_code == "PCLI"
    us_text = ("The storm moved from Alabama into Georgia on Friday, and officials in Atlanta "
               "and Macon opened shelters.")
    georgia_us = next(p for p in _parse(nlp, parser, us_text) if p.name == "Georgia")
    assert georgia_us.country_code == "US" and georgia_us.geonameid == 4197000


def test_state_qualifier_picks_the_right_town(nlp, parser):
    text = "Firefighters battled a blaze near Paris, Texas, late on Sunday, officials said."
    paris = next(p for p in _parse(nlp, parser, text) if p.name == "Paris")
    assert paris.country_code == "US" and paris.admin1 == "Texas"
    assert paris.mentions[0].geo_precision == 2


def test_geocode_location_strings(parser):
    town = parser.geocode("Balakliia, southeast of Kharkiv")
    assert town is not None and town.geonameid == 712926 and town.admin1 == "Kharkiv Oblast"
    russian_spelling = parser.geocode("Lisichansk, Luhansk Oblast")
    assert russian_spelling is not None and russian_spelling.name == "Lysychansk"
    city = parser.geocode("Mariupol city")
    assert city is not None and city.geonameid == 701822 and city.geo_precision == 1
    assert parser.geocode("ISW") is None


def test_main_place_prefers_the_most_mentioned_town(nlp, parser):
    text = ("Shelling hits Horlivka; Ukraine says two civilians killed in Horlivka; "
            "Kyiv blames separatists")
    place = main_place(_parse(nlp, parser, text))
    assert place is not None and place.name == "Horlivka"


def test_each_load_owns_its_gazetteer_over_one_built_file():
    # the database is built once into the cache folder; each loader (the Pipeline's
    # GeoParser) opens and owns its own Gazetteer, memos included: nothing module-level
    a = GeoParser.load()
    b = GeoParser.load()
    assert a.gazetteer is not b.gazetteer
    assert a.gazetteer.path == b.gazetteer.path


def test_import_dumps_adds_villages_and_real_region_ids(tmp_path):
    out = tmp_path / "gaz.sqlite"
    runner = CliRunner()
    files = [str(DUMPS / n) for n in ("UA.txt", "alternateNamesV2.txt", "admin1CodesASCII.txt")]
    result = runner.invoke(app, ["import", *files, "--out", str(out)])
    assert result.exit_code == 0, result.output
    gaz = Gazetteer(out)
    hits = [gaz.entry(i) for i, _ in gaz.lookup("Novoselivka Second")]
    assert [e.geonameid for e in hits] == [9900001]
    assert hits[0].admin1_code == "05" and gaz.admin1_name("UA", "05") == "Donetsk"
    region = [gaz.entry(i) for i, _ in gaz.lookup("Donetsk Oblast")]
    assert [e.geonameid for e in region] == [709716]  # the team region got its real id
    assert not gaz.lookup("Khutir Kamianyi")  # farms (class S) are not imported
    idf = [gaz.entry(i) for i, _ in gaz.lookup("Île-de-France")]
    assert [(e.geonameid, e.feature_code, e.country_code) for e in idf] == [
        (3012874, "ADM1", "FR")]  # a region we lacked, placed among its towns
    assert haversine_km(idf[0].lat, idf[0].lon, 48.86, 2.35) < 100
    parser = GeoParser.load(out)
    place = parser.geocode("Novoselivka Druha, Donetsk Oblast")
    assert place is not None and place.geonameid == 9900001
    shown = runner.invoke(app, ["lookup", "Zolotaya Balka", "--gazetteer", str(out)])
    assert shown.exit_code == 0 and "gn:9900002" in shown.output


def test_import_rejects_a_file_that_is_not_a_dump(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(bad), "--out", str(tmp_path / "g.sqlite")])
    assert result.exit_code == 2
    assert "not a GeoNames dump" in result.output


def test_lookup_explains_candidates():
    result = CliRunner().invoke(app, ["lookup", "Bachmoet"])
    assert result.exit_code == 0
    assert "gn:713174" in result.output and "match=spelling" in result.output  # of 'Bakhmut'
    result = CliRunner().invoke(app, ["lookup", "Artemivsk"])  # its Soviet name: another name
    assert "gn:713174" in result.output and "match=alternate" in result.output
    result = CliRunner().invoke(app, ["lookup", "EU"])
    assert "only after a locative word" in result.output  # why 'EU officials' is no place


def test_score_document_counts_misses_ignores_and_distance():
    text = "Troops left Izium and crossed into Russia near Belgorod, Kremlin media said."
    row = {
        "text": text,
        "toponyms": [
            {"start": 12, "end": 17, "name": "Izium", "lat": 49.21, "lon": 37.26,
             "geonameid": 707292},
            {"start": 47, "end": 55, "name": "Belgorod", "lat": 50.61, "lon": 36.58,
             "geonameid": None},
        ],
        "ignore_spans": [{"start": 35, "end": 41, "name": "Russia"}],
    }
    gaz = load_gazetteer()
    izium = GeoParser(gaz).geocode("Izium")
    russia = GeoParser(gaz).geocode("Russia")
    assert izium is not None and russia is not None
    izium.mentions[0].start, izium.mentions[0].end = 12, 17
    russia.mentions[0].start, russia.mentions[0].end = 35, 41
    score = score_document(row, [izium, russia], load_lexicon())
    assert (score.gold, score.predicted, score.tp, score.matched_gold) == (2, 1, 1, 1)
    assert score.exact == (izium.geonameid == 707292)
    assert score.within161 == 1
    assert score.recall == 0.5 and score.precision == 1.0


def test_score_document_counts_demonyms_of_countries_and_areas():
    text = "Ohioans and Russian officials met European envoys in Kyiv."
    names = ["Ohioans", "Russian", "European", "Kyiv"]
    row = {"text": text, "toponyms": [
        {"start": text.index(n), "end": text.index(n) + len(n), "name": n, "lat": 0.0,
         "lon": 0.0, "geonameid": None} for n in names]}
    assert score_document(row, [], load_lexicon()).demonyms == 3


def test_score_document_keeps_the_demonyms_it_placed_apart(nlp, parser):
    text = "Shells fell on Russian territory near Belgorod, Russian officials said."
    places = _parse(nlp, parser, text)
    gold = []
    for name, at, cc_point, gid in (("Russian", text.index("Russian"), (60.0, 100.0), 2017370),
                                    ("Belgorod", text.index("Belgorod"), (50.6, 36.6), 578072),
                                    ("Russian", text.rindex("Russian"), (60.0, 100.0), 2017370)):
        gold.append({"start": at, "end": at + len(name), "name": name, "lat": cc_point[0],
                     "lon": cc_point[1], "geonameid": gid})
    score = score_document({"text": text, "toponyms": gold}, places, parser.lexicon)
    # 'Russian territory' is Russia; 'Russian officials' stays context, a miss here
    assert (score.demonyms, score.demonym_matched, score.demonym_exact) == (2, 1, 1)
    assert any(p.geonameid == 578072 for p in places)  # Belgorod
    assert (score.matched_gold, score.exact) == (2, 2)


def test_demonym_option_reads_demonyms_as_their_country(nlp):
    text = "Ukrainian troops pushed east of Kupiansk, while Russian units dug in near Svatove."
    default = GeoParser.load()
    names = {m.text for p in _parse(nlp, default, text) for m in p.mentions}
    assert "Ukrainian" not in names and "Russian" not in names
    optional = GeoParser.load(demonyms=True)
    places = _parse(nlp, optional, text)
    ukraine = next(p for p in places if any(m.text == "Ukrainian" for m in p.mentions))
    assert ukraine.geonameid == 690791 and ukraine.feature_code == "PCLI"


def test_metonymy_and_local_institutions(nlp, parser):
    text = ("Kiev forces shelled the outskirts overnight, separatist media said. The Kramatorsk "
            "City Council said two schools in Kramatorsk were damaged, the Kyiv Post reported.")
    places = _parse(nlp, parser, text)
    texts = {m.text for p in places for m in p.mentions}
    assert "Kiev" not in texts  # the army, not a location
    assert "Kyiv" not in texts and "Kyiv Post" not in texts  # an outlet says nothing
    kramatorsk = next(p for p in places if p.name == "Kramatorsk")
    assert len(kramatorsk.mentions) == 2
    assert any(e.rule.startswith("geo.org-embedded") for e in kramatorsk.evidence)


def test_geocode_near_anchor_picks_the_namesake_near_it_or_falls_back(parser):
    # many villages share a name: the one 'near Kherson' must lie near Kherson
    village = parser.geocode("Oleksandrivka, near Kherson")
    kherson = parser.geocode("Kherson")
    assert village is not None and kherson is not None
    assert haversine_km(village.lat, village.lon, kherson.lat, kherson.lon) <= 100
    # a town that is not near its anchor: trust the anchor, at ACLED precision 2
    fallback = parser.geocode("Uman, near Kyiv")
    assert fallback is not None and fallback.name == "Kyiv" and fallback.geo_precision == 2


def test_cyrillic_case_forms_resolve(nlp, parser):
    text = "Обстрел под Горловкой: погибли двое. ЗСУ відбили атаку біля Бахмута."
    places = {p.geonameid: p for p in _parse(nlp, parser, text)}
    assert places[707753].mentions[0].text == "Горловкой"  # Horlivka, instrumental case


def test_a_district_name_is_not_a_foreign_hamlet(nlp, parser):
    """'Kanal' is also a village in Slovenia; in a report about eastern Ukraine it names a
    district of the town, and no Slovenian place may appear."""
    text = (
        "Russian troops pushed into the Kanal district on the eastern edge of Chasiv Yar on "
        "Wednesday, Ukrainian officials said. Fighting continued near Kostiantynivka and "
        "Kramatorsk, where air raid sirens sounded through the night."
    )
    places = _parse(nlp, parser, text)
    assert {p.country_code for p in places} == {"UA"}
    assert any(p.geonameid == 710915 for p in places)  # Chasiv Yar
    # named twice, the hamlet must not vouch for itself
    twice = text + " \"We have left the Kanal district,\" a brigade spokesman said."
    assert {p.country_code for p in _parse(nlp, parser, twice)} == {"UA"}
