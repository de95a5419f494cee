"""Figures: numbers with what they count, in team-written wire sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwire.events.casualties import CasualtyWords
from frontwire.events.figures import FigureWords, find_figures, words_to_int
from frontwire.model import Article
from frontwire.text.context import ArticleContext
from frontwire.text.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


_WORDS = CasualtyWords.load()  # loaded once for this file, as the Pipeline loads its own


def _figs(nlp, text: str):
    ctx = ArticleContext(Article(id="f", text=text, published=dt.date(2024, 5, 10)), nlp(text))
    return ctx, find_figures(ctx, _WORDS)


def _summary(figs):
    return [(f.value, f.counts) for f in figs]


def test_words_to_int():
    lex = FigureWords.load()
    assert words_to_int(lex, ["twenty-five"]) == 25
    assert words_to_int(lex, ["two", "hundred", "and", "ten"]) == 210
    assert words_to_int(lex, ["3", "thousand"]) == 3000
    assert words_to_int(lex, ["soldiers"]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One person died when a shell hit the market in Kherson.", [(1, "killed")]),
        ("Two people were injured in the attack on Zaporizhzhia.", [(2, "injured")]),
        (
            "At least 12 civilians were killed and dozens wounded in the strike.",
            [(12, "killed"), (12, "injured")],
        ),
        (
            "The missile attack killed one person and injured 2 others.",
            [(1, "killed"), (2, "injured")],
        ),
        ("Twenty-five soldiers were wounded in the shelling.", [(25, "injured")]),
        ("Hundreds of people fled the village overnight.", [(100, "displaced")]),
        (
            "Three soldiers were taken prisoner and five were reported missing.",
            [(3, "captured"), (5, "missing")],
        ),
        ("Police arrested 14 protesters in the capital.", [(14, "arrested")]),
        ("More than 300 residents were evacuated from the town.", [(300, "evacuated")]),
        ("The strike left 5 people dead and 12 injured.", [(5, "killed"), (12, "injured")]),
        ("The regional death toll rose to 15 on Saturday.", [(15, "killed")]),
        ("The blast claimed the lives of seven people.", [(7, "killed")]),
        ("Ukraine reported 30 casualties after the assault.", [(30, "casualties")]),
        ("Three soldiers were seen near the bridge.", [(3, "soldiers")]),
    ],
)
def test_what_a_figure_counts(nlp, text, expected):
    _, figs = _figs(nlp, text)
    assert _summary(figs) == expected


def test_partitive_figures_count_residents(nlp):
    _, figs = _figs(
        nlp, "Only 5,000 of the city's pre-war 70,000 residents remain, the mayor said."
    )
    assert _summary(figs) == [(5000, "residents"), (70000, "residents")]


def test_qualifiers_and_ranges(nlp):
    _, figs = _figs(nlp, "At least 12 civilians were killed and between 20 and 30 were wounded.")
    killed, wounded = figs
    assert killed.qualifier == "at least" and killed.approximate
    assert (wounded.value, wounded.counts, wounded.qualifier) == (20, "injured", "range")


def test_subset_and_hypothetical_are_marked(nlp):
    _, figs = _figs(nlp, "Twenty people were wounded, including three children.")
    assert [f.qualifier for f in figs] == [None, "including"]
    _, figs = _figs(nlp, "Officials warned the dam's collapse could kill thousands of people.")
    assert [(f.value, f.counts, f.qualifier) for f in figs] == [(1000, "killed", "hypothetical")]


def test_years_distances_and_negation_are_not_casualties(nlp):
    _, figs = _figs(nlp, "In 2023 the front moved 20 km east, and no civilians were hurt.")
    assert [(f.value, f.counts) for f in figs] == [(0, "injured")]


def test_every_figure_has_evidence_on_its_words(nlp):
    ctx, figs = _figs(nlp, "A drone strike killed four people in Odesa, police said.")
    (f,) = figs
    ev = f.evidence[0]
    assert ctx.text[ev.start : ev.end] == ev.text == "four people"
    assert ev.rule.startswith("figures.") and ev.sentence == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # headline grammar: no articles, no auxiliaries
        ("9 dead, 64 wounded in eastern fighting", [(9, "killed"), (64, "injured")]),
        (
            "One civilian killed, one wounded in shelling of Toretsk",
            [(1, "killed"), (1, "injured")],
        ),
        ("Two Ukraine soldiers killed near Avdiivka after talks", [(2, "killed")]),
        ("Shelling kills militiaman near Horlivka - command", [(1, "killed")]),
        # one figure for dead and wounded together is 'casualties'
        ("Up to 10 troops killed and wounded in attempted breakthrough", [(10, "casualties")]),
        # singular victims without a number
        ("A drone killed a man and his daughter in the village.", [(1, "killed"), (1, "killed")]),
        ("A suicide bomber blew himself up at the gate of the base.", [(1, "killed")]),
        # the subject of an active verb is the attacker, not the victim
        ("Soldiers killed two gunmen who had attacked the checkpoint.", [(2, "killed")]),
        ("Hundreds of people fled the village.", [(100, "displaced")]),
        ("The bodies of 9 men were found near the road.", [(9, "killed")]),
        ("Troops shot to death five separatists at a checkpoint.", [(5, "killed")]),
        ("Soldiers beat a protester to death in the capital.", [(1, "killed")]),
        ("Soldiers attacked and killed a civilian welder in the village.", [(1, "killed")]),
    ],
)
def test_headlines_and_unnumbered_victims(nlp, text, expected):
    _, figs = _figs(nlp, text)
    assert _summary(figs) == expected


def test_an_elliptic_toll_takes_the_count_before_it(nlp):
    _, figs = _figs(
        nlp, "Local officials reported 25 dead; a police spokesman gave a figure of 19."
    )
    assert _summary(figs) == [(25, "killed"), (19, "killed")]
    assert figs[1].evidence[0].rule == "figures.ellipsis"
