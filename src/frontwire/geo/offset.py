"""A relative location phrase as a distance and a bearing: 'about five kilometres west of',
'12 km north-east of', 'some 3 miles south of'.

`relative_offset` reads the phrase (as `relations.relation_before` returns it); `offset_point`
walks that far from the anchor on the sphere. A place the gazetteer lacks but the text gives
as '5 km west of Donetsk' is put there, with ACLED geo_precision 2 (near a known place).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from importlib import resources

EARTH_KM = 6371.0
BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
            "southwest": 225.0, "west": 270.0, "northwest": 315.0}  # fmt: skip
_KM_PER = {"km": 1.0, "kilomet": 1.0, "mi": 1.609, "mile": 1.609, "m": 0.001, "met": 0.001}
_UNIT = r"(?P<unit>km|kilomet(?:re|er)s?|miles?|mi|metres|meters|m)"


@dataclass(frozen=True)
class Offsets:
    """The number words and the distance patterns built on them (held by `Relations`)."""

    number_words: dict[str, float]
    number: str  # the pattern of a number: digits or a whole number word
    phrase: re.Pattern[str]  # a distance and a direction: '12 km north-east of'
    distance: re.Pattern[str]  # a distance alone


def load_offsets() -> Offsets:
    words = _number_words()
    number = _number_pattern(words)
    distance = rf"(?P<n>{number})(?:-|\s*){_UNIT}"
    phrase = re.compile(rf"{distance}\.?\s+(?:to\s+the\s+)?"
                        r"(?P<dir>(?:north|south)?-?(?:east|west)?|north|south)(?:ern)?\s+of\b",
                        re.IGNORECASE)
    return Offsets(words, number, phrase, re.compile(rf"{distance}\b", re.IGNORECASE))


def _number_words() -> dict[str, float]:
    """The number words of data/figures/quantities.json ('five', 'a few', 'a hundred'), the
    counts the figures stage reads too."""
    raw = (resources.files("frontwire.data.figures") / "quantities.json").read_text("utf-8")
    q = json.loads(raw)
    words = {w: float(v) for w, v in q["units"].items() if v > 0}
    words.update({w: float(v["value"]) for w, v in q["vague"].items()})
    words.update({f"a {w}": float(v) for w, v in q["scales"].items()})  # 'a hundred metres'
    return words


def _number_pattern(number_words: dict[str, float]) -> str:
    """Digits, or a whole number word ('a mile', but not the 'a' of 'am')."""
    words = sorted(number_words, key=len, reverse=True)
    return r"\d+(?:[.,]\d+)?|(?:" + "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b"


def _km(number: str, unit: str, words: dict[str, float]) -> float:
    folded = " ".join(number.lower().split())
    value = words[folded] if folded in words else float(folded.replace(",", "."))
    unit = unit.lower()
    per = next(v for k, v in sorted(_KM_PER.items(), key=lambda kv: -len(kv[0]))
               if unit.startswith(k))
    return value * per


def distance_km(phrase: str, offsets: Offsets) -> float | None:
    """The distance a relative phrase gives ('about five kilometres west of' -> 5.0), with the
    number words and patterns of the parser's `offsets`."""
    m = offsets.distance.search(phrase)
    return _km(m.group("n"), m.group("unit"), offsets.number_words) if m else None


def relative_offset(phrase: str, offsets: Offsets) -> tuple[float, float] | None:
    """(km, bearing in degrees) of a phrase giving both a distance and a direction."""
    m = offsets.phrase.search(phrase)
    if not m or not m.group("dir").strip("-"):
        return None
    direction = m.group("dir").lower().replace("-", "")
    if direction not in BEARINGS:
        return None
    return _km(m.group("n"), m.group("unit"), offsets.number_words), BEARINGS[direction]


def offset_point(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point `km` from (lat, lon) on the initial bearing `bearing` (great circle)."""
    d = km / EARTH_KM
    b = math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1),
                         math.cos(d) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 5), round((math.degrees(l2) + 540) % 360 - 180, 5)
