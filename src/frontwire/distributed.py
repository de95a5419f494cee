"""Reports computed on a Dask cluster, for corpora that outgrow one machine.

Each Dask worker loads its own Pipeline once (cached per process) and turns batches of
articles into reports; the reports come back to the caller, which alone writes the ledger
(SQLite has one writer). `address=None` starts a local cluster, one worker per core.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from frontwire.model import Article, Report
from frontwire.pipeline import Failure, Pipeline


@lru_cache(maxsize=2)
def _worker_pipeline(model: str | None, gazetteer: Path | None) -> Pipeline:
    return Pipeline(model=model, gazetteer=gazetteer)


def _extract_batch(
    articles: list[Article], model: str | None, gazetteer: Path | None
) -> list[Report | Failure]:
    return list(_worker_pipeline(model, gazetteer).extract_many(articles))


def extract_on_dask(
    articles: Sequence[Article],
    address: str | None = None,
    model: str | None = None,
    gazetteer: Path | None = None,
    batch_size: int = 16,
    workers: int | None = None,
    processes: bool = True,
) -> Iterator[Report | Failure]:
    """Reports for `articles`, in input order, computed by the Dask cluster at `address`."""
    from dask.distributed import Client, LocalCluster

    if address:
        client = Client(address)
        cluster = None
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        batches = [list(articles[i : i + batch_size]) for i in range(0, len(articles), batch_size)]
        futures = client.map(_extract_batch, batches, model=model, gazetteer=gazetteer, pure=False)
        for future in futures:
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
