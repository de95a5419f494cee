"""The number, casualty, headline and date words are loaded once, by the Pipeline that owns
them, and handed down to find_figures, count_casualties, find_dates and event_date: no module
keeps its own copy."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import frontwire.events.casualties as casualties
import frontwire.events.figures as figures
import frontwire.pipeline as pipeline_module
import frontwire.timex as timex
from frontwire.events.casualties import CasualtyWords
from frontwire.events.figures import find_figures
from frontwire.model import Article
from frontwire.text.context import ArticleContext
from frontwire.timex import DateWords, find_dates

_TEXT = (
    "Artillery fire killed seven civilians in the village of Dovhe on Monday, the regional "
    "governor said. Three more people were wounded and taken to hospital."
)


def _article() -> Article:
    return Article(id="res-1", text=_TEXT, published=dt.date(2024, 5, 14))


def test_the_pipeline_hands_one_copy_of_the_words_to_every_stage(pipeline, monkeypatch):
    words = pipeline.casualty_words
    assert isinstance(words, CasualtyWords)
    assert pipeline.coder.casualty_words is words  # the coder counts tolls with the same
    assert words.telegraphic.figures is words.figures  # the headline reader's number words
    assert pipeline.coder.date_words is pipeline.date_words  # the coder's event dates
    assert pipeline.date_words.numbers is words.figures  # 'three days ago'
    seen: list[object] = []
    seen_dates: list[object] = []

    def spy_dates(ctx, given):
        seen_dates.append(given)
        return find_dates(ctx, given)

    real_event_date = timex.event_date

    def spy_event_date(ctx, sentence, dates, given):
        seen_dates.append(given)
        return real_event_date(ctx, sentence, dates, given)

    def spy_figures(ctx, given):
        seen.append(given)
        return find_figures(ctx, given)

    real_count = casualties.count_casualties

    def spy_count(ctx, sentences, figs, given):
        seen.append(given)
        return real_count(ctx, sentences, figs, given)

    monkeypatch.setattr(pipeline_module, "find_figures", spy_figures)
    monkeypatch.setattr(casualties, "count_casualties", spy_count)
    monkeypatch.setattr(pipeline_module, "find_dates", spy_dates)
    monkeypatch.setattr(timex, "event_date", spy_event_date)
    report = pipeline.extract(_article())
    assert [e.fatalities for e in report.events] and report.events[0].fatalities == 7
    assert report.events[0].event_date == dt.date(2024, 5, 13)  # the Monday before
    assert len(seen) >= 2 and all(s is words for s in seen)
    assert len(seen_dates) >= 2 and all(s is pipeline.date_words for s in seen_dates)


def test_no_module_keeps_a_cache_of_the_words():
    assert not hasattr(figures, "lexicon")
    for name in ("_cues", "_grievance_sets", "_part_opener"):
        assert not hasattr(casualties, name)
    for name in ("_data", "_word_set"):
        assert not hasattr(timex, name)


def test_find_figures_reads_the_words_it_is_given(nlp):
    words = CasualtyWords.load()
    ctx = ArticleContext(_article(), nlp(_TEXT))
    assert (7, "killed") in [(f.value, f.counts) for f in find_figures(ctx, words)]
    # the same text with words that do not know 'seven': the number is not read
    units = {w: v for w, v in words.figures.units.items() if w != "seven"}
    blind = replace(words, figures=replace(words.figures, units=units, number_starts={}))
    assert 7 not in [f.value for f in find_figures(ctx, blind)]


def test_find_dates_reads_the_words_it_is_given(nlp):
    words = DateWords.load()
    ctx = ArticleContext(_article(), nlp(_TEXT))
    assert [d.text for d in find_dates(ctx, words)] == ["Monday"]
    # words that know no weekday: 'Monday' is not a date
    data = {**words.data, "weekdays": {}}
    blind = replace(words, data=data)
    assert find_dates(ctx, blind) == []
