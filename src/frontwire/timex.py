"""Date expressions -> calendar dates with ACLED time precision (1 day, 2 week, 3 month).

Expressions are found with patterns built from data/timex.json ('yesterday', 'last week',
'two weeks ago', 'on Monday', 'March 3', '3 March 2023', 'in February', 'in recent months')
and resolved against the article's publication date; without one the date stays None.
spaCy's DATE entities decide the doubtful cases (a bare month name, 'May' the modal verb).
Everything is deterministic and offline: no dateparser call, no clock.

Conventions (measured with `frontwire eval dates` on UCDP GED headlines and ACLED notes):
- 'over the past day', 'in the past 24 hours', 'overnight' in a report published on D: D-1,
  precision 1 (a morning round-up reports the day and night before).
- A night is dated by the evening it began (ACLED dates an event by the day it started):
  'overnight on Friday', 'overnight into Friday' -> Thursday, precision 1; 'Friday night',
  'the night of Friday' -> Friday. A night or range named by two days ('overnight Thursday
  and Friday', 'the night of 8-9 May', 'between 22 and 23 March') -> the first day,
  precision 2, and a longer range its middle day, precision 2, as ACLED's notes code them.
- A date without a year is never more than a day after publication ('October 7' in a
  January 2024 report is 2023-10-07; the day of slack covers feeds stamped in UTC), unless
  its sentence speaks of the future ('will meet on March 3', 'talks are scheduled for ...');
  the same for a bare month ('in March') and a weekday ('will meet on Tuesday').
- 'since X' starts a period: never the event's day. A sentence whose main predicate runs
  over such a period ('have been killed since the war began') is a total: flags 'vague-date'
  and 'since-date', and it inherits no day from the sentences before it.

`event_date` picks the date of an event reported in one sentence; its rules are ACLED-
conservative and listed in its docstring.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any, NamedTuple

from spacy.tokens import Token

from frontwire.events.doctokens import doc_parse, doc_tokens
from frontwire.events.figures import FigureWords, words_to_int
from frontwire.model import DateMention
from frontwire.text.context import ArticleContext, doc_text
from frontwire.text.dateline import dateline_end


def _alt(words: list[str]) -> str:
    """An alternation of the words that prefers the longest, as a character trie: Python's
    regex engine tries a flat alternation's branches one by one at every position of the text
    (and cannot skip them on the first letter under re.I); the trie fails on the first letter.
    The words that can match at one position are prefixes of each other, so trying the deeper
    branch first matches exactly what the longest-first flat alternation matches."""
    if any(w != w.lower() or not w.isascii() for w in words):
        # two branches could match the same letter under re.I: keep the flat alternation
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _trie(root)


def _trie(node: dict[str, dict]) -> str:
    kids = [re.escape(ch) + _trie(sub) for ch, sub in sorted(node.items()) if ch]
    if not kids:
        return ""
    body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?"  # greedy: the longer word first, this one on backtracking


_RANGE_JOIN = r"(?:-|–|to|and|into)"


@dataclass(frozen=True)
class _Patterns:
    day_month: re.Pattern[str]
    month_day: re.Pattern[str]
    iso: re.Pattern[str]
    day_range: re.Pattern[str]
    month_day_range: re.Pattern[str]
    month: re.Pattern[str]
    year: re.Pattern[str]
    weekday: re.Pattern[str]
    ago: re.Pattern[str]
    phrase: re.Pattern[str]


def _ahead(*words: Iterable[str], digit: bool = False) -> str:
    """A lookahead for the letters (and digits) the pattern after it can start with. Python's
    regex engine tries every branch of a pattern at every word boundary; behind this test it
    tries them only where one can match, which finds the same matches two or three times
    faster. Under re.I the class matches every case of its letters, as the branches do."""
    firsts = sorted({w[0].lower() for ws in words for w in ws})
    return "(?=[" + ("\\d" if digit else "") + "".join(re.escape(c) for c in firsts) + "])"


def _patterns(d: dict[str, Any]) -> _Patterns:
    """The date patterns of data/timex.json's words, compiled (once, by DateWords.load)."""
    months, weekdays = list(d["months"]), list(d["weekdays"])
    month = rf"(?P<month>{_alt(months)})\.?"
    wd = _alt(weekdays)
    year = r"(?P<year>(?:19|20)\d{2})"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    lead = rf"(?:(?:{wd}),?\s+)?"
    phrases = list(d["day_phrases"]) + list(d["periods"]) + list(d["ranges"]) + list(d["anaphoric"])
    words = d["pattern_words"]
    parts, year_cues = words["month_parts"], words["year_cues"]
    rels, counts = words["weekday_relations"], words["counts"]
    return _Patterns(
        day_month=re.compile(
            rf"\b{_ahead(weekdays, digit=True)}{lead}{day}\s+(?:of\s+)?{month}"
            rf"(?:,?\s+{year})?\b",
            re.I,
        ),
        month_day=re.compile(
            rf"\b{_ahead(weekdays, months)}{lead}{month}\s+{day}\b(?!:)(?:,?\s+{year}\b)?", re.I
        ),
        iso=re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
        # '17-18 January', 'January 17 to 18', 'between 5 and 7 May': a range of days
        day_range=re.compile(
            rf"\b(?=\d)(?P<first>[0-3]?\d)(?:st|nd|rd|th)?\s*{_RANGE_JOIN}\s*{day}\s+(?:of\s+)?"
            rf"{month}(?:,?\s+{year})?\b",
            re.I,
        ),
        month_day_range=re.compile(
            rf"\b{_ahead(months)}{month}\s+(?P<first>[0-3]?\d)(?:st|nd|rd|th)?\s*{_RANGE_JOIN}"
            rf"\s*{day}\b(?!:)(?:,?\s+{year}\b)?",
            re.I,
        ),
        month=re.compile(
            rf"\b{_ahead(parts, months)}(?:(?P<part>{'|'.join(parts)})[\s-]+)?{month}"
            rf"(?:\s+{year})?\b",
            re.I,
        ),
        year=re.compile(rf"\b{_ahead(year_cues)}(?:{'|'.join(year_cues)})\s+{year}\b", re.I),
        weekday=re.compile(
            rf"\b{_ahead(rels, weekdays)}(?:(?P<rel>{'|'.join(rels)})\s+)?"
            rf"(?P<wd>{wd})(?:\s+(?P<part>{_alt(d['day_parts'])}))?\b",
            re.I,
        ),
        ago=re.compile(
            rf"\b{_ahead(counts, digit=True)}(?P<n>\d+|{'|'.join(counts)})"
            r"\s+(?P<unit>day|week|month|year)s?\s+(?P<rel>ago|earlier|later)\b",
            re.I,
        ),
        phrase=re.compile(rf"\b{_ahead(phrases)}(?:{_alt(phrases)})\b", re.I),
    )


