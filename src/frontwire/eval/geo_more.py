"""Geo measures on data no geo rule was written for (`frontwire eval geo` adds them).

Three corpora from the training folder (FRONTWIRE_TRAIN_DIR, default ../shared/train), each
a fixed seeded sample so that the run stays short and the figures comparable between runs:

- ACLED notes (acled_events_notes.jsonl.gz): the note's place is the one `main_place` gives,
  as for UCDP headlines: the most mentioned populated place or landmark the geoparser finds
  in the note, else the most mentioned first-level region; ties go to the first named.
  Scored: within 25 km of ACLED's point (rows of geo_precision 1, where ACLED knows the exact
  place), and admin1 agreement (our place's country and first-level region are ACLED's
  `admin1`, over all sampled rows whose admin1 the gazetteer knows). Beside it, as a ceiling
  for the choice among the note's places: any place found in the note within 25 km.
  The sample is stratified by country (at most ACLED_PER_COUNTRY notes of one), leaves out the
  rows flagged `eval_overlap_flag` and the fixed frames sample (`eval/acled_sample.py`).
- TUD-Loc 2013 (toponyms_tudloc2013.jsonl, web pages): toponyms of types COUNTRY, CITY, UNIT,
  REGION and CONTINENT with coordinates are gold; POIs, landmarks, streets, ZIP codes and
  toponyms with no coordinates are `ignore_spans` (they count neither way).
- GeoCorpora (toponyms_geocorpora_tweets.jsonl.gz): every toponym with a GeoNames id is gold;
  those flagged `not_in_geonames` are ignored. Tweets with no toponym stay in the sample, so
  that precision sees them.
The two toponym corpora are scored like GeoWebNews (`geo.score_document`): exact = same
GeoNames id (where gold has none: within 25 km), within 161 km, over all gold toponyms.

Mordecai3's paper (Halterman 2023, arXiv:2303.13675) reports its figures on GeoWebNews, LGL,
TR-News and its own annotated event data; it reports none on ACLED notes, TUD-Loc 2013 or
GeoCorpora, so no published figure stands beside these rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from frontwire.eval.acled_sample import in_frames_sample
from frontwire.eval.gold import iter_jsonl, train_dir
from frontwire.geo.distance import haversine_km
from frontwire.geo.gazetteer import ADMIN1, COUNTRY, Gazetteer
from frontwire.geo.parser import GeoParser, main_place
from frontwire.model import Article, Place
from frontwire.text.context import ArticleContext
from frontwire.text.fold import fold

ACLED_FILE = "acled_events_notes.jsonl.gz"
TUDLOC_FILE = "toponyms_tudloc2013.jsonl"
GEOCORPORA_FILE = "toponyms_geocorpora_tweets.jsonl.gz"
SALT = "frontwire-geo-more-v1"
ACLED_ROWS = 200
ACLED_PER_COUNTRY = 30
TUDLOC_DOCS = 25
GEOCORPORA_WITH = 300  # tweets with toponyms ...
GEOCORPORA_WITHOUT = 100  # ... and without
TUDLOC_TYPES = frozenset({"COUNTRY", "CITY", "UNIT", "REGION", "CONTINENT"})
NO_FIGURE = "no published figure"


def _rank(key: str, salt: str = SALT) -> str:
    """A stable pseudo-random order: the salted hash of a row's id."""
    return hashlib.sha1(f"{salt}:{key}".encode()).hexdigest()


def _flagged(row: dict) -> bool:
    flag = row.get("eval_overlap_flag")
    return flag is not None and str(flag).strip().lower() not in ("", "none", "null", "nan")


def acled_rows(path: Path, n: int = ACLED_ROWS, salt: str = SALT,
               skip: frozenset[str] = frozenset()) -> list[dict]:
    """The fixed ACLED sample: notes with a point, stratified by country (`skip`: event ids
    another sample took, so that a second sample is disjoint)."""
    rows = [r for r in iter_jsonl(path)
            if r.get("notes") and r.get("latitude") is not None and not _flagged(r)
            and not in_frames_sample(r) and r["event_id_cnty"] not in skip]
    rows.sort(key=lambda r: _rank(r["event_id_cnty"], salt))
    return per_country(rows, n, ACLED_PER_COUNTRY)


