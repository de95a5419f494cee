"""The trigger lexicon: finds the words that make a sentence report an ACLED event.

Patterns and role words are data (data/events/triggers.toml, roles.toml); this module only
compiles and matches them on the spaCy tokens of a sentence, and checks the role constraints
(who did what to whom) through the dependency parse, with a word-window fallback for the
many wire sentences the small parser gets wrong.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources

from spacy.tokens import Doc, Span, Token

from frontwire.events.doctokens import DocParse, conjuncts, doc_parse, doc_tokens
from frontwire.text.context import doc_text

GAP = 4  # a "~" in a pattern skips up to this many units
OBJECT_WINDOW = 8  # fallback: the object is the next role word within this many units
ROLE_PRIORITY = ("foreign", "armed", "protester", "air", "state", "civilian", "detained", "weapon")
# Names and dates are never triggers ("March" the month, "Air Force One", a person "Strike").
SKIP_ENTS = {"DATE", "TIME", "PERSON", "GPE"}
TIMEX_ENTS = ("DATE", "TIME")  # nor role words ("March")
PLACE = "@place"  # pattern token: a place name (a GPE, LOC or FAC entity)
PLACE_ENTS = {"GPE", "LOC", "FAC"}
OBJECT_DEPS = {"dobj", "obj", "nsubjpass", "attr", "dative", "oprd"}
SUBJECT_DEPS = {"nsubj", "csubj"}
NAMED_ACTOR = "named"  # `_roles_around`: the subject is a name no role list knows
NAMED_ACTOR_ROLES = frozenset({"state", "armed"})
TERRITORY = {
    "town",
    "city",
    "village",
    "area",
    "base",
    "position",
    "territory",
    "district",
    "region",
    "hill",
    "port",
    "airport",
    "camp",
    "stronghold",
    "checkpoint",
    "post",
    "neighbourhood",
    "neighborhood",
    "province",
    "county",
    "crossing",
    "bridge",
    "road",
    "highway",
    "oilfield",
}
CUSTODY_VERBS = {"capture", "arrest", "detain", "handcuff"}
FORMER = {"former", "ex", "ex-", "retired", "demobilised", "demobilized"}
OBJECT_PREPS = {"on", "at", "against", "upon", "into", "in", "toward", "towards"}


def _data(name: str) -> dict:
    path = resources.files("frontwire.data") / "events" / name
    return tomllib.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class PatternToken:
    alts: frozenset[str]  # matched on lemma or word form
    exact: frozenset[str] = frozenset()  # "=word": matched on the word form only
    optional: bool = False
    gap: bool = False


@dataclass(frozen=True)
class Trigger:
    id: str
    sub: str
    weight: float
    patterns: tuple[tuple[PatternToken, ...], ...]
    texts: tuple[str, ...]
    object: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()
    with_: frozenset[str] = frozenset()
    without: frozenset[str] = frozenset()
    object_not: frozenset[str] = frozenset()  # the object exists and has none of these roles
    negative: bool = False  # the pattern itself says "not": modality's negation check skips it
    blocks: frozenset[str] = frozenset()  # overlapping hits of these triggers are dropped
    mutes: frozenset[str] = frozenset()  # hits of these triggers anywhere are dropped
    # the type it is coded as when it decides a sentence that tells no other change of hands
    # ('troops withdrew from the town' and nobody is said to move in), and the flag the event
    # keeps so the frame stage can join it to a takeover told later
    alone: str | None = None
    flag: str | None = None
    # the pattern reads the circumstances an 'after ...' clause tells ('after the troops fled'):
    # that clause is what it is about, so it is not discounted as the news's background
    context: bool = False
    # it only qualifies a hit of one of these types told in the same sentence (a takeover
    # 'after the troops fled'); with none of them it is dropped
    needs: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()  # words (lemma or form) that anywhere rule it out


@dataclass(slots=True)
class Unit:
    """A word as the lexicon sees it: hyphenated compounds ('gang-raped') are one unit."""

    lower: str
    lemma: str
    doc: Doc
    start: int  # its tokens are doc[start:end]
    end: int
    skip: bool = False  # inside a name or date: never a trigger word
    timex: bool = False  # inside a date or time: never a role word either ("March")
    role: str | None = None

    # Token objects are made on demand: most words are never looked at through the parse.
    @property
    def tokens(self) -> list[Token]:
        doc = self.doc
        return [doc[k] for k in range(self.start, self.end)]

    @property
    def head(self) -> Token:
        return self.doc[self.end - 1]


@dataclass
class Hit:
    trigger: Trigger
    pattern: str
    start: int  # unit index
    end: int  # unit index, exclusive
    start_char: int
    end_char: int
    text: str
    factor: float = 1.0  # < 1 when the trigger sits in a future, intended or negated clause
    tokens: list[Token] = field(default_factory=list)
    # modality's verdict on these tokens, kept by the classifier so the coder need not redo it
    blocked: str | None = None
    blocked_checked: bool = False

    @property
    def sub(self) -> str:
        return self.trigger.sub

    @property
    def weight(self) -> float:
        return self.trigger.weight * self.factor


@dataclass
class SentenceView:
    """The units of one span with their roles, computed once and shared by all triggers."""

    units: list[Unit]
    roles: set[str] = field(default_factory=set)
    token_unit: dict[int, int] = field(default_factory=dict)
    # what the parse says about a unit range's objects or subjects, whatever trigger asks
    role_memo: dict[tuple[str, int, int], tuple] = field(default_factory=dict)


def _named_agent(p: DocParse, ent: list[str], k: int) -> bool:
    """Token k is the subject of a verb and a proper name that is no person's ('the FARDC
    regained', 'M23 took'): an organisation or a country acting."""
    return p.pos[k] == "PROPN" and p.dep[k] in ("nsubj", "pobj") and ent[k] != "PERSON"


