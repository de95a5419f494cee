"""Numbered migrations: a ledger written by frontwire 0.1 (schema 0001) opens and upgrades,
on SQLite and PostgreSQL; a newer schema is refused; two processes opening a new ledger at
once apply each migration once."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from frontwire.ledger import merge
from frontwire.ledger.backends import (
    Backend,
    LedgerError,
    connect,
    latest_version,
    migration_files,
    schema_version,
)
from frontwire.ledger.store import open_ledger
from frontwire.model import Report
from test_ledger import make_report


def _write_as_release_01(db: Backend, report: Report) -> None:
    """The rows frontwire 0.1's store.py wrote for one article (its SQL, its columns)."""
    article = report.article
    [place] = report.places
    [event] = report.events
    [claim] = report.claims
    db.execute(
        "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            article.id,
            article.external_id,
            article.title,
            article.source,
            article.url,
            article.published.isoformat(),
            article.language,
            article.text,
            "2024-05-10T12:00:00+00:00",
            report.model_dump_json(),
        ),
    )
    db.execute(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)",
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
    mention = place.mentions[0]
    db.execute(
        "INSERT INTO place_mentions VALUES (?,?,?,?,?,?)",
        (article.id, place.id, mention.start, mention.end, mention.text, mention.geo_precision),
    )
    db.execute(
        "INSERT INTO ledger_events VALUES (?,?,?,?,?,?,?,?)",
        (
            "Lold0000000",
            event.event_type,
            event.sub_event_type,
            event.event_date.isoformat(),
            event.place_id,
            event.fatalities,
            event.injuries,
            1,
        ),
    )
    db.execute(
        "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            event.id,
            article.id,
            "Lold0000000",
            event.event_type,
            event.sub_event_type,
            event.event_date.isoformat(),
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
    prop = claim.proposition
    db.execute(
        "INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            claim.id,
            article.id,
            claim.source.name,
            claim.source.kind,
            claim.source.side,
            claim.cue,
            claim.stance,
            claim.content.text,
            prop.key,
            prop.predicate,
            prop.polarity,
            prop.place,
            claim.date.isoformat(),
            claim.model_dump_json(),
        ),
    )
    for at in ("2024-05-10T12:00:00+00:00", "2024-05-11T08:30:00+00:00"):
        db.execute(
            "INSERT INTO failures VALUES (?,?,?,?)", ("broken.html", None, "no text found", at)
        )


def _ledger_of_release_01(target: str, report: Report) -> None:
    db = connect(target)
    try:
        [(version, first)] = migration_files(db.kind)[:1]
        assert version == 1
        with db.transaction():
            db.script(first.read_text(encoding="utf-8"))
            db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
            _write_as_release_01(db, report)
    finally:
        db.close()


def _columns(ledger) -> dict[str, list[str]]:
    db = ledger.db
    if db.kind == "sqlite":
        return {
            t: sorted(r["name"] for r in db.query(f"PRAGMA table_info({t})"))
            for t in sorted(db.tables())
        }
    rows = db.query(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema()"
    )
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row["table_name"], []).append(row["column_name"])
    return {t: sorted(c) for t, c in sorted(out.items())}


def test_migrations_are_numbered_alike_on_both_backends() -> None:
    for kind in ("sqlite", "postgresql"):
        numbers = [n for n, _ in migration_files(kind)]
        assert numbers == list(range(1, len(numbers) + 1)), kind
    assert latest_version("sqlite") == latest_version("postgresql") >= 2


def test_a_ledger_of_release_01_opens_and_upgrades(ledger_factory) -> None:
    report = make_report(
        "Russian shelling hit a market in Kharkiv on Friday, killing 4 people.",
        "Kharkiv regional administration",
        "2024-05-10",
        4,
    )
    target = ledger_factory.target("old")
    _ledger_of_release_01(target, report)
    with ledger_factory("old") as ledger:
        assert schema_version(ledger.db) == latest_version(ledger.db.kind)
        assert ledger.report(report.article.id) == report
        [event] = ledger.ledger_events()
        assert event.id == merge.ledger_event_id(report.events[0].id), "merged again"
        assert event.fatalities == 4 and event.sources == ["Kharkiv regional administration"]
        [failure] = ledger.failures()
        assert failure["count"] == 2 and failure["first_at"].startswith("2024-05-10")
        assert failure["last_at"].startswith("2024-05-11")
        assert ledger.outlets(report.article.id)[0]["source"] == report.article.source
        stored = ledger.db.scalar("SELECT report_json FROM articles")
        assert "text" not in json.loads(stored)["article"], "the text is stored once"
        with pytest.raises(ledger.db.errors), ledger.db.transaction():
            ledger.db.execute(
                "INSERT INTO events (id, article_id, event_type, sub_event_type, fatalities, "
                "injuries, certainty, json) VALUES ('e', 'nope', 'Battles', 'Armed clash', "
                "0, 0, 'fact', '{}')"
            )
        second = make_report(
            "A strike on Kharkiv killed at least 3 people, police said.",
            "National Police of Ukraine",
            "2024-05-11",
            3,
        )
        ledger.add_report(second)
        [merged] = ledger.ledger_events()
        assert merged.n_sources == 2 and merged.fatalities == 3
        upgraded = _columns(ledger)
    with ledger_factory() as fresh:
        assert _columns(fresh) == upgraded, "an upgraded ledger has the schema of a new one"


def test_a_newer_schema_is_refused(ledger_factory) -> None:
    target = ledger_factory.target("newer")
    with open_ledger(target) as ledger, ledger.db.transaction():
        ledger.db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(LedgerError, match="schema 99 is newer than this frontwire"):
        open_ledger(target)


_OPEN = "import sys; from frontwire.ledger.store import open_ledger; open_ledger(sys.argv[1])"


def test_two_processes_creating_one_ledger_migrate_it_once(ledger_factory) -> None:
    target = ledger_factory.target("race")
    openers = [
        subprocess.Popen([sys.executable, "-c", _OPEN, target], stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for opener in openers:
        _, err = opener.communicate(timeout=120)
        assert opener.returncode == 0, err
    with ledger_factory("race") as ledger:
        assert schema_version(ledger.db) == latest_version(ledger.db.kind)
        assert ledger.counts()["articles"] == 0
