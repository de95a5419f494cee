"""Fatalities and injuries of one event, from its figures, by ACLED's conservative rules.

The rules (tests/data/CASUALTIES_GUIDE.md gives them with examples):
- only figures that count 'killed' or 'injured' are used: 'casualties', 'losses', 'missing',
  'captured' add nothing to either number (missing is not killed);
- a cumulative toll ('since the war began, 9,000 civilians have died', 'the conflict has
  killed thousands', 'every week', 'so far this year' on a toll) is not one event's dead,
  nor is a hypothetical ('could kill hundreds', 'feared dead') or a part of a figure already
  given ('including three children', 'two of them soldiers'; a part still counts when it is
  the only figure of its kind);
- figures of one clause add up ('three soldiers and two civilians were killed') unless the
  later ones break a generic head down ('five people, three soldiers and two civilians');
  figures marked as more add up too ('two more died in hospital', 'another three');
- in one sentence, figures in one voice add up; figures from two sources ('officials said
  12 ..., while Russian media put the toll at 4') or across a contrast ('but', 'contrary to')
  conflict, and so do figures in different sentences: the lowest wins;
- an updated toll replaces the earlier ones ('the death toll rose to 15', 'revised down to 8');
  a restated toll ('the figure was 5') never adds;
- a sentence opening another event ('Separately, ...', 'In another event, ...') is left out,
  and so is a later clause that tells another attack ('..., while a separate strike killed
  two') when the event has a toll of its own; the wounded who then died count once, as dead;
- background dated by a bare year ('In 2019, a similar attack killed 30') is left out when the
  event has a toll of its own, and so is a killing named as the event's cause ('attacked a
  police post after two boys were killed', 'following the killing of 2 officers').

Cue words are data (data/figures/tolls.json).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from spacy.tokens import Span, Token

from frontwire.events.doctokens import doc_parse, doc_tokens
from frontwire.events.figures import FigureWords
from frontwire.events.telegraphic import TelegraphicWords
from frontwire.model import Figure
from frontwire.text.context import ArticleContext, doc_text


@dataclass(frozen=True)
class CasualtyWords:
    """The words figures are found and tolls counted with: the number words and what a
    figure counts, the headline reader's words, and the toll cues (data/figures/tolls.json).
    Loaded once by the Pipeline that owns them and handed to `find_figures` and
    `count_casualties`; `CasualtyWords.load()` for a caller that reads a few texts."""

    figures: FigureWords
    telegraphic: TelegraphicWords
    cues: dict[str, Any]  # tolls.json, with its cue lists compiled (the '_..._rx' keys)
    grievance: tuple[frozenset[str], frozenset[str], frozenset[str]]  # heads, causes, killings
    part_opener: re.Pattern[str]  # 'including ...', 'among them ...': part of the toll follows

    @classmethod
    def load(cls) -> CasualtyWords:
        figures = FigureWords.load()
        data = json.loads(
            (files("frontwire") / "data" / "figures" / "tolls.json").read_text("utf-8")
        )
        data["_cumulative_rx"] = _rx(data["cumulative"])
        data["_period_rx"] = _rx(data["toll_period"])
        data["_perfect_period_rx"] = _rx(data["perfect_period"])
        data["_separate_rx"] = _rx(data["separate_event"])
        data["_rate_rx"] = _rx(data["rate_after"])
        # one alternation for the superlatives, tried at every cumulative cue (same words,
        # same word boundaries as testing them one by one)
        data["_superlative_rx"] = re.compile(
            r"\b(?:" + "|".join(f"(?:{w})" for w in data["superlatives"]) + r")\b"
        )
        data["_side_of"] = {w: side for side, ws in data["victim_sides"].items() for w in ws}
        grievance = (
            frozenset(data["grievance_heads"]),
            frozenset(data["cause_preps"]),
            frozenset(data["killing_nouns"]),
        )
        openers = "|".join(re.escape(w) for w in data["part_openers"])
        return cls(
            figures=figures,
            telegraphic=TelegraphicWords.load(figures),
            cues=data,
            grievance=grievance,
            part_opener=re.compile(rf"\b(?:{openers})\b([^.;]*)"),
        )


@dataclass
class _Item:
    figure: Figure
    root: Token  # the number's (or counted noun's) token
    anchor: Token  # the verb (or top token) that governs it


def _root(ctx: ArticleContext, f: Figure) -> Token | None:
    span = ctx.doc.char_span(f.start, f.end, alignment_mode="expand")
    return span.root if span is not None else None


def _anchor(tok: Token) -> Token:
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.head is t:
            return t
        t = t.head
    return t


def _span_text(ctx: ArticleContext, span: Span) -> str:
    """Span.text, sliced from the cached Doc text (Span.text joins its tokens each time)."""
    return doc_text(ctx.doc)[span.start_char : span.end_char]


_CUES_KEY = "frontwire.events.toll_cues"


def _cue_spans(
    ctx: ArticleContext, rx: re.Pattern[str], sent: Span, text: str
) -> list[tuple[int, int]]:
    """The offsets in `text` (the sentence's) where the cue pattern matches, kept in the
    article's memo: an article's figures share sentences, and every event's toll asks again."""
    memo = ctx.memo.setdefault(_CUES_KEY, {})
    key = (rx.pattern, sent.start_char, sent.end_char)
    got = memo.get(key)
    if got is None:
        got = memo[key] = [(m.start(), m.end()) for m in rx.finditer(text)]
    return got


def _rx(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def _belongs(span: Span, anchor: Token) -> bool:
    """True if the cue hangs on the figure's own verb, not on another clause's."""
    t = span[0]
    for _ in range(12):
        if t.i == anchor.i:
            return True
        if t.pos_ in ("VERB", "AUX") and not span.start <= t.i < span.end:
            return False
        if t.head is t:
            return False
        t = t.head
    return False


def _rule(f: Figure) -> str:
    return f.evidence[0].rule if f.evidence else ""


def _is_toll(cw: CasualtyWords, item: _Item) -> bool:
    rule = _rule(item.figure)
    return rule in ("figures.toll", "figures.ellipsis") or _is_update(cw, item)


def _is_cumulative(cw: CasualtyWords, ctx: ArticleContext, item: _Item) -> bool:
    """A toll over a war or a period: a cue in the figure's own clause ('since the war
    began', 'so far this year'), or 'since' with a present perfect ('have been killed
    since ...'); not when a superlative makes it a comparison ('the deadliest strike since
    the war began')."""
    cues = cw.cues
    sent = item.root.sent
    base = sent.start_char
    sent_text = _span_text(ctx, sent)
    after = ctx.text[item.figure.end : item.figure.end + 16].lower()
    if cues["_rate_rx"].match(after.lstrip()):
        return True  # 'two civilians a day are killed': a rate, not an event
    toll = _is_toll(cw, item)
    subtree: set[int] | None = None  # the anchor's, made only when a cue needs it
    rxs = [cues["_cumulative_rx"]] + ([cues["_period_rx"]] if toll else [])
    superlative = cues["_superlative_rx"]
    for rx in rxs:
        for m_start, m_end in _cue_spans(ctx, rx, sent, sent_text):
            before = sent_text[:m_start].lower()
            if superlative.search(before):
                continue
            span = ctx.doc.char_span(base + m_start, base + m_end, alignment_mode="expand")
            if span is None:
                continue
            if _belongs(span, item.anchor):
                return True
            if toll:
                if subtree is None:
                    subtree = {t.i for t in item.anchor.subtree}
                if span.start in subtree:
                    return True
    verbs = [item.anchor] + ([item.anchor.head] if item.anchor.dep_ == "conj" else [])
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for v in verbs for c in v.children)
    war = set(cues["war_subjects"])
    if perfect and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in war for v in verbs for c in v.children
    ):
        return True  # 'the conflict has displaced 2 million and killed tens of thousands'
    if perfect:
        for t in item.anchor.subtree:
            if t.lower_ == "since" and (
                t.head.i == item.anchor.i or t.head.head.i == item.anchor.i
            ):
                return True
        # 'has killed 500 people this year': a running total
        for m_start, m_end in _cue_spans(ctx, cues["_perfect_period_rx"], sent, sent_text):
            span = ctx.doc.char_span(base + m_start, base + m_end, alignment_mode="expand")
            if span is not None and _belongs(span, item.anchor):
                return True
    return False


