"""The ledger: reports stored in an embedded SQLite database.

Tables mirror the output model (model.py); each row keeps the full JSON of its item, so
nothing is lost, and the columns analysts filter on are real columns. Every article is
written in one transaction; an article already in the ledger is left as it is.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from frontwire.ledger.merge import assign_ledger_event, contradictions_for
from frontwire.model import Claim, Contradiction, Event, Place, Report

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY, external_id TEXT, title TEXT, source TEXT, url TEXT,
  published TEXT, language TEXT, text TEXT NOT NULL, ingested_at TEXT NOT NULL,
  report_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS places (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, geonameid INTEGER, lat REAL, lon REAL,
  country_code TEXT, admin1 TEXT, geo_precision INTEGER, json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS place_mentions (
  article_id TEXT NOT NULL REFERENCES articles(id), place_id TEXT NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, geo_precision INTEGER
);
CREATE TABLE IF NOT EXISTS ledger_events (
  id TEXT PRIMARY KEY, event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
  event_date TEXT, place_id TEXT, fatalities INTEGER NOT NULL, injuries INTEGER NOT NULL,
  n_sources INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id),
  ledger_event_id TEXT REFERENCES ledger_events(id),
  event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, event_date TEXT,
  time_precision INTEGER, place_id TEXT, actor1 TEXT, actor2 TEXT, inter1 INTEGER,
  inter2 INTEGER, fatalities INTEGER NOT NULL, injuries INTEGER NOT NULL,
  certainty TEXT NOT NULL, json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS claims (
  id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id),
  source_name TEXT NOT NULL, source_kind TEXT, source_side TEXT, cue TEXT, stance TEXT,
  content TEXT NOT NULL, proposition_key TEXT, predicate TEXT, polarity TEXT, place_id TEXT,
  claim_date TEXT, json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS contradictions (
  claim_a TEXT NOT NULL, claim_b TEXT NOT NULL, proposition TEXT NOT NULL, reason TEXT,
  PRIMARY KEY (claim_a, claim_b)
);
CREATE TABLE IF NOT EXISTS figures (
  article_id TEXT NOT NULL REFERENCES articles(id), value INTEGER NOT NULL, counts TEXT,
  start INTEGER, "end" INTEGER, text TEXT, json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS failures (
  input TEXT NOT NULL, external_id TEXT, reason TEXT NOT NULL, at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_place ON events(place_id, event_date);
CREATE INDEX IF NOT EXISTS claims_prop ON claims(predicate, place_id);
CREATE INDEX IF NOT EXISTS mentions_article ON place_mentions(article_id);
"""


