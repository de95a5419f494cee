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
    # The same rule as a feed with a bad entry: reports made, the failure said on stderr.
    assert result.exit_code == 0
    assert "in.jsonl:2: no text" in result.stderr


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
    assert {"Avdiivka", "Avdijivka", "Avdiyivka"} <= set(avdiivka[0]["spellings"])


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


# -- command-line edges (issue 17) ------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
KUPIANSK = (
    "Russian forces shelled Kupiansk on Tuesday, killing two civilians and wounding five, the "
    "regional governor said. A school and a hospital in the centre of the town were damaged."
)


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _feed(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>Report {guid}</title><link>https://example.org/{guid}</link>"
        f"<guid>{guid}</guid><pubDate>Tue, 12 Mar 2024 10:00:00 GMT</pubDate>"
        f"<description>{body}</description></item>"
        for guid, body in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Eastern Monitor</title>'
        f"{entries}</channel></rss>"
    )


def test_version_comes_from_the_package_metadata(runner: CliRunner) -> None:
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"frontwire {version('frontwire')}"


@pytest.mark.parametrize("command", [["run", "{input}"], ["failures"], ["delete", "abcdef"]])
def test_a_bad_db_is_one_line_and_exit_2(runner: CliRunner, tmp_path: Path, command) -> None:
    text = tmp_path / "k.txt"
    text.write_text(KUPIANSK, encoding="utf-8")
    not_a_ledger = tmp_path / "notes.db"
    not_a_ledger.write_text("these are notes, not a database\n" * 50, encoding="utf-8")
    args = [c.replace("{input}", str(text)) for c in command]
    for db in (
        str(tmp_path / "missing-dir" / "x.db"),
        str(not_a_ledger),
        "postgresql://frontwire@127.0.0.1:9/none?connect_timeout=2",
    ):
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 2, (db, result.output)
        lines = _lines(result.stderr)
        assert len(lines) == 1 and "Traceback" not in result.output, result.output
        assert db.split("?")[0].split("@")[-1][:12] in lines[0] or db[:20] in lines[0]


def _report_of(db: Path, ref: str):
    from frontwire.ledger.store import open_ledger

    with open_ledger(db) as ledger:
        [article_id] = ledger.find_articles(ref)
        return ledger.report(article_id)