def _is_grievance(cw: CasualtyWords, item: _Item) -> bool:
    """Victims of an earlier killing that this event is about or reacts to: 'residents rallied
    to demand justice for a man killed by police', 'students protesting the killing of a
    classmate', 'a driver was killed days earlier'. Not the event's own toll."""
    cues = cw.cues
    heads, causes, killings = cw.grievance
    # the head chains walked on the cached parse lists: `Token.head` makes a Token each step
    doc = item.root.doc
    p, dt = doc_parse(doc), doc_tokens(doc)
    head, lemma = p.head, dt.lemma
    # (`t.head is t` never held: spaCy makes a new Token on every `.head`, so these walks
    # stay at the root for their remaining steps; kept so, as the results must not change)
    k = item.root.i
    for _ in range(10):
        k = head[k]
        if lemma[k] in heads:
            return True
    if _kin_protest(cw, item):
        return True
    k = item.root.i
    for _ in range(6):  # 'raided the town following the rebels' killing of 2 officers'
        if lemma[k] in killings and p.dep[k] == "pobj" and dt.lower[head[k]] in causes:
            return True
        k = head[k]
    # 'attacked a police post after two boys were killed': an act on something, answering
    # the killing (not 'the siege ended after all four attackers were killed')
    anchor = item.anchor
    if (
        anchor.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ in causes for c in anchor.children)
        and cw.figures.verb_cat.get(anchor.head.lemma_.lower()) not in ("killed", "injured")
        and any(c.dep_ == "dobj" for c in anchor.head.children)
    ):
        return True
    if _relative_cause(cw, item.anchor):
        return True
    earlier = set(cues["earlier_adverbs"])
    spans = ("day", "week", "month", "year", "decade")
    for c in item.anchor.children:  # 'days earlier', 'four years ago'; not 'earlier today'
        pair = [c, *c.children]
        if any(t.lower_ in earlier for t in pair) and any(t.lemma_ in spans for t in pair):
            return True
    return False


