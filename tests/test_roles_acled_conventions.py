"""ACLED's conventions for who acts and who is acted on (events/roles.py, events/actors.py,
data/events/actors.json): each case states one general pattern of conflict reporting, in
sentences written by the team; none is taken from an evaluation item."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.model import Article, Event

PUBLISHED = dt.date(2024, 3, 12)


def _event(pipeline, text: str) -> Event:
    report = pipeline.extract(Article(id="roles-acled", text=text, published=PUBLISHED))
    assert report.events, text
    return report.events[0]


def _roles(pipeline, text: str) -> tuple[str | None, str | None]:
    event = _event(pipeline, text)
    return event.actor1, event.actor2


def test_an_attack_given_to_one_of_two_groups_is_the_joint_actor(pipeline):
    # 'X and/or Y militants': ACLED names both, in the text's order
    text = "On Monday, suspected JNIM and/or ISGS militants abducted a nurse near Djibo."
    assert _event(pipeline, text).actor1 == (
        "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)"
    )


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Fighters of the Islamic State in the Greater Sahara killed four herders near "
            "Tessit on Sunday.",
            "Islamic State (Greater Sahara)",
        ),
        (
            "IS Sahel fighters killed four herders near Tessit on Sunday.",
            "Islamic State (Sahel)",
        ),
    ],
)
def test_a_group_is_named_by_the_name_the_text_uses(pipeline, text, actor1):
    assert _event(pipeline, text).actor1 == actor1


def test_who_was_seen_or_sent_is_the_actor_not_a_target(pipeline):
    text = "On Monday, dozens of Al Shabaab fighters were seen patrolling near the town of Jowhar."
    assert _event(pipeline, text).actor1 == "Al Shabaab"


@pytest.mark.parametrize(
    "text",
    [
        "Four Al Shabaab fighters surrendered to the Somali army in Baidoa on Monday.",
        "Three Somali soldiers surrendered to Al Shabaab near Jowhar on Monday.",
    ],
)
def test_in_a_surrender_the_state_forces_are_actor1(pipeline, text):
    event = _event(pipeline, text)
    assert event.sub_event_type == "Agreement"
    assert (event.actor1, event.actor2) == ("Military Forces of Somalia", "Al Shabaab")


def test_the_force_that_met_a_protest_in_the_next_sentence_is_actor2(pipeline):
    text = (
        "Hundreds of garment workers protested over unpaid wages in Gazipur on Monday. "
        "Police fired tear gas to disperse the crowd."
    )
    assert _roles(pipeline, text) == ("Protesters (Bangladesh)", "Police Forces of Bangladesh")


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        # those arrested, named by no actor word, are civilians
        (
            "Police arrested three suspected smugglers in Chittagong on Sunday.",
            "Civilians (Bangladesh)",
        ),
        # the owners of looted property are civilians
        (
            "Rebels burned ten houses in the village of Kido in Ituri province on Sunday.",
            "Civilians (Democratic Republic of Congo)",
        ),
    ],
)
def test_acled_default_actor2_by_sub_event_type(pipeline, text, actor2):
    assert _event(pipeline, text).actor2 == actor2


def test_people_named_with_a_demonym_keep_their_country(pipeline):
    text = "Mexican soldiers detained 35 Cuban migrants near Xpujil, Campeche, on Friday."
    assert _event(pipeline, text).actor2 == "Civilians (Cuba)"


def test_a_demonym_on_the_weapons_hit_names_actor2(pipeline):
    text = "Ukrainian air defence forces shot down three Russian missiles over Odesa overnight."
    assert _roles(pipeline, text) == ("Military Forces of Ukraine", "Military Forces of Russia")


def test_a_government_that_acts_without_violence_is_the_government(pipeline):
    text = "The Afghan government released 67 Taliban prisoners from a prison in Bagram on Sunday."
    assert _event(pipeline, text).actor1 == "Government of Afghanistan"


def test_a_claim_of_responsibility_in_the_next_sentence_names_the_attacker(pipeline):
    text = (
        "A suicide bomber blew himself up at a police checkpoint in Mogadishu on Tuesday, "
        "killing four officers. Al Shabaab claimed responsibility for the attack."
    )
    assert _event(pipeline, text).actor1 == "Al Shabaab"


def test_a_definite_attacker_is_the_group_named_earlier_in_the_sentence(pipeline):
    text = (
        "Suspected JNIM militants raided the village of Pobe-Mengao on Saturday, where the "
        "militants executed eleven men."
    )
    assert _event(pipeline, text).actor1 == "JNIM: Group for Support of Islam and Muslims"


def test_nouns_after_a_bracketed_short_name_belong_to_the_named_force(pipeline):
    text = (
        "Southwest Special Police Forces (SWSPF) troops set up a base in the village of "
        "Burjeedka near Baidoa on Monday."
    )
    assert _event(pipeline, text).actor1 == "Police Forces of Somalia"
