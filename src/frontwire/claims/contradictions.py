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
from collections.abc import Iterator

from frontwire.claims.lexicon import Lexicons, load_lexicons
from frontwire.model import Claim, Contradiction, Proposition


def group_key(prop: Proposition) -> str:
    """Key for gathering claims that may contradict (subject left out: an unnamed subject
    must still meet a named one; find_contradictions checks subjects itself)."""
    return f"{prop.predicate}|{prop.place or '?'}"


def _article(claim: Claim) -> str | None:
    return claim.evidence[0].article_id if claim.evidence else None


def _same_source(a: Claim, b: Claim) -> bool:
    return a.source.name.strip().lower() == b.source.name.strip().lower()


def exclusive_predicates(lex: Lexicons | None = None) -> frozenset[str]:
    """Predicates only one side can hold at a time (data: 'exclusive_subject'), from `lex`
    (read afresh when not given: a caller that runs often keeps the set and passes it)."""
    return (lex or load_lexicons()).exclusive_predicates()


def _compatible(a: Claim, b: Claim, window_days: int, exclusive: frozenset[str]) -> bool:
    pa, pb = a.proposition, b.proposition
    if pa is None or pb is None or pa.predicate != pb.predicate or _same_source(a, b):
        return False
    rival_holders = (
        pa.polarity == pb.polarity == "positive"
        and pa.subject and pb.subject and pa.subject != pb.subject
        and pa.predicate in exclusive
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


def _first_links(
    members: list[Claim], names: list[str], sources: set[str] | None, window_days: int,
    linked: set[tuple[frozenset[str], str]], key: str, exclusive: frozenset[str],
) -> Iterator[tuple[Claim, Claim]]:
    """The pairs of combinations(members, 2) that make a link, in that order: for each claim,
    the first compatible later claim of each other source whose pair is not linked yet.

    A long article repeats a few sources hundreds of times, and testing every pair grew with
    the square of its claims. Here the claims are bucketed by source, polarity and whether
    they predict: a claim skips the sources it is already linked with, and meets only the
    claims that `_compatible` could accept (the other polarity; the same one only for rival
    holders). With `sources`, only pairs with a claim of one of them, as before."""
    buckets: dict[str, dict[tuple[str, bool], list[int]]] = {}
    for k, (name, c) in enumerate(zip(names, members, strict=True)):
        kind = (c.proposition.polarity, c.stance == "predict")  # type: ignore[union-attr]
        buckets.setdefault(name, {}).setdefault(kind, []).append(k)
    touching = set(buckets) if sources is None else {n for n in buckets if n in sources}
    other = {"positive": "negative", "negative": "positive"}
    for i, a in enumerate(members):
        own, pa = names[i], a.proposition
        assert pa is not None
        predict = a.stance == "predict"
        kinds = [(other[pa.polarity], predict)]
        if pa.polarity == "positive" and pa.subject and pa.predicate in exclusive:
            kinds.append(("positive", predict))  # rival holders
        found: list[int] = []
        for name, by_kind in buckets.items():
            if name == own or (own not in touching and name not in touching):
                continue
            if (frozenset((own, name)), key) in linked:
                continue
            first = None
            for kind in kinds:
                ks = by_kind.get(kind)
                if not ks:
                    continue
                for at in range(bisect_right(ks, i), len(ks)):
                    j = ks[at]
                    if first is not None and j > first:
                        break
                    if _compatible(a, members[j], window_days, exclusive):
                        first = j
                        break
            if first is not None:
                found.append(first)
        # one link per other source at most, in the order of the later claim
        for j in sorted(found):
            yield a, members[j]


def find_contradictions(
    claims: list[Claim],
    window_days: int = 14,
    sources: set[str] | None = None,
    exclusive: frozenset[str] | None = None,
) -> list[Contradiction]:
    """One link per pair of sources and proposition; the first pair in reading order.

    Claims are put in reading order first, so which pair stands for two sources does not
    depend on the order the caller (or the ledger's ingests) gave them in.

    `sources` (lowercased source names): only the links of pairs of sources with one of
    them, exactly as they are in the whole answer (a link depends only on the two sources'
    claims). The ledger asks so after adding an article: the other links stay as they were,
    and a group of n claims costs n times the new ones' count, not n squared.

    `exclusive`: the predicates of `exclusive_predicates`, as the caller's owner holds them
    (the Pipeline's ClaimExtractor, the Ledger); read from the lexicons when not given.
    """
    if exclusive is None:
        exclusive = exclusive_predicates()
    groups: dict[str, list[Claim]] = {}
    for claim in sorted(claims, key=_reading_order):
        if claim.proposition is not None:
            groups.setdefault(group_key(claim.proposition), []).append(claim)
    out: list[Contradiction] = []
    linked: set[tuple[frozenset[str], str]] = set()
    for key, members in groups.items():
        names = [c.source.name.lower() for c in members]
        for a, b in _first_links(members, names, sources, window_days, linked, key, exclusive):
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
