"""`frontwire eval dates`: how often the event date frontwire gives is the coder's day.

Two real data sets from FRONTWIRE_TRAIN_DIR (default ../shared/train; see its README):

- UCDP GED (CC BY 4.0): each source headline with its publication date (`source_date`) and
  the day-precise events UCDP coded from it (`date_prec` 1). Rows that share a headline and a
  publication date are one item whose gold is every event's [date_start, date_end]. A fixed
  seeded sample of items with one headline (no ';'), scored twice: the date path the event
  coder uses (`find_dates` then `event_date` on the headline's first sentence) and the full
  Pipeline (the first event's date, where it writes one). Most headlines name no day, so a
  second sample keeps only headlines with a temporal word (a fixed list here, independent of
  the timex data), where the date rules decide.
- ACLED notes ("On 12 April 2025, ..."): only the absolute-date path; the notes are read with
  no publication date, so a relative expression cannot help. Exact day and time precision.

Exact: the predicted day is an event's date_start; within: inside an event's [start, end];
+-1: within a day of such a range. No headline or note is printed.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from frontwire.eval.gold import iter_jsonl, train_dir
from frontwire.model import Article
from frontwire.text.context import ArticleContext
from frontwire.text.nlp import load_nlp
from frontwire.timex import DateWords, event_date, find_dates

SEED = 15
SAMPLE = 500
CUED_SAMPLE = 300
UCDP = "ucdp_ged_events.jsonl.gz"
ACLED = "acled_events_notes.jsonl.gz"
# Words that date a headline (English and the Spanish of Mexico's sources); chosen by hand
# for the sampling only, so that the sample does not depend on what frontwire recognises.
_CUE = re.compile(
    r"\b(?:yesterday|today|tonight|overnight|night|past (?:24 hours|day)|weekend|week|ago|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"june|july|august|september|october|november|december|ayer|anoche|hoy|madrugada)\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass
class _Item:
    text: str
    published: dt.date
    spans: list[tuple[dt.date, dt.date]] = field(default_factory=list)


def _iso(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def ucdp_items(path: Path) -> list[_Item]:
    """Headline items in a stable order (first appearance in the file)."""
    items: dict[tuple[str, dt.date], _Item] = {}
    for r in iter_jsonl(path):
        head = (r.get("source_headline") or "").strip()
        src = r.get("source_date") or ""
        if not head or ";" in head or ";" in src or r.get("date_prec") != 1:
            continue
        pub, start, end = _iso(src), _iso(r.get("date_start")), _iso(r.get("date_end"))
        if pub is None or start is None or end is None:
            continue
        item = items.setdefault((head, pub), _Item(head, pub))
        item.spans.append((start, end))
    return list(items.values())


def _score(pred: dt.date | None, spans: list[tuple[dt.date, dt.date]]) -> tuple[bool, ...]:
    if pred is None:
        return False, False, False
    one = dt.timedelta(days=1)
    return (
        any(pred == s for s, _ in spans),
        any(s <= pred <= e for s, e in spans),
        any(s - one <= pred <= e + one for s, e in spans),
    )


def _date_path(nlp, texts: list[str], published: list[dt.date | None]) -> list[tuple]:
    out = []
    words = DateWords.load()  # one copy for the whole sample
    for i, doc in enumerate(nlp.pipe(texts, batch_size=64)):
        ctx = ArticleContext(Article(id=f"dates-{i}", text=doc.text, published=published[i]), doc)
        out.append(event_date(ctx, 0, find_dates(ctx, words), words))
    return out


def _pipeline_dates(items: list[_Item], model: str | None) -> list[dt.date | None | bool]:
    """The first event's date per item; False where the Pipeline writes no event."""
    from frontwire.pipeline import Failure, Pipeline

    pipe = Pipeline(model)
    arts = [
        Article(id=f"dates-{i}", text=it.text, published=it.published) for i, it in enumerate(items)
    ]
    out: list[dt.date | None | bool] = []
    for rep in pipe.extract_many(arts):
        if isinstance(rep, Failure) or not rep.events:
            out.append(False)
        else:
            out.append(rep.events[0].event_date)
    return out


def _pct(n: int, d: int) -> str:
    return f"{n / d:.3f} ({n}/{d})" if d else "n/a"


