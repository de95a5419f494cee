"""Figures: numbers with what they count ('1 person died', '5,000 of the 70,000 residents').

A figure is read in three steps, all from the one spaCy Doc of the article:
1. the number itself: digits ('5,000', '10-15'), words ('twenty-five', 'two hundred'), vague
   quantities ('dozens' -> 12, ACLED's convention, see data/figures/quantities.json) and the
   qualifier before it ('at least', 'more than'); ranges keep their lower bound;
2. the counted noun: the noun the number modifies ('12 civilians'), the noun after a partitive
   'of' ('dozens of people', 'a total of 18 people', 'a family of five'), or the number itself
   when it stands alone ('five were wounded');
3. what is counted, from the dependency parse rather than a word window: the noun itself
   ('12 dead', '30 casualties'), the verb that governs the noun and its complements ('were
   killed', 'killing 5', 'were taken prisoner', 'were reported missing', 'shot to death',
   'sustained injuries'), a participle on the noun ('civilians killed'), or a toll ('the
   death toll rose to 15'); the subject of an active verb with an object is the attacker,
   not a victim. Headline grammar that the parser gets wrong ('9 dead, 64 wounded', 'kills
   3, injures 28') is read from the words next to the number. Otherwise the figure counts
   its noun ('residents', 'soldiers').
Victims without a number are figures too: 'a man', 'his wife', 'another', 'he' (1 each) and
a bare plural ('shelling killed civilians', a conservative 3) when a killing or wounding verb
governs them.

Words and their categories live in data/figures/*.json (rule 2 of the design).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Token

from frontwire.events.doctokens import DocParse, DocTokens, doc_parse, doc_tokens
from frontwire.events.telegraphic import read_telegraphic
from frontwire.model import Figure
from frontwire.text.context import ArticleContext
from frontwire.text.intervals import GrowingSpanIndex

if TYPE_CHECKING:
    from frontwire.events.casualties import CasualtyWords

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")
_RANGE = re.compile(r"^(\d[\d,]*)[-–](\d[\d,]*)$")
_SKIP_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
_SUBJ_OBJ = {"nsubj", "nsubjpass", "dobj", "attr", "oprd", "appos", "npadvmod", "dative"}


def _load(name: str) -> dict[str, Any]:
    return json.loads((files("frontwire") / "data" / "figures" / name).read_text("utf-8"))


@dataclass(frozen=True)
class FigureWords:
    """The number words and what a figure counts (data/figures/quantities.json and
    counted.json), loaded once by `CasualtyWords.load`, which the Pipeline owns."""

    units: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, int]
    weak: frozenset[str]
    plural_unspecified: int
    qualifiers: dict[str, dict[str, bool]]
    verb_cat: dict[str, str]
    phrase_cat: dict[str, str]
    noun_cat: dict[str, str]
    adj_cat: dict[str, str]
    toll_nouns: frozenset[str]
    toll_mods: dict[str, str]
    report_verbs: frozenset[str]
    person_nouns: frozenset[str]
    skip_nouns: frozenset[str]
    casualty_counts: frozenset[str]
    plurals: dict[str, str]
    life_verbs: frozenset[str]
    strong_counts: frozenset[str]
    reflexive_verbs: frozenset[str]
    reflexives: frozenset[str]
    default_toll: dict[str, str]
    ellipsis_verbs: frozenset[str]
    singular_dets: frozenset[str]
    intent_verbs: frozenset[str]
    vague_first: frozenset[str]
    collective_nouns: frozenset[str]
    total_nouns: frozenset[str]
    pronoun_victims: frozenset[str]
    prep_objects: dict[str, str]
    not_victims: frozenset[str]
    weapon_nouns: frozenset[str]
    months: frozenset[str]
    object_phrases: dict[str, str]
    verb_prep_objects: dict[str, str]
    subject_victim_verbs: frozenset[str]
    animal_nouns: frozenset[str]
    plant_nouns: frozenset[str]
    age_markers: frozenset[str]
    intent_nouns: frozenset[str]
    outcome_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    # _may_start_number's answers by word: asked for every token, the same few thousand words
    number_starts: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls) -> FigureWords:
        q = _load("quantities.json")
        c = _load("counted.json")
        verb_cat: dict[str, str] = {}
        phrase_cat: dict[str, str] = {}
        for cat, words in c["verbs"].items():
            for w in words:
                (phrase_cat if " " in w else verb_cat)[w] = cat
        return cls(
            units=q["units"],
            scales=q["scales"],
            vague={k: v["value"] for k, v in q["vague"].items()},
            weak=frozenset(q["weak"]),
            plural_unspecified=q["plural_unspecified"]["value"],
            qualifiers=q["qualifiers"],
            verb_cat=verb_cat,
            phrase_cat=phrase_cat,
            noun_cat={w: cat for cat, ws in c["nouns"].items() for w in ws},
            adj_cat={w: cat for cat, ws in c["predicate_adjectives"].items() for w in ws},
            toll_nouns=frozenset(c["toll_nouns"]),
            toll_mods={w: cat for cat, ws in c["toll_modifiers"].items() for w in ws},
            report_verbs=frozenset(c["report_verbs"]),
            person_nouns=frozenset(c["person_nouns"]),
            skip_nouns=frozenset(c["skip_nouns"]),
            casualty_counts=frozenset(c["casualty_counts"]),
            plurals=c["irregular_plurals"],
            life_verbs=frozenset(c["life_verbs"]),
            strong_counts=frozenset(c["strong_noun_counts"]),
            reflexive_verbs=frozenset(c["reflexive_kill_verbs"]),
            reflexives=frozenset(c["reflexive_pronouns"]),
            default_toll=c["default_toll"],
            ellipsis_verbs=frozenset(c["ellipsis_verbs"]),
            singular_dets=frozenset(c["singular_dets"]),
            intent_verbs=frozenset(c["intent_verbs"]),
            vague_first=frozenset(k.split()[0] for k in q["vague"]),
            collective_nouns=frozenset(c["collective_nouns"]),
            total_nouns=frozenset(c["total_nouns"]),
            pronoun_victims=frozenset(c["pronoun_victims"]),
            prep_objects=c["prep_objects"],
            not_victims=frozenset(c["not_victims"]),
            weapon_nouns=frozenset(c["weapon_nouns"]),
            months=frozenset(_month_names()),
            object_phrases=c["object_phrases"],
            verb_prep_objects=c["verb_prep_objects"],
            subject_victim_verbs=frozenset(c["subject_victim_verbs"]),
            animal_nouns=frozenset(c["animal_nouns"]),
            plant_nouns=frozenset(c["plant_nouns"]),
            age_markers=frozenset(c["age_markers"]),
            intent_nouns=frozenset(c["intent_nouns"]),
            outcome_verbs=frozenset(c["outcome_verbs"]),
            denial_verbs=frozenset(c["denial_verbs"]),
        )


def _month_names() -> list[str]:
    data = json.loads((files("frontwire") / "data" / "timex.json").read_text("utf-8"))
    return list(data["months"]) + list(data["weekdays"])


# --- step 1: the number ---------------------------------------------------------------------


@dataclass
class _Number:
    start: int  # token index, first token of the number (qualifier excluded)
    end: int  # token index, exclusive
    value: int
    approximate: bool = False
    qualifier: str | None = None
    weak: bool = False  # 'several', 'a', 'no': kept only when it counts casualties
    q_start: int | None = None  # token index where the qualifier starts


def words_to_int(lex: FigureWords, words: list[str]) -> int | None:
    """'twenty-five' -> 25, 'two hundred and ten' -> 210, '5 thousand' -> 5000; None if not."""
    total = current = 0
    seen = False
    for raw in words:
        for w in raw.lower().split("-"):
            w = w.replace(",", "")
            if w == "and" and seen:
                continue
            if w.isdigit():
                current += int(w)
            elif w in lex.units:
                current += lex.units[w]
            elif w in lex.scales:
                scale = lex.scales[w]
                current = (current or 1) * scale
                if scale >= 1000:
                    total, current = total + current, 0
            else:
                return None
            seen = True
    return total + current if seen else None


def _digits(text: str) -> int | None:
    if _DIGITS.match(text):
        return int(text.replace(",", ""))
    return None


def _is_number_word(lex: FigureWords, tok: Token) -> bool:
    return _is_number_low(lex, tok.lower_)


def _is_number_low(lex: FigureWords, low: str) -> bool:
    """_is_number_word by the token's lowercase text."""
    parts = low.split("-")
    return all(p in lex.units or p in lex.scales for p in parts) and low not in ("a", "an", "no")


def _may_start_number(lex: FigureWords, low: str) -> bool:
    """False when a token (by its lowercase text) can never start a number in _read_number:
    no digit, no number word, no vague quantity, not 'no'/'a'. Most tokens are such, and
    skipping them spares building a Token object for each."""
    known = lex.number_starts.get(low)
    if known is None:
        known = lex.number_starts[low] = _starts_by_word(lex, low)
    return known


