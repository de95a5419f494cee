"""Toponym recognition: which spans of the article name places.

Three sources, in order of trust:
1. the NER's place entities (GPE, LOC, FAC), trimmed of articles and possessives;
2. names the NER labelled PERSON or ORG that the gazetteer knows, when the words before
   them make them a place ('in Krasnohorivka', 'the village of Zelene');
3. runs of proper nouns the NER missed that match a gazetteer name, when they are not
   sentence-initial guesses, stop names (months, common words) or acronyms.
Demonyms (NORP: 'Ukrainian troops') and places inside organisation names ('Kyiv Post')
are not places; they are returned as country context for the resolver.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.attrs import POS
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span

from frontwire.events.doctokens import doc_tokens
from frontwire.geo.distance import haversine_km
from frontwire.geo.gazetteer import (
    ADMIN1,
    ADMIN2,
    ALTERNATE,
    COUNTRY,
    PRIMARY,
    Gazetteer,
    data_path,
)
from frontwire.geo.relations import (
    STRICT_LOCATIVE,
    after_generic_noun,
    after_place_cue,
    previous_word,
    relations,
)
from frontwire.text.context import doc_text
from frontwire.text.fold import fold, is_acronym

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAX_NGRAM = 4
_CYRILLIC = re.compile("[\u0400-\u04ff]")  # a Cyrillic name is never an English word
MAJOR_CITY = 100_000
ECHO_MIN_POPULATION = 1_000
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['\u2019]s?|[.,;:])$")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    source: str  # "ner", "ner-locative", "gazetteer"
    label: str = ""
    candidates: list = field(default_factory=list)  # filled by the resolver
    country: str = ""  # for a demonym read as its country (optional mode)
    key: str = field(init=False)  # the folded name: repeats of a name share it

    def __post_init__(self) -> None:
        self.key = fold(self.text)


@dataclass
class Context:
    """Country evidence that is not itself a place: demonyms, names inside organisations."""

    countries: dict[str, float] = field(default_factory=dict)

    def add(self, cc: str, weight: float) -> None:
        if cc:
            self.countries[cc] = self.countries.get(cc, 0.0) + weight


@dataclass(frozen=True)
class Lexicon:
    stop: frozenset[str]
    acronyms: frozenset[str]
    person_titles: frozenset[str]
    demonyms: dict[str, str]
    local_heads: frozenset[str]
    of_heads: frozenset[str]
    media_heads: frozenset[str]
    local_nouns: frozenset[str]
    metonymy_nouns: frozenset[str]
    office_words: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    stop = json.loads(data_path("stopnames.json").read_text(encoding="utf-8"))
    world = json.loads(data_path("world.json").read_text(encoding="utf-8"))
    orgs = json.loads(data_path("org_places.json").read_text(encoding="utf-8"))
    return Lexicon(
        stop=frozenset(fold(w) for w in stop["words"]),
        acronyms=frozenset(stop["acronyms"]),
        person_titles=frozenset(stop["person_titles"]),
        demonyms={fold(k): v for k, v in world["demonyms"].items()},
        local_heads=frozenset(fold(w) for w in orgs["local_heads"]),
        of_heads=frozenset(fold(w) for w in orgs["of_heads"]),
        media_heads=frozenset(fold(w) for w in orgs["media_heads"]),
        local_nouns=frozenset(orgs["local_nouns"]),
        metonymy_nouns=frozenset(orgs["metonymy_nouns"]),
        office_words=frozenset(orgs["office_words"]),
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    m = _LEADING.match(span)
    if m:
        start += m.end()
    while end > start and _TRAILING.search(text[start:end]):
        cut = _TRAILING.search(text[start:end])
        end = start + cut.start()
    return start, end


def _is_stop(lex: Lexicon, text: str) -> bool:
    return fold(text) in lex.stop or text.strip(".") in lex.acronyms


def find_mentions(doc: Doc, gaz: Gazetteer, demonyms: bool = False
                  ) -> tuple[list[Mention], Context]:
    """All toponym mentions in the document, sorted by offset, and country context.

    Demonyms ('Ukrainian troops') are country context, not places; with `demonyms=True`
    they are also reported as mentions of their country (the LGL/TR-News convention)."""
    text = doc_text(doc)
    lex = lexicon()
    mentions: list[Mention] = []
    context = Context()
    taken = [False] * (len(text) + 1)

    def claim(start: int, end: int, source: str, label: str) -> None:
        whole = end
        start, end = _trim(text, start, end)
        if whole > end and text[end:whole].rstrip(".,;:") and gaz.lookup(text[start:whole]):
            end = whole - (len(text[start:whole]) - len(text[start:whole].rstrip(".,;:")))
            # "St. John's" is the name itself, not a possessive
        if end <= start or any(taken[start:end]):
            return
        for i in range(start, end):
            taken[i] = True
        mentions.append(Mention(start, end, text[start:end], source, label))

    blocked: list[tuple[int, int]] = []  # entities that are not places: skip in step 3
    maybe = []  # PERSON/ORG entities: places only if the article names them as places
    ents = doc.ents  # spaCy builds the Span tuple anew on every access
    for ent in ents:
        label = ent.label_
        etext = text[ent.start_char : ent.end_char]  # Span.text joins its tokens anew
        if _CYRILLIC.search(etext) and not is_acronym(etext) and len(ent) <= 3 and (
            _cyrillic_place(gaz, etext)
        ):  # the English tagger's label on Cyrillic words means little: the gazetteer decides
            claim(ent.start_char, ent.end_char, "cyrillic", label)
            continue
        demonym = lex.demonyms.get(fold(etext))
        if demonym and label in ("NORP", "GPE", "LOC", "PERSON", "ORG"):
            context.add(demonym, 0.5)  # 'Ukrainian troops': the country, as context
            if demonyms:
                claim(ent.start_char, ent.end_char, "demonym", "DEMONYM")
                if mentions and mentions[-1].start == ent.start_char:
                    mentions[-1].country = demonym
            else:
                blocked.append((ent.start_char, ent.end_char))
            continue
        if label in PLACE_LABELS:
            if etext.strip(".") in lex.acronyms:
                blocked.append((ent.start_char, ent.end_char))
                continue
            if _hyphen_parts(ent, gaz, claim) or _run_together(ent, gaz, lex, claim):
                continue
            # "Dallas, Texas" tagged as one entity: two mentions
            offset = ent.start_char
            for part in re.split(r"(,\s*)", etext):
                if part.strip() and not part.startswith(","):
                    claim(offset, offset + len(part), "ner", label)
                offset += len(part)
        elif label == "NORP":
            if _major_place(gaz, lex, etext):  # 'districts of Idlib' tagged NORP
                claim(ent.start_char, ent.end_char, "ner-norp-place", label)
                continue
            blocked.append((ent.start_char, ent.end_char))
        elif label in ("PERSON", "ORG"):
            if _reads_as_place(text, ent.start_char, etext, gaz, lex):
                claim(ent.start_char, ent.end_char, "ner-locative", label)
            else:
                maybe.append(ent)
        elif label in _NUMERIC_LABELS:
            blocked.append((ent.start_char, ent.end_char))
    # a name tagged PERSON/ORG that is another spelling of a place of the article is that
    # place ('Bachmoet' after 'Bakhmut'); otherwise it is no place, only context
    known = _entries_of(gaz, [m.text for m in mentions if m.label in ("GPE", "LOC")])
    person_words = {t.text for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    anchors = _anchor_points(gaz, [m.text for m in mentions if m.label in ("GPE", "LOC")])
    for ent in maybe:
        etext = text[ent.start_char : ent.end_char]
        names = _entries_of(gaz, [etext])
        if names & known and not _is_stop(lex, etext) and len(ent) <= 3:
            claim(ent.start_char, ent.end_char, "ner-echo", ent.label_)
            continue
        if len(ent) <= 3 and etext not in person_words and not _is_stop(lex, etext) and (
            not is_acronym(etext)
        ) and _near_anchor(gaz, etext, anchors):
            # 'Greer' tagged PERSON in a story about Spartanburg: a town next to the places
            # the article names is that town
            claim(ent.start_char, ent.end_char, "ner-near-place", ent.label_)
            continue
        if _whole_segment(text, ent.start_char, ent.end_char) and gaz.lookup(etext) and (
            not _is_stop(lex, etext)
        ):
            claim(ent.start_char, ent.end_char, "ner-segment", ent.label_)
            continue
        if ent.label_ == "PERSON" and (
            len(ent) == 1 and etext not in person_words or 1 < len(ent) <= 3
        ) and _major_place(gaz, lex, etext):
            # 'Kharkiv', "Moldova's" tagged PERSON; not 'Jordan' when 'Michael Jordan' is named
            claim(ent.start_char, ent.end_char, "ner-person-place", ent.label_)
            continue
        if ent.label_ == "ORG" and _major_place(gaz, lex, etext):
            claim(ent.start_char, ent.end_char, "ner-org-place", ent.label_)
            continue
        if _hyphen_parts(ent, gaz, claim):
            continue
        if len(ent) <= 3 and _before_local_noun(doc, ent, gaz, lex):
            claim(ent.start_char, ent.end_char, "ner-local-noun", ent.label_)
            continue
        if ent.label_ == "PERSON" and (office := _place_before_office(ent, gaz, lex)):
            claim(office[0], office[1], "office-place", ent.label_)
            continue
        if ent.label_ == "ORG":
            inner = _org_embedded(ent, gaz, lex)
            if inner is not None:
                claim(inner[0], inner[1], "org-embedded", ent.label_)
                blocked.append((ent.start_char, ent.end_char))
                continue
            inside = _places_in_name(ent, gaz, lex, known)
            for start, end in inside:
                claim(start, end, "org-embedded", ent.label_)
            if inside:
                _org_context(etext, gaz, context)
                blocked.append((ent.start_char, ent.end_char))
                continue
        if ent.label_ == "ORG":
            _org_context(etext, gaz, context)
        blocked.append((ent.start_char, ent.end_char))
    _segment_names(text, gaz, lex, claim)
    _datelines(text, gaz, lex, claim)
    _county_lists(text, gaz, claim)
    for start, end in blocked:
        for i in range(start, end):
            taken[i] = True
    _gazetteer_matches(doc, gaz, lex, taken, claim)
    _list_members(text, gaz, lex, mentions, taken, claim, person_words)
    _qualifier_abbreviations(text, gaz, mentions, claim)
    mentions = _drop_person_names(doc, ents, mentions, gaz, lex)
    mentions = [m for m in mentions if m.country or not (
        _metonymy(text, m, lex) or _titled(text, m, lex) or m.text[:1].islower())]
    mentions.sort(key=lambda m: m.start)
    return mentions, context


_METONYMY = re.compile(r"^(?:['\u2019]s)?\s+([a-z]+)")


def _metonymy(text: str, m: Mention, lex: Lexicon) -> bool:
    """'Moscow forces', 'Kyiv's troops': the name stands for a government or an army."""
    follow = _METONYMY.match(text[m.end : m.end + 30])
    return bool(follow) and follow.group(1) in lex.metonymy_nouns


