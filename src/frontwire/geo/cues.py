"""Where the text's layout or wording says "place": datelines, headline segments, list
members after a place, region abbreviations after a place ('Churchill, Man.'), a
known name before a local noun, a union of states after a locative word ('within the EU')."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from frontwire.events.doctokens import doc_parse, doc_tokens
from frontwire.geo.gazetteer import ADMIN1, COUNTRY, PRIMARY, Gazetteer
from frontwire.geo.lexicon import MAJOR_CITY, Lexicon, is_stop
from frontwire.text.context import doc_text
from frontwire.text.fold import fold, is_acronym, spelling_key

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from frontwire.geo.recognize import Mention




_DATELINE_NAME = r"[A-Z][a-z]?[A-Z.'\u2019\-]+(?: [A-Z][a-z]?[A-Z.'\u2019\-]+){0,3}"
_DATELINE = re.compile(  # 'MIEH MIEH/BEIRUT:' names two places
    rf"(?:^|\n|[.!?]\s+)({_DATELINE_NAME})(?:/({_DATELINE_NAME}))?"
    r"(?=\s*(?:,|\(|\u2014|\u2013|-+\s|:))"
)


# 'March 30, 2009 NEWARK -- ...': a dateline in capitals after a byline or a date, wherever
# it stands, followed by a dash or an agency tag
_CAPS_NAME = r"[A-Z][A-Z.'\u2019\-]+(?: [A-Z][A-Z.'\u2019\-]+){0,3}"
_CAPS_DATELINE = re.compile(
    rf"(?<![\w,])({_CAPS_NAME})(?:\s*&\s*({_CAPS_NAME}))?"  # 'TIJUANA & SAN DIEGO'
    r"(?=(?:,\s*[A-Z][A-Za-z.]+)?,*\s*(?:[A-Z][A-Za-z]+\.? \d{1,2},? \d{4}\s*)?"  # a date
    r"(?:--|\u2014|\u2013|\((?:AP|Reuters|AFP|UPI)\)))"
)


def datelines(text: str, gaz: Gazetteer, lex: Lexicon, claim) -> None:
    """'KYIV, May 4 (Wire) -', 'KRAMATORSK —', 'DNIPRO, Ukraine (Wire)': the capitalised
    place that opens a wire story or a paragraph; the same in capitals after a byline."""
    caps = any(mark in text for mark in ("--", "\u2014", "\u2013", "(AP", "(Reuters", "(AFP",
                                         "(UPI"))
    for m in _CAPS_DATELINE.finditer(text) if caps else ():
        for g in (1, 2):
            name = m.group(g)
            if name and len(name) >= 3 and not is_stop(lex, name) and gaz.lookup(name) and (
                name.strip(".") not in lex.acronyms
            ):
                claim(m.start(g), m.end(g), "dateline", "")
    for m in _DATELINE.finditer(text):
        for g in (1, 2):
            name = m.group(g)
            if not name or len(name) < 3 or name.strip(".") in lex.acronyms or is_stop(
                    lex, name):
                continue
            if gaz.lookup(name):
                claim(m.start(g), m.end(g), "dateline", "")


# 'a Sligo-based charity', 'the Kharkiv-based brigade': a place a body is based in
_BASED = re.compile(r"(?<![\w-])([A-Z][\w.'\u2019]*(?: [A-Z][\w.'\u2019]*){0,2})-based\b")


def based_places(text: str, gaz: Gazetteer, lex: Lexicon, claim) -> None:
    """'the Sligo-based mother', 'a Kyiv-based analyst': the place before '-based'."""
    if "-based" not in text:
        return
    for m in _BASED.finditer(text):
        name = m.group(1)
        for cut in range(name.count(" ") + 1):  # 'London' of 'Then London-based'
            part = name.split(" ", cut)[-1]
            hits = gaz.lookup(part)
            if hits and not is_stop(lex, part) and (not is_acronym(part) or any(
                    gaz.entry(i).feature_code in (COUNTRY, ADMIN1) for i, _ in hits)):
                # (an acronym only for a country or state: 'US-based', not 'GPS-based')
                claim(m.end(1) - len(part), m.end(1), "based", "")
                break


_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "poss"})


def _union_pattern(lex: Lexicon) -> re.Pattern[str] | None:
    names = lex.unions
    if not names:
        return None
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"\b(?:in|within|across|throughout|outside|inside)\s+(?:the\s+)?"
                      rf"({alternatives})(?![\w\-]|\.\w)")


def union_places(doc: Doc, lex: Lexicon, claim) -> None:
    """'airports within the EU', 'farmers across the EU protested': a union of states named as
    the ground something happens on is a place; not 'EU officials said', nor 'in the EU
    Transport Commission' or 'in EU institutions', where it names an organisation."""
    pattern = lex.derived(_union_pattern)
    text = doc_text(doc)
    if pattern is None or not any(name in text for name in lex.unions):
        return
    starts = doc_tokens(doc).idx
    dep = doc_parse(doc).dep
    for m in pattern.finditer(text):
        last = bisect_right(starts, m.end(1) - 1) - 1  # the name's last token
        if dep[last] not in _MODIFIER_DEPS:
            claim(m.start(1), m.end(1), "union-place", "")


