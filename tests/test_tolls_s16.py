"""Tolls and frames of the sixteenth session (issue 15, failure kinds 2, 5 and 6).

- 'One soldier was killed and another injured in ...': the elided second victim counts,
  however the parser hangs 'another' in a long sentence.
- A later clause of the sentence that tells a separate attack ('while a separate strike
  killed two') is that attack's toll, not the event's, when the event has a toll of its own.
- Two titles joined under one determiner and a singular verb ('a former mayor and local
  party leader was killed') are one person.
- People counted before a conjoined toll noun share its fate ('25 rebel fighters and 6
  military fatalities').
- 'X died after he was injured': the wounded man who died counts once, as dead.
- 'An unknown number of X' is a plural with no number: 3, like a bare plural ('civilians
  were killed'), and adds to a stated count beside it.
- 'In another event, ...' without an attack of its own still opens a new incident: the
  attack told after it is not the one told before it.

Every text here is written by the frontwire team.
"""

from __future__ import annotations

import datetime as dt

import pytest

from casualty_counts import count_text
from frame_reports import PUB, violent_events, wire_report


def _count(nlp, text: str) -> tuple[int, int]:
    return count_text(nlp, text, published=dt.date(2024, 6, 11))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "One soldier was killed and another injured in cross-border firing along the "
            "frontier near Kupwara, army officials said.",
            (1, 1),
        ),
        (
            "A policeman was shot dead and another wounded during a raid on a market in the "
            "north of the city on Friday, officials said.",
            (1, 1),
        ),
    ],
)
def test_the_elided_second_victim_counts(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "An air strike on a house in Khan Younis killed a man and his three children, "
            "while a separate strike in Jabalia killed two people, medics said.",
            (4, 0),
        ),
        (
            "Gunmen killed three farmers near Bama on Monday, and in another attack two "
            "herders were shot dead near Gwoza.",
            (3, 0),
        ),
        # the separate attack is the only toll: it is the text's event
        ("Another strike killed two people in Rafah, medics said.", (2, 0)),
        # another place is not another attack: 'three more' add up
        ("Troops killed two militants near Bama and killed three more in another village.", (5, 0)),
    ],
)
def test_a_separate_attack_in_a_later_clause_is_not_the_events_toll(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The clash near Beni resulted in 25 rebel fighters and 6 military fatalities.", (31, 0)),
        ("Officials reported 3 police and 2 civilian injuries after the blast in Quetta.", (0, 5)),
        ("The army lost 12 soldiers and 4 vehicles near Bakhmut.", (0, 0)),
    ],
)
def test_people_before_a_conjoined_toll_noun_share_its_fate(nlp, text, expected):
    assert _count(nlp, text) == expected


def test_in_another_event_opens_a_new_incident(pipeline):
    # the gunfight told after 'In another event, ...' is not the seizure told before it
    text = (
        "On 10 June 2024, military police raided a drug den in the Boa Vista area of Recife. "
        "Officers seized a rifle. In another event, police patrolled the Ibura neighbourhood "
        "of Recife. A gunfight broke out and a suspect was shot and injured."
    )
    events = wire_report(pipeline, text, PUB, article_id="tolls-s16").events
    assert len(events) == 2
    assert [e.injuries for e in events] == [0, 1]
    assert [e.event_type for e in violent_events(wire_report(pipeline, text, PUB))] == ["Battles"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 3 May 2023, a former mayor and local party leader was hacked to death by "
            "unidentified men in Naogaon.",
            (1, 0),
        ),
        ("The village chief and farmer was shot dead near Jos on Sunday.", (1, 0)),
        # a plural verb, or a determiner of its own: two people
        ("A soldier and policeman were killed in the ambush near Kidal.", (2, 0)),
        ("The village chief and a farmer were shot dead near Jos on Sunday.", (2, 0)),
    ],
)
def test_two_titles_of_one_person_count_one(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A member of the youth wing died after he was critically injured with sharp "
            "weapons in a clash between two factions in Faridpur.",
            (1, 0),
        ),
        (
            "A policeman died in hospital on Monday after he was shot in the head by robbers "
            "on the highway near Kano.",
            (1, 0),
        ),
        # someone else wounded still counts
        ("A guard died after he was injured, and a cook was injured too.", (1, 1)),
    ],
)
def test_the_dead_man_wounded_before_he_died_counts_once(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed an unknown number of herders near the wells of Tessit on Sunday.", (3, 0)),
        ("An undetermined number of passengers were wounded when the bus hit a mine.", (0, 3)),
        ("Two policemen and an unknown number of assailants died in the shootout.", (5, 0)),
    ],
)
def test_an_unknown_number_is_a_plural_with_no_number(nlp, text, expected):
    assert _count(nlp, text) == expected