def _titled(text: str, m: Mention, lex: Lexicon) -> bool:
    """'coach Irving', 'Gen. Bradley'… the word before makes it a person."""
    return " " not in m.text and previous_word(text, m.start) in lex.person_titles


# where the layout or the name's setting says "place", whatever the tagger votes elsewhere
_LAYOUT = frozenset({"org-embedded", "office-place", "party-place", "county-list", "qualifier",
                     "segment", "ner-segment", "dateline"})


def _drop_person_names(doc: Doc, ents: tuple[Span, ...], mentions: list[Mention],
                       gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """One-word names the article uses for a person ('coach Irving', 'Bradley said', 'Omar
    Bradley'): the tagger's votes across the article decide, unless 'in X' makes it a place."""
    person: dict[str, int] = {}
    place: dict[str, int] = {}
    in_full_names: set[str] = set()
    for ent in ents:
        if ent.label_ == "PERSON":
            for tok in ent:
                person[fold(tok.text)] = person.get(fold(tok.text), 0) + 1
                if len(ent) > 1:
                    in_full_names.add(fold(tok.text))
        elif ent.label_ in PLACE_LABELS and len(ent) == 1:
            place[fold(ent.text)] = place.get(fold(ent.text), 0) + 1
    kept = []
    for m in mentions:
        key = fold(m.text)
        if m.source == "ner-locative":
            kept.append(m)  # introduced as a place: 'the battle for X', 'in X'
            continue
        if m.source == "ner-echo" and not place.get(key):
            kept.append(m)  # another spelling of a place the article names ('Bachmoet')
            continue
        if person.get(key) and m.source == "ner" and not gaz.lookup(m.text):
            continue  # 'Saakashvili': a name no gazetteer knows that the text uses for a person
        if " " not in key and person.get(key, 0) > place.get(key, 0) and m.source not in _LAYOUT \
                and previous_word(doc_text(doc), m.start) not in STRICT_LOCATIVE and (
                    key in in_full_names or not _major_place(gaz, lex, m.text)):
            continue  # a big city the tagger calls a person ('Edmonton') stays a place
        kept.append(m)
    return kept


_NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY",
                             "PERCENT"})


