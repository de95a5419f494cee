"""Sub-event patterns learned from reading where the classifier failed on real ACLED notes,
tested on sentences the team wrote (no ACLED or evaluation text): ACLED's labels that open
Strategic-developments notes, territory taken without a fight, who takes the ground, and
the verb's subject as evidence for the learned model.
Forces moving or seen without a fight are a Change to group/activity, a withdrawal alone
too (with the takeover of the place, a transfer); launched grenades and artillery fired at
positions are shelling; a device that goes off in its owners' hands disrupted their attack.
"""

from __future__ import annotations

import pytest

from frontwire.events.linear import subject_features


# ACLED analysts open many Strategic-developments notes with a label of their own codebook
# (not the sub-event type's name): the label decides the type.
@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Movement of forces: On 4 March 2024, about forty fighters of the militia were "
            "seen gathering with pick-up trucks near Lowra village.",
            "Change to group/activity",
        ),
        (
            "Security measures: On 9 June 2023, the army closed every road into Mekori until "
            "further notice after an explosion the day before.",
            "Change to group/activity",
        ),
        (
            "Weapons seizure: On 2 July 2022, police seized six rifles and a box of grenades "
            "from a car at a checkpoint outside Dalen.",
            "Disrupted weapons use",
        ),
        (
            "Displacement: On 11 May 2022, 60 families were evacuated from Orvik because of "
            "the shelling.",
            "Other",
        ),
    ],
)
def test_acled_note_labels_decide_the_type(sub_event_of, text, sub):
    assert sub_event_of(text) == sub


@pytest.mark.parametrize(
    "text",
    [
        "On 6 April 2024, the rebels took control over Sabu village from the army. No clash "
        "was reported.",
        "On 19 May 2023, government troops took control of Tenga from the militants; no "
        "clashes were reported.",
        "On 2 March 2022, the militia took over Kerra town without confrontation with the "
        "soldiers stationed there.",
        "On 8 August 2023, fighters of the armed group peacefully took control of the old "
        "army camp at Dumbi.",
    ],
)
def test_territory_taken_with_no_clash_reported_is_a_non_violent_transfer(sub_event_of, text):
    assert sub_event_of(text) == "Non-violent transfer of territory"


def test_overtook_is_taking_ground(sub_event_of):
    text = "The rebels overtook Mabira village on Friday after a night of fighting."
    assert sub_event_of(text) == "Non-state actor overtakes territory"


def test_a_capital_is_ground_that_can_be_seized(sub_event_of):
    text = "Rebel fighters seized the capital of the northern province early on Sunday."
    assert sub_event_of(text) == "Non-state actor overtakes territory"


def test_people_captured_alive_are_not_ground_taken(sub_event_of):
    text = (
        "Eight militants were killed and two were captured alive when they attacked an army "
        "post near the border on Thursday."
    )
    assert sub_event_of(text) != "Non-state actor overtakes territory"


def test_subject_features_tell_who_takes_the_ground(nlp, classifier):
    lexicon = classifier.lexicon
    armed = subject_features(lexicon.view(nlp("Rebel forces took the town on Monday.")[:]))
    state = subject_features(lexicon.view(nlp("Government troops took the town on Monday.")[:]))
    foreign = subject_features(lexicon.view(nlp("Invading troops seized the port.")[:]))
    assert "sv=armed_take" in armed and "sv=state_take" not in armed
    assert "sv=state_take" in state
    assert "sv=foreign_seize" in foreign
    # the agent of a passive acts as the subject does
    passive = subject_features(lexicon.view(nlp("The village was captured by the army.")[:]))
    assert "sv=state_capture" in passive


@pytest.mark.parametrize(
    "text",
    [
        "About forty armed men on motorbikes were seen near the village of Tessit on Friday.",
        "Several dozen militants were sighted along the road to Menaka on Wednesday morning.",
        "Islamist fighters were patrolling the main market of Boulkessi on Sunday, residents "
        "said.",
        "Rebel fighters gathered near the river crossing at Kaga Bandoro on Tuesday, a "
        "local official said.",
    ],
)
def test_forces_seen_or_gathering_are_a_movement_of_forces(sub_event_of, text):
    assert sub_event_of(text) == "Change to group/activity"


def test_people_gathering_are_no_movement_of_forces(sub_event_of):
    text = "Hundreds of residents gathered near the market of Tessit on Friday to demand water."
    assert sub_event_of(text) != "Change to group/activity"


def test_a_withdrawal_alone_is_a_change_of_activity(classifier, nlp):
    text = "The rebels withdrew from the hilltop town of Mabenga overnight, residents said."
    res = classifier.classify(nlp(text)[:])
    assert res is not None and res.sub_event_type == "Change to group/activity"
    assert res.flags == ("withdrawal",)


@pytest.mark.parametrize(
    "text",
    [
        "Government troops pulled out of the border post on Monday, leaving it in the hands "
        "of the militia.",
        "The rebels withdrew from the river port and government troops moved in without a "
        "shot being fired.",
    ],
)
def test_a_withdrawal_told_with_the_takeover_is_a_transfer(sub_event_of, text):
    assert sub_event_of(text) == "Non-violent transfer of territory"


@pytest.mark.parametrize(
    "text",
    [
        "Separatist forces fired 82mm mortars and grenade launchers at army positions near "
        "Zaitseve overnight.",
        "The army fired automatic grenade launchers at the rebels' trenches east of the town.",
    ],
)
def test_launched_grenades_are_shelling(sub_event_of, text):
    assert sub_event_of(text) == "Shelling/artillery/missile attack"


def test_a_hand_grenade_is_still_a_grenade(sub_event_of):
    text = "A man threw a hand grenade into a crowded bar in Bujumbura, wounding six people."
    assert sub_event_of(text) == "Grenade"


def test_artillery_fired_at_positions_is_shelling(sub_event_of):
    text = "Government forces fired artillery and tank shells at rebel positions near Dilling."
    assert sub_event_of(text) == "Shelling/artillery/missile attack"


def test_fire_at_fighters_is_still_a_clash(sub_event_of):
    text = "Soldiers fired at the militants near Dilling on Monday, killing two of them."
    assert sub_event_of(text) == "Armed clash"


@pytest.mark.parametrize(
    "text",
    [
        "Two militants were killed when the bomb they were planting on the road exploded "
        "prematurely near Gao.",
        "Three fighters died after they accidentally detonated an explosive device while "
        "assembling it in a house in Kunduz.",
    ],
)
def test_a_device_that_goes_off_in_its_owners_hands_is_disrupted(sub_event_of, text):
    assert sub_event_of(text) == "Disrupted weapons use"


def test_a_roadside_bomb_is_still_an_explosive_attack(sub_event_of):
    text = "A roadside bomb exploded under a passing minibus near Gao, killing four passengers."
    assert sub_event_of(text) == "Remote explosive/landmine/IED"


def test_workers_clashing_with_police_are_a_riot(sub_event_of):
    # no armed group on either side: ACLED codes a Violent demonstration, not a battle
    text = "Striking dock workers clashed with police outside the port of Mombasa on Monday."
    assert sub_event_of(text) == "Violent demonstration"


def test_police_clashing_with_gunmen_is_a_battle(sub_event_of):
    text = "Police clashed with gunmen outside the port of Mombasa on Monday, killing two."
    assert sub_event_of(text) == "Armed clash"
