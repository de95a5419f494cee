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

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from frontwire.model import Figure
from frontwire.resources import load_data
from frontwire.text.context import ArticleContext

if TYPE_CHECKING:
    from frontwire.events.figures import FigureWords


@dataclass(frozen=True)
class TelegraphicWords:
    """The words the reader needs (data/figures/telegraphic.json, and the casualty verbs and
    nouns of data/figures/counted.json in their headline forms), loaded once with the
    `CasualtyWords` the Pipeline owns."""

    stop: frozenset[str]  # ends an item: prepositions, conjunctions, the line's verbs
    determiners: frozenset[str]  # a phrase with one is prose
    between: frozenset[str]  # 'Four reported killed', '56 BH/IS fighters were'
    times: frozenset[str]  # '2 x killed': a count in notes and logs
    separators: frozenset[str]
    segment_openers: frozenset[str]
    modals: frozenset[str]
    others: frozenset[str]  # 'four more wounded': the noun left out
    death_nouns: frozenset[str]  # 'death of civilian, 2 militiamen'
    ordinals: frozenset[str]  # 'and a third injured': one more victim
    possessives: frozenset[str]  # 'Village head, his wife shot dead'
    describing: frozenset[str]  # '4 members of dynamite squad killed': who the victims are
    clause_openers: frozenset[str]  # 'relatives of soldiers who died': another clause
    present: dict[str, str]  # 'kills' -> 'killed'
    present_pairs: dict[tuple[str, str], str]  # ('shoots', 'dead') -> 'killed'
    participle: dict[str, str]  # 'wounded' -> 'injured'
    nouns: dict[str, str]  # 'fatalities' -> 'killed'
    figures: FigureWords  # the number words and person nouns, shared with find_figures

    @classmethod
    def load(cls, figures: FigureWords) -> TelegraphicWords:
        words = load_data("figures", "telegraphic.json")
        present, participle, nouns, pairs = _forms(figures)
        sets = {
            name: frozenset(words[name])
            for name in (
                "stop",
                "determiners",
                "between",
                "times",
                "separators",
                "segment_openers",
                "modals",
                "others",
                "death_nouns",
                "ordinals",
                "possessives",
                "describing",
                "clause_openers",
            )
        }
        sets["stop"] = sets["stop"] | present.keys() | participle.keys()  # the line's verbs
        return cls(
            **sets,
            present=present,
            present_pairs=pairs,
            participle=participle,
            nouns=nouns,
            figures=figures,
        )


def _forms(
    lex: FigureWords,
) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[tuple[str, str], str]]:
    """(present-tense verb forms, participle forms, casualty nouns, two-word present forms
    such as ('shoots', 'dead') from 'shoot dead', 'gun down'), each -> category."""
    present: dict[str, str] = {}
    pairs: dict[tuple[str, str], str] = {}
    participle: dict[str, str] = {"dead": "killed", "slain": "killed", "hurt": "injured"}
    for lemma, cat in lex.verb_cat.items():
        if cat not in ("killed", "injured") or lemma in ("dead", "slain", "die", "perish"):
            continue
        present[lemma] = present[lemma + ("es" if lemma.endswith("sh") else "s")] = cat
        participle[lemma + ("d" if lemma.endswith("e") else "ed")] = cat
    participle["died"] = participle["perished"] = "killed"
    for phrase, cat in lex.phrase_cat.items():  # 'Forces Shoot Dead Five Fighters'
        words = phrase.split()
        if cat in ("killed", "injured") and len(words) == 2:
            pairs[(words[0], words[1])] = pairs[(words[0] + "s", words[1])] = cat
    nouns = {w: c for w, c in lex.noun_cat.items() if c in ("killed", "injured")}
    for w, c in list(nouns.items()):
        if " " not in w:
            nouns[w[:-1] + "ies" if w.endswith("y") else w + "s"] = c
    return present, participle, nouns, pairs


