"""`frontwire eval casualties [FILE…]`: score fatalities and injuries.

Two kinds of gold file, told apart by their fields:
- the team's set (`fatalities`, `injuries`; tests/data/casualties_gold.jsonl, rules in
  tests/data/CASUALTIES_GUIDE.md): each text is one event; exact-match accuracy of
  fatalities, of injuries and of both, per tag, and every miss (the texts are ours);
- UCDP GED (`deaths_best`), for information only: its headlines often sum several events or
  name none, so only aggregate agreement is reported (exact, within ±1, how often we say 0
  where UCDP has deaths), over the English rows. No UCDP item is printed.

With no file given, it also measures real text from the training data
(FRONTWIRE_TRAIN_DIR, default ../shared/train; see casualty_samples.py): a fixed, seeded,
stratified sample of ACLED notes (killed exact against ACLED's `fatalities`, over all notes
and over the notes whose text states a toll or says no one died) and of single UCDP GED
headlines. Only aggregate figures are printed: ACLED text never leaves the training folder.

Every text is parsed once; its figures go through the same `count_casualties` the event coder
uses, with all its sentences as the event's.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from pathlib import Path

from frontwire.eval.casualty_samples import real_report
from frontwire.eval.gold import eval_dir, read_jsonl
from frontwire.events.casualties import CasualtyWords, count_casualties
from frontwire.events.figures import find_figures
from frontwire.model import Article
from frontwire.text.context import ArticleContext
from frontwire.text.nlp import load_nlp, model_name

TEAM_GOLD = Path(__file__).resolve().parents[3] / "tests" / "data" / "casualties_gold.jsonl"
TARGET = 0.95
_DEATH_WORD = re.compile(r"\b(?:kill\w*|dead|died|dies|death\w*|slain)\b", re.I)


def _default_paths() -> tuple[list[Path], list[str]]:
    """The team set and the dev UCDP file, with a note for each one that is missing."""
    paths, notes = [], []
    if TEAM_GOLD.exists():
        paths.append(TEAM_GOLD)
    else:
        notes.append(f"Team gold set not found at {TEAM_GOLD} (it ships with the repository).")
    dev = eval_dir()
    if (dev / "ukraine_ucdp.jsonl").exists():
        paths.append(dev / "ukraine_ucdp.jsonl")
    else:
        notes.append(
            f"UCDP Ukraine dev gold not found in {dev} (the evaluation data is kept outside "
            "the project; set FRONTWIRE_EVAL_DIR to its folder): skipped."
        )
    return paths, notes


def _predict(
    texts: list[str], model: str | None, words: CasualtyWords | None = None
) -> list[tuple[int, int]]:
    """(killed, injured) per text; `words` are the caller's, loaded here when not given."""
    nlp = load_nlp(model)
    words = words or CasualtyWords.load()
    out = []
    for i, doc in enumerate(nlp.pipe(texts, batch_size=64)):
        ctx = ArticleContext(Article(id=f"eval-{i}", text=doc.text), doc)
        every = list(range(len(ctx.sentences)))
        out.append(count_casualties(ctx, every, find_figures(ctx, words), words))
    return out


def _headlines(text: str) -> str:
    parts = [p.strip().rstrip(".") for p in text.split(";") if p.strip() not in ("", "-")]
    return ".\n".join(parts) + "." if parts else text


def _pct(n: int, d: int) -> str:
    return f"{n / d:.3f} ({n}/{d})" if d else "n/a"


def _team_report(path: Path, rows: list[dict], preds: list[tuple[int, int]], secs: float) -> str:
    n = len(rows)
    ok_f = [p[0] == r["fatalities"] for r, p in zip(rows, preds, strict=True)]
    ok_i = [p[1] == r["injuries"] for r, p in zip(rows, preds, strict=True)]
    both = [a and b for a, b in zip(ok_f, ok_i, strict=True)]
    splits = sorted({r.get("split", "dev") for r in rows})
    lines = [
        f"## Team gold set: `{path.name}`",
        "",
        f"{n} texts written and annotated by the team (rules: tests/data/CASUALTIES_GUIDE.md); "
        f"{secs:.1f} s, {1000 * secs / max(n, 1):.1f} ms per text (parse included). "
        "Each `heldout*` split was written and annotated before any run and scored once as an "
        "honest estimate; its misses were then used to improve the rules, so today only the "
        "first-run scores (in the guide's measurement history) say how the rules generalise.",
        "",
        "| split | texts | fatalities | injuries | both |",
        "|---|---|---|---|---|",
    ]
    for split in [*splits, "all"]:
        idx = [i for i, r in enumerate(rows) if split in ("all", r.get("split", "dev"))]
        k = len(idx)
        lines.append(
            f"| {split} | {k} | {_pct(sum(ok_f[i] for i in idx), k)} | "
            f"{_pct(sum(ok_i[i] for i in idx), k)} | {_pct(sum(both[i] for i in idx), k)} |"
        )
    lines += [
        "",
        f"Target: ≥ {TARGET} on both. {'Met' if n and sum(both) / n >= TARGET else 'Not met'} "
        "on all texts together.",
        "",
        "| tag | texts | both right |",
        "|---|---|---|",
    ]
    per_tag: dict[str, list[bool]] = defaultdict(list)
    for r, ok in zip(rows, both, strict=True):
        for tag in r.get("tags", []):
            per_tag[tag].append(ok)
    for tag in sorted(per_tag, key=lambda t: (-len(per_tag[t]), t)):
        oks = per_tag[tag]
        lines.append(f"| {tag} | {len(oks)} | {sum(oks) / len(oks):.2f} |")
    misses = [(r, p) for r, p, ok in zip(rows, preds, both, strict=True) if not ok]
    lines += ["", f"### Misses ({len(misses)})", ""]
    if misses:
        lines += ["| id | gold (k, i) | ours (k, i) | text |", "|---|---|---|---|"]
        misses.sort(key=lambda m: (m[0].get("split", "dev") != "heldout", m[0]["id"]))
        for r, p in misses:
            text = r["text"].replace("|", "\\|")
            lines.append(
                f"| {r['id']} | {r['fatalities']}, {r['injuries']} | {p[0]}, {p[1]} | {text} |"
            )
    return "\n".join(lines)


