"""The frame stage: the event mentions of one article → one event per attack, place and day.

The coder finds event mentions sentence by sentence; a wire report tells one attack in
several of them (the lead, "the strike also damaged a school", "he added that 12 were
wounded"), sums several attacks in a round-up ("attacks on 11 regions killed 9 over the past
day"), and recalls the war's background ("thousands have been killed since 2014"). ACLED
codes one event per type, place, day and actors, never a round-up, and nothing undated. So:

1. **Background** mentions go: a sentence about everything since a start ("since 2015",
   "since the war began") with no day of its own reports no dated event.
2. **Round-ups** are set apart before clustering (they would swallow their parts): a
   mention whose sentence counts places ("11 regions", "several settlements") or attacks
   ("in two attacks", "a series of strikes"; "a barrage of rockets" is one attack), names
   three sites (not the dateline, not the region or country around a village, not the town
   a distance is measured from), or gives a total ("across the country") is a summary when
   the article also tells an attack it sums, one placed by its own words. Alone, it is the
   attack itself and is clustered like any mention: its follow-ups join it.
3. **Clusters**: a mention joins the attack it continues when both are of one kind (the same
   event type, or a toll sentence typed from that attack, or a definite reference back:
   "the strike", "this attack"), their places agree (the same place, one contains the
   other, or one is only inferred from context), their days agree, and their attackers do
   not differ; next to each other, two violent mentions by one attacker at one place are
   one attack told twice (the victims' account and the attacker's), and a mention that
   names no place or day of its own right after an attack is part of it, whoever its parse
   makes the actor: its toll ("Five civilians were killed."), or what the attackers did
   there ("they burnt the house", "troops recovered two rifles"), or how the fight ended
   ("the militants later withdrew"). A withdrawal and the takeover after it are one change
   of hands; the police's arrests or violence right after a protest are how it was met.
   A mention that announces another attack ("another strike", "a second strike", "in a
   separate attack") continues none, unless it is of the same type at the very place and
   day. Mentions far apart in the article join only on the same place and day.
4. **Merge**: the cluster keeps its first mention's trigger, the type ACLED's hierarchy
   gives its mentions of that event type (a protest met with lethal force is "Excessive
   force against protesters", a protest and the arrests after it "Protest with
   intervention"; a withdrawal with the takeover of its place is a "Non-violent transfer of
   territory", unless the enemy forced it, then the takeover; taxonomy.toml, frames.toml),
   the most specific place, the most precise date, the named actors, every sentence's
   evidence and claims, and a toll counted again over all its sentences with ACLED's
   conservative rules.

Cue words are data (data/events/frames.toml).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span

from frontwire.events.doctokens import doc_parse, doc_tokens
from frontwire.events.taxonomy import TAKEOVER_SUBS, TERRITORY_SUBS, Taxonomy
from frontwire.model import Event, Place, PlaceMention
from frontwire.resources import load_data
from frontwire.text.context import ArticleContext, doc_text
from frontwire.text.dateline import dateline_end

PROTESTS = "Protests"
STATE_FORCES = 1  # ACLED's inter code of state forces, who meet a protest
CROWD_INTERS = (5, 6)  # ACLED's rioters and protesters
VIOLENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)
# Strategic developments that can leave dead: a toll told right after one is its toll ('an
# IED went off while militants planted it. Two of them were killed.'; a takeover in a fight)
TOLL_HEADS = frozenset({"Disrupted weapons use"}) | TAKEOVER_SUBS
NEAR = 3  # sentences: how far a mention may be from its attack's last one and still join it
FALLBACK_PLACE_FLAGS = frozenset({"place-from-context", "place-from-article"})
SOFT_DATE_FLAGS = frozenset({"publication-date", "lead-date", "inherited-date"})
UNKNOWN_ACTOR = "Unidentified Armed Group"
# who holds a place: a withdrawal and the takeover after it are one change of hands
WITHDRAWAL = "withdrawal"  # the flag of a withdrawal told alone (Change to group/activity)
TRANSFER = "Non-violent transfer of territory"  # what it is with a takeover of the place
ROUNDUP_WEEK = 7  # days before a round-up's date whose attacks it may sum
SMALL_NUMBERS = {
    w: i
    for i, w in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    )
}
MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)


@dataclass(frozen=True)
class FrameCues:
    anaphora_heads: frozenset[str]
    anaphora_determiners: frozenset[str]
    followup_words: frozenset[str]
    roundup_heads: frozenset[str]
    roundup_quantifiers: frozenset[str]
    roundup_phrases: re.Pattern[str]
    roundup_min_places: int
    roundup_attack_nouns: frozenset[str]
    roundup_series: frozenset[str]
    spread_words: frozenset[str]
    war_nouns: frozenset[str]
    war_history_verbs: frozenset[str]
    war_toll_verbs: frozenset[str]
    region_words: frozenset[str]
    background: re.Pattern[str]
    new_attack_words: frozenset[str] = frozenset()
    new_attack_phrases: re.Pattern[str] | None = None
    forced_withdrawal: frozenset[str] = frozenset()
    protest_response: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> FrameCues:
        data = load_data("events", "frames.toml")
        anchors = "|".join(map(re.escape, data["since_anchors"]))
        months = "|".join(MONTHS.split())
        periods = "|".join(map(re.escape, data["since_periods"]))
        since = (
            rf"\bsince\s+(?:(?:early|late|mid)[\s-]+)?(?:(?:{months})\.?\s+)?(?:19|20)\d\d\b"
            rf"|\bsince\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{anchors})\b"
            rf"|\bsince\s+(?:the\s+|last\s+)?(?:early\s+|late\s+)?(?:{periods})\b"
        )
        phrases = "|".join(map(re.escape, data["background_phrases"]))
        return cls(
            frozenset(data["anaphora_heads"]),
            frozenset(data["anaphora_determiners"]),
            frozenset(data["followup_words"]),
            frozenset(data["roundup_heads"]),
            frozenset(data["roundup_quantifiers"]),
            _phrase_rx(data["roundup_phrases"]),
            int(data["roundup_min_places"]),
            frozenset(data["roundup_attack_nouns"]),
            frozenset(data["roundup_series"]),
            frozenset(data["spread_words"]),
            frozenset(data["war_nouns"]),
            frozenset(data["war_history_verbs"]),
            frozenset(data["war_toll_verbs"]),
            frozenset(data["region_words"]),
            re.compile(rf"{since}|\b(?:{phrases})\b", re.I),
            frozenset(data.get("new_attack_words", [])),
            _phrase_rx(data["new_attack_phrases"]) if data.get("new_attack_phrases") else None,
            frozenset(data.get("forced_withdrawal", [])),
            dict(data.get("protest_response", {})),
        )


def _phrase_rx(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I)


@dataclass
class EventMention:
    """One event as the coder built it, with the sentences it rests on."""

    event: Event
    sentences: list[int]
    from_context: bool = False  # a toll sentence typed from the attack before it


class _Clusters:
    """The clusters of one article in the order they were made, indexed by their head's place
    (and day) and by how recently they were told: a mention looks only at those that could
    take it, so a long article's clustering stays linear. Mentions must come in text order."""

    def __init__(self) -> None:
        self.all: list[_Cluster] = []
        self._order: dict[int, int] = {}  # id(cluster) -> when it was made
        self._by_place: dict[str | None, list[_Cluster]] = {}
        # by the head's place and day: a long article tells hundreds of attacks at one place
        self._by_place_day: dict[tuple[str | None, dt.date | None], list[_Cluster]] = {}
        self._recent: dict[int, _Cluster] = {}  # may still be near a later mention
        self.last_sentence = -1  # the last sentence any cluster rests on

    def new(self, m: EventMention) -> None:
        c = _Cluster(m)
        self._order[id(c)] = len(self.all)
        self.all.append(c)
        self._by_place.setdefault(c.head.event.place_id, []).append(c)
        self._by_place_day.setdefault(_place_day(c), []).append(c)
        self._recent[id(c)] = c
        self.last_sentence = max([self.last_sentence, *m.sentences])

    def join(self, c: _Cluster, m: EventMention) -> None:
        place, place_day = c.head.event.place_id, _place_day(c)
        c.add(m)
        self.last_sentence = max([self.last_sentence, *m.sentences])
        if c.head.event.place_id != place:  # a mention told in its own words became the head
            self._by_place[place].remove(c)
            moved = self._by_place.setdefault(c.head.event.place_id, [])
            moved.append(c)
            moved.sort(key=lambda x: self._order[id(x)])
        if _place_day(c) != place_day:
            self._by_place_day[place_day].remove(c)
            self._by_place_day.setdefault(_place_day(c), []).append(c)
        self._recent[id(c)] = c

    def at_place(self, place_id: str | None) -> list[_Cluster]:
        """The clusters whose head is at this place, oldest first."""
        return self._by_place.get(place_id, [])

    def candidates(self, first: int, m: EventMention) -> list[_Cluster]:
        """Clusters near sentence `first` (told just before it), newest first; with them,
        when the mention has an exact day, those at its place whose head has its day or none.
        Only a near cluster can take a mention without an exact day, and a far one needs the
        same place and day (`_attack_of`), so the others are left out unseen."""
        for key in [k for k, c in self._recent.items() if c.last_sentence + NEAR < first]:
            del self._recent[key]  # out of reach: later mentions come later in the text
        found = {k: c for k, c in self._recent.items() if c.first_sentence < first}
        ev = m.event
        if _exact_day(ev):
            if ev.event_date is None:
                far = self.at_place(ev.place_id)
            else:
                far = self._by_place_day.get((ev.place_id, ev.event_date), []) + (
                    self._by_place_day.get((ev.place_id, None), [])
                )
            for c in far:
                found.setdefault(id(c), c)
        return sorted(found.values(), key=lambda c: -self._order[id(c)])