def _entries_of(gaz: Gazetteer, names: list[str]) -> set[int]:
    """Gazetteer entries the names can stand for (exact or alternate names), leaving out
    hamlets, whose alternate names collide with common names."""
    out: set[int] = set()
    for name in names:
        for i, _ in gaz.lookup(name):
            e = gaz.entry(i)
            if e.population >= ECHO_MIN_POPULATION or e.feature_code in (COUNTRY, ADMIN1):
                out.add(i)
    return out


NEAR_ANCHOR_KM = 25.0
ANCHOR_READINGS = 3  # readings of an ambiguous name that can anchor a neighbour


def _anchor_points(gaz: Gazetteer, names: list[str]) -> list[tuple[int, float, float]]:
    """Towns and districts the article's place names can stand for (a few readings of an
    ambiguous name, the most populous), as points that make a neighbouring name credible."""
    out = []
    for name in set(names):
        entries = [gaz.entry(i) for i, _ in gaz.lookup(name)]
        towns = [e for e in entries if e.feature_code not in (COUNTRY, ADMIN1)]
        towns.sort(key=lambda e: e.population, reverse=True)
        out += [(e.idx, e.lat, e.lon) for e in towns[:ANCHOR_READINGS]]
    return out


def _near_anchor(gaz: Gazetteer, name: str, anchors: list[tuple[int, float, float]]) -> bool:
    """Is a town of that (primary) name within NEAR_ANCHOR_KM of one of the anchors?"""
    if not anchors:
        return False
    for i, kind in gaz.lookup(name):
        e = gaz.entry(i)
        if kind != PRIMARY or e.feature_code in (COUNTRY, ADMIN1):
            continue
        for j, lat, lon in anchors:
            if j != i and abs(lat - e.lat) < 0.3 and haversine_km(lat, lon, e.lat, e.lon) <= (
                NEAR_ANCHOR_KM
            ):
                return True
    return False


