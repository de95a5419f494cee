"""Resources belong to the object that uses them, loaded once by it (design rule 3).

No module keeps a copy: a Pipeline (or a Ledger, an exporter, the server) reads its data files
when it is built, holds them, and reads nothing while it works. So a Pipeline built after an
analyst edits a data file sees the edit, and two Pipelines never share mutable state.
"""

from __future__ import annotations

import builtins
import io
import pathlib
import sqlite3

import pytest
import spacy
from fastapi.testclient import TestClient

from frontwire.claims import lexicon
from frontwire.claims.extractor import ClaimExtractor
from frontwire.events.taxonomy import Taxonomy
from frontwire.ingest.syndication import CopyIndex, signature
from frontwire.ledger.export import AcledTables, report_rows, write_acled_csv
from frontwire.ledger.store import open_ledger
from frontwire.ledger.views import Review
from frontwire.pipeline import Pipeline
from frontwire.serve.app import create_app

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

CHASIV_YAR = "wire-2024-07-03-chasiv-yar"


def _refuse(*_args, **_kwargs):
    raise AssertionError("read a file while working: resources load when their owner is built")


def test_extract_reads_no_file_per_article(nlp, example_articles, monkeypatch):
    # A Pipeline that has done nothing yet: from its first article on, every way to read
    # a file, load a model or open a database is refused.
    pipeline = Pipeline(nlp=nlp)
    for owner, name in (
        (builtins, "open"), (io, "open"), (pathlib.Path, "open"), (pathlib.Path, "read_text"),
        (pathlib.Path, "read_bytes"), (spacy, "load"), (sqlite3, "connect"),
    ):
        monkeypatch.setattr(owner, name, _refuse)
    reports = [pipeline.extract(a) for a in example_articles.values()]
    assert sum(len(r.events) for r in reports) > 10
    assert any(r.claims for r in reports)


def test_a_pipeline_owns_its_resources_and_shares_a_given_model(pipeline, nlp):
    second = Pipeline(nlp=nlp)
    assert second.nlp is nlp  # one spaCy model for both: no second 45 MB copy
    assert second.claims is not pipeline.claims
    assert second.claims.lex is not pipeline.claims.lex
    assert second.geo.gazetteer is not pipeline.geo.gazetteer


def test_an_extractor_built_after_a_lexicon_edit_uses_it(monkeypatch):
    before = ClaimExtractor.load()
    assert before.registry.lookup("Sudan Doctors Network") is None
    read = lexicon._load

    def edited(name: str) -> dict:
        data = read(name)
        if name == "sources.json":  # an analyst adds a source and its short name
            data["sources"].append({
                "name": "Sudan Doctors Network", "aliases": ["Sudan Doctors Network", "SDN"],
                "kind": "ngo", "side": "third party",
            })
        return data

    monkeypatch.setattr(lexicon, "_load", edited)
    after = ClaimExtractor.load()
    entry = after.registry.lookup("SDN")
    assert entry is not None and entry.name == "Sudan Doctors Network" and entry.kind == "ngo"
    # the extractor built before keeps what it loaded
    assert before.registry.lookup("SDN") is None


def test_the_server_lists_the_taxonomy_it_loaded(tmp_path, monkeypatch):
    path = tmp_path / "empty.db"
    open_ledger(path).close()
    app = create_app(path)
    monkeypatch.setattr(Taxonomy, "load", _refuse)  # a request must not read it again
    with TestClient(app) as client:
        resp = client.get("/api/meta")
    assert resp.status_code == 200, resp.text
    assert "Attack" in resp.json()["event_types"]["Violence against civilians"]


def test_a_ledger_reads_the_taxonomy_once_for_all_its_reviews(
    tmp_path, pipeline, example_articles, monkeypatch
):
    report = pipeline.extract(example_articles[CHASIV_YAR])
    loads = []
    real = Taxonomy.load.__func__

    def counted(cls):
        loads.append(1)
        return real(cls)

    monkeypatch.setattr(Taxonomy, "load", classmethod(counted))
    with open_ledger(tmp_path / "reviews.db") as ledger:
        ledger.add_report(report)
        event = ledger.ledger_events()[0]
        for sub in ("Shelling/artillery/missile attack", "Air/drone strike"):
            ledger.add_review(Review(event_id=event.id, reviewer="ana", action="edit",
                                     field="sub_event_type", after=sub))
        for _ in range(3):
            edited = ledger.ledger_event(event.id)
        assert edited.sub_event_type == "Air/drone strike"
        assert edited.event_type == "Explosions/Remote violence"
    assert len(loads) == 1


def test_export_rows_use_the_exporters_tables(pipeline, example_articles, monkeypatch):
    reports = [pipeline.extract(a) for a in example_articles.values()]
    loaded_per_call = [row for r in reports for row in report_rows(r)]
    tables = AcledTables.load()
    monkeypatch.setattr(AcledTables, "load", _refuse)  # nothing is read per row
    rows = [row for r in reports for row in report_rows(r, tables)]
    assert rows == loaded_per_call and len(rows) > 10
    out = io.StringIO()
    assert write_acled_csv(rows, out, tables) == len(rows)
    assert any(row["region"] == "Europe" and row["iso"] == 804 for row in rows)  # Ukraine


def test_a_copy_index_signs_with_the_permutations_it_made(example_articles):
    text = example_articles[CHASIV_YAR].text
    index = CopyIndex()
    mine = signature(text, index.num_perm, index.perms)
    assert (mine.hashvalues == signature(text).hashvalues).all()
    index.add("a", mine)
    assert index.copy_of("b", text)[0] == "a"