def _place_day(c: _Cluster) -> tuple[str | None, dt.date | None]:
    return c.head.event.place_id, c.head.event.event_date


class _Cluster:
    """The mentions of one attack. Its head (the first mention told in its own words) and its
    sentence bounds are kept as members join: every later mention asks for them."""

    def __init__(self, first: EventMention) -> None:
        self.members: list[EventMention] = []
        self.head = first
        self.first_sentence = min(first.sentences)
        self.last_sentence = max(first.sentences)
        self.add(first)

    def add(self, m: EventMention) -> None:
        self.members.append(m)
        if self.head.from_context and not m.from_context:
            self.head = m
        self.first_sentence = min(self.first_sentence, *m.sentences)
        self.last_sentence = max(self.last_sentence, *m.sentences)


Recount = Callable[[list[int]], tuple[int, int]]


class Framer:
    """Turns the coder's event mentions into the article's events and round-up summaries."""

    def __init__(self, cues: FrameCues, taxonomy: Taxonomy | None = None) -> None:
        self.cues = cues
        self.taxonomy = taxonomy or Taxonomy.load()

    @classmethod
    def load(cls) -> Framer:
        return cls(FrameCues.load())

    def frame(
        self,
        ctx: ArticleContext,
        mentions: list[EventMention],
        places: list[Place],
        recount: Recount,
    ) -> tuple[list[Event], list[Event]]:
        """(events, summaries) of one article, in text order."""
        by_id = {p.id: p for p in places}
        sents = ctx.sentences
        named = _PlaceMentions(places)
        kept = [m for m in mentions if not self.is_background(sents[m.sentences[0]], m.event)]
        roundups = [m for m in kept if self.is_roundup(ctx, sents[m.sentences[0]], m, named)]
        summing = {id(m) for m in roundups}
        told = [m for m in kept if id(m) not in summing]
        events = self._events(ctx, told, named, by_id, recount)
        summing_ones = [r for r in roundups if _violent(r.event) and _parts_of(r.event, events)]
        alone = [r for r in roundups if r not in summing_ones]
        if alone:
            # a 'round-up' with no attack of its own place told beside it is the attack itself:
            # the sentences that continue it ('the attack began with …') join it
            events = self._events(ctx, told + alone, named, by_id, recount)
        summaries: list[Event] = []
        for r in summing_ones:
            r.event.parts = _parts_of(r.event, events)
            r.event.flags = list(dict.fromkeys([*r.event.flags, "round-up"]))
            summaries.append(r.event)
        events.sort(key=lambda e: e.evidence[0].sentence if e.evidence else 0)
        return events, summaries

    def _events(
        self,
        ctx: ArticleContext,
        told: list[EventMention],
        named: _PlaceMentions,
        by_id: dict[str, Place],
        recount: Recount,
    ) -> list[Event]:
        """One event per cluster of mentions (the same attack), in text order."""
        clusters = _Clusters()
        for m in sorted(told, key=lambda m: m.sentences[0]):
            home = self._attack_of(ctx, clusters, m, named, by_id, recount)
            if home is None:
                clusters.new(m)
            else:
                clusters.join(home, m)
        return [self._merge(c, by_id, recount, ctx.sentences) for c in clusters.all]

    # ------------------------------------------------------------ background
    def is_background(self, sent: Span, event: Event) -> bool:
        """A sentence about all that happened since a start, with no day of its own, or
        about the war itself ('the war began with …', 'the offensive has killed 42,000')."""
        history = self._war_history(sent)
        if history == "always":
            return True
        if _exact_day(event):
            return False
        if history or "since-date" in event.flags:
            return True
        return self.cues.background.search(_text(sent)) is not None

    def _war_history(self, sent: Span) -> str | None:
        """'always' when the war is the subject of its beginning or of a perfect-tense toll
        ('the war began', 'the offensive has killed'); 'undated' for any other violent verb
        of the war ('the conflict killed thousands'); None when the war is not the subject."""
        w, p = doc_tokens(sent.doc), doc_parse(sent.doc)
        for k in range(sent.start, sent.end):
            if p.dep[k] not in ("nsubj", "nsubjpass") or w.lemma[k] not in self.cues.war_nouns:
                continue
            verb = p.head[k]
            if w.lemma[verb] in self.cues.war_history_verbs:
                return "always"
            if w.lemma[verb] in self.cues.war_toll_verbs:
                perfect = any(w.lemma[c] == "have" and p.dep[c] == "aux" for c in p.children[verb])
                return "always" if perfect else "undated"
        return None

    # --------------------------------------------------------------- round-ups
    def is_roundup(
        self, ctx: ArticleContext, sent: Span, m: EventMention, named: _PlaceMentions
    ) -> bool:
        """The sentence sums several places or attacks: it counts them ('11 regions', 'in
        two attacks'), names many, spreads a toll over an area ('across Ukraine'), or gives
        a total ('nationwide')."""
        if self._counts_places(sent) or self._counts_attacks(sent):
            return True
        sites = _sites_in(sent, named)
        if len(sites) >= self.cues.roundup_min_places:
            return True
        if self._spread_over_an_area(sent, named):
            return True
        return bool(self.cues.roundup_phrases.search(_text(sent))) and len(sites) != 1

    # The token walks below read the parse as lists (doctokens): they run for every mention,
    # and spaCy makes a Token object for each one they would visit.
    def _counts_attacks(self, sent: Span) -> bool:
        """'killed 39 civilians in two attacks', 'a series of strikes', 'a wave of attacks'."""
        w, p = doc_tokens(sent.doc), doc_parse(sent.doc)
        for k in range(sent.start, sent.end):
            lemma = w.lemma[k]
            if lemma in self.cues.roundup_series and any(
                p.dep[c] == "prep"
                and w.lower[c] == "of"
                and any(w.lemma[o] in self.cues.roundup_attack_nouns for o in p.children[c])
                for c in p.children[k]
            ):
                return True  # 'a series of strikes'; 'a barrage of rockets' is one attack
            if lemma not in self.cues.roundup_attack_nouns or p.tag[k] != "NNS":
                continue
            for c in p.children[k]:
                if p.dep[c] == "nummod" and _number(w.lower[c]) not in (None, 1):
                    return True
                if w.lower[c] in self.cues.roundup_quantifiers:
                    return True
        return False

    def _spread_over_an_area(self, sent: Span, named: _PlaceMentions) -> bool:
        """'across Ukraine', 'throughout the Gaza Strip': a toll over a country or region."""
        areas = [
            (mention.start, mention.end)
            for mention, p in named.within(sent.start_char, sent.end_char)
            if p.feature_class == "A" or (p.geo_precision or 1) >= 3
        ]
        if not areas:
            return False
        w, p = doc_tokens(sent.doc), doc_parse(sent.doc)
        for k in range(sent.start, sent.end):
            if w.lower[k] not in self.cues.spread_words:
                continue
            for obj in p.children[k]:
                if p.dep[obj] != "pobj":
                    continue
                first = min((obj, *p.children[obj]))  # 'the Gaza Strip' from its head noun
                span = (w.idx[first], w.idx[obj] + len(w.text[obj]))
                if any(start < span[1] and end > span[0] for start, end in areas):
                    return True
        return False

    def _counts_places(self, sent: Span) -> bool:
        """'attacks on 11 regions', 'several settlements came under fire'."""
        w, p = doc_tokens(sent.doc), doc_parse(sent.doc)
        for k in range(sent.start, sent.end):
            if w.lemma[k] not in self.cues.roundup_heads or p.tag[k] != "NNS":
                continue
            for c in p.children[k]:
                if p.dep[c] == "nummod" or w.lower[c] in self.cues.roundup_quantifiers:
                    return True
        return False

    # --------------------------------------------------------------- clusters
    def _attack_of(
        self,
        ctx: ArticleContext,
        clusters: _Clusters,
        m: EventMention,
        named: _PlaceMentions,
        by_id: dict[str, Place],
        recount: Recount | None = None,
    ) -> _Cluster | None:
        """The attack already told that this mention continues, if any (the latest first)."""
        sent = ctx.sentences[m.sentences[0]]
        if self.announces_new_attack(sent) or self._opened_before(ctx, clusters, m.sentences[0]):
            # 'another strike', 'in a separate attack': never the attack just told, unless
            # it is of its kind at its very place and day (ACLED's one event per place-day)
            return next(
                (
                    c
                    for c in reversed(clusters.at_place(m.event.place_id))
                    if c.head.event.event_type == m.event.event_type
                    and _exact_day(m.event)
                    and _days_agree(c.head.event, m.event)
                    and c.head.event.place_id == m.event.place_id
                    and not _inferred_place(m.event)
                ),
                None,
            )
        refers_back = self._refers_back(sent)
        continuing = refers_back or m.from_context or _names_nothing_new(m.event)
        inferred = _inferred_place(m.event)
        named_here = named.ids_within(sent.start_char, sent.end_char) if inferred else set()
        # Only an attack told just before, or one at this very place, can take the mention
        # (every test below that passes without `near` needs the same place).
        candidates = clusters.candidates(m.sentences[0], m)
        # an inferred place: the attack at a place the sentence still names comes first
        ordered = sorted(candidates, key=lambda c: c.head.event.place_id not in named_here)
        for c in ordered:
            head = c.head.event
            near = c.first_sentence < m.sentences[0] <= c.last_sentence + NEAR
            days_ok = _days_agree(head, m.event) or (continuing and _soft_day(m.event))
            # a reference back names the attack itself: an attacker read from the sentences
            # around it does not make it another one
            # as does a sentence right after it that names no place or day of its own ('One
            # fighter was killed.'): its parse may make a victim the attacker
            told_again = near and (refers_back or m.from_context or _names_nothing_new(m.event))
            # the police's arrests or violence right after a protest: how it was met
            response = near and self._meets_protest(head, m.event)
            if not days_ok or not (told_again or response or _actors_agree(head, m.event)):
                continue
            place_rel = _places_agree(head, m.event, by_id, self.cues.region_words)
            if place_rel is None:
                continue
            if recount is not None and not refers_back and _harmed_no_one(c, m, recount):
                continue  # 'a rocket fell in an open area, inflicting no casualties': another
            if response:
                return c
            same_kind = head.event_type == m.event.event_type or (
                _territorial(head) and _territorial(m.event)
            )
            if m.from_context and near:
                return c
            if refers_back and near and _violent(head):
                return c
            if (
                near
                and place_rel == "same"
                and m.event.certainty != "fact"
                and _same_attacker(head, m.event)
            ):
                return c  # the attacker's own account of it ('it had targeted a command post')
            if (
                near
                and (
                    _violent(head)
                    or (
                        head.sub_event_type in TOLL_HEADS
                        and (m.event.fatalities or m.event.injuries)
                    )
                )
                and _names_nothing_new(m.event)
                and m.event.sub_event_type not in TERRITORY_SUBS
            ):
                # 'Five civilians were killed.' right after the attack: its toll; 'They burnt
                # down the home', 'The soldiers seized two rifles': what the attackers did
                # there; 'The rebels later withdrew': how the fight ended
                return c
            if same_kind and (near or (place_rel == "same" and _exact_day(m.event))):
                return c
        return None

    def _meets_protest(self, head: Event, ev: Event) -> bool:
        """Arrests or violence by state forces (or by no one named) told right after a
        protest are how it was met (ACLED: a protest with intervention, or excessive force),
        not events of their own."""
        return (
            head.event_type == PROTESTS
            and ev.sub_event_type in self.cues.protest_response
            and ev.inter1 in (None, STATE_FORCES)
        )

    def _under_fire(self, sent: Span) -> bool:
        """A withdrawal forced by the enemy ('to avoid encirclement', 'under heavy
        pressure', 'after days of fighting'): the place was taken in a fight."""
        w = doc_tokens(sent.doc)
        return any(w.lemma[k] in self.cues.forced_withdrawal for k in range(sent.start, sent.end))

    def announces_new_attack(self, sent: Span) -> bool:
        """'another drone strike', 'a second strike', 'in a separate attack', 'separately'."""
        if self.cues.new_attack_phrases is not None and self.cues.new_attack_phrases.search(
            _text(sent)
        ):
            return True
        w, p = doc_tokens(sent.doc), doc_parse(sent.doc)
        for k in range(sent.start, sent.end):
            if w.lower[k] not in self.cues.new_attack_words or p.dep[k] not in ("det", "amod"):
                continue
            if w.lemma[p.head[k]] in self.cues.anaphora_heads | self.cues.roundup_attack_nouns:
                return True
        return False

    def _opened_before(self, ctx: ArticleContext, clusters: _Clusters, first: int) -> bool:
        """'In another event, police patrolled X. A gunfight broke out ...': a sentence with no
        attack of its own, after the last one told, that opens another incident; what follows
        it is that incident, not the attack told before it."""
        rx = self.cues.new_attack_phrases
        if rx is None or not clusters.all:
            return False
        return any(
            rx.match(_text(ctx.sentences[j]).lstrip()) is not None
            for j in range(clusters.last_sentence + 1, first)
        )

    def _refers_back(self, sent: Span) -> bool:
        """'the strike also damaged …', 'this attack was …': a definite attack noun."""
        w, p = doc_tokens(sent.doc), doc_parse(sent.doc)
        for k in range(sent.start, sent.end):
            if p.pos[k] != "NOUN" or w.lemma[k] not in self.cues.anaphora_heads:
                continue
            if any(
                p.dep[c] in ("det", "poss") and w.lower[c] in self.cues.anaphora_determiners
                for c in p.children[k]
            ):
                return True
        return False

    # ------------------------------------------------------------------ merge
    def _merge(
        self, c: _Cluster, by_id: dict[str, Place], recount: Recount, sents: list[Span]
    ) -> Event:
        head = c.head
        if len(c.members) == 1:
            return head.event
        ev = head.event.model_copy()  # every list field it changes is assigned anew below
        events = [m.event for m in c.members]
        self._take_type(ev, c, sents)
        place_ev = min(events, key=lambda e: _place_rank(e, by_id))
        ev.place_id, ev.location, ev.geo_precision = (
            place_ev.place_id,
            place_ev.location,
            place_ev.geo_precision,
        )
        date_ev = min(events, key=lambda e: (_date_rank(e), events.index(e)))
        ev.event_date, ev.time_precision = date_ev.event_date, date_ev.time_precision
        _take_actors(ev, events)
        sentences = sorted({s for m in c.members for s in m.sentences})
        ev.fatalities, ev.injuries = recount(sentences)
        ev.certainty = _certainty(events)
        ev.claim_ids = list(dict.fromkeys(cid for e in events for cid in e.claim_ids))
        ev.evidence = _unique_evidence(events)
        ev.notes = " ".join(dict.fromkeys(e.notes for e in events if e.notes))
        flags = [f for e in events for f in e.flags]
        dropped = (FALLBACK_PLACE_FLAGS - set(place_ev.flags)) | (
            {"vague-date", *SOFT_DATE_FLAGS} - set(date_ev.flags)
        )
        if not any(_withdrawal(e) and e.sub_event_type == ev.sub_event_type for e in events):
            dropped |= {WITHDRAWAL}  # part of a change of hands or of a fight, not its type
        ev.flags = [f for f in dict.fromkeys(flags) if f not in dropped] + ["merged-mentions"]
        ev.confidence = max(e.confidence for e in events)
        return ev

    def _take_type(self, ev: Event, c: _Cluster, sents: list[Span]) -> None:
        """ACLED's hierarchy over the cluster's types, as over one sentence's: a protest met
        with lethal force is 'Excessive force against protesters', a strike told as shelling
        and as an air strike an 'Air/drone strike'. The winning mention gives the type and its
        actors; for a change of hands, the mention that says who took the place gives them."""
        told = [m.event for m in c.members if not m.from_context] or [c.head.event]
        # a protest and the arrests or violence that met it: one event of the graver protest
        # type, whose actors stay the protest's (the forces that met it are actor2)
        met = {
            id(e): self.cues.protest_response[e.sub_event_type]
            for e in told
            if self._meets_protest(ev, e)
        }
        if met:
            # in text order, the head first: the first type the hierarchy keeps is the event's
            subs = [ev.sub_event_type] + [
                met.get(id(e), e.sub_event_type)
                for e in told
                if id(e) in met or e.event_type == ev.event_type
            ]
            left, _ = self.taxonomy.apply_rules(set(subs))
            sub = next((s for s in subs if s in left), None)
            if sub is not None:
                ev.event_type, ev.sub_event_type = self.taxonomy.event_type(sub), sub
                if not ev.actor2:
                    by = next(e for e in told if id(e) in met)
                    ev.actor2, ev.inter2 = by.actor1, by.inter1
                return
        # within the head's event type (or a change of hands): another type in the cluster is
        # a reading of one of its sentences, not a rival for the attack's type
        told = [
            e
            for e in told
            if e.event_type == ev.event_type or (_territorial(e) and _territorial(ev))
        ]
        # a withdrawal told with the takeover of the place is part of one change of hands:
        # a transfer without a fight, unless the withdrawal was forced ('to avoid encirclement')
        hands = any(e.sub_event_type in TAKEOVER_SUBS for e in told)
        forced = {
            id(m.event)
            for m in c.members
            if _withdrawal(m.event) and any(self._under_fire(sents[i]) for i in m.sentences)
        }
        if hands:  # a forced withdrawal is the loser's side of the takeover: no type of its own
            told = [e for e in told if id(e) not in forced]
        sub_of = {id(e): TRANSFER if hands and _withdrawal(e) else e.sub_event_type for e in told}
        left, _ = self.taxonomy.apply_rules(set(sub_of.values()))
        donor = (
            ev
            if sub_of.get(id(ev), ev.sub_event_type) in left
            else next((e for e in told if sub_of[id(e)] in left), ev)
        )
        if _territorial(ev):
            donor_actors = next((e for e in told if e.sub_event_type in TAKEOVER_SUBS), donor)
        else:
            donor_actors = donor
        sub = sub_of.get(id(donor), donor.sub_event_type)
        ev.event_type, ev.sub_event_type = self.taxonomy.event_type(sub), sub
        if donor_actors is not ev:
            for name in ("actor1", "actor2", "assoc_actor_1", "inter1", "inter2", "interaction"):
                setattr(ev, name, getattr(donor_actors, name))


