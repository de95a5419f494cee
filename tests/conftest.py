"""Shared fixtures: the spaCy model and the pipeline load once per test session."""

from __future__ import annotations

import pytest

from frontwire.examples import example_corpus
from frontwire.ingest.readers import read_inputs
from frontwire.model import Article


@pytest.fixture(scope="session")
def nlp():
    from frontwire.text.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline():
    from frontwire.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def example_articles() -> dict[str, Article]:
    """The team-written example articles, by their input id."""
    articles = [a for a in read_inputs([example_corpus()]) if isinstance(a, Article)]
    return {a.external_id: a for a in articles}
