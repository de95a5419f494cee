"""Merging across articles: one ledger event per happening, contradictions across sources.

Two coded events are the same happening when they share the ACLED event type and the place
and their dates are at most `DATE_TOLERANCE_DAYS` apart (reports often date the same strike
'overnight' and 'on Friday'). The ledger event keeps ACLED's conservative fatality rule:
the lowest figure any source gives, among sources that give one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3

from frontwire.claims.contradictions import find_contradictions
from frontwire.model import Claim, Contradiction, Event

DATE_TOLERANCE_DAYS = 1


def _ledger_event_id(event: Event) -> str:
    key = f"{event.event_type}|{event.place_id}|{event.event_date}"
    return "L" + hashlib.sha256(key.encode()).hexdigest()[:12]


def _lowest_reported(values: list[int]) -> int:
    reported = [v for v in values if v > 0]
    return min(reported) if reported else 0


def assign_ledger_event(db: sqlite3.Connection, event: Event) -> str | None:
    """The id of the ledger event this event belongs to, creating it if new."""
    if event.place_id is None or event.event_date is None:
        # Without place and date there is nothing to merge on: the event stands alone.
        ledger_id = "L" + hashlib.sha256(event.id.encode()).hexdigest()[:12]
        _upsert(db, ledger_id, event, [event.fatalities], [event.injuries], 1)
        return ledger_id
    low = (event.event_date - dt.timedelta(days=DATE_TOLERANCE_DAYS)).isoformat()
    high = (event.event_date + dt.timedelta(days=DATE_TOLERANCE_DAYS)).isoformat()
    row = db.execute(
        """SELECT id FROM ledger_events WHERE event_type=? AND place_id=?
           AND event_date BETWEEN ? AND ? ORDER BY event_date LIMIT 1""",
        (event.event_type, event.place_id, low, high),
    ).fetchone()
    ledger_id = row[0] if row else _ledger_event_id(event)
    members = db.execute(
        "SELECT fatalities, injuries, article_id FROM events WHERE ledger_event_id=?",
        (ledger_id,),
    ).fetchall()
    fatalities = [m[0] for m in members] + [event.fatalities]
    injuries = [m[1] for m in members] + [event.injuries]
    n_sources = len({m[2] for m in members}) + 1
    _upsert(db, ledger_id, event, fatalities, injuries, n_sources)
    return ledger_id


def _upsert(
    db: sqlite3.Connection,
    ledger_id: str,
    event: Event,
    fatalities: list[int],
    injuries: list[int],
    n_sources: int,
) -> None:
    db.execute(
        """INSERT INTO ledger_events VALUES (?,?,?,?,?,?,?,?)
           ON CONFLICT(id) DO UPDATE SET fatalities=excluded.fatalities,
             injuries=excluded.injuries, n_sources=excluded.n_sources""",
        (
            ledger_id,
            event.event_type,
            event.sub_event_type,
            event.event_date.isoformat() if event.event_date else None,
            event.place_id,
            _lowest_reported(fatalities),
            _lowest_reported(injuries),
            n_sources,
        ),
    )


def contradictions_for(db: sqlite3.Connection, new_claims: list[Claim]) -> list[Contradiction]:
    """Contradictions between the new claims and the claims already in the ledger.

    Candidates share predicate and place only: an unnamed subject ('the town has not
    fallen') must still meet a named one; find_contradictions weighs the subjects.
    """
    groups: dict[tuple[str, str | None], list[Claim]] = {}
    for claim in new_claims:
        if claim.proposition:
            prop = claim.proposition
            groups.setdefault((prop.predicate, prop.place), []).append(claim)
    new_ids = {c.id for c in new_claims}
    found: list[Contradiction] = []
    for (predicate, place), fresh in groups.items():
        rows = db.execute(
            "SELECT id, json FROM claims WHERE predicate=? AND place_id IS ?", (predicate, place)
        ).fetchall()
        stored = [Claim.model_validate(json.loads(r[1])) for r in rows if r[0] not in new_ids]
        if not stored:
            continue
        for pair in find_contradictions(stored + fresh):
            # Pairs inside the stored claims were found when they came in.
            if pair.claim_a in new_ids or pair.claim_b in new_ids:
                found.append(pair)
    return found
