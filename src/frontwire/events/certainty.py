"""Certainty of an event from the claims around its trigger.

- a claim whose content covers the trigger: the event is "attributed" to that source;
- that claim denies or dismisses it, or predicts it: no event (it stays a claim);
- one source asserts it and another denies the same proposition: "disputed";
- no claim: reported as "fact" by the outlet itself.
A hedged sentence right after a claim in the same paragraph ("This would be proven by ...")
continues that source's reported speech and is attributed to it too.
"""

from __future__ import annotations

from collections.abc import Callable

from frontwire.model import Claim
from frontwire.model import Span as TextSpan
from frontwire.text.context import ArticleContext
from frontwire.text.intervals import SpanIndex

NOT_AN_EVENT = {"deny", "dismiss", "predict"}


class _ClaimIndex:
    """The article's claims by content span, by the sentences they end in, and its denials:
    built once per article, so that every event's look-up stays local."""

    def __init__(self, ctx: ArticleContext, claims: list[Claim]) -> None:
        self.spans = SpanIndex(claims, lambda c: (c.content.start, c.content.end))
        self.by_sentence: dict[int, list[Claim]] = {}
        for c in claims:
            last = ctx.sentence_index(max(c.content.end - 1, 0))
            for k in dict.fromkeys((c.content.sentence, last)):
                self.by_sentence.setdefault(k, []).append(c)
        # denials by their proposition's key: an event looks up only those of its own claims
        self.denials: dict[str, list[Claim]] = {}
        self.order: dict[int, int] = {}  # id(claim) -> its place in the article's list
        for n, c in enumerate(claims):
            if (c.stance in ("deny", "dismiss") or c.negated) and c.proposition is not None:
                self.denials.setdefault(c.proposition.key, []).append(c)
                self.order[id(c)] = n


def _index(ctx: ArticleContext, claims: list[Claim]) -> _ClaimIndex:
    cached = getattr(ctx, "_frontwire_claim_index", None)
    if cached is not None and cached[0] is claims:
        return cached[1]
    index = _ClaimIndex(ctx, claims)
    ctx._frontwire_claim_index = (claims, index)  # type: ignore[attr-defined]
    return index


def certainty_of(
    ctx: ArticleContext,
    trigger: TextSpan,
    claims: list[Claim],
    hedged: bool,
    same_paragraph: Callable[[ArticleContext, int, int], bool],
) -> tuple[str | None, list[str]]:
    """(certainty, claim ids); certainty None = not an event, the claim stands alone."""
    index = _index(ctx, claims)
    covering = index.spans.covering(trigger.start, trigger.end)
    continued = False
    if not covering and hedged:
        i = trigger.sentence
        before = index.by_sentence.get(i - 1, [])
        if i > 0 and before and same_paragraph(ctx, i - 1, i):
            covering, continued = [before[-1]], True
    if not covering:
        return "fact", []
    if any(c.stance in NOT_AN_EVENT or c.negated for c in covering):
        return None, [c.id for c in covering]
    ids = [c.id for c in covering]
    if continued:  # the claim's own proposition is not this event's: no dispute to inherit
        return "attributed", ids
    keys = dict.fromkeys(c.proposition.key for c in covering if c.proposition is not None)
    mine = {id(c) for c in covering}
    against = sorted(
        (
            c
            for key in keys
            for c in index.denials.get(key, ())
            if id(c) not in mine and c not in covering  # pydantic equality, the costly test, last
        ),
        key=lambda c: index.order[id(c)],
    )
    if against:
        return "disputed", ids + [c.id for c in against]
    return "attributed", ids