_SEGMENT_END = re.compile(r"[;\n|]")


_DATELINE = re.compile(
    r"(?:^|\n|[.!?]\s+)([A-Z][a-z]?[A-Z.'\u2019\-]+(?: [A-Z][a-z]?[A-Z.'\u2019\-]+){0,3})"
    r"(?=\s*(?:,|\(|\u2014|\u2013|-+\s|:))"
)


# 'March 30, 2009 NEWARK -- ...': a dateline in capitals after a byline or a date, wherever
# it stands, followed by a dash or an agency tag
_CAPS_DATELINE = re.compile(
    r"(?<![\w,])([A-Z][A-Z.'\u2019\-]+(?: [A-Z][A-Z.'\u2019\-]+){0,3})"
    r"(?=(?:,\s*[A-Z][A-Za-z.]+)?\s*(?:--|\u2014|\u2013|\((?:AP|Reuters|AFP|UPI)\)))"
)
# 'Sen. Ken Cuccinelli, R-Fairfax', '(D-Chicopee)': a legislator's party and home town
_PARTY_PLACE = re.compile(r"(?<![\w-])[DRI]-([A-Z][\w.'\u2019]*(?: [A-Z][\w.'\u2019]*)?)")


def _datelines(text: str, gaz: Gazetteer, lex: Lexicon, claim) -> None:
    """'KYIV, May 4 (Wire) -', 'KRAMATORSK —', 'DNIPRO, Ukraine (Wire)': the capitalised
    place that opens a wire story or a paragraph; the same in capitals after a byline; and
    the home town in a legislator's 'D-Chicopee'."""
    caps = any(mark in text for mark in ("--", "\u2014", "\u2013", "(AP", "(Reuters", "(AFP",
                                         "(UPI"))
    for m in _CAPS_DATELINE.finditer(text) if caps else ():
        name = m.group(1)
        if len(name) >= 3 and not _is_stop(lex, name) and gaz.lookup(name) and (
            name.strip(".") not in lex.acronyms
        ):
            claim(m.start(1), m.end(1), "dateline", "")
    party = "D-" in text or "R-" in text or "I-" in text
    for m in _PARTY_PLACE.finditer(text) if party else ():
        name = m.group(1).rstrip(".,")
        if not gaz.lookup(name) and " " in name:
            name = name.split(" ")[0]
        if gaz.lookup(name) and not _is_stop(lex, name):
            claim(m.start(1), m.start(1) + len(name), "party-place", "")
    for m in _DATELINE.finditer(text):
        name = m.group(1)
        if len(name) < 3 or name.strip(".") in lex.acronyms or _is_stop(lex, name):
            continue
        if gaz.lookup(name):
            claim(m.start(1), m.end(1), "dateline", "")


