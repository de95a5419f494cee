"""A real Dask cluster: worker processes, a scheduler started by address, a worker killed
mid-run, and the ledger written once per article, in input order."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from frontwire.batch import run_items
from frontwire.examples import example_corpus
from frontwire.ledger.store import Ledger
from frontwire.model import Article

distributed = pytest.importorskip("distributed")


def _articles(copies: int) -> list[Article]:
    """The example articles, `copies` times over, each made new by its URL."""
    lines = example_corpus().read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [
        Article(
            id=f"{n:016x}",
            external_id=f"{row['id']}-{n}",
            text=row["text"],
            url=f"https://example.org/{n}",
            published=row.get("published"),
            source=row.get("source"),
        )
        for n, row in enumerate(rows * copies)
    ]


class _OrderLedger(Ledger):
    """A real ledger that also notes the order reports are written in."""

    def add_reports(self, reports, *args, **kwargs) -> list[bool]:
        self.written.extend(report.article.external_id for report in reports)
        return super().add_reports(reports, *args, **kwargs)


def _kill_one_worker(address: str) -> int:
    from distributed import Client

    with Client(address, timeout=30) as client:
        pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    return victim


def _run(address: str, articles: list[Article], db: Path, kill: bool) -> tuple:
    killed: list[int] = []

    def progress(_n: int, message) -> None:
        assert message is None, message
        if kill and not killed:  # the first report is in: the rest is on the workers
            killed.append(_kill_one_worker(address))

    with _OrderLedger(db) as ledger:
        ledger.written = []
        summary = run_items(
            iter(articles),
            ledger,
            dask_address=address,
            on_progress=progress,
            copies=False,
            batch_size=2,
        )
        return summary, ledger.written, ledger.counts()["articles"], killed


def test_two_worker_processes_write_the_serial_order(tmp_path: Path) -> None:
    from distributed import LocalCluster

    articles = _articles(2)
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        assert len(cluster.workers) == 2
        summary, written, stored, _ = _run(
            cluster.scheduler_address, articles, tmp_path / "local.db", kill=False
        )
    assert (summary.added, summary.failed) == (len(articles), 0)
    assert written == [a.external_id for a in articles] and stored == len(articles)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_scheduler_by_address_survives_a_killed_worker(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen(
        [
            bin_dir / "dask",
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-dashboard",
        ],
        **quiet,
    )
    workers = subprocess.Popen(
        [
            bin_dir / "dask",
            "worker",
            address,
            "--nworkers",
            "2",
            "--nthreads",
            "1",
            "--host",
            "127.0.0.1",
            "--no-dashboard",
        ],
        **quiet,
    )
    try:
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
        articles = _articles(2)
        summary, written, stored, killed = _run(address, articles, tmp_path / "far.db", kill=True)
    finally:
        for process in (workers, scheduler):
            process.send_signal(signal.SIGTERM)
        for process in (workers, scheduler):
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
    assert killed, "no worker was killed"
    # Nothing lost, nothing doubled, and in input order.
    assert (summary.added, summary.known, summary.failed) == (len(articles), 0, 0)
    assert written == [a.external_id for a in articles] and stored == len(articles)