def _kin_protest(cw: CasualtyWords, item: _Item) -> bool:
    """'relatives of a murdered trader staged a protest', 'the family of two men killed by
    police held a vigil': the dead are named inside an 'of' phrase on the subject of a verb
    whose object is a protest (or a vigil, a funeral): whom it mourns, not its toll."""
    heads = cw.grievance[0]
    doc = item.root.doc
    p, dt = doc_parse(doc), doc_tokens(doc)
    k, through_of = item.root.i, False
    for _ in range(8):
        if p.dep[k] == "pobj" and dt.lower[p.head[k]] == "of":
            through_of = True
        if p.dep[k] == "nsubj" and through_of:
            verb = p.head[k]
            return any(p.dep[c] == "dobj" and dt.lemma[c] in heads for c in p.children[verb])
        if p.head[k] == k:
            return False
        k = p.head[k]
    return False


def _charged_with(cw: CasualtyWords, item: _Item) -> bool:
    """'the shop of a youth suspected of killing his uncle', 'executed two men on charges of
    killing a judge', 'arrested two men for killing a farmer': a killing someone is accused
    of or punished for is an earlier crime, not this event's toll. An accusation that is the
    sentence's own predicate ('Army accused of killing three civilians', 'troops were accused
    of killing 3') still tells the event."""
    cues = cw.cues
    verb = item.anchor
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ not in ("of", "with", "for") or prep.i == verb.i:
        return False
    word = prep.head
    lemma = word.lemma_.lower()
    if prep.lower_ == "for":
        return lemma in cues["punishment_verbs"]  # 'arrested two men for killing a farmer'
    if lemma not in cues["charge_words"]:
        return False
    if word.pos_ in ("NOUN", "ADJ") and word.dep_ != "ROOT":
        return True  # 'on charges of killing', 'on suspicion of killing', 'found guilty of'
    # 'a youth suspected of killing': the accusation describes someone; the clause is not it
    # ('Soldiers accused of killing three civilians': a headline's predicate, on its root)
    return word.dep_ in ("acl", "relcl", "amod") and word.head.dep_ != "ROOT"


def _relative_cause(cw: CasualtyWords, verb: Token) -> bool:
    """'arrested two men who killed a farmer', 'in pursuit of those who killed an officer',
    'following an accident that killed a girl', 'due to incidents which left many dead': a
    killing told in a relative clause on someone or something the event answers: the
    clause's head hangs on an accountability word (arrest, pursuit, punishment), a
    grievance word, or a cause ('following', 'due to'), through nouns and prepositions or
    one verb; the relative pronoun is the killer. ('an attack by gunmen who killed 5
    villagers' tells the attack's own toll, and so does a fight the event continues: 'took
    the base after clashes, which left 23 rebels dead'.)"""
    if verb.dep_ not in ("relcl", "acl") or verb.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ in ("who", "that", "which") for c in verb.children):
        return False  # 'the attack, in which 2 residents were killed': the attack's own toll
    cues = cw.cues
    heads, causes, _ = cw.grievance
    words = heads | set(cues["accountability"])
    causes = causes | set(cues["cause_words"])
    t = verb.head
    combat = set(cues["combat_nouns"])
    for _ in range(6):
        if t.lemma_.lower() in combat:
            return False  # 'took the base after clashes, which left 23 rebels dead': one event
        if t.lemma_.lower() in words or t.lower_ in causes:
            return True
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _source(cw: CasualtyWords, item: _Item) -> int | None:
    """The reporting verb a figure's clause hangs on ('officials said ...'), if any."""
    verbs = set(cw.cues["attribution_verbs"])
    t = item.anchor
    for _ in range(5):
        if t.lemma_.lower() in verbs:
            return t.i
        for c in t.children:
            if c.lower_ == "according":
                return c.i
        if t.head is t:
            return None
        t = t.head
    return None