def _starts_by_word(lex: FigureWords, low: str) -> bool:
    if low in lex.vague_first or low in ("no", "none", "nobody", "a", "an"):
        return True
    if any(ch.isdigit() for ch in low):
        return True
    parts = low.split("-")
    return all(p in lex.units or p in lex.scales for p in parts)


def _read_number(lex: FigureWords, doc: Doc, i: int, end: int) -> _Number | None:
    """The number that starts at token i (without its qualifier), or None."""
    tok = doc[i]
    low = tok.lower_
    # the words after the first from the cached lists (indexing the Doc makes a Token each time)
    dt = doc_tokens(doc)
    lw, words_text = dt.lower, dt.text
    # vague multi-word quantities first: 'tens of thousands', 'a number of', 'dozens'
    for n in (4, 3, 2, 1) if low in lex.vague_first else ():
        if i + n > end:
            continue
        phrase = " ".join(doc_tokens(doc).lower[i : i + n])
        if phrase in lex.vague:
            weak = phrase in lex.weak
            # 'some 5,000': a qualifier, not a quantity
            if phrase in ("some", "many") and i + 1 < end and _starts_number(lex, doc, i + 1, end):
                return None
            return _Number(i, i + n, lex.vague[phrase], approximate=phrase != "a dozen", weak=weak)
    if (
        tok.ent_type_ in _SKIP_ENTS
        and not _counts_people_next(lex, doc, i, end)
        and _is_date_ent(lex, tok)
    ):
        return None
    m = _RANGE.match(tok.text)
    if m:
        return _Number(i, i + 1, int(m.group(1).replace(",", "")), True, "range")
    value = _digits(tok.text)
    j = i + 1
    if value is None and _DECIMAL.match(tok.text) and j < end and lw[j] in lex.scales:
        value = int(float(tok.text) * lex.scales[lw[j]])
        j += 1
    elif value is None and low in ("no", "none", "nobody"):
        if low == "no" and j < end and lw[j] == "one":
            return _Number(i, j + 1, 0, weak=True)
        return _Number(i, j, 0, weak=True)
    elif value is None and low in ("a", "an"):
        if not (j < end and lw[j] in lex.scales):
            return None  # 'a man': a singular victim, read from the noun (_unnumbered)
        value = lex.scales[lw[j]]
        j += 1
    elif value is None and _is_number_word(lex, tok):
        words = [tok.text]
        while j < end and (
            _is_number_low(lex, lw[j])
            or (lw[j] in ("and", "-") and j + 1 < end and _is_number_low(lex, lw[j + 1]))
        ):
            if words_text[j] != "-":
                words.append(words_text[j])
            j += 1
        value = words_to_int(lex, words)
    elif value is not None:
        while j < end and lw[j] in lex.scales:
            value *= lex.scales[lw[j]]
            j += 1
    if value is None:
        return None
    plural_next = j < end and doc_parse(doc).tag[j] == "NNS"
    if (
        1900 <= value <= 2100
        and "," not in tok.text
        and _DIGITS.match(tok.text)
        and not plural_next
    ):
        return None  # a year, not a count ('in 2023'; '2000 people' stays)
    num = _Number(i, j, value, weak=low in ("both",))
    # ranges: '10 to 15', '10-15', '12 or 13': keep the lower bound (ACLED: conservative)
    if j + 1 < end and lw[j] in ("to", "-", "–", "or") and _starts_number(lex, doc, j + 1, end):
        other = _read_number(lex, doc, j + 1, end)
        if other is not None and other.value >= value and not other.weak:
            num.end = other.end
            num.approximate, num.qualifier = True, "range"
    return num


_RANGE_WORDS = {
    "between",
    "and",
    "to",
    "or",
    "-",
    "–",
    "at",
    "least",
    "more",
    "than",
    "about",
    "some",
}


_TIME_WORDS = {
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "hour",
    "hours",
    "minute",
    "minutes",
    "ago",
    "a.m.",
    "p.m.",
    "am",
    "pm",
    "o'clock",
    "morning",
    "afternoon",
    "evening",
    "night",
    "daily",
    "weekly",
    "annual",
    "century",
    "decade",
    "season",
}


def _is_date_ent(lex: FigureWords, tok: Token) -> bool:
    """True when the number belongs to a date or time ('March 3', 'two weeks', '6 a.m.');
    not for 'between 10 and 15' or 'rose to 64 overnight', which spaCy tags DATE/TIME."""
    if not tok.ent_type_:
        return True
    if _DIGITS.match(tok.text) and len(tok.text) == 4 and "," not in tok.text:
        return True  # a year
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    ent = doc[start:end]
    if any(t.lower_ == "old" for t in ent) or (end < len(doc) and doc[end].lower_ == "old"):
        return False  # 'two 18-year-old conscripts': an age, the number before it counts people
    months = lex.months
    return any(t.lower_ in _TIME_WORDS or t.lower_.rstrip(".") in months for t in ent)


def _starts_number(lex: FigureWords, doc: Doc, i: int, end: int) -> bool:
    t = doc[i]
    return bool(_DIGITS.match(t.text) or _RANGE.match(t.text) or _is_number_word(lex, t))


def _counts_people_next(lex: FigureWords, doc: Doc, i: int, end: int) -> bool:
    return i + 1 < end and (
        doc[i + 1].lemma_.lower() in lex.person_nouns or doc[i + 1].lemma_.lower() in lex.noun_cat
    )


def _qualify(lex: FigureWords, doc: Doc, num: _Number, sent_start: int) -> None:
    """Attach the qualifier before the number ('at least 12'), or 'between 10 and 15'."""
    for n in (3, 2, 1):
        s = num.start - n
        if s < sent_start:
            continue
        phrase = " ".join(doc_tokens(doc).lower[s : num.start])
        if phrase in lex.qualifiers:
            num.qualifier = num.qualifier or phrase
            if num.qualifier == "range":
                num.qualifier = phrase
            num.approximate = num.approximate or lex.qualifiers[phrase].get("approximate", False)
            num.q_start = s
            return
        if phrase == "between" and num.end + 1 < len(doc) and doc[num.end].lower_ == "and":
            num.qualifier, num.approximate, num.q_start = "range", True, s
            other = _read_number(lex, doc, num.end + 1, doc[num.start].sent.end)
            if other is not None:
                num.end = other.end
            return


# --- step 2 and 3: the counted noun and what it counts -----------------------------------------


def _plural(lex: FigureWords, lemma: str) -> str:
    if lemma in lex.plurals:
        return lex.plurals[lemma]
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        return lemma if lemma.endswith("s") else lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def _verb_category(
    lex: FigureWords, verb: Token, _seen: frozenset[int] = frozenset()
) -> str | None:
    """What a governing verb says happened to its subject/object: 'killed', 'injured', ...

    `_seen` holds the verbs already asked on this path: coordinated verbs refer to each
    other ('attacked and killed'), and a parse can make that a cycle."""
    v = verb.i
    if v in _seen:
        return None
    _seen = _seen | {v}
    # read from the Doc's arrays: a verb's children are asked several times below
    doc = verb.doc
    toks, parse = doc_tokens(doc), doc_parse(doc)
    lemmas, dep, pos = toks.lemma, parse.dep, parse.pos
    kids = parse.children[v]
    lemma = lemmas[v]
    for c in kids:
        # 'shot dead a village chief': the parser may hang 'dead' on the verb as a preposition
        if dep[c] in ("oprd", "dobj", "attr", "acomp", "advmod", "prt", "xcomp") or (
            dep[c] == "prep" and parse.tag[c] == "JJ"
        ):
            phrase = f"{lemma} {lemmas[c]}"
            if phrase in lex.phrase_cat:
                return lex.phrase_cat[phrase]
    if lemma in lex.verb_cat and lemma != "dead":
        cat = _joint(lex, verb, lex.verb_cat[lemma])
        if cat in ("captured", "missing", "arrested") and _then_killed(lex, verb, _seen):
            return "killed"  # 'abducted and later found dead'
        return cat
    if pos[v] == "ADJ" and lemma in lex.adj_cat:
        return lex.adj_cat[lemma]  # '9 dead, 64 wounded'
    if lemma in lex.life_verbs and _object_is_life(verb):
        return "killed"
    for c in kids:  # 'sustained injuries', 'suffered shrapnel wounds'
        if dep[c] == "dobj":
            cat = lex.object_phrases.get(f"{lemma} {lemmas[c]}")
            if cat:
                return cat
    for c in kids:  # 'shot to death', 'treated for wounds', 'treated in hospital'
        if dep[c] == "prep":
            for g in parse.children[c]:
                key = f"{toks.lower[c]} {lemmas[g]}"
                cat = lex.prep_objects.get(key) or lex.verb_prep_objects.get(f"{lemma} {key}")
                if cat and dep[g] == "pobj":
                    return cat
    if lemma == "be":  # 'a girl was among the dead', 'two were among those injured'
        for c in kids:
            if dep[c] == "prep" and toks.lower[c] == "among":
                for g in parse.children[c]:
                    cat = lex.noun_cat.get(lemmas[g]) or lex.noun_cat.get(toks.lower[g])
                    cat = cat or _noun_children_category(lex, doc[g])
                    if dep[g] == "pobj" and cat in ("killed", "injured"):
                        return cat
    # 'were reported killed', 'were found dead', 'are missing', 'left 5 dead'
    if lemma in lex.report_verbs or lemma == "be" or pos[v] == "AUX":
        for c in kids:
            if dep[c] in ("oprd", "xcomp", "acomp", "attr"):
                word = lemmas[c]
                if word in lex.adj_cat:
                    return lex.adj_cat[word]
                if word in lex.verb_cat and pos[c] in ("VERB", "ADJ") and word != "dead":
                    return lex.verb_cat[word]
    shared = _shared_object_verb(lex, verb)
    if shared is not None:
        return _verb_category(lex, shared, _seen)
    # 'was stabbed and shot dead', 'reported to be tortured and killed': the harm is told by
    # a verb conjoined to this one (or to its complement) that shares its subject
    for c in kids:
        if pos[c] != "VERB" or dep[c] not in ("conj", "xcomp"):
            continue
        if dep[c] == "xcomp" and not (lemma in lex.report_verbs or lemma == "be"):
            continue
        if any(dep[g] in ("nsubj", "nsubjpass", "dobj") for g in parse.children[c]):
            continue  # 'one was arrested and two were killed': other people
        cat = _verb_category(lex, doc[c], _seen)
        if cat in ("killed", "injured"):
            return cat
    return None


