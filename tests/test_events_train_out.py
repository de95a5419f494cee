"""`python -m frontwire.events.train --out PATH` writes a candidate model to PATH, leaving the
shipped model.npz alone, so a retrained model can be measured before it replaces it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from frontwire.events import train
from frontwire.events.linear import MODEL_FILE

ROWS = [
    {"text": "Rebels shelled the town on Monday, killing two villagers.", "sub": "Shelling"},
    {"text": "Artillery shells hit the northern city overnight.", "sub": "Shelling"},
    {"text": "Police arrested four students in the capital on Friday.", "sub": "Arrests"},
    {"text": "Soldiers detained three traders at the market.", "sub": "Arrests"},
    {"text": "The minister opened a new school in the port city.", "sub": "NONE"},
    {"text": "Farmers sold their harvest at the market on Sunday.", "sub": "NONE"},
]


def test_out_writes_candidate_not_package_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the "package" is a temporary folder: even a failing run never touches the real model
    package = tmp_path / "events"
    monkeypatch.setattr(train, "train_dir", lambda: package / "train")
    monkeypatch.setattr(train, "team_rows", lambda: ROWS)
    out = tmp_path / "candidate.npz"
    train.main(["--out", str(out)])
    assert not (package / MODEL_FILE).exists()
    z = np.load(out)
    assert list(z["classes"]) == ["Arrests", "NONE", "Shelling"]
    assert "w=market" in list(z["vocab"])  # in two rows: over MIN_COUNT
    assert str(z["meta_data"]) == "team-written templates"
