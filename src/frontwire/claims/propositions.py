"""Propositions: a claim's content normalised to subject, predicate class, place, polarity.

Subject is the side that acts (the agent of the predicate), so that 'Russian troops
surround the city' and 'Russia's attempts to encircle the city' share a key. 'Our', 'its',
'his' in reported speech point at the speaker: its side when it is a belligerent, else the
speaker's own name (a group the registry does not know). None when the text does not say.
Polarity is what the claim says about the world once the speaker's stance and the negation
inside the content are both applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from frontwire.claims.lexicon import Lexicons
from frontwire.claims.sources import SourceRegistry
from frontwire.events.doctokens import doc_parse, doc_tokens
from frontwire.model import Place, PlaceMention, Proposition
from frontwire.text.intervals import SpanIndex

_FLIP = {"deny", "dismiss"}
_SPEAKER_WORDS = {"we", "our", "us", "its", "it", "his"}


@dataclass(frozen=True)
class Trigger:
    predicate: str
    token: Token
    tokens: tuple[Token, ...]


def _pronoun_patient(tok: Token) -> bool:
    """'destroy them': the object is people, not a bridge or a power plant."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "PRON" for c in tok.children)


def _antecedent(pronoun: Token) -> Token:
    """The noun a relative pronoun stands for: the head of its relative clause."""
    cur = pronoun
    for _ in range(5):
        if cur.dep_ == "relcl":
            return cur.head
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return pronoun


def proposition_key(subject: str | None, predicate: str, place: str | None) -> str:
    return f"{subject or '?'}|{predicate}|{place or '?'}"


MentionIndex = SpanIndex[tuple[PlaceMention, Place]]


def mention_index(places: list[Place]) -> MentionIndex:
    """The article's place mentions by span, in the order of `places`: built once per
    article, so a claim looks up only the mentions inside its content."""
    pairs = [(m, p) for p in places for m in p.mentions]
    return SpanIndex(pairs, lambda pair: (pair[0].start, pair[0].end))


def polarity(stance: str, negated: bool) -> str:
    positive = (stance not in _FLIP) != negated
    return "positive" if positive else "negative"


