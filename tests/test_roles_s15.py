"""Actors of an event, session 15 (events/roles.py, data/events/actors.json): the country of a
generic actor from the regions a text names, ACLED's unknown gang for criminal violence in
Latin America, attribution of responsibility in a later sentence, and the other side of a
transfer of ground or a truce. Every sentence is written by the team; none is taken from an
evaluation item."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.model import Article, Event

PUBLISHED = dt.date(2024, 3, 12)


def _event(pipeline, text: str) -> Event:
    report = pipeline.extract(Article(id="roles-s15", text=text, published=PUBLISHED))
    assert report.events, text
    return report.events[0]


def _roles(pipeline, text: str) -> tuple[str | None, str | None]:
    event = _event(pipeline, text)
    return event.actor1, event.actor2


# --- the country of a generic actor: the region the text names ------------------------------


def test_a_region_of_one_country_gives_generic_actors_their_country(pipeline):
    # no town resolved and no country named: 'Lower Shabelle' is Somalia's
    text = (
        "On Tuesday, unknown gunmen kidnapped two health workers near a village in Lower "
        "Shabelle region."
    )
    assert _roles(pipeline, text) == (
        "Unidentified Armed Group (Somalia)",
        "Civilians (Somalia)",
    )


def test_a_region_outweighs_the_home_of_a_group_active_in_several_countries(pipeline):
    # JNIM is registered in Mali, but it acts in Burkina Faso too: Tapoa says where
    text = "On Thursday, suspected JNIM militants burned the school of Nassougou (Tapoa)."
    assert _event(pipeline, text).actor2 == "Civilians (Burkina Faso)"


def test_a_local_group_without_a_place_still_gives_its_country(pipeline):
    text = (
        "Raia Mutomboki militiamen looted shops and abducted three traders near Shabunda on "
        "Monday."
    )
    assert _roles(pipeline, text) == (
        "Mayi Mayi Militia (Raia Mutomboki)",
        "Civilians (Democratic Republic of Congo)",
    )


# --- ACLED's unknown gang: criminal violence in Mexico, Central America, Brazil ----------------


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Two gunmen riding a motorcycle killed a shopkeeper in Celaya, Guanajuato, on Friday.",
            "Unidentified Gang (Mexico)",
        ),
        # no sign of criminal violence: the unknown armed group
        (
            "Armed men attacked a police patrol near Celaya, Guanajuato, on Friday.",
            "Unidentified Armed Group (Mexico)",
        ),
        # the convention is ACLED's for Latin America and the Caribbean only
        (
            "Two gunmen riding a motorcycle killed a shopkeeper in Peshawar on Friday.",
            "Unidentified Armed Group (Pakistan)",
        ),
    ],
)
def test_criminal_violence_in_latin_america_is_an_unidentified_gang(pipeline, text, actor1):
    assert _event(pipeline, text).actor1 == actor1


# --- who is held responsible, in the next sentence --------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Gunmen killed three farmers near Gwoza on Monday. Police blamed Boko Haram for the "
            "killings.",
            "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
        ),
        (
            "Two soldiers were killed when a roadside bomb went off near Bula Hawo on Tuesday. "
            "The bombing was carried out by Al-Shabaab, officials said.",
            "Al Shabaab",
        ),
        (
            "A shop owner was killed with machetes by unidentified men in Sirajganj on Friday. "
            "Local people said members of the Jubo League were responsible.",
            "Jubo League",
        ),
    ],
)
def test_the_group_held_responsible_is_the_attacker(pipeline, text, actor1):
    assert _event(pipeline, text).actor1 == actor1


def test_who_blames_is_not_the_attacker(pipeline):
    text = "Residents blamed the attack on Boko Haram."
    assert _event(pipeline, text).actor1 == (
        "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"
    )


# --- the structure of the clause --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Islamic State fighters were observed near Qandala and set up a camp in a nearby "
            "village on Friday.",
            "Islamic State Somalia Province",
        ),
        (
            "Al-Shabaab militants were reported in the area and set up a new camp outside "
            "Jilib on Monday.",
            "Al Shabaab",
        ),
    ],
)
def test_an_active_verb_shares_the_subject_of_the_passive_before_it(pipeline, text, actor1):
    assert _event(pipeline, text).actor1 == actor1


def test_a_transfer_of_ground_names_the_side_that_gave_it_up(pipeline):
    text = (
        "Al-Shabaab fighters seized Bulo Marer on Sunday without a fight with government "
        "forces."
    )
    assert _roles(pipeline, text) == ("Al Shabaab", "Military Forces of Somalia")


def test_a_truce_between_two_named_sides_has_both(pipeline):
    text = (
        "The Abgal and Murusade clan militias signed a truce in Adale on Saturday after "
        "weeks of revenge attacks."
    )
    assert _roles(pipeline, text) == (
        "Hawiye-Abgal Sub-Clan Militia (Somalia)",
        "Hawiye-Murusade Sub-Clan Militia (Somalia)",
    )


def test_a_group_known_by_its_own_name(pipeline):
    text = "Children of Fire set a car dealership on fire in Istanbul on Monday."
    assert _event(pipeline, text).actor1 == "Children of Fire"


# --- state forces as the target, rebels named with a force noun, umbrellas ---------------------


def test_government_positions_are_the_state_forces(pipeline):
    text = "Rebels fired mortars at government positions near Kadugli on Sunday."
    assert _roles(pipeline, text) == (
        "Unidentified Armed Group (Sudan)",
        "Military Forces of Sudan",
    )


def test_rebel_forces_are_not_the_state(pipeline):
    text = "Rebel forces attacked an army base near Kidal on Monday."
    assert _roles(pipeline, text) == (
        "Unidentified Armed Group (Mali)",
        "Military Forces of Mali",
    )


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "American soldiers under the command of the Global Coalition carried out an "
            "airstrike on an Islamic State hideout near Deir ez-Zor on Friday.",
            "Global Coalition Against Daesh",
        ),
        (
            "Militiamen under the banner of the Coalition of Patriots for Change looted a "
            "health centre near Bambari on Tuesday.",
            "CPC: Coalition of Patriots for Change",
        ),
    ],
)
def test_a_force_acting_under_a_coalition_is_coded_as_the_coalition(pipeline, text, actor1):
    event = _event(pipeline, text)
    assert event.actor1 == actor1
    assert event.actor2 not in ("Military Forces of the United States", "Unidentified Armed Group")


def test_a_unit_word_outweighs_a_namesake_place_abroad(pipeline):
    # 'Mirpur' alone is read as the town in Pakistan; 'upazila' is Bangladesh's unit, and
    # the text never names Pakistan
    text = (
        "Unknown attackers stabbed a shopkeeper to death at a market of Mirpur upazila on "
        "Sunday."
    )
    assert _roles(pipeline, text) == (
        "Unidentified Armed Group (Bangladesh)",
        "Civilians (Bangladesh)",
    )


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # people named as civilians whom the text identifies as a militia
        (
            "Three herders (believed to be Rizeigat militiamen) raped a woman near Nyala on "
            "Friday.",
            "Rizeigat Ethnic Militia (Sudan)",
        ),
    ],
)
def test_people_named_as_civilians_identified_as_a_militia(pipeline, text, actor1):
    assert _event(pipeline, text).actor1 == actor1


def test_the_crowd_dispersed_is_not_the_other_side_of_a_protest(pipeline):
    # the clause names the crowd as the object ('to scatter the activists') and the
    # police beside it: the police met the protest, the crowd is actor1 itself
    roles = pipeline.coder.roles
    text = "Police fired tear gas to scatter the activists in Khulna on Sunday."
    doc = pipeline.nlp(text)
    sents = list(doc.sents)
    mentions = [roles.registry.find(s, "BD") for s in sents]
    crowd = roles.registry.generic_entry("protesters", "BD")
    e1, e2, _ = roles._fill(
        "Protests", "Protest with intervention", None, crowd, None, mentions[0], doc,
        mentions, 0, "BD",
    )  # fmt: skip
    assert (e1.name, e2.name if e2 else None) == (
        "Protesters (Bangladesh)",
        "Police Forces of Bangladesh",
    )


def test_the_forces_of_two_countries_are_both_sides(pipeline):
    text = (
        "The armed forces of Armenia and Azerbaijan exchanged fire along the border near "
        "Sotk on Tuesday."
    )
    assert _roles(pipeline, text) == (
        "Military Forces of Armenia",
        "Military Forces of Azerbaijan",
    )


def test_a_party_held_responsible_is_the_attacker(pipeline):
    text = (
        "A farmer was shot dead by unknown men near Kushtia on Tuesday. His family said "
        "members of the Jatiya Samajtantrik Dal were responsible."
    )
    assert _event(pipeline, text).actor1 == "JSD: Jatiya Samajtantrik Dal"
