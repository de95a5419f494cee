"""The event's place: the most specific place attached to the clause of its trigger.

ACLED codes an event at the most specific place the report gives for it. So the place of an
event is, in this order:
1. a place attached to the trigger's clause in the parse ("shelled the village of X",
   "killed in X", "an attack on X", "X came under fire"), the most specific first (a town
   beats its district, a district its region, a region its country), then the nearest;
2. any other place of the sentence, the same way;
3. the most specific place of the sentences before it in the paragraph;
4. the article's most mentioned place (geo_precision at least 2).
A dateline ("KYIV, Oct 30 (Reuters) -", "KHARTOUM —") names where the reporter is, not the
event: it is used only when nothing else names a place. Within each step, a stray reading (a
namesake far from everything else the article names) and a place in the brackets after
another ('X district (Y)') come last (events/place_coherence.py). A place given relative to
another ("5 km west of X") keeps the mention's precision 2 (the geoparser's, which puts a
village it lacks at the point the phrase gives). A village the gazetteer lacks and the text
only puts in a region has no point of its own: the event keeps its name (Event.location) and
is coded at the place the geoparser tied it to (Place.near), else the best containing place
the text names, with geo_precision 3 (2 near a town). An event left at a first-level region
is then coded at the region's seat (events/region_seat.py, after the coder).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from frontwire.events.doctokens import doc_parse, doc_tokens, subtree_ids
from frontwire.events.lexicon import _data
from frontwire.events.place_coherence import (
    PART_DISTRICT_KM,
    Coherence,
    LocatingWords,
    bracketed_after,
    locators,
    qualifiers,
)
from frontwire.geo.distance import haversine_km
from frontwire.geo.gazetteer import ADMIN1, ADMIN2, CONTINENT, COUNTRY, LANDMARK_CLASS, REGION
from frontwire.model import Place
from frontwire.model import Span as TextSpan
from frontwire.text.context import ArticleContext
from frontwire.text.dateline import dateline_end
from frontwire.text.fold import fold
from frontwire.text.intervals import Intervals

FOREIGN_PLACE_SHARE = 0.4  # share of place mentions that makes a second country credible
PARAGRAPH_REACH = 3  # sentences back in the paragraph that may give the event's place

@dataclass(frozen=True)
class EventPlace:
    """Where an event is coded: the place (None when unknown), the name to show, ACLED's
    geo_precision and a flag saying how it was found (None: from its own sentence)."""

    place: Place | None
    location: str | None
    precision: int | None
    flag: str | None = None


@dataclass(frozen=True)
class _Candidate:
    place: Place
    start: int
    precision: int
    text: str
    attached: bool = False

    @property
    def name(self) -> str:
        """The place's name; for a village the geoparser put at its region ('the village of
        X in the Y region'), the village's own name as written."""
        if _specificity(self.place) >= 2 and fold(self.text) not in fold(self.place.name):
            return self.text
        return self.place.name


def _specificity(place: Place) -> int:
    """0 a town, village or site (also one no gazetteer holds), 1 a district, 2 a region,
    3 a country or larger."""
    code = place.feature_code
    if code in (COUNTRY, CONTINENT, REGION):
        return 3
    if code == ADMIN1:
        return 2
    if code == ADMIN2:
        return 1
    if place.feature_class == "P" or code in LANDMARK_CLASS or place.lat is None:
        return 0
    return 0 if place.id.startswith("x:") else 1


def article_country(places: list[Place]) -> str | None:
    """The country most of the article's place mentions lie in."""
    counts: Counter[str] = Counter()
    for p in places:
        if p.country_code:
            counts[p.country_code] += max(1, len(p.mentions))
    return counts.most_common(1)[0][0] if counts else None


def event_country(place: Place | None, places: list[Place], article: str | None) -> str | None:
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


Mentions = list[tuple[int, Place, int, str]]  # (start, place, geo precision, words)


def mentions_by_sentence(ctx: ArticleContext, places: list[Place]) -> dict[int, Mentions]:
    """Sentence index → (start, place, geo precision, words) of its place mentions, in the order of
    `places`; computed once per article (every event looks its sentence up). Mentions in
    the dateline are left out."""
    key = (id(places), sum(len(p.mentions) for p in places))
    cached = getattr(ctx, "_frontwire_event_place_index", None)
    if cached is not None and cached[0] is places and cached[1] == key:
        return cached[2]
    dateline = dateline_end(ctx.text)
    index: dict[int, Mentions] = {}
    for p in places:
        for m in p.mentions:
            if m.start >= dateline:
                index.setdefault(ctx.sentence_index(m.start), []).append(
                    (m.start, p, m.geo_precision, m.text)
                )
    ctx._frontwire_event_place_index = (places, key, index)  # type: ignore[attr-defined]
    return index