# ------------------------------------------------------------------ helpers
def _harmed_no_one(c: _Cluster, m: EventMention, recount: Recount) -> bool:
    """The mention says its attack harmed no one ('inflicting no casualties', 'no one was
    hurt') while the attack told before killed or wounded people: the toll counted over both
    loses what the attack's own sentences gave, so the mention tells another attack
    (unless it refers back to it: 'the strike caused no further casualties')."""
    before = sorted({s for x in c.members for s in x.sentences})
    k, i = recount(before)
    if not (k or i):
        return False
    both = recount(sorted({*before, *m.sentences}))
    return (k > 0 and both[0] == 0) or (i > 0 and both[1] == 0)


def _withdrawal(ev: Event) -> bool:
    """A withdrawal told alone (Change to group/activity): the first half of a change of
    hands when the takeover of the place is told after it."""
    return WITHDRAWAL in ev.flags


def _territorial(ev: Event) -> bool:
    """A mention of who holds a place: a takeover, a transfer, or a withdrawal."""
    return ev.sub_event_type in TERRITORY_SUBS or _withdrawal(ev)


def _violent(ev: Event) -> bool:
    return ev.event_type in VIOLENT_TYPES


def _exact_day(ev: Event) -> bool:
    return ev.time_precision == 1 and not set(ev.flags) & SOFT_DATE_FLAGS


