"""The streaming batch: lazy reading, a bounded number in flight, input order, no orphans."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from frontwire.batch import WRITE_GROUP, run_items
from frontwire.examples import example_corpus
from frontwire.ingest.readers import ReadOptions, read_inputs, walk_folder
from frontwire.ledger.store import Ledger
from frontwire.model import Article


def _example_rows() -> list[dict]:
    lines = example_corpus().read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_folders_are_walked_lazily_in_sorted_path_order(tmp_path: Path) -> None:
    for name in ("b/2.txt", "b/1.txt", "a.txt", "c/d/e.html", "c.txt", "b/.hidden.txt", "x.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text")
    walk = walk_folder(tmp_path)
    assert next(walk) == tmp_path / "a.txt"
    # Written after the walk began, in a folder it has not entered yet: it is found.
    (tmp_path / "c/d/f.txt").write_text("late")
    rest = list(walk)
    expected = sorted(
        p for p in tmp_path.rglob("*") if p.is_file() and p.suffix in {".txt", ".html"}
    )
    expected = [p for p in expected if not p.name.startswith(".")]
    assert [tmp_path / "a.txt", *rest] == expected


def test_a_parquet_corpus_is_read_batch_by_batch(tmp_path: Path) -> None:
    rows = _example_rows()
    table = pa.Table.from_pylist(
        [{k: r.get(k) for k in ("id", "text", "title", "source", "published")} for r in rows]
    )
    pq.write_table(table, tmp_path / "corpus.parquet", row_group_size=2)
    items = list(read_inputs([tmp_path / "corpus.parquet"], ReadOptions()))
    assert [i.external_id for i in items] == [r["id"] for r in rows]
    assert all(isinstance(i, Article) for i in items)
    assert items[0].source == rows[0]["source"] and items[0].title == rows[0]["title"]
    pq.write_table(pa.table({"body": ["no text column here"]}), tmp_path / "bad.parquet")
    (bad,) = read_inputs([tmp_path / "bad.parquet"], ReadOptions())
    assert "no 'text' column" in str(bad) and "bad.parquet" in str(bad)


class _OrderLedger(Ledger):
    """A real ledger that also notes the order reports are written in."""

    written: list[str]

    def add_reports(self, reports, *args, **kwargs) -> list[bool]:
        self.written.extend(report.article.external_id for report in reports)
        return super().add_reports(reports, *args, **kwargs)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_bounded_number_in_flight_and_reports_in_input_order(
    pipeline, tmp_path: Path, workers: int
) -> None:
    rows = _example_rows()
    # Three passes over the examples, each article made new by its URL.
    articles = [
        Article.model_validate(
            {
                "id": f"{n:016x}",
                "external_id": f"{r['id']}-{n}",
                "text": r["text"],
                "url": f"https://example.org/{n}",
            }
        )
        for n, r in enumerate(rows * 3)
    ]
    pulled = 0
    most_in_flight = 0
    written = 0

    def items():
        nonlocal pulled
        for article in articles:
            pulled += 1
            yield article

    def progress(n: int, _message) -> None:
        nonlocal written, most_in_flight
        written += n
        most_in_flight = max(most_in_flight, pulled - written)

    with _OrderLedger(tmp_path / "order.db") as ledger:
        ledger.written = []
        summary = run_items(
            items(),
            ledger,
            pipeline=pipeline,
            workers=workers,
            on_progress=progress,
            copies=False,
            window=2,
        )
        assert ledger.written == [a.external_id for a in articles]
    assert summary.added == len(articles)
    # One spaCy batch (16) in one process, two chunks of 8 with two workers; and the reports
    # that wait to be written together.
    assert most_in_flight <= 16 + WRITE_GROUP


CHILD = textwrap.dedent(
    """
    import itertools, json, os, sys
    import psutil
    from frontwire.examples import example_corpus
    from frontwire.ingest.readers import ReadOptions, read_inputs
    from frontwire.parallel import extract_parallel
    from frontwire.pipeline import Pipeline

    articles = list(read_inputs([example_corpus()], ReadOptions()))
    pipeline = Pipeline()
    endless = itertools.chain.from_iterable(itertools.repeat(articles))
    for n, _ in enumerate(extract_parallel(pipeline, endless, workers=2, chunk_size=2)):
        if n == 4:
            pids = [p.pid for p in psutil.Process().children()]
            print(json.dumps(pids), flush=True)
    """
)


def test_workers_die_with_their_parent_after_kill_9() -> None:
    import psutil

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    try:
        workers = json.loads(child.stdout.readline())
        assert len(workers) == 2
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        deadline = time.monotonic() + 10
        alive = workers
        while alive and time.monotonic() < deadline:
            alive = [pid for pid in workers if _alive(psutil, pid)]
            time.sleep(0.1)
        assert alive == []
    finally:
        if child.poll() is None:
            child.kill()


def _alive(psutil, pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
