"""`frontwire train geo`: train the candidate ranker (`geo/ranker.py`).

Training examples are the geoparser's own mentions with their candidates, labelled from:
- UCDP GED (CC BY 4.0, ../shared/train/ucdp_ged_events.jsonl.gz): an event's source
  headlines and its point; where UCDP knows the place (where_prec 1-2), a mention whose
  candidates include one within LABEL_KM of the point is labelled with the nearest, else
  with its reading as the event's first-level region or country (distant supervision);
  its other mentions are left unlabelled;
- the team-written annotated reports (tests/data/geo_team_blind*.jsonl): a mention on a
  gold toponym is labelled with the candidate of the gold id or within LABEL_KM of the gold
  point, and a mention on no gold toponym (nor an ignored span) with "no place".
Neither the dev halves nor ACLED/TUD-Loc/GeoCorpora train the shipped model.

The model is a softmax over each mention's options (its best-ranked candidates and "no
place"), linear in the features, fitted with L-BFGS and an L2 penalty.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from frontwire.eval.geo_more import per_country
from frontwire.eval.gold import iter_jsonl, read_jsonl, train_dir
from frontwire.geo.distance import haversine_km
from frontwire.geo.features import CANDIDATE_COLUMNS, NULL_COLUMNS
from frontwire.geo.gazetteer import ADMIN1, CONTINENT, COUNTRY, REGION, Entry
from frontwire.geo.parser import GeoParser
from frontwire.geo.ranker import NO_PLACE, Choice, Ranker
from frontwire.geo.resolve import candidates_for

LABEL_KM = 25.0
AREA_LABEL_KM = 161.0  # the team's points of regions are rough (see docs/evaluation/geo.md)
UCDP_FILE = "ucdp_ged_events.jsonl.gz"
TEAM_GLOB = "geo_team_blind*.jsonl"
TEAM_DIR = Path(__file__).resolve().parents[3] / "tests" / "data"
L2 = 1e-4
SKIP = -2  # an example whose right option is not among its options
_AREAS = frozenset({COUNTRY, CONTINENT, REGION, ADMIN1})


@dataclass
class Example:
    doc: str  # the text it comes from (folds keep a text's mentions together)
    source: str  # 'ucdp' or 'team'
    options: np.ndarray
    null: np.ndarray
    hand: int  # the hand ranking's option (NO_PLACE: none)
    label: int  # the right option, NO_PLACE, or SKIP
    also: tuple[int, ...] = ()  # other options that are as right (within LABEL_KM of it)


@dataclass
class _Seen:
    start: int
    end: int
    entries: list[Entry]
    matches: list[str]  # how the name matched each entry ('primary', 'alternate', ...)
    options: np.ndarray
    null: np.ndarray
    hand: int


@dataclass
class Recorder:
    """Stands in for the ranker while the geoparser runs: keeps every choice it is offered
    and takes the hand ranking's pick, so that the features are those it will see."""

    seen: list[_Seen] = field(default_factory=list)

    def choose(self, mention, candidates, options, null, hand) -> Choice:  # noqa: ANN001
        self.seen.append(_Seen(mention.start, mention.end, [c.entry for c in candidates],
                               [c.match for c in candidates], options, null, hand))
        return Choice(hand, 1.0)


def _nearest(entries: list[Entry], lat: float, lon: float, geonameid: int | None = None,
             area_km: float = 0.0, areas: tuple[str, ...] = ()) -> int:
    """The option of the gold id, else the nearest within LABEL_KM (a town before an area
    whose centre happens to lie as near), else an area within `area_km` or one of the
    country and admin1 keys `areas` the gold point lies in ('SY', 'SY.09'), else SKIP."""
    if geonameid:
        for k, e in enumerate(entries):
            if e.geonameid == geonameid:
                return k
    near = [(e.feature_code in _AREAS, haversine_km(lat, lon, e.lat, e.lon), k)
            for k, e in enumerate(entries)]
    close = [x for x in near if x[1] <= LABEL_KM]
    if close:
        return min(close)[2]
    # a region's centre is seldom where an annotator put the region's point
    within = [(km, k) for area, km, k in near if area and km <= area_km]
    if within:
        return min(within)[1]
    for key in areas:  # the event's own admin1 before its country
        for k, e in enumerate(entries):
            if e.feature_code in (COUNTRY, ADMIN1) and key == (
                    e.country_code if e.feature_code == COUNTRY
                    else f"{e.country_code}.{e.admin1_code}"):
                return k
    return SKIP


_OWN = frozenset({"primary", "spelling"})


