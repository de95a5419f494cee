"""Shortcuts of the fifteenth session's speed pass must say exactly what the long way says:
an event whose sentence names one place, the stance phrases a content cannot hold, and the
proposition triggers found only where the content has a class's word."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.claims.extractor import ClaimExtractor
from frontwire.claims.propositions import _pronoun_patient
from frontwire.events.doctokens import doc_tokens
from frontwire.events.place import EventPlacer
from frontwire.model import Article, Report

PUB = dt.date(2024, 10, 30)


def _report(pipeline, text: str) -> Report:
    return pipeline.extract(Article(id="speed-s15", text=text, published=PUB))


def _no_ranking(*_args, **_kwargs):
    raise AssertionError("a sentence of one place needs no ranking of its places")


@pytest.mark.parametrize(
    ("text", "town", "flag"),
    [
        (  # the event's own sentence names one town
            "Russian drones struck a fuel depot in Kremenchuk on Tuesday, the governor said.",
            "Kremenchuk",
            None,
        ),
        (  # the drone strike's sentence names none: the one before, of one town, gives it
            "Russian shelling hit the centre of Nikopol overnight, officials said. On "
            "Wednesday a drone struck a school, killing two women.",
            "Nikopol",
            "place-from-context",
        ),
    ],
)
def test_a_sentence_of_one_place_gives_it_without_ranking(pipeline, monkeypatch, text, town,
                                                           flag):
    unpatched = _report(pipeline, text)
    for name in ("_clause", "_attached", "_rank"):
        monkeypatch.setattr(EventPlacer, name, _no_ranking)
    monkeypatch.setattr("frontwire.events.place.qualifiers", _no_ranking)
    monkeypatch.setattr("frontwire.events.place.locators", _no_ranking)
    shortcut = _report(pipeline, text)
    assert [e.model_dump() for e in shortcut.events] == [e.model_dump() for e in unpatched.events]
    ev = shortcut.events[-1]
    assert ev.location == town
    assert flag is None or flag in ev.flags


def test_two_places_in_a_sentence_are_still_ranked(pipeline, monkeypatch):
    # the town the clause names beats the region named after it: that takes the ranking
    text = ("Russian missiles hit a power station in Burshtyn in the Ivano-Frankivsk region "
            "on Tuesday, the governor said.")
    assert _report(pipeline, text).events[0].location == "Burshtyn"
    monkeypatch.setattr("frontwire.events.place.locators", _no_ranking)
    with pytest.raises(AssertionError, match="ranking"):
        _report(pipeline, text)


_CONTENTS = [
    "the reports of a withdrawal from the town were not true",  # deny
    "a retreat from the bridgehead is out of the question",  # deny
    "troops may have to leave the village in the coming days",  # predict
    "the army has taken the railway station and encircled the garrison",  # no stance words
    "Ukrainian forces destroyed them near the river",  # a pronoun patient: no destruction
]


def test_stance_phrases_are_looked_for_only_with_their_first_word(nlp, monkeypatch):
    stance = ClaimExtractor.load().stance
    docs = [nlp(text) for text in _CONTENTS]
    shortcut = [stance.classify("say", list(doc)) for doc in docs]
    # the long way: every stance's phrases tried whatever words the content holds
    everything = frozenset(w for doc in docs for w in (t.lower_ for t in doc))
    monkeypatch.setattr(stance, "_firsts", {k: everything for k in stance._split})
    long_way = [stance.classify("say", list(doc)) for doc in docs]
    assert [(s, [t.i for t in marks]) for s, marks in shortcut] == [
        (s, [t.i for t in marks]) for s, marks in long_way
    ]
    assert [s for s, _ in shortcut] == ["deny", "deny", "predict", "assert", "assert"]
    assert [t.text for t in shortcut[0][1]] == ["not", "true"]


def _triggers_long_way(props, content):
    """The proposition triggers as found before the shortcut: every token of the content
    tried against every class whose words it holds, then the class's phrases."""
    toks = doc_tokens(content[0].doc)
    lemmas = [toks.lemma[t.i] for t in content]
    lowers = [toks.lower[t.i] for t in content]
    present = set(lemmas) | set(lowers)
    out = []
    for name, spec in props.classes.items():
        for i, tok in enumerate(content if not present.isdisjoint(spec["lemmas"]) else ()):
            if lemmas[i] in spec["lemmas"] or lowers[i] in spec["lemmas"]:
                if spec.get("skip_pronoun_patient") and _pronoun_patient(tok):
                    continue
                if "objects" in spec and not props._place_object(tok, spec):
                    continue
                out.append((name, tok.i, (tok.i,)))
        for phrase, words in spec["phrases"]:
            for i in range(len(content) - len(words) + 1):
                if lemmas[i : i + len(words)] != words and lowers[i : i + len(words)] != words:
                    continue
                group = spec.get("agents_for", {}).get(phrase)
                if group and not props._agent_in(content[i], props.agent_groups[group], group):
                    continue
                out.append((name, content[i].i, tuple(t.i for t in content[i : i + len(words)])))
    return out


def test_proposition_triggers_in_content_order_per_class(nlp):
    props = ClaimExtractor.load().props
    for text in _CONTENTS:
        content = list(nlp(text))
        props._within = {t.i for t in content}
        found = [(t.predicate, t.token.i, tuple(x.i for x in t.tokens))
                 for t in props.triggers(content)]
        assert found == _triggers_long_way(props, content)
    content = list(nlp(_CONTENTS[3]))
    found = [(t.predicate, t.token.text) for t in props.triggers(content)]
    assert ("capture", "taken") in found and ("encirclement", "encircled") in found
    # 'destroyed them': people, not a bridge or a power plant
    assert not [t for t in props.triggers(list(nlp(_CONTENTS[4])))
                if t.predicate == "destruction"]