def _days_agree(a: Event, b: Event) -> bool:
    """The same day, or no day on one side; an ongoing 'in recent months' is its own frame."""
    if a.event_date is None or b.event_date is None:
        return True
    if ("vague-date" in a.flags) != ("vague-date" in b.flags):
        return False
    return a.event_date == b.event_date


def _in_its_period(part: Event, roundup: Event) -> bool:
    """A round-up, often dated by its report, sums the attacks of the week up to its day."""
    if part.event_date is None or roundup.event_date is None:
        return True
    return -ROUNDUP_WEEK <= (part.event_date - roundup.event_date).days <= 1


def _parts_of(roundup: Event, events: list[Event]) -> list[str]:
    """The violent events of a round-up's period that have a place of their own: an attack
    placed only from the article is the round-up's own continuation, not a part of it."""
    return [
        e.id
        for e in events
        if _in_its_period(e, roundup) and _violent(e) and not _inferred_place(e)
    ]


def _number(word: str) -> int | None:
    """The value of a number word ('two', '11'), if it is one."""
    digits = word.replace(",", "")
    if digits.isdigit():
        return int(digits)
    return SMALL_NUMBERS.get(word)


def _inferred_place(ev: Event) -> bool:
    return ev.place_id is None or bool(FALLBACK_PLACE_FLAGS & set(ev.flags))