def _person(lex: FigureWords, word: str) -> str | None:
    """'sg' or 'pl' for a person noun ('militiaman', 'Villagers', 'gunmen'), else None."""
    persons = lex.person_nouns
    if word in persons:  # 'police', 'staff', 'people', 'militiamen': no singular count
        return "pl" if word in lex.plurals.values() or word.endswith("men") else "sg"
    for plural, singular in (("ies", "y"), ("men", "man"), ("s", "")):
        if word.endswith(plural) and word[: -len(plural)] + singular in persons:
            return "pl"
    return None


def _item(
    w: TelegraphicWords, doc: Doc, low: list[str], j: int, end: int, noun_ok: bool = True
) -> tuple[int | None, int] | None:
    """(value or None for a bare plural, end token) of the item at j, or None if none is
    there. The value of a bare singular person noun is 1."""
    from frontwire.events.figures import _may_start_number, _read_number

    value = None
    if low[j] == "a" and j + 1 < end and low[j + 1] in w.ordinals:
        return 1, j + 2  # 'a third', 'a fourth'
    if (
        not noun_ok
        and low[j] in w.possessives
        and j + 1 < end
        and _person(w.figures, low[j + 1]) == "sg"
    ):
        return 1, j + 2  # a later item of a list: 'his wife'
    if low[j] not in ("a", "an") and _may_start_number(w.figures, low[j]):
        num = _read_number(w.figures, doc, j, end)
        if num is not None and num.value > 0:
            value, j = num.value, num.end
            if j + 1 < end and low[j] in ("-", "–") and low[j + 1] in ("year", "years", "month"):
                value = None  # '16-Year-Old Boy': an age; the person noun counts one
    if j < end and low[j] in w.determiners:
        return None  # prose: the parse reads it
    k, last, kind, seen = j, None, None, False
    while k < end and k - j < 5:  # the item ends after its last person or casualty noun
        word = low[k].lstrip("#")
        k += 1
        if word in ("", "/"):  # a bare '#' before a hashtag; 'BH/IS fighters'
            continue
        if word in ("-", "–") and not doc[k - 1].whitespace_ and not doc[k - 2].whitespace_:
            continue  # inside a word: 'Ex-Army Captain', '16-Year-Old Boy'
        # 'IS fighters' (an acronym), not 'is', nor a word of a line in capitals
        acronym = len(word) > 1 and doc[k - 1].text.isupper() and k < end and doc[k].text.islower()
        if not word.isalpha() or (word in w.stop and not acronym) or word in w.separators:
            k -= 1
            break
        seen = True
        person = _person(w.figures, word) or (
            "pl" if value is not None and word in w.others else None
        )
        # '5 partially burned bodies': a casualty noun with its number
        if person is not None or (noun_ok and value is not None and word in w.nouns):
            last, kind = k, person
        elif value is not None and k == j + 1 and acronym and len(word) <= 6:
            last, kind = k, "pl"  # 'airstrikes kill 8 IS in Raqqa': members of the group
    if not seen:
        return (value, k) if value is not None else None
    if last is None:
        return None
    if value is None and kind == "sg":
        value = 1
    return value, last


def _items(
    w: TelegraphicWords, doc: Doc, low: list[str], j: int, end: int
) -> tuple[list[tuple[int, int, int | None]], int]:
    """The list of items from j ('three civilians, soldier'), and the token after it."""
    items: list[tuple[int, int, int | None]] = []
    while j < end:
        got = _item(w, doc, low, j, end, noun_ok=not items)
        if got is None:
            break
        value, k = got
        items.append((j, k, value))
        j = k
        if j < end and low[j] in w.separators:
            nxt = j
            while nxt < end and low[nxt] in w.separators:
                nxt += 1
            # a later item is a victim ('and several injuries' is no victim of the list)
            if nxt < end and _item(w, doc, low, nxt, end, noun_ok=False) is not None:
                j = nxt
                continue
        break
    return items, j


def _is_number_start(lex: FigureWords, word: str) -> bool:
    """A number ('12', 'three', 'dozens') that may open an item inside a line."""
    from frontwire.events.figures import _may_start_number

    return word not in ("a", "an", "no", "none", "nobody") and _may_start_number(lex, word)