def _definite_partitive(cw: CasualtyWords, f: Figure) -> bool:
    """'two of the dead', 'three of them': part of a group counted elsewhere."""
    m = re.search(r"\bof (?:the (\w+)|(them|whom|those))\b", f.text.lower())
    if f.qualifier != "of" or m is None:
        return False
    word = m.group(1) or m.group(2)
    return word in cw.cues["partitive_groups"] or word.rstrip("s") in cw.cues["partitive_groups"]


def _is_subset(cw: CasualtyWords, ctx: ArticleContext, item: _Item, items: list[_Item]) -> bool:
    f = item.figure
    if f.qualifier in ("including", "among", "incl"):
        return True
    if _in_brackets_after(ctx, item, items):
        return True  # '19 (10 policemen and 9 civilians) were wounded'
    if _definite_partitive(cw, f) and any(
        o is not item and not _definite_partitive(cw, o.figure) for o in items
    ):
        return True  # 'two of the dead were soldiers', 'after two of the wounded died'
    # 'five people, three soldiers and two civilians': the breakdown repeats the total
    t = item.root
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    if t.dep_ == "appos":
        heads = [o for o in items if o is not item and o.root.i == t.head.i]
        if not heads:
            return False
        # a breakdown sums to no more than its head; 'two doctors, a nurse and four
        # patients' is a list of victims, not a breakdown
        chain = [o for o in items if _conj_top(o.root).i == t.i]
        # '9 villagers (5 women and 4 men)': a list in brackets after a figure is its breakdown
        bracketed = any(w.text == "(" for w in ctx.doc[heads[0].root.i + 1 : t.i])
        return (_generic(cw, heads[0].root) or bracketed) and sum(
            o.figure.value for o in chain
        ) <= heads[0].figure.value
    return False


def _in_brackets_after(ctx: ArticleContext, item: _Item, items: list[_Item]) -> bool:
    """'19 (10 policemen and 9 civilians) were wounded', 'killed 7 (4 soldiers, 3
    civilians)': a figure inside brackets that open right after another figure's number
    breaks that figure down (it is no larger than it); it adds no victims."""
    doc, f = ctx.doc, item.figure
    sent = item.root.sent
    opening: Token | None = None
    for tok in doc[sent.start : sent.end]:
        if tok.idx >= f.start:
            break
        if tok.text in ("(", "["):  # 'killed a civilian [a child]' too
            opening = tok
        elif tok.text in (")", "]"):
            opening = None
    if opening is None or opening.i == sent.start:
        return False
    before = doc[opening.i - 1]
    return any(
        o is not item
        and o.figure.start <= before.idx < o.figure.end
        and o.figure.start < opening.idx
        and o.figure.value >= f.value
        for o in items
    )


def _generic(cw: CasualtyWords, tok: Token) -> bool:
    """'five people, three soldiers and two civilians' breaks a generic head down;
    'three guards, a cook and two drivers' lists victims."""
    return tok.lemma_.lower() in cw.cues["breakdown_heads"]


