"""Person and family names are not places, however like a town's name they are: 'the X
family', a list of families, 'the house of the Y family', 'Mrs Z', a title before a name.
The sentences are the team's own; the surnames are chosen to be towns elsewhere, so that a
geoparser that takes them for places would put them in France or the United States."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, surname, place", [
    ("Shelling destroyed the house of the Lyon family in Kharkiv on Tuesday night.",
     "Lyon", "Kharkiv"),
    ("The Shaheen and Dallas families lost their homes when the tower in Rafah fell.",
     "Dallas", "Rafah"),
    ("Members of the Toledo, Dallas and Lyon families were buried in Khan Younis.",
     "Toledo", "Khan Younis"),
    ("Members of the extended Toledo family were killed in the strike on Jabalia.",
     "Toledo", "Jabalia"),
    ("An airstrike hit the al-Dallas family home in Nuseirat, killing six.",
     "Dallas", "Nuseirat"),
    ("The Madrid family's flat in Avdiivka was hit by a glide bomb.", "Madrid", "Avdiivka"),
])
def test_a_surname_before_a_kinship_noun_is_no_place(places_in, text, surname, place) -> None:
    found = places_in(text)
    assert not any(surname in name for name in found), found
    assert place in found  # the real place of the sentence is still there


@pytest.mark.parametrize("text, name, place", [
    ("Mrs Lyon told reporters that the shelling of Kharkiv went on all night.",
     "Lyon", "Kharkiv"),
    ("Sheikh Toledo said the market in Idlib was hit twice before noon.", "Toledo", "Idlib"),
    ("Madame Lyon said the bakery in Sumy had run out of flour by Friday.", "Lyon", "Sumy"),
    ("Imam Dallas led the funeral prayers in Idlib after the strike.", "Dallas", "Idlib"),
])
def test_a_title_makes_the_next_name_a_person(places_in, text, name, place) -> None:
    found = places_in(text)
    assert name not in found, found
    assert place in found


@pytest.mark.parametrize("text, town", [
    # without 'the', a town before 'family' says where the family is from
    ("A Kharkiv family of five was evacuated to Lviv on Monday.", "Kharkiv"),
    # a list of towns that ends with no kinship noun stays a list of towns
    ("Families fled Kharkiv, Sumy and Poltava with what they could carry.", "Sumy"),
])
def test_towns_near_family_words_stay_places(places_in, text, town) -> None:
    assert town in places_in(text)
