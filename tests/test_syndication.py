"""Syndicated copies: one wire story in ten outlets is one article with ten outlets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwire.batch import run_items
from frontwire.ingest.readers import ReadOptions, read_inputs
from frontwire.ingest.syndication import CopyIndex, index_path, open_copy_index, signature
from frontwire.ledger.store import Ledger
from syndication_stories import STORIES, other_report, variants


def _items(rows: list[dict], folder: Path, name: str = "wire.jsonl"):
    """The rows as a JSONL corpus, read the way `frontwire run` reads one."""
    path = folder / name
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return read_inputs([path], ReadOptions())


@pytest.fixture
def ledger(tmp_path: Path):
    with Ledger(tmp_path / "wire.db") as ledger:
        yield ledger


def test_ten_syndicated_variants_become_one_article_with_ten_outlets(
    pipeline, ledger, tmp_path: Path
) -> None:
    rows = variants("odesa")
    summary = run_items(_items(rows, tmp_path), ledger, pipeline=pipeline)
    assert (summary.added, summary.copies, summary.failed) == (1, 9, 0)
    assert ledger.counts()["articles"] == 1
    kept = ledger.find_articles(rows[0]["url"])
    assert len(kept) == 1
    outlets = ledger.outlets(kept[0])
    assert sorted(o["source"] for o in outlets) == sorted(r["source"] for r in rows)
    urls = {o["url"] for o in outlets}
    assert rows[9]["url"] in urls and rows[4]["url"] in urls


def test_different_reports_of_the_same_strike_stay_two(pipeline, ledger, tmp_path: Path) -> None:
    rows = [variants("odesa")[0], other_report("odesa"), variants("el_fasher")[1]]
    summary = run_items(_items(rows, tmp_path), ledger, pipeline=pipeline)
    assert (summary.added, summary.copies) == (3, 0)
    assert ledger.counts()["articles"] == 3


def test_copies_are_found_across_runs_and_the_index_is_rebuilt_when_lost(
    pipeline, tmp_path: Path
) -> None:
    db = tmp_path / "runs.db"
    rows = variants("goma")
    with Ledger(db) as ledger:
        first = run_items(_items(rows[:1], tmp_path, "a.jsonl"), ledger, pipeline=pipeline)
    assert first.added == 1 and index_path(db).exists()
    with Ledger(db) as ledger:  # a later run: the index is read from its file
        second = run_items(_items(rows[1:3], tmp_path, "b.jsonl"), ledger, pipeline=pipeline)
    assert (second.added, second.copies) == (0, 2)
    index_path(db).unlink()
    with Ledger(db) as ledger:  # the file lost: rebuilt from the ledger's articles
        index = open_copy_index(ledger)
        assert len(index) == 1 and index_path(db).exists()
        third = run_items(
            _items(rows[3:5], tmp_path, "c.jsonl"), ledger, pipeline=pipeline, copy_index=index
        )
        assert (third.added, third.copies) == (0, 2)
        assert len(ledger.outlets(ledger.find_articles(rows[0]["url"])[0])) == 5


def test_every_variant_is_a_copy_and_no_other_report_is(tmp_path: Path) -> None:
    index = CopyIndex(tmp_path / "i.minhash")
    for key in STORIES:
        index.add(f"{key}-0", signature(variants(key)[0]["text"]))
    for key in STORIES:
        for row in variants(key)[1:]:
            assert index.copy_of(row["id"], row["text"])[0] == f"{key}-0", row["id"]
        assert index.copy_of("own", other_report(key)["text"])[0] is None
    reread = CopyIndex(tmp_path / "i.minhash")
    assert reread.load() == len(STORIES)
    assert reread.copy_of("x", variants("el_fasher")[5]["text"])[0] == "el_fasher-0"


def test_a_short_brief_is_never_called_a_copy() -> None:
    index = CopyIndex()
    brief = "Shelling hit Kharkiv on Monday, officials said."
    index.add("a", signature(brief))
    assert signature(brief) is None
    assert index.copy_of("b", brief) == (None, None)
