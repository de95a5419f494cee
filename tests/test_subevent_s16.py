"""Session-16 sub-event patterns, from error analysis on ACLED notes and CASE dev, tested on
sentences the team wrote (no ACLED or evaluation text):

- drugs seized or a drug lab dismantled by police are a seizure of property (ACLED:
  Looting/property destruction), also when arrests come with the seizure;
- a party's cadres or partisans clashing, or a clash over a poll or a ballot, is Mob
  violence (not organised armed groups); armed groups clashing at a polling station stay a
  battle;
- conflict actors meeting to talk (talks, a peace meeting, a mediation) negotiate: Agreement,
  unless a fight is the news.
"""

from __future__ import annotations

import pytest

from frontwire.ingest.article import make_article


@pytest.mark.parametrize(
    "text",
    [
        "On 9 March 2023, federal police seized 300 kilograms of cocaine from a lorry on the "
        "highway near Cascavel.",
        "Civil police dismantled a cocaine laboratory in a farmhouse outside Itajai on Tuesday.",
        "Customs officers seized a large consignment of heroin at the port of Mombasa and "
        "arrested two crew members.",
    ],
)
def test_drug_seizure_is_property_seizure(sub_event_of, text: str) -> None:
    assert sub_event_of(text) == "Looting/property destruction"


def test_drug_lab_raid_with_a_later_arrest_is_one_seizure(pipeline) -> None:
    text = (
        "On 14 June 2023, in Londrina, military police dismantled a marijuana laboratory in "
        "a rented house. Two men were arrested."
    )
    report = pipeline.extract(make_article(text, published="2023-06-14"))
    assert [e.sub_event_type for e in report.events] == ["Looting/property destruction"]


def test_plain_arrest_stays_an_arrest(sub_event_of) -> None:
    assert sub_event_of("Police arrested two opposition leaders in Harare on Monday.") == "Arrests"


@pytest.mark.parametrize(
    "text",
    [
        "Cadres of the ruling party and cadres of the opposition clashed outside a polling "
        "station in Birgunj on Sunday, leaving six people injured.",
        "Members of two rival political parties clashed in the market of Sitapur on Tuesday, "
        "and four people were hurt.",
        "A clash broke out over the ballot count in Rampur village, injuring eleven people.",
    ],
)
def test_partisans_clashing_are_mob_violence(sub_event_of, text: str) -> None:
    assert sub_event_of(text) == "Mob violence"


def test_armed_groups_clashing_at_a_polling_station_stay_a_battle(sub_event_of) -> None:
    text = "Rebels clashed with soldiers near a polling station in Kidal on Sunday."
    assert sub_event_of(text) == "Armed clash"


@pytest.mark.parametrize(
    "text",
    [
        "On 2 March 2024, two clan militias held talks in the village of Dayniile to end their "
        "feud over grazing land.",
        "Government and rebel delegates began indirect talks with Kenyan mediation in Nairobi "
        "on Monday.",
        "Al Shabaab held meetings with clan elders in Ceel Dheer on Sunday to settle a dispute "
        "over wells.",
    ],
)
def test_conflict_actors_meeting_to_talk_is_an_agreement(sub_event_of, text: str) -> None:
    assert sub_event_of(text) == "Agreement"


def test_talks_do_not_outweigh_a_battle(sub_event_of) -> None:
    text = (
        "Rebels and soldiers clashed for hours near Kidal on Sunday, killing eight fighters, "
        "a day before peace talks were due to resume."
    )
    assert sub_event_of(text) == "Armed clash"
