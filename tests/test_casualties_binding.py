"""Tolls bound to the right victims and the right event (issue 15, second pass): kinds of miss
counted where our count differed from ACLED's notes and UCDP GED's headlines. Every text here
is written by the team; each group names the general pattern it stands for."""

from __future__ import annotations

import datetime as dt

import pytest

from casualty_counts import count_text


def _count(nlp, text: str) -> tuple[int, int]:
    return count_text(nlp, text, published=dt.date(2025, 6, 2))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'also' on the casualty verb of a later sentence adds victims, it does not restate
        (
            "Gunmen ambushed a prosecutor's car near Tapachula, killing him on the spot. His "
            "driver and a bodyguard were also killed.",
            (3, 0),
        ),
        (
            "Two policemen were killed when militants stormed a checkpoint in Kunduz. The "
            "provincial governor said nine militants had also been killed.",
            (11, 0),
        ),
        (
            "Police wounded three gang members during a raid in Duque de Caxias. Two "
            "passers-by were also hurt by a stray bullet.",
            (0, 5),
        ),
        # ... but a copula with 'also' says who the dead were, not that more died
        (
            "Police shot dead two robbery suspects in Cebu on Monday. Both dead men were "
            "also wanted for murder, officers said.",
            (2, 0),
        ),
    ],
)
def test_also_adds_victims_in_a_later_sentence(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a killing someone is accused, suspected or convicted of is an earlier crime
        ("Villagers burned the shop of a youth suspected of killing his uncle.", (0, 0)),
        ("Police in Garissa detained a soldier accused of killing two herders.", (0, 0)),
        ("Militants executed two men in Jilib on charges of killing a cleric.", (2, 0)),
        ("Police arrested three brothers in Enugu for killing a farmer.", (0, 0)),
        # ... but an accusation that is the line's own predicate tells the event
        ("Soldiers accused of killing four fishermen on Lake Chad.", (4, 0)),
        ("The army was accused of killing 3 villagers during the raid on Hpakant.", (3, 0)),
    ],
)
def test_a_charge_is_not_the_events_toll(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two-word killing verbs in the present, in Title Case headlines
        ("Junta Troops Shoot Dead Three Farmers Near Monywa", (3, 0)),
        ("Police Gun Down 4 Robbery Suspects in Ibadan", (4, 0)),
        # a number before a group's acronym counts its members
        ("Coalition strikes kill 9 IS in Deir Ezzor.", (9, 0)),
        ("Army kills 11 BIFF in Datu Saudi clash", (11, 0)),
        # a Title Case participle is no victim of its own ('Farmer Killed' is one victim)
        ("Farmer Killed, Two Children Wounded in Shelling of Sumy Village", (1, 2)),
    ],
)
def test_title_case_and_telegraphic_headlines(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'kills and injures N': one figure for both fates, no split (as 'killed and wounded')
        ("Car bomb kills and injures 14 people in Mogadishu market", (0, 0)),
        ("Airstrikes kill and wound 20 civilians in Saada", (0, 0)),
        ("Drone kills two and injures five in Kharkiv suburb", (2, 5)),
        # a breakdown in brackets right after a figure adds no victims
        (
            "Three people were killed and 17 (11 protesters and 6 police officers) were "
            "wounded when the march in Nairobi turned violent.",
            (3, 17),
        ),
        ("Gunmen killed 8 (5 miners and 3 guards) at the gold site near Gao.", (8, 0)),
    ],
)
def test_joint_fates_and_bracketed_breakdowns(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lynching kills its victims ...
        ("Residents of Kasese lynched two suspected cattle thieves on Sunday.", (2, 0)),
        # ... but 'nearly' or 'almost' right before the verb says no one died
        ("A crowd in Bouaké nearly lynched a trader accused of theft.", (0, 0)),
        ("The roadside bomb almost killed two guards at the gate of the prison.", (0, 0)),
        # ('nearly' on the number is a qualifier: the number itself counts)
        ("Nearly 30 junta troops killed in two days of attacks in Sagaing", (30, 0)),
    ],
)
def test_lynchings_and_near_misses(nlp, text, expected):
    assert _count(nlp, text) == expected
