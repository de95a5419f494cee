"""Readers: files, folders, stdin, HTML, JSONL/CSV corpora and feeds → Articles.

Each reader yields `Article`s, or `Rejected` items that name the input and the problem,
so a batch goes on with the rest. Nothing downstream knows where an article came from.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from frontwire.ingest.article import make_article
from frontwire.ingest.errors import Rejected
from frontwire.ingest.html import extract_html, looks_like_html
from frontwire.ingest.language import LanguageIdentifier
from frontwire.model import Article

# An article's text: every stage is linear in length (a 1 MB chronicle takes about two
# minutes, docs/BENCHMARKS.md), so this only guards against accidents such as a dump.
DEFAULT_MAX_BYTES = 2_000_000
# A file as read from disk: HTML pages carry scripts and markup around a small article.
MAX_FILE_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
TABLE_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
# Web archives (CC-NEWS publishes gzipped WARC files), read record by record.
WARC_SUFFIXES = (".warc", ".warc.gz")
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | TABLE_SUFFIXES | {".parquet"}
# Rows of a Parquet corpus read at a time: memory stays flat whatever the file's size.
PARQUET_BATCH_ROWS = 256
CSV_FIELD_LIMIT = MAX_FILE_BYTES
KNOWN_NAMES = ".txt, .md, .html, .jsonl, .csv, .parquet, .warc(.gz) or feed (.rss, .atom, .xml)"
# Notices that are not failures (files skipped in a folder): the command line prints them.
notices = logging.getLogger("frontwire.ingest")


@dataclass(frozen=True)
class ReadOptions:
    """Metadata for single inputs, and the limits every input is held to."""

    published: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    check_language: bool = True
    # Built on first use and shared by every copy of these options (dataclasses.replace).
    languages: LanguageIdentifier = field(
        default_factory=LanguageIdentifier, compare=False, repr=False
    )


Item = Article | Rejected


def read_inputs(paths: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[Item]:
    """Every article in the given files, folders, or '-' for standard input."""
    options = options or ReadOptions()
    for path in paths:
        if str(path) == "-":
            yield from _read_bytes("<stdin>", sys.stdin.buffer.read(), "", options)
            continue
        path = Path(path)
        if path.is_dir():
            found = False
            skipped: list[Path] = []
            for file in walk_folder(path, skipped):
                found = True
                yield from read_file(file, options)
            if skipped:
                notices.warning(
                    "%s: skipped %d file%s with no known extension (e.g. %s); frontwire reads %s",
                    path,
                    len(skipped),
                    "" if len(skipped) == 1 else "s",
                    skipped[0],
                    KNOWN_NAMES,
                )
            if not found:
                yield Rejected(str(path), f"folder holds no {KNOWN_NAMES} files")
        else:
            yield from read_file(path, options)


def walk_folder(folder: Path, skipped: list[Path] | None = None) -> Iterator[Path]:
    """The readable files under `folder`, one at a time, in sorted path order; other files
    (not hidden ones) are appended to `skipped` when it is given.

    Lazy: an archive of a million files starts at its first file, and only one folder's
    listing is held per level (the order is that of sorted(rglob), the path's parts compared).
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=True):
            yield from walk_folder(Path(entry.path), skipped)
        elif entry.is_file() and _is_known(Path(entry.name)):
            yield Path(entry.path)
        elif skipped is not None and entry.is_file() and not entry.name.startswith("."):
            skipped.append(Path(entry.path))


def _is_known(path: Path) -> bool:
    return (
        path.suffix.lower() in KNOWN_SUFFIXES or is_warc(path)
    ) and not path.name.startswith(".")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    name = str(path)
    if not path.exists():
        yield Rejected(name, "no such file or folder")
        return
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if size == 0:
        yield Rejected(name, "empty file")
        return
    if suffix in TABLE_SUFFIXES:
        # Corpora are streamed line by line; the size limit holds for each article.
        yield from _read_table(path, suffix, options)
        return
    if suffix == ".parquet":
        yield from _read_parquet(path, options)
        return
    if is_warc(path):
        from frontwire.ingest.warc import read_warc  # only web archives need warcio

        yield from read_warc(path, options)
        return
    if size > max(MAX_FILE_BYTES, options.max_bytes):
        yield Rejected(name, f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}")
        return
    yield from _read_bytes(name, path.read_bytes(), suffix, options)


def _read_bytes(name: str, raw: bytes, suffix: str, options: ReadOptions) -> Iterator[Item]:
    if not raw.strip():
        yield Rejected(name, "empty input")
        return
    if len(raw) > max(MAX_FILE_BYTES, options.max_bytes):
        limit = max(MAX_FILE_BYTES, options.max_bytes)
        yield Rejected(name, f"input is {len(raw):,} bytes, over the limit of {limit:,}")
        return
    if b"\x00" in raw[:8192]:
        yield Rejected(name, "binary data, not text")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield Rejected(
            name,
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8",
        )
        return
    if suffix in FEED_SUFFIXES or _looks_like_feed(text):
        yield from _read_feed(name, text, options)
    elif suffix in HTML_SUFFIXES or looks_like_html(text):
        yield _from_html(name, text, options)
    else:
        yield article_from_text(name, text, options)


def is_feed(path: Path) -> bool:
    """An RSS/Atom feed by its name or, for other names, by its first bytes."""
    if path.suffix.lower() in FEED_SUFFIXES:
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(1024).decode("utf-8", errors="replace")
    except OSError:
        return False
    return _looks_like_feed(head)


