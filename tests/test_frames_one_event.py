"""The frame stage on wire leads: one event per attack, place and day.

A lead names its dateline, its region and the town a distance is measured from beside the
attack's own village; it is still one attack, and the sentences that continue it join it. A
mention that announces another attack ('a second strike') starts a new event. Weapons waited
for are no attack. Every text here was written by the frontwire team.
"""

from __future__ import annotations

import datetime as dt

from frame_reports import PUB, violent_events, wire_report
from frontwire.model import Report


def _report(pipeline, text: str, pub: dt.date = PUB) -> Report:
    return wire_report(pipeline, text, pub, article_id="frames-one-event")


def test_a_lead_naming_dateline_region_and_reference_town_is_one_attack(pipeline):
    # dateline (Khartoum), state (Gezira), village, reference town (Rufaa): one site
    text = (
        "KHARTOUM, June 11 (Reuters) - Gunmen raided the village of Wad Habouba in Gezira "
        "state, about 20 km south of Rufaa, on Sunday, killing 14 villagers, a rights group "
        "said.\n\n"
        "The attackers also burned dozens of homes and a grain store, the group said. A "
        "medic added that 22 people were wounded."
    )
    report = _report(pipeline, text)
    events = violent_events(report)
    assert len(events) == 1, [(e.sub_event_type, e.location, e.notes) for e in events]
    assert report.summaries == []  # not a round-up of the attack it tells
    ev = events[0]
    assert (ev.fatalities, ev.injuries) == (14, 22)
    assert ev.event_date == dt.date(2024, 6, 9)


def test_a_lead_whose_follow_ups_name_no_place_of_their_own_is_their_attack(pipeline):
    # the follow-ups are placed only from the article: they continue the lead, they are not
    # parts of a round-up that the lead would sum
    text = (
        "MOGADISHU, June 11 (Reuters) - Al Shabaab fighters attacked an army base outside "
        "the town of Jowhar, in Middle Shabelle region, 90 km north of Mogadishu, on Sunday, "
        "killing six soldiers, an officer said.\n\n"
        "The attack began with a car bomb at the gate, followed by a long gunfight, he said. "
        "He added that nine soldiers were wounded."
    )
    report = _report(pipeline, text)
    events = violent_events(report)
    assert len(events) == 1, [(e.sub_event_type, e.location, e.notes) for e in events]
    assert report.summaries == []
    ev = events[0]
    assert ev.location in ("Jawhar", "Jowhar")
    assert (ev.fatalities, ev.injuries) == (6, 9)
    assert len({e.sentence for e in ev.evidence}) >= 2


def test_a_barrage_of_rockets_is_one_attack_not_a_round_up(pipeline):
    # 'a series of strikes' sums attacks; 'a barrage of rockets' is one of them
    text = (
        "Hezbollah fired a barrage of rockets at the northern Israeli town of Kiryat Shmona "
        "on Monday, the Israeli military said. Israeli jets then struck a Hezbollah position "
        "near the Lebanese village of Aitaroun the same day."
    )
    report = _report(pipeline, text)
    assert report.summaries == []
    events = violent_events(report)
    assert len(events) == 2, [(e.sub_event_type, e.location) for e in events]
    assert all(e.event_date == dt.date(2024, 6, 10) for e in events)


def test_a_second_strike_in_another_village_is_its_own_event(pipeline):
    text = (
        "An Israeli drone strike on a car near the southern Lebanese town of Nabatieh killed "
        "two people on Monday, the state news agency said. The strike also wounded a "
        "passer-by. A second strike hit a house in the village of Kfar Kila later in the "
        "day, wounding three people, the agency said."
    )
    events = violent_events(_report(pipeline, text))
    tolls = sorted((e.fatalities, e.injuries) for e in events)
    assert tolls == [(0, 3), (2, 1)], [(e.location, e.fatalities, e.injuries) for e in events]


def test_waiting_for_air_defence_systems_is_no_event(pipeline):
    # 'air defence' names the systems waited for, not their use ('Disrupted weapons use')
    text = (
        "Ukraine is still waiting for additional air defence systems promised by its partners "
        "last year, the president said on Monday."
    )
    assert _report(pipeline, text).events == []


def test_a_toll_right_after_the_attack_joins_it_whoever_its_parse_makes_the_attacker(pipeline):
    # 'Two Boko Haram fighters were killed' names no place or day: the toll of the attack
    # just told, although the fighters look like its actor
    text = (
        "Soldiers repelled an attack by Boko Haram fighters on an army post near Mora on "
        "Sunday, the army said. Two Boko Haram fighters were killed and several others were "
        "wounded."
    )
    events = violent_events(_report(pipeline, text))
    assert len(events) == 1, [(e.sub_event_type, e.actor1, e.notes) for e in events]
    assert events[0].fatalities == 2


def test_what_the_attackers_did_there_is_part_of_the_attack(pipeline):
    # burning and looting right after the attack, with no place or day of their own, are
    # its details, not a property-destruction event of their own
    text = (
        "Gunmen killed a farmer and wounded his son in the village of Kakar on Sunday, local "
        "officials said. They burnt down the family's house and stole their cattle."
    )
    report = _report(pipeline, text)
    assert len(report.events) == 1, [(e.sub_event_type, e.notes) for e in report.events]
    ev = report.events[0]
    assert ev.event_type == "Violence against civilians"
    assert (ev.fatalities, ev.injuries) == (1, 1)
    assert len({e.sentence for e in ev.evidence}) == 2


