"""Counting one text's casualties as the event coder does, for the casualty test files."""

from __future__ import annotations

import datetime as dt

from frontwire.events.casualties import CasualtyWords, count_casualties
from frontwire.events.figures import find_figures
from frontwire.model import Article
from frontwire.text.context import ArticleContext


def count_text(
    nlp,
    text: str,
    sentences: list[int] | None = None,
    published: dt.date = dt.date(2024, 5, 10),
    words: CasualtyWords | None = None,
) -> tuple[int, int]:
    """(killed, injured) of `text`, over all its sentences or the given ones, with the given
    words or a fresh load of them (a millisecond; the text's parse is the cost)."""
    words = words or CasualtyWords.load()
    ctx = ArticleContext(Article(id="c", text=text, published=published), nlp(text))
    idx = list(range(len(ctx.sentences))) if sentences is None else sentences
    return count_casualties(ctx, idx, find_figures(ctx, words), words)
