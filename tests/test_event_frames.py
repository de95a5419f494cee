"""The frame stage: one event per attack, place and day; round-ups and background apart.

Every text here was written by the frontwire team for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from frame_reports import PUB, violent_events, wire_report
from frontwire.model import Report


def _report(pipeline, text: str, pub: dt.date = PUB) -> Report:
    return wire_report(pipeline, text, pub, article_id="frames-test")


def test_follow_up_sentences_about_the_strike_stay_one_event(pipeline):
    text = (
        "A Russian missile strike on the centre of Dnipro killed four people on Tuesday, the "
        "regional governor said.\n\n"
        "The strike also damaged a school and a row of shops. Rescuers were still searching "
        "the rubble in the evening. The governor added that 17 people were wounded, three of "
        "them children."
    )
    events = violent_events(_report(pipeline, text))
    assert len(events) == 1, [(e.sub_event_type, e.notes) for e in events]
    ev = events[0]
    assert (ev.fatalities, ev.injuries) == (4, 17)
    assert ev.location == "Dnipro" and ev.event_date == PUB
    assert "merged-mentions" in ev.flags
    assert len({e.sentence for e in ev.evidence}) >= 2  # every sentence keeps its words


def test_a_bracketed_abbreviation_does_not_split_the_attack(pipeline):
    text = (
        "Fighters of the Rapid Support Forces (RSF) shelled a displacement camp near El Fasher "
        "on Sunday, killing nine civilians, a local monitoring group said. The shelling of the "
        "camp also wounded 14 people."
    )
    events = violent_events(_report(pipeline, text))
    assert len(events) == 1, [(e.sub_event_type, e.notes) for e in events]
    assert (events[0].fatalities, events[0].injuries) == (9, 14)
    assert events[0].event_date == dt.date(2024, 6, 9)


def test_the_attackers_account_of_the_same_strike_is_not_a_second_event(pipeline):
    text = (
        "Israeli air strikes on a school sheltering displaced families in Gaza City killed at "
        "least 18 people on Thursday, the civil defence agency said.\n\n"
        "The Israeli military said it had targeted a Hamas command centre inside the "
        "compound.\n\n"
        "Medics said the strike on the school in Gaza City also wounded dozens of people."
    )
    events = violent_events(_report(pipeline, text))
    assert len(events) == 1, [(e.sub_event_type, e.notes) for e in events]
    ev = events[0]
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.fatalities == 18 and ev.injuries > 0


def test_a_round_up_is_a_summary_linked_to_its_parts(pipeline):
    text = (
        "Russian attacks on eight regions of Ukraine killed six people and injured 21 over "
        "the past day, regional authorities reported on Saturday.\n\n"
        "In Kherson, Russian artillery shelled a residential area on Friday, killing two "
        "people. In Zaporizhzhia Oblast, Russian forces shelled Orikhiv 40 times on Friday, "
        "injuring five residents."
    )
    report = _report(pipeline, text, dt.date(2024, 6, 8))
    assert len(report.summaries) == 1
    summary = report.summaries[0]
    assert (summary.fatalities, summary.injuries) == (6, 21)
    assert "round-up" in summary.flags
    places = {e.location for e in report.events}
    assert {"Kherson", "Orikhiv"} <= places
    assert all(e.fatalities != 6 for e in report.events)  # the total is nobody's toll
    assert set(summary.parts) == {e.id for e in violent_events(report)}


def test_a_round_up_alone_stays_an_event(pipeline):
    text = (
        "Shelling across three districts of the state killed 11 people on Monday, a "
        "humanitarian official said."
    )
    report = _report(pipeline, text)
    assert report.summaries == []
    assert [e.fatalities for e in violent_events(report)] == [11]


@pytest.mark.parametrize(
    "background",
    [
        "Armed groups have killed thousands of people in the region since 2015.",
        "Russian shelling has killed more than 1,000 civilians in the city since the invasion "
        "began.",
    ],
)
def test_background_since_a_start_gives_no_dated_event(pipeline, background):
    lead = (
        "Gunmen attacked a market in the town of Djibo on Monday, killing 12 traders, security "
        "sources said."
    )
    report = _report(pipeline, f"{lead}\n\n{background}")
    events = violent_events(report)
    assert len(events) == 1, [(e.sub_event_type, e.notes) for e in events]
    assert events[0].fatalities == 12
    assert events[0].event_date == dt.date(2024, 6, 10)


def test_attacks_on_two_towns_the_same_day_stay_two_events(pipeline):
    text = (
        "Russian forces shelled Nikopol on Monday, killing two people. Later the same day a "
        "drone hit a bus in Marhanets, wounding six passengers."
    )
    events = violent_events(_report(pipeline, text))
    assert sorted(e.location for e in events) == ["Marhanets", "Nikopol"]
    tolls = {e.location: (e.fatalities, e.injuries) for e in events}
    assert tolls == {"Nikopol": (2, 0), "Marhanets": (0, 6)}


def test_several_attacks_counted_in_one_sentence_sum_the_attacks_told_after(pipeline):
    text = (
        "Suspected jihadists killed 27 civilians in two attacks in northern Burkina Faso, the "
        "army said on Friday.\n\n"
        "Gunmen attacked a cattle market in Titao on Wednesday, killing 15 traders. Another "
        "group killed 12 villagers in Ouindigui the same day."
    )
    report = _report(pipeline, text, dt.date(2024, 6, 14))
    assert [s.fatalities for s in report.summaries] == [27]
    assert all(e.fatalities != 27 for e in report.events)


def test_strikes_across_a_territory_are_a_round_up_of_the_strikes_told(pipeline):
    text = (
        "Israeli strikes killed at least 20 people across the Gaza Strip on Monday, the civil "
        "defence agency said. An air strike on a house in Deir el-Balah killed seven members "
        "of one family on Monday."
    )
    report = _report(pipeline, text, dt.date(2024, 6, 11))
    assert [s.fatalities for s in report.summaries] == [20]
    assert [e.fatalities for e in violent_events(report)] == [7]


def test_the_war_itself_is_history_not_an_event(pipeline):
    text = (
        "Rebels shelled a camp for displaced people in Kalehe on Monday, killing four, a local "
        "official said.\n\n"
        "The conflict began in 2021 and has displaced more than a million people. The M23 "
        "offensive has killed thousands of civilians."
    )
    events = violent_events(_report(pipeline, text))
    assert [e.fatalities for e in events] == [4]


def test_fighting_since_the_summer_is_background(pipeline):
    text = (
        "Russian drones struck a power substation in Sumy on Sunday, the regional "
        "administration said. The 47th Brigade, which has fought near Pokrovsk since the "
        "summer, received new armoured vehicles last month."
    )
    events = violent_events(_report(pipeline, text, dt.date(2024, 11, 18)))
    assert [e.location for e in events] == ["Sumy"]


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv has complained for months about delays in the delivery of air-defence systems "
        "from its allies.",
        "The United States announced a new package of artillery shells and rockets for Ukraine "
        "on Friday.",
        "Ukraine asked its allies to speed up deliveries of long-range missiles.",
        "The firm will double its production of 155mm shells at its plant in Poland next year.",
    ],
)
def test_weapons_named_as_goods_are_no_attack(pipeline, text):
    assert violent_events(_report(pipeline, text)) == []


def test_a_weapon_used_is_still_an_attack(pipeline):
    text = "Russian forces pounded Kharkiv with missiles overnight, the mayor said."
    events = violent_events(_report(pipeline, text))
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]


def test_another_kind_of_attack_by_the_same_side_the_same_day_is_its_own_event(pipeline):
    # the attacker's own account joins the strike it describes; a shelling after a clash,
    # told as fact, is a second event even at the same place and day
    text = (
        "Sudanese army soldiers attacked RSF fighters outside Omdurman on Friday. Later that "
        "day, shells landed on a market in the city, killing four civilians."
    )
    events = violent_events(_report(pipeline, text, dt.date(2024, 6, 9)))
    assert sorted(e.sub_event_type for e in events) == [
        "Armed clash",
        "Shelling/artillery/missile attack",
    ]
    assert [e.fatalities for e in events if e.event_type != "Battles"] == [4]
