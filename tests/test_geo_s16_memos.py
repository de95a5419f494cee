"""The geoparser's memos belong to the object that holds the resource they index (issue 16:
resources owned by the Pipeline, nothing global): the scan for an unseen spelling's readings
is memoised on the Gazetteer it reads, so two gazetteers in one process never share answers,
and no geo module keeps a cache of its own."""

from __future__ import annotations

import importlib
import pkgutil
from weakref import WeakKeyDictionary

import frontwire.geo
from frontwire.geo.gazetteer import Gazetteer
from frontwire.geo.resolve import candidates_for
from frontwire.text.fold import skeleton


def _readings(gaz: Gazetteer, lexicon, name: str) -> list[tuple[str, str, float]]:
    return [(c.entry.name, c.match, round(c.similarity, 3))
            for c in candidates_for(gaz, lexicon, name, fuzzy=True)]


def test_a_misspelt_town_is_read_through_the_gazetteers_own_memo(parser, places_in):
    # a wire copy's typo of a war town is still that town, beside its neighbour
    found = places_in("Russian artillery shelled the outskirts of Kramatorks and Sloviansk "
                      "overnight, the regional governor said.")
    assert found["Kramatorks"].name == "Kramatorsk"
    assert found["Kramatorks"].country_code == "UA"
    # the scan's answer is kept by the gazetteer that was scanned ...
    assert any(key[0] == skeleton("Kramatorks") for key in parser.gazetteer._close)
    # ... and a second gazetteer over the same file starts empty and answers alike
    other = Gazetteer(parser.gazetteer.path)
    assert not other._close
    assert _readings(other, parser.lexicon, "Kramatorks") == _readings(
        parser.gazetteer, parser.lexicon, "Kramatorks")
    assert other._close


def test_no_geo_module_keeps_a_cache_of_its_own():
    # (memos live on the objects that own what they index: Gazetteer, Relations)
    caches = []
    for info in pkgutil.iter_modules(frontwire.geo.__path__):
        module = importlib.import_module(f"frontwire.geo.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, WeakKeyDictionary) or (
                    isinstance(value, dict) and ("MEMO" in name or "CACHE" in name)):
                caches.append(f"{info.name}.{name}")
    assert caches == []
