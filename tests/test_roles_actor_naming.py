"""Who the actor is, named as ACLED names it (issue 15, actor1 on real reporting): a label
before a colon is no actor and its clause tells the event; unknown gunmen the text names are
that group and no second actor; a group the registry names heads the force noun after it;
party supporters who protest are protesters with their party as associate, and arrested party
members are civilians; a generic actor takes its country from the text's other words when the
place is unknown. The tellers of an attribution stay out of it. Every sentence is written by
the team."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.model import Article, Event

PUBLISHED = dt.date(2024, 6, 10)


def _event(pipeline, text: str) -> Event:
    report = pipeline.extract(Article(id="roles-naming", text=text, published=PUBLISHED))
    assert report.events, text
    return report.events[0]


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # the label's 'forces' is no actor: the group in the clause after it is
        (
            "Security forces on alert: Al Shabaab fighters attacked a checkpoint near Jowhar on "
            "Sunday.",
            "Al Shabaab",
        ),
        # the label names the event; the clause after it says who did it
        (
            "Shelling: eight civilians were killed in Russian shelling of Kherson on Sunday, the "
            "regional governor said.",
            "Military Forces of Russia",
        ),
    ],
)
def test_a_label_before_a_colon_is_no_actor(pipeline, text, actor1):
    assert _event(pipeline, text).actor1 == actor1


def test_the_teller_stays_out_after_a_label(pipeline):
    event = _event(
        pipeline,
        "Attack on a convoy: eight soldiers were killed in an ambush by JNIM militants near "
        "Djibo, according to the army.",
    )
    assert event.actor1 == "JNIM: Group for Support of Islam and Muslims"
    assert event.actor2 == "Military Forces of Burkina Faso"


def test_party_supporters_who_protest_are_protesters_with_their_party(pipeline):
    event = _event(
        pipeline,
        "Hundreds of BNP supporters staged a rally in Bogra on Sunday demanding the release of "
        "their leaders.",
    )
    assert event.actor1 == "Protesters (Bangladesh)"
    assert event.assoc_actor_1 == "BNP: Bangladesh Nationalist Party"


def test_arrested_party_activists_are_civilians(pipeline):
    event = _event(pipeline, "Police arrested 40 Jamaat activists in Rajshahi on Monday.")
    assert event.sub_event_type == "Arrests"
    assert event.actor2 == "Civilians (Bangladesh)"


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # an administrative unit only one country has (the village is in no gazetteer)
        (
            "Unidentified gunmen shot dead a union council member in Bhoraghat village of "
            "Kalmapur upazila on Friday.",
            "Unidentified Armed Group (Bangladesh)",
            "Civilians (Bangladesh)",
        ),
        # a demonym on the source says whose country it is, though the source is no actor
        (
            "Unknown gunmen abducted a teacher on Monday, a Lebanese security source said.",
            "Unidentified Armed Group (Lebanon)",
            "Civilians (Lebanon)",
        ),
    ],
)
def test_a_generic_actor_takes_the_country_the_text_points_to(pipeline, text, actor1, actor2):
    event = _event(pipeline, text)
    assert (event.actor1, event.actor2) == (actor1, actor2)


def test_clan_militias_are_named_by_their_line_of_descent(pipeline):
    event = _event(
        pipeline,
        "Clan fighting: Habar Jeclo and Habar Yoonis clan militias clashed near Ceel Afweyn on "
        "Monday, elders said.",
    )
    assert event.actor1 == "Isaaq-Habar Jeclo Sub-Clan Militia (Somalia)"
    assert event.actor2 == "Isaaq-Habar Yoonis Sub-Clan Militia (Somalia)"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Houthi fighters shelled a village near Taiz on Monday.",
         "Military Forces of Yemen (2016-) Supreme Political Council"),
        ("PKK forces attacked an army base in Hakkari on Monday.", "PKK: Kurdistan Workers Party"),
    ],
)  # fmt: skip
def test_a_named_group_heads_the_force_noun_after_it(pipeline, text, actor1):
    assert _event(pipeline, text).actor1 == actor1


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Gunmen (believed to be Al Shabaab fighters) fired mortars at Afgoye on Sunday.",
            "Al Shabaab",
        ),
        (
            "Armed men (presumed JNIM militants) fired rockets at a base near Djibo on Tuesday.",
            "JNIM: Group for Support of Islam and Muslims",
        ),
    ],
)
def test_gunmen_a_bracket_names_are_no_second_actor(pipeline, text, actor1):
    # who the gunmen were is actor1; the gunmen are not the other side as well
    event = _event(pipeline, text)
    assert event.actor1 == actor1
    assert event.actor2 is None
