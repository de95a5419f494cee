"""Reports from several worker processes, in input order.

Each worker holds its own Pipeline. On Linux the workers fork from a parent that has
loaded it already, so they start at once and share the model's memory pages.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from frontwire.model import Article, Report
from frontwire.pipeline import Failure, Pipeline

_WORKER_PIPELINE: Pipeline | None = None


def _init(pipeline: Pipeline | None, model: str | None) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline or Pipeline(model=model)


def _extract_chunk(articles: list[Article]) -> list[Report | Failure]:
    assert _WORKER_PIPELINE is not None
    return list(_WORKER_PIPELINE.extract_many(articles))


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_parallel(
    pipeline: Pipeline, articles: Iterable[Article], workers: int, chunk_size: int = 8
) -> Iterator[Report | Failure]:
    """Like `pipeline.extract_many`, spread over `workers` processes; order is kept."""
    if workers <= 1:
        yield from pipeline.extract_many(articles)
        return
    forking = "fork" in mp.get_all_start_methods()
    context = mp.get_context("fork" if forking else "spawn")
    # With fork the loaded pipeline is inherited; with spawn each worker loads its own.
    init_args = (pipeline, None) if forking else (None, pipeline.model_name)
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init, initargs=init_args
    ) as pool:
        for results in pool.map(_extract_chunk, _chunks(articles, chunk_size)):
            yield from results
