"""Relative location phrases before a place name: '5 km south of', 'near', 'outskirts of'.

The phrase is kept as written (PlaceMention.relation) and turns the mention's ACLED
geo_precision to 2. The word lists live in data/geo/relations.json.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from frontwire.geo.gazetteer import data_path
from frontwire.geo.offset import Offsets, load_offsets

STRICT_LOCATIVE = frozenset(
    {"in", "near", "at", "outside", "towards", "toward", "into", "around", "across",
     "throughout", "from", "of", "above", "below", "beyond"}
)


@dataclass(frozen=True)
class Relations:
    relative: re.Pattern[str]
    # the last word of any relative phrase and what may follow it: a cheap test that
    # spares the full pattern (tried at every offset of the window) most windows
    relative_end: re.Pattern[str]
    last_words: frozenset[str]  # the words a relative phrase can end with (a cheaper test)
    generic: re.Pattern[str]
    locative: frozenset[str]
    cue: re.Pattern[str]
    unknown_cue: re.Pattern[str]
    cued_name: re.Pattern[str]  # 'the village of Cellardyke': the cue and the name after it
    offsets: Offsets  # the distance and bearing a phrase gives ('5 km west of')
    # relation_before's answers: the parser, the ties and the resolver ask the same offsets
    _memo: dict[tuple[str, int], str | None] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                           reverse=True))


def load_relations() -> Relations:
    """The phrases of data/geo/relations.json, compiled (once, by the lexicon that holds them)."""
    data = json.loads(data_path("relations.json").read_text(encoding="utf-8"))
    offsets = load_offsets()
    # 'about five kilometres', 'some 20 km', 'a few miles': digits or number words (offset.py)
    distance = (rf"(?:(?:about|some|around|roughly|approximately|nearly|almost|just|less\s+than|"
                rf"more\s+than|over|under|up\s+to)\s+)?(?:{offsets.number})(?:-|\s*)"
                rf"(?:{_alt(data['units'])})\.?\s+")
    direction = rf"(?:{distance})?(?:{_alt(data['directions'])})\s+of"
    near = _alt(data["near"])
    generic = _alt(data["generic"])
    tail = rf"\s+(?:the\s+)?(?:(?:{generic})\s+)?$"
    relative = re.compile(rf"(?:{distance}from|{direction}|{near}){tail}", re.IGNORECASE)
    # every alternative above ends with 'from', 'of' or the last word of a 'near' phrase
    last_words = {"from", "of"} | {phrase.split()[-1] for phrase in data["near"]}
    relative_end = re.compile(rf"(?:{_alt(sorted(last_words))}){tail}", re.IGNORECASE)
    return Relations(
        relative=relative,
        relative_end=relative_end,
        last_words=frozenset(w.lower() for w in last_words),
        generic=re.compile(rf"(?:{generic})\s+$", re.IGNORECASE),
        locative=frozenset(data["locative"]),
        cue=re.compile(rf"\b(?:{_alt(data['place_cues'])})\s+(?:the\s+)?$", re.IGNORECASE),
        unknown_cue=re.compile(rf"\b(?:{_alt(data['unknown_cues'])})\s+$", re.IGNORECASE),
        cued_name=re.compile(rf"\b(?:{_alt(data['unknown_cues'])})\s+"
                             r"([A-Z][\w'\u2019\-]*(?:\s[A-Z][\w'\u2019\-]*){0,2})"),
        offsets=offsets,
    )


MEMO_SIZE = 1024  # answers kept (a few articles' worth): the memo is emptied when full
_UNSET: str | None = "\0unset"  # (None is an answer)


def relation_before(rel: Relations, text: str, start: int) -> str | None:
    """The relative phrase that ends right before `start`, as written, or None."""
    key, memo = (text, start), rel._memo
    found = memo.get(key, _UNSET)
    if found is _UNSET:  # (the local answer stays right if another thread empties the memo)
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        found = memo[key] = _relation_before(rel, text, start)
    return found


def _relation_before(rel: Relations, text: str, start: int) -> str | None:
    # the phrase ends in 'of', 'from' or a 'near' word at most three words back ('near the
    # village of'): look there before trying the full pattern at every offset
    if not any(w.lower() in rel.last_words for w in text[max(0, start - 40) : start].split()[-3:]):
        return None
    window = text[max(0, start - 60) : start]
    if not rel.relative_end.search(window):
        return None
    for word in _WORD_START.finditer(window):  # the leftmost phrase starts at a word
        m = rel.relative.match(window, word.start())
        if m:
            return m.group(0).strip()
    return None


_WORD_START = re.compile(r"(?<!\w)\w")


_LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")


def previous_word(text: str, start: int) -> str:
    """The word before `start`, lowercased ('' at the start of the text)."""
    m = _LAST_WORD.search(text[max(0, start - 30) : start])
    return m.group(1).lower() if m else ""


def after_place_cue(rel: Relations, text: str, start: int) -> bool:
    """'the battle for X', 'residents of X', 'withdrew from X': X reads as a place."""
    return rel.cue.search(text[max(0, start - 40) : start]) is not None


def after_generic_noun(rel: Relations, text: str, start: int) -> bool:
    """'the village of X', 'the town of X': X is a place whatever the tagger says."""
    return rel.generic.search(text[max(0, start - 40) : start]) is not None


def after_unknown_cue(rel: Relations, text: str, start: int) -> bool:
    """'the village of X', 'the suburb of X': X is a place even when no gazetteer holds it."""
    return rel.unknown_cue.search(text[max(0, start - 40) : start]) is not None
