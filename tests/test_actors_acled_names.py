"""Actor names in ACLED's conventions (events/actors.py, data/events/actors.json): identity
militias by community, kind and country; the Houthis as the state forces of the Sanaa
authorities; foreign forces of unknown nationality; the coalitions by their operation.
Phrases written by the team."""

from __future__ import annotations

import pytest

from frontwire.events.actors import ActorRegistry


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.load()


def _names(nlp, registry, text: str, country: str | None = "SO") -> list[str]:
    return [m.entry.name for m in registry.find(nlp(text)[:], country)]


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        (
            "Darod-Marehan sub-clan militia abducted two herders near the village.",
            "SO",
            ["Darod-Marehan Sub-Clan Militia (Somalia)", "Civilians (Somalia)"],
        ),
        (
            "Hawiye-Sheeqaal and Dir clan militias held a peace conference in the town.",
            "SO",
            ["Hawiye-Sheeqaal Clan Militia (Somalia)", "Dir Clan Militia (Somalia)"],
        ),
        (
            "Rizeigat ethnic militiamen looted cattle from farmers.",
            "SD",
            ["Rizeigat Ethnic Militia (Sudan)", "Civilians (Sudan)"],
        ),
        ("Al Hayash tribesmen took control of two checkpoints.", "YE",
         ["Al Hayash Tribal Militia (Yemen)"]),
        # no name given: an unidentified militia of that kind
        ("Two clan militias exchanged fire near the well.", "SO",
         ["Unidentified Clan Militia (Somalia)"]),
    ],
)  # fmt: skip
def test_identity_militias_are_named_by_community_kind_and_country(
    nlp, registry, text, country, expected
):
    assert _names(nlp, registry, text, country) == expected


def test_identity_militias_are_identity_militias(nlp, registry):
    (m,) = registry.find(nlp("Gaaljecel clan militia set up a checkpoint.")[:], "SO")
    assert m.entry.inter == 4


def test_a_sentence_opening_is_no_community(nlp, registry):
    names = _names(nlp, registry, "On Monday, Darod-Marehan sub-clan militia attacked a camp.")
    assert names == ["Darod-Marehan Sub-Clan Militia (Somalia)"]


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Houthi forces", "Military Forces of Yemen (2016-) Supreme Political Council"),
        ("the Saudi-led coalition", "Operation Restoring Hope"),
        ("the US-led coalition", "Global Coalition Against Daesh"),
        ("international forces", "Unidentified Military Forces"),
        ("the Rapid Action Battalion", "Police Forces of Bangladesh"),
        ("Puntland Dervish Force", "Military Forces of Somalia"),
        ("the Sudanese Armed Forces", "Military Forces of Sudan"),
        ("the QSD", "SDF: Syrian Democratic Forces"),
        # the name the report uses decides: ISGS is not yet IS Sahel
        ("ISGS militants", "Islamic State (Greater Sahara)"),
        ("the Islamic State in the Greater Sahara", "Islamic State (Greater Sahara)"),
        ("Islamic State Sahel Province fighters", "Islamic State (Sahel)"),
        ("Janjaweed militiamen", "Darfur Communal Militia (Sudan)"),
        ("LNA forces", "Military Forces of Libya"),
        ("IRG forces", "Military Forces of Yemen"),
        # an alias stored without 'the' is found with it in the text
        (
            "the Democratic Forces for the Liberation of Rwanda",
            "FDLR: Democratic Forces for the Liberation of Rwanda",
        ),
    ],
)
def test_registry_names_follow_acled(nlp, registry, phrase, name):
    assert _names(nlp, registry, f"{phrase} attacked the town.", None)[0] == name


def test_the_houthis_are_state_forces_for_acled(nlp, registry):
    (m,) = registry.find(nlp("Houthi forces shelled the town.")[:], "YE")
    assert m.entry.inter == 1


def test_a_short_name_defined_in_the_article_is_found_again(nlp, registry):
    doc = nlp(
        "The People's Defense Force (PDF) said it was attacked. Later the PDF ambushed a convoy."
    )
    first, second = list(doc.sents)
    registry.find(first)
    assert [m.entry.name for m in registry.find(second)] == ["PDF: People's Defense Force"]
