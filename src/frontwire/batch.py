"""Batches into the ledger: read, extract (here, in worker processes or on Dask), store.

The batch streams: inputs are read lazily, a bounded number of articles is in flight, and
reports are written as they come, in input order, several in one transaction (WRITE_GROUP),
so memory does not grow with the corpus.
It goes on past every bad input and failed article, records each failure with its reason in
the ledger, and counts them by kind for the summary. A syndicated copy of an article already
kept (in the ledger, or earlier in the batch) is not extracted again: its outlet is recorded
on the kept article.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from frontwire.ingest.errors import Rejected, reason_kind
from frontwire.ingest.readers import ReadOptions, read_inputs
from frontwire.ingest.warc import SkippedRecords
from frontwire.ledger.store import Ledger, LedgerError
from frontwire.model import Article, Report
from frontwire.pipeline import Failure, Pipeline


@dataclass
class BatchSummary:
    added: int = 0
    known: int = 0
    # Syndicated copies recorded as another outlet of an article kept earlier.
    copies: int = 0
    # Web-archive records that hold no article (redirects, errors, images): not failures.
    skipped: int = 0
    failures: Counter[str] = field(default_factory=Counter)

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    @property
    def seen(self) -> int:
        return self.added + self.known + self.copies + self.failed


# Called with (advance_by, message); message is an input's problem, or None.
ProgressHook = Callable[[int, str | None], None]


@dataclass
class _Copy:
    """A syndicated copy waiting until the article it copies has been written."""

    article: Article
    kept_id: str


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
    replace: bool = False,
    copies: bool = True,
    window: int | None = None,
    batch_size: int | None = None,
    pipeline: Pipeline | None = None,
) -> BatchSummary:
    """Every article of `paths` into `ledger`, in input order; each article is written all
    or nothing (several in one transaction). `pipeline`: one the caller loaded (and owns).

    The number of articles is known only at the end: `on_start` is called then, with it.
    `replace` re-extracts articles already in the ledger (reviews are kept); `copies=False`
    turns off the recognition of syndicated copies; `window` bounds the batches in flight
    (of `batch_size` articles, by default 8).
    """
    return run_items(
        read_inputs(paths, options),
        ledger,
        model=model,
        gazetteer=gazetteer,
        workers=workers,
        dask_address=dask_address,
        on_start=on_start,
        on_progress=on_progress,
        replace=replace,
        copies=copies,
        window=window,
        batch_size=batch_size,
        pipeline=pipeline,
    )


def run_items(
    items: Iterable[Article | Rejected],
    ledger: Ledger,
    model: str | None = None,
    gazetteer: Path | None = None,
    workers: int = 1,
    dask_address: str | None = None,
    on_start: Callable[[int], None] | None = None,
    on_progress: ProgressHook | None = None,
    replace: bool = False,
    copies: bool = True,
    window: int | None = None,
    pipeline: Pipeline | None = None,
    copy_index=None,
    batch_size: int | None = None,
) -> BatchSummary:
    """`run_batch` over items already read (feeds on watch); `pipeline` and `copy_index`
    reuse ones loaded before, so that a long-running caller loads them once."""
    summary = BatchSummary()
    progress = on_progress or (lambda _n, _msg: None)
    index = copy_index
    if copies and index is None:
        from frontwire.ingest.syndication import open_copy_index

        index = open_copy_index(ledger)
    # Entries in input order: an Article sent to extraction, or a _Copy of an earlier one.
    queue: deque[Article | _Copy] = deque()
    # Articles sent to extraction and not yet written (their reports may wait in `writer`).
    in_flight: set[str] = set()
    writer = _GroupWriter(ledger, summary, progress, replace, in_flight)

    def flush_copies() -> None:
        while queue and isinstance(queue[0], _Copy):
            writer.add_copy(queue.popleft())

    def to_extract() -> Iterator[Article]:
        for item in items:
            if isinstance(item, SkippedRecords):
                summary.skipped += item.count
                continue
            if isinstance(item, Rejected):
                ledger.record_failure(item.name, item.problem, item.external_id)
                summary.failures[reason_kind(item.problem)] += 1
                progress(1, str(item))
                continue
            if not replace and (item.id in in_flight or ledger.has_article(item.id)):
                summary.known += 1
                progress(1, None)
                continue
            if index is not None:
                kept, minhash = index.copy_of(item.id, item.text)
                if kept is not None and (kept in in_flight or ledger.has_article(kept)):
                    queue.append(_Copy(item, kept))
                    flush_copies()
                    continue
                index.add(item.id, minhash)
            queue.append(item)
            in_flight.add(item.id)
            yield item

    extracted = _results(
        to_extract(), model, gazetteer, workers, dask_address, window, pipeline, batch_size
    )
    try:
        for result in extracted:
            flush_copies()
            article = queue.popleft()
            assert isinstance(article, Article)
            if isinstance(result, Failure):
                in_flight.discard(article.id)
                name = article.external_id or article.title or article.id
                ledger.record_failure(name, result.reason, article.external_id)
                summary.failures["processing error"] += 1
                progress(1, f"{name}: {result.reason}")
            else:
                writer.add_report(article, result)
            flush_copies()
        flush_copies()
    except KeyboardInterrupt:
        writer.flush()  # the reports already extracted are kept
        raise
    writer.flush()
    if on_start:
        on_start(summary.seen)
    return summary


# Reports written together, in one transaction: one commit, and one read of each merge group
# they touch, for several articles (a write of one article alone cost 12-16 ms, mostly
# that). A report waits at most WRITE_WAIT_S for its group to fill, so a run killed midway
# loses only the last few reports, never half of one (they are extracted again next time).
WRITE_GROUP = 32
WRITE_WAIT_S = 2.0


class _GroupWriter:
    """The batch's writes, in input order: reports in groups, then the syndicated copies
    that came after them (a copy is recorded on an article that must be written first)."""

    def __init__(
        self,
        ledger: Ledger,
        summary: BatchSummary,
        progress: ProgressHook,
        replace: bool,
        in_flight: set[str],
    ) -> None:
        self.ledger = ledger
        self.summary = summary
        self.progress = progress
        self.replace = replace
        self.in_flight = in_flight
        self.reports: list[tuple[Article, Report]] = []
        self.copies: list[_Copy] = []
        self.since = 0.0

    def add_report(self, article: Article, report: Report) -> None:
        if not self.reports:
            self.since = time.monotonic()
        self.reports.append((article, report))
        self._maybe_flush()

    def add_copy(self, copy: _Copy) -> None:
        if not self.reports and not self.copies:
            self.since = time.monotonic()
        self.copies.append(copy)
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        waiting = len(self.reports) + len(self.copies)
        if waiting >= WRITE_GROUP or time.monotonic() - self.since >= WRITE_WAIT_S:
            self.flush()

    def flush(self) -> None:
        reports, self.reports = self.reports, []
        copies, self.copies = self.copies, []
        if reports:
            self._write_reports(reports)
        if copies:
            self._write_copies(copies)

    def _write_reports(self, reports: list[tuple[Article, Report]]) -> None:
        try:
            written = self.ledger.add_reports([r for _, r in reports], replace=self.replace)
        except LedgerError:
            # One of them is refused (or the ledger is): each alone, so the others are kept
            # and the one at fault is recorded with its reason.
            written = [self._write_alone(article, report) for article, report in reports]
        for (article, _), stored in zip(reports, written, strict=True):
            self.in_flight.discard(article.id)
            if stored is None:
                continue
            if stored:
                self.summary.added += 1
            else:
                self.summary.known += 1
            self.progress(1, None)

    def _write_alone(self, article: Article, report: Report) -> bool | None:
        try:
            return self.ledger.add_report(report, replace=self.replace)
        except LedgerError as exc:
            name = article.external_id or article.title or article.id
            reason = f"not stored in the ledger ({exc})"
            self.ledger.record_failure(name, reason, article.external_id)
            self.summary.failures["not stored in the ledger"] += 1
            self.progress(1, f"{name}: {reason}")
            return None

    def _write_copies(self, copies: list[_Copy]) -> None:
        outlets = []
        for copy in copies:
            article = copy.article
            if not self.ledger.has_article(copy.kept_id):
                name = article.external_id or article.title or article.id
                reason = f"a copy of article {copy.kept_id}, which could not be processed"
                self.ledger.record_failure(name, reason, article.external_id)
                kind = reason_kind("a copy of an article that could not be processed")
                self.summary.failures[kind] += 1
                self.progress(1, f"{name}: {reason}")
                continue
            outlets.append(
                {
                    "article_id": copy.kept_id,
                    "source": _outlet_name(article),
                    "url": article.url,
                    "published": article.published,
                    "title": article.title,
                }
            )
        self.ledger.add_outlets(outlets)
        for _ in outlets:
            self.summary.copies += 1
            self.progress(1, None)


def _outlet_name(article: Article) -> str:
    if article.source:
        return article.source
    host = urlsplit(article.url).hostname if article.url else None
    return host or article.external_id or "unknown outlet"


def _results(
    articles: Iterator[Article],
    model: str | None,
    gazetteer: Path | None,
    workers: int,
    dask_address: str | None,
    window: int | None,
    pipeline: Pipeline | None = None,
    batch_size: int | None = None,
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
            window=window,
            batch_size=batch_size,
        )
        return
    from frontwire.parallel import extract_parallel

    pipeline = pipeline or Pipeline(model=model, gazetteer=gazetteer)
    if workers <= 1:
        yield from pipeline.extract_many(articles)
        return
    chunk = max(1, min(batch_size or 8, 8))
    yield from extract_parallel(pipeline, articles, workers, chunk_size=chunk, window=window)