def _soft_day(ev: Event) -> bool:
    """A day only taken from the report or the sentences before it."""
    return ev.event_date is None or bool(SOFT_DATE_FLAGS & set(ev.flags))


def _names_nothing_new(ev: Event) -> bool:
    """Its place and day come from the sentences before it: it adds no place or day."""
    return _inferred_place(ev) and not _exact_day(ev)


def _same_attacker(a: Event, b: Event) -> bool:
    """Two violent mentions by one named attacker."""
    named = a.actor1 and not a.actor1.startswith(UNKNOWN_ACTOR)
    return bool(named) and a.actor1 == b.actor1 and _violent(a) and _violent(b)


def _actors_agree(a: Event, b: Event) -> bool:
    if not a.actor1 or not b.actor1 or a.actor1 == b.actor1:
        return True
    return a.actor1.startswith(UNKNOWN_ACTOR) or b.actor1.startswith(UNKNOWN_ACTOR)


def _places_agree(
    a: Event, b: Event, by_id: dict[str, Place], region_words: frozenset[str]
) -> str | None:
    """'same', 'compatible' (one contains the other or is only inferred), or None."""
    if a.place_id == b.place_id:
        return "same"
    if a.place_id is None or b.place_id is None:
        return "compatible"
    if FALLBACK_PLACE_FLAGS & (set(a.flags) | set(b.flags)):
        return "compatible"
    pa, pb = by_id.get(a.place_id), by_id.get(b.place_id)
    if pa is None or pb is None:
        return None
    if _contains(pa, pb, region_words) or _contains(pb, pa, region_words):
        return "compatible"
    return None