class LedgerError(RuntimeError):
    """The ledger file cannot be used (another program's file, a newer schema)."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


class Ledger:
    def __init__(self, path: str | Path = "frontwire.db") -> None:
        self.path = Path(path)
        self.conn = sqlite3.connect(self.path)
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"{self.path}: not a frontwire ledger ({exc})") from exc
        self._check_version()

    def _check_version(self) -> None:
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None:
            with self.conn:
                self.conn.execute(
                    "INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                )
        elif int(row["value"]) > SCHEMA_VERSION:
            raise LedgerError(
                f"{self.path}: ledger schema {row['value']} is newer than this frontwire "
                f"({SCHEMA_VERSION}); upgrade frontwire"
            )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self.conn:
            yield self.conn

    # -- writing ---------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone()
        return row is not None

    def add_report(self, report: Report) -> bool:
        """Store one article's report in one transaction; False if it was there already."""
        article = report.article
        if self.has_article(article.id):
            return False
        with self._transaction() as db:
            db.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    article.id,
                    article.external_id,
                    article.title,
                    article.source,
                    article.url,
                    _iso(article.published),
                    article.language,
                    article.text,
                    _now(),
                    report.model_dump_json(),
                ),
            )
            for place in report.places:
                self._add_place(db, article.id, place)
            for event in report.events:
                self._add_event(db, article.id, event)
            for claim in report.claims:
                self._add_claim(db, article.id, claim)
            for pair in report.contradictions:
                self._add_contradiction(db, pair)
            for pair in contradictions_for(db, report.claims):
                self._add_contradiction(db, pair)
            for figure in report.figures:
                db.execute(
                    "INSERT INTO figures VALUES (?,?,?,?,?,?,?)",
                    (
                        article.id,
                        figure.value,
                        figure.counts,
                        figure.start,
                        figure.end,
                        figure.text,
                        figure.model_dump_json(),
                    ),
                )
        return True

    def _add_place(self, db: sqlite3.Connection, article_id: str, place: Place) -> None:
        db.execute(
            "INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?)",
            (
                place.id,
                place.name,
                place.geonameid,
                place.lat,
                place.lon,
                place.country_code,
                place.admin1,
                place.geo_precision,
                place.model_dump_json(exclude={"mentions", "evidence"}),
            ),
        )
        db.executemany(
            "INSERT INTO place_mentions VALUES (?,?,?,?,?,?)",
            [
                (article_id, place.id, m.start, m.end, m.text, m.geo_precision)
                for m in place.mentions
            ],
        )

    def _add_event(self, db: sqlite3.Connection, article_id: str, event: Event) -> None:
        ledger_id = assign_ledger_event(db, event)
        db.execute(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                event.id,
                article_id,
                ledger_id,
                event.event_type,
                event.sub_event_type,
                _iso(event.event_date),
                event.time_precision,
                event.place_id,
                event.actor1,
                event.actor2,
                event.inter1,
                event.inter2,
                event.fatalities,
                event.injuries,
                event.certainty,
                event.model_dump_json(),
            ),
        )

    def _add_claim(self, db: sqlite3.Connection, article_id: str, claim: Claim) -> None:
        prop = claim.proposition
        db.execute(
            "INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                claim.id,
                article_id,
                claim.source.name,
                claim.source.kind,
                claim.source.side,
                claim.cue,
                claim.stance,
                claim.content.text,
                prop.key if prop else None,
                prop.predicate if prop else None,
                prop.polarity if prop else None,
                prop.place if prop else None,
                _iso(claim.date),
                claim.model_dump_json(),
            ),
        )

    def _add_contradiction(self, db: sqlite3.Connection, pair: Contradiction) -> None:
        a, b = sorted((pair.claim_a, pair.claim_b))
        db.execute(
            "INSERT OR IGNORE INTO contradictions VALUES (?,?,?,?)",
            (a, b, pair.proposition, pair.reason),
        )

    def record_failure(self, name: str, reason: str, external_id: str | None = None) -> None:
        with self._transaction() as db:
            db.execute("INSERT INTO failures VALUES (?,?,?,?)", (name, external_id, reason, _now()))

    # -- reading ---------------------------------------------------------------------

    def reports(self) -> Iterator[Report]:
        for row in self.conn.execute("SELECT report_json FROM articles ORDER BY published, id"):
            yield Report.model_validate_json(row["report_json"])

    def places(self) -> list[dict]:
        rows = self.conn.execute(
            """SELECT p.*, COUNT(m.place_id) AS n_mentions,
                      COUNT(DISTINCT m.article_id) AS n_articles,
                      GROUP_CONCAT(DISTINCT m.text) AS spellings
               FROM places p LEFT JOIN place_mentions m ON m.place_id = p.id
               GROUP BY p.id ORDER BY n_mentions DESC, p.name"""
        )
        return [dict(r) for r in rows]

    def place(self, place_id: str) -> Place | None:
        row = self.conn.execute("SELECT json FROM places WHERE id=?", (place_id,)).fetchone()
        return Place.model_validate_json(row["json"]) if row else None

    def events(self, event_type: str | None = None, place: str | None = None) -> list[dict]:
        """Merged ledger events with their sources, newest first."""
        sql = """SELECT l.*, p.name AS place, p.lat, p.lon, p.admin1, p.country_code,
                        GROUP_CONCAT(DISTINCT a.source) AS sources,
                        GROUP_CONCAT(DISTINCT e.certainty) AS certainties,
                        MIN(e.actor1) AS actor1, MIN(e.actor2) AS actor2
                 FROM ledger_events l
                 JOIN events e ON e.ledger_event_id = l.id
                 JOIN articles a ON a.id = e.article_id
                 LEFT JOIN places p ON p.id = l.place_id
                 WHERE (:type IS NULL OR l.event_type = :type OR l.sub_event_type = :type)
                   AND (:place IS NULL OR p.name LIKE :place OR l.place_id = :place)
                 GROUP BY l.id ORDER BY l.event_date DESC, l.id"""
        rows = self.conn.execute(sql, {"type": event_type, "place": place})
        return [dict(r) for r in rows]

    def article_events(self) -> Iterator[tuple[Event, dict]]:
        """Every event as coded from one article, with its article's metadata."""
        rows = self.conn.execute(
            """SELECT e.json, a.source, a.url, a.title, a.published, a.id AS article_id
               FROM events e JOIN articles a ON a.id = e.article_id
               ORDER BY e.event_date, e.id"""
        )
        for row in rows:
            yield Event.model_validate_json(row["json"]), dict(row)

    def claims(self, contradictions_only: bool = False) -> list[dict]:
        sql = """SELECT c.id, c.source_name, c.source_kind, c.source_side, c.cue, c.stance,
                        c.content, c.predicate, c.polarity, c.place_id, c.claim_date,
                        a.source AS outlet
                 FROM claims c JOIN articles a ON a.id = c.article_id"""
        if contradictions_only:
            sql += """ WHERE c.id IN (SELECT claim_a FROM contradictions
                                      UNION SELECT claim_b FROM contradictions)"""
        return [dict(r) for r in self.conn.execute(sql + " ORDER BY c.claim_date, c.id")]

    def contradictions(self) -> list[dict]:
        """Both sides of every contradiction: sources, dates, sentences."""
        rows = self.conn.execute(
            """SELECT x.proposition, x.reason,
                      a.id AS a_id, a.source_name AS a_source, a.stance AS a_stance,
                      a.claim_date AS a_date, a.content AS a_content, aa.source AS a_outlet,
                      json_extract(a.json, '$.evidence[0].text') AS a_sentence,
                      b.id AS b_id, b.source_name AS b_source, b.stance AS b_stance,
                      b.claim_date AS b_date, b.content AS b_content, ba.source AS b_outlet,
                      json_extract(b.json, '$.evidence[0].text') AS b_sentence
               FROM contradictions x
               JOIN claims a ON a.id = x.claim_a JOIN articles aa ON aa.id = a.article_id
               JOIN claims b ON b.id = x.claim_b JOIN articles ba ON ba.id = b.article_id
               ORDER BY x.proposition"""
        )
        return [dict(r) for r in rows]

    def failures(self) -> list[dict]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM failures ORDER BY at")]

    def counts(self) -> dict[str, int]:
        tables = ("articles", "places", "events", "ledger_events", "claims", "contradictions")
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