def _then_killed(lex: FigureWords, verb: Token, _seen: frozenset[int] = frozenset()) -> bool:
    """A conjoined verb with no subject of its own that says the same people died."""
    return any(
        c.dep_ == "conj"
        and c.pos_ == "VERB"
        and not any(g.dep_ in ("nsubj", "nsubjpass", "dobj") for g in c.children)
        and _verb_category(lex, c, _seen) == "killed"
        for c in verb.children
    )


def _shared_object_verb(lex: FigureWords, verb: Token) -> Token | None:
    """'attacked and killed a civilian', 'killed and mutilated three men': the object hangs
    on one verb of the pair; the other verb with no object of its own shares it."""
    doc, p = verb.doc, doc_parse(verb.doc)  # the parse as lists: a Token only per conjunct
    pair = [doc[c] for c in p.children[verb.i] if p.dep[c] == "conj" and p.pos[c] == "VERB"]
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        pair.append(verb.head)
    for other in pair:
        if (
            other.lemma_.lower() in lex.verb_cat
            and other.lemma_.lower() != "dead"
            and not any(g.dep_ in ("dobj", "nsubjpass") for g in other.children)
        ):
            return other
    return None


def _joint(lex: FigureWords, verb: Token, cat: str) -> str:
    """'10 troops killed and wounded': one figure for both is 'casualties', not deaths."""
    other = {"killed": "injured", "injured": "killed"}.get(cat)
    if other is None:
        return cat
    if _alternatives(lex, verb, cat):
        return "casualties"
    first = verb.head
    # 'Car bomb kills and injures 14': a headline's first verb may be tagged as a noun
    pair = first.pos_ == "VERB" or (
        first.pos_ == "NOUN" and first.i == verb.i - 2 and verb.doc[verb.i - 1].lower_ == "and"
    )
    if (
        verb.dep_ == "conj"
        and pair
        and first.i < verb.i
        and lex.verb_cat.get(first.lemma_.lower()) == other
        and not any(g.dep_ in ("dobj", "nsubjpass") for g in first.children)
        and not any(g.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for g in verb.children)
    ):
        return "casualties"  # 'killed and wounded 32 people', 'kills and injures 16'
    for c in verb.children:
        if (
            c.dep_ == "conj"
            and c.pos_ == "VERB"
            and lex.verb_cat.get(c.lemma_.lower()) == other
            # 'killed three and two were wounded': an auxiliary of its own makes it a clause
            and not any(
                g.dep_ in ("nsubj", "nsubjpass", "dobj", "aux", "auxpass") for g in c.children
            )
        ):
            return "casualties"
    return cat


def _alternatives(lex: FigureWords, verb: Token, cat: str) -> bool:
    """'were killed, injured or captured': one figure for several fates, none of them sure
    (ACLED does not count it as dead)."""
    doc = verb.doc
    end = verb.sent.end
    j, saw_or, cats = verb.i + 1, False, {cat}
    while j < end and (doc[j].text in (",", "or", "and") or doc[j].tag_ == "VBN"):
        if doc[j].lower_ == "or":
            saw_or = True
        elif doc[j].tag_ == "VBN":
            c = lex.verb_cat.get(doc[j].lemma_.lower())
            if c is None:
                break
            cats.add(c)
        j += 1
    return saw_or and len(cats) > 1


def _object_is_life(verb: Token) -> bool:
    return any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ("life", "lives")
        for c in verb.children
    )


def _headline_list_category(lex: FigureWords, noun: Token) -> str | None:
    """'Three troops, two militants killed', 'Policeman, farmer killed in shelling': in a
    verbless headline, the participle on the last item of a comma list says what happened
    to every item."""
    if noun.dep_ != "ROOT" or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    for item in (c for c in noun.children if c.dep_ in ("appos", "conj")):
        cat = _noun_children_category(lex, item)
        if cat in ("killed", "injured"):
            return cat
    return None


def _noun_children_category(lex: FigureWords, noun: Token) -> str | None:
    """'civilians killed in the strike', '12 wounded soldiers', '3 people dead'."""
    for child in noun.children:
        if child.dep_ not in ("acl", "amod", "relcl", "oprd", "appos"):
            continue
        if noun.pos_ == "NUM" and child.i < noun.i:
            continue  # '5 dead 4 injured': 'dead' is the number before's
        c = child.lemma_.lower()
        if c in lex.adj_cat and child.dep_ != "relcl":
            return lex.adj_cat[c]
        if c in lex.verb_cat and child.pos_ in ("VERB", "ADJ"):
            cat = lex.verb_cat[c]
            if child.dep_ == "amod" and cat not in ("killed", "injured", "missing"):
                continue  # 'displaced Palestinians' says who they are, not what happened
            if child.dep_ == "relcl" and any(g.dep_ == "dobj" for g in child.children):
                continue  # 'soldiers who killed civilians': the soldiers are not the dead
            if child.dep_ in ("relcl", "acl") and _of_person_between(lex, noun, child):
                continue  # '50 relatives of soldiers who died': the clause is the soldiers'
            return cat
    return _headline_list_category(lex, noun)  # its own participle first


def _of_person_between(lex: FigureWords, noun: Token, clause: Token) -> bool:
    """True when an 'of' phrase naming people stands between a noun and a clause hung on it:
    the parser often attaches 'who died' to 'relatives' in 'relatives of soldiers who died'."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ == "of"
        and noun.i < prep.i < clause.i
        and any(
            g.dep_ == "pobj" and (_is_victim_noun(lex, g) or g.lemma_.lower() in lex.person_nouns)
            for g in prep.children
        )
        for prep in noun.children
    )


def _toll_category(lex: FigureWords, tok: Token) -> str | None:
    """'a death toll of 12', 'the death toll rose to 15', 'put the number of dead at 9'.

    Returns '' for a toll that does not say what it counts ('gave a figure of 19'): the
    caller reads it as the same count as the figure before it in the sentence."""
    noun = tok
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "dative"):
        prep = tok.head
        head = prep.head
        while head.dep_ in ("advmod", "prt", "prep") and head.pos_ not in ("VERB", "AUX"):
            head = head.head  # 'revised the toll down to 8'
        if prep.lower_ == "of" and head.lemma_.lower() in lex.toll_nouns:
            noun = head
        else:
            # verb-headed: 'the toll rose to 15', 'put the toll at 12', 'the toll of 5
            # dead was revised to 8' (the toll noun may sit inside the subject)
            for child in head.children:
                if child.dep_ not in ("nsubj", "dobj", "nsubjpass"):
                    continue
                found = next(
                    (
                        t
                        for t in child.subtree
                        if t.lemma_.lower() in lex.toll_nouns and t.i != tok.i
                    ),
                    None,
                )
                if found is not None:
                    noun = found
                    break
    elif tok.dep_ in ("attr", "dobj") and tok.head.pos_ in ("AUX", "VERB"):
        for child in tok.head.children:
            if child.dep_ in ("nsubj",) and child.lemma_.lower() in lex.toll_nouns:
                noun = child
    if noun is tok or noun.lemma_.lower() not in lex.toll_nouns:
        return None
    for mod in noun.subtree:
        m = mod.lemma_.lower()
        if m in lex.toll_mods and mod.i != noun.i:
            return lex.toll_mods[m]
    return lex.default_toll.get(noun.lemma_.lower(), "")


def _partitive_noun(lex: FigureWords, doc: Doc, tok: Token) -> Token | None:
    """The noun after 'of' in 'dozens of people', '5,000 of the city's 70,000 residents'."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return None
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
    possessed = pobj is not None and (
        any(c.dep_ == "case" for c in pobj.children)
        or (pobj.i + 1 < len(doc) and doc[pobj.i + 1].tag_ == "POS")
    )
    if pobj is not None and pobj.pos_ in ("NOUN", "PROPN", "PRON") and not possessed:
        return pobj
    # the parse often breaks on "the city's pre-war 70,000 residents": scan forward
    for t in doc[of.i + 1 : min(of.i + 9, tok.sent.end)]:
        possessive = t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "POS"
        if (
            t.pos_ == "NOUN"
            and not possessive
            and (t.tag_ == "NNS" or t.lemma_.lower() in lex.person_nouns)
        ):
            return t
    return pobj


