"""Sub-event patterns from error analysis on ACLED rows outside the measurement samples,
tested on sentences the team wrote (no ACLED or evaluation text):

- "No casualties were reported" says nothing about a fight: after a shelling it is no
  Non-violent transfer of territory of its own;
- state forces who fight and then take the place back ("clashed ... and retook the town",
  "made territorial gains") regain territory, the battle's outcome (ACLED's hierarchy);
- what an attack aimed at ("an attack to capture the positions") did not happen: no takeover;
- a bomb thrown by hand ("hurled crude bombs at him") is a Grenade, not a remote explosive.
"""

from __future__ import annotations

import pytest

from frontwire.ingest.article import make_article


def _pipeline_subs(pipeline, text: str) -> list[str]:
    article = make_article(text, published="2024-03-05", external_id="subevent-test")
    return [e.sub_event_type for e in pipeline.extract(article).events]


@pytest.mark.parametrize(
    "text",
    [
        "Artillery units shelled the outskirts of Marenko on Monday night. No casualties "
        "were reported.",
        "On 4 March 2024, soldiers fired on rebel positions in the hills above Tessi. No "
        "casualties were reported, the army said.",
    ],
)
def test_no_casualties_is_no_transfer(pipeline, text: str) -> None:
    subs = _pipeline_subs(pipeline, text)
    assert subs, text
    assert "Non-violent transfer of territory" not in subs


def test_no_clash_still_tells_a_transfer(sub_event_of) -> None:
    text = "Rebels walked into the empty garrison town of Obo. No clashes were reported."
    assert sub_event_of(text) == "Non-violent transfer of territory"


@pytest.mark.parametrize(
    "text",
    [
        "On 4 March 2024, government forces attacked rebel fighters outside Kanta and "
        "retook the town.",
        "On 9 May 2023, the army fought the insurgents for two days near Bolo and took "
        "control of three of their hilltop positions.",
    ],
)
def test_state_forces_who_fight_and_take_ground(sub_event_of, text: str) -> None:
    assert sub_event_of(text) == "Government regains territory"


@pytest.mark.parametrize(
    "text",
    [
        "On 4 March 2024, government troops launched an offensive to retake Kanta from the "
        "rebels, and fighting went on all day.",
        "The army mounted an attack to recapture the border post at Tillo on Friday and "
        "fought the insurgents for hours.",
        "Soldiers made a push to regain the hills above Tessi on Sunday, exchanging fire "
        "with the militants until dark.",
    ],
)
def test_the_aim_of_an_attack_is_no_takeover(sub_event_of, text: str) -> None:
    assert sub_event_of(text) == "Armed clash"


def test_an_offensive_told_only_by_its_aim_takes_no_ground(sub_event_of) -> None:
    text = (
        "On 4 March 2024, government troops launched an offensive to retake Kanta from the rebels."
    )
    assert sub_event_of(text) != "Government regains territory"


@pytest.mark.parametrize(
    "text",
    [
        "On 4 March 2024, two men on a motorbike hurled crude bombs at a shopkeeper in the "
        "Dalsa market, injuring him.",
        "Unknown assailants threw a bomb at the house of a ward councillor in Rampur late on "
        "Sunday. Nobody was hurt.",
    ],
)
def test_thrown_bomb_is_a_grenade(sub_event_of, text: str) -> None:
    assert sub_event_of(text) == "Grenade"


def test_planted_bomb_stays_a_remote_explosive(sub_event_of) -> None:
    text = "A bomb planted under a parked car went off near the Dalsa police station, killing two."
    assert sub_event_of(text) == "Remote explosive/landmine/IED"
