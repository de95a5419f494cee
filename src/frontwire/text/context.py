"""ArticleContext: one article, its one spaCy Doc, and helpers to cite its words.

Every stage reads the same context; none parses again (design: parse once).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from frontwire.model import Article, Evidence
from frontwire.model import Span as TextSpan


@dataclass
class ArticleContext:
    article: Article
    doc: Doc
    _sent_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sent_starts = [s.start_char for s in self.doc.sents]

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def sentences(self) -> list[Span]:
        return list(self.doc.sents)

    def sentence_index(self, char: int) -> int:
        """0-based index of the sentence that holds character offset `char`."""
        return max(0, bisect_right(self._sent_starts, char) - 1)

    def sentence_of(self, char: int) -> Span:
        return self.sentences[self.sentence_index(char)]

    def span(self, start: int, end: int) -> TextSpan:
        return TextSpan(
            start=start, end=end, text=self.text[start:end], sentence=self.sentence_index(start)
        )

    def evidence(self, start: int, end: int, rule: str, confidence: float) -> Evidence:
        """Evidence for the words at [start, end) of the article text."""
        return Evidence(
            article_id=self.article.id,
            sentence=self.sentence_index(start),
            start=start,
            end=end,
            text=self.text[start:end],
            rule=rule,
            confidence=round(max(0.0, min(1.0, confidence)), 3),
        )

    def sentence_evidence(self, char: int, rule: str, confidence: float) -> Evidence:
        """Evidence citing the whole sentence that holds `char`."""
        sent = self.sentence_of(char)
        return self.evidence(sent.start_char, sent.end_char, rule, confidence)