_SEGMENT = re.compile(r"[^;\n|]+")
_GENERIC_TAIL = re.compile(r"\s+(?:city|town|village|airport|oblast|region)$", re.IGNORECASE)


def segment_names(text: str, gaz: Gazetteer, lex: Lexicon, claim) -> None:
    """Segments of a headline list or caption that are nothing but a known place name
    ('Toretsk;', 'Kharkiv airport;'), whatever the tagger made of them."""
    for m in _SEGMENT.finditer(text):
        seg = m.group(0)
        name = seg.strip(" .,:-\t\u2013\u2014")
        if not name or not name[:1].isupper() or len(name.split()) > 4:
            continue
        if is_stop(lex, name) or fold(name) in lex.demonyms or is_acronym(name):
            continue
        core = _GENERIC_TAIL.sub("", name)
        if gaz.lookup(name) or core != name and gaz.lookup(core):
            start = m.start() + seg.index(name)
            claim(start, start + len(name), "segment", "")


_LIST_NEXT = re.compile(
    r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:all\s+|the\s+)?"
    r"([A-Z][\w.'\u2019\-]*(?: [A-Z][\w.'\u2019\-]*){0,2})"
    r"(?=\s*(?:,|\band\b|\bor\b|\)|;|\.|\s+(?:counties|townships|towns|cities|villages|"
    r"provinces|regions|oblasts|districts|areas)\b"
    r"|\s+(?:on|overnight|early|late|last|this|yesterday|today|tonight)\b"  # '... and Rafah on'
    r"|\s+(?:in|near)\s+(?:the\s+|[a-z]+ern\s+)?[A-Z]))"  # 'and Tal Abyad in northern Syria'

)


_QUALIFIER_NEXT = re.compile(r",\s*((?:[A-Z]\.\s?)+[A-Z]\.|[A-Z][A-Za-z]{0,4}\.?)(?![\w])")


def qualifier_abbreviations(text: str, gaz: Gazetteer, lex: Lexicon, mentions: list[Mention],
                            claim) -> None:
    """'Churchill, Man.', 'LOUISVILLE, KY--', 'Washington, D. C.': a region's abbreviation
    right after a place (not an agency's: 'Moscow, SANA-')."""
    for m in list(mentions):
        q = _QUALIFIER_NEXT.match(text, m.end)
        if q and q.group(1).strip(".") not in lex.acronyms and any(
                gaz.entry(i).feature_code == ADMIN1 for i, _ in gaz.lookup(q.group(1))):
            claim(q.start(1), q.end(1), "qualifier", "")


def list_members(text: str, gaz: Gazetteer, lex: Lexicon, mentions: list[Mention],
                  claim, person_words: set[str]) -> None:
    """'Harwinton, Bantam, Litchfield and Winsted', 'Becker, Clay and Wilkin counties': a
    known name listed right after a place is a place too, whatever the tagger called it (it
    must itself end a list item, so 'in Kyiv, Smith said' adds nothing). `claim` refuses a
    span inside a longer name or over another mention."""
    queue = sorted(m.end for m in mentions)
    while queue:
        end = queue.pop(0)
        m = _LIST_NEXT.match(text, end)
        if not m:
            continue
        name = m.group(1).rstrip(".")
        hits = gaz.lookup(name)
        spelled = not hits and len(name) >= SPELLING_MIN and bool(gaz.lookup_skeleton(name))
        if not (hits or spelled) or is_stop(lex, name) or is_acronym(name) or (
                name in person_words) or hits and not any(
            kind == PRIMARY or spelling_key(gaz.entry(i).name) == spelling_key(name)
            or gaz.entry(i).population >= MAJOR_CITY or " " in name for i, kind in hits
        ):  # (an alternate name counts when it spells the entry's own, 'Tal Abyad', names a
            # big city, 'Hodeidah', or is no single word, 'Beit Lahia'; an unknown spelling,
            # when a town's name sounds the same)
            continue
        before = len(mentions)
        claim(m.start(1), m.start(1) + len(name), "list", "")
        if len(mentions) > before:
            queue.append(mentions[-1].end)


SPELLING_MIN = 6  # shorter names share their transliteration skeleton with too many others
_NEXT_WORDS = re.compile(r"(?:['\u2019]s)?\s+([A-Za-z]+)(?:\s+([A-Za-z]+))?(?:\s+([A-Za-z]+))?")


def local_word_after(text: str, end: int, lex: Lexicon) -> bool:
    """Is the name followed by a local noun ('residents', 'police', 'mayor') or the start of a
    local institution's name ('Volunteer Fire Department')?"""
    m = _NEXT_WORDS.match(text, end)
    if not m:
        return False
    words = [w.lower() for w in m.groups() if w]
    if words[0] in lex.local_nouns:
        return True
    return any(" ".join(words[:n]) in lex.local_heads for n in range(1, len(words) + 1))
