"""Attribution: find who says what in a parsed article.

Constructions: a reporting verb with its subject and a that-clause, quote, object or
infinitive ('X reported that ...', 'X denied the reports', '"...," X told Ukrainian radio',
'X described ... as futile', 'X vowed to ...'); 'according to X, ...'; a trailing source
('..., the ministry said'); 'Y quoted X as saying'; a claim noun ('Russia's claim that ...');
a speaker in a relative clause ('..., which Russia says it captured'); a quotation that
continues a quoted claim. Parser slips that recur in wire copy (a source hung on the clause
before, a that-clause hung on a noun, a sentence cut after 'said') are read through. The
output is positions only; the extractor resolves sources, stance and propositions.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from frontwire.claims.lexicon import Lexicons
from frontwire.claims.quotes import (
    Overlaps,
    enclosing_quote,
    find_quotes,
    quotes_ending,
    quotes_starting,
)
from frontwire.events.doctokens import doc_parse, doc_tokens
from frontwire.text.context import doc_text
from frontwire.text.dateline import dateline_end

_SUBJ = ("nsubj",)
_RELATIVE = {"which", "that", "who", "whom", "whose"}
_CLAUSE = ("ccomp", "parataxis")
_TRIM = set(" \n\t,;:.\"'\u201c\u201d\u2018\u2019-\u2014\u2013")


@dataclass
class Attribution:
    rule: str  # which construction found it
    cue: str  # the cue as written
    cue_lemma: str
    cue_start: int
    cue_end: int
    verb: Token | None
    source_tokens: list[Token] = field(default_factory=list)
    source_head: Token | None = None
    contents: list[tuple[int, int]] = field(default_factory=list)
    complement: tuple[int, int] | None = None  # 'as "futile"', 'propaganda'
    in_quote: bool = False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    # A coordinator left over from splitting 'that A and that B'.
    for word in (" and", " but", " or"):
        if text[start:end].endswith(word):
            end -= len(word)
            while end > start and text[end - 1] in _TRIM:
                end -= 1
    # Keep a quotation that closes the content whole: 'leave "sooner or later"'.
    inner = text[start:end]
    if end < len(text) and text[end] in "\u201d\"" and (
        inner.count("\u201c") > inner.count("\u201d") or inner.count('"') % 2 == 1
    ):
        end += 1
    return start, end


def _tidy_source(doc: Doc, toks: list[Token]) -> list[Token]:
    """Close a parenthesis the subtree left open ('the IOM (IOM'); drop a headline glued on
    before a colon ('Navalny case: Russia's foreign ministry')."""
    if not toks:
        return toks
    colon = [i for i, t in enumerate(toks) if t.text == ":"]
    if colon and colon[-1] + 1 < len(toks):
        toks = toks[colon[-1] + 1 :]
    opened = sum(t.text == "(" for t in toks) - sum(t.text == ")" for t in toks)
    nxt = toks[-1].i + 1
    if opened > 0 and nxt < len(doc) and doc[nxt].text == ")":
        toks = toks + [doc[nxt]]
    elif opened > 0:
        cut = max(i for i, t in enumerate(toks) if t.text == "(")
        toks = toks[:cut] if cut > 0 else toks
    return toks


@dataclass(frozen=True)
class _Breaks:
    """Where the text's lines and paragraphs break, for bisection: `str.rfind` from a cue
    back to its line start costs the whole text when it has no line breaks."""

    newlines: list[int]  # offsets of every '\n'
    paragraphs: list[int]  # offsets of every '\n\n', overlapping ones too (as str.find sees them)
    length: int

    def line_start(self, pos: int) -> int:
        """text.rfind('\\n', 0, pos) + 1."""
        k = bisect_left(self.newlines, pos) - 1
        return self.newlines[k] + 1 if k >= 0 else 0

    def paragraph(self, pos: int) -> tuple[int, int]:
        """The paragraph around `pos`: what a source says does not run into the next one."""
        k = bisect_right(self.paragraphs, pos - 2) - 1  # as text.rfind('\n\n', 0, pos)
        lo = self.paragraphs[k] + 2 if k >= 0 else 0
        k = bisect_left(self.paragraphs, pos)  # as text.find('\n\n', pos)
        hi = self.paragraphs[k] if k < len(self.paragraphs) else self.length
        return lo, hi


_BREAKS_KEY = "frontwire.claims.breaks"


def _breaks(doc: Doc) -> _Breaks:
    got = doc.user_data.get(_BREAKS_KEY)
    if got is None:
        text = doc_text(doc)
        got = doc.user_data[_BREAKS_KEY] = _Breaks(
            [m.start() for m in re.finditer("\n", text)],
            [m.start() for m in re.finditer("(?=\n\n)", text)],
            len(text),
        )
    return got


def _in_dateline(tok: Token) -> bool:
    """The token is part of a dateline opening its line."""
    return tok.idx < dateline_end(doc_text(tok.doc), _breaks(tok.doc).line_start(tok.idx))


def _span_of(tokens: list[Token]) -> tuple[int, int]:
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def _span_of_ids(doc: Doc, ids: list[int]) -> tuple[int, int]:
    """_span_of for token indices."""
    dt = doc_tokens(doc)
    return min(dt.idx[k] for k in ids), max(dt.idx[k] + len(dt.text[k]) for k in ids)


def _subtree_ids(doc: Doc, root: int, exclude: set[int] | None = None) -> list[int]:
    """Indices of the token's subtree in text order, an excluded token's own subtree left out;
    walked on the cached parse lists (Token.children makes a Token per child)."""
    exclude = exclude or set()
    children = doc_parse(doc).children
    out: list[int] = []
    stack = [root]
    while stack:
        k = stack.pop()
        if k in exclude:
            continue
        out.append(k)
        stack.extend(children[k])
    out.sort()
    return out


def _subtree(tok: Token, exclude: set[int] | None = None) -> list[Token]:
    doc = tok.doc
    return [tok if k == tok.i else doc[k] for k in _subtree_ids(doc, tok.i, exclude)]


class AttributionFinder:
    def __init__(self, lex: Lexicons) -> None:
        self.verbs: dict[str, dict] = lex.cues["verbs"]
        self.quote_verbs = set(lex.cues["quote_verbs"])
        self.not_sources = set(lex.cues["according_to_not"])
        self.speech_nouns = set(lex.cues["speech_nouns"])
        self.claim_nouns = set(lex.cues["claim_nouns"])

    def find(self, doc: Doc) -> list[Attribution]:
        text = doc_text(doc)
        quotes = find_quotes(text)
        found: list[Attribution] = []
        # the cached token strings: a Token object only for a cue word
        toks = doc_tokens(doc)
        lower, lemma, pos = toks.lower, toks.lemma, doc_parse(doc).pos
        n = len(lower)
        for sent in doc.sents:
            for k in range(sent.start, sent.end):
                att = None
                if lower[k] == "according" and k + 1 < n and lower[k + 1] == "to":
                    att = self._according(doc, sent, doc[k])
                elif pos[k] in ("VERB", "AUX") and lemma[k] in self.verbs:
                    att = self._verb(doc, sent, doc[k], quotes)
                elif pos[k] == "NOUN" and lemma[k] in self.claim_nouns:
                    att = self._noun(doc[k])
                if att is None or not att.contents:
                    continue
                lo, hi = _breaks(doc).paragraph(att.cue_start)
                clipped = [(max(s, lo), min(e, hi)) for s, e in att.contents]
                att.contents = [_trim(text, s, e) for s, e in clipped if s < hi and e > lo]
                att.contents = [(s, e) for s, e in att.contents if e - s >= 3]
                att.source_tokens = [t for t in att.source_tokens if lo <= t.idx < hi]
                while att.source_tokens and att.source_tokens[0].is_punct:
                    att.source_tokens = att.source_tokens[1:]
                while att.source_tokens and att.source_tokens[-1].is_punct:
                    att.source_tokens = att.source_tokens[:-1]
                att.source_tokens = _tidy_source(doc, att.source_tokens)
                if att.contents and att.source_tokens:
                    found.append(att)
        return found + self._continued_quotes(doc, found, quotes)

    def _continued_quotes(self, doc: Doc, found: list[Attribution], quotes) -> list[Attribution]:
        """'"A," she said. "B."': the second quotation, with no cue of its own, is hers too."""
        covered = Overlaps([(s, e) for a in found for s, e in a.contents])
        out: list[Attribution] = []
        for att in found:
            if not att.in_quote:
                continue
            sent_end = doc[att.verb.i].sent.end_char if att.verb is not None else att.cue_end
            # Only the first quotation after the sentence can follow it with nothing between:
            # the gap before any later one holds the first one's closing mark.
            for qs, qe in quotes_starting(quotes, sent_end + 1, len(doc_text(doc)))[:1]:
                gap = doc_text(doc)[sent_end : qs - 1]
                if gap.strip() or "\n\n" in gap:
                    continue
                if covered.any(qs, qe):
                    break
                s, e = _trim(doc_text(doc), qs, qe)
                out.append(Attribution(
                    rule="claims.quote_continued", cue=att.cue, cue_lemma=att.cue_lemma,
                    cue_start=att.cue_start, cue_end=att.cue_end, verb=att.verb,
                    source_tokens=att.source_tokens, source_head=att.source_head,
                    contents=[(s, e)], in_quote=True,
                ))
                break
        return out

    # -- 'According to X, ...' ------------------------------------------------------------
    def _according(self, doc: Doc, sent: Span, tok: Token) -> Attribution | None:
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() in self.not_sources:
            return None  # 'according to plan' is no source
        source = _subtree(pobj)
        pp = {t.i for t in _subtree(tok)} | {to.i}
        # The claim is the rest of the sentence: the clause the phrase hangs on.
        anchor = tok.head if tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX") else sent.root
        clause = [t for t in _subtree(anchor) if t.i not in pp and sent.start <= t.i < sent.end]
        if not clause:
            return None
        return Attribution(
            rule="claims.according_to",
            cue="according to",
            cue_lemma="according to",
            cue_start=tok.idx,
            cue_end=to.idx + len(to),
            verb=None,
            source_tokens=source,
            source_head=pobj,
            contents=[_span_of(clause)],
        )

    # -- 'Russia's claim that ...' ---------------------------------------------------------
    def _noun(self, noun: Token) -> Attribution | None:
        """A claim named by a noun with its owner and its that-clause: the inner link of a
        chain ('Ukraine rejected Russia's claim that its forces had captured Krynky')."""
        clause = next(
            (c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i
             and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)),
            None,
        )
        if clause is None:
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
        if owner is None:
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                    owner = next((g for g in c.children if g.dep_ == "pobj"), None)
        if owner is None:
            return None
        toks = [t for t in _subtree(clause) if not (t.dep_ == "mark" and t.head.i == clause.i)]
        return Attribution(
            rule="claims.noun",
            cue=noun.text,
            cue_lemma=noun.lemma_.lower(),
            cue_start=noun.idx,
            cue_end=noun.idx + len(noun),
            verb=None,
            source_tokens=[t for t in _subtree(owner) if t.dep_ != "case"],
            source_head=owner,
            contents=[_span_of(toks)],
        )

    # -- reporting verbs ------------------------------------------------------------------
    def _verb(self, doc: Doc, sent: Span, verb: Token, quotes) -> Attribution | None:
        # the first tests read the cached parse lists: `Token.children` makes a Token per child
        dt, p = doc_tokens(doc), doc_parse(doc)
        k, dep = verb.i, p.dep
        kids = p.children[k]
        lemma = dt.lemma[k]
        spec = self.verbs[lemma]
        if dep[k] == "relcl":
            return self._relative(verb)
        if dep[k] in ("amod", "compound", "acl") or any(
            dep[c] in ("nsubjpass", "auxpass") for c in kids
        ):
            return None  # 'the reported attack', 'it was reported': no speaker
        if any(dep[c] == "neg" for c in kids):
            return None  # 'he did not comment'
        if any(dep[c] in ("mark", "advmod") and dt.lower[c] == "as" for c in kids):
            return None  # '(as reported)': the reporter's hedge, no speaker
        if dep[k] == "xcomp" and dt.lemma[p.head[k]] in ("decline", "refuse"):
            return None
        subj, subj_head = self._issuer(*self._subject(doc, sent, verb))
        if subj_head is None:
            return None
        contents, complement = self._contents(doc, sent, verb, spec, subj)
        first = subj[0].i if subj else verb.i
        after_comma = first > sent.start and doc[first - 1].text == ","
        if not contents and after_comma and subj_head is not None:
            # 'X happened, the ministry said': what comes before the comma is the claim,
            # whether the parser made the verb a side clause or hung the source elsewhere.
            misparsed = subj_head.head.i != verb.i or subj_head.dep_ != "nsubj"
            side_clause = verb.dep_ in ("parataxis", "advcl", "conj") and verb.head.i < first
            if misparsed or side_clause:
                before = [t for t in sent if t.i < first - 1 and not t.is_space]
                if before:
                    contents = [_span_of(before)]
        if not contents and self._ends_unpunctuated(doc, verb):
            # The parser cut the sentence right after 'said': the next one is what was said.
            glued: list[Token] = []
            for t in doc[verb.i + 1].sent:
                if t.is_space or t.text in (".", "!", "?"):
                    break
                glued.append(t)
            contents = [_span_of(glued)] if glued else []
        in_quote = False
        text = doc_text(doc)
        if not contents:
            contents = self._quote_after(doc, verb, quotes) or self._quote_before(
                doc, verb, subj, quotes
            )
            in_quote = bool(contents)
        else:
            # A quoted content may run over several sentences: take the whole quotation.
            widened = []
            for s, e in contents:
                q = enclosing_quote(quotes, s, e)
                if q is not None and not (q[0] <= verb.idx < q[1]):
                    s, e = min(s, q[0]), max(e, q[1])
                    in_quote = True
                widened.append((s, e))
            contents = widened
        if not contents:
            return None
        contents = [_trim(text, s, e) for s, e in contents]
        return Attribution(
            rule="claims.verb" + (".quote" if in_quote else ""),
            cue=verb.text,
            cue_lemma=lemma,
            cue_start=verb.idx,
            cue_end=verb.idx + len(verb),
            verb=verb,
            source_tokens=subj,
            source_head=subj_head,
            contents=contents,
            complement=complement,
            in_quote=in_quote,
        )

    def _subject(self, doc: Doc, sent: Span, verb: Token) -> tuple[list[Token], Token | None]:
        quoted = self._quoted_as_saying(verb)
        if quoted is not None:
            return _subtree(quoted), quoted
        cur = verb
        for _ in range(4):
            if cur is not verb and cur.dep_ == "ccomp" and self._is_cue(cur.head):
                cur = cur.head  # '..., calling X' inside what a source said: that source
                continue
            if cur is not verb and not self._is_cue(cur):
                outer = self._outer_cue(cur)
                if outer is not None:
                    cur = outer  # 'said A wanted B and warned C': coordinated with the saying
                    continue
            subj = next(
                (c for c in cur.children if c.dep_ in _SUBJ and not _in_dateline(c)), None
            )
            if subj is not None:
                if subj.lower_ in ("this", "that", "there", "which", "what"):
                    return [], None  # "this shows": not a speaker
                toks = [
                    t
                    for t in _subtree(subj)
                    if (t.i < verb.i or subj.i > verb.i) and not _in_dateline(t)
                ]
                return self._clip_line(doc, toks, verb), subj
            if self._is_cue(cur):
                toks, head = self._trailing_subject(sent, cur)
                if head is not None:
                    return toks, head
            if cur.dep_ in ("conj", "advcl", "xcomp") and cur.head.i != cur.i:
                cur = cur.head
                if cur.lemma_.lower() not in self.verbs and cur.pos_ not in ("VERB", "AUX"):
                    break
                continue
            break
        return self._line_start_subject(doc, sent, verb)

    def _issuer(self, toks: list[Token], head: Token | None) -> tuple[list[Token], Token | None]:
        """'The ministry's statement said', 'a report by the ISW said': who issued it."""
        if head is None or head.lemma_.lower() not in self.speech_nouns:
            return toks, head
        for c in head.children:
            if c.dep_ in ("poss", "compound") and c.pos_ in ("NOUN", "PROPN"):
                if c.dep_ == "compound" and c.pos_ != "PROPN":
                    continue  # 'a news report' names nobody
                return [t for t in _subtree(c) if t.dep_ != "case"], c
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                    return _subtree(pobj), pobj
            if c.dep_ == "acl":  # 'the statement issued by the General Staff'
                agent = next((g for g in c.children if g.dep_ == "agent"), None)
                kids = agent.children if agent is not None else []
                pobj = next((g for g in kids if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                    return _subtree(pobj), pobj
        return toks, head

    def _outer_cue(self, tok: Token) -> Token | None:
        """The cue verb whose that-clause holds `tok`, if any."""
        cur = tok
        for _ in range(6):
            if cur.head.i == cur.i:
                return None
            if cur.dep_ == "ccomp" and self._is_cue(cur.head):
                return cur.head
            cur = cur.head
        return None

    def _trailing_subject(self, sent: Span, verb: Token) -> tuple[list[Token], Token | None]:
        """'..., the Russian defence ministry said on Wednesday.' when the parser hung the
        source on the clause before it: the bare noun phrase between a comma and the verb."""
        toks: list[Token] = []
        i = verb.i - 1
        if i > sent.start and sent.doc[i].text == ",":
            i -= 1  # '..., the WHO's representative, Peter Graaff, warned': the closing comma
        while i >= sent.start and sent.doc[i].text != ",":
            toks.insert(0, sent.doc[i])
            i -= 1
        if i < sent.start or i == sent.start or not toks or len(toks) > 12:
            return [], None
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(t.text in "()[]" for t in toks):
            return [], None  # '..., accusing X' has no subject of its own; '(Nord-Ouest),'
        if toks[0].pos_ not in ("DET", "PROPN", "NOUN", "ADJ", "NUM", "PRON"):
            return [], None
        if any(t.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ") for t in toks):
            return [], None
        ids = {t.i for t in toks}
        nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN", "PRON")]
        if not nouns:
            return [], None
        head = next((t for t in nouns if t.head.i not in ids), nouns[-1])
        return toks, head

    def _quoted_as_saying(self, verb: Token) -> Token | None:
        """'SANA quoted a military source as saying ...': the speaker is the one quoted."""
        cur = verb
        for _ in range(3):
            if cur.head.i == cur.i:
                return None
            cur = cur.head
            if cur.lemma_.lower() in self.quote_verbs:
                return next((c for c in cur.children if c.dep_ == "dobj"), None)
        return None

    def _clip_line(self, doc: Doc, toks: list[Token], verb: Token) -> list[Token]:
        """A source phrase does not cross a line break (headlines without a full stop)."""
        cut = [t for t in toks if "\n" in doc_text(doc)[t.idx : verb.idx] and t.i < verb.i]
        if not cut:
            return toks
        last_break = _breaks(doc).line_start(verb.idx) - 1
        return [t for t in toks if t.idx > last_break]

    def _line_start_subject(self, doc: Doc, sent: Span, verb: Token):
        """Fallback when the parse merged a headline into the sentence: the noun phrase that
        opens the line the verb is on."""
        line_start = _breaks(doc).line_start(verb.idx)
        toks = [t for t in sent if t.idx >= line_start and t.i < verb.i and not t.is_space]
        if not toks or len(toks) > 15 or any(t.pos_ in ("VERB", "AUX") for t in toks):
            return [], None
        nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN", "PRON")]
        if not nouns:
            return [], None
        head = next((t for t in nouns if t.head.i not in {x.i for x in toks}), nouns[0])
        return toks, head

    def _contents(self, doc, sent, verb, spec, subj):
        subj_ids = {t.i for t in subj}
        clauses = [c for c in verb.children if c.dep_ in _CLAUSE and c.i not in subj_ids]
        if len(clauses) > 1:
            # ', the latest in a series of attacks': a verbless tag is the reporter's gloss.
            clauses = [
                c for c in clauses
                if c.pos_ in ("VERB", "AUX") or any(g.dep_.startswith("nsubj") for g in c.children)
            ] or clauses[:1]
        complement = None
        contents: list[tuple[int, int]] = []
        for clause in clauses:
            # Coordinated that-clauses ('that X and that Y') are separate claims.
            parts = [clause] + [
                c for c in clause.children
                if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                and any(g.dep_ == "mark" for g in c.children)
            ]
            # A cue inside the clause ('..., calling it X') is a claim of its own.
            # 'a claim that could not be verified': the reporter's gloss, not what was said
            p_ = doc_parse(doc)
            lemma = doc_tokens(doc).lemma
            in_clause = _subtree_ids(doc, clause.i)
            glosses = {
                x for k in in_clause
                if p_.dep[k] == "appos" and lemma[k] in self.claim_nouns
                for x in _subtree_ids(doc, k)  # Token.subtree: the same set of tokens
            }
            nested: set[int] = set()
            for k in in_clause:
                if k != clause.i and p_.dep[k] in ("advcl", "conj") and p_.pos[k] in (
                    "VERB", "AUX"
                ) and lemma[k] in self.verbs and not any(
                    p_.dep[c] in ("nsubj", "nsubjpass") for c in p_.children[k]
                ):  # a cue of its own with no subject of its own
                    nested.update(_subtree_ids(doc, k))
            split_ids: set[int] = set(nested)
            for p in parts[1:]:
                split_ids.update(_subtree_ids(doc, p.i))
                split_ids.update(c.i for c in clause.children if c.dep_ == "cc")
            for p in parts:
                # token indices, not Tokens: only their character extent is kept
                ids = _subtree_ids(doc, p.i, (split_ids if p is clause else nested) | glosses)
                if ids and p_.dep[ids[0]] == "mark" and p_.head[ids[0]] == p.i:
                    ids = ids[1:]  # drop the leading 'that'
                if ids:
                    contents.append(_span_of_ids(doc, ids))
        if not contents:
            contents = self._stray_that_clause(verb, subj_ids)
        if contents or not spec.get("object"):
            return contents, complement
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if obj is None:
            xcomp = next((c for c in verb.children if c.dep_ in ("xcomp", "pcomp")), None)
            if xcomp is not None and (spec.get("infinitive") or xcomp.tag_ == "VBG"):
                return [_span_of(_subtree(xcomp))], None
            return [], None
        toks = _subtree(obj)
        extra = [c for c in verb.children if c.dep_ in ("prep", "oprd", "advcl", "acomp")
                 and c.i > obj.i]
        for c in extra:
            if c.lower_ == "of" or c.dep_ == "prep" and verb.lemma_.lower() in ("accuse", "blame"):
                toks = toks + _subtree(c)
        # 'described X as "futile"', 'called X propaganda': the judgement is the complement.
        comp_toks: list[Token] = []
        if verb.lemma_.lower() in ("describe", "call", "dismiss", "reject", "brand", "label"):
            as_tok = next((t for t in reversed(toks) if t.lower_ == "as"), None)
            if as_tok is not None:
                comp_toks = [t for t in toks if t.i >= as_tok.i]
                toks = [t for t in toks if t.i < as_tok.i]
            for c in extra:
                if c.dep_ in ("oprd", "advcl", "acomp") or c.lower_ == "as":
                    comp_toks += _subtree(c)
            appos = [c for c in obj.children if c.dep_ in ("appos", "oprd")]
            quoted = [c for c in obj.children if c.i > obj.i and c.dep_ == "amod"
                      and c.i > 0 and doc[c.i - 1].text in ('"', "\u201c")]
            appos += quoted  # 'called the accusation "absurd"'
            if not comp_toks and appos:
                comp_toks = _subtree(appos[0])
                toks = [t for t in toks if t.i not in {x.i for x in comp_toks}]
        if verb.lemma_.lower() == "call" and not comp_toks:
            return [], None  # 'called for talks' is not a claim
        if comp_toks:
            complement = _span_of(comp_toks)
        return ([_span_of(toks)] if toks else []), complement

    def _ends_unpunctuated(self, doc: Doc, verb: Token) -> bool:
        """A cue that ends its sentence with no full stop, the next sentence glued on."""
        if verb.i + 1 >= len(doc) or verb.i != verb.sent.end - 1:
            return False
        between = doc_text(doc)[verb.idx + len(verb) : doc[verb.i + 1].idx]
        return "\n" not in between and doc[verb.i + 1].is_alpha

    def _relative(self, verb: Token) -> Attribution | None:
        """'Avdiivka, which Russia says it captured last week': the speaker of a relative
        clause speaks of the noun it hangs on; the content runs from that noun on."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if subj is None or clause is None or subj.lower_ in _RELATIVE:
            return None
        if not any(t.lower_ in _RELATIVE for t in verb.subtree if t.i < subj.i):
            return None
        antecedent = verb.head
        toks = [t for t in _subtree(clause)]
        start = antecedent.left_edge.idx
        end = max(t.idx + len(t) for t in toks)
        return Attribution(
            rule="claims.relative",
            cue=verb.text,
            cue_lemma=verb.lemma_.lower(),
            cue_start=verb.idx,
            cue_end=verb.idx + len(verb),
            verb=verb,
            source_tokens=_subtree(subj),
            source_head=subj,
            contents=[(start, end)],
        )

    def _is_cue(self, tok: Token) -> bool:
        return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in self.verbs

    def _stray_that_clause(self, verb: Token, skip: set[int]) -> list[tuple[int, int]]:
        """'said in a message on its platform that ...': the parser often hangs the
        that-clause on the last noun as a relative clause; it is still what was said."""
        for tok in _subtree(verb):
            if tok.i <= verb.i or tok.i in skip or tok.dep_ not in ("relcl", "acl", "advcl"):
                continue
            first = _subtree(tok)[0]
            has_subj = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
            in_pp = tok.head.dep_ == "pobj"  # '... in a message on its platform that ...'
            if first.lower_ == "that" and first.head.i == tok.i and has_subj and in_pp:
                toks = [t for t in _subtree(tok) if t.i != first.i]
                return [_span_of(toks)]
        return []

    def _quote_before(self, doc: Doc, verb: Token, subj: list[Token], quotes):
        """'"...," Shoigu told X' where the parser did not tie the quotation to the verb."""
        edge = min([verb.idx] + [t.idx for t in subj if t.i < verb.i])
        for qs, qe in quotes_ending(quotes, edge - 4, edge):  # a gap of at most 4 characters
            gap = doc_text(doc)[qe:edge]
            if qe <= edge and len(gap) <= 4 and not gap.strip(" ,\u201d\"\n"):
                return [(qs, qe)]
        return []

    def _quote_after(self, doc: Doc, verb: Token, quotes) -> list[tuple[int, int]]:
        """'X said: "..."' -- the quotation right after the verb (and its colon)."""
        after = doc_text(doc)[verb.idx + len(verb) : verb.idx + len(verb) + 80]
        end = verb.idx + len(verb)
        for qs, qe in quotes_starting(quotes, end, end + 60):  # 0 <= gap <= 60
            gap = qs - (verb.idx + len(verb))
            if 0 <= gap <= 60 and ":" in after[: max(gap, 1)]:
                return [(qs, qe)]
        return []