def _looks_like_feed(text: str) -> bool:
    head = text[:1024].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def article_from_text(
    name: str, text: str, options: ReadOptions, external_id: str | None = None
) -> Item:
    """One article from plain text, or the reason it cannot be one."""
    if not text.strip():
        return Rejected(name, "no text", external_id)
    if len(text.encode("utf-8")) > options.max_bytes:
        return Rejected(
            name,
            f"text is {len(text.encode('utf-8')):,} bytes, over the article limit of "
            f"{options.max_bytes:,} (split it, or raise --max-bytes)",
            external_id,
        )
    if options.check_language:
        # Recorded, not lost: the failure names the input, to re-run when it is handled.
        refusal = options.languages.refusal(text)
        if refusal:
            return Rejected(name, refusal, external_id)
    try:
        return make_article(
            text,
            url=options.url,
            source=options.source,
            published=options.published,
            title=options.title,
            external_id=external_id,
        )
    except ValueError as exc:
        return Rejected(name, str(exc), external_id)


def _from_html(name: str, html: str, options: ReadOptions, external_id: str | None = None) -> Item:
    found = extract_html(html, url=options.url)
    if found is None:
        return Rejected(name, "HTML page with no article text", external_id)
    meta = replace(
        options,
        title=options.title or found.title,
        published=options.published or found.published,
        source=options.source or found.sitename,
        url=options.url or found.url,
    )
    return article_from_text(name, found.text, meta, external_id)


def _read_feed(name: str, text: str, options: ReadOptions) -> Iterator[Item]:
    import feedparser  # only feeds need it

    feed = feedparser.parse(text)
    if not feed.entries:
        yield Rejected(name, "feed with no entries")
        return
    for _key, item in feed_items(name, feed, options):
        yield item


def feed_entry_key(entry, n: int) -> str:
    """What names a feed entry across polls: its id, else its link, else title and date."""
    key = entry.get("id") or entry.get("link")
    if key:
        return str(key)
    return f"{entry.get('title', '')}|{entry.get('published', entry.get('updated', n))}"


def feed_items(name: str, feed, options: ReadOptions) -> Iterator[tuple[str, Item]]:
    """(entry key, article or the reason it is not one) for each entry of a parsed feed."""
    outlet = options.source or feed.feed.get("title")
    for n, entry in enumerate(feed.entries, 1):
        body = entry.get("content", [{}])[0].get("value") or entry.get("summary", "")
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        meta = replace(
            options,
            title=entry.get("title"),
            url=entry.get("link"),
            source=outlet,
            published=options.published
            or (
                f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}"
                if published
                else None
            ),
        )
        entry_name = f"{name}#{n}"
        if looks_like_html(body):
            found = extract_html(f"<html><body><article>{body}</article></body></html>")
            body = found.text if found else ""
        item = article_from_text(entry_name, body, meta, external_id=entry.get("id"))
        yield feed_entry_key(entry, n), item


def _read_table(path: Path, suffix: str, options: ReadOptions) -> Iterator[Item]:
    """JSONL (one object per line) or CSV with a 'text' column, streamed."""
    name = str(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
        with handle:
            rows = _jsonl_rows(handle) if suffix != ".csv" else _csv_rows(handle)
            for lineno, row in rows:
                where = f"{name}:{lineno}"
                if isinstance(row, str):
                    yield Rejected(where, row)
                    continue
                yield _from_row(where, row, options)
    except UnicodeDecodeError as exc:
        yield Rejected(name, f"not UTF-8 text (byte at offset {exc.start}); convert it first")


def _read_parquet(path: Path, options: ReadOptions) -> Iterator[Item]:
    """A Parquet corpus with a 'text' column, read one row batch at a time."""
    import pyarrow.parquet as pq  # only Parquet corpora need it

    name = str(path)
    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a bad file
        yield Rejected(name, f"not a Parquet file ({type(exc).__name__}: {exc})")
        return
    if "text" not in table.schema_arrow.names:
        yield Rejected(name, "Parquet file has no 'text' column")
        return
    row = 0
    for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS):
        for record in batch.to_pylist():
            row += 1
            yield _from_row(f"{name}:{row}", record, options)


def _jsonl_rows(handle: io.TextIOBase) -> Iterator[tuple[int, dict | str]]:
    for lineno, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield lineno, f"not a JSON object ({exc.msg})"
            continue
        yield lineno, row if isinstance(row, dict) else "not a JSON object"


def _csv_rows(handle: io.TextIOBase) -> Iterator[tuple[int, dict | str]]:
    csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.DictReader(handle)
    if not reader.fieldnames or "text" not in reader.fieldnames:
        yield 1, "CSV has no 'text' column"
        return
    for row in reader:
        yield reader.line_num, row


def _from_row(where: str, row: dict, options: ReadOptions) -> Item:
    external_id = str(row["id"]) if row.get("id") not in (None, "") else None
    text = row.get("text")
    if not isinstance(text, str):
        return Rejected(where, "no 'text' field", external_id)
    meta = replace(
        options,
        published=row.get("published") or row.get("date") or options.published,
        source=row.get("source") or options.source,
        url=row.get("url") or options.url,
        title=row.get("title") or options.title,
    )
    if looks_like_html(text):
        return _from_html(where, text, meta, external_id)
    return article_from_text(where, text, meta, external_id=external_id)
