"""Claims: attribution, stance, propositions and contradictions on articles the team wrote."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from frontwire.claims.contradictions import find_contradictions
from frontwire.claims.extractor import ClaimExtractor
from frontwire.model import Article, Claim, DateMention, Place, PlaceMention
from frontwire.text.context import ArticleContext

PUB = dt.date(2024, 6, 20)

# A report in the shape the project started from: several sources on one besieged town,
# a think tank, a denial, a quote on the radio, a prediction, a dismissal.
SIEGE = (
    "Fighting continues around Kostivka, where the front has barely moved for weeks.\n\n"
    "The UK Ministry of Defence reported that the town is now almost cut off by Russian troops "
    "and that the garrison could soon be attacked from the north.\n\n"
    "The Institute for War Studies (ISW) reported yesterday that Ukrainian units are apparently "
    "preparing to pull out of the embattled town. This is shown by the demolition of a dam "
    "upstream.\n\n"
    "A spokesman for the Ukrainian army denied today that Ukrainian forces had withdrawn. "
    "According to him, rotations are under way, but a retreat is out of the question.\n\n"
    "\u201cThey outnumber us five to one,\u201d a deputy commander of the National Guard told "
    "Ukrainian radio. A Ukrainian lawmaker said earlier this week that the troops will have to "
    "leave Kostivka \u201csooner or later\u201d.\n\n"
    "President Zelenskyy praised the defenders of Kostivka on his Telegram channel today.\n\n"
    "The defence ministry described Russian efforts to encircle Kostivka as \u201cfutile\u201d.\n"
)



@pytest.fixture(scope="session")
def extractor() -> ClaimExtractor:
    return ClaimExtractor.load()


def _place(text: str, name: str, pid: str) -> Place:
    mentions = [
        PlaceMention(start=m.start(), end=m.end(), text=m.group())
        for m in re.finditer(re.escape(name), text)
    ]
    return Place(id=pid, name=name, feature_class="P", confidence=0.9, mentions=mentions)


def _dates(text: str, pub: dt.date) -> list[DateMention]:
    out = []
    for phrase, days in (("yesterday", -1), ("today", 0), ("earlier this week", -2)):
        for m in re.finditer(phrase, text):
            out.append(DateMention(text=phrase, start=m.start(), end=m.end(),
                                   date=pub + dt.timedelta(days=days)))
    return out


def _extract(nlp, extractor, text, art_id, pub=PUB, places=None) -> list[Claim]:
    ctx = ArticleContext(Article(id=art_id, text=text, published=pub), nlp(text))
    return extractor.extract(ctx, places or [], _dates(text, pub))


@pytest.fixture(scope="session")
def siege(nlp, extractor) -> list[Claim]:
    place = _place(SIEGE, "Kostivka", "x:kostivka")
    return _extract(nlp, extractor, SIEGE, "siege0001aaaa", places=[place])


def _by(claims: list[Claim], source: str, words: str) -> Claim:
    found = [c for c in claims if c.source.name == source and words in c.content.text]
    assert found, f"no claim by {source!r} about {words!r}: " + "; ".join(
        f"{c.source.name}: {c.content.text}" for c in claims
    )
    return found[0]


def test_registry_resolves_aliases_and_mistranslations(siege):
    mod = _by(siege, "UK Ministry of Defence", "cut off")
    isw = _by(siege, "Institute for the Study of War", "pull out")
    assert (mod.source.kind, mod.source.side) == ("government", "third party")
    assert isw.source.kind == "think tank"
    assert isw.source.text.startswith("The Institute for War Studies")


def test_stances_and_propositions(siege):
    mod = _by(siege, "UK Ministry of Defence", "cut off")
    assert mod.stance == "assert"
    assert mod.proposition.predicate == "encirclement"
    assert (mod.proposition.subject, mod.proposition.polarity) == ("Russia", "positive")
    second = _by(siege, "UK Ministry of Defence", "attacked from the north")
    assert second.stance == "hedge" and second.id != mod.id  # 'that A and that B': two claims
    isw = _by(siege, "Institute for the Study of War", "pull out")
    assert isw.stance == "hedge"
    assert isw.proposition.predicate == "withdrawal"
    assert isw.proposition.place == "x:kostivka"  # 'the embattled town' has no name in it


def test_denial_keeps_stance_apart_from_negation(siege):
    denial = _by(siege, "A spokesman for the Ukrainian army", "had withdrawn")
    assert denial.stance == "deny" and denial.negated is False
    assert denial.proposition.polarity == "negative"
    assert denial.source.kind == "military" and denial.source.side == "Ukraine"
    # 'According to him' points back to the spokesman.
    follow = _by(siege, "A spokesman for the Ukrainian army", "retreat is out of the question")
    assert follow.cue == "according to" and follow.stance == "deny"


def test_unknown_source_medium_and_quotes(siege):
    guard = _by(siege, "a deputy commander of the National Guard", "outnumber us")
    assert (guard.source.kind, guard.source.side) == ("military", "Ukraine")
    assert guard.medium == "Ukrainian radio"
    assert guard.content.text == "They outnumber us five to one"
    zel = _by(siege, "Volodymyr Zelenskyy", "defenders of Kostivka")
    assert zel.medium == "Telegram channel"
    assert "Telegram" not in zel.content.text


def test_prediction_and_dismissal(siege):
    mp = _by(siege, "A Ukrainian lawmaker", "sooner or later")
    assert mp.stance == "predict" and mp.proposition.predicate == "withdrawal"
    assert mp.date == PUB - dt.timedelta(days=2)
    dismissal = _by(siege, "Ministry of Defence of Ukraine", "encircle Kostivka")
    assert dismissal.stance == "dismiss"
    assert dismissal.proposition.predicate == "encirclement"
    assert dismissal.proposition.polarity == "negative"


def test_dates_evidence_and_support(siege):
    isw = _by(siege, "Institute for the Study of War", "pull out")
    assert isw.date == PUB - dt.timedelta(days=1)  # 'reported yesterday'
    rules = [e.rule for e in isw.evidence]
    assert rules[0].startswith("claims.") and "claims.support" in rules
    assert "demolition of a dam" in isw.evidence[1].text
    for claim in siege:
        ev = claim.evidence[0]
        assert SIEGE[ev.start : ev.end] == ev.text
        assert claim.content.text in ev.text
    assert len({c.id for c in siege}) == len(siege)


def test_contradictions_in_one_article(siege):
    pairs = find_contradictions(siege)
    by_name = {c.id: c.source.name for c in siege}
    named = {frozenset((by_name[p.claim_a], by_name[p.claim_b])) for p in pairs}
    assert frozenset(
        ("Institute for the Study of War", "A spokesman for the Ukrainian army")
    ) in named
    assert frozenset(("UK Ministry of Defence", "Ministry of Defence of Ukraine")) in named
    # A prediction ('will have to leave sooner or later') does not contradict a denial.
    assert not any("A Ukrainian lawmaker" in n for pair in named for n in pair)


CLAIM_ARTICLE = (
    "Russia's defence ministry said on Tuesday that its forces had captured the village of "
    "Zarichne after days of heavy fighting.\n"
)
DENIAL_ARTICLE = (
    "Ukraine's General Staff rejected the reports. A spokesman, Viktor Petrenko, said in a "
    "statement that Zarichne had not fallen and that the village \"remains under Ukrainian "
    "control\".\n"
)


def test_contradiction_across_articles(nlp, extractor):
    a = _extract(nlp, extractor, CLAIM_ARTICLE, "articleA11111",
                 places=[_place(CLAIM_ARTICLE, "Zarichne", "x:zarichne")])
    b = _extract(nlp, extractor, DENIAL_ARTICLE, "articleB22222", pub=PUB + dt.timedelta(days=2),
                 places=[_place(DENIAL_ARTICLE, "Zarichne", "x:zarichne")])
    claim = _by(a, "Ministry of Defence of Russia", "captured")
    denial = next(c for c in b if "not fallen" in c.content.text)
    assert "Viktor Petrenko" in denial.source.name and denial.medium == "statement"
    assert claim.proposition.predicate == denial.proposition.predicate == "capture"
    pairs = find_contradictions(a + b)
    assert any({p.claim_a, p.claim_b} == {claim.id, denial.id} for p in pairs)
    # Too far apart in time: no link.
    late = [c.model_copy(update={"date": PUB + dt.timedelta(days=60)}) for c in b]
    assert not find_contradictions(a + late)


def test_no_claim_without_a_speaker(nlp, extractor):
    text = (
        "The bridge was reportedly destroyed overnight. It was reported that shelling "
        "continued. The governor did not comment on the situation.\n"
    )
    assert _extract(nlp, extractor, text, "nospeaker0001") == []


def test_gold_set_meets_the_bar():
    from frontwire.eval.claims import GOLD_DIR, _pairs_for, _read, score

    paths = [GOLD_DIR / "articles.jsonl"]
    rows = _read(paths, None)
    assert len(rows) >= 15 and sum(len(r["claims"]) for r in rows) >= 60
    sc = score(rows, _pairs_for(rows, paths))
    for counts in (sc.source, sc.stance):
        assert counts.p() >= 0.85 and counts.r() >= 0.85


# Harder shapes of attribution: a speaker named in the sentence before, a quotation over two
# sentences and one that continues it, a trailing attribution, 'quoted X as saying', an
# inverted 'said X', gerund and infinitive contents, negated subjects, things seized that are
# not places.
SHAPES = (
    "Mykola Bondar, the commander of a Ukrainian drone unit, spoke to reporters near Lyman on "
    "Friday. \"They come every night. They have not broken through,\" he said. "
    "\"We will hold.\"\n\n"
    "Russian troops have seized the railway station in Lyman, the Russian defence ministry said "
    "on Friday.\n\n"
    "TASS quoted a source in the security services as saying that Ukrainian units had lost "
    "control of the town centre.\n\n"
    "\"The town is ours,\" said the head of the Donetsk military administration, Vadym Filashkin. "
    "He denied shelling residential areas and vowed to keep defending Lyman.\n\n"
    "Police said no one had been killed in the overnight strike but that officers had seized "
    "weapons from a warehouse.\n"
)


@pytest.fixture(scope="session")
def shapes(nlp, extractor) -> list[Claim]:
    return _extract(nlp, extractor, SHAPES, "shapes000001",
                    places=[_place(SHAPES, "Lyman", "x:lyman")])


def _about(claims: list[Claim], words: str) -> Claim:
    found = [c for c in claims if words in c.content.text]
    assert found, f"no claim about {words!r}: " + "; ".join(c.content.text for c in claims)
    return found[0]


def test_speaker_from_the_sentence_before_and_quotes(shapes):
    quote = _about(shapes, "They come every night. They have not broken through")
    assert quote.source.name.startswith("Mykola Bondar")
    assert (quote.source.kind, quote.source.side) == ("military", "Ukraine")
    more = _about(shapes, "We will hold")
    assert more.source.name == quote.source.name and more.stance == "predict"
    assert more.evidence[0].rule == "claims.quote_continued"


def test_trailing_and_quoted_as_saying(shapes):
    station = _about(shapes, "seized the railway station")
    assert station.source.name == "Ministry of Defence of Russia"
    assert station.proposition.predicate == "capture"
    assert (station.proposition.subject, station.proposition.place) == ("Russia", "x:lyman")
    lost = _about(shapes, "lost control of the town centre")
    assert lost.source.name == "a source in the security services"  # not TASS
    assert lost.source.kind == "unnamed"
    assert lost.proposition.predicate == "capture" and lost.proposition.polarity == "negative"


def test_inverted_gerund_and_infinitive_contents(shapes):
    ours = _about(shapes, "The town is ours")
    assert "Vadym Filashkin" in ours.source.name
    denial = _about(shapes, "shelling residential areas")
    assert denial.source.name == ours.source.name  # 'He'
    assert denial.stance == "deny" and denial.proposition.polarity == "negative"
    vow = _about(shapes, "to keep defending Lyman")
    assert vow.cue == "vowed" and vow.source.name == ours.source.name


def test_negated_subject_and_non_place_objects(shapes):
    toll = _about(shapes, "no one had been killed")
    assert toll.negated and toll.proposition.predicate == "casualties"
    assert toll.proposition.polarity == "negative"
    weapons = _about(shapes, "seized weapons")
    assert weapons.proposition is None  # weapons are not a place: no capture


def test_contradiction_across_articles_with_the_real_geoparser_and_dates(nlp, extractor):
    """The ledger's path: each article parsed on its own with the project's geoparser and
    date finder; the claims pooled afterwards."""
    from frontwire.geo.parser import GeoParser
    from frontwire.timex import DateWords, find_dates

    geo, date_words = GeoParser.load(), DateWords.load()
    texts = [
        ("Russian forces have captured the town of Toretsk after months of fighting, the "
         "Russian defence ministry said on Thursday.\n", dt.date(2025, 2, 6)),
        ("Ukraine's military denied on Saturday that Russian forces had captured Toretsk.\n",
         dt.date(2025, 2, 8)),
    ]
    pooled: list[Claim] = []
    for n, (text, published) in enumerate(texts):
        ctx = ArticleContext(Article(id=f"geo{n}article00", text=text, published=published),
                             nlp(text))
        pooled += extractor.extract(ctx, geo.parse(ctx), find_dates(ctx, date_words))
    claim, denial = pooled
    assert claim.proposition.place == denial.proposition.place is not None
    assert (claim.date, denial.date) == (dt.date(2025, 2, 6), dt.date(2025, 2, 8))
    assert denial.source.name == "Armed Forces of Ukraine" and denial.stance == "deny"
    [pair] = find_contradictions(pooled)
    assert (pair.claim_a, pair.claim_b) == (claim.id, denial.id)


def test_coordinated_sources_are_claims_of_their_own(nlp, extractor):
    text = (
        "Russian military bloggers and the Russian defence ministry said on Thursday that "
        "Pokrovsk was almost completely surrounded by Russian troops.\n"
    )
    claims = _extract(nlp, extractor, text, "coordinated01")
    assert [c.source.name for c in claims] == [
        "Russian military bloggers", "Ministry of Defence of Russia"
    ]
    assert claims[0].content == claims[1].content and claims[0].id != claims[1].id


def test_the_issuer_of_a_statement_is_the_source(nlp, extractor):
    text = (
        "The Russian defence ministry's statement said its forces had captured the village. "
        "A report by the Institute for the Study of War said Russian troops had likely entered "
        "the town.\n"
    )
    claims = _extract(nlp, extractor, text, "issuer000001")
    assert [c.source.name for c in claims] == [
        "Ministry of Defence of Russia", "Institute for the Study of War"
    ]
    assert claims[1].stance == "hedge"


def test_a_claim_inside_a_denial_is_a_chain_of_sources(nlp, extractor):
    text = "Ukraine rejected Russia's claim that its forces had captured the village of Krynky.\n"
    claims = _extract(nlp, extractor, text, "chain0000001",
                      places=[_place(text, "Krynky", "x:krynky")])
    outer = _by(claims, "Ukraine", "Russia's claim")
    inner = _by(claims, "Russia", "its forces had captured")
    assert (outer.stance, inner.stance) == ("deny", "assert")
    assert outer.proposition.key == inner.proposition.key == "Russia|capture|x:krynky"
    [pair] = find_contradictions(claims)
    assert (pair.claim_a, pair.claim_b) == (inner.id, outer.id)


def test_a_speaker_inside_a_relative_clause(nlp, extractor):
    text = "Ukrainian drones struck Zarichne, which Russia says it captured last week.\n"
    claims = _extract(nlp, extractor, text, "relative0001",
                      places=[_place(text, "Zarichne", "x:zarichne")])
    claim = _by(claims, "Russia", "which Russia says it captured")
    assert claim.proposition.key == "Russia|capture|x:zarichne"
    assert claim.proposition.polarity == "positive"
