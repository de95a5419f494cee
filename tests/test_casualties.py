"""Casualty counting by ACLED's conservative rules, on team-written wire sentences."""

from __future__ import annotations

import pytest

from casualty_counts import count_text

_count = count_text


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


# Issue 15: kinds of miss counted on real reporting (ACLED notes, UCDP headlines); each
# sentence is team-written and failed before the change named beside it.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ages are never added to the toll
        ("Two women aged 39 and 71 were injured when a drone hit their house in Kherson.", (0, 2)),
        # numbers that name a unit, not people
        ("Two soldiers of Brigade 72 were killed near Vuhledar.", (2, 0)),
        # telegraphic headlines: lists of bare nouns, shorthand
        ("Policeman, farmer killed in shelling of Kupiansk.", (2, 0)),
        ("Three troops, two militants killed in Kashmir gunfight.", (5, 0)),
        ("2 KIA, 5 WIA in mortar attack on Kidal outpost.", (2, 5)),
        ("Militant killed, 3 soldiers wounded in Maguindanao clash.", (1, 3)),
        ("One serviceman killed, ten wounded in Donetsk region over past day.", (1, 10)),
        # a number before a group's proper name counts its members
        ("Five Balanda were killed and 2 wounded in a cattle raid in Tonj.", (5, 2)),
        ("Nine Taleban killed in clashes with security forces in Helmand.", (9, 0)),
        # 'On <date>, a ... was killed': the comma closes the opening phrase
        ("On Tuesday, a Rohingya refugee was killed in a landmine blast near Maungdaw.", (1, 0)),
        # nominal deaths
        ("Herders and farmers clashed near Moundou, resulting in the killing of 3 people.", (3, 0)),
        ("Militants shot a shepherd near Arish, resulting in his death.", (1, 0)),
        ("The clashes led to the death of 4 soldiers and 2 gendarmes.", (6, 0)),
        ("Fighting near Kadugli resulted in the killing of 3 people and several injuries.", (3, 3)),
        ("An unexploded shell killed three children and two were wounded near Kadugli.", (3, 2)),
        (
            "Abu Khalid (34), a commander, was killed and two policemen were hurt in Mombasa.",
            (1, 2),
        ),
        # several fates for one figure: none of them sure
        ("3 PKK militants were killed, injured or captured during operations in Tunceli.", (0, 0)),
        # 'the soldier' is the soldier already counted
        ("A sniper shot a soldier at a checkpoint in Rafah, and the soldier later died.", (1, 0)),
        # animals, attempts and earlier killings are not this event's dead
        ("Militants killed 15 cattle and burned houses in the village near Djibo.", (0, 0)),
        ("Gunmen opened fire in an attempt to kill the district chief in Nyala.", (0, 0)),
        ("Around 50 relatives of soldiers who died in the war protested in Kyiv.", (0, 0)),
        ("Hundreds rallied in Bamako to demand justice for a student killed by police.", (0, 0)),
        ("Students protesting the killing of a classmate blocked the road in Mandalay.", (0, 0)),
        ("Mourners held a vigil in Goma where a journalist was killed four years ago.", (0, 0)),
        ("Police fired on demonstrators protesting fuel prices in Khartoum, killing two.", (2, 0)),
    ],
)
def test_real_reporting_kinds(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plain 'no casualties' rules out figures carried in from the event's other sentences
        (
            "Two people were injured in Kharkiv on Monday. A drone hit a warehouse in Odesa, "
            "inflicting no casualties.",
            (0, 0),
        ),
        ("Two people were wounded in the morning. No one was hurt in the later strike.", (0, 0)),
        # ... but a partial one does not
        (
            "Two soldiers were killed in an ambush near Menaka. There were no civilian casualties.",
            (2, 0),
        ),
        ("A man was killed and two were hurt. No other casualties were reported.", (1, 2)),
        ("A drone hit Sumy. No one was killed, but three people were wounded.", (0, 3)),
    ],
)
def test_no_casualties_means_none(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject of 'shot and killed X' did the killing: the object is the victim
        ("Two gunmen shot and killed a shopkeeper in Kandahar on Friday.", (1, 0)),
        ("Three masked men stabbed and killed a taxi driver outside the station.", (1, 0)),
        # 'killed 4 villagers, and wounded 9': the comma is no 'Tortured and Killed' list
        (
            "Militants killed 4 villagers, and wounded 9, in a raid on the village on Tuesday.",
            (4, 9),
        ),
        # 'a boy of 12' is an age, not a family of twelve
        ("Raiders abducted and killed a boy of 12 near the river, police said.", (1, 0)),
        ("A girl of 14 years was wounded by a stray bullet in the market.", (0, 1)),
        # headlines keep their passive reading
        ("Four Men Shot and Killed in Raid on Village", (4, 0)),
        ("Two soldiers killed, one wounded in ambush near Gao - army", (2, 1)),
    ],
)
def test_killers_ages_and_lists(nlp, text, expected):
    assert _count(nlp, text) == expected