def _org_embedded(ent, gaz: Gazetteer, lex: Lexicon) -> tuple[int, int] | None:
    """The place inside a local institution's name ('Kramatorsk Fire Department',
    'University of Kharkiv'); none inside a media outlet's ('Kyiv Post')."""
    dt = doc_tokens(ent.doc)  # plain lists: no Token objects
    text, idx = dt.text, dt.idx
    toks = [k for k in range(ent.start, ent.end) if not (k == ent.start and dt.lower[k] == "the")]
    if not toks or any(fold(text[k]) in lex.media_heads for k in toks[1:]):
        return None  # 'Kyiv Post', 'The Odesa Journal-Courier'
    words = [fold(text[k]) for k in toks]
    if "of" in words:  # University of Kharkiv, Government of Ukraine
        k = words.index("of")
        place = toks[k + 1 :]
        name = " ".join(text[j] for j in place)
        if k > 0 and place and len(place) <= 3 and (
            words[k - 1] in lex.of_heads or _major_place(gaz, lex, name)
        ) and gaz.lookup(_TRAILING.sub("", name)) and not _is_stop(lex, name):
            return idx[place[0]], idx[place[-1]] + len(text[place[-1]])
    for n in range(min(3, len(toks) - 1), 0, -1):  # Kramatorsk City Council, Sumy Regional Police
        head, rest = toks[:n], words[n:]
        name = " ".join(text[j] for j in head)
        hits = gaz.lookup(name)
        if not hits or _is_stop(lex, name) or is_acronym(name):
            continue
        if all(kind == ALTERNATE for _, kind in hits):
            break  # 'Smith Foundation': only another name of some county, most likely a person
        tail = " ".join(rest)
        if any(tail == h or tail.endswith(" " + h) or tail.startswith(h + " ")
               for h in lex.local_heads) or _major_place(gaz, lex, name):
            # a local institution, or any body named after a country, region or big city
            return idx[head[0]], idx[head[-1]] + len(text[head[-1]])
        if n > 1:
            break  # 'Butler County Transportation District': not the town of Butler
    return None


_NAME_BREAKS = frozenset({"of", "in", "for", "at", "on", "and", "the", "de", "&", "-", ",", "'s",
                          "\u2019s", "'", "\u2019", "/"})


def _name_runs(ent) -> list[list[int]]:
    """The runs of capitalised words (token indexes) inside an organisation's name, split at
    its function words, hyphens and possessives: 'Conference Board of Canada' -> [Conference
    Board], [Canada]; 'Middlesex-London EMS' -> [Middlesex], [London EMS]."""
    toks = doc_tokens(ent.doc)  # plain lists: no Token objects, no Doc.text rebuilds
    words, space = toks.text, toks.whitespace
    runs: list[list[int]] = [[]]
    for k in range(ent.start, ent.end):
        word = words[k]
        if word.lower() in _NAME_BREAKS or not word[:1].isupper():
            runs.append([])
        else:
            runs[-1].append(k)
        if space[k] == "" and k + 1 < ent.end and words[k + 1] == "-":
            runs.append([])
    return [r for r in runs if r]


def _places_in_name(ent, gaz: Gazetteer, lex: Lexicon, known: set[int]
                    ) -> list[tuple[int, int]]:
    """Places named inside an organisation's name, beyond the local institutions of
    `_org_embedded`: a country, region or county anywhere in it ('the U.S. Department of
    Education', 'Northern Illinois University', 'Friends of Madison County Public Library'), a
    town after 'of'/'in' ('the Cooper School in Bicester') or one the article names as a place
    elsewhere ('the Hopkinton Police Department'). None inside a media outlet's name ('Kyiv
    Post'): a newspaper's home town says nothing about where its stories happen."""
    toks = doc_tokens(ent.doc)
    words, idx, lower = toks.text, toks.idx, toks.lower
    if any(fold(words[k]) in lex.media_heads for k in range(ent.start, ent.end)):
        return []
    text = doc_text(ent.doc)
    found = []
    for run in _name_runs(ent):
        # every stretch of the run, longest first: 'Environment Canada', 'Northern Illinois
        # University'
        spans = [(run[o], run[o + n - 1]) for n in range(min(MAX_NGRAM, len(run)), 0, -1)
                 for o in range(len(run) - n + 1)]
        for first, last in spans:
            start, end = idx[first], idx[last] + len(words[last])
            name = text[start:end]
            if (first, last) == (ent.start, ent.end - 1) or _is_stop(lex, name):
                continue  # the whole entity is left to the other rules
            hits = gaz.lookup(name)
            if not hits or fold(name) in lex.demonyms:
                continue
            # a country, or a region or district by its own name; a one-word district
            # ('Bureau', 'Real') is too often a plain word in a name
            area = any(gaz.entry(i).feature_code == COUNTRY or kind == PRIMARY and (
                gaz.entry(i).feature_code == ADMIN1
                or gaz.entry(i).feature_code == ADMIN2 and first != last) for i, kind in hits)
            if is_acronym(name) and not (area and "." in name):
                continue  # 'U.S.' yes, 'USA Hauling' no
            primary_town = any(kind == PRIMARY for _, kind in hits)
            after_of = first > ent.start and lower[first - 1] in ("of", "in")
            if area or (primary_town and (after_of or {i for i, _ in hits} & known)):
                found.append((start, end))
                break
    return found


