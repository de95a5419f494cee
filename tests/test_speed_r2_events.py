"""Speed work on the toll reader (issue 19): the superlatives are tried as one pattern, and a
sentence's cue matches are found once per Doc. Both must answer as the plain forms they
replace."""

from __future__ import annotations

import re

import pytest

from frontwire.events.casualties import CasualtyWords


@pytest.mark.parametrize(
    "before",
    [
        "it was the deadliest strike on the city ",
        "the Worst shelling of the town ",
        "officials called it the first such raid ",
        "residents said the most intense fighting came ",
        "almost nothing had changed ",  # 'most' inside a word: no superlative
        "the firstborn son had left the village ",
        "the biggest-ever convoy arrived ",
        "",
    ],
)
def test_superlative_pattern_matches_each_word(before: str) -> None:
    cw = CasualtyWords.load()
    words = cw.cues["superlatives"]
    one_by_one = any(re.search(rf"\b{w}\b", before.lower()) for w in words)
    assert bool(cw.cues["_superlative_rx"].search(before.lower())) is one_by_one


# ------------------------------------------------------------------ tolls and modality
def _tolls(nlp, text: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """The toll of the first sentence, counted twice: the second count reads the cue matches
    the first one kept in the article's memo."""
    from frontwire.events.casualties import _CUES_KEY, count_casualties
    from frontwire.events.figures import find_figures
    from frontwire.model import Article
    from frontwire.text.context import ArticleContext

    cw = CasualtyWords.load()
    ctx = ArticleContext(Article(id="r2", text=text), nlp(text))
    figs = find_figures(ctx, cw)
    first = count_casualties(ctx, [0], figs, cw)
    assert ctx.memo.get(_CUES_KEY)  # the cue matches were kept
    return first, count_casualties(ctx, [0], figs, cw)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a superlative before the cue: a comparison, this event's own toll
        ("The deadliest shelling since the war began killed nine people in the port on Sunday.", 9),
        # a running total since the war began: not this event's
        ("At least 4,000 civilians have been killed in the region since the war began.", 0),
    ],
)
def test_cumulative_cues_with_kept_matches(nlp, text: str, killed: int) -> None:
    first, again = _tolls(nlp, text)
    assert first == again
    assert first[0] == killed
