"""Which language an article is in, by lingua (a maintained n-gram identifier, offline).

Only English is processed yet; a text that is clearly in another language is refused with
its language named, so the batch records it and it can be re-run when that language is
handled. English is never refused on weak evidence: a headline has few words, and English
shares many of them with Dutch and German ('die', 'over', 'was').
"""

from __future__ import annotations

import re

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from frontwire.resources import load_data

# The languages conflict reporting reaches us in; restricting the candidates makes short
# texts far less ambiguous than choosing among lingua's 75.
CANDIDATES = (
    Language.ENGLISH,
    Language.DUTCH,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.ITALIAN,
    Language.POLISH,
    Language.RUSSIAN,
    Language.UKRAINIAN,
    Language.TURKISH,
    Language.ARABIC,
)
HANDLED = frozenset({"en"})
MIN_LETTERS = 20  # below this, nothing can be told: the text counts as English
SHORT_TEXT_WORDS = 40  # below this, a text is refused only on clear evidence
# Refused only when lingua gives English less than this (short texts: near certainty).
SHORT_TEXT_DOUBT = 0.05
LONG_TEXT_DOUBT = 0.5
SAMPLE_CHARS = 1000  # the head of an article says its language as well as the whole (and
# costs 13 ms, against 33 ms for 5,000 characters: spaCy takes about 0.5 s for 3,000)
MIN_DISTINCT_WORDS = 4  # 'Telmanovo;Telmanovo;Telmanovo' is a place, not a language
# A long Latin-script text whose words are this often English-only words ('the', 'and',
# 'were', 'said': english_markers.json) is English without asking lingua (about 6 ms a text,
# the largest cost of reading an article). English prose runs at 15-25 %; other candidates'
# texts near 0, a text half in another language under 10 %.
CLEARLY_ENGLISH_SHARE = 0.12
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class LanguageIdentifier:
    """One lingua detector, built on first use (about 0.5 s and 25 MB in low-accuracy mode;
    the high-accuracy mode takes 15 s and 380 MB and was no better on our short texts), then
    used for every text its owner reads. Pickles without the detector, which is rebuilt on the
    other side: reader options travel to worker processes."""

    def __init__(self, low_accuracy: bool = True) -> None:
        self.low_accuracy = low_accuracy
        self._detector: LanguageDetector | None = None
        # Words only English has among the candidates: one of them makes a short text
        # English (the data file says how the list was made).
        self.english_markers = frozenset(load_data("languages", "english_markers.json")["words"])

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_detector": None}

    @property
    def detector(self) -> LanguageDetector:
        if self._detector is None:
            builder = LanguageDetectorBuilder.from_languages(*CANDIDATES)
            if self.low_accuracy:
                builder = builder.with_low_accuracy_mode()
            self._detector = builder.with_preloaded_language_models().build()
        return self._detector

    def identify(self, text: str) -> str | None:
        """The ISO 639-1 code of the text's language; None when too short to tell."""
        sample = text[:SAMPLE_CHARS]
        if sum(c.isalpha() for c in sample) < MIN_LETTERS:
            return None
        words = _WORD.findall(sample)
        latin = _latin(sample)
        if latin and self._clearly_english(words):
            return "en"
        values = self.detector.compute_language_confidence_values(sample)
        if not values:
            return None
        best = values[0]
        code = best.language.iso_code_639_1.name.lower()
        if code == "en":
            return "en"
        english = next((v.value for v in values if v.language == Language.ENGLISH), 0.0)
        if len(words) >= SHORT_TEXT_WORDS:
            return code if english < LONG_TEXT_DOUBT else "en"
        if latin:
            lowered = {w.lower() for w in words}
            if len(lowered) < MIN_DISTINCT_WORDS or lowered & self.english_markers:
                return "en"
            if sum(w[0].isupper() for w in words) > len(words) / 2:
                return "en"  # mostly names, or a title-case English headline
        return code if english < SHORT_TEXT_DOUBT else "en"

    def _clearly_english(self, words: list[str]) -> bool:
        """A long text of Latin script (the caller checks) whose words say English."""
        if len(words) < SHORT_TEXT_WORDS:
            return False
        english = sum(w.lower() in self.english_markers for w in words)
        return english >= CLEARLY_ENGLISH_SHARE * len(words)

    def refusal(self, text: str) -> str | None:
        """Why the text cannot be processed yet ('language nl not handled yet'), or None."""
        code = self.identify(text)
        if code is None or code in HANDLED:
            return None
        return f"language {code} not handled yet"


def _latin(text: str) -> bool:
    """No letters beyond Latin script: the scripts that tell languages apart at once."""
    return all(c < "\u0250" for c in text if c.isalpha())