def test_weapons_recovered_after_an_ambush_are_not_a_second_event(pipeline):
    text = (
        "Soldiers killed two separatist fighters in an ambush near Batibo on Sunday, the army "
        "said. The troops recovered two rifles and a motorbike from the fighters."
    )
    report = _report(pipeline, text)
    assert [e.sub_event_type for e in report.events] == ["Armed clash"]
    assert report.events[0].fatalities == 2


def test_a_withdrawal_and_the_takeover_after_it_are_one_change_of_hands(pipeline):
    text = (
        "Rebel fighters pulled out of the town of Kidal on Monday under a deal brokered by "
        "local elders, an official said. Government troops took control of the town after "
        "the withdrawal."
    )
    events = _report(pipeline, text).events
    assert len(events) == 1, [(e.sub_event_type, e.actor1) for e in events]
    # ACLED: taken without a fight is a non-violent transfer, coded to whoever took it
    assert events[0].sub_event_type == "Non-violent transfer of territory"
    assert events[0].actor1 == "Military Forces of Mali"
    assert events[0].event_date == dt.date(2024, 6, 10)
    assert "withdrawal" not in events[0].flags


def test_a_withdrawal_forced_by_the_enemy_is_the_takeover_after_it(pipeline):
    # pulled out 'to avoid being encircled': the town was lost in a fight, one takeover
    text = (
        "Ukrainian troops pulled out of the town of Krasnohorivka on Monday to avoid being "
        "encircled, the army said. Russian forces took control of the town after the "
        "withdrawal."
    )
    events = _report(pipeline, text).events
    assert len(events) == 1, [(e.sub_event_type, e.actor1) for e in events]
    assert events[0].sub_event_type == "Non-state actor overtakes territory"
    assert events[0].actor1 == "Military Forces of Russia"
    assert events[0].event_date == dt.date(2024, 6, 10)


def test_a_withdrawal_told_alone_is_a_change_of_activity(pipeline):
    # nobody is said to move in: ACLED codes the move of the forces, not a transfer
    text = (
        "Wagner fighters withdrew from their base near the town of Kidal on Monday, residents "
        "said. Trucks carrying the fighters were seen heading north."
    )
    events = _report(pipeline, text).events
    assert [e.sub_event_type for e in events] == ["Change to group/activity"]
    assert "withdrawal" in events[0].flags


def test_a_withdrawal_at_the_end_of_a_fight_is_part_of_it(pipeline):
    text = (
        "Soldiers fought Islamist militants for three hours near the village of Boni on "
        "Sunday, the army said. The militants later withdrew."
    )
    events = _report(pipeline, text).events
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert "withdrawal" not in events[0].flags


def test_a_protest_met_with_lethal_force_is_one_event_of_the_graver_type(pipeline):
    # ACLED's hierarchy over the sentences of one event, as over the words of one sentence
    text = (
        "Hundreds of people protested against rising fuel prices in the city of Kumasi on "
        "Monday. Police fired live rounds at the crowd, killing two protesters, witnesses said."
    )
    events = _report(pipeline, text).events
    assert [e.sub_event_type for e in events] == ["Excessive force against protesters"]
    assert events[0].fatalities == 2


def test_arrests_told_after_a_protest_are_how_it_was_met(pipeline):
    # ACLED: arrests at a protest make it a Protest with intervention, not an Arrests event
    text = (
        "Several hundred opposition supporters staged a protest in the town of Dinajpur on "
        "Monday demanding new elections. Police later arrested 31 members of the party."
    )
    events = _report(pipeline, text).events
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]
    assert events[0].actor1 == "Protesters (Bangladesh)"


def test_killings_told_after_a_protest_are_excessive_force(pipeline):
    text = (
        "Thousands of people marched through the city of Kumasi on Monday against fuel "
        "prices. Soldiers shot dead two young men near the central market, witnesses said."
    )
    events = _report(pipeline, text).events
    assert [e.sub_event_type for e in events] == ["Excessive force against protesters"]
    assert events[0].fatalities == 2


def test_arrests_on_another_day_are_not_the_protest(pipeline):
    text = (
        "Several hundred opposition supporters staged a protest in the town of Dinajpur on "
        "Monday demanding new elections.\n\n"
        "In Rangpur, police arrested two opposition leaders at their homes on Saturday."
    )
    events = _report(pipeline, text).events
    assert sorted(e.sub_event_type for e in events) == ["Arrests", "Peaceful protest"]


def test_gunmen_killing_people_after_a_protest_are_their_own_attack(pipeline):
    # only state forces (or no one named) meet a protest: an armed group's killing is not
    # the protest's intervention
    text = (
        "Several hundred traders protested in the town of Kumasi on Monday against a new "
        "market tax. Unidentified gunmen later shot dead two villagers near the town."
    )
    events = _report(pipeline, text).events
    assert "Excessive force against protesters" not in [e.sub_event_type for e in events]