def _is_quantity(lex: FigureWords, tok: Token) -> bool:
    """Heads a count through 'of': 'dozens of', 'a total of', 'a family of five'."""
    low = tok.lemma_.lower()
    return (
        tok.pos_ == "NUM"
        or tok.lower_ in lex.vague
        or low in lex.vague
        or low in lex.total_nouns
        or low in lex.collective_nouns
    )


def _governing_verb(lex: FigureWords, noun: Token) -> Token | None:
    """The verb whose subject or object the counted noun is (through conjuncts)."""
    g = noun
    for _ in range(4):
        if g.dep_ in ("conj", "appos") and g.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            g = g.head
        elif g.dep_ == "pobj" and g.head.lower_ in ("including", "among"):
            g = g.head.head
        elif g.dep_ == "pobj" and g.head.lower_ == "of" and _is_quantity(lex, g.head.head):
            g = g.head.head  # 'dozens of people', 'three of the soldiers'
        else:
            break
    if g.pos_ in ("VERB", "AUX") and g is not noun:
        return g  # 'were wounded, including three children': the prep hangs on the verb
    if g.dep_ in _SUBJ_OBJ or g.dep_ == "pobj" and g.head.lower_ == "by":
        h = g.head
        return h if h.pos_ in ("VERB", "AUX", "ADJ") else None
    if g.dep_ == "pobj" and g.head.dep_ == "agent":
        return g.head.head
    return None


def _subject_role(noun: Token) -> str:
    g = noun
    while g.dep_ in ("conj", "appos") and g.head is not g and g.head.pos_ not in ("VERB", "AUX"):
        g = g.head
    return g.dep_


def _is_agent(lex: FigureWords, noun: Token, verb: Token) -> bool:
    """'a drone strike killed four people', 'a commander said': the subject of an active
    verb with an object, or of a reporting verb, is the one who did it."""
    if _subject_role(noun) != "nsubj" or verb.lemma_.lower() in lex.subject_victim_verbs:
        return False  # 'hundreds of people fled the village': it happened to them
    if any(
        c.dep_ == "dobj" and f"{verb.lemma_.lower()} {c.lemma_.lower()}" in lex.object_phrases
        for c in verb.children
    ):
        return False  # 'nine people sustained injuries'
    if verb.lemma_.lower() in lex.report_verbs and verb.lemma_.lower() != "be":
        if any(_passive_harm(lex, c) for c in verb.children if c.dep_ == "xcomp"):
            return False  # '12 people reported to have been killed': it happened to them
        return not any(c.dep_ in ("oprd", "acomp") for c in verb.children)
    if any(c.dep_ == "dobj" for c in verb.children) and not _object_is_life(verb):
        return True
    # 'police shot dead a 19-year-old': an object noun phrase the parser hung elsewhere
    return any(
        c.i > verb.i
        and c.dep_ in ("oprd", "dative")
        and any(g.dep_ in ("det", "nummod") for g in c.children)
        for c in verb.children
    )


def _passive_harm(lex: FigureWords, verb: Token) -> bool:
    """'to have been killed', 'to be wounded', 'to have died': harm that befell the subject."""
    lemma = verb.lemma_.lower()
    if lex.verb_cat.get(lemma) not in ("killed", "injured"):
        return False
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return passive or lemma in lex.subject_victim_verbs


def _self_killed(lex: FigureWords, noun: Token, verb: Token) -> bool:
    """'a suicide bomber blew himself up'."""
    return (
        _subject_role(noun) == "nsubj"
        and verb.lemma_.lower() in lex.reflexive_verbs
        and any(c.dep_ == "dobj" and c.lower_ in lex.reflexives for c in verb.children)
    )


@dataclass
class _Reading:
    counts: str
    noun: Token | None
    rule: str
    confidence: float


def _of_head_category(lex: FigureWords, noun: Token) -> str | None:
    """'the bodies of 9 men', 'the lives of seven people', 'the deaths of 5 soldiers'."""
    while (
        noun.dep_ == "conj"
        and noun.head.pos_ in ("NOUN", "PROPN")
        and noun.lemma_.lower() not in lex.noun_cat
    ):
        noun = noun.head  # 'the death of 4 soldiers and 2 gendarmes' (not '... and 5 injuries')
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        h = noun.head.head
        cat = lex.noun_cat.get(h.lemma_.lower()) or lex.noun_cat.get(h.lower_)
        if cat in lex.strong_counts:
            return cat
    return None


def _categorise(lex: FigureWords, syn: Token, noun: Token | None) -> _Reading | None:
    """What a counted noun (or a bare number) counts, from the parse around it. `syn` is the
    token that holds the figure's place in the clause: the noun, or the quantity word of
    'dozens of people' / 'upwards of 50 soldiers'."""
    head = noun if noun is not None else syn
    n_lemma = head.lemma_.lower()
    if noun is not None and n_lemma in lex.animal_nouns:
        return _Reading("animals", noun, "figures.animal", 0.8)  # 'killed 15 cattle'
    if noun is not None and n_lemma in lex.plant_nouns:
        return _Reading("plants", noun, "figures.plant", 0.8)  # 'cut down 28 olive trees'
    cat = _of_head_category(lex, head)
    if cat:
        return _Reading(cat, noun, "figures.of-noun", 0.85)
    noun_cat = None
    if noun is not None:
        noun_cat = lex.noun_cat.get(n_lemma) or lex.noun_cat.get(noun.lower_)
    verb = _governing_verb(lex, syn)
    # 'two of the wounded died': in a partitive the verb says what happened, not the noun
    partitive = (
        noun is not None and syn is not noun and (syn.pos_ == "NUM" or syn.lower_ in lex.vague)
    )
    if noun_cat in lex.strong_counts and not (partitive and verb is not None):
        return _Reading(noun_cat, noun, "figures.noun", 0.9)  # type: ignore[arg-type]
    cat = _noun_children_category(lex, head)  # 'one wounded', 'civilians killed in the strike'
    died_later = (
        cat == "injured"
        and verb is not None
        and syn.dep_ in ("nsubj", "nsubjpass")
        and _verb_category(lex, verb) == "killed"
    )  # 'a soldier, wounded on Monday, died': the death outranks the wound (not for a
    # listed group: 'Militant killed, 3 soldiers wounded')
    if cat and not died_later:
        return _Reading(cat, noun, "figures.participle", 0.85)
    if verb is not None:
        if _self_killed(lex, syn, verb):
            return _Reading("killed", noun, "figures.self-killed", 0.7)
        if not _is_agent(lex, syn, verb):
            cat = _verb_category(lex, verb)
            if cat:
                return _Reading(cat, noun, f"figures.verb:{verb.lemma_.lower()}", 0.85)
    if noun_cat in lex.strong_counts:
        return _Reading(noun_cat, noun, "figures.noun", 0.9)  # type: ignore[arg-type]
    if noun_cat:
        return _Reading(noun_cat, noun, "figures.noun", 0.8)
    if noun is None:
        if verb is not None and verb.lemma_.lower() in lex.ellipsis_verbs:
            return _Reading("", None, "figures.ellipsis", 0.5)  # 'state media said 10'
        return None
    if noun.pos_ == "PRON":
        return None  # 'two of them': counts nothing by itself
    label = noun.lower_ if noun.tag_ in ("NNS", "NNPS") else _plural(lex, n_lemma)
    return _Reading(label, noun, "figures.noun", 0.6)


def _is_age(lex: FigureWords, doc: Doc, num: _Number) -> bool:
    """'two women aged 39 and 71', 'men aged 25, 31 and 44', 'a man, age 60': the numbers
    after an age word are ages, never people."""
    markers = lex.age_markers
    if _bracketed_age(lex, doc, num):
        return True
    j = (num.q_start if num.q_start is not None else num.start) - 1
    sent_start = doc[num.start].sent.start
    while j >= sent_start and (doc[j].like_num or doc[j].lower_ in (",", "and", "between")):
        j -= 1
    return j >= sent_start and doc[j].lower_ in markers


def _bracketed_age(lex: FigureWords, doc: Doc, num: _Number) -> bool:
    """'Abu Khalid (34), a commander', 'a farmer (61)': a bare number in brackets right after
    a name or a person is an age; so is one between commas after one person ('her
    grandson, 9,')."""
    before, after = num.start - 1, num.end
    if before < 1 or after >= len(doc) or num.value > 120 or num.qualifier:
        return False
    person = doc[before - 1]
    if doc[before].text == "," and doc[after].text in (",", ".", ";") and num.end == num.start + 1:
        # 'her grandson, 9, was injured', 'a man, 57, and his son': one person, then an age
        return person.tag_ in ("NN", "NNP") and _is_victim_noun(lex, person)
    if doc[before].text != "(" or doc[after].text != ")":
        return False
    return person.pos_ == "PROPN" or _is_victim_noun(lex, person)


