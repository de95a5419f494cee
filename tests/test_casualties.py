"""Casualty counting by ACLED's conservative rules, on team-written wire sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.events.casualties import count_casualties
from frontwire.events.figures import find_figures
from frontwire.model import Article
from frontwire.text.context import ArticleContext
from frontwire.text.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def _count(nlp, text: str, sentences: list[int] | None = None) -> tuple[int, int]:
    ctx = ArticleContext(Article(id="c", text=text, published=dt.date(2024, 5, 10)), nlp(text))
    idx = list(range(len(ctx.sentences))) if sentences is None else sentences
    return count_casualties(ctx, idx, find_figures(ctx))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At least 12 civilians were killed and dozens wounded in the strike on Kharkiv.",
            (12, 12),
        ),
        # conflicting reports: the lowest figure
        (
            "Ukrainian officials said 12 people were killed, while Russian media put the death "
            "toll at 4.",
            (4, 0),
        ),
        # a cumulative toll is not the event's dead
        ("Since the war began, 9,000 civilians have died in the region, the U.N. said.", (0, 0)),
        ("'Casualties' alone are not deaths: the army reported 30 casualties.", (0, 0)),
        ("Five soldiers were reported missing after the assault.", (0, 0)),
        ("Twenty people were wounded, including three children.", (0, 20)),
        ("Three soldiers and two civilians were killed in the shelling.", (5, 0)),
        ("Three people were killed and two others died later in hospital.", (5, 0)),
        ("The attack killed five people, three soldiers and two civilians.", (5, 0)),
        ("It was the deadliest strike since the war began, killing 40 people.", (40, 0)),
        ("Officials warned the collapse of the dam could kill thousands.", (0, 0)),
        ("No one was killed, but three people were injured.", (0, 3)),
        # a running total in the present perfect is not one event's toll
        ("The insurgency has killed more than 800 people in the province this year.", (0, 0)),
        ("Over the past two years, shelling killed 230 people in the town.", (0, 0)),
        # 'feared' is not a report of deaths; 'but' sets two figures against each other
        ("Dozens were feared dead in the collapse, but rescuers found 7 bodies.", (7, 0)),
        ("A man died in the attack, and a second man died in hospital.", (2, 0)),
        ("A sniper wounded a medic before he was shot dead by troops.", (1, 1)),
        ("Gunmen killed a family of six in their home near the border.", (6, 0)),
        ("A total of 22 people were killed in the clashes, the ministry said.", (22, 0)),
        ("Two soldiers were among the 9 people killed in the ambush.", (9, 0)),
        ("A 60-year-old man succumbed to his injuries on Sunday.", (1, 0)),
    ],
)
def test_count_casualties(nlp, text, expected):
    assert _count(nlp, text) == expected


def test_updated_toll_replaces_the_first_report(nlp):
    text = "Nine people were reported dead after the strike. The death toll later rose to 15."
    assert _count(nlp, text) == (15, 0)


def test_only_the_event_sentences_count(nlp):
    text = "A missile killed four people in Dnipro. Separately, a drone wounded two men in Sumy."
    assert _count(nlp, text, [0]) == (4, 0)
    assert _count(nlp, text, [1]) == (0, 2)


def test_a_toll_revised_down_replaces_the_first_figure(nlp):
    text = "Officials first said 14 people were killed, then revised the death toll down to 11."
    assert _count(nlp, text) == (11, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen gunned down three traders at the market on Tuesday.", (3, 0)),
        ("A mortar round killed a electrician repairing power lines.", (1, 0)),
        ("Twelve people were treated for wounds after the blast.", (0, 12)),
        ("Three hostages were kidnapped and later found dead.", (3, 0)),
        ("A shell wounded a teacher; she died of her wounds on Friday.", (1, 0)),
        ("Drone strike kills 2, wounds 9 in Nikopol", (2, 9)),
    ],
)
def test_more_ways_of_saying_it(nlp, text, expected):
    assert _count(nlp, text) == expected


def test_a_separately_reported_event_is_left_out(nlp):
    text = (
        "A missile killed 5 people in Dnipro on Monday. Separately, a drone killed a man in Sumy."
    )
    assert _count(nlp, text) == (5, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nine fishermen drowned after their boat was shelled.", (9, 0)),
        ("Police shot dead a 19-year-old during the protest.", (1, 0)),
        ("Forty men were detained and nine were killed in the sweep.", (9, 0)),
        ("About 50 soldiers die in each assault, a commander said.", (0, 0)),
        ("Landmines killed 70 people in the first six months of the year.", (0, 0)),
        ("Two people were killed on Friday; officials later said the figure was 4.", (2, 0)),
        ("Six people died, among them a nurse.", (6, 0)),
        ("Ten were wounded, three of them women, in the attack.", (0, 10)),
    ],
)
def test_fourth_round(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry reported 20 dead; the U.N. gave lower figures of 15 dead.", (15, 0)),
        ("The first toll of 3 dead was later revised to 6.", (6, 0)),
        ("Two people were killed and 9 hurt in the blast.", (2, 9)),
        ("A young boy was among the dead, medics said.", (1, 0)),
        ("The army reported 12 casualties, including 2 killed.", (2, 0)),
    ],
)
def test_fifth_round(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nine bodies were taken to the hospital, but officials said 6 people had died.", (6, 0)),
        ("The governor put the toll at two; the rebels said they had killed more than 40.", (2, 0)),
        ("The number of people wounded in the strike rose to 31 overnight.", (0, 31)),
        ("Two bodies were found on Monday and four more on Tuesday.", (6, 0)),
        ("The war has uprooted millions and killed thousands.", (0, 0)),
        ("Four to six civilians are killed every month by mines.", (0, 0)),
        ("Three women were among those wounded in the blast.", (0, 3)),
        ("An Israeli was wounded in a stabbing attack in Jerusalem.", (0, 1)),
        ("The drone killed the mayor, his aide and a bodyguard.", (3, 0)),
        ("Medics carried wounded soldiers to the trucks.", (0, 0)),
    ],
)
def test_sixth_round(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Five workers sustained injuries when the roof collapsed after the strike.", (0, 5)),
        ("A peacekeeper was slain near the airport.", (1, 0)),
        ("The raid killed three guards, a cook and two drivers.", (6, 0)),
        ("Only two people died, contrary to early reports of 20 dead.", (2, 0)),
        ("A man, 45, was wounded by shrapnel in Kherson.", (0, 1)),
        ("The gang threatened to kill hostages if the ransom was not paid.", (0, 0)),
        ("Bandits killed 900 people during the first half of the year.", (0, 0)),
    ],
)
def test_seventh_round(nlp, text, expected):
    assert _count(nlp, text) == expected


def test_team_gold_set_meets_the_bar():
    """The team's annotated set (tests/data/casualties_gold.jsonl): both numbers exactly
    right on at least 95% of the texts. (Fresh splits scored lower on their first run; see
    tests/data/CASUALTIES_GUIDE.md.)"""
    from frontwire.eval.casualties import TEAM_GOLD, _predict
    from frontwire.eval.gold import read_jsonl

    rows = read_jsonl(TEAM_GOLD)
    preds = _predict([r["text"] for r in rows], None)
    both = sum(p == (r["fatalities"], r["injuries"]) for r, p in zip(rows, preds, strict=True))
    assert len(rows) >= 150
    assert both / len(rows) >= 0.95


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three soldiers a week are killed by snipers on this stretch of front.", (0, 0)),
        ("Nine people were treated in hospital after the grenade attack.", (0, 9)),
    ],
)
def test_eighth_round(nlp, text, expected):
    assert _count(nlp, text) == expected
