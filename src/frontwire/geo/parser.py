"""GeoParser: the pipeline's geoparsing stage (recognise, resolve, merge spellings).

`parse(ctx)` returns one `Place` per distinct place of the article, with every mention
(whatever its spelling) and its Evidence. `geocode(text)` places a short location string
('Polovynkyne, near Starobilsk') without spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from frontwire.geo.gazetteer import (
    ADMIN1,
    ADMIN2,
    CONTINENT,
    COUNTRY,
    FEATURE_CLASS,
    LANDMARK_CLASS,
    REGION,
    Entry,
    Gazetteer,
    load_gazetteer,
)
from frontwire.geo.lexicon import Lexicon, is_site, is_stop, load_lexicon
from frontwire.geo.mislabels import LIST_LINK, institution_name
from frontwire.geo.offset import offset_point, relative_offset
from frontwire.geo.ranker import Chooser, Ranker
from frontwire.geo.recognize import CUED_SOURCES, PLACE_LABELS, Mention, find_mentions
from frontwire.geo.relations import Relations, relation_before
from frontwire.geo.resolve import Resolution, haversine_km, resolve
from frontwire.geo.ties import ANCHOR_KM, only_relation, tie_to_anchors
from frontwire.model import Place, PlaceMention
from frontwire.text.context import ArticleContext
from frontwire.text.fold import fold

UNRESOLVED_LABELS = frozenset({"GPE"})
HINT_WEIGHT = 3.0  # a country the caller knows the text is about outweighs a few mentions
_AREA_CODES = frozenset({ADMIN1, COUNTRY, CONTINENT, REGION})


_SEGMENTS = re.compile(r"[,;()/]|\s+-\s+|\s+(?:and|or)\s+")


class GeoParser:
    def __init__(self, gazetteer: Gazetteer, demonyms: bool = False,
                 ranker: Chooser | None = None, lexicon: Lexicon | None = None) -> None:
        self.gazetteer = gazetteer
        # the word lists and weights recognition and resolution read, loaded once here
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.demonyms = demonyms  # report 'Ukrainian' as a mention of Ukraine (off: context)
        self.ranker = ranker  # the trained choice among candidates (None: the hand ranking)

    @classmethod
    def load(cls, gazetteer: Path | None = None, *, demonyms: bool = False,
             ranker: bool = False) -> GeoParser:
        """The default gazetteer (built and cached on first use) or an imported one; with
        `ranker`, the shipped trained ranker chooses among the candidates (off by default: on
        the dev corpora it does not yet beat the hand-set ranking, docs/evaluation/geo.md)."""
        return cls(load_gazetteer(gazetteer), demonyms=demonyms,
                   ranker=Ranker.load() if ranker else None)

    # ---- articles ----------------------------------------------------------------------
    def parse(self, ctx: ArticleContext, countries: Iterable[str] = ()) -> list[Place]:
        """The article's places; `countries` optionally biases towards known countries
        (a corpus about one war)."""
        mentions, context = find_mentions(ctx.doc, self.gazetteer, self.lexicon,
                                          self.demonyms)
        hint = {cc: HINT_WEIGHT for cc in countries}
        resolutions = resolve(self.gazetteer, self.lexicon, mentions, ctx.text, context, hint,
                              self.ranker)
        return self._places(resolutions, ctx)

    def _places(self, resolutions: list[Resolution], ctx: ArticleContext) -> list[Place]:
        places: dict[str, Place] = {}
        # 'Novoselivka, 10 km north of Lyman': no namesake far from Lyman; at Lyman if none near
        tied = _folded_into_area(resolutions, self.gazetteer) + tie_to_anchors(
            resolutions, ctx.text, self.lexicon.relations)
        tied_names = {fold(name) for name, _, _, _ in tied}
        lex = self.lexicon
        for r in resolutions:
            m = r.mention
            if r.candidate is None and not (_keep_unresolved(lex, m) or _local_unknown(lex, m)
                                            or m.source in _PLACED_ONLY or m.key in tied_names):
                continue
            relation = relation_before(lex.relations, ctx.text, m.start)
            entry = r.candidate.entry if r.candidate else None
            precision = _precision(entry, relation)
            mention = PlaceMention(
                start=m.start, end=m.end, text=m.text, sentence=ctx.sentence_index(m.start),
                geo_precision=precision, relation=relation,
            )
            rule = f"geo.{m.source}" + (f"+{r.candidate.match}" if r.candidate else "+unresolved")
            evidence = ctx.evidence(m.start, m.end, rule, max(r.confidence, 0.05))
            # 'Kabo village' no gazetteer holds is the village Kabo
            name = m.text if entry is not None else _settlement_name(m.text)
            key = _place_id(entry, name)
            place = places.get(key)
            if place is None:
                place = self._place(key, entry, name, r.confidence)
                places[key] = place
            place.mentions.append(mention)
            place.evidence.append(evidence)
            place.confidence = max(place.confidence, round(r.confidence, 3))
            place.geo_precision = min(place.geo_precision, precision)
        out = list(places.values())
        unknown = [r.mention for r in resolutions if r.candidate is None]
        for name, entry, precision, phrase in tied:
            _move_unknown(out, {fold(name)}, self._anchor(entry), precision,
                          NAMED_ANCHOR_CONFIDENCE, village=True,
                          offset=self._offset(phrase))
        _locate_by_anchor(out, resolutions, ctx.text, self._anchor, lex)
        # a site or venue no anchor placed is the story's town's ('at the al-Shifa hospital')
        _locate_at_home(out, [m for m in unknown if _local_unknown(lex, m) or m.source == "venue"])
        villages = [m for m in unknown if _unknown_village(lex, m)]
        _locate_at_home(out, villages, local_only=True, village=True)
        _locate_in_region(out, villages, resolutions, self._anchor)
        # an unknown name that found no home is reported only if the tagger called it a GPE
        keep = {_place_id(None, _settlement_name(r.mention.text)) for r in resolutions
                if r.candidate is None and _keep_unresolved(lex, r.mention)}
        # a village placed in a region keeps its name there, without a point of its own
        return [p for p in out if p.lat is not None or p.id in keep or p.near is not None]

    def _offset(self, phrase: str | None) -> tuple[float, float] | None:
        """(km, bearing) of a relative phrase ('5 km west of'), or None."""
        return relative_offset(phrase, self.lexicon.relations.offsets) if phrase else None

    def _anchor(self, where: Entry | str) -> Place | None:
        """The place an unknown village is put at: a gazetteer entry or an admin1 key."""
        if isinstance(where, str):
            idx = self.gazetteer.admin1_entry.get(where)
            if idx is None:
                return None
            where = self.gazetteer.entry(idx)
        return self._place(_place_id(where, where.name), where, where.name, 1.0)

    def _place(self, key: str, entry: Entry | None, text: str, confidence: float) -> Place:
        if entry is None:
            return Place(id=key, name=text, confidence=0.0, geo_precision=3)
        gaz = self.gazetteer
        if entry.feature_code == ADMIN1:
            admin1 = entry.name
        elif entry.admin1_code:
            admin1 = gaz.admin1_name(entry.country_code, entry.admin1_code) or (
                f"{entry.country_code}.{entry.admin1_code}"
            )
        else:
            admin1 = None
        return Place(
            id=key,
            name=entry.name,
            geonameid=entry.geonameid,
            lat=entry.lat,
            lon=entry.lon,
            country_code=entry.country_code or None,
            country=gaz.country_names.get(entry.country_code),
            admin1=admin1,
            feature_class=FEATURE_CLASS.get(entry.feature_code),
            feature_code=entry.feature_code,
            # (a landmark's population is only the size it ranks like: no figure to report)
            population=entry.population or None if entry.feature_code not in LANDMARK_CLASS
            else None,
            geo_precision=_precision(entry, None),
            confidence=round(confidence, 3),
        )

    # ---- short location strings --------------------------------------------------------
    def geocode(self, text: str, countries: Iterable[str] = ()) -> Place | None:
        """The first place of a location string such as 'Izium, south of Kharkiv'.

        The other names of the string are context (a town 'near Starobilsk' is the one
        close to Starobilsk). `countries` optionally biases towards the given countries.
        """
        mentions = _segment_mentions(text, self.gazetteer, self.lexicon.relations)
        if not mentions:
            return None
        hint = {cc: HINT_WEIGHT for cc in countries}
        resolutions = [r for r in resolve(self.gazetteer, self.lexicon, mentions, text,
                                               country_hint=hint)
                       if r.candidate is not None]
        resolutions = _near_anchor(resolutions, text, self.lexicon.relations)
        if len(resolutions) > 1 and resolutions[0].candidate.match == "fuzzy" and any(
            r.candidate.match != "fuzzy" for r in resolutions[1:]
        ):
            # an unknown village 'near' a known town: the town, at precision 2
            resolutions = [r for r in resolutions if r.candidate.match != "fuzzy"]
            resolutions[0].mention.source = "fallback"
        for r in resolutions:
            entry = r.candidate.entry
            relation = relation_before(self.lexicon.relations, text, r.mention.start)
            place = self._place(_place_id(entry, r.mention.text), entry, r.mention.text,
                                r.confidence)
            place.geo_precision = _precision(entry, relation)
            if r.mention.source == "fallback" and place.geo_precision == 1:
                place.geo_precision = 2
            place.mentions.append(PlaceMention(
                start=r.mention.start, end=r.mention.end, text=r.mention.text,
                geo_precision=place.geo_precision, relation=relation,
            ))
            return place
        return None


def main_place(places: list[Place], countries: Iterable[str] = ()) -> Place | None:
    """The place an article (or headline) is mostly about: the most mentioned place more
    specific than a region, else the most mentioned region; then one in `countries` (the
    countries the text is known to be about); ties go to the first named."""
    located = [p for p in places if p.lat is not None]
    wanted_cc = set(countries)
    for pool in ([p for p in located if p.feature_class == "P"
                  or p.feature_code in LANDMARK_CLASS],  # 'the Donetsk airport'
                 [p for p in located if p.feature_code == ADMIN1]):
        if pool:
            return max(pool, key=lambda p: (len(p.mentions), p.country_code in wanted_cc,
                                            -p.mentions[0].start))
    return None


def _near_anchor(resolutions: list[Resolution], text: str, rels: Relations
                 ) -> list[Resolution]:
    """'Vilkhivka, near Kharkiv': the first name must lie near the anchor. Take its best
    candidate within ANCHOR_KM of it, or else fall back to the anchor itself (precision 2)."""
    if len(resolutions) < 2:
        return resolutions
    first = resolutions[0]
    anchor = next((r for r in resolutions[1:] if relation_before(rels, text, r.mention.start)
                   and r.candidate.entry.feature_code not in _AREA_CODES), None)
    if anchor is None:
        return resolutions
    a = anchor.candidate.entry
    near = [c for c in [first.candidate, *first.mention.candidates]
            if haversine_km(c.entry.lat, c.entry.lon, a.lat, a.lon) <= ANCHOR_KM]
    if near:
        first.candidate = max(near, key=lambda c: c.score)
        return resolutions
    anchor.mention.source = "fallback"
    return [r for r in resolutions if r is not first]


def _segment_mentions(text: str, gaz: Gazetteer, rels: Relations) -> list[Mention]:
    """Names in a location string: each comma/paren segment, stripped of relation words."""
    mentions: list[Mention] = []
    pos = 0
    for piece in [*_SEGMENTS.split(text), None]:
        if piece is None:
            break
        start = text.find(piece, pos)
        pos = start + len(piece)
        stripped = piece.strip()
        if not stripped:
            continue
        offset = start + piece.index(stripped)
        rel = _relation_prefix(stripped, rels)
        core = stripped[rel:]
        if core and gaz.lookup(core):
            mentions.append(Mention(offset + rel, offset + rel + len(core), core, "ner"))
            continue
        if core[:1].isupper() and len(core.split()) <= 3:
            mentions.append(Mention(offset + rel, offset + rel + len(core), core, "ner"))
    return mentions


def _relation_prefix(segment: str, rels: Relations) -> int:
    """Length of a leading relative phrase ('near ', '5 km south of ') in a segment."""
    for cut in range(len(segment) - 1, 0, -1):
        if segment[cut - 1] == " " and relation_before(rels, segment, cut):
            return cut
    return 0


HOME_MENTIONS = 2  # a town named this often (or in the story's opening) is the story's home
HOME_OPENING = 200  # characters: the dateline and first sentence


def _local_unknown(lex: Lexicon, m: Mention) -> bool:
    """A street, building, park or neighbourhood the tagger found but no gazetteer holds:
    a name whose last word says what kind of site it is ('Kingsley Road', 'Lake Robinson')."""
    return m.label in ("FAC", "LOC", "GPE") and m.source in ("ner", "ner-hyphen") and is_site(
        lex, m.text)


LOCAL_KM = 100.0  # a story whose town mentions mostly (LOCAL_SHARE) lie this close to its
LOCAL_SHARE = 0.75  # home town is local news


# unknown names reported only where a place the text names, or the story's one region or
# town, places them: villages after 'in' ('in Zalambessa') and venues ('the Nasser hospital')
_PLACED_ONLY = frozenset({"locative-unknown", "venue"})


def _unknown_village(lex: Lexicon, m: Mention) -> bool:
    """A name the tagger calls a place that no gazetteer holds ('Khayelitsha', 'Prisi'):
    most likely a village or suburb; not a state of the past ('the Russian Empire')."""
    return (_keep_unresolved(lex, m) or m.source in _PLACED_ONLY) and not (
        lex.polity_words & set(fold(m.text).split()))


def _locate_at_home(places: list[Place], unknown: list[Mention], local_only: bool = False,
                    village: bool = False) -> None:
    """ACLED's rule for a location finer than the gazetteer: code the nearest known town with
    precision 2. Names we cannot place ('Kingsley Road', 'the Webb Center') are put at the
    story's home town (named HOME_MENTIONS times, or in its opening) when it has one; with
    `local_only`, only when most of the story's towns lie within LOCAL_KM of it (local news)."""
    if not unknown:
        return
    towns = [p for p in places if p.feature_class == "P" and p.lat is not None]
    home = max(towns, key=lambda p: (len(p.mentions), -p.mentions[0].start), default=None)
    if home is None or len(home.mentions) < HOME_MENTIONS and home.mentions[0].start > HOME_OPENING:
        return
    if local_only:
        near = sum(len(p.mentions) for p in towns
                   if haversine_km(home.lat, home.lon, p.lat, p.lon) <= LOCAL_KM)
        if near < LOCAL_SHARE * sum(len(p.mentions) for p in towns):
            return  # 'KYIV -- ... shelling of Prisi': a village of a far story is not at Kyiv
    _move_unknown(places, {fold(m.text) for m in unknown}, home, 2, village=village)


