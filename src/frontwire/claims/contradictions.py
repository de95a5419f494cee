"""Contradictions: claims about the same proposition with opposite polarity.

Works on the claims of one article and on claims pooled from the whole ledger. Two claims
contradict when they share predicate and place, their subjects agree (or one is unnamed),
their polarities differ, their sources differ, and their dates lie within the window.
A prediction contradicts only another prediction: 'they will have to leave sooner or later'
does not contradict 'they have not withdrawn'. For predicates only one side can hold
(capture/control, 'exclusive_subject' in the data), two positive claims that name different
holders contradict too.

The ledger should gather candidates by `group_key` (predicate and place), not by
the full key: an unnamed subject must still meet a named one, and rival holders differ in
subject by definition.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import combinations

from frontwire.claims.lexicon import load_lexicons
from frontwire.model import Claim, Contradiction, Proposition


def group_key(prop: Proposition) -> str:
    """Key for gathering claims that may contradict (subject left out: an unnamed subject
    must still meet a named one; find_contradictions checks subjects itself)."""
    return f"{prop.predicate}|{prop.place or '?'}"


def _article(claim: Claim) -> str | None:
    return claim.evidence[0].article_id if claim.evidence else None


def _same_source(a: Claim, b: Claim) -> bool:
    return a.source.name.strip().lower() == b.source.name.strip().lower()


def _exclusive(predicate: str) -> bool:
    """Predicates only one side can hold at a time (data: 'exclusive_subject')."""
    spec = load_lexicons().predicates["classes"].get(predicate, {})
    return bool(spec.get("exclusive_subject"))


def _compatible(a: Claim, b: Claim, window_days: int) -> bool:
    pa, pb = a.proposition, b.proposition
    if pa is None or pb is None or pa.predicate != pb.predicate or _same_source(a, b):
        return False
    rival_holders = (
        pa.polarity == pb.polarity == "positive"
        and pa.subject and pb.subject and pa.subject != pb.subject
        and _exclusive(pa.predicate)
    )
    if pa.polarity == pb.polarity and not rival_holders:
        return False
    if pa.polarity != pb.polarity and pa.subject and pb.subject and pa.subject != pb.subject:
        return False
    if pa.place != pb.place or (pa.place is None and _article(a) != _article(b)):
        return False  # an unplaced claim can only be compared inside its own article
    if (a.stance == "predict") != (b.stance == "predict"):
        return False
    return not (a.date and b.date and abs((a.date - b.date).days) > window_days)


def _reason(a: Claim, b: Claim) -> str:
    pa, pb = a.proposition, b.proposition
    if pa.polarity == pb.polarity:
        return (
            f"{a.source.name} ({a.stance}, {a.date}) says {pa.subject} holds it; "
            f"{b.source.name} ({b.stance}, {b.date}) says {pb.subject} does: {pa.predicate}"
        )
    return (
        f"{a.source.name} ({a.stance}, {a.date}) says {pa.predicate} is {pa.polarity}; "
        f"{b.source.name} ({b.stance}, {b.date}) says {pb.polarity}"
    )


def _reading_order(claim: Claim) -> tuple[str, int, str]:
    """Article, then position in it, then id: the same order whatever order claims came in."""
    start = claim.evidence[0].start if claim.evidence else -1
    return (_article(claim) or "", start, claim.id)


def _pairs(members: list[Claim], sources: set[str] | None) -> Iterator[tuple[Claim, Claim]]:
    """combinations(members, 2), or only its pairs with a claim of `sources`, in its order."""
    if sources is None:
        yield from combinations(members, 2)
        return
    touching = [k for k, c in enumerate(members) if c.source.name.lower() in sources]
    for i, a in enumerate(members):
        if a.source.name.lower() in sources:
            later: Iterable[int] = range(i + 1, len(members))
        else:
            later = touching[bisect_right(touching, i) :]
        for j in later:
            yield a, members[j]


def find_contradictions(
    claims: list[Claim], window_days: int = 14, sources: set[str] | None = None
) -> list[Contradiction]:
    """One link per pair of sources and proposition; the first pair in reading order.

    Claims are put in reading order first, so which pair stands for two sources does not
    depend on the order the caller (or the ledger's ingests) gave them in.

    `sources` (lowercased source names): only the links of pairs of sources with one of
    them, exactly as they are in the whole answer (a link depends only on the two sources'
    claims). The ledger asks so after adding an article: the other links stay as they were,
    and a group of n claims costs n times the new ones' count, not n squared.
    """
    groups: dict[str, list[Claim]] = {}
    for claim in sorted(claims, key=_reading_order):
        if claim.proposition is not None:
            groups.setdefault(group_key(claim.proposition), []).append(claim)
    out: list[Contradiction] = []
    linked: set[tuple[frozenset[str], str]] = set()
    for key, members in groups.items():
        for a, b in _pairs(members, sources):
            if not _compatible(a, b, window_days):
                continue
            if a.proposition.polarity == "negative":  # positive side first, for reading
                a, b = b, a
            pair = (frozenset((a.source.name.lower(), b.source.name.lower())), key)
            if pair in linked:
                continue
            linked.add(pair)
            out.append(
                Contradiction(
                    claim_a=a.id,
                    claim_b=b.id,
                    proposition=a.proposition.key,
                    reason=_reason(a, b),
                )
            )
    return out
