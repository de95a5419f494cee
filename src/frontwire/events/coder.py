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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from frontwire.events.actors import ActorEntry, ActorRegistry
from frontwire.events.casualties import CasualtyWords
from frontwire.events.certainty import certainty_of
from frontwire.events.classifier import Classification, SentenceClassifier
from frontwire.events.frames import EventMention, FrameCues, Framer
from frontwire.events.goods import GoodsFilter
from frontwire.events.lexicon import Hit, Trigger, _data
from frontwire.events.modality import Modality
from frontwire.events.place import EventPlace, EventPlacer, article_country, event_country
from frontwire.events.roles import RoleFinder
from frontwire.events.taxonomy import NONE
from frontwire.model import Actor, Claim, DateMention, Event, Evidence, Figure, Place
from frontwire.model import Span as TextSpan
from frontwire.text.context import ArticleContext, doc_text
from frontwire.text.intervals import Intervals
from frontwire.timex import DateWords

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
VIOLENT_SUBS = {"Excessive force against protesters"}
SUBSET_QUALIFIERS = frozenset({"among", "including"})  # set by events/figures.py
SUBSET_REACH = 3  # sentences: how far back a partitive toll ('among the dead') may refer
CASUALTY_EVENT_CONFIDENCE = 0.4  # a toll sentence typed from its context, not its own words
# a toll no trigger explains, in a text that tells no event: ACLED's commonest reading of a
# killing with no named fight (checked on ../shared/train: 25 of the 32 violent notes that
# gave no event were coded 'Attack')
TOLL_SUB = "Attack"
TOLL_TRIGGER = Trigger("casualty-sentence", TOLL_SUB, 0.0, (), ())


@dataclass
class CodedArticle:
    """What the coder found in one article."""

    events: list[Event]
    summaries: list[Event]  # round-ups, linked to the events they sum
    actors: list[Actor]


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


def _memoised_dates_and_tolls(
    words: CasualtyWords, date_words: DateWords
) -> tuple[Callable, Callable]:
    """`event_date` and `count_casualties` (with the coder's date and toll words) remembered
    for one article: the toll sentences and the events ask both for the same sentences again."""
    from frontwire.events.casualties import count_casualties
    from frontwire.timex import event_date

    dates_seen: dict[int, tuple] = {}
    tolls_seen: dict[tuple[int, ...], tuple[int, int]] = {}
    # figures by sentence, built once per article: a toll reads only its own sentences'
    # figures, so it is handed those instead of scanning the article's for every event
    by_sentence: dict[int, list[Figure]] = {}
    indexed: list[list[Figure]] = []

    def dated(ctx: ArticleContext, i: int, dates: list[DateMention]) -> tuple:
        if i not in dates_seen:
            dates_seen[i] = event_date(ctx, i, dates, date_words)
        return dates_seen[i]

    def tolls(ctx: ArticleContext, sentences: list[int], figures: list[Figure]) -> tuple[int, int]:
        key = tuple(sentences)
        if key not in tolls_seen:
            if not indexed or indexed[0] is not figures:
                indexed[:] = [figures]
                by_sentence.clear()
                for f in figures:
                    by_sentence.setdefault(f.sentence, []).append(f)
            own = [f for i in dict.fromkeys(sentences) for f in by_sentence.get(i, ())]
            tolls_seen[key] = count_casualties(ctx, sentences, own, words)
        return tolls_seen[key]

    return dated, tolls


