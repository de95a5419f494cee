"""Actor naming, round 2 (events/roles.py, events/actors.py, data/events/actors.json): each case
states one general pattern of conflict reporting in sentences written by the team; none is
taken from an evaluation item."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.model import Article, Event

PUBLISHED = dt.date(2024, 3, 12)


def _event(pipeline, text: str) -> Event:
    report = pipeline.extract(Article(id="roles-r2", text=text, published=PUBLISHED))
    assert report.events, text
    return report.events[0]


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        (
            "On Saturday, Somali army troops took control of the town of Elbur after Al "
            "Shabaab fighters withdrew overnight, residents said.",
            "Military Forces of Somalia",
            "Al Shabaab",
        ),
        (
            "Ukrainian forces entered the village of Klishchiivka on Monday after Russian "
            "troops left their positions without a fight.",
            "Military Forces of Ukraine",
            "Military Forces of Russia",
        ),
        (
            "Government troops took over a hilltop outpost near Beledweyne on Sunday after Al "
            "Shabaab fighters abandoned it and fled south.",
            "Military Forces of Somalia",
            "Al Shabaab",
        ),
    ],
)
def test_the_side_that_moves_in_after_a_withdrawal_is_actor1(pipeline, text, actor1, actor2):
    # 'X took the town after Y withdrew': X gained the ground (ACLED's actor1 of a transfer
    # of territory), Y left it; the withdrawal's subject is not the agent of the takeover
    event = _event(pipeline, text)
    assert (event.actor1, event.actor2) == (actor1, actor2)


def test_people_fleeing_after_a_withdrawal_are_no_takers(pipeline):
    # only an armed side moving in takes the main verb's subject as actor1
    text = "Residents fled the town of Kutum on Friday after the army pulled out of the area."
    report = pipeline.extract(Article(id="roles-r2", text=text, published=PUBLISHED))
    assert all(
        e.actor1 != "Civilians (Sudan)"
        or e.sub_event_type
        not in (
            "Non-violent transfer of territory",
            "Non-state actor overtakes territory",
            "Government regains territory",
        )
        for e in report.events
    )


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "A regional party official was arrested in Kumasi on Tuesday over an assault on "
            "a journalist.",
            "Police Forces of Ghana",
        ),
        (
            # the detained include former fighters: they are those arrested, not arresters
            "Regime forces launched a search campaign in the town of Inkhil in Daraa on "
            "Sunday. During the raid, eight men were arrested including three former "
            "opposition fighters, and were taken to Damascus.",
            "Military Forces of Syria",
        ),
    ],
)
def test_an_arrest_with_no_agent_is_made_by_state_forces(pipeline, text, actor1):
    # ACLED: arrests are made by state forces; a passive arrest with no agent is the
    # state forces named just before, else the police of the place
    events = [
        e
        for e in pipeline.extract(Article(id="roles-r2", text=text, published=PUBLISHED)).events
        if e.sub_event_type == "Arrests"
    ]
    assert events, text
    assert all(e.actor1 == actor1 for e in events)


JOINT = "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)"


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, suspected ISGS or JNIM militants burned a health centre in Tankoualou, "
        "Gourma province.",
        "A bus struck a landmine near Fada N'Gourma on Monday, killing four passengers; the "
        "device was likely laid by JNIM or ISGS fighters.",
        "On Monday, suspected JNIM and/or ISGS militants burned a health centre in "
        "Tankoualou, Gourma province.",
    ],
)
def test_either_of_two_named_groups_is_the_joint_actor_in_acled_order(pipeline, text):
    # 'X or Y militants': the text cannot tell which group acted; ACLED codes one joint
    # actor and names JNIM first whatever the text's order
    assert _event(pipeline, text).actor1 == JOINT


def test_a_group_named_on_the_agent_noun_is_the_agent(pipeline):
    # 'suspected X (Y) militants': the group the noun's modifiers name, not an unknown one
    text = (
        "On Thursday, suspected Katiba Macina (JNIM) militants kidnapped a village chief near "
        "Djenne in the Mopti region."
    )
    assert _event(pipeline, text).actor1 == "JNIM: Group for Support of Islam and Muslims"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "On Friday, armed men raped two women near Mukjar, Central Darfur.",
            "Darfur Communal Militia (Sudan)",
        ),
        (
            "Militiamen looted a market near Kutum in North Darfur on Friday.",
            "Darfur Communal Militia (Sudan)",
        ),
        # an unknown perpetrator the text calls so stays unknown
        (
            "Unidentified gunmen shot dead a trader near Kutum in North Darfur on Friday.",
            "Unidentified Armed Group (Sudan)",
        ),
        # elsewhere in Sudan the region's convention does not hold
        (
            "Militiamen looted a market near Kosti, White Nile state, on Friday.",
            "Unidentified Armed Group (Sudan)",
        ),
    ],
)
def test_unnamed_militiamen_in_darfur_are_its_communal_militia(pipeline, text, actor1):
    # ACLED names armed men the text leaves unnamed in Darfur the region's communal militia
    assert _event(pipeline, text).actor1 == actor1
