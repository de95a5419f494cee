"""Analysts' reviews laid over the ledger's merged events, as pure functions.

A review is a record that is never deleted; what it decides is recomputed from the records
every time, on top of whatever merging and re-extraction produced, so reviewed values win.

Status, from the confirm / reject / edit records in the order they were made:
- 'rejected' when the last confirm-or-reject is a reject: a rejection holds until someone
  confirms the event again; an edit of a rejected event corrects its values, not its fate;
- otherwise the latest of confirm and edit decides: 'confirmed' (an analyst checked the event
  as it now stands, edits included) or 'edited' (values changed since the last check);
- 'unreviewed' when there is none. Merge and split reviews shape the clusters, not the status.

Reviews find their ledger event through `report_event_ids` (the coded events the ledger
event held when reviewed), so they follow it when merging gives it a new id.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from frontwire.events.taxonomy import Taxonomy
from frontwire.ledger.views import EDITABLE_FIELDS, LedgerEvent, Review
from frontwire.model import Place

if TYPE_CHECKING:
    from frontwire.ledger.merge import Cluster

_INT_FIELDS = {"fatalities", "injuries", "time_precision"}
_TEXT_FIELDS = {"event_type", "sub_event_type", "place_id"}  # may not be empty; actors may


def review_order(reviews: Iterable[Review]) -> list[Review]:
    """Reviews in the order they were made: time, then id (the store's sequence)."""
    far_past = dt.datetime.min.replace(tzinfo=dt.UTC)

    def key(r: Review) -> tuple:
        at = r.at or far_past
        if at.tzinfo is None:
            at = at.replace(tzinfo=dt.UTC)
        return (at, r.id if r.id is not None else -1)

    return sorted(reviews, key=key)


def coerce_edit(field: str | None, value: Any, taxonomy: Taxonomy | None = None) -> Any:
    """An edit's `after` as the field's type; ValueError with one line naming the problem."""
    if field not in EDITABLE_FIELDS:
        raise ValueError(f"field {field!r} cannot be edited (one of {', '.join(EDITABLE_FIELDS)})")
    if field in _INT_FIELDS:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError(f"{field}: {value!r} is not a whole number") from None
        if isinstance(value, float) and value != number:
            raise ValueError(f"{field}: {value!r} is not a whole number")
        if number < 0:
            raise ValueError(f"{field}: {number} is negative")
        if field == "time_precision" and number not in (1, 2, 3):
            raise ValueError(f"time_precision: {number} is not 1 (day), 2 (week) or 3 (month)")
        return number
    if field == "event_date":
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(f"event_date: {value!r} is not a date (YYYY-MM-DD)") from None
    text = "" if value is None else str(value).strip()
    if field in _TEXT_FIELDS and not text:
        raise ValueError(f"{field} cannot be empty")
    if field in ("event_type", "sub_event_type"):
        taxonomy = taxonomy or Taxonomy.load()  # the Ledger passes its own
    if field == "event_type" and text not in taxonomy.event_types:
        raise ValueError(f"event_type: {text!r} is not an ACLED event type")
    if field == "sub_event_type" and text not in taxonomy.sub_events:
        raise ValueError(f"sub_event_type: {text!r} is not an ACLED sub-event type")
    return text or None


def review_status(reviews: Sequence[Review]) -> str:
    """The status the records give (see the module's docstring)."""
    ordered = review_order(reviews)
    verdicts = [r.action for r in ordered if r.action in ("confirm", "reject")]
    if verdicts and verdicts[-1] == "reject":
        return "rejected"
    checks = [r.action for r in ordered if r.action in ("confirm", "edit")]
    if not checks:
        return "unreviewed"
    return "confirmed" if checks[-1] == "confirm" else "edited"


def apply_reviews(
    event: LedgerEvent,
    reviews: Sequence[Review],
    places: Mapping[str, Place] | None = None,
    taxonomy: Taxonomy | None = None,
) -> LedgerEvent:
    """The event with its reviews applied: edits set their fields, the records set the status.

    `places` lets an edit of place_id carry the edited place (name, coordinates, precision);
    a place the caller could not supply leaves `place` empty and keeps the id as `location`,
    so the edit is never silently lost. `taxonomy`: the Ledger's (read afresh when not given
    and an edit needs it).
    """
    ordered = review_order(reviews)
    updates: dict[str, Any] = {}
    fields: list[str] = list(event.reviewed_fields)
    for review in ordered:
        if review.action != "edit" or review.field is None:
            continue
        if review.field in ("event_type", "sub_event_type"):
            taxonomy = taxonomy or Taxonomy.load()
        value = coerce_edit(review.field, review.after, taxonomy)
        if review.field == "place_id":
            place = (places or {}).get(value)
            updates["place"] = place
            updates["location"] = place.name if place else value
            updates["geo_precision"] = place.geo_precision if place else None
        else:
            updates[review.field] = value
        if review.field == "sub_event_type":
            # ACLED's hierarchy: the sub-event type decides the event type.
            updates["event_type"] = taxonomy.event_type(value)
        if review.field not in fields:
            fields.append(review.field)
    status = review_status(ordered)
    if status == "unreviewed" and not updates:
        return event
    return event.model_copy(update={**updates, "review_status": status, "reviewed_fields": fields})


def _holder(ids: Iterable[str], where: Mapping[str, str]) -> str | None:
    """The cluster holding most of `ids`; ties go to the one holding the smallest id."""
    present = sorted(i for i in ids if i in where)
    if not present:
        return None
    votes = Counter(where[i] for i in present)
    best = max(votes.values())
    return next(where[i] for i in present if votes[where[i]] == best)


def review_targets(reviews: Sequence[Review], clusters: Sequence[Cluster]) -> dict[int, str]:
    """Which current ledger event each review (by id) belongs to.

    The event holding most of the review's report_event_ids (for a split: of those that
    stayed); when none of them is left (the article was deleted or re-extracted under new
    ids), the event that still carries the reviewed id. Reviews without an id, or whose
    event is gone, are left out.
    """
    where = {m.event_id: c.id for c in clusters for m in c.members}
    ids = {c.id for c in clusters}
    out: dict[int, str] = {}
    for review in reviews:
        if review.id is None:
            continue
        wanted: list[str] = list(review.report_event_ids)
        if review.action == "split":
            leaving = set(split_ids(review))
            wanted = [i for i in wanted if i not in leaving] or wanted
        target = _holder(wanted, where)
        if target is None and review.event_id in ids:
            target = review.event_id
        if target is not None:
            out[review.id] = target
    return out


def split_ids(review: Review) -> list[str]:
    """The report event ids a split review takes out (its `after`: a list or one id)."""
    after = review.after
    if after is None:
        return []
    if isinstance(after, str):
        return [p for p in (s.strip() for s in after.split(",")) if p]
    return [str(a) for a in after]


__all__ = [
    "apply_reviews",
    "coerce_edit",
    "review_order",
    "review_status",
    "review_targets",
    "split_ids",
]