def _ucdp_report(path: Path, rows: list[dict], preds: list[tuple[int, int]], secs: float) -> str:
    n = len(rows)
    gold = [r["deaths_best"] for r in rows]
    ours = [p[0] for p in preds]
    pairs = list(zip(gold, ours, strict=True))
    exact = sum(g == o for g, o in pairs)
    near = sum(abs(g - o) <= 1 for g, o in pairs)
    zero_vs_pos = sum(o == 0 and g > 0 for g, o in pairs)
    pos_vs_zero = sum(o > 0 and g == 0 for g, o in pairs)
    over = sum(o > g for g, o in pairs)
    under = sum(o < g for g, o in pairs)
    deadly = [
        (g, o) for r, (g, o) in zip(rows, pairs, strict=True) if _DEATH_WORD.search(r["text"])
    ]
    in_range = sum(
        r.get("deaths_low", r["deaths_best"]) <= o <= r.get("deaths_high", r["deaths_best"])
        for r, o in zip(rows, ours, strict=True)
    )
    return "\n".join(
        [
            f"## UCDP GED, English rows: `{path.name}` (for information)",
            "",
            f"{n} rows; {secs:.1f} s. UCDP counts deaths of one event at one place; its "
            "`text` is the source headline(s), which often sum several events or give no "
            "number, so disagreement here is expected and is not a target.",
            "",
            "| measure | value |",
            "|---|---|",
            f"| exact (ours == deaths_best) | {_pct(exact, n)} |",
            f"| within ±1 | {_pct(near, n)} |",
            f"| within [deaths_low, deaths_high] | {_pct(in_range, n)} |",
            f"| we say 0, UCDP > 0 | {_pct(zero_vs_pos, n)} |",
            f"| we say > 0, UCDP 0 | {_pct(pos_vs_zero, n)} |",
            f"| ours above deaths_best | {_pct(over, n)} |",
            f"| ours below deaths_best | {_pct(under, n)} |",
            "",
            f"Rows whose text has a death word (kill, dead, die, death, slain): {len(deadly)}.",
            "",
            "| measure (rows with a death word) | value |",
            "|---|---|",
            f"| exact | {_pct(sum(g == o for g, o in deadly), len(deadly))} |",
            f"| within ±1 | {_pct(sum(abs(g - o) <= 1 for g, o in deadly), len(deadly))} |",
            f"| we say 0, UCDP > 0 | {_pct(sum(o == 0 < g for g, o in deadly), len(deadly))} |",
            f"| ours above deaths_best | {_pct(sum(o > g for g, o in deadly), len(deadly))} |",
        ]
    )


def main(
    paths: list[Path] | None = None, *, model: str | None = None, limit: int | None = None
) -> str:
    """Score every gold file; return one Markdown report."""
    parts = [
        "# Casualties evaluation",
        "",
        f"spaCy model: `{model_name(model)}`. Rules: ACLED-conservative "
        "(src/frontwire/events/casualties.py).",
    ]
    notes: list[str] = []
    real = not paths  # with no file given, the real-text samples are scored too
    if not paths:
        paths, notes = _default_paths()
    parts += [f"\n{n}" for n in notes]
    words = CasualtyWords.load()  # one copy for every file and sample
    for path in paths:
        rows = read_jsonl(path, limit)
        if rows and "fatalities" in rows[0]:
            t0 = time.perf_counter()
            preds = _predict([r["text"] for r in rows], model, words)
            parts += ["", _team_report(Path(path), rows, preds, time.perf_counter() - t0)]
        elif rows and "deaths_best" in rows[0]:
            rows = [r for r in rows if r.get("language", "en") == "en"]
            t0 = time.perf_counter()
            # ';' joins separate headlines: make each its own sentence (one report each)
            preds = _predict([_headlines(r["text"]) for r in rows], model, words)
            parts += ["", _ucdp_report(Path(path), rows, preds, time.perf_counter() - t0)]
        else:
            raise ValueError(f"{path}: expected `fatalities` or `deaths_best` fields")
    if real:

        def predict(texts: list[str]) -> list[tuple[int, int]]:
            return _predict(texts, model, words)

        parts += ["", real_report(predict, limit, words.figures)]
    return "\n".join(parts) + "\n"