def _contains(big: Place, small: Place, region_words: frozenset[str]) -> bool:
    """A country contains its places, a first-level region the places it is admin1 of."""
    if big.feature_class != "A" or not big.country_code:
        return False
    if big.country_code != small.country_code:
        return False
    code = big.feature_code or ""
    if code.startswith("PCL"):
        return True
    if code != "ADM1" or small.admin1 is None:
        return False
    return _region(small.admin1, region_words) == _region(big.name, region_words)


def _region(name: str, region_words: frozenset[str]) -> str:
    """'Sagaing Region', 'Sagaing' and 'Kharkiv Oblast' compared without their type word."""
    words = [w for w in name.lower().replace("-", " ").split() if w not in region_words]
    return " ".join(words)


def _place_rank(ev: Event, by_id: dict[str, Place]) -> tuple[int, int, int]:
    """Lower is more specific: a place named in the clause, then a town over a region."""
    inferred = bool(FALLBACK_PLACE_FLAGS & set(ev.flags))
    place = by_id.get(ev.place_id) if ev.place_id else None
    if place is None:
        return (2, 9, 9)
    is_area = 1 if place.feature_class == "A" else 0
    return (int(inferred), is_area, ev.geo_precision or place.geo_precision)


def _date_rank(ev: Event) -> tuple[int, int]:
    soft = bool(set(ev.flags) & (SOFT_DATE_FLAGS | {"vague-date"}))
    return (int(soft) if ev.event_date else 2, ev.time_precision)


