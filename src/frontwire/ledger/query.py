"""An EventFilter as SQL conditions, every value a bound parameter.

The store resolves the filter's place to place ids first (any spelling, ledger.resolve_place)
and passes them in; nothing the user typed is ever put into the SQL text. What SQL cannot
say exactly (the distance of `radius_km`, what reviews change) is checked again in Python by
`matches` on the finished LedgerEvent.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from frontwire.geo.distance import haversine_km
from frontwire.ledger.views import EventFilter, LedgerEvent

ESCAPE = "ESCAPE '\\'"
KM_PER_DEGREE = 111.32


@dataclass
class Where:
    """AND-ed conditions and their parameters, in order."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(f"({c})" for c in self.clauses) if self.clauses else "1=1"


def contains(text: str) -> str:
    """A LIKE pattern for 'contains `text`', case folded, the user's % and _ taken literally."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def in_list(column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """`column IN (?, ...)`; an empty list matches nothing."""
    if not values:
        return "1=0", []
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)


@dataclass(frozen=True)
class Centre:
    lat: float
    lon: float


def bounding_box(centre: Centre, radius_km: float) -> tuple[float, float, float, float]:
    """south, north, west, east of a box that holds every point within radius_km."""
    dlat = radius_km / KM_PER_DEGREE
    cos = max(math.cos(math.radians(centre.lat)), 1e-6)
    dlon = min(radius_km / (KM_PER_DEGREE * cos), 180.0)
    return centre.lat - dlat, centre.lat + dlat, centre.lon - dlon, centre.lon + dlon


def _place(
    where: Where,
    column: str,
    lat: str,
    lon: str,
    flt: EventFilter,
    place_ids: Sequence[str] | None,
    centres: Sequence[Centre],
) -> None:
    if flt.place is None:
        return
    if flt.radius_km is None:
        clause, params = in_list(column, place_ids or [])
        where.add(clause, *params)
        return
    boxes = [bounding_box(c, flt.radius_km) for c in centres]
    if not boxes:
        where.add("1=0")
        return
    parts = [f"({lat} BETWEEN ? AND ? AND {lon} BETWEEN ? AND ?)" for _ in boxes]
    where.add(" OR ".join(parts), *[v for box in boxes for v in box])


def _bbox(where: Where, lat: str, lon: str, flt: EventFilter) -> None:
    if flt.bbox is not None:
        west, south, east, north = flt.bbox
        where.add(f"{lat} BETWEEN ? AND ? AND {lon} BETWEEN ? AND ?", south, north, west, east)


def ledger_event_where(
    flt: EventFilter, place_ids: Sequence[str] | None, centres: Sequence[Centre]
) -> Where:
    """Conditions on `ledger_events l LEFT JOIN places p`."""
    where = Where()
    _dates(where, "l.event_date", flt)
    if flt.event_type:
        where.add("l.event_type = ? OR l.sub_event_type = ?", flt.event_type, flt.event_type)
    if flt.actor:
        pattern = contains(flt.actor)
        where.add(
            f"lower(COALESCE(l.actor1, '') || '|' || COALESCE(l.actor2, '')) LIKE ? {ESCAPE} "
            "OR EXISTS (SELECT 1 FROM events e WHERE e.ledger_event_id = l.id AND "
            f"lower(COALESCE(e.actor1, '') || '|' || COALESCE(e.actor2, '')) LIKE ? {ESCAPE})",
            pattern,
            pattern,
        )
    _place(where, "l.place_id", "p.lat", "p.lon", flt, place_ids, centres)
    if flt.source:
        where.add(
            "EXISTS (SELECT 1 FROM events e JOIN outlets o ON o.article_id = e.article_id "
            f"WHERE e.ledger_event_id = l.id AND lower(o.source) LIKE ? {ESCAPE})",
            contains(flt.source),
        )
    if flt.certainty:
        where.add("l.certainty = ?", flt.certainty)
    _bbox(where, "p.lat", "p.lon", flt)
    return where


def _dates(where: Where, column: str, flt: EventFilter) -> None:
    """The filter's date range on one date column (ISO text sorts as dates do)."""
    if flt.date_from:
        where.add(f"{column} >= ?", flt.date_from.isoformat())
    if flt.date_to:
        where.add(f"{column} <= ?", flt.date_to.isoformat())


