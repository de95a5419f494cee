"""Real text for `frontwire eval casualties`: fixed, seeded, stratified samples of ACLED notes
and UCDP GED headlines from the training folder, scored in aggregate only.

- ACLED notes (`acled_events_notes.jsonl.gz`): `fatalities` is ACLED's coded toll. ACLED codes
  tolls it cannot read by convention (see docs/evaluation/casualty-conventions.md), so killed
  exact is given over all notes and over the notes whose text *states* a toll (a number, or
  'a'/'an', next to a death word) or says no one died; and apart, over the notes with no
  death word at all, where the right answer is 0. Rows with `eval_overlap_flag` are skipped.
  ACLED's terms forbid redistribution: no note text is printed or stored.
- UCDP GED (`ucdp_ged_events.jsonl.gz`, CC BY 4.0): rows with one source headline (no ';').
  `best` is an event-level estimate that a headline need not state, so agreement is given on
  all rows and on the rows whose headline has a death word and a number.

The samples depend only on the files and the seed, so every run scores the same texts.
"""

from __future__ import annotations

import random
import re
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from frontwire.eval.gold import iter_jsonl, train_dir
from frontwire.events.figures import FigureWords, words_to_int

ACLED_FILE = "acled_events_notes.jsonl.gz"
UCDP_FILE = "ucdp_ged_events.jsonl.gz"
SEED = 15
SAMPLE_SIZE = 400

Predict = Callable[[list[str]], list[tuple[int, int]]]

_DEATH = r"(?:kill(?:ed|ing|s)?|dead|died|dies|deaths?|fatalit(?:y|ies)|slain|lynched|beheaded)"
_DEATH_WORD = re.compile(rf"\b{_DEATH}\b", re.I)
_NUMBER = (
    r"(?:\d[\d,]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|hundred)"
)
# a number within five words of a death word, on either side, in one sentence
_STATED = re.compile(
    rf"\b{_NUMBER}\b(?:[^.;]\S*\s+){{0,5}}?\S*{_DEATH}|{_DEATH}\b(?:\s+\S+){{0,5}}?\s+{_NUMBER}\b",
    re.I,
)
_NONE = re.compile(
    r"\bno (?:one|fatalities|casualties|deaths|injuries|reported (?:fatalities|casualties))\b|"
    r"\bnobody\b|\bwithout (?:any )?(?:casualties|fatalities)\b",
    re.I,
)
_VAGUE = re.compile(
    r"\b(?:several|dozens|scores|hundreds|thousands|many|some|a few|unknown number|"
    r"number of)\b(?:\s+\S+){0,4}?\s+(?:were\s+)?" + _DEATH,
    re.I,
)


