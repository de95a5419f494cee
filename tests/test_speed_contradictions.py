"""find_contradictions meets only the claims that can make a new link (issue 19: a long article
repeats a few sources hundreds of times, and testing every pair grew with the square of its
claims). The links must be exactly those of the pairwise reading: one per pair of sources and
proposition, the first compatible pair in reading order, in that order."""

from __future__ import annotations

import datetime as dt
import random
from itertools import combinations

from frontwire.claims.contradictions import (
    _compatible,
    exclusive_predicates,
    find_contradictions,
    group_key,
)
from frontwire.model import Claim, ClaimSource, Contradiction, Evidence, Proposition, Span

SOURCES = ["Ukrainian General Staff", "Russian Defence Ministry", "ISW", "Reuters", "Reuters ",
           "the regional governor", "a local resident"]
PREDICATES = ["capture", "withdrawal", "attack", "encirclement"]  # capture: rival holders
PLACES = ["P1", "P2", None]


def _claims(rng: random.Random, n: int, articles: int = 3) -> list[Claim]:
    out = []
    for k in range(n):
        polarity = rng.choice(["positive", "positive", "negative"])
        stance = "deny" if polarity == "negative" else rng.choice(["assert", "assert", "predict"])
        subject = rng.choice([None, "Russia", "Ukraine"])
        predicate, place = rng.choice(PREDICATES), rng.choice(PLACES)
        article = f"a{rng.randrange(articles)}"
        text = f"claim number {k}"
        out.append(
            Claim(
                id=f"c{k:04d}",
                source=ClaimSource(name=rng.choice(SOURCES)),
                cue="said",
                stance=stance,
                content=Span(start=0, end=len(text), text=text),
                proposition=Proposition(
                    subject=subject, predicate=predicate, place=place, polarity=polarity,
                    key=f"{subject or '?'}|{predicate}|{place or '?'}",
                ),
                date=dt.date(2024, 3, 1) + dt.timedelta(days=rng.randrange(40)),
                evidence=[Evidence(article_id=article, sentence=0, start=rng.randrange(10_000),
                                   end=10_001, text=text, rule="test", confidence=0.5)],
            )
        )
    return out


def _pairwise(claims: list[Claim], sources: set[str] | None = None) -> list[Contradiction]:
    """The reading the bucketed one must equal: every pair of a group, in order."""
    from frontwire.claims.contradictions import _reading_order, _reason

    groups: dict[str, list[Claim]] = {}
    for claim in sorted(claims, key=_reading_order):
        groups.setdefault(group_key(claim.proposition), []).append(claim)
    out, linked = [], set()
    for key, members in groups.items():
        for a, b in combinations(members, 2):
            names = {a.source.name.lower(), b.source.name.lower()}
            if sources is not None and not names & sources:
                continue
            if not _compatible(a, b, 14, exclusive_predicates()):
                continue
            if a.proposition.polarity == "negative":
                a, b = b, a
            pair = (frozenset(names), key)
            if pair in linked:
                continue
            linked.add(pair)
            out.append(Contradiction(claim_a=a.id, claim_b=b.id,
                                     proposition=a.proposition.key, reason=_reason(a, b)))
    return out


def test_links_are_those_of_every_pair_in_reading_order():
    rng = random.Random(19)
    for n in (2, 30, 400):
        claims = _claims(rng, n)
        got = find_contradictions(claims)
        assert got == _pairwise(claims)
    assert len(got) > 20
    # rival holders of a capture are linked too, not only opposite polarities
    by_id = {c.id: c for c in claims}
    assert any(by_id[x.claim_a].proposition.polarity == by_id[x.claim_b].proposition.polarity
               for x in got)


def test_links_of_some_sources_are_those_of_every_pair():
    claims = _claims(random.Random(7), 300)
    for picked in ({"isw"}, {"reuters", "reuters "}, {"a local resident", "isw"}):
        assert find_contradictions(claims, sources=picked) == _pairwise(claims, picked)


def test_many_claims_of_two_sources_still_link_once_per_proposition():
    # 'The army said it took the village.' / 'The ministry denied it.' told over and over
    rng = random.Random(3)
    claims = [c for c in _claims(rng, 600, articles=1)
              if c.source.name in ("ISW", "Reuters") and c.proposition.predicate == "withdrawal"]
    got = find_contradictions(claims)
    assert got == _pairwise(claims)
    keys = [(x.proposition, frozenset((x.claim_a, x.claim_b))) for x in got]
    assert len({k[0] for k in keys}) == len(keys) > 0