def _take_actors(ev: Event, events: list[Event]) -> None:
    """The head's actors; one it lacks, from the other mentions (an 'unidentified' attacker
    is the head's own reading, not a gap)."""
    if not ev.actor1:
        donor = next((e for e in events if e.actor1), None)
        if donor is not None:
            ev.actor1, ev.inter1, ev.assoc_actor_1 = donor.actor1, donor.inter1, donor.assoc_actor_1
    if not ev.actor2:
        for e in events:
            if e.actor2 and _same_side(e.actor2, e.inter2, ev):
                # 'police clashed with the protesters' told of a riot: the crowd is the
                # riot's own actor1, its foe (police) is the riot's actor2
                if e.actor1 and not _same_side(e.actor1, e.inter1, ev):
                    ev.actor2, ev.inter2 = e.actor1, e.inter1
                    break
                continue
            if e.actor2:
                ev.actor2, ev.inter2 = e.actor2, e.inter2
                break
    if ev.inter1 and ev.inter2:
        lo, hi = sorted((ev.inter1, ev.inter2))
        ev.interaction = lo * 10 + hi
    elif ev.inter1:
        ev.interaction = ev.inter1 * 10


def _same_side(name: str, inter: int | None, ev: Event) -> bool:
    """The event's own actor1, or a crowd of the same country when the event's actor1 is a
    crowd (protesters and rioters are one side read two ways)."""
    if name == ev.actor1:
        return True
    return (
        inter in CROWD_INTERS
        and ev.inter1 in CROWD_INTERS
        and name.split("(")[-1] == (ev.actor1 or "").split("(")[-1]
    )


