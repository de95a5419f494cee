"""The ledger: idempotent ingest, one transaction per article, merging, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from frontwire.ingest.article import make_article
from frontwire.ledger.export import (
    acled_columns,
    feature_collection,
    geojson_features,
    report_rows,
    write_acled_csv,
)
from frontwire.ledger.store import Ledger
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

KHARKIV = Place(
    id="gn:706483",
    name="Kharkiv",
    geonameid=706483,
    lat=49.98,
    lon=36.25,
    country_code="UA",
    admin1="Kharkivska",
    confidence=0.9,
)


def _report(text: str, source: str, published: str, killed: int, stance: str) -> Report:
    article = make_article(text, source=source, published=published)
    sentence = Span(start=0, end=len(text), text=text)
    place = KHARKIV.model_copy(
        update={
            "mentions": [
                PlaceMention(
                    start=text.index("Kharkiv"), end=text.index("Kharkiv") + 7, text="Kharkiv"
                )
            ]
        }
    )
    evidence = Evidence(
        article_id=article.id,
        sentence=0,
        start=0,
        end=len(text),
        text=text,
        rule="test",
        confidence=0.9,
    )
    event = Event(
        id=f"{article.id}-E1",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        event_date=dt.date.fromisoformat(published),
        time_precision=1,
        place_id=place.id,
        actor1="Military Forces of Russia",
        inter1=8,
        fatalities=killed,
        injuries=3,
        evidence=[evidence],
    )
    claim = Claim(
        id=f"{article.id}-C1",
        source=ClaimSource(name=source, kind="government", side="Ukraine"),
        cue="said",
        stance=stance,
        content=sentence,
        proposition=Proposition(
            predicate="attack",
            place=place.id,
            polarity="negative" if stance == "deny" else "positive",
            key=f"|attack|{place.id}",
        ),
        date=dt.date.fromisoformat(published),
        evidence=[evidence],
    )
    return Report(article=article, places=[place], events=[event], claims=[claim])


def test_reingest_changes_nothing_and_sources_merge(tmp_path: Path) -> None:
    first = _report(
        "Russian missiles struck Kharkiv on Friday, killing 4 people.",
        "Regional administration",
        "2024-05-10",
        4,
        "assert",
    )
    second = _report(
        "A strike on Kharkiv killed at least 3 people, police said.",
        "Police of Kharkiv",
        "2024-05-11",
        3,
        "assert",
    )
    with Ledger(tmp_path / "l.db") as ledger:
        assert ledger.add_report(first) is True
        assert ledger.add_report(first) is False
        assert ledger.add_report(second) is True
        counts = ledger.counts()
        assert counts["articles"] == 2 and counts["events"] == 2
        assert counts["ledger_events"] == 1, "same type, place and adjacent dates merge"
        [merged] = ledger.events()
        assert merged["n_sources"] == 2
        assert merged["fatalities"] == 3, "ACLED: the lowest figure when reports conflict"
        places = ledger.places()
        assert places[0]["n_articles"] == 2


def test_contradiction_across_articles(tmp_path: Path) -> None:
    claim = _report(
        "Kyiv said Russian forces attacked Kharkiv overnight.",
        "Ukrainian General Staff",
        "2024-05-10",
        0,
        "assert",
    )
    denial = _report(
        "Moscow denied that it attacked Kharkiv.",
        "Russian Ministry of Defence",
        "2024-05-11",
        0,
        "deny",
    )
    with Ledger(tmp_path / "l.db") as ledger:
        ledger.add_report(claim)
        ledger.add_report(denial)
        [pair] = ledger.contradictions()
        assert {pair["a_source"], pair["b_source"]} == {
            "Ukrainian General Staff",
            "Russian Ministry of Defence",
        }
        assert len(ledger.claims(contradictions_only=True)) == 2


def test_failures_are_recorded_and_reports_round_trip(tmp_path: Path) -> None:
    report = _report("Shelling hit Kharkiv, killing 2.", "Wire", "2024-05-10", 2, "assert")
    with Ledger(tmp_path / "l.db") as ledger:
        ledger.record_failure("bad.txt", "empty file")
        ledger.add_report(report)
        assert [f["reason"] for f in ledger.failures()] == ["empty file"]
        assert list(ledger.reports()) == [report]


def test_acled_csv_and_geojson_exports() -> None:
    report = _report("Shelling hit Kharkiv, killing 2.", "Wire", "2024-05-10", 2, "assert")
    buffer = io.StringIO()
    assert write_acled_csv(report_rows(report), buffer) == 1
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert list(rows[0]) == acled_columns()
    row = rows[0]
    assert row["event_date"] == "2024-05-10" and row["year"] == "2024"
    assert row["disorder_type"] == "Political violence"
    assert row["country"] == "Ukraine" and row["iso"] == "804"
    assert row["location"] == "Kharkiv" and row["fatalities"] == "2" and row["injuries"] == "3"
    collection = json.loads(feature_collection(geojson_features(report)))
    [feature] = collection["features"]
    assert feature["geometry"]["coordinates"] == [36.25, 49.98]
    assert feature["properties"]["sub_event_type"] == "Shelling/artillery/missile attack"
