"""The learned candidate ranker: its training, its choice, its model file."""

from __future__ import annotations

import numpy as np
import pytest

from frontwire.geo.features import CANDIDATE_COLUMNS, NULL_COLUMNS
from frontwire.geo.gazetteer import ADMIN1, COUNTRY, Entry
from frontwire.geo.ranker import NO_PLACE, Ranker
from frontwire.geo.train import SKIP, Example, _nearest, accuracy, fit

NEAR = CANDIDATE_COLUMNS.index("near_context")
HAND = CANDIDATE_COLUMNS.index("hand_pick")
POP = CANDIDATE_COLUMNS.index("log_population")


def _examples(n: int, seed: int) -> list[Example]:
    """Mentions with two readings: the hand-set ranking takes the bigger town, while the
    right one is the reading near the article's other places whenever one is near."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        options = np.zeros((2, len(CANDIDATE_COLUMNS)))
        options[:, POP] = [0.8, 0.4]
        options[0, HAND] = 1.0
        near = int(rng.integers(2))
        options[near, NEAR] = 0.9
        options[1 - near, NEAR] = 0.05
        null = np.zeros(len(NULL_COLUMNS))
        null[0] = 1.0
        out.append(Example(f"t{seed}:{i}", "team", options, null, 0, near))
    return out


def test_training_learns_what_the_hand_ranking_misses() -> None:
    train, test = _examples(300, 1), _examples(200, 2)
    model = fit(train)
    assert accuracy(None, test) < 0.6  # the hand pick is right only by chance here
    assert accuracy(model, test) > 0.95
    assert model.w_candidate[NEAR] > 0


def test_the_hand_pick_stands_unless_another_option_is_clearly_better() -> None:
    w = np.zeros(len(CANDIDATE_COLUMNS))
    w[NEAR] = 1.0
    null_w = np.zeros(len(NULL_COLUMNS))
    null_w[0] = -5.0
    options = np.zeros((2, len(CANDIDATE_COLUMNS)))
    options[1, NEAR] = 0.5  # a slight edge for option 1
    null = np.zeros(len(NULL_COLUMNS))
    null[0] = 1.0
    assert Ranker(w, null_w, margin=0.0).choose(None, [], options, null, 0).index == 1
    assert Ranker(w, null_w, margin=0.5).choose(None, [], options, null, 0).index == 0
    # no reading at all is an option too: 'none of these'
    null_w[0] = 5.0
    assert Ranker(w, null_w).choose(None, [], options, null, 0).index == NO_PLACE


def test_distant_labels_take_the_gold_id_then_the_nearest_town_then_the_area() -> None:
    entries = [Entry(0, 704508, "Kramatorsk", 48.72, 37.56, "UA", "05", "PPLA2", 150_000),
               Entry(1, 709716, "Donetsk Oblast", 48.0, 37.8, "UA", "05", ADMIN1, 0),
               Entry(2, 111, "Kramatorsk", 50.45, 30.52, "UA", "13", "PPL", 600),
               Entry(3, 690791, "Ukraine", 49.0, 32.0, "UA", "", COUNTRY, 0)]
    assert _nearest(entries, 50.0, 30.0, geonameid=111) == 2
    assert _nearest(entries, 48.73, 37.57) == 0
    # a point 60 km from the region's centre: the region only where areas may be that far,
    # or where the event is known to lie in it
    assert _nearest(entries, 47.5, 37.9) == SKIP
    assert _nearest(entries, 47.5, 37.9, area_km=161.0) == 1
    assert _nearest(entries, 47.5, 37.9, areas=("UA.05", "UA")) == 1
    assert _nearest(entries, 46.5, 35.0, areas=("UA.09", "UA")) == 3


def test_a_broken_model_file_is_named_in_one_line(tmp_path) -> None:
    bad = tmp_path / "ranker.json"
    bad.write_text('{"candidate": {}}', encoding="utf-8")
    with pytest.raises(ValueError, match="ranker.json: not a geo ranker model"):
        Ranker.load(bad)


def test_the_shipped_model_matches_the_feature_columns() -> None:
    model = Ranker.load()
    assert model.w_candidate.shape == (len(CANDIDATE_COLUMNS),)
    assert model.w_null.shape == (len(NULL_COLUMNS),)
    assert 0.0 <= model.margin < 1.0


# ---- the ranker inside the geoparser, on team-written reports -----------------------------

FRONT_REPORT = (
    "KRAMATORSK, March 3 (Wire) - Russian artillery struck Kramatorsk and Bakhmut overnight, "
    "the regional governor said. Relatives of the Tikhonov family said a shell hit their "
    "house. Shelling was also reported near Krasnohorivka, Donetsk Oblast, and President "
    "Volodymyr Zelenskyy promised more air defence. Under its Soviet name, Artemivsk, "
    "Bakhmut was a salt-mining town."
)


@pytest.fixture(scope="module")
def ranked(parser):
    from frontwire.geo.parser import GeoParser

    return GeoParser(parser.gazetteer, ranker=Ranker.load())


def test_the_ranker_chooses_for_every_placed_name_and_only_those(nlp, parser) -> None:
    from frontwire.geo.parser import GeoParser
    from frontwire.geo.train import Recorder
    from frontwire.model import Article
    from frontwire.text.context import ArticleContext

    recorder = Recorder()
    geo = GeoParser(parser.gazetteer, ranker=recorder)
    geo.parse(ArticleContext(Article(id="t", text=FRONT_REPORT), nlp(FRONT_REPORT)))
    offered = {FRONT_REPORT[s.start:s.end] for s in recorder.seen}
    assert {"Kramatorsk", "Bakhmut", "Krasnohorivka", "Artemivsk"} <= offered
    assert not offered & {"Tikhonov", "Zelenskyy"}
    for seen in recorder.seen:  # the hand-set pick is marked among the options
        assert seen.options[seen.hand, HAND] == 1.0
        assert seen.options[:, HAND].sum() == 1.0


def test_with_the_ranker_the_front_line_places_still_resolve(places_in, ranked) -> None:
    found = places_in(FRONT_REPORT, ranked)
    assert found["Bakhmut"].geonameid == 713174
    assert found["Artemivsk"].geonameid == 713174
    assert found["Krasnohorivka"].admin1 == "Donetsk Oblast"
    assert found["Kramatorsk"].country_code == "UA"
    assert "Zelenskyy" not in found and "Tikhonov" not in found


def test_none_of_these_leaves_a_name_unplaced(places_in, parser) -> None:
    from frontwire.geo.parser import GeoParser

    null_w = np.zeros(len(NULL_COLUMNS))
    null_w[NULL_COLUMNS.index("null_bias")] = 20.0  # a model sure that nothing is a place
    sceptic = GeoParser(parser.gazetteer, ranker=Ranker(np.zeros(len(CANDIDATE_COLUMNS)),
                                                         null_w))
    text = "Russian drones hit an energy facility in Kramatorsk on Tuesday, officials said."
    assert places_in(text)["Kramatorsk"].lat is not None
    assert "Kramatorsk" not in {m for m, p in places_in(text, sceptic).items()
                                if p.lat is not None}
