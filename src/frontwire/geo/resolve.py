"""Toponym resolution: rank each mention's gazetteer candidates and pick one.

A candidate's score is a weighted sum of features (weights in data/geo/weights.json):
how well the name matches, the kind of place (country, region, city), its population,
and the article's context: the countries of the other places and demonyms, the regions
named in it, a qualifier written right after the name ('Krasnohorivka, Donetsk Oblast')
and the distance to the article's other places. Resolution runs twice: the first pass
without context gives the context for the second.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from frontwire.geo.distance import haversine_km
from frontwire.geo.features import Context as PairContext
from frontwire.geo.features import candidate_row, cues, null_row
from frontwire.geo.gazetteer import (
    ADMIN1,
    ADMIN2,
    ALTERNATE,
    CAPITAL,
    CITY,
    CONTINENT,
    COUNTRY,
    LANDMARK_CLASS,
    PRIMARY,
    REGION,
    Entry,
    Gazetteer,
)
from frontwire.geo.lexicon import Lexicon, is_site, is_stop
from frontwire.geo.ranker import NO_PLACE, Chooser
from frontwire.geo.recognize import CUED_SOURCES, PLACE_LABELS, Context, Mention
from frontwire.text.fold import fold, is_acronym, skeleton, spelling_key

MAX_CANDIDATES = 40
REGION_TOWN = 10_000  # a town this big gives 'the X region' its own country
# towns picked in one region, however unsure each, that together place local news there
AGREEING_TOWNS = 3
TOWN_TRUST = 0.9  # a town this sure of its reading tells which region local news is about
DATELINE_TRUST = 0.6  # ... and a dateline, where the story was filed ('MINNEAPOLIS --'), less sure
HAMLET_SHARE = 0.01  # a town below this share of its famous namesake's size is a hamlet ...
HAMLET_WEIGHT = 0.5  # ... which a named region pulls only this hard
OLD_NAME_WEIGHT = 0.25  # the named region's pull on a town read by an old name of it
OWNER_SIZE = 10  # a town this many times bigger that bears the name keeps it from an old name
FUZZY_MIN = 0.83
FIT_KM = 300.0
COUNTY_KM = 120.0
MAX_REBUILDS = 40  # context rebuilds while the picks settle (each one is linear in the text,
REBUILD_BUDGET = 4_000  # so a text's rebuilds visit at most this many mentions in all)
SMALL_TOWN = 10_000  # below this, a town alone in its country needs support from the text
DOMINANT_SHARE = 0.6  # the article is clearly about one other country
QUALIFIER_CITY = 100_000  # skeleton similarity; 'bahmot' ~ 'bahmut' is 0.833
_GENERIC_SUFFIXES = ("city", "town", "village", "oblast", "region", "province", "district",
                     "raion", "governorate", "state", "county", "municipality", "hromada",
                     "airport")
_REGION_WORD = re.compile(r"\s+(?:province|region|oblast|governorate)\b")
_REGION_BEFORE = re.compile(r"\b(?:[Pp]rovince|[Rr]egion|[Oo]blast|[Gg]overnorate|[Ss]tate) of\s+$")
_REGION_SUFFIXES = frozenset({"oblast", "region", "province", "governorate", "state"})


@dataclass
class Candidate:
    entry: Entry
    match: str  # primary, spelling (of the primary name), alternate, skeleton, fuzzy, ...
    similarity: float = 1.0
    score: float = 0.0
    support: float = 0.0  # closeness to a reading of another name of the article (0..1)
    old_name: bool = False  # a town's old or foreign name that another town bears as its own


@dataclass
class Resolution:
    mention: Mention
    candidate: Candidate | None
    confidence: float
    others: list[Candidate] = field(default_factory=list)


ACRONYM_LETTERS = 4  # initials this short are a body's, unless a place's own name
# the river or district that a town's full name adds to its short one: 'Frankfurt am Main',
# 'Newcastle upon Tyne', 'Halle (Saale)'
_RIVER_QUALIFIED = re.compile(r" (?:am|an der|an|im|in der|upon|on|sur|sul|nad) \w|\s*\(")


def candidates_for(gaz: Gazetteer, lex: Lexicon, text: str, fuzzy: bool, partial: bool = True
                   ) -> list[Candidate]:
    """Every gazetteer entry the name could mean, with how it matched (`partial`: also a
    known name inside it, 'Kharkiv Police Station')."""
    found: dict[int, Candidate] = {}
    key = None
    for idx, kind in gaz.lookup_inflected(text):
        entry = gaz.entry(idx)
        match = "primary" if kind == PRIMARY else "alternate"
        if kind == ALTERNATE:  # a spelling of the entry's own name ranks as its name
            key = key or spelling_key(text)
            match = "spelling" if spelling_key(entry.name) == key or _RIVER_QUALIFIED.match(
                fold(entry.name)[len(fold(text)):]) and fold(entry.name).startswith(
                fold(text)) else match  # ('Frankfurt' for Frankfurt am Main)
        found[idx] = Candidate(entry, match)
    if is_acronym(text) and "." not in text and len(text) <= ACRONYM_LETTERS:
        # 'SNA', 'PDF' in capitals are a body's initials: a town's romanised name in another
        # script ('Sna' for Sanaa) that happens to spell them is no reading of them (a
        # country's or a state's initials, 'UAE', 'NSW', and a dotted short name, 'L.A.',
        # still are)
        found = {
            i: c
            for i, c in found.items()
            if c.match != "alternate" or not (c.entry.feature_code or "").startswith("PPL")
        }
    if any(c.match in _OWN_NAME for c in found.values()):
        # a town's old or foreign name that another town bears as its own ('Sloviansk',
        # once Nikopol's); 'Avondale' is short for Avondale Estates, not an old name, and an
        # old name no town bears ('Artemivsk') is the best evidence there is
        folded = fold(text) + " "
        for c in found.values():
            c.old_name = c.match == "alternate" and c.entry.feature_code in (
                CITY, CAPITAL) and not fold(c.entry.name).startswith(folded)
    words = fold(text).split()
    if not found and len(words) > 1 and words[-1] in _GENERIC_SUFFIXES:
        want_region = words[-1] in _REGION_SUFFIXES
        for idx, _ in gaz.lookup(" ".join(words[:-1])):
            entry = gaz.entry(idx)
            if want_region and entry.feature_code not in (ADMIN1, REGION):
                continue  # "Kherson region" is not the city of Kherson
            # "Lyman County": a town of that name stands in only near the article's places
            found[idx] = Candidate(entry, "county" if words[-1] == "county" else "alternate")
        if want_region and not found:  # 'the Hiran region': Hiiraan, by its skeleton
            for idx in gaz.lookup_skeleton(" ".join(words[:-1])):
                if gaz.entry(idx).feature_code in (ADMIN1, REGION):
                    found[idx] = Candidate(gaz.entry(idx), "skeleton", 0.9)
    if not found:
        for idx in gaz.lookup_skeleton(text):
            found[idx] = Candidate(gaz.entry(idx), "skeleton", 0.9)
    if partial and not found and len(words) > 1:
        found.update(_partial(gaz, lex, words))
    if not found and fuzzy:
        found.update(_fuzzy(gaz, text))
    ranked = sorted(found.values(), key=lambda c: _prior_key(c.entry), reverse=True)
    return ranked[:MAX_CANDIDATES]


_OWN_NAME = frozenset({"primary", "spelling"})


def _partial(gaz: Gazetteer, lex: Lexicon, words: list[str]) -> dict[int, Candidate]:
    """'Western Ukraine' -> Ukraine, 'Kharkiv Police Station' -> Kharkiv:
    a known name with a direction before it or a generic word or two after it."""
    tries = []
    if words[0] in lex.area_prefixes:
        tries.append(" ".join(words[1:]))
    for cut in (1, 2):
        if len(words) > cut and "of" not in words[-cut - 1:]:
            # (not the head of 'the Gulf of Alaska': that is no gulf called 'Gulf')
            tries.append(" ".join(words[:-cut]))
    for name in tries:
        hits = [i for i, kind in gaz.lookup(name) if kind == PRIMARY]  # no old names of
        if hits:  # hamlets: 'Lake Township' is not a hamlet once called 'Lake'
            return {i: Candidate(gaz.entry(i), "partial", 0.9) for i in hits}
    return {}


def _prior_key(e: Entry) -> tuple[int, int]:
    return (e.feature_code in (COUNTRY, ADMIN1, ADMIN2, CONTINENT, REGION), e.population)


def _fuzzy(gaz: Gazetteer, text: str) -> dict[int, Candidate]:
    """Unseen spellings: skeleton keys with the same first letters and a close spelling."""
    skel = skeleton(text)
    if len(skel) < 5 or " " in skel:
        return {}
    # (the gazetteer memoises the scan; Candidates are made anew: scores are set on them)
    return {idx: Candidate(gaz.entry(idx), "fuzzy", sim)
            for idx, sim in gaz.close_spellings(skel, FUZZY_MIN)}


@dataclass
class _ArticleContext:
    countries: dict[str, float]
    admin1: dict[str, set[int]]  # admin1 key -> the mentions that name it
    towns: dict[str, set[int]]  # admin1 key -> the name groups of sure towns in it
    famous: dict[int, int]  # mention index -> the population of its biggest namesake town
    points: list[tuple[int, float, float, float]]  # (name group, lat, lon, best trust)
    group: list[int]  # mention index -> its name's group: repeats of a name are one group
    own: dict[int, dict[str, float]] = field(default_factory=dict)  # group -> its countries
    members: dict[int, set[int]] = field(default_factory=dict)  # group -> mention indexes
    total: float = field(init=False)  # all the country evidence (countries is built once)

    def __post_init__(self) -> None:
        self.total = sum(self.countries.values())

    def country_share(self, cc: str, mention_index: int) -> float:
        """Share of the article's country evidence for `cc`, the name's own left out: a name
        must not vote for its own reading, nor may its repeats ('London' four times)."""
        own = self.own.get(self.group[mention_index], {})
        total = self.total - sum(own.values())
        value = self.countries.get(cc, 0.0) - own.get(cc, 0.0)
        return value / total if total > 0 else 0.0

    def admin1_named(self, key: str, mention_index: int) -> bool:
        named = self.admin1.get(key)
        if not named:
            return False
        same = self.same_name(mention_index)
        return any(j not in same for j in named)

    def admin1_of_towns(self, key: str, mention_index: int) -> bool:
        """Does another sure town of the article lie in the region, while the article names
        no region of that country? Local news stays in its region ('Dublin' with Cuyahoga
        Falls is in Ohio); a named region ('Georgia') says it better."""
        cc = key.partition(".")[0]
        same = self.same_name(mention_index)
        if any(k.partition(".")[0] == cc and any(j not in same for j in named)
               for k, named in self.admin1.items()):
            return False
        return bool(self.towns.get(key, set()) - {self.group[mention_index]})

    def same_name(self, mention_index: int) -> set[int]:
        return self.members.get(self.group[mention_index], {mention_index})


def _score(
    c: Candidate,
    w: dict[str, float],
    ctx: _ArticleContext | None,
    mention_index: int,
    qualifier: set[str],
    near: dict[tuple[float, float, float, float], float] | None = None,
    base: dict[tuple[int, int], float] | None = None,
) -> float:
    """`near` memoises the distance decay between two points and `base` the part of the score
    that owes nothing to the article's context, across the resolver's passes."""
    e = c.entry
    key = (mention_index, id(c))
    s = base.get(key) if base is not None else None
    if s is None:
        s = _base_score(c, w, qualifier)
        if base is not None:
            base[key] = s
    code = e.feature_code
    if ctx is not None:
        s += w["same_country_as_context"] * ctx.country_share(e.country_code, mention_index)
        if code not in (COUNTRY, ADMIN1) and ctx.admin1_named(
            f"{e.country_code}.{e.admin1_code}", mention_index
        ):
            # an old or foreign name of a town ('Washington' for Watervliet) gets less of it,
            # and so does a hamlet beside a famous namesake (HAMLET_SHARE)
            s += w["admin1_in_context"] * (
                1.0 if c.match in _OWN_NAME else OLD_NAME_WEIGHT if c.old_name else 0.5) * (
                1.0 if e.population >= HAMLET_SHARE * ctx.famous.get(mention_index, 0)
                else HAMLET_WEIGHT)
        elif code not in _AREAS and c.match in _OWN_NAME and e.population >= (
                HAMLET_SHARE * ctx.famous.get(mention_index, 0)) and ctx.admin1_of_towns(
                f"{e.country_code}.{e.admin1_code}", mention_index):
            # (a hamlet of a hundredth of a famous namesake's size needs its region named:
            # a stray 'Central Coast' does not take 'Toronto' to New South Wales)
            s += w["admin1_in_context"]
        elif code == ADMIN1 and c.match in _OWN_NAME and ctx.towns.get(
                f"{e.country_code}.{e.admin1_code}", set()) - {ctx.group[mention_index]}:
            # a region whose towns the article names ('Toronto' ... 'Sault Ste. Marie,
            # Ontario'), over a namesake town of the story's other country
            s += w["admin1_in_context"]
        if code not in (COUNTRY, CONTINENT, REGION):
            if near is None:
                near = {}
            scale = w["near_scale_km"]
            pull = -1.0
            own = ctx.group[mention_index]
            for g, lat, lon, trust in ctx.points:
                if g == own or c.old_name and (lat, lon) == (e.lat, e.lon):
                    # an old name of a town the article names by its own name is no
                    # evidence for itself ('Sloviansk' beside 'Nikopol', once Slovyansk)
                    continue
                pair = (e.lat, e.lon, lat, lon)
                decay = near.get(pair)
                if decay is None:
                    if len(near) >= NEAR_MEMO_MAX:
                        near.clear()
                    decay = near[pair] = math.exp(-haversine_km(e.lat, e.lon, lat, lon) / scale)
                if trust * decay > pull:
                    pull = trust * decay
            if pull >= 0.0:  # a town's old or foreign name gets half of it, as of pair
                # support ('Sloviansk' is Slovyansk, not Nikopol nearer the story)
                s += w["near_other_places"] * pull * (0.5 if c.old_name else 1.0)
    return s


def _base_score(c: Candidate, w: dict[str, float], qualifier: set[str]) -> float:
    """The name match, feature class, population and qualifier part of a candidate's score."""
    e = c.entry
    s = {
        "primary": w["match_primary"],
        "spelling": w["match_primary"],
        "alternate": w["match_alternate"],
        "skeleton": w["match_skeleton"],
        "fuzzy": w["match_fuzzy"] * c.similarity,
        "partial": w["match_skeleton"],
        "county": w["match_skeleton"],
    }[c.match]
    code = e.feature_code
    s += {
        COUNTRY: w["class_country"],
        CONTINENT: w["class_continent"],
        ADMIN1: w["class_admin1"],
        ADMIN2: w["class_admin2"],
        REGION: w["class_region"],
    }.get(code, w["class_city"])
    if code == CAPITAL:
        s += w.get("class_capital", 0.0)
    pop = e.population if code not in (COUNTRY, CONTINENT) else 0
    s += w["log_population"] * math.log10(pop + 1)
    # closeness counts fully for a reading by its own name, half for an old or foreign name
    s += w["pair_support"] * c.support * (1.0 if c.match in _OWN_NAME else 0.5)
    if qualifier and (e.country_code in qualifier or f"{e.country_code}.{e.admin1_code}" in
                      qualifier):
        s += w["qualifier_match"]
    return s


