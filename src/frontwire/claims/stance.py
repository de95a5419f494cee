"""Stance: what the speaker does with the content (assert, deny, dismiss, hedge, predict).

Kept apart from negation inside the content: 'denied that the army has withdrawn' is a
denial of a positive content; 'said the army has not withdrawn' asserts a negated one.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from frontwire.claims.lexicon import Lexicons
from frontwire.events.doctokens import doc_tokens

_MODALS = {"may", "might", "could", "will", "shall", "'ll", "would", "can"}


_JUDGEMENTS = {"deny", "dismiss"}


def _judges(content: Sequence[Token], a: int, b: int) -> bool:
    """A denial or dismissal judges the content when it is said of the whole ('the reports
    are "not true"', 'a retreat is out of the question'), not buried in a phrase inside it
    ('blown up ... in a "bloody provocation"')."""
    ids = {t.i for t in content}
    roots = {t.i for t in content if t.head.i == t.i or t.head.i not in ids}
    # coordinated main clauses: 'rotations are under way, but a retreat is out of the question'
    roots |= {t.i for t in content if t.dep_ == "conj" and t.head.i in roots and t.pos_ in
              ("VERB", "AUX")}
    return any(t.i in roots or t.head.i in roots for t in content[a:b])


def _first_at(words: list[str], first: str, target: list[str]) -> int:
    """`phrase_in(words, phrase)` for a phrase whose first word is among `words`: only the
    places where that word stands are compared."""
    n = len(target)
    i = words.index(first)
    while words[i : i + n] != target:
        try:
            i = words.index(first, i + 1)
        except ValueError:
            return -1
    return i


class StanceClassifier:
    def __init__(self, lex: Lexicons) -> None:
        st = lex.stance
        self.order: list[str] = st["precedence"]
        self.phrases: dict[str, list[str]] = {k: st[k] for k in self.order if k in st}
        self.first_word = {p: p.split()[0] for ps in self.phrases.values() for p in ps if p}
        # each stance's phrases with their words, split once: (phrase, first word, words)
        self._split: dict[str, list[tuple[str, str, list[str]]]] = {
            k: [(p, p.split()[0], p.split()) for p in ps if p] for k, ps in self.phrases.items()
        }
        # each stance's first words: a text holding none of them is not scanned phrase by phrase
        self._firsts: dict[str, frozenset[str]] = {
            k: frozenset(first for _, first, _ in split) for k, split in self._split.items()
        }
        self.cue_stance = {lemma: spec["stance"] for lemma, spec in lex.cues["verbs"].items()}

    def _hits(
        self, stance: str, tokens: Sequence[Token], words: list[str], present: set[str]
    ) -> list[tuple[int, int]]:
        """(first, last+1) token positions where one of the stance's phrases occurs
        (`words`: the tokens normalised, taken once per classify)."""
        hits: list[tuple[int, int]] = []
        if present.isdisjoint(self._firsts.get(stance, ())):
            return hits
        for phrase, first, target in self._split.get(stance, ()):
            if first not in present:
                continue
            i = _first_at(words, first, target)
            if i < 0:
                continue
            n = len(target)
            # A modal is a hedge or a prediction only when tagged as a modal ('in May').
            if n == 1 and phrase in _MODALS and tokens[i].tag_ != "MD":
                continue
            hits.append((i, i + n))
        return hits

    def classify(
        self, cue_lemma: str, content: Sequence[Token], complement: Sequence[Token] = ()
    ) -> tuple[str, list[Token]]:
        """The stance and the tokens that mark it (so negation can skip 'not true')."""
        found: dict[str, list[Token]] = {}
        cue = self.cue_stance.get(cue_lemma, "assert")
        normed = []
        for toks in (content, complement):
            # the cached lower-case strings: Token.lower_ looks each one up again
            lower = doc_tokens(toks[0].doc).lower if toks else []
            words = [lower[t.i].replace("\u2019", "'") for t in toks]
            normed.append((toks, words, set(words)))
        for stance in self.order:
            for toks, words, present in normed:
                for a, b in self._hits(stance, toks, words, present):
                    if stance in _JUDGEMENTS and toks is content and not _judges(toks, a, b):
                        continue
                    found.setdefault(stance, []).extend(toks[a:b])
        if cue != "assert":
            found.setdefault(cue, [])
        for stance in self.order:
            if stance in found:
                return stance, found[stance]
        return "assert", []
