"""Batches into the ledger: read, extract (here, in worker processes or on Dask), store.

The batch goes on past every bad input and failed article, records each failure with its
reason in the ledger, and counts them by kind for the summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from frontwire.ingest.errors import Rejected, reason_kind
from frontwire.ingest.readers import ReadOptions, read_inputs
from frontwire.ledger.store import Ledger
from frontwire.model import Article, Report
from frontwire.pipeline import Failure, Pipeline


@dataclass
class BatchSummary:
    added: int = 0
    known: int = 0
    failures: Counter[str] = field(default_factory=Counter)

    @property
    def failed(self) -> int:
        return sum(self.failures.values())


# Called with (advance_by, message); message is an input's problem, or None.
ProgressHook = Callable[[int, str | None], None]


def run_batch(
    paths: Iterable[str | Path],
    ledger: Ledger,
    options: ReadOptions,
    model: str | None = None,
    gazetteer: Path | None = None,
    workers: int = 1,
    dask_address: str | None = None,
    on_start: Callable[[int], None] | None = None,
    on_progress: ProgressHook | None = None,
) -> BatchSummary:
    """Every article of `paths` into `ledger`, one transaction each."""
    summary = BatchSummary()
    progress = on_progress or (lambda _n, _msg: None)
    items = list(read_inputs(paths, options))
    if on_start:
        on_start(len(items))
    articles: list[Article] = []
    for item in items:
        if isinstance(item, Rejected):
            ledger.record_failure(item.name, item.problem, item.external_id)
            summary.failures[reason_kind(item.problem)] += 1
            progress(1, str(item))
        elif ledger.has_article(item.id):
            summary.known += 1
            progress(1, None)
        else:
            articles.append(item)
    if not articles:
        return summary
    for article, result in zip(
        articles, _results(articles, model, gazetteer, workers, dask_address), strict=True
    ):
        if isinstance(result, Failure):
            name = article.external_id or article.title or article.id
            ledger.record_failure(name, result.reason, article.external_id)
            summary.failures["processing error"] += 1
            progress(1, f"{name}: {result.reason}")
        else:
            if ledger.add_report(result):
                summary.added += 1
            else:
                summary.known += 1
            progress(1, None)
    return summary


def _results(
    articles: list[Article],
    model: str | None,
    gazetteer: Path | None,
    workers: int,
    dask_address: str | None,
) -> Iterator[Report | Failure]:
    if dask_address:
        from frontwire.distributed import extract_on_dask

        address = None if dask_address == "local" else dask_address
        yield from extract_on_dask(
            articles,
            address,
            model=model,
            gazetteer=gazetteer,
            workers=workers if workers > 1 else None,
        )
        return
    from frontwire.parallel import extract_parallel

    yield from extract_parallel(Pipeline(model=model, gazetteer=gazetteer), articles, workers)