GREAT_CITY = 1_000_000
_STATE_WORD = re.compile(r"(?i)\b(?:state|upstate|downstate|border|line)\b")
_LIST_GAP = re.compile(r",?\s*(?:and|or)?\s*")


def _state_city(mentions: list[Mention], first: list[Candidate | None], i: int, text: str,
                candidates: list[Candidate], state: Candidate) -> Candidate:
    """'grew up in New York': the great city its state is named after, unless the text says
    'state' ('New York State', 'upstate New York', 'the New York border')."""
    m = mentions[i]
    if _STATE_WORD.search(text, max(0, m.start - 12), m.end + 7):
        return state
    return next((c for c in candidates if c.entry.feature_code not in _AREAS
                 and c.entry.population >= GREAT_CITY
                 and c.entry.country_code == state.entry.country_code
                 and c.entry.admin1_code == state.entry.admin1_code), state)


def _great_city(ranked: list[Candidate], cc: str, same_country: bool) -> Candidate | None:
    """The first city of QUALIFIER_CITY people read by its own name, in or out of `cc`."""
    return next((c for c in ranked if c.match in _OWN_NAME
                 and c.entry.feature_code in (CITY, CAPITAL)
                 and c.entry.population >= QUALIFIER_CITY
                 and (c.entry.country_code == cc) == same_country), None)


