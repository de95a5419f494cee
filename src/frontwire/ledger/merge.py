"""Merging across articles, as pure functions the storage calls (no SQL here).

CONTRACT (storage codes against this; bodies below):

- `Member`: one coded event as the merge sees it (an `events` row plus its article's outlet
  and publication date).
- `Cluster`: one ledger event: its members (sorted) and the merged values. Its `id` depends
  on its members only (`ledger_event_id(smallest member event id)`), so a ledger event keeps
  its id when unrelated articles arrive.
- `cluster_group(members, reviews) -> list[Cluster]`: every member of one (event_type,
  place_id) group -> its clusters, the same in every order of `members` and `reviews`.
  Members of several groups may be passed together (the store must, for groups joined by a
  'merge' review): natural clustering stays within each (event_type, place_id).
  Pass the WHOLE group, not a window around the new dates: a window opens at the earliest
  member of a run of dates, so a report dated one day earlier can shift every window of
  the run. Pass every review whose report_event_ids meet the members (extra reviews are
  harmless: ids not among the members are ignored). For a 'merge' review, report_event_ids
  should hold both events' members (or at least the reviewed one's; `after` names the other
  ledger event and is found through the member its id was made from).
- `standalone(member) -> Cluster`: an event without place or date stands alone.
- `contradictions_in_group(claims) -> list[Contradiction]`: every claim of one (predicate,
  place) group -> its contradiction pairs, claim_a < claim_b, sorted; the same in every
  order. The store replaces the group's stored pairs with this answer.
- reviews (reviews.py, re-exported): `apply_reviews(event, reviews, places=None)`,
  `review_targets(reviews, clusters) -> {review.id: ledger event id}`,
  `coerce_edit(field, value)` (raises ValueError with one clear line; call it in add_review).

How the storage uses it: after writing (or deleting) an article, for each (event_type,
place_id) its events touch, load the whole group and its reviews, `cluster_group`, and
replace the group's ledger events with the answer; for each (predicate, place) its claims
touch, replace the group's pairs with `contradictions_in_group`. When reading, lay each
event's reviews (`review_targets`) over it with `apply_reviews`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass

from frontwire.claims.contradictions import find_contradictions
from frontwire.ledger.reviews import (
    apply_reviews,
    coerce_edit,
    review_order,
    review_targets,
    split_ids,
)
from frontwire.ledger.views import Review
from frontwire.model import Claim, Contradiction

# The review overlay lives in reviews.py and is re-exported here, as the contract says.
__all__ = [
    "DATE_TOLERANCE_DAYS",
    "Cluster",
    "Member",
    "apply_reviews",
    "cluster_group",
    "coerce_edit",
    "contradictions_in_group",
    "ledger_event_id",
    "make_cluster",
    "review_targets",
    "standalone",
]

DATE_TOLERANCE_DAYS = 1


# ---------------------------------------------------------------------------------------
# The order-independent pass (the contract).


@dataclass(frozen=True)
class Member:
    """One coded event as the merge sees it."""

    event_id: str
    article_id: str
    event_type: str
    sub_event_type: str
    place_id: str | None
    event_date: dt.date | None
    time_precision: int
    fatalities: int
    injuries: int
    actor1: str | None
    actor2: str | None
    certainty: str
    source: str | None = None  # the article's outlet
    published: dt.date | None = None
    inter1: int | None = None
    inter2: int | None = None


@dataclass
class Cluster:
    """One ledger event: its members (canonical order) and the values merged from them."""

    id: str
    members: list[Member]
    event_type: str
    sub_event_type: str
    event_date: dt.date | None
    time_precision: int
    place_id: str | None
    actor1: str | None
    actor2: str | None
    fatalities: int
    injuries: int
    certainty: str
    n_sources: int
    inter1: int | None = None
    inter2: int | None = None

    @property
    def event_ids(self) -> list[str]:
        return [m.event_id for m in self.members]


def ledger_event_id(anchor_event_id: str) -> str:
    """A ledger event's id: from its smallest member event id, nothing else."""
    return "L" + hashlib.sha256(anchor_event_id.encode()).hexdigest()[:12]


def _canonical(member: Member) -> tuple:
    """The one order every pass uses: dated first, by date, then event id."""
    return (member.event_date is None, member.event_date or dt.date.min, member.event_id)


