"""Scale: the streaming batch, Dask, memory against corpus size, time against article length,
and the syndicated-copy threshold.

    python bench/scale.py [--articles 400] [--rss 1000,20000] [--kb 10,100,1000]
                          [--only copies,throughput,dask,rss,length] [--write FILE]

One generated corpus (bench/corpus.py's templates, seeded), streamed from a JSONL file:
- throughput: `run_batch` end to end (read, language check, copy index, extract, ledger
  writes) and `Pipeline.extract_many` alone, each as a ratio to bare `nlp.pipe` of the same
  texts in the same process (the machine's speed cancels out);
- dask: 2 Dask worker processes against one process, the cluster started and each worker's
  pipeline loaded before the clock starts (`--workers 2` of `parallel.py` beside it);
- rss: peak RSS of `frontwire run` (run_batch into a fresh ledger) in a fresh process, one
  run of short articles read as it passes 1,000 and 20,000 of them (/proc's VmHWM);
- length: seconds per KB of one article of 10 KB, 100 KB and 1 MB, per stage, with the
  parse (spaCy) apart;
- copies: precision and recall of "same story" at candidate thresholds, on the team-written
  variants and independent reports of tests/syndication_stories.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from corpus import TEMPLATES, _fill  # noqa: E402
from frontwire.ingest.article import make_article  # noqa: E402


def iter_corpus(n: int, seed: int = 7) -> Iterator[dict]:
    """bench/corpus.make_corpus, one article at a time (a 20,000-article corpus is never a list)."""
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    for i in range(n):
        sentences = [_fill(rng.choice(TEMPLATES), rng) for _ in range(rng.randint(6, 14))]
        cut = sorted(rng.sample(range(1, len(sentences)), k=min(3, len(sentences) - 1)))
        paragraphs, last = [], 0
        for c in [*cut, len(sentences)]:
            paragraphs.append(" ".join(sentences[last:c]))
            last = c
        yield {
            "id": f"bench-{i:05d}",
            "text": "\n\n".join(p for p in paragraphs if p),
            "published": (start + dt.timedelta(days=rng.randint(0, 300))).isoformat(),
            "source": rng.choice(["Frontline Wire", "Eastern Monitor", "Kyiv Desk"]),
        }


def write_corpus(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in iter_corpus(n):
            handle.write(json.dumps(row) + "\n")
    return path


def _articles(n: int):
    return [
        make_article(r["text"], published=r["published"], source=r["source"], external_id=r["id"])
        for r in iter_corpus(n)
    ]


# -- throughput -----------------------------------------------------------------------------


def bench_throughput(n: int, work: Path, rounds: int = 2) -> list[str]:
    from frontwire.batch import run_items
    from frontwire.ingest.readers import ReadOptions, read_inputs
    from frontwire.ledger.store import Ledger
    from frontwire.pipeline import Pipeline

    corpus = write_corpus(work / f"corpus-{n}.jsonl", n)
    pipeline = Pipeline()
    articles = _articles(n)
    texts = [a.text for a in articles]
    list(pipeline.nlp.pipe(texts[:20]))
    list(pipeline.extract_many(articles[:20]))
    # Interleaved rounds, best of each: the machine is shared, and its speed drifts.
    bare = extract = batch = float("inf")
    for round_number in range(rounds):
        t0 = time.perf_counter()
        for _ in pipeline.nlp.pipe(texts, batch_size=16):
            pass
        bare = min(bare, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _ in pipeline.extract_many(articles):
            pass
        extract = min(extract, time.perf_counter() - t0)
        with Ledger(work / f"throughput-{round_number}.db") as ledger:
            t0 = time.perf_counter()
            summary = run_items(read_inputs([corpus], ReadOptions()), ledger, pipeline=pipeline)
            batch = min(batch, time.perf_counter() - t0)
    return [
        f"Corpus: {n} generated wire reports, {sum(len(t) for t in texts) / 1024:,.0f} KB.",
        "",
        f"Best of {rounds} interleaved rounds.",
        "",
        "| one process | articles/s | ratio to bare `nlp.pipe` |",
        "|---|---|---|",
        f"| bare `nlp.pipe` | {n / bare:.1f} | 1.00 |",
        f"| `Pipeline.extract_many` | {n / extract:.1f} | {bare / extract:.2f} |",
        f"| `run_batch` end to end (read, copies, extract, ledger) | {n / batch:.1f} | "
        f"**{bare / batch:.2f}** |",
        "",
        f"run_batch: {summary.added} added, {summary.copies} syndicated copies, "
        f"{summary.failed} failed.",
    ]


# -- dask -----------------------------------------------------------------------------------


def bench_dask(n: int, rounds: int = 2) -> list[str]:
    from frontwire.distributed import BATCH_SIZE, extract_on_dask, local_client, local_cluster
    from frontwire.parallel import extract_parallel
    from frontwire.pipeline import Pipeline

    articles = _articles(n)
    pipeline = Pipeline()
    list(pipeline.extract_many(articles[:20]))
    one = forked = on_dask = float("inf")
    # The cluster `--dask local --workers 2` starts, with its client's settings.
    with local_cluster(2) as cluster, local_client(cluster) as client:
        t0 = time.perf_counter()
        list(extract_on_dask(articles[:8], client=client))  # load both pipelines
        startup = time.perf_counter() - t0
        # Interleaved rounds, best of each: the machine is shared, and its speed drifts.
        for _ in range(rounds):
            t0 = time.perf_counter()
            for _ in pipeline.extract_many(articles):
                pass
            one = min(one, time.perf_counter() - t0)
            t0 = time.perf_counter()
            for _ in extract_parallel(pipeline, articles, workers=2):
                pass
            forked = min(forked, time.perf_counter() - t0)
            t0 = time.perf_counter()
            for _ in extract_on_dask(articles, client=client):
                pass
            on_dask = min(on_dask, time.perf_counter() - t0)
    rows = [
        f"{n} articles, `Pipeline.extract_many`-equivalent work (no ledger writes); best of "
        f"{rounds} interleaved rounds; Dask batches of {BATCH_SIZE} articles.",
        "",
        "| runner | seconds | articles/s | speed-up over one process |",
        "|---|---|---|---|",
        f"| one process | {one:.1f} | {n / one:.1f} | 1.00 |",
        f"| 2 forked worker processes (`--workers 2`) | {forked:.1f} | {n / forked:.1f} | "
        f"{one / forked:.2f} |",
        f"| 2 Dask worker processes (`--dask local --workers 2`) | {on_dask:.1f} | "
        f"{n / on_dask:.1f} | **{one / on_dask:.2f}** |",
        "",
        f"Dask cluster start and pipeline load in both workers, before the clock: {startup:.1f} s.",
    ]
    return rows


# -- peak RSS ---------------------------------------------------------------------------------


def iter_short(n: int, seed: int = 19) -> Iterator[dict]:
    """Short generated wire items (2 or 3 template sentences): the peak-RSS run measures what
    grows with the number of articles, so the articles themselves are kept cheap."""
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    for i in range(n):
        yield {
            "id": f"short-{i:06d}",
            "text": " ".join(_fill(rng.choice(TEMPLATES), rng) for _ in range(rng.randint(2, 3))),
            "published": (start + dt.timedelta(days=rng.randint(0, 700))).isoformat(),
            "source": rng.choice(["Frontline Wire", "Eastern Monitor", "Kyiv Desk"]),
        }


def _memory_mb() -> tuple[float, float]:
    """(peak RSS, RSS now) of this process in MB: /proc's VmHWM and VmRSS where there is one."""
    try:
        fields = dict(
            line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
        )
        return int(fields["VmHWM"].split()[0]) / 1024, int(fields["VmRSS"].split()[0]) / 1024
    except (OSError, KeyError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return peak, peak


def _growth(nlp) -> dict[str, int]:
    """What might grow with the corpus: Python objects, the run's spaCy string store, the
    name-folding caches (bounded at 200,000 entries each)."""
    import gc

    from frontwire.text.fold import fold, skeleton

    return {
        "objects": len(gc.get_objects()),
        "spacy_strings": len(nlp.vocab.strings),
        "fold_cache": fold.cache_info().currsize + skeleton.cache_info().currsize,
    }


def rss_child(corpus: Path, db: Path, checkpoints: list[int]) -> None:
    """`frontwire run`'s run_batch over the corpus into a fresh ledger, printing peak RSS as the
    run passes each checkpoint: a run of 20,000 passes through the state of one of 1,000."""
    from frontwire.batch import run_batch
    from frontwire.ingest.readers import ReadOptions
    from frontwire.ledger.store import Ledger
    from frontwire.pipeline import Pipeline

    pipeline = Pipeline()  # the run's own, so that its model's string store is the one read
    seen = 0
    wanted = sorted(checkpoints)
    t0 = time.perf_counter()

    def progress(advance: int, _message: str | None) -> None:
        nonlocal seen
        seen += advance
        while wanted and seen >= wanted[0]:
            peak, now = _memory_mb()
            row = {"articles": wanted.pop(0), "peak_mb": peak, "rss_mb": now,
                   "seconds": time.perf_counter() - t0, **_growth(pipeline.nlp)}
            print(json.dumps(row), flush=True)

    with Ledger(db) as ledger:
        summary = run_batch(
            [corpus], ledger, ReadOptions(), on_progress=progress, pipeline=pipeline
        )
    peak, now = _memory_mb()
    print(json.dumps({"articles": seen, "peak_mb": peak, "rss_mb": now, "final": True,
                      "seconds": time.perf_counter() - t0, "added": summary.added,
                      "copies": summary.copies, "failed": summary.failed}), flush=True)


def bench_rss(sizes: list[int], work: Path) -> list[str]:
    """One run of max(sizes) short articles; peak RSS when it has seen each size."""
    corpus = work / "rss-short.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for row in iter_short(max(sizes)):
            handle.write(json.dumps(row) + "\n")
    db = work / "rss.db"
    out = subprocess.run(
        [sys.executable, __file__, "--rss-child", str(corpus), str(db),
         ",".join(str(n) for n in sizes)],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    final = rows[-1]
    lines = [
        f"One `run_batch` of {final['articles']:,} short generated wire items (2–3 sentences) "
        f"into a fresh SQLite ledger: {final['added']:,} added, {final['copies']:,} syndicated "
        f"copies, {final['failed']} failed, {final['seconds']:.0f} s.",
        "",
        "| articles seen | peak RSS | RSS then | seconds |",
        "|---|---|---|---|",
    ]
    for row in rows[:-1]:
        lines.append(
            f"| {row['articles']:,} | **{row['peak_mb']:,.0f} MB** | {row['rss_mb']:,.0f} MB | "
            f"{row['seconds']:.0f} |"
        )
    first, last = rows[0], rows[-2] if len(rows) > 1 else rows[0]
    lines += ["", f"Peak RSS at {last['articles']:,} against {first['articles']:,}: "
                  f"{100 * (last['peak_mb'] / first['peak_mb'] - 1):+.1f} %."]
    return lines


# -- time per KB ------------------------------------------------------------------------------


def long_text(kb: int, seed: int = 11) -> str:
    """Generated wire paragraphs up to `kb` kilobytes."""
    rng = random.Random(seed)
    paragraphs, size = [], 0
    while size < kb * 1024:
        paragraph = " ".join(_fill(rng.choice(TEMPLATES), rng) for _ in range(rng.randint(3, 6)))
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 2
    return "\n\n".join(paragraphs)[: kb * 1024].rsplit(". ", 1)[0] + "."


def bench_length(sizes: list[int], profile: Path | None) -> list[str]:
    from frontwire.pipeline import Pipeline

    pipeline = Pipeline()
    pipeline.extract(make_article(long_text(2), published="2024-05-01"))
    lines = []
    per_kb: dict[int, dict[str, float]] = {}
    for kb in sizes:
        article = make_article(long_text(kb), published="2024-05-01")
        pipeline.stage_seconds.clear()
        t0 = time.perf_counter()
        if profile is not None and kb == max(sizes):
            import cProfile

            profiler = cProfile.Profile()
            report = profiler.runcall(pipeline.extract, article)
            profiler.dump_stats(str(profile))
        else:
            report = pipeline.extract(article)
        total = time.perf_counter() - t0
        stages = dict(pipeline.stage_seconds)
        stages["parse (spaCy)"] = total - sum(stages.values())
        stages["whole article"] = total
        real_kb = len(article.text.encode()) / 1024
        per_kb[kb] = {k: 1000 * v / real_kb for k, v in stages.items()}
        lines.append(
            f"- {real_kb:,.0f} KB: {total:.1f} s, {len(report.events)} events, "
            f"{len(report.places)} places, {len(report.claims)} claims"
        )
        print(lines[-1], {k: round(v, 2) for k, v in stages.items()}, flush=True)
    names = list(per_kb[sizes[0]])
    head = "| ms per KB | " + " | ".join(f"{kb:,} KB" for kb in sizes) + " | largest / smallest |"
    table = [head, "|---" * (len(sizes) + 2) + "|"]
    for name in names:
        values = [per_kb[kb].get(name, 0.0) for kb in sizes]
        growth = values[-1] / values[0] if values[0] else float("nan")
        table.append(
            f"| {name} | " + " | ".join(f"{v:.2f}" for v in values) + f" | {growth:.2f}× |"
        )
    return [*table, "", *lines]


# -- copies -----------------------------------------------------------------------------------


def bench_copies() -> list[str]:
    from frontwire.ingest.syndication import NUM_PERM, CopyIndex, shingles, signature
    from syndication_stories import STORIES, other_report, variants

    docs = []
    for key in STORIES:
        docs += [(key, v["text"]) for v in variants(key)]
        docs.append((f"{key}-own", other_report(key)["text"]))
    pairs = list(itertools.permutations(range(len(docs)), 2))
    exact = {}
    for a, b in pairs:
        sa, sb = shingles(docs[a][1]), shingles(docs[b][1])
        exact[a, b] = len(sa & sb) / len(sa | sb)
    same = [exact[p] for p in pairs if docs[p[0]][0] == docs[p[1]][0]]
    other = [exact[p] for p in pairs if docs[p[0]][0] != docs[p[1]][0]]
    lines = [
        f"{len(STORIES)} stories × 10 variants and one independent report of each event: "
        f"{len(same)} ordered copy pairs, {len(other)} pairs that are not copies (an "
        "independent report of the same event, or another story).",
        "",
        f"Exact Jaccard of word 3-shingles: copy pairs {min(same):.2f} – {max(same):.2f}; "
        f"not copies {min(other):.2f} – {max(other):.2f}.",
        "",
        "| threshold | permutations | precision | recall |",
        "|---|---|---|---|",
    ]
    for num_perm in (64, NUM_PERM):
        signatures = [signature(text, num_perm) for _, text in docs]
        for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
            # One index of every text; a pair is called a copy when the new text's query
            # finds the kept one and their estimated similarity reaches the threshold, as
            # CopyIndex.copy_of decides.
            index = CopyIndex(threshold=threshold, num_perm=num_perm)
            for n, minhash in enumerate(signatures):
                index.add(str(n), minhash)
            found = {
                b: {index._ids[row] for row in index._table.find(index._band_keys(values))}
                for b, values in enumerate(s.hashvalues.astype("uint32") for s in signatures)
            }
            tp = fp = fn = 0
            for a, b in pairs:
                hit = str(a) in found[b] and signatures[a].jaccard(signatures[b]) >= threshold
                truth = docs[a][0] == docs[b][0]
                tp += hit and truth
                fp += hit and not truth
                fn += truth and not hit
            precision = tp / (tp + fp) if tp + fp else 1.0
            lines.append(f"| {threshold} | {num_perm} | {precision:.3f} | {tp / (tp + fn):.3f} |")
    return lines


def bench_copy_index(n: int, work: Path) -> list[str]:
    """What keeping the copy index costs: load from its file against rebuilding from a ledger."""
    from frontwire.ingest.syndication import CopyIndex, signature

    texts = [(r["id"], r["text"]) for r in iter_corpus(n)]
    path = work / "index.minhash"
    index = CopyIndex(path)
    t0 = time.perf_counter()
    for article_id, text in texts:
        index.add(article_id, signature(text))
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    CopyIndex(path).load()
    load = time.perf_counter() - t0
    return [
        f"Copy index of {n:,} articles: signing and indexing {build:.1f} s "
        f"({1000 * build / n:.2f} ms each, what a rebuild costs beyond reading the ledger); "
        f"loading its file ({path.stat().st_size / 1024:,.0f} KB) {load:.2f} s."
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--rss", default="1000,20000", help="corpus sizes for peak RSS")
    parser.add_argument("--kb", default="10,100,1000", help="article sizes for time per KB")
    parser.add_argument("--only", default="copies,throughput,dask,rss,length")
    parser.add_argument("--profile", type=Path, help="cProfile of the largest article here")
    parser.add_argument("--write", type=Path, help="also write the Markdown here")
    parser.add_argument("--rss-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child:
        corpus, db, checkpoints = args.rss_child
        rss_child(Path(corpus), Path(db), [int(x) for x in checkpoints.split(",")])
        return
    only = set(args.only.split(","))
    out = [
        f"Measured {dt.date.today().isoformat()} with `python bench/scale.py` on "
        f"{platform.machine()}, {os.cpu_count()} cores shared with other work (CPython "
        f"{platform.python_version()}).",
        "",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sections = [
            ("copies", "Syndicated copies: the threshold", lambda: bench_copies()),
            ("copies", "Syndicated copies: the index", lambda: bench_copy_index(5000, work)),
            (
                "throughput",
                "Throughput of one process",
                lambda: bench_throughput(args.articles, work),
            ),
            ("dask", "Two worker processes", lambda: bench_dask(args.articles)),
            (
                "rss",
                "Peak RSS against corpus size",
                lambda: bench_rss([int(x) for x in args.rss.split(",")], work),
            ),
            (
                "length",
                "Time per KB against article length",
                lambda: bench_length([int(x) for x in args.kb.split(",")], args.profile),
            ),
        ]
        for key, title, run in sections:
            if key not in only:
                continue
            t0 = time.perf_counter()
            body = run()
            out += [f"### {title}", "", *body, "", f"_({time.perf_counter() - t0:.0f} s)_", ""]
            print("\n".join(out[-len(body) - 4 :]), flush=True)
    if args.write:
        args.write.write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