def _place_before_office(ent, gaz: Gazetteer, lex: Lexicon) -> tuple[int, int] | None:
    """'Huntsville Fire Chief Tom Grisham', 'Sochi Mayor Anatoly Pakhomov': a person's name
    that opens with a known place and an office is that place's official."""
    toks = doc_tokens(ent.doc)
    words, idx, lower = toks.text, toks.idx, toks.lower
    for n in range(min(3, len(ent) - 1), 0, -1):  # the office word may close the entity
        last = ent.start + n - 1
        if lower[last + 1] not in lex.office_words:
            continue
        start, end = idx[ent.start], idx[last] + len(words[last])
        name = doc_text(ent.doc)[start:end]
        if gaz.lookup(name) and not _is_stop(lex, name) and not is_acronym(name):
            return start, end
    return None


def _before_local_noun(doc: Doc, ent, gaz: Gazetteer, lex: Lexicon) -> bool:
    """'their Izium home', 'a Bucha man': a known place used as a modifier."""
    if ent.end >= len(doc) or doc[ent.end].lower_ not in lex.local_nouns:
        return False
    name = _TRAILING.sub("", ent.text)
    return bool(gaz.lookup(name)) and not _is_stop(lex, name) and not is_acronym(name)


_SEGMENT = re.compile(r"[^;\n|]+")
_GENERIC_TAIL = re.compile(r"\s+(?:city|town|village|airport|oblast|region)$", re.IGNORECASE)


def _segment_names(text: str, gaz: Gazetteer, lex: Lexicon, claim) -> None:
    """Segments of a headline list or caption that are nothing but a known place name
    ('Toretsk;', 'Kharkiv airport;'), whatever the tagger made of them."""
    for m in _SEGMENT.finditer(text):
        seg = m.group(0)
        name = seg.strip(" .,:-\t\u2013\u2014")
        if not name or not name[:1].isupper() or len(name.split()) > 4:
            continue
        if _is_stop(lex, name) or fold(name) in lex.demonyms or is_acronym(name):
            continue
        core = _GENERIC_TAIL.sub("", name)
        if gaz.lookup(name) or core != name and gaz.lookup(core):
            start = m.start() + seg.index(name)
            claim(start, start + len(name), "segment", "")


def _whole_segment(text: str, start: int, end: int) -> bool:
    """The name stands alone between separators (';', line breaks): a headline list, a
    dateline, a caption. Such a name is a place when the gazetteer knows it."""
    # rfind within bounds: no copy of the text before the name
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        return True  # '(Red Oak) --', 'a boutique (Maywood)': a place name in brackets
    cut = max(text.rfind(";", 0, start), text.rfind("\n", 0, start), text.rfind("|", 0, start))
    m = _SEGMENT_END.search(text, end)
    after = text[end : m.start() if m else len(text)]
    return not text[cut + 1 : start].strip() and not after.strip(" .,:-\u2013\u2014\t")


def _hyphen_parts(ent, gaz: Gazetteer, claim) -> bool:
    """'Lysychansk-Sievierodonetsk', 'Kramatorsk-Sloviansk': two places joined by a hyphen, when
    the whole is no gazetteer name and each part is one."""
    text = doc_text(ent.doc)[ent.start_char : ent.end_char]  # Span.text makes Token objects
    if "-" not in text or gaz.lookup(text):
        return False
    parts = text.split("-")
    if len(parts) != 2 or not all(p[:1].isupper() and gaz.lookup(p) for p in parts):
        return False
    claim(ent.start_char, ent.start_char + len(parts[0]), "ner-hyphen", ent.label_)
    start = ent.start_char + len(parts[0]) + 1
    claim(start, start + len(parts[1]), "ner-hyphen", ent.label_)
    return True


def _run_together(ent, gaz: Gazetteer, lex: Lexicon, claim) -> bool:
    """'Cyprus, Greece Italy or Spain': two names the tagger ran into one entity, which the
    gazetteer knows apart but not together; both must be countries, regions or big cities."""
    text = doc_text(ent.doc)
    if len(ent) < 2 or len(ent) > 4 or gaz.lookup(text[ent.start_char : ent.end_char]):
        return False
    for cut in range(1, len(ent)):
        left, right = ent[:cut], ent[cut:]
        if all(_major_place(gaz, lex, text[part.start_char : part.end_char])
               for part in (left, right)):
            claim(left.start_char, left.end_char, "ner-split", ent.label_)
            claim(right.start_char, right.end_char, "ner-split", ent.label_)
            return True
    return False


def _cyrillic_place(gaz: Gazetteer, name: str) -> bool:
    return any(gaz.entry(i).population >= ECHO_MIN_POPULATION or
               gaz.entry(i).feature_code in (COUNTRY, ADMIN1)
               for i, _ in gaz.lookup_inflected(_TRAILING.sub("", name)))


