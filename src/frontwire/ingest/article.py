"""Making an Article: normalized text and a stable id."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from frontwire.model import Article

_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """NFC, one kind of newline, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def article_id(text: str, url: str | None = None) -> str:
    """Same words and URL, same id: re-ingesting an article changes nothing."""
    folded = " ".join(normalize_text(text).split()).casefold()
    digest = hashlib.sha256(f"{(url or '').strip()}\n{folded}".encode()).hexdigest()
    return digest[:16]


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """ISO dates and datetimes ('2023-03-04', '2023-03-04T10:00:00Z'); None stays None."""
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    value = str(value).strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise ValueError(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc


def make_article(
    text: str,
    *,
    url: str | None = None,
    source: str | None = None,
    published: str | dt.date | None = None,
    title: str | None = None,
    language: str = "en",
    external_id: str | None = None,
) -> Article:
    clean = normalize_text(text)
    return Article(
        id=article_id(clean, url),
        external_id=external_id,
        title=title.strip() if title else None,
        source=source,
        url=url,
        published=parse_date(published),
        language=language,
        text=clean,
    )
