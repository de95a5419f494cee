"""The medium a source speaks through: 'told Ukrainian radio', 'on his Telegram channel'."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from frontwire.claims.lexicon import Lexicons
from frontwire.claims.sources import SourceRegistry
from frontwire.events.doctokens import doc_parse, doc_tokens
from frontwire.text.context import doc_text

_OUTLET_KINDS = {"news agency", "media"}


@dataclass(frozen=True)
class Medium:
    text: str
    start: int  # the whole phrase, preposition included: what to cut from a content
    end: int


class MediumFinder:
    def __init__(self, lex: Lexicons, registry: SourceRegistry) -> None:
        media = lex.cues["media"]
        self.heads = set(media["heads"])
        self.preps = set(media["preps"])
        self.registry = registry

    def _np_head(self, tok: Token) -> Token:
        while tok.dep_ in ("compound", "amod") and tok.head.i != tok.i:
            tok = tok.head
        return tok

    def find(self, sent: Span, verb: Token | None, skip: set[int]) -> Medium | None:
        doc = sent.doc
        toks = doc_tokens(doc)  # cached strings: a Token object only for a candidate
        pos = doc_parse(doc).pos
        for k in range(sent.start, sent.end):
            if k in skip:
                continue
            is_outlet = False
            if toks.lower[k] not in self.heads:
                entry = self.registry.lookup(toks.text[k]) if pos[k] == "PROPN" else None
                is_outlet = entry is not None and entry.kind in _OUTLET_KINDS
                if not is_outlet:
                    continue
            tok = doc[k]
            head = self._np_head(tok)
            told = (
                verb is not None
                and head.head.i == verb.i
                and head.dep_ in ("dobj", "dative")
                and verb.lemma_.lower() == "tell"
            )
            prep = head.head if head.dep_ == "pobj" and head.head.lower_ in self.preps else None
            if not told and (prep is None or is_outlet and prep.lower_ not in ("to",)):
                continue
            words = [t for t in head.subtree if t.i not in skip]
            while words and words[0].dep_ in ("det", "poss"):
                words = words[1:]
            if not words:
                continue
            start = prep.idx if prep is not None else words[0].idx
            end = words[-1].idx + len(words[-1])
            text = doc_text(sent.doc)[words[0].idx : end]
            return Medium(text=text, start=start, end=end)
        return None