@dataclass(frozen=True)
class DateWords:
    """The words and patterns of dates (data/timex.json, compiled) and the number words of
    'three days ago', loaded once by the Pipeline that owns them and handed to `find_dates`
    and `event_date`; `DateWords.load()` for a caller that reads a few texts."""

    data: dict[str, Any]  # data/timex.json as read
    patterns: _Patterns
    period_starts: frozenset[str]  # 'since', 'from': a period's start
    anchor_blockers: frozenset[str]  # a word before a date that makes it no event's date
    report_verbs: frozenset[str]  # 'said on Monday': the date of the saying
    numbers: FigureWords

    @classmethod
    def load(cls, numbers: FigureWords | None = None) -> DateWords:
        """`numbers`: the number words the caller already loaded (the Pipeline's)."""
        d = json.loads((files("frontwire") / "data" / "timex.json").read_text("utf-8"))
        return cls(
            data=d,
            patterns=_patterns(d),
            period_starts=frozenset(d["period_starts"]),
            anchor_blockers=frozenset(d["anchor_blockers"]),
            report_verbs=frozenset(d["report_verbs"]),
            numbers=numbers or FigureWords.load(),
        )


@dataclass
class _Found:
    start: int
    end: int
    date: dt.date | None
    end_date: dt.date | None
    precision: int
    vague: bool = False
    shift: int | None = None  # anaphoric: days from the last day-precise date before it
    night: bool = False  # 'overnight': a night, dated by the evening it began

    @property
    def day_precise(self) -> bool:
        return self.precision == 1 and self.shift is None and not self.vague


