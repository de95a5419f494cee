"""Which of an article's places cannot be where its event happened: strays, qualifiers and
locators.

General patterns of reporting, both measured on ACLED notes and on team-written copy:

- **A stray reading.** A name the gazetteer put far from everything else the article names
  is a namesake, not the event's place: the one place of another country, which few of the
  article's mentions name, farther than FOREIGN_KM from all of the main country's places
  (an acronym read as a Polish town in a Somali report); and a neighbourhood or area ('the
  Paraiso neighbourhood of Sao Goncalo') read as a town farther than PART_KM from every town
  or district the article names: a part of a town lies inside it. Such a reading comes after
  the others of its clause.
- **A qualifier.** A place inside the brackets written right after another one (and a place
  noun): 'Kupiansk (Kharkiv)', 'X village (Y, Z)', 'Hays district (Hodeidah)' only says
  where the first one is; one after a comma ('Venado Tuerto, Santa Fe') likely does, but may
  be a list's next item ('shelled Kherson, Nikopol'); after a unit below the region it
  does ('in the Chahar Dara district, Kunduz').
- **A locator.** The anchor of a direction ('Harib district, south-east of Marib city') and
  the towns a road is named for ('on the Kherson-Mykolaiv highway') say where something else
  is; the event is coded there only when the clause names nothing else.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from frontwire.geo.distance import haversine_km
from frontwire.geo.gazetteer import ADMIN1, ADMIN2, CONTINENT, COUNTRY, REGION
from frontwire.model import Place

FOREIGN_SHARE = 0.4  # a country with this share of the place mentions is one the article is about
FOREIGN_KM = 500.0  # a foreign namesake this far from every place of the main country strays
PART_KM = 30.0  # a neighbourhood lies this close to the town it belongs to
PART_DISTRICT_KM = 60.0  # ... and this close to the middle of its district or municipality
_AREAS = frozenset({COUNTRY, CONTINENT, REGION, ADMIN1, ADMIN2})
# the word after a name that makes it a part of a town ('the Berdaale neighbourhood of X')
_PART_AFTER = re.compile(
    r"(?:[\s-]+[A-Z][\w'\u2019-]*){0,2}\s+(?i:neighbou?rhoods?|quarters?|suburbs?|areas?|"
    r"localit(?:y|ies)|mahallah?s?)\b"
)
# the words that may stand between a place and the brackets that qualify it
_PLACE_NOUN = (
    r"(?:city|town|village|settlement|district|upazila|township|locality|area|camp|county|"
    r"commune|municipality|hromada|raion|region|province|state|sub-?district|tehsil|woreda|"
    r"kebele|LGA|neighbou?rhood|groupement|chiefdom|sector)"
)
_BRACKET_AFTER = re.compile(rf"\s*(?:{_PLACE_NOUN}\s*)?\(", re.IGNORECASE)
_COMMA_AFTER = re.compile(r"\s*,\s*")
# the anchor of a direction ('Harib district, south-east of Marib city'; not 'in the
# north-east of X', which is inside X)
_DIRECTION_OF = re.compile(
    r"(?<!the )(?<!-)\b(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?\s+of\s+"
    r"(?:the\s+(?:(?:city|town|village)\s+of\s+)?)?$",
    re.IGNORECASE,
)
# km per degree of latitude on haversine_km's sphere: a point more than d km / KM_PER_DEGREE
# degrees of latitude away is farther than d km (the great circle is never shorter than the
# meridian arc); the margin covers rounding
KM_PER_DEGREE = 6371.0 * math.pi / 180
_LAT_MARGIN = 1.01


def _lat_reach(km: float) -> float:
    return km / KM_PER_DEGREE * _LAT_MARGIN + 1e-6


_NAME = r"[A-Z][\w'\u2019.]*(?: [A-Z][\w'\u2019.]*){0,2}"

Mention = tuple[int, Place, int, str]  # (start, place, geo precision, words)


@dataclass(frozen=True)
class LocatingWords:
    """The patterns of `qualifiers` and `locators`, from the word lists of place.toml: the
    units below the region ('in the Chahar Dara district, Kunduz': what follows a unit and a
    comma is its container) and the roads named for the towns they join ('the Kaduna-Abuja
    highway')."""

    subunit_comma: re.Pattern[str]
    ends_subunit: re.Pattern[str]
    road_ends: re.Pattern[str]

    @classmethod
    def build(cls, subunit_nouns: list[str], road_nouns: list[str]) -> LocatingWords:
        unit = "(?:" + "|".join(re.escape(w) for w in subunit_nouns) + ")"
        road = "(?i:" + "|".join(re.escape(w) for w in road_nouns) + ")"
        return cls(
            re.compile(rf"\s*{unit}\s*,\s*", re.IGNORECASE),
            re.compile(rf"\b{unit}$", re.IGNORECASE),
            re.compile(
                rf"\b{road}\s+({_NAME}\s*[-\u2013\u2014]\s*{_NAME})"
                rf"|({_NAME}\s*[-\u2013\u2014]\s*{_NAME})\s+{road}\b"
            ),
        )


@dataclass
class Coherence:
    """The article's places seen together: computed once per article."""

    home: str | None
    share: dict[str, float]
    kinds: Counter[str]  # distinct places per country
    home_points: list[tuple[float, float]]
    towns: list[Place]
    parts: frozenset[int]  # starts of mentions written as a part of a town

    @classmethod
    def of(cls, text: str, places: list[Place]) -> Coherence:
        counts: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        sure: dict[str, float] = {}
        for p in places:
            if p.country_code:
                counts[p.country_code] += max(1, len(p.mentions))
                kinds[p.country_code] += 1
                sure[p.country_code] = max(sure.get(p.country_code, 0.0), p.confidence)
        total = sum(counts.values()) or 1
        # the most mentioned country; between equals, the one read with more confidence
        home = max(counts, key=lambda cc: (counts[cc], sure[cc])) if counts else None
        located = [p for p in places if p.lat is not None and p.feature_code not in _AREAS - {
            ADMIN1, ADMIN2}]
        parts = frozenset(
            m.start for p in places for m in p.mentions if _PART_AFTER.match(text, m.end)
        )
        towns = [
            p for p in located if (p.feature_class == "P" or p.feature_code == ADMIN2)
            and not all(m.start in parts for m in p.mentions)
        ]
        return cls(
            home=home,
            share={cc: n / total for cc, n in counts.items()},
            kinds=kinds,
            home_points=[(p.lat, p.lon) for p in located if p.country_code == home],  # type: ignore[misc]
            towns=towns,
            parts=parts,
        )

    # the points sorted by latitude, so that `stray` reads only those within reach of a
    # place instead of every point of the article (a long article names hundreds)
    _home_sorted: list[tuple[float, float]] = field(init=False, repr=False, default_factory=list)
    _home_lats: list[float] = field(init=False, repr=False, default_factory=list)
    _towns_sorted: list[Place] = field(init=False, repr=False, default_factory=list)
    _town_lats: list[float] = field(init=False, repr=False, default_factory=list)

    def __post_init__(self) -> None:
        self._home_sorted = sorted(self.home_points, key=lambda pt: pt[0])
        self._home_lats = [a for a, _ in self._home_sorted]
        self._towns_sorted = sorted(self.towns, key=lambda t: t.lat)  # type: ignore[arg-type,return-value]
        self._town_lats = [t.lat for t in self._towns_sorted]  # type: ignore[misc]

    def stray(self, place: Place, start: int) -> bool:
        """The reading of the mention at `start` cannot be the event's place (see above)."""
        if place.lat is None or place.lon is None:
            return False
        cc = place.country_code
        if (
            cc
            and self.home
            and cc != self.home
            and self.kinds[cc] == 1  # ('Ryazan' beside 'Russia' is a place of the story)
            and (self.share.get(cc, 0.0) < FOREIGN_SHARE
                 or self.share.get(cc, 0.0) <= self.share.get(self.home, 0.0) == 0.5)
            and self.home_points
            and self._farther_than_home(place.lat, place.lon)
        ):
            return True
        if start in self.parts:
            others = any(t is not place for t in self.towns)  # stops at the first
            return others and self._far_from_towns(place)
        return False

    def _farther_than_home(self, lat: float, lon: float) -> bool:
        """Every home point lies farther than FOREIGN_KM from (lat, lon); those outside the
        latitude band of that reach do for certain, the rest are measured."""
        reach = _lat_reach(FOREIGN_KM)
        lo = bisect_left(self._home_lats, lat - reach)
        hi = bisect_right(self._home_lats, lat + reach)
        return all(haversine_km(lat, lon, a, b) > FOREIGN_KM
                   for a, b in self._home_sorted[lo:hi])

    def _far_from_towns(self, place: Place) -> bool:
        """Every other town lies farther than a part of a town can from it (PART_KM, or
        PART_DISTRICT_KM from a district's middle); outside the band of the larger reach
        they do for certain."""
        reach = _lat_reach(max(PART_KM, PART_DISTRICT_KM))
        lat, lon = place.lat, place.lon
        lo = bisect_left(self._town_lats, lat - reach)  # type: ignore[operator]
        hi = bisect_right(self._town_lats, lat + reach)  # type: ignore[operator]
        return all(
            haversine_km(lat, lon, t.lat, t.lon)  # type: ignore[arg-type]
            > (PART_DISTRICT_KM if t.feature_code == ADMIN2 else PART_KM)
            for t in self._towns_sorted[lo:hi]
            if t is not place
        )


def qualifiers(
    text: str, mentions: list[Mention] | tuple, words: LocatingWords
) -> tuple[set[int], set[int]]:
    """Starts of the mentions that only say where the mention before them is: (those inside
    the brackets written right after it, and a place noun: 'Venado Tuerto (Santa Fe)', 'X
    village (Y, Z)', 'Hays district (Al Hudaydah)'; those right after it and a comma:
    'Venado Tuerto, Santa Fe'). A bracket never holds the event's place when a place stands
    before it; a comma may open a list ('shelled Kherson, Nikopol and Marhanets')."""
    spans = sorted((start, start + len(words)) for start, _, _, words in mentions)
    comma: set[int] = set()
    bracket: set[int] = set()
    for a, b in zip(spans, spans[1:], strict=False):
        if b[0] < a[1]:
            continue
        if words.subunit_comma.fullmatch(text, a[1], b[0]) or (
            _COMMA_AFTER.fullmatch(text, a[1], b[0])
            and words.ends_subunit.search(text, a[0], a[1])
        ):
            bracket.add(b[0])  # 'X district, Y': Y only says where X is
        elif _COMMA_AFTER.fullmatch(text, a[1], b[0]):
            comma.add(b[0])
    for a in spans:
        opened = _BRACKET_AFTER.match(text, a[1])
        if not opened:
            continue
        close = text.find(")", opened.end())
        if close < 0:
            continue
        bracket.update(s for s, e in spans if opened.end() <= s and e <= close)
    return bracket, comma


def locators(text: str, mentions: list[Mention] | tuple, words: LocatingWords) -> set[int]:
    """Starts of the mentions that only locate something else: the anchor of a direction
    ('west of X') and the ends of a road named for them ('the X-Y highway'). They stand
    after the clause's other places, never instead of the only one."""
    if not mentions:
        return set()
    lo = max(0, min(m[0] for m in mentions) - 80)  # the sentence's reach, not the article
    hi = max(m[0] + len(m[3]) for m in mentions) + 80
    found = words.road_ends.finditer(text, lo, hi)
    roads = [m.span(g) for m in found for g in (1, 2) if m.group(g)]
    out: set[int] = set()
    for start, _, _, name in mentions:
        end = start + len(name)
        if _DIRECTION_OF.search(text, max(0, start - 60), start) or any(
            a <= start and end <= b for a, b in roads
        ):
            out.add(start)
    return out


def bracketed_after(text: str, start: int, words: str, mentions: list[Mention] | tuple
                    ) -> list[Mention]:
    """The mentions inside the brackets written right after the one at `start` ('X (Y, Z)',
    'X village (Y, Z)'), in order."""
    opened = _BRACKET_AFTER.match(text, start + len(words))
    if not opened:
        return []
    close = text.find(")", opened.end())
    if close < 0:
        return []
    return sorted((m for m in mentions if opened.end() <= m[0] and m[0] + len(m[3]) <= close),
                  key=lambda m: m[0])
