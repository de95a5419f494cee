"""The GeoParser owns its word lists, phrases and weights (issue 16: resources owned by the
Pipeline, nothing global): recognition and resolution read the lexicon the parser was
given, so two parsers with different lexicons in one process each keep their own."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from frontwire.geo.parser import GeoParser
from frontwire.model import Article
from frontwire.text.context import ArticleContext


@pytest.fixture(scope="module")
def run(nlp):
    def parse(text: str, geo: GeoParser) -> dict[str, tuple[str, str | None, int]]:
        ctx = ArticleContext(Article(id="test", text=text), nlp(text))
        return {m.text: (p.name, p.feature_code, m.geo_precision) for p in geo.parse(ctx)
                for m in p.mentions}

    return parse


def _with(parser: GeoParser, **changes: object) -> GeoParser:
    return GeoParser(parser.gazetteer, lexicon=replace(parser.lexicon, **changes))


def test_recognition_reads_the_parsers_own_river_list(parser, run) -> None:
    text = "Ukrainian troops crossed the Dnipro near Kherson on Tuesday, officials said."
    assert "Dnipro" not in run(text, parser)  # the river, not the city
    assert run(text, _with(parser, rivers=frozenset()))["Dnipro"][0] == "Dnipro"


def test_a_pattern_compiled_from_the_lexicon_belongs_to_that_lexicon(parser, run) -> None:
    text = "Farmers across the EU blocked roads with tractors on Monday, their unions said."
    assert run(text, parser)["EU"][0] == "European Union"
    assert "EU" not in run(text, _with(parser, unions=()))
    assert "EU" in run(text, parser)  # the other parser's pattern did not replace this one


def test_relative_phrases_come_from_the_parsers_relations(parser, run) -> None:
    text = "Shelling hit villages near Izium on Monday, the governor said."
    assert run(text, parser)["Izium"][2] == 2  # near a town: ACLED precision 2
    never = replace(parser.lexicon.relations, relative_end=re.compile(r"(?!)"))
    assert run(text, _with(parser, relations=never))["Izium"][2] == 1


def test_resolution_ranks_with_the_parsers_weights(parser) -> None:
    assert parser.geocode("Georgia").feature_code == "PCLI"
    weights = dict(parser.lexicon.weights)
    weights["class_admin1"] += 50.0
    state = _with(parser, weights=weights).geocode("Georgia")
    assert state is not None and (state.feature_code, state.country_code) == ("ADM1", "US")