def _stratified(rows: list[dict], outer: str, inner: str, n: int, seed: int) -> list[dict]:
    """n rows spread evenly over `outer` values, and within each round-robin over `inner`
    values (both in a seeded order), so no country or class dominates."""
    rng = random.Random(seed)
    by_outer: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        by_outer[str(r.get(outer))][str(r.get(inner))].append(r)
    outers = sorted(by_outer)
    quota = {o: n // len(outers) + (i < n % len(outers)) for i, o in enumerate(outers)}
    picked: list[dict] = []
    for o in outers:
        buckets = [by_outer[o][k] for k in sorted(by_outer[o])]
        for b in buckets:
            rng.shuffle(b)
        rng.shuffle(buckets)
        taken = 0
        depth = 0
        while taken < quota[o] and any(len(b) > depth for b in buckets):
            for b in buckets:
                if taken < quota[o] and len(b) > depth:
                    picked.append(b[depth])
                    taken += 1
            depth += 1
    return picked


def acled_sample(path: Path, n: int = SAMPLE_SIZE, seed: int = SEED) -> list[dict]:
    """ACLED notes over event types (even shares) and countries (round-robin)."""
    rows = [
        r
        for r in iter_jsonl(path)
        if r.get("notes") and r.get("eval_overlap_flag") is None and r.get("fatalities") is not None
    ]
    return _stratified(rows, "event_type", "country", n, seed)


def ucdp_sample(path: Path, n: int = SAMPLE_SIZE, seed: int = SEED) -> list[dict]:
    """UCDP rows with a single source headline, over violence types and countries."""
    rows = [
        r
        for r in iter_jsonl(path)
        if (r.get("source_headline") or "").strip() and ";" not in r["source_headline"]
    ]
    return _stratified(rows, "type_of_violence", "country", n, seed)


def acled_kind(notes: str) -> str:
    """'stated' (the text gives a toll or says no one died), 'vague' (only 'several killed'
    and the like), 'silent' (no death word), or 'other' (a death word without a number)."""
    if _NONE.search(notes) or _STATED.search(notes):
        return "stated"
    if _VAGUE.search(notes):
        return "vague"
    return "silent" if not _DEATH_WORD.search(notes) else "other"


def _pct(n: int, d: int) -> str:
    return f"{n / d:.3f} ({n}/{d})" if d else "n/a"


def _acled_lines(rows: list[dict], killed: list[int], secs: float) -> list[str]:
    gold = [int(r["fatalities"]) for r in rows]
    kinds = [acled_kind(r["notes"]) for r in rows]
    lines = [
        f"## ACLED notes, real text ({len(rows)} notes; {secs:.1f} s)",
        "",
        f"Seeded ({SEED}) sample stratified over event types and countries, rows with "
        "`eval_overlap_flag` left out. Gold: ACLED's `fatalities`. Killed exact by what the "
        "note's text says (no text is printed).",
        "",
        "| notes | count | killed exact | within ±1 | we say 0, ACLED > 0 | we say > 0, ACLED 0 |",
        "|---|---|---|---|---|---|",
    ]
    groups = [
        ("all", lambda k: True),
        ("stated (a number or none)", lambda k: k == "stated"),
        ("silent (no death word)", lambda k: k == "silent"),
        ("vague ('several killed')", lambda k: k == "vague"),
        ("death word, no number", lambda k: k == "other"),
    ]
    for name, keep in groups:
        idx = [i for i, k in enumerate(kinds) if keep(k)]
        d = len(idx)
        lines.append(
            f"| {name} | {d} | {_pct(sum(killed[i] == gold[i] for i in idx), d)} | "
            f"{_pct(sum(abs(killed[i] - gold[i]) <= 1 for i in idx), d)} | "
            f"{_pct(sum(killed[i] == 0 < gold[i] for i in idx), d)} | "
            f"{_pct(sum(gold[i] == 0 < killed[i] for i in idx), d)} |"
        )
    return lines


def _has_number(text: str) -> bool:
    return re.search(rf"\b{_NUMBER}\b", text, re.I) is not None


def _numbers(text: str, words: FigureWords) -> set[int]:
    """The numbers a headline writes ('12', '1,200', 'twelve', 'twenty-five')."""
    out = set()
    for word in re.findall(r"[\w,-]+", text):
        w = word.strip(",-").lower()
        value = int(w.replace(",", "")) if re.fullmatch(r"\d[\d,]*", w) else None
        if value is None and w:
            value = words_to_int(words, [w]) if w not in ("a", "an") else None
        if value is not None:
            out.add(value)
    return out


def _ucdp_lines(
    rows: list[dict], killed: list[int], secs: float, words: FigureWords
) -> list[str]:
    gold = [int(r["best"]) for r in rows]
    heads = [r["source_headline"] for r in rows]
    lines = [
        f"## UCDP GED single headlines, real text ({len(rows)} rows; {secs:.1f} s)",
        "",
        f"Seeded ({SEED}) sample stratified over violence types and countries. `best` is "
        "UCDP's event-level estimate, which a headline need not state: disagreement is "
        "expected on rows without a stated toll. Most rows above `best` sum several events "
        "(a day's toll over a province or a country, split by UCDP into one event per place): "
        "the last row keeps the headlines that write UCDP's `best` as one of their numbers "
        "(a distant label: the number a reader of this headline alone can give).",
        "",
        "| rows | count | exact | within ±1 | within [low, high] | we say 0, UCDP > 0 | "
        "ours above best |",
        "|---|---|---|---|---|---|---|",
    ]
    groups = [
        ("all", lambda i: True),
        (
            "death word and a number",
            lambda i: bool(_DEATH_WORD.search(heads[i])) and _has_number(heads[i]),
        ),
        (
            "death word, states `best`",
            lambda i: bool(_DEATH_WORD.search(heads[i])) and gold[i] in _numbers(heads[i], words),
        ),
    ]
    for name, keep in groups:
        idx = [i for i in range(len(heads)) if keep(i)]
        d = len(idx)
        in_range = sum(int(rows[i]["low"]) <= killed[i] <= int(rows[i]["high"]) for i in idx)
        lines.append(
            f"| {name} | {d} | {_pct(sum(killed[i] == gold[i] for i in idx), d)} | "
            f"{_pct(sum(abs(killed[i] - gold[i]) <= 1 for i in idx), d)} | "
            f"{_pct(in_range, d)} | {_pct(sum(killed[i] == 0 < gold[i] for i in idx), d)} | "
            f"{_pct(sum(killed[i] > gold[i] for i in idx), d)} |"
        )
    return lines


def ucdp_text(headline: str) -> str:
    """A headline as the extractor reads it: one sentence, ending in a full stop."""
    text = headline.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def real_report(
    predict: Predict, limit: int | None = None, words: FigureWords | None = None
) -> str:
    """The ACLED and UCDP sections, or one line saying why they are missing. `words`: the
    number words the caller loaded, loaded here when not given."""
    folder = train_dir()
    parts: list[str] = []
    n = limit or SAMPLE_SIZE
    acled, ucdp = folder / ACLED_FILE, folder / UCDP_FILE
    if acled.exists():
        rows = acled_sample(acled, n)
        t0 = time.perf_counter()
        killed = [k for k, _ in predict([r["notes"] for r in rows])]
        parts += _acled_lines(rows, killed, time.perf_counter() - t0) + [""]
    else:
        parts.append(f"ACLED notes not found at {acled} (set FRONTWIRE_TRAIN_DIR): skipped.\n")
    if ucdp.exists():
        rows = ucdp_sample(ucdp, n)
        t0 = time.perf_counter()
        killed = [k for k, _ in predict([ucdp_text(r["source_headline"]) for r in rows])]
        parts += _ucdp_lines(rows, killed, time.perf_counter() - t0, words or FigureWords.load())
    else:
        parts.append(f"UCDP GED not found at {ucdp} (set FRONTWIRE_TRAIN_DIR): skipped.")
    return "\n".join(parts).rstrip()
