"""actor1 and actor2 by ACLED's conventions where the sentence alone does not say them
(events/roles.py, data/events/actors.json): who lost ground, who owned what was seized,
the police that met a protest, rioters on both sides of a mob clash, the civilians of an
attack, a demonym on a shot-down weapon, communities' militias and the registry's groups.
Sentences written by the team in wire-report style."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.model import Article

PUBLISHED = dt.date(2024, 10, 30)


def _roles(pipeline, text: str) -> tuple[str | None, str | None]:
    article = Article(id="roles-acled-more-test", text=text, published=PUBLISHED)
    events = pipeline.extract(article).events
    assert events, text
    return events[0].actor1, events[0].actor2


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        # 'took control of X from Y': who held the ground is actor2
        (
            "Government troops took control of the village of Jameeco near Jowhar from Al "
            "Shabaab on Sunday without a fight.",
            "Al Shabaab",
        ),
        # a non-state actor that takes ground without a named loser takes it from the state
        (
            "M23 rebels took control of the town of Kiwanja on Tuesday.",
            "Military Forces of the Democratic Republic of Congo",
        ),
        # 'X and Y attacked Z and took ...': Y is X's associate, Z the other side
        (
            "Government forces and allied clan militia attacked Al Shabaab fighters in a village "
            "near Jowhar and took control of it.",
            "Al Shabaab",
        ),
    ],
)
def test_territory_is_taken_from_the_other_side(pipeline, text, actor2):
    assert _roles(pipeline, text)[1] == actor2


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        # the owner of what was defused or seized
        (
            "Soldiers defused two IEDs planted by Al Shabaab near the village of Balcad.",
            "Al Shabaab",
        ),
        (
            "Police seized rifles belonging to the PKK in Mus province.",
            "PKK: Kurdistan Workers Party",
        ),
        # a demonym before a model's name still names the side whose drone it was
        (
            "Ukrainian air defence units shot down a Russian Orlan-10 reconnaissance drone over "
            "Kharkiv region on Monday.",
            "Military Forces of Russia",
        ),
        # 'IS' in capitals is the Islamic State, by its branch in the event's country
        ("Iraqi troops defused an IS car bomb near Rutba on Sunday.", "Islamic State (Iraq)"),
    ],
)
def test_whose_weapons_were_disrupted(pipeline, text, actor2):
    assert _roles(pipeline, text)[1] == actor2


def test_security_forces_meeting_a_protest_are_police(pipeline):
    text = (
        "Hundreds of people marched in Omdurman against the coup. Security forces fired tear "
        "gas to disperse the crowd."
    )
    assert _roles(pipeline, text) == ("Protesters (Sudan)", "Police Forces of Sudan")


def test_rioters_on_both_sides_of_a_mob_clash(pipeline):
    text = (
        "Two rival groups of villagers clashed with each other over a land dispute in Savar "
        "upazila of Dhaka district, injuring 15 people."
    )
    assert _roles(pipeline, text) == ("Rioters (Bangladesh)", "Rioters (Bangladesh)")


def test_a_mob_beating_has_civilian_victims(pipeline):
    text = "A mob beat a suspected thief to death in Savar upazila of Dhaka district on Sunday."
    assert _roles(pipeline, text) == ("Rioters (Bangladesh)", "Civilians (Bangladesh)")


def test_the_victims_of_an_attack_are_civilians(pipeline):
    # 'police informer' names the police, but the victim of the attack is a civilian
    text = (
        "Maoist rebels shot dead a villager in Dantewada district of Chhattisgarh on suspicion "
        "of being a police informer."
    )
    assert _roles(pipeline, text) == ("Naxal-Maoist Rebels (India)", "Civilians (India)")


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Suspected Fulani militiamen raided the village of Kwall in Bassa LGA on Sunday, "
            "killing six people.",
            "Fulani Ethnic Militia (Nigeria)",
        ),
        (
            "A Zamfara militia attacked farmers near Anka on Monday, killing two.",
            "Zamfara Communal Militia (Nigeria)",
        ),
        (
            "Rizeigat tribesmen clashed with Masalit fighters near Geneina, leaving ten dead.",
            "Rizeigat Ethnic Militia (Sudan)",
        ),
    ],
)
def test_a_community_named_before_militiamen_is_an_identity_militia(pipeline, text, actor1):
    assert _roles(pipeline, text)[0] == actor1


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # the National Guard of the event's country, not Ukraine's
        (
            "The National Guard detained 40 migrants near Tapachula in Chiapas on Friday.",
            "Military Forces of Mexico",
        ),
        (
            "Suspected Maoists torched three vehicles at a road construction site in Dantewada "
            "district on Monday.",
            "Naxal-Maoist Rebels (India)",
        ),
        (
            "IPOB gunmen set fire to a police station in Orlu, Imo state, on Tuesday.",
            "IPOB: Indigenous Peoples of Biafra",
        ),
    ],
)
def test_registry_groups_and_the_national_guard(pipeline, text, actor1):
    assert _roles(pipeline, text)[0] == actor1
