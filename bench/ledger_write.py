"""Ledger write speed: articles/s stored (merge recompute included), SQLite vs PostgreSQL.

    python bench/ledger_write.py [--articles 300] [--group 32] [--pg postgresql://...]

The reports are generated (no pipeline run): each article reports two events and two
claims at one of twelve places over a month, so merge groups fill as in a real feed. Without
--pg a throwaway PostgreSQL cluster is started as the tests do (tests/pg_server.py) and
stopped at the end; PostgreSQL is skipped with a line when neither is possible. `--group N`
writes N reports a transaction (`Ledger.add_reports`), as `frontwire run` does (batch.py's
WRITE_GROUP); the default, 1, writes each alone (`add_report`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

from frontwire.ingest.article import make_article  # noqa: E402
from frontwire.ledger.store import open_ledger  # noqa: E402
from frontwire.model import (  # noqa: E402
    Claim,
    ClaimSource,
    Event,
    Evidence,
    Place,
    PlaceMention,
    Proposition,
    Report,
    Span,
)

PLACES = [
    ("Kharkiv", 49.98, 36.25),
    ("Chuhuiv", 49.84, 36.69),
    ("Kupiansk", 49.71, 37.62),
    ("Izium", 49.21, 37.26),
    ("Kramatorsk", 48.72, 37.56),
    ("Sloviansk", 48.85, 37.61),
    ("Bakhmut", 48.6, 38.0),
    ("Avdiivka", 48.14, 37.75),
    ("Pokrovsk", 48.28, 37.18),
    ("Zaporizhzhia", 47.84, 35.14),
    ("Kherson", 46.64, 32.61),
    ("Odesa", 46.48, 30.73),
]
OUTLETS = ["Suspilne", "Ukrinform", "NOS", "Reuters", "Kyiv Independent", "RIA Novosti"]
KINDS = [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Battles", "Armed clash"),
]


def make_reports(n: int) -> list[Report]:
    out = []
    for i in range(n):
        name, lat, lon = PLACES[i % len(PLACES)]
        source = OUTLETS[(i // len(PLACES)) % len(OUTLETS)]
        day = dt.date(2024, 5, 1) + dt.timedelta(days=(i * 11) % 30)
        text = (
            f"{source}: forces struck {name} on {day:%B %d}; {i % 6} people were killed and "
            f"officials in {name} said a second attack followed at night (dispatch {i})."
        )
        article = make_article(text, source=source, published=day)
        at = text.index(name)
        place = Place(
            id=f"gn:{700000 + i % len(PLACES)}",
            name=name,
            lat=lat,
            lon=lon,
            country_code="UA",
            confidence=0.9,
            mentions=[PlaceMention(start=at, end=at + len(name), text=name)],
        )
        evidence = [
            Evidence(
                article_id=article.id,
                sentence=0,
                start=0,
                end=len(text),
                text=text,
                rule="bench",
                confidence=0.9,
            )
        ]
        events = [
            Event(
                id=f"{article.id}-E{k}",
                event_type=KINDS[(i + k) % 3][0],
                sub_event_type=KINDS[(i + k) % 3][1],
                event_date=day,
                time_precision=1,
                place_id=place.id,
                actor1="Military Forces of Russia",
                inter1=8,
                fatalities=i % 6 if k == 0 else 0,
                evidence=evidence,
            )
            for k in range(2)
        ]
        claims = [
            Claim(
                id=f"{article.id}-C{k}",
                source=ClaimSource(name=f"{source} official {k}", kind="government"),
                cue="said",
                stance="deny" if (i + k) % 5 == 0 else "assert",
                content=Span(start=0, end=len(text), text=text),
                proposition=Proposition(
                    predicate=("attack", "capture")[k],
                    place=place.id,
                    polarity="negative" if (i + k) % 5 == 0 else "positive",
                    key=f"|{('attack', 'capture')[k]}|{place.id}",
                ),
                date=day,
                evidence=evidence,
            )
            for k in range(2)
        ]
        out.append(Report(article=article, places=[place], events=events, claims=claims))
    return out


def measure(target: str, reports: list[Report], group: int = 1) -> tuple[float, dict[str, int]]:
    with open_ledger(target) as ledger:
        start = time.perf_counter()
        if group <= 1:
            for report in reports:
                ledger.add_report(report)
        else:
            for at in range(0, len(reports), group):
                ledger.add_reports(reports[at : at + group])
        seconds = time.perf_counter() - start
        return seconds, ledger.counts()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--group", type=int, default=1, help="reports a transaction")
    parser.add_argument("--pg", help="a PostgreSQL URL (an empty database or schema)")
    args = parser.parse_args()
    reports = make_reports(args.articles)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(("sqlite", *measure(str(Path(tmp) / "bench.db"), reports, args.group)))
    cluster = None
    url = args.pg
    if url is None:
        import pg_server

        bin_dir = pg_server.postgres_bin_dir()
        if bin_dir is None:
            print("postgresql: skipped (no initdb found and no --pg)")
        else:
            cluster = pg_server._Cluster(bin_dir)
            url = pg_server.new_pg_target(cluster.start())
    try:
        if url:
            results.append(("postgresql", *measure(url, reports, args.group)))
    finally:
        if cluster is not None:
            cluster.stop()
    for backend, seconds, counts in results:
        print(
            f"{backend:<11} {len(reports)} articles in {seconds:6.2f} s = "
            f"{len(reports) / seconds:6.1f} articles/s, {seconds / len(reports) * 1000:5.1f} ms "
            f"an article, {args.group} a transaction  ({counts['ledger_events']} ledger "
            f"events, {counts['contradictions']} contradictions)"
        )


if __name__ == "__main__":
    main()
