"""ClaimExtractor: attributions -> Claims with source, stance, proposition, medium, date.

Loads its lexicons and the source registry once (module-level cache); `extract` does no
I/O and is a pure function of the article context, its places and its dates.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from frontwire.claims.attribution import Attribution, AttributionFinder
from frontwire.claims.lexicon import Lexicons, load_lexicons
from frontwire.claims.media import MediumFinder
from frontwire.claims.propositions import PropositionBuilder, mention_index, proposition_key
from frontwire.claims.sources import Resolved, SourceRegistry, load_registry
from frontwire.claims.stance import StanceClassifier
from frontwire.model import Claim, ClaimSource, DateMention, Evidence, Place
from frontwire.text.context import ArticleContext, doc_text, tokens_between
from frontwire.text.intervals import SpanIndex

_PERSONAL = {"he", "she", "him", "her"}
_PLURAL = {"they", "them"}
_NEUTER = {"it"}
_CONFIDENCE = {"claims.verb": 0.8, "claims.verb.quote": 0.85, "claims.according_to": 0.8}


@dataclass
class _Said:
    """A resolved source, remembered so later pronouns and 'the ministry' can point to it."""

    pos: int
    head_lemma: str
    resolved: Resolved


class _SaidIndex:
    """The sources said so far, sorted by position, for pronouns to point back to: the
    latest before a position is a bisection, not a scan of all of them (quadratic in long
    texts). Equal positions keep the first said."""

    def __init__(self) -> None:
        # by person-ness (None: any), keys (position, -order) beside the _Said
        self._keys: dict[bool | None, list[tuple[int, int]]] = {None: [], True: [], False: []}
        self._items: dict[bool | None, list[_Said]] = {None: [], True: [], False: []}
        self._count = 0

    def add(self, said: _Said) -> None:
        self._count += 1
        key = (said.pos, -self._count)
        for kind in (None, said.resolved.person):
            keys = self._keys.setdefault(kind, [])
            k = bisect_left(keys, key)
            keys.insert(k, key)
            self._items.setdefault(kind, []).insert(k, said)

    def latest(self, person: bool | None, before: int) -> _Said | None:
        """The source said at the greatest position < `before` (the first of equals)."""
        keys = self._keys.get(person, [])
        k = bisect_left(keys, (before, -(self._count + 1))) - 1
        return self._items[person][k] if k >= 0 else None


class _Persons:
    """The article's PERSON names in text order (they do not overlap)."""

    def __init__(self, ents: list[Span]) -> None:
        self._ents = ents
        self._ends = [e.end_char for e in ents]

    def latest_ending_by(self, pos: int) -> Span | None:
        k = bisect_right(self._ends, pos) - 1
        return self._ents[k] if k >= 0 else None