NAMED_ANCHOR_CONFIDENCE = 0.5  # a place the text puts 'in' or 'near' a named one
GUESSED_ANCHOR_CONFIDENCE = 0.3  # one put at the story's town or region


def _move_unknown(places: list[Place], keys: set[str], anchor: Place | None, precision: int,
                  confidence: float = GUESSED_ANCHOR_CONFIDENCE, *, village: bool = False,
                  offset: tuple[float, float] | None = None) -> None:
    """Put the still unplaced places named `keys` at the anchor, with `precision` and a
    confidence that says how it was placed.

    A site ('Main Street') takes the anchor town's point and an id that names the town. A
    village keeps its own id ('x:<name>', the same in every article, so that claims about it
    meet) and takes the anchor's country and region; a point only where the text gives one:
    the anchor town's (ACLED: near a town, precision 2), or the point `offset` (km, bearing)
    gives ('5 km west of' the anchor, precision 2). A village only said to lie in a region has no
    point of its own (precision 3): its events are coded at the region (events/place.py)."""
    if anchor is None:
        return
    # 'Kabo village' is the village Kabo (the Place took the name without the noun)
    village = village or any(_SETTLEMENT_TAIL.search(k) for k in keys)
    keys = {fold(_settlement_name(k)) for k in keys}
    offset = offset if village else None
    for place in places:
        if place.lat is None and place.near is None and place.id.startswith("x:") and (
                fold(place.name) in keys):
            place.confidence = max(place.confidence, confidence)
            place.country_code, place.country = anchor.country_code, anchor.country
            place.admin1, place.near = anchor.admin1, anchor.id
            if offset is not None and anchor.lat is not None and anchor.lon is not None:
                place.lat, place.lon = offset_point(anchor.lat, anchor.lon, *offset)
                precision = 2
            elif not village or precision < 3:
                place.lat, place.lon = anchor.lat, anchor.lon
            if not village:
                # 'Main Street' of one town is not another's: the id says which town it is at
                place.id = f"{place.id}@{anchor.id}"
            place.geo_precision = precision
            for mention in place.mentions:
                mention.geo_precision = precision