def _city_or_region(best: Candidate, ranked: list[Candidate], ctx: _ArticleContext, i: int,
                    qualified: bool) -> Candidate:
    """A great city against a region of its name."""
    e = best.entry
    if e.feature_code == ADMIN1 and not qualified and ctx.country_share(e.country_code, i) == 0:
        # 'Israeli strikes hit Gaza': a great city by its own name, not a province of that
        # name in a country the story never mentions (Gaza, Mozambique)
        best = _great_city(ranked, e.country_code, same_country=False) or best
    if best.entry.feature_code == ADMIN1 and best.match == "alternate":
        # a region's other name that a great city of its own bears ('Gaza' for the Strip) is
        # the city
        best = _great_city(ranked, best.entry.country_code, same_country=True) or best
    return best


_LOOSE_REGION = re.compile(r"\s+region\b")  # a city's 'region' is its metro area too


_LIST_END = re.compile(r",?\s+(?:and|or)\s+")


def _area_levels(m: Mention) -> set[str]:
    """The kinds of area a name is by its own name: country, first-level region."""
    return {c.entry.feature_code for c in m.candidates
            if c.match in _OWN_NAME and c.entry.feature_code in (COUNTRY, ADMIN1)}


def _listed(text: str, start: int, end: int) -> bool:
    """A list's comma or 'and' between two names."""
    gap = text[start:end]
    return bool(gap.strip()) and _LIST_GAP.fullmatch(gap) is not None


_IN_REGION = re.compile(r",?\s+in\s+(?:the\s+)?")  # (also 'Bamba, in the Gao region')


