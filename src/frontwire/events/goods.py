"""Weapons named as goods, not as their use.

"Delays in the delivery of air-defence systems", "a new package of artillery shells", "Kyiv is
waiting for two Patriot systems": the weapon word is a trigger of the lexicon, but what the
sentence reports is a supply, a purchase or a wait, and ACLED codes no event from it. A trigger
made only of weapon words whose nearest governing words include a supply word is not an event
mention. Word lists: data/events/frames.toml (`supply_words`, `weapon_words`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from frontwire.resources import load_data

CLIMB = 4  # governing words looked at above the trigger
LINK_DEPS = frozenset(
    {"pobj", "prep", "dobj", "obj", "compound", "conj", "appos", "nsubjpass", "amod", "nmod", "acl"}
)


@dataclass(frozen=True)
class GoodsFilter:
    supply_words: frozenset[str]
    weapon_words: frozenset[str]

    @classmethod
    def load(cls) -> GoodsFilter:
        data = load_data("events", "frames.toml")
        return cls(frozenset(data["supply_words"]), frozenset(data["weapon_words"]))

    def names_goods(self, trigger: list[Token]) -> bool:
        """The trigger is only weapon words, and a supply word governs them."""
        # a modifier ('long-range', 'air-defence') stands for the weapon noun it modifies
        # and a compound inside the trigger ('air' of 'air defence') is part of its head's name
        nouns = [
            t.head if t.dep_ in ("amod", "compound") and t.head not in trigger else t
            for t in trigger
            if t.pos_ in ("NOUN", "PROPN", "ADJ")
            and not (t.dep_ == "compound" and t.head in trigger)
        ]
        nouns = [t for t in nouns if t.pos_ in ("NOUN", "PROPN")]
        if not nouns or any(t.lemma_.lower() not in self.weapon_words for t in nouns):
            return False
        node = nouns[-1]
        for _ in range(CLIMB):
            if node.dep_ not in LINK_DEPS or node.head is node:
                return False
            node = node.head
            if node.lemma_.lower() in self.supply_words:
                return True
        return False