def _major_place(gaz: Gazetteer, lex: Lexicon, name: str) -> bool:
    """An ORG entity that is, word for word, a country, a region or a large city: the
    tagger's mistake ('Texas', 'KYIV'), not an organisation named after a place."""
    name = _TRAILING.sub("", name)
    if _is_stop(lex, name) or is_acronym(name) and len(name) < 5:
        return False
    return any(
        (e := gaz.entry(i)).feature_code in (COUNTRY, ADMIN1)
        or e.population >= MAJOR_CITY and kind == PRIMARY  # not an old name of a big city
        for i, kind in gaz.lookup(name)
    )


def _reads_as_place(text: str, start: int, name: str, gaz: Gazetteer, lex: Lexicon) -> bool:
    """A PERSON/ORG entity that is a known place and is introduced as one."""
    if _is_stop(lex, name) or is_acronym(name) and len(name) < 5:
        return False
    if not gaz.lookup(name):
        return False
    return previous_word(text, start) in STRICT_LOCATIVE or after_generic_noun(
        text, start) or after_place_cue(text, start)


def _org_context(name: str, gaz: Gazetteer, context: Context) -> None:
    """'Kyiv Post', 'Donetsk People's Republic': the place inside gives country context."""
    words = name.split()
    for n in range(min(len(words), MAX_NGRAM), 0, -1):
        hits = gaz.lookup(" ".join(words[:n]))
        if hits:
            best = max(hits, key=lambda h: gaz.entry(h[0]).population)
            context.add(gaz.entry(best[0]).country_code, 0.3)
            return


def _gazetteer_matches(doc: Doc, gaz: Gazetteer, lex: Lexicon, taken: list[bool], claim) -> None:
    """Runs of proper nouns outside any entity that match a gazetteer name."""
    # plain lists of the tokens' strings (shared with the event coder): no Token objects
    toks = doc_tokens(doc)
    words, starts = toks.text, toks.idx
    propn = (doc.to_array(POS) == PROPN).tolist()  # one C pass, no Token objects
    n = len(words)
    name = [_name_token(doc, k, words[k], propn[k]) for k in range(n)]
    i = 0
    while i < n:
        word = words[i]
        if ";" in word and not taken[starts[i]]:
            _glued_parts(word, starts[i], gaz, lex, claim)
        if not name[i] or taken[starts[i]]:
            i += 1
            continue
        j = i
        while j < n and j - i < MAX_NGRAM and (
            name[j] or words[j] in ("-", "of", "de", "on") and j > i
        ) and not taken[starts[j]]:
            j += 1
        matched = False
        for k in range(j, i, -1):  # longest match first
            if words[k - 1] in ("-", "of", "de", "on"):
                continue
            if _accept_gazetteer_span(doc, i, k, gaz, lex):
                claim(starts[i], starts[k - 1] + len(words[k - 1]), "gazetteer", "")
                i = k
                matched = True
                break
        if not matched:
            i += 1


_LIST_NEXT = re.compile(
    r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:all\s+|the\s+)?"
    r"([A-Z][\w.'\u2019\-]*(?: [A-Z][\w.'\u2019\-]*){0,2})"
    r"(?=\s*(?:,|\band\b|\bor\b|\)|;|\.|\s+(?:counties|townships|towns|cities|villages|"
    r"provinces|regions|oblasts|districts|areas)\b))"
)


_NAME = r"[A-Z][\w'.\-]*(?: [A-Z][\w'.\-]*)?"
_COUNTIES = re.compile(
    rf"((?:{_NAME},\s*)*{_NAME},?\s+(?:and|or)\s+{_NAME})\s+[Cc]ounties\b"
)


def _county_lists(text: str, gaz: Gazetteer, claim) -> None:
    """'Becker, Clay, Grant and Wilkin counties': each listed name is a county, whatever
    the tagger made of it (the resolver then reads it as '<name> County')."""
    if "ounties" not in text:  # the pattern is costly; most texts have no such list
        return
    for m in _COUNTIES.finditer(text):
        offset = m.start(1)
        for part in re.split(r"(,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)", m.group(1)):
            name = part.strip()
            if name and name[0].isupper() and any(
                gaz.entry(i).feature_code == ADMIN2 for i, _ in gaz.lookup(f"{name} County")
            ):
                claim(offset, offset + len(part), "county-list", "")
            offset += len(part)


_QUALIFIER_NEXT = re.compile(r",\s*([A-Z][A-Za-z]{0,3}\.?)(?![\w])")


