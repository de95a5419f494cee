"""Names the text ties to another place: 'Novoselivka, 10 km north of Lyman', 'the village of
Kamianka in the Kharkiv region', 'Kabo (Tchaourou, Borgou)'.

The tie narrows the readings of the first name: a namesake that lies far from the place it
is tied to (farther than the distance given, or than ANCHOR_KM; outside the region it is
said to be in) is another village. The reading that fits is taken; when none fits, the
village is one no gazetteer holds, and it is coded at the place it is tied to (ACLED: a
town it is near or given relative to, geo_precision 2; a region it lies in, 3).
"""

from __future__ import annotations

import re

from frontwire.geo.gazetteer import ADMIN1, ADMIN2, CONTINENT, COUNTRY, REGION, Entry
from frontwire.geo.offset import Offsets, distance_km
from frontwire.geo.relations import Relations, relation_before
from frontwire.geo.resolve import Resolution, haversine_km

ANCHOR_KM = 100.0  # a village tied to a town lies this close to it at most
SLACK_KM = 15.0  # the point of a village, and a distance 'about' given, are approximate
# between a village and the region it lies in: 'X in the Y region', 'X (Y, Z)', 'X, in Y',
# 'X district of Y region'
_IN_GAP = re.compile(
    r"\s*(?:(?:district|raion|county|municipality|hromada|community|commune|village|town)"
    r"\s+of\s+(?:the\s+)?|(?:,\s*)?(?:in\s+(?:the\s+)?|\(\s*))"
)
# a town in brackets after a name places it: 'Kabo (Tchaourou, Borgou)', 'Pokrovsk (Donetsk)'
_PAREN_GAP = re.compile(r"\s*\(\s*")
_TOWN_GAP = re.compile(r"\s*,?\s*in\s+(?:the\s+)?", re.IGNORECASE)
# words between a village and its relative phrase: 'X, located about 5 km west of Y'
_FILLER = re.compile(r"^(?:(?:which|that)\s+(?:is|lies)\s+|located\s+|situated\s+|lying\s+)",
                     re.IGNORECASE)


def only_relation(gap: str, relation: str) -> bool:
    """Is the text between a name and its anchor nothing but the relative phrase ('X, located
    about 5 km west of Y')?"""
    return _FILLER.sub("", gap.strip(" ,").strip()).strip() == relation
_AREAS = frozenset({COUNTRY, CONTINENT, REGION})


def _limit_km(relation: str, offsets: Offsets) -> float:
    """How far from its anchor a place given as '<relation> <anchor>' may lie ('about five
    kilometres west of': 5 km, with slack)."""
    km = distance_km(relation, offsets)
    return ANCHOR_KM if km is None else min(ANCHOR_KM, 1.5 * km + SLACK_KM)


def _inside(entry: Entry, area: Entry) -> bool:
    if area.feature_code == ADMIN1:
        return entry.country_code == area.country_code and entry.admin1_code == area.admin1_code
    return haversine_km(entry.lat, entry.lon, area.lat, area.lon) <= ANCHOR_KM / 2


Tie = tuple[str, Entry, int, str | None]  # (name, anchor, precision, relative phrase)


def tie_to_anchors(resolutions: list[Resolution], text: str, rels: Relations) -> list[Tie]:
    """Re-read the names the text ties to the next place; returns (name, anchor, precision,
    relative phrase or None) for each tied name that no reading fits (its resolution is then
    left without one)."""
    moves: list[Tie] = []
    for r, s in zip(resolutions, resolutions[1:], strict=False):
        if r.candidate is None or s.candidate is None or s.mention.start < r.mention.end:
            continue
        own, anchor = r.candidate.entry, s.candidate.entry
        if (
            own.feature_code in _AREAS
            or own.feature_code == ADMIN1
            or anchor.feature_code in (_AREAS)
        ):
            continue
        gap = text[r.mention.end : s.mention.start]
        relation = relation_before(rels, text, s.mention.start)
        phrase = None
        if relation and only_relation(gap, relation) and (
                anchor.feature_code != ADMIN1):
            phrase = relation
            limit = _limit_km(relation, rels.offsets)

            def fits(e: Entry, a: Entry = anchor, km: float = limit) -> bool:
                return haversine_km(e.lat, e.lon, a.lat, a.lon) <= km

            precision = 2
        elif _IN_GAP.fullmatch(gap) and anchor.feature_code in (ADMIN1, ADMIN2):

            def fits(e: Entry, a: Entry = anchor) -> bool:
                return _inside(e, a)

            precision = 3 if anchor.feature_code == ADMIN1 else 2
        elif _TOWN_GAP.fullmatch(gap) and anchor.feature_class == "P" and (
                own.country_code != anchor.country_code):
            # 'Muradnagar in Comilla': no place lies in a town of another country

            def fits(e: Entry, a: Entry = anchor) -> bool:
                return e.country_code == a.country_code and haversine_km(
                    e.lat, e.lon, a.lat, a.lon) <= ANCHOR_KM

            precision = 2
        elif _PAREN_GAP.fullmatch(gap):

            def fits(e: Entry, a: Entry = anchor) -> bool:  # (near it, or in its region)
                return haversine_km(e.lat, e.lon, a.lat, a.lon) <= ANCHOR_KM or (
                    e.country_code == a.country_code and e.admin1_code == a.admin1_code
                )

            precision = 2
        else:
            continue
        # (the anchor's name may be its region's too: 'Venado Tuerto (Santa Fe)' is in the
        # province, 260 km from the city)
        regions = [
            c.entry for c in s.mention.candidates if c.entry.feature_code in (ADMIN1, ADMIN2)
        ]
        if fits(own) or any(_inside(own, a) for a in regions):
            continue
        near = [
            c
            for c in r.mention.candidates
            if c.entry.feature_code not in _AREAS
            and (fits(c.entry) or any(_inside(c.entry, a) for a in regions))
        ]
        if near:
            r.candidate = max(near, key=lambda c: c.score)
            continue
        r.candidate = None
        moves.append((r.mention.text, anchor, precision, phrase))
    return moves