class ClaimExtractor:

    def __init__(self, lex: Lexicons, registry: SourceRegistry) -> None:
        self.lex = lex
        self.registry = registry
        self.finder = AttributionFinder(lex)
        self.stance = StanceClassifier(lex)
        self.props = PropositionBuilder(lex, registry)
        self.media = MediumFinder(lex, registry)
        self.support = [p.lower() for p in lex.cues["support"]["phrases"]]
        # for find_contradictions, which the Pipeline runs on every article's claims
        self.exclusive = lex.exclusive_predicates()

    @classmethod
    def load(cls) -> ClaimExtractor:
        """Lexicons and source registry read once, for this extractor (the Pipeline's)."""
        lex = load_lexicons()
        return cls(lex, load_registry(lex))

    # -- sources --------------------------------------------------------------------------
    def _resolve_all(self, ctx: ArticleContext, atts: list[Attribution]) -> list[Resolved | None]:
        doc = ctx.doc
        spans = []
        for att in atts:
            toks = att.source_tokens
            spans.append(doc[toks[0].i : toks[-1].i + 1] if toks else None)
        # First pass without article context, to learn whose side the article mostly hears.
        noted = [
            self.registry.resolve_noting_side(s, a.source_head)
            if s is not None and a.source_head
            else None
            for s, a in zip(spans, atts, strict=True)
        ]
        first = [n[0] if n is not None else None for n in noted]
        side = self.registry.dominant_side([r.side for r in first if r and r.known]) or (
            self.registry.dominant_side([r.side for r in first if r])
        )
        history: list[_Said] = []
        # the latest source said by each head lemma and each word of its name: 'the
        # ministry' far from any other finds its source without a walk through all of them
        latest_by_word: dict[str, _Said] = {}
        said = _SaidIndex()
        persons = _Persons([e for e in doc.ents if e.label_ == "PERSON" and not _locative(e)])
        out: list[Resolved | None] = []
        for span, att, once in zip(spans, atts, noted, strict=True):
            if span is None or att.source_head is None:
                out.append(None)
                continue
            head = att.source_head
            word = head.lower_
            res: Resolved | None
            if head.pos_ == "PRON" and (word in _PERSONAL | _PLURAL | _NEUTER):
                res = self._antecedent(word, head, said, persons)
            else:
                if once is not None and (side is None or once[1]):
                    res = once[0]  # the first pass's answer: the side changes nothing
                else:
                    res = self.registry.resolve(span, head, side)
                if not res.known or res.generic:
                    # A recent 'the ministry' points back; a distant one is the article's own.
                    near = 3 if res.generic else 10**6
                    res = self._definite(ctx, span, head, history, latest_by_word, near) or res
            if res is not None:
                history.append(_Said(head.idx, head.lemma_.lower(), res))
                said.add(history[-1])
                for w in [history[-1].head_lemma, *self.registry.fold_word(res.name).split()]:
                    latest_by_word[w] = history[-1]
            out.append(res)
        return out

    def _antecedent(
        self, word, head: Token, said: _SaidIndex, persons: _Persons
    ) -> Resolved | None:
        """The source a pronoun speaker points back to: the latest one before it (of the
        same person-ness unless plural), or the latest person named before it."""
        want_person = word in _PERSONAL
        best = said.latest(None if word in _PLURAL else want_person, head.idx)
        # A speaker of this or the sentence before outranks any other name around.
        here = head.sent.start
        if best is not None and best.pos >= head.doc[max(0, here - 1)].sent.start_char:
            return best.resolved
        if want_person:
            ent = persons.latest_ending_by(head.idx)
            # the latest of the two; a source said before a name at the same place wins
            if ent is not None and (best is None or ent.start_char > best.pos):
                return self._resolve_person(ent)
            if best is None:
                cands = self._named_subjects(head)
                return max(cands, key=lambda c: c[0])[1] if cands else None
        return best.resolved if best is not None else None

    def _resolve_person(self, ent: Span) -> Resolved:
        """A name with its apposition when it is a subject ('Mykola Bondar, the commander
        of a Ukrainian drone unit, spoke ...'): the apposition tells kind and side."""
        root = ent.root
        if root.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "appos" for c in root.children):
            span = root.doc[root.left_edge.i : root.right_edge.i + 1]
            while len(span) > 1 and span[-1].is_punct:
                span = span[:-1]
            return self.registry.resolve(span, root)
        return self.registry.resolve(ent, root)

    def _named_subjects(self, head: Token) -> list[tuple[int, Resolved]]:
        """'X, a spokesman, spoke to journalists. "...," he said': the named subject of one
        of the two sentences before, when no speaker was found there."""
        out: list[tuple[int, Resolved]] = []
        sent = head.sent
        doc = head.doc
        start = sent.start
        for _ in range(2):
            if start == 0:
                break
            prev = doc[start - 1].sent
            for tok in prev:
                if tok.dep_ == "nsubj" and tok.pos_ == "PROPN":
                    span = doc[tok.left_edge.i : tok.right_edge.i + 1]
                    out.append((tok.idx, self.registry.resolve(span, tok)))
            start = prev.start
        return out

    def _definite(
        self,
        ctx: ArticleContext,
        span: Span,
        head: Token,
        history: list[_Said],
        latest_by_word: dict[str, _Said],
        near: int,
    ) -> Resolved | None:
        """'the ministry', 'the spokesman': the last source with the same head noun."""
        if span[0].lower_ != "the" or len(span) > 4:
            return None
        lemma = head.lemma_.lower()
        if near >= len(ctx.sentences):  # no distance limit: the latest said with that word
            got = latest_by_word.get(lemma)
            return got.resolved if got is not None else None
        here = ctx.sentence_index(head.idx)
        for h in reversed(history):
            if here - ctx.sentence_index(h.pos) > near:
                break
            if h.head_lemma == lemma or lemma in self.registry.fold_word(h.resolved.name).split():
                return h.resolved
        return None

    # -- the claims -----------------------------------------------------------------------
    def extract(
        self, ctx: ArticleContext, places: list[Place], dates: list[DateMention]
    ) -> list[Claim]:
        doc = ctx.doc
        atts = [one for att in self.finder.find(doc) for one in _split_sources(att)]
        resolved = self._resolve_all(ctx, atts)
        main_place = _main_place(places)
        mentions = mention_index(places)
        dates_by_sentence = _dates_by_sentence(ctx, dates)
        claims: list[Claim] = []
        seen: set[tuple[int, int, str]] = set()
        for att, res in zip(atts, resolved, strict=True):
            if res is None:
                continue
            src_toks = att.source_tokens
            source = ClaimSource(
                name=res.name,
                text=ctx.text[src_toks[0].idx : src_toks[-1].idx + len(src_toks[-1])],
                kind=res.kind,
                side=res.side,
                start=src_toks[0].idx,
                end=src_toks[-1].idx + len(src_toks[-1]),
            )
            sent = ctx.sentence_of(att.cue_start)
            skip = {t.i for t in src_toks}
            medium = self.media.find(sent, att.verb, skip)
            for c_start, c_end in att.contents:
                if medium is not None and c_start < medium.start < c_end:
                    c_end = _rtrim(ctx.text, c_start, medium.start)
                if (c_start, c_end, res.name) in seen or c_end - c_start < 3:
                    continue
                seen.add((c_start, c_end, res.name))
                claims.append(
                    self._claim(ctx, att, source, res, (c_start, c_end), medium, mentions,
                                main_place, dates_by_sentence, len(claims) + 1)
                )
        return _inherit_subjects(claims)

    def _claim(self, ctx, att, source, res, content_range, medium, mentions, main_place, dates, n):
        c_start, c_end = content_range
        doc = ctx.doc
        content_toks = [t for t in tokens_between(doc, c_start, c_end) if not t.is_space]
        comp_toks = tokens_between(doc, *att.complement) if att.complement else []
        stance, marks = self.stance.classify(att.cue_lemma, content_toks, comp_toks)
        skip = {t.i for t in marks}
        prop, negated = (None, False)
        if content_toks:
            prop, negated = self.props.build(
                content_toks, stance, skip, res.side, mentions, main_place, res.name
            )
        lo = min(source.start or c_start, att.cue_start, c_start)
        hi = max(source.end or c_end, att.cue_end, c_end)
        conf = _CONFIDENCE.get(att.rule, 0.7) * (1.0 if res.known else 0.9)
        evidence: list[Evidence] = [ctx.evidence(lo, hi, att.rule, conf)]
        support = self._support(ctx, hi)
        if support is not None:
            evidence.append(support)
        return Claim(
            id=f"{ctx.article.id}-C{n}",
            source=source,
            cue=att.cue,
            cue_span=ctx.span(att.cue_start, att.cue_end),
            stance=stance,
            content=ctx.span(c_start, c_end),
            proposition=prop,
            medium=medium.text if medium else None,
            date=self._date(ctx, att, content_range, dates),
            negated=negated,
            evidence=evidence,
        )

    def _support(self, ctx: ArticleContext, end: int) -> Evidence | None:
        """'This would be proven by ...': the next sentence as the evidence the source gives."""
        idx = ctx.sentence_index(max(0, end - 1)) + 1
        sents = ctx.sentences
        if idx >= len(sents):
            return None
        nxt = sents[idx]
        low = doc_text(ctx.doc)[nxt.start_char : nxt.end_char].lower()  # Span.text joins tokens
        if nxt[0].lower_ not in ("this", "that", "which", "it") and not low.startswith("as "):
            return None
        if not any(p in low for p in self.support):
            return None
        text = doc_text(ctx.doc)[nxt.start_char : nxt.end_char].rstrip()
        return ctx.evidence(nxt.start_char, nxt.start_char + len(text), "claims.support", 0.6)

    def _date(
        self, ctx, att, content_range, dates_by_sentence: dict[int, list[DateMention]]
    ) -> dt.date | None:
        """A date said of the cue ('reported yesterday'), else the publication date."""
        sent_idx = ctx.sentence_index(att.cue_start)
        c_start, c_end = content_range
        # The date of the saying, not of what is said: before the cue ('Two weeks ago, X
        # said'), or right after it with no content in between ('reported yesterday that').
        def of_cue(d: DateMention) -> bool:
            if d.start < att.cue_start:
                return not (c_start <= d.start < c_end)
            between = ctx.text[att.cue_end : d.start]
            return len(between) <= 30 and not (att.cue_end <= c_start < d.start)

        cands = [d for d in dates_by_sentence.get(sent_idx, ()) if of_cue(d)]
        if cands:
            return min(cands, key=lambda d: abs(d.start - att.cue_start)).date
        return ctx.article.published