def _placelike(tok: Token) -> bool:
    """A place name: a GPE/LOC/FAC entity, or a proper noun the small NER missed."""
    return tok.ent_type_ in PLACE_ENTS or (tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON")


def _compile(pattern: str) -> tuple[PatternToken, ...]:
    out = []
    for raw in pattern.lower().split():
        if raw == "~":
            out.append(PatternToken(frozenset(), gap=True))
            continue
        optional = raw.endswith("?")
        alts = raw.rstrip("?").split("|")
        out.append(
            PatternToken(
                frozenset(a for a in alts if not a.startswith("=")),
                frozenset(a[1:] for a in alts if a.startswith("=")),
                optional=optional,
            )
        )
    return tuple(out)


def _units(span: Span) -> list[Unit]:
    doc = span.doc
    dt = doc_tokens(doc)
    text, ws, lower, lemma, ent = dt.text, dt.whitespace, dt.lower, dt.lemma, dt.ent_type
    i, end = span.start, span.end
    if "-" not in text[i:end]:
        # no hyphen token: one unit per token, and none is a bare hyphen (most sentences)
        return [
            Unit(lower[k], lemma[k], doc, k, k + 1, ent[k] in SKIP_ENTS, ent[k] in TIMEX_ENTS)
            for k in range(i, end)
        ]
    units: list[Unit] = []
    while i < end:
        j = i
        # glue "gang - raped" (no spaces) into one unit
        while j + 2 < end and text[j + 1] == "-" and not ws[j] and not ws[j + 1]:
            j += 2
        if j == i:  # one token, the common case
            word = text[i] != "-"
            e = ent[i]
            units.append(
                Unit(
                    lower[i] if word else "",
                    lemma[i] if word else "",
                    doc,
                    i,
                    i + 1,
                    e in SKIP_ENTS,
                    e in ("DATE", "TIME"),
                )
            )
        else:
            group = range(i, j + 1)
            words = [k for k in group if text[k] != "-"]
            units.append(
                Unit(
                    "-".join(lower[k] for k in words),
                    "-".join(lemma[k] for k in words),
                    doc,
                    i,
                    j + 1,
                    all(ent[k] in SKIP_ENTS for k in group),
                    all(ent[k] in ("DATE", "TIME") for k in group),
                )
            )
        i = j + 1
    return units


def _word_matches(u: Unit, pt: PatternToken) -> bool:
    return not u.skip and (u.lower in pt.alts or u.lemma in pt.alts or u.lower in pt.exact)


def _match_from(units: list[Unit], pat: tuple[PatternToken, ...], pi: int, ui: int) -> int | None:
    """End unit index of pat[pi:] matched from unit ui, or None (backtracking over gaps and
    optional words). A module function, not a closure: a recursive closure is a reference
    cycle that only the garbage collector frees, one per call."""
    if pi == len(pat):
        return ui
    pt = pat[pi]
    if pt.gap:
        nxt = pat[pi + 1] if pi + 1 < len(pat) else None
        plain_next = nxt is not None and not (nxt.gap or nxt.optional or PLACE in nxt.alts)
        for skip in range(GAP + 1):
            k = ui + skip
            # a plain word after the gap must be there: test it before recursing
            if plain_next and not (k < len(units) and _word_matches(units[k], nxt)):
                continue
            r = _match_from(units, pat, pi + 1, k)
            if r is not None:
                return r
        return None
    u = units[ui] if ui < len(units) else None
    if u is not None and (_word_matches(u, pt) or (PLACE in pt.alts and _placelike(u.head))):
        r = _match_from(units, pat, pi + 1, ui + 1)
        if r is not None:
            return r
    if pt.optional:
        return _match_from(units, pat, pi + 1, ui)
    return None


class Lexicon:
    """Compiled triggers and role words; `view()` then `match()` per sentence."""

    def __init__(self, triggers: list[Trigger], roles: dict[str, list[str]]) -> None:
        self.triggers = triggers
        self.by_id = {t.id: t for t in triggers}
        # trigger patterns by their first word; `plain`: no gap or optional word, matched
        # word by word without backtracking
        # `needs`, for the other patterns: the words each of their later fixed tokens may be
        # (a sentence that has none of one token's words cannot match, wherever gaps fall)
        self._first: dict[str, list[tuple[Trigger, int, bool, tuple[frozenset[str], ...]]]] = {}
        for trig in triggers:
            for k, pat in enumerate(trig.patterns):
                plain = not any(pt.gap or pt.optional for pt in pat)
                needs = tuple(
                    pt.alts | pt.exact
                    for pt in pat[1:]
                    if not (pt.gap or pt.optional or PLACE in pt.alts)
                )
                for word in pat[0].alts | pat[0].exact:
                    self._first.setdefault(word, []).append((trig, k, plain, needs))
        # role words: single words by set, multiword as token tuples (longest first)
        self._role_word: dict[str, str] = {}
        self._role_multi: list[tuple[tuple[str, ...], str]] = []
        for role in reversed(ROLE_PRIORITY):  # higher priority overwrites lower
            for w in roles.get(role, []):
                parts = tuple(w.lower().replace("'s ", " 's ").split())  # spaCy splits 's
                if len(parts) == 1:
                    self._role_word[parts[0]] = role
                else:
                    self._role_multi.append((parts, role))
        self._role_multi.sort(key=lambda x: -len(x[0]))
        self._role_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for parts, role in self._role_multi:
            self._role_first.setdefault(parts[0], []).append((parts, role))

    @classmethod
    def load(cls) -> Lexicon:
        data = _data("triggers.toml")
        roles = {k: v for k, v in _data("roles.toml").items() if isinstance(v, list)}
        triggers = [
            Trigger(
                id=t["id"],
                sub=t["sub"],
                weight=float(t.get("weight", 1.0)),
                patterns=tuple(_compile(p) for p in t["patterns"]),
                texts=tuple(t["patterns"]),
                object=frozenset(t.get("object", [])),
                subject=frozenset(t.get("subject", [])),
                with_=frozenset(t.get("with", [])),
                without=frozenset(t.get("without", [])),
                object_not=frozenset(t.get("object_not", [])),
                negative=bool(t.get("negative", False)),
                blocks=frozenset(t.get("blocks", [])),
                mutes=frozenset(t.get("mutes", [])),
                alone=t.get("alone"),
                flag=t.get("flag"),
                context=bool(t.get("context", False)),
                needs=frozenset(t.get("needs", [])),
                unless=frozenset(t.get("unless", [])),
            )
            for t in data["trigger"]
        ]
        return cls(triggers, roles)

    # ------------------------------------------------------------------ roles
    def view(self, span: Span) -> SentenceView:
        units = _units(span)
        if len(units) == span.end - span.start:  # one unit per token
            token_unit = {k: k - span.start for k in range(span.start, span.end)}
        else:
            token_unit = {}
            for ui, u in enumerate(units):
                for k in range(u.start, u.end):
                    token_unit[k] = ui
        view = SentenceView(units, token_unit=token_unit)
        role_first, role_word = self._role_first, self._role_word
        i = 0
        n_units = len(units)
        while i < n_units:
            u = units[i]
            multi = role_first.get(u.lower)
            if multi is not None:
                done = False
                for parts, role in multi:
                    n = len(parts)
                    window = units[i : i + n]
                    if tuple(x.lower for x in window) == parts and not any(
                        x.timex for x in window
                    ):
                        for w in window:
                            w.role = role
                        i += n
                        done = True
                        break
                if done:
                    continue
            if not u.timex:
                u.role = role_word.get(u.lower) or role_word.get(u.lemma)
            i += 1
        for k, u in enumerate(units):
            # "a captured fighter", "whom they had arrested": a person in custody (not
            # "captured the town")
            if (
                u.role is None
                and u.lemma in CUSTODY_VERBS
                and u.head.tag_ in ("VBN", "VBD", "JJ")
                and not any(
                    c.dep_ == "dobj"
                    and (c.lemma_.lower() in TERRITORY or c.ent_type_ in PLACE_ENTS)
                    for c in u.head.children
                )
            ):
                u.role = "detained"
            # "former separatists", "ex-combatants" are civilians in ACLED's coding
            if u.role == "armed" and any(
                w.lower in FORMER or w.lower.startswith("ex-") for w in units[max(0, k - 2) : k]
            ):
                u.role = "civilian"
        view.roles = {u.role for u in units if u.role}
        return view

    def _token_role(self, view: SentenceView, p: DocParse, k: int) -> str | None:
        """Role of a noun phrase headed by token k: its modifiers count ('rebel forces')."""
        found = []
        for t in [k, *[c for c in p.children[k] if p.dep[c] in ("compound", "amod", "poss")]]:
            ui = view.token_unit.get(t)
            if ui is not None and view.units[ui].role:
                found.append(view.units[ui].role)
        for role in ROLE_PRIORITY:
            if role in found:
                return role
        return None

    # objects() and subjects() walk the parse as lists (doctokens.doc_parse): spaCy makes a
    # Token object for every child and head visited, and they run for most triggers.
    def objects(self, tok: Token) -> list[Token]:
        doc = tok.doc
        return [doc[k] for k in self._object_ids(doc_parse(doc), doc_tokens(doc).lower, tok.i)]

    def subjects(self, tok: Token) -> list[Token]:
        doc = tok.doc
        return [doc[k] for k in self._subject_ids(doc_parse(doc), tok.i)]

    @staticmethod
    def _object_ids(p: DocParse, lower: list[str], k: int) -> list[int]:
        dep = p.dep
        out: list[int] = []
        for c in p.children[k]:
            if dep[c] in OBJECT_DEPS:
                out.append(c)
            elif dep[c] == "prep" and lower[c] in OBJECT_PREPS:
                out.extend(g for g in p.children[c] if dep[g] == "pobj")
            # a "prt" ("opened fire on"): the particle's sibling prep is the object's
        if dep[k] in ("acl", "relcl") and p.tag[k] == "VBN":  # "civilians killed by ..."
            out.append(p.head[k])
        for o in list(out):
            out.extend(conjuncts(p, o))
        return out

    def _subject_ids(self, p: DocParse, k: int) -> list[int]:
        dep, children = p.dep, p.children[k]
        out = [c for c in children if dep[c] in SUBJECT_DEPS]
        for c in children:
            if dep[c] == "agent":
                out.extend(g for g in p.children[c] if dep[g] == "pobj")
        if p.pos[k] == "NOUN":
            out.extend(c for c in children if dep[c] in ("compound", "amod", "poss"))
        if not out and dep[k] in ("xcomp", "conj", "advcl"):
            return self._subject_ids(p, p.head[k])
        if not out and dep[k] == "pcomp":
            return self._subject_ids(p, p.head[p.head[k]])  # "dealt a blow ... by recapturing"
        return out

    def _object_not(self, view: SentenceView, start: int, end: int, roles: frozenset[str]) -> bool:
        """The trigger (units [start, end)) has a syntactic object and none of the objects has
        these roles ('shot a herbalist': a person the role lists do not know, not a fighter)."""
        key = ("object_not", start, end)
        got = view.role_memo.get(key)
        if got is None:
            doc = view.units[0].doc
            p, lower = doc_parse(doc), doc_tokens(doc).lower
            objs = [
                o
                for u in view.units[start:end]
                for o in self._object_ids(p, lower, u.end - 1)
            ]
            objs = [o for o in objs if p.pos[o] in ("NOUN", "PROPN", "PRON")]
            roles_found = {self._token_role(view, p, o) for o in objs}
            got = view.role_memo[key] = (bool(objs), roles_found)
        has_objects, found = got
        if not has_objects:
            return False
        return not (found & roles)

    def _role_ok(
        self, view: SentenceView, start: int, end: int, roles: frozenset[str], which: str
    ) -> bool:
        syn, noun_subject, nearest = self._roles_around(view, start, end, which)
        if syn:
            return bool(syn & roles)
        if noun_subject:
            return False  # "evacuation buses left the town": a subject, and not an actor
        if nearest == NAMED_ACTOR:
            # the agent is a name no role list knows ('the FARDC', 'M23'): an organised armed
            # actor of either side; which side is the actor registry's call (taxonomy's actor
            # rules), never the role word of another clause that happens to stand nearer
            return bool(roles & NAMED_ACTOR_ROLES)
        return nearest is not None and nearest in roles

    def _roles_around(
        self, view: SentenceView, start: int, end: int, which: str
    ) -> tuple[set[str], bool, str | None]:
        """For the objects or subjects of the trigger at units [start, end): the roles the
        parse gives them, whether a plain noun is the subject, and the fallback (the nearest
        role word to the right for an object, to the left for a subject); kept on the view,
        as many triggers ask."""
        key = (which, start, end)
        got = view.role_memo.get(key)
        if got is not None:
            return got
        doc = view.units[0].doc
        p, lower = doc_parse(doc), doc_tokens(doc).lower
        heads = [u.end - 1 for u in view.units[start:end]]
        toks: list[int] = []
        for h in heads:
            toks += self._object_ids(p, lower, h) if which == "object" else self._subject_ids(p, h)
        syn = {self._token_role(view, p, t) for t in toks} - {None}
        noun_subject = which == "subject" and any(
            p.pos[t] == "NOUN" and p.dep[t] == "nsubj" for t in toks
        )
        rng = (
            range(end, min(len(view.units), end + OBJECT_WINDOW))
            if which == "object"
            else range(start - 1, max(-1, start - 10), -1)
        )
        ents = doc_tokens(doc).ent_type
        if which == "subject" and not syn and any(_named_agent(p, ents, t) for t in toks):
            nearest: str | None = NAMED_ACTOR
        else:
            nearest = next((view.units[k].role for k in rng if view.units[k].role), None)
        got = view.role_memo[key] = (syn, noun_subject, nearest)
        return got

    # ---------------------------------------------------------------- matching
    @staticmethod
    def _match_plain(units: list[Unit], i: int, pat: tuple[PatternToken, ...]) -> int | None:
        """`_match_at` for a pattern without gaps or optional words."""
        end = i + len(pat)
        if end > len(units):
            return None
        k = i
        for pt in pat:
            u = units[k]
            if not (
                (not u.skip and (u.lower in pt.alts or u.lemma in pt.alts or u.lower in pt.exact))
                or (PLACE in pt.alts and _placelike(u.head))
            ):
                return None
            k += 1
        return end

    def _match_at(self, units: list[Unit], i: int, pat: tuple[PatternToken, ...]) -> int | None:
        """End unit index of `pat` matched from unit i, or None."""
        return _match_from(units, pat, 0, i)

    def match(self, view: SentenceView) -> list[Hit]:
        units = view.units
        if not units:
            return []
        doc = units[0].doc
        dt, text = doc_tokens(doc), doc_text(doc)
        hits: list[Hit] = []
        first, roles = self._first, view.roles
        match_plain, match_at = self._match_plain, self._match_at
        words: set[str] | None = None  # the sentence's matchable words, made when first asked
        for i, u in enumerate(units):
            if u.skip:
                continue
            cands = first.get(u.lower, ())
            if u.lemma != u.lower and u.lemma in first:
                cands = [*cands, *first[u.lemma]]
            if not cands:
                continue
            seen: set[str] = set()  # triggers already hit at this unit
            for trig, k, plain, needs in cands:
                if trig.id in seen:
                    continue
                # the sentence's roles alone can rule the trigger out: no need to match it
                if (trig.with_ and roles.isdisjoint(trig.with_)) or (
                    trig.without and not roles.isdisjoint(trig.without)
                ):
                    continue
                if trig.unless:
                    if words is None:
                        words = {w for x in units if not x.skip for w in (x.lower, x.lemma)}
                    if not words.isdisjoint(trig.unless):
                        continue
                pat = trig.patterns[k]
                if plain:
                    end = match_plain(units, i, pat)
                else:
                    if words is None:
                        words = {w for x in units if not x.skip for w in (x.lower, x.lemma)}
                    if any(words.isdisjoint(alts) for alts in needs):
                        continue  # a word the pattern needs is not in the sentence
                    end = match_at(units, i, pat)
                if end is None or not self._parse_constraints_ok(view, trig, i, end):
                    continue  # the Hit is made only for what passes (most fail)
                a, b = units[i].start, units[end - 1].end  # token range
                start_char, end_char = dt.idx[a], dt.idx[b - 1] + len(dt.text[b - 1])
                hit = Hit(
                    trig,
                    trig.texts[k],
                    i,
                    end,
                    start_char,
                    end_char,
                    text[start_char:end_char],
                )
                hit.tokens = [doc[t] for t in range(a, b)]
                seen.add(trig.id)
                hits.append(hit)
        return self._apply_blocks(hits)

    def _constraints_ok(self, view: SentenceView, hit: Hit) -> bool:
        t = hit.trigger
        if t.with_ and not (view.roles & t.with_):
            return False
        if t.without and view.roles & t.without:
            return False
        return self._parse_constraints_ok(view, t, hit.start, hit.end)

    def _parse_constraints_ok(self, view: SentenceView, t: Trigger, start: int, end: int) -> bool:
        """The object, object_not and subject constraints of trigger t at units [start, end)."""
        if t.object and not self._role_ok(view, start, end, t.object, "object"):
            return False
        if t.object_not and not self._object_not(view, start, end, t.object_not):
            return False
        return not (t.subject and not self._role_ok(view, start, end, t.subject, "subject"))

    @staticmethod
    def _apply_blocks(hits: list[Hit]) -> list[Hit]:
        muted = {m for h in hits for m in h.trigger.mutes}
        hits = [h for h in hits if h.trigger.id not in muted]
        told = {h.sub for h in hits}
        hits = [h for h in hits if not h.trigger.needs or h.trigger.needs & told]
        blockers = [h for h in hits if h.trigger.blocks]
        if not blockers:
            return hits
        out = []
        for h in hits:
            if any(
                h.trigger.id in b.trigger.blocks and h.start < b.end and b.start < h.end
                for b in blockers
            ):
                continue
            out.append(h)
        return out
