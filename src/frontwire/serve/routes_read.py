"""The read-only API: events (JSON, GeoJSON, per day), places, claims, articles."""

from __future__ import annotations

import json
from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from frontwire.events.taxonomy import Taxonomy
from frontwire.ledger.store import Ledger
from frontwire.ledger.views import EDITABLE_FIELDS, EventFilter
from frontwire.serve.fastpath import MapRow, day_counts, map_page, ordered_ids
from frontwire.serve.highlights import KINDS, article_spans, field_sources, find_event
from frontwire.serve.params import (
    FILTER_NAMES,
    PAGE_NAMES,
    filter_params,
    page_params,
    reject_unknown,
)
from frontwire.serve.pool import ThreadLedger

router = APIRouter(prefix="/api", tags=["ledger"])


class RawJSON(JSONResponse):
    """JSON written straight from plain dicts: FastAPI's encoder walks every value again,
    which for a map of 20,000 events costs seconds."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()


MAP_LIMIT = 100_000  # the map asks for every filtered event; above this it says truncated


async def ledger(request: Request) -> Ledger:
    # A stand-in resolved per call: the endpoint's worker thread gets its own connection.
    return ThreadLedger(request.app.state.pool)  # type: ignore[return-value]


def _strict(*names: frozenset[str]):
    allowed = frozenset().union(*names)

    def check(request: Request) -> None:
        reject_unknown(request, allowed)

    return Depends(check)


Filter = Annotated[EventFilter, Depends(filter_params)]
Store = Annotated[Ledger, Depends(ledger)]


@router.get("/meta", summary="Vocabularies and what the ledger holds")
def meta(request: Request, store: Store) -> dict[str, Any]:
    taxonomy: Taxonomy = request.app.state.taxonomy
    subs: dict[str, list[str]] = {t: [] for t in taxonomy.event_types}
    for sub in taxonomy.sub_events.values():
        subs.setdefault(sub.event_type, []).append(sub.name)
    return {
        "ledger": request.app.state.label,
        "event_types": subs,
        "certainty": ["fact", "attributed", "disputed"],
        "review_status": ["unreviewed", "confirmed", "rejected", "edited"],
        "editable_fields": list(EDITABLE_FIELDS),
        "highlight_kinds": list(KINDS),
        "writes_need_token": bool(request.app.state.token),
    }


@router.get("/counts", summary="How many articles, events, claims... the ledger holds")
def counts(store: Store) -> dict[str, int]:
    return store.counts()


@router.get(
    "/events",
    summary="Ledger events, reviews applied, newest first",
    dependencies=[_strict(FILTER_NAMES, PAGE_NAMES)],
)
def events(
    store: Store, flt: Filter, page: Annotated[tuple[int, int], Depends(page_params)]
) -> JSONResponse:
    limit, offset = page
    ids = ordered_ids(store, flt)
    found = (store.ledger_event(event_id) for event_id in ids[offset : offset + limit])
    return RawJSON(
        {
            "total": len(ids),
            "limit": limit,
            "offset": offset,
            "events": [e.model_dump(mode="json") for e in found if e is not None],
        }
    )


@router.get(
    "/events.geojson",
    summary="Filtered events with a place, as a GeoJSON FeatureCollection",
    dependencies=[_strict(FILTER_NAMES, frozenset({"limit"}))],
)
def events_geojson(
    store: Store,
    flt: Filter,
    limit: Annotated[int, Query(ge=1, le=MAP_LIMIT)] = MAP_LIMIT,
) -> JSONResponse:
    rows, total = map_page(store, flt, limit)
    features = [f for f in map(MapRow.feature, rows) if f]
    return RawJSON(
        {
            "type": "FeatureCollection",
            "features": features,
            "events": total,
            "unplaced": len(rows) - len(features),
            "truncated": total > len(rows),
        }
    )


@router.get(
    "/timeline",
    summary="Events and fatalities per day, with the same filters",
    dependencies=[_strict(FILTER_NAMES)],
)
def timeline(store: Store, flt: Filter) -> JSONResponse:
    counts, undated = day_counts(store, flt)
    days = [{"date": d, "events": n, "fatalities": k} for d, (n, k) in sorted(counts.items())]
    return RawJSON({"days": days, "undated": undated})


@router.get("/events/{event_id}", summary="One event: reports, their sentences, reviews")
def event(event_id: str, store: Store) -> dict[str, Any]:
    found = store.ledger_event(event_id)
    if found is None:
        raise HTTPException(404, f"event {event_id!r}: not in the ledger")
    out = found.model_dump(mode="json")
    for report_out, report_in in zip(out["reports"], found.reports, strict=True):
        report = store.report(report_in.article_id)
        coded = find_event(report, report_in.event_id) if report else None
        report_out["fields"] = field_sources(report, coded) if report and coded else {}
        report_out["notes"] = coded.notes if coded else ""
    out["reviews"] = [r.model_dump(mode="json") for r in store.reviews(found.id)]
    return out


@router.get(
    "/places", summary="Places with all their spellings", dependencies=[_strict(FILTER_NAMES)]
)
def places(store: Store, flt: Filter) -> list[dict[str, Any]]:
    return store.places(flt)


@router.get(
    "/claims",
    summary="Claims, those in a contradiction first",
    dependencies=[_strict(FILTER_NAMES, frozenset({"contradictions_only"}))],
)
def claims(store: Store, flt: Filter, contradictions_only: bool = False) -> list[dict[str, Any]]:
    rows = store.claims(flt, contradictions_only=contradictions_only)
    contested = {
        side for pair in store.contradictions(flt) for side in (pair["a_id"], pair["b_id"])
    }
    for row in rows:
        row["contradicted"] = row["id"] in contested
    return sorted(rows, key=lambda r: not r["contradicted"])


@router.get(
    "/contradictions",
    summary="Contradicting claims side by side",
    dependencies=[_strict(FILTER_NAMES)],
)
def contradictions(store: Store, flt: Filter) -> list[dict[str, Any]]:
    return store.contradictions(flt)


@router.get("/articles/{article_ref}", summary="An article's text with highlights by kind")
def article(article_ref: str, store: Store) -> dict[str, Any]:
    ids = store.find_articles(article_ref)
    if not ids:
        raise HTTPException(404, f"article {article_ref!r}: not in the ledger")
    if len(ids) > 1:
        raise HTTPException(409, f"article {article_ref!r}: {len(ids)} articles match; give more")
    report = store.report(ids[0])
    if report is None:
        raise HTTPException(404, f"article {article_ref!r}: not in the ledger")
    spans = article_spans(report)
    return {
        "article": report.article.model_dump(mode="json"),
        "outlets": store.outlets(report.article.id),
        "spans": spans,
        "kinds": dict(Counter(s["kind"] for s in spans)),
    }
