"""Reviews: confirm, reject, edit, merge, split. Each one a record; nothing deleted.

Writes need the server's token when it has one (always when it listens beyond loopback).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from frontwire.ledger.store import LedgerError
from frontwire.ledger.views import EDITABLE_FIELDS, LedgerEvent, Review, ReviewAction
from frontwire.serve.params import reject_unknown
from frontwire.serve.routes_read import Store

router = APIRouter(prefix="/api", tags=["reviews"])
INT_FIELDS = {"fatalities", "injuries", "time_precision"}


class ReviewIn(BaseModel):
    """What the page sends; the server fills `before` from the ledger, `id` and `at`."""

    model_config = ConfigDict(extra="forbid")
    event_id: str = Field(min_length=1, max_length=200)
    reviewer: str = Field(min_length=1, max_length=100)
    action: ReviewAction
    field: str | None = Field(default=None, description=f"for edit: {', '.join(EDITABLE_FIELDS)}")
    after: Any = Field(
        default=None,
        description="edit: the new value; merge: the event to join; "
        "split: the report event ids that leave",
    )
    note: str = Field(default="", max_length=2000)


def require_writer(request: Request) -> None:
    token = request.app.state.token
    if not token:
        return
    given = request.headers.get("x-frontwire-token", "")
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        given = auth[7:]
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "writes need the server's token (header X-Frontwire-Token)")


def _bad(name: str, message: str) -> RequestValidationError:
    return RequestValidationError(
        [{"type": "value_error", "loc": ("body", name), "msg": message, "input": None}]
    )


def _current(event: LedgerEvent, field: str) -> Any:
    if field == "place_id":
        return event.place.id if event.place else None
    value = getattr(event, field)
    return value.isoformat() if isinstance(value, dt.date) else value


def _edited_value(store: Store, field: str, value: Any) -> Any:
    """The new value in the ledger's terms; a place may be given by any spelling."""
    if value in (None, ""):
        if field in INT_FIELDS:
            raise _bad("after", f"{field} needs a number")
        return None
    if field in INT_FIELDS:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise _bad("after", f"{field} must be a whole number, not {value!r}") from None
        if number < 0 or (field == "time_precision" and number not in (1, 2, 3)):
            raise _bad("after", f"{field}: {number} is out of range")
        return number
    if field == "event_date":
        try:
            return dt.date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise _bad("after", f"event_date must be YYYY-MM-DD, not {value!r}") from None
    if field == "place_id":
        ids = store.resolve_place(str(value).strip())
        # a region and its stand-in at its seat ('gn:<region>@gn:<town>') share a name: the
        # reviewer names the region
        ids = [i for i in ids if "@" not in i or i.partition("@")[0] not in ids]
        if len(ids) != 1:
            found = "no place" if not ids else f"{len(ids)} places ({', '.join(ids[:5])})"
            raise _bad("after", f"place {value!r}: {found} in the ledger by that name")
        return ids[0]
    return str(value).strip()


@router.post(
    "/reviews",
    summary="Record a review of an event",
    status_code=201,
    dependencies=[Depends(require_writer)],
)
def add_review(body: ReviewIn, store: Store) -> dict[str, Any]:
    event = store.ledger_event(body.event_id)
    if event is None:
        raise HTTPException(404, f"event {body.event_id!r}: not in the ledger")
    before: Any = None
    after: Any = body.after
    if body.action == "edit":
        if body.field not in EDITABLE_FIELDS:
            raise _bad("field", f"must be one of {', '.join(EDITABLE_FIELDS)}")
        before = _current(event, body.field)
        after = _edited_value(store, body.field, body.after)
    elif body.action == "merge":
        if not isinstance(after, str) or store.ledger_event(after) is None:
            raise _bad("after", f"merge needs the id of another ledger event, not {after!r}")
        if after == event.id:
            raise _bad("after", "an event cannot be merged into itself")
    elif body.action == "split":
        ids = {r.event_id for r in event.reports}
        if not isinstance(after, list) or not after or not set(after) <= ids:
            raise _bad("after", "split needs a list of this event's report event ids")
        if set(after) == ids:
            raise _bad("after", "a split must leave at least one report behind")
    try:
        review = Review(
            event_id=event.id,
            reviewer=body.reviewer.strip(),
            action=body.action,
            field=body.field if body.action == "edit" else None,
            before=before,
            after=after,
            note=body.note,
        )
        saved = store.add_review(review)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else "after"
        raise _bad(name, first["msg"].removeprefix("Value error, ")) from None
    except (LedgerError, ValueError) as exc:
        raise _bad("after" if body.action != "confirm" else "event_id", str(exc)) from None
    return saved.model_dump(mode="json")


@router.get("/reviews", summary="Review history, oldest first")
def reviews(
    request: Request,
    store: Store,
    event_id: Annotated[str | None, Query(max_length=200)] = None,
) -> list[dict[str, Any]]:
    reject_unknown(request, frozenset({"event_id"}))
    return [r.model_dump(mode="json") for r in store.reviews(event_id)]
