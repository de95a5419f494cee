"""The example corpus shipped with frontwire (team-written; see data/examples/README.md)."""

from __future__ import annotations

from pathlib import Path

from frontwire.resources import data_file


def example_corpus() -> Path:
    """Path of the example articles as JSONL (one article per line)."""
    return Path(str(data_file("examples", "articles.jsonl")))