def _is_label(lex: FigureWords, tok: Token) -> bool:
    """'Brigade 72', 'house 14', 'Route 66', 'Unit 8200': a number after the noun it
    modifies names the thing; it counts nothing (not 'wounds six', a verb read as a noun)."""
    head = tok.head
    words = {head.lower_, head.lemma_.lower()}
    return (
        tok.dep_ in ("nummod", "compound")
        and head.i < tok.i
        and head.pos_ in ("NOUN", "PROPN")
        and head.tag_ in ("NN", "NNP")
        and not any(w in lex.noun_cat or w in lex.verb_cat for w in words)
    )


def _what_it_counts(lex: FigureWords, doc: Doc, num: _Number) -> _Reading | None:
    if _is_age(lex, doc, num):
        return None
    tok = doc[num.end - 1]
    if _is_label(lex, tok):
        return None
    # climb the number's own chain ('two hundred', 'at least 12') to its top token
    while tok.dep_ in ("compound", "quantmod") and num.start <= tok.head.i < num.end:
        tok = tok.head
    if num.qualifier == "range" and num.start <= tok.head.i < num.end:
        # '1-2 police officers': the parse hangs the upper bound on the lower one, which
        # holds the range's place in the clause
        span = doc[num.start : num.end]
        tok = next((t for t in span if not num.start <= t.head.i < num.end), tok)
    noun: Token | None = None
    if tok.dep_ in ("nummod", "det", "amod", "quantmod", "npadvmod", "compound") and (
        tok.head.pos_ in ("NOUN", "ADJ") or tok.head.tag_ == "NNPS"
    ):
        noun = tok.head
    elif tok.dep_ in ("nummod", "compound") and tok.head.pos_ == "PROPN":
        noun = _noun_through_modifiers(tok.head)  # 'Two Ukraine soldiers'; not '8 ... HQ'
        if noun is None and tok.head.lower_ in lex.noun_cat:
            noun = tok.head  # '2 KIA, 5 WIA': the abbreviation says what it counts
        elif noun is None and tok.i < tok.head.i and _counts_group(lex, tok.head):
            noun = tok.head  # 'Five Balanda were killed', 'Nine Taleban killed': members
    if (
        noun is None
        and tok.dep_ == "appos"
        and _is_victim_noun(lex, tok.head)
        and _noun_children_category(lex, tok) is None
    ):
        return None  # 'a woman, 62, was wounded': an age (not '..., ten wounded')
    more: Token | None = None
    if noun is not None and noun.lower_ == "more":
        more, noun = noun, None  # 'injured 19 more', 'four more on Tuesday': no noun
    if noun is not None and noun.lemma_.lower() in lex.skip_nouns:
        return None  # '20 km', '3 hours'
    if noun is not None and noun.dep_ in ("compound", "amod"):
        noun = _noun_through_modifiers(noun) or noun
    elif (
        num.end < len(doc)
        and doc[num.end].pos_ == "NOUN"
        and doc[num.end].tag_ in ("NNS", "NN")
        and (
            num.start <= doc[num.end].head.i < num.end
            or any(t.head.i == num.end for t in doc[num.start : num.end])
        )
    ):
        noun = doc[num.end]
    if noun is None or noun.i < num.start:
        noun = _partitive_noun(lex, doc, tok)
    if noun is not None and noun.lemma_.lower() in lex.skip_nouns:
        return None
    cat = _toll_category(lex, tok)  # the toll frame: 'the death toll rose to 15'
    if cat is not None:
        return _Reading(cat, noun, "figures.toll" if cat else "figures.ellipsis", 0.85)
    syn = noun if noun is not None else (more if more is not None else tok)
    lo = num.q_start if num.q_start is not None else num.start
    of_child = noun if noun is not None else tok
    if of_child.dep_ == "pobj" and of_child.head.lower_ == "of":
        quantity = of_child.head.head  # 'a number of soldiers', 'upwards of 50 soldiers'
        if lo <= quantity.i < num.end or quantity.i == tok.i or _is_quantity(lex, quantity):
            syn = quantity  # ... 'a total of 18 people', 'a family of five'
            if noun is None and quantity.lemma_.lower() in lex.collective_nouns:
                noun = quantity
    if (
        num.end < len(doc)
        and doc[num.end].lower_ == "dead"
        and (noun is None or noun.i > num.end + 1 or noun.i < num.start)
        and not _is_label(lex, tok)
    ):  # '5 dead 4 injured', 'leaves two dead and six trucks burned': however parsed
        return _Reading("killed", None, "figures.headline", 0.6)
    if noun is not None and tok.head.i == noun.i and _describes_counted(lex, noun):
        return None  # '7 citizens of one family', '5 residents from 2 villages'
    if noun is not None and _counts_things(lex, noun):
        return _Reading(_plural(lex, noun.lemma_.lower()), noun, "figures.noun", 0.8)
    reading = _categorise(lex, syn, noun)
    if (reading is None or reading.counts not in ("killed", "injured")) and noun is not None:
        shared = _shared_toll_noun(lex, noun)
        if shared is not None:  # '25 rebel fighters and 6 military fatalities'
            return _Reading(shared, noun, "figures.noun", 0.7)
    adjacent = _adjacent_participle(lex, doc, num, noun)
    if adjacent is not None and (reading is None or reading.counts != adjacent.counts):
        return adjacent  # 'and twelve were killed' says it, whatever the parse made of it
    if reading is None or reading.counts not in lex.casualty_counts:
        surface = _headline_category(lex, doc, num, noun)
        if surface is not None:
            return surface
    return reading


def _shared_toll_noun(lex: FigureWords, noun: Token) -> str | None:
    """'resulting in 25 rebel fighters and 6 military fatalities', '12 soldiers and 4
    civilian deaths': people counted before a conjoined, counted toll noun share its fate."""
    if not _is_victim_noun(lex, noun):
        return None
    for c in noun.children:
        cat = lex.noun_cat.get(c.lemma_.lower())
        if (
            c.dep_ == "conj"
            and cat in ("killed", "injured")
            and any(g.dep_ == "nummod" for g in c.children)
        ):
            return cat
    return None


def _describes_counted(lex: FigureWords, noun: Token) -> bool:
    """'7 citizens of one family', '3 men from two villages', 'two of the 12 soldiers': a
    number inside an 'of'/'from' phrase of people already counted says who they are, or the
    whole they are taken from, not how many more there were."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("of", "from"):
        return False
    owner = noun.head.head
    if owner.pos_ == "NUM" and noun.head.lower_ == "of":
        return any(c.dep_ == "det" for c in noun.children)  # 'two of the 12 soldiers'
    return _is_victim_noun(lex, owner) and any(c.dep_ == "nummod" for c in owner.children)


def _counts_things(lex: FigureWords, noun: Token) -> bool:
    """'two armed attacks', '30 drones', '4 new raids': a count of weapons or of events, never
    of victims (not 'two attack victims', whose head is the person)."""
    lemma = noun.lemma_.lower()
    return (lemma in lex.weapon_nouns or lemma in lex.not_victims) and lemma not in lex.noun_cat


def _counts_group(lex: FigureWords, head: Token) -> bool:
    """'Five Balanda', 'Nine Taleban': a number before a proper noun that is a clause's
    subject or object counts members of a named group (not 'Route 66', '2 May')."""
    if head.lemma_.lower() in lex.skip_nouns or head.lower_.rstrip(".") in lex.months:
        return False
    return head.dep_ in ("nsubj", "nsubjpass", "dobj") or (
        head.dep_ == "conj" and head.head.dep_ in ("nsubj", "nsubjpass", "dobj")
    )


def _noun_through_modifiers(tok: Token) -> Token | None:
    """The plural noun a modifier chain ends in: 'Ukraine' in 'two Ukraine soldiers'."""
    t = tok
    for _ in range(3):
        if t.pos_ == "NOUN" and t.tag_ == "NNS" and t is not tok:
            return t
        if t.dep_ not in ("compound", "amod", "nmod") or t.head is t:
            break
        t = t.head
    return t if t is not tok and t.pos_ == "NOUN" else None


_AUX = {"were", "was", "are", "is", "have", "has", "had", "been", "be", "reportedly", "also"}


def _adjacent_participle(
    lex: FigureWords, doc: Doc, num: _Number, noun: Token | None
) -> _Reading | None:
    """'twelve were killed', '30 people have been wounded': the figure right before a
    passive killing or wounding verb."""
    j = noun.i + 1 if noun is not None and noun.i >= num.end else num.end
    seen_aux = False
    while j < len(doc) and doc[j].lower_ in _AUX:
        j, seen_aux = j + 1, True
    if not seen_aux or j >= len(doc) or doc[j].tag_ != "VBN":
        return None
    cat = lex.verb_cat.get(doc[j].lemma_.lower())
    if cat not in ("killed", "injured") or doc[j].lemma_.lower() == "dead":
        return None
    return _Reading(_joint(lex, doc[j], cat), noun, f"figures.verb:{doc[j].lemma_.lower()}", 0.8)


def _headline_category(
    lex: FigureWords, doc: Doc, num: _Number, noun: Token | None
) -> _Reading | None:
    """Headline grammar the parser often gets wrong: 'one militiaman killed - ministry',
    'shelling kills two, wounds five', 'killing one - source'. Only for casualty words right
    beside the figure."""
    after = noun.i + 1 if noun is not None and noun.i >= num.end else num.end
    person = noun is None or noun.lemma_.lower() in lex.person_nouns
    if person and after < len(doc) and doc[after].tag_ in ("VBN", "VBD"):
        cat = lex.verb_cat.get(doc[after].lemma_.lower())
        if any(
            c.dep_ == "dobj" and c.left_edge.i == after + 1 and c.left_edge.pos_ == "DET"
            for c in doc[after].children
        ):
            cat = None  # 'two gunmen killed a farmer': the killers, in an active clause
        if cat in ("killed", "injured") and doc[after].lemma_.lower() != "dead":
            return _Reading(cat, noun, "figures.headline", 0.6)
    before = num.q_start if num.q_start is not None else num.start
    if before > 0 and doc[before - 1].tag_ in ("VBG", "VBZ", "NNS"):
        cat = lex.verb_cat.get(doc[before - 1].lemma_.lower())
        if cat in ("killed", "injured"):
            return _Reading(cat, None, "figures.headline", 0.6)
    return None


def _is_victim_noun(lex: FigureWords, tok: Token) -> bool:
    """A person noun, or a noun a person word qualifies ('a civilian welder')."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if tok.lemma_.lower() in lex.person_nouns:
        return True
    return any(
        c.dep_ in ("amod", "compound") and c.lemma_.lower() in lex.person_nouns
        for c in tok.children
    )


