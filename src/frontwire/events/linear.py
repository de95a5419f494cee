"""A small softmax-regression model over words and trigger hits, in pure numpy.

Trained only on sentences the team wrote (data/events/train/, see `frontwire.events.train`);
its weights ship in the package (data/events/model.npz). It re-weighs the sub-event types
the trigger lexicon proposed; it cannot propose one on its own.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from frontwire.events.doctokens import doc_parse, doc_tokens
from frontwire.events.lexicon import ROLE_PRIORITY, Hit, SentenceView

MODEL_FILE = "model.npz"
_STOP_WORDS = (
    "the a an of to in on at and or for by with from as that this be is are was were has have "
    "had it its their his her they he she who which said says say"
)
STOP = frozenset([*_STOP_WORDS.split(), ",", ".", ";", ":", "'", '"', "(", ")", "-", "--"])


@lru_cache(maxsize=65536)
def _has_letter(word: str) -> bool:
    return any(c.isalpha() for c in word)


SUBJECT_DEPS = ("nsubj", "nsubjpass")
NOUN_MODIFIERS = ("compound", "amod", "poss")


def subject_features(view: SentenceView) -> list[str]:
    """Who does what: the role class of each verb's subject, alone and with the verb's lemma
    ('sv=armed_take' against 'sv=state_take': the same words, another sub-event type). The
    role is the subject word's or a modifier's, the lexicon's priority deciding ('rebel
    forces' are armed)."""
    units = view.units
    if not units:
        return []
    doc = units[0].doc
    p, lemma = doc_parse(doc), doc_tokens(doc).lemma
    unit_of = view.token_unit
    out: list[str] = []
    for u in units:
        k = u.end - 1
        dep, verb = p.dep[k], p.head[k]
        if dep == "pobj" and p.dep[verb] == "agent":  # "taken by the army": the army acts
            dep, verb = "nsubj", p.head[verb]
        if dep not in SUBJECT_DEPS or p.pos[verb] not in ("VERB", "AUX"):
            continue
        found = {u.role} | {
            units[unit_of[c]].role
            for c in p.children[k]
            if p.dep[c] in NOUN_MODIFIERS and c in unit_of
        }
        role = next((r for r in ROLE_PRIORITY if r in found), None)
        if role is None:
            continue
        voice = "p" if dep == "nsubjpass" else "s"
        out += [f"{voice}={role}", f"{voice}v={role}_{lemma[verb]}"]
    return out


def features(view: SentenceView, hits: list[Hit]) -> list[str]:
    """Lemma unigrams and bigrams, trigger ids, role classes present, and the role classes
    of the verbs' subjects."""
    lem = [u.lemma for u in view.units if u.lemma not in STOP and _has_letter(u.lemma)]
    feats = [f"w={w}" for w in lem]
    feats += [f"b={a}_{b}" for a, b in zip(lem, lem[1:], strict=False)]
    feats += [f"t={h.trigger.id}" for h in hits]
    feats += [f"r={r}" for r in view.roles]
    feats += subject_features(view)
    return feats


class LinearModel:
    name = "linear-v1"

    def __init__(
        self,
        classes: list[str],
        vocab: list[str],
        W: np.ndarray,
        b: np.ndarray,
        *,
        mix: float | None = None,
        open_classes: bool = False,
    ):
        self.classes = classes
        self.index = {f: i for i, f in enumerate(vocab)}
        self.W = W
        self.b = b
        # how the classifier combines it with the triggers (None: the classifier's default);
        # `open_classes`: it may propose a type no trigger supports. A model trained on real,
        # labelled notes (a user's ACLED export) knows more than the lexicon; one trained on
        # templates does not, and only re-weighs the triggers' candidates.
        self.mix = mix
        self.open_classes = open_classes

    @classmethod
    def load(cls, path: Path | None = None) -> LinearModel | None:
        """The shipped model, or the local one at `path` (an error if it is missing: a
        configured model that silently falls back would mislead)."""
        if path is not None:
            if not Path(path).is_file():
                raise FileNotFoundError(f"events model not found: {path}")
            source = Path(path)
        else:
            source = resources.files("frontwire.data") / "events" / MODEL_FILE
            if not source.is_file():
                return None
        with source.open("rb") as fh:
            z = np.load(fh, allow_pickle=False)
            mix = float(str(z["meta_mix"])) if "meta_mix" in z.files else None
            open_classes = "meta_open" in z.files and str(z["meta_open"]) == "1"
            model = cls(
                list(z["classes"]),
                list(z["vocab"]),
                z["W"],
                z["b"],
                mix=mix,
                open_classes=open_classes,
            )
        if path is not None:
            model.name = "linear-local"
        return model

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

    def strongest_word(self, view: SentenceView, sub: str) -> int | None:
        """The unit whose lemma weighs most for `sub`: the evidence of a model-led decision."""
        if sub not in self.classes:
            return None
        c = self.classes.index(sub)
        best, best_w = None, 0.0
        for k, u in enumerate(view.units):
            i = self.index.get(f"w={u.lemma}")
            if i is not None and not u.skip and float(self.W[i, c]) > best_w:
                best, best_w = k, float(self.W[i, c])
        return best

    def predict_parts(self, parts: list[tuple[SentenceView, list[Hit]]]) -> dict[str, float]:
        feats: list[str] = []
        for view, hits in parts:
            feats += features(view, hits)
        return self.predict_feats(feats)
