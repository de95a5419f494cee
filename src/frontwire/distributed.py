"""Reports computed on a Dask cluster, for corpora that outgrow one machine.

Batches of articles stream to the cluster with back-pressure: at most `window` batches are
submitted and not yet finished, so neither the caller nor the scheduler holds the corpus.
Each worker loads its Pipeline once (a worker plugin, at start, and again in a replacement
worker); the reports come back to the caller, which alone writes the ledger (SQLite has one
writer), in input order through a reorder buffer. A worker that dies has its batches run
again on another one (the scheduler's rescheduling, plus task retries for errors).
`address=None` starts a local cluster of worker processes, one per core.

What travels is plain text: articles go out as JSON strings and reports come back as JSON
strings (or a failure's id and reason), never pickled pydantic objects. Pickling a report
and unpickling it costs about 1.7 % of its extraction each way; its JSON costs 0.2 % to
write on the worker and 1.1 % to read back on the caller, which shares the machine with the
scheduler and, on one machine, with the workers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from distributed import WorkerPlugin, get_worker

from frontwire.model import Article, Report
from frontwire.pipeline import Failure, Pipeline

PLUGIN_NAME = "frontwire-pipeline"
# Articles per batch. The parse costs the same per article in batches of 4 as of 32; at the end
# of a run one worker waits at most one batch for the other, so smaller is better there, but
# each task costs the caller (client and, on one machine, the scheduler) a few ms of CPU: 4 a
# batch cost the caller ~20 % more CPU than 8 or 16 in a back-to-back measurement, 8 no more
# than 16 (with 16, 200 articles made 13 batches, and one worker idled through the last).
BATCH_SIZE = 8
# Batches running or queued per worker thread: one running, the next ones ready, so a worker
# never waits for the caller.
BATCHES_PER_THREAD = 4
# Finished batches the reorder buffer may hold per batch in flight, waiting for an earlier
# batch (a long article) to finish: the others keep working meanwhile.
REORDER_PER_WINDOW = 2
RETRIES = 3
# Settings of the workers of a local cluster (pass them to `dask worker` with
# DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False on other machines): the statistical
# profiler samples the running task's stack every 10 ms, ~4 % of a worker's CPU on our
# pure-Python stages, for a dashboard nobody reads in a batch run.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}

# One result of a batch on the wire: a report's JSON, or (article id, reason) for a failure.
Wire = str | tuple[str, str]


class PipelinePlugin(WorkerPlugin):
    """Loads the Pipeline once in each worker, before its first batch."""

    name = PLUGIN_NAME

    def __init__(self, model: str | None, gazetteer: Path | None) -> None:
        self.model = model
        self.gazetteer = gazetteer

    def setup(self, worker) -> None:
        worker.frontwire_pipeline = Pipeline(model=self.model, gazetteer=self.gazetteer)


def _extract_batch(articles: list[str]) -> list[Wire]:
    """Runs on a worker: article JSON in, report JSON (or a failure) out, in input order."""
    pipeline = getattr(get_worker(), "frontwire_pipeline", None)
    if pipeline is None:  # a worker that joined without the plugin (should not happen)
        raise RuntimeError("this Dask worker has no frontwire pipeline loaded")
    out: list[Wire] = []
    for result in pipeline.extract_many(Article.model_validate_json(a) for a in articles):
        if isinstance(result, Failure):
            out.append((result.article_id, result.reason))
        else:
            out.append(result.model_dump_json())
    return out


def _from_wire(item: Wire) -> Report | Failure:
    if isinstance(item, tuple):
        return Failure(*item)
    return Report.model_validate_json(item)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def local_cluster(workers: int | None = None, processes: bool = True):
    """A cluster on this machine as `--dask local` starts it: one single-threaded worker
    process per core (or `workers`), without the workers' statistical profiler."""
    import dask
    from dask.distributed import LocalCluster

    # Worker processes take the configuration in force when they start.
    with dask.config.set(WORKER_CONFIG):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
        )


def local_client(cluster):
    """A client of a local cluster that fetches results from the workers themselves: through
    the scheduler, each report would cross two connections inside this same process."""
    from dask.distributed import Client

    return Client(cluster, direct_to_workers=True)


def extract_on_dask(
    articles: Iterable[Article],
    address: str | None = None,
    model: str | None = None,
    gazetteer: Path | None = None,
    batch_size: int | None = None,
    workers: int | None = None,
    processes: bool = True,
    window: int | None = None,
    client=None,
) -> Iterator[Report | Failure]:
    """Reports for `articles`, in input order, computed by the Dask cluster at `address`.

    `client` uses a Client the caller holds (tests, notebooks) instead of connecting;
    `window` bounds the batches submitted and not yet finished (default: 4 per thread).
    """
    from dask.distributed import Client

    cluster = None
    own_client = client is None
    if client is None and address:
        client = Client(address)
    elif client is None:
        cluster = local_cluster(workers, processes)
        client = local_client(cluster)
    try:
        client.register_plugin(PipelinePlugin(model, gazetteer), name=PLUGIN_NAME)
        yield from _stream(client, articles, batch_size or BATCH_SIZE, window)
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
    # Finished batches wait here for the earlier ones; bounded, so memory stays flat even
    # behind one very slow batch (then submission pauses until it is in).
    reorder_limit = REORDER_PER_WINDOW * window
    batches = enumerate(_batches(articles, batch_size))
    done: dict[int, list[Wire]] = {}  # the reorder buffer
    submitted: dict[str, tuple[int, list[str]]] = {}  # future key -> (batch index, ids)
    next_index = 0
    running = as_completed()

    def submit_more() -> None:
        while len(submitted) < window and len(submitted) + len(done) < reorder_limit:
            found = next(batches, None)
            if found is None:
                return
            index, batch = found
            payload = [a.model_dump_json() for a in batch]
            future = client.submit(_extract_batch, payload, pure=False, retries=RETRIES)
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
            done[index] = [(article_id, reason) for article_id in ids]
        future.release()
        submit_more()  # before decoding: the workers get their next batches first
        while next_index in done:
            for item in done.pop(next_index):
                yield _from_wire(item)
            next_index += 1
            submit_more()