def _dates_by_sentence(
    ctx: ArticleContext, dates: list[DateMention]
) -> dict[int, list[DateMention]]:
    """The article's exact dates by sentence, in text order: a claim looks only at its own
    sentence's (scanning every date for every claim cost the square of the length)."""
    out: dict[int, list[DateMention]] = {}
    for d in dates:
        if d.date is not None and not d.vague:
            out.setdefault(ctx.sentence_index(d.start), []).append(d)
    return out


def _inherit_subjects(claims: list[Claim]) -> list[Claim]:
    """'Ukraine rejected Russia's claim that its forces had captured X': 'its' belongs to the
    inner speaker, so the outer claim takes the subject the inner claim found."""
    # Inner claims are looked up by span, not by scanning all claims: a long article has
    # thousands, and the scan made this step cost the square of its length.
    spans = SpanIndex(
        [c for c in claims if c.proposition is not None],
        lambda c: (c.content.start, c.content.end),
    )
    out = []
    for claim in claims:
        prop = claim.proposition
        inner = next(
            (o for o in spans.inside(claim.content.start, claim.content.end)
             if o is not claim and prop
             and o.proposition.predicate == prop.predicate
             and o.source.name != claim.source.name),
            None,
        ) if prop else None
        if inner is not None and inner.proposition.subject != prop.subject:
            subject = inner.proposition.subject
            prop = prop.model_copy(update={
                "subject": subject,
                "key": proposition_key(subject, prop.predicate, prop.place),
            })
            claim = claim.model_copy(update={"proposition": prop})
        out.append(claim)
    return out


