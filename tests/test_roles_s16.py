"""Who did it and to whom (events/roles.py, data/events/actors.json "roles"), session 16: each
case states one general pattern of conflict reporting, in sentences written by the team; none
is taken from an evaluation item."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.model import Article, Event

PUBLISHED = dt.date(2024, 3, 12)


def _event(pipeline, text: str) -> Event:
    report = pipeline.extract(Article(id="roles-s16", text=text, published=PUBLISHED))
    assert report.events, text
    return report.events[0]


# --- an agreement is between the groups the text named, not their spokesmen -----------------


def test_an_agreement_told_of_the_elders_is_between_the_groups_named_before(pipeline):
    text = (
        "On 3 March, Abgaal and Murusade clan militias met in Warsheikh town. The elders of the "
        "two clans reached a deal to end the feud over grazing land."
    )
    event = _event(pipeline, text)
    assert event.sub_event_type == "Agreement"
    assert event.actor1 == "Hawiye-Abgal Sub-Clan Militia (Somalia)"
    assert event.actor2 == "Hawiye-Murusade Sub-Clan Militia (Somalia)"


# --- people away from home are civilians of their nationality, or 'International' ----------


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        (
            "On 4 March, police forces detained 27 migrants who had entered the country "
            "illegally during an operation in Van, Turkey.",
            "Civilians (International)",
        ),
        (
            "On 4 March, Turkish police detained 12 Afghan migrants in Van, Turkey.",
            "Civilians (Afghanistan)",
        ),
        (
            "On 4 March, the coast guard detained 31 migrants off the coast of Izmir, Turkey. "
            "The migrants were from Syria and Iraq.",
            "Civilians (Syria)",
        ),
    ],
)
def test_migrants_are_not_civilians_of_the_country_they_are_in(pipeline, text, actor2):
    assert _event(pipeline, text).actor2 == actor2


def test_local_civilians_stay_civilians_of_the_country(pipeline):
    text = "On 4 March, police forces detained 27 farmers during an operation in Van, Turkey."
    assert _event(pipeline, text).actor2 == "Civilians (Turkey)"


def test_refugees_of_two_nationalities_take_the_one_of_those_attacked(pipeline):
    text = (
        "On 6 May, South Sudanese refugees attacked Burundian refugees in Kakuma camp, "
        "injuring six."
    )
    assert _event(pipeline, text).actor2 == "Civilians (Burundi)"


# --- who laid a device, told in a passive sentence after the blast ---------------------------


def test_the_device_planted_by_a_group_in_the_next_sentence_names_the_agent(pipeline):
    text = (
        "On 9 July, a bus struck a landmine near Djibo, killing three passengers. The mine was "
        "likely planted by JNIM militants."
    )
    assert _event(pipeline, text).actor1 == "JNIM: Group for Support of Islam and Muslims"


def test_a_device_planted_by_one_of_two_groups_is_their_joint_actor(pipeline):
    text = (
        "On 9 July, a tricycle struck an IED near Djibo, killing two traders. The device was "
        "likely planted by JNIM or ISGS militants."
    )
    assert _event(pipeline, text).actor1 == (
        "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)"
    )


def test_who_condemned_an_attack_did_not_carry_it_out(pipeline):
    text = (
        "On 9 July, an IED exploded near Djibo, killing three passengers. The attack was "
        "condemned by the army."
    )
    assert _event(pipeline, text).actor1 == "Unidentified Armed Group (Burkina Faso)"


# --- whoever runs into a mine suffers it ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        (
            "On 12 August, a military vehicle struck a landmine near Djibo, killing two soldiers.",
            "Unidentified Armed Group (Burkina Faso)",
            "Military Forces of Burkina Faso",
        ),
        (
            "On 12 August, a Malian army truck hit an IED likely planted by JNIM militants "
            "near Boni, wounding four soldiers.",
            "JNIM: Group for Support of Islam and Muslims",
            "Military Forces of Mali",
        ),
    ],
)
def test_the_side_whose_vehicle_struck_a_mine_is_actor2(pipeline, text, actor1, actor2):
    event = _event(pipeline, text)
    assert (event.actor1, event.actor2) == (actor1, actor2)


def test_a_group_that_laid_a_mine_an_army_patrol_hit_is_still_the_agent(pipeline):
    text = "On 12 August, JNIM militants planted an IED that hit an army patrol near Djibo."
    assert _event(pipeline, text).actor1 == "JNIM: Group for Support of Islam and Muslims"


# --- an acronym on a word for fighters names the group ---------------------------------------


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "On 3 May, MKP militants fired on a police patrol near Tunceli, injuring two officers.",
            "MKP",
        ),
        ("On 3 May, HBDH militants attacked a group of police officers in Diyarbakir.", "HBDH"),
        (
            "On 9 July, suspected FPIC fighters attacked the village of Bunia, killing four "
            "civilians.",
            "FPIC",
        ),
    ],
)
def test_an_acronym_before_fighters_names_their_group(pipeline, text, actor1):
    assert _event(pipeline, text).actor1 == actor1


def test_an_acronym_that_names_no_group_leaves_the_gunmen_unidentified(pipeline):
    text = "On 9 July, IDP gunmen attacked a camp near Goma, killing two residents."
    assert _event(pipeline, text).actor1.startswith("Unidentified Armed Group")


# --- a device that went off in its handlers' hands ---------------------------------------------


def test_a_group_hurt_by_its_own_mine_is_actor1_with_no_actor2(pipeline):
    text = (
        "On 3 April, three Taliban fighters were killed when the landmine they were planting "
        "exploded prematurely near Kandahar."
    )
    event = _event(pipeline, text)
    assert event.sub_event_type == "Disrupted weapons use"
    assert (event.actor1, event.actor2) == ("Taliban", None)


def test_weapons_seized_from_a_group_stay_the_seizers_act(pipeline):
    text = "On 3 April, police seized a cache of Taliban weapons near Kandahar."
    event = _event(pipeline, text)
    assert (event.actor1, event.actor2) == ("Police Forces of Afghanistan", "Taliban")