def _coherence(ctx: ArticleContext, places: list[Place]) -> Coherence:
    """The article's places seen together (events/place_coherence.py); once per article."""
    cached = getattr(ctx, "_frontwire_place_coherence", None)
    if cached is not None and cached[0] is places and cached[1] == len(places):
        return cached[2]
    coherence = Coherence.of(ctx.text, places)
    ctx._frontwire_place_coherence = (places, len(places), coherence)  # type: ignore[attr-defined]
    return coherence


def _told_outside(ctx: ArticleContext, places: list[Place], sources: Intervals) -> list[Place]:
    """The places the article names outside its sources' phrases; once per article, as
    mentions_by_sentence (every event without a place of its own asks)."""
    cached = getattr(ctx, "_frontwire_told_outside", None)
    if cached is not None and cached[0] is places and cached[1] is sources:
        return cached[2]
    told = [p for p in places if any(m.start not in sources for m in p.mentions)]
    ctx._frontwire_told_outside = (places, sources, told)  # type: ignore[attr-defined]
    return told


class EventPlacer:
    """Finds an event's place from the parse of its sentence (cues in data/events/place.toml)."""

    def __init__(
        self,
        attach_deps: frozenset[str],
        subject_deps: frozenset[str],
        place_nouns: frozenset[str],
        clause_deps: frozenset[str],
        report_verbs: frozenset[str],
        max_steps: int,
        locating: LocatingWords,
    ) -> None:
        self.attach_deps = attach_deps
        self.subject_deps = subject_deps
        self.place_nouns = place_nouns
        self.clause_deps = clause_deps
        self.report_verbs = report_verbs
        self.max_steps = max_steps
        self.locating = locating

    @classmethod
    def load(cls) -> EventPlacer:
        data = _data("place.toml")
        return cls(
            frozenset(data["attach_deps"]),
            frozenset(data["subject_deps"]),
            frozenset(data["place_nouns"]),
            frozenset(data["clause_deps"]),
            frozenset(data["report_verbs"]),
            int(data["max_steps"]),
            LocatingWords.build(data["subunit_nouns"], data["road_nouns"]),
        )

    # ------------------------------------------------------------------ the choice
    def place(
        self,
        ctx: ArticleContext,
        i: int,
        trig: TextSpan,
        places: list[Place],
        same_paragraph: Callable[[ArticleContext, int, int], bool],
        sources: Intervals | None = None,
    ) -> EventPlace:
        """The place of the event whose trigger `trig` stands in sentence `i`.
        `same_paragraph(ctx, a, b)` says whether two sentences share a paragraph; a place
        inside a source's phrase (`sources`: 'the defence ministry in Moscow said') is where
        the teller is, not the event."""
        sources = sources if sources is not None else Intervals(())
        by_sent = mentions_by_sentence(ctx, places)
        coherence = _coherence(ctx, places)
        own = tuple(m for m in by_sent.get(i, ()) if m[0] not in sources)
        if len(own) == 1:
            # the only place of the sentence wins whatever the ranking below says of it: no
            # clause walk, bracket or locator scan (most events' sentences name one place)
            start, p, precision, text = own[0]
            return self._located(_Candidate(p, start, precision, text), own, by_sent, i, None,
                                 ctx.text)
        if own:
            clause = self._clause(ctx, trig)
            cands = [
                _Candidate(p, start, precision, text,
                           self._attached(ctx, start, start + len(text), clause))
                for start, p, precision, text in own
            ]
            bracketed, listed = qualifiers(ctx.text, own, self.locating)
            locating = locators(ctx.text, own, self.locating)
            best = min(
                cands,
                key=lambda c: (
                    not c.attached,
                    coherence.stray(c.place, c.start),  # a far namesake of the clause's place
                    c.start in bracketed,  # 'in X district (Y)': Y only says where X is
                    c.start in locating,  # 'X west of Y', 'the Y-Z highway': Y locates X
                    self._rank(c, own, by_sent, i),
                    c.start in listed,  # 'in X, Y': Y (a region, or a list's next item)
                    c.place.lat is None,  # a located namesake of equal rank first
                    abs(c.start - trig.start),
                ),
            )
            return self._located(best, own, by_sent, i, None, ctx.text)
        for j in range(i - 1, max(-1, i - 1 - PARAGRAPH_REACH), -1):
            if not same_paragraph(ctx, j, i):
                break
            found = by_sent.get(j, ())
            if len(found) == 1:  # as above: a sentence of one place gives that place
                start, p, _, text = found[0]
                return self._located(
                    _Candidate(p, start, p.geo_precision, text), found, by_sent, j,
                    "place-from-context", ctx.text,
                )
            if found:
                bracketed, listed = qualifiers(ctx.text, found, self.locating)
                locating = locators(ctx.text, found, self.locating)
                start, p, _, text = min(
                    found,
                    key=lambda x: (
                        coherence.stray(x[1], x[0]),
                        x[0] in bracketed,
                        x[0] in locating,
                        _specificity(x[1]),
                        x[0] in listed,
                        x[1].lat is None,
                        -x[0],
                    ),
                )
                return self._located(
                    _Candidate(p, start, p.geo_precision, text),
                    found,
                    by_sent,
                    j,
                    "place-from-context",
                    ctx.text,
                )
        return _article_place(ctx, _told_outside(ctx, places, sources), coherence)

    def _rank(
        self, c: _Candidate, sentence: Mentions | tuple, by_sent: dict[int, Mentions], i: int
    ) -> float:
        """How specific the point an event at `c` gets is: a located place's own rank; a
        village no gazetteer holds stands just before the place it will be coded at, so it
        beats its region but not a district the clause names ('captured Harib district and
        the village of X, in Marib governorate')."""
        if c.place.lat is not None:
            return _specificity(c.place)
        container = self._container_of(c, sentence, by_sent, i)
        return max(0.0, _specificity(container) - 0.5) if container is not None else 0

    def _container_of(
        self, best: _Candidate, sentence: Mentions | tuple, by_sent: dict[int, Mentions], i: int
    ) -> Place | None:
        """The located place an unlocated village is coded at (see `_located`)."""
        everything = [x for j in sorted(by_sent) for x in by_sent[j]]
        anchor = _anchor_of(best.place, everything)
        named = _container(best, sentence)
        if anchor is not None and (named is None
                                   or _specificity(anchor) <= _specificity(named)):
            return anchor
        # the text's own 'X village (Y, Z)' beats a coarser place the geoparser tied X to
        return (
            named
            or _container(best, [x for j in sorted(by_sent) if j < i for x in by_sent[j]])
            or _region_of(best.place, everything)
        )

    def _located(
        self,
        best: _Candidate,
        sentence: Mentions | tuple,
        by_sent: dict[int, Mentions],
        i: int,
        flag: str | None,
        text: str,
    ) -> EventPlace:
        """The chosen place; one without coordinates (a village no gazetteer holds), or one
        the text puts in a town far from our reading of it, keeps its name at the place that
        contains it in the text, with geo_precision 3."""
        p = best.place
        if p.lat is not None:
            inside = _bracket_town(best, sentence, text)
            if inside is not None:  # 'X (Y, Z)' with our X far from Y: a namesake of X
                return EventPlace(inside, best.text, 3, flag or "place-in-containing-area")
            return EventPlace(p, best.name, best.precision, flag)
        container = self._container_of(best, sentence, by_sent, i)
        precision = 2 if p.near is not None and p.geo_precision == 2 else 3
        if container is None:
            return EventPlace(p, p.name, 3, flag)
        return EventPlace(container, p.name, precision, flag or "place-in-containing-area")

    # ------------------------------------------------------------------ the parse
    def _clause(self, ctx: ArticleContext, trig: TextSpan) -> set[int]:
        """Token indices of the trigger and of the verbs of its clause: the verb it hangs on
        ('a missile hit'), and the verbs joined to that one ('shelled X, killing three')."""
        doc = ctx.doc
        span = doc.char_span(trig.start, trig.end, alignment_mode="expand")
        if span is None or not len(span):
            return set()
        # walked on the cached parse lists (`Token.head` and `.subtree` make Token objects);
        # `x.head is x` never held on spaCy Tokens, so the walks below have no root test
        p, lemma = doc_parse(doc), doc_tokens(doc).lemma
        head, dep, pos = p.head, p.dep, p.pos
        clause = set(range(span.start, span.end))
        verb = span.root.i
        for _ in range(self.max_steps):  # up to the verb the trigger noun depends on
            if pos[verb] in ("VERB", "AUX"):
                break
            verb = head[verb]
            clause.add(verb)
        if pos[verb] in ("VERB", "AUX") and lemma[verb] not in self.report_verbs:
            clause.add(verb)
            top = verb
            while dep[top] in self.clause_deps and (lemma[head[top]] not in self.report_verbs):
                top = head[top]
                clause.add(top)
            for t in subtree_ids(p, top):
                if (
                    pos[t] in ("VERB", "AUX")
                    and dep[t] in self.clause_deps
                    and (lemma[t] not in self.report_verbs)
                ):
                    clause.add(t)
        return clause

    def _attached(self, ctx: ArticleContext, start: int, end: int, clause: set[int]) -> bool:
        """The place mention at `start`-`end` hangs on the clause by locative edges only."""
        if not clause:
            return False
        span = ctx.doc.char_span(start, max(end, start + 1), alignment_mode="expand")
        if span is None or not len(span):
            return False
        doc = ctx.doc
        p, lemma = doc_parse(doc), doc_tokens(doc).lemma
        head, dep, pos = p.head, p.dep, p.pos
        k = span.start
        qualifies = False  # the name qualifies a common noun that is no place ('X police')
        while dep[k] in ("compound", "flat") and head[k] > k:
            h = head[k]
            if h >= span.end and pos[h] == "NOUN" and lemma[h] not in self.place_nouns:
                qualifies = True
            k = head[k]  # the head word of a name of several words
        for step in range(self.max_steps):
            if k in clause:
                return True
            d = dep[k]
            if d in self.subject_deps:
                # the place itself, or a place noun for it, is the subject: 'X was shelled';
                # not the noun it qualifies ('Odesa police detained three men in Izmail':
                # the police are the subject, their city is not where the arrest was)
                if (step > 0 or qualifies) and lemma[k] not in self.place_nouns:
                    return False
            elif d not in self.attach_deps:
                return False
            k = head[k]
        return False


