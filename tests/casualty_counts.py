"""Counting one text's casualties as the event coder does, for the casualty test files."""

from __future__ import annotations

import datetime as dt

from frontwire.events.casualties import count_casualties
from frontwire.events.figures import find_figures
from frontwire.model import Article
from frontwire.text.context import ArticleContext


def count_text(
    nlp,
    text: str,
    sentences: list[int] | None = None,
    published: dt.date = dt.date(2024, 5, 10),
) -> tuple[int, int]:
    """(killed, injured) of `text`, over all its sentences or the given ones."""
    ctx = ArticleContext(Article(id="c", text=text, published=published), nlp(text))
    idx = list(range(len(ctx.sentences))) if sentences is None else sentences
    return count_casualties(ctx, idx, find_figures(ctx))
