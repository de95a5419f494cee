"""The ledger: reports stored in SQLite (embedded default) or PostgreSQL, one interface.

Tables mirror the output model (model.py); each row keeps the JSON of its item, so nothing
is lost, and the columns analysts filter on are real columns. The article text is stored
once (articles.text); the report JSON is kept without it and joined back on read.

Every write is one transaction holding the ledger's write lock (backends.py); a batch
writes several articles in one (`add_reports`). Inside it, after the articles' rows change,
the merge is recomputed once over the groups they touch: every coded event of each
(event_type, place_id) they had or have is clustered again (merge.cluster_group; only the
runs of dates they touch, where no review exists) and every claim of each (predicate,
place) is compared again (merge.contradictions_in_group). So the ledger depends on the set
of articles and the reviews, never on the order they came in.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from frontwire.claims.contradictions import exclusive_predicates
from frontwire.events.taxonomy import Taxonomy
from frontwire.ledger import merge, query
from frontwire.ledger.backends import Backend, LedgerError, connect, migrate
from frontwire.ledger.reviews import apply_reviews, coerce_edit, review_targets
from frontwire.ledger.rows import (
    CLUSTER_COLUMNS,
    claim_row,
    cluster_row,
    date_of,
    event_order,
    event_row,
    iso,
    ledger_event_of,
    member_of,
    report_of,
    review_of,
)
from frontwire.ledger.views import EventFilter, LedgerEvent, Review
from frontwire.model import Claim, Event, Place, Report
from frontwire.text.fold import fold

__all__ = ["Ledger", "LedgerError", "open_ledger"]

EventKey = tuple[str, str | None]  # (event_type, place_id)
ClaimKey = tuple[str, str | None]  # (predicate, place_id)
_CHUNK = 500  # ids per IN (...) list, well under SQLite's parameter limit


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def open_ledger(target: str | Path = "frontwire.db") -> Ledger:
    """The ledger at `target`: a file path (SQLite) or a postgresql:// URL."""
    return Ledger(target)


