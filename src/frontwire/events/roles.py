"""Event roles from the sentence's structure: actor1 is who did it, actor2 to whom.

actor1 is the agent of the violent predicate: the subject of an active verb, the "by X" of a
passive or of a nominal ("an attack by X"), the possessor ("X's strike"), a demonym or country
modifying it ("Russian shelling"), or the country named as subject ("Israel struck"). The one
who tells of it ("according to X", "X said", "military sources") is never the actor unless it
is also the agent ("the army said it killed ..."). An unknown perpetrator ("two men opened
fire", "unidentified individuals") is ACLED's "Unidentified Armed Group (<Country>)". actor2
is the target or the victims ("attacked a police post", "killing five civilians").

What the text says elsewhere names an agent the clause leaves unnamed: an apposition or a
bracket ("gunmen (presumed JNIM militants)"), a definite noun that points back ("the
attackers" after "ADF rebels raided ..."), an armed group that claims the attack, a demonym on
the strike before ("an Israeli drone fired ... A strike on a tent ..."). Who repelled an attack
is actor2, its author actor1 (ACLED's convention). Forces that were hit are never the agent.

ACLED's other conventions kept here: in a surrender the state forces are actor1; the state
forces that met a protest or riot are its actor2, though named a sentence later; those
arrested and the owners of destroyed property are civilians when nothing else is named;
'X and/or Y militants' is the joint actor; a government that acts without violence is the
'Government of <Country>'; displaced people are civilians acting, not gunmen.

A label before a colon ('Shelling: ...', 'Security forces on alert: ...') names no actor; the
clause after it tells the event. Party supporters who riot or protest are
rioters or protesters with the party as associate; party members arrested or attacked are
civilians. Without a resolved place, a generic actor takes the country the text points to
(a local group, named state forces, the country or demonym named most, a unit word such as
'upazila').

The word lists are data (data/events/actors.json "roles", data/claims/cues.json).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from frontwire.events.actors import ActorEntry, ActorMention, ActorRegistry
from frontwire.events.doctokens import DocParse, doc_parse, doc_tokens, subtree_ids

if TYPE_CHECKING:
    from frontwire.events.lexicon import Lexicon

ARMED_INTERS = (1, 2, 3, 4, 8)
NOT_ARMED_KINDS = ("civilians", "protesters", "rioters")
PRONOUN_AGENTS = {"it", "they", "we"}
POSSESSIVE_PRONOUNS = {"its", "their", "our"}  # 'the army said its drones ...'
DEFINITE = {"the", "these", "those"}  # 'the attackers': the ones named before
LOCAL_KINDS = ("civilians", "armed", "protesters", "rioters")
NOT_AGENT_TYPES = ("Protests", "Riots")  # there people of the place are the actors
# non-violent developments where people of the place act as themselves ('70 families were
# displaced', 'villagers fled'): ACLED codes them as civilians, actor1, not as gunmen
CIVILIAN_ACTOR_SUBS = ("Other", "Change to group/activity")
# a phrase's own words, not those of its target or place ('an attack on a police post')
PHRASE_CUT_PREPS = {"on", "at", "against", "upon", "into", "in", "near", "toward", "towards"}
PARTITIVE_HEADS = ("NOUN", "NUM", "PRON")  # 'members of X', '15 of the attackers', 'some of'
TARGET_PREPS = {"on", "at", "against", "upon", "toward", "towards"}  # 'fired on X'
EVENT_PREPS = {"in", "during", "after", "amid", "following"}  # "killed in an attack by X"
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
UMBRELLA_FILLERS = {"the", "umbrella", "banner", "command", "of"}  # 'under the umbrella of'
BLAME_VERBS = {"blame", "attribute"}  # 'X blamed the attack on Y': X tells, Y did it
UNKNOWN_RX = re.compile(r"\b(?:unidentified|unknown|unspecified)\b", re.IGNORECASE)
MILITIA_AGENT_RX = re.compile(
    r"\b(?:militiam[ae]n|militias?|armed (?:men|herders|pastoralists|nomads)|gunmen|"
    r"pastoralists|nomads|herders)\b",
    re.IGNORECASE,
)
NONSTATE_GROUP_INTERS = (2, 3)  # rebel groups and political militias
TIME_MARKS = {"after", "once", "when", "as", "since"}  # "took the town after the army left"


class RoleFinder:
    """actor1, actor2 and the associated actor of one event, from its trigger's sentence."""

    def __init__(self, registry: ActorRegistry, lexicon: Lexicon) -> None:
        from frontwire.claims.lexicon import load_lexicons

        self.registry = registry
        self.lexicon = lexicon
        spec = registry.roles
        cues = load_lexicons().cues
        self.report_verbs = set(cues["verbs"]) | set(cues["quote_verbs"])
        self.according = [p.split() for p in cues["according_to"]]
        self.according_by_first: dict[str, list[list[str]]] = {}
        for phrase in self.according:
            self.according_by_first.setdefault(phrase[0], []).append(phrase)
        self._sources_memo: tuple[object, dict[int, set[int]]] = (None, {})
        self._sents_memo: tuple[object, list[Span]] = (None, [])
        self._hints_memo: tuple[object, tuple[dict[str, int], str | None, str | None]] = (
            None,
            ({}, None, None),
        )
        self._text_country_memo: tuple[object, object, str | None] | None = None
        self.source_nouns = {w for w in spec.get("source_nouns", []) if " " not in w}
        self.unknown_agents = set(spec.get("unknown_agents", []))
        self.mob_agents = set(spec.get("mob_agents", []))
        self.victim_verbs = set(spec.get("victim_verbs", []))
        self.unidentified_subs = set(spec.get("unidentified_when_no_agent", []))
        self.responsibility = set(spec.get("responsibility", []))
        self.state_agents = set(spec.get("state_agents", []))
        self.force_nouns = {n[0] for n in registry.military_nouns if len(n) == 1}
        # words that make a military object the state's ('government positions')
        self.state_modifiers = set(spec.get("state_modifiers", []))
        self.umbrella_ids = set(spec.get("umbrella_actors", []))
        self.claim_verbs = set(spec.get("claim_verbs", []))
        self.defence_verbs = set(spec.get("defence_verbs", []))
        self.presence_verbs = set(spec.get("presence_verbs", []))
        self.surrender_verbs = set(spec.get("surrender_verbs", []))
        # sub-event types whose actors are the parties the text names (roles.party_subs)
        self.party_subs = set(spec.get("party_subs", ["Agreement"]))
        self.outsider_words = set(spec.get("outsider_words", []))
        self.perpetration_verbs = set(spec.get("perpetration_verbs", []))
        self.devices = set(spec.get("devices", []))
        self.contact_verbs = set(spec.get("device_contact_verbs", []))
        self.handler_subs = set(spec.get("handler_subs", []))
        self.not_group_acronyms = {w.lower() for w in spec.get("not_group_acronyms", [])}
        self.intervening_subs = set(spec.get("intervening_sub_events", []))
        self.military_objects = set(spec.get("military_objects", []))
        self.owner_verbs = set(spec.get("owner_verbs", []))
        self.loser_subs = set(spec.get("loser_from_subs", []))
        self.state_made_subs = set(spec.get("state_made_subs", []))
        self.reciprocal_subs = set(spec.get("reciprocal_subs", []))
        self.reciprocal_cues = [w.split() for w in spec.get("reciprocal_cues", [])]
        self.protest_police = [w.split() for w in spec.get("protest_police_words", [])]
        self.default_actor2: dict[str, str] = spec.get("default_actor2", {})
        self.government_nouns = set(spec.get("government_nouns", []))
        self.government_subs = set(spec.get("government_subs", []))
        self.country_cues: dict[str, str] = {
            k.lower(): v for k, v in spec.get("country_cues", {}).items() if not k.startswith("_")
        }
        # region names of one country ('Galgaduud', 'Tillaberi'): one pattern, matched as
        # written, read once per article with the text's other country hints
        self.region_country: dict[str, str] = {
            name: code
            for code, names in spec.get("region_cues", {}).items()
            if not code.startswith("_")
            for name in names
        }
        self.region_rx = (
            re.compile(
                r"(?<![\w-])(?:"
                + "|".join(re.escape(n) for n in sorted(self.region_country, key=len, reverse=True))
                + r")(?![\w-])"
            )
            if self.region_country
            else None
        )
        gang = spec.get("gang", {})
        self.gang_countries = set(gang.get("countries", []))
        self.gang_rx = (
            re.compile(r"\b(?:" + "|".join(gang["cues"]) + r")", re.IGNORECASE)
            if gang.get("cues")
            else None
        )
        self.gang_found_rx = (
            re.compile(r"\b(?:" + "|".join(gang["found_cues"]) + r")", re.IGNORECASE)
            if gang.get("found_cues")
            else None
        )
        self.gang_subs = set(gang.get("found_subs", []))
        # unnamed militias of a region that ACLED names as the region's communal militia
        self.regional_militias = [
            (r["country"], re.compile(r["cue"], re.IGNORECASE), r["group"], r["label"])
            for r in spec.get("regional_militias", [])
        ]

    # ------------------------------------------------------------ sources
    def sources(self, sent: Span) -> set[int]:
        """Token indices of the sentence's tellers: 'according to X', 'X said', 'citing X',
        'military sources'; 'X claimed responsibility' is an agent, not a teller. Computed
        once per sentence of the article being coded (every event of it asks again)."""
        doc, memo = self._sources_memo
        if doc is not sent.doc:
            memo = {}
            self._sources_memo = (sent.doc, memo)
        if sent.start not in memo:
            memo[sent.start] = self._find_sources(sent)
        return memo[sent.start]

    def _find_sources(self, sent: Span) -> set[int]:
        # walked on the cached token and parse lists: Token objects for every word and child
        # were most of this function's cost
        doc = sent.doc
        dt, p = doc_tokens(doc), doc_parse(doc)
        lower, lemma, pos, dep, children = dt.lower, dt.lemma, p.pos, p.dep, p.children
        out: set[int] = set()
        end = sent.end
        for k in range(sent.start, end):
            for phrase in self.according_by_first.get(lower[k], ()):
                if lower[k : min(k + len(phrase), end)] == phrase:
                    last = k + len(phrase) - 1
                    for c in children[last]:
                        if dep[c] in ("pobj", "dobj"):
                            out.update(subtree_ids(p, c))
            if pos[k] in ("VERB", "AUX") and lemma[k] in self.report_verbs:
                if self._claims_responsibility_at(p, lemma, k):
                    continue
                for c in children[k]:
                    if dep[c] in ("nsubj", "csubj", "agent"):  # 'as reported by the army'
                        out.update(subtree_ids(p, c))
            elif pos[k] in ("NOUN", "PROPN") and lower[k] in self.source_nouns:
                out.update(t for t in subtree_ids(p, k) if t <= k)  # 'a police spokesman'
                for c in children[k]:  # 'a spokesman for the army'
                    if dep[c] == "prep" and lower[c] in ("for", "of"):
                        out.update(subtree_ids(p, c))
        return out

    def _claims_responsibility(self, verb: Token) -> bool:
        doc = verb.doc
        return self._claims_responsibility_at(doc_parse(doc), doc_tokens(doc).lemma, verb.i)

    def _claims_responsibility_at(self, p: DocParse, lemma: list[str], k: int) -> bool:
        return any(
            p.dep[c] == "dobj" and lemma[c] in self.responsibility for c in p.children[k]
        )

    # ------------------------------------------------------------ agents
    def _agent_tokens(self, tok: Token) -> list[Token]:
        """Where the agent of a trigger stands, nearest first."""
        out = [] if self._struck_device(tok) else list(self.lexicon.subjects(tok))
        for verb in (tok, tok.head):
            device = self._struck_device(verb)
            if device is not None:  # 'a vehicle struck an IED planted by X': X laid it
                laid = [c for c in device.children if c.dep_ == "acl"]
                if device.dep_ in ("nsubj", "nsubjpass") and device.head.i != verb.i:
                    laid.append(device.head)
                out += [g for c in laid
                        for a in c.children if a.dep_ in ("agent", "prep") and a.lower_ == "by"
                        for g in a.children if g.dep_ == "pobj"]  # fmt: skip
        if not out and tok.dep_ == "conj" and tok.pos_ == "VERB" and not any(
            c.dep_ in ("auxpass", "nsubjpass") for c in tok.children
        ):
            # 'fighters were seen and set up a base': the active verb's subject is the
            # one the passive verb before it shares
            out = [c for c in tok.head.children if c.dep_ == "nsubjpass"]
        # the children read from the cached parse lists: a Token only for what is kept
        doc = tok.doc
        p, lower = doc_parse(doc), doc_tokens(doc).lower
        dep, kids = p.dep, p.children
        out += [
            doc[g]
            for c in kids[tok.i]
            if dep[c] == "prep" and lower[c] == "by"
            for g in kids[c]
            if dep[g] == "pobj"
        ]  # 'an attack by X'
        # 'Russian shelling' (a gerund the tagger may call a verb), "Israel's strikes"
        out += [doc[c] for c in kids[tok.i] if dep[c] in ("compound", "amod", "poss", "nmod")]
        if tok.pos_ == "NOUN" or tok.dep_ == "pobj":
            # 'Russia launched 40 drones', 'killed 20 militants in an air strike'
            verb = tok.head
            if tok.dep_ == "pobj" and verb.dep_ == "prep":
                verb = verb.head
            if (verb.pos_ in ("VERB", "AUX") and tok.dep_ in ("dobj", "obj", "pobj")
                    and verb.lemma_.lower() not in BLAME_VERBS
                    and self._struck_device(verb) is None):  # fmt: skip
                # not who blames ('residents blamed the attack on X'): see _blamed
                out += self.lexicon.subjects(verb)
        # 'killed in an attack by X', 'died after Russian shelling'
        for c in kids[tok.i]:
            if dep[c] == "prep" and lower[c] in EVENT_PREPS:
                for n in kids[c]:
                    if dep[n] == "pobj" and p.pos[n] == "NOUN":
                        out += self._nominal_agents(doc[n])
        if tok.dep_ == "acl" and tok.tag_ == "VBG":
            out.append(tok.head)  # 'troops shelling the town', 'government shelling of X'
        # 'fighters were seen patrolling', 'police were deployed': who was seen or sent acts
        for verb in (tok, tok.head) if tok.dep_ in ("xcomp", "advcl") else (tok,):
            if verb.lemma_.lower() in self.presence_verbs:
                out += [c for c in verb.children if c.dep_ == "nsubjpass"]
        if tok.dep_ in ("amod", "compound") and tok.head.pos_ == "NOUN" and tok.head.i != tok.i:
            # 'carried out a mine attack': the word modifies the event's noun
            out += [t for t in self._agent_tokens(tok.head) if t.i != tok.i]
        return out

    def _struck_device(self, verb: Token) -> Token | None:
        """'an army truck struck an IED', 'a boy stepped on a landmine': whoever hits a
        device suffers it, the one who laid it is the agent (roles.device_contact_verbs);
        the device token, or None."""
        if verb.lemma_.lower() not in self.contact_verbs:
            return None
        for c in verb.children:
            if c.dep_ in ("dobj", "obj"):
                objs = [c]
            elif c.dep_ == "prep" and c.lower_ in ("on", "onto", "over", "into"):
                objs = [g for g in c.children if g.dep_ == "pobj"]
            elif c.dep_ == "ccomp":  # 'struck an IED planted by X' read as a clause
                objs = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
            else:
                objs = []
            for o in objs:
                if o.lemma_.lower() in self.devices or o.lower_ in self.devices:
                    return o
        return None

    def _struck_by(self, triggers: list[Token], ms: Sequence[ActorMention],
                   sources: set[int]) -> ActorMention | None:  # fmt: skip
        """Who hit the device the event is about: its victim ('a patrol struck a mine')."""
        for tok in triggers:
            for verb in (tok, tok.head, tok.head.head):
                if self._struck_device(verb) is None:
                    continue
                for s in self.lexicon.subjects(verb):
                    m = mention_for(s, ms, exclude=sources)
                    if m is not None:
                        return m
        return None

    @staticmethod
    def _nominal_agents(noun: Token) -> list[Token]:
        out = [
            g
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "by"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        return out + [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")]

    def _entry_for(
        self,
        tok: Token,
        ms: Sequence[ActorMention],
        sources: set[int],
        country: str | None,
        depth: int = 0,
    ) -> ActorMention | ActorEntry | None:
        """The actor a candidate agent token stands for, or None."""
        if tok.i in sources:
            return None
        m = mention_for(tok, ms, exclude=sources)
        if m is not None:
            return m
        e = self.registry.demonym_entry(tok)
        if e is not None:
            return e
        code = self.registry.country_codes.get(tok.lower_)
        if code and tok.text[:1].isupper() and tok.ent_type_ in ("GPE", ""):
            return self.registry.generic_entry("state", code)  # 'Russia launched 40 drones'
        if tok.lower_ in self.state_agents and country:
            return self.registry.generic_entry("state", country)  # 'government shelling'
        if tok.lemma_.lower() in self.unknown_agents or tok.lower_ in self.unknown_agents:
            return self.registry.generic_entry("armed", country)
        if depth == 0 and tok.dep_ in ("nsubj", "pobj"):
            named = self.registry.named_group(tok)  # 'the Mon State Revolutionary Union'
            if named is not None:
                return named
        if depth == 0 and tok.pos_ == "NOUN":  # 'Israeli strikes killed ...'
            for c in self._nominal_agents(tok):
                got = self._entry_for(c, ms, sources, country, depth + 1)
                if got is not None:
                    return got
        return None

    # ------------------------------------------------------------ victims
    def is_victim(self, tok: Token) -> bool:
        """The head of a mention that suffered the event: 'soldiers were killed', 'X died',
        'killing five civilians'."""
        head = tok.head
        lemma = head.lemma_.lower()
        if tok.dep_ == "nsubjpass" and lemma in self.victim_verbs:
            return True
        if tok.dep_ == "dobj" and lemma in self.victim_verbs and head.pos_ == "VERB":
            return True
        return tok.dep_ == "nsubj" and lemma in ("die", "perish")

    # ------------------------------------------------------------ the event
    def event_actors(
        self,
        event_type: str,
        sub_event_type: str,
        trigger_tokens: Iterable[Token],
        sent: Span,
        mentions: list[list[ActorMention]],
        i: int,
        country: str | None,
    ) -> tuple[ActorEntry | None, ActorEntry | None, ActorEntry | None]:
        sources = self.sources(sent)
        if country is None:  # no place resolved: the home of the local groups it names
            country = self.text_country(mentions, sent.doc)
        namesake = None
        if country is not None and (abroad := self.placed_abroad(country, sent.doc)):
            namesake, country = country, abroad
        label = _heading(sent)
        named_at = {k for m in mentions[i] if m.entry.kind != "armed"
                    for k in range(m.start, m.end)}  # fmt: skip
        ms = [self._acronym_group(self._localised(m, country, namesake), sent.doc, named_at)
              for m in mentions[i] if not _inside(m, sources) and m.start not in label]  # fmt: skip
        a1: ActorMention | ActorEntry | None = None
        a2: ActorMention | None = None
        assoc = None
        lx = self.lexicon
        triggers = list(trigger_tokens)
        if triggers and all(t.i in sources for t in triggers):
            # the trigger word sits in the teller ('..., Ukraine's air force said'): the
            # predicate is in what the teller says
            triggers = self._told_predicates(sent)
        if label and triggers and all(t.i in label for t in triggers):
            # 'Looting: gunmen looted ...': the label names the event, the clause tells it
            triggers = self._clause_after(sent, label) or triggers
        if sub_event_type == "Agreement":
            a1, a2 = self._surrendered(sent, ms, sources)
        if sub_event_type in self.loser_subs:
            # 'X took control of the town after Y withdrew': X gained the ground (ACLED's
            # actor1 of a transfer), Y is the side that left it
            triggers = [self._takeover_over(t, ms, sources, country) or t for t in triggers]
        for tok in triggers:
            if tok.dep_ == "dobj" and tok.head.lemma_.lower() in BLAME_VERBS:
                # 'residents blamed the attack on X': X did it; no target is named here
                a1 = self._blamed(sent, ms)
                break
            if a1 is None and tok.lemma_.lower() in self.defence_verbs:
                # 'soldiers repelled a Russian assault': the assault's agent attacked
                a1, a2 = self._repelled(tok, ms, sources, country, mentions[i])
            if a1 is None:
                agents = self._agent_tokens(tok)
                for s in [a for a in agents if not _across_colon(a, tok)]:
                    got = self._entry_for(s, ms, sources, country)
                    if got is None and (s.lower_ in PRONOUN_AGENTS or self._owned_force(s)):
                        got = self._teller_as_agent(tok, mentions[i])  # 'the army said its drones'
                    if got is None:
                        continue
                    if s.lower_ in self.government_nouns and sub_event_type in self.government_subs:
                        got = self._government(s, got, country)  # 'the government agreed'
                    civilian = (isinstance(got, ActorMention) and got.entry.kind == "civilians"
                                and event_type not in NOT_AGENT_TYPES)  # fmt: skip
                    if _unidentified(got) or civilian:
                        # 'three herders (believed to be X militiamen)': who they are
                        named = self._identified(s, ms, sources, sent, mentions, i, country,
                                                 beside_only=civilian)  # fmt: skip
                        if named is not None and isinstance(got, ActorMention):
                            # 'gunmen, believed to be X': the generic word is X, no other actor
                            ms = [m for m in ms if m is not got]
                        got = named or got
                    a1 = got
                    if isinstance(got, ActorMention):
                        conj = [mention_for(c, ms, exclude=sources) for c in s.conjuncts]
                        conj += [m for m in ms if m.end + 1 == got.start  # 'X and Y militias'
                                 and sent.doc[m.end].lower_ in ("and", "&")]  # fmt: skip
                        conj = [c for c in conj if c and c.entry.name != got.entry.name]
                        joint = [m for m in ms if m.end + 1 == got.start
                                 and sent.doc[m.end].lower_ == "and/or"]  # fmt: skip
                        if joint:  # 'JNIM and/or ISGS militants': ACLED's joint actor
                            a1 = self.registry.joint_entry(joint[0].entry, got.entry)
                            break
                        either = self._either(sent.doc, got, ms)
                        if either is not None:  # 'ISGS or JNIM militants': the same
                            a1 = self.registry.joint_entry(*either)
                            break
                        assoc = conj[0].entry if conj else None
                        if (
                            conj
                            and (event_type == "Battles" or sub_event_type == "Agreement")
                            and a2 is None
                            and self._other_side(tok, ms, sources, {got.entry.name,
                                                 conj[0].entry.name}) is None
                        ):  # fmt: skip
                            # 'X and Y clashed', 'X and Y signed a truce': the two sides, in
                            # the order the text names them
                            a1, a2 = sorted((got, conj[0]), key=lambda m: m.start)
                            assoc = None
                    break
            if a2 is None:
                # 'the shelling of an army post': the target of a nominal
                of = (
                    [
                        g
                        for c in tok.children
                        if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children
                        if g.dep_ == "pobj"
                    ]
                    if tok.pos_ == "NOUN"
                    else []
                )
                if sub_event_type in self.loser_subs:
                    # 'took control of the village from Al Shabaab': who lost it
                    a2 = self._taken_from(tok, ms, sources, a1)
                for o in [*lx.objects(tok), *of] if a2 is None else []:
                    m = (
                        mention_for(o, ms, exclude=sources)
                        or self._forces_object(o, country)
                        or self._owner(o, ms, sources)
                    )
                    if m and _name(m) != _name(a1):
                        a2 = m
                        break
        if sub_event_type in self.party_subs and (
            a1 is None or _unidentified(a1) or _entry_kind(a1) == "civilians"
        ):
            # 'X and Y militias met ... The elders of the two clans reached a deal': the
            # parties are the groups the text named, not the people who spoke for them
            parties = self._parties(sent.doc, mentions, i, country, sources)
            if parties:
                a1 = parties[0]
                if a2 is None or a2.entry.name == parties[0].entry.name:
                    a2 = parties[1] if len(parties) > 1 else None
        if a2 is None and (struck := self._struck_by(triggers, ms, sources)) is not None:
            a2 = struck if struck.entry.name != _name(a1) else None
        if (
            isinstance(a1, ActorMention)
            and a1.entry.kind == "civilians"
            and event_type not in NOT_AGENT_TYPES
            and sub_event_type not in CIVILIAN_ACTOR_SUBS
        ):
            # 'villagers beat a suspected thief' is a mob; 'two men opened fire' is unknown
            head = sent.doc[a1.end - 1]
            mob = head.lower_ in self.mob_agents or head.lemma_.lower() in self.mob_agents
            a1 = self.registry.generic_entry("rioters" if mob else "armed", country)
        if a1 is None or _unidentified(a1):
            # 'Hamas claimed responsibility for the attack', here or in the next sentences;
            # read after 'two men opened fire' became the unknown group it stands for
            claimant = self._claimant_near(sent.doc, mentions, i)
            if claimant is not None:
                a1 = self.registry.branch_in(claimant, country) if country else claimant
        if (a2 is None and event_type == "Battles" and isinstance(a1, ActorMention)
                and a1.rule.startswith("actors.country-after.")):  # fmt: skip
            a2 = self._second_country(sent.doc, a1)  # 'forces of Armenia and Azerbaijan'
        handled = False  # the group's own device went off in its hands: no actor2
        victims = [m for m in ms if self.is_victim(sent.doc[m.end - 1])]
        if a2 is None and victims and victims[0].entry.name != _name(a1):
            a2 = victims[0]  # "two Ukrainian soldiers were killed in a drone attack"
            if a1 is None and sub_event_type in self.handler_subs and _named(a2):
                # 'two militants were killed when the mine they were laying went off': a
                # device that blew up in its handlers' hands is their own act (ACLED)
                a1, a2, handled = a2, None, True
        ms = [m for m in ms if m not in victims or m is a2 or m is a1]
        if isinstance(a1, ActorMention) and (over := self._umbrella(sent.doc, a1, ms)):
            # the force acting under it is neither side of its own
            ms = [m for m in ms if m is not a1]
            a2 = None if a2 is a1 else a2
            a1 = over
        e1 = a1.entry if isinstance(a1, ActorMention) else a1
        e2 = a2.entry if a2 else None
        f1, f2, assoc = self._fill(
            event_type, sub_event_type, e1, e2, assoc, ms, sent.doc, mentions, i, country
        )
        return f1, None if handled else f2, assoc

    def _fill(
        self,
        etype: str,
        sub: str,
        e1: ActorEntry | None,
        e2: ActorEntry | None,
        assoc: ActorEntry | None,
        ms: list[ActorMention],
        doc: Doc,
        mentions: list[list[ActorMention]],
        i: int,
        country: str | None,
    ) -> tuple[ActorEntry | None, ActorEntry | None, ActorEntry | None]:
        """ACLED's defaults where the structure names no one."""
        used = {e.name for e in (e1, e2, assoc) if e}  # the associate is on actor1's side
        armed_like = [
            m.entry for m in ms if m.entry.kind not in NOT_ARMED_KINDS and m.entry.name not in used
        ]
        reg = self.registry
        if etype in NOT_AGENT_TYPES and e1 is not None and e1.kind == "civilians":
            e1 = None  # 'residents protested': they are the protesters or rioters themselves
        if etype in NOT_AGENT_TYPES:
            # 'BNP activists vandalised buses': party supporters who riot or protest are
            # rioters or protesters, the party their associate (ACLED)
            if e1 is not None and e1.kind == "party":
                assoc, e1 = assoc or e1, None
            if e2 is not None and e2.kind == "party":
                e2 = reg.generic_entry("rioters" if etype == "Riots" else "protesters", country)
        if etype == "Protests" and e2 is not None and e2.kind == "civilians":
            e2 = None
        if etype == "Protests":
            if e1 is None or e1.inter != 6:
                if e1 is not None and (e2 is None or e2.inter == 6):
                    e2 = e1  # 'police dispersed the crowd': who met the protest is actor2
                e1 = reg.generic_entry("protesters", country)
        elif etype == "Riots" and (e1 is None or e1.inter not in (5, 4, 3)):
            e1 = reg.generic_entry("rioters", country)
        if etype == "Protests" and e2 is not None and e2.kind == "protesters":
            e2 = None  # 'police dispersed the protesters': the crowd is actor1, not its foe
        if sub in CIVILIAN_ACTOR_SUBS and e1 is None and e2 is not None and e2.kind == "civilians":
            e1, e2 = e2, None  # '70 families were displaced': ACLED's actor1 is the civilians
        if e1 is None and sub in self.state_made_subs and country:
            # ACLED: arrests are made by state forces (342 of 353 Arrests rows of
            # ../shared/train, the police in 251): those of the sentence or the two before,
            # else the police of the place; never a fighter named among those detained
            state = [m.entry for m in ms if m.entry.inter == 1 and m.entry.name not in used]
            e1 = state[0] if state else self.context_actor(doc, mentions, i, None, country)
            if e1 is None or e1.inter != 1:
                e1 = reg.generic_entry("police", country)
        if e1 is None:  # an armed actor the sentence names, not one it hit
            # not a party named only as background ('during a BNP-led strike')
            free = [m for m in ms if m.entry.kind not in (*NOT_ARMED_KINDS, "party")
                    and m.entry.name not in used and not _target(doc[m.end - 1])]  # fmt: skip
            e1 = free[0].entry if free else None
            either = self._either(doc, free[0], ms) if free else None
            if either is not None:  # 'an IED likely planted by JNIM or ISGS'
                e1 = reg.joint_entry(*either)
        if e1 is None:
            e1 = self.context_actor(doc, mentions, i, e2.name if e2 else None, country)
        if e1 is None and sub in self.unidentified_subs:
            e1 = reg.generic_entry("armed", country)  # 'a roadside bomb killed three'
        if etype == "Violence against civilians" and (e2 is None or e2.inter not in (1, 7, 8)):
            # ACLED's victims of violence against civilians are civilians (the actor2 of all
            # 6,866 Attack rows of ../shared/train, measurement only), not an armed group the
            # sentence names beside them; state forces hit are kept (then the event is likelier
            # a clash the classifier missed: 'a police officer was shot dead by two men')
            civ = [m.entry for m in ms if m.entry.kind == "civilians"]
            e2 = civ[0] if civ else reg.generic_entry("civilians", country)
        if e2 is None and etype == "Explosions/Remote violence":
            # ACLED codes the civilians hit by remote violence as actor2
            civ = [m.entry for m in ms if m.entry.kind == "civilians"]
            e2 = civ[0] if civ else None
        if e2 is None and (etype in ("Battles", "Explosions/Remote violence")
                           or sub in self.loser_subs):  # fmt: skip
            # the other armed side the sentence names; in a transfer of ground, the side
            # that left it ('took over the town after the army withdrew')
            others = [e for e in armed_like if e1 is None or e.name != e1.name]
            e2 = others[0] if others else None
        if e2 is None and sub in self.intervening_subs:
            e2 = self._intervening(doc, mentions, i, country)
        both_sides = (
            sub in self.reciprocal_subs
            and (e2 is None or e2.kind == "civilians")
            and e1 is not None
            and e1.kind == "rioters"
            and self._reciprocal(doc, i)
        )
        if both_sides:
            e2 = e1  # 'two rival groups of villagers attacked each other': rioters both sides
        kind = self.default_actor2.get(sub)
        mixed = e2 is not None and e2.kind in ("protesters", "rioters")
        if kind == "civilians" and mixed and not both_sides:
            # 'police detained 50 activists': an arrest outside a protest takes civilians
            e2 = reg.generic_entry(kind, country)
        if e2 is None and kind:  # 'police arrested 25 people': ACLED's default kind of actor2
            named = [m.entry for m in ms if m.entry.kind == kind and m.entry.name not in used]
            e2 = named[0] if named else reg.generic_entry(kind, country)
        if e2 is not None and e2.kind == "party" and etype != "Battles":
            # 'police arrested 12 BNP activists': ACLED codes party members who are
            # arrested or attacked as civilians, the party only when it fights
            e2 = reg.generic_entry("civilians", country)
        if e2 is not None and e2.kind == "civilians" and e2.country_code in (None, country):
            e2 = self._outsiders(doc, ms, country) or e2
        if sub in self.intervening_subs:
            # 'security forces fired tear gas at the crowd': ACLED's police, not its army
            e1 = self._protest_police(e1, doc, mentions, i)
            e2 = self._protest_police(e2, doc, mentions, i)
        if e2 is not None and e1 is not None and e2.name == e1.name and not both_sides:
            e2 = None
        span = self._sentence(doc, i) if _generic_armed(e1) and country else None
        if (
            span is not None
            and MILITIA_AGENT_RX.search(span.text)
            and not UNKNOWN_RX.search(doc.text)
        ):
            # armed men the event's sentence names; not 'unidentified gunmen', 'an unknown
            # group': those stay the unknown group
            for code, cue, group, label in self.regional_militias:
                if code == country and cue.search(doc.text):
                    e1 = reg.identity_entry(group, label, country)  # 'militiamen' in Darfur
                    break
        if country in self.gang_countries and self._criminal(doc, sub):
            # 'two men on a motorcycle shot a vendor': ACLED's unknown gang where crime is
            # the way of violence (data/events/actors.json "gang")
            e1, e2 = (reg.generic_entry("gang", country) if _generic_armed(e) else e
                      for e in (e1, e2))  # fmt: skip
        return e1, e2, assoc

    def _acronym_group(self, m: ActorMention, doc: Doc, named_at: set[int]) -> ActorMention:
        """'MKP militants fired on ...', 'suspected FPIC fighters': a fighters' word that an
        acronym qualifies names the group the registry lacks, as ACLED does ('MKP: ...');
        not a country's ('US'), nor a word such as 'IDP' (roles.not_group_acronyms), nor one
        the registry knows (`named_at`: tokens of the sentence's other mentions), nor two
        letters, too ambiguous to name a group ('AS', 'DR')."""
        if m.entry.kind != "armed" or not m.rule.startswith("actors.generic."):
            return m
        reg = self.registry
        # the word just before the mention, whatever the tagger made of it ('HBDH' as a verb)
        before = [doc[m.start - 1]] if m.start > 0 else []
        kids = [c for c in doc[m.end - 1].children if c.dep_ in ("compound", "nmod", "amod")]
        for c in before + kids:
            text = c.text
            if (
                3 <= len(text) <= 8
                and c.i not in named_at
                and text.isupper()
                and text.isalpha()
                and c.lower_ not in reg.country_codes
                and c.lower_ not in reg.demonyms
                and c.lower_ not in self.not_group_acronyms
            ):
                return replace(m, entry=reg.named_entry(text), rule="actors.acronym")
        return m

    def _outsiders(
        self, doc: Doc, ms: Sequence[ActorMention], country: str | None
    ) -> ActorEntry | None:
        """'police detained 35 migrants': people away from their country (roles.outsider_words)
        are civilians of their nationality, the demonym on the word ('Afghan refugees') or
        the country they are said to be from ('the migrants were from Syria'), else ACLED's
        'Civilians (International)'; never the civilians of the country they are in."""
        reg = self.registry
        people = [doc[m.end - 1] for m in ms if m.entry.kind == "civilians"]
        heads = [h for h in people if h.lemma_.lower() in self.outsider_words
                 or h.lower_ in self.outsider_words]  # fmt: skip
        # the people acted on before those acting ('refugees attacked other refugees')
        heads.sort(key=lambda h: h.dep_ in ("nsubj", "csubj"))
        for head in heads:
            # 'Afghan refugees', 'Burundi and Congolese refugees': their nationality
            for c in [w for left in head.lefts for w in (left, *left.conjuncts)]:
                two = f"{doc[c.i - 1].lower_} {c.lower_}" if c.i > 0 else ""  # 'South Sudanese'
                code = next((got for w in (two, c.lower_)
                             if (got := reg.demonyms.get(w) or reg.country_codes.get(w))), None)
                if code and code != country and c.text[:1].isupper():
                    return reg.generic_entry("civilians", code)
        if not heads:
            return None
        lower = doc_tokens(doc).lower
        for span in doc.sents:  # 'from X' in a sentence that speaks of them
            words = lower[span.start : span.end]
            if not any(w in self.outsider_words for w in words):
                continue
            for k in range(span.start, span.end - 1):
                if lower[k] != "from":
                    continue
                for n in (4, 3, 2, 1):  # 'from the Central African Republic', 'from Syria'
                    code = reg.country_codes.get(" ".join(lower[k + 1 : k + 1 + n]))
                    if code and code != country:
                        return reg.generic_entry("civilians", code)
        return reg.international_entry("civilians")

    def _criminal(self, doc: Doc, sub: str) -> bool:
        """The text points to criminal violence (a drive-by, a cartel), or tells of an attack
        whose victim was found dead."""
        text = doc.text
        if self.gang_rx is not None and self.gang_rx.search(text):
            return True
        return (
            sub in self.gang_subs
            and self.gang_found_rx is not None
            and self.gang_found_rx.search(text) is not None
        )

    def _second_country(self, doc: Doc, m: ActorMention) -> ActorMention | None:
        """'the forces of Armenia and Azerbaijan': the state forces of the country after 'and'."""
        lower = doc_tokens(doc).lower
        k = m.end
        if k >= len(lower) or lower[k] != "and":
            return None
        for n in (3, 2, 1):
            code = self.registry.country_codes.get(" ".join(lower[k + 1 : k + 1 + n]))
            if code and code != m.entry.country_code:
                e = self.registry.generic_entry(m.entry.kind, code)
                end = k + 1 + n
                return ActorMention(e, k + 1, end, doc[k + 1].idx, doc[end - 1].idx
                                    + len(doc[end - 1].text), doc[k + 1 : end].text,
                                    "actors.country-after.conj")  # fmt: skip
        return None

    def _umbrella(
        self, doc: Doc, agent: ActorMention, ms: list[ActorMention]
    ) -> ActorMention | None:
        """'factions acting under Operation Peace Spring', 'troops under the command of the
        coalition': ACLED codes the operation or coalition a force acts under
        (roles.umbrella_actors), not the force itself."""
        for m in ms:
            if m.entry.id not in self.umbrella_ids or m.start <= agent.start or m is agent:
                continue
            k = m.start - 1
            while k > agent.start and doc[k].lower_ in UMBRELLA_FILLERS:
                k -= 1  # 'under the umbrella of the'
            if doc[k].lower_ == "under" and m.start - k <= 5:
                return m
        return None

    def _reciprocal(self, doc: Doc, i: int) -> bool:
        """The sentence tells of two sides fighting each other ('rival groups', 'clashed with
        one another', 'a clash between two groups')."""
        sent = self._sentence(doc, i)
        if sent is None:
            return False
        lower = doc_tokens(doc).lower[sent.start : sent.end]
        for cue in self.reciprocal_cues:
            n = len(cue)
            if any(lower[k : k + n] == cue for k in range(len(lower) - n + 1)):
                return True
        return False

    def _protest_police(
        self, e: ActorEntry | None, doc: Doc, mentions: list[list[ActorMention]], i: int
    ) -> ActorEntry | None:
        """State forces named only by a word such as 'security forces' that met a protest or
        riot are the police of their country (ACLED, checked on the rows of ../shared/train:
        36 of 42 protest notes that name only 'security forces' code the police)."""
        if e is None or e.kind not in ("military", "state") or not e.country_code:
            return e
        lower = doc_tokens(doc).lower
        for j in range(i, min(len(mentions), i + 3)):
            for m in mentions[j]:
                if m.entry.name != e.name or not m.rule.startswith("actors.generic."):
                    continue
                words = lower[m.start : m.end]
                if any(words[-len(w) :] == w for w in self.protest_police):
                    return self.registry.generic_entry("police", e.country_code)
        return e

    def _government(
        self, tok: Token, got: ActorMention | ActorEntry, country: str | None
    ) -> ActorEntry:
        """'The Afghan government released 67 prisoners': the government of the demonym or
        country that qualifies the word, else of the event's country."""
        code = got.entry.country_code if isinstance(got, ActorMention) else got.country_code
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod") and c.text[:1].isupper():
                code = (
                    self.registry.demonyms.get(c.lower_)
                    or self.registry.country_codes.get(c.lower_)
                    or code
                )
        return self.registry.generic_entry("government", code or country)

    def _intervening(
        self, doc: Doc, mentions: list[list[ActorMention]], i: int, country: str | None
    ) -> ActorEntry | None:
        """State forces that stepped in against a protest or riot, in its sentence or the
        two after ('... Police fired tear gas to disperse the crowd')."""
        for j in range(i, min(len(mentions), i + 3)):
            for m in mentions[j]:  # the forces of the place, not 'the US dollar'
                if m.entry.inter == 1 and m.entry.country_code in (None, country):
                    return self._localised(m, country).entry
        return None

    def _parties(
        self,
        doc: Doc,
        mentions: list[list[ActorMention]],
        i: int,
        country: str | None,
        sources: set[int],
    ) -> list[ActorMention]:
        """The groups named by name in the event's sentence and the two before, in the
        order the text names them, each once: the sides of an agreement whose sentence
        names only their elders or 'the two sides'."""
        found: list[ActorMention] = []
        for j in range(max(0, i - 2), i + 1):
            span = self._sentence(doc, j)
            if span is None:
                continue
            told = sources if j == i else self.sources(span)
            for m in mentions[j]:
                if (
                    _named(m)
                    and m.entry.inter in ARMED_INTERS
                    and not _inside(m, told)
                    and m.entry.name not in {f.entry.name for f in found}
                ):
                    found.append(self._localised(m, country))
        return found

    def _surrendered(
        self, sent: Span, ms: Sequence[ActorMention], sources: set[int]
    ) -> tuple[ActorMention | None, ActorMention | None]:
        """'Two militants surrendered to the army': ACLED codes the state forces as actor1
        whichever side gave itself up ('three soldiers surrendered to Al Shabaab': the
        soldiers' forces, then Al Shabaab); between other sides, the side surrendered to."""
        for tok in sent:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in self.surrender_verbs:
                continue
            to = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "before")
                  for g in c.children if g.dep_ == "pobj"]  # fmt: skip
            taker = next((m for o in to if (m := mention_for(o, ms, exclude=sources))), None)
            if taker is None:
                continue
            givers = [mention_for(s, ms, exclude=sources) for s in self.lexicon.subjects(tok)]
            giver = next((m for m in givers if m is not None), None)
            if giver is None or giver.entry.name == taker.entry.name:
                return taker, None
            if giver.entry.inter == 1 and taker.entry.inter != 1:
                return giver, taker
            return taker, giver
        return None, None

    def _takeover_over(
        self, tok: Token, ms: Sequence[ActorMention], sources: set[int], country: str | None
    ) -> Token | None:
        """The main verb of a withdrawal told in a clause of time under the takeover ('took
        over the base after the army pulled out', 'entered the town once the rebels left'),
        when its subject is an armed side other than the one that left; else None."""
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        while verb.dep_ == "conj" and verb.head.pos_ == "VERB":  # 'left and handed over'
            verb = verb.head
        if verb.dep_ != "advcl" or verb.head.pos_ != "VERB" or verb.head.i == verb.i:
            return None
        if not any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in verb.children):
            return None
        main = verb.head
        leavers = {_name(self._entry_for(s, ms, sources, country))
                   for s in self.lexicon.subjects(verb)}  # fmt: skip
        for s in self.lexicon.subjects(main):
            got = self._entry_for(s, ms, sources, country)
            entry = got.entry if isinstance(got, ActorMention) else got
            if entry is not None and entry.kind != "civilians" and entry.name not in leavers:
                return main
        return None

    @staticmethod
    def _either(
        doc: Doc, got: ActorMention, ms: Sequence[ActorMention]
    ) -> tuple[ActorEntry, ActorEntry] | None:
        """Two named non-state groups joined by 'or' ('suspected ISGS or JNIM militants',
        'planted by JNIM or ISGS'): the text cannot tell which, and ACLED codes both as one
        joint actor (in ../shared/train, 154 of the notes that say 'X or Y' of two such groups
        carry the joint name). In the text's order; the registry knows ACLED's own order."""
        if not _named(got) or got.entry.inter not in NONSTATE_GROUP_INTERS:
            return None
        for m in ms:
            if m is got or not _named(m) or m.entry.inter not in NONSTATE_GROUP_INTERS:
                continue
            if m.entry.name == got.entry.name:
                continue
            first, second = (m, got) if m.start < got.start else (got, m)
            if first.end + 1 == second.start and doc[first.end].lower_ in ("or", "and/or"):
                return first.entry, second.entry
        return None

    def _other_side(
        self, tok: Token, ms: Sequence[ActorMention], sources: set[int], sides: set[str]
    ) -> ActorMention | None:
        """The side a predicate names apart from its subjects: 'X and Y attacked Z', 'X and Y
        clashed with Z' (then Y is X's associate, Z the other side)."""
        cands = [*self.lexicon.objects(tok)] + [
            g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "against")
            for g in c.children if g.dep_ == "pobj"
        ]  # fmt: skip
        for o in cands:
            m = mention_for(o, ms, exclude=sources)
            if m is not None and m.entry.name not in sides:
                return m
        # 'X and Y attacked Al Shabaab ... and took the village': a named armed group later in
        # the sentence that is no subject
        first = min((m.start for m in ms if m.entry.name in sides), default=tok.i)
        for m in ms:
            armed = _named(m) and m.entry.inter in ARMED_INTERS
            if armed and m.start > first and m.entry.name not in sides:
                return m
        return None

    def _taken_from(
        self,
        tok: Token,
        ms: Sequence[ActorMention],
        sources: set[int],
        a1: ActorMention | ActorEntry | None,
    ) -> ActorMention | None:
        """'took control of the village from Al Shabaab', 'seized the base from the army':
        who held the ground is actor2."""
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        # the parser may hang 'from X' on the place ('control of the village ... from X')
        for c in verb.subtree:
            if c.dep_ != "prep" or c.lower_ != "from":
                continue
            for g in c.children:
                m = mention_for(g, ms, exclude=sources) if g.dep_ == "pobj" else None
                if m is not None and m.entry.name != _name(a1):
                    return m
        return None

    def _owner(
        self, obj: Token, ms: Sequence[ActorMention], sources: set[int]
    ) -> ActorMention | None:
        """'defused IEDs planted by Al Shabaab', 'seized weapons belonging to the PKK', 'a
        boat that belonged to X': the owner of what was seized or destroyed is actor2."""
        for c in obj.children:
            if c.dep_ not in ("acl", "relcl") or c.lemma_.lower() not in self.owner_verbs:
                continue
            for p in c.children:
                if p.dep_ in ("agent", "prep") and p.lower_ in ("by", "to"):
                    for g in p.children:
                        m = mention_for(g, ms, exclude=sources) if g.dep_ == "pobj" else None
                        if m is not None:
                            return m
        return None

    def _forces_object(self, tok: Token, country: str | None = None) -> ActorMention | None:
        """'shot down three Russian drones', 'shelled Ukrainian positions': a demonym on an
        object that stands for a side's forces names that side's military."""
        if tok.lower_ not in self.military_objects:
            return None
        # the demonym may stand before a model's name ('a Russian Orlan-10 drone', 'four
        # Ukrainian Tochka missiles'): any modifier on the noun's left
        for c in tok.lefts:
            for d in c.subtree if c.dep_ in ("amod", "compound", "nmod") else ():
                if d.dep_ not in ("amod", "compound", "nmod"):
                    continue
                e = self.registry.demonym_entry(d)
                if e is not None:
                    return ActorMention(e, d.i, d.i + 1, d.idx, d.idx + len(d.text), d.text,
                                        "actors.demonym+object")  # fmt: skip
        for c in tok.lefts:
            if country and c.dep_ in ("amod", "compound") and c.lower_ in self.state_modifiers:
                # 'shelled government positions', 'regime checkpoints': the state's forces
                e = self.registry.generic_entry("state", country)
                return ActorMention(e, c.i, c.i + 1, c.idx, c.idx + len(c.text), c.text,
                                    "actors.state+object")  # fmt: skip
        return None

    def _clause_after(self, sent: Span, label: set[int]) -> list[Token]:
        """The predicates of the clause after a label: the verb the parser hung the label
        on, or the clause's root; a teller's verb gives what it tells."""
        doc = sent.doc
        heads = [doc[k].head for k in label if doc[k].head.i not in label]
        heads += [t for t in sent if t.dep_ == "ROOT" and t.i not in label]
        out: list[Token] = []
        for h in heads:
            if h.pos_ not in ("VERB", "AUX") or h in out:
                continue
            if h.lemma_.lower() in self.report_verbs:
                out += [t for t in self._told_predicates(sent) if t not in out]
            else:
                out.append(h)
        return out

    def _told_predicates(self, sent: Span) -> list[Token]:
        """The verbs of what a teller says: 'Russia fired 40 drones, the air force said'."""
        out = []
        for tok in sent:
            head = tok.head
            if (
                tok.pos_ == "VERB"
                and tok.lemma_.lower() not in self.report_verbs
                and tok.dep_ in ("ccomp", "parataxis")
                and head.lemma_.lower() in self.report_verbs
            ):
                out.append(tok)
        return out

    def _identified(
        self,
        agent: Token,
        ms: Sequence[ActorMention],
        sources: set[int],
        sent: Span,
        mentions: list[list[ActorMention]],
        i: int,
        country: str | None,
        beside_only: bool = False,
    ) -> ActorMention | ActorEntry | None:
        """Who an unnamed agent is, where the text says it: 'gunmen (believed to be Al
        Shabaab)', 'the attackers' after 'ADF rebels killed ...', 'fighters ambushed a convoy,
        the PDF claimed'. `beside_only`: only a bracket or apposition beside the agent (for
        people named as civilians: 'herders (believed to be X militiamen)')."""
        named = [m for m in ms if _named(m) and m.start not in sources]
        # an apposition or a bracket right after the agent's phrase
        right = max(t.i for t in agent.subtree if t.dep_ not in ("relcl", "acl")) + 1
        window = {c.i for c in agent.children if c.dep_ == "appos"}
        k = agent.i + 1
        while k < min(right + 2, sent.end) and k - agent.i <= 6:
            if sent.doc[k].text in ("(", ",", "—", "-"):
                close = next(
                    (t.i for t in sent.doc[k + 1 : min(sent.end, k + 12)] if t.text in (")", ",")),
                    min(sent.end, k + 12),
                )
                window |= set(range(k + 1, close))
                break
            k += 1
        for m in named:
            if m.start in window:
                return m
        for c in agent.children:  # 'fighters of the Islamic State', 'members of the PDF'
            if c.dep_ == "prep" and c.lower_ == "of":
                got = next((mention_for(g, named) for g in c.children if g.dep_ == "pobj"), None)
                if got is not None:
                    return got
        for c in agent.lefts:
            # 'suspected Katiba Macina (JNIM) militants': the group named on the agent's
            # left, the bracketed name when there is one (the wider group, or the same)
            if c.dep_ in ("compound", "nmod"):
                inner = {t.i for t in c.subtree}
                got = next((m for m in reversed(named) if m.start in inner), None)
                if got is not None:
                    return got
        for c in agent.children:
            if c.dep_ == "appos":
                got = mention_for(c, named)
                if got is not None:
                    return got
        if beside_only:
            return None
        # 'the attackers': the group named before, in this sentence or the two before
        if any(c.dep_ == "det" and c.lower_ in DEFINITE for c in agent.children):
            doc = sent.doc
            before = [
                m
                for m in named
                if m.end <= agent.i
                and m.entry.inter in ARMED_INTERS
                and not self.is_victim(doc[m.end - 1])
                and not _target(doc[m.end - 1])
            ]
            if before:  # 'JNIM militants raided X, where the militants killed eleven'
                return before[-1]
            got = self.context_actor(sent.doc, mentions, i, None, country, named_only=True)
            if got is not None:
                return got
        # 'fighters ambushed a convoy, the PDF claimed': an armed group tells of its own
        for m in mentions[i]:
            if m.start in sources and _named(m) and m.entry.inter in (2, 3, 4):
                head = sent.doc[m.end - 1].head
                if head.lemma_.lower() in self.claim_verbs:
                    return m
        return None

    def _repelled(
        self,
        verb: Token,
        ms: Sequence[ActorMention],
        sources: set[int],
        country: str | None,
        told: list[ActorMention],
    ) -> tuple[ActorMention | ActorEntry | None, ActorMention | None]:
        """ACLED codes who attacked as actor1 and who held as actor2: 'Ukrainian forces
        repelled an attack of Russian forces', 'the army thwarted a Taliban assault'."""
        attacker = None
        for noun in self.lexicon.objects(verb):
            cands = self._nominal_agents(noun) + [
                g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                for g in c.children if g.dep_ == "pobj"
            ]  # fmt: skip
            for c in cands:
                attacker = self._entry_for(c, ms, sources, country)
                if attacker is not None:
                    break
            if attacker is not None:
                break
        if attacker is None:
            return None, None
        holder = None
        for subj in self.lexicon.subjects(verb):
            got = mention_for(subj, ms, exclude=sources)
            if got is None and self._owned_force(subj):
                entry = self._teller_as_agent(verb, told)
                got = next((m for m in told if entry is not None and m.entry is entry), None)
            holder = got
            break
        return attacker, holder

    def _owned_force(self, tok: Token) -> bool:
        """'its drones', 'their forces' (not 'their vehicle'): the owner is the teller."""
        return tok.lower_ in self.force_nouns and any(
            c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in tok.children
        )

    def text_country(
        self, mentions: list[list[ActorMention]], doc: Doc | None = None
    ) -> str | None:
        """The country the article's own words point to, for events whose place is unknown:
        the home of the first local armed group it names (Al Shabaab: Somalia), else of the
        state forces it names by registry or demonym ('the Burkinabe army', 'SNA soldiers'),
        else the country named or meant most often ('Burkina Faso', 'Lebanese'), else a word
        for an administrative unit only one country has ('upazila': Bangladesh). Read once
        per article: every event without a place asks, and the answer reads all of it."""
        memo = self._text_country_memo
        if memo is not None and memo[0] is mentions and memo[1] is doc:
            return memo[2]
        got = self._text_country(mentions, doc)
        self._text_country_memo = (mentions, doc, got)
        return got

    def _text_country(
        self, mentions: list[list[ActorMention]], doc: Doc | None
    ) -> str | None:
        region = self._hints(doc)[2] if doc is not None else None
        if region is not None:  # 'in Gourma province': where it happened, whoever did it
            return region
        for ms in mentions:
            for m in ms:
                e = m.entry
                if m.rule == "actors.registry" and e.country_code and e.inter in (2, 3, 4):
                    return e.country_code
        for ms in mentions:
            for m in ms:
                e = m.entry
                if e.inter == 1 and e.country_code and not m.rule.startswith("actors.generic."):
                    return e.country_code
        return self._named_country(doc) if doc is not None else None

    def _region_country(self, doc: Doc) -> str | None:
        """The country of the regions the text names (region_cues): the most named, the
        first on ties."""
        if self.region_rx is None:
            return None
        counts: dict[str, int] = {}
        for m in self.region_rx.finditer(doc.text):
            code = self.region_country[m.group(0)]
            counts[code] = counts.get(code, 0) + 1
        return max(counts, key=lambda c: counts[c]) if counts else None

    def _named_country(self, doc: Doc) -> str | None:
        """The country named or meant most often ('Burkina Faso', 'Lebanese'), else the one
        a unit word points to ('upazila')."""
        counts, unit, _ = self._hints(doc)
        if counts:
            return max(counts, key=lambda c: counts[c])  # first of the most named on ties
        return unit

    def _hints(self, doc: Doc) -> tuple[dict[str, int], str | None, str | None]:
        """The text's country hints, read once per article (every event without a place of
        its own asks, and each reads the whole text): how often each country is named or
        meant, the country of its first unit word, the country of its regions."""
        memo = self._hints_memo
        if memo[0] is not doc:
            memo = (doc, self._read_hints(doc))
            self._hints_memo = memo
        return memo[1]

    def _read_hints(self, doc: Doc) -> tuple[dict[str, int], str | None, str | None]:
        dt = doc_tokens(doc)
        lower, text = dt.lower, dt.text
        names, demonyms = self.registry.country_codes, self.registry.demonyms
        counts: dict[str, int] = {}
        for k in range(len(lower)):
            if not text[k][:1].isupper():
                continue
            for n in (3, 2, 1):  # 'Burkina Faso', 'Central African Republic'
                code = names.get(" ".join(lower[k : k + n])) if k + n <= len(lower) else None
                if code is None and n == 1:
                    code = demonyms.get(lower[k])
                if code:
                    counts[code] = counts.get(code, 0) + 1
                    break
        cues = self.country_cues
        unit = next((cues[w] for w in lower if w in cues), None)
        return counts, unit, self._region_country(doc)

    def placed_abroad(self, country: str, doc: Doc) -> str | None:
        """The country the text's own units and regions point to, when the event's place
        lies in another country the text never names (a village of an upazila read as a
        namesake town abroad): a gazetteer namesake, so the units' country is the event's."""
        counts, unit, region = self._hints(doc)
        cue = region or unit
        if cue is None or cue == country or counts.get(country):
            return None
        return cue

    def _localised(
        self, m: ActorMention, country: str | None, namesake: str | None = None
    ) -> ActorMention:
        """People named by a generic word ('civilians', 'gunmen') belong to the event's
        country, which may not be the article's ('Russia's strike on Kharkiv killed three
        civilians'); a state's forces keep theirs where the article gave them one, but not
        one a namesake place abroad gave them (`namesake`: that place's country)."""
        if (
            namesake
            and country
            and m.rule in ("actors.generic.state", "actors.generic.police")
            and m.entry.country_code == namesake
        ):
            return replace(m, entry=self.registry.generic_entry(m.entry.kind, country))
        if country and m.rule == "actors.identity" and m.entry.country_code != country:
            return replace(m, entry=self.registry.relocalised(m.entry, country))
        if country and m.rule == "actors.registry":
            local = self.registry.branch_in(m.entry, country)  # 'Islamic State (Iraq)'
            return replace(m, entry=local) if local is not m.entry else m
        if (
            country
            and m.rule.startswith("actors.generic.")
            and (m.entry.kind in LOCAL_KINDS or m.entry.country_code is None)
            and m.entry.country_code != country
        ):
            return replace(m, entry=self.registry.generic_entry(m.entry.kind, country))
        return m

    def _teller_as_agent(self, trigger: Token, ms: list[ActorMention]) -> ActorEntry | None:
        """'The army said it killed 20 militants': the pronoun is the teller."""
        cur = trigger
        for _ in range(6):
            if cur.dep_ in ("ccomp", "xcomp") and cur.head.lemma_.lower() in self.report_verbs:
                for c in cur.head.children:
                    if c.dep_ == "nsubj":
                        m = mention_for(c, ms)
                        if m is not None and m.entry.kind not in NOT_ARMED_KINDS:
                            return m.entry
                return None
            if cur.head.i == cur.i:
                return None
            cur = cur.head
        return None

    def _claimant_near(
        self, doc: Doc, mentions: list[list[ActorMention]], i: int
    ) -> ActorEntry | None:
        """Who claims the attack, in its sentence or the two after ('A suicide bomber struck
        a checkpoint. Islamic State claimed responsibility for the blast.')."""
        for j in range(i, min(len(mentions), i + 3)):
            span = self._sentence(doc, j)
            got = self._claimant(span, mentions[j]) if span is not None else None
            if got is not None and not _unidentified(got):
                return got
        return None

    def _claimant(self, sent: Span, ms: list[ActorMention]) -> ActorEntry | None:
        doc = sent.doc
        p, lemma = doc_parse(doc), doc_tokens(doc).lemma
        for k in range(sent.start, sent.end):
            if lemma[k] in self.report_verbs and self._claims_responsibility_at(p, lemma, k):
                for c in p.children[k]:
                    if p.dep[c] == "nsubj":
                        m = mention_for(doc[c], ms)
                        if m is not None:
                            return m.entry
        return self._blamed(sent, ms)

    def _blamed(self, sent: Span, ms: list[ActorMention]) -> ActorEntry | None:
        """Who the text holds responsible: 'the attack was carried out by X', 'X are (believed
        to be) responsible', 'blamed on X', 'blamed X for', 'attributed to X'."""
        if not ms:
            return None  # no actor named: most sentences, read no further
        doc = sent.doc
        p, t = doc_parse(doc), doc_tokens(doc)
        lemma, lower, dep, kids = t.lemma, t.lower, p.dep, p.children

        def pobj_of(k: int, preps: tuple[str, ...]) -> list[int]:
            return [g for c in kids[k] if dep[c] in ("prep", "agent") and lower[c] in preps
                    for g in kids[c] if dep[g] == "pobj"]  # fmt: skip

        found: list[int] = []
        for k in range(sent.start, sent.end):
            lk = lemma[k]
            if lk == "carry" and any(dep[c] == "nsubjpass" and lemma[c] in self.responsibility
                                     for c in kids[k]):  # fmt: skip
                found += pobj_of(k, ("by",))  # 'the attack was carried out by X'
            elif lk in self.perpetration_verbs and any(
                dep[c] == "nsubjpass" and (lemma[c] in self.devices or lemma[c] in
                                           self.responsibility) for c in kids[k]
            ):  # fmt: skip
                found += pobj_of(k, ("by",))  # 'the mine was likely planted by X'
            elif lk == "responsible" and dep[k] == "acomp":
                head = p.head[k]  # 'X are responsible', 'X is believed to be responsible'
                while dep[head] == "xcomp" and not any(dep[c] == "nsubj" for c in kids[head]):
                    head = p.head[head]
                found += [c for c in kids[head] if dep[c] in ("nsubj", "nsubjpass")]
            elif lk == "blame":
                found += pobj_of(k, ("on",))  # 'blamed on X'
                for c in kids[k]:
                    if dep[c] == "dobj":  # 'blamed the attack on X', 'blamed X for it'
                        on = pobj_of(c, ("on",))
                        found += on or ([c] if lemma[c] not in self.responsibility else [])
            elif lk == "attribute":
                found += pobj_of(k, ("to",))  # 'attributed to X'
        for c in found:
            m = mention_for(doc[c], ms)
            if m is not None and m.entry.kind not in ("civilians", "protesters"):
                either = self._either(doc, m, ms)  # 'planted by JNIM and/or ISGS militants'
                return self.registry.joint_entry(*either) if either else m.entry
        return None

    def context_actor(
        self,
        doc: Doc,
        mentions: list[list[ActorMention]],
        i: int,
        exclude: str | None = None,
        country: str | None = None,
        named_only: bool = False,
    ) -> ActorEntry | None:
        """The last armed actor named in the two sentences before ('they shelled ...'), not
        one that only told of it or suffered it; a demonym on a weapon or strike counts
        ('an Israeli drone fired on ...'). `named_only`: a group by name, not 'gunmen'."""
        for j in range(i - 1, max(-1, i - 3), -1):
            span = self._sentence(doc, j)
            if span is None:
                continue
            sources = self.sources(span) | _heading(span)
            found: list[tuple[int, ActorEntry]] = [
                (m.start, self._localised(m, country).entry)
                for m in mentions[j]
                if m.entry.inter in ARMED_INTERS
                and m.entry.kind != "party"
                and m.entry.name != exclude
                and not _inside(m, sources)
                and not self.is_victim(doc[m.end - 1])
                and not _target(doc[m.end - 1])
                and (not named_only or _named(m))
            ]
            if not named_only:
                covered = {k for m in mentions[j] for k in range(m.start, m.end)}
                lower = doc_tokens(doc).lower
                demonyms = self.registry.demonyms
                for k in range(span.start, span.end):
                    if lower[k] not in demonyms or k in covered or k in sources:
                        continue  # most words are no demonym: no token object for them
                    tok = doc[k]
                    if tok.dep_ not in ("amod", "compound"):
                        continue
                    e = self.registry.demonym_entry(tok)
                    if e is not None and tok.head.pos_ == "NOUN" and e.name != exclude:
                        found.append((tok.i, e))  # 'an Israeli drone', 'Turkish strikes'
            if found:
                return min(found, key=lambda f: f[0])[1]  # the first: its agent, as a rule
        return None

    def _sentence(self, doc: Doc, j: int) -> Span | None:
        """Sentence j of the article (the coder's numbering), listed once per article."""
        if self._sents_memo[0] is not doc:
            self._sents_memo = (doc, list(doc.sents))
        sents = self._sents_memo[1]
        return sents[j] if 0 <= j < len(sents) else None


