"""Names the small English tagger cut short, ran together or read as other words, and the
words around them that give the whole name back: 'Guinea' + '-Bissau', 'the Bay of' +
'Biscay', 'near Te' + 'Awamutu', 'ISLE OF' + 'PALMS', 'Two' + 'Harbors', 'Mr Trump -
Wisconsin', 'Police in Hamilton', 'Buffalo, New York', 'the village of Cellardyke'. Used by
recognize.py."""

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
from frontwire.geo.mislabels import POSSESSIVE
from frontwire.geo.relations import relations
from frontwire.text.fold import is_acronym

NAME_TAIL = re.compile(r"-[A-Z][\w'\u2019]*|\s+of\s+(?:the\s+)?[A-Z][\w'\u2019]*"
                        r"|(?<= of)\s+(?:the\s+)?[A-Z][\w'\u2019]*")  # 'the Bay of' + 'Biscay'


def longer_name(text: str, start: int, end: int, gaz: Gazetteer) -> int | None:
    """The end of a country's or a town's longer name that the tagger cut short: 'Guinea'
    of 'Guinea-Bissau', 'Democratic Republic' of 'Democratic Republic of the Congo'."""
    tail = NAME_TAIL.match(text, end)
    if not tail:
        return None
    name = text[start : tail.end()]
    name = name[4:] if name[:4].lower() == "the " else name
    if any(kind == PRIMARY or gaz.entry(i).feature_code == COUNTRY
           for i, kind in gaz.lookup(name)):
        return tail.end()
    return None


SPACED_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
NUMBER_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}\b")  # 'Two Harbors'
# 'At 12:03 p.m. Harris County dispatchers': a county the tagger ran into a time before it
NUMBER_TAIL = re.compile(r"(?:\d|[ap]\.m\.)\s+((?:[A-Z][a-z]+ ){1,2}(?:County|Parish|Co\.))$")
LEFT_WORD = re.compile(r"\b[A-Z][a-z]{1,3} $")  # 'Te ', 'San ', 'Le ': a name's first word
LEFT_TWO = re.compile(r"\b[A-Z][a-z]+ (?:St|Ste|Ft|Mt)\. $")  # 'Sault Ste. ' + 'Marie'
# a title the tagger left out of a town's name: 'from Prince' + 'Albert', 'King' + 'City'
LEFT_TITLE = re.compile(r"\b(?:Prince|Princess|King|Queen|Lord|Lady) $")
# a county word the tagger labelled alone ('Lafourche' + 'Parish' tagged NORP): its name
COUNTY_WORDS = frozenset({"County", "Parish", "Borough", "Township"})
LEFT_NAMES = re.compile(r"\b[A-Z][\w'\-]+(?: [A-Z][\w'\-]+)? $")
LEFT_OF = re.compile(r"\b[A-Z][A-Za-z']+ (?:of|OF) $")  # 'ISLE OF ' + 'PALMS'
HEAD_TOWN = 5_000  # a short first word joined to the next name must make a town this big
NUMBER_TOWN = 1_000  # a number word and a name ('Two Harbors', 'Five Points'), this big


def town_name(gaz: Gazetteer, lex: Lexicon, name: str, size: int = HEAD_TOWN) -> bool:
    """A town by its own full name ('Te Awamutu', 'San Fernando')."""
    return not is_stop(lex, name) and any(
        kind == PRIMARY and gaz.entry(i).population >= size
        and gaz.entry(i).feature_code not in (ADMIN1, ADMIN2, COUNTRY)
        for i, kind in gaz.lookup(name))


STOP_TOWN = 50_000  # a town this big is the reading of 'police in Hamilton'


def local_stop_name(text: str, start: int, name: str, gaz: Gazetteer, lex: Lexicon) -> bool:
    """'Police in Hamilton', 'homes in Reading': a name that is also a common word or a
    surname reads as a town after a local noun and 'in', where a sizeable town bears it;
    not 'interest in Hamilton's plan'."""
    before = text[max(0, start - 40) : start]
    m = _LOCAL_IN.search(before)
    if not m or m.group(1).lower() not in lex.local_nouns:
        return False
    if POSSESSIVE.match(text, start + len(name)):
        return False
    return any(kind == PRIMARY and gaz.entry(i).population >= STOP_TOWN
               for i, kind in gaz.lookup(name))


_LOCAL_IN = re.compile(r"\b([A-Za-z]+)\s+in\s+$")


def cued_names(text: str, gaz: Gazetteer, lex: Lexicon, taken: list[bool], claim) -> None:
    """'the village of Cellardyke in Fife' with no entity the tagger found: a name no
    gazetteer holds, right after 'the village of', is a place too small for it (a known one
    is left to the gazetteer matcher, which takes the cue too)."""
    for m in relations().cued_name.finditer(text):
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
