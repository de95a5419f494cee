"""The event coder: sentences → ACLED events with actors, place, date, casualties, certainty.

For each sentence: the trigger lexicon and the classifier decide whether it reports an ACLED
event and which (`classifier.py`); modality keeps future, intended, denied and negated events
out (`modality.py`); claims decide certainty (fact / attributed / disputed, `certainty.py`);
the parse ties actors (`actors.py`), places, the date (`frontwire.timex.event_date`) and the
casualty figures (`frontwire.events.casualties.count_casualties`) to the event. Every event
carries the sentence, the trigger span, the rule and a confidence.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from frontwire.events.actors import ActorEntry, ActorMention, ActorRegistry
from frontwire.events.certainty import certainty_of
from frontwire.events.classifier import Classification, SentenceClassifier
from frontwire.events.lexicon import Hit, _data
from frontwire.events.modality import Modality
from frontwire.events.taxonomy import NONE
from frontwire.model import Actor, Claim, DateMention, Event, Evidence, Figure, Place
from frontwire.model import Span as TextSpan
from frontwire.text.context import ArticleContext, doc_text

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
VIOLENT_SUBS = {"Excessive force against protesters"}
VICTIM_VERBS = {"kill", "injure", "wound", "hurt", "hit", "target", "abduct", "kidnap", "shoot"}
CIVILIAN_TARGET_TYPES = {"Violence against civilians"}
FOREIGN_PLACE_SHARE = 0.4  # share of place mentions that makes a second country credible
SUBSET_QUALIFIERS = frozenset({"among", "including"})  # set by events/figures.py
SUBSET_REACH = 3  # sentences: how far back a partitive toll ('among the dead') may refer
CASUALTY_EVENT_CONFIDENCE = 0.4  # a toll sentence typed from its context, not its own words


@dataclass
class _Draft:
    """An event being built from one or more sentences."""

    cls: Classification
    sentences: list[int]
    trigger_tokens: list[Token]
    flags: list[str] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.5
    source: _Draft | None = None  # for a toll sentence: the event its type comes from
    event: Event | None = None


def _sentences(ctx: ArticleContext) -> list[Span]:
    """The article's sentences, computed once per context (doc.sents is costly to rebuild)."""
    cached = getattr(ctx, "_frontwire_event_sents", None)
    if cached is None or cached[0] is not ctx.doc:
        cached = (ctx.doc, list(ctx.doc.sents))
        ctx._frontwire_event_sents = cached  # type: ignore[attr-defined]
    return cached[1]


def _memoised_dates_and_tolls() -> tuple[Callable, Callable]:
    """`event_date` and `count_casualties` remembered for one article: the toll sentences
    and the events ask both for the same sentences again."""
    from frontwire.events.casualties import count_casualties
    from frontwire.timex import event_date

    dates_seen: dict[int, tuple] = {}
    tolls_seen: dict[tuple[int, ...], tuple[int, int]] = {}

    def dated(ctx: ArticleContext, i: int, dates: list[DateMention]) -> tuple:
        if i not in dates_seen:
            dates_seen[i] = event_date(ctx, i, dates)
        return dates_seen[i]

    def tolls(ctx: ArticleContext, sentences: list[int], figures: list[Figure]) -> tuple[int, int]:
        key = tuple(sentences)
        if key not in tolls_seen:
            tolls_seen[key] = count_casualties(ctx, sentences, figures)
        return tolls_seen[key]

    return dated, tolls


def _text(ctx: ArticleContext, span: Span) -> str:
    """Span.text, sliced from the cached Doc text (Span.text joins its tokens each time)."""
    return doc_text(ctx.doc)[span.start_char : span.end_char]


