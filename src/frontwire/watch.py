"""Watching feeds and drop folders: new articles into the ledger as they are published.

Each poll asks every feed for what changed since the last answer (conditional requests:
If-None-Match / If-Modified-Since), waits between two requests to one host, and hands the
entries it has not seen to the batch, which writes them into the ledger. What has been seen
(entry ids per feed, with the feed's ETag and Last-Modified; files per drop folder) is kept in
a JSON state file beside the ledger, replaced atomically after each source, so a restart
neither reads an entry again nor misses one. The ledger is the last guard: an article already
in it is never written twice, even if the state file was lost.

A feed answer is trusted only when all of it was handled: a poll stopped half-way (SIGTERM,
Ctrl-C) keeps the old ETag, so the next poll reads the feed whole and takes the rest.
"""

from __future__ import annotations

import json
import os
import re
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from frontwire.ingest.readers import ReadOptions, feed_items, read_file, walk_folder

STATE_VERSION = 1
# Entry ids kept per feed: feeds carry tens of entries; this covers months of them.
SEEN_PER_FEED = 5000
DEFAULT_HOST_DELAY = 5.0
DEFAULT_TIMEOUT = 20.0
# A file in a drop folder younger than this may still be being written.
SETTLE_SECONDS = 2.0
USER_AGENT = "frontwire-watch (+https://example.org/frontwire)"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def parse_every(text: str) -> float:
    """'10m' -> 600.0; '30s', '2h', '1d', or a bare number of seconds."""
    found = _DURATION.match(text)
    if not found or float(found.group(1)) <= 0:
        raise ValueError(f"not a duration: {text!r} (e.g. 30s, 10m, 1h)")
    return float(found.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[found.group(2)]


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def default_state_path(db: str | Path) -> Path:
    text = str(db)
    return Path(text + ".watch.json") if "://" not in text else Path("frontwire-watch.json")


class WatchState:
    """What has been seen, per feed and per drop folder; saved atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.feeds: dict[str, dict] = {}
        self.folders: dict[str, dict[str, list[int]]] = {}
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise ValueError(f"{path}: unreadable watch state ({exc})") from exc
            self.feeds = data.get("feeds", {})
            self.folders = data.get("folders", {})

    def feed(self, url: str) -> dict:
        return self.feeds.setdefault(url, {"etag": None, "modified": None, "seen": []})

    def save(self) -> None:
        data = {"version": STATE_VERSION, "feeds": self.feeds, "folders": self.folders}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


@dataclass
class PollResult:
    source: str
    new: int = 0
    added: int = 0
    known: int = 0
    copies: int = 0
    failed: int = 0
    problem: str | None = None  # why the source could not be read this time
    not_modified: bool = False

    def line(self) -> str:
        if self.problem:
            return f"{self.source}: {self.problem}"
        if self.not_modified:
            return f"{self.source}: not modified"
        return (
            f"{self.source}: {self.new} new ({self.added} added, {self.copies} copies, "
            f"{self.known} known, {self.failed} failed)"
        )


@dataclass
class Watcher:
    """Polls `sources` (feed URLs, feed files, drop folders) into `ledger`."""

    sources: list[str]
    ledger: object
    state: WatchState
    pipeline: object
    options: ReadOptions = field(default_factory=ReadOptions)
    host_delay: float = DEFAULT_HOST_DELAY
    timeout: float = DEFAULT_TIMEOUT
    stop: threading.Event = field(default_factory=threading.Event)
    say: Callable[[str], None] = print
    _last_request: dict[str, float] = field(default_factory=dict)
    _copy_index: object = None

    def poll(self) -> list[PollResult]:
        """One look at every source; the state is saved after each."""
        if self._copy_index is None:
            from frontwire.ingest.syndication import open_copy_index

            self._copy_index = open_copy_index(self.ledger)
        results = []
        for source in self.sources:
            if self.stop.is_set():
                break
            if is_url(source):
                result = self._poll_feed_url(source)
            elif Path(source).is_dir():
                result = self._poll_folder(Path(source))
            else:
                result = self._poll_feed_file(Path(source))
            self.state.save()
            self.say(result.line())
            results.append(result)
        return results

    def run(self, every: float, once: bool = False) -> None:
        while not self.stop.is_set():
            self.poll()
            if once:
                return
            self.stop.wait(every)

    # -- feeds -------------------------------------------------------------------------

    def _poll_feed_url(self, url: str) -> PollResult:
        import httpx

        result = PollResult(url)
        entry = self.state.feed(url)
        headers = {"User-Agent": USER_AGENT}
        if entry.get("etag"):
            headers["If-None-Match"] = entry["etag"]
        if entry.get("modified"):
            headers["If-Modified-Since"] = entry["modified"]
        self._wait_for_host(url)
        try:
            response = httpx.get(url, headers=headers, timeout=self.timeout, follow_redirects=True)
        except httpx.TimeoutException:
            result.problem = f"no answer within {self.timeout:g} s; will try again"
            return result
        except httpx.HTTPError as exc:
            result.problem = f"request failed ({type(exc).__name__}: {exc}); will try again"
            return result
        finally:
            self._last_request[_host(url)] = time.monotonic()
        if response.status_code == 304:
            result.not_modified = True
            return result
        if response.status_code != 200:
            result.problem = f"HTTP {response.status_code}; will try again"
            return result
        complete = self._take_feed(url, response.content, entry, result)
        if complete and result.problem is None:
            # Trusted only once every entry was handled: else the next poll reads it whole.
            entry["etag"] = response.headers.get("ETag")
            entry["modified"] = response.headers.get("Last-Modified")
        return result

    def _poll_feed_file(self, path: Path) -> PollResult:
        result = PollResult(str(path))
        try:
            raw = path.read_bytes()
        except OSError as exc:
            result.problem = f"cannot read it ({exc.strerror or exc})"
            return result
        self._take_feed(str(path), raw, self.state.feed(str(path)), result)
        return result

    def _take_feed(self, name: str, raw: bytes, entry: dict, result: PollResult) -> bool:
        """The feed's unseen entries into the ledger; True when none was left for later."""
        import feedparser

        feed = feedparser.parse(raw)
        why = feed.get("bozo_exception")
        if feed.get("bozo") and not isinstance(why, feedparser.CharacterEncodingOverride):
            # A broken document may yield half entries: none is taken, the next poll retries.
            result.problem = f"not a readable feed ({type(why).__name__}: {why})".replace("\n", " ")
            return False
        if not feed.entries:
            result.problem = "feed with no entries"
            return False
        seen = set(entry["seen"])
        fresh: list[tuple[str, object]] = [
            (key, item) for key, item in feed_items(name, feed, self.options) if key not in seen
        ]
        result.new = len(fresh)
        handled = self._ingest(fresh, result)
        entry["seen"] = (entry["seen"] + handled)[-SEEN_PER_FEED:]
        return len(handled) == len(fresh)

    # -- drop folders --------------------------------------------------------------------

    def _poll_folder(self, folder: Path) -> PollResult:
        """Files new or changed since the last poll, each marked seen once it is handled."""
        result = PollResult(str(folder))
        seen = self.state.folders.setdefault(str(folder), {})
        now = time.time()
        for path in walk_folder(folder):
            if self.stop.is_set():
                break
            try:
                stat = path.stat()
            except OSError:
                continue  # removed while we looked
            stamp = [stat.st_size, stat.st_mtime_ns]
            key = str(path.relative_to(folder))
            if seen.get(key) == stamp or now - stat.st_mtime < SETTLE_SECONDS:
                continue
            items = [(key, item) for item in read_file(path, self.options)]
            result.new += len(items)
            if len(self._ingest(items, result)) == len(items):
                seen[key] = stamp
                self.state.save()
        return result

    # -- shared ----------------------------------------------------------------------------

    def _ingest(self, keyed: list[tuple[str, object]], result: PollResult) -> list[str]:
        """Items into the ledger through the batch; the keys of those handled, in order."""
        from frontwire.batch import run_items

        handled: list[str] = []

        def items() -> Iterator[object]:
            for key, item in keyed:
                if self.stop.is_set():
                    return  # what is in hand is finished; the rest waits for the next poll
                handled.append(key)
                yield item

        summary = run_items(
            items(),
            self.ledger,
            pipeline=self.pipeline,
            copy_index=self._copy_index,
        )
        result.added += summary.added
        result.known += summary.known
        result.copies += summary.copies
        result.failed += summary.failed
        return handled

    def _wait_for_host(self, url: str) -> None:
        last = self._last_request.get(_host(url))
        if last is not None:
            self.stop.wait(max(0.0, last + self.host_delay - time.monotonic()))


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def stop_on_signals(stop: threading.Event) -> None:
    """SIGTERM and Ctrl-C set `stop`: the article in hand is finished, the state written."""

    def handler(signum, _frame) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