def _acceptable(s: _Seen, lat: float, lon: float, areas: tuple[str, ...]) -> list[int]:
    """Every option a distant label cannot tell from the right one: each reading within
    LABEL_KM of the event's point (the town and the district of its name alike), those read
    by the name's own spelling first; where only another name of a town lies near, the
    country or region of the name's own spelling that contains the event ('Mexico' in a
    headline about Mexico City is the country, not the city of which 'Mexico' is another
    name)."""
    near = [k for k, e in enumerate(s.entries) if haversine_km(lat, lon, e.lat, e.lon) <= LABEL_KM]
    own = [k for k in near if s.matches[k] in _OWN]
    if own:
        return own
    around = [k for k, e in enumerate(s.entries) if s.matches[k] in _OWN and (
        e.country_code if e.feature_code == COUNTRY else f"{e.country_code}.{e.admin1_code}"
        ) in areas and e.feature_code in (COUNTRY, ADMIN1)]
    return around or near


def _event_areas(parser: GeoParser, row: dict, memo: dict[str, str]) -> tuple[str, ...]:
    """The admin1 and country keys of a UCDP event, from its adm_1 and country names."""
    gaz = parser.gazetteer
    out = []
    for name, code in ((row.get("adm_1"), ADMIN1), (row.get("country"), COUNTRY)):
        if not name:
            continue
        name = name.split(" (")[0]  # 'Myanmar (Burma)'
        if name not in memo:
            found = [c.entry for c in candidates_for(gaz, parser.lexicon, name, fuzzy=False)
                     if c.entry.feature_code == code]
            memo[name] = "" if not found else found[0].country_code if code == COUNTRY else (
                f"{found[0].country_code}.{found[0].admin1_code}")
        if memo[name]:
            out.append(memo[name])
    return tuple(out)


def _run(parser: GeoParser, nlp, texts: list[str]) -> Iterable[list[_Seen]]:
    from frontwire.model import Article
    from frontwire.text.context import ArticleContext

    recorder = parser.ranker
    for i, doc in enumerate(nlp.pipe(texts, batch_size=64)):
        recorder.seen = []
        parser.parse(ArticleContext(Article(id=str(i), text=texts[i]), doc))
        yield recorder.seen