def _qualifier_abbreviations(text: str, gaz: Gazetteer, mentions: list[Mention], claim) -> None:
    """'Churchill, Man.', 'LOUISVILLE, KY--': a region's abbreviation right after a place."""
    for m in list(mentions):
        q = _QUALIFIER_NEXT.match(text, m.end)
        if q and any(gaz.entry(i).feature_code == ADMIN1 for i, _ in gaz.lookup(q.group(1))):
            claim(q.start(1), q.end(1), "qualifier", "")


def _list_members(text: str, gaz: Gazetteer, lex: Lexicon, mentions: list[Mention],
                  taken: list[bool], claim, person_words: set[str]) -> None:
    """'Harwinton, Bantam, Litchfield and Winsted', 'Becker, Clay and Wilkin counties': a
    known name listed right after a place is a place too (it must itself end a list item,
    so 'in Kyiv, Smith said' adds nothing)."""
    queue = sorted(m.end for m in mentions)
    while queue:
        end = queue.pop(0)
        m = _LIST_NEXT.match(text, end)
        if not m or taken[m.start(1)]:
            continue
        name = m.group(1).rstrip(".")
        hits = gaz.lookup(name)
        if not hits or _is_stop(lex, name) or is_acronym(name) or name in person_words or not any(
            kind == PRIMARY for _, kind in hits
        ):
            continue
        before = len(mentions)
        claim(m.start(1), m.start(1) + len(name), "list", "")
        if len(mentions) > before:
            queue.append(mentions[-1].end)


def _glued_parts(word: str, offset: int, gaz: Gazetteer, lex: Lexicon, claim) -> None:
    """'Sumy;Ukraine': headlines joined without spaces make one token of two names."""
    for part in word.split(";"):
        if part[:1].isupper() and part.isalpha() and not _is_stop(lex, part) and (
            not is_acronym(part)
        ) and any(
            (e := gaz.entry(i)).feature_code in (COUNTRY, ADMIN1) or e.population >= MAJOR_CITY
            for i, _ in gaz.lookup(part)
        ):
            claim(offset, offset + len(part), "gazetteer", "")
        offset += len(part) + 1


def _name_token(doc: Doc, k: int, word: str, propn: bool) -> bool:
    """A capitalised word that is not a function word ('The', 'But'): a proper noun or not
    (the tagger often calls an unknown town a noun). A sentence-initial word is a candidate
    too; _accept_gazetteer_span asks it for a cue."""
    # str.isalpha is spaCy's own is_alpha
    return word[:1].isupper() and word.isalpha() and word.lower() not in STOP_WORDS


def _accept_gazetteer_span(doc: Doc, first: int, end: int, gaz: Gazetteer, lex: Lexicon
                           ) -> bool:
    """Is doc[first:end] a gazetteer name used as a place?"""
    text = doc_text(doc)
    toks = doc_tokens(doc)
    start_char = toks.idx[first]
    end_char = toks.idx[end - 1] + len(toks.text[end - 1])
    name = text[start_char:end_char]
    if _is_stop(lex, name) or is_acronym(name) or len(name) < 3:
        return False
    hits = gaz.lookup_inflected(name)
    if not hits:
        return False
    entries = [gaz.entry(i) for i, _ in hits]
    big = any(e.feature_code in (COUNTRY, ADMIN1) or e.population >= MAJOR_CITY for e in entries)
    prev = previous_word(text, start_char)
    introduced = prev in relations().locative or after_generic_noun(text, start_char)
    if all(kind == ALTERNATE for _, kind in hits) and not _CYRILLIC.search(name) and not (
        big or introduced
    ):
        return False  # only an alternate name of a small place, and no cue: most likely a word
    words = toks.text
    qualified = end < len(words) and words[end] == "," and end + 1 < len(words) and bool(
        gaz.lookup(words[end + 1])
    )
    alone = _whole_segment(text, start_char, end_char)
    local = _local_word_after(text, end_char, lex)  # 'Chicopee residents', 'Tillsonburg Mayor'
    if doc[first].is_sent_start and not (introduced or qualified or alone or big or local):
        return False
    return big or introduced or qualified or alone or local


_NEXT_WORDS = re.compile(r"(?:['\u2019]s)?\s+([A-Za-z]+)(?:\s+([A-Za-z]+))?(?:\s+([A-Za-z]+))?")


def _local_word_after(text: str, end: int, lex: Lexicon) -> bool:
    """Is the name followed by a local noun ('residents', 'police', 'mayor') or the start of a
    local institution's name ('Volunteer Fire Department')?"""
    m = _NEXT_WORDS.match(text, end)
    if not m:
        return False
    words = [w.lower() for w in m.groups() if w]
    if words[0] in lex.local_nouns:
        return True
    return any(" ".join(words[:n]) in lex.local_heads for n in range(1, len(words) + 1))