REGION_SHARE = 0.75  # a story whose specific places lie this much in one region is about it


AnchorOf = Callable[[Entry | str], Place | None]  # a gazetteer entry or admin1 key -> its Place


def _locate_in_region(places: list[Place], unknown: list[Mention],
                      resolutions: list[Resolution], anchor_of: AnchorOf) -> None:
    """An unknown village of a story that stays in one first-level region ('Qatraneh' among
    the towns of Karak governorate): ACLED codes it at that region, precision 3. A story
    spread over several regions or countries leaves it unlocated: a guess would mislead."""
    if not unknown:
        return
    regions: dict[str, int] = {}
    for r in resolutions:
        e = r.candidate.entry if r.candidate else None
        if e is None or r.mention.label not in PLACE_LABELS and (
                r.mention.source not in CUED_SOURCES):
            continue  # a name the tagger took for a person's ('Patrick') says little
        if e.feature_code not in (COUNTRY, CONTINENT, REGION) and e.admin1_code:
            key = f"{e.country_code}.{e.admin1_code}"
            regions[key] = regions.get(key, 0) + 1
    if not regions:
        return
    key, count = max(regions.items(), key=lambda kv: kv[1])
    region = anchor_of(key)
    if region is not None and count >= REGION_SHARE * sum(regions.values()):
        _move_unknown(places, {fold(m.text) for m in unknown}, region, 3, village=True)