def _conj_top(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def _near_words(ctx: ArticleContext, item: _Item) -> set[str]:
    doc = ctx.doc
    span = doc.char_span(item.figure.start, item.figure.end, alignment_mode="expand")
    if span is None:
        return set()
    lo, hi = max(span.sent.start, span.start - 2), min(span.sent.end, span.end + 1)
    words = {t.lower_ for t in doc[lo:hi]}
    if item.figure.qualifier and "more" in item.figure.qualifier:
        words.discard("more")  # 'more than 50' is a qualifier, not 'two more'
    return words


def _is_update(cw: CasualtyWords, item: _Item) -> bool:
    """'the toll rose to 15', 'raising the death toll to 40' (not 'bodies were brought to
    the morgue'): an update verb whose figure is a toll or the target of 'to'."""
    if item.anchor.lemma_.lower() not in cw.cues["update"]:
        return False
    rule = item.figure.evidence[0].rule if item.figure.evidence else ""
    root = item.root
    return rule in ("figures.toll", "figures.ellipsis") or (
        root.dep_ == "pobj" and root.head.lower_ in ("to", "at")
    )


def _items(ctx: ArticleContext, figs: list[Figure]) -> list[_Item]:
    out = []
    for f in figs:
        root = _root(ctx, f)
        if root is not None:
            out.append(_Item(f, root, _anchor(root)))
    return out


def _toll(cw: CasualtyWords, ctx: ArticleContext, figs: list[Figure]) -> int:
    """The event's count for one category, from its figures in text order."""
    items = _items(ctx, figs)
    valid = [
        it
        for it in items
        if it.figure.qualifier != "hypothetical"
        and it.figure.value > 0
        and not _is_cumulative(cw, ctx, it)
        and not _is_grievance(cw, it)
        and not _charged_with(cw, it)
    ]
    # parts do not add to a whole; a part that is the only figure still counts
    kept = [it for it in valid if not _is_subset(cw, ctx, it, items)] or valid
    groups: list[list[_Item]] = []
    for it in kept:  # figures of one clause form a group (a toll stands alone)
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and last.anchor.i == it.anchor.i
            and not (_is_toll(cw, last) or _is_toll(cw, it))
            and not _contrast_between(cw, ctx, last, it)
        ):
            groups[-1].append(it)
        else:
            groups.append([it])
    additive = set(cw.cues["additive"])
    running: int | None = None
    # the toll by the side its victims are on (None: people of no known side, or several);
    # reports of one side's dead conflict, the dead of another side add up
    sides: dict[str | None, int] = {}
    updated = False
    update_anchor: Token | None = None
    prev: _Item | None = None
    for group in groups:
        v = _group_value(cw, ctx, group)
        first = group[0]
        side = _group_side(cw, group)
        if running is None or _is_update(cw, first):
            running, updated = v, updated or running is not None
            sides = {side: v}
            if _is_update(cw, first):
                update_anchor = first.anchor
        elif update_anchor is not None and first.anchor.i in {t.i for t in update_anchor.subtree}:
            pass  # 'rose to 5 after two more patients died': the update already counts them
        elif _near_words(ctx, first) & additive or _additive_verb(cw, first, additive):
            running += v
            sides[side] = sides.get(side, 0) + v
        elif _is_toll(cw, first):
            running = min(running, v)  # 'the figure was 5': a restated toll, not more dead
            sides = {None: running}
        elif prev is not None and _contrast_between(cw, ctx, prev, first) and not updated:
            running = min(running, v)  # '..., but officials confirmed 46 deaths'
            sides = {None: running}
        elif (
            prev is not None
            and prev.root.sent.start == first.root.sent.start
            and not (
                _source(cw, prev) is not None
                and _source(cw, first) is not None
                and _source(cw, prev) != _source(cw, first)
            )
        ):
            running += v  # one sentence, one voice: another group of victims
            sides[side] = sides.get(side, 0) + v
        elif (
            not updated
            and side is not None
            and None not in sides
            and not (prev is not None and _other_voices(cw, prev, first))
            and not (_headline_form(first) or (prev is not None and _headline_form(prev)))
        ):
            # another sentence on one side's dead: 'killing seven soldiers' ... 'troops killed
            # 15 of the attackers' adds them; '... said it had killed 20 soldiers' is another
            # report of the soldiers' toll, and the lowest wins
            low = min(sides.get(side, v), v)
            running += low - sides.get(side, 0)
            sides[side] = low
        elif not updated:
            running = min(running, v)  # conflicting reports: the lowest (ACLED)
            sides = {None: running}
        prev = group[-1]
    return running or 0


def _headline_form(item: _Item) -> bool:
    """'Two fighters killed', 'rockets kill 12 border guards': a headline's toll is a report
    of its own (stacked headlines are rival reports, not one story's groups of dead)."""
    if _rule(item.figure) == "figures.telegraphic":
        return True
    verb = item.anchor
    if verb.pos_ not in ("VERB", "AUX"):
        return True  # a verbless line: 'Three soldiers killed in the east'
    if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return True
    # 'Three soldiers killed in the east' parsed with the victims as the subject of a killing
    return (
        verb.tag_ == "VBD"
        and _conj_top(item.root).dep_ == "nsubj"
        and _conj_top(item.root).head.i == verb.i
        and verb.lemma_.lower() in ("kill", "wound", "injure", "hurt")
        and not any(c.dep_ == "dobj" for c in verb.children)
    )


