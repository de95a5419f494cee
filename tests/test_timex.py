"""Dates: expressions in team-written wire reports resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.model import Article
from frontwire.text.context import ArticleContext
from frontwire.timex import DateWords, event_date, find_dates

PUB = dt.date(2024, 5, 10)  # a Friday
_WORDS = DateWords.load()  # loaded once for this file, as the Pipeline loads its own

REPORT = (
    "KYIV, May 10 (Reuters) - Russian missiles struck the city of Kharkiv on Thursday, "
    "killing three people, the regional governor said.\n"
    "A drone hit a fuel depot near Sumy yesterday, officials said on Wednesday.\n"
    "Shelling two weeks ago destroyed the railway station, and attacks on the region have "
    "intensified in recent months.\n"
    "On Monday, police arrested two men in Odesa.\n"
    "In February, a missile hit a grain terminal; on 3 March 2023 another hit the port.\n"
    "Last week saw heavy fighting near Avdiivka, and earlier this week troops withdrew.\n"
    "Two more people died in hospital."
)


def _ctx(nlp, text: str, published: dt.date | None = PUB) -> ArticleContext:
    return ArticleContext(Article(id="t", text=text, published=published), nlp(text))


@pytest.fixture(scope="session")
def report(nlp):
    ctx = _ctx(nlp, REPORT)
    return ctx, find_dates(ctx, _WORDS)


def _by_text(dates):
    return {d.text.lower(): d for d in dates}


def test_relative_days_resolve_against_publication(report):
    _, dates = report
    d = _by_text(dates)
    assert d["thursday"].date == dt.date(2024, 5, 9)
    assert d["thursday"].time_precision == 1
    assert d["yesterday"].date == dt.date(2024, 5, 9)
    assert d["wednesday"].date == dt.date(2024, 5, 8)
    assert d["monday"].date == dt.date(2024, 5, 6)


def test_weeks_months_and_vague_periods(report):
    _, dates = report
    d = _by_text(dates)
    assert d["two weeks ago"].date == dt.date(2024, 4, 26)
    assert d["two weeks ago"].time_precision == 2
    assert d["last week"].date == dt.date(2024, 4, 29)
    assert d["last week"].end_date == dt.date(2024, 5, 5)
    assert d["earlier this week"].date == dt.date(2024, 5, 6)
    assert d["earlier this week"].time_precision == 2
    assert d["february"].date == dt.date(2024, 2, 1)
    assert d["february"].time_precision == 3
    assert not d["february"].vague
    recent = d["in recent months"]
    assert recent.vague and recent.time_precision == 3


def test_absolute_dates_with_and_without_year(nlp):
    ctx = _ctx(
        nlp,
        "The strike on March 3, 2023 was followed by another on 14 April. It ended in May 2022.",
    )
    d = _by_text(find_dates(ctx, _WORDS))
    assert d["march 3, 2023"].date == dt.date(2023, 3, 3)
    assert d["14 april"].date == dt.date(2024, 4, 14)
    assert d["may 2022"].date == dt.date(2022, 5, 1)
    assert d["may 2022"].end_date == dt.date(2022, 5, 31)


def test_may_the_verb_is_not_a_month(nlp):
    ctx = _ctx(nlp, "Officials said the army may withdraw from the town.")
    assert find_dates(ctx, _WORDS) == []


def test_no_publication_date_gives_no_date(nlp):
    ctx = _ctx(nlp, "A shell hit the market yesterday.", published=None)
    (d,) = find_dates(ctx, _WORDS)
    assert d.text == "yesterday" and d.date is None


def test_event_date_uses_the_sentence_own_date(report):
    ctx, dates = report
    assert event_date(ctx, 0, dates, _WORDS) == (dt.date(2024, 5, 9), 1, [])
    # the date of the event ('yesterday'), not of the saying ('said on Wednesday')
    assert event_date(ctx, 1, dates, _WORDS) == (dt.date(2024, 5, 9), 1, [])
    assert event_date(ctx, 3, dates, _WORDS) == (dt.date(2024, 5, 6), 1, [])


def test_event_date_in_a_vague_period_is_flagged(nlp):
    ctx = _ctx(nlp, "Attacks on the region have intensified in recent months, the governor said.")
    dates = find_dates(ctx, _WORDS)
    assert event_date(ctx, 0, dates, _WORDS) == (PUB, 3, ["vague-date"])


def test_event_date_falls_back_to_publication(nlp):
    ctx = _ctx(nlp, "A drone has hit an apartment block in Odesa.")
    assert event_date(ctx, 0, find_dates(ctx, _WORDS), _WORDS) == (PUB, 1, ["publication-date"])
    ctx = _ctx(nlp, "A drone hit an apartment block in Odesa.")
    assert event_date(ctx, 0, find_dates(ctx, _WORDS), _WORDS) == (PUB, 2, ["publication-date"])
    ctx = _ctx(nlp, "A drone hit an apartment block in Odesa.", published=None)
    assert event_date(ctx, 0, find_dates(ctx, _WORDS), _WORDS) == (None, 3, ["no-date"])


def test_event_date_inherits_from_the_lead(report):
    ctx, dates = report
    date, precision, flags = event_date(ctx, len(ctx.sentences) - 1, dates, _WORDS)
    assert (date, precision) == (dt.date(2024, 5, 9), 1)
    assert flags == ["lead-date"]


def test_anaphoric_dates_follow_the_story(nlp):
    text = (
        "The assault on the village began on Monday. Two days later, troops entered the "
        "centre. The next day, a drone hit the school."
    )
    d = _by_text(find_dates(_ctx(nlp, text), _WORDS))
    assert d["monday"].date == dt.date(2024, 5, 6)
    assert d["two days later"].date == dt.date(2024, 5, 8)
    assert d["the next day"].date == dt.date(2024, 5, 9)


def test_anaphoric_date_without_anchor_stays_unresolved(nlp):
    (m,) = find_dates(_ctx(nlp, "A day earlier, a convoy was ambushed."), _WORDS)
    assert m.date is None


def test_weekend_mid_month_and_year_boundary(nlp):
    text = (
        "Over the weekend drones struck Lviv. In mid-March a strike hit Sumy. "
        "On December 28 shelling killed two people."
    )
    d = _by_text(find_dates(_ctx(nlp, text, published=dt.date(2024, 1, 8)), _WORDS))
    assert (d["over the weekend"].date, d["over the weekend"].end_date) == (
        dt.date(2024, 1, 6),
        dt.date(2024, 1, 7),
    )
    assert d["over the weekend"].time_precision == 2
    assert (d["mid-march"].date, d["mid-march"].time_precision) == (dt.date(2023, 3, 11), 3)
    # a date without a year after the publication date belongs to the year before
    assert d["december 28"].date == dt.date(2023, 12, 28)


def test_dateline_date_is_not_the_event_date(nlp):
    ctx = _ctx(nlp, "ODESA, May 10 (AP) - A drone hit a port warehouse, officials said.")
    dates = find_dates(ctx, _WORDS)
    assert [m.text for m in dates] == ["May 10"]
    assert event_date(ctx, 0, dates, _WORDS) == (PUB, 2, ["publication-date"])


def test_since_marks_the_start_of_a_period_not_the_event(nlp):
    # the shelling runs over a period: no dated event, and never March 3 (issue 15 changed
    # the flag from 'publication-date' to the period's own)
    ctx = _ctx(nlp, "Since March 3 the town has been shelled daily, the mayor said.")
    dates = find_dates(ctx, _WORDS)
    assert event_date(ctx, 0, dates, _WORDS) == (PUB, 3, ["vague-date", "since-date"])


# Published Friday 10 May 2024. (expression in a sentence, its text, date, precision, vague)
TABLE = [
    ("Shelling hit the town today.", "today", dt.date(2024, 5, 10), 1, False),
    ("Shelling hit the town this morning.", "this morning", dt.date(2024, 5, 10), 1, False),
    ("Drones struck the port last night.", "last night", dt.date(2024, 5, 9), 1, False),
    ("Troops advanced on Tuesday.", "Tuesday", dt.date(2024, 5, 7), 1, False),
    ("Troops advanced on Friday.", "Friday", dt.date(2024, 5, 10), 1, False),
    ("Troops advanced last Friday.", "last Friday", dt.date(2024, 5, 3), 1, False),
    ("The raid took place Sunday night.", "Sunday night", dt.date(2024, 5, 5), 1, False),
    ("It happened five days ago.", "five days ago", dt.date(2024, 5, 5), 1, False),
    ("It happened a week ago.", "a week ago", dt.date(2024, 5, 3), 2, False),
    ("It happened three months ago.", "three months ago", dt.date(2024, 2, 1), 3, False),
    ("It happened this week.", "this week", dt.date(2024, 5, 6), 2, False),
    ("It happened last month.", "last month", dt.date(2024, 4, 1), 3, False),
    ("It happened earlier this month.", "earlier this month", dt.date(2024, 5, 1), 3, False),
    ("It happened in early April.", "early April", dt.date(2024, 4, 1), 3, False),
    ("It happened in late April.", "late April", dt.date(2024, 4, 21), 3, False),
    ("It happened on Feb. 24, 2022.", "Feb. 24, 2022", dt.date(2022, 2, 24), 1, False),
    ("It happened on 24 February 2022.", "24 February 2022", dt.date(2022, 2, 24), 1, False),
    ("It happened on the 3rd of May.", "3rd of May", dt.date(2024, 5, 3), 1, False),
    ("It happened on 2023-11-02.", "2023-11-02", dt.date(2023, 11, 2), 1, False),
    ("It happened in 2022.", "2022", dt.date(2022, 1, 1), 3, True),
    ("It happened last year.", "last year", dt.date(2023, 1, 1), 3, True),
    ("Attacks grew in recent years.", "in recent years", dt.date(2021, 5, 11), 3, True),
    ("Attacks grew in recent weeks.", "in recent weeks", dt.date(2024, 4, 12), 3, False),
    (
        "Attacks grew over the past 24 hours.",
        "over the past 24 hours",
        dt.date(2024, 5, 9),
        1,
        False,
    ),
]


@pytest.mark.parametrize(("sentence", "text", "date", "precision", "vague"), TABLE)
def test_expression_table(nlp, sentence, text, date, precision, vague):
    (m,) = find_dates(_ctx(nlp, sentence), _WORDS)
    assert (m.text, m.date, m.time_precision, m.vague) == (text, date, precision, vague)


@pytest.mark.parametrize(
    "sentence",
    [
        "The siege lasted for three weeks.",
        "The brigade has 2,000 soldiers.",
        "Officials may visit the front.",
        "Russia fired 40 missiles at the city.",
    ],
)
def test_durations_counts_and_verbs_are_not_dates(nlp, sentence):
    assert find_dates(_ctx(nlp, sentence), _WORDS) == []


def test_a_named_day_wins_over_the_relative_phrase_around_it(nlp):
    ctx = _ctx(
        nlp,
        "In the early hours of Sunday, drones hit Odesa. Shelling resumed overnight on Wednesday.",
    )
    dates = find_dates(ctx, _WORDS)
    assert [m.text for m in dates] == ["Sunday", "overnight on Wednesday"]
    assert event_date(ctx, 0, dates, _WORDS) == (dt.date(2024, 5, 5), 1, [])
    # the early hours are on the clock's day; a night is dated by the evening it began
    assert event_date(ctx, 1, dates, _WORDS) == (dt.date(2024, 5, 7), 1, [])


def test_case_folded_letters_do_not_break_date_phrases(nlp):
    """Old typography ('yeſterday', with a long s) matches the case-insensitive pattern; the
    phrase must resolve, not fail the article."""
    from frontwire.ingest.article import make_article
    from frontwire.text.context import ArticleContext
    from frontwire.timex import find_dates

    text = "Shelling hit the town yeſterday, officials said."
    article = make_article(text, published="2024-05-10")
    [found] = find_dates(ArticleContext(article, nlp(text)), _WORDS)
    assert found.date.isoformat() == "2024-05-09" and found.time_precision == 1


# --- issue 15: dates on real reporting (team-written sentences) -----------------------------


def _event_day(nlp, text: str, published: dt.date, sentence: int = 0):
    ctx = _ctx(nlp, text, published=published)
    return event_date(ctx, sentence, find_dates(ctx, _WORDS), _WORDS)


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian strikes killed four civilians in the Kharkiv region over the past day, the "
        "regional governor said on Telegram.",
        "Ukraine's air force said it downed 31 of 40 drones launched in the past day.",
        "Two people were wounded in shelling of Nikopol during the past 24 hours, officials said.",
        "Over the last day, troops repelled 14 assaults near Pokrovsk, the general staff said.",
    ],
)
def test_a_daily_round_up_is_about_the_day_before(nlp, sentence):
    # published on Friday 10 May 2024: the day reported on is Thursday
    assert _event_day(nlp, sentence, PUB) == (dt.date(2024, 5, 9), 1, [])


# (published, sentence, the night's date, precision): a night is dated by the evening it
# began; a night named by its two days is a range of two days (ACLED: the first, precision 2)
NIGHTS = [
    (PUB, "A missile hit a hotel in Kharkiv overnight, the mayor said.", dt.date(2024, 5, 9), 1),
    (
        PUB,
        "Russia attacked Kyiv with ballistic missiles overnight on Friday, the city said.",
        dt.date(2024, 5, 9),
        1,
    ),
    (
        dt.date(2024, 5, 11),
        "Drones hit an oil depot in the Bryansk region overnight Thursday and Friday.",
        dt.date(2024, 5, 9),
        2,
    ),
    (
        dt.date(2024, 5, 11),
        "Shelling of the village went on through the night of Thursday to Friday, residents said.",
        dt.date(2024, 5, 9),
        2,
    ),
    (
        dt.date(2024, 5, 12),
        "Air defences were active over Odesa overnight into Friday, the navy said.",
        dt.date(2024, 5, 9),
        1,
    ),
    (
        dt.date(2024, 5, 12),
        "Two drones struck a power plant on the night of 8-9 May, the operator said.",
        dt.date(2024, 5, 8),
        2,
    ),
    (
        dt.date(2024, 5, 12),
        "Two drones struck a power plant on the night of 8 to 9 May, the operator said.",
        dt.date(2024, 5, 8),
        2,
    ),
    (
        dt.date(2024, 5, 12),
        "Two drones struck a power plant on the night of Thursday, the operator said.",
        dt.date(2024, 5, 9),
        1,
    ),
]


@pytest.mark.parametrize(("published", "sentence", "night", "precision"), NIGHTS)
def test_a_night_is_dated_by_the_evening_it_began(nlp, published, sentence, night, precision):
    assert _event_day(nlp, sentence, published) == (night, precision, [])


def test_a_longer_range_of_days_is_dated_by_its_middle_day(nlp):
    text = "Fighting for the hilltop raged between 2 and 6 May, the brigade said."
    assert _event_day(nlp, text, PUB) == (dt.date(2024, 5, 4), 2, [])


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("Gunmen attacked the convoy on February 2, killing six soldiers.", dt.date(2023, 2, 2)),
        ("The rebels seized the border post on 10 February, the army said.", dt.date(2023, 2, 10)),
        ("Militants overran the base on October 7, the ministry said.", dt.date(2023, 10, 7)),
    ],
)
def test_a_yearless_date_is_never_after_publication(nlp, sentence, day):
    # published 15 January 2024: a past event 'on February 2' was last year's February
    assert _event_day(nlp, sentence, dt.date(2024, 1, 15)) == (day, 1, [])


@pytest.mark.parametrize(
    ("sentence", "text", "day"),
    [
        ("The foreign ministers will meet on March 3 in Geneva.", "March 3", dt.date(2024, 3, 3)),
        ("Talks are scheduled for February 2 in Doha.", "February 2", dt.date(2024, 2, 2)),
        ("The country will hold a presidential vote in March.", "March", dt.date(2024, 3, 1)),
        ("The envoys will meet again on Thursday.", "Thursday", dt.date(2024, 1, 18)),
    ],
)
def test_a_future_sentence_keeps_its_date_ahead(nlp, sentence, text, day):
    (m,) = find_dates(_ctx(nlp, sentence, published=dt.date(2024, 1, 15)), _WORDS)  # a Monday
    assert (m.text, m.date) == (text, day)


def test_a_weekday_is_the_last_one_on_or_before_publication(nlp):
    text = "Soldiers killed two smugglers near the border on Sunday, the army said."
    assert _event_day(nlp, text, dt.date(2024, 1, 15)) == (dt.date(2024, 1, 14), 1, [])


@pytest.mark.parametrize(
    "sentence",
    [
        "At least 500 civilians have been killed since fighting erupted on April 15, the "
        "health ministry said.",
        "More than 14,000 people have died in the conflict since the war began in 2014.",
        "Since the start of the insurgency in 2017, militants have killed over 4,000 people.",
    ],
)
def test_a_total_since_a_start_date_is_not_dated_by_it(nlp, sentence):
    published = dt.date(2024, 1, 15)
    assert _event_day(nlp, sentence, published) == (published, 3, ["vague-date", "since-date"])


def test_a_period_start_in_a_relative_clause_leaves_the_event_alone(nlp):
    text = (
        "The militia, which has fought the army since 2019, ambushed a patrol near the town "
        "on Saturday, killing three soldiers."
    )
    assert _event_day(nlp, text, dt.date(2024, 1, 15)) == (dt.date(2024, 1, 13), 1, [])


def test_a_total_since_a_start_does_not_inherit_the_story_day(nlp):
    text = (
        "A drone hit a bus station in the city on Tuesday, killing two people. "
        "More than 3,000 civilians have been killed there since the siege began."
    )
    assert _event_day(nlp, text, dt.date(2024, 1, 19), sentence=1) == (
        dt.date(2024, 1, 19),
        3,
        ["vague-date", "since-date"],
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Warplanes have pounded the villages north of the city since yesterday, residents said.",
        "Eleven people have been killed in the city since Sunday, police said.",
    ],
)
def test_a_period_that_began_this_week_is_the_news_not_background(nlp, sentence):
    published = dt.date(2024, 1, 17)
    assert _event_day(nlp, sentence, published)[2] == ["publication-date"]


def test_two_articles_dated_in_turn_keep_their_own_dates(nlp):
    """Event dates are worked out per article (kept with its context): asking for two
    articles' sentences in turn, as threads of one worker may, gives each its own dates."""
    first = _ctx(nlp, "On Monday, a drone struck a depot in Sumy. Two guards were hurt.")
    second = _ctx(nlp, "Shelling hit Kherson on 3 January. A school was damaged.")
    dates = {id(c): find_dates(c, _WORDS) for c in (first, second)}
    alone = [event_date(c, i, dates[id(c)], _WORDS) for c in (first, second) for i in (0, 1)]
    in_turn = {}
    for i in (1, 0):
        for c in (second, first):
            in_turn[(id(c), i)] = event_date(c, i, dates[id(c)], _WORDS)
    assert [in_turn[(id(c), i)] for c in (first, second) for i in (0, 1)] == alone
    assert alone[0][0] != alone[2][0]  # the two articles' days differ