def _text(ctx: ArticleContext, span: Span) -> str:
    """Span.text, sliced from the cached Doc text (Span.text joins its tokens each time)."""
    return doc_text(ctx.doc)[span.start_char : span.end_char]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class EventCoder:
    def __init__(
        self,
        classifier: SentenceClassifier,
        registry: ActorRegistry,
        modality: Modality,
        framer: Framer | None = None,
        casualty_words: CasualtyWords | None = None,
        date_words: DateWords | None = None,
    ) -> None:
        # one taxonomy for the classifier and the frame stage (read once per coder)
        self.framer = framer or Framer(FrameCues.load(), classifier.taxonomy)
        # the words count_casualties and event_date read: the Pipeline's own, when it hands
        # them in
        self.casualty_words = casualty_words or CasualtyWords.load()
        self.date_words = date_words or DateWords.load(self.casualty_words.figures)
        self.goods = GoodsFilter.load()
        self.placer = EventPlacer.load()
        self.classifier = classifier
        self.lexicon = classifier.lexicon
        self.taxonomy = classifier.taxonomy
        self.registry = registry
        self.modality = modality
        self.roles = RoleFinder(registry, self.lexicon)

    @classmethod
    def load(
        cls,
        events_model: Path | str | None = None,
        casualty_words: CasualtyWords | None = None,
        date_words: DateWords | None = None,
    ) -> EventCoder:
        """Taxonomy, triggers, actor registry and the sentence model (the shipped one, or a
        local one the user trained: `events_model` or $FRONTWIRE_EVENTS_MODEL); the casualty
        and date words are the caller's (the Pipeline's), loaded here when not given."""
        classifier = SentenceClassifier.load(model_path=events_model)
        return cls(
            classifier,
            ActorRegistry.load(),
            classifier.modality or Modality.from_data(_data("triggers.toml")["modality"]),
            casualty_words=casualty_words,
            date_words=date_words,
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
        """The article's events (one per attack, place and day) and its actors."""
        coded = self.code_article(ctx, places, dates, figures, claims)
        return coded.events, coded.actors

    def code_article(
        self,
        ctx: ArticleContext,
        places: list[Place],
        dates: list[DateMention],
        figures: list[Figure],
        claims: list[Claim],
    ) -> CodedArticle:
        """Events, round-up summaries and actors: sentence mentions, then the frame stage."""
        sents = _sentences(ctx)
        event_date, count_casualties = _memoised_dates_and_tolls(
            self.casualty_words, self.date_words
        )
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
            if self.goods.names_goods(toks):
                continue  # 'the delivery of air-defence systems': goods, not an attack
            drafts.append(_Draft(res, [i], toks, rule=res.rule, confidence=res.confidence))
        found: list[EventMention] = []
        # Where the article's sources speak from: never an event's place (events/place.py).
        source_spans = Intervals(
            (c.source.start, c.source.end)
            for c in claims
            if c.source.start is not None and c.source.end is not None
        )
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
                source_spans,
            )
            d.event = ev
            if ev is not None:
                found.append(EventMention(ev, list(d.sentences), "typed-from-context" in d.flags))
        events, summaries = self.framer.frame(
            ctx, found, places, lambda sentences: count_casualties(ctx, sentences, figures)
        )
        return CodedArticle(events, summaries, self._actors(ctx, mentions, country))

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
        an event of the type of the article's last violent event; in a text that tells no
        event before them, they are an attack of their own (`_toll_event`)."""
        if event_date is None or count_casualties is None:
            event_date, count_casualties = _memoised_dates_and_tolls(
                self.casualty_words, self.date_words
            )
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
                if not any(self._violent(d.cls) or d.sentences[0] < i for d in out):
                    # 'A man was shot dead' in a text that tells no attack of its own: the
                    # toll is the event, an attack on its victims (its verb is the trigger)
                    own = self._toll_event(ctx, i, figures)
                    if own is not None:
                        out.append(own)
                continue
            last = max(prev, key=lambda d: d.sentences[-1])
            # 'a second strike … wounding three': its own event, not the toll of the last one
            fresh = self.framer.announces_new_attack(_sentences(ctx)[i])
            near_last = i - last.sentences[-1] <= SUBSET_REACH
            if not fresh and near_last and _only_part_of_a_toll(figures, i):
                # 'a girl was among the wounded': part of a toll already given, not a new event
                last.sentences.append(i)
                continue
            same_par = not fresh and self._same_paragraph(ctx, last.sentences[-1], i)
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

    def _toll_event(self, ctx, i: int, figures) -> _Draft | None:
        """A draft of ACLED's default violent type for a toll sentence that no trigger
        explains, its trigger the verb of the first toll ('shot' in 'a man was shot dead')."""
        sent = _sentences(ctx)[i]
        if self.modality.hedged(sent):
            return None
        toll = min(
            (f for f in figures if f.sentence == i and f.counts in ("killed", "injured")),
            key=lambda f: f.start,
        )
        span = sent.doc.char_span(toll.start, toll.end, alignment_mode="expand")
        if span is None:
            return None
        verb = span.root
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        hit = Hit(
            TOLL_TRIGGER,
            "",
            0,
            0,
            verb.idx,
            verb.idx + len(verb.text),
            verb.text,
            tokens=[verb],
        )
        cls = Classification(
            self.taxonomy.event_type(TOLL_SUB),
            TOLL_SUB,
            hit,
            CASUALTY_EVENT_CONFIDENCE,
            "casualty-sentence; no event told before it",
        )
        return _Draft(cls, [i], [verb], rule=cls.rule, confidence=CASUALTY_EVENT_CONFIDENCE)

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
        source_spans: Intervals,
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
        where = self._place(ctx, i, trig_span, places, source_spans)
        place, geo_precision, place_flag = where.place, where.precision, where.flag
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
        # whose ground was taken needs the event's country: without it, state forces are not
        # known to act at home ('Government regains') or abroad ('Non-state actor overtakes')
        sub, actor_rule = self.taxonomy.by_actor(
            d.cls.sub_event_type, inter1 if ev_country else None
        )
        flags = [*d.flags, *d.cls.flags, *date_flags, *([place_flag] if place_flag else [])]
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
            location=where.location,
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
        return event_country(place, places, article)  # events/place.py

    @staticmethod
    def _article_country(places: list[Place]) -> str | None:
        return article_country(places)  # events/place.py

    def _place(
        self,
        ctx: ArticleContext,
        i: int,
        trig: TextSpan,
        places: list[Place],
        sources: Intervals | None = None,
    ) -> EventPlace:
        """The event's place: the most specific one of its clause, sentence, paragraph
        (events/place.py), never where its source speaks from."""
        return self.placer.place(ctx, i, trig, places, self._same_paragraph, sources)

    # ---------------------------------------------------------------- actors
    def _event_actors(
        self, d: _Draft, sent: Span, mentions, i: int, country: str | None
    ) -> tuple[ActorEntry | None, ActorEntry | None, ActorEntry | None]:
        """actor1, actor2 and the associated actor from the sentence's structure (roles.py)."""
        return self.roles.event_actors(
            d.cls.event_type, d.cls.sub_event_type, d.trigger_tokens, sent, mentions, i, country
        )

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


def _only_part_of_a_toll(figures: list[Figure], sentence: int) -> bool:
    """Every death or injury figure of the sentence is a part of a toll given before it."""
    harm = [f for f in figures if f.sentence == sentence and f.counts in ("killed", "injured")]
    return bool(harm) and all(f.qualifier in SUBSET_QUALIFIERS for f in harm)
