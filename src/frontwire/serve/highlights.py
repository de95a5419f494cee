"""Where in an article each fact comes from: highlight spans by kind, and for one coded
event, the words each of its fields came from.

Pure functions of a Report (the ledger keeps every report whole), so the article view
and the event view show exactly the evidence the pipeline recorded.
"""

from __future__ import annotations

from typing import Any

from frontwire.model import Event, Report

KINDS = ("place", "event", "claim", "figure")
TOLL_COUNTS = {"fatalities": {"killed", "dead", "died"}, "injuries": {"injured", "wounded"}}


def _span(start: int, end: int, kind: str, label: str, ref: str) -> dict[str, Any]:
    return {"start": start, "end": end, "kind": kind, "label": label, "ref": ref}


def article_spans(report: Report) -> list[dict[str, Any]]:
    """Every place mention, event trigger, claim and figure of the article, by position."""
    spans: list[dict[str, Any]] = []
    for place in report.places:
        for m in place.mentions:
            spans.append(_span(m.start, m.end, "place", place.name, place.id))
    for event in report.events:
        if event.trigger:
            label = f"{event.sub_event_type} ({event.event_date or 'no date'})"
            spans.append(_span(event.trigger.start, event.trigger.end, "event", label, event.id))
    for claim in report.claims:
        label = f"{claim.source.name}: {claim.stance}"
        spans.append(_span(claim.content.start, claim.content.end, "claim", label, claim.id))
    for figure in report.figures:
        label = f"{figure.value} {figure.counts}"
        spans.append(_span(figure.start, figure.end, "figure", label, f"{figure.start}"))
    return sorted(spans, key=lambda s: (s["start"], -s["end"], s["kind"]))


def find_event(report: Report, event_id: str) -> Event | None:
    return next((e for e in [*report.events, *report.summaries] if e.id == event_id), None)


def _sentence_spans(event: Event) -> list[tuple[int, int]]:
    """The sentences the event was coded from (its widest evidence spans)."""
    spans = [(ev.start, ev.end) for ev in event.evidence]
    if event.trigger:
        spans.append((event.trigger.start, event.trigger.end))
    return spans


def _inside(start: int, end: int, sentences: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in sentences)


def _pick(candidates: list[tuple[int, int, str]], sentences: list[tuple[int, int]]) -> list:
    """Candidates inside the event's sentences; else all of them (the field came from
    elsewhere in the article, e.g. the dateline)."""
    near = [c for c in candidates if _inside(c[0], c[1], sentences)]
    return [{"start": s, "end": e, "text": t} for s, e, t in (near or candidates)]


def field_sources(report: Report, event: Event) -> dict[str, list[dict[str, Any]]]:
    """For each field of a coded event, the spans of the article it rests on."""
    sentences = _sentence_spans(event)
    out: dict[str, list[dict[str, Any]]] = {}
    out["sentence"] = [
        {"start": ev.start, "end": ev.end, "text": ev.text} for ev in event.evidence[:1]
    ]
    if event.trigger:
        t = event.trigger
        out["event_type"] = [{"start": t.start, "end": t.end, "text": t.text}]
    place = next((p for p in report.places if p.id == event.place_id), None)
    if place and place.seat:  # a region coded at its seat: the region's own mentions
        place = next((p for p in report.places if p.id == place.id.partition("@")[0]), place)
    if place:
        out["place"] = _pick([(m.start, m.end, m.text) for m in place.mentions], sentences)
    if event.event_date:
        dates = [
            (d.start, d.end, d.text)
            for d in report.dates
            if d.date == event.event_date
            or (d.date and d.end_date and d.date <= event.event_date <= d.end_date)
        ]
        out["event_date"] = _pick(dates, sentences)
    for field in ("actor1", "actor2"):
        name = getattr(event, field)
        actor = next((a for a in report.actors if a.name == name), None) if name else None
        if actor:
            out[field] = _pick([(m.start, m.end, m.text) for m in actor.mentions], sentences)
    for field, counts in TOLL_COUNTS.items():
        value = getattr(event, field)
        if value:
            figures = [
                (f.start, f.end, f.text)
                for f in report.figures
                if f.counts in counts and f.value == value
            ]
            out[field] = _pick(figures, sentences)
    return {k: v for k, v in out.items() if v}
