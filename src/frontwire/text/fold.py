"""Name folding: one key for the many spellings of a place name.

`fold` removes what never distinguishes two places in news text: case, diacritics, script
(Cyrillic is transliterated by unidecode), apostrophes, hyphens and dots, and it spells out
the usual abbreviations ("St." -> "saint"). `skeleton` goes further and merges the
transliteration variants that English, German, Dutch and Polish writers use for the same
Slavic name (kh/ch/h, y/j/i, w/v, oe/ou/u, doubled letters), so that "Bachmoet",
"Bachmut" and "Bakhmut" share one key. The skeleton is a weaker match than the folded key
and the resolver scores it lower.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc\u02b9`\u00b4]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/]+")
_DROP = re.compile(r"[^a-z0-9 ]")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}

# Ordered rewrite rules for the skeleton; order matters (digraphs before single letters).
_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "sc"),
    ("sch", "s"),
    ("kh", "h"),
    ("ch", "h"),
    ("zh", "z"),
    ("oe", "u"),
    ("ou", "u"),
    ("ck", "k"),
    ("ph", "f"),
    ("y", "i"),
    ("j", "i"),
    ("w", "v"),
    ("x", "h"),
)
_DOUBLE = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Lowercase ASCII key: 'Bakhmöt' -> 'bakhmot', 'St. Louis' -> 'saint louis'."""
    text = _APOSTROPHES.sub("", name)
    text = unidecode(text).lower()
    text = _APOSTROPHES.sub("", text)  # unidecode turns soft signs into apostrophes
    text = text.replace(".", " ")
    text = _SEPARATORS.sub(" ", text)
    text = _DROP.sub("", text)
    words = [_ABBREVIATIONS.get(w, w) for w in text.split()]
    return " ".join(words)


def fold_text(text: str) -> str:
    """`fold` for a whole article: the same key, not kept in the names' memo (a memo of
    article texts would grow with the corpus)."""
    return fold.__wrapped__(text)


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """Transliteration-blind key: 'Bachmoet', 'Bachmut', 'Bakhmut' -> 'bahmut'."""
    text = fold(name)
    for old, new in _SKELETON_RULES:
        text = text.replace(old, new)
    return _DOUBLE.sub(r"\1", text)


# the Arabic article in transliterated names ('al-Hol', 'Ar Raqqah', 'el-Fasher')
ARABIC_ARTICLES = ("al", "el", "ar", "as", "ash", "ad", "an", "at", "az")
_ARTICLE = re.compile(rf"^(?:{'|'.join(ARABIC_ARTICLES)}) ")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


def spelling_key(name: str) -> str:
    """The skeleton without a leading Arabic article or a final 'h' after a vowel, so that
    'Raqqa' and 'Ar Raqqah', 'Hudaydah' and 'Al Hudaydah' are spellings of one name."""
    key = skeleton(name)
    bare = _ARTICLE.sub("", key)
    if len(bare) >= 4:
        key = bare
    return _FINAL_H.sub("", key)


def is_acronym(text: str) -> bool:
    """'ISW', 'NATO', 'U.S.': all capitals (dots allowed), two letters or more."""
    if text.isascii():
        # ASCII: a letter is a capital or a small one; most names have a small one (and the
        # geoparser asks this of every name it meets)
        return text == text.upper() and sum(1 for c in text if c.isalpha()) >= 2
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
