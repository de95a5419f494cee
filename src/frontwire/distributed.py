"""Reports computed on a Dask cluster, for corpora that outgrow one machine.

Batches of articles stream to the cluster with back-pressure: at most `window` batches are
submitted and not yet handed back, so neither the caller nor the scheduler holds the corpus.
Each worker loads its Pipeline once (a worker plugin, at start, and again in a replacement
worker); the reports come back to the caller, which alone writes the ledger (SQLite has one
writer), in input order through a reorder buffer. A worker that dies has its batches run
again on another one (the scheduler's rescheduling, plus task retries for errors).
`address=None` starts a local cluster of worker processes, one per core.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from distributed import WorkerPlugin, get_worker

from frontwire.model import Article, Report
from frontwire.pipeline import Failure, Pipeline

PLUGIN_NAME = "frontwire-pipeline"
# Batches in flight per worker thread: one running, one waiting, one on its way back.
BATCHES_PER_THREAD = 3
RETRIES = 3


class PipelinePlugin(WorkerPlugin):
    """Loads the Pipeline once in each worker, before its first batch."""

    name = PLUGIN_NAME

    def __init__(self, model: str | None, gazetteer: Path | None) -> None:
        self.model = model
        self.gazetteer = gazetteer

    def setup(self, worker) -> None:
        worker.frontwire_pipeline = Pipeline(model=self.model, gazetteer=self.gazetteer)


def _extract_batch(articles: list[Article]) -> list[Report | Failure]:
    pipeline = getattr(get_worker(), "frontwire_pipeline", None)
    if pipeline is None:  # a worker that joined without the plugin (should not happen)
        raise RuntimeError("this Dask worker has no frontwire pipeline loaded")
    return list(pipeline.extract_many(articles))


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_on_dask(
    articles: Iterable[Article],
    address: str | None = None,
    model: str | None = None,
    gazetteer: Path | None = None,
    batch_size: int = 16,
    workers: int | None = None,
    processes: bool = True,
    window: int | None = None,
    client=None,
) -> Iterator[Report | Failure]:
    """Reports for `articles`, in input order, computed by the Dask cluster at `address`.

    `client` uses a Client the caller holds (tests, notebooks) instead of connecting.
    """
    from dask.distributed import Client, LocalCluster

    cluster = None
    own_client = client is None
    if client is None and address:
        client = Client(address)
    elif client is None:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        client.register_plugin(PipelinePlugin(model, gazetteer), name=PLUGIN_NAME)
        yield from _stream(client, articles, batch_size, window)
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()


def _stream(
    client, articles: Iterable[Article], batch_size: int, window: int | None
) -> Iterator[Report | Failure]:
    from dask.distributed import as_completed

    if window is None:
        threads = sum(client.nthreads().values()) or 1
        window = BATCHES_PER_THREAD * threads
    batches = enumerate(_batches(articles, batch_size))
    done: dict[int, list[Report | Failure]] = {}  # the reorder buffer
    submitted: dict[str, tuple[int, list[str]]] = {}  # future key -> (batch index, ids)
    next_index = 0
    running = as_completed()

    def submit_more() -> None:
        while len(submitted) + len(done) < window:
            found = next(batches, None)
            if found is None:
                return
            index, batch = found
            future = client.submit(_extract_batch, batch, pure=False, retries=RETRIES)
            submitted[future.key] = (index, [a.id for a in batch])
            running.add(future)

    submit_more()
    while submitted:
        future = next(running)
        index, ids = submitted.pop(future.key)
        try:
            done[index] = future.result()
        except Exception as exc:  # noqa: BLE001 - a batch lost for good fails, the run goes on
            reason = f"lost on the Dask cluster ({type(exc).__name__}: {exc})"
            done[index] = [Failure(article_id, reason) for article_id in ids]
        future.release()
        while next_index in done:
            yield from done.pop(next_index)
            next_index += 1
        submit_more()
