"""A relative location phrase as a distance and a bearing: 'about five kilometres west of',
'12 km north-east of', 'some 3 miles south of'.

`relative_offset` reads the phrase (as `relations.relation_before` returns it); `offset_point`
walks that far from the anchor on the sphere. A place the gazetteer lacks but the text gives
as '5 km west of Donetsk' is put there, with ACLED geo_precision 2 (near a known place).
"""

from __future__ import annotations

import math
import re

EARTH_KM = 6371.0
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a hundred": 100, "a few": 3, "a couple of": 2,
}  # fmt: skip
NUMBER = r"\d+(?:[.,]\d+)?|" + "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(NUMBER_WORDS, key=len, reverse=True)
)
BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
            "southwest": 225.0, "west": 270.0, "northwest": 315.0}  # fmt: skip
_KM_PER = {"km": 1.0, "kilomet": 1.0, "mi": 1.609, "mile": 1.609, "m": 0.001, "met": 0.001}
_PHRASE = re.compile(
    rf"(?P<n>{NUMBER})(?:-|\s*)(?P<unit>km|kilomet(?:re|er)s?|miles?|mi|metres|meters|m)\.?\s+"
    r"(?:to\s+the\s+)?(?P<dir>(?:north|south)?-?(?:east|west)?|north|south)(?:ern)?\s+of\b",
    re.IGNORECASE,
)
_DISTANCE = re.compile(
    rf"(?P<n>{NUMBER})(?:-|\s*)(?P<unit>km|kilomet(?:re|er)s?|miles?|mi|metres|meters|m)\b",
    re.IGNORECASE,
)


def _km(number: str, unit: str) -> float:
    folded = " ".join(number.lower().split())
    value = float(NUMBER_WORDS[folded]) if folded in NUMBER_WORDS else float(
        folded.replace(",", "."))
    unit = unit.lower()
    per = next(v for k, v in sorted(_KM_PER.items(), key=lambda kv: -len(kv[0]))
               if unit.startswith(k))
    return value * per


def distance_km(phrase: str) -> float | None:
    """The distance a relative phrase gives ('about five kilometres west of' -> 5.0)."""
    m = _DISTANCE.search(phrase)
    return _km(m.group("n"), m.group("unit")) if m else None


def relative_offset(phrase: str) -> tuple[float, float] | None:
    """(km, bearing in degrees) of a phrase giving both a distance and a direction."""
    m = _PHRASE.search(phrase)
    if not m or not m.group("dir").strip("-"):
        return None
    direction = m.group("dir").lower().replace("-", "")
    if direction not in BEARINGS:
        return None
    return _km(m.group("n"), m.group("unit")), BEARINGS[direction]


def offset_point(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point `km` from (lat, lon) on the initial bearing `bearing` (great circle)."""
    d = km / EARTH_KM
    b = math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1),
                         math.cos(d) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 5), round((math.degrees(l2) + 540) % 360 - 180, 5)