def _may_be_victim(lex: FigureWords, toks: DocTokens, parse: DocParse, k: int) -> bool:
    """_is_victim_noun read from the Doc's arrays, without Token objects."""
    if parse.pos[k] not in ("NOUN", "PROPN"):
        return False
    person = lex.person_nouns
    if toks.lemma[k] in person:
        return True
    return any(
        parse.dep[c] in ("amod", "compound") and toks.lemma[c] in person for c in parse.children[k]
    )


def _may_be_harmed(lex: FigureWords, toks: DocTokens, parse: DocParse, k: int) -> bool:
    """False when _object_of_harm is sure to be: its first checks, read from the arrays."""
    while parse.dep[k] == "conj" and parse.pos[parse.head[k]] in ("NOUN", "PROPN"):
        k = parse.head[k]
    return parse.dep[k] in ("dobj", "nsubjpass", "oprd") and (
        toks.lemma[k] not in lex.not_victims
    )


def _object_of_harm(lex: FigureWords, tok: Token) -> bool:
    """'the strike killed a paramedic', 'troops killed Ivan Petrov', 'killed a 17-year-old':
    whoever a killing or wounding verb takes as its object is a person, whatever the noun
    (body parts, events and an appositive after a comma aside)."""
    while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head  # 'his deputy and a radio operator'
    lemma = tok.lemma_.lower()
    if tok.dep_ not in ("dobj", "nsubjpass", "oprd") or lemma in lex.not_victims:
        return False
    if lemma in lex.animal_nouns or lemma in lex.plant_nouns:
        return False  # 'killed livestock', 'cut down an olive tree'
    if tok.dep_ == "oprd" and not any(c.dep_ == "det" for c in tok.children):
        return False  # 'shot dead' itself; 'shot dead a 19-year-old' parsed as oprd
    if tok.dep_ == "dobj" and any(
        c.dep_ == "nsubj" and (c.pos_ == "NUM" or c.lower_ in lex.vague) for c in tok.head.children
    ):
        return False  # 'Dozens killed as RSF shells the market': a headline's passive
    if tok.pos_ == "PROPN" and tok.ent_type_ not in ("PERSON", "NORP"):
        return False  # 'killed Ivan Petrov', 'a Palestinian was killed'; not 'hit Kyiv'
    first = min(t.i for t in tok.subtree)
    if tok.i > tok.head.i and first > 0 and tok.doc[first - 1].text == ",":
        return False  # 'killed two people, the second attack this week' (not 'On Monday, a
        # man was killed': a comma before the subject ends an opening phrase)
    return _verb_category(lex, tok.head) in ("killed", "injured")


def _spaced_dash(tok: Token) -> bool:
    """' - ' between words: in a headline it sets off the source ('... - ministry')."""
    doc = tok.doc
    return (
        tok.text in ("-", "–", "—")
        and bool(tok.whitespace_)
        and tok.i > 0
        and bool(doc[tok.i - 1].whitespace_)
    )


def _is_age_noun(tok: Token) -> bool:
    """'a 17-year-old': an age used as a noun is a person."""
    return tok.lower_ == "old" and any(c.lemma_.lower() == "year" for c in tok.children)


def _counted_by_of(lex: FigureWords, tok: Token) -> bool:
    """'a family of five', 'a total of 18 people': the count is after 'of', not the noun
    (not 'a girl of 11 years', 'a boy of 12': a person's age)."""
    if tok.lemma_.lower() in lex.total_nouns:
        return True
    lemma = tok.lemma_.lower()
    person = lemma in lex.person_nouns and lemma not in lex.collective_nouns
    if person and any(_an_age(g) for c in tok.children if c.lower_ == "of" for g in c.children):
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        # 'a family of five'; 'a unit of six fighters'
        and any(g.pos_ == "NUM" or any(h.dep_ == "nummod" for h in g.children) for g in c.children)
        for c in tok.children
    )


def _an_age(tok: Token) -> bool:
    """'(a girl of) 11 years', '(a boy of) 12': a bare number or a span of years, not 'one of
    the groups'."""
    if tok.lemma_.lower() in ("year", "month"):
        return any(c.dep_ == "nummod" for c in tok.children)
    return tok.pos_ == "NUM" and not any(c.dep_ == "prep" for c in tok.children)


def _headline_subject(lex: FigureWords, tok: Token) -> bool:
    """'Ukrainian soldier killed in Donbas': a headline's singular victim, without article."""
    if any(
        c.dep_ == "acl" and lex.verb_cat.get(c.lemma_.lower()) in ("killed", "injured")
        for c in tok.children
    ):
        return True
    verb = tok.head
    cat = lex.verb_cat.get(verb.lemma_.lower())
    if cat not in ("killed", "injured"):
        return False
    if tok.dep_ == "dobj":
        return True  # 'shelling kills militiaman'
    return (
        tok.dep_ in ("nsubj", "nsubjpass")
        and (
            verb.tag_ in ("VBN", "VBD")
            or verb.tag_ == "VBZ"
            and verb.lemma_.lower() in lex.subject_victim_verbs
        )
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)
    )


def _in_headline_list(lex: FigureWords, tok: Token) -> bool:
    """'Policeman, farmer killed in shelling': a bare person noun (no article) in a verbless
    headline's list whose last item carries the killing or wounding participle."""
    if any(c.dep_ in ("det", "poss", "nummod") for c in tok.children):
        return False
    if not _is_victim_noun(lex, tok):
        return False
    root = tok if tok.dep_ == "ROOT" else tok.head
    if root.dep_ != "ROOT" or (tok is not root and tok.dep_ not in ("appos", "conj")):
        return False
    if any(c.dep_ in ("det", "poss", "nummod") for c in root.children):
        return False
    return _headline_list_category(lex, root) is not None