def mention_for(
    tok: Token, ms: Sequence[ActorMention], exclude: set[int] | None = None
) -> ActorMention | None:
    """The mention a token stands in, else the first inside its phrase (not a teller's)."""
    for m in ms:
        if m.covers(tok):
            return m
    sub = _phrase_ids(tok)
    inside = [m for m in ms if m.start in sub and not (exclude and m.start in exclude)]
    return inside[0] if inside else None


def _phrase_ids(tok: Token) -> set[int]:
    """The token's phrase without its target, place or clause ('an attack by X on Y').
    Walked on the cached parse lists: a Token per child made for each visit grew the
    garbage collector's passes with the article's length."""
    doc = tok.doc
    p, lower = doc_parse(doc), doc_tokens(doc).lower
    dep, kids = p.dep, p.children
    out, stack = {tok.i}, list(kids[tok.i])
    while stack:
        t = stack.pop()
        if dep[t] in ("relcl", "acl", "advcl", "ccomp", "appos") or (
            dep[t] == "prep" and lower[t] in PHRASE_CUT_PREPS
        ):
            continue
        out.add(t)
        stack.extend(kids[t])
    return out


def _target(tok: Token) -> bool:
    """Inside what was hit ('hit an SDF checkpoint', 'killed members of the SDF')."""
    h = tok
    for _ in range(6):
        if h.dep_ in ("compound", "amod", "poss", "nmod"):
            h = h.head
        elif h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.pos_ in PARTITIVE_HEADS:
            h = h.head.head
        else:
            break
    if h.dep_ in ("dobj", "obj", "nsubjpass"):
        return True
    return h.dep_ == "pobj" and h.head.lower_ in TARGET_PREPS


