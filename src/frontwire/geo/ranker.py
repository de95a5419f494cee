"""The learned choice among a mention's gazetteer candidates, with a "none of these" option
(the name is then left to the parser's handling of names no gazetteer holds).

A linear score per option (`geo/features.py` columns), a softmax per mention. The weights are
trained by `frontwire train geo` (`geo/train.py`) and ship as data/geo/ranker.json; the
`GeoParser` owns the loaded model and hands it to the resolver.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from frontwire.geo.features import CANDIDATE_COLUMNS, NULL_COLUMNS
from frontwire.geo.gazetteer import data_path

MODEL_FILE = "ranker.json"
NO_PLACE = -1


@dataclass
class Choice:
    index: int  # the chosen option, or NO_PLACE
    probability: float


class Chooser(Protocol):
    """The ranker, or a recorder of training data that stands in for it."""

    def choose(self, mention: object, candidates: list, options: np.ndarray, null: np.ndarray,
               hand: int) -> Choice: ...


class Ranker:
    def __init__(self, w_candidate: np.ndarray, w_null: np.ndarray, margin: float = 0.0
                 ) -> None:
        if w_candidate.shape != (len(CANDIDATE_COLUMNS),) or w_null.shape != (len(NULL_COLUMNS),):
            raise ValueError("ranker weights do not match the feature columns")
        self.w_candidate = w_candidate
        self.w_null = w_null
        # the hand-set pick stands unless another option is this much more probable
        self.margin = margin

    @classmethod
    def load(cls, path: Path | None = None) -> Ranker:
        path = path or data_path(MODEL_FILE)
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
            weights = [raw["candidate"][c] for c in CANDIDATE_COLUMNS]
            null = [raw["null"][c] for c in NULL_COLUMNS]
        except (OSError, ValueError, KeyError) as exc:
            raise ValueError(f"{path}: not a geo ranker model ({exc})") from exc
        return cls(np.asarray(weights, dtype=float), np.asarray(null, dtype=float),
                   float(raw.get("margin", 0.0)))

    def to_json(self, meta: dict) -> str:
        return json.dumps({
            **meta,
            "margin": round(self.margin, 3),
            "candidate": {c: round(float(w), 5) for c, w in zip(
                CANDIDATE_COLUMNS, self.w_candidate, strict=True)},
            "null": {c: round(float(w), 5) for c, w in zip(
                NULL_COLUMNS, self.w_null, strict=True)},
        }, indent=1, ensure_ascii=False) + "\n"

    def probabilities(self, options: np.ndarray, null: np.ndarray) -> np.ndarray:
        """Softmax over the options' scores and the no-place score (last)."""
        scores = np.append(options @ self.w_candidate, null @ self.w_null)
        scores -= scores.max()
        p = np.exp(scores)
        return p / p.sum()

    def choose(self, mention: object, candidates: list, options: np.ndarray, null: np.ndarray,
               hand: int) -> Choice:
        """The option to take (`mention`, `candidates` and `hand`, the hand-set pick, are for
        recorders of training data that stand in for the model)."""
        p = self.probabilities(options, null)
        best = int(p.argmax())
        held = hand if hand != NO_PLACE else len(p) - 1
        if p[best] - p[held] < self.margin:
            best = held
        return Choice(NO_PLACE if best == len(p) - 1 else best, float(p[best]))