def _mentions_by_sentence(
    ctx: ArticleContext, places: list[Place]
) -> dict[int, list[tuple[int, Place, int]]]:
    """Sentence index → (start, place, geo precision) of its place mentions, in the order of
    `places`; computed once per article (every event looks its sentence up)."""
    key = (id(places), sum(len(p.mentions) for p in places))
    cached = getattr(ctx, "_frontwire_event_place_index", None)
    if cached is not None and cached[0] is places and cached[1] == key:
        return cached[2]
    index: dict[int, list[tuple[int, Place, int]]] = {}
    for p in places:
        for m in p.mentions:
            index.setdefault(ctx.sentence_index(m.start), []).append((m.start, p, m.geo_precision))
    ctx._frontwire_event_place_index = (places, key, index)  # type: ignore[attr-defined]
    return index


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class EventCoder:
    def __init__(
        self, classifier: SentenceClassifier, registry: ActorRegistry, modality: Modality
    ) -> None:
        self.classifier = classifier
        self.lexicon = classifier.lexicon
        self.taxonomy = classifier.taxonomy
        self.registry = registry
        self.modality = modality

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> EventCoder:
        """Taxonomy, triggers, model and actor registry, read from data files once."""
        classifier = SentenceClassifier.load()
        return cls(
            classifier,
            ActorRegistry.load(),
            classifier.modality or Modality.from_data(_data("triggers.toml")["modality"]),
        )

    # ----------------------------------------------------------- sentence level
    def classify(self, doc_or_span: Doc | Span) -> tuple[str, str, Hit, float] | None:
        """(event_type, sub_event_type, trigger, confidence) for a short text, or None."""
        span = doc_or_span[:] if isinstance(doc_or_span, Doc) else doc_or_span
        res = self.classifier.classify(span)
        return res.as_tuple() if res else None

    # ------------------------------------------------------------ article level
    def code(
        self,
        ctx: ArticleContext,
        places: list[Place],
        dates: list[DateMention],
        figures: list[Figure],
        claims: list[Claim],
    ) -> tuple[list[Event], list[Actor]]:
        sents = _sentences(ctx)
        event_date, count_casualties = _memoised_dates_and_tolls()
        country = self._article_country(places)
        mentions = [self.registry.find(s, country) for s in sents]
        drafts: list[_Draft] = []
        triggered: set[int] = set()
        for i, sent in enumerate(sents):
            view = self.lexicon.view(sent)
            hits = self.lexicon.match(view)
            if not hits:
                continue
            triggered.add(i)  # its words explain it (a quake's toll is not a battle's)
            if all(h.sub == NONE for h in hits):
                continue  # only "no event" triggers: decide() would say None
            res = self.classifier.decide([(view, hits)], [1.0])
            if res is None:
                continue
            toks = res.trigger.tokens  # the tokens of its units
            if not res.trigger.trigger.negative and self._blocked(res.trigger, toks, sent):
                continue
            drafts.append(_Draft(res, [i], toks, rule=res.rule, confidence=res.confidence))
        events: list[Event] = []
        for d in self._with_casualty_sentences(
            ctx, drafts, triggered, figures, dates, event_date, count_casualties
        ):
            ev = self._build(
                ctx,
                d,
                places,
                dates,
                figures,
                claims,
                mentions,
                country,
                event_date,
                count_casualties,
            )
            d.event = ev
            if ev is not None:
                events.append(ev)
        return self._merge(events), self._actors(ctx, mentions, country)

    def _blocked(self, hit: Hit, toks: list[Token], sent: Span) -> str | None:
        """Modality's verdict on the trigger; the classifier's when it already asked the same."""
        if hit.blocked_checked and self.classifier.modality is self.modality:
            return hit.blocked
        return self.modality.blocked(toks, sent)

    def _with_casualty_sentences(
        self,
        ctx,
        drafts: list[_Draft],
        triggered: set[int],
        figures,
        dates,
        event_date: Callable | None = None,
        count_casualties: Callable | None = None,
    ) -> list[_Draft]:
        """Toll sentences without a trigger ('1 person died today, 2 were injured') join the
        violent event just before them in the paragraph, or, reported for another day, become
        an event of the type of the article's last violent event."""
        if event_date is None or count_casualties is None:
            event_date, count_casualties = _memoised_dates_and_tolls()
        out = list(drafts)
        toll_sents = sorted({f.sentence for f in figures if f.counts in ("killed", "injured")})
        for i in toll_sents:
            if i in triggered or i >= len(_sentences(ctx)):
                continue
            killed, injured = count_casualties(ctx, [i], figures)
            if not killed and not injured:
                continue
            prev = [d for d in out if d.sentences[-1] < i and self._violent(d.cls)]
            if not prev:
                continue
            last = max(prev, key=lambda d: d.sentences[-1])
            if _only_part_of_a_toll(figures, i) and i - last.sentences[-1] <= SUBSET_REACH:
                # 'a girl was among the wounded': part of a toll already given, not a new event
                last.sentences.append(i)
                continue
            same_par = self._same_paragraph(ctx, last.sentences[-1], i)
            own_date = event_date(ctx, i, dates)
            last_date = event_date(ctx, last.sentences[0], dates)
            if (
                same_par
                and i - last.sentences[-1] <= 2
                and ("publication-date" in own_date[2] or own_date[0] == last_date[0])
            ):
                last.sentences.append(i)
                continue
            sent = _sentences(ctx)[i]
            if self.modality.hedged(sent) and any(t.lower_ in ("would", "could") for t in sent):
                continue
            d = _Draft(
                last.cls,
                [i],
                [],
                flags=["typed-from-context"],
                rule=f"casualty-sentence; type from sentence {last.sentences[0]}",
                confidence=CASUALTY_EVENT_CONFIDENCE,
                source=last,
            )
            out.append(d)
        return sorted(out, key=lambda d: d.sentences[0])

    @staticmethod
    def _violent(cls: Classification) -> bool:
        return cls.event_type in VIOLENT_TYPES or cls.sub_event_type in VIOLENT_SUBS

    @staticmethod
    def _same_paragraph(ctx: ArticleContext, a: int, b: int) -> bool:
        sents = _sentences(ctx)
        lo, hi = sorted((a, b))
        gap = ctx.text[sents[lo].start_char : sents[hi].start_char]
        return "\n\n" not in gap

    # ------------------------------------------------------------- building
    def _build(
        self,
        ctx,
        d: _Draft,
        places,
        dates,
        figures,
        claims,
        mentions,
        country,
        event_date,
        count_casualties,
    ) -> Event | None:
        i = d.sentences[0]
        sent = _sentences(ctx)[i]
        trig = d.cls.trigger
        from_context = "typed-from-context" in d.flags
        if from_context:  # the toll figure stands for the trigger
            tolls = sorted(
                (f for f in figures if f.sentence == i and f.counts in ("killed", "injured")),
                key=lambda f: f.start,
            )
            trig_span = (
                ctx.span(tolls[0].start, tolls[0].end)
                if tolls
                else TextSpan(
                    start=sent.start_char, end=sent.end_char, text=_text(ctx, sent), sentence=i
                )
            )
        else:
            trig_span = ctx.span(trig.start_char, trig.end_char)
        cert, claim_ids = certainty_of(
            ctx, trig_span, claims, self.modality.hedged(sent), self._same_paragraph
        )
        if cert is None:  # denied or predicted by its source: stays a claim
            return None
        place, geo_precision, place_flag = self._place(ctx, i, trig_span, places)
        ev_country = self._event_country(place, places, country)
        if from_context and d.source is not None and d.source.event is not None:
            src = d.source.event  # the toll belongs to the same fighting: same actors
            a1, a2, assoc1 = (
                self._entry(src.actor1),
                self._entry(src.actor2),
                self._entry(src.assoc_actor_1),
            )
        else:
            a1, a2, assoc1 = self._event_actors(d, sent, mentions, i, ev_country)
        date, precision, date_flags = event_date(ctx, i, dates)
        killed, injured = count_casualties(ctx, d.sentences, figures)
        inter1 = a1.inter_at(ev_country) if a1 else None
        inter2 = a2.inter_at(ev_country) if a2 else None
        interaction = None
        if inter1 and inter2:
            lo, hi = sorted((inter1, inter2))
            interaction = lo * 10 + hi
        elif inter1:
            interaction = inter1 * 10
        sub, actor_rule = self.taxonomy.by_actor(d.cls.sub_event_type, inter1)
        flags = [*d.flags, *date_flags, *([place_flag] if place_flag else [])]
        conf = d.confidence * (0.9 if cert == "attributed" else 0.8 if cert == "disputed" else 1)
        rule = d.rule if d.rule else d.cls.rule
        if actor_rule:
            rule += f"; actor-rule:{actor_rule}"
        last = _sentences(ctx)[d.sentences[-1]]
        evidence: list[Evidence] = [
            ctx.evidence(sent.start_char, last.end_char, f"events.coder: {rule}", conf)
        ]
        if not from_context:
            evidence.append(
                ctx.evidence(trig.start_char, trig.end_char, f"trigger:{trig.trigger.id}", conf)
            )
        digest = hashlib.sha1(f"{ctx.article.id}:{i}:{trig.start_char}".encode()).hexdigest()
        return Event(
            id=f"ev-{digest[:12]}",
            event_type=self.taxonomy.event_type(sub),
            sub_event_type=sub,
            event_date=date,
            time_precision=precision,
            place_id=place.id if place else None,
            location=place.name if place else None,
            geo_precision=geo_precision,
            actor1=a1.name if a1 else None,
            actor2=a2.name if a2 else None,
            assoc_actor_1=assoc1.name if assoc1 else None,
            inter1=inter1,
            inter2=inter2,
            interaction=interaction,
            fatalities=killed,
            injuries=injured,
            certainty=cert,
            claim_ids=claim_ids,
            trigger=trig_span,
            flags=list(dict.fromkeys(flags)),
            notes=" ".join(_text(ctx, _sentences(ctx)[k]).strip() for k in d.sentences),
            confidence=round(conf, 3),
            evidence=evidence,
        )

    def _entry(self, name: str | None) -> ActorEntry | None:
        if name is None:
            return None
        return self.registry.by_name(name)

    # ---------------------------------------------------------------- places
    @staticmethod
    def _event_country(place: Place | None, places: list[Place], article: str | None) -> str | None:
        """The event place's country when the article is about it (its main country, or one
        with a good share of the place mentions); otherwise the article's country (a lone
        homonym abroad is likelier a gazetteer slip than a foreign event)."""
        if place is None or not place.country_code:
            return article
        if not article or place.country_code == article:
            return place.country_code
        counts: Counter[str] = Counter()
        for p in places:
            if p.country_code:
                counts[p.country_code] += max(1, len(p.mentions))
        share = counts[place.country_code] / max(1, sum(counts.values()))
        if share >= FOREIGN_PLACE_SHARE:
            return place.country_code
        return article

    @staticmethod
    def _article_country(places: list[Place]) -> str | None:
        counts = Counter()
        for p in places:
            if p.country_code:
                counts[p.country_code] += max(1, len(p.mentions))
        return counts.most_common(1)[0][0] if counts else None

    def _place(
        self, ctx: ArticleContext, i: int, trig: TextSpan, places: list[Place]
    ) -> tuple[Place | None, int | None, str | None]:
        """The place mentioned nearest the trigger in its sentence; else earlier in the
        paragraph; else the article's most-mentioned place."""
        by_sent = _mentions_by_sentence(ctx, places)
        best = None
        for start, p, precision in by_sent.get(i, ()):
            dist = abs(start - trig.start)
            if best is None or dist < best[0]:
                best = (dist, p, precision)
        if best:
            return best[1], best[2], None
        for j in range(i - 1, max(-1, i - 4), -1):
            if not self._same_paragraph(ctx, j, i):
                break
            found = [(start, p) for start, p, _ in by_sent.get(j, ())]
            if found:
                p = max(found, key=lambda x: x[0])[1]
                return p, p.geo_precision, "place-from-context"
        if places:
            p = max(places, key=lambda p: (len(p.mentions), p.confidence))
            return p, max(p.geo_precision, 2), "place-from-article"
        return None, None, None

    # ---------------------------------------------------------------- actors
    def _mention_for(self, tok: Token, ms: list[ActorMention]) -> ActorMention | None:
        for m in ms:
            if m.covers(tok):
                return m
        sub = {t.i for t in tok.subtree}
        inside = [m for m in ms if m.start in sub]
        return inside[0] if inside else None

    def _event_actors(
        self, d: _Draft, sent: Span, mentions, i: int, country: str | None
    ) -> tuple[ActorEntry | None, ActorEntry | None, ActorEntry | None]:
        ms = [m for m in mentions[i]]
        a1 = a2 = assoc = None
        lx = self.lexicon
        for tok in d.trigger_tokens:
            if a1 is None:
                for s in lx.subjects(tok):
                    m = self._mention_for(s, ms)
                    if m:
                        a1 = m
                        conj = [self._mention_for(c, ms) for c in s.conjuncts]
                        conj = [c for c in conj if c and c.entry.name != m.entry.name]
                        assoc = conj[0].entry if conj else None
                        break
                if a1 is None:  # "Russian bombardment", "Israeli air strikes"
                    for c in tok.children:
                        if c.dep_ in ("amod", "compound", "nmod", "poss"):
                            e = self.registry.demonym_entry(c)
                            if e is not None:
                                a1 = ActorMention(
                                    self.registry.canonical(e),
                                    c.i,
                                    c.i + 1,
                                    c.idx,
                                    c.idx + len(c.text),
                                    c.text,
                                    "actors.demonym-modifier",
                                )
                                break
            if a2 is None:
                for o in lx.objects(tok):
                    m = self._mention_for(o, ms)
                    if m and (a1 is None or m.entry.name != a1.entry.name):
                        a2 = m
                        break
        victims = [m for m in ms if self._is_victim(sent.doc[m.end - 1])]
        if a2 is None and victims and (a1 is None or victims[0].entry.name != a1.entry.name):
            a2 = victims[0]  # "two Ukrainian soldiers were killed in a drone attack"
        ms = [m for m in ms if m not in victims or m is a2]
        e1 = a1.entry if a1 else None
        e2 = a2.entry if a2 else None
        etype = d.cls.event_type
        used = {e.name for e in (e1, e2) if e}
        armed_like = [
            m.entry
            for m in ms
            if m.entry.kind not in ("civilians", "protesters", "rioters")
            and m.entry.name not in used
        ]
        if etype == "Protests":
            if e1 is None or e1.inter != 6:
                if e1 is not None and e2 is None:
                    e2 = e1
                e1 = self.registry.generic_entry("protesters", country)
        elif etype == "Riots" and (e1 is None or e1.inter not in (5, 4, 3)):
            e1 = self.registry.generic_entry("rioters", country)
        if e1 is None and armed_like:
            e1 = armed_like.pop(0)
        if e1 is None:
            e1 = self._context_actor(mentions, i, exclude=e2.name if e2 else None)
        if e2 is None and etype in CIVILIAN_TARGET_TYPES:
            civ = [m.entry for m in ms if m.entry.kind == "civilians"]
            e2 = civ[0] if civ else self.registry.generic_entry("civilians", country)
        if e2 is None and etype == "Explosions/Remote violence":
            # ACLED codes the civilians hit by remote violence as actor2
            civ = [m.entry for m in ms if m.entry.kind == "civilians"]
            e2 = civ[0] if civ else None
        if e2 is None and etype == "Battles":
            others = [e for e in armed_like if e1 is None or e.name != e1.name]
            e2 = others[0] if others else None
        if e2 is not None and e1 is not None and e2.name == e1.name:
            e2 = None
        return e1, e2, assoc

    @staticmethod
    def _is_victim(tok: Token) -> bool:
        """The head of a mention that suffered the event: 'soldiers were killed', 'X died'."""
        head = tok.head
        if tok.dep_ == "nsubjpass" and head.lemma_.lower() in VICTIM_VERBS:
            return True
        return tok.dep_ == "nsubj" and head.lemma_.lower() in ("die", "perish")

    @staticmethod
    def _context_actor(mentions, i: int, exclude: str | None = None) -> ActorEntry | None:
        """The last armed actor named in the two sentences before (‘they shelled …’)."""
        for j in range(i - 1, max(-1, i - 3), -1):
            armed = [
                m.entry
                for m in mentions[j]
                if m.entry.inter in (1, 2, 3, 8) and m.entry.name != exclude
            ]
            if armed:
                return armed[-1]
        return None

    def _actors(self, ctx: ArticleContext, mentions, country) -> list[Actor]:
        out: dict[str, Actor] = {}
        for ms in mentions:
            for m in ms:
                e = m.entry
                a = out.get(e.name)
                if a is None:
                    a = out[e.name] = Actor(
                        id=f"actor-{_slug(e.name)}",
                        name=e.name,
                        inter_code=e.inter,
                        side=e.side,
                        kind=e.kind or None,
                        country_code=e.country_code,
                    )
                a.mentions.append(ctx.span(m.start_char, m.end_char))
                a.evidence.append(ctx.evidence(m.start_char, m.end_char, m.rule, 0.8))
        return list(out.values())

    # ---------------------------------------------------------------- merging
    def _merge(self, events: list[Event]) -> list[Event]:
        """Consecutive sentences about the same event (same type, place and date) are one."""
        out: list[Event] = []
        for ev in events:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.sub_event_type == ev.sub_event_type
                and prev.place_id == ev.place_id
                and prev.event_date == ev.event_date
                and prev.certainty == ev.certainty
                and ev.evidence[0].sentence - prev.evidence[-1].sentence <= 1
                and (ev.actor1 in (None, prev.actor1))
            ):
                prev.evidence.extend(ev.evidence)
                prev.notes = f"{prev.notes} {ev.notes}"
                prev.fatalities = max(prev.fatalities, ev.fatalities)
                prev.injuries = max(prev.injuries, ev.injuries)
                prev.claim_ids = list(dict.fromkeys(prev.claim_ids + ev.claim_ids))
                prev.actor2 = prev.actor2 or ev.actor2
                prev.inter2 = prev.inter2 or ev.inter2
                continue
            out.append(ev)
        return out


def _only_part_of_a_toll(figures: list[Figure], sentence: int) -> bool:
    """Every death or injury figure of the sentence is a part of a toll given before it."""
    harm = [f for f in figures if f.sentence == sentence and f.counts in ("killed", "injured")]
    return bool(harm) and all(f.qualifier in SUBSET_QUALIFIERS for f in harm)
