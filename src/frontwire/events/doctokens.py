"""The string attributes of a Doc's tokens that the event coder reads, taken once per Doc.

spaCy builds a new Token object on every `doc[i]` or span iteration and looks each string
attribute up in the vocabulary on every access; the lexicon, the actor registry and the
modality checks read the same few attributes of every token several times. Reading them
once into plain lists makes those inner loops list lookups. Only strings and ints are kept:
holding a Token object per word alive with the Doc would make every garbage-collector pass
walk them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

_KEY = "frontwire.events.tokens"


@dataclass(frozen=True, slots=True)
class DocTokens:
    text: list[str]
    whitespace: list[str]
    lower: list[str]
    lemma: list[str]  # lowercased lemma
    ent_type: list[str]
    idx: list[int]  # character offset of each token


def doc_tokens(doc: Doc) -> DocTokens:
    """The Doc's tokens and their attributes, cached in `doc.user_data` (lives with the Doc)."""
    got = doc.user_data.get(_KEY)
    if got is None:
        toks = list(doc)
        got = DocTokens(
            [t.text for t in toks],
            [t.whitespace_ for t in toks],
            [t.lower_ for t in toks],
            [t.lemma_.lower() for t in toks],
            [t.ent_type_ for t in toks],
            [t.idx for t in toks],
        )
        doc.user_data[_KEY] = got
    return got