_ANCHOR_GAP = re.compile(r"(?:\s*\([^()]{1,20}\))?,?\s+(?:in|near|outside|close\s+to)\s+"
                         r"(?:the\s+)?|,\s*")  # ('New Bilibid Prison (NBP) in Muntinlupa')


def _locate_by_anchor(places: list[Place], resolutions: list[Resolution], text: str,
                      anchor_of: AnchorOf, lex: Lexicon) -> None:
    """'the village of Hrushivka Druha in the Kharkiv region', 'Zarichne, near Lyman': an
    unknown village is put at the region (precision 3), district or town (precision 2) the
    text places it in or near."""
    for i, r in enumerate(resolutions):
        if r.candidate is not None or not (_unknown_village(lex, r.mention) or _local_unknown(
                lex, r.mention)):
            continue
        village = _unknown_village(lex, r.mention) and r.mention.source != "venue"
        owner = _owner(resolutions, i, text)
        if owner is not None:  # "Cairo's gated suburb of Madinaty", "Whittier's Penn Park"
            _move_unknown(places, {fold(r.mention.text)}, anchor_of(owner),
                          3 if owner.feature_code == ADMIN1 else _site_precision(r, owner),
                          NAMED_ANCHOR_CONFIDENCE, village=village)
            continue
        last, nxt = r, None
        for s in resolutions[i + 1:]:  # 'the villages of Foua and Kfraya in Idlib': both
            if s.mention.start < last.mention.end:
                continue
            if s.candidate is None and _unknown_village(lex, s.mention) and LIST_LINK.fullmatch(
                    text, last.mention.end, s.mention.start):
                last = s
                continue
            nxt = s
            break
        if nxt is None or nxt.candidate is None:
            continue
        entry = nxt.candidate.entry
        if entry.feature_code in (COUNTRY, CONTINENT, REGION):
            continue
        phrase = _relative_gap(text, last.mention.end, nxt.mention.start, lex.relations)
        if phrase and entry.feature_code != ADMIN1:
            # 'Zorianivka, about five kilometres west of Donetsk': that far from the anchor
            _move_unknown(places, {fold(r.mention.text)}, anchor_of(entry), 2,
                          NAMED_ANCHOR_CONFIDENCE, village=village,
                          offset=relative_offset(phrase, lex.relations.offsets))
        elif _ANCHOR_GAP.fullmatch(text, last.mention.end, nxt.mention.start):
            _move_unknown(places, {fold(r.mention.text)}, anchor_of(entry),
                          3 if entry.feature_code == ADMIN1 else _site_precision(r, entry),
                          NAMED_ANCHOR_CONFIDENCE, village=village)
        elif entry.feature_code not in _AREA_CODES and r.mention.source != "venue" and (
                _unknown_village(lex, r.mention)) and LIST_LINK.fullmatch(
                    text, last.mention.end, nxt.mention.start):
            # 'shelled Minova and Sake': an unknown village listed with a town lies near it
            _move_unknown(places, {fold(r.mention.text)}, anchor_of(entry), 2, village=True)