def _qualifiers(mentions: list[Mention], text: str) -> list[set[str]]:
    """For 'X, Y' (Y a region or country), the country/admin1 keys Y can stand for."""
    out: list[set[str]] = [set() for _ in mentions]
    for i in range(len(mentions) - 1):
        left, right = mentions[i], mentions[i + 1]
        between = text[left.end : right.start]
        if _IN_REGION.fullmatch(between):  # 'near Palma in Cabo Delgado province'
            keys = {f"{c.entry.country_code}.{c.entry.admin1_code}" for c in right.candidates
                    if c.entry.feature_code == ADMIN1}
            out[i] |= keys  # (a region, never a country: 'Moscow in Ukraine' is Moscow's role)
            out[i + 1] |= {k for k in keys if k in {
                f"{c.entry.country_code}.{c.entry.admin1_code}" for c in left.candidates}}
            continue
        if between.strip() not in (",", "(") or len(between) > 3:
            continue
        if i + 2 < len(mentions) and _LIST_END.fullmatch(
                text, right.end, mentions[i + 2].start):
            continue  # 'stops in Washington, New York and Boston': a list, no qualifier
        if _area_levels(left) & _area_levels(right) and (
                i > 0 and _listed(text, mentions[i - 1].end, left.start)
                or i + 2 < len(mentions) and _listed(text, right.end, mentions[i + 2].start)):
            continue  # 'Georgia, Illinois, Missouri': states in a list, no 'Illinois' town
            # of Missouri ('Mexico, China, Japan': no China of Japan)
        keys = set()
        for c in right.candidates:
            if c.entry.feature_code == COUNTRY:
                keys.add(c.entry.country_code)
            elif c.entry.feature_code == ADMIN1:
                keys.add(f"{c.entry.country_code}.{c.entry.admin1_code}")
            elif c.match in _OWN_NAME and c.entry.population >= QUALIFIER_CITY:
                # 'Siversk, Donetsk': a city named as qualifier stands for its region
                keys.add(f"{c.entry.country_code}.{c.entry.admin1_code}")
        out[i] |= keys  # ('Buffalo, New York in the United States': New York qualifies
        # and is qualified)
        # and the qualifier itself is the region that contains the place's candidates
        contained = {c.entry.country_code for c in left.candidates} | {
            f"{c.entry.country_code}.{c.entry.admin1_code}" for c in left.candidates
        }
        out[i + 1] |= {k for k in keys if k in contained}
    return out