def _unnumbered(lex: FigureWords, ctx: ArticleContext, taken: set[int]) -> list[Figure]:
    """Victims without a number: 'a man was killed', 'his wife was wounded', 'another
    injured' (1 each); 'shelling killed civilians' (a bare plural, a conservative value)."""
    out: list[Figure] = []
    doc = ctx.doc
    toks, parse = doc_tokens(doc), doc_parse(doc)
    # every branch below wants a noun or one of these words; the rest need no Token object
    special = lex.pronoun_victims | {"another", "old"}
    tags = parse.tag
    nouns = ("NN", "NNP", "NNS")
    for k in [k for k, w in enumerate(toks.lower) if tags[k] in nouns or w in special]:
        if k in taken:
            continue
        if parse.pos[k] == "PROPN" and toks.lower[k] in lex.adj_cat:
            continue  # 'Teenager Killed, Civilians Injured': a Title Case participle, no victim
        if toks.lower[k] not in special and not (
            _may_be_victim(lex, toks, parse, k) or _may_be_harmed(lex, toks, parse, k)
        ):
            continue
        tok = doc[k]
        children = list(tok.children)
        if tok.lower_ == "another" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "conj"):
            value, start_tok = 1, tok
        elif tok.lower_ == "another" and _elided_participle(lex, tok) is not None:
            value, start_tok = 1, tok  # 'one soldier was killed and another injured in ...'
        elif tok.lower_ in lex.pronoun_victims and (
            tok.dep_ in ("nsubjpass", "dobj")
            or tok.dep_ == "nsubj"
            and tok.head.lemma_.lower() in lex.subject_victim_verbs
        ):
            value, start_tok = 1, tok  # '... before he was shot dead', 'he later died'
        elif (
            (_is_victim_noun(lex, tok) or _object_of_harm(lex, tok))
            and (tok.tag_ in ("NN", "NNP") or _is_age_noun(tok))
            and not _counted_by_of(lex, tok)
            and not any(c.dep_ == "nummod" for c in children)  # read with its number
            and not _describes_counted(lex, tok)  # 'Six members of a local militia killed'
        ):
            bare_list = _in_headline_list(lex, tok)
            if (
                tok.dep_ == "appos"
                and not any(c.dep_ == "conj" for c in children)
                and not bare_list
            ):
                continue  # 'killed at least 18, a medic said': a description or a speaker
            det = next((c for c in children if c.dep_ in ("det", "poss")), None)
            if det is None and not (
                (
                    tok.dep_ == "conj"
                    and (_is_victim_noun(lex, tok.head) or _object_of_harm(lex, tok.head))
                )
                or _headline_subject(lex, tok)
                or bare_list
                or tok.ent_type_ == "PERSON"
            ):
                continue  # 'her husband and son': the son shares the possessive
            if det is None and _same_person(tok):
                continue  # 'a former mayor and local party leader was killed': one man
            if det is not None and det.dep_ == "det" and det.lower_ not in lex.singular_dets:
                continue  # 'no civilian', 'every soldier'
            value, start_tok = 1, det if det is not None and det.i < tok.i else tok
        elif _is_victim_noun(lex, tok) and tok.tag_ == "NNS":
            if any(c.dep_ in ("det", "nummod", "poss", "quantmod") for c in children):
                continue
            if tok.dep_ == "pobj" and tok.head.lower_ == "of":
                continue  # 'the number of people killed', 'dozens of people': counted there
            if tok.dep_ == "conj" and _conj_counted(tok):
                continue  # '4 children and women': the number counts the whole pair
            role = tok.dep_ if tok.dep_ != "conj" else tok.head.dep_
            sub = list(tok.subtree)
            after_comma = sub[0].i > 0 and ctx.doc[sub[0].i - 1].text == ","
            if role not in ("nsubj", "nsubjpass", "dobj") or after_comma:
                continue  # 'eight were injured, two of them children': a description
            if any(t.pos_ == "NUM" for t in sub):
                continue  # the count is inside: read with the number
            verb = _governing_verb(lex, tok)
            if verb is None or _verb_category(lex, verb) not in ("killed", "injured"):
                continue  # 'evacuating wounded soldiers': who they are, not what happened
            if any(c.dep_ == "amod" and c.lower_ in lex.vague for c in children):
                continue
            value, start_tok = lex.plural_unspecified, tok
        else:
            continue
        reading = _categorise(lex, tok, tok)
        if (elided := _elided_participle(lex, tok)) is not None:
            reading = _Reading(elided, tok, "figures.unnumbered", 0.5)
        harmed = reading is not None and reading.counts in ("killed", "injured")
        partner = None if harmed else _dangling_partner(lex, tok)
        if partner is not None:  # 'A man, 57, and his son were injured'
            reading, tok = _categorise(lex, partner, partner), partner
            if reading is not None:
                reading = _Reading(reading.counts, doc[k], reading.rule, reading.confidence)
            tok = doc[k]
        if reading is None or reading.counts not in ("killed", "injured"):
            continue
        verb = _governing_verb(lex, tok) if partner is None else _governing_verb(lex, partner)
        if verb is not None and any(c.dep_ == "neg" for c in verb.children):
            continue
        if verb is not None and any(
            _spaced_dash(t) for t in doc[min(tok.i, verb.i) : max(tok.i, verb.i)]
        ):
            continue  # 'shelling kills shepherd - regional governor': the line's source
        if verb is not None and verb.i < tok.i and any(t.text == ":" for t in doc[verb.i : tok.i]):
            continue  # 'airstrikes kill dozen rebels in Marib: source': the line's source
        if _hypothetical(lex, tok):
            continue  # 'threatened to execute prisoners'
        subset = _subset(tok, verb)
        start, end = start_tok.idx, tok.idx + len(tok.text)
        # 'a suicide bomber blew himself up': the attacker, whom the toll counts apart
        rule = reading.rule if reading.rule == "figures.self-killed" else "figures.unnumbered"
        out.append(
            Figure(
                value=value,
                counts=reading.counts,
                start=start,
                end=end,
                text=ctx.text[start:end],
                sentence=ctx.sentence_index(start),
                approximate=value != 1,
                qualifier=subset or ("unspecified" if value != 1 else None),
                evidence=[ctx.evidence(start, end, rule, 0.5)],
            )
        )
    return out


def _same_person(tok: Token) -> bool:
    """A second title with no determiner of its own, joined to a subject whose verb agrees in
    the singular ('a former mayor and local party leader was hacked to death'): two
    descriptions of one person."""
    first = tok.head
    if tok.dep_ != "conj" or first.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in first.children):
        return False
    verb = first.head
    return any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "is", "has") for c in verb.children
    )


def _elided_participle(lex: FigureWords, tok: Token) -> str | None:
    """'... was killed and another injured in the firing': 'another' left hanging off the
    first verb with the elided clause's participle as its modifier (the parse a longer
    sentence gets); what that participle says happened to him."""
    if tok.lower_ != "another" or tok.dep_ != "dep" or tok.i + 1 >= len(tok.doc):
        return None
    nxt = tok.doc[tok.i + 1]
    if nxt.head.i != tok.i or nxt.tag_ != "VBN":
        return None
    cat = lex.verb_cat.get(nxt.lemma_.lower()) or lex.adj_cat.get(nxt.lower_)
    return cat if cat in ("killed", "injured") else None


def _dangling_partner(lex: FigureWords, tok: Token) -> Token | None:
    """'A man, 57, and his son were injured': an age between commas breaks the parse, and the
    first person keeps the 'and' with no partner; the person after the 'and', the subject
    of the clause, is that partner, and what happened to one happened to both."""
    if not _is_victim_noun(lex, tok) or any(c.dep_ == "conj" for c in tok.children):
        return None
    cc = next((c for c in tok.children if c.dep_ == "cc" and c.i > tok.i), None)
    if cc is None or not any(c.dep_ == "appos" and c.like_num for c in tok.children):
        return None
    for t in tok.doc[cc.i + 1 : min(cc.i + 5, tok.sent.end)]:
        if t.pos_ in ("NOUN", "PROPN"):
            return t if t.dep_ in ("nsubj", "nsubjpass") and _is_victim_noun(lex, t) else None
    return None


def _conj_counted(tok: Token) -> bool:
    """A bare plural joined to a numbered plural ('11 soldiers and militiamen were killed',
    'killed 4 children and women'): one number counts both groups; a bare plural has
    nothing of its own to add."""
    head = tok
    while head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
        if head.tag_ in ("NNS", "NNPS") and any(
            c.dep_ == "nummod" or (c.dep_ == "amod" and c.like_num) for c in head.children
        ):
            return True
    return False


def _possessive_deaths(lex: FigureWords, ctx: ArticleContext, taken: set[int]) -> list[Figure]:
    """'shot a shepherd, resulting in his death', 'leading to her death': one death, told by
    a death noun with 'his'/'her' as the outcome of the event (not 'his death in 2017', which
    no outcome verb governs)."""
    out: list[Figure] = []
    doc = ctx.doc
    lemmas = doc_tokens(doc).lemma  # a death noun is rare: test the lemma before the Token
    for k in [k for k, w in enumerate(lemmas) if lex.noun_cat.get(w) == "killed"]:
        tok = doc[k]
        if k in taken:
            continue
        if tok.tag_ != "NN" or not any(
            c.dep_ == "poss" and c.lower_ in ("his", "her") for c in tok.children
        ):
            continue
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head if tok.dep_ == "dobj" else None
        if verb is None or verb.lemma_.lower() not in lex.outcome_verbs:
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ not in ("in", "to"):
            continue
        poss = next(c for c in tok.children if c.dep_ == "poss")
        start, end = poss.idx, tok.idx + len(tok.text)
        out.append(
            Figure(
                value=1,
                counts="killed",
                start=start,
                end=end,
                text=ctx.text[start:end],
                sentence=ctx.sentence_index(start),
                evidence=[ctx.evidence(start, end, "figures.unnumbered", 0.5)],
            )
        )
    return out


_LIST_SEPARATORS = (",", "and", "&")