def _active_with_object(w: TelegraphicWords, doc: Doc, low: list[str], j: int) -> bool:
    """'... killed a farmer', '... shot his neighbour': the verb at j takes an object that
    opens with a determiner right after it, so it is active and the list before it names
    the killers ('Dozens killed as RSF shells the market' keeps its victims)."""
    return (
        j + 1 < len(low)
        and low[j + 1] in w.determiners
        and any(c.dep_ == "dobj" and c.left_edge.i == j + 1 for c in doc[j].children)
    )


def _opens_segment(w: TelegraphicWords, doc: Doc, low: list[str], j: int) -> bool:
    """',', ':', ' - ' open a segment of a line; a hyphen inside a word ('self-defence')
    does not."""
    if low[j] not in w.segment_openers:
        return False
    spaced = bool(doc[j].whitespace_) and j > 0 and bool(doc[j - 1].whitespace_)
    return spaced or low[j] not in ("-", "–")


def _describing_phrase(w: TelegraphicWords, low: list[str], j: int, end: int) -> int:
    """The token after an 'of'/'from' phrase that says who the listed victims are ('Four
    members of dynamite squad killed', '5 residents from Uruachi, Chihuahua, killed'), when a
    participle follows it; else j. The phrase holds no verb of the line."""
    if j >= end or low[j] not in w.describing:
        return j
    k = j + 1
    while k < end and k - j <= 7:
        word = low[k]
        if word in w.participle and low[k - 1] not in w.determiners:
            return k if k > j + 1 else j
        if word in w.between and k > j + 1:
            return k
        if word in w.present or word in w.modals or word in w.clause_openers:
            return j  # 'relatives of soldiers who died': the participle is another clause's
        k += 1
    return j


def _joint(low: list[str], j: int, end: int) -> bool:
    """'killed or wounded', 'killed and injured', 'killed, injured or captured' after j."""
    nxt = low[j + 1 : min(end, j + 5)]
    if nxt[:1] in (["or"], ["and"]) and len(nxt) > 1 and nxt[1].endswith(("ed", "en")):
        return True
    return nxt[:1] == [","] and "or" in nxt


