"""The map's rows without building whole events: what a 100,000-event ledger needs to
answer a filtered map, a timeline or a page count in well under a second.

`Ledger.ledger_events` builds each LedgerEvent from its reports' JSON (about a millisecond
an event); the map, the timeline and the list's total need only a few columns. This reads
those columns with the store's own filter SQL (ledger/query.py, every value bound), and
builds whole events only for the events reviews touch, so reviewed values win here exactly
as in the store: an edited event is judged on its edited values, a confirmed or rejected one
carries its status. Tests hold this to the store's answer for the same filter.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from frontwire.ledger import query
from frontwire.ledger.store import Ledger
from frontwire.ledger.views import EventFilter, LedgerEvent

COLUMNS = (
    "l.id, l.event_type, l.sub_event_type, l.event_date, l.fatalities, l.injuries, "
    "l.certainty, l.actor1, l.actor2, l.n_sources, l.json, p.id AS place_id, "
    "p.name AS place_name, p.lat, p.lon, p.geo_precision"
)


@dataclass(frozen=True)
class MapRow:
    id: str
    event_type: str
    sub_event_type: str
    event_date: dt.date | None
    time_precision: int
    fatalities: int
    injuries: int
    certainty: str
    actor1: str | None
    actor2: str | None
    n_sources: int
    place_id: str | None
    location: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    review_status: str = "unreviewed"
    reviewed_fields: tuple[str, ...] = ()

    def order(self) -> tuple:
        """The store's order: event_date DESC, id; undated last."""
        days = -self.event_date.toordinal() if self.event_date else 0
        return (self.event_date is None, days, self.id)

    def feature(self) -> dict[str, Any] | None:
        if self.lat is None or self.lon is None:
            return None
        return {
            "type": "Feature",
            "id": self.id,
            "geometry": {"type": "Point", "coordinates": [self.lon, self.lat]},
            "properties": {
                "id": self.id,
                "event_type": self.event_type,
                "sub_event_type": self.sub_event_type,
                "event_date": self.event_date.isoformat() if self.event_date else None,
                "time_precision": self.time_precision,
                "location": self.location,
                "place_id": self.place_id,
                "geo_precision": self.geo_precision,
                "actor1": self.actor1,
                "actor2": self.actor2,
                "fatalities": self.fatalities,
                "injuries": self.injuries,
                "certainty": self.certainty,
                "n_sources": self.n_sources,
                "review_status": self.review_status,
                "reviewed_fields": list(self.reviewed_fields),
            },
        }