def _heading(sent: Span) -> set[int]:
    """Token ids of a label that opens the sentence ('Clashes in the east: ...', 'Security
    forces on alert: ...'): a few words without a finite verb before a colon. Who it names is
    no actor."""
    doc = sent.doc
    lower, tag = doc_tokens(doc).lower, doc_parse(doc).tag  # lists: no Token per word
    for k in range(sent.start, min(sent.end, sent.start + 8)):
        if lower[k] == ":":
            return set(range(sent.start, k))
        if tag[k] in FINITE_TAGS:  # 'The army said: ...' is a clause, not a label
            break
    return set()


def _across_colon(agent: Token, trigger: Token) -> bool:
    """'Clashes in the east: troops shelled ...': words before a heading's colon are a label,
    not the subject of the clause after it (a parser may join them)."""
    if trigger.i - agent.i < 2:
        return False
    lower = doc_tokens(agent.doc).lower
    return any(lower[k] == ":" for k in range(agent.i + 1, trigger.i))


def _generic_armed(e: ActorEntry | None) -> bool:
    """'Unidentified Armed Group (<Country>)', ACLED's unknown perpetrator."""
    return e is not None and e.kind == "armed" and e.id.startswith("gen:armed:")


def _unidentified(a: ActorMention | ActorEntry) -> bool:
    e = a.entry if isinstance(a, ActorMention) else a
    return e.kind == "armed" or e.id.startswith("idm:Unidentified|")


def _entry_kind(a: ActorMention | ActorEntry) -> str | None:
    return (a.entry if isinstance(a, ActorMention) else a).kind


def _named(m: ActorMention) -> bool:
    """A group the text names ('ADF', 'Dir clan militia'), not a kind of people ('gunmen')."""
    return m.rule in ("actors.registry", "actors.identity") and not _unidentified(m)


def _inside(m: ActorMention, ids: set[int]) -> bool:
    return m.start in ids


def _name(a: ActorMention | ActorEntry | None) -> str | None:
    if a is None:
        return None
    return a.entry.name if isinstance(a, ActorMention) else a.name
