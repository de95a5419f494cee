"""Train the event coder's linear model on the team-written sentences.

`python -m frontwire.events.train` parses data/events/train/sentences.jsonl with the
configured spaCy model, extracts the same features the coder uses at run time (lemma
unigrams and bigrams, role classes; trigger ids are left out so the model adds evidence the
lexicon does not already give), fits an L2-regularised softmax regression with Adam in
numpy, and writes data/events/model.npz. Never train on ../shared/eval.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np

from frontwire.events.lexicon import Lexicon
from frontwire.events.linear import MODEL_FILE, features
from frontwire.events.trainset import train_dir

MIN_COUNT = 2
EPOCHS = 300
LR = 0.05
L2 = 1e-3


def featurize(nlp, lexicon: Lexicon, texts: list[str]) -> list[list[str]]:
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        feats: list[str] = []
        for s in doc.sents:
            view = lexicon.view(s)
            feats += features(view, [])
        out.append(feats)
    return out


def fit(X: np.ndarray, y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    n, v = X.shape
    W = np.zeros((v, k), dtype=np.float64)
    b = np.zeros(k, dtype=np.float64)
    Y = np.eye(k)[y]
    mw, vw = np.zeros_like(W), np.zeros_like(W)
    mb, vb = np.zeros_like(b), np.zeros_like(b)
    for t in range(1, EPOCHS + 1):
        Z = X @ W + b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = (P - Y) / n
        gW = X.T @ G + L2 * W
        gb = G.sum(axis=0)
        for p, g, m, s in ((W, gW, mw, vw), (b, gb, mb, vb)):
            m *= 0.9
            m += 0.1 * g
            s *= 0.999
            s += 0.001 * g * g
            p -= LR * (m / (1 - 0.9**t)) / (np.sqrt(s / (1 - 0.999**t)) + 1e-8)
    return W, b


def main() -> None:
    from frontwire.text.nlp import load_nlp

    rows = [json.loads(x) for x in (train_dir() / "sentences.jsonl").open(encoding="utf-8")]
    lexicon = Lexicon.load()
    feats = featurize(load_nlp(), lexicon, [r["text"] for r in rows])
    counts = Counter(f for fs in feats for f in set(fs))
    vocab = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    classes = sorted({r["sub"] for r in rows})
    cidx = {c: i for i, c in enumerate(classes)}
    X = np.zeros((len(rows), len(vocab)), dtype=np.float64)
    for i, fs in enumerate(feats):
        for f in fs:
            if f in index:
                X[i, index[f]] = 1.0
    y = np.array([cidx[r["sub"]] for r in rows])
    W, b = fit(X, y, len(classes))
    acc = float(((X @ W + b).argmax(axis=1) == y).mean())
    out = Path(str(train_dir().parent / MODEL_FILE))
    np.savez_compressed(
        out,
        classes=np.array(classes),
        vocab=np.array(vocab),
        W=W.astype(np.float32),
        b=b.astype(np.float32),
    )
    print(
        f"{len(rows)} sentences, {len(vocab)} features, {len(classes)} classes, "
        f"train accuracy {acc:.3f} -> {out}"
    )


if __name__ == "__main__":
    main()
