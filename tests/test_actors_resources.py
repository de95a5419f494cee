"""The actor registry owns its country names (loaded once with it by the Pipeline through
EventCoder.load), not module-level caches: two registries built from different name tables
name the same generic actor differently, and the role finder reads the codes from its own
registry."""

from __future__ import annotations

from frontwire.events.actors import ActorRegistry
from frontwire.resources import load_data


def _registry(names: dict[str, str]) -> ActorRegistry:
    demonyms = load_data("geo", "world.json").get("demonyms", {})
    return ActorRegistry(load_data("events", "actors.json"), demonyms, names)


def test_country_names_belong_to_the_registry():
    plain = _registry({"KE": "Kenya", "US": "United States"})
    other = _registry({"KE": "Republic of Kenya", "US": "United States"})
    assert plain.generic_entry("civilians", "KE").name == "Civilians (Kenya)"
    assert other.generic_entry("civilians", "KE").name == "Civilians (Republic of Kenya)"
    # ACLED's own spelling and article still apply over the table's names
    assert plain.generic_entry("state", "US").name == "Military Forces of the United States"
    assert plain.country_codes["kenya"] == "KE"
    assert "kenya" not in other.country_codes


def test_a_country_named_with_a_possessive_uses_the_registrys_codes(nlp):
    reg = _registry({"KE": "Kenya"})
    doc = nlp("Kenya's troops shelled the camp on Monday.")
    assert [m.entry.name for m in reg.find(doc[:])] == ["Military Forces of Kenya"]


def test_the_pipeline_loads_one_registry_for_its_role_finder(pipeline):
    coder = pipeline.coder
    assert coder.roles.registry is coder.registry
    assert coder.registry.country_codes.get("ukraine") == "UA"