def _relative_gap(text: str, end: int, anchor_start: int, rels: Relations) -> str | None:
    """The relative phrase ('5 km west of', 'near') that is all the text between an unknown
    name and its anchor ('X, located about 5 km west of Y'), or None."""
    relation = relation_before(rels, text, anchor_start)
    return relation if relation and only_relation(text[end:anchor_start], relation) else None


def _folded_into_area(resolutions: list[Resolution], gaz: Gazetteer
                      ) -> list[tuple[str, Entry, int, None]]:
    """'the village of Zorianivka in the Donetsk region': a name the text marks as a place
    that the resolver read as the region or district around it, although neither bears
    that name, is a village the gazetteer lacks, in that area: it keeps its own name there
    (precision 3 in a region, 2 in a district) instead of becoming the region. Its
    resolution is left without a reading; returns (name, area, precision, None)."""
    out: list[tuple[str, Entry, int, None]] = []
    for r in resolutions:
        m = r.mention
        if r.candidate is None or m.source not in _CUED_VILLAGE:
            continue
        entry = r.candidate.entry
        if entry.feature_code not in (ADMIN1, ADMIN2):
            continue
        names = {m.text, _AREA_TAIL.sub("", m.text)}
        if any(idx == entry.idx for name in names for idx, _ in gaz.lookup_inflected(name)):
            continue  # ('the Donetsk region', 'Idlib province' itself)
        r.candidate = None
        out.append((m.text, entry, 3 if entry.feature_code == ADMIN1 else 2, None))
    return out


