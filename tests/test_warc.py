"""Web archives as CC-NEWS publishes them: HTML responses in, everything else counted out."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from frontwire.batch import run_items
from frontwire.ingest.readers import ReadOptions, read_inputs
from frontwire.ingest.warc import SkippedRecords
from frontwire.ledger.store import Ledger
from frontwire.model import Article

PAGE = """<!DOCTYPE html><html><head><title>{title}</title>
<meta property="article:published_time" content="{date}"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>Copyright Harbour Times. All rights reserved.</footer></body></html>"""

STORIES = [
    (
        "Flooding cuts road to Beledweyne",
        "2024-05-02",
        [
            "Floodwater from the Shabelle river cut the main road into Beledweyne on Thursday, "
            "stranding hundreds of trucks carrying food and fuel, the town's mayor said.",
            "The mayor said at least 4,000 families had moved to higher ground and that two "
            "children had drowned when their house collapsed on the eastern bank of the river.",
            "Aid agencies said they were sending boats from Mogadishu but warned that heavy rain "
            "upstream in Ethiopia would keep the river high for at least another week.",
        ],
    ),
    (
        "Gunmen attack checkpoint near Mopti",
        "2024-05-03",
        [
            "Gunmen on motorbikes attacked an army checkpoint near Mopti in central Mali on "
            "Friday, killing three soldiers, a military source said.",
            "The attackers burned two vehicles and took weapons before fleeing towards the "
            "Inner Niger Delta, the source said, speaking on condition of anonymity.",
            "No group has claimed the attack. Fighters linked to al Qaeda are active in the "
            "area and have attacked checkpoints on the road to Sevare several times this year.",
        ],
    ),
]


def _response(writer: WARCWriter, url: str, status: str, content_type: str, body: bytes):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers
    )
    writer.write_record(record)


def write_warc(path: Path) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for n, (title, date, paragraphs) in enumerate(STORIES):
            html = PAGE.format(
                title=title, date=date, paragraphs="".join(f"<p>{p}</p>" for p in paragraphs)
            )
            request = writer.create_warc_record(
                f"https://harbour.example/news/{n}", "request", payload=io.BytesIO(b"GET / \r\n")
            )
            writer.write_record(request)
            _response(
                writer,
                f"https://harbour.example/news/{n}",
                "200 OK",
                "text/html; charset=utf-8",
                html.encode(),
            )
        _response(
            writer, "https://harbour.example/gone", "404 Not Found", "text/html", b"<p>no</p>"
        )
        _response(writer, "https://harbour.example/old", "301 Moved", "text/html", b"")
        _response(writer, "https://harbour.example/logo.png", "200 OK", "image/png", b"\x89PNG..")


def test_html_responses_become_articles_and_the_rest_is_counted(tmp_path: Path) -> None:
    path = tmp_path / "CC-NEWS-20240503.warc.gz"
    write_warc(path)
    items = list(read_inputs([path], ReadOptions()))
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in articles] == [title for title, _, _ in STORIES]
    assert articles[0].url == "https://harbour.example/news/0"
    assert articles[1].published.isoformat() == "2024-05-03"
    assert "Shabelle river" in articles[0].text and "Copyright" not in articles[0].text
    skipped = [i for i in items if isinstance(i, SkippedRecords)]
    assert len(skipped) == 1 and skipped[0].count == 3
    assert "status 404" in skipped[0].problem and "image/png" in skipped[0].problem


def test_a_warc_in_a_folder_goes_into_the_ledger(pipeline, tmp_path: Path) -> None:
    write_warc(tmp_path / "archive.warc.gz")
    with Ledger(tmp_path / "warc.db") as ledger:
        summary = run_items(read_inputs([tmp_path], ReadOptions()), ledger, pipeline=pipeline)
        assert (summary.added, summary.skipped, summary.failed) == (2, 3, 0)
        assert ledger.find_articles("https://harbour.example/news/1")


def test_a_broken_warc_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_text("this is not a web archive\n" * 5)
    items = list(read_inputs([path], ReadOptions()))
    assert len(items) == 1 and "not a readable WARC file" in str(items[0])
    assert str(path) in str(items[0]) and "\n" not in str(items[0])
