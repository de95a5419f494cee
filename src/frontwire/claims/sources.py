"""Source registry: who a source phrase names, what kind of source it is, whose side.

Registry entries (canonical name, aliases, kind, side) are data. A phrase that names no
entry is kept as written, with its kind guessed from its head noun and its side from the
words in it ('a deputy commander of the National Guard' -> military, Ukraine).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Span, Token
from unidecode import unidecode

from frontwire.claims.lexicon import Lexicons, load_lexicons


@dataclass(frozen=True)
class Resolved:
    name: str
    kind: str
    side: str
    person: bool
    known: bool  # found in the registry
    generic: bool = False  # an unqualified institution ('the defence ministry')


@dataclass(frozen=True)
class _Entry:
    name: str
    kind: str
    side: str
    person: bool


def _words(span: Span) -> list[tuple[str, Token]]:
    """Words of a span with the token that heads each; "Ukraine" + "'s" glue to one word."""
    out: list[tuple[str, Token]] = []
    for tok in span:
        if tok.is_punct and tok.text not in ("'s", "\u2019s"):
            continue
        if out and tok.text.lower() in ("'s", "\u2019s"):
            word, head = out[-1]
            out[-1] = (word + "'s", head)
            continue
        out.append((tok.text, tok))
    return out


_LOOKUP_CACHE_MAX = 50_000


class SourceRegistry:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        data = lex.sources
        self.spelling: dict[str, str] = data["spelling"]
        self._lookup_cache: dict[str, _Entry | None] = {}
        self._fold_cache: dict[str, str] = {}
        self.aliases: list[tuple[list[str], _Entry]] = []
        self.generic: dict[tuple[str, str], _Entry] = {}
        for item in data["sources"]:
            entry = _Entry(item["name"], item["kind"], item["side"], bool(item.get("person")))
            for alias in {item["name"], *item["aliases"]}:
                words = self._fold_words(alias.split())
                if words and words[0] == "the":
                    words = words[1:]
                self.aliases.append((words, entry))
            for phrase in item.get("generic", []):
                self.generic[(phrase, entry.side)] = entry
        self.aliases.sort(key=lambda a: -len(a[0]))
        # Aliases by first word, so a sentence is scanned once, not once per alias.
        self.alias_order = {id(alias): n for n, (alias, _) in enumerate(self.aliases)}
        self.by_first_word: dict[str, list[tuple[list[str], _Entry]]] = {}
        for alias, entry in self.aliases:
            if alias:
                self.by_first_word.setdefault(alias[0], []).append((alias, entry))
        self.heads: dict[str, str] = {}
        for kind, words in data["heads"].items():
            if kind.startswith("_"):
                continue
            for w in words:
                self.heads.setdefault(w, kind)
        self.role_heads = set(data["role_heads"])
        self.person_heads = set(data["person_heads"])
        self.unnamed = [m.lower() for m in data["unnamed_markers"]]
        self.side_markers = {k: v for k, v in data["side_markers"].items() if not k.startswith("_")}
        self.belligerents = set(data["belligerent_sides"])

    def fold_word(self, word: str) -> str:
        """The word transliterated, lowercased and respelled (memoised: unidecode is slow)."""
        cache = self._fold_cache
        got = cache.get(word)
        if got is None:
            if len(cache) >= _LOOKUP_CACHE_MAX:
                cache.clear()
            got = cache[word] = self._fold_word(word)
        return got

    def _fold_word(self, word: str) -> str:
        w = unidecode(word).lower().replace("\u2019", "'").strip(".,;:()\"")
        return self.spelling.get(w, w)

    def _fold_words(self, words: list[str]) -> list[str]:
        return [f for f in (self.fold_word(w) for w in words) if f]

    def side_of_words(self, words: list[str]) -> str | None:
        """The first side named by any of the (folded) words."""
        for w in words:
            side = self.side_markers.get(w)
            if side is None and w.startswith("pro-"):
                side = self.side_markers.get(w)
            if side:
                return side
        return None

    def find_entries(self, words: list[str]) -> list[tuple[int, int, _Entry]]:
        """Registry aliases found in a folded word list: (start, end, entry), longest first."""
        found: list[tuple[int, int, _Entry]] = []
        taken: set[int] = set()
        first_at: dict[int, tuple[int, list[str], _Entry]] = {}  # alias order -> first match
        for i, word in enumerate(words):
            for alias, entry in self.by_first_word.get(word, ()):
                order = self.alias_order[id(alias)]
                if order not in first_at and words[i : i + len(alias)] == alias:
                    first_at[order] = (i, alias, entry)
        for _order, (i, alias, entry) in sorted(first_at.items()):
            if taken.intersection(range(i, i + len(alias))):
                continue
            found.append((i, i + len(alias), entry))
            taken.update(range(i, i + len(alias)))
        return found

    def lookup(self, text: str) -> _Entry | None:
        """The registry entry whose alias is exactly this phrase (folded), if any (memoised:
        the same names come back in every article, and the alias list is scanned whole)."""
        cache = self._lookup_cache
        if text in cache:
            return cache[text]
        if len(cache) >= _LOOKUP_CACHE_MAX:  # a long-running process meets new names forever
            cache.clear()
        found = cache[text] = self._lookup(text)
        return found

    def _lookup(self, text: str) -> _Entry | None:
        words = self._fold_words(text.split())
        if words and words[0] == "the":
            words = words[1:]
        for alias, entry in self.aliases:
            if alias == words:
                return entry
        return None

    def resolve(self, span: Span, head: Token, context_side: str | None = None) -> Resolved:
        return self.resolve_noting_side(span, head, context_side)[0]

    def resolve_noting_side(
        self, span: Span, head: Token, context_side: str | None = None
    ) -> tuple[Resolved, bool]:
        """`resolve`, and whether the answer is the same whatever the article's side (a
        registry alias, or words that name their own side): the claims extractor then need
        not resolve the source a second time once it knows that side."""
        pairs = _words(span)
        words = self._fold_words([w for w, _ in pairs])
        toks = [t for w, t in pairs if self.fold_word(w)]
        head_idx = next((i for i, t in enumerate(toks) if t.i == head.i), None)
        entries = self.find_entries(words)
        # An alias that covers the head word names the source itself.
        for start, end, entry in entries:
            if head_idx is None or start <= head_idx < end:
                return Resolved(entry.name, entry.kind, entry.side, entry.person, True), True
        head_word = self.fold_word(head.lemma_ if head.pos_ == "NOUN" else head.text)
        lowered = " ".join(words)
        marker_side = self.side_of_words(words)
        # An unqualified institution: 'the defence ministry', 'the army'.
        core = [w for w in words if w not in ("the", "a", "an") and w not in self.side_markers]
        core_text = " ".join(core)
        side = marker_side or context_side
        sideless = marker_side is not None  # the context's side is never read
        if side and (core_text, side) in self.generic and not entries:
            entry = self.generic[(core_text, side)]
            generic = Resolved(entry.name, entry.kind, entry.side, False, True, marker_side is None)
            return generic, sideless
        embedded = entries[0][2] if entries else None
        if embedded is None and side:
            # 'a spokesman for the General Staff': the institution of the article's side
            for (phrase, gside), entry in self.generic.items():
                if gside == side and phrase in lowered and len(phrase.split()) > 1:
                    embedded = entry
                    break
        kind = self.heads.get(head_word) or self.heads.get(head.text.lower())
        if kind is None and head.pos_ == "PROPN":
            # 'Mykola Bondar, the commander of ...': the apposition says what the person is
            appos = next((c for c in head.children if c.dep_ == "appos"), None)
            role = appos if appos is not None else next(
                (c for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN"), None
            )
            if role is not None:
                kind = self.heads.get(self.fold_word(role.lemma_))
        if embedded and (head_word in self.role_heads or kind is None):
            kind = kind if kind in ("military",) else embedded.kind
        anonymous = any(m in lowered for m in self.unnamed)
        if anonymous and head_word in ("source", "official", "insider", "person"):
            kind = "unnamed"
        if kind is None and head_word in self.person_heads:
            kind = "official"  # 'a spokesman' with no institution named
        if kind is None:
            kind = "person" if head.ent_type_ == "PERSON" else "unnamed"
        side = marker_side or (embedded.side if embedded else None) or "none"
        person = head_word in self.person_heads or head.ent_type_ == "PERSON"
        name = span.text.strip()
        return Resolved(name, kind, side, person, False), sideless

    def dominant_side(self, sides: list[str]) -> str | None:
        """The belligerent side most sources of an article speak for, if one leads."""
        counts = Counter(s for s in sides if s in self.belligerents)
        if not counts:
            return None
        top = counts.most_common(2)
        if len(top) > 1 and top[0][1] == top[1][1]:
            return None
        return top[0][0]


def load_registry(lex: Lexicons | None = None) -> SourceRegistry:
    """A registry over `lex` (read afresh when not given); its owner keeps it."""
    return SourceRegistry(lex or load_lexicons())
