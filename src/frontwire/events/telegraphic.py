"""Casualty figures in telegraphic headlines, read from the words.

Headlines drop articles and auxiliaries ('Shelling kills militiaman - command', 'Police
officer dead, 3 injured in Kabul', 'Four reported killed in clashes', '2 x killed, 9 x
injured'), and the parser, trained on prose, misreads them: the victim becomes an adjective
or a compound, the participle a noun. Three forms are read here from the lowercase words,
the tagger's guesses aside:

- a present-tense killing or wounding verb followed by a list of victims ('kills
  militiaman', 'kills three civilians, soldier', 'Kills Villager and Burns Homes');
- a list of victims opening the line or a comma segment, directly followed by a participle
  ('Police officer dead', 'Four reported killed', '3 injured');
- a number, 'x' and a casualty word ('1 x fatality', '12 x wounded').

An item is a number with up to four words, or a bare singular person noun (1); an item with
an article or a possessive is prose, which the parse reads. Items already read as figures keep
their value and take the category these words give; the others become new figures.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from functools import lru_cache
from importlib.resources import files

from spacy.tokens import Doc

from frontwire.model import Figure
from frontwire.text.context import ArticleContext

_WORDS = json.loads(
    (files("frontwire") / "data" / "figures" / "telegraphic.json").read_text("utf-8")
)
_STOP = frozenset(_WORDS["stop"])  # ends an item: prepositions, conjunctions, the line's verbs
_DETERMINERS = frozenset(_WORDS["determiners"])  # a phrase with one is prose
_BETWEEN = frozenset(_WORDS["between"])  # 'Four reported killed', '56 BH/IS fighters were'
_TIMES = frozenset(_WORDS["times"])  # '2 x killed': a count in notes and logs
_SEPARATORS = frozenset(_WORDS["separators"])
_SEGMENT_OPENERS = frozenset(_WORDS["segment_openers"])
_MODALS = frozenset(_WORDS["modals"])
_OTHERS = frozenset(_WORDS["others"])  # 'four more wounded': the noun left out
_DEATH_NOUNS = frozenset(_WORDS["death_nouns"])  # 'death of civilian, 2 militiamen'
_ORDINALS = frozenset(_WORDS["ordinals"])  # 'and a third injured': one more victim
_POSSESSIVES = frozenset(_WORDS["possessives"])  # 'Village head, his wife shot dead'


@lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(present-tense verb forms, participle forms, casualty nouns), each word -> category."""
    from frontwire.events.figures import lexicon

    lex = lexicon()
    present: dict[str, str] = {}
    participle: dict[str, str] = {"dead": "killed", "slain": "killed", "hurt": "injured"}
    for lemma, cat in lex.verb_cat.items():
        if cat not in ("killed", "injured") or lemma in ("dead", "slain", "die", "perish"):
            continue
        present[lemma] = present[lemma + ("es" if lemma.endswith("sh") else "s")] = cat
        participle[lemma + ("d" if lemma.endswith("e") else "ed")] = cat
    participle["died"] = participle["perished"] = "killed"
    nouns = {w: c for w, c in lex.noun_cat.items() if c in ("killed", "injured")}
    for w, c in list(nouns.items()):
        if " " not in w:
            nouns[w[:-1] + "ies" if w.endswith("y") else w + "s"] = c
    return present, participle, nouns


def _person(word: str) -> str | None:
    """'sg' or 'pl' for a person noun ('militiaman', 'Villagers', 'gunmen'), else None."""
    from frontwire.events.figures import lexicon

    lex = lexicon()
    persons = lex.person_nouns
    if word in persons:  # 'police', 'staff', 'people', 'militiamen': no singular count
        return "pl" if word in lex.plurals.values() or word.endswith("men") else "sg"
    for plural, singular in (("ies", "y"), ("men", "man"), ("s", "")):
        if word.endswith(plural) and word[: -len(plural)] + singular in persons:
            return "pl"
    return None


def _item(
    doc: Doc, low: list[str], j: int, end: int, stops: frozenset[str], noun_ok: bool = True
) -> tuple[int | None, int] | None:
    """(value or None for a bare plural, end token) of the item at j, or None if none is
    there. The value of a bare singular person noun is 1."""
    from frontwire.events.figures import _may_start_number, _read_number

    value = None
    if low[j] == "a" and j + 1 < end and low[j + 1] in _ORDINALS:
        return 1, j + 2  # 'a third', 'a fourth'
    if not noun_ok and low[j] in _POSSESSIVES and j + 1 < end and _person(low[j + 1]) == "sg":
        return 1, j + 2  # a later item of a list: 'his wife'
    if low[j] not in ("a", "an") and _may_start_number(low[j]):
        num = _read_number(doc, j, end)
        if num is not None and num.value > 0:
            value, j = num.value, num.end
    if j < end and low[j] in _DETERMINERS:
        return None  # prose: the parse reads it
    k, last, kind, seen = j, None, None, False
    while k < end and k - j < 5:  # the item ends after its last person or casualty noun
        word = low[k].lstrip("#")
        k += 1
        if word in ("", "/"):  # a bare '#' before a hashtag; 'BH/IS fighters'
            continue
        # 'IS fighters' (an acronym), not 'is', nor a word of a line in capitals
        acronym = len(word) > 1 and doc[k - 1].text.isupper() and k < end and doc[k].text.islower()
        if not word.isalpha() or (word in stops and not acronym) or word in _SEPARATORS:
            k -= 1
            break
        seen = True
        person = _person(word) or ("pl" if value is not None and word in _OTHERS else None)
        # '5 partially burned bodies': a casualty noun with its number
        if person is not None or (noun_ok and value is not None and word in _forms()[2]):
            last, kind = k, person
    if not seen:
        return (value, k) if value is not None else None
    if last is None:
        return None
    if value is None and kind == "sg":
        value = 1
    return value, last


