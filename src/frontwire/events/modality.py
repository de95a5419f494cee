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

from frontwire.events.doctokens import doc_tokens

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
        )

    @staticmethod
    def _governor(tok: Token) -> Token:
        """The verb whose tense and mood decide whether `tok` happened."""
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.dep_ in ARG_DEPS and tok.head is not tok:
            return tok.head
        return tok

    def blocked(self, trigger_tokens: list[Token], sent: Span) -> str | None:
        """Why the event at these trigger tokens is not coded (None: it is)."""
        tok = trigger_tokens[0]
        for t in trigger_tokens:
            if t.pos_ in ("VERB", "NOUN"):
                tok = t
                break
        gov = self._governor(tok)
        if any(c.dep_ == "neg" for c in (*gov.children, *tok.children)):
            return "negated"
        if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return "negated"
        if any(c.dep_ == "amod" and c.lower_ in self.irrealis for c in tok.children):
            return "future-or-hypothetical"
        # climb the clause chain: aux on the verb itself (or the verb it is the infinitive
        # of), intention verbs above an infinitive, denial verbs above a that-clause
        node, via, steps = gov, None, 0
        while True:
            aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
            if aux & self.future_aux and via in (None, "xcomp", "conj"):
                return "future-or-hypothetical"
            lemma = node.lemma_.lower()
            if via in ("xcomp", "acl", "pcomp", "prep") and lemma in self.intent:
                return "intention-or-attempt"
            if via in ("ccomp", "xcomp", "pcomp", "prep") and lemma in self.deny:
                return "denied"
            through_noun = node.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and (
                node.lower_ in self.content_nouns
            )
            if (
                node.head is node
                or (node.dep_ not in CHAIN_DEPS and not through_noun)
                or (steps > 6)
            ):
                break
            via = "ccomp" if through_noun else (node.dep_ if node.dep_ != "pobj" else via)
            node = node.head
            steps += 1
        if self._negation_after(tok, sent):
            return "negated"
        return None

    def _negation_after(self, tok: Token, sent: Span) -> bool:
        """A negation phrase within NEG_WINDOW tokens from the trigger ('... is out of the
        question'); phrases are looked up by their first word."""
        words = doc_tokens(sent.doc).lower[tok.i : min(tok.i + NEG_WINDOW, sent.end)]
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
        tok = trigger_tokens[-1]
        node, steps = tok, 0
        while node.head is not node and steps < 4:
            if node.dep_ in ("pobj", "pcomp") and node.head.lower_ in self.background:
                return True
            if node.dep_ == "advcl" and any(
                c.dep_ in ("mark", "prep") and c.lower_ in self.background for c in node.children
            ):
                return True
            if node.dep_ == "relcl" and node.head.dep_ in ("attr", "pobj", "dobj"):
                return True  # "... a town that was the scene of a chemical attack in 2017"
            if node.dep_ in ("ROOT", "ccomp", "conj"):
                return False
            node, steps = node.head, steps + 1
        return False
