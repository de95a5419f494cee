"""Ledger rows and the models they hold: what the store writes for an article, a cluster
and a review, and how it reads them back into Reports, merge members and LedgerEvents."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from frontwire.ledger import merge
from frontwire.ledger.views import EventReport, LedgerEvent, Review
from frontwire.model import Claim, Event, Place, Report


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def date_of(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def report_of(row: dict) -> Report:
    data = json.loads(row["report_json"])
    data["article"]["text"] = row["text"]
    return Report.model_validate(data)


def event_row(article_id: str, event: Event) -> tuple:
    return (
        event.id,
        article_id,
        event.event_type,
        event.sub_event_type,
        iso(event.event_date),
        event.time_precision,
        event.place_id,
        event.actor1,
        event.actor2,
        event.inter1,
        event.inter2,
        event.fatalities,
        event.injuries,
        event.certainty,
        event.model_dump_json(),
    )


def claim_row(article_id: str, claim: Claim) -> tuple:
    prop = claim.proposition
    return (
        claim.id,
        article_id,
        claim.source.name,
        claim.source.kind,
        claim.source.side,
        claim.cue,
        claim.stance,
        claim.content.text,
        prop.key if prop else None,
        prop.predicate if prop else None,
        prop.polarity if prop else None,
        prop.place if prop else None,
        iso(claim.date),
        claim.model_dump_json(),
    )


CLUSTER_COLUMNS = (
    "id",
    "event_type",
    "sub_event_type",
    "event_date",
    "place_id",
    "fatalities",
    "injuries",
    "n_sources",
    "actor1",
    "actor2",
    "certainty",
    "json",
)


def cluster_row(c: merge.Cluster) -> tuple:
    """A cluster as its ledger_events row, in CLUSTER_COLUMNS order."""
    extra = {"time_precision": c.time_precision, "inter1": c.inter1, "inter2": c.inter2}
    return (
        c.id,
        c.event_type,
        c.sub_event_type,
        iso(c.event_date),
        c.place_id,
        c.fatalities,
        c.injuries,
        c.n_sources,
        c.actor1,
        c.actor2,
        c.certainty,
        json.dumps(extra),
    )


def member_of(row: dict) -> merge.Member:
    return merge.Member(
        event_id=row["id"],
        article_id=row["article_id"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        place_id=row["place_id"],
        event_date=date_of(row["event_date"]),
        time_precision=row["time_precision"] if row["time_precision"] is not None else 3,
        fatalities=row["fatalities"],
        injuries=row["injuries"],
        actor1=row["actor1"],
        actor2=row["actor2"],
        certainty=row["certainty"],
        source=row["source"],
        published=date_of(row["published"]),
        inter1=row["inter1"],
        inter2=row["inter2"],
    )


def review_of(row: dict) -> Review:
    return Review(
        id=int(row["id"]),
        event_id=row["event_id"],
        reviewer=row["reviewer"],
        at=dt.datetime.fromisoformat(row["at"]),
        action=row["action"],
        field=row["field"],
        before=json.loads(row["before_json"]) if row["before_json"] else None,
        after=json.loads(row["after_json"]) if row["after_json"] else None,
        note=row["note"],
        report_event_ids=json.loads(row["report_event_ids_json"]),
    )


def most_common(values: list[Any]) -> Any:
    present = [v for v in values if v]
    if not present:
        return None
    best = max(present.count(v) for v in present)
    return min(v for v in present if present.count(v) == best)


def ledger_event_of(
    row: dict, members: list[dict], outlets: set[str], place: Place | None
) -> LedgerEvent:
    extra = json.loads(row["json"]) if row.get("json") else {}
    coded = sorted(
        ((Event.model_validate_json(m["json"]), m) for m in members),
        key=lambda pair: (
            pair[0].event_date is None,
            pair[0].event_date or dt.date.min,
            pair[0].id,
        ),
    )
    reports = [
        EventReport(
            event_id=event.id,
            article_id=meta["article_id"],
            source=meta["source"],
            url=meta["url"],
            title=meta["title"],
            published=date_of(meta["published"]),
            event_date=event.event_date,
            fatalities=event.fatalities,
            injuries=event.injuries,
            actor1=event.actor1,
            actor2=event.actor2,
            certainty=event.certainty,
            evidence=event.evidence,
        )
        for event, meta in coded
    ]
    reports.sort(
        key=lambda r: (r.published is None, r.published or dt.date.min, r.article_id, r.event_id)
    )
    events = [event for event, _ in coded]
    inter1, inter2 = extra.get("inter1"), extra.get("inter2")
    interaction = next((e.interaction for e in events if e.interaction), None)
    if inter1 and inter2:
        interaction = int(f"{min(inter1, inter2)}{max(inter1, inter2)}")
    return LedgerEvent(
        id=row["id"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        event_date=date_of(row["event_date"]),
        time_precision=extra.get("time_precision") or 3,
        place=place,
        location=place.name if place else most_common([e.location for e in events]),
        geo_precision=place.geo_precision if place else None,
        actor1=row["actor1"],
        actor2=row["actor2"],
        assoc_actor_1=most_common([e.assoc_actor_1 for e in events]),
        assoc_actor_2=most_common([e.assoc_actor_2 for e in events]),
        inter1=inter1,
        inter2=inter2,
        interaction=interaction,
        fatalities=row["fatalities"],
        injuries=row["injuries"],
        certainty=row["certainty"],
        notes=next((e.notes for e in events if e.notes), ""),
        n_sources=row["n_sources"],
        sources=sorted(outlets),
        reports=reports,
    )


def event_order(event: LedgerEvent) -> tuple:
    """event_date DESC, id; undated last (as the SQL orders them)."""
    days = -event.event_date.toordinal() if event.event_date else 0
    return (event.event_date is None, days, event.id)
