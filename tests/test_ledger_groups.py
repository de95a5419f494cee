"""Reports written several in one transaction (`Ledger.add_reports`, as `frontwire run` does):
the same ledger as one by one, all of a group or none of it, and a batch that goes on past a
report the ledger refuses."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from frontwire.batch import run_items
from frontwire.examples import example_corpus
from frontwire.ingest.readers import ReadOptions, read_inputs
from frontwire.ledger.store import Ledger, LedgerError
from frontwire.model import Report
from test_ledger_order import assert_matches_pure_pass, dump, generated_report
from test_scale_ledger_runs import _shifted


def _groups(reports: list[Report], size: int) -> list[list[Report]]:
    return [reports[i : i + size] for i in range(0, len(reports), size)]


def test_groups_give_the_ledger_that_one_by_one_gives(ledger_factory):
    rng = random.Random(11)
    reports = [generated_report(rng, n) for n in range(120)]
    moved = [_shifted(r, rng.choice([-2, -1, 1, 3])) for r in rng.sample(reports, 20)]
    one_by_one = ledger_factory()
    for report in reports:
        assert one_by_one.add_report(report)
    for report in moved:
        assert one_by_one.add_report(report, replace=True)
    grouped = ledger_factory()
    for group in _groups(reports, 17):
        assert grouped.add_reports(group) == [True] * len(group)
    # already there: nothing written, the rest of the group is
    again = [reports[3], generated_report(rng, 500), reports[7]]
    assert grouped.add_reports(again) == [False, True, False]
    assert one_by_one.add_report(again[1])
    # corrected dates, several in one transaction (runs may join or part)
    for group in _groups(moved, 6):
        assert grouped.add_reports(group, replace=True) == [True] * len(group)
    contents = dump(grouped)
    assert contents == dump(one_by_one)
    by_id = {r.article.id: r for r in [*reports, again[1]]}
    by_id.update((r.article.id, r) for r in moved)
    assert_matches_pure_pass(contents, list(by_id.values()))
    assert len(contents["events"]) > 80 and len(contents["contradictions"]) > 5


def _refused(report: Report) -> Report:
    """A report the ledger must refuse: one event id twice (a stage's bug, say)."""
    return report.model_copy(update={"events": [*report.events, report.events[0]]})


def test_a_group_is_written_all_or_nothing(ledger_factory):
    rng = random.Random(5)
    reports = [generated_report(rng, n) for n in range(6)]
    bad = next(k for k, r in enumerate(reports) if r.events)
    ledger = ledger_factory()
    before = ledger.counts()
    group = [*reports[:bad], _refused(reports[bad]), *reports[bad + 1 :]]
    with pytest.raises(LedgerError, match=f"articles {reports[0].article.id}, .* not stored"):
        ledger.add_reports(group)
    assert ledger.counts() == before  # not one article of the group, nor half of one
    assert ledger.add_reports(reports) == [True] * len(reports)
    assert ledger.counts()["articles"] == len(reports)


class _OneRefused:
    """The real pipeline, but the report of one article comes out as the ledger refuses."""

    def __init__(self, pipeline, article_id: str) -> None:
        self.pipeline = pipeline
        self.article_id = article_id

    def extract_many(self, articles):
        for report in self.pipeline.extract_many(articles):
            yield _refused(report) if report.article.id == self.article_id else report


def test_the_batch_goes_on_past_a_report_the_ledger_refuses(pipeline, tmp_path: Path):
    articles = list(read_inputs([example_corpus()], ReadOptions()))
    reports = {r.article.id: r for r in pipeline.extract_many(articles)}
    victim = next(a for a in articles[1:] if reports[a.id].events)
    messages: list[str] = []
    with Ledger(tmp_path / "wire.db") as ledger:
        summary = run_items(
            iter(articles),
            ledger,
            pipeline=_OneRefused(pipeline, victim.id),
            copies=False,
            on_progress=lambda _n, message: message and messages.append(message),
        )
        assert summary.added == len(articles) - 1
        assert summary.failures == {"not stored in the ledger": 1}
        assert not ledger.has_article(victim.id)
        assert all(ledger.has_article(a.id) for a in articles if a.id != victim.id)
        (failure,) = ledger.failures()
        assert failure["input"] == (victim.external_id or victim.title or victim.id)
        assert "UNIQUE" in failure["reason"] or "unique" in failure["reason"]
    assert len(messages) == 1 and "not stored in the ledger" in messages[0]
