-- 0001: the schema of frontwire 0.1 (store.py before migrations), unchanged, so that a
-- ledger written by that release is at version 1.
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
