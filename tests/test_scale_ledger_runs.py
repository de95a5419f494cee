"""Writing an article re-clusters only the runs of dates it touches (ledger/store.py,
`_changed_runs`): after adds, deletions and replacements the ledger holds exactly what the
pure pass over the remaining reports gives, and what a ledger built from them afresh holds."""

from __future__ import annotations

import datetime as dt
import random

from frontwire.model import Report
from test_ledger_order import (
    assert_matches_pure_pass,
    dump,
    expected_pairs,
    generated_report,
)


def _shifted(report: Report, days: int) -> Report:
    """The same article re-coded with every event a few days later (a corrected date)."""
    events = [
        e.model_copy(update={"event_date": e.event_date + dt.timedelta(days=days)})
        if e.event_date is not None
        else e
        for e in report.events
    ]
    return report.model_copy(update={"events": events})


def test_deletes_and_replacements_leave_the_ledger_a_fresh_build_gives(ledger_factory):
    rng = random.Random(7)
    reports = [generated_report(rng, n) for n in range(160)]
    ledger = ledger_factory()
    for report in reports:
        assert ledger.add_report(report)
    # delete some (their runs may split), move others' dates (runs may join or part)
    deleted = set(rng.sample(range(len(reports)), 30))
    for k in sorted(deleted):
        assert ledger.delete_article(reports[k].article.id)
    kept = [r for k, r in enumerate(reports) if k not in deleted]
    for k in rng.sample(range(len(kept)), 25):
        kept[k] = _shifted(kept[k], rng.choice([-3, -2, -1, 1, 2, 4]))
        assert ledger.add_report(kept[k], replace=True)
    contents = dump(ledger)
    assert_matches_pure_pass(contents, kept)
    # a new article re-reads only its sources' links: the pairs are exactly the pure pass's
    assert {(a, b) for a, b, *_ in contents["contradictions"]} == expected_pairs(kept)
    assert len(contents["contradictions"]) > 10
    fresh = ledger_factory()
    for report in kept:
        fresh.add_report(report)
    assert dump(fresh) == contents
    assert len(contents["events"]) > 100
