"""Namesakes abroad (issue 16): an armed group of one country named in the text ('Houthi
fighters', 'the Taliban', 'DPR forces') is country evidence as a demonym is, so a town of
that country is read there rather than at a bigger namesake abroad."""

from __future__ import annotations


def test_houthi_fighters_keep_al_bayda_in_yemen(places_in):
    # Libya's Al Bayda is three times bigger; the group says the story is about Yemen
    found = places_in("Houthi fighters shelled Al Bayda on Sunday, killing two farmers and "
                      "wounding a child, a local official said.")
    assert found["Al Bayda"].country_code == "YE"


def test_houthi_rebels_make_al_jawf_the_yemeni_governorate(places_in):
    # Saudi Arabia has a region of the same name; the group tells which
    found = places_in("Houthi rebels fired shells at Al Jawf overnight, wounding three women "
                      "and damaging a school.")
    assert found["Al Jawf"].country_code == "YE"


def test_the_taliban_let_another_spelling_of_an_afghan_town_stand(places_in):
    # a town known under another spelling is believed in the country the story is about
    found = places_in("Taliban fighters seized the district centre of Chaghcharan after two "
                      "days of fighting with government troops.")
    assert found["Chaghcharan"].country_code == "AF"


def test_a_plain_phrase_is_no_groups_name(parser):
    # 'communist rebels' or 'IS Sahel' spelt as words name no one group: no country cue
    from frontwire.geo.lexicon import group_pattern

    pattern = parser.lexicon.derived(group_pattern)
    assert pattern.search("the taliban said") is not None
    assert pattern.search("communist rebels attacked the camp") is None
    assert pattern.search("the worst drought is sahel wide") is None
    assert parser.lexicon.group_countries["al shabaab"] == "SO"


def test_a_state_army_adds_no_second_vote_beyond_its_demonym(parser):
    # 'Russian troops' is the demonym's cue already; the registry's state forces are not read
    assert "russian troops" not in parser.lexicon.group_countries


def test_the_article_text_is_not_kept_in_the_names_memo(places_in):
    from frontwire.text.fold import fold

    text = "Houthi fighters shelled positions near Al Bayda on Tuesday, a local official said."
    places_in(text)
    # the group cue folds the whole text: a memo of articles would grow with the corpus, so
    # folding the text again afterwards must be a miss of the names' memo, not a hit
    hits = fold.cache_info().hits
    fold(text)
    assert fold.cache_info().hits == hits
