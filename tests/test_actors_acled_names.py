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
            # a clan below its family is a sub-clan for ACLED; a family alone is a clan
            ["Hawiye-Sheeqaal Sub-Clan Militia (Somalia)", "Dir Clan Militia (Somalia)"],
        ),
        # a clan named alone takes its line of descent ...
        ("A Hawadle clan militia set up a checkpoint on the main road.", "SO",
         ["Hawiye-Hawadle Sub-Clan Militia (Somalia)"]),
        ("Habar Gedir-Sacad clan militiamen attacked a water point.", "SO",
         ["Hawiye-Habar Gedir-Sacad Sub-Clan Militia (Somalia)"]),
        # ... which names its country when the place gave none, whatever the tagger made
        # of a name that opens the sentence
        ("Hawadle clan militia set up a checkpoint on the main road.", None,
         ["Hawiye-Hawadle Sub-Clan Militia (Somalia)"]),
        # a long name with its whole line is kept whole
        ("Darod-Harti-Warsangeli Nuh-Omar sub-clan militia signed a truce on Monday.", "SO",
         ["Darod-Harti-Warsangeli Nuh-Omar Sub-Clan Militia (Somalia)"]),
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
        # groups that recur in reporting on their conflicts
        ("NAF forces", "NAF: United Armed Forces of Novorossiya"),
        ("Gulf Clan members", "Gulf Clan"),
        ("ELN guerrillas", "ELN: National Liberation Army"),
        ("SNA soldiers", "Military Forces of Somalia"),
        ("Jubo League activists", "Jubo League"),
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


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # the country named after the force is its own, not the event's
        ("The Coast Guard of the United States stopped a boat with 30 migrants.", "TC",
         ["Military Forces of the United States", "Civilians (Turks and Caicos Islands)"]),
        # people from a country keep it where they arrive (ACLED codes refugees so)
        ("About 900 refugees from Ukraine arrived in Przemysl on Sunday.", "PL",
         ["Civilians (Ukraine)"]),
        # the police by another name
        ("Law enforcers arrested 30 people in the district.", "BD",
         ["Police Forces of Bangladesh", "Civilians (Bangladesh)"]),
        # an operation's own name between the demonym and the force noun
        ("French Operation Barkhane forces struck a camp near the border.", "ML",
         ["Military Forces of France"]),
        # but a group of the registry there is that group
        ("Somali Al Shabaab fighters struck a camp near the border.", "SO", ["Al Shabaab"]),
    ],
)  # fmt: skip
def test_a_country_named_with_the_force_or_the_people_is_theirs(
    nlp, registry, text, country, expected
):
    assert _names(nlp, registry, text, country) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Global Coalition forces shot down a drone over the base.",
            ["Global Coalition Against Daesh"],
        ),
        ("Wagner forces entered the village at dawn.", ["Wagner Group"]),
    ],
)
def test_the_force_noun_after_a_foreign_force_is_part_of_its_name(nlp, registry, text, expected):
    # not a second, generic actor ('Military Forces of Iraq') beside the named one
    assert _names(nlp, registry, text, "IQ") == expected
