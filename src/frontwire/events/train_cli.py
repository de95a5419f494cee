"""`frontwire train events --acled EXPORT.csv`: train a local sub-event model."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(help="Train local models from your own data.", no_args_is_help=True)
err = Console(stderr=True, soft_wrap=True)


@app.command("events")
def train_events(
    acled: Annotated[
        Path, typer.Option("--acled", help="your ACLED export (CSV with notes, sub_event_type)")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", help="model file (default: the user data dir, never the package)"),
    ] = None,
    folds: Annotated[
        int, typer.Option(help="also report k-fold cross-validated figures (0: skip)")
    ] = 0,
    per_type: Annotated[int, typer.Option(help="notes kept per sub-event type at most")] = 300,
    open_classes: Annotated[
        bool,
        typer.Option(
            "--open-classes",
            help="let the model propose types no trigger word supports (better on text like "
            "ACLED's own notes, worse on news)",
        ),
    ] = False,
    model: Annotated[str | None, typer.Option(help="spaCy model (default: configured)")] = None,
) -> None:
    """Train the event classifier's linear model on an ACLED export plus the team-written
    sentences. The model stays on this machine: use it with FRONTWIRE_EVENTS_MODEL=PATH."""
    from frontwire.events.acled_train import default_model_path, train_local
    from frontwire.events.classifier import MODEL_ENV
    from frontwire.text.nlp import load_nlp

    if not acled.is_file():
        err.print(f"[red]{acled}: no such file[/red]")
        raise typer.Exit(2)
    target = out or default_model_path()
    try:
        res = train_local(
            acled,
            target,
            load_nlp(model),
            per_type=per_type,
            folds=folds,
            open_classes=open_classes,
        )
    except ValueError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(res.per_type.items(), key=lambda kv: -kv[1]))
    err.print(
        f"{res.acled_rows} ACLED notes ({kinds}) + {res.team_rows} team-written sentences; "
        f"left out: {res.left_out_sample} in the measurement sample, "
        f"{res.left_out_unknown} without notes or a known sub-event type"
    )
    if res.cv:
        cv = res.cv
        err.print(
            f"{cv['folds']}-fold CV on the export's notes (sub-event type): weighted F1 "
            f"{cv['weighted_f1']:.3f}, accuracy {cv['accuracy']:.3f} with the model weight "
            f"{cv['mix']} chosen among {cv['by_mode']} (open classes); the model only "
            "re-weighing the "
            f"triggers: {cv['closed_weighted_f1']:.3f} / {cv['closed_accuracy']:.3f}; the model "
            f"alone: {cv['model_alone_weighted_f1']:.3f} / {cv['model_alone_accuracy']:.3f}"
        )
    err.print(
        f"model -> {res.out}; use it with --events-model {res.out} "
        f"(extract, run) or {MODEL_ENV}={res.out}"
    )


# `frontwire train geo`: the geoparser's candidate ranker (its command lives in geo/cli.py)
from frontwire.geo.cli import train_geo  # noqa: E402

app.command("geo")(train_geo)
