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


CHUHUIV = Place(
    id="gn:710403",
    name="Chuhuiv",
    geonameid=710403,
    lat=49.8356,
    lon=36.688,
    country_code="UA",
    admin1="Kharkivska",
    confidence=0.8,
)
KYIV = Place(
    id="gn:703448",
    name="Kyiv",
    geonameid=703448,
    lat=50.4547,
    lon=30.5238,
    country_code="UA",
    admin1="Kyiv City",
    confidence=0.9,
)
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def make_report(
    text: str,
    source: str | None,
    published: str,
    killed: int = 0,
    stance: str = "assert",
    *,
    place: Place = KHARKIV,
    spelling: str | None = None,
    event_date: str | None = None,
    kind: tuple[str, str] = SHELLING,
    actor1: str = "Military Forces of Russia",
    url: str | None = None,
    title: str | None = None,
    with_claim: bool = True,
    with_event: bool = True,
) -> Report:
    """One article's report: a place mentioned as written, one event there, one claim."""
    article = make_article(text, source=source, published=published, url=url, title=title)
    written = spelling or place.name
    at = text.index(written)
    place = place.model_copy(
        update={"mentions": [PlaceMention(start=at, end=at + len(written), text=written)]}
    )
    sentence = Span(start=0, end=len(text), text=text)
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
        event_type=kind[0],
        sub_event_type=kind[1],
        event_date=dt.date.fromisoformat(event_date or published),
        time_precision=1,
        place_id=place.id,
        location=place.name,
        actor1=actor1,
        inter1=8,
        fatalities=killed,
        injuries=3,
        notes=text,
        evidence=[evidence],
    )
    claims = []
    if with_claim:
        claims.append(
            Claim(
                id=f"{article.id}-C1",
                source=ClaimSource(name=source or "unnamed", kind="government", side="Ukraine"),
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
        )
    events = [event] if with_event else []
    return Report(article=article, places=[place], events=events, claims=claims)


def _report(text: str, source: str, published: str, killed: int, stance: str) -> Report:
    return make_report(text, source, published, killed, stance)


def test_reingest_changes_nothing_and_sources_merge(ledger_factory) -> None:
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
    with ledger_factory() as ledger:
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


def test_contradiction_across_articles(ledger_factory) -> None:
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
    with ledger_factory() as ledger:
        ledger.add_report(claim)
        ledger.add_report(denial)
        [pair] = ledger.contradictions()
        assert {pair["a_source"], pair["b_source"]} == {
            "Ukrainian General Staff",
            "Russian Ministry of Defence",
        }
        assert len(ledger.claims(contradictions_only=True)) == 2


def test_failures_are_recorded_and_reports_round_trip(ledger_factory) -> None:
    report = _report("Shelling hit Kharkiv, killing 2.", "Wire", "2024-05-10", 2, "assert")
    with ledger_factory() as ledger:
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


def test_ledger_of_a_path_is_the_embedded_default(tmp_path: Path) -> None:
    report = _report("Shelling hit Kharkiv, killing 2.", "Wire", "2024-05-10", 2, "assert")
    with Ledger(tmp_path / "l.db") as ledger:
        assert ledger.backend == "sqlite" and ledger.target == str(tmp_path / "l.db")
        assert ledger.add_report(report)
    with Ledger(str(tmp_path / "l.db")) as again:
        assert [r.article.id for r in again.reports()] == [report.article.id]
