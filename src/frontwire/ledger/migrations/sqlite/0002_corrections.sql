-- 0002: what correcting the ledger needs.
-- failures: one row per (input, reason) with how often and when; outlets: every outlet
-- that carried an article; reviews: analysts' records, never deleted with articles;
-- foreign keys with ON DELETE CASCADE so deleting an article removes all it brought;
-- the report JSON without the article text (the text is kept once, in articles.text);
-- ledger events with the merged fields the listings filter on.
-- SQLite cannot alter a constraint: the tables that gain one are rebuilt and copied.

CREATE TABLE failures_new (
  input TEXT NOT NULL, reason TEXT NOT NULL, external_id TEXT,
  count INTEGER NOT NULL DEFAULT 1, first_at TEXT NOT NULL, last_at TEXT NOT NULL,
  PRIMARY KEY (input, reason)
);
INSERT INTO failures_new
  SELECT input, reason, MAX(external_id), COUNT(*), MIN(at), MAX(at)
  FROM failures GROUP BY input, reason;
DROP TABLE failures;
ALTER TABLE failures_new RENAME TO failures;

CREATE TABLE ledger_events_new (
  id TEXT PRIMARY KEY, event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
  event_date TEXT, place_id TEXT, fatalities INTEGER NOT NULL, injuries INTEGER NOT NULL,
  n_sources INTEGER NOT NULL, actor1 TEXT, actor2 TEXT,
  certainty TEXT NOT NULL DEFAULT 'fact', json TEXT
);
INSERT INTO ledger_events_new (id, event_type, sub_event_type, event_date, place_id,
                               fatalities, injuries, n_sources)
  SELECT id, event_type, sub_event_type, event_date, place_id, fatalities, injuries,
         n_sources FROM ledger_events;

CREATE TABLE events_new (
  id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ledger_event_id TEXT REFERENCES ledger_events(id) ON DELETE SET NULL,
  event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, event_date TEXT,
  time_precision INTEGER, place_id TEXT, actor1 TEXT, actor2 TEXT, inter1 INTEGER,
  inter2 INTEGER, fatalities INTEGER NOT NULL, injuries INTEGER NOT NULL,
  certainty TEXT NOT NULL, json TEXT NOT NULL
);
INSERT INTO events_new SELECT * FROM events;

CREATE TABLE claims_new (
  id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  source_name TEXT NOT NULL, source_kind TEXT, source_side TEXT, cue TEXT, stance TEXT,
  content TEXT NOT NULL, proposition_key TEXT, predicate TEXT, polarity TEXT, place_id TEXT,
  claim_date TEXT, json TEXT NOT NULL
);
INSERT INTO claims_new SELECT * FROM claims;

CREATE TABLE contradictions_new (
  claim_a TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  claim_b TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  proposition TEXT NOT NULL, reason TEXT,
  PRIMARY KEY (claim_a, claim_b)
);
INSERT INTO contradictions_new
  SELECT * FROM contradictions
  WHERE claim_a IN (SELECT id FROM claims) AND claim_b IN (SELECT id FROM claims);

CREATE TABLE place_mentions_new (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, place_id TEXT NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, geo_precision INTEGER
);
INSERT INTO place_mentions_new SELECT * FROM place_mentions;

CREATE TABLE figures_new (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  value INTEGER NOT NULL, counts TEXT,
  start INTEGER, "end" INTEGER, text TEXT, json TEXT NOT NULL
);
INSERT INTO figures_new SELECT * FROM figures;

DROP TABLE contradictions;
DROP TABLE events;
DROP TABLE claims;
DROP TABLE place_mentions;
DROP TABLE figures;
DROP TABLE ledger_events;
ALTER TABLE ledger_events_new RENAME TO ledger_events;
ALTER TABLE events_new RENAME TO events;
ALTER TABLE claims_new RENAME TO claims;
ALTER TABLE contradictions_new RENAME TO contradictions;
ALTER TABLE place_mentions_new RENAME TO place_mentions;
ALTER TABLE figures_new RENAME TO figures;

CREATE INDEX events_place ON events(place_id, event_date);
CREATE INDEX events_group ON events(event_type, place_id);
CREATE INDEX events_ledger ON events(ledger_event_id);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX claims_prop ON claims(predicate, place_id);
CREATE INDEX claims_article ON claims(article_id);
CREATE INDEX contradictions_b ON contradictions(claim_b);
CREATE INDEX mentions_article ON place_mentions(article_id);
CREATE INDEX mentions_place ON place_mentions(place_id);
CREATE INDEX figures_article ON figures(article_id);
CREATE INDEX ledger_events_group ON ledger_events(event_type, place_id);
CREATE INDEX ledger_events_date ON ledger_events(event_date, id);

UPDATE articles SET report_json = json_remove(report_json, '$.article.text');

CREATE TABLE outlets (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  source TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '', published TEXT, title TEXT,
  PRIMARY KEY (article_id, source, url)
);
INSERT INTO outlets
  SELECT id, COALESCE(source, ''), COALESCE(url, ''), published, title FROM articles;

CREATE TABLE reviews (
  id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, reviewer TEXT NOT NULL,
  at TEXT NOT NULL, action TEXT NOT NULL, field TEXT, before_json TEXT, after_json TEXT,
  note TEXT NOT NULL DEFAULT '', report_event_ids_json TEXT NOT NULL DEFAULT '[]',
  -- the ledger event the review belongs to now (merging may have renamed it)
  ledger_event_id TEXT
);
CREATE INDEX reviews_event ON reviews(event_id);
CREATE INDEX reviews_ledger_event ON reviews(ledger_event_id);
-- The coded events a review was made on, to find it again when merging renames its event.
CREATE TABLE review_members (
  review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  PRIMARY KEY (review_id, event_id)
);
CREATE INDEX review_members_event ON review_members(event_id);
