"""The article in an HTML page, with its metadata, by trafilatura (never crashes on bad HTML)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura

# trafilatura logs every page it finds too short; our caller says so in one line instead.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


MIN_ARTICLE_WORDS = 15


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    title: str | None
    published: str | None
    sitename: str | None
    url: str | None


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or (
        "<body" in head or "<article" in head or "<p>" in head
    )


def extract_html(html: str, url: str | None = None) -> HtmlArticle | None:
    """The main text and metadata, or None when the page holds no article."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception:  # noqa: BLE001 - defensive: a broken page is 'no article', not a crash
        return None
    text = (doc.text or "").strip() if doc is not None else ""
    # A menu or a cookie notice is not an article, even when it is all the page has.
    if len(text.split()) < MIN_ARTICLE_WORDS:
        return None
    title = (doc.title or "").strip() or None
    # trafilatura keeps the headline as the first line; the title field has it already.
    if title and text.split("\n", 1)[0].strip() == title and "\n" in text:
        text = text.split("\n", 1)[1].strip()
    return HtmlArticle(
        text=text, title=title, published=doc.date, sitename=doc.sitename, url=doc.url or url
    )
