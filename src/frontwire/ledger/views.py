"""What the ledger hands out: merged events with their reports, the filters that select
them, and the review records that correct them.

These types are the contract between the storage (store.py, either backend), the exports,
the command line and the workbench's API. Field names are a contract: add, do not rename.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from frontwire.model import Certainty, Evidence, GeoPrecision, Place, TimePrecision

ReviewStatus = Literal["unreviewed", "confirmed", "rejected", "edited"]
ReviewAction = Literal["confirm", "reject", "edit", "merge", "split"]
# The fields of a ledger event a reviewer may edit.
EDITABLE_FIELDS = (
    "event_type",
    "sub_event_type",
    "event_date",
    "time_precision",
    "place_id",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "assoc_actor_2",
    "fatalities",
    "injuries",
)


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventFilter(_View):
    """One filter for every listing, export and API query; None means no constraint."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_type: str | None = Field(default=None, description="event type or sub-event type")
    actor: str | None = Field(default=None, description="case-insensitive part of an actor")
    place: str | None = Field(
        default=None,
        description="a place by any spelling seen in the ledger or known to the gazetteer, "
        "or a place id ('gn:713174')",
    )
    radius_km: float | None = Field(default=None, ge=0, description="with place: around it")
    source: str | None = Field(default=None, description="case-insensitive part of an outlet")
    certainty: Certainty | None = None
    review_status: ReviewStatus | None = None
    bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="west, south, east, north in degrees"
    )
    limit: int | None = Field(default=None, ge=1)
    offset: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _dates_in_order(self) -> EventFilter:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from is after date_to")
        return self


class EventReport(_View):
    """One article's account of a ledger event: the event as coded from that article."""

    event_id: str
    article_id: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    event_date: dt.date | None = None
    fatalities: int = 0
    injuries: int = 0
    actor1: str | None = None
    actor2: str | None = None
    certainty: Certainty = "fact"
    evidence: list[Evidence] = Field(default_factory=list)


class LedgerEvent(_View):
    """A happening as the ledger keeps it: merged over its reports, reviews applied."""

    id: str
    event_type: str
    sub_event_type: str
    event_date: dt.date | None = None
    time_precision: TimePrecision = 3
    place: Place | None = None
    location: str | None = None
    geo_precision: GeoPrecision | None = None
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    fatalities: int = Field(default=0, description="ACLED's rule: the lowest credible figure")
    injuries: int = 0
    certainty: Certainty = "fact"
    notes: str = ""
    n_sources: int = 1
    sources: list[str] = Field(default_factory=list)
    reports: list[EventReport] = Field(default_factory=list)
    review_status: ReviewStatus = "unreviewed"
    reviewed_fields: list[str] = Field(default_factory=list)
    updated_at: dt.datetime | None = Field(
        default=None,
        description="when the record last changed: the latest ingestion of its reports or "
        "review of it (ACLED's 'timestamp'); None where the storage does not say",
    )


class Review(_View):
    """One analyst's correction, kept for ever: nothing a review touches is deleted.

    confirm / reject: field, before and after are None. edit: one field of
    EDITABLE_FIELDS, its value before and after. merge: `after` is the id of the ledger
    event this one joins. split: `after` lists the report event ids that leave this one.
    """

    id: int | None = None
    event_id: str = Field(description="the ledger event reviewed")
    reviewer: str = Field(min_length=1)
    at: dt.datetime | None = None
    action: ReviewAction
    field: str | None = None
    before: Any = None
    after: Any = None
    note: str = ""
    report_event_ids: list[str] = Field(
        default_factory=list,
        description="the coded events the ledger event held when reviewed: a review "
        "follows them when re-extraction or merging gives the ledger event a new id",
    )

    @model_validator(mode="after")
    def _field_fits_action(self) -> Review:
        if self.action == "edit" and self.field not in EDITABLE_FIELDS:
            raise ValueError(f"field must be one of {', '.join(EDITABLE_FIELDS)}")
        return self