def _bracket_town(best: _Candidate, sentence: Mentions | tuple, text: str) -> Place | None:
    """The town or district in the brackets after a town ('X (Y, Z)') when the gazetteer's
    X lies farther from it than a place of a district can: the text says X is in Y, so our
    X is a namesake of the village the text means, which is coded at Y."""
    if _specificity(best.place) != 0:
        return None
    inside = [q for _, q, _, _ in bracketed_after(text, best.start, best.text, sentence)
              if q.lat is not None and q is not best.place]
    # two or more: the first is the district, the last its region ('X (Y, Z)'); a single one
    # is often a region read as its capital ('X (Khulna)')
    if len(inside) < 2 or _specificity(inside[0]) > 1:
        return None
    q = inside[0]
    km = haversine_km(best.place.lat, best.place.lon, q.lat, q.lon)  # type: ignore[arg-type]
    return q if km > PART_DISTRICT_KM else None


def _anchor_of(place: Place, mentions: Mentions) -> Place | None:
    """The located place the geoparser tied an unknown village to (Place.near), when the
    article names it."""
    if place.near is None:
        return None
    return next((p for _, p, _, _ in mentions if p.id == place.near and p.lat is not None), None)


def _region_of(place: Place, mentions: Mentions) -> Place | None:
    """A located place of the article in the unknown village's region (Place.admin1): the
    region itself first, else its most mentioned town."""
    if place.admin1 is None:
        return None
    inside = [p for _, p, _, _ in mentions if p.lat is not None and p.admin1 == place.admin1
              and p.country_code == place.country_code]
    if not inside:
        return None
    return min(inside, key=lambda p: (p.feature_code != ADMIN1, -len(p.mentions)))


