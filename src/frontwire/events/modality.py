"""Is a triggered event reported as having happened?

Future and hypothetical events ("will have to leave sooner or later"), intentions and
attempts ("preparing to withdraw", "attempts to encircle"), denials ("denied that the army
has withdrawn") and negations ("the retreat is out of the question") are not coded as
events; what a source says about them stays a claim. Word lists: triggers.toml [modality].
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Span, Token

from frontwire.events.doctokens import DocParse, doc_parse, doc_tokens

ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd"}
CHAIN_DEPS = {"xcomp", "acl", "ccomp", "conj", "pcomp", "prep", "pobj"}
NEG_WINDOW = 8  # tokens after the trigger searched for a negation phrase


@dataclass(frozen=True)
class Modality:
    future_aux: frozenset[str]
    intent: frozenset[str]
    deny: frozenset[str]
    negation_phrases: tuple[tuple[str, ...], ...]
    hedge: frozenset[str]
    irrealis: frozenset[str] = frozenset()  # "a possible attack", "the planned offensive"
    background: frozenset[str] = frozenset()  # "after armed clashes": context, not the news
    content_nouns: frozenset[str] = frozenset()  # "rejected allegations that ...": climb on
    purpose_heads: frozenset[str] = frozenset()  # "an attack to capture the town": its aim

    @classmethod
    def from_data(cls, data: dict) -> Modality:
        return cls(
            frozenset(data["future_aux"]),
            frozenset(data["intent"]),
            frozenset(data["deny"]),
            tuple(tuple(p.split()) for p in data["negation_phrases"]),
            frozenset(data["hedge"]),
            frozenset(data.get("irrealis", [])),
            frozenset(data.get("background", [])),
            frozenset(data.get("content_nouns", [])),
            frozenset(data.get("purpose_heads", [])),
        )

    @staticmethod
    def _governor(p: DocParse, k: int) -> int:
        """The verb whose tense and mood decide whether token k happened."""
        if p.pos[k] in ("VERB", "AUX"):
            return k
        if p.dep[k] in ARG_DEPS:
            return p.head[k]
        return k

    # The walks below read the parse as lists (doctokens.doc_parse): they run for every
    # trigger, and spaCy makes a Token object for each `.head` and child they would visit.
    def blocked(self, trigger_tokens: list[Token], sent: Span) -> str | None:
        """Why the event at these trigger tokens is not coded (None: it is)."""
        doc = sent.doc
        p, lower = doc_parse(doc), doc_tokens(doc).lower
        dep, head, children = p.dep, p.head, p.children
        tok = trigger_tokens[0].i
        for t in trigger_tokens:
            if p.pos[t.i] in ("VERB", "NOUN"):
                tok = t.i
                break
        gov = self._governor(p, tok)
        if any(dep[c] == "neg" for c in (*children[gov], *children[tok])):
            return "negated"
        if any(dep[c] == "det" and lower[c] == "no" for c in children[tok]):
            return "negated"
        if any(dep[c] == "amod" and lower[c] in self.irrealis for c in children[tok]):
            return "future-or-hypothetical"
        lemmas = doc_tokens(doc).lemma
        if self._purpose_of_attack(p, gov, lower, lemmas):
            return "intention-or-attempt"
        # climb the clause chain: aux on the verb itself (or the verb it is the infinitive
        # of), intention verbs above an infinitive, denial verbs above a that-clause
        node, via, steps = gov, None, 0
        while True:
            aux = {lower[c] for c in children[node] if dep[c] in ("aux", "auxpass")}
            if aux & self.future_aux and via in (None, "xcomp", "conj"):
                return "future-or-hypothetical"
            lemma = lemmas[node]
            if via in ("xcomp", "acl", "pcomp", "prep") and lemma in self.intent:
                return "intention-or-attempt"
            if via in ("ccomp", "xcomp", "pcomp", "prep") and lemma in self.deny:
                return "denied"
            through_noun = dep[node] in ("dobj", "nsubj", "nsubjpass", "pobj") and (
                lower[node] in self.content_nouns
            )
            # (the root's dep is "ROOT", not a chain dep: the climb stops there)
            if (dep[node] not in CHAIN_DEPS and not through_noun) or (steps > 6):
                break
            via = "ccomp" if through_noun else (dep[node] if dep[node] != "pobj" else via)
            node = head[node]
            steps += 1
        if self._negation_after(tok, sent):
            return "negated"
        return None

    def _purpose_of_attack(
        self, p: DocParse, gov: int, lower: list[str], lemmas: list[str]
    ) -> bool:
        """'an attack to capture the town', 'launched an offensive to retake it': the
        infinitive says what the attack aimed at, not what it achieved."""
        to = [c for c in p.children[gov] if p.dep[c] == "aux" and lower[c] == "to"]
        if not to or p.dep[gov] not in ("acl", "advcl", "xcomp", "relcl"):
            return False
        if to[0] > 0 and lemmas[to[0] - 1] in self.purpose_heads:
            return True  # 'the attack to capture ...', however the parser attached it
        h = p.head[gov]
        if lemmas[h] in self.purpose_heads:
            return True
        # 'launched an attack to ...' parsed with the infinitive on the verb
        return any(
            p.dep[c] in ("dobj", "obj") and lemmas[c] in self.purpose_heads for c in p.children[h]
        )

    def _negation_after(self, tok: int, sent: Span) -> bool:
        """A negation phrase within NEG_WINDOW tokens from token `tok` ('... is out of the
        question'); phrases are looked up by their first word."""
        words = doc_tokens(sent.doc).lower[tok : min(tok + NEG_WINDOW, sent.end)]
        by_first = self._negation_by_first
        for k, w in enumerate(words):
            for phrase in by_first.get(w, ()):
                if tuple(words[k : k + len(phrase)]) == phrase:
                    return True
        return False

    @cached_property
    def _negation_by_first(self) -> dict[str, list[tuple[str, ...]]]:
        out: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.negation_phrases:
            if phrase:
                out.setdefault(phrase[0], []).append(phrase)
        return out

    def hedged(self, sent: Span) -> bool:
        hedge = self.hedge
        return any(w in hedge for w in doc_tokens(sent.doc).lower[sent.start : sent.end])

    def background_clause(self, trigger_tokens: list[Token]) -> bool:
        """The trigger sits in an 'after ...'/'following ...' phrase or clause: it is the
        background of the sentence's news, not the news itself."""
        last = trigger_tokens[-1]
        p, lower = doc_parse(last.doc), doc_tokens(last.doc).lower
        dep, head = p.dep, p.head
        node, steps = last.i, 0
        while steps < 4:
            if dep[node] in ("pobj", "pcomp") and lower[head[node]] in self.background:
                return True
            if dep[node] == "advcl" and any(
                dep[c] in ("mark", "prep") and lower[c] in self.background for c in p.children[node]
            ):
                return True
            if dep[node] == "relcl" and dep[head[node]] in ("attr", "pobj", "dobj"):
                return True  # "... a town that was the scene of a chemical attack in 2017"
            if dep[node] == "acl" and p.tag[node] == "VBN" and dep[head[node]] in ("pobj", "dobj"):
                return True  # "marched for the two students shot at the March strike"
            if dep[node] in ("ROOT", "ccomp", "conj"):
                return False
            node, steps = head[node], steps + 1
        return False
