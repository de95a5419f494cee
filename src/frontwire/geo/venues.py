"""Venues placed by the town the text puts them in: 'the al-Ahli Arab hospital in Gaza City',
'Karl Bremer Hospital in Cape Town', 'the Supreme People's Court in Beijing'.

ACLED codes an event at a hospital, school, market or camp at the town it stands in. A
venue's own name is no gazetteer name, and the names inside it mislead ('Nasser hospital' is
not the Egyptian village of Nasser), so the venue is found here by its form (a name closed by
a word for a building or site, then 'in' and a capitalised name) and placed later at the place
that follows it (geo/parser.py). The head words were written by the team from common English
usage; they live in data/geo/sites.json ('venue_heads')."""

from __future__ import annotations

import re
from collections.abc import Callable

from frontwire.geo.gazetteer import LANDMARK_CLASS, PRIMARY, Gazetteer
from frontwire.geo.lexicon import Lexicon, is_stop, major_place
from frontwire.geo.mislabels import POSSESSIVE
from frontwire.text.fold import ARABIC_ARTICLES, fold

AIRPORT_TOWN = 10_000  # an airport named for one town this big is that town's
VENUE_WORDS_MAX = 6  # words of a venue's name, its head included
_ARTICLE = re.compile(r"(?:The|A|An)\s+")


def _patterns(lex: Lexicon) -> tuple[re.Pattern[str], frozenset[str]]:
    heads = lex.venue_heads
    article = "|".join(ARABIC_ARTICLES)
    # 'Karl', "People's", 'al-Ahli', 'Wilkes-Barre/Scranton'
    word = rf"(?:(?:{article})-)?[A-Z][\w'\u2019\-]*(?:/[A-Z][\w'\u2019\-]*)?"
    link = r"(?:(?:of|for|de|the)\s+)"  # 'University of Perpetual Help'
    lower = "|".join(sorted(heads, key=len, reverse=True))
    name = (rf"((?:{word}\s+{link}*){{0,{VENUE_WORDS_MAX - 1}}}{word})"
            rf"(\s+(?:{lower}))?")
    anchored = re.compile(
        rf"(?<![\w\-]){name}"
        # then 'in' or ', in' and a capitalised name ('in the northern city of Tikrit'),
        # perhaps after a short name in brackets ('New Bilibid Prison (NBP) in Muntinlupa')
        r"(?=(?:\s*\([^()]{1,20}\))?\s*,?\s+in\s+(?:the\s+)?(?:[a-z]+ern\s+)?"
        r"(?:(?:city|town|village|district)\s+of\s+)?[A-Z])")
    return anchored, frozenset(heads)


def venues(text: str, gaz: Gazetteer, lex: Lexicon, claim: Callable[[int, int, str, str], None]
           ) -> None:
    """Claim every venue named right before the town it is in ('the Nasser hospital in Khan
    Younis'). A name that holds a country,
    a region or a great city is left to the other rules ('Texas Southern University in
    Houston' is about Texas as much as about a building)."""
    anchored, heads = lex.derived(_patterns)
    for m in anchored.finditer(text):
        _claim_venue(text, m, heads, gaz, lex, claim)


def _claim_venue(text: str, m: re.Match[str], heads: frozenset[str], gaz: Gazetteer,
                 lex: Lexicon, claim: Callable[[int, int, str, str], None]) -> None:
    start = m.start(1)
    article = _ARTICLE.match(text, start, m.end(1))
    if article:  # 'The Museum of Ice Cream': the article is no part of the name
        start = article.end()
    tail = m.group(2)
    words = text[start:m.end(1)].split()
    if not words or len(words) > VENUE_WORDS_MAX:
        return
    if not tail and words[-1].lower() not in heads:
        return  # no word for a building: 'Smith in Kyiv' is a person
    if tail is None and len(words) == 1:
        return  # 'Hospital in Boston': a generic word, not a name
    if any(_names_a_great_place(gaz, lex, words, k) or fold(words[k]) in lex.demonyms or (
            POSSESSIVE.search(words[k]) and gaz.lookup(POSSESSIVE.sub("", words[k])))
           for k in range(len(words))):
        # ('the State Russian Museum': the demonym's rules; "Seoul's Jamsil Stadium": the
        # owner's, geo/parser.py)
        return
    end = m.end(2) if tail else m.end(1)
    if any(gaz.entry(i).feature_code in LANDMARK_CLASS for i, _ in gaz.lookup(text[start:end])):
        return  # a landmark of the team's list has its own point
    claim(start, end, "venue", "FAC")


_AIRPORT_NAME = re.compile(r"(?:[Tt]he\s+)?((?:[A-Z][\w'\-]*\s){0,2}?[A-Z][\w'\-]*"
                           r"(?:(?:/|-\s)[A-Z][\w'\-]*)?)\s+"
                           r"(?:International\s+|Regional\s+)?Airport$")


def airport_towns(text: str, start: int, end: int, gaz: Gazetteer, lex: Lexicon,
                  claim: Callable[[int, int, str, str], None]) -> bool:
    """An airport entity named after the one town it serves ('the Port Sudan International
    Airport'): that town."""
    m = _AIRPORT_NAME.fullmatch(text, start, end)
    if not m:
        return False
    name = m.group(1)
    if "/" in name or "-" in name or is_stop(lex, name) or not any(
            kind == PRIMARY and gaz.entry(i).population >= AIRPORT_TOWN
            for i, kind in gaz.lookup(name)):
        return False  # (not 'Ben Gurion Airport')
    claim(m.start(1), m.end(1), "venue-town", "FAC")
    return True


def _names_a_great_place(gaz: Gazetteer, lex: Lexicon, words: list[str], k: int) -> bool:
    for n in (3, 2, 1):
        part = " ".join(words[k:k + n])
        if len(words[k:k + n]) == n and not is_stop(lex, part) and major_place(gaz, lex, part):
            return True
    return False
