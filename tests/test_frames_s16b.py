"""Frame stage and coder, round 16b: a merged riot keeps its foe, a lone toll is an event.

Every text here was written by the frontwire team.
"""

from __future__ import annotations

import datetime as dt

from frontwire.events.frames import _take_actors
from frontwire.ingest.article import make_article
from frontwire.model import Event, Report

PUB = dt.date(2024, 3, 6)


def _report(pipeline, text: str) -> Report:
    return pipeline.extract(make_article(text, published=PUB, external_id="frames-s16b"))


def test_a_riot_merged_with_a_police_clash_takes_the_police_as_actor2():
    # 'youths rioted in the town' + 'police clashed with the protesters': the clash's actor2
    # is the riot's own crowd read a second way, so the riot's foe is the clash's actor1
    riot = Event(id="r", event_type="Riots", sub_event_type="Violent demonstration",
                 actor1="Rioters (Bangladesh)", inter1=5)  # fmt: skip
    clash = Event(id="c", event_type="Battles", sub_event_type="Armed clash",
                  actor1="Police Forces of Bangladesh", inter1=1,
                  actor2="Protesters (Bangladesh)", inter2=6)  # fmt: skip
    merged = riot.model_copy()
    _take_actors(merged, [riot, clash])
    assert (merged.actor2, merged.inter2, merged.interaction) == (
        "Police Forces of Bangladesh",
        1,
        15,
    )


def test_a_merged_attack_still_takes_the_victims_another_mention_names():
    attack = Event(id="a", event_type="Violence against civilians", sub_event_type="Attack",
                   actor1="Al Shabaab", inter1=2)  # fmt: skip
    toll = Event(id="t", event_type="Violence against civilians", sub_event_type="Attack",
                 actor1="Al Shabaab", inter1=2, actor2="Civilians (Somalia)", inter2=7)  # fmt: skip
    merged = attack.model_copy()
    _take_actors(merged, [attack, toll])
    assert merged.actor2 == "Civilians (Somalia)"


def test_a_toll_with_no_attack_told_before_it_is_an_attack_of_its_own(pipeline):
    # the raid is no event the coder types; the shooting after it is still an event
    text = (
        "On 5 March 2024, police raided a house in Kirkuk, Iraq, searching for a wanted man. "
        "A suspect was shot and died at the scene."
    )
    events = _report(pipeline, text).events
    assert len(events) == 1
    assert events[0].sub_event_type == "Attack"
    assert events[0].fatalities == 1


def test_a_toll_after_a_protest_stays_out_of_a_new_attack(pipeline):
    # the injured are the toll of the protest that was met with force, not an attack
    text = (
        "On 5 March 2024, hundreds of teachers protested over unpaid wages in front of the "
        "governor's office in Kirkuk, Iraq. Police dispersed them with batons. Seven "
        "teachers were injured."
    )
    events = _report(pipeline, text).events
    assert not any(e.sub_event_type == "Attack" for e in events)
