"""Whole-corpus throughput and peak memory of frontwire, against bare spaCy in the same run.

    python bench/throughput.py [--articles 320] [--write docs/BENCHMARKS.md]

Throughput is given as a ratio: articles/s of Pipeline.extract_many over articles/s of bare
`nlp.pipe` of the same model on the same texts, measured in the same process (so the
machine's speed cancels out). Target: ratio >= 0.8 and peak RSS <= 1.5 GB. The time of each
stage is reported as a share of the parse time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import make_corpus  # noqa: E402
from frontwire.ingest.article import make_article  # noqa: E402
from frontwire.pipeline import Failure, Pipeline  # noqa: E402


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=320)
    parser.add_argument("--rounds", type=int, default=2, help="best of N rounds")
    parser.add_argument("--write", type=Path, help="write the Markdown here")
    parser.add_argument(
        "--corpus",
        type=Path,
        help="a JSONL corpus (id, text, published) instead of the generated one",
    )
    args = parser.parse_args()

    if args.corpus:
        rows = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
        rows = [
            {
                "id": r.get("id"),
                "text": r["text"],
                "published": r.get("published"),
                "source": r.get("source"),
            }
            for r in rows[: args.articles]
        ]
        corpus_name = f"{len(rows)} articles of {args.corpus.name}"
    else:
        rows = make_corpus(args.articles)
        corpus_name = (
            f"{len(rows)} generated wire reports (bench/corpus.py, team-written templates, seeded)"
        )
    articles = [
        make_article(r["text"], published=r["published"], source=r["source"], external_id=r["id"])
        for r in rows
    ]
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    t0 = time.perf_counter()
    pipeline = Pipeline()
    load_seconds = time.perf_counter() - t0
    nlp = pipeline.nlp
    list(nlp.pipe(texts[:20]))  # warm up both paths the same way
    list(pipeline.extract_many(articles[:20]))

    bare, full = [], []
    stage_totals: dict[str, float] = {}
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
        bare.append(time.perf_counter() - t0)
        pipeline.stage_seconds.clear()
        # Reports are counted and let go, as a ledger run does: holding 300 of them alive
        # would make the garbage collector's passes, not our stages, the cost measured.
        counts = {"events": 0, "claims": 0, "places": 0, "failures": 0}
        t0 = time.perf_counter()
        for result in pipeline.extract_many(articles, batch_size=16):
            if isinstance(result, Failure):
                counts["failures"] += 1
            else:
                counts["events"] += len(result.events)
                counts["claims"] += len(result.claims)
                counts["places"] += len(result.places)
        full.append(time.perf_counter() - t0)
        if full[-1] == min(full):
            stage_totals = dict(pipeline.stage_seconds)
    failures = counts["failures"]
    bare_s, full_s = min(bare), min(full)
    ratio = bare_s / full_s
    rss = peak_rss_mb()
    n = len(articles)

    lines = [
        "# Benchmarks",
        "",
        f"Measured {dt.date.today().isoformat()} with `python bench/throughput.py` on "
        f"{platform.machine()} ({platform.python_implementation()} "
        f"{platform.python_version()}), CPU only, one process; best of {args.rounds} rounds.",
        "",
        f"Corpus: {corpus_name}, {words:,} words.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| bare `nlp.pipe` ({pipeline.model_name}) | {n / bare_s:.1f} articles/s | |",
        f"| frontwire `Pipeline.extract_many` | {n / full_s:.1f} articles/s | |",
        f"| throughput ratio (frontwire / bare spaCy) | **{ratio:.2f}** | ≥ 0.8 |",
        f"| peak RSS | **{rss:,.0f} MB** | ≤ 1,500 MB |",
        f"| resource load time (model, gazetteer, lexicons) | {load_seconds:.1f} s | |",
        f"| failures | {failures} | 0 |",
        "",
        "Time of each stage, as a share of the bare parse time of the same texts:",
        "",
        "| stage | seconds | share of parse | target |",
        "|---|---|---|---|",
    ]
    targets = {"geo": "≤ 20 %", "events": "≤ 15 %"}
    for stage, seconds in sorted(stage_totals.items(), key=lambda kv: -kv[1]):
        lines.append(
            f"| {stage} | {seconds:.2f} | {100 * seconds / bare_s:.1f} % | "
            f"{targets.get(stage, '')} |"
        )
    lines += [
        "",
        f"Output: {counts['events']} events, {counts['claims']} claims, {counts['places']} places.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
