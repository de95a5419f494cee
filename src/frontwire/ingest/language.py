"""Telling English from what frontwire does not handle yet, without a model download."""

from __future__ import annotations

import re
from functools import lru_cache

from frontwire.resources import load_data

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SHORT_TEXT_WORDS = 40  # below this, a text is refused only on clear evidence
SHORT_TEXT_MIN_HITS = 3  # function words of the other language a short text must show
# Scripts that rule English out at once, by share of letters.
_SCRIPTS = {
    "ru/uk (Cyrillic)": re.compile(r"[\u0400-\u04ff]"),
    "ar (Arabic)": re.compile(r"[\u0600-\u06ff]"),
    "he (Hebrew)": re.compile(r"[\u0590-\u05ff]"),
    "zh/ja/ko (CJK)": re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"),
}


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    raw = load_data("languages", "stopwords.json")
    return {lang: frozenset(words) for lang, words in raw.items() if not lang.startswith("_")}


def guess_language(text: str) -> str | None:
    """'en', another code, or None when the text is too short to tell."""
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < 20:
        return None
    for name, pattern in _SCRIPTS.items():
        if len(pattern.findall(sample)) > 0.3 * len(letters):
            return name
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 8:
        return None
    scores = {lang: sum(w in stop for w in words) for lang, stop in _stopwords().items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    if scores[best] == 0:
        return None
    if len(words) < SHORT_TEXT_WORDS and best != "en":
        # a headline has few function words, and English shares some with Dutch and German
        # ('die', 'was', 'over'): too few to refuse it unless the other language clearly wins
        clear = scores[best] >= SHORT_TEXT_MIN_HITS and scores[best] >= 2 * scores["en"]
        if not clear:
            return None
    # Prefer English on near ties: our texts quote foreign names and phrases.
    return "en" if scores["en"] >= 0.8 * scores[best] else best
