"""What only PostgreSQL has: a URL (with a password to hide), a server that may be away,
a database shared with other programs, writers on other connections."""

from __future__ import annotations

import threading
import time

import pytest

from frontwire.ledger.backends import mask_target
from frontwire.ledger.store import LedgerError, open_ledger
from test_ledger import make_report
from test_ledger_storage import _reports, snapshot


def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    url = "postgresql://analyst:s3cret@127.0.0.1:1/ledger?connect_timeout=3"
    with pytest.raises(LedgerError) as caught:
        open_ledger(url)
    message = str(caught.value)
    assert message.startswith("postgresql://analyst:***@127.0.0.1:1/ledger")
    assert "cannot reach the PostgreSQL ledger" in message
    assert "s3cret" not in message and "\n" not in message


def test_mask_target_hides_only_the_password() -> None:
    assert mask_target("postgresql://fw:pw@db.example.org:5433/fw") == (
        "postgresql://fw:***@db.example.org:5433/fw"
    )
    assert mask_target("postgresql://fw@db/fw") == "postgresql://fw@db/fw"
    assert mask_target("ledgers/kharkiv.db") == "ledgers/kharkiv.db"


def test_a_database_of_another_program_is_refused(pg_target: str) -> None:
    import psycopg

    with psycopg.connect(pg_target, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total NUMERIC)")
    with pytest.raises(LedgerError, match="not a frontwire ledger"):
        open_ledger(pg_target)


def test_the_ledger_url_opens_postgresql(pg_target: str) -> None:
    report = make_report(
        "Shelling hit a tram depot in Kharkiv, wounding two workers.", "Suspilne", "2024-05-16"
    )
    with open_ledger(pg_target) as ledger:
        assert ledger.backend == "postgresql" and ledger.path is None
        assert ledger.add_report(report)
    with open_ledger(pg_target) as again:
        assert again.report(report.article.id) == report


def test_writers_on_two_connections_take_turns(pg_target: str) -> None:
    first = open_ledger(pg_target)
    second = open_ledger(pg_target)
    report = make_report(
        "A glide bomb struck Kharkiv's northern district, injuring five.", "Ukrinform", "2024-05-17"
    )
    done = threading.Event()

    def write() -> None:
        second.add_report(report)
        done.set()

    try:
        with first.db.transaction():  # holds the ledger's write lock
            writer = threading.Thread(target=write)
            writer.start()
            time.sleep(0.5)
            assert not done.is_set(), "the second writer waits for the first"
        writer.join(timeout=30)
        assert done.is_set()
        assert first.has_article(report.article.id)
    finally:
        first.close()
        second.close()


def test_both_backends_hold_the_same_ledger(pg_target: str, tmp_path) -> None:
    reports = _reports(20)
    held = []
    for target in (str(tmp_path / "ledger.db"), pg_target):
        with open_ledger(target) as ledger:
            for report in reports:
                ledger.add_report(report)
            held.append(
                snapshot(ledger)
                | {
                    "claims": ledger.claims(),
                    "reports": [r.model_dump(mode="json") for r in ledger.reports()],
                }
            )
    assert held[0] == held[1]
    assert held[0]["counts"]["ledger_events"] > 0 and held[0]["contradictions"]
