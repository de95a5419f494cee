"""The string attributes of a Doc's tokens that the event coder reads, taken once per Doc.

spaCy builds a new Token object on every `doc[i]` or span iteration and looks each string
attribute up in the vocabulary on every access; the lexicon, the actor registry and the
modality checks read the same few attributes of every token several times. Reading them
once into plain lists makes those inner loops list lookups. Only strings and ints are kept:
holding a Token object per word alive with the Doc would make every garbage-collector pass
walk them all. (Named tuples of lists: `doc.to_bytes()` can still serialise `user_data`.)
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc

_KEY = "frontwire.events.tokens"
_PARSE_KEY = "frontwire.events.parse"


class DocTokens(NamedTuple):
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
        # one pass per attribute, not list(doc): a Token object per word alive at once
        # would push the garbage collector into extra passes
        got = DocTokens(
            [t.text for t in doc],
            [t.whitespace_ for t in doc],
            [t.lower_ for t in doc],
            [t.lemma_.lower() for t in doc],
            [t.ent_type_ for t in doc],
            [t.idx for t in doc],
        )
        doc.user_data[_KEY] = got
    return got


class DocParse(NamedTuple):
    """The dependency parse as plain lists: token k's head index, labels and children."""

    head: list[int]
    dep: list[str]
    pos: list[str]
    tag: list[str]
    children: list[tuple[int, ...]]  # in text order, as Token.children gives them


def doc_parse(doc: Doc) -> DocParse:
    """The Doc's parse as lists, cached in `doc.user_data`; walking it makes no Token objects
    (spaCy makes one on every `.head` and for every child)."""
    got = doc.user_data.get(_PARSE_KEY)
    if got is None:
        head = [t.head.i for t in doc]
        found: dict[int, list[int]] = {}
        for k, h in enumerate(head):
            if h != k:
                found.setdefault(h, []).append(k)
        # tuples of ints (a leaf's is the shared empty one) soon leave the collector's view
        children = [tuple(found[k]) if k in found else () for k in range(len(head))]
        got = DocParse(
            head,
            [t.dep_ for t in doc],
            [t.pos_ for t in doc],
            [t.tag_ for t in doc],
            children,
        )
        doc.user_data[_PARSE_KEY] = got
    return got


def conjuncts(p: DocParse, k: int) -> list[int]:
    """Token.conjuncts as indices: the tokens coordinated with token k, in spaCy's order."""
    start = k
    while start != p.head[start] and p.dep[start] == "conj":
        start = p.head[start]
    queue = [start]
    output = [start]
    for word in queue:
        for child in p.children[word]:
            if child > word and p.dep[child] == "conj":
                output.append(child)
                queue.append(child)
    return [w for w in output if w != k]
