"""What the frame tests share: one team-written wire report through the pipeline, and the
violent events of its report."""

from __future__ import annotations

import datetime as dt

from frontwire.model import Article, Event, Report

PUB = dt.date(2024, 6, 11)  # a Tuesday: 'on Sunday' is 2024-06-09, 'on Monday' 2024-06-10
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def wire_report(pipeline, text: str, pub: dt.date = PUB, article_id: str = "frames") -> Report:
    return pipeline.extract(Article(id=article_id, text=text, published=pub, source="Wire"))


def violent_events(report: Report) -> list[Event]:
    return [e for e in report.events if e.event_type in VIOLENT_TYPES]
