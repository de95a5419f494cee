"""Features of a (mention, gazetteer candidate) pair and of a mention's "no place" option.

The ranker (`geo/ranker.py`) scores each option with a linear model over these columns and
takes a softmax per mention. The columns only describe; what they are worth is learned
(`frontwire train geo`). The hand-set ranking of `resolve.py` enters as two columns (its
pick, and each candidate's score below the best), so a trained model starts from it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

from frontwire.geo.gazetteer import (
    ADMIN1,
    ADMIN2,
    CAPITAL,
    CONTINENT,
    COUNTRY,
    LANDMARK_CLASS,
    REGION,
    data_path,
)
from frontwire.geo.lexicon import Lexicon, is_stop

# columns of a candidate option (their order is the model's)
CANDIDATE_COLUMNS = (
    "hand_pick", "hand_confidence", "hand_gap", "match_own", "match_alternate", "match_loose",
    "fuzzy_similarity",
    "old_name", "is_country", "is_admin1", "is_admin2", "is_area", "is_capital", "is_town",
    "is_landmark", "log_population", "biggest_namesake", "country_share", "admin1_named",
    "near_context", "far_from_context", "pair_support", "qualified", "hinted",
    "village_cue_town", "region_word_area", "locative_town", "big_town_after_cue",
    "loose_and_far", "loose_and_unsupported", "area_by_own_name", "town_beside_own_area",
    "small_town_beside_own_area", "other_name_beside_own_country", "hand_rule_pick",
)
# columns of the "no place" option
NULL_COLUMNS = (
    "null_bias", "kin_after", "title_before", "label_person", "label_org",
    "untagged", "stop_name", "best_match_loose", "possessive_after", "place_cue_before",
    "locative_before", "lowercase",
)

_WINDOW = 40  # characters looked at on either side of a mention


@dataclass(frozen=True)
class Cues:
    """What the words right around a mention say about it."""

    kin_after: bool  # 'the Hamad family'
    title_before: bool  # 'Mrs Kharkiv', 'Gen. Sumy'
    village_cue: bool  # 'the village of', 'the town of'
    region_after: bool  # 'X region', 'X province'
    locative_before: bool  # 'in', 'near', 'outside'
    place_cue_before: bool  # 'the battle for', 'shelling of'
    possessive_after: bool  # "X's"


def _patterns(lex: Lexicon) -> tuple[re.Pattern[str], ...]:
    rel = json.loads(data_path("relations.json").read_text(encoding="utf-8"))
    alt = "|".join
    kin = re.compile(rf"^(?:['\u2019]s)?\s+(?:{alt(map(re.escape, sorted(lex.kin_words)))})\b",
                     re.IGNORECASE)
    title = re.compile(rf"\b(?:{alt(map(re.escape, sorted(lex.person_titles)))})\.?\s+$",
                       re.IGNORECASE)
    village = re.compile(rf"\b(?:{alt(map(re.escape, rel['unknown_cues']))})\s+(?:the\s+)?$",
                         re.IGNORECASE)
    region = re.compile(r"^\s+(?:region|province|oblast|governorate|state|district|raion)\b",
                        re.IGNORECASE)
    locative = re.compile(rf"\b(?:{alt(map(re.escape, rel['locative']))})\s+(?:the\s+)?$",
                          re.IGNORECASE)
    cue = re.compile(rf"\b(?:{alt(map(re.escape, rel['place_cues']))})\s+(?:the\s+)?$",
                     re.IGNORECASE)
    return kin, title, village, region, locative, cue


def cues(text: str, start: int, end: int, lex: Lexicon) -> Cues:
    kin, title, village, region, locative, cue = lex.derived(_patterns)
    before = text[max(0, start - _WINDOW):start]
    after = text[end:end + _WINDOW]
    return Cues(
        kin_after=bool(kin.match(after)),
        title_before=bool(title.search(before)),
        village_cue=bool(village.search(before)),
        region_after=bool(region.match(after)),
        locative_before=bool(locative.search(before)),
        place_cue_before=bool(cue.search(before)),
        possessive_after=after[:2] in ("'s", "\u2019s"),
    )


_OWN = frozenset({"primary", "spelling"})
_LOOSE = frozenset({"skeleton", "partial", "county", "fuzzy"})
_AREAS = frozenset({COUNTRY, CONTINENT, REGION, ADMIN1})
BIG_TOWN = 100_000


@dataclass(frozen=True)
class Context:
    """What the rest of the article says of one candidate (computed by the resolver)."""

    country_share: float  # share of the article's country evidence for its country
    admin1_named: bool  # the article names its first-level region
    nearest_km: float | None  # distance to the nearest other place of the article
    support: float  # closeness to a reading of another name (0..1)
    qualified: bool  # 'X, Region' with the candidate in that region
    hinted: bool  # in a country the caller said the text is about


def candidate_row(match: str, similarity: float, old_name: bool, feature_code: str,
                  population: int, biggest: int, hand_pick: bool, hand_confidence: float,
                  hand_gap: float, ctx: Context, cue: Cues, own_area: str,
                  hand_rule: bool = False) -> list[float]:
    """`hand_rule`: the hand-set pick is not the best-scored reading (a rule of `resolve.py`
    chose it: 'New York' the city over the state); `own_area`: the feature code of a reading
    of the name that is a country (COUNTRY, first) or first-level region (ADMIN1) by its own
    name, else ''."""
    code = feature_code
    town = code not in _AREAS and code != ADMIN2 and code not in LANDMARK_CLASS
    pop = population if code not in (COUNTRY, CONTINENT) else 0
    near = ctx.nearest_km
    return [
        float(hand_pick),
        hand_confidence if hand_pick else 0.0,
        max(-10.0, min(0.0, hand_gap)) / 10.0,
        float(match in _OWN),
        float(match == "alternate"),
        float(match in _LOOSE),
        similarity if match == "fuzzy" else 0.0,
        float(old_name),
        float(code == COUNTRY),
        float(code == ADMIN1),
        float(code == ADMIN2),
        float(code in (CONTINENT, REGION)),
        float(code == CAPITAL),
        float(town),
        float(code in LANDMARK_CLASS),
        math.log10(pop + 1) / 7.0,
        float(biggest > 0 and population >= biggest),
        ctx.country_share,
        float(ctx.admin1_named),
        math.exp(-near / 50.0) if near is not None else 0.0,
        float(near is not None and near > 500.0),
        ctx.support,
        float(ctx.qualified),
        float(ctx.hinted),
        float(cue.village_cue and town),
        float(cue.region_after and code in (ADMIN1, ADMIN2)),
        float(cue.locative_before and town),
        float(cue.village_cue and town and population >= BIG_TOWN),
        # an unseen spelling is worth something only near the article's other places
        float(match in _LOOSE and (near is None or near > 500.0)),
        float(match in _LOOSE and ctx.country_share == 0.0 and not ctx.hinted),
        # 'Mexico', 'Georgia': a country's or region's own name before a namesake town's
        float(code in (COUNTRY, ADMIN1) and match in _OWN),
        float(town and bool(own_area)),
        # 'Kansas', 'Suffolk': a hamlet of a region's or country's name is seldom meant (while
        # 'Aleppo' or 'Durango' is a great city and a region alike)
        float(town and bool(own_area)) * max(0.0, 1.0 - math.log10(pop + 1) / 5.0),
        # 'Mexico' for Mexico City, 'Panama' for Panama City: a town read by another name
        # beside a country by its own ('New York' the city beside its state is another matter)
        float(own_area == COUNTRY and match not in _OWN),
        float(hand_pick and hand_rule),
    ]


def null_row(text: str, label: str, best_match: str, cue: Cues, lex: Lexicon) -> list[float]:
    return [
        1.0,
        float(cue.kin_after),
        float(cue.title_before),
        float(label == "PERSON"),
        float(label == "ORG"),
        float(not label),
        float(is_stop(lex, text)),
        float(best_match in _LOOSE),
        float(cue.possessive_after),
        float(cue.place_cue_before),
        float(cue.locative_before),
        float(text.islower()),
    ]
