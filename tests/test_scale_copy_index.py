"""The copy index's band table answers like a scan of every article's band keys, before and
after its pending articles are merged into sorted runs."""

from __future__ import annotations

import numpy as np

from frontwire.ingest.syndication import CopyIndex, _BandTable, signature


def test_band_table_finds_exactly_the_rows_that_share_a_key():
    rng = np.random.default_rng(3)
    table, added = _BandTable(), []
    # keys from a small range, so that articles share band keys often
    for row in range(3 * _BandTable.BUFFER + 100):
        keys = rng.choice(5_000, size=37, replace=False).astype(np.uint64)
        table.add(keys, row)
        added.append(set(keys.tolist()))
        if row % 97 == 0:  # asked while articles are pending and after runs were merged
            query = rng.choice(5_000, size=37, replace=False).astype(np.uint64)
            want = {r for r, ks in enumerate(added) if ks & set(query.tolist())}
            assert table.find(query) == want


def test_a_copy_is_found_whether_its_original_is_pending_or_merged():
    base = (
        "A Russian missile struck a grain terminal in the port of Izmail overnight, the "
        "regional governor said on Tuesday, adding that two workers were injured and a "
        "warehouse burned down before firefighters could reach it. Number {}."
    )
    index = CopyIndex()
    for n in range(_BandTable.BUFFER + 5):
        index.add(f"a{n}", signature(base.format(n) + f" Filler words {n} {n * 7} {n * 13}."))
    # the first article now sits in a merged run, the last in the pending dict
    assert index.copy_of("x1", base.format(0) + " Filler words 0 0 0.")[0] == "a0"
    last = _BandTable.BUFFER + 4
    copy = base.format(last) + f" Filler words {last} {last * 7} {last * 13}."
    assert index.copy_of("x2", copy)[0] == f"a{last}"


def test_signatures_past_a_block_are_still_compared(monkeypatch):
    monkeypatch.setattr(CopyIndex, "BLOCK", 8)
    text = (
        "Shelling hit the market in Kherson on Sunday morning, the regional governor said, "
        "killing three people and wounding eleven as they queued for bread. Item {}."
    )
    index = CopyIndex()
    for n in range(30):  # four blocks of eight rows
        index.add(f"k{n}", signature(text.format(n) + f" Words {n} {n * 3} {n * 5} {n * 9}."))
    for n in (0, 7, 8, 29):
        copy = text.format(n) + f" Words {n} {n * 3} {n * 5} {n * 9}."
        assert index.copy_of(f"new{n}", copy)[0] == f"k{n}"