def test_run_replace_re_processes_with_new_metadata(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    path = tmp_path / "kupiansk.txt"
    path.write_text(KUPIANSK, encoding="utf-8")
    first = runner.invoke(app, ["run", str(path), "--db", str(db)])
    assert first.exit_code == 0, first.output
    article_id = next(iter(_ids(db)))
    assert _report_of(db, article_id).article.published is None

    meta = ["--published", "2024-03-12", "--source", "NOS"]
    again = runner.invoke(app, ["run", str(path), *meta, "--db", str(db)])
    assert "1 already in the ledger" in again.stderr
    assert _report_of(db, article_id).article.published is None, "left as it is"

    replaced = runner.invoke(app, ["run", str(path), *meta, "--replace", "--db", str(db)])
    assert replaced.exit_code == 0, replaced.output
    assert "1 added or replaced" in replaced.stderr
    report = _report_of(db, article_id)
    assert report.article.published.isoformat() == "2024-03-12"
    assert report.article.source == "NOS"
    assert any(e.event_date and e.event_date.isoformat() == "2024-03-12" for e in report.events)
    assert _ids(db) == {article_id}


def _ids(db: Path) -> set[str]:
    from frontwire.ledger.store import open_ledger

    with open_ledger(db) as ledger:
        return {r.article.id for r in ledger.reports()}


def test_delete_by_input_id_prefix_or_url(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    assert runner.invoke(app, ["run", str(example_corpus()), "--db", str(db)]).exit_code == 0
    before = _ids(db)
    kharkiv = _report_of(db, "wire-2024-05-11-kharkiv").article
    chasiv = _report_of(db, "https://example.org/monitor/chasiv-yar").article
    result = runner.invoke(
        app,
        [
            "delete",
            "wire-2024-05-11-kharkiv",
            chasiv.id[:8],
            "no-such-article",
            "--db",
            str(db),
        ],
    )
    lines = _lines(result.stderr)
    assert len(lines) == 3, result.stderr
    assert lines[0].startswith("wire-2024-05-11-kharkiv") and lines[0].endswith("deleted")
    assert chasiv.id in lines[1] and lines[1].endswith("deleted")
    assert lines[2].startswith("no-such-article") and "not found" in lines[2]
    assert result.exit_code == 1, "one reference was not found"
    assert _ids(db) == before - {kharkiv.id, chasiv.id}


def test_failures_lists_one_row_per_input_and_reason(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    good = tmp_path / "kupiansk.txt"
    good.write_text(KUPIANSK, encoding="utf-8")
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    dutch = tmp_path / "nos.txt"
    dutch.write_text(
        "Twee soldaten zijn gedood bij een aanval op het dorp, zegt het leger. Volgens de "
        "burgemeester is de stroom in de hele stad uitgevallen.",
        encoding="utf-8",
    )
    for _ in range(2):
        result = runner.invoke(app, ["run", str(good), str(bad), str(dutch), "--db", str(db)])
        assert result.exit_code == 0, result.output
    rows = json.loads(runner.invoke(app, ["failures", "--db", str(db), "-f", "json"]).stdout)
    by_input = {row["input"]: row for row in rows}
    assert set(by_input) == {str(bad), str(dutch)}
    assert by_input[str(dutch)]["reason"] == "language nl not handled yet"
    assert all(row["count"] == 2 and row["last_at"] for row in rows)
    table = runner.invoke(app, ["failures", "--db", str(db)])
    assert table.exit_code == 0 and "language nl not handled yet" in table.stdout


def test_feed_and_corpus_with_a_bad_item_behave_alike(runner: CliRunner, tmp_path: Path) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(_feed([("k-1", KUPIANSK), ("k-2", "")]), encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"id": "k-1", "text": KUPIANSK}) + "\n{not json\n", encoding="utf-8"
    )
    for path in (feed, corpus):
        result = runner.invoke(app, ["run", str(path), "--db", str(tmp_path / "l.db")])
        assert result.exit_code == 0, (path, result.output)
        assert "1 failed" in result.stderr
    only_bad = tmp_path / "bad.jsonl"
    only_bad.write_text("{not json\n", encoding="utf-8")
    assert runner.invoke(app, ["run", str(only_bad), "--db", str(tmp_path / "b.db")]).exit_code == 2

    failing = runner.invoke(app, ["extract", str(feed), "--format", "json"])
    assert failing.exit_code == 0, failing.output
    assert "k-2" in failing.stderr or "#2" in failing.stderr
    whole = tmp_path / "whole.rss"
    whole.write_text(_feed([("k-1", KUPIANSK)]), encoding="utf-8")
    fine = runner.invoke(app, ["extract", str(whole), "--format", "json"])
    for result in (failing, fine):
        reports = json.loads(result.stdout)
        assert isinstance(reports, list) and len(reports) == 1, "always an array for a feed"
        assert reports[0]["article"]["url"] == "https://example.org/k-1"


def test_files_of_unknown_kinds_in_a_folder_are_said_to_be_skipped(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    (folder / "scans").mkdir(parents=True)
    (folder / "kupiansk.txt").write_text(KUPIANSK, encoding="utf-8")
    (folder / "scans" / "page1.pdf").write_bytes(b"%PDF-1.4")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / ".hidden").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["run", str(folder), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 0, result.output
    skipped = [line for line in _lines(result.stderr) if "skipped" in line]
    assert len(skipped) == 1, result.stderr
    assert "skipped 2 files with no known extension" in skipped[0]
    assert "notes.docx" in skipped[0] and str(folder) in skipped[0]
    assert "1 added" in result.stderr


def test_eval_says_where_gold_comes_from(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    missing = tmp_path / "no-gold"
    result = runner.invoke(app, ["eval", "geo", "--gold-dir", str(missing)])
    assert result.exit_code == 2
    [line] = _lines(result.stderr)
    assert str(missing) in line and "--gold-dir" in line and "GeoWebNews" in line
    monkeypatch.setenv("FRONTWIRE_EVAL_DIR", str(tmp_path))
    result = runner.invoke(app, ["eval", "events"])
    assert result.exit_code == 2
    [line] = _lines(result.stderr)
    assert str(tmp_path) in line and "events_*.jsonl" in line


def test_no_absolute_checkout_paths_in_the_code() -> None:
    for path in [*(REPO / "src").rglob("*.py"), *(REPO / "tests").rglob("*.py")]:
        if path.name == "test_cli.py":
            continue
        assert "/work/" not in path.read_text("utf-8"), path


def _readme_commands() -> list[list[str]]:
    import shlex

    readme = (REPO / "README.md").read_text("utf-8")
    blocks = readme.split("```bash")[1:]
    lines = [line for block in blocks for line in block.split("```")[0].splitlines()]
    return [shlex.split(line, comments=True) for line in lines if line.startswith("frontwire ")]


def test_readme_examples_run_as_written(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    for name in ("examples", "src"):
        (tmp_path / name).symlink_to(REPO / name)
    monkeypatch.chdir(tmp_path)
    commands = _readme_commands()
    assert len(commands) >= 8 and commands[0][:3] == [
        "frontwire",
        "extract",
        "examples/kharkiv.txt",
    ]
    for words in commands:
        args = words[1:]
        target = None
        if ">" in args:
            at = args.index(">")
            args, target = args[:at], args[at + 1]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (words, result.output)
        if target:
            Path(target).write_text(result.stdout, encoding="utf-8")
    assert Path("events.csv").stat().st_size > 0
    assert len(Path("reports.jsonl").read_text("utf-8").splitlines()) == 6