def _most_common(values: list[str | None]) -> str | None:
    """The most frequent non-empty value; ties go to the first in sorted order."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    best = max(counts.values())
    return min(v for v, n in counts.items() if n == best)


def _lowest_reported(values: list[int]) -> int:
    """ACLED's rule: the lowest figure among sources that give one. A report that gives no
    toll says nothing about it (0), so it does not pull the figure down."""
    reported = [v for v in values if v > 0]
    return min(reported) if reported else 0


def _certainty(values: list[str]) -> str:
    # One source stating the happening as fact (a reporter, an independent witness) settles
    # that it happened; failing that, an open dispute (one side claims, another denies) is
    # what an analyst must see first; failing both, the event rests on attributed claims.
    for level in ("fact", "disputed"):
        if level in values:
            return level
    return "attributed"


def _n_sources(members: list[Member]) -> int:
    """Distinct outlets; an article without an outlet counts as its own source."""
    keys = {
        m.source.strip().lower() if m.source and m.source.strip() else f"article:{m.article_id}"
        for m in members
    }
    return len(keys)


def make_cluster(members: list[Member]) -> Cluster:
    """One ledger event merged from its members (any order in, the same event out)."""
    if not members:
        raise ValueError("a ledger event needs at least one member")
    members = sorted(members, key=_canonical)
    event_type = _most_common([m.event_type for m in members]) or members[0].event_type
    of_type = [m for m in members if m.event_type == event_type]
    sub_event_type = _most_common([m.sub_event_type for m in of_type]) or of_type[0].sub_event_type
    dated = [m for m in members if m.event_date is not None]
    # The most precise date (day before week before month), the earliest among equals.
    when = min(dated, key=lambda m: (m.time_precision, m.event_date, m.event_id)) if dated else None
    actor1 = _most_common([m.actor1 for m in members])
    actor2 = _most_common([m.actor2 for m in members])
    return Cluster(
        id=ledger_event_id(min(m.event_id for m in members)),
        members=members,
        event_type=event_type,
        sub_event_type=sub_event_type,
        event_date=when.event_date if when else None,
        time_precision=when.time_precision if when else 3,
        place_id=_most_common([m.place_id for m in members]),
        actor1=actor1,
        actor2=actor2,
        fatalities=_lowest_reported([m.fatalities for m in members]),
        injuries=_lowest_reported([m.injuries for m in members]),
        certainty=_certainty([m.certainty for m in members]),
        n_sources=_n_sources(members),
        inter1=next((m.inter1 for m in members if m.actor1 == actor1 and m.inter1), None),
        inter2=next((m.inter2 for m in members if m.actor2 == actor2 and m.inter2), None),
    )


def standalone(member: Member) -> Cluster:
    """An event without place or date: nothing to merge on, it is its own ledger event."""
    return make_cluster([member])


def _windows(members: list[Member]) -> list[list[Member]]:
    """Same type and place, dates at most DATE_TOLERANCE_DAYS apart: anchored windows.

    Members in date order; the earliest one not yet placed opens a window that takes every
    member dated within DATE_TOLERANCE_DAYS of it. Why not single linkage (join whatever is
    a day from any member): a town shelled every day would chain into one month-long event,
    and one late report could fuse two clusters an analyst has already reviewed. Anchored
    windows keep every pair in a ledger event within the tolerance, which is what 'the same
    happening' means here, and give the fewest such events (greedy interval cover). Days
    10, 11, 12 give {10, 11} and {12} in every order.
    """
    tolerance = dt.timedelta(days=DATE_TOLERANCE_DAYS)
    out: list[list[Member]] = []
    for member in members:  # canonical order: by date, then id
        if out and member.event_date - out[-1][0].event_date <= tolerance:
            out[-1].append(member)
        else:
            out.append([member])
    return out


def _natural(members: list[Member]) -> list[list[Member]]:
    """The clusters the reports alone give, before reviews: per (event_type, place_id)."""
    groups: dict[tuple[str, str], list[Member]] = {}
    out: list[list[Member]] = []
    for member in members:
        if member.place_id is None or member.event_date is None:
            out.append([member])
        else:
            groups.setdefault((member.event_type, member.place_id), []).append(member)
    for key in sorted(groups):
        out.extend(_windows(groups[key]))
    return out


class _Partition:
    """Clusters as sets of event ids, changed in place by the reviews."""

    def __init__(self, clusters: list[list[Member]]) -> None:
        self.sets: list[set[str]] = [{m.event_id for m in c} for c in clusters]
        self.where: dict[str, int] = {i: n for n, ids in enumerate(self.sets) for i in ids}

    def holder(self, ids: list[str]) -> int | None:
        """The cluster holding most of `ids`; ties go to the one holding the smallest id."""
        present = sorted(i for i in ids if i in self.where)
        if not present:
            return None
        votes = Counter(self.where[i] for i in present)
        best = max(votes.values())
        return next(self.where[i] for i in present if votes[self.where[i]] == best)

    def by_ledger_id(self, ledger_id: str) -> int | None:
        """The cluster whose id is `ledger_id`: the one holding the member it was made from."""
        for event_id in sorted(self.where):
            if ledger_event_id(event_id) == ledger_id:
                return self.where[event_id]
        return None

    def move(self, ids: list[str], into: int) -> None:
        for event_id in ids:
            if event_id in self.where:
                self.sets[self.where[event_id]].discard(event_id)
                self.sets[into].add(event_id)
                self.where[event_id] = into

    def glue(self, ids: list[str]) -> None:
        """The given members in one cluster: the one already holding most of them."""
        into = self.holder(ids)
        if into is not None:
            self.move(ids, into)

    def split(self, ids: list[str]) -> None:
        present = sorted(i for i in ids if i in self.where)
        if present:
            self.sets.append(set())
            self.move(present, len(self.sets) - 1)


def _apply_structure(part: _Partition, reviews: list[Review]) -> None:
    """Reviews in the order they were made, each a constraint on the partition.

    confirm / reject / edit: the reports the event held when reviewed stay together (a fix
    sticks even when a new report shifts the windows); merge: the reviewed event's cluster
    and the cluster of the event named in `after` become one; split: the report event ids in
    `after` leave into a cluster of their own.
    """
    for review in review_order(reviews):
        if review.action == "split":
            part.split(split_ids(review))
        elif review.action == "merge":
            this = part.holder(review.report_event_ids)
            if this is None:
                this = part.by_ledger_id(review.event_id)
            other = part.by_ledger_id(str(review.after)) if review.after else None
            if this is None:
                this = other
            if this is None:
                continue  # both events are gone: nothing left to merge
            if other is not None and other != this:
                part.move(sorted(part.sets[other]), this)
            part.move(review.report_event_ids, this)
        else:
            part.glue(review.report_event_ids)


def cluster_group(members: list[Member], reviews: list[Review] | None = None) -> list[Cluster]:
    """The ledger events of one (event_type, place_id) group, whatever the order of input.

    Members are put in canonical order (date, event id) and cut into anchored windows (see
    `_windows`); the reviews then constrain the result in the order they were made. Members
    of several groups may come together (groups joined by a 'merge' review): windows stay
    within each (event_type, place_id). Answer: clusters sorted by id.
    """
    unique = {m.event_id: m for m in sorted(members, key=_canonical, reverse=True)}
    ordered = sorted(unique.values(), key=_canonical)
    part = _Partition(_natural(ordered))
    _apply_structure(part, list(reviews or []))
    clusters = [make_cluster([unique[i] for i in ids]) for ids in part.sets if ids]
    return sorted(clusters, key=lambda c: c.id)


def contradictions_in_group(
    claims: list[Claim],
    sources: set[str] | None = None,
    exclusive: frozenset[str] | None = None,
) -> list[Contradiction]:
    """Every contradiction among the claims of one (predicate, place) group (with `sources`,
    lowercased source names: only those between a source of them and any other).

    The same pairs in every order: find_contradictions reads claims in a canonical order;
    each pair comes out as claim_a < claim_b (the reason keeps the reading order of the two
    sides), pairs sorted. `exclusive`: the Ledger's set of `exclusive_predicates`.
    """
    unique = {c.id: c for c in claims}
    pairs: dict[tuple[str, str], Contradiction] = {}
    for pair in find_contradictions(
        [unique[i] for i in sorted(unique)], sources=sources, exclusive=exclusive
    ):
        a, b = sorted((pair.claim_a, pair.claim_b))
        pairs.setdefault((a, b), pair.model_copy(update={"claim_a": a, "claim_b": b}))
    return [pairs[k] for k in sorted(pairs)]