def per_country(rows: Iterable[dict], n: int, cap: int) -> list[dict]:
    """The first `n` rows, in their order, with at most `cap` of one `country`."""
    seen: dict[str, int] = {}
    out = []
    for r in rows:
        if seen.get(r["country"], 0) < cap:
            seen[r["country"]] = seen.get(r["country"], 0) + 1
            out.append(r)
            if len(out) >= n:
                break
    return out


def tudloc_rows(path: Path, n: int = TUDLOC_DOCS) -> list[dict]:
    rows = sorted(iter_jsonl(path), key=lambda r: _rank(r["id"]))[:n]
    out = []
    for r in rows:
        gold, ignore = [], []
        for t in r["toponyms"]:
            if t["type"] in TUDLOC_TYPES and t.get("lat") is not None:
                gold.append(t)
            else:
                ignore.append({"start": t["start"], "end": t["end"]})
        out.append({"id": r["id"], "text": r["text"], "toponyms": gold, "ignore_spans": ignore})
    return out


def geocorpora_rows(path: Path, with_: int = GEOCORPORA_WITH,
                    without: int = GEOCORPORA_WITHOUT) -> list[dict]:
    rows = sorted(iter_jsonl(path), key=lambda r: _rank(r["id"]))
    picked = [r for r in rows if r["toponyms"]][:with_] + [
        r for r in rows if not r["toponyms"]][:without]
    out = []
    for r in sorted(picked, key=lambda r: _rank(r["id"])):
        gold = [t for t in r["toponyms"] if t.get("geonameid") and not t.get("not_in_geonames")]
        ignore = [{"start": t["start"], "end": t["end"]} for t in r["toponyms"] if t not in gold]
        out.append({"id": r["id"], "text": r["text"], "toponyms": gold, "ignore_spans": ignore})
    return out


@dataclass
class AcledScore:
    n: int = 0
    exact_rows: int = 0  # geo_precision 1
    located: int = 0
    hit25: int = 0
    any25: int = 0  # some place of the note within 25 km (the ceiling for the choice)
    admin1_rows: int = 0  # rows whose admin1 the gazetteer knows
    admin1_agree: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)


class _Admin1Keys:
    """ACLED's country and admin1 names as gazetteer keys ('SO', 'SO.03'), memoised."""

    def __init__(self, parser: GeoParser) -> None:
        from frontwire.geo.resolve import candidates_for

        self.gaz = parser.gazetteer
        self._find = partial(candidates_for, self.gaz, parser.lexicon)
        self.memo: dict[tuple[str, str], str] = {}

    def key(self, country: str, admin1: str | None) -> str:
        if not admin1:
            return ""
        memo = (country, admin1)
        if memo not in self.memo:
            ccs = {c.entry.country_code for c in self._find(country, fuzzy=False)
                   if c.entry.feature_code == COUNTRY}
            found = [c.entry for c in self._find(admin1, fuzzy=False)
                     if c.entry.feature_code == ADMIN1 and c.entry.country_code in ccs]
            if not found:  # 'Dhaka' the division, named like its city: by the region's name
                found = [c.entry for c in self._find(f"{admin1} region", fuzzy=False)
                         if c.entry.feature_code == ADMIN1 and c.entry.country_code in ccs]
            self.memo[memo] = f"{found[0].country_code}.{found[0].admin1_code}" if found else ""
        return self.memo[memo]


def score_acled(rows: list[dict], places: list[list[Place]], parser: GeoParser) -> AcledScore:
    keys = _Admin1Keys(parser)
    gaz = parser.gazetteer
    out = AcledScore()
    for row, found in zip(rows, places, strict=True):
        out.n += 1
        place = main_place(found)
        exact = row.get("geo_precision") == 1
        out.exact_rows += exact
        if place is not None:
            out.located += 1
        if exact:
            lat, lon = row["latitude"], row["longitude"]
            d = haversine_km(lat, lon, place.lat, place.lon) if place is not None else None
            out.hit25 += d is not None and d <= 25
            out.any25 += any(p.lat is not None and haversine_km(lat, lon, p.lat, p.lon) <= 25
                             for p in found)
            if d is None or d > 25:
                out.misses.append((row["location"], place.name if place else "-",
                                   row["notes"][:80]))
        key = keys.key(row["country"], row.get("admin1"))
        if key:
            out.admin1_rows += 1
            out.admin1_agree += place is not None and _admin1_key(place, gaz) == key
    return out


