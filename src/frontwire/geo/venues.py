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
from functools import lru_cache

from frontwire.geo.gazetteer import LANDMARK_CLASS, Gazetteer, data_path
from frontwire.geo.lexicon import Lexicon, is_stop, major_place

VENUE_WORDS_MAX = 6  # words of a venue's name, its head included
_ARTICLE = re.compile(r"(?:The|A|An)\s+")


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], frozenset[str]]:
    import json

    heads = json.loads(data_path("sites.json").read_text(encoding="utf-8"))["venue_heads"]
    word = r"(?:(?:al|el|an|ar|as|ad)-)?[A-Z][\w'\u2019\-]*"  # 'Karl', "People's", 'al-Ahli'
    link = r"(?:(?:of|for|de|the)\s+)"  # 'University of Perpetual Help'
    lower = "|".join(sorted(heads, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\w\-])((?:{word}\s+{link}*){{0,{VENUE_WORDS_MAX - 1}}}{word})"
        rf"(\s+(?:{lower}))?"
        # then 'in' or ', in' and a capitalised name ('in the northern city of Tikrit'),
        # perhaps after a short name in brackets ('New Bilibid Prison (NBP) in Muntinlupa')
        r"(?=(?:\s*\([^()]{1,20}\))?\s*,?\s+in\s+(?:the\s+)?(?:[a-z]+ern\s+)?"
        r"(?:(?:city|town|village|district)\s+of\s+)?[A-Z])")
    return pattern, frozenset(heads)


def venues(text: str, gaz: Gazetteer, lex: Lexicon, claim: Callable[[int, int, str, str], None]
           ) -> None:
    """Claim every venue named right before the town it is in. A name that holds a country,
    a region or a great city is left to the other rules ('Texas Southern University in
    Houston' is about Texas as much as about a building)."""
    if " in " not in text:
        return
    pattern, heads = _pattern()
    for m in pattern.finditer(text):
        start = m.start(1)
        article = _ARTICLE.match(text, start, m.end(1))
        if article:  # 'The Museum of Ice Cream': the article is no part of the name
            start = article.end()
        tail = m.group(2)
        words = text[start:m.end(1)].split()
        if not words or len(words) > VENUE_WORDS_MAX:
            continue
        if not tail and words[-1].lower() not in heads:
            continue  # no word for a building: 'Smith in Kyiv' is a person
        if tail is None and len(words) == 1:
            continue  # 'Hospital in Boston': a generic word, not a name
        if any(_names_a_great_place(gaz, lex, words, k) for k in range(len(words))):
            continue
        end = m.end(2) if tail else m.end(1)
        if any(gaz.entry(i).feature_code in LANDMARK_CLASS for i, _ in gaz.lookup(
                text[start:end])):
            continue  # a landmark of the team's list has its own point
        claim(start, end, "venue", "FAC")


def _names_a_great_place(gaz: Gazetteer, lex: Lexicon, words: list[str], k: int) -> bool:
    for n in (3, 2, 1):
        part = " ".join(words[k:k + n])
        if len(words[k:k + n]) == n and not is_stop(lex, part) and major_place(gaz, lex, part):
            return True
    return False