def _container(best: _Candidate, mentions: Mentions | tuple) -> Place | None:
    """The located place the text puts an unknown village in: the first one named after it
    ('X, in the Y region', 'X (Y district, Z region)'), else the nearest before it; never
    a country when a region is at hand."""
    located = [(s, p) for s, p, _, _ in mentions if p.lat is not None and p is not best.place]
    if not located:
        return None
    below_country = [(s, p) for s, p in located if _specificity(p) < 3] or located
    after = [(s, p) for s, p in below_country if s > best.start]
    if after:
        return min(after, key=lambda x: x[0])[1]
    return max(below_country, key=lambda x: x[0])[1]


def _article_place(
    ctx: ArticleContext, places: list[Place], coherence: Coherence
) -> EventPlace:
    """No place near the event: the article's most mentioned place (not the dateline's,
    unless nothing else names a place; not a stray namesake), at geo_precision 2 or
    coarser."""
    if not places:
        return EventPlace(None, None, None, None)
    # the same for every event of the article that asks (it reads every mention of every
    # place): kept on the context with the lists it was chosen from
    cached = ctx.memo.get("article_place")
    if (cached is not None and cached[0] is places and cached[1] == len(places)
            and cached[2] is coherence):
        return cached[3]
    dateline = dateline_end(ctx.text)

    def weight(p: Place) -> tuple[bool, int, bool, float]:
        body = sum(m.start >= dateline for m in p.mentions)
        stray = all(coherence.stray(p, m.start) for m in p.mentions)
        return (not stray, body, p.lat is not None, p.confidence)

    p = max(places, key=weight)
    got = EventPlace(p, p.name, max(p.geo_precision, 2), "place-from-article")
    ctx.memo["article_place"] = (places, len(places), coherence, got)
    return got
