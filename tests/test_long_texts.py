"""Texts longer than spaCy's max_length: parsed in sentence-aligned chunks, offsets intact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwire.cli import app
from frontwire.ingest.article import make_article
from frontwire.text.nlp import parse, split_text

# Team-written paragraphs of a long situation report; repeated with the day changed.
PARAGRAPHS = [
    "Russian forces shelled Kupiansk on day {n} of the offensive, killing two civilians and "
    "wounding five, the regional governor said. A school and a clinic were damaged.",
    "In Kherson, a drone struck a bus stop near the central market; one man was injured, "
    "according to the city military administration.",
    "Ukrainian officials said the front line near Avdiivka held overnight. The defence "
    "ministry in Moscow denied that its troops had targeted civilian buildings.",
    "Evacuation buses left Vovchansk on Friday morning with 40 residents, police said, "
    "while artillery fire continued on the northern edge of the town.",
    "Power was cut in parts of Odesa after a missile hit an energy facility, the operator "
    "said. Repairs were expected to take two days.",
]
FINAL = (
    "On the last day, a missile strike on Sumy killed three people and injured twelve, "
    "the head of the regional administration said."
)


def long_text(min_chars: int) -> str:
    parts: list[str] = []
    n = 0
    while sum(len(p) + 2 for p in parts) < min_chars:
        n += 1
        parts.append(PARAGRAPHS[n % len(PARAGRAPHS)].format(n=n))
    return "\n\n".join([*parts, FINAL])


def test_a_text_over_a_million_characters_splits_at_boundaries_and_joins_back() -> None:
    text = long_text(1_050_000)
    assert len(text) > 1_000_000
    pieces = split_text(text, 100_000)
    assert "".join(pieces) == text
    assert all(len(p) <= 100_000 for p in pieces) and len(pieces) >= 11
    for piece in pieces[:-1]:
        assert piece.endswith("\n\n"), "cut between paragraphs"


def test_a_run_without_paragraphs_is_cut_after_a_sentence() -> None:
    text = " ".join(PARAGRAPHS[0].format(n=n) for n in range(200))
    pieces = split_text(text, 2_000)
    assert "".join(pieces) == text
    assert all(p.endswith(". ") for p in pieces[:-1])


def _spans(node) -> list[dict]:
    """Every {start, end, text} in a dumped report: evidence, mentions, spans."""
    if isinstance(node, list):
        return [s for item in node for s in _spans(item)]
    if not isinstance(node, dict):
        return []
    found = [node] if {"start", "end", "text"} <= node.keys() and node["start"] is not None else []
    return found + [s for value in node.values() for s in _spans(value)]


@pytest.fixture
def small_limit(nlp, monkeypatch):
    """spaCy's limit lowered so a text of a few pages counts as too long (and stays fast)."""
    monkeypatch.setattr(nlp, "max_length", 3_000)
    return 3_000


def test_a_long_article_gives_one_report_with_true_offsets(pipeline, nlp, small_limit) -> None:
    article = make_article(long_text(4 * small_limit), published="2024-05-11")
    assert len(article.text) > 4 * small_limit
    doc = parse(nlp, article.text)
    assert doc.text == article.text
    [report] = list(pipeline.extract_many([article]))
    spans = _spans(report.model_dump(mode="json"))
    assert spans
    for span in spans:
        assert article.text[span["start"] : span["end"]] == span["text"], span
    sentences = list(doc.sents)
    for span in spans:
        if "sentence" in span:
            sentence = sentences[span["sentence"]]
            assert sentence.start_char <= span["start"] < sentence.end_char + 1, span
    # The last paragraph lies in the last chunk: its place is found there, where it is.
    sumy = [p for p in report.places if p.name == "Sumy"]
    assert sumy and sumy[0].mentions[0].start == article.text.index("Sumy")
    assert any(e.fatalities == 3 for e in report.events)


def test_bigmix_a_long_file_and_two_good_ones_are_all_stored(
    tmp_path: Path, small_limit, pipeline, example_articles
) -> None:
    folder = tmp_path / "bigmix"
    folder.mkdir()
    (folder / "big.txt").write_text(long_text(4 * small_limit), encoding="utf-8")
    for name in ("wire-2024-05-11-kharkiv", "wire-2024-02-17-avdiivka"):
        (folder / f"{name}.txt").write_text(example_articles[name].text, encoding="utf-8")
    db = tmp_path / "bm.db"
    result = CliRunner().invoke(
        app, ["run", str(folder), "--db", str(db), "--max-bytes", "2000000"]
    )
    assert result.exit_code == 0, result.output
    assert "3 added" in result.stderr and "0 failed" in result.stderr
    listed = CliRunner().invoke(app, ["events", "--db", str(db), "--format", "json"])
    assert any("Sumy" in json.dumps(e) for e in json.loads(listed.stdout))
