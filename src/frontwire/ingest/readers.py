"""Readers: files, folders, stdin, HTML, JSONL/CSV corpora and feeds → Articles.

Each reader yields `Article`s, or `Rejected` items that name the input and the problem,
so a batch goes on with the rest. Nothing downstream knows where an article came from.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from frontwire.ingest.article import make_article
from frontwire.ingest.errors import Rejected
from frontwire.ingest.html import extract_html, looks_like_html
from frontwire.ingest.language import guess_language
from frontwire.model import Article

# An article's text: the longest wire reports and features stay far below this; a longer
# text is a book or a dump, and the parse-based stages slow down with its length.
DEFAULT_MAX_BYTES = 200_000
# A file as read from disk: HTML pages carry scripts and markup around a small article.
MAX_FILE_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
TABLE_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | TABLE_SUFFIXES
CSV_FIELD_LIMIT = MAX_FILE_BYTES


@dataclass(frozen=True)
class ReadOptions:
    """Metadata for single inputs, and the limits every input is held to."""

    published: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    check_language: bool = True


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
            files = sorted(p for p in path.rglob("*") if p.is_file() and _is_known(p))
            if not files:
                yield Rejected(str(path), "folder holds no .txt, .html, .jsonl, .csv or feed files")
            for file in files:
                yield from read_file(file, options)
        else:
            yield from read_file(path, options)


def _is_known(path: Path) -> bool:
    return path.suffix.lower() in KNOWN_SUFFIXES and not path.name.startswith(".")


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
        language = guess_language(text)
        if language is not None and language != "en":
            return Rejected(
                name, f"language looks like {language}; frontwire reads English only", external_id
            )
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
        yield article_from_text(entry_name, body, meta, external_id=entry.get("id"))


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
