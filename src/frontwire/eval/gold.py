"""Reading gold files: JSON Lines, one item per line."""

from __future__ import annotations

import json
from pathlib import Path


def read_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    """The items of a JSONL gold file, the first `limit` of them if given."""
    rows: list[dict] = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    return rows