_CUED_VILLAGE = frozenset({"cued-unknown", "locative-unknown"})
_AREA_TAIL = re.compile(r"\s+(?:region|province|oblast|district|governorate|state|county|"
                        r"raion|municipality)$", re.IGNORECASE)


def _site_precision(r: Resolution, town: Entry) -> int:
    """A village near a town is precision 2; a venue in a town is the town's (ACLED)."""
    return 1 if r.mention.source == "venue" and town.feature_code != ADMIN2 else 2


# "Cairo's gated suburb of", "Gaza City's", "Kharkiv's Saltivka": a place owns what follows
# (the words between are adjectives and nouns, never a preposition: "Wilder's estate on the")
_OWNED = re.compile(r"['\u2019]s\s+(?:(?!(?:on|in|at|near|from|to|by|with|for)\s)[a-z\-]+\s+)"
                    r"{0,3}(?:of\s+)?(?:the\s+)?")


def _owner(resolutions: list[Resolution], i: int, text: str) -> Entry | None:
    """The town or region whose possessive stands right before the i-th (unknown) name."""
    if i == 0:
        return None
    before = resolutions[i - 1]
    entry = before.candidate.entry if before.candidate else None
    if entry is None or entry.feature_code in (COUNTRY, CONTINENT, REGION):
        return None
    return entry if _OWNED.fullmatch(text, before.mention.end, resolutions[i].mention.start) \
        else None


_SETTLEMENT_TAIL = re.compile(r"\s+(?:village|hamlet|settlement|town)$", re.IGNORECASE)


def _settlement_name(text: str) -> str:
    """The name of a place no gazetteer holds without the settlement noun written after it
    ('Kabo village' -> 'Kabo'), so that it is one place with 'the village of Kabo'."""
    stripped = _SETTLEMENT_TAIL.sub("", text)
    return stripped if stripped.strip() else text


def _keep_unresolved(lex: Lexicon, m: Mention) -> bool:
    """A name we cannot place is still reported (id 'x:…', no coordinates) when the tagger
    called it a geopolitical entity or the text a village ('the village of X'); unknown
    facilities and ORG/PERSON guesses are dropped, and so are names with digits ('M23' the
    rebel group, 'A1' the road)."""
    return (m.label in UNRESOLVED_LABELS and m.source == "ner" or m.source == "cued-unknown"
            ) and not any(ch.isdigit() for ch in m.text) and not institution_name(lex, m.text) and (
        not is_stop(lex, m.text))  # ('Typhoon' of 'Typhoon Haiyan' tagged GPE)


def _precision(entry: Entry | None, relation: str | None) -> int:
    """ACLED's geo_precision: 1 the town itself, 2 near a town or a district (admin2),
    3 a region or larger."""
    if entry is None or entry.feature_code in _AREA_CODES:
        return 3
    return 2 if relation or entry.feature_code == ADMIN2 else 1


def _place_id(entry: Entry | None, text: str) -> str:
    if entry is None:
        return f"x:{fold(text)}"
    if entry.geonameid:
        return f"gn:{entry.geonameid}"
    return f"x:{fold(entry.name)}"
