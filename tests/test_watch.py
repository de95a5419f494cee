"""Feeds on watch, against a feed server on loopback: changes, 304, 500, timeouts, bad XML,
a restart between polls, a drop folder, and a clean stop on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from frontwire.examples import example_corpus
from frontwire.ledger.store import Ledger
from frontwire.watch import Watcher, WatchState, parse_every


def _stories() -> list[dict]:
    lines = example_corpus().read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def rss(items: list[dict]) -> bytes:
    entries = "".join(
        f"<item><title>{escape(s['title'])}</title><link>{escape(s['url'])}</link>"
        f"<guid>{escape(s['id'])}</guid><pubDate>{formatdate(1718000000 + n * 3600)}</pubDate>"
        f"<description>{escape(s['text'])}</description></item>"
        for n, s in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Harbour Times</title><link>https://harbour.example/</link>{entries}"
        "</channel></rss>"
    ).encode()


class FeedServer:
    """Feeds on 127.0.0.1 whose content the test changes between polls."""

    def __init__(self) -> None:
        self.feeds: dict[str, bytes] = {}
        self.requests: list[tuple[str, float, str | None]] = []  # path, time, If-None-Match
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append(
                    (self.path, time.monotonic(), self.headers.get("If-None-Match"))
                )
                if self.path == "/error.xml":
                    self.send_response(500)
                    self.end_headers()
                    return
                if self.path == "/slow.xml":
                    time.sleep(1.5)
                body = server.feeds.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


def _watcher(db: Path, sources: list[str], pipeline, lines: list[str], **kw) -> Watcher:
    ledger = Ledger(db)
    return Watcher(
        sources=sources,
        ledger=ledger,
        state=WatchState(Path(f"{db}.watch.json")),
        pipeline=pipeline,
        say=lines.append,
        **{"host_delay": 0.0, "timeout": 5.0, **kw},
    )


def test_a_feed_that_changes_between_polls_and_a_restart(server, pipeline, tmp_path) -> None:
    stories = _stories()
    db = tmp_path / "watch.db"
    feed = f"{server.url}/wire.xml"
    lines: list[str] = []
    server.feeds["/wire.xml"] = rss(stories[:2])
    watcher = _watcher(db, [feed], pipeline, lines)
    (first,) = watcher.poll()
    assert (first.new, first.added) == (2, 2)
    (second,) = watcher.poll()  # nothing changed: the server answers 304
    assert second.not_modified and server.requests[-1][2] is not None
    server.feeds["/wire.xml"] = rss(stories[:4])
    (third,) = watcher.poll()
    assert (third.new, third.added) == (2, 2)
    watcher.ledger.close()

    # A restart: a new process reads the state file; the feed moved on meanwhile.
    server.feeds["/wire.xml"] = rss(stories[1:6])
    restarted = _watcher(db, [feed], pipeline, lines)
    (fourth,) = restarted.poll()
    assert (fourth.new, fourth.added, fourth.known) == (2, 2, 0)
    with restarted.ledger as ledger:
        assert ledger.counts()["articles"] == 6
        assert sorted(s["url"] for s in stories) == sorted(
            ledger.report(a).article.url for s in stories for a in ledger.find_articles(s["url"])
        )


def test_errors_timeouts_and_bad_xml_are_one_line_each_and_retried(
    server, pipeline, tmp_path
) -> None:
    server.feeds["/broken.xml"] = b"<rss><channel><item><title>half a feed"
    server.feeds["/slow.xml"] = rss(_stories()[:1])
    sources = [f"{server.url}/error.xml", f"{server.url}/slow.xml", f"{server.url}/broken.xml"]
    lines: list[str] = []
    watcher = _watcher(tmp_path / "bad.db", sources, pipeline, lines, timeout=0.5)
    error, slow, broken = watcher.poll()
    assert error.problem == "HTTP 500; will try again"
    assert "no answer within 0.5 s" in slow.problem
    assert broken.problem.startswith("not a readable feed")
    assert len(lines) == 3 and all("\n" not in line for line in lines)
    assert all(watcher.state.feed(url)["etag"] is None for url in sources)
    watcher.timeout = 5.0  # the slow feed answers in time on the next poll: nothing was lost
    assert watcher.poll()[1].added == 1
    watcher.ledger.close()


def test_one_host_is_not_asked_twice_within_the_delay(server, pipeline, tmp_path) -> None:
    server.feeds["/a.xml"] = rss(_stories()[:1])
    server.feeds["/b.xml"] = rss(_stories()[1:2])
    sources = [f"{server.url}/a.xml", f"{server.url}/b.xml"]
    watcher = _watcher(tmp_path / "polite.db", sources, pipeline, [], host_delay=0.8)
    watcher.poll()
    watcher.ledger.close()
    (_, first, _), (_, second, _) = server.requests[-2:]
    assert second - first >= 0.8


def test_a_drop_folder_is_read_once_per_file(pipeline, tmp_path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    story = _stories()[0]
    (drop / "one.txt").write_text(story["text"], encoding="utf-8")
    old = time.time() - 60
    os.utime(drop / "one.txt", (old, old))
    watcher = _watcher(tmp_path / "drop.db", [str(drop)], pipeline, [])
    assert watcher.poll()[0].added == 1
    assert watcher.poll()[0].new == 0
    (drop / "two.txt").write_text(_stories()[1]["text"], encoding="utf-8")
    os.utime(drop / "two.txt", (old, old))
    assert watcher.poll()[0].added == 1
    watcher.ledger.close()


def test_parse_every() -> None:
    assert parse_every("10m") == 600 and parse_every("30s") == 30 and parse_every("2") == 2
    with pytest.raises(ValueError, match="not a duration"):
        parse_every("soon")


def test_the_command_stops_cleanly_on_sigterm(tmp_path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    db = tmp_path / "term.db"
    (drop / "one.txt").write_text(_stories()[0]["text"], encoding="utf-8")
    old = time.time() - 60
    os.utime(drop / "one.txt", (old, old))
    frontwire = str(Path(sys.executable).parent / "frontwire")
    command = [frontwire, "watch", str(drop), "--every", "1h"]
    child = subprocess.Popen(
        [*command, "--db", str(db)], stderr=subprocess.PIPE, text=True, cwd=tmp_path
    )
    try:
        state = Path(f"{db}.watch.json")
        deadline = time.monotonic() + 60
        while not state.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert state.exists()
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=20)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    assert "stopped" in err
    assert json.loads(state.read_text())["folders"][str(drop)]["one.txt"]