def _month_shift(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return dt.date(y, m + 1, 1)


def _month_end(d: dt.date) -> dt.date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# A yearless date may be a day after the publication date: feeds stamp articles in UTC, and
# the newsroom's local date can be a day ahead.
_SLACK = dt.timedelta(days=1)


def _infer_year(
    month: int, day: int, pub: dt.date | None, future: Callable[[], bool]
) -> dt.date | None:
    """A date without a year is the latest such date on or before publication ('October 7' in
    a January report is last year's), unless its sentence speaks of the future ('will meet on
    March 3'): then the first such date on or after publication."""
    if pub is None:
        return None
    d = _safe_date(pub.year, month, day)
    if d is None:
        return None
    if d > pub + _SLACK:
        return d if future() else _safe_date(pub.year - 1, month, day)
    if d < pub - _SLACK and future():
        return _safe_date(pub.year + 1, month, day)
    return d


def _future(dw: DateWords, ctx: ArticleContext, start: int, end: int) -> bool:
    """The expression dates something still to come: the verb it hangs on has 'will'/'shall',
    or is 'scheduled', 'planned', 'due', 'postponed' ('talks are scheduled for March 3')."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    d = dw.data
    tok = span.root
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    lemmas = set(d["future_lemmas"])
    auxiliaries = set(d["future_auxiliaries"])
    return tok.lemma_.lower() in lemmas or any(
        (c.dep_ in ("aux", "auxpass") and c.lower_ in auxiliaries)
        or (c.dep_ in ("acomp", "xcomp") and c.lemma_.lower() in lemmas)
        for c in tok.children
    )


def _in_date_entity(ctx: ArticleContext, start: int, end: int) -> bool:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ in ("DATE", "TIME") for t in span)


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z-]+)\W*$", text[max(0, start - 20) : start])
    return m.group(1).lower() if m else ""


def _resolve_period(
    name: str, spec: dict[str, Any], pub: dt.date
) -> tuple[dt.date, dt.date, int, bool]:
    unit, shift = spec["unit"], spec["shift"]
    if unit == "week":
        start = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=shift)
        end = pub if spec.get("to_publication") else start + dt.timedelta(days=6)
        return start, end, 2, False
    if unit == "weekend":
        # the most recent Saturday on or before publication
        sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        if name == "last weekend" and pub.weekday() >= 5:
            sat -= dt.timedelta(days=7)
        elif shift == 0 and pub.weekday() < 5:
            sat += dt.timedelta(days=7)
        return sat, sat + dt.timedelta(days=1), 2, False
    if unit == "month":
        start = _month_shift(pub, shift)
        end = pub if spec.get("to_publication") else _month_end(start)
        return start, end, 3, False
    start = dt.date(pub.year + shift, 1, 1)
    end = pub if spec.get("to_publication") else dt.date(pub.year + shift, 12, 31)
    return start, end, 3, True


_WORD = re.compile(r"\w+")
# the only non-ASCII letters that re.I matches to an ASCII letter (found by testing every
# code point against '[a-z]' with re.I): dotted and dotless i, long s, Kelvin sign
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_AGO_UNITS = frozenset(u + s for u in ("day", "week", "month", "year") for s in ("", "s"))
_AGO_RELS = frozenset({"ago", "earlier", "later"})


class _CanMatch(NamedTuple):
    month: bool  # a capitalised month name ('March', 'Sept'): the month loops skip others
    weekday: bool  # a capitalised weekday name
    ago: bool  # 'two days ago', 'a week later': a unit word and a relation word
    year: bool  # a word of four digits from 1900 to 2099
    iso: bool  # a word of four digits and a hyphen: '2024-03-04'


def _can_match(dw: DateWords, text: str) -> _CanMatch:
    """Which candidate patterns can find something in the text. Each pattern's month,
    weekday, unit, relation or year is a whole word of the text (the patterns bound them by
    \\b, spaces or a full stop), so a pattern whose words the text lacks finds nothing;
    the month and weekday loops keep only capitalised names. A text with a letter that re.I
    folds onto an ASCII one (long s, the Kelvin sign): every pattern."""
    if not text.isascii() and _FOLDS_TO_ASCII.search(text):
        return _CanMatch(True, True, True, True, True)
    words = set(_WORD.findall(text))
    lowered = {w.lower() for w in words}
    capitalised = {w.lower() for w in words if w[0].isupper()}
    d = dw.data
    four_digits = [w for w in words if len(w) == 4 and w.isdigit()]
    return _CanMatch(
        month=not capitalised.isdisjoint(d["months"]),
        weekday=not capitalised.isdisjoint(d["weekdays"]),
        ago=not lowered.isdisjoint(_AGO_UNITS) and not lowered.isdisjoint(_AGO_RELS),
        year=any(w[:2] in ("19", "20") for w in four_digits),
        iso=bool(four_digits) and "-" in text,
    )


def _candidates(dw: DateWords, ctx: ArticleContext) -> list[_Found]:
    d = dw.data
    p = dw.patterns
    text = ctx.text
    pub = ctx.article.published
    months: dict[str, int] = d["months"]
    out: list[_Found] = []

    def month_of(s: str) -> int:
        return months[s.lower().rstrip(".")]

    # Which patterns can match at all, from the text's words: each pattern needs whole words
    # that most texts lack, and a scan of the text costs far more than a look at its words.
    can = _can_match(dw, text)
    has_month, has_weekday, has_ago = can.month, can.weekday, can.ago

    def future_at(m: re.Match[str]) -> Callable[[], bool]:
        return lambda: _future(dw, ctx, m.start(), m.end())

    for rx in (p.day_month, p.month_day, p.day_range, p.month_day_range) if has_month else ():
        ranged = "first" in rx.groupindex
        for m in rx.finditer(text):
            if not m.group("month")[0].isupper():
                continue
            mon, day = month_of(m.group("month")), int(m.group("day"))
            first = int(m.group("first")) if ranged else day
            if first > day:
                continue  # not a range: '31 - 1 May'
            if m.group("year"):
                date = _safe_date(int(m.group("year")), mon, first)
            else:
                date = _infer_year(mon, first, pub, future_at(m))
            if date is None and pub is not None:
                continue
            if date is None or day == first:
                out.append(_Found(m.start(), m.end(), date, date, 1))
                continue
            end = date + dt.timedelta(days=day - first)  # '17-18 January': a range of days
            coded, precision = _range_day(date, end)
            out.append(_Found(m.start(), m.end(), coded, end, precision))
    for m in p.iso.finditer(text) if can.iso else ():
        date = _safe_date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        if date:
            out.append(_Found(m.start(), m.end(), date, date, 1))
    for m in p.month.finditer(text) if has_month else ():
        word = m.group("month")
        if not word[0].isupper():
            continue
        cue = _word_before(text, m.start())
        has_cue = bool(m.group("year") or m.group("part")) or cue in d["month_cues"]
        doubtful = word.lower() == "may" and not (m.group("year") or m.group("part"))
        if (not has_cue or doubtful) and not (has_cue and _in_date_entity(ctx, m.start(), m.end())):
            continue  # a bare 'March', or 'may' the verb
        mon = month_of(word)
        if m.group("year"):
            first = dt.date(int(m.group("year")), mon, 1)
        elif pub is not None:
            # never after publication unless the sentence speaks of the future
            year = pub.year if mon <= pub.month else pub.year - 1
            if mon != pub.month and _future(dw, ctx, m.start(), m.end()):
                year = pub.year if mon > pub.month else pub.year + 1
            first = dt.date(year, mon, 1)
        else:
            out.append(_Found(m.start(), m.end(), None, None, 3))
            continue
        last = _month_end(first)
        part = (m.group("part") or "").lower()
        if part == "early" or part.startswith("the beginning") or part.startswith("the start"):
            last = first.replace(day=10)
        elif part == "mid" or part == "the middle of":
            first, last = first.replace(day=11), first.replace(day=20)
        elif part in ("late", "the end of"):
            first = first.replace(day=21)
        out.append(_Found(m.start(), m.end(), first, last, 3))
    for m in p.year.finditer(text) if can.year else ():
        y = int(m.group("year"))
        s = m.start("year")
        out.append(_Found(s, m.end(), dt.date(y, 1, 1), dt.date(y, 12, 31), 3, vague=True))
    for m in p.weekday.finditer(text) if has_weekday else ():
        wd_text = m.group("wd")
        if not wd_text[0].isupper():
            continue
        rel = (m.group("rel") or "").lower()
        start = m.start() if rel and rel != "on" else m.start("wd")
        if pub is None:
            out.append(_Found(start, m.end(), None, None, 1))
            continue
        wd = d["weekdays"][wd_text.lower()]
        if rel == "next":
            delta = -(((wd - pub.weekday()) % 7) or 7)
        elif rel != "last" and wd != pub.weekday() and _future(dw, ctx, m.start(), m.end()):
            delta = -((wd - pub.weekday()) % 7)  # 'will meet on Tuesday': the coming one
        else:
            delta = (pub.weekday() - wd) % 7
            if rel == "last" and delta == 0:
                delta = 7
        date = pub - dt.timedelta(days=delta)
        out.append(_Found(start, m.end(), date, date, 1))
    for m in p.ago.finditer(text) if has_ago else ():
        n = m.group("n").lower()
        count = 1 if n in ("a", "an") else words_to_int(dw.numbers, [n])
        unit = m.group("unit").lower()
        if count is not None and m.group("rel").lower() != "ago" and unit in ("day", "week"):
            # 'two days earlier', 'a week later': counted from the story's last date
            days = count * (7 if unit == "week" else 1)
            sign = -1 if m.group("rel").lower() == "earlier" else 1
            out.append(_Found(m.start(), m.end(), None, None, 1 if unit == "day" else 2))
            out[-1].shift = sign * days
            continue
        if count is None or pub is None:
            continue
        if unit == "day":
            date = pub - dt.timedelta(days=count)
            out.append(_Found(m.start(), m.end(), date, date, 1))
        elif unit == "week":
            date = pub - dt.timedelta(weeks=count)
            out.append(_Found(m.start(), m.end(), date, date + dt.timedelta(days=6), 2))
        elif unit == "month":
            first = _month_shift(pub, -count)
            out.append(_Found(m.start(), m.end(), first, _month_end(first), 3))
        else:
            y = pub.year - count
            out.append(_Found(m.start(), m.end(), dt.date(y, 1, 1), dt.date(y, 12, 31), 3, True))
    for m in p.phrase.finditer(text):
        key = re.sub(r"\s+", " ", m.group(0).casefold())
        found = _phrase(dw, key, m.start(), m.end(), pub)
        for f in found:
            f.night = key in d["night_words"]
        out.extend(found)
    return out


def _phrase(dw: DateWords, key: str, start: int, end: int, pub: dt.date | None) -> list[_Found]:
    d = dw.data
    if key in d["anaphoric"]:  # resolved against the previous date later
        return [_Found(start, end, None, None, 1, shift=d["anaphoric"][key])]
    if pub is None:
        vague = key in d["ranges"] and d["ranges"][key].get("vague", False)
        return [_Found(start, end, None, None, 3 if vague else 1, vague)]
    if key in d["day_phrases"]:
        date = pub + dt.timedelta(days=d["day_phrases"][key])
        end_date = pub if key == "overnight" else date
        return [_Found(start, end, date, end_date, 1)]
    if key in d["periods"]:
        s, e, prec, vague = _resolve_period(key, d["periods"][key], pub)
        return [_Found(start, end, s, e, prec, vague)]
    spec = d["ranges"][key]
    s = pub - dt.timedelta(days=spec["back"])
    return [_Found(start, end, s, pub, spec["precision"], spec.get("vague", False))]


def _resolve_anaphora(found: list[_Found]) -> None:
    """'a day earlier', 'the next day': relative to the last day-precise date before them."""
    last: dt.date | None = None
    for f in found:
        if f.shift is not None:
            if last is not None:
                f.date = last + dt.timedelta(days=f.shift)
                f.end_date = f.date + dt.timedelta(days=6 if f.precision == 2 else 0)
                if f.precision == 1:
                    last = f.date
        elif f.precision == 1 and f.date is not None:
            last = f.date


_JOINED = re.compile(r"^\s*(?:of|on)\s*$", re.I)
# Nights. A night is dated by the evening it began, as ACLED dates an event by the day it
# started ('overnight between 22 and 23 March' is 22 March): 'overnight on Friday' and 'the
# night into Friday' are Thursday; 'overnight Thursday and Friday', 'the night of Thursday to
# Friday' are Thursday (precision 2, as a range of two days: `_range_day`); 'Friday night',
# 'the night of Friday' stay Friday. A single night keeps precision 1.
_INTO_DAY = re.compile(r"^\s*(?P<join>on|into|to|from|between|of)?\s*(?:the\s+)?$", re.I)
_SPAN_JOIN = re.compile(r"^\s*(?:and|to|into|until|till|through|[-–/])\s*(?:the\s+)?$", re.I)
_BEFORE_SPAN = re.compile(
    r"\b(?:(?:over)?nights?\s+(?:of\s+|on\s+|from\s+|between\s+)?|between\s+)(?:the\s+)?$", re.I
)
_NIGHT_INTO = re.compile(r"\bnight\s+(?:in)?to\s+(?:the\s+)?$", re.I)


def _span(first: _Found, last: _Found, start: int) -> _Found:
    """'Thursday to Friday', 'between Monday and Friday': a range of days."""
    if first.date is None or last.date is None or last.date < first.date:
        return _Found(start, last.end, first.date, first.end_date, first.precision)
    date, precision = _range_day(first.date, last.date)
    return _Found(start, last.end, date, last.date, precision)


def _range_day(first: dt.date, last: dt.date) -> tuple[dt.date, int]:
    """ACLED's date for a range of days, as its notes show ('Overnight between 22 and 23 March'
    -> 22 March, precision 2; 'between 18 - 28 July' -> 23 July, precision 2): two days give
    the first, longer ranges the middle day; one day stays precise."""
    days = (last - first).days
    if days <= 0:
        return first, 1
    return first + dt.timedelta(days=days // 2 if days > 1 else 0), 2


def _night_before(day: _Found, start: int) -> _Found:
    """'overnight on Friday', 'the night into Friday': the night began on Thursday."""
    date = day.date - dt.timedelta(days=1) if day.date else None
    return _Found(start, day.end, date, day.date, 1)


def _join_nights(text: str, found: list[_Found]) -> list[_Found]:
    out: list[_Found] = []
    k = 0
    while k < len(found):
        f = found[k]
        nxt = found[k + 1] if k + 1 < len(found) else None
        after = found[k + 2] if k + 2 < len(found) else None
        joined = None
        if nxt is not None and nxt.day_precise:
            joined = _INTO_DAY.match(text[f.end : nxt.start])
        if f.night and joined and nxt is not None:
            if (
                after is not None
                and after.day_precise
                and _SPAN_JOIN.match(text[nxt.end : after.start])
            ):
                out.append(_span(nxt, after, f.start))  # 'overnight Thursday and Friday'
                k += 3
            elif (joined.group("join") or "").lower() in ("of", "from", "between"):
                out.append(_Found(f.start, nxt.end, nxt.date, nxt.end_date, 1))  # night of X
                k += 2
            else:
                out.append(_night_before(nxt, f.start))  # 'overnight on Friday'
                k += 2
            continue
        before = text[max(0, f.start - 30) : f.start]
        if (
            f.day_precise
            and nxt is not None
            and nxt.day_precise
            and _SPAN_JOIN.match(text[f.end : nxt.start])
            and _BEFORE_SPAN.search(before)
        ):
            out.append(_span(f, nxt, f.start))  # 'the night of Thursday to Friday'
            k += 2
            continue
        if f.day_precise and _NIGHT_INTO.search(before):
            out.append(_night_before(f, f.start))  # 'the night into Friday'
        else:
            out.append(f)
        k += 1
    return out


def _drop_vague_parts(text: str, found: list[_Found]) -> list[_Found]:
    """'in the early hours of Sunday', 'overnight on Wednesday': the named day is the date;
    the relative phrase is only part of it."""
    keep = []
    for k, f in enumerate(found):
        nxt = found[k + 1] if k + 1 < len(found) else None
        joined = nxt is not None and _JOINED.match(text[f.end : nxt.start])
        if joined and nxt.precision == 1 and f.shift is None and f.precision == 1:
            continue
        keep.append(f)
    return keep


def find_dates(ctx: ArticleContext, words: DateWords | None = None) -> list[DateMention]:
    """Every temporal expression in the article, resolved against its publication date.

    `words`: the date words as their owner (the Pipeline) loaded them; a caller that reads a
    few texts may leave them out and they are loaded for this call."""
    dw = words or DateWords.load()
    cands = sorted(_candidates(dw, ctx), key=lambda f: (f.start, -(f.end - f.start)))
    chosen: list[_Found] = []
    for f in cands:
        if chosen and f.start < chosen[-1].end:
            continue  # overlapping: the longest, earliest match wins
        chosen.append(f)
    chosen = _drop_vague_parts(ctx.text, _join_nights(ctx.text, chosen))
    _resolve_anaphora(chosen)
    return [
        DateMention(
            text=ctx.text[f.start : f.end],
            start=f.start,
            end=f.end,
            sentence=ctx.sentence_index(f.start),
            date=f.date,
            end_date=f.end_date,
            time_precision=f.precision,  # type: ignore[arg-type]
            vague=f.vague,
        )
        for f in chosen
    ]


# --- the date of an event -------------------------------------------------------------------


def _governed_by_report_verb(dw: DateWords, ctx: ArticleContext, m: DateMention) -> bool:
    """'officials said on Monday that ...': the date of the saying, not of the event."""
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    # walked on the cached parse lists (`Token.head` makes a Token each step; `tok.head is
    # tok` never held, so the walk has no root test)
    p = doc_parse(ctx.doc)
    k = span.root.i
    for _ in range(4):
        if p.pos[k] in ("VERB", "AUX"):
            break
        k = p.head[k]
    return doc_tokens(ctx.doc).lemma[k] in dw.report_verbs and any(
        p.dep[c] in ("ccomp", "xcomp") for c in p.children[k]
    )


def _period_start(dw: DateWords, ctx: ArticleContext, m: DateMention) -> Token | None:
    """The 'since' that makes the expression the start of a period ('since 2015', 'since the
    war began in 2014', 'since fighting erupted on April 15'): background, never the event's
    day. The walk stops at the first verb: 'since' must govern the expression's own clause."""
    starts = dw.period_starts
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    if span[0].lower_ in starts:
        return span[0]
    if span.start > 0 and ctx.doc[span.start - 1].lower_ in starts:
        return ctx.doc[span.start - 1]
    doc = ctx.doc
    p, lower = doc_parse(doc), doc_tokens(doc).lower
    k = span.root.i
    for _ in range(6):  # on the parse lists, as _governed_by_report_verb
        if lower[k] in starts:
            return doc[k]
        mark = next(
            (
                c
                for c in p.children[k]
                if p.dep[c] == "mark" and lower[c] in starts and c < span.start
            ),
            None,
        )
        if mark is not None:
            return doc[mark]
        if p.pos[k] in ("VERB", "AUX"):
            return None
        k = p.head[k]
    return None


def _verb_of(since: Token) -> Token:
    """What a 'since' phrase or clause hangs on: a verb, a noun, a headline's root."""
    return since.head.head if since.dep_ == "mark" else since.head


def _on_main_clause(dw: DateWords, ctx: ArticleContext, since: Token) -> bool:
    """'Thousands have been killed since 2015': the period bounds the sentence's main
    predicate (or what a 'said' reports), not a relative clause ('the group, which has fought
    since 2015, attacked ...')."""
    tok = _verb_of(since)
    if tok.dep_ == "ROOT":
        return True  # the main verb, or a headline's noun: '488 murders since January 1'
    if tok.pos_ not in ("VERB", "AUX"):
        return False  # 'the first time since 2011', 'the deadliest attack since 2015'
    reported = tok.dep_ == "ccomp" and tok.head.dep_ == "ROOT"
    return reported and tok.head.lemma_.lower() in dw.report_verbs


def _event_candidates(
    dw: DateWords,
    ctx: ArticleContext,
    sentence_index: int,
    by_sentence: dict[int, list[DateMention]],
) -> list[DateMention]:
    own = by_sentence.get(sentence_index)
    if not own:
        return []  # most sentences have no date: skip the dateline and blocker checks
    blockers = dw.anchor_blockers
    dateline = dateline_end(ctx.text)  # its date is the publication's, not an event's
    own = [m for m in own if m.start >= dateline]
    good = [
        m
        for m in own
        if _word_before(ctx.text, m.start) not in blockers and _period_start(dw, ctx, m) is None
    ]
    preferred = [m for m in good if not _governed_by_report_verb(dw, ctx, m)]
    return preferred or good


def _paragraph_start(ctx: ArticleContext, char: int) -> int:
    i = ctx.text.rfind("\n", 0, char)
    return i + 1


def _present_frame(ctx: ArticleContext, sentence_index: int) -> bool:
    """Present or present perfect ('are dead', 'have been killed'): it is today's news."""
    sent = ctx.sentences[sentence_index]
    root = sent.root
    tags = {root.tag_} | {c.tag_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    return bool(tags & {"VBP", "VBZ"})


@dataclass
class _DateIndex:
    """One article's dates by sentence, and each sentence's chosen date, worked out once: the
    look back of event_date may visit every earlier sentence of a long paragraph for every
    event, which made long texts quadratic."""

    dates: list[DateMention]  # the list it was built from (a caller may pass another)
    by_sentence: dict[int, list[DateMention]]
    words: DateWords
    size: int  # len(dates) when built: a list that grew since needs a new index
    picked: dict[int, DateMention | None] = field(default_factory=dict)

    def pick(self, ctx: ArticleContext, sentence_index: int) -> DateMention | None:
        if sentence_index not in self.picked:
            usable = [
                m
                for m in _event_candidates(self.words, ctx, sentence_index, self.by_sentence)
                if m.date is not None or m.vague
            ]
            self.picked[sentence_index] = (
                min(usable, key=lambda m: (m.vague, m.time_precision, m.start)) if usable else None
            )
        return self.picked[sentence_index]


def _date_index(ctx: ArticleContext, dates: list[DateMention], dw: DateWords) -> _DateIndex:
    """The article's index, kept in its context's memo for the events that ask after it."""
    got = ctx.memo.get("date_index")
    if got is None or got.dates is not dates or len(got.dates) != got.size or got.words is not dw:
        by_sentence: dict[int, list[DateMention]] = {}
        for m in dates:
            by_sentence.setdefault(m.sentence, []).append(m)
        got = ctx.memo["date_index"] = _DateIndex(dates, by_sentence, dw, len(dates))
    return got


# A period that began this week is the news itself, not background.
_RECENT_DAYS = 7


def _period_only(
    dw: DateWords, ctx: ArticleContext, sentence_index: int, mentions: list[DateMention]
) -> bool:
    """The sentence's main predicate runs over a period from a start ('have been killed since
    the war began', 'since 2015'): a total, not a dated event; the day must not be inherited
    either. A 'since' clause with no date counts when the main verb is perfect ('have died
    since the siege began'): causal 'since' does not take the perfect."""
    pub = ctx.article.published
    dated: set[int] = set()  # the 'since' of a date: judged by that date
    for m in mentions:
        since = _period_start(dw, ctx, m)
        if since is not None:
            dated.add(since.i)
        if since is None or not _on_main_clause(dw, ctx, since):
            continue
        if pub is not None and m.date is not None and (pub - m.date).days <= _RECENT_DAYS:
            continue  # 'strikes since yesterday', '18 dead since Sunday': this week's news
        return True
    sent = ctx.sentences[sentence_index]
    starts = dw.period_starts
    doc = ctx.doc
    # Span.text joins the sentence's tokens on every access; the slice is the same string
    low = doc_text(doc)[sent.start_char : sent.end_char].lower()
    if not any(w in low for w in starts):
        return False
    lower, dep = doc_tokens(doc).lower, doc_parse(doc).dep
    for k in range(sent.start, sent.end):
        if k in dated or lower[k] not in starts or dep[k] not in ("prep", "mark"):
            continue
        tok = doc[k]
        if _on_main_clause(dw, ctx, tok):
            verb = _verb_of(tok)
            if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children):
                return True
    return False


def event_date(
    ctx: ArticleContext, sentence_index: int, dates: list[DateMention], words: DateWords
) -> tuple[dt.date | None, int, list[str]]:
    """The event date for an event reported in sentence `sentence_index`, by the date words
    their owner (the Pipeline, through the event coder) loaded.

    Rules (ACLED-conservative; precision 1 day, 2 week, 3 month):
    1. The sentence's own expression, preferring one that is not the date of a 'said' and not
       the start of a period ('since March 3'); the most precise wins, then the earliest.
       A period gives its first day with the period's precision.
    2. If that expression is vaguer than a month ('in recent months'): the publication date,
       precision 3, flag 'vague-date'. If the sentence's only dates start a period that its
       main predicate runs over ('have been killed since 2015', 'since the war began'): the
       same, flags 'vague-date' and 'since-date' (a total, not a dated event).
    3. Otherwise the nearest earlier sentence of the same paragraph that has a date
       (flag 'inherited-date'), then the article's lead sentence date (flag 'lead-date').
    4. Otherwise the publication date: precision 1 when the sentence is in the present or
       present perfect ('have been killed': today's news), else 2 (a recent past within the
       week), flag 'publication-date'. Without a publication date: (None, 3, ['no-date']).
    """
    pub = ctx.article.published

    index = _date_index(ctx, dates, words)
    def pick(i: int) -> DateMention | None:
        return index.pick(ctx, i)

    own = pick(sentence_index)
    if own is not None:
        if own.vague or own.date is None:
            return pub, 3, ["vague-date"]
        return own.date, own.time_precision, []
    if _period_only(words, ctx, sentence_index, index.by_sentence.get(sentence_index, [])):
        return pub, 3, ["vague-date", "since-date"]
    sents = ctx.sentences
    para = _paragraph_start(ctx, sents[sentence_index].start_char)
    for j in range(sentence_index - 1, -1, -1):
        if sents[j].start_char < para:
            break
        prev = pick(j)
        if prev is not None and not prev.vague and prev.date is not None:
            return prev.date, prev.time_precision, ["inherited-date"]
    for j in range(min(2, sentence_index)):
        lead = pick(j)
        if lead is not None and not lead.vague and lead.date is not None:
            return lead.date, lead.time_precision, ["lead-date"]
    if pub is None:
        return None, 3, ["no-date"]
    return pub, 1 if _present_frame(ctx, sentence_index) else 2, ["publication-date"]
