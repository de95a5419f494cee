"""Train the event coder's linear model on the team-written sentences.

`python -m frontwire.events.train [--cv] [--out PATH]` parses
data/events/train/sentences.jsonl with the configured spaCy model, extracts the same
features the coder uses at run time (lemma unigrams and bigrams, role classes, the role
class of each verb's subject; trigger ids are left out so the model adds evidence the
lexicon does not already give), fits an L2-regularised softmax regression with Adam in
numpy (sparse, optionally weighted rows), and writes data/events/model.npz, or PATH
(`--out`: a candidate to measure before it replaces the shipped one). Never train on
../shared/eval. The same fitting code trains a user's local model from an ACLED export
(`frontwire.events.acled_train`).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from frontwire.events.lexicon import Lexicon
from frontwire.events.linear import MODEL_FILE, features
from frontwire.events.trainset import train_dir

MIN_COUNT = 2
EPOCHS = 300
LR = 0.05
L2 = 1e-3
L2_GRID = (1e-3, 3e-3, 1e-2, 3e-2)
SEED_CV = 20261207


def featurize(nlp, lexicon: Lexicon, texts: list[str]) -> list[list[str]]:
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        feats: list[str] = []
        for s in doc.sents:
            view = lexicon.view(s)
            feats += features(view, [])
        out.append(feats)
    return out


@dataclass
class Design:
    """Binary bag-of-features rows in CSR form (numpy only: no scipy at run time)."""

    vocab: list[str]
    indices: np.ndarray  # feature index of each stored entry
    indptr: np.ndarray  # row i's entries are indices[indptr[i]:indptr[i + 1]]

    @classmethod
    def build(cls, feats: list[list[str]], vocab: list[str] | None = None) -> Design:
        if vocab is None:
            counts = Counter(f for fs in feats for f in set(fs))
            vocab = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
        index = {f: i for i, f in enumerate(vocab)}
        rows = [sorted({index[f] for f in fs if f in index}) for fs in feats]
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(r) for r in rows])
        flat = [i for r in rows for i in r]
        return cls(vocab, np.array(flat, dtype=np.int64), indptr)

    def subset(self, rows: np.ndarray) -> Design:
        parts = [self.indices[self.indptr[i] : self.indptr[i + 1]] for i in rows]
        indptr = np.zeros(len(parts) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(p) for p in parts])
        flat = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        return Design(self.vocab, flat, indptr)

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def row_of_entry(self) -> np.ndarray:
        return np.repeat(np.arange(self.n_rows), np.diff(self.indptr))

    def scores(self, W: np.ndarray, b: np.ndarray) -> np.ndarray:
        """X @ W + b."""
        k = W.shape[1]
        cum = np.zeros((len(self.indices) + 1, k), dtype=W.dtype)
        np.cumsum(W[self.indices], axis=0, out=cum[1:])
        return cum[self.indptr[1:]] - cum[self.indptr[:-1]] + b


def fit(
    X: Design,
    y: np.ndarray,
    k: int,
    weights: np.ndarray | None = None,
    epochs: int = EPOCHS,
    l2: float = L2,
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted, L2-regularised softmax regression (full-batch Adam)."""
    n, v = X.n_rows, len(X.vocab)
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    w = w / w.sum()
    W = np.zeros((v, k), dtype=np.float64)
    b = np.zeros(k, dtype=np.float64)
    Y = np.eye(k)[y]
    rows = X.row_of_entry()
    mw, vw = np.zeros_like(W), np.zeros_like(W)
    mb, vb = np.zeros_like(b), np.zeros_like(b)
    for t in range(1, epochs + 1):
        Z = X.scores(W, b)
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = (P - Y) * w[:, None]
        Ge = G[rows]
        gW = np.stack([np.bincount(X.indices, Ge[:, c], minlength=v) for c in range(k)], 1)
        gW += l2 * W
        gb = G.sum(axis=0)
        for p, g, m, s in ((W, gW, mw, vw), (b, gb, mb, vb)):
            m *= 0.9
            m += 0.1 * g
            s *= 0.999
            s += 0.001 * g * g
            p -= LR * (m / (1 - 0.9**t)) / (np.sqrt(s / (1 - 0.999**t)) + 1e-8)
    return W, b


