"""The claim lexicons (cues, stance, predicates, sources), read from data files.

Knowledge is data: every word list lives in src/frontwire/data/claims/*.json; this module
only reads and indexes them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from unidecode import unidecode

_DATA = "frontwire.data"
_ARTICLES = ("the", "a", "an", "his", "her", "its", "their", "our")
_PUNCT = re.compile(r"[^\w\s'.-]")


def _load(name: str) -> dict[str, Any]:
    path = resources.files(_DATA).joinpath("claims", name)
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Lexicons:
    cues: dict[str, Any]
    stance: dict[str, Any]
    predicates: dict[str, Any]
    sources: dict[str, Any]

    def fold(self, text: str) -> str:
        """Lower-case, ASCII, house spellings, no leading article: the form aliases match on."""
        text = unidecode(text).lower().replace("\u2019", "'")
        text = _PUNCT.sub(" ", text)
        words = [self.sources["spelling"].get(w, w) for w in text.split()]
        while words and words[0] in _ARTICLES:
            words = words[1:]
        return " ".join(words).strip(" .'")

    def exclusive_predicates(self) -> frozenset[str]:
        """Predicates only one side can hold at a time (data: 'exclusive_subject')."""
        classes = self.predicates["classes"]
        return frozenset(p for p, spec in classes.items() if spec.get("exclusive_subject"))


def load_lexicons() -> Lexicons:
    """The four lexicons, read afresh: the ClaimExtractor the Pipeline loads holds them."""
    return Lexicons(
        cues=_load("cues.json"),
        stance=_load("stance.json"),
        predicates=_load("predicates.json"),
        sources=_load("sources.json"),
    )


def phrase_in(words: list[str], phrase: str) -> int:
    """Index where the word sequence `phrase` starts in `words`, or -1."""
    target = phrase.split()
    n = len(target)
    for i in range(len(words) - n + 1):
        if words[i : i + n] == target:
            return i
    return -1
