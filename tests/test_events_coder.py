"""The event coder on team-written wire reports: types, actors, dates, tolls, certainty."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.events.coder import EventCoder
from frontwire.events.figures import find_figures
from frontwire.model import Article, Claim, ClaimSource, Place, PlaceMention, Proposition
from frontwire.model import Span as TextSpan
from frontwire.text.context import ArticleContext
from frontwire.timex import find_dates

PUB = dt.date(2024, 3, 12)  # a Tuesday

KUPIANSK = (
    "Russian forces shelled the town of Kupiansk on Monday, killing two civilians and "
    "wounding five, regional officials said.\n\n"
    "Ukrainian troops repelled an assault by Wagner fighters near the village of Synkivka "
    "overnight, the General Staff reported.\n\n"
    "The Russian defence ministry claimed its forces had captured Synkivka. A spokesman for "
    "the Ukrainian army denied that the village had fallen.\n\n"
    "Officials said residents would have to leave the town sooner or later."
)

GAZETTEER = {
    "Kupiansk": ("gn:704147", "UA"),
    "Synkivka": ("gn:692000", "UA"),
    "Kherson": ("gn:706448", "UA"),
    "Maiduguri": ("gn:2331447", "NG"),
    "Bama": ("gn:2347470", "NG"),
    "Aleppo": ("gn:170063", "SY"),
}


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load()


def _places(text: str) -> list[Place]:
    out = []
    for name, (pid, cc) in GAZETTEER.items():
        mentions = []
        start = text.find(name)
        while start >= 0:
            mentions.append(PlaceMention(start=start, end=start + len(name), text=name))
            start = text.find(name, start + 1)
        if mentions:
            out.append(Place(id=pid, name=name, country_code=cc, confidence=0.9, mentions=mentions))
    return out


def _ctx(nlp, text: str, pub: dt.date = PUB) -> ArticleContext:
    art = Article(id="test-article", text=text, published=pub, source="Test Wire")
    return ArticleContext(art, nlp(text))


def _claim(
    ctx,
    cid: str,
    content: str,
    stance: str = "assert",
    key: str | None = None,
    source: str = "officials",
) -> Claim:
    start = ctx.text.index(content)
    return Claim(
        id=cid,
        source=ClaimSource(name=source),
        cue="said",
        stance=stance,
        content=ctx.span(start, start + len(content)),
        proposition=Proposition(predicate="capture", key=key) if key else None,
    )


def _code(coder, ctx, claims=()):
    return coder.code(
        ctx,
        _places(ctx.text),
        find_dates(ctx),
        find_figures(ctx, coder.casualty_words),
        list(claims),
    )


def test_shelling_with_actor_place_date_toll_and_attribution(nlp, coder):
    ctx = _ctx(nlp, KUPIANSK)
    said = _claim(
        ctx,
        "c1",
        "Russian forces shelled the town of Kupiansk on Monday, killing "
        "two civilians and wounding five",
    )
    events, actors = _code(coder, ctx, [said])
    shelling = [e for e in events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert len(shelling) == 1
    ev = shelling[0]
    assert ev.event_type == "Explosions/Remote violence"
    assert ev.actor1 == "Military Forces of Russia"
    assert ev.inter1 == 8  # Russian state forces acting in Ukraine: external forces
    assert ev.actor2 == "Civilians (Ukraine)" and ev.inter2 == 7
    assert ev.interaction == 78
    assert ev.place_id == "gn:704147" and ev.location == "Kupiansk"
    assert ev.event_date == dt.date(2024, 3, 11) and ev.time_precision == 1
    assert (ev.fatalities, ev.injuries) == (2, 5)
    assert ev.certainty == "attributed" and ev.claim_ids == ["c1"]
    assert ev.trigger is not None and ev.trigger.text == "shelled"
    assert ev.evidence and ev.evidence[0].text.startswith("Russian forces shelled")
    assert "lexicon" in ev.evidence[0].rule and 0 < ev.confidence <= 1
    names = {a.name for a in actors}
    assert {"Military Forces of Russia", "Military Forces of Ukraine", "Wagner Group"} <= names


def test_battle_between_registry_actors_is_fact(nlp, coder):
    ctx = _ctx(nlp, KUPIANSK)
    events, _ = _code(coder, ctx)
    clash = [e for e in events if e.event_type == "Battles" and e.location == "Synkivka"]
    assert clash, [(e.sub_event_type, e.location) for e in events]
    ev = clash[0]
    assert ev.sub_event_type == "Armed clash"
    # who repelled the assault is actor2, its author actor1 (ACLED's convention)
    assert ev.actor1 == "Wagner Group" and ev.inter1 == 8
    assert ev.actor2 == "Military Forces of Ukraine" and ev.inter2 == 1
    assert ev.certainty == "fact" and ev.claim_ids == []


def test_capture_asserted_and_denied_is_disputed(nlp, coder):
    ctx = _ctx(nlp, KUPIANSK)
    claim = _claim(
        ctx,
        "c2",
        "its forces had captured Synkivka",
        key="ru|capture|synkivka",
        source="Russian defence ministry",
    )
    denial = _claim(
        ctx,
        "c3",
        "the village had fallen",
        stance="deny",
        key="ru|capture|synkivka",
        source="Ukrainian army",
    )
    events, _ = _code(coder, ctx, [claim, denial])
    taken = [e for e in events if e.trigger and e.trigger.text.startswith("captured")]
    assert len(taken) == 1
    ev = taken[0]
    # Russian forces taking Ukrainian ground: ACLED's non-state/foreign capture type
    assert ev.sub_event_type == "Non-state actor overtakes territory"
    assert ev.certainty == "disputed"
    assert set(ev.claim_ids) == {"c2", "c3"}


def test_what_a_source_only_denies_is_not_an_event(nlp, coder):
    text = (
        "A spokesman for the army denied on Sunday that Ukrainian troops had withdrawn from "
        "Kupiansk."
    )
    ctx = _ctx(nlp, text)
    denial = _claim(ctx, "d1", "Ukrainian troops had withdrawn from Kupiansk", stance="deny")
    events, _ = _code(coder, ctx, [denial])
    assert events == []
    # without the claims stage the denial verb alone keeps it out as well
    events, _ = _code(coder, ctx, [])
    assert events == []


@pytest.mark.parametrize(
    "text",
    [
        "A lawmaker said Ukrainian soldiers will have to leave Kherson sooner or later.",
        "Ukrainian soldiers are apparently preparing to withdraw from Kherson.",
        "The ministry called the Russian army's attempts to encircle Kherson futile.",
        "Russian forces did not shell Kherson on Friday, the governor said.",
    ],
)
def test_future_intended_and_negated_events_are_not_coded(nlp, coder, text):
    ctx = _ctx(nlp, text)
    events, _ = _code(coder, ctx)
    assert events == [], [(e.sub_event_type, e.trigger.text) for e in events]


def test_predicted_claim_is_not_an_event(nlp, coder):
    text = "Russian forces will shell Kherson again tonight, the governor warned."
    ctx = _ctx(nlp, text)
    warn = _claim(ctx, "p1", "Russian forces will shell Kherson again tonight", stance="predict")
    events, _ = _code(coder, ctx, [warn])
    assert events == []


def test_vague_date_keeps_the_event_with_article_date_and_flag(nlp, coder):
    text = "Kherson has been the target of constant Russian shelling in recent months."
    ctx = _ctx(nlp, text)
    events, _ = _code(coder, ctx)
    assert len(events) == 1
    ev = events[0]
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
    assert ev.actor1 == "Military Forces of Russia"  # "Russian shelling": demonym on the trigger
    assert ev.event_date == PUB and ev.time_precision == 3
    assert "vague-date" in ev.flags


def test_toll_sentence_joins_the_fighting_reported_for_today(nlp, coder):
    text = (
        "Russian artillery has pounded Kherson for weeks.\n\n"
        "Residents queued for water in the centre on Tuesday. One person died today and "
        "three people were injured."
    )
    ctx = _ctx(nlp, text)
    events, _ = _code(coder, ctx)
    toll = [e for e in events if e.fatalities or e.injuries]
    assert len(toll) == 1
    ev = toll[0]
    assert (ev.fatalities, ev.injuries) == (1, 3)
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
    assert "typed-from-context" in ev.flags
    assert ev.event_date == PUB


def test_part_of_a_toll_in_the_next_paragraph_is_no_new_event(nlp, coder):
    text = (
        "A drone strike on a bus station in Nikopol killed three people and wounded 11 on "
        "Monday, the regional governor said.\n\n"
        "Firefighters put out the blaze within an hour. The governor said a teenage boy was "
        "among the wounded."
    )
    events, _ = _code(coder, _ctx(nlp, text))
    harmful = [e for e in events if e.fatalities or e.injuries]
    assert len(harmful) == 1
    assert (harmful[0].fatalities, harmful[0].injuries) == (3, 11)
    assert any("boy" in ev.text for ev in harmful[0].evidence) or "boy" in harmful[0].notes


def test_attack_on_civilians_in_another_conflict_uses_generic_actors(nlp, coder):
    text = (
        "Gunmen killed 12 villagers and abducted four women near Bama on Saturday, "
        "a local official told reporters in Maiduguri."
    )
    ctx = _ctx(nlp, text, dt.date(2024, 5, 6))
    events, _ = _code(coder, ctx)
    assert events
    ev = events[0]
    assert ev.event_type == "Violence against civilians"
    assert ev.sub_event_type == "Attack"
    assert ev.actor1 == "Unidentified Armed Group (Nigeria)" and ev.inter1 == 3
    assert ev.actor2 == "Civilians (Nigeria)" and ev.inter2 == 7
    assert ev.location == "Bama"
    assert ev.fatalities == 12


def test_protest_dispersed_with_tear_gas(nlp, coder):
    text = (
        "Police fired tear gas to disperse hundreds of students protesting fuel prices in "
        "Maiduguri on Wednesday."
    )
    ctx = _ctx(nlp, text, dt.date(2024, 5, 10))
    events, _ = _code(coder, ctx)
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]
    ev = events[0]
    assert ev.actor1 == "Protesters (Nigeria)" and ev.inter1 == 6


def test_every_event_has_sentence_and_trigger_evidence(nlp, coder):
    ctx = _ctx(nlp, KUPIANSK)
    events, _ = _code(coder, ctx)
    assert events
    for ev in events:
        assert ev.trigger is not None
        sent_ev = ev.evidence[0]
        assert ctx.text[sent_ev.start : sent_ev.end] == sent_ev.text
        assert ev.notes and ev.notes in ctx.text.replace("\n\n", " ")
        assert ev.event_type in {
            "Battles",
            "Explosions/Remote violence",
            "Violence against civilians",
            "Protests",
            "Riots",
            "Strategic developments",
        }


def test_output_is_deterministic(nlp, coder):
    ctx = _ctx(nlp, KUPIANSK)
    first = [e.model_dump() for e in _code(coder, ctx)[0]]
    second = [e.model_dump() for e in _code(coder, ctx)[0]]
    assert first == second


def test_claim_model_span_helper_is_consistent(nlp):
    # guards the hand-made claims above: the content span is the words of the text
    ctx = _ctx(nlp, KUPIANSK)
    c = _claim(ctx, "x", "its forces had captured Synkivka")
    assert isinstance(c.content, TextSpan)
    assert ctx.text[c.content.start : c.content.end] == c.content.text


def test_full_pipeline_codes_the_example_missile_strike(pipeline, example_articles):
    # integration: the coder as the pipeline calls it, on a team-written example article
    article = next(a for a in example_articles.values() if "Kharkiv" in (a.title or ""))
    report = pipeline.extract(article)
    strikes = [
        e
        for e in report.events
        if e.sub_event_type == "Shelling/artillery/missile attack"
        and e.location
        and "Kharkiv" in e.location
    ]
    assert strikes
    ev = strikes[0]
    assert ev.actor1 == "Military Forces of Russia" and ev.inter1 == 8
    assert ev.fatalities > 0 and ev.place_id
    assert ev.evidence and all(x.article_id == article.id for x in ev.evidence)
    assert {a.name for a in report.actors} >= {"Military Forces of Russia"}


def test_victims_of_a_strike_are_actor2(nlp, coder):
    text = (
        "Russian artillery pounded the outskirts of Kherson on Sunday.\n\n"
        "Two Ukrainian soldiers were killed and five were injured in a drone attack near "
        "Kherson on Monday, a brigade officer said."
    )
    ctx = _ctx(nlp, text)
    events, _ = _code(coder, ctx)
    drone = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert len(drone) == 1
    ev = drone[0]
    assert ev.actor2 == "Military Forces of Ukraine"  # the victims, not the attackers
    assert ev.actor1 == "Military Forces of Russia"  # from the sentence before
    assert (ev.fatalities, ev.injuries) == (2, 5)


def test_civilians_leaving_a_town_is_not_a_territorial_transfer(nlp, coder):
    ctx = _ctx(nlp, "Police said evacuation buses left the town of Kupiansk on Friday morning.")
    events, _ = _code(coder, ctx)
    assert events == []
