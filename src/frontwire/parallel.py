"""Reports from several worker processes, in input order, with a bounded number in flight.

Each worker holds its own Pipeline. On Linux the workers fork from a parent that has
loaded it already, so they start at once and share the model's memory pages. Chunks are
submitted through a window (a few per worker), never the whole corpus at once, so memory
stays flat however long the input is. Workers die with their parent, even after kill -9.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from frontwire.model import Article, Report
from frontwire.pipeline import Failure, Pipeline

_WORKER_PIPELINE: Pipeline | None = None
_PR_SET_PDEATHSIG = 1
# Chunks in flight per worker: enough that no worker waits for the next one.
CHUNKS_PER_WORKER = 3


def die_with_parent() -> None:
    """End this process when the one that started it ends, however it ends.

    On Linux the kernel sends SIGKILL at the parent's death (prctl PR_SET_PDEATHSIG);
    elsewhere a daemon thread notices that the parent changed and exits.
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _init(pipeline: Pipeline | None, model: str | None) -> None:
    global _WORKER_PIPELINE
    die_with_parent()
    _WORKER_PIPELINE = pipeline or Pipeline(model=model)


def _extract_chunk(articles: list[Article]) -> list[Report | Failure]:
    assert _WORKER_PIPELINE is not None
    return list(_WORKER_PIPELINE.extract_many(articles))


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_parallel(
    pipeline: Pipeline,
    articles: Iterable[Article],
    workers: int,
    chunk_size: int = 8,
    window: int | None = None,
) -> Iterator[Report | Failure]:
    """Like `pipeline.extract_many`, spread over `workers` processes; order is kept.

    At most `window` chunks (default: 3 per worker) are submitted and not yet yielded.
    """
    if workers <= 1:
        yield from pipeline.extract_many(articles)
        return
    window = window or CHUNKS_PER_WORKER * workers
    forking = "fork" in mp.get_all_start_methods()
    context = mp.get_context("fork" if forking else "spawn")
    # With fork the loaded pipeline is inherited; with spawn each worker loads its own.
    init_args = (pipeline, None) if forking else (None, pipeline.model_name)
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init, initargs=init_args
    ) as pool:
        pending: deque[Future] = deque()
        for chunk in _chunks(articles, chunk_size):
            pending.append(pool.submit(_extract_chunk, chunk))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
