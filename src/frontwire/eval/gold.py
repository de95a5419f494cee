"""Reading gold and training files: JSON Lines (gzipped or not), one item per line, and
where the training data lives."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path

TRAIN_DIR_ENV = "FRONTWIRE_TRAIN_DIR"
DEFAULT_TRAIN_DIR = "../shared/train"
EVAL_DIR_ENV = "FRONTWIRE_EVAL_DIR"
DEFAULT_EVAL_DIR = "../shared/eval/dev"
# Said whenever gold files are missing: they are not shipped with frontwire.
WHERE_GOLD_COMES_FROM = (
    "the dev gold files (geo_*.jsonl, ukraine_*.jsonl, events_*.jsonl) are not shipped with "
    "frontwire: they are converted from the public corpora (GeoWebNews, LGL, TR-News, GeoVirus, "
    "CASE 2021, UCDP GED, Bellingcat, ACLED notes) by the maintainers; point --gold-dir or "
    f"${EVAL_DIR_ENV} at their folder, or pass gold files as arguments"
)


def eval_dir(gold_dir: Path | None = None) -> Path:
    """The folder of the dev gold files: `gold_dir`, else $FRONTWIRE_EVAL_DIR, else
    ../shared/eval/dev beside the checkout."""
    return Path(gold_dir or os.environ.get(EVAL_DIR_ENV, DEFAULT_EVAL_DIR))


def train_dir() -> Path:
    """The folder of the labelled training data some measures sample from:
    $FRONTWIRE_TRAIN_DIR, else ../shared/train beside the checkout."""
    return Path(os.environ.get(TRAIN_DIR_ENV, DEFAULT_TRAIN_DIR))


def iter_jsonl(path: Path) -> Iterator[dict]:
    """The items of a JSONL file, read as they come; '.gz' files are decompressed."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def read_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    """The items of a JSONL gold file, the first `limit` of them if given."""
    rows: list[dict] = []
    for row in iter_jsonl(path):
        rows.append(row)
        if limit and len(rows) >= limit:
            break
    return rows
