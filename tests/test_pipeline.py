"""The pipeline as a whole: pure, deterministic, parallel, and every fact cites its words."""

from __future__ import annotations

from frontwire.model import Report
from frontwire.parallel import extract_parallel


def _all_evidence(report: Report):
    for group in (report.places, report.events, report.claims, report.figures, report.actors):
        for item in group:
            yield from item.evidence


def test_same_article_same_report(pipeline, example_articles) -> None:
    article = example_articles["wire-2024-07-03-chasiv-yar"]
    first = pipeline.extract(article)
    second = pipeline.extract(article.model_copy())
    assert first.model_dump_json() == second.model_dump_json()


def test_every_fact_points_at_its_words(pipeline, example_articles) -> None:
    for article in example_articles.values():
        report = pipeline.extract(article)
        text = article.text
        evidence = list(_all_evidence(report))
        assert evidence, article.external_id
        for ev in evidence:
            assert ev.article_id == article.id
            assert text[ev.start : ev.end] == ev.text
            assert 0.0 <= ev.confidence <= 1.0 and ev.rule
        for place in report.places:
            for m in place.mentions:
                assert text[m.start : m.end] == m.text
        for event in report.events:
            assert event.evidence, "no event without its sentence"
        for claim in report.claims:
            assert text[claim.content.start : claim.content.end] == claim.content.text
        for figure in report.figures:
            assert text[figure.start : figure.end] == figure.text


def test_ids_are_unique_and_carry_the_article(pipeline, example_articles) -> None:
    seen: set[str] = set()
    for article in example_articles.values():
        report = pipeline.extract(article)
        ids = [e.id for e in report.events] + [c.id for c in report.claims]
        assert len(ids) == len(set(ids))
        assert not seen & set(ids), "event and claim ids are unique across articles"
        seen |= set(ids)
        claim_ids = {c.id for c in report.claims}
        for pair in report.contradictions:
            assert {pair.claim_a, pair.claim_b} <= claim_ids


def test_one_parse_per_article(pipeline, example_articles, monkeypatch) -> None:
    calls = []
    real_make_doc = pipeline.nlp.make_doc

    def counting_make_doc(text):
        calls.append(text)
        return real_make_doc(text)

    # Every parse, by nlp() or nlp.pipe(), starts with make_doc.
    monkeypatch.setattr(pipeline.nlp, "make_doc", counting_make_doc)
    articles = list(example_articles.values())
    reports = list(pipeline.extract_many(articles))
    assert len(reports) == len(articles) == len(calls)


def test_parallel_workers_give_the_serial_reports_in_order(pipeline, example_articles) -> None:
    articles = list(example_articles.values())
    serial = [r.model_dump_json() for r in pipeline.extract_many(articles)]
    parallel = [
        r.model_dump_json() for r in extract_parallel(pipeline, articles, workers=2, chunk_size=2)
    ]
    assert parallel == serial


def test_dask_cluster_gives_the_serial_reports_in_order(pipeline, example_articles) -> None:
    from frontwire.distributed import extract_on_dask

    articles = list(example_articles.values())[:3]
    serial = [r.model_dump_json() for r in pipeline.extract_many(articles)]
    # A threaded local cluster: same code path as a real cluster, no worker start-up cost.
    on_dask = extract_on_dask(articles, workers=1, processes=False, batch_size=2)
    assert [r.model_dump_json() for r in on_dask] == serial


def test_reports_cross_the_dask_wire_unchanged(pipeline, example_articles) -> None:
    """Dask workers send reports back as JSON text: what the caller reads back must equal what
    the worker built, field for field and type for type (dates stay dates), and a failure
    stays a failure of the same article."""
    from frontwire.distributed import _from_wire
    from frontwire.pipeline import Failure

    for article in example_articles.values():
        report = pipeline.extract(article)
        back = _from_wire(report.model_dump_json())
        assert back == report and back.model_dump() == report.model_dump()
    failure = _from_wire((article.id, "ValueError: no text"))
    assert failure == Failure(article.id, "ValueError: no text")
