"""Names the small English tagger mislabels in conflict reporting, and the words around them
that tell what they are: a village the tagger calls a person or an organisation after 'in' or
'near' (a place); a brand qualifying a noun, an institution's name (not places). The word
lists live in data/geo/ (stopnames.json: 'institution_words'; relations.json: 'part_nouns'). Used by
recognize.py; unknown names found here are reported only where the parser can place them
(parser.py)."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Span

from frontwire.geo.gazetteer import Gazetteer
from frontwire.geo.lexicon import Lexicon, is_site, is_stop
from frontwire.geo.relations import after_place_cue, previous_word
from frontwire.text.fold import fold, is_acronym

LIST_LINK = re.compile(r",\s+|,?\s+(?:and|or)\s+")  # between the names of a list
POSSESSIVE = re.compile(r"['\u2019]s\b")
_UNKNOWN_LOCATIVE = frozenset({"in", "near", "around", "outside", "towards", "toward"})
_NAME_PART = re.compile(r"[A-Z\u00c0-\u00de][\w\u00c0-\u024f'\u2019]*(?:-[\w\u00c0-\u024f]+)*$")


def _apposition(lex: Lexicon) -> re.Pattern[str]:
    nouns = "|".join(sorted(lex.admin_words | lex.part_nouns | {"settlement", "hamlet", "port"}))
    # 'Sudzha, a border town of 5,000', 'Minova, a lakeside town': the name of a place
    # ... the noun closing the phrase, not 'Bob, a township trustee'
    return re.compile(rf",\s+(?:a|an|the)\s+(?:[a-z][\w-]*\s+){{0,3}}(?:{nouns})"
                      r"(?=\s*[,.;:)]|\s+(?:of|in|on|near|north|south|east|west|outside|where|"
                      r"which|that|with|about|some|just|close|held|controlled)\b)")


def apposition_after(text: str, end: int, lex: Lexicon) -> bool:
    """Is the name followed by ', a border town', ', the provincial capital'-like words that
    say it is a place?"""
    return bool(lex.derived(_apposition).match(text, end))


def institution_name(lex: Lexicon, name: str) -> bool:
    """'the Syrian Observatory for Human Rights', 'Wagner Group': an organisation's name,
    whatever the tagger called it."""
    words = lex.institution_words
    return any(w in words for w in fold(name).split())


def before_noun(ent: Span, lex: Lexicon) -> bool:
    """Is the name right before a common noun that it qualifies ('Wal-Mart stores', 'Olympic
    record'), other than a word for an admin unit or a part of a town ('Kurram district',
    'the Shejaiya neighbourhood')?"""
    after = ent.end
    return after < len(ent.doc) and ent.doc[after].pos_ == "NOUN" and ent.doc[
        after].is_lower and ent.doc[after].lower_ not in lex.admin_words | lex.part_nouns


def locative_unknown(text: str, ent: Span, name: str, gaz: Gazetteer, lex: Lexicon,
                     full_names: Counter[str], unknown_end: int) -> bool:
    """A name no gazetteer holds that the tagger took for a person or organisation, right
    after 'in', 'near', 'around' or a war or motion cue, or listed after such a name ('police
    stations in Pétion-Ville and Cité Soleil', 'near Zalambessa'): most likely a village or
    district. It is reported only where the parser can place it (a region or town the text
    names beside it, or the one region of the story)."""
    words = name.split()
    listed = unknown_end >= 0 and LIST_LINK.fullmatch(text, unknown_end, ent.start_char)
    before = previous_word(text, ent.start_char)
    cued = before in _UNKNOWN_LOCATIVE or after_place_cue(lex.relations, text, ent.start_char) or (
        apposition_after(text, ent.end_char, lex))
    if not 0 < len(words) <= 3 or not listed and (not cued or (
            # 'in Sidney Crosby', 'captured Abu Bakr': a full name is a person's
            ent.label_ == "PERSON" and len(words) > 1)):
        return False
    if POSSESSIVE.search(text, ent.start_char, ent.end_char + 2) or any(
            ch.isdigit() for ch in name) or is_acronym(name) or is_stop(lex, name) or is_site(
            lex, name) or gaz.lookup(name) or fold(words[0]) in lex.person_titles:
        return False  # "in Trump's West Wing", 'in Kanawha Circuit Court', 'Bishop X'
    if before_noun(ent, lex):
        return False  # 'in Wal-Mart stores': a name before a noun qualifies it
    own = 1 if ent.label_ == "PERSON" and len(words) > 1 else 0  # ('Cité Soleil' itself)
    return all(_NAME_PART.match(w) and not (len(w) > 1 and w.isupper()) and full_names[w] <= own
               and fold(w) not in lex.institution_words
               and not is_stop(lex, w) for w in words)  # no word of a person's full name
