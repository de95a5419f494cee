"""`frontwire eval claims`: score claim extraction on the team's gold set.

The gold set (tests/data/claims_gold/, with its annotation guide GUIDE.md) holds articles
the team wrote, each claim marked by an anchor (words of its content), its source, stance
and proposition; `contradictions.json` lists the contradicting pairs, across articles too.

Places come from the gold file (the claims stage is scored on its own, not through the
geoparser); dates from `frontwire.timex`. A predicted claim matches the gold claim whose
anchor its content overlaps best (Jaccard, one-to-one). Scores:
- attribution: matched / predicted (precision), matched / gold (recall);
- source, stance: a prediction counts when it matches a gold claim and agrees on the field
  (precision over all predicted claims, recall over all gold claims). Source names are
  compared folded (case, diacritics, leading article); a name that contains the gold name or
  is contained in it agrees (unknown sources are kept as written, with more or fewer words);
- proposition: predicate and polarity, over claims that have one on each side; place
  agreement is shown for the propositions that match;
- contradictions: pairs found by `find_contradictions` on all claims pooled, against gold
  pairs (unordered), precision, recall and F1.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from unidecode import unidecode

from frontwire.claims.contradictions import find_contradictions
from frontwire.claims.extractor import ClaimExtractor
from frontwire.eval.gold import read_jsonl
from frontwire.model import Article, Claim, Place, PlaceMention
from frontwire.text.context import ArticleContext
from frontwire.text.nlp import load_nlp

GOLD_DIR = Path(__file__).resolve().parents[3] / "tests" / "data" / "claims_gold"
_ARTICLES = ("the ", "a ", "an ")


def _fold(name: str) -> str:
    s = " ".join(unidecode(name).lower().replace("'s", "").split())
    for art in _ARTICLES:
        if s.startswith(art):
            s = s[len(art) :]
    return s.replace("defense", "defence").strip(" .,\"'")


def same_source(pred: str, gold: str) -> bool:
    p, g = _fold(pred), _fold(gold)
    return bool(p) and (p == g or g in p or p in g)


def _places(text: str, gold: list[dict]) -> list[Place]:
    out = []
    for p in gold:
        mentions = []
        for name in p["names"]:
            start = text.find(name)
            while start >= 0:
                mentions.append(PlaceMention(start=start, end=start + len(name), text=name))
                start = text.find(name, start + 1)
        out.append(
            Place(id=p["id"], name=p["names"][0], feature_class=p.get("feature_class", "P"),
                  confidence=1.0, mentions=mentions)
        )
    return out


@dataclass
class _Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def p(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    def r(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    def f(self) -> float:
        p, r = self.p(), self.r()
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class _Score:
    attribution: _Counts = field(default_factory=_Counts)
    source: _Counts = field(default_factory=_Counts)
    stance: _Counts = field(default_factory=_Counts)
    proposition: _Counts = field(default_factory=_Counts)
    place_ok: int = 0
    contradiction: _Counts = field(default_factory=_Counts)
    errors: list[str] = field(default_factory=list)


def _match(text: str, claims: list[Claim], gold: list[dict]) -> dict[str, Claim]:
    """gold id -> predicted claim, by the best overlap (Jaccard) of content and anchor."""
    pairs = []
    for g in gold:
        a = text.find(g["anchor"])
        b = a + len(g["anchor"])
        for c in claims:
            overlap = min(b, c.content.end) - max(a, c.content.start)
            if overlap > 0:
                # Jaccard, not raw overlap: a nested claim's content holds the outer anchor too
                union = max(b, c.content.end) - min(a, c.content.start)
                pairs.append((overlap / union, g["id"], c.id, c))
    out: dict[str, Claim] = {}
    used: set[str] = set()
    for _, gid, cid, c in sorted(pairs, key=lambda x: -x[0]):
        if gid not in out and cid not in used:
            out[gid] = c
            used.add(cid)
    return out


def _read(paths: list[Path], limit: int | None) -> list[dict]:
    return [row for path in paths for row in read_jsonl(path, limit)]


def score(rows: list[dict], pairs: list[list[str]], model: str | None = None) -> _Score:
    nlp = load_nlp(model)
    extractor = ClaimExtractor.load()
    from frontwire.timex import DateWords, find_dates

    date_words = DateWords.load()  # once for the run, as the Pipeline does
    sc = _Score()
    pooled: list[Claim] = []
    pred_to_gold: dict[str, str] = {}
    for row in rows:
        article = Article(
            id=f"{row['id']}-article", text=row["text"], source=row.get("source"),
            published=dt.date.fromisoformat(row["published"]),
        )
        ctx = ArticleContext(article, nlp(article.text))
        dates = find_dates(ctx, date_words)
        claims = extractor.extract(ctx, _places(article.text, row["places"]), dates)
        pooled.extend(claims)
        gold = row["claims"]
        matched = _match(article.text, claims, gold)
        for counts in (sc.attribution, sc.source, sc.stance):
            counts.pred += len(claims)
            counts.gold += len(gold)
        sc.proposition.pred += sum(1 for c in claims if c.proposition)
        sc.proposition.gold += sum(1 for g in gold if g["predicate"])
        sc.attribution.tp += len(matched)
        for g in gold:
            c = matched.get(g["id"])
            if c is None:
                sc.errors.append(f"{g['id']}: missed ({g['source']}: {g['anchor']!r})")
                continue
            pred_to_gold[c.id] = g["id"]
            if same_source(c.source.name, g["source"]):
                sc.source.tp += 1
            else:
                sc.errors.append(f"{g['id']}: source {c.source.name!r}, gold {g['source']!r}")
            if c.stance == g["stance"]:
                sc.stance.tp += 1
            else:
                sc.errors.append(f"{g['id']}: stance {c.stance}, gold {g['stance']}")
            p = c.proposition
            want_prop = (g["predicate"], g["polarity"])
            if p and g["predicate"] and (p.predicate, p.polarity) == want_prop:
                sc.proposition.tp += 1
                sc.place_ok += p.place == g["place"]
            elif p or g["predicate"]:
                got = f"{p.predicate}/{p.polarity}" if p else None
                want = f"{g['predicate']}/{g['polarity']}" if g["predicate"] else None
                sc.errors.append(f"{g['id']}: proposition {got}, gold {want}")
        for c in claims:
            if c.id not in pred_to_gold:
                sc.errors.append(f"{row['id']}: extra claim {c.source.name!r}: {c.content.text!r}")
    found = {
        frozenset((pred_to_gold.get(x.claim_a, x.claim_a), pred_to_gold.get(x.claim_b, x.claim_b)))
        for x in find_contradictions(pooled)
    }
    want = {frozenset(p) for p in pairs}
    sc.contradiction = _Counts(tp=len(found & want), pred=len(found), gold=len(want))
    for p in sorted(found - want, key=sorted):
        sc.errors.append(f"contradiction not in gold: {sorted(p)}")
    for p in sorted(want - found, key=sorted):
        sc.errors.append(f"contradiction missed: {sorted(p)}")
    return sc


def _pairs_for(rows: list[dict], paths: list[Path]) -> list[list[str]]:
    ids = {g["id"] for r in rows for g in r["claims"]}
    pairs: list[list[str]] = []
    for path in paths:
        cfile = path.with_name("contradictions.json")
        if cfile.exists():
            pairs.extend(json.loads(cfile.read_text(encoding="utf-8"))["pairs"])
    return [p for p in pairs if p[0] in ids and p[1] in ids]


def _section(title: str, paths: list[Path], model: str | None, limit: int | None) -> list[str]:
    rows = _read(paths, limit)
    sc = score(rows, _pairs_for(rows, paths), model)
    n_claims = sum(len(r["claims"]) for r in rows)
    lines = [
        f"## {title}",
        "",
        f"Gold: {', '.join(p.name for p in paths)} — {len(rows)} articles, {n_claims} claims, "
        f"{sc.contradiction.gold} contradiction pairs.",
        "",
        "| measure | precision | recall | F1 | counts (tp / predicted / gold) |",
        "|---|---|---|---|---|",
    ]
    for name, c in (
        ("attribution (claim found)", sc.attribution),
        ("source", sc.source),
        ("stance", sc.stance),
        ("proposition (predicate + polarity)", sc.proposition),
        ("contradiction pairs", sc.contradiction),
    ):
        if c.pred == c.gold == 0:
            lines.append(f"| {name} | n/a | n/a | n/a | 0 / 0 / 0 |")
            continue
        lines.append(
            f"| {name} | {c.p():.3f} | {c.r():.3f} | {c.f():.3f} | {c.tp} / {c.pred} / {c.gold} |"
        )
    lines += [
        "",
        f"Place agrees for {sc.place_ok} of {sc.proposition.tp} matching propositions.",
        "",
        "Disagreements:" if sc.errors else "No disagreements.",
        "",
        *[f"- {e}" for e in sc.errors],
        "",
    ]
    return lines


def main(
    paths: list[Path] | None = None, *, model: str | None = None, limit: int | None = None
) -> str:
    """Markdown report; by default the team's gold set and its held-out batches, apart."""
    lines = [
        "# Claims evaluation",
        "",
        "Annotation guide: tests/data/claims_gold/GUIDE.md.",
        "",
    ]
    if paths:
        lines += _section("Gold", list(paths), model, limit)
    else:
        for title, name in (
            ("Main gold set", "articles.jsonl"),
            ("Held-out batches", "heldout.jsonl"),
        ):
            lines += _section(title, [GOLD_DIR / name], model, limit)
    return "\n".join(lines)
