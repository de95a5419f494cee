"""Reading the versioned data files under src/frontwire/data/.

Nothing here is cached: a file is read each time it is asked for, and whoever asks owns
what it gets (rule 3: the `Pipeline`, or the object it loads once, holds its resources; a
module-level cache would outlive them and hide a changed file from a new `Pipeline`).
"""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from importlib.abc import Traversable
from typing import Any


def data_file(*parts: str) -> Traversable:
    return resources.files("frontwire").joinpath("data", *parts)


def load_data(*parts: str) -> Any:
    """A JSON or TOML data file, parsed afresh: call it when loading, never per article."""
    path = data_file(*parts)
    text = path.read_text("utf-8")
    return tomllib.loads(text) if path.name.endswith(".toml") else json.loads(text)