def _items(
    doc: Doc, low: list[str], j: int, end: int, stops: frozenset[str]
) -> tuple[list[tuple[int, int, int | None]], int]:
    """The list of items from j ('three civilians, soldier'), and the token after it."""
    items: list[tuple[int, int, int | None]] = []
    while j < end:
        got = _item(doc, low, j, end, stops, noun_ok=not items)
        if got is None:
            break
        value, k = got
        items.append((j, k, value))
        j = k
        if j < end and low[j] in _SEPARATORS:
            nxt = j
            while nxt < end and low[nxt] in _SEPARATORS:
                nxt += 1
            # a later item is a victim ('and several injuries' is no victim of the list)
            if nxt < end and _item(doc, low, nxt, end, stops, noun_ok=False) is not None:
                j = nxt
                continue
        break
    return items, j


@lru_cache(maxsize=4096)
def _is_number_start(word: str) -> bool:
    """A number ('12', 'three', 'dozens') that may open an item inside a line."""
    from frontwire.events.figures import _may_start_number

    return word not in ("a", "an", "no", "none", "nobody") and _may_start_number(word)


def _joint(low: list[str], j: int, end: int) -> bool:
    """'killed or wounded', 'killed and injured', 'killed, injured or captured' after j."""
    nxt = low[j + 1 : min(end, j + 5)]
    if nxt[:1] in (["or"], ["and"]) and len(nxt) > 1 and nxt[1].endswith(("ed", "en")):
        return True
    return nxt[:1] == [","] and "or" in nxt


def read_telegraphic(ctx: ArticleContext, figures: list[Figure]) -> None:
    """Add or re-categorise the figures of telegraphic casualty lines, in place."""
    from frontwire.events.doctokens import doc_tokens

    doc = ctx.doc
    low = doc_tokens(doc).lower
    present, participle, nouns = _forms()
    stops = _STOP | present.keys() | participle.keys()
    found: list[tuple[int, int, int | None, str]] = []
    # only sentences with a casualty word can hold such a line; most have none
    cues = [
        k
        for k, w in enumerate(low)
        if w in present or w in participle or w in nouns or w in _DEATH_NOUNS
    ]
    for sent in ctx.sentences:
        start, end = sent.start, sent.end
        at = bisect_left(cues, start)
        if at == len(cues) or cues[at] >= end:
            continue
        for i in range(start, end):
            w = low[i]
            if w in _DEATH_NOUNS and i + 1 < end and low[i + 1] == "of":
                items, _ = _items(doc, low, i + 2, end, stops)
                found += [(a, b, v, "killed") for a, b, v in items]
            elif w in present and i > start and low[i - 1] not in _MODALS:
                items, _ = _items(doc, low, i + 1, end, stops)
                for a, b, v in items:
                    if b < end and doc[b].tag_ in ("VBN", "VBD"):
                        break  # 'kill 7 villagers, 20 women abducted': another verb's list
                    found.append((a, b, v, present[w]))
            elif (
                i == start
                or low[i - 1] in _SEGMENT_OPENERS
                or (_is_number_start(w) and (i == start or not _is_number_start(low[i - 1])))
                or (w == "a" and i + 1 < end and low[i + 1] in _ORDINALS)
            ):
                ordinal = w == "a"
                if (low[i] in _DETERMINERS and not ordinal) or low[i] in stops:
                    continue
                items, j = _items(doc, low, i, end, stops)
                if not items:
                    continue
                times = j < end and low[j] in _TIMES
                if times:
                    j += 1
                else:  # 'were', 'reportedly', 'critically'
                    for _ in range(3):
                        if j < end and (low[j] in _BETWEEN or low[j].endswith("ly")):
                            j += 1
                if j + 1 < end and low[j] == "shot" and low[j + 1] == "dead":
                    j += 1  # 'Found Shot Dead'
                if (
                    j + 2 < end
                    and low[j] not in participle
                    and low[j + 1] == "and"
                    and low[j + 2] in participle
                ):
                    j += 2  # 'Tortured and Killed'
                if j >= end:
                    continue
                cat = participle.get(low[j]) or (nouns.get(low[j]) if times else None)
                if cat is not None and _joint(low, j, end):
                    continue  # 'killed, injured or captured': one figure for all, no count
                opens = i == start or low[i - 1] in _SEGMENT_OPENERS
                if cat is None and len(items) == 1 and not times and opens:
                    cat = nouns.get(low[items[0][1] - 1])  # '5 burned bodies near the car'
                if cat is None or (
                    not (opens or ordinal or times)
                    and (len(items) > 1 or _person(low[items[0][1] - 1]) is None)
                ):
                    # inside a line, one item with its noun: 'Leaves Three Men Dead'; not
                    # 'three children and two were wounded', nor an age 'aged 39 and 71 were'
                    continue
                # a bare number inside a line only re-reads a figure already found: the
                # parse has ruled out ages and labels there ('aged 22, 45 and 68 were')
                found += [
                    (a, b, v if (b - a > 1 or i == start or times) else None, cat)
                    for a, b, v in items
                ]
    _apply(ctx, figures, found)


def _apply(
    ctx: ArticleContext, figures: list[Figure], found: list[tuple[int, int, int | None, str]]
) -> None:
    from frontwire.events.figures import mark_or_add

    doc = ctx.doc
    seen: set[int] = set()
    for a, b, value, cat in found:
        if a in seen:
            continue
        seen.add(a)
        lo, hi = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
        same = [f for f in figures if f.start < hi and lo < f.end]
        mark_or_add(ctx, figures, same, (lo, hi), cat, value, "figures.telegraphic")
    figures.sort(key=lambda f: (f.start, f.end))