def _other_voices(cw: CasualtyWords, a: _Item, b: _Item) -> bool:
    """Two figures told by two named sources ('the Observatory said ...; state media said
    ...'): rival reports, whoever they count. A pronoun ('he added') is the voice before."""
    subjects = []
    for it in (a, b):
        verb = _source(cw, it)
        if verb is None:
            return False
        doc = it.root.doc
        subj = next((c for c in doc[verb].children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON":
            return False
        subjects.append(subj.lemma_.lower())
    return subjects[0] != subjects[1]


def _group_side(cw: CasualtyWords, group: list[_Item]) -> str | None:
    """The side (victim_sides) all of one clause's victims are on, or None: 'seven
    soldiers', '15 of the attackers' have one; 'five people', 'nine members', a bare number
    or 'three soldiers and two civilians' have none."""
    side_of: dict[str, str] = cw.cues["_side_of"]
    found: set[str | None] = set()
    for it in group:
        noun = it.root
        if noun.pos_ == "NUM" or noun.lemma_.lower() not in side_of:
            # '15 of the attackers': the people are the object of 'of'
            noun = next(
                (
                    o
                    for c in noun.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for o in c.children
                    if o.dep_ == "pobj"
                ),
                noun,
            )
        found.add(side_of.get(noun.lemma_.lower()) or side_of.get(noun.lower_))
    return found.pop() if len(found) == 1 else None


def _additive_verb(cw: CasualtyWords, item: _Item, additive: set[str]) -> bool:
    """'... killing him. His driver and a guard were also killed': 'also' on the figure's
    own verb (not on a reporting verb above it) adds victims to those already counted."""
    anchor = item.anchor
    if cw.figures.verb_cat.get(anchor.lemma_.lower()) not in ("killed", "injured"):
        return False  # 'both dead men were also wanted': a copula says who they were
    return any(c.dep_ == "advmod" and c.lower_ in additive for c in anchor.children)


def _contrast_between(cw: CasualtyWords, ctx: ArticleContext, a: _Item, b: _Item) -> bool:
    """'hundreds were feared dead, but officials confirmed 46': a contrast in one sentence
    sets two reports against each other."""
    if a.root.sent.start != b.root.sent.start:
        return False
    words = set(cw.cues["contrast"])
    return any(t.lower_ in words for t in ctx.doc[a.root.i + 1 : b.root.i])


def _group_value(cw: CasualtyWords, ctx: ArticleContext, group: list[_Item]) -> int:
    """Sum of one clause's figures, unless the later ones break the first one down
    ('killed five people, three soldiers and two civilians')."""
    values = [it.figure.value for it in group]
    if len(values) > 1:
        head = group[0]
        nxt = ctx.doc[head.root.i + 1] if head.root.i + 1 < len(ctx.doc) else None
        if (
            nxt is not None
            and nxt.text in (",", ":", "(", "-", "–", "—")
            and values[0] >= sum(values[1:])
            and _generic(cw, head.root)
            and not any(_rule(it.figure) == "figures.telegraphic" for it in group[1:])
        ):  # 'kills three civilians, soldier': a headline's list, not a breakdown
            return values[0]
    return sum(values)


def count_casualties(
    ctx: ArticleContext, sentence_indices: list[int], figures: list[Figure], cw: CasualtyWords
) -> tuple[int, int]:
    """(fatalities, injuries) for an event reported in these sentences, by the toll cues of
    `cw` (the words the Pipeline loaded once)."""
    asked = set(sentence_indices)
    if not any(f.sentence in asked and f.counts in ("killed", "injured") for f in figures):
        return 0, 0  # no toll figure there: nothing to count (most events)
    wanted = set(sentence_indices) - _separate_sentences(cw, ctx, sentence_indices)
    mine = sorted((f for f in figures if f.sentence in wanted), key=lambda f: f.start)
    mine = _drop_repeated_victims(mine)
    mine = _drop_dated_background(cw, ctx, mine)
    mine = _drop_separate_clauses(cw, ctx, mine)
    # the attacker who blew himself up is counted apart: his death is not one of the
    # reports of the victims' toll, and 'no casualties' speaks of the victims only
    selves = [f for f in mine if _rule(f) == "figures.self-killed"]
    mine = [f for f in mine if _rule(f) != "figures.self-killed"]
    killed = _after_none(cw, ctx, mine, "killed")
    injured = _after_none(cw, ctx, mine, "injured")
    k, i = _toll(cw, ctx, killed), _toll(cw, ctx, injured)
    k += _suicide_attackers(cw, ctx, sorted(wanted), selves, killed)
    return k, max(0, i - _died_of_wounds(ctx, killed, injured))


def _suicide_attackers(
    cw: CasualtyWords,
    ctx: ArticleContext,
    sentence_indices: list[int],
    selves: list[Figure],
    killed: list[Figure],
) -> int:
    """The attackers of a suicide attack, who died in it (ACLED and UCDP count them among
    its dead): 'a suicide bomber blew himself up', 'a suicide bomber killed 3 civilians',
    'two suicide attacks kill 12 troops'. One count for the event however often they are
    named; none when the toll already counts them ('including the bomber') or when the
    attack is only the place of the victims' death ('killed in a suicide bombing')."""
    from frontwire.events.figures import _hypothetical

    cues = cw.cues
    if any(
        not _definite_partitive(cw, f) and _names_attackers(cw, f.text) for f in killed if f.value
    ):
        return 0  # '... were killed, including two militants', 'the attacker also died'
    sents = ctx.sentences
    for si in {f.sentence for f in killed if f.value}:
        m = cw.part_opener.search(_span_text(ctx, sents[si]))
        if m and _names_attackers(cw, m.group(1)):
            return 0  # '22 people were killed, including 15 recruits, 7 civilians, the bomber'
    counts = [f.value for f in selves if not _definite_partitive(cw, f)]
    suicide, heads = set(cues["suicide_words"]), set(cues["suicide_heads"])
    doc = ctx.doc
    lower = doc_tokens(doc).lower  # the words as a list: a Token only for 'suicide' words
    for si in sentence_indices:
        if not 0 <= si < len(sents):
            continue
        sent = sents[si]
        for k in range(sent.start, sent.end):
            if lower[k] not in suicide:
                continue
            tok = doc[k]
            if tok.dep_ not in ("compound", "amod"):
                continue
            head = tok.head
            while head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN"):
                head = head.head  # 'suicide car explosion'
            if head.lemma_.lower() not in heads or head.dep_ != "nsubj":
                continue  # 'killed in a suicide bombing', 'a would-be suicide bomber was held'
            verb = head.head
            if any(c.dep_ == "neg" for c in verb.children) or _hypothetical(cw.figures, head):
                continue
            num = next((c for c in head.children if c.dep_ == "nummod"), None)
            if num is not None:
                value = _digits_or_words(cw, num.text)
                if value:
                    counts.append(value)
            elif head.tag_ in ("NN", "NNP"):
                counts.append(1)  # 'suicide bombers struck': how many is not said
    return max(counts, default=0)


def _names_attackers(cw: CasualtyWords, text: str) -> bool:
    """'two militants', 'the suicide bomber', 'himself': words for the attackers."""
    attackers = set(cw.cues["attacker_words"])
    return any(
        w in attackers or w.rstrip("s") in attackers for w in re.findall(r"[a-z]+", text.lower())
    )


def _separate_clause(cw: CasualtyWords, ctx: ArticleContext, f: Figure) -> bool:
    """A figure in a clause that says it tells another attack: '..., while a separate
    strike in Jabalia killed two', 'and in another attack three soldiers died'."""
    root = _root(ctx, f)
    if root is None:
        return False
    anchor = _anchor(root)
    if anchor.dep_ not in ("advcl", "conj", "ccomp") or anchor.i <= anchor.head.i:
        return False  # only a later clause of the sentence: the first one is the event
    heads = [c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")]
    heads += [
        g for c in anchor.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    return any(
        any(
            (c.dep_ == "amod" and c.lower_ == "separate")
            or (c.dep_ == "det" and c.lower_ == "another")
            for c in h.children
        )
        and h.i != root.i
        and h.lemma_.lower() in cw.cues["separate_heads"]
        for h in heads
    )


def _drop_separate_clauses(
    cw: CasualtyWords, ctx: ArticleContext, figs: list[Figure]
) -> list[Figure]:
    """Figures of a later clause that tells a separate attack are that attack's toll, when
    the sentence's event has a toll of its own ('a strike killed four, while a separate
    strike killed two' is four)."""
    separate = [_separate_clause(cw, ctx, f) for f in figs]  # once per figure
    own = {(f.sentence, f.counts) for f, sep in zip(figs, separate, strict=True) if not sep}
    return [
        f
        for f, sep in zip(figs, separate, strict=True)
        if not (sep and (f.sentence, f.counts) in own)
    ]


def _digits_or_words(cw: CasualtyWords, text: str) -> int | None:
    from frontwire.events.figures import words_to_int

    low = text.lower().replace(",", "")
    return int(low) if low.isdigit() else words_to_int(cw.figures, [low])


def _year(tok: Token) -> bool:
    return len(tok.text) == 4 and tok.text.isdigit() and 1900 <= int(tok.text) <= 2100


def _dated_to_a_year(cw: CasualtyWords, ctx: ArticleContext, f: Figure) -> bool:
    """'In 2019, a similar attack killed 30', 'the 2014 war killed 2,200': a clause dated by a
    bare year (not 'on 3 May 2019'), or a war named by its year."""
    root = _root(ctx, f)
    if root is None:
        return False
    anchor = _anchor(root)
    verbs = [anchor] + ([anchor.head] if anchor.dep_ == "conj" else [])
    war = set(cw.cues["war_subjects"])
    for v in verbs:
        for c in v.children:
            if (
                c.dep_ == "prep"
                and c.lower_ in ("in", "during")
                and any(g.dep_ == "pobj" and _year(g) for g in c.children)
            ):
                return True
            if (
                c.dep_ in ("nsubj", "nsubjpass")
                and c.lemma_.lower() in war
                and any(_year(g) for g in c.children)
            ):
                return True
    return False


def _drop_dated_background(
    cw: CasualtyWords, ctx: ArticleContext, figs: list[Figure]
) -> list[Figure]:
    """A figure dated to a past year is background when the event has a toll of its own: 'In
    2019, a similar attack killed 30; this time two guards were wounded'. Alone, such a
    figure stays: a report may sum a year ('two civilians killed in 2020, officials say')."""
    tolls = [f for f in figs if f.counts in ("killed", "injured") and f.value > 0]
    dated = [f for f in tolls if _dated_to_a_year(cw, ctx, f)]
    if not dated or len(dated) == len(tolls):
        return figs
    gone = {id(f) for f in dated}
    return [f for f in figs if id(f) not in gone]


def _drop_repeated_victims(figs: list[Figure]) -> list[Figure]:
    """'A sniper shot a soldier ..., and the soldier later died': 'the soldier' is the
    soldier already counted. A wounded one who then died is counted once, as dead."""
    out: list[Figure] = []
    for f in figs:
        words = f.text.lower().split()
        rule = f.evidence[0].rule if f.evidence else ""
        earlier = None
        if rule == "figures.unnumbered" and f.value == 1 and len(words) >= 2 and words[0] == "the":
            earlier = next(
                (
                    g
                    for g in out
                    if g.value == 1
                    and g.counts in ("killed", "injured")
                    and g.text.lower().split()[0] in ("a", "an")
                    and g.text.lower().split()[-1] == words[-1]
                ),
                None,
            )
        if earlier is None:
            out.append(f)
        elif earlier.counts == "injured" and f.counts == "killed":
            out[out.index(earlier)] = f  # wounded, then died: one death
    return out


def _after_none(
    cw: CasualtyWords, ctx: ArticleContext, figs: list[Figure], counts: str
) -> list[Figure]:
    """The figures of one category, less those a plain 'no one was hurt', 'no casualties',
    'inflicting no casualties' rules out: such a statement says the event harmed no one, so
    figures of that kind from the event's other sentences are not carried into it (a figure
    in the same sentence, 'no one was killed but two were wounded', stays).
    'No civilian casualties', 'no other injuries', 'no one else' only exclude a part."""
    mine = [f for f in figs if f.counts == counts]
    nones = {
        f.sentence
        for f in figs
        if f.value == 0 and f.counts in (counts, "casualties") and _general_none(cw, ctx, f)
    }
    if not nones:
        return mine
    return [f for f in mine if f.sentence in nones]


def _general_none(cw: CasualtyWords, ctx: ArticleContext, f: Figure) -> bool:
    """'no casualties', 'no human casualties', 'no one was hurt'; not 'no civilian
    casualties', 'no other injuries', 'no one else', 'no one among the crew'."""
    root = _root(ctx, f)
    if root is None:
        return False
    allowed = set(cw.cues["general_none_modifiers"])
    for c in root.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() not in allowed:
            return False
        if c.dep_ == "advmod" and c.lower_ == "else":
            return False
        if c.dep_ == "prep" and c.lower_ in ("among", "on", "from", "inside", "aboard"):
            return False
    return True


def _separate_sentences(
    cw: CasualtyWords, ctx: ArticleContext, sentence_indices: list[int]
) -> set[int]:
    """'Separately, ...', 'Elsewhere, ...': a sentence that opens another event."""
    rx = cw.cues["_separate_rx"]
    sents = ctx.sentences
    return {
        i
        for i in sorted(sentence_indices)[1:]
        if 0 <= i < len(sents) and rx.match(_span_text(ctx, sents[i]).lstrip())
    }


def _died_of_wounds(ctx: ArticleContext, killed: list[Figure], injured: list[Figure]) -> int:
    """The wounded who then died count once, as dead: 'he later died', 'two of the wounded
    died'. ('... before he was shot dead' is someone else.)"""
    moved = 0
    for f in killed:
        low = f.text.lower()
        root = _root(ctx, f)
        died = root is not None and root.head.lemma_.lower() in ("die", "succumb")
        if (
            low in ("he", "she")
            and died
            and any(g.value == 1 and g.start < f.start for g in injured)
        ):
            moved += 1
        elif re.search(r"\bof the (?:wounded|injured)\b", low):
            moved += f.value
    for f in injured:
        root = _root(ctx, f)
        verb = root.head if root is not None else None
        if (
            f.text.lower() in ("he", "she")
            and verb is not None
            and verb.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "after" for c in verb.children)
            and verb.head.lemma_.lower() in ("die", "succumb")
        ):
            moved += 1  # 'a member of the faction died after he was critically injured'
    return moved