def _table(name: str, preds: list, items: list[_Item]) -> list[str]:
    scored = [(p, it) for p, it in zip(preds, items, strict=True) if p is not False]
    hits = [_score(p, it.spans) for p, it in scored]
    n = len(items)
    return [
        f"| {name} | {_pct(len(scored), n)} | "
        + " | ".join(_pct(sum(h[k] for h in hits), len(scored)) for k in range(3))
        + " |"
    ]


def _by_flag(preds: list[tuple], items: list[_Item]) -> list[str]:
    counts: Counter[str] = Counter()
    exact: Counter[str] = Counter()
    for (date, _prec, flags), it in zip(preds, items, strict=True):
        key = flags[0] if flags else "own expression"
        counts[key] += 1
        exact[key] += _score(date, it.spans)[0]
    return [f"| {k} | {counts[k]} | {_pct(exact[k], counts[k])} |" for k in sorted(counts)]


def _ucdp_section(nlp, path: Path, model: str | None, limit: int | None, full: bool) -> list[str]:
    items = ucdp_items(path)
    rng = random.Random(SEED)
    sample = rng.sample(items, min(limit or SAMPLE, len(items)))
    cued_all = [it for it in items if _CUE.search(it.text)]
    cued = random.Random(SEED + 1).sample(cued_all, min(limit or CUED_SAMPLE, len(cued_all)))
    lines = [
        "## UCDP GED headlines",
        "",
        f"{len(items)} headline items (one headline, day-precise events); seeded samples "
        f"(seed {SEED}): {len(sample)} at random, {len(cued)} of the {len(cued_all)} with a "
        "temporal word.",
        "",
        "| sample, path | dated | exact | within | +-1 day |",
        "|---|---|---|---|---|",
    ]
    flags_lines: list[str] = []
    for name, group in (("random", sample), ("temporal word", cued)):
        preds = _date_path(nlp, [it.text for it in group], [it.published for it in group])
        lines += _table(f"{name}, date path", [p[0] for p in preds], group)
        lines += _table(f"{name}, publication date", [it.published for it in group], group)
        if full:
            lines += _table(f"{name}, Pipeline (1st event)", _pipeline_dates(group, model), group)
        flags_lines += [f"| {name}: {row[2:]}" for row in _by_flag(preds, group)]
    lines += [
        "",
        "'dated': items that got a date (the Pipeline: items with at least one event).",
        "",
        "Date path by how the date was chosen (exact):",
        "",
        "| sample: rule | items | exact |",
        "|---|---|---|",
        *flags_lines,
        "",
    ]
    return lines


def _acled_section(nlp, path: Path, limit: int | None) -> list[str]:
    rows = [r for r in iter_jsonl(path) if r.get("notes") and _iso(r.get("event_date"))]
    sample = random.Random(SEED).sample(rows, min(limit or SAMPLE, len(rows)))
    preds = _date_path(nlp, [r["notes"] for r in sample], [None] * len(sample))
    exact = sum(p[0] == _iso(r["event_date"]) for p, r in zip(preds, sample, strict=True))
    prec = sum(
        p[0] == _iso(r["event_date"]) and p[1] == r.get("time_precision")
        for p, r in zip(preds, sample, strict=True)
    )
    # notes whose opening names a year: the rest ('On Sep 3', 'on Tuesday') need a
    # publication date the notes do not have
    with_year = [
        (p, r) for p, r in zip(preds, sample, strict=True) if _YEAR.search(r["notes"][:60])
    ]
    exact_year = sum(p[0] == _iso(r["event_date"]) for p, r in with_year)
    return [
        "## ACLED notes (absolute dates)",
        "",
        f"{len(sample)} notes (seed {SEED}), read without a publication date.",
        "",
        f"- event date exact: {_pct(exact, len(sample))}",
        f"- exact date and time precision: {_pct(prec, len(sample))}",
        f"- event date exact, notes with a year in their first 60 characters: "
        f"{_pct(exact_year, len(with_year))}",
        "",
    ]


def main(
    directory: Path | None = None,
    model: str | None = None,
    limit: int | None = None,
    pipeline: bool = True,
) -> str:
    root = directory or train_dir()
    ucdp, acled = root / UCDP, root / ACLED
    if not ucdp.exists() and not acled.exists():
        return f"eval dates: no {UCDP} or {ACLED} in {root} (set FRONTWIRE_TRAIN_DIR)\n"
    nlp = load_nlp(model)
    lines = ["# Event dates", ""]
    if ucdp.exists():
        lines += _ucdp_section(nlp, ucdp, model, limit, pipeline)
    if acled.exists():
        lines += _acled_section(nlp, acled, limit)
    return "\n".join(lines)
