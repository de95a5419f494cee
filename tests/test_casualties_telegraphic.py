"""Casualties in telegraphic headlines and field logs, and the background a toll is not:
team-written lines in the forms real reporting uses (issue 15, failure kind 5)."""

from __future__ import annotations

import datetime as dt

import pytest

from casualty_counts import count_text


def _count(nlp, text: str) -> tuple[int, int]:
    return count_text(nlp, text, published=dt.date(2025, 3, 4))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a present-tense killing verb with bare victims, no article; ' - X' names the source
        ("Artillery fire kills shepherd - regional governor", (1, 0)),
        ("Rebel mortar kills two soldiers, medic near Kismayo", (3, 0)),
        ("Army Kills Herder And Burns Granary In Sagaing", (1, 0)),
        # a list of victims straight before its participle
        ("Border guard dead, 4 hurt in mine blast near Kherson", (1, 4)),
        ("Seven reported killed in clashes near Sevare", (7, 0)),
        ("Jihadist killed in army raid near Diffa", (1, 0)),
        ("Two civilians said killed as rebels breach ceasefire in east", (2, 0)),
        ("Separatists report death of civilian, 2 fighters in shelling over past day", (3, 0)),
        ("Army says two soldiers killed, four more wounded near Toretsk on Monday", (2, 4)),
        # headlines in title case, where the parse fails
        ("Gunfight At Market Leaves Four Traders Dead", (4, 0)),
        ("Five Herders Tortured and Killed by Militia in Plateau", (5, 0)),
        ("Two Teachers Found Shot Dead Near School in Guerrero", (2, 0)),
        # counts in field logs
        ("Apartment block hit; local media report 2 x killed, 9 x injured.", (2, 9)),
        ("5 partially burned bodies next to a destroyed car.", (5, 0)),
    ],
)
def test_telegraphic_forms(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the other items of such lines are not victims
        ("Gunmen kill 3 villagers, 12 women abducted in Zamfara", (3, 0)),
        ("Russia fires 30 drones, 5 missiles at Odesa", (0, 0)),
        ("Rebels threaten to kill hostage in video", (0, 0)),
        # a headline's passive: what follows the verb is not a victim
        ("Dozens killed as RSF shells El Fasher market", (12, 0)),
        # a group counted after 'of' is counted once
        ("Drone kills squad of four soldiers near Bakhmut", (4, 0)),
    ],
)
def test_what_telegraphic_lines_do_not_count(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nine people reported to have been killed after the strike on the depot.", (9, 0)),
        ("Multiple injuries reported after the shelling of the market.", (0, 3)),
        # a breakdown in brackets repeats the people counted before it
        ("Gunmen killed 9 villagers (5 women and 4 men) near Beni.", (9, 0)),
    ],
)
def test_reported_victims_and_breakdowns(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clause dated by a bare year, or a war named by its year, is background ...
        (
            "In 2016, a similar bombing killed 40 people; on Friday three people were wounded.",
            (0, 3),
        ),
        (
            "The 2008 war killed about 1,400 people; on Monday a drone killed a farmer in Khuza'a.",
            (1, 0),
        ),
        # ... unless it is all the report gives
        ("Four soldiers were killed in ambushes in 2021, the ministry said.", (4, 0)),
    ],
)
def test_background_dated_to_a_year(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a denial reports no deaths, and does not lower the toll reported before it
        (
            "Soldiers raided the village, killing at least 9 villagers, including women and "
            "children. The authorities denied killing civilians.",
            (9, 0),
        ),
        # a killing named as the cause of this event is an earlier event
        (
            "Police seized motorbikes in the town following the rebels' killing of 2 police "
            "officers on Monday.",
            (0, 0),
        ),
    ],
)
def test_denials_and_causes(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the killing this event answers is an earlier event
        (
            "Residents attacked a police post after two boys were killed by gunmen in the area.",
            (0, 0),
        ),
        ("Inmates demonstrated against the killing of one inmate in the prison.", (0, 0)),
        ("Villagers blocked the road in anger over the killing of 3 farmers by soldiers.", (0, 0)),
        # ... but not what followed it in the same event
        ("Three people were killed after gunmen opened fire on a bus.", (3, 0)),
        # a slash inside a group's name
        ("Troops shelled rebel positions near Buk. 56 BH/IS fighters were killed.", (56, 0)),
        # one figure for killed, wounded or captured together counts none of them
        ("4 SDF fighters were killed, wounded or captured in the clash.", (0, 0)),
    ],
)
def test_earlier_killings_totals_and_names(nlp, text, expected):
    assert _count(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an age between commas after one person is no count of people
        ("Shelling wounded a pensioner, 74, in Kherson.", (0, 1)),
        ("A rocket killed a teacher and wounded her nephew, 11, in Kramatorsk.", (1, 1)),
        ("Three men aged 23, 41 and 60 were wounded when a shell hit a bus stop.", (0, 3)),
        # ... a count after a comma still is
        ("A drone strike killed a soldier, 12 others were wounded.", (1, 12)),
        # 'a third', 'a fourth': one more victim
        ("Two guards were killed and a third injured when the convoy was ambushed.", (2, 1)),
        ("Three miners died and a fourth was badly hurt in the blast at the mine.", (3, 1)),
    ],
)
def test_ages_between_commas_and_ordinal_victims(nlp, text, expected):
    assert _count(nlp, text) == expected