def _from_row(row: dict[str, Any]) -> MapRow:
    extra = json.loads(row["json"]) if row.get("json") else {}
    day = row["event_date"]
    return MapRow(
        id=row["id"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        event_date=dt.date.fromisoformat(day) if isinstance(day, str) else day,
        time_precision=extra.get("time_precision") or 3,
        fatalities=row["fatalities"],
        injuries=row["injuries"],
        certainty=row["certainty"],
        actor1=row["actor1"],
        actor2=row["actor2"],
        n_sources=row["n_sources"],
        place_id=row["place_id"],
        location=row["place_name"],
        lat=row["lat"],
        lon=row["lon"],
        geo_precision=row["geo_precision"],
    )


def _from_event(event: LedgerEvent) -> MapRow:
    place = event.place
    return MapRow(
        id=event.id,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        event_date=event.event_date,
        time_precision=event.time_precision,
        fatalities=event.fatalities,
        injuries=event.injuries,
        certainty=event.certainty,
        actor1=event.actor1,
        actor2=event.actor2,
        n_sources=event.n_sources,
        place_id=place.id if place else None,
        location=event.location or (place.name if place else None),
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        geo_precision=event.geo_precision or (place.geo_precision if place else None),
        review_status=event.review_status,
        reviewed_fields=tuple(event.reviewed_fields),
    )


def _place_filter(ledger: Ledger, flt: EventFilter) -> tuple[list[str] | None, list]:
    """The filter's place as ids (any spelling) and their points, as the store does."""
    if flt.place is None:
        return None, []
    ids = ledger.resolve_place(flt.place)
    centres = []
    for place_id in ids:
        place = ledger.place(place_id)
        if place and place.lat is not None and place.lon is not None:
            centres.append(query.Centre(place.lat, place.lon))
    return ids, centres


def _reviewed(ledger: Ledger) -> dict[str, bool]:
    """Ledger events that reviews touch -> whether an edit is among them."""
    reviewed: dict[str, bool] = {}
    for row in ledger.db.query(
        "SELECT ledger_event_id AS id, action FROM reviews WHERE ledger_event_id IS NOT NULL"
    ):
        reviewed[row["id"]] = reviewed.get(row["id"], False) or row["action"] == "edit"
    return reviewed


def _select(ledger: Ledger, columns: str, flt: EventFilter, place_ids, centres, tail: str = ""):
    where = query.ledger_event_where(flt, place_ids, centres)
    return ledger.db.query(
        f"SELECT {columns} FROM ledger_events l LEFT JOIN places p ON p.id = l.place_id "
        f"WHERE {where.sql()} {tail}",
        where.params,
    )


def _reviewed_matches(
    ledger: Ledger, flt: EventFilter, place_ids, centres, candidates: set[str]
) -> list[LedgerEvent]:
    """The reviewed events among `candidates` that the filter selects, reviews applied."""
    out = []
    for event_id in sorted(candidates):
        event = ledger.ledger_event(event_id)
        if event is not None and query.matches(event, flt, place_ids, centres):
            out.append(event)
    return out


def map_rows(ledger: Ledger, flt: EventFilter, limit: int | None = None) -> list[MapRow]:
    """The first `limit` (else all) events the filter selects, in the store's order."""
    return map_page(ledger, flt, limit)[0]


def map_page(
    ledger: Ledger, flt: EventFilter, limit: int | None = None
) -> tuple[list[MapRow], int]:
    """The first `limit` events the filter selects, in the store's order, and how many it
    selects in all. SQL cuts the page when no review and no exact distance decide."""
    flt = flt.model_copy(update={"limit": None, "offset": 0})
    place_ids, centres = _place_filter(ledger, flt)
    reviewed = _reviewed(ledger)
    edited = {event_id for event_id, edit in reviewed.items() if edit}
    exact = flt.radius_km is not None or flt.review_status is not None
    not_edited = (
        "AND l.id NOT IN (SELECT ledger_event_id FROM reviews "
        "WHERE action = 'edit' AND ledger_event_id IS NOT NULL)"
    )
    tail, total = "", None
    if limit is not None and not exact:
        tail = (
            f"{not_edited} ORDER BY (l.event_date IS NULL), l.event_date DESC, "
            f"{ledger.db.collate('l.id')} LIMIT {int(limit)}"
        )
        total = int(
            ledger.db.scalar(
                *_count_sql(flt, place_ids, centres, not_edited),
            )
            or 0
        )
    out: list[MapRow] = []
    to_build = set(edited)
    for row in _select(ledger, COLUMNS, flt, place_ids, centres, tail):
        if row["id"] in reviewed:
            to_build.add(row["id"])  # its status (and perhaps values) come from reviews
            continue
        if flt.review_status not in (None, "unreviewed"):
            continue
        if flt.radius_km is not None and not query.within(
            row["lat"], row["lon"], centres, flt.radius_km
        ):
            continue
        out.append(_from_row(row))
    built = _reviewed_matches(ledger, flt, place_ids, centres, to_build)
    out += map(_from_event, built)
    out.sort(key=MapRow.order)
    if total is None:
        total = len(out)
    else:
        total += sum(e.id in edited for e in built)
    return (out if limit is None else out[:limit]), total


def _count_sql(flt: EventFilter, place_ids, centres, tail: str) -> tuple[str, list]:
    where = query.ledger_event_where(flt, place_ids, centres)
    return (
        "SELECT COUNT(*) AS n FROM ledger_events l LEFT JOIN places p ON p.id = l.place_id "
        f"WHERE {where.sql()} {tail}",
        where.params,
    )


def day_counts(ledger: Ledger, flt: EventFilter) -> tuple[dict[str, list[int]], int]:
    """{day: [events, fatalities]} and the number of undated events, for the filter.

    Counted in SQL for events no review changes; edited events on their reviewed values."""
    flt = flt.model_copy(update={"limit": None, "offset": 0})
    days: dict[str, list[int]] = {}
    undated = 0
    if flt.radius_km is not None or flt.review_status is not None:
        rows = [(r.event_date, r.fatalities) for r in map_rows(ledger, flt)]
    else:
        place_ids, centres = _place_filter(ledger, flt)
        edited = {event_id for event_id, edit in _reviewed(ledger).items() if edit}
        grouped = _select(
            ledger,
            "l.event_date AS day, COUNT(*) AS n, SUM(l.fatalities) AS killed",
            flt,
            place_ids,
            centres,
            "AND l.id NOT IN (SELECT ledger_event_id FROM reviews "
            "WHERE action = 'edit' AND ledger_event_id IS NOT NULL) GROUP BY l.event_date",
        )
        for row in grouped:
            day = row["day"].isoformat() if isinstance(row["day"], dt.date) else row["day"]
            if day is None:
                undated += int(row["n"])
            else:
                days[day] = [int(row["n"]), int(row["killed"] or 0)]
        built = _reviewed_matches(ledger, flt, place_ids, centres, edited)
        rows = [(e.event_date, e.fatalities) for e in built]
    for day, killed in rows:
        if day is None:
            undated += 1
            continue
        count = days.setdefault(day.isoformat(), [0, 0])
        count[0] += 1
        count[1] += killed
    return days, undated


def _order_key(day: dt.date | str | None, event_id: str) -> tuple:
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return (day is None, -day.toordinal() if day else 0, event_id)


def ordered_ids(ledger: Ledger, flt: EventFilter) -> list[str]:
    """The ids of every event the filter selects, in the store's order: what the list's
    total and its pages need, without reading more than two columns."""
    flt = flt.model_copy(update={"limit": None, "offset": 0})
    if flt.radius_km is not None or flt.review_status is not None:
        return [row.id for row in map_rows(ledger, flt)]
    place_ids, centres = _place_filter(ledger, flt)
    edited = {event_id for event_id, edit in _reviewed(ledger).items() if edit}
    keys = [
        _order_key(row["day"], row["id"])
        for row in _select(
            ledger,
            "l.id, l.event_date AS day",
            flt,
            place_ids,
            centres,
            "AND l.id NOT IN (SELECT ledger_event_id FROM reviews "
            "WHERE action = 'edit' AND ledger_event_id IS NOT NULL)",
        )
    ]
    built = _reviewed_matches(ledger, flt, place_ids, centres, edited)
    keys += [_order_key(e.event_date, e.id) for e in built]
    keys.sort()
    return [key[2] for key in keys]