def folds_of(y: np.ndarray, k: int, seed: int) -> np.ndarray:
    """Stratified fold number of each row (deterministic)."""
    rng = np.random.default_rng(seed)
    fold = np.zeros(len(y), dtype=np.int64)
    for c in np.unique(y):
        idx = np.flatnonzero(y == c)
        rng.shuffle(idx)
        fold[idx] = np.arange(len(idx)) % k
    return fold


def save_model(
    out: Path, classes: list[str], vocab: list[str], W: np.ndarray, b: np.ndarray, **meta: str
) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out,
        classes=np.array(classes),
        vocab=np.array(vocab),
        W=W.astype(np.float32),
        b=b.astype(np.float32),
        **{f"meta_{k}": np.array(v) for k, v in meta.items()},
    )


def team_rows() -> list[dict]:
    """The team-written training sentences ({"text", "sub"}), shipped in the package."""
    with (train_dir() / "sentences.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(x) for x in fh if x.strip()]


def template_cv(
    X: Design, y: np.ndarray, groups: list[str], k: int, folds: int = 5, l2: float = L2
) -> float:
    """Accuracy on sentences from templates held out whole (k folds of templates): how the
    model does on phrasing it never saw, not on new slot fillers of a seen template."""
    names = sorted(set(groups))
    rng = np.random.default_rng(SEED_CV)
    order = rng.permutation(len(names))
    fold_of = {names[j]: n % folds for n, j in enumerate(order)}
    fold = np.array([fold_of[g] for g in groups])
    right = 0
    for f in range(folds):
        test, train = np.flatnonzero(fold == f), np.flatnonzero(fold != f)
        W, b = fit(X.subset(train), y[train], k, l2=l2)
        right += int((X.subset(test).scores(W, b).argmax(axis=1) == y[test]).sum())
    return right / len(y)


def main(argv: list[str] | None = None) -> None:
    import sys

    from frontwire.text.nlp import load_nlp

    args = sys.argv[1:] if argv is None else argv
    rows = team_rows()
    lexicon = Lexicon.load()
    feats = featurize(load_nlp(), lexicon, [r["text"] for r in rows])
    X = Design.build(feats)
    classes = sorted({r["sub"] for r in rows})
    cidx = {c: i for i, c in enumerate(classes)}
    y = np.array([cidx[r["sub"]] for r in rows])
    l2 = L2
    if "--cv" in args:  # choose the L2 weight by cross-validation over held-out templates
        groups = [r.get("template", r["text"]) for r in rows]
        accs = {c: template_cv(X, y, groups, len(classes), l2=c) for c in L2_GRID}
        l2 = max(accs, key=lambda c: accs[c])
        print(
            "template-held-out CV accuracy by L2: "
            + ", ".join(f"{c:g}: {a:.3f}" for c, a in accs.items())
            + f" -> L2 {l2:g}"
        )
    W, b = fit(X, y, len(classes), l2=l2)
    acc = float((X.scores(W, b).argmax(axis=1) == y).mean())
    # `--out PATH`: write a candidate elsewhere, so it can be measured against the shipped one
    out = Path(args[args.index("--out") + 1]) if "--out" in args else None
    out = out or Path(str(train_dir().parent / MODEL_FILE))
    save_model(out, classes, X.vocab, W, b, data="team-written templates", l2=f"{l2:g}")
    print(
        f"{len(rows)} sentences, {len(X.vocab)} features, {len(classes)} classes, "
        f"train accuracy {acc:.3f} -> {out}"
    )


if __name__ == "__main__":
    main()
