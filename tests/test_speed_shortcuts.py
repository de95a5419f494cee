"""Shortcuts that make the stages faster must say exactly what the long way says."""

from __future__ import annotations

import datetime as dt

from frontwire.claims.sources import load_registry
from frontwire.model import Article
from frontwire.text.context import ArticleContext
from frontwire.timex import DateWords, _can_match, _CanMatch, find_dates

_DATES = DateWords.load()  # the date words, loaded once as the Pipeline loads its own


def test_date_patterns_are_skipped_only_when_the_text_lacks_their_words():
    text = "Shelling hit the market on Monday, two days after a strike on the port."
    can = _can_match(_DATES, text)
    assert can.weekday and not can.month and not can.ago and not can.year and not can.iso
    # 'may' the verb and 'march' the noun are not capitalised month names
    can = _can_match(_DATES, "Troops may march on the town, officials said 3 days ago.")
    assert can.ago and not can.month and not can.weekday
    assert _can_match(_DATES, "The talks of 12 March 2023 failed.").month
    assert _can_match(_DATES, "The talks of 12 March 2023 failed.").year
    assert _can_match(_DATES, "Filed 2024-03-04.").iso
    # a long s matches 's' under re.I: such a text gets every pattern
    assert all(_can_match(_DATES, "Fighting reſumed on \u017funday."))


def test_dates_are_found_the_same_with_and_without_the_shortcut(nlp, monkeypatch):
    text = (
        "KHARTOUM, June 8 (Reuters) - Shelling hit Omdurman on Tuesday night and again "
        "two days later. In March 2023 the army lost the bridge; the 5-7 May talks failed, "
        "and troops may march on the town in the coming weeks."
    )
    article = Article(id="a1", text=text, published=dt.date(2024, 6, 8))
    shortcut = find_dates(ArticleContext(article, nlp(text)))
    monkeypatch.setattr("frontwire.timex._can_match", lambda _words, _text: _CanMatch(*[True] * 5))
    long_way = find_dates(ArticleContext(article, nlp(text)))
    assert [d.model_dump() for d in shortcut] == [d.model_dump() for d in long_way]
    assert {d.text for d in shortcut} >= {"Tuesday night", "two days later", "March 2023"}


def test_a_source_that_names_its_side_needs_no_second_look(nlp):
    registry = load_registry()
    doc = nlp("The Russian defence ministry said the town had fallen. The ministry said so.")
    named = doc[0:4]  # 'The Russian defence ministry'
    res, sideless = registry.resolve_noting_side(named, doc[3])
    assert sideless
    assert registry.resolve(named, doc[3], "Ukraine") == res
    bare = doc[10:12]  # 'The ministry': whose it is depends on the article's side
    _, sideless = registry.resolve_noting_side(bare, doc[11])
    assert not sideless