def _admin1_key(place: Place, gaz: Gazetteer) -> str:
    """The place's 'CC.admin1' key, from its admin1 name (Place keeps the name only)."""
    cc = place.country_code or ""
    wanted = fold(place.admin1 or "")
    if not cc or not wanted:
        return ""
    for code in _admin1_codes(gaz, cc):
        if fold(gaz.admin1_name(cc, code) or "") == wanted:
            return f"{cc}.{code}"
    return ""


def _admin1_codes(gaz: Gazetteer, cc: str) -> list[str]:
    return [key.partition(".")[2] for key in gaz.admin1_entry if key.startswith(f"{cc}.")]


def parse_all(parser: GeoParser, nlp, rows: Iterable[dict], text: Callable[[dict], str],
              progress=None, desc: str = "") -> list[list[Place]]:  # noqa: ANN001
    rows = list(rows)
    texts = [text(r) for r in rows]
    task = progress.add_task(desc, total=len(texts)) if progress is not None else None
    out = []
    for row, doc in zip(rows, nlp.pipe(texts, batch_size=32), strict=True):
        ctx = ArticleContext(Article(id=str(row.get("id") or row.get("event_id_cnty")),
                                     text=doc.text), doc)
        out.append(parser.parse(ctx))
        if task is not None:
            progress.advance(task)
    return out


@dataclass
class MoreScores:
    acled: AcledScore | None = None
    toponyms: dict[str, object] = field(default_factory=dict)  # name -> geo.ToponymScore
    missing: list[str] = field(default_factory=list)


def run(parser: GeoParser, nlp, progress=None, limit: int | None = None,  # noqa: ANN001
        folder: Path | None = None) -> MoreScores:
    """Score the three corpora that are present in the training folder."""
    from frontwire.eval.geo import ToponymScore, score_document

    folder = folder or train_dir()
    out = MoreScores()
    path = folder / ACLED_FILE
    if path.is_file():
        rows = acled_rows(path, limit or ACLED_ROWS)
        places = parse_all(parser, nlp, rows, lambda r: r["notes"], progress, "ACLED notes")
        out.acled = score_acled(rows, places, parser)
    else:
        out.missing.append(str(path))
    for name, file, read in (("TUD-Loc 2013", TUDLOC_FILE, tudloc_rows),
                             ("GeoCorpora", GEOCORPORA_FILE, geocorpora_rows)):
        path = folder / file
        if not path.is_file():
            out.missing.append(str(path))
            continue
        rows = read(path)[: limit or None]
        places = parse_all(parser, nlp, rows, lambda r: r["text"], progress, name)
        total = ToponymScore()
        for row, found in zip(rows, places, strict=True):
            total.add(score_document(row, found, parser.lexicon))
        out.toponyms[name] = total
    return out


def report(scores: MoreScores) -> str:
    from frontwire.eval.geo import _pct, _topo_row

    lines = ["## Data no geo rule was written for", ""]
    if scores.toponyms:
        lines += [
            "Fixed seeded samples (`eval/geo_more.py`): TUD-Loc 2013 web pages (toponyms of "
            "types country, city, unit, region, continent; POIs, landmarks and streets count "
            "neither way) and GeoCorpora tweets (tweets without toponyms included). Mordecai3"
            f"'s paper (Halterman 2023) reports no figure on either: {NO_FIGURE}.",
            "",
            "| corpus | gold | precision | recall | F1 | exact match | within 161 km |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += [_topo_row(name, s) for name, s in scores.toponyms.items()]
        lines.append("")
    a = scores.acled
    if a is not None:
        ex = a.exact_rows or 1
        lines += [
            "ACLED notes (fixed sample stratified by country, no held-out-period rows): the "
            "note's place is `main_place` (the most mentioned populated place or landmark, else"
            " region), as for UCDP headlines. Mordecai3: no published figure.",
            "",
            "| rows | located | ≤25 km (geo_precision 1 rows) | any place of the note ≤25 km "
            "| admin1 agrees |",
            "|---|---|---|---|---|",
            f"| {a.n} | {a.located} | {_pct(a.hit25 / ex)} of {a.exact_rows} | "
            f"{_pct(a.any25 / ex)} | {_pct(a.admin1_agree / (a.admin1_rows or 1))} of "
            f"{a.admin1_rows} |",
            "",
        ]
    for path in scores.missing:
        lines.append(f"Not scored: {path} is missing.")
    return "\n".join(lines).rstrip() + "\n"