def _split_sources(att: Attribution) -> list[Attribution]:
    """'Russian military bloggers and the Russian defence ministry said ...': one claim per
    source, so each can be resolved (and contradicted) on its own."""
    head = att.source_head
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        return [att]
    conjs = [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
    ids = {t.i for t in att.source_tokens}
    conjs = [c for c in conjs if c.i in ids]
    if not conjs:
        return [att]
    drop = {t.i for c in conjs for t in c.subtree}
    drop |= {c.i for c in head.children if c.dep_ in ("cc", "punct") and c.i > head.i}
    first = [t for t in att.source_tokens if t.i not in drop]
    out = [replace(att, source_tokens=first)]
    for conj in conjs:
        toks = [t for t in conj.subtree if t.i in ids and t.dep_ not in ("cc",)]
        toks = [t for t in toks if not (t.is_punct and t.i in (toks[0].i, toks[-1].i))]
        if toks:
            out.append(replace(att, source_tokens=toks, source_head=conj))
    return out


def _locative(ent: Span) -> bool:
    """'in Naypyitaw' tagged PERSON by mistake: a name after in/at/from is a place."""
    head = ent.root.head
    return ent.root.dep_ == "pobj" and head.lower_ in ("in", "at", "from", "to", "near")


def _rtrim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \n\t,;:.\"'\u201c\u201d":
        end -= 1
    return end


def _main_place(places: list[Place]) -> str | None:
    """The place the article is about: wire reports name it in the lead, so the first
    settlement mentioned; the most mentioned one breaks a tie."""
    if not places:
        return None

    def first(p: Place) -> int:
        return min((m.start for m in p.mentions), default=10**9)

    # a country or a region is no stand-in for 'the town'
    settlements = [p for p in places if p.feature_class in (None, "P")]
    if not settlements:
        return None
    counts = Counter({p.id: len(p.mentions) for p in settlements})
    return min(settlements, key=lambda p: (first(p), -counts[p.id])).id
