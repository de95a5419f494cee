"""The command line end to end, on the team's example articles."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwire.cli import app
from frontwire.examples import example_corpus


@pytest.fixture(scope="module")
def runner(pipeline) -> CliRunner:
    # The session's pipeline fixture has loaded the model; the CLI reuses the cached load.
    return CliRunner()


def test_extract_text_file_gives_report_json(
    runner: CliRunner, tmp_path: Path, example_articles
) -> None:
    article = example_articles["wire-2024-05-11-kharkiv"]
    path = tmp_path / "kharkiv.txt"
    path.write_text(article.text, encoding="utf-8")
    result = runner.invoke(
        app, ["extract", str(path), "--published", "2024-05-11", "--source", "Frontline Wire"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["article"]["published"] == "2024-05-11"
    assert report["article"]["source"] == "Frontline Wire"
    for key in ("places", "events", "claims", "figures", "contradictions"):
        assert isinstance(report[key], list)
    kharkiv = [p for p in report["places"] if p["name"] == "Kharkiv"]
    assert kharkiv and kharkiv[0]["country_code"] == "UA"
    for mention in kharkiv[0]["mentions"]:
        assert article.text[mention["start"] : mention["end"]] == mention["text"]


def test_extract_bad_input_is_one_line_and_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(path) in lines[0] and "binary" in lines[0]


def test_extract_jsonl_keeps_ids_and_order_with_errors(runner: CliRunner, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in example_corpus().read_text("utf-8").splitlines()][:2]
    rows.insert(1, {"id": "broken", "text": ""})
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "jsonl"])
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [r["id"] for r in rows]
    assert "error" in out[1] and "events" in out[0] and "events" in out[2]
    assert result.exit_code == 1, "a failed line is reported in the exit status"


def test_run_fills_ledger_idempotently_and_exports(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    first = runner.invoke(app, ["run", str(example_corpus()), str(bad), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "6 added" in first.stderr and "1 failed" in first.stderr
    again = runner.invoke(app, ["run", str(example_corpus()), "--db", str(db)])
    assert "0 added, 6 already in the ledger" in again.stderr

    events = json.loads(runner.invoke(app, ["events", "--db", str(db), "-f", "json"]).stdout)
    assert events, "the examples report shelling and strikes"
    assert any(e["n_sources"] >= 1 and e["place"] for e in events)

    out = tmp_path / "events.csv"
    result = runner.invoke(
        app, ["export", "--db", str(db), "--format", "acled-csv", "--out", str(out)]
    )
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert rows and all(r["event_type"] and r["event_date"] for r in rows)

    places = json.loads(runner.invoke(app, ["places", "--db", str(db), "-f", "json"]).stdout)
    avdiivka = [p for p in places if p["geonameid"] == 713122]  # Avdiivka, Donetsk oblast
    assert avdiivka and avdiivka[0]["n_articles"] == 2
    assert {"Avdiivka", "Avdijivka", "Avdiyivka"} <= set(avdiivka[0]["spellings"].split(","))


def test_schema_describes_the_report(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert {"article", "places", "events", "claims", "figures"} <= set(schema["properties"])


def test_demo_runs_into_a_fresh_ledger(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    db.write_text("stale", encoding="utf-8")
    result = runner.invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Events" in result.stdout and "Claims" in result.stdout
    assert "Contradictions" in result.stdout
