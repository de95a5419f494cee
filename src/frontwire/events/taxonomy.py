"""ACLED's taxonomy as data: event types, sub-event types, CASE codes and hierarchy rules."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

NONE = "NONE"  # a happening that is not an ACLED event (diplomacy, disaster, crime, claims)
# who holds a place: the types of a change of hands
TAKEOVER_SUBS = frozenset({"Non-state actor overtakes territory", "Government regains territory"})
TERRITORY_SUBS = TAKEOVER_SUBS | {"Non-violent transfer of territory"}


@dataclass(frozen=True)
class SubEventType:
    name: str
    event_type: str
    case_code: str
    definition: str


@dataclass(frozen=True)
class HierarchyRule:
    id: str
    present: frozenset[str]
    drop: frozenset[str]
    why: str
    loose: bool = False  # `present` also counts at a lower score (see taxonomy.toml)


@dataclass(frozen=True)
class Taxonomy:
    event_types: dict[str, str]  # name -> definition
    sub_events: dict[str, SubEventType]
    rules: tuple[HierarchyRule, ...]
    note_prefixes: dict[str, str]  # "property destruction" -> "Looting/property destruction"
    actor_rules: tuple[tuple[str, str, frozenset[int], str], ...] = ()  # id, sub, inter1, new

    @classmethod
    def load(cls) -> Taxonomy:
        """Read afresh (about 3 ms): its owner (a classifier, a Framer, a Ledger, the server)
        keeps it; call it when loading, never per article."""
        path = resources.files("frontwire.data") / "events" / "taxonomy.toml"
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        types = {e["name"]: e["definition"] for e in data["event_type"]}
        subs = {
            s["name"]: SubEventType(s["name"], s["event_type"], s["case_code"], s["definition"])
            for s in data["sub_event"]
        }
        rules = tuple(
            HierarchyRule(
                r["id"],
                frozenset(r["present"]),
                frozenset(r["drop"]),
                r["why"],
                bool(r.get("loose", False)),
            )
            for r in data["rule"]
        )
        prefixes = {
            p.lower(): s["name"] for s in data["sub_event"] for p in s.get("note_prefixes", [])
        }
        for s in subs.values():
            if s.event_type not in types:
                raise ValueError(f"taxonomy: {s.name!r} has unknown event type {s.event_type!r}")
        for r in rules:
            unknown = (r.present | r.drop) - subs.keys()
            if unknown:
                raise ValueError(f"taxonomy rule {r.id}: unknown sub-event types {unknown}")
        actor_rules = tuple(
            (r["id"], r["sub"], frozenset(r["inter1"]), r["becomes"])
            for r in data.get("actor_rule", [])
        )
        return cls(types, subs, rules, prefixes, actor_rules)

    def event_type(self, sub_event: str) -> str:
        return self.sub_events[sub_event].event_type

    def by_case_code(self) -> dict[str, SubEventType]:
        return {s.case_code: s for s in self.sub_events.values()}

    def apply_rules(
        self, candidates: set[str], weak: set[str] | None = None
    ) -> tuple[set[str], list[str]]:
        """ACLED's hierarchy: drop the sub-event types a co-occurring one takes precedence over.

        Returns the candidates left and the ids of the rules that fired (for the evidence).
        """
        left = set(candidates)
        weak = weak or set()
        fired = []
        for rule in self.rules:
            seen = left | weak if rule.loose else left
            if rule.present <= seen and left & rule.drop:
                left -= rule.drop
                left |= rule.present & weak
                fired.append(rule.id)
        return left, fired

    def by_actor(self, sub_event: str, inter1: int | None) -> tuple[str, str | None]:
        """The sub-event type once actor1's inter code is known, and the rule that changed it."""
        for rid, sub, inters, becomes in self.actor_rules:
            if sub == sub_event and inter1 in inters:
                return becomes, rid
        return sub_event, None
