"""ArticleContext: one article, its one spaCy Doc, and helpers to cite its words.

Every stage reads the same context; none parses again (design: parse once).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from frontwire.events.doctokens import doc_tokens
from frontwire.model import Article, Evidence
from frontwire.model import Span as TextSpan


@dataclass
class ArticleContext:
    article: Article
    doc: Doc
    _sents: list[Span] = field(init=False, repr=False)
    _sent_starts: list[int] = field(init=False, repr=False)
    # answers a stage works out once per article and several of its events ask for again
    memo: dict[str, Any] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        # doc.sents, Span.sent and Token.sent walk the tokens on every access; every stage
        # asks them often. Walk once per article and answer them from the cached sentences.
        self._sents = list(self.doc.sents)
        self._sent_starts = [s.start_char for s in self._sents]
        _install_sentence_hooks(self.doc, self._sents)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def sentences(self) -> list[Span]:
        return self._sents

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



def _install_sentence_hooks(doc: Doc, sents: list[Span]) -> None:
    token_starts = [s.start for s in sents]

    # the look-up written into each hook: Token.sent is asked often enough that a second
    # function call per question shows in profiles
    doc.user_hooks["sents"] = lambda _doc: iter(sents)
    doc.user_span_hooks["sent"] = lambda span: sents[
        max(0, bisect_right(token_starts, span.start) - 1)
    ]
    doc.user_token_hooks["sent"] = lambda token: sents[
        max(0, bisect_right(token_starts, token.i) - 1)
    ]


def doc_text(doc: Doc) -> str:
    """The Doc's text, cached: spaCy's `Doc.text` joins every token on each access."""
    text = doc.user_data.get("frontwire.text")
    if text is None:
        # joined from the token lists the stages read anyway: `Doc.text` makes a Token per word
        words = doc_tokens(doc)
        text = doc.user_data["frontwire.text"] = "".join(
            map(str.__add__, words.text, words.whitespace)
        )
    return text


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens that begin at a character offset in [start, end), without a scan."""
    # the token offsets the other stages already read into lists (a Token per word otherwise)
    starts = doc_tokens(doc).idx
    return list(doc[bisect_left(starts, start) : bisect_left(starts, end)])
