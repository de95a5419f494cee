"""Reading the versioned data files under src/frontwire/data/."""

from __future__ import annotations

import json
import tomllib
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable
from typing import Any


def data_file(*parts: str) -> Traversable:
    return resources.files("frontwire").joinpath("data", *parts)


@lru_cache(maxsize=64)
def load_data(*parts: str) -> Any:
    """A JSON or TOML data file, parsed once per process."""
    path = data_file(*parts)
    text = path.read_text("utf-8")
    return tomllib.loads(text) if path.name.endswith(".toml") else json.loads(text)
