"""`frontwire train events --acled EXPORT.csv`: a user's LOCAL sub-event model.

ACLED's terms forbid redistributing its data, so no shipped model sees ACLED rows. A user who
holds an ACLED licence can train the coder's linear model on their own export: the notes
(ACLED's prose) labelled with `sub_event_type`, plus the team-written sentences shipped in
the package (which also teach the "not an ACLED event" class). The model is written outside
the package and used when configured ($FRONTWIRE_EVENTS_MODEL, see `classifier.py`).

ACLED data is skewed (one country or protests can make half of an export): each sub-event
type is capped, filled round-robin over countries, and rows are weighted so every type
counts about the same. Rows of the fixed measurement sample (`eval.acled_sample`) are left
out, so the evaluations never score a local model on notes it saw.
"""

from __future__ import annotations

import csv
import os
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from frontwire.eval.acled_sample import in_frames_sample
from frontwire.events.classifier import SentenceClassifier
from frontwire.events.linear import LinearModel, features
from frontwire.events.taxonomy import Taxonomy
from frontwire.events.train import Design, fit, folds_of, save_model, team_rows

REQUIRED = ("notes", "sub_event_type")
PER_TYPE = 300  # rows kept per sub-event type at most
SEED = 20261207
TEAM_WEIGHT = 0.5  # a team-written sentence counts this much against an ACLED note
# By default the local model only re-weighs the types the triggers propose (as the shipped
# one does): on news text that is safer. `open_classes`: it may also propose types no trigger
# supports, which pays on text like the export's own notes; the weight of its
# log-probabilities against the trigger scores is then chosen among MIX_GRID by
# cross-validation on the export (with --folds), DEFAULT_MIX otherwise.
CLOSED_MIX = 0.5
DEFAULT_MIX = 2.0
MIX_GRID = (0.5, 1.0, 2.0, 4.0)
MAX_CLASS_WEIGHT = 4.0  # a rare type's rows weigh at most this much more
# "[size=no report]" tags and the trailing "(admin2, admin1)" are ACLED's bookkeeping,
# not evidence of the event's kind
_TAGS = re.compile(r"\[[^\]]*\]|\([^()]*,[^()]*\)\s*\.?\s*$")


def default_model_path() -> Path:
    """Where a local model goes by default: the user's data directory, never the package."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "frontwire" / "events_model.npz"


def clean_note(text: str) -> str:
    return _TAGS.sub(" ", text).strip()


def read_export(path: Path) -> list[dict]:
    """The rows of an ACLED CSV export (ACLED's column names; other columns are kept)."""
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: not an ACLED export, missing column(s) {missing}")
        return list(reader)


@dataclass
class Selection:
    rows: list[dict]
    weights: list[float]
    left_out_sample: int
    left_out_unknown: int


def select_rows(
    rows: list[dict], taxonomy: Taxonomy, per_type: int = PER_TYPE, seed: int = SEED
) -> Selection:
    """Usable rows, capped per type and spread over countries, with class weights."""
    rng = random.Random(seed)
    by_type: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    in_sample = unknown = 0
    for r in rows:
        sub = (r.get("sub_event_type") or "").strip()
        if sub not in taxonomy.sub_events or not (r.get("notes") or "").strip():
            unknown += 1
            continue
        if in_frames_sample(r):
            in_sample += 1
            continue
        by_type[sub][(r.get("country") or "").strip()].append(r)
    kept: list[dict] = []
    for sub in sorted(by_type):
        countries = by_type[sub]
        queues = []
        for c in sorted(countries):
            q = list(countries[c])
            rng.shuffle(q)
            queues.append(q)
        taken: list[dict] = []
        while len(taken) < per_type and any(queues):  # round-robin over countries
            for q in queues:
                if q and len(taken) < per_type:
                    taken.append(q.pop())
        kept += taken
    size = Counter(r["sub_event_type"].strip() for r in kept)
    mean = sum(size.values()) / max(1, len(size))
    weights = [min(MAX_CLASS_WEIGHT, mean / size[r["sub_event_type"].strip()]) for r in kept]
    return Selection(kept, weights, in_sample, unknown)


@dataclass
class Parsed:
    """One text's parse, reduced to what training and scoring need."""

    feats: list[str]
    prefixed: str | None  # sub-event type named by a note prefix ("Arrests: ...")
    parts: list
    weights: list[float]


def parse_all(nlp, classifier: SentenceClassifier, texts: list[str]) -> list[Parsed]:
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        span = doc[:]
        pre = classifier.note_prefix(span)
        parts, weights = classifier.prepare(span)
        feats = [f for view, _ in parts for f in features(view, [])]
        out.append(Parsed(feats, pre.sub_event_type if pre else None, parts, weights))
    return out


def predict(classifier: SentenceClassifier, p: Parsed) -> str:
    if p.prefixed:
        return p.prefixed
    res = classifier.decide(p.parts, p.weights)
    return res.sub_event_type if res else "NONE"


def weighted_f1(gold: list[str], pred: list[str]) -> tuple[float, float]:
    """(weighted F1, accuracy)."""
    from frontwire.eval.events import averages, prf

    per = prf(gold, pred, sorted(set(gold)))
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(gold))
    return averages(per)[0], acc


