"""A small softmax-regression model over words and trigger hits, in pure numpy.

Trained only on sentences the team wrote (data/events/train/, see `frontwire.events.train`);
its weights ship in the package (data/events/model.npz). It re-weighs the sub-event types
the trigger lexicon proposed; it cannot propose one on its own.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import numpy as np

from frontwire.events.lexicon import Hit, SentenceView

MODEL_FILE = "model.npz"
_STOP_WORDS = (
    "the a an of to in on at and or for by with from as that this be is are was were has have "
    "had it its their his her they he she who which said says say"
)
STOP = frozenset([*_STOP_WORDS.split(), ",", ".", ";", ":", "'", '"', "(", ")", "-", "--"])


@lru_cache(maxsize=65536)
def _has_letter(word: str) -> bool:
    return any(c.isalpha() for c in word)


def features(view: SentenceView, hits: list[Hit]) -> list[str]:
    """Lemma unigrams and bigrams, trigger ids and role classes present."""
    lem = [u.lemma for u in view.units if u.lemma not in STOP and _has_letter(u.lemma)]
    feats = [f"w={w}" for w in lem]
    feats += [f"b={a}_{b}" for a, b in zip(lem, lem[1:], strict=False)]
    feats += [f"t={h.trigger.id}" for h in hits]
    feats += [f"r={r}" for r in view.roles]
    return feats


class LinearModel:
    name = "linear-v1"

    def __init__(self, classes: list[str], vocab: list[str], W: np.ndarray, b: np.ndarray):
        self.classes = classes
        self.index = {f: i for i, f in enumerate(vocab)}
        self.W = W
        self.b = b

    @classmethod
    def load(cls) -> LinearModel | None:
        path = resources.files("frontwire.data") / "events" / MODEL_FILE
        if not path.is_file():
            return None
        with path.open("rb") as fh:
            z = np.load(fh, allow_pickle=False)
            return cls(list(z["classes"]), list(z["vocab"]), z["W"], z["b"])

    def logits(self, feats: list[str]) -> np.ndarray:
        get = self.index.get
        idx = [i for i in map(get, feats) if i is not None]
        out = self.b.copy()
        if idx:
            out += self.W[idx].sum(axis=0)
        return out

    def predict_feats(self, feats: list[str]) -> dict[str, float]:
        z = self.logits(feats)
        z = np.exp(z - z.max())
        p = z / z.sum()
        return dict(zip(self.classes, p.tolist(), strict=True))

    def predict_parts(self, parts: list[tuple[SentenceView, list[Hit]]]) -> dict[str, float]:
        feats: list[str] = []
        for view, hits in parts:
            feats += features(view, hits)
        return self.predict_feats(feats)