def resolve(
    gaz: Gazetteer,
    lex: Lexicon,
    mentions: list[Mention],
    text: str,
    context: Context | None = None,
    country_hint: dict[str, float] | None = None,
    ranker: Chooser | None = None,
) -> list[Resolution]:
    """Pick one candidate (or none) for every mention, using the whole article; with a
    `ranker`, the hand-set ranking below is one of its features and the ranker chooses."""
    w = lex.weights
    for m in mentions:
        if m.area and not m.capital:  # a demonym read as its continent, region or state
            name, _, cc = m.area.partition("|")  # ('English' is England's before the UK's)
            areas = [c for c in candidates_for(gaz, lex, name, fuzzy=False)
                     if c.entry.feature_code in (CONTINENT, REGION, ADMIN1)
                     and (not cc or c.entry.country_code == cc)]
            m.candidates = areas[:1]
            continue
        if m.country:  # a demonym read as its country, or as its capital city
            idx = gaz.capital_of(m.country) if m.capital else None
            idx = gaz.country_entry.get(m.country) if idx is None else idx
            m.candidates = [Candidate(gaz.entry(idx), "alternate")] if idx is not None else []
            continue
        # 'the village of Hrushivka Druha' is that village, not the Hrushivka 200 km away
        if m.source == "venue":  # 'the Nasser hospital': no town of its name (parser.py)
            m.candidates = []
            continue
        # (an unseen spelling of a village: fuzzy, too, after a cue that says 'village')
        cued = m.source in ("cued-unknown", "locative-unknown")
        m.candidates = candidates_for(gaz, lex, m.text, fuzzy=m.source == "cued-unknown" or (
            m.source.startswith("ner") and not is_stop(lex, m.text)), partial=not cued)
        # (a word of the stop list is no unseen spelling: 'Typhoon' is not Tifton)
        if m.source == "union-place":  # 'across the EU' is the union, not Eu in Normandy
            m.candidates = [c for c in m.candidates if c.entry.feature_code == REGION]
        if _REGION_WORD.match(text, m.end) or text.endswith("of ", 0, m.start) and (
                _REGION_BEFORE.search(text, max(0, m.start - 24), m.start)):
            # 'Idlib province', 'the Province of Ontario': the region, not the city
            regions = [c for c in candidates_for(gaz, lex, f"{m.text} region", fuzzy=False)
                       if c.entry.feature_code == ADMIN1]
            towns = [c for c in m.candidates if c.entry.feature_code not in _AREAS]
            if towns and _LOOSE_REGION.match(text, m.end) and max(
                    c.entry.population for c in towns) >= REGION_TOWN:
                # 'the Charlotte region' is the city's, not a parish of St Vincent ('the
                # Hiran region' is Somalia's, not an Iraqi hamlet's)
                home = max(towns, key=lambda c: c.entry.population).entry.country_code
                regions = [c for c in regions if c.entry.country_code == home] or [
                    c for c in m.candidates if c.entry.feature_code != ADMIN1]
            m.candidates = regions or m.candidates
    quals = _qualifiers(mentions, text)
    _pair_support(mentions, w)

    base: dict[tuple[int, int], float] = {}  # each candidate's context-free score part
    first = []
    for i, m in enumerate(mentions):
        for c in m.candidates:
            c.score = _score(c, w, None, i, quals[i], base=base)
        first.append(max(m.candidates, key=lambda c: c.score) if m.candidates else None)
    for i, pick in enumerate(first):  # the article's context has New York the city too
        if pick is not None and pick.entry.feature_code == ADMIN1:
            first[i] = _state_city(mentions, first, i, text, mentions[i].candidates, pick)

    # each mention's biggest namesake town by its own name (see HAMLET_SHARE)
    famous = {i: max((c.entry.population for c in m.candidates if c.match in _OWN_NAME
                      and c.entry.feature_code not in _AREAS), default=0)
              for i, m in enumerate(mentions)}
    ctx = _build_context(mentions, first, context, country_hint, famous)
    near: dict[tuple[float, float, float, float], float] = {}
    # The context's own picks sharpen with the context, one name at a time, surest first, the
    # context rebuilt after each change: updated all at once, two names can swap readings
    # forever ('Lancaster' and 'York' each follow the other's last reading across the ocean).
    picks = list(first)
    order = sorted(range(len(mentions)), key=lambda i: -_confidence(
        mentions[i].candidates, first[i]) if first[i] is not None else 0.0)
    rebuilds = min(MAX_REBUILDS, REBUILD_BUDGET // max(1, len(mentions)))
    for i in order:
        m = mentions[i]
        if len(m.candidates) < 2:  # one candidate: nothing to choose, its score unused
            continue
        for c in m.candidates:
            c.score = _score(c, w, ctx, i, quals[i], near, base)
        pick = max(m.candidates, key=lambda c: c.score)
        if pick.entry.feature_code == ADMIN1:
            pick = _state_city(mentions, first, i, text, m.candidates, pick)
        if pick.entry.idx != picks[i].entry.idx:
            picks[i] = pick
            if rebuilds > 0:  # (a list of thousands of names: bounded work)
                ctx = _build_context(mentions, picks, context, country_hint, famous)
                rebuilds -= 1
    ctx = _build_context(mentions, picks, context, country_hint, famous)

    out = []
    home = _home_region(ctx, gaz)
    for i, m in enumerate(mentions):
        if not m.candidates:
            out.append(Resolution(m, None, 0.0))
            continue
        if len(m.candidates) > 1:
            for c in m.candidates:
                c.score = _score(c, w, ctx, i, quals[i], near, base)
        ranked = sorted(m.candidates, key=lambda c: c.score, reverse=True)
        best = ranked[0]
        if best.match == "county" and not _fits(best.entry, first, i, COUNTY_KM, areas=False):
            out.append(Resolution(m, None, 0.0))
            continue
        if best.match == "partial" and is_site(lex, m.text) and (
                not _fits(best.entry, first, i, COUNTY_KM, areas=False)):
            # 'Hampton Avenue', 'Rogers Centre': a site is named after a town only near the
            # article's places; elsewhere it is a site of the story's own town (parser.py)
            out.append(Resolution(m, None, 0.0))
            continue
        if best.match in ("fuzzy", "skeleton", "partial") and not (
            best.entry.country_code in (country_hint or {}) or _fits(best.entry, first, i)
        ) or best.match == "alternate" and best.entry.population < SMALL_TOWN and (
            best.entry.feature_code in (CITY, CAPITAL)) and best.entry.country_code not in (
                country_hint or {}) and _elsewhere(best.entry, first, i, ctx.group):
            # an unseen spelling is believed only near the article's other places, and
            # another name of a small town ('Pleasant City' for Suttons Bay, Michigan) only
            # in the region or near the places of the story, when it has any ('Starobeshevo'
            # alone is Starobesheve)
            out.append(Resolution(m, None, 0.0))
            continue
        e = best.entry
        if e.feature_code not in _AREAS and not quals[i] and best.support < 0.5:
            # 'imports from China', 'a Delaware company': a country's or its own region's
            # name means it, not a namesake town, unless the text qualifies the town
            # ('China, Maine') or names a place right next to it
            area = next((c for c in ranked if c.match in _OWN_NAME and (
                c.entry.feature_code == COUNTRY or c.entry.feature_code == ADMIN1 and (
                    c.entry.country_code == e.country_code
                    or ctx.country_share(c.entry.country_code, i) > 0
                    and not _great_city(ranked, c.entry.country_code, same_country=True))
                and e.population < QUALIFIER_CITY
                or c.entry.feature_code in (CONTINENT, REGION) and e.population < QUALIFIER_CITY
            )), None)  # nor a macro-region's: 'the Middle East' is no US hamlet; nor is a
            # region of a country the story names ('in Canada ... Ontario') a foreign town
            best = area or best
        if best.old_name and best.support < 0.5:
            # 'Mykolaiv' is the city of 470,000 that bears the name, not the small town
            # once called so, unless a place right next to that town is named
            hinted = country_hint or {}
            best = next((c for c in ranked if c.match in _OWN_NAME
                         and (c.entry.population >= OWNER_SIZE * best.entry.population
                              or c.entry.population >= QUALIFIER_CITY
                              and c.entry.population > best.entry.population
                              or c.entry.feature_code in LANDMARK_CLASS)  # 'White House'
                         # (is no Casablanca, whose Arabic name means it)
                         and (c.entry.country_code in hinted
                              or best.entry.country_code not in hinted)), best)
            # (a corpus about Ukraine keeps 'Seversk' for Siversk, not the Russian city)
        best = _city_or_region(best, ranked, ctx, i, bool(quals[i]))
        if best.entry.feature_code == ADMIN1 and (
                f"{best.entry.country_code}.{best.entry.admin1_code}" not in quals[i]):
            # (not the state that qualifies a town: 'Buffalo, New York')
            best = _state_city(mentions, first, i, text, ranked, best)
        if home and _stray_town(best, ranked, home, picks, i, quals[i], ctx.group):
            # 'fires in Weston and Glastonbury' in a Connecticut story, with no Weston of
            # Connecticut to hand: the story's region (precision 3), not Weston, Massachusetts
            out.append(Resolution(m, Candidate(gaz.entry(gaz.admin1_entry[home]), "alternate"),
                                  _confidence(ranked, best) / 2))
            continue
        if _foreign_hamlet(best.entry, ctx, first, i) or (
                _foreign_compass(m, best.entry, ctx, i, country_hint, lex)):
            # 'the Kanal district' of a Ukrainian town is not the village Kanal in Slovenia
            out.append(Resolution(m, None, 0.0))
            continue
        if quals[i] and not _within(best.entry, quals[i]) and best.entry.feature_code not in (
                _AREAS) and _lone_pair(mentions, i, text):
            # 'Holliday, Missouri' with no Holliday in Missouri to hand: the region the text
            # gives (ACLED's precision 3), never a Holliday in Texas
            region = first[i + 1]
            if region is not None and region.entry.feature_code in (COUNTRY, ADMIN1) and (
                    _within(region.entry, quals[i])):
                out.append(Resolution(m, region, _confidence(ranked, best) / 2))
                continue  # (a city as qualifier, 'Jbeil, northern Beirut', is only a hint)
        out.append(Resolution(m, best, _confidence(ranked, best), ranked[1:4]))
    if ranker is not None:
        out = _rerank(out, ranker, ctx, quals, text, country_hint or {}, lex)
    return out


RANKED_OPTIONS = 8  # the hand ranking's first candidates that the ranker chooses among


def _rerank(out: list[Resolution], ranker: Chooser, ctx: _ArticleContext,
            quals: list[set[str]], text: str, hint: dict[str, float], lex: Lexicon
            ) -> list[Resolution]:
    """Let the ranker choose each placed mention's place among its best-ranked candidates
    and the hand-set pick, or none of them."""
    fixed = []
    for i, r in enumerate(out):
        m = r.mention
        if r.candidate is None or m.country or m.area:
            # a name the hand rules placed nowhere stays so (a street, a site, an unseen
            # spelling far from the story), and a demonym's reading is no choice
            fixed.append(r)
            continue
        ranked = sorted(m.candidates, key=lambda c: c.score, reverse=True)[:RANKED_OPTIONS]
        hand = r.candidate
        if all(c.entry.idx != hand.entry.idx for c in ranked):
            ranked.append(hand)
        hand_index = next(k for k, c in enumerate(ranked) if c.entry.idx == hand.entry.idx)
        cue = cues(text, m.start, m.end, lex)
        top = ranked[0].score
        biggest = max((c.entry.population for c in m.candidates if c.match in _OWN_NAME
                       and c.entry.feature_code not in _AREAS), default=0)
        listed = {id(c) for c in m.candidates}  # (a hand pick from elsewhere has no score)
        areas = {c.entry.feature_code for c in m.candidates if c.match in _OWN_NAME}
        own_area = COUNTRY if COUNTRY in areas else ADMIN1 if ADMIN1 in areas else ""
        rows = [candidate_row(
            c.match, c.similarity, c.old_name, c.entry.feature_code, c.entry.population,
            biggest, k == hand_index, r.confidence, c.score - top if id(c) in listed else 0.0,
            _what_context_says(c, ctx, i, quals[i], hint), cue, own_area,
            hand.entry.idx != ranked[0].entry.idx)
            for k, c in enumerate(ranked)]
        null = null_row(m.text, m.label, ranked[0].match, cue, lex)
        choice = ranker.choose(m, ranked, np.asarray(rows), np.asarray(null), hand_index)
        if choice.index == hand_index:
            fixed.append(r)
        elif choice.index == NO_PLACE:  # none of these: the name is left to the parser's
            fixed.append(Resolution(m, None, 0.0))  # handling of names no gazetteer holds
        else:
            pick = ranked[choice.index]
            fixed.append(Resolution(m, pick, round(min(
                1.0, choice.probability * _MATCH_QUALITY[pick.match]), 3),
                [c for c in ranked if c is not pick][:3]))
    return fixed


def _what_context_says(c: Candidate, ctx: _ArticleContext, i: int, qualifier: set[str],
                       hint: dict[str, float]) -> PairContext:
    e = c.entry
    own = ctx.group[i]
    nearest = min((haversine_km(e.lat, e.lon, lat, lon) for g, lat, lon, _ in ctx.points
                   if g != own), default=None)
    return PairContext(
        country_share=ctx.country_share(e.country_code, i),
        admin1_named=e.feature_code not in (COUNTRY, ADMIN1) and ctx.admin1_named(
            f"{e.country_code}.{e.admin1_code}", i),
        nearest_km=nearest if e.feature_code not in _AREAS else None,
        support=c.support,
        qualified=bool(qualifier) and _within(e, qualifier),
        hinted=e.country_code in hint,
    )


HOME_TOWNS = 3  # sure towns of one region that make a story local to it ...
HOME_SHARE = 0.75  # ... when they are this share of its sure towns
STRAY_TOWN = 50_000  # a namesake town smaller than this, far from all the story's places ...
STRAY_KM = 100.0  # ... (this far), in a local story is a town of the story's region


def _home_region(ctx: _ArticleContext, gaz: Gazetteer) -> str | None:
    """The admin1 key of a local story: the region of most of its sure towns, if it has a
    few and the gazetteer holds the region."""
    if not ctx.towns:
        return None
    key, groups = max(ctx.towns.items(), key=lambda kv: (len(kv[1]), kv[0]))
    total = sum(len(g) for g in ctx.towns.values())
    # (a region the text names needs fewer towns of its own: 'Litchfield and Stamford' with
    # 'Connecticut')
    need = HOME_TOWNS - 1 if key in ctx.admin1 else HOME_TOWNS
    if len(groups) < need or len(groups) < HOME_SHARE * total:
        return None
    return key if key in gaz.admin1_entry else None


def _stray_town(best: Candidate, ranked: list[Candidate], home: str,
                picks: list[Candidate | None], i: int, qualified: set[str], group: list[int]
                ) -> bool:
    """Is the pick a small town of another region of the story's country, far from all the
    story's places, while no reading of the name lies in the story's region?"""
    e = best.entry
    cc, _, a1 = home.partition(".")
    if qualified or e.feature_code != CITY or e.population >= STRAY_TOWN or e.country_code != cc:
        return False
    if any(c.entry.country_code == cc and c.entry.admin1_code == a1 for c in ranked):
        return False
    # (near the story's own towns, not near another stray: 'Burlington' and 'Weston' of
    # Massachusetts vouch for nothing in a Connecticut story)
    local = [p if p is not None and (p.entry.country_code, p.entry.admin1_code) == (cc, a1)
             else None for p in picks]
    return not _fits(e, local, i, STRAY_KM, areas=False, group=group)


def _lone_pair(mentions: list[Mention], i: int, text: str) -> bool:
    """Is 'X, Y' a town and its region, not two items of a list ('Saipan, Guam, Alaska')?"""
    if i + 1 >= len(mentions):
        return False
    if i > 0 and _LIST_GAP.fullmatch(text, mentions[i - 1].end, mentions[i].start):
        return False
    nxt = mentions[i + 2].start if i + 2 < len(mentions) else None
    return nxt is None or not _LIST_GAP.fullmatch(text, mentions[i + 1].end, nxt)


def _within(entry: Entry, keys: set[str]) -> bool:
    """Is the entry in one of the country or admin1 keys ('US', 'US.MO')?"""
    return entry.country_code in keys or f"{entry.country_code}.{entry.admin1_code}" in keys


MAJOR_NAMESAKE = 100_000
DWARF_SHARE = 0.05
PAIR_TOP = 40  # readings per name that can support another name's reading
# Bounds for texts that name hundreds of places (a list, a long report): the context keeps
# its MAX_POINTS surest points and coherence looks at the PAIR_NAMES most mentioned names,
# so the work per article stays linear in its length. News articles stay below both.
MAX_POINTS = 60
PAIR_NAMES = 60
NEAR_MEMO_MAX = 100_000


def _pair_support(mentions: list[Mention], w: dict[str, float]) -> None:
    """Spatial coherence between the readings of different names: 'Paris' with 'Henry County'
    in one story is the Paris that lies in a Henry County. Each candidate of an ambiguous
    name gets the closeness (1 at 0 km, decaying with pair_scale_km) of the nearest reading of
    any other name, whichever reading that name ends up with; areas take no part."""
    scale = w["pair_scale_km"]
    groups: dict[str, list[Candidate]] = {}
    counts: dict[str, int] = {}
    for m in mentions:
        if m.country:
            continue
        counts[m.key] = counts.get(m.key, 0) + 1
        if m.key not in groups:
            groups[m.key] = [c for c in m.candidates if c.entry.feature_code not in _AREAS]
    if len(groups) < 2 or not any(len(cs) > 1 for cs in groups.values()):
        return
    supporters = set(sorted(counts, key=lambda k: -counts[k])[:PAIR_NAMES])
    pool = [(g, c) for g, (key, cs) in enumerate(groups.items()) if key in supporters
            for c in cs[:PAIR_TOP]]
    lat2 = np.radians([c.entry.lat for _, c in pool])[None, :]
    lon2 = np.radians([c.entry.lon for _, c in pool])[None, :]
    pool_group = np.array([g for g, _ in pool])[None, :]
    pool_idx = np.array([c.entry.idx for _, c in pool])[None, :]
    # two namesakes of big cities do not prop each other up: 'Houston' and 'Washington' in
    # one story are not the two small towns of those names 8 km apart in Pennsylvania (while
    # 'Paris' and 'Henry County' still are the Paris in a Henry County)
    biggest = [max((c.entry.population for c in cs), default=0) for cs in groups.values()]

    def dwarfed(g: int, c: Candidate) -> bool:
        return biggest[g] >= MAJOR_NAMESAKE and c.entry.population < biggest[g] * DWARF_SHARE

    pool_dwarfed = np.array([dwarfed(g, c) for g, c in pool])[None, :]
    # a name inside another is no support for it: 'Dublin City Council' in an Ohio story does
    # not vouch for the Irish Dublin through the county 'Dublin City'
    keys = [f"{k} " for k in groups]
    supporting = [g for g, key in enumerate(groups) if key in supporters]
    nested = {g: [s for s in supporting if s != g and (
        keys[g].startswith(keys[s]) or keys[s].startswith(keys[g]))] for g in range(len(keys))}
    # one distance matrix per ambiguous name (its readings against the pool): memory stays
    # bounded by MAX_CANDIDATES x pool however long the article
    for g, cs in enumerate(groups.values()):
        if len(cs) < 2:
            continue
        lat1 = np.radians([c.entry.lat for c in cs])[:, None]
        lon1 = np.radians([c.entry.lon for c in cs])[:, None]
        a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(
            (lon2 - lon1) / 2) ** 2
        km = 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
        # another name for the same entry ('Paris City Hall' for 'Paris') is no support
        own_dwarfed = np.array([dwarfed(g, c) for c in cs])[:, None]
        km[(pool_group == g) | (np.array([c.entry.idx for c in cs])[:, None] == pool_idx)
           | (own_dwarfed & pool_dwarfed) | np.isin(pool_group, nested[g])] = np.inf
        for c, d in zip(cs, km.min(axis=1).tolist(), strict=True):
            c.support = math.exp(-d / scale) if d != math.inf else 0.0


_AREAS = frozenset({COUNTRY, CONTINENT, REGION, ADMIN1})


def _foreign_hamlet(
    entry: Entry, ctx: _ArticleContext, first: list[Candidate | None], index: int
) -> bool:
    """A small town of a country the article says nothing else about, far from its places,
    while the article is clearly about another country: most likely a misread name."""
    if entry.feature_code in (COUNTRY, CONTINENT, REGION, ADMIN1):
        return False
    if entry.population >= SMALL_TOWN or ctx.country_share(entry.country_code, index) > 0:
        return False
    dominant = max(
        (ctx.country_share(cc, index) for cc in ctx.countries if cc != entry.country_code),
        default=0.0,
    )
    return dominant >= DOMINANT_SHARE and not _fits(entry, first, index, group=ctx.group)


def _foreign_compass(m: Mention, entry: Entry, ctx: _ArticleContext, index: int,
                     hint: dict[str, float] | None, lex: Lexicon) -> bool:
    """'the American South' is no region called 'South' of Cameroon: a region named by a
    bare compass word is read so only in a story about its country."""
    if fold(m.text) not in lex.area_prefixes or entry.feature_code not in (ADMIN1, ADMIN2):
        return False
    return not (ctx.country_share(entry.country_code, index) > 0
                or entry.country_code in (hint or {}))


def _build_context(
    mentions: list[Mention],
    picks: list[Candidate | None],
    context: Context | None,
    country_hint: dict[str, float] | None,
    famous: dict[int, int] | None = None,
) -> _ArticleContext:
    """Countries, regions and points of the article, from each mention's current pick,
    weighted by how sure that pick is."""
    countries: dict[str, float] = dict(country_hint or {})
    if context is not None:
        for cc, weight in context.countries.items():
            countries[cc] = countries.get(cc, 0.0) + weight
    admin1: dict[str, set[int]] = {}
    towns: dict[str, set[int]] = {}
    loose: dict[str, set[int]] = {}  # admin1 key -> name groups of any town picked in it
    points: dict[tuple[int, float, float], float] = {}  # one per name and point: its best trust
    group = _name_groups(mentions)
    members: dict[int, set[int]] = {}
    for i, g in enumerate(group):
        members.setdefault(g, set()).add(i)
    own: dict[int, dict[str, float]] = {}
    for i, best in enumerate(picks):
        if best is None:
            continue
        e = best.entry
        trust, sure = _trusts(mentions[i].candidates, best)
        if e.country_code:
            countries[e.country_code] = countries.get(e.country_code, 0.0) + sure
            votes = own.setdefault(group[i], {})
            votes[e.country_code] = votes.get(e.country_code, 0.0) + sure
        if e.feature_code == ADMIN1 and not mentions[i].area or e.feature_code == ADMIN2 and (
                sum(c.entry.feature_code == ADMIN2 for c in mentions[i].candidates) == 1):
            # (a region named by its demonym, 'the English city of', is only its country's
            # context: the region's name itself is what pulls a town into it; a county whose
            # name no other county bears pulls too: 'Kanawha Magistrate Court' puts Charleston
            # in West Virginia)
            admin1.setdefault(f"{e.country_code}.{e.admin1_code}", set()).add(i)
        elif e.feature_code not in (COUNTRY, CONTINENT, REGION):
            at = (group[i], e.lat, e.lon)
            points[at] = max(points.get(at, 0.0), trust)
            if best.match in _OWN_NAME and e.feature_code in (CITY, ADMIN2):
                loose.setdefault(f"{e.country_code}.{e.admin1_code}", set()).add(group[i])
            sure = trust >= (DATELINE_TRUST if mentions[i].source == "dateline" else TOWN_TRUST)
            if sure and best.match in _OWN_NAME and e.feature_code != CAPITAL \
                    and (mentions[i].label in PLACE_LABELS or mentions[i].source in CUED_SOURCES):
                # not a capital, as often its government ('Tehran said') as a place, nor a
                # name the tagger took for a person's ('Hartmann'): too often a namesake hamlet
                towns.setdefault(f"{e.country_code}.{e.admin1_code}", set()).add(group[i])
    for key, groups in loose.items():
        if len(groups) >= AGREEING_TOWNS:
            towns.setdefault(key, set()).update(groups)
    countries.pop("", None)
    located = [(*at, t) for at, t in points.items()]
    if len(located) > MAX_POINTS:  # a gazetteer-like list of names: keep the surest points
        located = sorted(located, key=lambda p: -p[3])[:MAX_POINTS]
    return _ArticleContext(countries, admin1, towns, famous or {}, located, group, own, members)


def _name_groups(mentions: list[Mention]) -> list[int]:
    """Each mention's name group: mentions of one (folded) name share a group number."""
    keys: dict[str, int] = {}
    return [keys.setdefault(m.key, len(keys)) for m in mentions]


def _elsewhere(entry: Entry, first: list[Candidate | None], index: int, group: list[int]
               ) -> bool:
    """Does the story name towns of its own, all of them far from the entry's region?"""
    others = [c for j, c in enumerate(first) if c is not None and group[j] != group[index]
              and c.entry.feature_code not in (CONTINENT, REGION, COUNTRY)]
    return bool(others) and not _fits(entry, first, index, areas=False, group=group)


def _fits(entry: Entry, first: list[Candidate | None], index: int, km: float = 0.0,
          areas: bool = True, group: list[int] | None = None) -> bool:
    """Is the entry in a country the article names (`areas`), or near one of its places?"""
    km = km or FIT_KM
    for j, c in enumerate(first):
        if c is None or j == index or c.match in ("fuzzy", "skeleton", "partial", "county"):
            continue
        if group is not None and group[j] == group[index]:
            continue  # a repeat of the name is no support of its own reading ('Kanal' twice)
        other = c.entry
        if areas and other.feature_code in (COUNTRY, ADMIN1) and (
            other.country_code == entry.country_code
        ):
            return True
        if not areas and other.feature_code == ADMIN1 and (
            other.country_code, other.admin1_code) == (entry.country_code, entry.admin1_code):
            return True
        if other.feature_code not in (CONTINENT, REGION, COUNTRY, ADMIN1) and haversine_km(
            other.lat, other.lon, entry.lat, entry.lon
        ) <= km:
            return True
    return False


def _trusts(candidates: list[Candidate], best: Candidate) -> tuple[float, float]:
    """How sure the pick is (`_confidence`), and how sure its country is: its margin over the
    best reading in another country, times how well the name matched (a coin toss between
    Washington state and Western Australia for 'WA' says nothing of the story's country).
    One pass over the candidates: the context is rebuilt many times per text."""
    cc = best.entry.country_code
    runner = foreign = None
    for c in candidates:
        if c is best:
            continue
        if runner is None or c.score > runner:
            runner = c.score
        if c.entry.country_code != cc and (foreign is None or c.score > foreign):
            foreign = c.score
    quality = _MATCH_QUALITY[best.match]
    gap = best.score - (best.score - 4.0 if runner is None else runner)
    trust = round(min(1.0, quality / (1.0 + math.exp(-gap))), 3)
    if foreign is None:
        return trust, trust
    alone = quality / (1.0 + math.exp(-4.0))  # as sure as a pick with no rival
    return trust, round(math.tanh(max(0.0, best.score - foreign) / 2) * alone, 3)


_MATCH_QUALITY = {"primary": 1.0, "spelling": 1.0, "alternate": 0.95, "skeleton": 0.8,
                  "partial": 0.7, "county": 0.6, "fuzzy": 0.6}


def _confidence(candidates: list[Candidate], best: Candidate) -> float:
    """How sure the pick is: its margin over the runner-up, times how well the name matched."""
    runner = max((c.score for c in candidates if c is not best), default=best.score - 4.0)
    margin = 1.0 / (1.0 + math.exp(-(best.score - runner)))
    return round(min(1.0, margin * _MATCH_QUALITY[best.match]), 3)
