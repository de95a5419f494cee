"""The fixed, stratified ACLED-notes measurement sample, decided row by row.

Both the ACLED-notes evaluations (`eval events`, `eval frames`) measure on this sample, and
`frontwire train events --acled` leaves it out, so that a locally trained model is never
scored on rows it saw. Membership is a pure function of one row (its event id and
sub-event type): it needs no list of ids, holds for any export that contains the same
events, and does not change when rows are added or removed.

Stratified over ACLED's sub-event types: a row is in the sample with probability
TARGET_PER_TYPE / (rows of its type in ../shared/train/acled_events_notes.jsonl.gz), drawn
from a salted hash of its event id, so each type gives about TARGET_PER_TYPE notes (all of
them when it has fewer). Rows flagged `eval_overlap_flag` (Ukraine, held-out periods) are
never in it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

SALT = "frontwire-acled-sample-v1"
TARGET_PER_TYPE = 20
# rows per sub-event type in the shared training file, flagged rows left out (2026-12-07)
TYPE_ROWS = {
    "Peaceful protest": 18341,
    "Mob violence": 7734,
    "Armed clash": 7676,
    "Attack": 6856,
    "Violent demonstration": 4838,
    "Protest with intervention": 1504,
    "Change to group/activity": 1100,
    "Shelling/artillery/missile attack": 968,
    "Remote explosive/landmine/IED": 941,
    "Looting/property destruction": 889,
    "Air/drone strike": 814,
    "Abduction/forced disappearance": 512,
    "Excessive force against protesters": 362,
    "Arrests": 352,
    "Other": 349,
    "Disrupted weapons use": 316,
    "Grenade": 183,
    "Agreement": 164,
    "Government regains territory": 97,
    "Sexual violence": 93,
    "Headquarters or base established": 71,
    "Non-violent transfer of territory": 46,
    "Non-state actor overtakes territory": 38,
    "Suicide bomb": 16,
}
_NULL = ("", "none", "null", "nan")


def _flagged(row: Mapping) -> bool:
    flag = row.get("eval_overlap_flag")
    return flag is not None and str(flag).strip().lower() not in _NULL


def _unit(key: str) -> float:
    """A uniform number in [0, 1) from a salted hash (stable across runs and machines)."""
    digest = hashlib.sha1(f"{SALT}:{key}".encode()).hexdigest()
    return int(digest[:12], 16) / float(1 << 48)


def in_frames_sample(row: Mapping) -> bool:
    """Whether an ACLED row (a dict from the JSONL file or an export's CSV) is in the sample."""
    if _flagged(row):
        return False
    sub = str(row.get("sub_event_type") or "")
    key = str(row.get("event_id_cnty") or row.get("notes") or "")
    if not sub or not key:
        return False
    rate = min(1.0, TARGET_PER_TYPE / TYPE_ROWS.get(sub, TARGET_PER_TYPE))
    return _unit(key) < rate
