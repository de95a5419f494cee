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

from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, ORTH, POS, SPACY, TAG
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
        # one C pass over the token array and string-store lookups: no Token objects at all
        # (making one per word per attribute was most of this function's cost)
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, SPACY, LOWER, LEMMA, ENT_TYPE, IDX]).tolist()
        got = DocTokens(
            [strings[r[0]] for r in rows],
            [" " if r[1] else "" for r in rows],
            [strings[r[2]] for r in rows],
            [strings[r[3]].lower() for r in rows],
            [strings[r[4]] if r[4] else "" for r in rows],
            [r[5] for r in rows],
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
        strings = doc.vocab.strings
        array = doc.to_array([HEAD, DEP, POS, TAG])
        rows = array.tolist()
        # HEAD is the offset to the head, stored unsigned: read it back as signed
        head = [k + d for k, d in enumerate(array[:, 0].astype("int64").tolist())]
        found: dict[int, list[int]] = {}
        for k, h in enumerate(head):
            if h != k:
                found.setdefault(h, []).append(k)
        # tuples of ints (a leaf's is the shared empty one) soon leave the collector's view
        children = [tuple(found[k]) if k in found else () for k in range(len(head))]
        got = DocParse(
            head,
            [strings[r[1]] if r[1] else "" for r in rows],
            [strings[r[2]] if r[2] else "" for r in rows],
            [strings[r[3]] if r[3] else "" for r in rows],
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


def subtree_ids(p: DocParse, k: int) -> list[int]:
    """Token.subtree as indices (token k and all its descendants), in no particular order."""
    out = [k]
    for w in out:
        out.extend(p.children[w])
    return out