class Ledger:
    def __init__(self, target: str | Path = "frontwire.db") -> None:
        self.db: Backend = connect(target)
        self.target = self.db.target
        self.path = Path(target) if self.db.kind == "sqlite" else None
        self._closed = False
        try:
            before = migrate(self.db)
            if 0 < before < 2:
                # A ledger of frontwire 0.1: merged incrementally, in arrival order.
                with self.db.transaction():
                    self._recompute_everything()
        except LedgerError:
            self.close()
            raise
        except self.db.errors as exc:
            self.close()
            raise LedgerError(f"{self.target}: cannot open the ledger ({_line(exc)})") from exc

    @property
    def backend(self) -> str:
        return self.db.kind

    # The reference data the ledger's own logic reads, owned by this Ledger and read at
    # first need (a ledger that is only listed never reads them).
    @cached_property
    def taxonomy(self) -> Taxonomy:
        """ACLED's taxonomy, for review edits of event and sub-event types."""
        return Taxonomy.load()

    @cached_property
    def exclusive_predicates(self) -> frozenset[str]:
        """The claim predicates only one side can hold, for the contradiction pairs."""
        return exclusive_predicates()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self.db.one("SELECT 1 AS x FROM articles WHERE id = ?", (article_id,)) is not None

    def add_report(self, report: Report, replace: bool = False) -> bool:
        """Store one article's report in one transaction; False if it was there already
        and `replace` is False. Replacing keeps the article's reviews and outlets."""
        return self.add_reports([report], replace=replace)[0]

    def add_reports(self, reports: Sequence[Report], replace: bool = False) -> list[bool]:
        """Store several reports in one transaction, each True if written (False: there
        already and `replace` is False); all of them or none. The merge is recomputed once
        for the groups they touch together: the same ledger as writing them one by one (the
        merge depends on the set of articles), for one commit and one read of each group."""
        if not reports:
            return []
        try:
            with self.db.transaction():
                return self._write_reports(reports, replace)
        except self.db.errors as exc:
            ids = ", ".join(r.article.id for r in reports[:3])
            what = f"article {ids}" if len(reports) == 1 else f"articles {ids}"
            what += ", ..." if len(reports) > 3 else ""
            raise LedgerError(f"{self.target}: {what} not stored ({_line(exc)})") from exc

    def _write_reports(self, reports: Sequence[Report], replace: bool) -> list[bool]:
        written: list[bool] = []
        event_keys: set[EventKey] = set()
        claim_keys: set[ClaimKey] = set()
        stale: set[str] = set()
        articles: set[str] = set()
        # A new article changes only the links of its claims' sources; a replaced one
        # recomputes its claim groups whole (keys left out of `sources`).
        sources: dict[ClaimKey, set[str]] = {}
        whole: set[ClaimKey] = set()
        fresh: dict[str, Claim] = {}
        for report in reports:
            article_id = report.article.id
            old = self._article_keys(article_id)
            if old is not None and not replace:
                written.append(False)
                continue
            extra_outlets: list[dict] = []
            if old is not None:
                extra_outlets = self._extra_outlets(article_id)
                stale |= self._ledger_ids_of(article_id)
                self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            self._insert(report)
            for outlet in extra_outlets:
                self._insert_outlet(article_id, **outlet)
            event_keys |= {(e.event_type, e.place_id) for e in report.events}
            keys = {_claim_key(c) for c in report.claims if c.proposition}
            claim_keys |= keys
            if old is not None:
                event_keys |= old[0]
                claim_keys |= old[1]
                whole |= keys | old[1]
            else:
                for key, names in _claim_sources(report).items():
                    sources.setdefault(key, set()).update(names)
            # What the claim groups read back below is in hand already (a replaced article's
            # claims may be replaced again later in the batch: the last one wins, as stored).
            fresh.update((c.id, c) for c in report.claims)
            articles.add(article_id)
            written.append(True)
        if articles:
            for key in whole:
                sources.pop(key, None)
            self._recompute(event_keys, claim_keys, stale, articles, sources, fresh)
        return written

    def delete_article(self, article_id: str) -> bool:
        """The article and all it brought (events, claims, mentions, figures, outlets);
        its reviews are kept. False when it is not in the ledger."""
        with self.db.transaction():
            old = self._article_keys(article_id)
            if old is None:
                return False
            stale = self._ledger_ids_of(article_id)
            self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            self._recompute(old[0], old[1], stale, set())
            self.db.execute(
                "DELETE FROM places WHERE NOT EXISTS "
                "(SELECT 1 FROM place_mentions m WHERE m.place_id = places.id) "
                "AND NOT EXISTS (SELECT 1 FROM events e WHERE e.place_id = places.id)"
            )
        return True

    def find_articles(self, ref: str) -> list[str]:
        """Article ids by id, id prefix (6 characters or more), external id or url."""
        ref = ref.strip()
        if not ref:
            return []
        rows = self.db.query(
            "SELECT id FROM articles WHERE id = ? OR external_id = ? OR url = ? "
            "OR id IN (SELECT article_id FROM outlets WHERE url = ?)",
            (ref, ref, ref, ref),
        )
        if not rows and len(ref) >= 6:
            prefix = query.contains(ref)[1:]  # 'ref%' with the user's % and _ literal
            rows = self.db.query(
                f"SELECT id FROM articles WHERE id LIKE ? {query.ESCAPE}", (prefix,)
            )
        return sorted({r["id"] for r in rows})

    def add_outlet(
        self,
        article_id: str,
        source: str | None,
        url: str | None = None,
        published: dt.date | str | None = None,
        title: str | None = None,
    ) -> bool:
        """Another outlet carried the article's text (syndication). Idempotent: False when
        that outlet is known already."""
        with self.db.transaction():
            if not self.has_article(article_id):
                raise LedgerError(f"{self.target}: article {article_id} is not in the ledger")
            return self._insert_outlet(article_id, source, url, _iso_any(published), title)

    def add_outlets(self, outlets: Sequence[dict]) -> list[bool]:
        """`add_outlet` for several (dicts of its arguments), in one transaction."""
        with self.db.transaction():
            return [self.add_outlet(**outlet) for outlet in outlets]

    def outlets(self, article_id: str) -> list[dict]:
        """Every outlet that carried the article; the one it was read from first."""
        rows = self.db.query(
            "SELECT o.source, o.url, o.published, o.title, "
            "(COALESCE(a.source, '') = o.source AND COALESCE(a.url, '') = o.url) AS first "
            "FROM outlets o JOIN articles a ON a.id = o.article_id WHERE o.article_id = ?",
            (article_id,),
        )
        out = [
            {
                "source": r["source"] or None,
                "url": r["url"] or None,
                "published": r["published"],
                "title": r["title"],
                "first": bool(r["first"]),
            }
            for r in rows
        ]
        out.sort(
            key=lambda o: (not o["first"], o["published"] or "", o["source"] or "", o["url"] or "")
        )
        for outlet in out:
            del outlet["first"]
        return out

    def record_failure(self, input: str, reason: str, external_id: str | None = None) -> None:
        """One row per (input, reason): a repeat counts and moves last_at."""
        now = _now()
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO failures (input, reason, external_id, count, first_at, last_at) "
                "VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (input, reason) DO UPDATE SET "
                "count = failures.count + 1, last_at = excluded.last_at, "
                "external_id = COALESCE(excluded.external_id, failures.external_id)",
                (input, reason, external_id, now, now),
            )

    def clear_failures(self, input: str) -> None:
        """An input that now succeeds leaves the failure list."""
        with self.db.transaction():
            self.db.execute("DELETE FROM failures WHERE input = ?", (input,))

    def failures(self) -> list[dict]:
        rows = self.db.query(
            "SELECT input, external_id, reason, count, first_at, last_at FROM failures"
        )
        return sorted(rows, key=lambda r: (r["first_at"], r["input"], r["reason"]))

    def add_review(self, review: Review) -> Review:
        """Keep one analyst's review (never deleted) and lay it over the ledger at once."""
        with self.db.transaction():
            row = self.db.one("SELECT id FROM ledger_events WHERE id = ?", (review.event_id,))
            if row is None:
                raise LedgerError(f"review: event {review.event_id} is not in the ledger")
            members = self._member_ids([review.event_id])
            before = review.before
            after = review.after
            if review.action == "edit":
                try:
                    after = coerce_edit(review.field, review.after, self.taxonomy)
                except ValueError as exc:
                    raise LedgerError(f"review of {review.event_id}: {_line(exc)}") from exc
                if before is None:
                    current = self._events_by_ids([review.event_id])
                    if current:
                        before = current[0].model_dump(mode="json").get(review.field or "")
            if review.action == "merge":
                target = str(review.after or "")
                if target == review.event_id or not self.db.one(
                    "SELECT id FROM ledger_events WHERE id = ?", (target,)
                ):
                    raise LedgerError(f"merge review: event {target!r} is not another event")
            at = review.at or dt.datetime.now(dt.UTC)
            if at.tzinfo is None:  # reviews compare by time: all of them in UTC
                at = at.replace(tzinfo=dt.UTC)
            stored = review.model_copy(
                update={
                    "at": at,
                    "report_event_ids": review.report_event_ids or members,
                    "before": before,
                    "after": after,
                }
            )
            new_id = self.db.scalar(
                "INSERT INTO reviews (event_id, reviewer, at, action, field, before_json, "
                "after_json, note, report_event_ids_json, ledger_event_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    stored.event_id,
                    stored.reviewer,
                    stored.at.isoformat() if stored.at else _now(),
                    stored.action,
                    stored.field,
                    json.dumps(stored.before),
                    json.dumps(stored.after),
                    stored.note,
                    json.dumps(stored.report_event_ids),
                    stored.event_id,
                ),
            )
            stored = stored.model_copy(update={"id": int(new_id)})
            self.db.executemany(
                "INSERT INTO review_members (review_id, event_id) VALUES (?, ?) "
                "ON CONFLICT DO NOTHING",
                [(stored.id, e) for e in stored.report_event_ids],
            )
            keys = self._keys_of_events(stored.report_event_ids)
            if stored.action == "merge":
                keys |= self._keys_of_events(self._member_ids([str(stored.after)]))
            self._recompute(keys, set(), set(), None)
        return stored

    def reviews(self, event_id: str | None = None) -> list[Review]:
        """Reviews, oldest first; of one ledger event (those that belong to it now, and
        those made on that id)."""
        if event_id is None:
            rows = self.db.query("SELECT * FROM reviews")
        else:
            rows = self.db.query(
                "SELECT * FROM reviews WHERE ledger_event_id = ? OR event_id = ?",
                (event_id, event_id),
            )
        return sorted((review_of(r) for r in rows), key=lambda r: (r.at, r.id))

    # -- reading ---------------------------------------------------------------------

    def report(self, article_id: str) -> Report | None:
        row = self.db.one("SELECT text, report_json FROM articles WHERE id = ?", (article_id,))
        return report_of(row) if row else None

    def reports(self) -> Iterator[Report]:
        """Every report, in canonical order (published, id; undated first)."""
        ids = self.db.query(
            "SELECT id FROM articles ORDER BY (published IS NOT NULL), published, "
            f"{self.db.collate('id')}"
        )
        for chunk in _chunks([r["id"] for r in ids]):
            rows = self.db.query(
                f"SELECT id, text, report_json FROM articles WHERE id IN ({_marks(chunk)})",
                chunk,
            )
            by_id = {r["id"]: r for r in rows}
            for article_id in chunk:
                yield report_of(by_id[article_id])

    def ledger_events(self, flt: EventFilter | None = None) -> list[LedgerEvent]:
        """Merged events with their reports, sources and reviews applied; newest first
        (event_date DESC, id), undated last; flt.limit and flt.offset paginate."""
        with self.db.transaction(write=False):  # one snapshot while writers go on
            return self._ledger_events(flt or EventFilter())

    def _ledger_events(self, flt: EventFilter, ids_only: bool = False) -> list:
        """The events `flt` selects; with `ids_only`, just their ids where SQL alone decides
        (no radius, review status or edit review to check on finished events)."""
        place_ids, centres = self._place_filter(flt)
        where = query.ledger_event_where(flt, place_ids, centres)
        # What reviews or the exact distance decide is checked on the finished events; then
        # SQL cannot cut the page, Python does.
        edits = self.db.one(
            "SELECT 1 AS x FROM reviews WHERE action = 'edit' AND ledger_event_id IS NOT NULL"
        )
        exact = flt.radius_km is not None or flt.review_status is not None or edits is not None
        sql_where, params = where.sql(), list(where.params)
        if edits is not None:
            sql_where = (
                f"({sql_where}) OR l.id IN (SELECT ledger_event_id FROM reviews "
                "WHERE action = 'edit' AND ledger_event_id IS NOT NULL)"
            )
        sql = (
            "SELECT l.id FROM ledger_events l LEFT JOIN places p ON p.id = l.place_id "
            f"WHERE {sql_where} ORDER BY (l.event_date IS NULL), l.event_date DESC, "
            f"{self.db.collate('l.id')}"
        )
        if not exact and flt.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [flt.limit, flt.offset]
        elif not exact and flt.offset:
            sql += " LIMIT -1 OFFSET ?" if self.db.kind == "sqlite" else " OFFSET ?"
            params += [flt.offset]
        ids = [r["id"] for r in self.db.query(sql, params)]
        if ids_only and not exact:
            return ids
        events = self._events_by_ids(ids)
        if not exact:
            return events
        kept = [e for e in events if query.matches(e, flt, place_ids, centres)]
        kept.sort(key=event_order)
        end = None if flt.limit is None else flt.offset + flt.limit
        return kept[flt.offset : end]

    def count_events(self, flt: EventFilter | None = None) -> int:
        flt = (flt or EventFilter()).model_copy(update={"limit": None, "offset": 0})
        # Counting needs no finished events where SQL decides alone: a 100,000-event ledger
        # counts its ids instead of building every event.
        with self.db.transaction(write=False):
            return len(self._ledger_events(flt, ids_only=True))

    def ledger_event(self, ledger_event_id: str) -> LedgerEvent | None:
        with self.db.transaction(write=False):
            found = self._events_by_ids([ledger_event_id])
        return found[0] if found else None

    def resolve_place(self, spelling: str) -> list[str]:
        """Place ids whose name or any spelling seen in the ledger folds like `spelling`;
        a place id passes through."""
        spelling = spelling.strip()
        if not spelling:
            return []
        if spelling.startswith(("gn:", "x:")) or self.db.one(
            "SELECT id FROM places WHERE id = ?", (spelling,)
        ):
            return [spelling]
        key = fold(spelling)
        if not key:
            return []
        places = self.db.query("SELECT id, name FROM places")
        found = {r["id"] for r in places if fold(r["name"]) == key}
        for row in self.db.query("SELECT DISTINCT place_id, text FROM place_mentions"):
            if fold(row["text"]) == key:
                found.add(row["place_id"])
        return sorted(found)

    def place(self, place_id: str) -> Place | None:
        row = self.db.one("SELECT json FROM places WHERE id = ?", (place_id,))
        return Place.model_validate_json(row["json"]) if row else None

    def places(self, flt: EventFilter | None = None) -> list[dict]:
        """Places with how often they are mentioned, in how many articles, and every
        spelling seen (deduplicated); most mentioned first."""
        flt = flt or EventFilter()
        place_ids, centres = self._place_filter(flt)
        where = query.place_where(flt, place_ids, centres)
        rows = self.db.query(
            "SELECT p.id, p.name, p.geonameid, p.lat, p.lon, p.country_code, p.admin1, "
            "p.geo_precision, p.json, "
            "(SELECT COUNT(*) FROM place_mentions m WHERE m.place_id = p.id) AS n_mentions, "
            "(SELECT COUNT(DISTINCT m.article_id) FROM place_mentions m "
            " WHERE m.place_id = p.id) AS n_articles "
            f"FROM places p WHERE {where.sql()}",
            where.params,
        )
        if flt.radius_km is not None:
            rows = [r for r in rows if query.within(r["lat"], r["lon"], centres, flt.radius_km)]
        spellings: dict[str, set[str]] = {}
        for chunk in _chunks([r["id"] for r in rows]):
            for m in self.db.query(
                "SELECT DISTINCT place_id, text FROM place_mentions "
                f"WHERE place_id IN ({_marks(chunk)})",
                chunk,
            ):
                spellings.setdefault(m["place_id"], set()).add(m["text"])
        for row in rows:
            row["n_mentions"] = int(row["n_mentions"])
            row["n_articles"] = int(row["n_articles"])
            row["spellings"] = sorted(spellings.get(row["id"], ()))
        rows.sort(key=lambda r: (-r["n_mentions"], r["name"], r["id"]))
        return _page(rows, flt)

    def claims(
        self, flt: EventFilter | bool | None = None, contradictions_only: bool = False
    ) -> list[dict]:
        """Who says what, with which stance; or only the claims in a contradiction."""
        if isinstance(flt, bool):  # the old positional call claims(True)
            flt, contradictions_only = None, flt
        flt = flt or EventFilter()
        place_ids, centres = self._place_filter(flt)
        where = query.claim_where(flt, place_ids, centres)
        sql = (
            "SELECT c.id, c.source_name, c.source_kind, c.source_side, c.cue, c.stance, "
            "c.content, c.predicate, c.polarity, c.place_id, c.claim_date, a.source AS outlet, "
            "p.lat, p.lon FROM claims c JOIN articles a ON a.id = c.article_id "
            f"LEFT JOIN places p ON p.id = c.place_id WHERE {where.sql()}"
        )
        if contradictions_only:
            sql += (
                " AND c.id IN (SELECT claim_a FROM contradictions "
                "UNION SELECT claim_b FROM contradictions)"
            )
        rows = self.db.query(sql, where.params)
        if flt.radius_km is not None:
            rows = [r for r in rows if query.within(r["lat"], r["lon"], centres, flt.radius_km)]
        for row in rows:
            del row["lat"], row["lon"]
        rows.sort(key=lambda r: (r["claim_date"] is not None, r["claim_date"] or "", r["id"]))
        return _page(rows, flt)

    def contradictions(self, flt: EventFilter | None = None) -> list[dict]:
        """Both sides of every contradiction: sources, dates, sentences. With a filter, the
        pairs where either side's claim passes it."""
        wanted: set[str] | None = None
        if flt is not None:
            unpaged = flt.model_copy(update={"limit": None, "offset": 0})
            wanted = {c["id"] for c in self.claims(unpaged, contradictions_only=True)}
        sentence_a = self.db.json_text("a.json", "evidence", 0, "text")
        sentence_b = self.db.json_text("b.json", "evidence", 0, "text")
        rows = self.db.query(
            f"""SELECT x.proposition, x.reason,
                      a.id AS a_id, a.source_name AS a_source, a.stance AS a_stance,
                      a.claim_date AS a_date, a.content AS a_content, aa.source AS a_outlet,
                      {sentence_a} AS a_sentence,
                      b.id AS b_id, b.source_name AS b_source, b.stance AS b_stance,
                      b.claim_date AS b_date, b.content AS b_content, ba.source AS b_outlet,
                      {sentence_b} AS b_sentence
               FROM contradictions x
               JOIN claims a ON a.id = x.claim_a JOIN articles aa ON aa.id = a.article_id
               JOIN claims b ON b.id = x.claim_b JOIN articles ba ON ba.id = b.article_id"""
        )
        if wanted is not None:
            rows = [r for r in rows if r["a_id"] in wanted or r["b_id"] in wanted]
        rows.sort(key=lambda r: (r["proposition"], r["a_id"], r["b_id"]))
        return _page(rows, flt) if flt else rows

    def article_events(self, flt: EventFilter | None = None) -> Iterator[tuple[Event, dict]]:
        """Every event as coded from one article, with its article's metadata."""
        flt = flt or EventFilter()
        place_ids, centres = self._place_filter(flt)
        where = query.article_event_where(flt, place_ids, centres)
        rows = self.db.query(
            "SELECT e.id, e.json, e.ledger_event_id, a.source, a.url, a.title, a.published, "
            "a.id AS article_id, p.lat, p.lon "
            "FROM events e JOIN articles a ON a.id = e.article_id "
            f"LEFT JOIN places p ON p.id = e.place_id WHERE {where.sql()}",
            where.params,
        )
        if flt.radius_km is not None:
            rows = [r for r in rows if query.within(r["lat"], r["lon"], centres, flt.radius_km)]
        events = [(Event.model_validate_json(r.pop("json")), r) for r in rows]
        events.sort(
            key=lambda pair: (
                pair[0].event_date is not None,
                pair[0].event_date or dt.date.min,
                pair[0].id,
            )
        )
        for event, meta in _page(events, flt):
            for name in ("id", "lat", "lon"):
                meta.pop(name, None)
            yield event, meta

    def events(self, event_type: str | None = None, place: str | None = None) -> list[dict]:
        """Merged ledger events as flat rows (the listing of frontwire 0.1), newest first."""
        rows = []
        for event in self.ledger_events(EventFilter(event_type=event_type, place=place)):
            where = event.place
            rows.append(
                {
                    "id": event.id,
                    "event_type": event.event_type,
                    "sub_event_type": event.sub_event_type,
                    "event_date": iso(event.event_date),
                    "place_id": where.id if where else None,
                    "fatalities": event.fatalities,
                    "injuries": event.injuries,
                    "n_sources": event.n_sources,
                    "place": where.name if where else event.location,
                    "lat": where.lat if where else None,
                    "lon": where.lon if where else None,
                    "admin1": where.admin1 if where else None,
                    "country_code": where.country_code if where else None,
                    "sources": ",".join(event.sources),
                    "certainties": ",".join(sorted({r.certainty for r in event.reports})),
                    "actor1": event.actor1,
                    "actor2": event.actor2,
                    "review_status": event.review_status,
                }
            )
        return rows

    def counts(self) -> dict[str, int]:
        tables = (
            "articles",
            "places",
            "events",
            "ledger_events",
            "claims",
            "contradictions",
            "failures",
            "reviews",
        )
        return {t: int(self.db.scalar(f"SELECT COUNT(*) AS n FROM {t}")) for t in tables}

    # -- the rows of one article -----------------------------------------------------

    def _insert(self, report: Report) -> None:
        article = report.article
        self.db.execute(
            "INSERT INTO articles (id, external_id, title, source, url, published, language, "
            "text, ingested_at, report_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.external_id,
                article.title,
                article.source,
                article.url,
                iso(article.published),
                article.language,
                article.text,
                _now(),
                report.model_dump_json(exclude={"article": {"text"}}),
            ),
        )
        self._insert_outlet(
            article.id, article.source, article.url, iso(article.published), article.title
        )
        self._insert_places(article.id, report.places)
        self.db.executemany(
            "INSERT INTO events (id, article_id, ledger_event_id, event_type, sub_event_type, "
            "event_date, time_precision, place_id, actor1, actor2, inter1, inter2, "
            "fatalities, injuries, certainty, json) "
            "VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [event_row(article.id, e) for e in report.events],
        )
        self.db.executemany(
            "INSERT INTO claims (id, article_id, source_name, source_kind, source_side, cue, "
            "stance, content, proposition_key, predicate, polarity, place_id, claim_date, "
            "json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [claim_row(article.id, c) for c in report.claims],
        )
        self.db.executemany(
            'INSERT INTO figures (article_id, value, counts, start, "end", text, json) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (article.id, f.value, f.counts, f.start, f.end, f.text, f.model_dump_json())
                for f in report.figures
            ],
        )

    def _insert_places(self, article_id: str, places: Sequence[Place]) -> None:
        # The same place as written by several articles: the smallest JSON wins, whatever
        # the order (the versions differ only in what the geoparser was sure of).
        self.db.executemany(
            "INSERT INTO places (id, name, geonameid, lat, lon, country_code, admin1, "
            "geo_precision, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
            "geonameid = excluded.geonameid, lat = excluded.lat, lon = excluded.lon, "
            "country_code = excluded.country_code, admin1 = excluded.admin1, "
            "geo_precision = excluded.geo_precision, json = excluded.json "
            f"WHERE {self.db.collate('excluded.json')} < {self.db.collate('places.json')}",
            [
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
                )
                for place in places
            ],
        )
        # one statement for all the article's mentions, in the order they were written
        self.db.executemany(
            'INSERT INTO place_mentions (article_id, place_id, start, "end", text, '
            "geo_precision) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (article_id, place.id, m.start, m.end, m.text, m.geo_precision)
                for place in places
                for m in place.mentions
            ],
        )

    def _insert_outlet(
        self,
        article_id: str,
        source: str | None,
        url: str | None = None,
        published: str | None = None,
        title: str | None = None,
    ) -> bool:
        added = self.db.query(
            "INSERT INTO outlets (article_id, source, url, published, title) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING article_id",
            (article_id, source or "", url or "", published, title),
        )
        return bool(added)

    def _extra_outlets(self, article_id: str) -> list[dict]:
        """The outlets added to an article besides the one it was read from."""
        rows = self.db.query(
            "SELECT o.source, o.url, o.published, o.title FROM outlets o "
            "JOIN articles a ON a.id = o.article_id WHERE o.article_id = ? "
            "AND NOT (o.source = COALESCE(a.source, '') AND o.url = COALESCE(a.url, ''))",
            (article_id,),
        )
        return rows

    def _article_keys(self, article_id: str) -> tuple[set[EventKey], set[ClaimKey]] | None:
        """The merge groups an article's events and claims are in; None if not stored."""
        if not self.has_article(article_id):
            return None
        events = self.db.query(
            "SELECT DISTINCT event_type, place_id FROM events WHERE article_id = ?",
            (article_id,),
        )
        claims = self.db.query(
            "SELECT DISTINCT predicate, place_id FROM claims "
            "WHERE article_id = ? AND predicate IS NOT NULL",
            (article_id,),
        )
        return (
            {(r["event_type"], r["place_id"]) for r in events},
            {(r["predicate"], r["place_id"]) for r in claims},
        )

    def _ledger_ids_of(self, article_id: str) -> set[str]:
        rows = self.db.query(
            "SELECT DISTINCT ledger_event_id FROM events "
            "WHERE article_id = ? AND ledger_event_id IS NOT NULL",
            (article_id,),
        )
        return {r["ledger_event_id"] for r in rows}

    # -- the merge pass --------------------------------------------------------------

    def _recompute(
        self,
        event_keys: set[EventKey],
        claim_keys: set[ClaimKey],
        stale: set[str],
        articles: set[str] | None,
        claim_sources: dict[ClaimKey, set[str]] | None = None,
        fresh: dict[str, Claim] | None = None,
    ) -> None:
        """Cluster every member of the event groups again, compare every claim of the
        claim groups again, and write the answer (inside the caller's transaction).
        `fresh`: claims just written, by id, used as they are instead of read back."""
        runs = self._changed_runs(event_keys, articles, stale) if articles is not None else None
        members, reviews = runs if runs is not None else self._component(event_keys, articles)
        stale = set(stale) | {m["ledger_event_id"] for m in members if m["ledger_event_id"]}
        clusters = merge.cluster_group([member_of(m) for m in members], reviews) if members else []
        current = {m["id"]: m["ledger_event_id"] for m in members}
        self._write_clusters(clusters, stale, reviews, current)
        for predicate, place in sorted(claim_keys, key=lambda k: (k[0], k[1] or "")):
            sources = claim_sources.get((predicate, place)) if claim_sources is not None else None
            self._recompute_claims(predicate, place, sources, fresh)

    def _component(
        self, keys: set[EventKey], articles: set[str] | None
    ) -> tuple[list[dict], list[Review]]:
        """Every member of the groups, and of the groups merge reviews join to them, with
        the reviews on them. Events without a place stand alone: of those, only the ones
        of `articles` (None: all)."""
        seen: set[EventKey] = set()
        todo = set(keys)
        members: dict[str, dict] = {}
        reviews: dict[int, Review] = {}
        while todo:
            key = todo.pop()
            if key in seen:
                continue
            seen.add(key)
            event_type, place = key
            sql = (
                "SELECT e.id, e.article_id, e.ledger_event_id, e.event_type, e.sub_event_type, "
                "e.place_id, e.event_date, e.time_precision, e.fatalities, e.injuries, "
                "e.actor1, e.actor2, e.certainty, e.inter1, e.inter2, a.source, a.published "
                "FROM events e JOIN articles a ON a.id = e.article_id "
                f"WHERE e.event_type = ? AND {self.db.null_eq('e.place_id')}"
            )
            params: list[Any] = [event_type, place]
            if place is None and articles is not None:
                if not articles:
                    continue
                sql += f" AND e.article_id IN ({_marks(sorted(articles))})"
                params += sorted(articles)
            found = self.db.query(sql, params)
            for row in found:
                members[row["id"]] = row
            for review in self._reviews_on(
                [r["id"] for r in found], [r["ledger_event_id"] for r in found]
            ):
                if review.id is not None and review.id not in reviews:
                    reviews[review.id] = review
                    if review.action == "merge":
                        ids = list(review.report_event_ids)
                        ids += self._member_ids([review.event_id, str(review.after or "")])
                        todo |= self._keys_of_events(ids) - seen
        return [members[i] for i in sorted(members)], list(reviews.values())

    def _changed_runs(
        self, keys: set[EventKey], articles: set[str], stale: set[str]
    ) -> tuple[list[dict], list[Review]] | None:
        """The members of the runs of dates an article's writing changed, where no review
        exists (else None: the whole groups, as `_component`).

        Anchored windows never span two dates more than DATE_TOLERANCE_DAYS apart, so a
        group's clusters are those of its runs of dates (consecutive dates at most that far
        apart), each on its own. Only a run that holds one of the article's events, or what
        is left of a ledger event it was part of (`stale`), can cluster differently; the other
        runs keep their ledger events as they are. The whole group's dates are read (one
        narrow query), its full rows only for those runs: a group that grows with the ledger
        no longer makes every article cost more."""
        if self.db.one("SELECT 1 AS x FROM reviews LIMIT 1") is not None:
            return None
        tolerance = dt.timedelta(days=merge.DATE_TOLERANCE_DAYS)
        wanted: list[str] = []
        for event_type, place in sorted(keys, key=lambda k: (k[0], k[1] or "")):
            if place is None and not articles:
                continue
            rows = self.db.query(
                "SELECT id, article_id, ledger_event_id, event_date FROM events "
                f"WHERE event_type = ? AND {self.db.null_eq('place_id')}",
                (event_type, place),
            )
            if place is None:  # events without a place stand alone: the articles' own
                wanted += [r["id"] for r in rows if r["article_id"] in articles]
                continue
            dated = [(date_of(r["event_date"]), r) for r in rows]
            run_of: dict[dt.date, int] = {}
            run, previous = 0, None
            for day in sorted({d for d, _ in dated if d is not None}):
                if previous is not None and day - previous > tolerance:
                    run += 1  # a gap no window spans: a new run
                run_of[day], previous = run, day
            touched = {
                run_of[d]
                for d, r in dated
                if d is not None and (r["article_id"] in articles or r["ledger_event_id"] in stale)
            }
            wanted += [
                r["id"]
                for d, r in dated
                if (run_of[d] in touched if d is not None else r["article_id"] in articles)
            ]
        members: dict[str, dict] = {}
        ids = sorted(set(wanted))
        for chunk in _chunks(ids):
            for row in self.db.query(
                "SELECT e.id, e.article_id, e.ledger_event_id, e.event_type, e.sub_event_type, "
                "e.place_id, e.event_date, e.time_precision, e.fatalities, e.injuries, "
                "e.actor1, e.actor2, e.certainty, e.inter1, e.inter2, a.source, a.published "
                "FROM events e JOIN articles a ON a.id = e.article_id "
                f"WHERE e.id IN ({_marks(chunk)})",
                chunk,
            ):
                members[row["id"]] = row
        return [members[i] for i in sorted(members)], []

    def _reviews_on(self, event_ids: list[str], ledger_ids: list[str | None]) -> list[Review]:
        """Reviews made on these coded events or these ledger events, and merge reviews
        naming one of these ledger events as the one to join."""
        found: dict[int, dict] = {}
        for chunk in _chunks(sorted(set(event_ids))):
            for row in self.db.query(
                "SELECT r.* FROM reviews r WHERE r.id IN (SELECT review_id FROM "
                f"review_members WHERE event_id IN ({_marks(chunk)}))",
                chunk,
            ):
                found[row["id"]] = row
        ids = sorted({i for i in ledger_ids if i})
        for chunk in _chunks(ids):
            marks = _marks(chunk)
            for row in self.db.query(
                f"SELECT * FROM reviews WHERE event_id IN ({marks}) "
                f"OR ledger_event_id IN ({marks}) OR after_json IN ({marks})",
                [*chunk, *chunk, *[json.dumps(i) for i in chunk]],
            ):
                found[row["id"]] = row
        return [review_of(r) for r in found.values()]

    def _member_ids(self, ledger_ids: Iterable[str]) -> list[str]:
        ids = sorted({i for i in ledger_ids if i})
        if not ids:
            return []
        rows = self.db.query(f"SELECT id FROM events WHERE ledger_event_id IN ({_marks(ids)})", ids)
        return sorted(r["id"] for r in rows)

    def _keys_of_events(self, event_ids: Iterable[str]) -> set[EventKey]:
        ids = sorted(set(event_ids))
        keys: set[EventKey] = set()
        for chunk in _chunks(ids):
            for row in self.db.query(
                f"SELECT DISTINCT event_type, place_id FROM events WHERE id IN ({_marks(chunk)})",
                chunk,
            ):
                keys.add((row["event_type"], row["place_id"]))
        return keys

    def _write_clusters(
        self,
        clusters: list[merge.Cluster],
        stale: set[str],
        reviews: list[Review],
        current: dict[str, str | None],
    ) -> None:
        """Write what changed: ledger event rows that are new or differ, members that move
        (`current`: event id -> its ledger event now), rows no cluster has any more."""
        rows = {c.id: cluster_row(c) for c in clusters}
        before: dict[str, tuple] = {}
        for chunk in _chunks(sorted(set(rows) | stale)):
            for row in self.db.query(
                f"SELECT {', '.join(CLUSTER_COLUMNS)} FROM ledger_events "
                f"WHERE id IN ({_marks(chunk)})",
                chunk,
            ):
                before[row["id"]] = tuple(row[c] for c in CLUSTER_COLUMNS)
        changed = [row for key, row in sorted(rows.items()) if before.get(key) != row]
        updates = ", ".join(f"{c} = excluded.{c}" for c in CLUSTER_COLUMNS[1:])
        self.db.executemany(
            f"INSERT INTO ledger_events ({', '.join(CLUSTER_COLUMNS)}) "
            f"VALUES ({_marks(CLUSTER_COLUMNS)}) ON CONFLICT (id) DO UPDATE SET {updates}",
            changed,
        )
        self.db.executemany(
            "UPDATE events SET ledger_event_id = ? WHERE id = ?",
            [
                (c.id, m.event_id)
                for c in clusters
                for m in c.members
                if current.get(m.event_id) != c.id
            ],
        )
        gone = sorted(stale - set(rows))
        for chunk in _chunks(gone):
            self.db.execute(f"DELETE FROM ledger_events WHERE id IN ({_marks(chunk)})", chunk)
        if reviews:
            targets = review_targets(reviews, clusters)
            ids = sorted(r.id for r in reviews if r.id is not None)
            now = {
                r["id"]: r["ledger_event_id"]
                for r in self.db.query(
                    f"SELECT id, ledger_event_id FROM reviews WHERE id IN ({_marks(ids)})", ids
                )
            }
            self.db.executemany(
                "UPDATE reviews SET ledger_event_id = ? WHERE id = ?",
                [(targets.get(i), i) for i in ids if now.get(i) != targets.get(i)],
            )

    def _recompute_claims(
        self,
        predicate: str,
        place: str | None,
        sources: set[str] | None = None,
        fresh: dict[str, Claim] | None = None,
    ) -> None:
        """The group's contradiction pairs again; with `sources` (lowercased source names),
        only the pairs with a claim of one of them (the others cannot have changed)."""
        fresh = fresh or {}
        rows = self.db.query(
            f"SELECT id, json FROM claims WHERE predicate = ? AND {self.db.null_eq('place_id')}",
            (predicate, place),
        )
        claims = [fresh.get(r["id"]) or Claim.model_validate_json(r["json"]) for r in rows]
        ids = sorted(c.id for c in claims)
        pairs = (
            merge.contradictions_in_group(claims, sources, self.exclusive_predicates)
            if len(claims) > 1
            else []
        )
        wanted = {(p.claim_a, p.claim_b, p.proposition, p.reason) for p in pairs}
        source_of = {c.id: c.source.name.lower() for c in claims}
        stored: set[tuple] = set()
        for chunk in _chunks(ids):
            for row in self.db.query(
                "SELECT claim_a, claim_b, proposition, reason FROM contradictions "
                f"WHERE claim_a IN ({_marks(chunk)})",
                chunk,
            ):
                if sources is None or not sources.isdisjoint(
                    (source_of.get(row["claim_a"]), source_of.get(row["claim_b"]))
                ):
                    stored.add((row["claim_a"], row["claim_b"], row["proposition"], row["reason"]))
        self.db.executemany(
            "DELETE FROM contradictions WHERE claim_a = ? AND claim_b = ?",
            [(a, b) for a, b, _, _ in sorted(stored - wanted)],
        )
        self.db.executemany(
            "INSERT INTO contradictions (claim_a, claim_b, proposition, reason) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (claim_a, claim_b) DO UPDATE SET "
            "proposition = excluded.proposition, reason = excluded.reason",
            sorted(wanted - stored),
        )

    def _recompute_everything(self) -> None:
        """The whole merge again (after upgrading a ledger merged in arrival order)."""
        self.db.execute("UPDATE events SET ledger_event_id = NULL")
        self.db.execute("DELETE FROM ledger_events")
        keys = {
            (r["event_type"], r["place_id"])
            for r in self.db.query("SELECT DISTINCT event_type, place_id FROM events")
        }
        members, reviews = self._component(keys, None)
        clusters = merge.cluster_group([member_of(m) for m in members], reviews) if members else []
        self._write_clusters(clusters, set(), reviews, {})
        self.db.execute("DELETE FROM contradictions")
        for row in self.db.query(
            "SELECT DISTINCT predicate, place_id FROM claims WHERE predicate IS NOT NULL"
        ):
            self._recompute_claims(row["predicate"], row["place_id"])

    # -- ledger events as views ------------------------------------------------------

    def _place_filter(self, flt: EventFilter) -> tuple[list[str] | None, list[query.Centre]]:
        if flt.place is None:
            return None, []
        ids = self.resolve_place(flt.place)
        centres = []
        for place_id in ids:
            place = self.place(place_id)
            if place and place.lat is not None and place.lon is not None:
                centres.append(query.Centre(place.lat, place.lon))
        return ids, centres

    def _events_by_ids(self, ids: list[str]) -> list[LedgerEvent]:
        """Ledger events by id, in the order given, with reports, sources, reviews."""
        if not ids:
            return []
        rows: dict[str, dict] = {}
        members: dict[str, list[dict]] = {}
        outlets: dict[str, set[str]] = {}
        reviews: dict[str, list[Review]] = {}
        for chunk in _chunks(ids):
            marks = _marks(chunk)
            for row in self.db.query(f"SELECT * FROM ledger_events WHERE id IN ({marks})", chunk):
                rows[row["id"]] = row
            for row in self.db.query(
                "SELECT e.id, e.ledger_event_id, e.json, e.article_id, a.source, a.url, "
                "a.title, a.published FROM events e JOIN articles a ON a.id = e.article_id "
                f"WHERE e.ledger_event_id IN ({marks})",
                chunk,
            ):
                members.setdefault(row["ledger_event_id"], []).append(row)
            for row in self.db.query(
                "SELECT DISTINCT e.ledger_event_id, o.source FROM events e "
                "JOIN outlets o ON o.article_id = e.article_id "
                f"WHERE e.ledger_event_id IN ({marks}) AND o.source <> ''",
                chunk,
            ):
                outlets.setdefault(row["ledger_event_id"], set()).add(row["source"])
            for row in self.db.query(
                f"SELECT * FROM reviews WHERE ledger_event_id IN ({marks})", chunk
            ):
                reviews.setdefault(row["ledger_event_id"], []).append(review_of(row))
        place_ids = {r["place_id"] for r in rows.values() if r["place_id"]}
        place_ids |= {
            str(v.after)
            for rs in reviews.values()
            for v in rs
            if v.action == "edit" and v.field == "place_id" and v.after
        }
        places = {p: self.place(p) for p in sorted(place_ids)}
        known = {k: v for k, v in places.items() if v is not None}
        out = []
        for ledger_id in ids:
            row = rows.get(ledger_id)
            if row is None:
                continue
            event = ledger_event_of(
                row,
                members.get(ledger_id, []),
                outlets.get(ledger_id, set()),
                known.get(row["place_id"] or ""),
            )
            taxonomy = self.taxonomy if reviews.get(ledger_id) else None
            out.append(apply_reviews(event, reviews.get(ledger_id, []), known, taxonomy))
        return out


def _line(exc: BaseException) -> str:
    lines = [s.strip() for s in str(exc).splitlines() if s.strip()]
    return lines[0] if lines else type(exc).__name__


def _iso_any(value: dt.date | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


def _claim_sources(report: Report) -> dict[ClaimKey, set[str]]:
    """The lowercased source names of the report's claims, by merge group."""
    out: dict[ClaimKey, set[str]] = {}
    for claim in report.claims:
        if claim.proposition:
            out.setdefault(_claim_key(claim), set()).add(claim.source.name.lower())
    return out


def _claim_key(claim: Claim) -> ClaimKey:
    assert claim.proposition is not None
    return claim.proposition.predicate, claim.proposition.place


def _page(rows: list, flt: EventFilter | None) -> list:
    if flt is None:
        return rows
    end = None if flt.limit is None else flt.offset + flt.limit
    return rows[flt.offset : end]