@dataclass
class TrainResult:
    out: Path
    acled_rows: int
    team_rows: int
    left_out_sample: int
    left_out_unknown: int
    per_type: dict[str, int]
    cv: dict[str, float] | None


def train_local(
    export: Path,
    out: Path,
    nlp,
    *,
    per_type: int = PER_TYPE,
    folds: int = 0,
    seed: int = SEED,
    epochs: int = 300,
    open_classes: bool = False,
) -> TrainResult:
    """Train on the export (+ the team-written sentences) and write the model to `out`.
    With `folds` > 1, also report k-fold cross-validated sub-event figures on the export's
    rows (the full classifier: lexicon, rules and the fold's model)."""
    classifier = SentenceClassifier.load(use_model=False)
    sel = select_rows(read_export(export), classifier.taxonomy, per_type, seed)
    if not sel.rows:
        raise ValueError(f"{export}: no row with notes and a known ACLED sub-event type")
    team = team_rows()
    texts = [clean_note(r["notes"]) for r in sel.rows] + [r["text"] for r in team]
    labels = [r["sub_event_type"].strip() for r in sel.rows] + [r["sub"] for r in team]
    weights = np.array(sel.weights + [TEAM_WEIGHT] * len(team))
    parsed = parse_all(nlp, classifier, texts)
    classes = sorted(set(labels))
    cidx = {c: i for i, c in enumerate(classes)}
    y = np.array([cidx[lab] for lab in labels])
    X = Design.build([p.feats for p in parsed])
    cv = None
    mix = DEFAULT_MIX if open_classes else CLOSED_MIX
    if folds > 1:
        cv = _cross_validate(
            classifier, parsed, X, y, weights, classes, len(sel.rows), folds, epochs
        )
        if open_classes:
            mix = cv["mix"]
    W, b = fit(X, y, len(classes), weights, epochs=epochs)
    save_model(
        out,
        classes,
        X.vocab,
        W,
        b,
        data=f"ACLED export {Path(export).name} ({len(sel.rows)} notes) + team-written",
        mix=str(mix),
        open="1" if open_classes else "0",
    )
    return TrainResult(
        out,
        len(sel.rows),
        len(team),
        sel.left_out_sample,
        sel.left_out_unknown,
        dict(Counter(labels[: len(sel.rows)])),
        cv,
    )


def _cross_validate(classifier, parsed, X, y, weights, classes, n_acled, folds, epochs) -> dict:
    """k-fold CV over the ACLED rows (team sentences always train): the full classifier,
    with the model open (it may propose any type) at each weight of MIX_GRID, and closed
    (it only re-weighs the triggers' candidates, as the shipped model does)."""
    fold = folds_of(y[:n_acled], folds, SEED)
    modes = {f"open {m}": (m, True) for m in MIX_GRID} | {"closed": (None, False)}
    pred: dict[str, list[str]] = {k: [] for k in modes}
    gold, alone = [], []
    all_rows = np.arange(len(y))
    for f in range(folds):
        test = np.flatnonzero(fold == f)
        train = np.setdiff1d(all_rows, test)
        W, b = fit(X.subset(train), y[train], len(classes), weights[train], epochs=epochs)
        scores = X.subset(test).scores(W, b)
        for i, row in zip(test, scores, strict=True):
            gold.append(classes[y[i]])
            alone.append(classes[int(row.argmax())])
        for name, (mix, open_classes) in modes.items():
            classifier.model = LinearModel(
                classes, X.vocab, W, b, mix=mix, open_classes=open_classes
            )
            pred[name] += [predict(classifier, parsed[i]) for i in test]
    classifier.model = None
    figures = {name: weighted_f1(gold, p) for name, p in pred.items()}
    best = max((n for n in figures if n != "closed"), key=lambda n: figures[n][0])
    f1_alone, acc_alone = weighted_f1(gold, alone)
    return {
        "folds": folds,
        "mix": modes[best][0],
        "weighted_f1": figures[best][0],
        "accuracy": figures[best][1],
        "closed_weighted_f1": figures["closed"][0],
        "closed_accuracy": figures["closed"][1],
        "by_mode": {n: round(v[0], 3) for n, v in figures.items()},
        "model_alone_weighted_f1": f1_alone,
        "model_alone_accuracy": acc_alone,
    }
