"""`frontwire train events --acled`: a local model from a user's ACLED export, and the
measurement sample it must leave out. The CSV rows are written by the team (ACLED's column
names, invented events)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from frontwire.cli import app
from frontwire.eval.acled_sample import TYPE_ROWS, in_frames_sample
from frontwire.events import acled_train
from frontwire.events.classifier import MODEL_ENV, SentenceClassifier
from frontwire.events.linear import LinearModel

COLUMNS = ["event_id_cnty", "country", "event_type", "sub_event_type", "notes"]
NOTES = {
    "Peaceful protest": [
        "On 3 May 2024, teachers marched to the education office in Velmora demanding unpaid "
        "salaries.",
        "On 9 May 2024, farmers held a rally outside the district office in Ostrava Nova over "
        "fertiliser prices.",
        "On 11 May 2024, students formed a human chain on the campus road to demand safer "
        "transport.",
        "On 14 May 2024, market traders demonstrated peacefully against a new stall fee.",
    ],
    "Armed clash": [
        "On 4 May 2024, soldiers clashed with militants near Karvash village. Two militants "
        "were killed.",
        "On 8 May 2024, rebels attacked an army post in Dumeli and exchanged fire with troops "
        "for two hours.",
        "On 12 May 2024, police and gunmen exchanged fire on the road to Tessalit Nord.",
        "On 15 May 2024, militia fighters fought the army on the outskirts of Brenu.",
    ],
    "Abduction/forced disappearance": [
        "On 5 May 2024, gunmen kidnapped three traders on the highway near Olumo.",
        "On 10 May 2024, armed men abducted a village chief from his home in Sabongida Nord.",
        "On 13 May 2024, militants seized two aid workers and took them to an unknown location.",
        "On 16 May 2024, unidentified armed men kidnapped a nurse near the clinic in Akpeti.",
    ],
}


def _write_export(path: Path, extra: list[dict] | None = None) -> Path:
    rows = []
    for sub, notes in NOTES.items():
        for k, note in enumerate(notes):
            rows.append(
                {
                    "event_id_cnty": f"TST{len(rows) + 1}",
                    "country": ["Ruritania", "Freedonia"][k % 2],
                    "event_type": "",
                    "sub_event_type": sub,
                    "notes": note,
                }
            )
    rows += extra or []
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def few_team_rows(monkeypatch):
    """A handful of team-written sentences instead of the packaged thousands (speed)."""
    rows = [
        {"text": "The two foreign ministers met to discuss trade.", "sub": "NONE"},
        {"text": "An earthquake damaged hundreds of homes in the valley.", "sub": "NONE"},
    ]
    monkeypatch.setattr(acled_train, "team_rows", lambda: rows)
    return rows


def test_measurement_sample_is_stratified_and_row_local():
    ids = [f"XYZ{i}" for i in range(20000)]

    def count(sub: str) -> int:
        return sum(in_frames_sample({"event_id_cnty": i, "sub_event_type": sub}) for i in ids)

    common, rare = count("Peaceful protest"), count("Grenade")
    # about 20 of each type in the shared file: a rate near 20/18341 and 20/183
    assert 5 < common < 60
    assert 20000 * 20 / TYPE_ROWS["Grenade"] * 0.7 < rare < 20000 * 20 / TYPE_ROWS["Grenade"] * 1.3
    row = {"event_id_cnty": "SOM1", "sub_event_type": "Suicide bomb"}
    assert in_frames_sample(row) and in_frames_sample(dict(row))  # fewer than 20: all of them
    assert not in_frames_sample({**row, "eval_overlap_flag": "ukraine_in_x"})
    assert in_frames_sample({**row, "eval_overlap_flag": "None"})  # exported nulls


def test_select_rows_caps_types_spreads_countries_and_leaves_out_the_sample(tmp_path):
    from frontwire.events.taxonomy import Taxonomy

    many = [
        {
            "event_id_cnty": f"A{i}",
            "country": "Ruritania" if i < 90 else "Freedonia",
            "sub_event_type": "Peaceful protest",
            "notes": f"Note {i} about a rally.",
        }
        for i in range(100)
    ]
    bomb = {
        "event_id_cnty": "B1",
        "country": "Freedonia",
        "sub_event_type": "Suicide bomb",
        "notes": "A suicide bomber struck a checkpoint.",
    }
    odd = {
        "event_id_cnty": "C1",
        "country": "Freedonia",
        "sub_event_type": "Riot season",
        "notes": "Something.",
    }
    sel = acled_train.select_rows([*many, bomb, odd], Taxonomy.load(), per_type=20)
    assert sel.left_out_unknown == 1
    assert sel.left_out_sample >= 1 and all(r["event_id_cnty"] != "B1" for r in sel.rows)
    kept = [r for r in sel.rows if r["sub_event_type"] == "Peaceful protest"]
    assert len(kept) == 20
    # round-robin over countries: the small country is not drowned by the large one
    assert sum(r["country"] == "Freedonia" for r in kept) == 10


def test_train_events_command_writes_a_local_model_used_when_configured(
    tmp_path, monkeypatch, nlp, few_team_rows
):
    bomb = {
        "event_id_cnty": "SB1",
        "country": "Freedonia",
        "event_type": "",
        "sub_event_type": "Suicide bomb",
        "notes": "A suicide bomber hit a checkpoint.",
    }
    export = _write_export(tmp_path / "export.csv", [bomb])
    out = tmp_path / "models" / "events.npz"
    result = CliRunner().invoke(app, ["train", "events", "--acled", str(export), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "12 ACLED notes" in result.output and "1 in the measurement sample" in result.output
    with np.load(out, allow_pickle=False) as z:
        classes = set(z["classes"].tolist())
    assert classes == {*NOTES, "NONE"}  # the sample's suicide bombing was not trained on
    monkeypatch.setenv(MODEL_ENV, str(out))
    clf = SentenceClassifier.load()
    assert clf.model is not None and clf.model.name == "linear-local"
    probs = clf.model.predict_parts(
        clf.prepare(nlp("On 20 May 2024, gunmen kidnapped two farmers near Olumo.")[:])[0]
    )
    assert max(probs, key=probs.get) == "Abduction/forced disappearance"


def test_train_events_rejects_a_file_that_is_not_an_acled_export(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("text,label\nhello,1\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["train", "events", "--acled", str(bad), "--out", str(tmp_path / "m.npz")]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "m.npz").exists()


def test_a_configured_model_that_is_missing_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "nowhere.npz"))
    with pytest.raises(FileNotFoundError):
        SentenceClassifier.load()
    monkeypatch.delenv(MODEL_ENV)
    assert LinearModel.load().name == "linear-v1"  # the shipped one


def test_cross_validation_reports_held_out_figures(tmp_path, nlp, few_team_rows):
    export = _write_export(tmp_path / "export.csv")
    res = acled_train.train_local(export, tmp_path / "m.npz", nlp, folds=2, epochs=60)
    assert res.cv is not None and res.cv["folds"] == 2
    assert 0.0 <= res.cv["weighted_f1"] <= 1.0 and 0.0 <= res.cv["accuracy"] <= 1.0
    assert res.acled_rows == 12 and res.team_rows == 2


def test_an_open_local_model_may_name_a_type_no_trigger_supports(nlp):
    doc = nlp("The clan elders met the district commissioner under the old fig tree at noon.")
    weights = np.array([[6.0, 0.0]])
    clf = SentenceClassifier.load(use_model=False)
    clf.model = LinearModel(["Agreement", "NONE"], ["w=elder"], weights, np.zeros(2))
    assert clf.classify(doc[:]) is None  # closed: no trigger word, no event
    clf.model = LinearModel(
        ["Agreement", "NONE"], ["w=elder"], weights, np.zeros(2), mix=2.0, open_classes=True
    )
    res = clf.classify(doc[:])
    assert res is not None and res.sub_event_type == "Agreement"
    assert res.trigger.text == "elders" and "proposed" in res.rule