class PropositionBuilder:
    def __init__(self, lex: Lexicons, registry: SourceRegistry) -> None:
        pred = lex.predicates
        # Lemma lists as sets and phrases split once: triggers() runs for every claim.
        self.classes: dict[str, dict] = {
            name: {
                **spec,
                "lemmas": frozenset(spec["lemmas"]),
                "phrases": [(p, p.split()) for p in spec.get("phrases", [])],
                # the phrases' first words: a content with none of them skips the phrase scan
                "firsts": frozenset(p.split()[0] for p in spec.get("phrases", [])),
            }
            for name, spec in pred["classes"].items()
        }
        self.order: list[str] = pred["precedence"]
        self.agent_groups = {k: set(v) for k, v in pred["agent_groups"].items()}
        self.settlement_words = set(pred["settlement_words"])
        self.light_verbs = set(pred["light_verbs"])
        self._within: set[int] | None = None  # the content being read, set by build()
        self.registry = registry
        neg = lex.stance["negators"]
        self.neg_words = set(neg["dep_neg"])
        self.neg_lemmas = set(neg["lemmas"])
        self.neg_phrases = [p.split() for p in neg["phrases"]]
        self.neg_subjects = set(neg["subject_words"])

    # -- triggers -------------------------------------------------------------------------
    def triggers(self, content: Sequence[Token]) -> list[Trigger]:
        found: list[Trigger] = []
        if not content:
            return found
        toks = doc_tokens(content[0].doc)  # cached strings: no attribute lookups per token
        lemmas = [toks.lemma[t.i] for t in content]
        lowers = [toks.lower[t.i] for t in content]
        present = set(lemmas) | set(lowers)
        for name, spec in self.classes.items():
            agents_for: dict[str, str] = spec.get("agents_for", {})
            own = spec["lemmas"]
            # no word of the content is one of the class's: nothing to scan token by token;
            # else only the positions that hold one (a Token is made for those alone)
            at = (
                ()
                if present.isdisjoint(own)
                else [i for i, w in enumerate(lemmas) if w in own or lowers[i] in own]
            )
            for i in at:
                tok = content[i]
                if spec.get("skip_pronoun_patient") and _pronoun_patient(tok):
                    continue
                if "objects" in spec and not self._place_object(tok, spec):
                    continue
                found.append(Trigger(name, tok, (tok,)))
            for phrase, words in spec["phrases"] if not present.isdisjoint(spec["firsts"]) else ():
                if words[0] not in present:
                    continue
                first = words[0]
                for i in range(len(content) - len(words) + 1):
                    if lemmas[i] != first and lowers[i] != first:
                        continue  # neither window can equal the phrase: no slices to build
                    window = lemmas[i : i + len(words)]
                    if window != words and lowers[i : i + len(words)] != words:
                        continue
                    group = agents_for.get(phrase)
                    if group and not self._agent_in(content[i], self.agent_groups[group], group):
                        continue
                    found.append(Trigger(name, content[i], tuple(content[i : i + len(words)])))
        return found

    def _agent_in(self, tok: Token, group: set[str], name: str) -> bool:
        for agent in self._agent_heads(tok):
            # 'hundreds of families': the counted noun is the agent
            heads = [agent] + [g for c in agent.children if c.lower_ == "of" for g in c.children]
            for h in heads:
                if h.lower_ in group or h.lemma_.lower() in group:
                    return True
                side = self.registry.side_markers.get(self.registry.fold_word(h.text))
                if name == "combatant" and side in self.registry.belligerents:
                    return True  # 'Russia was leaving Kherson'
        return False

    def _agent_heads(self, tok: Token) -> list[Token]:
        """Who does what `tok` says: its subject, passive agent, possessor, or the subject of
        the verbs it hangs on ('soldiers will have to leave', 'attempts to encircle')."""
        # walked as indices over the cached parse lists; a Token is made only for an agent
        doc = tok.doc
        p, dt = doc_parse(doc), doc_tokens(doc)
        head, dep, pos, children, lower = p.head, p.dep, p.pos, p.children, dt.lower
        out: list[Token] = []
        cur = tok.i
        for _ in range(4):
            noun = pos[cur] == "NOUN"
            for c in children[cur]:
                if dep[c] in ("nsubj", "poss"):
                    out.append(doc[c])
                elif dep[c] == "agent" or (dep[c] == "prep" and lower[c] == "by" and noun):
                    out.extend(doc[g] for g in children[c] if dep[g] == "pobj")
                elif dep[c] == "prep" and lower[c] == "of" and noun:
                    # 'the withdrawal of Ukrainian troops' (agent), not 'control of the town'
                    out.extend(
                        doc[g] for g in children[c] if dep[g] == "pobj" and self._combatant(doc[g])
                    )
                elif dep[c] in ("amod", "compound") and noun:
                    out.append(doc[c])
            light = dep[cur] == "dobj" and dt.lemma[head[cur]] in self.light_verbs
            if out or not (light or dep[cur] in ("xcomp", "acl", "conj", "pcomp", "pobj", "prep")):
                break
            if self._within is not None and head[cur] not in self._within:
                break  # not out of the content: 'claims by the ministry that X was destroyed'
            cur = head[cur]
        return out

    def _place_object(self, tok: Token, spec: dict) -> bool:
        """'seized the town' but not 'seized weapons': a verb's object must be a place."""
        if tok.pos_ != "VERB":
            return True
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if not objs:
            return True  # 'the city has fallen'
        for obj in objs:
            if obj.lower_ in ("which", "that"):
                obj = _antecedent(obj)  # 'Avdiivka, which Russia says it captured'
            cands = [obj] + [g for c in obj.children if c.lower_ == "of" for g in c.children]
            for c in cands:
                named = c.pos_ == "PROPN" and c.ent_type_ != "NORP"  # not 'Palestinians'
                if c.ent_type_ in spec["object_entities"] or named:
                    return True
                if c.lemma_.lower() in spec["objects"] or c.lower_ in spec["objects"]:
                    return True
        return False

    def _combatant(self, tok: Token) -> bool:
        group = self.agent_groups["combatant"]
        side = self.registry.side_markers.get(self.registry.fold_word(tok.text))
        return tok.lemma_.lower() in group or tok.lower_ in group or side is not None

    def best(self, content: Sequence[Token]) -> Trigger | None:
        found = self.triggers(content)
        if not found:
            return None
        # A quotation over several sentences makes its point first.
        first_sent = min(t.token.sent.start for t in found)
        found = [t for t in found if t.token.sent.start == first_sent]
        ids = {t.i for t in content}
        head = doc_parse(found[0].token.doc).head  # `Token.head` makes a Token each step

        def depth(tok: Token) -> int:
            k, d = tok.i, 0
            while head[k] != k and head[k] in ids and d < 30:
                k, d = head[k], d + 1
            return d

        def rank(tr: Trigger) -> tuple[int, int, int]:
            # 'the besieged city' modifies a noun: a weaker signal than a verb or head noun.
            modifier = 1 if tr.token.dep_ in ("amod", "compound") else 0
            return (modifier, depth(tr.token), self.order.index(tr.predicate))

        return min(found, key=rank)

    # -- negation, subject, place ---------------------------------------------------------
    def negated(self, trigger: Token | None, content: Sequence[Token], skip: set[int]) -> bool:
        """Negation on the path from the predicate word up to the content's root. A word in
        subject position is negated only by a negating verb ('attempts to capture were
        thwarted'), not by what is said of it ('the number of casualties was not known')."""
        # walked as token indices over the cached parse lists: spaCy makes a Token for every
        # `.head` and child visited
        if trigger is None and not content:
            return False
        doc = trigger.doc if trigger is not None else content[0].doc
        p, dt = doc_parse(doc), doc_tokens(doc)
        head, dep, children, lower, lemma = p.head, p.dep, p.children, dt.lower, dt.lemma
        ids = {t.i for t in content}
        start = (
            trigger.i
            if trigger is not None
            else next((t.i for t in content if head[t.i] not in ids or head[t.i] == t.i), None)
        )
        if start is None:
            return False
        path = [start]
        cur = start
        while head[cur] != cur and head[cur] in ids:
            if dep[cur] in ("nsubj", "nsubjpass", "csubj"):
                if lemma[head[cur]] in self.neg_lemmas:
                    return True
                break
            if dep[cur] in ("advcl", "relcl") and cur != start:
                break  # 'no civilian suffered ... while the town was under control'
            cur = head[cur]
            path.append(cur)
        on_path = set(path)
        for k in path:
            if k != start and lemma[k] in self.neg_lemmas:
                return True
            for c in children[k]:
                if c in skip:
                    continue
                if dep[c] == "neg" or (dep[c] == "det" and lower[c] == "no"):
                    return True
                if dep[c] in ("nsubj", "nsubjpass") and (
                    lower[c] in self.neg_subjects
                    or any(dep[g] == "det" and lower[g] == "no" for g in children[c])
                ):
                    return True  # 'no one had been killed'
        words = [lower[t.i] for t in content]
        present = set(words)
        for phrase in self.neg_phrases:
            if phrase[0] not in present:
                continue
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if words[i : i + n] != phrase:
                    continue  # compare the strings first: slicing a Span makes a new Span
                toks = content[i : i + n]
                if toks[0].i in skip:
                    continue
                if any(t.i in on_path or head[t.i] in on_path for t in toks):
                    return True
        return False

    def subject(self, trigger: Token, speaker_side: str, speaker: str = "") -> str | None:
        words = []
        # 'it had seized the town' said by a group with no known side: the group itself.
        own = speaker_side if speaker_side in self.registry.belligerents else (speaker or None)
        for agent in self._agent_heads(trigger):
            # "our defenders", "its forces", "his fighters", "it had struck": in reported
            # speech these point back at the speaker.
            if any(t.lower_ in _SPEAKER_WORDS for t in agent.subtree):
                return own
            words.extend(self.registry.fold_word(t.text) for t in agent.subtree)
        glued = []
        for w in words:  # "Ukraine" + "'s"
            if w in ("'s",) and glued:
                glued[-1] += w
            else:
                glued.append(w)
        side = self.registry.side_of_words(glued)
        if side is None:
            entries = self.registry.find_entries(glued)
            side = entries[0][2].side if entries else None
        return side

    def place(
        self,
        trigger: Token,
        content: Sequence[Token],
        places: MentionIndex,
        main_place: str | None,
        predicate: str,
    ) -> str | None:
        lo, hi = content[0].idx, content[-1].idx + len(content[-1])
        best, dist = None, None
        for m, place in places.inside(lo, hi):
            d = abs(m.start - trigger.idx)
            if dist is None or d < dist:
                best, dist = place.id, d
        if best:
            return best
        if any(t.lower_ in self.settlement_words for t in content):
            return main_place
        if self.classes[predicate].get("implicit_place") == "main":
            return main_place
        return None

    def build(
        self,
        content: Sequence[Token],
        stance: str,
        skip: set[int],
        speaker_side: str,
        places: MentionIndex,
        main_place: str | None,
        speaker: str = "",
    ) -> tuple[Proposition | None, bool]:
        """The proposition (None when no predicate class fits) and the content's negation."""
        self._within = {t.i for t in content}
        trig = self.best(content)
        negated = self.negated(trig.token if trig else None, content, skip)
        if trig is None:
            return None, negated
        subject = self.subject(trig.token, speaker_side, speaker)
        spec = self.classes[trig.predicate]
        if subject is None and spec.get("implicit_subject") == "speaker":
            subject = speaker_side if speaker_side in self.registry.belligerents else None
        place = self.place(trig.token, content, places, main_place, trig.predicate)
        prop = Proposition(
            subject=subject,
            predicate=trig.predicate,
            place=place,
            polarity=polarity(stance, negated),
            key=proposition_key(subject, trig.predicate, place),
        )
        return prop, negated