def ucdp_rows(n: int, seed: int = 7) -> list[dict]:
    """A fixed sample of UCDP events whose place UCDP knows and whose headline is there,
    at most half of them from one country."""
    rows = [r for r in iter_jsonl(train_dir() / UCDP_FILE)
            if r.get("source_headline") and r.get("where_prec") in (1, 2)]
    rng = random.Random(seed)
    rng.shuffle(rows)
    return per_country(rows, n, n // 2)


def collect(parser: GeoParser, nlp, ucdp: list[dict], team: list[dict]) -> list[Example]:
    out: list[Example] = []
    texts = [r["source_headline"].replace(";", ". ") for r in ucdp]
    memo: dict[str, str] = {}
    for row, seen in zip(ucdp, _run(parser, nlp, texts), strict=True):
        areas = _event_areas(parser, row, memo)
        for s in seen:
            label = _nearest(s.entries, row["latitude"], row["longitude"], areas=areas)
            if label == SKIP:
                continue
            good = _acceptable(s, row["latitude"], row["longitude"], areas) or [label]
            label = label if label in good else good[0]
            out.append(Example(f"ucdp:{row['id']}", "ucdp", s.options, s.null, s.hand, label,
                               tuple(k for k in good if k != label)))
    for row, seen in zip(team, _run(parser, nlp, [r["text"] for r in team]), strict=True):
        for s in seen:
            gold = next((g for g in row["toponyms"] if g["start"] < s.end and s.start < g["end"]),
                        None)
            if gold is None:
                if any(g["start"] < s.end and s.start < g["end"]
                       for g in row.get("ignore_spans", [])):
                    continue
                label = NO_PLACE
            else:  # (a place no candidate stands for: "none of these", as for no place)
                label = _nearest(s.entries, gold["lat"], gold["lon"], gold.get("geonameid"),
                                 AREA_LABEL_KM)
                label = NO_PLACE if label == SKIP else label
            out.append(Example(f"team:{row['id']}", "team", s.options, s.null, s.hand, label))
    return [e for e in out if e.label != SKIP]


def fit(examples: list[Example], l2: float = L2) -> Ranker:
    nc, nn = len(CANDIDATE_COLUMNS), len(NULL_COLUMNS)
    # each example's options stacked, the no-place option last
    X = [np.vstack([e.options, np.zeros((1, nc))]) for e in examples]
    N = [np.vstack([np.zeros((len(e.options), nn)), e.null[None, :]]) for e in examples]
    sizes = np.array([len(x) for x in X])
    Xs, Ns = np.vstack(X), np.vstack(N)
    seg = np.repeat(np.arange(len(examples)), sizes)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    # the right options of each example (several where a distant label cannot tell them apart):
    # the loss is minus the log of their summed probability
    good_seg = np.array([i for i, e in enumerate(examples) for _ in _right(e)])
    good = np.array([offsets[i] + k for i, e in enumerate(examples) for k in _right(e)])
    F = np.hstack([Xs, Ns])
    n = len(examples)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = F @ w
        smax = np.maximum.reduceat(s, offsets)
        e = np.exp(s - smax[seg])
        z = np.add.reduceat(e, offsets)
        zg = np.bincount(good_seg, weights=e[good], minlength=n)
        nll = -(np.log(zg) - np.log(z)).sum()
        grad = e / z[seg]
        np.subtract.at(grad, good, e[good] / zg[good_seg])
        g = F.T @ grad
        return nll / n + l2 * w @ w, g / n + 2 * l2 * w

    w0 = np.zeros(nc + nn)
    w0[CANDIDATE_COLUMNS.index("hand_pick")] = 1.0
    res = minimize(loss, w0, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return Ranker(res.x[:nc], res.x[nc:])


def _right(e: Example) -> list[int]:
    """The example's right options as row numbers (no place: after its candidates)."""
    return [k if k != NO_PLACE else len(e.options) for k in (e.label, *e.also)]


def accuracy(ranker: Ranker | None, examples: list[Example]) -> float:
    if not examples:
        return 0.0
    right = 0
    for e in examples:
        pick = e.hand if ranker is None else ranker.choose(None, [], e.options, e.null,
                                                             e.hand).index
        right += pick == e.label or pick in e.also
    return right / len(examples)


MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)  # how much more probable an option must be than
# the hand-set pick to replace it: chosen by cross-validation


def cross_validate(examples: list[Example], folds: int
                   ) -> tuple[float, dict[str, dict[str, float]]]:
    """k-fold by text: the margin that does best on the held-out folds, and at that margin the
    accuracy of the hand-set ranking and of the ranker per source."""
    docs = sorted({e.doc for e in examples})
    random.Random(11).shuffle(docs)
    fold_of = {d: i % folds for i, d in enumerate(docs)}
    sources = ("ucdp", "team", "all")
    right = {(m, s): 0 for m in MARGINS for s in sources}
    hand = dict.fromkeys(sources, 0)
    n = dict.fromkeys(sources, 0)
    for k in range(folds):
        model = fit([e for e in examples if fold_of[e.doc] != k])
        test = [e for e in examples if fold_of[e.doc] == k]
        for source in sources:
            part = [e for e in test if source == "all" or e.source == source]
            n[source] += len(part)
            hand[source] += round(accuracy(None, part) * len(part))
            for margin in MARGINS:
                model.margin = margin
                right[margin, source] += round(accuracy(model, part) * len(part))
    best = max(MARGINS, key=lambda m: (right[m, "all"], -m))
    return best, {s: {"n": n[s], "hand": round(hand[s] / max(1, n[s]), 4),
                      "ranker": round(right[best, s] / max(1, n[s]), 4)} for s in sources}


@dataclass
class Result:
    examples: dict[str, int]
    cv: dict[str, dict[str, float]]
    out: Path


def train(out: Path, nlp, *, ucdp: int = 6000, folds: int = 5, team: bool = True) -> Result:
    parser = GeoParser.load(ranker=False)
    parser.ranker = Recorder()
    ucdp_sample = ucdp_rows(ucdp) if ucdp else []
    team_rows = [r for p in sorted(TEAM_DIR.glob(TEAM_GLOB)) for r in read_jsonl(p)] if team \
        else []
    if not ucdp_sample and not team_rows:
        raise ValueError("no training data: the UCDP file is missing and no team data is used")
    examples = collect(parser, nlp, ucdp_sample, team_rows)
    margin, cv = cross_validate(examples, folds) if folds > 1 else (MARGINS[0], {})
    model = fit(examples)
    model.margin = margin
    counts = {"ucdp_texts": len(ucdp_sample), "team_texts": len(team_rows),
              "ucdp_examples": sum(e.source == "ucdp" for e in examples),
              "team_examples": sum(e.source == "team" for e in examples),
              "no_place_examples": sum(e.label == NO_PLACE for e in examples)}
    meta = {"_note": "geo candidate ranker (geo/ranker.py), trained by `frontwire train geo` "
            "on UCDP GED headlines (CC BY 4.0) and the team-written reports of tests/data",
            "trained": date.today().isoformat(), "examples": counts, "cv": cv,
            "l2": L2, "label_km": LABEL_KM}
    out.write_text(model.to_json(meta), encoding="utf-8")
    return Result(counts, cv, out)
