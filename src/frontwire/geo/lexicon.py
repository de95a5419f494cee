"""The word lists that recognition reads (data/geo/*.json), and the tests on names built on
them that several recognition modules share."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from frontwire.geo.gazetteer import ADMIN1, COUNTRY, PRIMARY, REGION, Gazetteer, data_path
from frontwire.geo.relations import Relations, load_relations
from frontwire.resources import load_data
from frontwire.text.fold import fold, is_acronym, spelling_key

MAX_NGRAM = 4
MAJOR_CITY = 100_000
GREAT_CITY = 1_000_000  # a city this big keeps its other names too: 'Bangalore', 'Bombay'
REGION_NAME_MIN = 6  # a region's name this long is no common word ('Gulf', 'West')
TRAILING = re.compile(r"(?:['\u2019]s?|[.,;:])$")
T = TypeVar("T")


@dataclass(frozen=True)
class Lexicon:
    """The word lists recognition and resolution read, loaded once by the `GeoParser` that
    owns them; the patterns compiled from them are kept here too (`derived`)."""

    stop: frozenset[str]
    acronyms: frozenset[str]
    person_titles: frozenset[str]
    polity_words: frozenset[str]  # 'the Russian Empire': no village
    demonyms: dict[str, str]
    area_demonyms: dict[str, str]  # 'Ohioans' -> 'Ohio|US', 'European' -> 'Europe'
    local_heads: frozenset[str]
    of_heads: frozenset[str]
    media_heads: frozenset[str]
    local_nouns: frozenset[str]
    metonymy_nouns: frozenset[str]
    office_words: frozenset[str]
    site_last: frozenset[str]  # 'Kingsley Road', 'Veterans Park'
    site_first: frozenset[str]  # 'Lake Robinson', 'Fort Benning'
    venue_heads: tuple[str, ...]  # 'hospital', 'prison': closes a venue's name (venues.py)
    civil_nouns: frozenset[str]  # 'Moscow officials' (a state's), 'Dover officials' (a town's)
    townsfolk_nouns: tuple[str, ...]  # 'a Lebanon woman': a namesake town, not the country
    area_prefixes: frozenset[str]  # 'South Philadelphia', 'western Ukraine'
    admin_words: frozenset[str]  # 'Province of Ontario', 'Enfield Borough'
    demonym_place_nouns: frozenset[str]  # 'the Russian border': the demonym names the ground
    seat_speech: frozenset[str]  # 'the Kremlin said': a government's seat is the government
    site_nouns: frozenset[str]  # 'the Zaporizhzhia nuclear power plant': part of a site's name
    rivers: frozenset[str]  # 'crossed the Dnipro': a river, not the city
    institution_words: frozenset[str]  # 'Court', 'Observatory': an institution's name
    part_nouns: frozenset[str]  # 'the Shejaiya neighbourhood': a part of a town
    kin_words: frozenset[str]  # 'the Hamad family': a surname before it, not a place
    unions: tuple[str, ...]  # 'EU': a place only after a locative word ('within the EU')
    group_countries: dict[str, str]  # 'taliban' -> 'AF': an armed group of one country
    weights: dict[str, float]  # the resolver's hand-set feature weights (weights.json)
    relations: Relations  # relative phrases ('5 km south of') and place cues, compiled
    _derived: dict[Callable[..., Any], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def derived(self, build: Callable[[Lexicon], T]) -> T:
        """`build(self)` computed once per lexicon (a pattern compiled from its words)."""
        if build not in self._derived:
            self._derived[build] = build(self)
        return self._derived[build]


def _group_countries(demonyms: set[str]) -> dict[str, str]:
    """The names of armed groups of one country (the actor registry,
    data/events/actors.json), folded, with their country: 'the Taliban' tells the story is
    about Afghanistan as 'Afghan' does. Which kinds and words count: data/geo/group_cues.json."""
    cues = load_data("geo", "group_cues.json")
    home_kinds, plain = frozenset(cues["home_kinds"]), frozenset(cues["plain_words"])
    out: dict[str, str] = {}
    not_first = demonyms | {"is", "the"}  # ('IS Sahel' reads as the verb: 'it is Sahel's')
    for actor in load_data("events", "actors.json")["actors"]:
        cc = actor.get("country_code")
        if not cc or actor.get("kind") not in home_kinds:
            continue
        for alias in actor.get("aliases", []):
            key = fold(alias)
            words = key.split()
            if (len(key.replace(" ", "")) >= cues["name_min_letters"]
                    and words[0] not in not_first and not set(words) <= plain):  # fmt: skip
                out[key] = cc
    return out


def group_pattern(lex: Lexicon) -> re.Pattern[str] | None:
    """One pattern for all the group names (`Lexicon.derived`), longest first."""
    names = sorted(lex.group_countries, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None


def load_lexicon() -> Lexicon:
    stop = json.loads(data_path("stopnames.json").read_text(encoding="utf-8"))
    world = json.loads(data_path("world.json").read_text(encoding="utf-8"))
    orgs = json.loads(data_path("org_places.json").read_text(encoding="utf-8"))
    sites = json.loads(data_path("sites.json").read_text(encoding="utf-8"))
    relations = json.loads(data_path("relations.json").read_text(encoding="utf-8"))
    landmarks = json.loads(data_path("landmarks.json").read_text(encoding="utf-8"))
    weights = json.loads(data_path("weights.json").read_text(encoding="utf-8"))
    return Lexicon(
        # a union's names are stop names: only the locative cue reads them as places
        stop=frozenset(fold(w) for w in stop["words"]) | {
            fold(n) for u in world.get("unions", []) for n in u["names"]},
        acronyms=frozenset(stop["acronyms"]),
        person_titles=frozenset(stop["person_titles"]),
        polity_words=frozenset(stop["polity_words"]),
        demonyms={fold(k): v for k, v in world["demonyms"].items()},
        area_demonyms={fold(k): v for k, v in world["area_demonyms"].items()},
        local_heads=frozenset(fold(w) for w in orgs["local_heads"]),
        of_heads=frozenset(fold(w) for w in orgs["of_heads"]),
        media_heads=frozenset(fold(w) for w in orgs["media_heads"]),
        local_nouns=frozenset(orgs["local_nouns"]),
        metonymy_nouns=frozenset(orgs["metonymy_nouns"]),
        office_words=frozenset(orgs["office_words"]),
        site_last=frozenset(sites["last"]),
        site_first=frozenset(sites["first"]),
        venue_heads=tuple(sites["venue_heads"]),
        civil_nouns=frozenset(orgs["civil_nouns"]),
        townsfolk_nouns=tuple(orgs["townsfolk_nouns"]),
        area_prefixes=frozenset(relations["area_prefixes"]),
        admin_words=frozenset(relations["admin_words"]),
        demonym_place_nouns=frozenset(relations["demonym_place_nouns"]),
        seat_speech=frozenset(landmarks["seat_speech"]),
        site_nouns=frozenset(landmarks["site_nouns"]),
        rivers=frozenset(fold(r) for r in relations["rivers"]),
        institution_words=frozenset(stop["institution_words"]),
        part_nouns=frozenset(relations["part_nouns"]),
        kin_words=frozenset(stop["kin_words"]),
        unions=tuple(n for u in world.get("unions", []) for n in u["names"]),
        group_countries=_group_countries({fold(k) for k in world["demonyms"]}),
        weights={k: float(v) for k, v in weights.items() if not k.startswith("_")},
        relations=load_relations(),
    )


def is_stop(lex: Lexicon, text: str) -> bool:
    return fold(text) in lex.stop or text.strip(".") in lex.acronyms


def major_place(gaz: Gazetteer, lex: Lexicon, name: str) -> bool:
    """An ORG entity that is, word for word, a country, a region or a large city: the
    tagger's mistake ('Texas', 'KYIV'), not an organisation named after a place."""
    name = TRAILING.sub("", name)
    name = name[4:] if name[:4] in ("The ", "the ") else name  # 'The Greater Toronto Area'
    if is_stop(lex, name) or is_acronym(name) and len(name) < 5:
        return False
    return any(
        (e := gaz.entry(i)).feature_code in (COUNTRY, ADMIN1)
        # a big city by its own name or a spelling of it ('Zaporizhzhia'), not an old name
        or e.population >= MAJOR_CITY and (kind == PRIMARY or spelling_key(e.name) == (
            spelling_key(name)) or e.population >= GREAT_CITY and " " not in name)
        # (a great city's one-word other name, 'Bangalore', 'Bombay'; not 'El Cabo')
        # a conflict region by its own name ('the war over Nagorno-Karabakh'), not 'Gulf'
        or e.feature_code == REGION and kind == PRIMARY and len(name) >= REGION_NAME_MIN
        for i, kind in gaz.lookup(name)
    )


def is_site(lex: Lexicon, name: str) -> bool:
    """A street, building, park or other site by its name: 'Kingsley Road', 'Lake Robinson'."""
    words = fold(name).split()
    return len(words) > 1 and (words[-1] in lex.site_last or words[0] in lex.site_first)
