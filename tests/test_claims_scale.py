"""Claims on long texts: the look-ups that used to scan the whole article (quotations, dates,
earlier speakers) give the same answers as a scan. Time per KB is measured in bench/scale.py
(`--only length`), not asserted here."""

from __future__ import annotations

import datetime as dt

from frontwire.claims.extractor import ClaimExtractor
from frontwire.claims.quotes import Overlaps, enclosing_quote, find_quotes
from frontwire.model import Article
from frontwire.text.context import ArticleContext
from frontwire.text.nlp import parse

# Team-written interview paragraphs: a named speaker, then a pronoun or 'the ministry' that
# must point back to the speaker of the same paragraph, never to one far away.
INTERVIEWS = [
    (
        "Olena Kovalenko, a nurse at the city hospital in Kharkiv, spoke to reporters on Monday. "
        "\u201cWe had no power for six hours and the generators ran out of fuel,\u201d she said. "
        "\u201cThe wounded kept coming all night.\u201d",
        "Olena Kovalenko",
    ),
    (
        "Taras Melnyk, the head of the village council in Orikhiv, described the shelling. "
        "\u201cThree houses burned down on our street alone,\u201d he said.",
        "Taras Melnyk",
    ),
    (
        "Andriy Kulyk, a volunteer driver who evacuates families from Pokrovsk, said the road "
        "was under drone fire. \u201cWe only drive before dawn now,\u201d he said.",
        "Andriy Kulyk",
    ),
]


def _long_text(paragraphs: int) -> str:
    return "\n\n".join(INTERVIEWS[i % len(INTERVIEWS)][0] for i in range(paragraphs)) + "\n"


def _scan_enclosing(quotes, start, end):
    """The original scan over every quotation, as the reference."""
    best, best_overlap = None, 0
    for qs, qe in quotes:
        overlap = min(end, qe) - max(start, qs)
        if overlap > best_overlap:
            best, best_overlap = (qs, qe), overlap
    if best and best_overlap * 2 >= max(1, end - start):
        return best
    return None


def test_enclosing_quote_agrees_with_a_scan_of_every_quotation():
    text = _long_text(12)
    quotes = find_quotes(text)
    assert len(quotes) == 16  # two quotations in each nurse paragraph, one in the others
    for start in range(0, len(text), 7):
        for width in (1, 5, 30, 120, 400):
            end = min(len(text), start + width)
            assert enclosing_quote(quotes, start, end) == _scan_enclosing(quotes, start, end)


def test_a_quotation_does_not_cross_a_paragraph_break():
    text = (
        "\u201cThe bridge is gone, the mayor said.\n\n"
        "Residents left. \u201cWe stay,\u201d he said."
    )
    [(start, end)] = find_quotes(text)
    assert text[start:end] == "We stay,"


def test_overlaps_agrees_with_a_scan():
    spans = [(40, 90), (5, 12), (100, 101), (60, 70), (200, 260)]
    for start in range(0, 280, 3):
        for end in range(start + 1, start + 60, 11):
            want = any(s < end and start < e for s, e in spans)
            assert Overlaps(spans).any(start, end) == want



def _claims(nlp, text: str):
    article = Article(id="interviews0001", text=text, published=dt.date(2024, 3, 4))
    ctx = ArticleContext(article, parse(nlp, text))
    return ClaimExtractor.load().extract(ctx, [], [])


def test_pronoun_speakers_point_to_their_own_paragraph_in_a_long_text(nlp):
    text = _long_text(60)
    claims = _claims(nlp, text)
    quoted = [c for c in claims if c.cue == "said" and c.content.text.startswith("We ")]
    assert len(quoted) >= 30
    for claim in quoted:
        paragraph = text.count("\n\n", 0, claim.content.start)
        speaker = INTERVIEWS[paragraph % len(INTERVIEWS)][1]
        assert claim.source.name.startswith(speaker), (claim.content.text, claim.source.name)


def test_contradictions_of_some_sources_are_those_links_of_the_whole_answer():
    import random

    from frontwire.claims.contradictions import find_contradictions
    from test_ledger_order import generated_report

    rng = random.Random(11)
    claims = [c for n in range(120) for c in generated_report(rng, n).claims]
    whole = find_contradictions(claims)
    assert len(whole) > 10
    names = sorted({c.source.name.lower() for c in claims})
    source_of = {c.id: c.source.name.lower() for c in claims}
    for picked in (names[:1], names[1:3], names):
        some = find_contradictions(claims, sources=set(picked))
        assert some == [
            p for p in whole if {source_of[p.claim_a], source_of[p.claim_b]} & set(picked)
        ]
