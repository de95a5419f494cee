"""Web archives (WARC, as CC-NEWS publishes them) → Articles, one response record at a time.

Each HTML page answered with 200 goes through the same HTML reader as a saved page; request,
metadata and warcinfo records are not pages and pass unseen; other responses (redirects,
errors, images, PDFs) are skipped and counted in one `SkippedRecords` item at the end.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from frontwire.ingest.errors import Rejected
from frontwire.model import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class SkippedRecords(Rejected):
    """Records of a web archive that hold no article; counted, not recorded as failures."""

    count: int = 0


def read_warc(path: Path, options) -> Iterator[Article | Rejected]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from frontwire.ingest.readers import _from_html

    name = str(path)
    skipped: Counter[str] = Counter()
    n = 0
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.format != "warc":
                    # warcio reads text without WARC headers as an old ARC file; none is one.
                    yield Rejected(name, "not a readable WARC file (no WARC record header)")
                    return
                if record.rec_type != "response":
                    continue
                n += 1
                where = f"{name}#{n}"
                status = record.http_headers.get_statuscode() if record.http_headers else None
                if status != "200":
                    skipped[f"status {status or 'none'}"] += 1
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "").lower()
                if not content_type.startswith(HTML_TYPES):
                    skipped[content_type.split(";")[0] or "no content type"] += 1
                    continue
                text = _decode(where, record.content_stream().read(), content_type)
                if isinstance(text, Rejected):
                    yield text
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                crawled = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
                meta = replace(options, url=options.url or url)
                item = _from_html(where, text, meta, external_id=url)
                if isinstance(item, Article) and item.published is None and crawled:
                    # The page names no date: the crawl date is the latest it can be.
                    item = item.model_copy(update={"published": _date(crawled)})
                yield item
    except (ArchiveLoadFailed, OSError, EOFError) as exc:
        yield Rejected(name, f"not a readable WARC file ({exc})".replace("\n", " "))
    if skipped:
        why = ", ".join(f"{count} {kind}" for kind, count in skipped.most_common())
        yield SkippedRecords(
            name,
            f"{sum(skipped.values())} records hold no HTML page ({why})",
            count=sum(skipped.values()),
        )


def _decode(name: str, raw: bytes, content_type: str) -> str | Rejected:
    """The page's text in the charset its headers name, else UTF-8, else Windows-1252."""
    declared = content_type.partition("charset=")[2].split(";")[0].strip().strip('"') or None
    for charset in (declared, "utf-8"):
        if charset:
            try:
                return raw.decode(charset)
            except (LookupError, UnicodeDecodeError):
                continue
    # Old pages often say nothing and are in Windows-1252, which decodes any byte but five.
    return raw.decode("cp1252", errors="replace") if raw else Rejected(name, "empty page")


def _date(iso: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(iso)
    except ValueError:
        return None