def read_telegraphic(ctx: ArticleContext, figures: list[Figure], words: TelegraphicWords) -> None:
    """Add or re-categorise the figures of telegraphic casualty lines, in place."""
    from frontwire.events.doctokens import doc_tokens

    doc = ctx.doc
    low = doc_tokens(doc).lower
    present, participle, nouns = words.present, words.participle, words.nouns
    stops = words.stop
    found: list[tuple[int, int, int | None, str]] = []
    # only sentences with a casualty word can hold such a line; most have none
    cues = [
        k
        for k, w in enumerate(low)
        if w in present
        or w in participle
        or w in nouns
        or w in words.death_nouns
        or (w, low[k + 1] if k + 1 < len(low) else "") in words.present_pairs
    ]
    for sent in ctx.sentences:
        start, end = sent.start, sent.end
        at = bisect_left(cues, start)
        if at == len(cues) or cues[at] >= end:
            continue
        for i in range(start, end):
            w = low[i]
            if w in words.death_nouns and i + 1 < end and low[i + 1] == "of":
                items, _ = _items(words, doc, low, i + 2, end)
                found += [(a, b, v, "killed") for a, b, v in items]
            elif (w in present or (i + 1 < end and (w, low[i + 1]) in words.present_pairs)) and (
                i > start and low[i - 1] not in words.modals
            ):
                pair = w not in present
                cat = words.present_pairs[(w, low[i + 1])] if pair else present[w]
                if (
                    i >= start + 2
                    and low[i - 1] in ("and", "or")
                    and present.get(low[i - 2], cat) != cat
                ):
                    continue  # 'kills and injures 16': one figure for both, no split
                items, _ = _items(words, doc, low, i + 1 + pair, end)
                for a, b, v in items:
                    if b < end and doc[b].tag_ in ("VBN", "VBD"):
                        break  # 'kill 7 villagers, 20 women abducted': another verb's list
                    found.append((a, b, v, cat))
            elif (
                i == start
                or _opens_segment(words, doc, low, i - 1)
                or (
                    _is_number_start(words.figures, w)
                    and (i == start or not _is_number_start(words.figures, low[i - 1]))
                )
                or (w == "a" and i + 1 < end and low[i + 1] in words.ordinals)
            ):
                ordinal = w == "a"
                if (low[i] in words.determiners and not ordinal) or low[i] in stops:
                    continue
                if i > start and low[i - 1] in words.describing:
                    continue  # '7 citizens of one family killed': who they are, not more
                items, j = _items(words, doc, low, i, end)
                if not items:
                    continue
                times = j < end and low[j] in words.times
                if times:
                    j += 1
                else:  # 'were', 'reportedly', 'critically'
                    j = _describing_phrase(words, low, j, end)
                    for _ in range(3):
                        if j < end and (low[j] in words.between or low[j].endswith("ly")):
                            j += 1
                if j + 1 < end and low[j] == "shot" and low[j + 1] == "dead":
                    j += 1  # 'Found Shot Dead'
                to_death = j + 2 < end and low[j + 1 : j + 3] == ["to", "death"]
                if to_death and low[j].isalpha():
                    j += 2  # '3 men found shot to death', 'stabbed to death'
                if (
                    j + 2 < end
                    and low[j].isalpha()  # not 'killed 3 civilians, and injured 15'
                    and low[j] not in participle
                    and low[j + 1] == "and"
                    and low[j + 2] in participle
                ):
                    j += 2  # 'Tortured and Killed'
                if j >= end:
                    continue
                cat = participle.get(low[j]) or (nouns.get(low[j]) if times or to_death else None)
                if cat is not None and not times and _active_with_object(words, doc, low, j):
                    continue  # '4 armed men shot and killed a farmer': the killers
                if cat is not None and _joint(low, j, end):
                    continue  # 'killed, injured or captured': one figure for all, no count
                opens = i == start or _opens_segment(words, doc, low, i - 1)
                if cat is None and len(items) == 1 and not times and opens:
                    cat = nouns.get(low[items[0][1] - 1])  # '5 burned bodies near the car'
                if cat is None or (
                    not (opens or ordinal or times)
                    and (len(items) > 1 or _person(words.figures, low[items[0][1] - 1]) is None)
                ):
                    # inside a line, one item with its noun: 'Leaves Three Men Dead'; not
                    # 'three children and two were wounded', nor an age 'aged 39 and 71 were'
                    continue
                # a bare number inside a line only re-reads a figure already found: the
                # parse has ruled out ages and labels there ('aged 22, 45 and 68 were')
                # after a colon or a dash a bare number opens a new segment ('Mexico: 4
                # found dead'); after a comma it may be one of a list of ages
                fresh = (
                    i == start
                    or times
                    or (low[i - 1] != "," and _opens_segment(words, doc, low, i - 1))
                )
                found += [
                    (
                        a,
                        b,
                        v if (b - a > 1 or fresh) else None,
                        # 'Three deaths and one person injured': a casualty noun says its own
                        nouns.get(low[b - 1], cat) if not times else cat,
                    )
                    for a, b, v in items
                ]
    _apply(ctx, figures, found)


def _apply(
    ctx: ArticleContext, figures: list[Figure], found: list[tuple[int, int, int | None, str]]
) -> None:
    from frontwire.events.figures import figure_spans, mark_or_add

    doc = ctx.doc
    seen: set[int] = set()
    spans = figure_spans(figures) if found else None
    for a, b, value, cat in found:
        if a in seen or spans is None:
            continue
        seen.add(a)
        lo, hi = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
        same = spans.overlapping(lo, hi)
        spans.add(mark_or_add(ctx, figures, same, (lo, hi), cat, value, "figures.telegraphic"))
    figures.sort(key=lambda f: (f.start, f.end))
