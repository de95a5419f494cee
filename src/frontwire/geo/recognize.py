"""Toponym recognition: which spans of the article name places.

Sources, in order of trust:
1. the NER's place entities (GPE, LOC, FAC), trimmed of articles and possessives;
2. names the NER labelled PERSON or ORG that the gazetteer knows, when the words around them
   make them a place ('in Krasnohorivka', 'the village of Zelene', 'a Bucha man'), when the
   article names them as places elsewhere, or when they lie next to its other places;
3. places inside organisations' names and officials' titles (orgnames.py);
4. what the layout or wording says (cues.py): datelines, headline segments, list members,
   region abbreviations;
5. runs of capitalised words the NER missed that match a gazetteer name, when a cue supports
   them and they are not stop names (months, common words) or acronyms.
Demonyms (NORP: 'Ukrainian troops') are country context for the resolver, not places (unless
asked for); so are the places inside media outlets' names ('Kyiv Post').
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.attrs import POS
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span

from frontwire.events.doctokens import doc_tokens
from frontwire.geo.cues import (
    based_places,
    datelines,
    list_members,
    local_word_after,
    qualifier_abbreviations,
    segment_names,
    union_places,
)
from frontwire.geo.cuts import (
    LEFT_TWO,
    LEFT_WORD,
    cued_names,
    qualified_town,
    town_name,
)
from frontwire.geo.distance import haversine_km
from frontwire.geo.gazetteer import (
    ADMIN1,
    ADMIN2,
    ALTERNATE,
    CAPITAL,
    CONTINENT,
    COUNTRY,
    PRIMARY,
    REGION,
    SEAT,
    Gazetteer,
)
from frontwire.geo.lexicon import (
    MAJOR_CITY,
    MAX_NGRAM,
    TRAILING,
    Lexicon,
    group_pattern,
    is_stop,
    major_place,
)
from frontwire.geo.mislabels import (
    LIST_LINK,
    POSSESSIVE,
    apposition_after,
    before_noun,
    locative_unknown,
)
from frontwire.geo.orgnames import (
    hyphen_partner,
    org_context,
    org_embedded,
    place_before_office,
    places_in_name,
)
from frontwire.geo.relations import (
    STRICT_LOCATIVE,
    after_generic_noun,
    after_place_cue,
    after_unknown_cue,
    previous_word,
)
from frontwire.geo.spans import ABBREVIATIONS, landmark_end, repair_spans
from frontwire.geo.venues import airport_towns, venues
from frontwire.text.context import doc_text
from frontwire.text.fold import ARABIC_ARTICLES, fold, fold_text, is_acronym

__all__ = ["Context", "Mention", "find_mentions"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_CYRILLIC = re.compile("[\u0400-\u04ff]")  # a Cyrillic name is never an English word
ECHO_MIN_POPULATION = 1_000
_LEADING = re.compile(r"^(?:the|The|THE)\s+")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    source: str  # "ner", "ner-locative", "gazetteer"
    label: str = ""
    candidates: list = field(default_factory=list)  # filled by the resolver
    country: str = ""  # for a demonym read as its country (optional mode)
    area: str = ""  # for a demonym read as its continent or state: 'Europe', 'Ohio|US'
    capital: bool = False  # 'the Ukrainian capital': the capital city of `country`
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


GROUP_WEIGHT = 0.5  # as much as a demonym: the group of one country is a cue of that country


def _group_context(text: str, lex: Lexicon, context: Context) -> None:
    """Each armed group of one country the text names ('the Taliban', 'Houthi
    rebels') adds its country to the article's context, once per country."""
    pattern = lex.derived(group_pattern)
    if pattern is None:
        return
    for cc in {lex.group_countries[m.group()] for m in pattern.finditer(fold_text(text))}:
        context.add(cc, GROUP_WEIGHT)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    m = _LEADING.match(span)
    if m:
        start += m.end()
    while end > start and TRAILING.search(text[start:end]):
        cut = TRAILING.search(text[start:end])
        end = start + cut.start()
    return start, end


def find_mentions(doc: Doc, gaz: Gazetteer, lex: Lexicon, demonyms: bool = False
                  ) -> tuple[list[Mention], Context]:
    """All toponym mentions in the document, sorted by offset, and country context.

    Demonyms ('Ukrainian troops') are country context, not places; with `demonyms=True`
    they are also reported as mentions of their country (the LGL/TR-News convention)."""
    text = doc_text(doc)
    mentions: list[Mention] = []
    context = Context()
    taken = bytearray(len(text) + 1)  # characters inside a mention or a blocked entity

    def claim(start: int, end: int, source: str, label: str) -> None:
        whole = end
        start, end = _trim(text, start, end)
        if whole > end and text[end:whole].rstrip(".,;:") and gaz.lookup(text[start:whole]):
            end = whole - (len(text[start:whole]) - len(text[start:whole].rstrip(".,;:")))
            # "St. John's" is the name itself, not a possessive
        if end <= start or any(taken[start:end]):
            return
        taken[start:end] = b"\x01" * (end - start)
        name = text[start:end]
        if not (name.split(" ", 1)[0].rstrip(".").lower() in lex.person_titles
                and " " in name):  # 'Ms Raggi': nor are its words
            mentions.append(Mention(start, end, name, source, label))

    blocked: list[tuple[int, int]] = []  # entities that are not places: skip in step 3
    maybe = []  # PERSON/ORG entities: places only if the article names them as places
    cued_end = -1  # the end of the last unknown name read as a place ('villages of X and Y')
    ents = doc.ents  # spaCy builds the Span tuple anew on every access
    person_words = {t.text for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    full_names = Counter(t.text for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e)
    _group_context(text, lex, context)
    venues(text, gaz, lex, claim)  # 'the Nasser hospital in Khan Younis': before its words
    union_places(doc, lex, claim)  # 'within the EU': before the entity 'EU' is blocked
    for ent in ents:
        label = ent.label_
        etext = text[ent.start_char : ent.end_char]  # Span.text joins its tokens anew
        key = fold(etext)
        country, area = lex.demonyms.get(key, ""), lex.area_demonyms.get(key, "")
        if country and label in _DEMONYM_LABELS or area and label in _AREA_DEMONYM_LABELS:
            # 'Ukrainian troops': the country as context; 'Ohioans' the state's country (an
            # area's demonym tagged ORG is a newspaper: 'The Oregonian')
            context.add(country or area.partition("|")[2], 0.5 if country else 0.3)
            if demonyms:
                _claim_demonym(ent.start_char, ent.end_char, etext, lex, mentions, claim,
                               "demonym")
            else:
                blocked.append((ent.start_char, ent.end_char))
            continue
        if label in PLACE_LABELS:
            if etext.strip(".") in lex.acronyms:
                blocked.append((ent.start_char, ent.end_char))
                continue
            if label == "FAC" and airport_towns(text, ent.start_char, ent.end_char, gaz, lex,
                                                claim):
                continue  # 'the Port Sudan International Airport': the town it serves
            if _hyphen_parts(ent, gaz, lex, claim) or _run_together(ent, gaz, lex, claim):
                continue
            # "Dallas, Texas" tagged as one entity: two mentions
            offset = ent.start_char
            for part in re.split(r"(,\s*)", etext):
                if part.strip() and not part.startswith(","):
                    # 'the village of Borivske Pole': that village, whole, even unknown
                    known = bool(gaz.lookup_inflected(part))
                    cued = after_unknown_cue(lex.relations, text, offset) and not known
                    # an unknown name qualifying a noun ('vision centres in Walgreen stores')
                    # is a brand or firm: found, but never reported unplaced
                    source = "cued-unknown" if cued else "ner" if known or not before_noun(
                        ent, lex) else "ner-modifier"
                    claim(offset, offset + len(part), source, label)
                offset += len(part)
        elif label == "NORP":
            if major_place(gaz, lex, etext):  # 'districts of Idlib' tagged NORP
                claim(ent.start_char, ent.end_char, "ner-norp-place", label)
                continue
            if _reads_as_place(text, ent.start_char, etext, gaz, lex):  # 'in Greer' tagged NORP
                claim(ent.start_char, ent.end_char, "ner-locative", label)
                continue
            blocked.append((ent.start_char, ent.end_char))
        elif label in ("PERSON", "ORG"):
            head = LEFT_WORD.search(text, max(0, ent.start_char - 20), ent.start_char) or (
                LEFT_TWO.search(text, max(0, ent.start_char - 24), ent.start_char))
            if head and town_name(gaz, lex, text[head.start() : ent.end_char]):
                # 'near Te' + 'Awamutu', 'Sault Ste.' + 'Marie': the tagger left out the first
                # words of a town's name
                claim(head.start(), ent.end_char, "ner-joined", label)
            elif "," in etext and _reads_as_place(text, ent.start_char, (
                    first := etext.partition(",")[0]), gaz, lex):
                # 'in Carnforth, Lancashire Constabulary said': a town before the comma
                claim(ent.start_char, ent.start_char + len(first), "ner-locative", label)
            elif _reads_as_place(text, ent.start_char, etext, gaz, lex) and not (
                    # 'at Carter's house' after 'John Steven Carter': the person's house
                    label == "PERSON" and TRAILING.sub("", etext) in person_words
                    and POSSESSIVE.search(text, ent.start_char, ent.end_char + 2)):
                # a name known only by its skeleton ('Minova') is reported only where placed
                claim(ent.start_char, ent.end_char, "ner-locative" if gaz.lookup(etext)
                      else "locative-unknown", label)
                if _AND_NEXT.match(text, ent.end_char) and previous_word(
                        text, ent.start_char) in _CHAIN_LOCATIVE:
                    cued_end = ent.end_char  # ('in Pétion-Ville and Cité Soleil': the next too;
                    # not 'the son of Riley and Eva Mae Smith')
            elif _unknown_place(text, ent, etext, gaz, lex, cued_end):
                claim(ent.start_char, ent.end_char, "cued-unknown", label)
                cued_end = ent.end_char
            else:
                maybe.append(ent)
        elif label in _NUMERIC_LABELS:
            blocked.append((ent.start_char, ent.end_char))
    # a name tagged PERSON/ORG that is another spelling of a place of the article is that
    # place ('Bachmoet' after 'Bakhmut'); otherwise it is no place, only context
    known = _entries_of(gaz, [m.text for m in mentions if m.label in ("GPE", "LOC")])
    anchors = _anchor_points(gaz, [m.text for m in mentions if m.label in ("GPE", "LOC")
                                   or m.source in CUED_SOURCES])  # ('in Dewsbury' tagged ORG)
    unknown_end = cued_end  # the last unknown name read as a place: 'in X and Y'
    for ent in maybe:
        etext = text[ent.start_char : ent.end_char]
        start = ent.start_char + (4 if etext[:4].lower() == "the " else 0)
        site = landmark_end(text, start, ent.end_char, gaz, lex)
        if site is not None:  # 'The Crimean Bridge', 'Zaporizhzhia' + 'nuclear power plant'
            claim(start, site, "landmark", ent.label_)
            continue
        names = _entries_of(gaz, [etext])
        if names & known and not is_stop(lex, etext) and len(ent) <= 3:
            claim(ent.start_char, ent.end_char, "ner-echo", ent.label_)
            continue
        if len(ent) <= 3 and etext not in person_words and not is_stop(lex, etext) and (
            not is_acronym(etext)
        ) and _near_anchor(gaz, etext, anchors):
            # 'Greer' tagged PERSON in a story about Spartanburg: a town next to the places
            # the article names is that town
            claim(ent.start_char, ent.end_char, "ner-near-place", ent.label_)
            continue
        words = TRAILING.sub("", etext).split()  # "Cap-Haitien's" is one word
        if ent.label_ == "PERSON" and (
            len(words) == 1 and words[0] not in person_words or 1 < len(words) <= 3
        ) and major_place(gaz, lex, etext):
            # 'Kharkiv', "Moldova's" tagged PERSON; not 'Jordan' when 'Michael Jordan' is named
            claim(ent.start_char, ent.end_char, "ner-person-place", ent.label_)
            continue
        if ent.label_ == "ORG" and (major_place(gaz, lex, etext) or _prefixed_major(etext, gaz,
                                                                                   lex)):
            claim(ent.start_char, ent.end_char, "ner-org-place", ent.label_)
            continue
        if _hyphen_parts(ent, gaz, lex, claim):
            continue
        if len(ent) <= 3 and _before_local_noun(doc, ent, gaz, lex):
            claim(ent.start_char, ent.end_char, "ner-local-noun", ent.label_)
            continue
        if ent.label_ == "PERSON" and (office := place_before_office(ent, gaz, lex)):
            claim(office[0], office[1], "office-place", ent.label_)
            continue
        if ent.label_ == "ORG" and airport_towns(text, ent.start_char, ent.end_char, gaz, lex,
                                                 claim):
            continue  # an airport the tagger calls an organisation
        if ent.label_ == "ORG":
            inner = org_embedded(ent, gaz, lex)
            if inner is not None and any(taken[inner[0] : inner[1]]):
                inner = None  # 'Cooper' of 'The Cooper School in Bicester', a venue's name
            inside = [inner] if inner is not None else places_in_name(ent, gaz, lex, known)
            for start, end in list(inside):
                claim(start, end, "org-embedded", ent.label_)
                # a local institution's town anchors the names after it ('the Burlington City
                # Council approved ..., and Winooski and South Burlington will share')
                anchors += _anchor_points(gaz, [text[start:end]])
                partner = hyphen_partner(text, start, end, gaz, lex, known)
                if partner and partner[1] <= ent.end_char:
                    claim(*partner, "org-embedded", ent.label_)
                    inside.append(partner)
            if inner is not None:
                blocked.append((ent.start_char, ent.end_char))
                continue
            if inside:
                org_context(etext, gaz, context)
                blocked.append((ent.start_char, ent.end_char))
                continue
        if locative_unknown(text, ent, etext, gaz, lex, full_names, unknown_end):
            claim(ent.start_char, ent.end_char, "locative-unknown", ent.label_)
            unknown_end = ent.end_char
            continue
        if ent.label_ == "ORG":
            org_context(etext, gaz, context)
        blocked.append((ent.start_char, ent.end_char))
    segment_names(text, gaz, lex, claim)
    datelines(text, gaz, lex, claim)
    based_places(text, gaz, lex, claim)
    _demonym_places(text, lex, mentions, claim)
    if demonyms:
        _demonym_words(text, ents, lex, mentions, claim)
    for start, end in blocked:
        taken[start:end] = b"\x01" * (end - start)
    cued_names(text, gaz, lex, taken, claim)
    _gazetteer_matches(doc, gaz, lex, taken, claim)
    lone = {(start, end) for start, end in blocked}  # a list item the tagger called a person
    # which characters mentions and blocked entities cover: a claim checks its own span only
    # (a long list of names would otherwise compare every claim with every mention)
    in_mention = bytearray(len(text) + 1)
    for m in mentions:
        in_mention[m.start : m.end] = b"\x01" * (m.end - m.start)
    blocked_at: dict[int, tuple[int, int]] = {}
    for a, b in blocked:
        for i in range(a, b):
            blocked_at[i] = (a, b)

    def claim_item(start: int, end: int, source: str, label: str) -> None:
        if any(in_mention[start:end]):
            return
        over = {blocked_at[i] for i in range(start, end) if i in blocked_at}
        if over and not all((a, b) in lone and a == start and b - end in (0, 2) for a, b in over):
            return  # inside a longer name ('Hamilton County Health Department')
        taken[start:end] = bytes(end - start)
        before = len(mentions)
        claim(start, end, source, label)
        for m in mentions[before:]:
            in_mention[m.start : m.end] = b"\x01" * (m.end - m.start)

    list_members(text, gaz, lex, mentions, claim_item, person_words)
    qualifier_abbreviations(text, gaz, lex, mentions, claim)
    mentions = _drop_person_names(doc, ents, mentions, gaz, lex)
    mentions = repair_spans(text, mentions, gaz, lex, _remade)
    mentions += _same_name_again(text, ents, mentions, gaz, lex)
    mentions = [m for m in mentions if m.country or m.area or not (
        _family_name(text, m, lex) or
        _metonymy(text, m, gaz, lex) or _titled(text, m, lex) or m.text[:1].islower() and (
            m.source != "venue" and not _ARABIC_ARTICLE.match(m.text))  # 'al-Tanf', 'al-Hol'
        or _river(text, m, lex))]

    mentions.sort(key=lambda m: m.start)
    return mentions, context


_DEMONYM_LABELS = frozenset({"NORP", "GPE", "LOC", "PERSON", "ORG"})
_AREA_DEMONYM_LABELS = _DEMONYM_LABELS - {"ORG"}
_CAPITALISED = re.compile(r"(?<![\w.])[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?![\w])")


_DEMONYM_NOUN = re.compile(r" ([a-z]+)\b")


_HYPHEN_PAIR = re.compile(r"(?<![\w.])([A-Z][a-z]+)-$")


def _demonym_places(text: str, lex: Lexicon, mentions: list[Mention], claim) -> None:
    """A demonym written right before a noun of ground ('the Russian border', 'Ukrainian
    territory', 'the Greek islands') names its country as a place, whatever the mode; in
    'the Russian-Ukrainian border' both do. 'Ukrainian troops' stays context, and so does
    'Russian-held territory' (ground held in another country)."""
    for hit in _CAPITALISED.finditer(text):
        noun = _DEMONYM_NOUN.match(text, hit.end())
        if noun and noun.group(1) == "capital" and text.endswith("the ", 0, hit.start()):
            # 'the Ukrainian capital' is Kyiv: the whole phrase, a mention of the capital city
            _claim_demonym(hit.start(), noun.end(), hit.group(), lex, mentions, claim,
                           "demonym-capital", capital=True)
            continue
        if not noun or noun.group(1) not in lex.demonym_place_nouns:
            continue
        words = hit.group().split()
        for n in (len(words), 1):  # 'South Korean' whole, else the last word ('The Russian')
            name = " ".join(words[-n:])
            a = hit.end() - len(name)
            if _claim_demonym(a, hit.end(), name, lex, mentions, claim):
                pair = _HYPHEN_PAIR.search(text, max(0, a - 30), a)
                if pair:
                    _claim_demonym(pair.start(1), pair.end(1), pair.group(1), lex, mentions,
                                   claim)
                break


def _claim_demonym(a: int, b: int, name: str, lex: Lexicon, mentions: list[Mention], claim,
                   source: str = "demonym-place", spans: Sequence[tuple[int, int]] = (),
                   capital: bool = False) -> bool:
    """Claim text[a:b] as a mention of the country or area its demonym names (unless it lies
    in one of `spans`, the names of languages), or with `capital` of the country's capital
    ('the Ukrainian capital'); False if `name` is no demonym."""
    key = fold(name)
    country = lex.demonyms.get(key, "")
    area = "" if capital else lex.area_demonyms.get(key, "")
    if not (country or area):
        return False
    if any(s < b and a < e for s, e in spans):
        return True
    before = len(mentions)
    claim(a, b, source, "DEMONYM")
    if len(mentions) > before:
        mentions[-1].country, mentions[-1].area, mentions[-1].capital = country, area, capital
    return True


def _demonym_words(text: str, ents: tuple[Span, ...], lex: Lexicon, mentions: list[Mention],
                   claim) -> None:
    """Demonyms mode: every demonym is a mention of its country or area, also inside names and
    compounds ('the Georgian Interior Ministry', 'Israeli-Egyptian peace'), as LGL and TR-News
    annotate them; not the name of a language ('in English')."""
    languages = [(e.start_char, e.end_char) for e in ents if e.label_ == "LANGUAGE"]
    for hit in _CAPITALISED.finditer(text):
        words = hit.group().split()
        for n in (len(words), 1):  # 'Sri Lankan', then 'Sri'
            name = " ".join(words[:n])
            if _claim_demonym(hit.start(), hit.start() + len(name), name, lex, mentions, claim,
                              "demonym", languages):
                break


_METONYMY = re.compile(r"^(?:['\u2019]s)?\s+([a-z]+)")


def _metonymy(text: str, m: Mention, gaz: Gazetteer, lex: Lexicon) -> bool:
    """'Moscow forces', 'Kyiv's troops': the name stands for a government or an army. Civil
    officials are a state's only for a country or a capital ('Moscow officials'); a town's
    are located there ('New Milford authorities')."""
    codes = {gaz.entry(i).feature_code for i, _ in gaz.lookup(m.text)}
    if SEAT in codes:
        speech = _SEAT_SPEECH.match(text, m.end)
        if speech and speech.group(1).lower() in lex.seat_speech or _BY_THE.search(
                text, max(0, m.start - 8), m.start):
            return True  # 'the Kremlin said', 'a White House aide', 'condemned by the Kremlin'
    follow = _METONYMY.match(text[m.end : m.end + 30])
    if not follow or follow.group(1) not in lex.metonymy_nouns:
        return False
    if follow.group(1) not in lex.civil_nouns:
        return True
    return any(gaz.entry(i).feature_code in (COUNTRY, CAPITAL, SEAT)
               for i, kind in gaz.lookup(m.text)
               if kind == PRIMARY or gaz.entry(i).feature_code == COUNTRY)


_BY_THE = re.compile(r"\bby (?:the )?$")
# a word after a seat's name, past a possessive and auxiliaries: 'the Kremlin has also said'
_SEAT_SPEECH = re.compile(r"(?:['\u2019]s)?(?:\s+(?:has|have|had|also|again|later|will|would|"
                          r"on\s+\w+day))*\s+([A-Za-z]+)")


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_RIVER_AFTER = re.compile(r"\s+[Rr]iver\b")
_REGION_AFTER = re.compile(r"\s+(?:region|oblast|province|governorate|state|city|valley)\b",
                           re.IGNORECASE)


def _river(text: str, m: Mention, lex: Lexicon) -> bool:
    """'crossed the Dnipro', 'the Euphrates River': the river, not the town or region that
    shares its name ('the Dnipro region' is the region, 'in Dnipro' the city)."""
    if fold(m.text) not in lex.rivers:
        return False
    if _RIVER_AFTER.match(text, m.end):
        return True
    return bool(_THE_BEFORE.search(text, max(0, m.start - 5), m.start)) and not (
        _REGION_AFTER.match(text, m.end))


# a surname: one or two capitalised words, after the particles of an Arabic or European
# surname written apart from it ('the Abu Lyon family', 'the al-Dallas family')
_SURNAME = (r"(?:(?i:al|el|abu|abou|bin|ibn|ben|de|van|von)[\-\s]+)*"
            r"[A-Z][\w'\u2019\-]*(?:\s[A-Z][\w'\u2019\-]*)?")
_LIST_JOIN = r"\s*(?:,|,?\s+(?:and|or|&))\s+"
# before it: 'the', a word or two of description ('the extended'), surnames listed before it
_THE_FAMILY = re.compile(
    rf"\b(?i:the)\s+(?:[a-z]+\s+){{0,2}}?(?:{_SURNAME}{_LIST_JOIN})*"
    r"(?:(?i:al|el|abu|abou|bin|ibn|ben|de|van|von)[\-\s]+)*$")
# after it: the other surnames of a list, then the kinship noun ('the Lyon and Dallas families')
_KIN_AFTER = re.compile(rf"(?:{_LIST_JOIN}{_SURNAME})*\s+([a-z]+)")


def _family_name(text: str, m: Mention, lex: Lexicon) -> bool:
    """'a house of the Barcelona family', 'the Hamad family's home', 'members of the Bakr
    clan', 'the Shaheen and Lyon families', 'the extended Dallas family': after 'the', a
    name before a kinship noun, alone or in a list of names, is a surname, not a place ('a
    Gaza family', without 'the', is a family from Gaza)."""
    after = _KIN_AFTER.match(text, m.end)
    return bool(after and after.group(1) in lex.kin_words and _THE_FAMILY.search(
        text, max(0, m.start - 80), m.start))


def _titled(text: str, m: Mention, lex: Lexicon) -> bool:
    """'coach Irving', 'Gen. Bradley'… the word before makes it a person."""
    return " " not in m.text and previous_word(text, m.start) in lex.person_titles


# where the layout or the name's setting says "place", whatever the tagger votes elsewhere
_LAYOUT = frozenset({"based", "org-embedded", "office-place",
                     "qualifier", "segment", "dateline", "landmark"})


CUED_SOURCES = frozenset({"ner-locative", "ner-local-noun", "ner-near-place", "dateline",
                          "ner-joined",
                          "qualifier", "list", "office-place",
                          "org-embedded", "based"})


def _drop_person_names(doc: Doc, ents: tuple[Span, ...], mentions: list[Mention],
                       gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """One-word names the article uses for a person ('coach Irving', 'Bradley said', 'Omar
    Bradley'): the tagger's votes across the article decide, unless 'in X' makes it a place."""
    person: dict[str, int] = {}
    place: dict[str, int] = {}
    in_full_names: set[str] = set()
    words = doc_tokens(doc).text  # plain strings: no Token objects
    for ent in ents:
        if ent.label_ == "PERSON":
            for k in range(ent.start, ent.end):
                word = fold(words[k])
                person[word] = person.get(word, 0) + 1
                if ent.end - ent.start > 1:
                    in_full_names.add(word)
        elif ent.label_ in PLACE_LABELS and len(ent) == 1:
            place[fold(ent.text)] = place.get(fold(ent.text), 0) + 1
    for m in mentions:  # uses the words around make a place: 'a Winona man', 'WINONA --'
        if m.source in CUED_SOURCES:
            place[m.key] = place.get(m.key, 0) + 1
    kept = []
    for m in mentions:
        key = fold(m.text)
        if m.source in ("ner-locative", "locative-unknown", "ner-site", "ner-hyphen"):
            kept.append(m)  # introduced as a place: 'in X', 'X Station', 'X-Creston'
            continue
        if m.source == "ner-echo" and not place.get(key):
            kept.append(m)  # another spelling of a place the article names ('Bachmoet')
            continue
        if person.get(key) and m.source == "ner" and not gaz.lookup(m.text):
            continue  # 'Saakashvili': a name no gazetteer knows that the text uses for a person
        if " " not in key and person.get(key, 0) > place.get(key, 0) and m.source not in _LAYOUT \
                and previous_word(doc_text(doc), m.start) not in STRICT_LOCATIVE and (
                    key in in_full_names or not major_place(gaz, lex, m.text)):
            continue  # a big city the tagger calls a person ('Edmonton') stays a place
        kept.append(m)
    return kept


def _remade(start: int, end: int, name: str, old: Mention) -> Mention:
    return Mention(start, end, name, old.source, old.label)


SAME_NAME_MAX = 60


SAME_NAME_TOWN = 1_000  # a facility's name that is a town this big is the town


def _same_name_again(text: str, ents: tuple[Span, ...], mentions: list[Mention],
                     gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """One sense per discourse: a gazetteer name the article uses as a place is that place
    wherever it stands alone, whatever the tagger said there ('Greer's city limits' after 'in
    Greer'), unless the tagger calls it a person or an organisation more often than the article
    uses it as a place ('Bell' the company), it is a surname ('Michael Jordan') or it is part of
    a longer name."""
    uses: dict[str, int] = {}
    found = Counter(m.text for m in mentions)
    for m in mentions:
        if m.source != "demonym" and (m.label != "FAC" or local_word_after(text, m.end, lex)
                                      or " " in m.text and town_name(gaz, lex, m.text,
                                                                      SAME_NAME_TOWN)):
            # ('Whitestown Town Hall': the town's; 'in Mount Pleasant' tagged FAC: a town of
            # more than one word, not a word like 'Olympic')
            uses[m.text] = uses.get(m.text, 0) + 1
            if m.source == "dateline" and m.text.isupper():  # 'PATASKALA --' is Pataskala
                uses[m.text.title()] = uses.get(m.text.title(), 0) + 1
    # only names the text holds more often than the mentions found (most articles have none);
    # a text that names hundreds of places looks at its SAME_NAME_MAX most used names only
    ranked = sorted(uses, key=lambda n: (-uses[n], n))[:SAME_NAME_MAX]
    names = [n for n in ranked if len(n) >= 4 and text.count(n) > found[n] and not is_acronym(n)
             and not is_stop(lex, n) and fold(n) not in lex.demonyms and gaz.lookup(n)]
    if not names:
        return []
    spans = [(e.start_char, e.end_char, e.label_) for e in ents]
    taken = bytearray(len(text) + 1)  # characters inside a mention already found
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    entity_at = [-1] * (len(text) + 1)  # the entity each character lies in, if any
    for k, (s, e, _) in enumerate(spans):
        entity_at[s:e] = [k] * (e - s)
    against: dict[str, int] = {}
    for s, e, label in spans:  # the tagger's other votes, where no cue made it a place
        if label in ("PERSON", "ORG") and not any(taken[s:e]):
            bare = text[s:e].removesuffix("'s").removesuffix("\u2019s")
            against[bare] = against.get(bare, 0) + 1
    # 'Michael Jordan'; not a headline the tagger ran together ('Bogdanov Joins Sochi')
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and 1 < len(e) <= 3}
    out = []
    for name in names:
        if name in surnames or against.get(name, 0) > uses[name]:
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            a, b = hit.span()
            if any(taken[a:b]):
                continue
            k = next((entity_at[c] for c in range(a, b) if entity_at[c] >= 0), -1)
            ent = spans[k] if k >= 0 else None
            if ent is not None and (ent[2] in _NUMERIC_LABELS or text[ent[0]:ent[1]].removesuffix(
                    "'s").removesuffix("\u2019s") != name):
                continue  # a longer name ('Greer Station') or a figure
            out.append(Mention(a, b, name, "same-name", ent[2] if ent else ""))
    return out


_NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY",
                             "PERCENT"})
_ARABIC_ARTICLE = re.compile(rf"(?:{'|'.join(ARABIC_ARTICLES)})-[A-Z]")  # a name, lowercase


def _entries_of(gaz: Gazetteer, names: list[str]) -> set[int]:
    """Gazetteer entries the names can stand for (exact or alternate names), leaving out
    hamlets, whose alternate names collide with common names."""
    out: set[int] = set()
    for name in names:
        for i, _ in gaz.lookup(name):
            e = gaz.entry(i)
            if e.population >= ECHO_MIN_POPULATION or e.feature_code in (
                    COUNTRY, ADMIN1, REGION):
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


_AND_NEXT = re.compile(r"\s+(?:and|or)\s+[A-Z]")
_CHAIN_LOCATIVE = frozenset({"in", "near", "around", "outside", "across", "throughout"})


def _prefixed_major(etext: str, gaz: Gazetteer, lex: Lexicon) -> bool:
    """'Metro Vancouver', 'Greater Manchester' tagged ORG: an area word before a country,
    region or big city is that place's area."""
    first, _, rest = etext.partition(" ")
    return bool(rest) and fold(first) in lex.area_prefixes and major_place(gaz, lex, rest)


def _before_local_noun(doc: Doc, ent, gaz: Gazetteer, lex: Lexicon) -> bool:
    """'their Izium home', 'a Bucha man': a known place used as a modifier."""
    if ent.end >= len(doc) or doc[ent.end].lower_ not in lex.local_nouns:
        return False
    name = TRAILING.sub("", ent.text)
    return bool(gaz.lookup(name)) and not is_stop(lex, name) and not is_acronym(name)


def _hyphen_parts(ent, gaz: Gazetteer, lex: Lexicon, claim) -> bool:
    """'Lysychansk-Sievierodonetsk', 'Kramatorsk-Sloviansk': two places joined by a hyphen, when
    the whole is no gazetteer name and each part is one."""
    text = doc_text(ent.doc)[ent.start_char : ent.end_char]  # Span.text makes Token objects
    if "-" not in text or gaz.lookup(text):
        return False
    parts = text.split("-")
    if len(parts) != 2 or not all(p[:1].isupper() and len(p) >= 4 and any(
            kind == PRIMARY or gaz.entry(i).population >= ECHO_MIN_POPULATION * 10
            for i, kind in gaz.lookup(p)) for p in parts):
        return False  # not 'Wal-Mart': a town's own name or a spelling of a real town
    if not (_neighbours(gaz, *parts) or all(major_place(gaz, lex, p) or any(
            gaz.entry(i).feature_code in (CONTINENT, REGION) for i, _ in gaz.lookup(p))
            for p in parts) or ent.label_ in PLACE_LABELS and all(
            any(kind == PRIMARY for _, kind in gaz.lookup(p)) for p in parts)):
        # 'Mercedes-Benz': two towns far apart ('Moscow-Kyiv', 'Asia-Pacific' go, and so does a
        # name the tagger calls a place: the 'Logan-Rogersville' school district)
        return False
    claim(ent.start_char, ent.start_char + len(parts[0]), "ner-hyphen", ent.label_)
    start = ent.start_char + len(parts[0]) + 1
    claim(start, start + len(parts[1]), "ner-hyphen", ent.label_)
    return True


TEAM_SPREAD_KM = 100.0


def _neighbours(gaz: Gazetteer, a: str, b: str) -> bool:
    """Do towns of these two names (their own, or a spelling of a town of 10,000) lie within
    TEAM_SPREAD_KM of each other?"""
    first, second = ([gaz.entry(i) for i, kind in gaz.lookup(name) if kind == PRIMARY
                      or gaz.entry(i).population >= ECHO_MIN_POPULATION * 10] for name in (a, b))
    return any(abs(x.lat - y.lat) < 1.0 and haversine_km(x.lat, x.lon, y.lat, y.lon)
               <= TEAM_SPREAD_KM for x in first for y in second)


def _run_together(ent, gaz: Gazetteer, lex: Lexicon, claim) -> bool:
    """'Cyprus, Greece Italy or Spain': two names the tagger ran into one entity, which the
    gazetteer knows apart but not together; both must be countries, regions or big cities."""
    text = doc_text(ent.doc)
    if len(ent) < 2 or len(ent) > 4 or gaz.lookup(text[ent.start_char : ent.end_char]):
        return False
    for cut in range(1, len(ent)):
        left, right = ent[:cut], ent[cut:]
        if all(major_place(gaz, lex, text[part.start_char : part.end_char])
               for part in (left, right)):
            claim(left.start_char, left.end_char, "ner-split", ent.label_)
            claim(right.start_char, right.end_char, "ner-split", ent.label_)
            return True
    return False


def _unknown_place(text: str, ent: Span, name: str, gaz: Gazetteer, lex: Lexicon,
                   cued_end: int) -> bool:
    """A PERSON/ORG entity no gazetteer holds, right after 'the village of' ('the villages
    of Nuli and Avnevi', 'the suburb of Madinaty'): a place too small for the gazetteer."""
    if len(ent) > 3 or any(ch.isdigit() for ch in name) or is_stop(lex, name) or (
            is_acronym(name)) or not all(w[:1].isupper() for w in name.split()):
        return False
    if gaz.lookup_inflected(name):
        return False  # a known name: the other rules decide
    return after_unknown_cue(lex.relations, text, ent.start_char) or cued_end >= 0 and bool(
        LIST_LINK.fullmatch(text, cued_end, ent.start_char))


SKELETON_NAME_MIN = 6  # shorter names share their skeleton with too many others


def _reads_as_place(text: str, start: int, name: str, gaz: Gazetteer, lex: Lexicon) -> bool:
    """A PERSON/ORG entity that is a known place and is introduced as one."""
    if is_acronym(name) and len(name) < 5 and not (name.strip(".") not in lex.acronyms and any(
            gaz.entry(i).feature_code in (COUNTRY, ADMIN1) for i, _ in gaz.lookup(name))):
        return False  # (a country's or a state's letters are one: 'in the DRC', 'in NSW')
    if is_stop(lex, name):
        return False
    if not (gaz.lookup(name) or len(name) >= SKELETON_NAME_MIN and gaz.lookup_skeleton(name)):
        return False  # ('around Ras al-Ain': Ra's al 'Ayn by its transliteration skeleton)
    before = previous_word(text, start)
    if before == "the" and any(gaz.entry(i).feature_code in (ADMIN1, REGION, COUNTRY)
                               for i, _ in gaz.lookup(name)):
        before = previous_word(text, text.rfind("the", 0, start))  # 'in the Sinai
    rel = lex.relations
    return before in STRICT_LOCATIVE or after_generic_noun(
        rel, text, start) or after_place_cue(rel, text, start) or apposition_after(
        text, start + len(name), lex)


def _gazetteer_matches(doc: Doc, gaz: Gazetteer, lex: Lexicon, taken: bytearray, claim) -> None:
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
        j, named = i, 0
        while j < n and named < MAX_NGRAM and (
            name[j] or words[j] in _NAME_LINKS and j > i
            or words[j] == "." and j > i and words[j - 1].lower() in ABBREVIATIONS
        ) and not taken[starts[j]]:  # 'Sault Ste. Marie'; links are no words of the count
            named += name[j]  # ('Port' '-' 'au' '-' 'Prince' is a name of two words)
            j += 1
        matched = False
        for k in range(j, i, -1):  # longest match first
            if words[k - 1] in _NAME_LINKS or words[k - 1] == ".":
                continue
            end_char = starts[k - 1] + len(words[k - 1])
            site = landmark_end(doc_text(doc), starts[i], end_char, gaz, lex)
            if site is not None and site > end_char:  # 'the Kakhovka dam'
                claim(starts[i], site, "landmark", "")
                i = k
                matched = True
                break
            if _accept_gazetteer_span(doc, i, k, gaz, lex):
                claim(starts[i], starts[k - 1] + len(words[k - 1]), "gazetteer", "")
                i = k
                matched = True
                break
        if not matched:
            i += 1


# lowercase words inside a place's name: 'Stratford-on-Avon', 'Mocimboa da Praia', 'Rio de
# Janeiro', 'Castel del Monte', 'Port-au-Prince', 'Boulogne-sur-Mer'
_NAME_LINKS = frozenset({"-", "of", "on", "de", "da", "do", "dos", "das", "del", "di", "du",
                         "des", "la", "au", "aux", "en", "sur"})  # ('Port-au-Prince')


def _glued_parts(word: str, offset: int, gaz: Gazetteer, lex: Lexicon, claim) -> None:
    """'Sumy;Ukraine': headlines joined without spaces make one token of two names."""
    for part in word.split(";"):
        if part[:1].isupper() and part.isalpha() and not is_stop(lex, part) and (
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
    return word[:1].isupper() and (word.isalpha() or "-" in word and word.replace(
        "-", "").isalpha()) and word.lower() not in STOP_WORDS  # ('Port-au-Prince': one token)


_ADMIN_TYPES = frozenset({"county", "parish", "borough", "oblast", "raion", "province",
                          "governorate", "district", "region"})


def _accept_gazetteer_span(doc: Doc, first: int, end: int, gaz: Gazetteer, lex: Lexicon
                           ) -> bool:
    """Is doc[first:end] a gazetteer name used as a place?"""
    text = doc_text(doc)
    toks = doc_tokens(doc)
    start_char = toks.idx[first]
    end_char = toks.idx[end - 1] + len(toks.text[end - 1])
    name = text[start_char:end_char]
    if is_stop(lex, name) and qualified_town(text, end_char, name, gaz):
        return True  # 'Buffalo, New York', 'Reading, Pennsylvania'
    if is_stop(lex, name) or is_acronym(name) or len(name) < 3 or fold(name) in lex.demonyms:
        return False  # 'the English city of Salisbury': a demonym, not English, Indiana
    if name.lower().rstrip(".") in ABBREVIATIONS:
        return False  # the 'Ste' of 'Sault Ste. Marie' is no Saint-Etienne
    hits = gaz.lookup_inflected(name)
    if not hits:
        return False
    entries = [gaz.entry(i) for i, _ in hits]
    big = any(e.feature_code in (COUNTRY, ADMIN1, REGION, CONTINENT) or e.population >= MAJOR_CITY
              for e in entries)  # 'the North Caucasus', 'across Central Asia'
    big = big or " " in name and (name.rsplit(" ", 1)[1].lower() in _ADMIN_TYPES or (
        name.split(" ", 1)[0].lower() in _ADMIN_TYPES)) and any(
        e.feature_code in (ADMIN1, ADMIN2) for e in entries)
    # ('Licking County', 'County Galway' name themselves)
    prev = previous_word(text, start_char)
    rel = lex.relations
    introduced = prev in rel.locative or after_generic_noun(rel, text, start_char) or (
        after_place_cue(rel, text, start_char))  # 'Gangs attacked Mirebalais
    if all(kind == ALTERNATE for _, kind in hits) and not _CYRILLIC.search(name) and not (
        big or introduced
    ):
        return False  # only an alternate name of a small place, and no cue: most likely a word
    words = toks.text
    qualified = end < len(words) and words[end] == "," and end + 1 < len(words) and bool(
        gaz.lookup(words[end + 1])
    )
    local = local_word_after(text, end_char, lex)  # 'Chicopee residents', 'Tillsonburg Mayor'
    if doc[first].is_sent_start and not (introduced or qualified or big or local):
        return False
    return big or introduced or qualified or local
