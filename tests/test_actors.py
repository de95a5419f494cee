"""Actor registry: aliases, inter codes, demonym fallback, generic actors."""

from __future__ import annotations

import pytest

from frontwire.events.actors import ActorRegistry


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.load()


def _names(nlp, registry, text: str, country: str | None = None) -> list[tuple[str, str, int]]:
    doc = nlp(text)
    return [(m.text, m.entry.name, m.entry.inter) for m in registry.find(doc[:], country)]


@pytest.mark.parametrize(
    "phrase",
    [
        "Russian troops",
        "Russian forces",
        "the Russian army",
        "Russian soldiers",
        "Russia's armed forces",
    ],
)
def test_russian_forces_aliases(nlp, registry, phrase):
    found = _names(nlp, registry, f"Witnesses said {phrase} advanced at dawn.")
    assert [(n, i) for _, n, i in found] == [("Military Forces of Russia", 1)]


@pytest.mark.parametrize(
    "phrase", ["Ukrainian soldiers", "the National Guard", "the Ukrainian army", "Ukrainian units"]
)
def test_ukrainian_state_forces(nlp, registry, phrase):
    # 'the National Guard' is the state forces of the event's country (Ukraine's here)
    found = _names(nlp, registry, f"Officials said {phrase} held the line near the river.", "UA")
    assert [n for _, n, _ in found] == ["Military Forces of Ukraine"]


def test_named_groups_and_their_inter_codes(nlp, registry):
    found = _names(
        nlp,
        registry,
        "Wagner fighters and Boko Haram militants were blamed, while Al-Shabaab denied it.",
    )
    assert [(n, i) for _, n, i in found] == [
        ("Wagner Group", 8),
        ("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2),
        ("Al Shabaab", 2),
    ]


def test_demonym_plus_force_noun_for_unknown_conflicts(nlp, registry):
    found = _names(nlp, registry, "Ethiopian troops and Kenyan police patrolled the border.")
    assert [n for _, n, _ in found] == ["Military Forces of Ethiopia", "Police Forces of Kenya"]
    found = _names(nlp, registry, "Mozambican troops and Burundian soldiers guarded the road.")
    assert [n for _, n, _ in found] == [
        "Military Forces of Mozambique", "Military Forces of Burundi"]


def test_generic_actors_take_the_event_country(nlp, registry):
    found = _names(
        nlp,
        registry,
        "Gunmen attacked the market, killing civilians, before the army arrived and "
        "protesters gathered.",
        "NG",
    )
    assert [(n, i) for _, n, i in found] == [
        ("Unidentified Armed Group (Nigeria)", 3),
        ("Civilians (Nigeria)", 7),
        ("Military Forces of Nigeria", 1),
        ("Protesters (Nigeria)", 6),
    ]


def test_state_forces_abroad_are_external(registry):
    russia = registry.by_name("Military Forces of Russia")
    assert russia.inter_at("RU") == 1
    assert russia.inter_at("UA") == 8
    assert russia.inter_at(None) == 1
    rebels = registry.by_name("Al Shabaab")
    assert rebels.inter_at("KE") == 2


def test_possessive_points_back_to_the_demonym(nlp, registry):
    found = _names(
        nlp, registry, "The Russian defence ministry said its forces took the hill.", "UA"
    )
    assert [n for _, n, _ in found] == ["Military Forces of Russia"]


def test_head_nouns_after_a_named_actor_belong_to_it(nlp, registry):
    found = _names(
        nlp, registry, "PKK militants fired on Turkish army soldiers near the border.", "IQ"
    )
    assert [(t, n) for t, n, _ in found] == [
        ("PKK militants", "PKK: Kurdistan Workers Party"),
        ("Turkish army soldiers", "Military Forces of Turkey"),
    ]


def test_the_longer_reading_wins_over_an_alias_inside_it(nlp, registry):
    found = _names(nlp, registry, "Israeli military forces shelled the post.", "PS")
    assert [(t, n) for t, n, _ in found] == [
        ("Israeli military forces", "Military Forces of Israel")
    ]


@pytest.mark.parametrize(
    ("phrase", "name", "inter"),
    [
        ("Rapid Support Forces fighters", "Rapid Support Forces", 2),
        ("JNIM militants", "JNIM: Group for Support of Islam and Muslims", 2),
        ("the Arakan Army", "ULA/AA: United League of Arakan/Arakan Army", 2),
        ("US forces", "Military Forces of the United States", 1),
    ],
)
def test_named_groups_of_current_conflicts(nlp, registry, phrase, name, inter):
    found = _names(nlp, registry, f"Officials said {phrase} attacked the town.")
    assert [(n, i) for _, n, i in found] == [(name, inter)]


def test_generic_actors_spell_countries_as_acled_does():
    registry = ActorRegistry.load()
    assert registry.generic_entry("civilians", "PS").name == "Civilians (Palestine)"
    assert (
        registry.generic_entry("civilians", "CD").name
        == "Civilians (Democratic Republic of Congo)"
    )
    assert (
        registry.generic_entry("state", "CD").name
        == "Military Forces of the Democratic Republic of Congo"
    )
    assert registry.generic_entry("state", "US").name == "Military Forces of the United States"
    assert registry.generic_entry("armed", "UA").name == "Unidentified Armed Group (Ukraine)"
