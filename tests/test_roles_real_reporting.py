"""Roles on real reporting (issue 15, failure kind 1): who attacked is read from the
sentence's structure and from what the article said before it, never from who told of it.
Each case states one general pattern of wire and monitor reporting; the sentences are
written by the team."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.model import Article, Event

PUBLISHED = dt.date(2024, 6, 10)


def _events(pipeline, text: str) -> list[Event]:
    report = pipeline.extract(Article(id="roles-real", text=text, published=PUBLISHED))
    assert report.events, text
    return report.events


def _roles(pipeline, text: str) -> tuple[str | None, str | None]:
    event = _events(pipeline, text)[0]
    return event.actor1, event.actor2


def _at(pipeline, text: str, place: str) -> Event:
    found = [e for e in _events(pipeline, text) if e.location and place in e.location]
    assert found, (place, text)
    return found[0]


def test_a_definite_attacker_is_the_group_named_before(pipeline):
    text = (
        "Suspected ADF rebels raided two villages in Beni territory on Friday night, local "
        "officials said.\n\nIn Masala, the attackers killed 27 people with machetes and guns."
    )
    assert _at(pipeline, text, "Masala").actor1 == "ADF: Allied Democratic Forces"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # an apposition says who the gunmen were
        (
            "Gunmen, believed to be Al Shabaab fighters, stormed a hotel in Kismayo on "
            "Saturday, killing nine people.",
            "Al Shabaab",
        ),
        # so does a bracket after them
        (
            "Armed men (presumed JNIM militants) abducted a nurse near Djibo on Tuesday.",
            "JNIM: Group for Support of Islam and Muslims",
        ),
    ],
)
def test_what_the_text_says_of_unknown_attackers_names_them(pipeline, text, actor1):
    assert _roles(pipeline, text)[0] == actor1


def test_an_armed_group_that_claims_an_unnamed_attack_is_its_agent(pipeline):
    text = (
        "Fighters ambushed an army convoy near Kyauktaw on Monday, killing seven soldiers, "
        "the Arakan Army claimed."
    )
    assert _roles(pipeline, text)[0] == "ULA/AA: United League of Arakan/Arakan Army"


def test_a_short_name_the_article_defines_stands_for_the_group(pipeline):
    text = (
        "Myanmar's military bombed a village near Monywa on Monday, residents and the local "
        "People's Defense Force (PDF) said.\n\n"
        "Resistance fighters ambushed a junta convoy near Kalemyo on Tuesday, killing at least "
        "seven soldiers, the PDF claimed."
    )
    assert _at(pipeline, text, "Kalemyo").actor1 == "PDF: People's Defense Force"


def test_its_drones_are_the_tellers_own(pipeline):
    text = (
        "The army said its drones had destroyed a militant base near Djibo on Monday, "
        "killing more than 30 fighters."
    )
    assert _roles(pipeline, text)[0] == "Military Forces of Burkina Faso"


def test_government_shelling_is_the_state_forces_of_the_place(pipeline):
    text = "Government shelling of the town of Sarmin on Wednesday killed two children."
    assert _roles(pipeline, text) == ("Military Forces of Syria", "Civilians (Syria)")


def test_a_strike_told_without_agent_takes_the_demonym_of_the_strike_before(pipeline):
    text = (
        "An Israeli drone fired on a group of residents in Jabalia on Monday, killing four. "
        "A strike on a tent in Khan Yunis later killed a woman and her two daughters."
    )
    assert _at(pipeline, text, "Khān Yūnis").actor1 == "Military Forces of Israel"


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        (
            "Afghan forces repelled an attack by Taliban militants on a checkpoint in Kunduz "
            "province on Monday, killing five.",
            "Taliban",
            "Military Forces of Afghanistan",
        ),
        (
            "Ukrainian soldiers repelled a Russian assault near Vovchansk on Saturday, "
            "destroying two tanks.",
            "Military Forces of Russia",
            "Military Forces of Ukraine",
        ),
    ],
)
def test_who_repelled_an_attack_is_actor2(pipeline, text, actor1, actor2):
    assert _roles(pipeline, text) == (actor1, actor2)


def test_the_forces_that_were_hit_are_actor2_not_the_attacker(pipeline):
    text = "Soldiers stationed in a plantation near Myingyan were attacked with mines on Sunday."
    assert _roles(pipeline, text) == (
        "Unidentified Armed Group (Myanmar)",
        "Military Forces of Myanmar",
    )


def test_a_group_the_registry_lacks_keeps_the_name_the_text_gives(pipeline):
    text = (
        "In Ye town, the Mon State Revolutionary Union carried out a mine attack on the "
        "municipal office on Wednesday."
    )
    assert _roles(pipeline, text)[0] == "Mon State Revolutionary Union"


def test_two_sides_that_clashed_keep_the_order_of_the_text(pipeline):
    text = (
        "Awlad Rashid and Misseriya ethnic militias clashed in South Darfur on Wednesday, "
        "killing 48."
    )
    assert _roles(pipeline, text) == (
        "Awlad Rashid Ethnic Militia (Sudan)",
        "Misseriya Ethnic Militia (Sudan)",
    )


def test_the_islamic_state_is_named_by_its_branch_in_the_country(pipeline):
    text = "Islamic State militants killed four soldiers in an ambush near Kirkuk on Sunday."
    assert _roles(pipeline, text)[0] == "Islamic State (Iraq)"


def test_without_a_place_the_country_is_the_home_of_the_group_named(pipeline):
    text = "Al Shabaab fighters abducted two elders on Monday, residents said."
    assert _roles(pipeline, text) == ("Al Shabaab", "Civilians (Somalia)")


def test_some_of_the_attackers_were_hit_so_they_are_not_the_agent(pipeline):
    """'troops killed 15 of the attackers': the attackers of this sentence were hit; the
    attack told after it belongs to the group named before."""
    roles, registry = pipeline.coder.roles, pipeline.coder.registry
    doc = pipeline.nlp(
        "Al Shabaab fighters attacked a base near Jowhar on Sunday. Troops killed 15 of the "
        "attackers. A car bomb then exploded at the gate."
    )
    mentions = [registry.find(s, "SO") for s in doc.sents]
    got = roles.context_actor(doc, mentions, 2, exclude="Military Forces of Somalia", country="SO")
    assert got is not None and got.name == "Al Shabaab"
