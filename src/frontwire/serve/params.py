"""Query parameters of the API, validated into the ledger's EventFilter.

Every parameter is typed, so FastAPI answers a bad value with a 422 naming it; an unknown
parameter is refused too (a misspelt filter silently ignored would show the wrong events).
Values only ever reach SQL through the ledger's bound parameters.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from frontwire.ledger.views import EventFilter, ReviewStatus
from frontwire.model import Certainty

MAX_PAGE = 1000
DEFAULT_PAGE = 100
MAX_TEXT = 200  # longest accepted free-text filter

FILTER_NAMES = frozenset(EventFilter.model_fields) - {"limit", "offset"}
PAGE_NAMES = frozenset({"limit", "offset"})


def query_error(name: str, message: str) -> RequestValidationError:
    """A 422 in FastAPI's own shape, naming the query parameter."""
    return RequestValidationError(
        [{"type": "value_error", "loc": ("query", name), "msg": message, "input": None}]
    )


def reject_unknown(request: Request, allowed: frozenset[str]) -> None:
    for name in request.query_params:
        if name not in allowed:
            known = ", ".join(sorted(allowed)) or "none"
            raise query_error(name, f"unknown parameter (known: {known})")


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise query_error("bbox", "expected four numbers: west,south,east,north") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise query_error("bbox", "out of range: west,south,east,north in degrees")
    return west, south, east, north


Text = Annotated[str | None, Query(max_length=MAX_TEXT)]


def filter_params(
    date_from: Annotated[dt.date | None, Query(description="first day, YYYY-MM-DD")] = None,
    date_to: Annotated[dt.date | None, Query(description="last day, YYYY-MM-DD")] = None,
    event_type: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="event type or sub-event type")
    ] = None,
    actor: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="part of an actor's name")
    ] = None,
    place: Annotated[
        str | None,
        Query(max_length=MAX_TEXT, description="a place by any spelling, or a place id"),
    ] = None,
    radius_km: Annotated[
        float | None, Query(ge=0, le=20000, description="with place: around it")
    ] = None,
    source: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="part of an outlet")
    ] = None,
    certainty: Annotated[Certainty | None, Query()] = None,
    review_status: Annotated[ReviewStatus | None, Query()] = None,
    bbox: Annotated[
        str | None, Query(max_length=100, description="west,south,east,north in degrees")
    ] = None,
) -> EventFilter:
    """The filters shared by every listing (no paging)."""
    if radius_km is not None and not place:
        raise query_error("radius_km", "needs a place")
    try:
        return EventFilter(
            date_from=date_from,
            date_to=date_to,
            event_type=event_type or None,
            actor=actor or None,
            place=place or None,
            radius_km=radius_km,
            source=source or None,
            certainty=certainty,
            review_status=review_status,
            bbox=_bbox(bbox),
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else "date_to"
        raise query_error(name, first["msg"].removeprefix("Value error, ")) from None


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="page size")] = DEFAULT_PAGE,
    offset: Annotated[int, Query(ge=0, description="events to skip")] = 0,
) -> tuple[int, int]:
    return limit, offset
