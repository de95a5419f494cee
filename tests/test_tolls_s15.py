"""Tolls bound to the right victims and the right event (issue 15, fifteenth session).

- Figures in different sentences that count different sides (soldiers, then the attackers)
  are separate groups of dead and add up; reports of one side's dead, rival named sources
  and stacked headlines still conflict, and the lowest wins.
- A sentence that says its attack harmed no one ('inflicting no casualties') tells another
  attack than the deadly one before it; it does not wipe that attack's toll.
- A victim whose killing is told by the second of two verbs ('was stabbed and shot dead',
  'reported to be tortured and killed') is counted; a bracketed breakdown in square brackets
  adds no one; a range in a verb's object keeps its lower bound; plants are never casualties.

Every text here is written by the frontwire team.
"""

from __future__ import annotations

import datetime as dt

import pytest

from casualty_counts import count_text
from frame_reports import PUB, violent_events, wire_report


def _count(nlp, text: str) -> tuple[int, int]:
    return count_text(nlp, text, published=dt.date(2025, 3, 4))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one side, then the other side, in the next sentence: both are the event's dead
        (
            "Insurgents stormed a police post outside Bama on Friday, killing six officers, "
            "a local official said. He said the police had killed nine of the attackers.",
            (15, 0),
        ),
        (
            "Four soldiers were killed when militants ambushed a convoy near Kidal. The army "
            "said its troops killed 11 militants in the fighting that followed.",
            (15, 0),
        ),
        # the attackers' claim about the other side adds to the militants' own dead ...
        (
            "More than 8 militants died in the assault on the base at Bulo Mareer. The group "
            "claimed to have killed 30 soldiers.",
            (38, 0),
        ),
        # ... but a claim about the same side's dead is a rival report: the lowest
        (
            "Gunmen attacked a garrison near Diffa, killing five soldiers, officers said. The "
            "group later claimed to have killed 25 soldiers.",
            (5, 0),
        ),
        # two named sources, whatever they count: rival reports
        (
            "The monitoring group said 14 fighters were killed in the clash. The defence "
            "ministry said only 3 soldiers had died.",
            (3, 0),
        ),
        # people of no known side conflict as before
        (
            "Shelling killed seven people in Avdiivka, the governor said. Local media said "
            "four civilians had been killed.",
            (4, 0),
        ),
    ],
)
def test_tolls_of_different_sides_in_different_sentences_add_up(nlp, text, expected):
    assert _count(nlp, text) == expected


def test_stacked_headlines_of_each_sides_losses_do_not_add(nlp):
    # two wire headlines, each the report of one side: rival reports, not one story
    text = (
        "Two Ukrainian soldiers killed in rebel shelling: Kyiv military.\n"
        "Three rebel fighters killed over past day, separatists say."
    )
    assert _count(nlp, text) == (2, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 3 June, a party activist was stabbed and shot dead by masked men in Khulna.", 1),
        ("A trader was beaten and hacked to death by a mob in the market of Bogura.", 1),
        (
            "A farmer was reported to be tortured and killed by militiamen while held at "
            "their camp near Bunia.",
            1,
        ),
        # other people in the second clause: counted as themselves
        ("One man was arrested and two were killed in the raid on the camp.", 2),
    ],
)
def test_a_killing_told_by_the_second_of_two_verbs_counts(nlp, text, expected):
    assert _count(nlp, text)[0] == expected


def test_a_breakdown_in_square_brackets_adds_no_one(nlp):
    text = "A mortar round killed a civilian [a boy of 12] and wounded four others in Gao."
    assert _count(nlp, text) == (1, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A roadside bomb killed 1-2 police officers and injured 3 near Lashkar Gah.", (1, 3)),
        ("Airstrikes killed 10-15 fighters in the hills east of Tora Bora.", (10, 0)),
    ],
)
def test_a_range_before_the_counted_noun_keeps_its_lower_bound(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Settlers cut down 40 olive trees belonging to farmers from Qaryut.", (0, 0)),
        ("Some 120 saplings were cut down overnight in a grove near Turmus Ayya.", (0, 0)),
        # people cut down by gunfire are still dead
        ("Gunmen cut down two herders in their pasture near Bokkos.", (2, 0)),
    ],
)
def test_plants_are_never_casualties(nlp, text, expected):
    assert _count(nlp, text) == expected


def test_a_harmless_attack_after_a_deadly_one_is_its_own_event(pipeline):
    # the shell that harmed no one does not take the drone strike's two dead away
    text = (
        "KYIV, June 11 (Wire) - A Russian drone struck a bus station in Nikopol on Monday "
        "morning, killing two civilians, the regional governor said.\n\n"
        "A shell hit an empty field on the outskirts of Nikopol on Monday evening, "
        "inflicting no casualties, he added."
    )
    events = violent_events(wire_report(pipeline, text, PUB, article_id="tolls-s15"))
    assert sorted((e.sub_event_type, e.fatalities) for e in events) == [
        ("Air/drone strike", 2),
        ("Shelling/artillery/missile attack", 0),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Relatives of a murdered shopkeeper staged a protest in front of the police "
            "station in Comilla, demanding the arrest of the killers.",
            (0, 0),
        ),
        (
            "The family and friends of two farmers who were killed by soldiers last week held "
            "a vigil outside the governor's office in Jos.",
            (0, 0),
        ),
        ("Colleagues of a slain journalist organised a rally in Karachi on Monday.", (0, 0)),
        # the protesters' own dead are the event's toll
        (
            "Police opened fire on relatives of a detained activist who staged a protest in "
            "Jos, killing two of them.",
            (2, 0),
        ),
    ],
)
def test_the_dead_a_protest_mourns_are_not_its_toll(nlp, text, expected):
    assert _count(nlp, text) == expected


def test_a_toll_right_after_a_bomb_that_went_off_early_is_its_toll(pipeline):
    # a bomb that blew up while it was being planted: the dead are that event's, not a
    # second event's
    text = (
        "MOGADISHU, June 11 (Wire) - A roadside bomb exploded prematurely while Al Shabaab "
        "fighters were planting it on a road outside Balcad on Monday, a local official "
        "said. Three militants were killed."
    )
    report = wire_report(pipeline, text, PUB, article_id="tolls-s15-detonation")
    assert [(e.sub_event_type, e.fatalities) for e in report.events] == [
        ("Disrupted weapons use", 3)
    ]
