"""Names the small English tagger cut short, ran together or read as other words, and the
words around them that give the whole name back: 'near Te' + 'Awamutu', 'Buffalo, New York',
'the village of Cellardyke'. Used by recognize.py."""

from __future__ import annotations

import re

from frontwire.geo.gazetteer import (
    ADMIN1,
    ADMIN2,
    CAPITAL,
    CITY,
    COUNTRY,
    PRIMARY,
    Gazetteer,
)
from frontwire.geo.lexicon import TRAILING, Lexicon, is_stop
from frontwire.text.fold import is_acronym

LEFT_WORD = re.compile(r"\b[A-Z][a-z]{1,3} $")  # 'Te ', 'San ', 'Le ': a name's first word
LEFT_TWO = re.compile(r"\b[A-Z][a-z]+ (?:St|Ste|Ft|Mt)\. $")  # 'Sault Ste. ' + 'Marie'
HEAD_TOWN = 5_000  # a short first word joined to the next name must make a town this big


def town_name(gaz: Gazetteer, lex: Lexicon, name: str, size: int = HEAD_TOWN) -> bool:
    """A town by its own full name ('Te Awamutu', 'San Fernando')."""
    return not is_stop(lex, name) and any(
        kind == PRIMARY and gaz.entry(i).population >= size
        and gaz.entry(i).feature_code not in (ADMIN1, ADMIN2, COUNTRY)
        for i, kind in gaz.lookup(name))


def cued_names(text: str, gaz: Gazetteer, lex: Lexicon, taken: bytearray, claim) -> None:
    """'the village of Cellardyke in Fife' with no entity the tagger found: a name no
    gazetteer holds, right after 'the village of', is a place too small for it (a known one
    is left to the gazetteer matcher, which takes the cue too)."""
    for m in lex.relations.cued_name.finditer(text):
        name = TRAILING.sub("", m.group(1))
        start = m.start(1)
        if taken[start] or is_stop(lex, name) or is_acronym(name) or gaz.lookup_inflected(name):
            continue
        claim(start, start + len(name), "cued-unknown", "")


_QUALIFIER = re.compile(r",\s+([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)")


def qualified_town(text: str, end: int, name: str, gaz: Gazetteer) -> bool:
    """A name followed by the state or country of a town of that name: 'Buffalo, New York'."""
    q = _QUALIFIER.match(text, end)
    if not q:
        return False
    areas = {(e.country_code, e.admin1_code if e.feature_code == ADMIN1 else "")
             for i, _ in gaz.lookup(q.group(1))
             if (e := gaz.entry(i)).feature_code in (COUNTRY, ADMIN1)}
    return any((e.country_code, "") in areas or (e.country_code, e.admin1_code) in areas
               for i, kind in gaz.lookup(name) if kind == PRIMARY
               and (e := gaz.entry(i)).feature_code in (CITY, CAPITAL))
