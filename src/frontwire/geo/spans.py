"""Repair of mention spans that name no gazetteer place as they stand: the tagger cut a name at
an abbreviation's full stop ('Fort St' + '. John') or in two ('Baja' + 'California'), or
wrapped it in words that are not part of it ('Province of Ontario', 'Enfield Borough')."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from frontwire.geo.gazetteer import ADMIN1, ADMIN2, COUNTRY, LANDMARK_CLASS, PRIMARY, Gazetteer
from frontwire.geo.lexicon import TRAILING, Lexicon, is_site, is_stop
from frontwire.text.fold import fold, is_acronym

if TYPE_CHECKING:
    from frontwire.geo.recognize import Mention

# 'St', 'Ft', 'Mt' closing a mention and a capitalised word after the full stop
_ABBREVIATION_CUT = re.compile(r"\.\s?([A-Z][\w'\u2019]*(?:\s[A-Z][\w'\u2019]*)?)")
ABBREVIATIONS = frozenset({"st", "ste", "ft", "mt", "pt"})  # 'Sault Ste. Marie', 'Mt. Vernon'
_WORD = re.compile(r"[A-Z][\w'\u2019.]*|[a-z]+")
TOWN = 5_000  # a one-word name cut from a longer one: a town of some size, not 'Empire'


def repair_spans(text: str, mentions: list[Mention], gaz: Gazetteer, lex: Lexicon,
                 make) -> list[Mention]:
    """The mentions, each unknown one widened over an abbreviation's full stop or narrowed to
    the longest known place inside it. `make(start, end, name, old)` builds a mention."""
    out = []
    widened: list[Mention] = []
    for m in _join_adjacent(text, mentions, gaz, make):
        if m.country or m.area or m.source == "venue" or gaz.lookup(m.text):
            out.append(m)  # (a venue's name is no place name: geo/venues.py)
            continue
        fixed = _widen(text, m, gaz, make)
        if fixed:
            widened.append(fixed)
        else:
            fixed = _narrow(text, m, gaz, lex, make, site=is_site(lex, m.text))
        out.append(fixed or m)
    # 'ST' + 'LOUIS' tagged apart: the second half is part of the widened name
    return [m for m in out if not any(w.start < m.start and m.end <= w.end for w in widened)]


_LOWER_WORD = re.compile(r"[ -]([a-z]+)")
SITE_WORDS = 4


def landmark_end(text: str, start: int, end: int, gaz: Gazetteer, lex: Lexicon) -> int | None:
    """Where the landmark named at text[start:end] ends: there ('the Crimean Bridge') or after
    the lowercase words of a site ('the Zaporizhzhia nuclear power plant', 'the Kakhovka
    dam'); None if the gazetteer holds no landmark of that name."""
    found = end if _is_landmark(gaz, text[start:end]) else None
    for _ in range(SITE_WORDS):
        word = _LOWER_WORD.match(text, end)
        if not word or word.group(1) not in lex.site_nouns:
            break
        end = word.end()
        if _is_landmark(gaz, text[start:end]):
            found = end
    return found


def _is_landmark(gaz: Gazetteer, name: str) -> bool:
    return any(gaz.entry(i).feature_code in LANDMARK_CLASS for i, _ in gaz.lookup(name))


def _join_adjacent(text: str, mentions: list[Mention], gaz: Gazetteer, make
                   ) -> list[Mention]:
    """'Baja' + 'California' tagged as two names one space apart: one place, when the
    gazetteer has the two together by their own name."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda x: x.start):
        prev = out[-1] if out else None
        if prev is not None and not (prev.country or prev.area or m.country or m.area) and (
                text[prev.end:m.start] == " ") and prev.text.split()[-1][:1].isupper():
            # (not 'City of' + 'Richmond': that is the town, as the tagger left it)
            name = text[prev.start:m.end]
            if any(kind == PRIMARY for _, kind in gaz.lookup(name)):
                out[-1] = make(prev.start, m.end, name, prev)
                continue
        out.append(m)
    return out


def _widen(text: str, m: Mention, gaz: Gazetteer, make) -> Mention | None:
    """'Fort St' + '. John', 'ST' + '. LOUIS', 'Sault Ste' + '. Marie': the name goes on
    after the abbreviation's full stop."""
    last = m.text.rsplit(" ", 1)[-1]
    if last.lower().rstrip(".") not in ABBREVIATIONS:
        return None
    follow = _ABBREVIATION_CUT.match(text, m.end)
    if not follow:
        return None
    for words in (follow.group(1), follow.group(1).split(" ")[0]):
        end = follow.start(1) + len(words)
        name = TRAILING.sub("", text[m.start:end])
        if gaz.lookup(name):
            return make(m.start, m.start + len(name), name, m)
    return None


def _narrow(text: str, m: Mention, gaz: Gazetteer, lex: Lexicon, make,
            site: bool = False) -> Mention | None:
    """The place inside the span: after a compass word or an admin word ('South Philadelphia',
    'Province of Ontario'), or before a local institution's name ('Enfield
    Borough', 'Anderson County Jail'; after a county or region, any name: 'Guernsey County
    Common Pleas Court'). Not a town before any other words: 'Scott Pruitt', 'Gateway
    Commerce Center'. Failing those, a country or region closing the span."""
    words = [(w.start(), w.end()) for w in _WORD.finditer(m.text)]
    if not words:
        return None
    lower = [fold(m.text[a:b]) for a, b in words]
    admin, prefixes = lex.admin_words, lex.area_prefixes | lex.admin_words | {"of"}
    if "in" in lower[1:-1]:  # 'St. Paul's Church in Elizabethtown'
        k = len(lower) - 1 - lower[::-1].index("in")
        a, b = words[k + 1][0], words[-1][1]
        name = TRAILING.sub("", m.text[a:b])
        if name[:1].isupper() and not is_stop(lex, name) and any(
                kind == PRIMARY for _, kind in gaz.lookup(name)):
            return make(m.start + a, m.start + a + len(name), name, m)
    first = 0
    while first < len(words) - 1 and (lower[first] in prefixes or lower[first] == "of" and (
            first > 0 and lower[first - 1] in admin)):
        first += 1
    if first and lower[first - 1] in admin:
        first = 0  # 'County Hall': an admin word is a prefix only with 'of' after it
    for begin, last in [(b, e) for b in sorted({0, first}) for e in range(len(words), b, -1)]:
        a, b = words[begin][0], words[last - 1][1]  # the longest name first
        name = TRAILING.sub("", m.text[a:b])
        if (a, a + len(name)) == (0, len(m.text)) or not name[:1].isupper():
            continue
        if is_stop(lex, name) or is_acronym(name) or fold(name) in lex.demonyms or all(
                w in prefixes for w in lower[begin:last]):
            continue
        if lower[begin] == "saint" and m.text[a + len(name):a + len(name) + 1] in "'\u2019":
            continue  # "St. Michael's Hospital": a saint's name, not the parish of St Michael
        hits = gaz.lookup(name)
        tail = " ".join(lower[last:])
        local = bool(tail) and (lower[last] in admin or any(
            tail == h or tail.startswith(h + " ") for h in lex.local_heads))
        # a site keeps its name ('Hampton Avenue', 'Washington Township'), unless it is a
        # county's or a town's institution ('Henderson County Jail', 'Paris City Hall')
        civic = lower[last - 1] in admin or last < len(lower) - 1 and lower[last] in admin
        # by its own name ('Brooke' alone is not Brooke County), or a county's bare name
        # before its officers ('Pointe Coupee Sheriff's Office'; not 'Webb Center')
        officers = bool(tail) and (lower[last] in lex.office_words or (
            lower[last].endswith("s") and lower[last][:-1] in lex.office_words))  # 'sheriffs'
        area = any(gaz.entry(i).feature_code in (COUNTRY, ADMIN1, ADMIN2) and (
            kind == PRIMARY or officers and gaz.entry(i).feature_code == ADMIN2
            # a state's short name after a direction: 'Western Mass.'
            or begin and lower[begin - 1] in lex.area_prefixes
            and gaz.entry(i).feature_code in (COUNTRY, ADMIN1)) for i, kind in hits)
        town = any(kind == PRIMARY and (" " in name or gaz.entry(i).population >= TOWN)
                   for i, kind in hits)
        if (area or town and (not tail or local)) and (civic or not site):
            return make(m.start + a, m.start + a + len(name), name, m)
    return None if site else _country_at_end(m, words, gaz, make)


def _country_at_end(m: Mention, words: list[tuple[int, int]], gaz: Gazetteer, make
                    ) -> Mention | None:
    """'United Russia', 'Movement for United Georgia', 'the Nice of Russia': a name that
    closes with a country's own name is about that country (regions are too often plain
    words: 'Convention Centre', 'Eglinton Avenue West')."""
    for begin in range(1, len(words)):
        a, b = words[begin][0], words[-1][1]
        name = TRAILING.sub("", m.text[a:b])
        if name[:1].isupper() and any(
                kind == PRIMARY and gaz.entry(i).feature_code == COUNTRY
                for i, kind in gaz.lookup(name)):
            return make(m.start + a, m.start + a + len(name), name, m)
    return None