def _certainty(events: list[Event]) -> str:
    kinds = {e.certainty for e in events}
    if "disputed" in kinds:
        return "disputed"
    return "fact" if "fact" in kinds else "attributed"


def _unique_evidence(events: list[Event]) -> list:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for e in events:
        for ev in e.evidence:
            key = (ev.start, ev.end, ev.rule)
            if key not in seen:
                seen.add(key)
                out.append(ev)
    return out


def _text(sent: Span) -> str:
    """Span.text, sliced from the cached Doc text (Span.text joins its tokens each time)."""
    return doc_text(sent.doc)[sent.start_char : sent.end_char]


AREA_CLASSES = frozenset({"A", "L"})  # GeoNames: countries and regions, areas
# 'about 12 km north of Rufaa', '30 km from Mogadishu': the town a distance is measured from
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of"
    r"|\b(?:km|kilometres|kilometers|miles)\s+(?:from|outside))"
    r"\s+(?:the\s+(?:city|town|village)\s+of\s+)?$",
    re.I,
)


def _sites_in(sent: Span, named: _PlaceMentions) -> set[str]:
    """Ids of the places the sentence names as where something happened: not the dateline
    a story was filed from, not the country or region around them, not the town a distance
    is measured from. Three of them make a round-up; a village, its region and its country
    ('Barsalogho in north-central Burkina Faso') are one site."""
    text = doc_text(sent.doc)
    filed = dateline_end(text, text.rfind("\n", 0, sent.start_char) + 1)
    out: set[str] = set()
    for mention, p in named.within(sent.start_char, sent.end_char):
        if p.feature_class in AREA_CLASSES or mention.start < filed:
            continue
        if _REFERENCE_BEFORE.search(text[max(0, mention.start - 60) : mention.start]):
            continue
        out.add(p.id)
    return out


class _PlaceMentions:
    """The article's place mentions sorted by offset, built once per article: a sentence's
    places are found by bisection instead of a scan of every mention for every sentence."""

    def __init__(self, places: list[Place]) -> None:
        rows = sorted(
            ((m.start, n, m, p) for p in places for n, m in enumerate(p.mentions)),
            key=lambda row: row[:2],
        )
        self._starts = [row[0] for row in rows]
        self._rows = [(row[2], row[3]) for row in rows]

    def within(self, start: int, end: int) -> list[tuple[PlaceMention, Place]]:
        """(mention, place) for the mentions that start from `start` up to `end` (excluded)."""
        return self._rows[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def ids_within(self, start: int, end: int) -> set[str]:
        return {p.id for _, p in self.within(start, end)}