def article_event_where(
    flt: EventFilter, place_ids: Sequence[str] | None, centres: Sequence[Centre]
) -> Where:
    """Conditions on `events e JOIN articles a LEFT JOIN places p` (events per article)."""
    where = Where()
    _dates(where, "e.event_date", flt)
    if flt.event_type:
        where.add("e.event_type = ? OR e.sub_event_type = ?", flt.event_type, flt.event_type)
    if flt.actor:
        where.add(
            f"lower(COALESCE(e.actor1, '') || '|' || COALESCE(e.actor2, '')) LIKE ? {ESCAPE}",
            contains(flt.actor),
        )
    _place(where, "e.place_id", "p.lat", "p.lon", flt, place_ids, centres)
    if flt.source:
        where.add(
            "EXISTS (SELECT 1 FROM outlets o WHERE o.article_id = a.id AND "
            f"lower(o.source) LIKE ? {ESCAPE})",
            contains(flt.source),
        )
    if flt.certainty:
        where.add("e.certainty = ?", flt.certainty)
    _bbox(where, "p.lat", "p.lon", flt)
    return where


def claim_where(
    flt: EventFilter, place_ids: Sequence[str] | None, centres: Sequence[Centre]
) -> Where:
    """Conditions on `claims c JOIN articles a LEFT JOIN places p`: the date is the claim's,
    the actor is who makes the claim, the source an outlet that carried it."""
    where = Where()
    _dates(where, "c.claim_date", flt)
    if flt.actor:
        where.add(f"lower(c.source_name) LIKE ? {ESCAPE}", contains(flt.actor))
    _place(where, "c.place_id", "p.lat", "p.lon", flt, place_ids, centres)
    if flt.source:
        where.add(
            "EXISTS (SELECT 1 FROM outlets o WHERE o.article_id = a.id AND "
            f"lower(o.source) LIKE ? {ESCAPE})",
            contains(flt.source),
        )
    _bbox(where, "p.lat", "p.lon", flt)
    return where


def place_where(
    flt: EventFilter, place_ids: Sequence[str] | None, centres: Sequence[Centre]
) -> Where:
    """Conditions on `places p`: the place itself, or mentioned in an article of the source
    or published in the date range."""
    where = Where()
    _place(where, "p.id", "p.lat", "p.lon", flt, place_ids, centres)
    _bbox(where, "p.lat", "p.lon", flt)
    article = []
    params: list[Any] = []
    if flt.source:
        article.append(
            "EXISTS (SELECT 1 FROM outlets o WHERE o.article_id = a.id AND "
            f"lower(o.source) LIKE ? {ESCAPE})"
        )
        params.append(contains(flt.source))
    if flt.date_from:
        article.append("a.published >= ?")
        params.append(flt.date_from.isoformat())
    if flt.date_to:
        article.append("a.published <= ?")
        params.append(flt.date_to.isoformat())
    if article:
        where.add(
            "EXISTS (SELECT 1 FROM place_mentions m JOIN articles a ON a.id = m.article_id "
            f"WHERE m.place_id = p.id AND {' AND '.join(article)})",
            *params,
        )
    return where


def within(lat: float | None, lon: float | None, centres: Sequence[Centre], km: float) -> bool:
    if lat is None or lon is None:
        return False
    return any(haversine_km(c.lat, c.lon, lat, lon) <= km for c in centres)


def matches(
    event: LedgerEvent,
    flt: EventFilter,
    place_ids: Sequence[str] | None,
    centres: Sequence[Centre],
) -> bool:
    """The filter checked on a finished ledger event (reviews applied, exact distance)."""
    if flt.date_from and (event.event_date is None or event.event_date < flt.date_from):
        return False
    if flt.date_to and (event.event_date is None or event.event_date > flt.date_to):
        return False
    if flt.event_type and flt.event_type not in (event.event_type, event.sub_event_type):
        return False
    if flt.actor:
        needle = flt.actor.lower()
        actors = [event.actor1, event.actor2, event.assoc_actor_1, event.assoc_actor_2]
        actors += [a for r in event.reports for a in (r.actor1, r.actor2)]
        if not any(needle in a.lower() for a in actors if a):
            return False
    if flt.place is not None:
        place = event.place
        if flt.radius_km is None:
            if place is None or place.id not in (place_ids or []):
                return False
        elif place is None or not within(place.lat, place.lon, centres, flt.radius_km):
            return False
    if flt.source and not any(flt.source.lower() in s.lower() for s in event.sources):
        return False
    if flt.certainty and event.certainty != flt.certainty:
        return False
    if flt.review_status and event.review_status != flt.review_status:
        return False
    if flt.bbox is not None:
        west, south, east, north = flt.bbox
        place = event.place
        if place is None or place.lat is None or place.lon is None:
            return False
        if not (south <= place.lat <= north and west <= place.lon <= east):
            return False
    return True
