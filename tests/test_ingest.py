"""Ingest: every kind of input becomes an Article, or one clear line naming it and the problem."""

from __future__ import annotations

import json
from pathlib import Path

from frontwire.ingest.article import article_id, make_article
from frontwire.ingest.errors import Rejected
from frontwire.ingest.readers import ReadOptions, read_inputs
from frontwire.model import Article

REPORT = (
    "Russian forces shelled the town of Kupiansk on Tuesday, killing two civilians and "
    "wounding five, the regional governor said. Ukrainian officials said the strike hit a "
    "school and a hospital in the centre of the town.\n\nThe Russian defence ministry denied "
    "that its troops had targeted civilian buildings."
)

PAGE = f"""<!DOCTYPE html><html><head><title>Shelling hits Kupiansk</title>
<meta property="article:published_time" content="2024-03-12">
<meta property="og:site_name" content="Eastern Monitor"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Shelling hits Kupiansk</h1><p>{REPORT}</p></article>
<footer>Copyright 2024 Eastern Monitor. All rights reserved.</footer></body></html>"""


def _one(path: Path, **options) -> Article | Rejected:
    items = list(read_inputs([path], ReadOptions(**options)))
    assert len(items) == 1
    return items[0]


def test_plain_text_becomes_article_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "kupiansk.txt"
    path.write_text("  " + REPORT.replace("\n\n", "\r\n\r\n\r\n") + "\n", encoding="utf-8")
    article = _one(path, published="2024-03-12", source="Eastern Monitor")
    assert isinstance(article, Article)
    assert article.text.startswith("Russian forces shelled")
    assert "\r" not in article.text and "\n\n\n" not in article.text
    assert article.published.isoformat() == "2024-03-12"
    assert article.source == "Eastern Monitor"


def test_article_id_is_stable_across_whitespace_and_differs_by_url() -> None:
    a = make_article(REPORT, url="https://example.org/a")
    b = make_article("  " + REPORT.replace(" ", "  ") + "\n", url="https://example.org/a")
    c = make_article(REPORT, url="https://example.org/other")
    assert a.id == b.id
    assert a.id != c.id
    assert article_id(REPORT) != article_id(REPORT + " More.")


def test_html_page_gives_article_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = _one(path)
    assert isinstance(article, Article)
    assert article.title == "Shelling hits Kupiansk"
    assert article.published.isoformat() == "2024-03-12"
    assert "Home" not in article.text and "Copyright" not in article.text
    assert "killing two civilians" in article.text


def test_bad_inputs_each_get_one_clear_reason(tmp_path: Path) -> None:
    cases = {
        "empty.txt": (b"", "empty"),
        "blank.txt": (b"   \n\n ", "empty"),
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary"),
        "latin1.txt": (REPORT.replace("town", "bourg élevé").encode("latin-1"), "not UTF-8"),
        "nav.html": (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article"),
        "nl.txt": (
            b"De Russische troepen hebben de stad van drie kanten aangevallen, zei het "
            b"ministerie van Defensie. Het is niet duidelijk hoeveel mensen er nog in de "
            b"stad zijn en of zij de stad kunnen verlaten.",
            "language",
        ),
    }
    for name, (data, words) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        item = _one(path)
        assert isinstance(item, Rejected), name
        assert words in item.problem, (name, item.problem)
        assert str(item).startswith(str(path)), "the line names the input"


def test_huge_input_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(REPORT * 50, encoding="utf-8")
    item = _one(path, max_bytes=1000)
    assert isinstance(item, Rejected) and "over the article limit of 1,000" in item.problem


def test_a_dump_sized_text_is_refused_by_default(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_text(REPORT * 7000, encoding="utf-8")  # about 2 MB: not an article
    item = _one(path)
    assert isinstance(item, Rejected) and "article limit" in item.problem


def test_jsonl_corpus_keeps_ids_order_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": REPORT, "published": "2024-03-12", "source": "Wire"}),
        "{not json",
        json.dumps({"id": "a3", "title": "no text here"}),
        json.dumps({"id": "a4", "text": REPORT + " Later update.", "url": "https://x.org/4"}),
        json.dumps({"id": "a5", "text": REPORT, "published": "12/03/2024"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "Rejected",
        "Rejected",
        "Article",
        "Rejected",
    ]
    assert items[0].external_id == "a1" and items[0].source == "Wire"
    assert items[1].name.endswith(":2") and "JSON" in items[1].problem
    assert items[2].external_id == "a3" and "text" in items[2].problem
    assert items[3].url == "https://x.org/4"
    assert items[4].external_id == "a5" and "ISO date" in items[4].problem


def test_folder_is_read_recursively_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(REPORT + " Second.", encoding="utf-8")
    (tmp_path / "one.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    items = list(read_inputs([tmp_path]))
    assert all(isinstance(i, Article) for i in items)
    assert [i.text.endswith("Second.") for i in items] == [True, False]


def test_rss_feed_entries_become_articles(tmp_path: Path) -> None:
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Eastern Monitor</title>
<item><title>Shelling hits Kupiansk</title><link>https://example.org/k</link>
<guid>k-1</guid><pubDate>Tue, 12 Mar 2024 10:00:00 GMT</pubDate>
<description>{REPORT}</description></item></channel></rss>"""
    path = tmp_path / "feed.rss"
    path.write_text(feed, encoding="utf-8")
    article = _one(path)
    assert isinstance(article, Article)
    assert article.source == "Eastern Monitor"
    assert article.published.isoformat() == "2024-03-12"
    assert article.url == "https://example.org/k"
