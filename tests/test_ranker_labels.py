"""The ranker's distant labels and the features that tell a region's name from a namesake
town: what UCDP headlines can and cannot say about which reading is right."""

from __future__ import annotations

import numpy as np

from frontwire.geo.features import CANDIDATE_COLUMNS, NULL_COLUMNS, Context, Cues, candidate_row
from frontwire.geo.gazetteer import ADMIN1, ADMIN2, COUNTRY, Entry
from frontwire.geo.train import Example, _acceptable, _Seen, accuracy, fit

MEXICO = Entry(0, 3996063, "Mexico", 23.0, -102.0, "MX", "", COUNTRY, 126_000_000)
MEXICO_CITY = Entry(1, 3530597, "Mexico City", 19.43, -99.13, "MX", "09", "PPLC", 12_000_000)
DURANGO = Entry(2, 4011743, "Durango", 24.02, -104.66, "MX", "10", "PPLA", 580_000)
DURANGO_MUN = Entry(3, 8581827, "Durango", 24.1, -104.6, "MX", "10", ADMIN2, 0)
DURANGO_STATE = Entry(4, 4011741, "Durango", 24.5, -104.5, "MX", "10", ADMIN1, 0)


def _seen(entries: list[Entry], matches: list[str]) -> _Seen:
    n = len(entries)
    return _Seen(0, 6, entries, matches, np.zeros((n, len(CANDIDATE_COLUMNS))),
                 np.zeros(len(NULL_COLUMNS)), 0)


def test_a_country_by_its_own_name_is_the_label_over_a_city_of_another_name() -> None:
    # 'violence in Mexico' about an event in Mexico City: the headline names the country
    seen = _seen([MEXICO, MEXICO_CITY], ["primary", "alternate"])
    assert _acceptable(seen, 19.40, -99.10, areas=("MX.09", "MX")) == [0]


def test_a_town_and_the_district_of_its_name_are_both_right_near_the_event() -> None:
    seen = _seen([DURANGO_STATE, DURANGO, DURANGO_MUN], ["primary"] * 3)
    assert _acceptable(seen, 24.03, -104.65, areas=("MX.10", "MX")) == [1, 2]
    # far from the town, in the state: the state (as the event's own region)
    assert _acceptable(seen, 25.9, -105.4, areas=("MX.10", "MX")) == [0]


def test_fitting_with_several_right_options_counts_either_as_right() -> None:
    """Two options right together (the town and its district) and a third, the hand pick,
    always wrong: the model learns to avoid the third and either of the two counts."""
    col = CANDIDATE_COLUMNS.index("is_admin2")
    pop = CANDIDATE_COLUMNS.index("log_population")
    examples = []
    for i in range(200):
        options = np.zeros((3, len(CANDIDATE_COLUMNS)))
        options[:, pop] = [0.7, 0.6, 0.9]
        options[1, col] = 1.0
        null = np.zeros(len(NULL_COLUMNS))
        examples.append(Example(f"d{i}", "ucdp", options, null, 2, 0 if i % 2 else 1,
                                (1,) if i % 2 else (0,)))
    model = fit(examples)
    assert accuracy(None, examples) == 0.0  # the hand pick (option 2) is always wrong
    assert accuracy(model, examples) == 1.0
    assert accuracy(None, [Example("d", "ucdp", examples[0].options, examples[0].null, 1, 0,
                                   (1,))]) == 1.0  # a pick among the right ones is right


def _row(feature_code: str, population: int, match: str, own_area: str) -> dict[str, float]:
    ctx = Context(0.0, False, None, 0.0, False, False)
    cue = Cues(False, False, False, False, False, False, False)
    values = candidate_row(match, 1.0, False, feature_code, population, population, False,
                           0.0, 0.0, ctx, cue, own_area)
    return dict(zip(CANDIDATE_COLUMNS, values, strict=True))


def test_a_hamlet_beside_a_region_of_its_name_is_marked_and_a_great_city_is_not() -> None:
    hamlet = _row("PPL", 780, "primary", ADMIN1)  # 'Kansas', Oklahoma, beside the state
    city = _row("PPLA", 580_000, "primary", ADMIN1)  # Durango the city, beside its state
    assert hamlet["small_town_beside_own_area"] > 0.4
    assert city["small_town_beside_own_area"] == 0.0
    assert hamlet["town_beside_own_area"] == city["town_beside_own_area"] == 1.0


def test_a_city_of_another_name_beside_a_country_of_its_own_is_marked() -> None:
    assert _row("PPLC", 12_000_000, "alternate", COUNTRY)["other_name_beside_own_country"] == 1
    # a city beside a region of its name ('New York') is not
    assert _row("PPL", 8_800_000, "alternate", ADMIN1)["other_name_beside_own_country"] == 0
