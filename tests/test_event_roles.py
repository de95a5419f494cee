"""Event roles from the sentence's structure (events/roles.py): actor1 is the agent of the
violent predicate, never the one who tells of it; actor2 the target or victims; unknown
perpetrators are an unidentified armed group; a dateline is never a claim's source.
Sentences written by the team in wire-report style."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.model import Article, Report

PUBLISHED = dt.date(2024, 10, 30)


def _report(pipeline, text: str) -> Report:
    return pipeline.extract(Article(id="roles-test", text=text, published=PUBLISHED))


def _roles(pipeline, text: str) -> tuple[str | None, str | None]:
    events = _report(pipeline, text).events
    assert events, text
    return events[0].actor1, events[0].actor2


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # the teller comes first: "according to X" is never the attacker
        (
            "According to the army, five people were killed in an attack by Boko Haram on a "
            "market in Borno state.",
            "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
            "Civilians (Nigeria)",
        ),
        # the "by X" of a nominal, the teller after it
        (
            "At least 12 people were killed in an attack by the Rapid Support Forces on a village "
            "in North Darfur, according to the army.",
            "Rapid Support Forces",
            "Civilians (Sudan)",
        ),
        # "X said" with no agent named: an unknown perpetrator, not the police
        (
            "Police said five villagers were killed in an attack on a market in Zamfara state "
            "on Sunday.",
            "Unidentified Armed Group (Nigeria)",
            "Civilians (Nigeria)",
        ),
    ],
)
def test_the_teller_is_not_the_attacker(pipeline, text, actor1, actor2):
    assert _roles(pipeline, text) == (actor1, actor2)


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # the possessor of the strike; its victims belong to the event's country
        (
            "Russia's strike on Kharkiv killed three civilians, Ukrainian officials said.",
            "Military Forces of Russia",
            "Civilians (Ukraine)",
        ),
        # a country as the subject stands for its forces
        (
            "Israel struck a school in Gaza City on Tuesday, killing 14 people, the Gaza civil "
            "defence agency said.",
            "Military Forces of Israel",
            "Civilians (Palestine)",
        ),
        # the trigger word sits in the teller ('air force'): the agent is in what it says
        (
            "Russia fired 40 drones at Odesa overnight, Ukraine's air force said.",
            "Military Forces of Russia",
            None,
        ),
        # "the army said it ...": the teller is also the agent
        (
            "The army said it killed 20 militants in an air strike near Maiduguri.",
            "Military Forces of Nigeria",
            "Unidentified Armed Group (Nigeria)",
        ),
    ],
)
def test_the_agent_of_the_violent_predicate(pipeline, text, actor1, actor2):
    assert _roles(pipeline, text) == (actor1, actor2)


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        (
            "Two men opened fire on worshippers at a mosque in Kano, killing three.",
            "Unidentified Armed Group (Nigeria)",
            "Civilians (Nigeria)",
        ),
        (
            "Unidentified individuals shot dead a village chief near Tillaberi on Sunday.",
            "Unidentified Armed Group (Niger)",
            "Civilians (Niger)",
        ),
        (
            "A police officer was shot dead by two men on a motorcycle in Peshawar, police said.",
            "Unidentified Armed Group (Pakistan)",
            "Police Forces of Pakistan",
        ),
        # no agent at all in an attack: ACLED's unidentified armed group
        (
            "A roadside bomb killed three civilians near Gao on Tuesday.",
            "Unidentified Armed Group (Mali)",
            "Civilians (Mali)",
        ),
        (
            "Three soldiers were killed when their vehicle hit a landmine near Gao, a military "
            "spokesman said.",
            "Unidentified Armed Group (Mali)",
            "Military Forces of Mali",
        ),
    ],
)
def test_unknown_perpetrators_are_an_unidentified_armed_group(pipeline, text, actor1, actor2):
    assert _roles(pipeline, text) == (actor1, actor2)


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        (
            "Gunmen stormed a village in Zamfara state, killing five civilians.",
            "Unidentified Armed Group (Nigeria)",
            "Civilians (Nigeria)",
        ),
        (
            "Militants attacked a police post in Khyber district on Monday.",
            "Unidentified Armed Group (Pakistan)",
            "Police Forces of Pakistan",
        ),
        # the target of a nominal: 'the shelling of an army base', 'the bombing of a police station'
        (
            "Al Shabaab claimed the shelling of an army base near Jowhar on Sunday.",
            "Al Shabaab",
            "Military Forces of Somalia",
        ),
        (
            "The bombing of a police station in Quetta killed two officers on Monday.",
            "Unidentified Armed Group (Pakistan)",
            "Police Forces of Pakistan",
        ),
        # 'Turkish army soldiers' is one actor, the target, not a generic local army
        (
            "PKK militants carried out a bomb attack targeting Turkish army soldiers near Duhok.",
            "PKK: Kurdistan Workers Party",
            "Military Forces of Turkey",
        ),
    ],
)
def test_actor2_is_the_target_or_the_victims(pipeline, text, actor1, actor2):
    assert _roles(pipeline, text) == (actor1, actor2)


def test_people_who_protest_are_the_protesters_not_a_second_actor(pipeline):
    assert _roles(pipeline, "Hundreds of residents protested in Lagos against fuel prices.") == (
        "Protesters (Nigeria)",
        None,
    )


def test_people_of_the_place_who_attack_are_a_mob(pipeline):
    ev = _report(pipeline, "Villagers in Kotido shot dead two suspected cattle rustlers on Sunday.")
    ev = ev.events[0]
    assert (ev.sub_event_type, ev.actor1) == ("Mob violence", "Rioters (Uganda)")


def test_foreign_forces_named_by_the_registry_are_external(pipeline):
    ev = _report(
        pipeline, "Israeli military forces shelled a Hamas post in Gaza City on Tuesday."
    ).events[0]
    assert (ev.actor1, ev.inter1, ev.actor2) == ("Military Forces of Israel", 8, "Hamas Movement")


def test_the_context_actor_is_not_the_teller_of_the_sentence_before(pipeline):
    text = (
        "Militants have been active near Mopti for weeks, the army said. "
        "On Tuesday a convoy was ambushed near Sevare, killing four soldiers."
    )
    events = _report(pipeline, text).events
    assert [(e.actor1, e.actor2) for e in events] == [
        ("Unidentified Armed Group (Mali)", "Military Forces of Mali")
    ]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "KHARTOUM, Oct 30 (Reuters) - Sudan's army says it has retaken a key bridge over "
            "the Nile.",
            "Sudan's army",
        ),
        (
            "KYIV, Ukraine (Reuters) - Ukraine's military says Russian forces shelled Kherson "
            "overnight.",
            "Ukraine's military",
        ),
    ],
)
def test_a_dateline_is_never_a_claims_source(pipeline, text, source):
    claims = _report(pipeline, text).claims
    assert [c.source.text for c in claims] == [source]


@pytest.mark.parametrize(
    "text, attacker",
    [
        (
            "Russian troops attacked Ukrainian soldiers near Vuhledar on Monday. On Tuesday, a "
            "drone hit a supply truck outside the town, killing two people.",
            "Military Forces of Russia",
        ),
        (
            "Al Shabaab fighters ambushed a Somali army convoy near Baidoa on Sunday. On Monday, "
            "a roadside bomb struck a minibus on the same road, killing five passengers.",
            "Al Shabaab",
        ),
    ],
)
def test_an_attack_told_without_its_agent_takes_the_agent_before_it(pipeline, text, attacker):
    # the sentence before names the attacker first and its target after: the target is not
    # the one who struck next
    events = _report(pipeline, text).events
    assert len(events) == 2
    assert events[1].actor1 == attacker
