"""Shared fixtures: the spaCy model and the pipeline load once per test session."""

from __future__ import annotations

import pytest

from frontwire.examples import example_corpus
from frontwire.ingest.readers import read_inputs
from frontwire.model import Article

pytest_plugins = ["pg_server"]  # a throwaway PostgreSQL and `ledger_factory`


@pytest.fixture(scope="session")
def nlp():
    from frontwire.text.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline(nlp):
    """One Pipeline for the session, on the session's spaCy model (no module caches it)."""
    from frontwire.pipeline import Pipeline

    return Pipeline(nlp=nlp)


@pytest.fixture(scope="session")
def parser():
    """The default geoparser (embedded gazetteer, demonyms as context)."""
    from frontwire.geo.parser import GeoParser

    return GeoParser.load()


@pytest.fixture(scope="session")
def places_in(nlp, parser):
    """text -> {mention text: Place}, by the default geoparser or the one given."""
    from frontwire.text.context import ArticleContext

    def run(text: str, geo=None) -> dict[str, object]:
        ctx = ArticleContext(Article(id="test", text=text), nlp(text))
        return {m.text: p for p in (geo or parser).parse(ctx) for m in p.mentions}

    return run


@pytest.fixture(scope="session")
def classifier():
    """The sentence classifier with the shipped model, loaded once."""
    from frontwire.events.classifier import SentenceClassifier

    return SentenceClassifier.load()


@pytest.fixture(scope="session")
def sub_event_of(classifier, nlp):
    """text -> the sub-event type the classifier gives the whole text as one sentence."""

    def run(text: str) -> str | None:
        res = classifier.classify(nlp(text)[:])
        return res.sub_event_type if res else None

    return run


@pytest.fixture(scope="session")
def example_articles() -> dict[str, Article]:
    """The team-written example articles, by their input id."""
    articles = [a for a in read_inputs([example_corpus()]) if isinstance(a, Article)]
    return {a.external_id: a for a in articles}