def _headline_lists(lex: FigureWords, ctx: ArticleContext, figures: list[Figure]) -> None:
    """'Teacher, nurse killed in strike', 'Four soldiers, three rebels killed in Kidal': a
    headline that opens with a list of victims and a participle. The parser often misreads
    such lines (above all without a full stop), so the list is read from the words: each
    item is a number (or 1 for a bare singular noun) with its noun, all sharing the
    participle's count. Figures already read on the items take that count."""
    doc = ctx.doc
    # the words' strings from the cached lists: a Token object only for a candidate noun
    dt, tag = doc_tokens(doc), doc_parse(doc).tag
    lower = dt.lower
    spans = figure_spans(figures)
    for sent in ctx.sentences:
        items: list[tuple[int, int, int]] = []  # (start token, end token, value)
        j, end = sent.start, sent.end
        while j < end:
            start, value = j, None
            num = _read_number(lex, doc, j, end) if _may_start_number(lex, lower[j]) else None
            if num is not None and not num.weak:
                value, j = num.value, num.end
            k = j
            while k < end and k - j < 3 and tag[k] in ("NN", "NNS", "NNP", "NNPS", "JJ"):
                k += 1
            if (
                k <= j
                or tag[k - 1] == "JJ"
                or not (
                    value is not None
                    or (tag[k - 1] == "NN" and _is_victim_noun(lex, doc[k - 1]))
                )
            ):
                break
            items.append((start, k, value if value is not None else 1))
            j = k
            if j < end and lower[j] in _LIST_SEPARATORS:
                j += 1
                while j < end and lower[j] in _LIST_SEPARATORS:
                    j += 1
                continue
            break
        if len(items) < 2 or j >= end or tag[j] not in ("VBN", "VBD"):
            continue
        cat = lex.verb_cat.get(dt.lemma[j])
        if cat not in ("killed", "injured") or any(
            lower[a] in lex.singular_dets for a, _, _ in items
        ):
            continue  # a determiner makes it prose, which the parse reads
        for a, b, value in items:
            lo, hi = dt.idx[a], dt.idx[b - 1] + len(dt.text[b - 1])
            same = spans.starting_in(lo, hi)
            added = mark_or_add(ctx, figures, same, (lo, hi), cat, value, "figures.headline-list")
            spans.add(added)
    figures.sort(key=lambda f: (f.start, f.end))


def figure_spans(figures: list[Figure]) -> GrowingSpanIndex[Figure]:
    """The article's figures by position, so that a headline item looks only at the figures
    near it: comparing each item with every figure grows with the square of its length."""
    return GrowingSpanIndex(figures, lambda f: (f.start, f.end))


def mark_or_add(
    ctx: ArticleContext,
    figures: list[Figure],
    same: list[Figure],
    span: tuple[int, int],
    cat: str,
    value: int | None,
    rule: str,
) -> Figure | None:
    """A headline item's category: the figures already read there take it; where none was,
    the item becomes a new figure (a low-confidence reading, named by its rule), returned."""
    for f in same:
        f.counts = cat
    if same or value is None:
        return None
    lo, hi = span
    figure = Figure(
        value=value,
        counts=cat,
        start=lo,
        end=hi,
        text=ctx.text[lo:hi],
        sentence=ctx.sentence_index(lo),
        evidence=[ctx.evidence(lo, hi, rule, 0.6)],
    )
    figures.append(figure)
    return figure


def _subset(noun: Token | None, anchor: Token | None) -> str | None:
    """'including three children', 'among them two soldiers': part of a figure already given;
    so is every later item of the list ('including 15 soldiers, 5 police officers and 14
    civilians')."""
    top = noun
    while top is not None and top.dep_ == "conj" and top.head.pos_ in ("NOUN", "PROPN", "NUM"):
        nxt = top.right_edge.i + 1
        if nxt < len(top.doc) and top.doc[nxt].lemma_ in ("be", "have"):
            break  # '..., soldiers and 108 people were injured': a new clause's subject
        top = top.head
    for t in (top, top.head if top is not None else None):
        if t is not None and t.dep_ == "pobj" and t.head.lower_ in ("including", "among"):
            if t.head.lower_ == "among" and t.head.head.lemma_.lower() == "be":
                continue  # 'five children were among the 12 killed': 12 is the total
            return t.head.lower_
    if noun is not None and any(
        c.dep_ == "prep"
        and c.lower_ in ("among", "including")
        and any(g.pos_ == "PRON" for g in c.children)
        for c in noun.children
    ):
        return "among"  # 'four people died, among them a child'
    inside_among = noun is not None and noun.head.lower_ == "among"
    if (
        anchor is not None
        and not inside_among
        and anchor.lemma_.lower() == "be"
        and any(c.dep_ == "prep" and c.lower_ == "among" for c in anchor.children)
    ):
        return "among"  # 'among the victims were six women'
    return None


def _negated(lex: FigureWords, head: Token) -> bool:
    verb = _governing_verb(lex, head)
    return verb is not None and any(c.dep_ == "neg" for c in verb.children)


def _hypothetical(lex: FigureWords, head: Token) -> bool:
    """'could kill thousands', 'threatened to kill the hostages', 'denied killing civilians'."""
    verb = _governing_verb(lex, head)
    if verb is None:
        return False
    modal = any(
        c.dep_ == "aux" and c.lower_ in ("could", "would", "might", "may", "will", "'ll")
        for c in verb.children
    )
    intent = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex.intent_verbs
    # 'in an attempt to kill the chief', 'a plot to assassinate the mayor'
    aim = verb.dep_ in ("acl", "relcl") and verb.head.lemma_.lower() in lex.intent_nouns
    denied = verb.dep_ in ("xcomp", "ccomp", "pcomp") and verb.head.lemma_.lower() in (
        lex.denial_verbs
    )
    # 'a mob nearly lynched a priest', 'the blast almost killed two guards': no one died
    near_miss = any(
        c.dep_ == "advmod" and c.i == verb.i - 1 and c.lower_ in ("nearly", "almost")
        for c in verb.children
    )
    return modal or intent or aim or denied or near_miss


def find_figures(ctx: ArticleContext, words: CasualtyWords) -> list[Figure]:
    """Every number in the article with what it counts, each with its evidence.

    `words`: the number, casualty and headline words, loaded once by their owner (the
    Pipeline, or `CasualtyWords.load()` for a caller that reads a few texts)."""
    lex = words.figures
    doc = ctx.doc
    figures: list[Figure] = []
    taken: set[int] = set()
    # only the tokens that can start a number are read; most cannot
    starts = [k for k, w in enumerate(doc_tokens(doc).lower) if _may_start_number(lex, w)]
    for sent in ctx.sentences:
        i = sent.start
        last_casualty: str | None = None
        for k in starts[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]:
            if k < i:
                continue  # inside the number read before
            i = k
            num = _read_number(lex, doc, i, sent.end)
            if num is None:
                continue
            _qualify(lex, doc, num, sent.start)
            reading = _what_it_counts(lex, doc, num)
            i = max(num.end, i + 1)
            elliptic = num.end < sent.end and doc[num.end].lower_ in ("more", "others", "other")
            if reading is None and last_casualty and elliptic:
                # 'four bodies were recovered on Friday and three more on Saturday'
                reading = _Reading(last_casualty, None, "figures.ellipsis", 0.5)
            if reading is None:
                continue
            if reading.counts == "":  # an elliptic toll: the count of the figure before it
                if last_casualty is None:
                    continue
                reading.counts = last_casualty
            if num.weak and reading.counts not in lex.casualty_counts:
                continue
            head = reading.noun if reading.noun is not None else doc[num.end - 1]
            if reading.counts in lex.casualty_counts and _negated(lex, head) and num.value != 0:
                continue  # 'five were not hurt'; 'no one was hurt' stays, as 0
            qualifier = num.qualifier
            subset = _subset(reading.noun, _governing_verb(lex, head))
            if subset:
                qualifier = subset
            elif qualifier is None and reading.noun is not None and reading.noun.i > num.end:
                between = doc[num.end : reading.noun.i]
                if any(t.lower_ == "of" for t in between):
                    qualifier = "of"
            if reading.counts in lex.casualty_counts and _hypothetical(lex, head):
                qualifier = "hypothetical"
            first = doc[num.q_start] if num.q_start is not None else doc[num.start]
            last = doc[num.end - 1]
            noun = reading.noun
            if noun is not None and noun.i >= num.end and noun.i - num.end < 10:
                last = noun
            start, end = first.idx, last.idx + len(last.text)
            taken.update(range(num.start, num.end))
            if noun is not None:
                taken.add(noun.i)
            if reading.counts in ("killed", "injured"):
                last_casualty = reading.counts
            figures.append(
                Figure(
                    value=num.value,
                    counts=reading.counts,
                    start=start,
                    end=end,
                    text=ctx.text[start:end],
                    sentence=ctx.sentence_index(start),
                    approximate=num.approximate,
                    qualifier=qualifier,
                    evidence=[ctx.evidence(start, end, reading.rule, reading.confidence)],
                )
            )
    figures.extend(_unnumbered(lex, ctx, taken))
    figures.extend(_possessive_deaths(lex, ctx, taken))
    _headline_lists(lex, ctx, figures)
    # headline forms the parse misreads, from the words
    read_telegraphic(ctx, figures, words.telegraphic)
    figures.sort(key=lambda f: (f.start, f.end))
    return figures
